package policy

import (
	"testing"
)

func TestPattern(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern string
		kind    PatternKind
		match   []string
		nomatch []string
	}{
		{"sessionid", Exact, []string{"sessionid"}, []string{"SessionID", "sessionid2", "xsessionid", ""}},
		{"rc::a", Exact, []string{"rc::a"}, []string{"rc::b"}},
		{"_ga_*", Glob, []string{"_ga_", "_ga_ABC123", "_ga_X_Y"}, []string{"_ga", "__ga_X", "_gid"}},
		{"_hjSession_*", Glob, []string{"_hjSession_123456"}, []string{"_hjSessionUser_1"[:10]}},
		{"_gat_UA-*", Glob, []string{"_gat_UA-1234-1"}, []string{"_gat"}},
		{"_pk_id.*", Glob, []string{"_pk_id.1.a1b2", "_pk_id"}, []string{"_pk_ses.1.a1b2"}},
		{"_ga_.*", Glob, []string{"_ga_ABC123"}, []string{"_ga"}},
		{"a?c", Glob, []string{"abc", "a-c"}, []string{"ac", "abbc"}},
		{"_ga_<container-id>", Glob, []string{"_ga_ABC123"}, []string{"_ga_", "_ga"}},
		{"_ga_<container id>", Glob, []string{"_ga_ABC123"}, []string{"_ga_"}},
		{"_ga_{ID}", Glob, []string{"_ga_ABC123"}, []string{"_ga_"}},
		{"_ga_[ID]", Glob, []string{"_ga_ABC123"}, []string{"_ga_"}},
		// A template's interpolation is the placeholder, its sign with it
		// (FreeMarker, JavaScript, Ruby and Ruby's format strings).
		{"_ga_${analytics.appTag}", Glob, []string{"_ga_ABC123", "_ga_X"}, []string{"_ga_"}},
		{"_ga_#{tag}", Glob, []string{"_ga_X"}, []string{"_ga_"}},
		{"%{cookie_name}_seen", Glob, []string{"site_seen"}, []string{"_seen"}},
		{"_ga_#", Glob, []string{"_ga_ABC123", "_ga_1"}, []string{"_ga_", "_ga_a b"}},
		{"_hjSession_#", Glob, []string{"_hjSession_3087541"}, []string{"_hjSession_"}},
		{"_hjSessionUser_#", Glob, []string{"_hjSessionUser_3087541"}, []string{"_hjSession_3087541"}},
		{"#-#", Glob, []string{"12-34"}, []string{"12-"}},
		{"*-_zldp", Glob, []string{"x1-_zldp", "-_zldp"}, []string{"x1-_zldpq", "x1_zldp"}},
		{"phpbb3_*_sid", Glob, []string{"phpbb3_ab12_sid"}, []string{"phpbb3_ab12_u", "phpbb3_sid"}},
		{"a*a", Glob, []string{"aa", "aba"}, []string{"a"}},
		{"<site>_session", Glob, []string{"shop_session"}, []string{"_session", "shop_sessions"}},
		{"_gac_…", Glob, []string{"_gac_UA-1", "_gac_"}, []string{"_ga"}},
		{"_gac_...", Glob, []string{"_gac_UA-1"}, []string{"_ga"}},
		{"/^_hj.*$/", Regex, []string{"_hjid", "_hjSession_1"}, []string{"x_hj", "_HJ"}},
		{"/_hj/", Regex, []string{"x_hjy"}, []string{"_h_j"}},
		{"/^_hj.*$/i", Regex, []string{"_HJID"}, []string{"hj"}},
		{"a.b", Exact, []string{"a.b"}, []string{"axb"}},
		{"a+b(c)", Exact, []string{"a+b(c)"}, []string{"aab(c)"}},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			t.Parallel()
			p, err := ParsePattern(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind() != tt.kind {
				t.Errorf("Kind() = %v, want %v", p.Kind(), tt.kind)
			}
			if p.String() != tt.pattern {
				t.Errorf("String() = %q, want %q", p.String(), tt.pattern)
			}
			for _, name := range tt.match {
				if !p.Match(name) {
					t.Errorf("Match(%q) = false, want true", name)
				}
			}
			for _, name := range tt.nomatch {
				if p.Match(name) {
					t.Errorf("Match(%q) = true, want false", name)
				}
			}
		})
	}
}

func TestParsePatternErrors(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":           "empty cookie name",
		"  ":         "empty cookie name",
		"my cookie":  `cookie name "my cookie": white space in a cookie name`,
		"/(/":        "cookie name \"/(/\": invalid regular expression: error parsing regexp: missing closing ): `(`",
		"_ga_<id":    `cookie name "_ga_<id": unclosed '<'`,
		"_ga_{id":    `cookie name "_ga_{id": unclosed '{'`,
		"a\tb":       `cookie name "a\tb": white space in a cookie name`,
		"_ga_[id":    `cookie name "_ga_[id": unclosed '['`,
		"_ga_${id":   `cookie name "_ga_${id": unclosed '{'`,
		"/[a-/i":     "cookie name \"/[a-/i\": invalid regular expression: error parsing regexp: missing closing ]: `[a-`",
		"name\nname": `cookie name "name\nname": white space in a cookie name`,
	} {
		if _, err := ParsePattern(in); err == nil || err.Error() != want {
			t.Errorf("ParsePattern(%q) error = %v, want %q", in, err, want)
		}
	}
}

func TestPatternZeroValue(t *testing.T) {
	t.Parallel()
	// A Pattern built by hand, as tests and callers may, is an exact name.
	p := Pattern{Text: "sid"}
	if !p.Match("sid") || p.Match("sid2") || p.Kind() != Exact {
		t.Errorf("Pattern{Text: %q} does not behave as an exact name", p.Text)
	}
	if !p.Equal(Pattern{Text: "sid"}) || p.Equal(Pattern{Text: "sid2"}) {
		t.Error("Equal compares the texts")
	}
}
