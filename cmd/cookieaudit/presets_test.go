package main

import (
	"strings"
	"testing"
)

func TestExpandEnv(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TOKEN": "s3cret", "EMPTY": ""}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	for in, want := range map[string]string{
		"Bearer ${TOKEN}":     "Bearer s3cret",
		"${TOKEN}-${TOKEN}":   "s3cret-s3cret",
		"a${EMPTY}b":          "ab",
		"$TOKEN and $ and ${": "$TOKEN and $ and ${", // only ${NAME} is read
		"${1X}":               "${1X}",
	} {
		got, err := expandEnv(in, lookup)
		if err != nil || got != want {
			t.Errorf("expandEnv(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := expandEnv("${NOPE} ${TOKEN} ${ALSO_NOPE}", lookup); err == nil || err.Error() != "the environment variable NOPE, ALSO_NOPE is not set" {
		t.Errorf("unset variables: %v", err)
	}
}

// TestPresetsFromEnvironment checks that --cookie and --header read
// ${NAME} from the environment, and that an unset one is a usage error
// naming the flag's position, the cookie or header and the variable, never
// a value.
func TestPresetsFromEnvironment(t *testing.T) {
	t.Setenv("CA_TEST_SESSION", "tok-123")
	o := parseScan(t, "scan", "https://www.example.org/", "--cookie", "sid=${CA_TEST_SESSION}", "--header", "X-Key: k-${CA_TEST_SESSION}")
	if len(o.PresetCookies) != 1 || o.PresetCookies[0].Value != "tok-123" {
		t.Errorf("cookies %+v", o.PresetCookies)
	}
	if len(o.Headers) != 1 || o.Headers[0].Value != "k-tok-123" {
		t.Errorf("headers %+v", o.Headers)
	}
	o = &scanOptions{CookieFlags: []string{"a=1", "sid=${CA_TEST_UNSET_VAR}"}}
	err := o.parsePresetCookies()
	if err == nil || !strings.Contains(err.Error(), "invalid --cookie #2 (sid): the environment variable CA_TEST_UNSET_VAR is not set") {
		t.Errorf("unset variable in --cookie: %v", err)
	}
	o = &scanOptions{HeaderFlags: []string{"Authorization: Bearer ${CA_TEST_UNSET_VAR}"}}
	err = o.parseHeaders()
	if err == nil || !strings.Contains(err.Error(), "invalid --header #1 (Authorization): the environment variable CA_TEST_UNSET_VAR is not set") {
		t.Errorf("unset variable in --header: %v", err)
	}
}
