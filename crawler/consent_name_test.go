package crawler

import "testing"

// TestNameLate holds the naming of a banner of no known markup, found
// before the platform's script behind it had loaded, to the platform a
// later phase found once its choice was verified.
func TestNameLate(t *testing.T) {
	verified := func(platform string) ConsentAction {
		return ConsentAction{Platform: platform, Clicked: true, Verified: true}
	}
	unverified := ConsentAction{Platform: "didomi", Clicked: true}
	for _, tc := range []struct {
		name    string
		banner  string
		actions []ConsentAction
		want    string
	}{
		{"both phases found it", "generic", []ConsentAction{verified("onetrust"), verified("onetrust")}, "onetrust"},
		{"one phase found it", "generic", []ConsentAction{verified("generic"), verified("onetrust")}, "onetrust"},
		{"two platforms", "generic", []ConsentAction{verified("onetrust"), verified("cookiebot")}, "generic"},
		{"an unverified choice names nothing", "generic", []ConsentAction{unverified}, "generic"},
		{"a banner named by its markup stays so", "cookiebot", []ConsentAction{verified("onetrust")}, "cookiebot"},
		{"no rule of that name", "generic", []ConsentAction{verified("no-such-platform")}, "generic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &Banner{Platform: tc.banner, Title: "Cookies on this site"}
			nameLate(b, tc.actions)
			if b.Platform != tc.want {
				t.Errorf("platform = %q, want %q", b.Platform, tc.want)
			}
			if tc.want == "onetrust" && b.Title != "OneTrust" {
				t.Errorf("title = %q, want the platform's, OneTrust", b.Title)
			}
		})
	}
	nameLate(nil, []ConsentAction{verified("onetrust")}) // no banner: nothing to name
}
