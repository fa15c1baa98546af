package crawler

import (
	"encoding/base64"
	"testing"
)

func TestWithoutLocked(t *testing.T) {
	const u = "https://www.example.test/|"
	keyed := `{"site-necessary":true,"site-preferences":true,"site-analytics":false,"site-marketing":false}`
	nested := `{"consents":{"necessary":true,"preferences":true,"statistics":false,"marketing":false}}`
	for _, tc := range []struct {
		name   string
		record string
		locked []string
		want   string
	}{
		{"a refusal that keeps a purpose the banner ticks and disables", keyed, []string{"site-necessary", "site-preferences"}, stateRejected},
		{"the same refusal, the banner holding nothing as required", keyed, nil, ""},
		{"the same refusal, another purpose locked", keyed, []string{"site-other"}, ""},
		{"a locked purpose nested under the list's key, matched in any case", nested, []string{"Preferences"}, stateRejected},
		{"a list of the purposes granted holding only a locked one beside the necessary", `["necessary","preferences"]`, []string{"preferences"}, stateRejected},
		{"a list that grants an optional purpose beside the locked one is no refusal", `["necessary","preferences","statistics"]`, []string{"preferences"}, stateAccepted},
		{"an accept, every purpose on", `{"site-necessary":true,"site-preferences":true,"site-analytics":true,"site-marketing":true}`, []string{"site-preferences"}, stateAccepted},
		{"purposes kept with their checksums, one locked beside the necessary", `{"groups":{"essential":{"checksum":"1a2b3c4d"},"admin":{"checksum":"5e6f7a8b"}}}`, []string{"essential-cookies", "admin-cookies", "essential", "admin"}, stateRejected},
		{"the same, nothing locked", `{"groups":{"essential":{"checksum":"1a2b3c4d"},"admin":{"checksum":"5e6f7a8b"}}}`, nil, ""},
		{"a record in Base64", base64.StdEncoding.EncodeToString([]byte(keyed)), []string{"site-necessary", "site-preferences"}, stateRejected},
	} {
		t.Run(tc.name, func(t *testing.T) {
			after := withoutLocked(map[string]string{u + "cookie:site_consent": tc.record}, tc.locked)
			if got := recordChoice(nil, after, otherClick); got != tc.want {
				t.Errorf("recordChoice(%s, locked %q) = %q, want %q (read as %s)", tc.record, tc.locked, got, tc.want, after[u+"cookie:site_consent"])
			}
		})
	}
	// A record that names no locked purpose, and one not in JSON, are
	// left as they are.
	in := map[string]string{u + "cookie:a": `{"analytics":false}`, u + "cookie:b": "preferences:1|analytics:0"}
	out := withoutLocked(in, []string{"preferences"})
	for k, v := range in {
		if out[k] != v {
			t.Errorf("withoutLocked changed %s: %q -> %q", k, v, out[k])
		}
	}
}
