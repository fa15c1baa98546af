package report

import (
	"reflect"
	"regexp"
	"strings"
)

// urlUserinfo finds the userinfo of URLs in text: a scheme, "://", then
// everything up to the last "@" before the host ends (at "/", "?", "#" or
// white space). A password may hold an "@" that was not escaped: the last
// one ends the userinfo, as for browsers and net/url.
var urlUserinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://)([^/?#\s]*)@`)

// Redacted is what replaces a URL's password, or a user name that stands
// alone (often a token, as in https://TOKEN@host/).
const Redacted = "***"

// RedactText returns s with the credentials of every URL in it replaced:
// https://user:secret@host/ becomes https://user:***@host/, and
// https://token@host/ becomes https://***@host/. The rest of s is kept as
// it is. It is idempotent.
//
// Credentials in a target URL (staging behind basic authentication) must
// reach the browser, but nothing that cookieaudit writes: reports are
// kept, attached to pull requests and sent to code scanning, and logs are
// public in many CI systems.
func RedactText(s string) string {
	if !strings.Contains(s, "@") || !strings.Contains(s, "://") {
		return s
	}
	return urlUserinfo.ReplaceAllStringFunc(s, func(m string) string {
		i := strings.Index(m, "://") + len("://")
		userinfo := m[i : len(m)-1]
		if user, _, ok := strings.Cut(userinfo, ":"); ok {
			return m[:i] + user + ":" + Redacted + "@"
		}
		return m[:i] + Redacted + "@"
	})
}

// Redact replaces, in place, the credentials of every URL in the report's
// strings (see RedactText): the target, pages, cookie sources, findings'
// messages and evidence, consent frames, the policy URL, and any string a
// later version adds, since every string field is visited. Cookie and
// storage values, written only with --show-values, are kept as the site
// set them.
//
// New and Read call it, so that every writer, every format and every
// command that renders a report gets a report without credentials.
func Redact(rep *Report) {
	if rep == nil {
		return
	}
	redactValue(reflect.ValueOf(rep).Elem())
}

var (
	cookieType  = reflect.TypeFor[Cookie]()
	storageType = reflect.TypeFor[StorageItem]()
)

func redactValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); v.CanSet() {
			if r := RedactText(s); r != s {
				v.SetString(r)
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			redactValue(v.Elem())
		}
	case reflect.Interface:
		if !v.IsNil() && v.CanSet() {
			c := reflect.New(v.Elem().Type()).Elem()
			c.Set(v.Elem())
			redactValue(c)
			v.Set(c)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || ((t == cookieType || t == storageType) && f.Name == "Value") {
				continue
			}
			redactValue(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes (screenshots), not text
		}
		for i := range v.Len() {
			redactValue(v.Index(i))
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			c := reflect.New(iter.Value().Type()).Elem()
			c.Set(iter.Value())
			redactValue(c)
			v.SetMapIndex(iter.Key(), c)
		}
	}
}
