package policy

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/goccy/go-yaml"
)

// Data that keeps a page's texts in several languages, or a whole site's
// texts, is narrowed before it is turned into markup: each text read in
// one language, and only the sections that talk about cookies.

// languageKey is a language's code as data keys texts by it ("en",
// "pt-BR", "zh_TW").
var languageKey = regexp.MustCompile(`^[a-z]{2}(?:[-_][A-Za-z]{2})?$`)

// soleLanguage reports whether a key alone in a mapping keys a text by
// its language ({"en": "Google Analytics"}, a configuration translated
// into one language so far): the code of a language sites are written
// in, not one that is also an English word or a field's name ("id", "is",
// "no", "it", "to").
func soleLanguage(k string) bool {
	return languageKey.MatchString(k) && soleLanguages[k[:2]]
}

var soleLanguages = setOf(`en fi sv da nb nn de fr es nl pt pl cs sk et lv lt hu ro el tr ja ko zh ca eu gl hr sl bg uk ru`)

// oneLanguage returns data whose texts are kept in several languages
// ({"fi": "Istunto", "sv": "Session", "en": "Session"}, as a city's
// consent settings keep a cookie's description and expiry) with each such
// text in one language: English if it is there, else the first. A
// record's fields are then texts, as a table's cells are.
func oneLanguage(v any, depth int) any {
	if depth > maxDataDepth {
		return v
	}
	switch t := v.(type) {
	case yaml.MapSlice:
		if len(t) >= 2 && !slices.ContainsFunc(t, func(it yaml.MapItem) bool {
			_, text := it.Value.(string)
			return !text || !languageKey.MatchString(fmt.Sprint(it.Key))
		}) {
			for _, it := range t {
				if fmt.Sprint(it.Key) == "en" {
					return it.Value
				}
			}
			return t[0].Value
		}
		if fields, at, ok := languageFields(t); ok {
			out := slices.Concat(t[:at:at], fields)
			for _, it := range t[at:] {
				if _, lang := it.Value.(yaml.MapSlice); !lang || !languageKey.MatchString(fmt.Sprint(it.Key)) {
					out = append(out, it)
				}
			}
			return oneLanguage(out, depth)
		}
		out := make(yaml.MapSlice, len(t))
		for i, it := range t {
			out[i] = yaml.MapItem{Key: it.Key, Value: oneLanguage(it.Value, depth+1)}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = oneLanguage(e, depth+1)
		}
		return out
	}
	return v
}

// languageFields reads a record whose fields are kept once per language
// ({"id": "cc_cookie", "de": {"purpose": …}, "en": {"purpose": …}}, as a
// site's content collection keeps them): two languages' mappings or more
// that share a field. It returns the fields of one language, English if
// it is there, else the first, and the index of the first language's
// key, where they stand in the record.
func languageFields(m yaml.MapSlice) (fields yaml.MapSlice, at int, ok bool) {
	var langs []yaml.MapItem
	for i, it := range m {
		if f, isMap := it.Value.(yaml.MapSlice); isMap && languageKey.MatchString(fmt.Sprint(it.Key)) {
			if len(langs) == 0 {
				at, fields = i, f
			}
			if fmt.Sprint(it.Key) == "en" {
				fields = f
			}
			langs = append(langs, it)
		}
	}
	if len(langs) < 2 {
		return nil, 0, false
	}
	first, second := langs[0].Value.(yaml.MapSlice), langs[1].Value.(yaml.MapSlice)
	shared := slices.ContainsFunc(first, func(a yaml.MapItem) bool {
		return slices.ContainsFunc(second, func(b yaml.MapItem) bool { return fmt.Sprint(a.Key) == fmt.Sprint(b.Key) })
	})
	return fields, at, shared
}

// cookieSections returns a site's texts kept as data with only the
// sections that talk about cookies, when the data is a whole site's
// texts: a top level of many sections (a translation file's "home",
// "signin", "landings", "legal", …) of which some name cookies. A
// section that never says "cookie", in its keys or its texts, declares
// none, and its lists (a landing page's keywords, a portfolio's project
// names) are no cookie names. Data of a few sections is kept whole: a
// cookie list's sections may be named after their categories alone.
func cookieSections(v any) any {
	top, ok := v.(yaml.MapSlice)
	if !ok || len(top) < 6 {
		return v
	}
	var kept yaml.MapSlice
	for _, item := range top {
		if talksOfCookies(item.Key) || talksOfCookies(item.Value) {
			kept = append(kept, item)
		}
	}
	if len(kept) == 0 {
		return v
	}
	return kept
}

// talksOfCookies reports whether data names cookies in a key or a text.
func talksOfCookies(v any) bool {
	switch t := v.(type) {
	case yaml.MapSlice:
		for _, item := range t {
			if talksOfCookies(item.Key) || talksOfCookies(item.Value) {
				return true
			}
		}
	case []any:
		return slices.ContainsFunc(t, talksOfCookies)
	case string:
		return find(words(humanKey(t)), cookieWords) >= 0
	}
	return false
}
