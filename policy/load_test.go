package policy

import (
	"errors"
	"testing"
)

func TestLoad(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		data   string
		layout string // of the first declaration; "" for a policy file
	}{
		{"cookies.html", string(readTestdata(t, "cookiebot.html")), LayoutCookiebot},
		{"saved-page", string(readTestdata(t, "onetrust.html")), LayoutOneTrust},
		{"onetrust.json", string(readTestdata(t, "onetrust-domain.json")), LayoutOneTrustJSON},
		{"groups.json", `{"Groups": [{"GroupName": "Performance", "Cookies": [{"Name": "_ga"}]}]}`, LayoutOneTrustJSON},
		{"policy.json", string(readTestdata(t, "policy.json")), ""},
		{"policy.yaml", string(readTestdata(t, "policy.yaml")), ""},
		{"policy", "\ufeffcookies:\n  - name: a\n    category: necessary\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := Load(tt.name, []byte(tt.data), ExtractOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Cookies[0].Source.Layout; got != tt.layout {
				t.Errorf("Load(%q): first declaration's layout = %q, want %q", tt.name, got, tt.layout)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	_, err := Load("empty.html", nil, ExtractOptions{})
	if !errors.Is(err, ErrNoDeclarations) {
		t.Errorf("Load(empty.html) error = %v, want ErrNoDeclarations", err)
	}
	_, err = Load("policy.yaml", []byte("cookies: [\n"), ExtractOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 1 {
		t.Errorf("Load(policy.yaml) error = %#v, want a *ParseError on line 1", err)
	}
}
