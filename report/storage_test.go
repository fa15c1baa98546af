package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
)

// storageTwin is a scan with a cookie and a localStorage key of the same
// name on the same host, both tracking before consent, classified without
// a policy.
func storageTwin(t testing.TB) *Report {
	t.Helper()
	const page = "https://www.example.org/"
	ck := observed(t, "ajs_anonymous_id=1; Max-Age=31536000", crawler.FirstParty, crawler.SetByScript, page+"analytics.js", page)
	ck.Phases = []crawler.Phase{crawler.BeforeConsent}
	res := &crawler.Result{
		Target: page, StartedAt: start, Cookies: []crawler.Cookie{ck},
		Storage: []crawler.StorageItem{{Kind: crawler.LocalStorage, Origin: "https://www.example.org", Key: "ajs_anonymous_id",
			SetBy: crawler.SetByScript, Source: page + "analytics.js", FirstSeenOn: page, Phases: []crawler.Phase{crawler.BeforeConsent}}},
	}
	kb, err := classifier.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cl := classifier.Classify(res.Cookies, nil, kb, classifier.Options{Site: page, Storage: res.Storage})
	return New(res, Options{Classification: &cl})
}

// TestStorageFindingIsNoCookies checks that a finding about a storage key
// is never taken for a finding about the cookie of the same name: not in
// the cookie's JUnit test case nor its HTML findings count, and its
// fingerprint, recomputed for a report that lacks it, holds the kind of
// storage.
func TestStorageFindingIsNoCookies(t *testing.T) {
	t.Parallel()
	rep := storageTwin(t)
	if len(rep.Findings) != 2 {
		t.Fatalf("findings %+v, want a before-consent and a storage-before-consent", rep.Findings)
	}
	ck, st := rep.Findings[0], rep.Findings[1]
	if AboutStorage(ck) || !AboutStorage(st) || st.Storage != "localStorage" || st.Origin != "https://www.example.org" {
		t.Fatalf("findings %+v and %+v: want the second only about storage", ck, st)
	}
	if !aboutCookie(ck, rep.Cookies[0]) || aboutCookie(st, rep.Cookies[0]) {
		t.Errorf("aboutCookie: %v for the cookie's finding, %v for the key's; want true, false",
			aboutCookie(ck, rep.Cookies[0]), aboutCookie(st, rep.Cookies[0]))
	}
	if hc := newHTMLCookie(rep, rep.Cookies[0]); hc.Findings != 1 {
		t.Errorf("the cookie's HTML row counts %d findings, want 1 (its own)", hc.Findings)
	}
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `type="storage-before-consent"`) || strings.Count(buf.String(), "<failure") != 3 {
		t.Errorf("JUnit: want the cookie's case, before-consent's and storage-before-consent's failing:\n%s", buf.String())
	}
	want := st.Fingerprint
	st.Fingerprint = ""
	if got := FindingFingerprint(rep.Target, st); got != want {
		t.Errorf("recomputed fingerprint %s, want the classifier's %s", got, want)
	}
	if subject(st) != "localStorage ajs_anonymous_id" {
		t.Errorf("subject %q, want the kind of storage and the key", subject(st))
	}
}
