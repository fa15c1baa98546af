package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCompare(t *testing.T) {
	t.Parallel()
	// The older report was classified before the site had a policy.
	old := classifyWith(t, portal(t), "", "", "v1.2.2")
	cur := audited(t)
	// The older report had the first three findings of the newer one.
	old.Findings = append([]Finding(nil), cur.Findings[:3]...)
	added := len(cur.Findings) - 3
	// A month later: the same lifetimes, read from a later start.
	shift := func(p *time.Time) *time.Time {
		if p == nil {
			return nil
		}
		v := p.Add(31 * 24 * time.Hour)
		return &v
	}
	cur.StartedAt = cur.StartedAt.Add(31 * 24 * time.Hour)
	for i := range cur.Cookies {
		c := &cur.Cookies[i]
		c.Expires, c.RequestedExpires, c.SetAt = shift(c.Expires), shift(c.RequestedExpires), shift(c.SetAt)
	}
	// _gid removed, _fbp added, lang lives longer, IDE now third→first.
	cur.Cookies = append(cur.Cookies[:3], cur.Cookies[4:]...)
	fbp := cur.Cookies[2]
	fbp.Name = "_fbp"
	cur.Cookies = append(cur.Cookies, fbp)
	for i := range cur.Cookies {
		c := &cur.Cookies[i]
		switch c.Name {
		case "lang":
			v := c.RequestedExpires.AddDate(1, 0, 0)
			c.RequestedExpires = &v
		case "IDE":
			c.Party = "first"
		}
	}
	d := Compare("old.json", old, "new.json", cur)

	names := func(cs []Cookie) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return out
	}
	if diff := cmp.Diff([]string{"_fbp"}, names(d.CookiesAdded)); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"_gid"}, names(d.CookiesRemoved)); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	want := []CookieChange{
		{Name: "sessionid", Domain: "www.portal.test", Path: "/", Changes: []FieldChange{{"declared", "false", "true"}}},
		{Name: "csrftoken", Domain: "www.portal.test", Path: "/", Changes: []FieldChange{{"declared", "false", "true"}}},
		{Name: "_pk_ses.1.abcd", Domain: "www.portal.test", Path: "/", Changes: []FieldChange{{"declared", "false", "true"}}},
		{Name: "lang", Domain: "www.portal.test", Path: "/explore", Changes: []FieldChange{{"lifetime", "14d", "12mo"}, {"declared", "false", "true"}}},
		{Name: "consent", Domain: "www.portal.test", Path: "/", Changes: []FieldChange{{"declared", "false", "true"}}},
		{Name: "IDE", Domain: "tracker.test", Path: "/", Changes: []FieldChange{{"party", "third", "first"}, {"category", "marketing", "necessary"}, {"declared", "false", "true"}}},
	}
	if diff := cmp.Diff(want, d.CookiesChanged); diff != "" {
		t.Errorf("changed (-want +got):\n%s", diff)
	}
	if len(d.FindingsAdded) != added || len(d.FindingsRemoved) != 0 || !d.Added() {
		t.Errorf("findings added %d, removed %d", len(d.FindingsAdded), len(d.FindingsRemoved))
	}

	back := Compare("new.json", cur, "old.json", old)
	if back.Added() != true || len(back.FindingsRemoved) != added || len(back.CookiesAdded) != 1 {
		t.Errorf("reverse diff: %+v", back)
	}
	same := Compare("a", cur, "b", cur)
	if !same.Empty() || same.Added() {
		t.Errorf("a report differs from itself: %+v", same)
	}

	var buf bytes.Buffer
	if err := WriteDiffText(&buf, d); err != nil {
		t.Fatal(err)
	}
	golden(t, "diff.text.golden", buf.Bytes())
	buf.Reset()
	if err := WriteDiffJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"cookiesAdded", "cookiesRemoved", "cookiesChanged", "findingsAdded", "findingsRemoved"} {
		if _, ok := doc[k].([]any); !ok {
			t.Errorf("%s is not an array", k)
		}
	}
}
