package policy

import (
	"regexp"
	"slices"
	"strings"
)

// dataObject is a constant of a module that holds an object ("export
// const COOKIE_TEXTS = {", "const texts: Texts = {"), or the object a
// module exports ("export default {", "module.exports = {").
var dataObject = regexp.MustCompile(`(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<>|\[\] ]{1,60}?)?\s*=|\bexport\s+default|\bmodule\.exports\s*=)\s*\{`)

// dataObjects reads the records that a module's object constants keep
// under their cookies' names (see keyedRecords), as a translation file
// keeps a policy's texts: "cookies: { _gid: { en: "Website traffic
// statistics", duration: { en: "1 day" } } }". Objects that keep no
// records so, or whose records an array declared, are passed by.
func (x *extractor) dataObjects(src string, consts map[string]string) {
	if !strings.Contains(src, "{") {
		return
	}
	end := 0
	for _, m := range dataObject.FindAllStringSubmatchIndex(src, 64) {
		open := m[1] - 1
		if open < end {
			continue
		}
		v, n, err := parseJSLiteralWith(src[open:], consts)
		if err != nil {
			continue
		}
		obj, ok := v.(map[string]any)
		if !ok {
			continue
		}
		end = open + n
		if keyed, declared := x.keyedRecordsIn(obj, 0); !keyed || declared {
			continue
		}
		hint := ""
		if m[2] >= 0 {
			hint = src[m[2]:m[3]]
		}
		before := len(x.decls)
		x.dataWalk(obj, hint, 0)
		// An object keeps no order of its keys: its records are put in
		// the order the source writes their names.
		text := src[open:end]
		slices.SortStableFunc(x.decls[before:], func(a, b Declaration) int {
			return strings.Index(text, a.Name.Text) - strings.Index(text, b.Name.Text)
		})
	}
}

// keyedRecordsIn reports whether an object holds records under their
// cookies' names (see keyedRecords), and whether a name it holds them
// under was declared already (by an array of the same data): an object
// that holds none is data the arrays' reading took care of.
func (x *extractor) keyedRecordsIn(obj map[string]any, depth int) (keyed, declared bool) {
	if depth > 8 {
		return false, false
	}
	if items, ok := x.keyedRecords(obj); ok {
		for _, it := range items {
			if x.dataNames[it.(map[string]any)["name"].(string)] {
				return true, true
			}
		}
		return true, false
	}
	for _, v := range obj {
		if m, ok := v.(map[string]any); ok {
			k, d := x.keyedRecordsIn(m, depth+1)
			if d {
				return true, true
			}
			keyed = keyed || k
		}
	}
	return keyed, false
}

// keyedRecords returns the records an object keeps under a key for
// cookies by their names ("cookies: { _gid: { description: …,
// duration: … } }"), as an array of records would hold them, each with
// its name under "name"; a record's text kept in several languages at its
// own level ({ el: …, en: …, duration: … }) is its description, in one
// language (see scalarString). A cookie's record may be its description
// alone (see describedNames).
func (x *extractor) keyedRecords(obj map[string]any) ([]any, bool) {
	for _, k := range sortedKeys(obj) {
		byName, ok := obj[k].(map[string]any)
		if !ok || len(byName) == 0 || find(words(keyWords(k)), cookieWords) < 0 {
			continue
		}
		if items, ok := x.describedNames(byName); ok {
			return items, true
		}
		var items []any
		for _, name := range sortedKeys(byName) {
			rec, ok := byName[name].(map[string]any)
			if !ok || !validName(name) {
				return nil, false
			}
			item := map[string]any{"name": name}
			texts := map[string]any{}
			for f, v := range rec {
				if _, text := v.(string); text && languageKey.MatchString(f) {
					texts[f] = v
				} else {
					item[f] = v
				}
			}
			if s := scalarString(texts); s != "" {
				item["description"] = s
			}
			items = append(items, item)
		}
		return items, true
	}
	return nil, false
}

// cookieLists returns records that list their cookies' names under a key
// for cookies (a consent tool's groups: {name: "Analytics", description:
// …, cookies: ["_ga", "_gid"]}) as a record per name, with the group's
// other fields; the group's own name or title is the records' category
// where it names one, else their service. Other items are kept as they
// are.
func cookieLists(items []any) []any {
	out := make([]any, 0, len(items))
	for _, it := range items {
		obj, ok := it.(map[string]any)
		key, names := "", []string(nil)
		if ok {
			key, names = listedCookies(obj)
		}
		if names == nil {
			out = append(out, it)
			continue
		}
		if len(names) == 0 {
			continue // a group that lists none of its cookies ("— none —")
		}
		title := firstString(obj, "name", "title", "label")
		for _, n := range names {
			rec := map[string]any{"cookie": n}
			for k, v := range obj {
				// The group's title and identifier ("identifier: 'ga'")
				// are not the cookie's.
				if k != key && !titleKeys[strings.ToLower(k)] && columnRole(keyWords(k)) != roleName {
					rec[k] = v
				}
			}
			if _, ok := categoryOf(title); ok {
				rec["category"] = title
			} else if title != "" {
				rec["service"] = title
			}
			out = append(out, rec)
		}
	}
	return out
}

// listedCookies returns the key for cookies of a record that lists its
// cookies' names there, and the names: two texts or more, or one, each a
// name. A group titled for cookies ("Nezbytné cookies") lists them under
// a key of examples too ("examples: ['session_id', 'csrf_token']").
func listedCookies(obj map[string]any) (string, []string) {
	aboutCookies := find(words(firstString(obj, "name", "title", "label")), cookieWords) >= 0
	for _, k := range sortedKeys(obj) {
		list, ok := obj[k].([]any)
		if !ok || len(list) == 0 {
			continue
		}
		if ws := words(keyWords(k)); find(ws, cookieWords) < 0 && !(aboutCookies && len(ws) == 1 && exampleKeys[ws[0]]) {
			continue
		}
		var names []string
		none := 0
		for _, v := range list {
			s, ok := v.(string)
			if ok && noNames[strings.ToLower(strings.Trim(s, " -–—"))] {
				none++ // "— žádné —": the group has none
				continue
			}
			if !ok || !validName(s) || notAName(s) {
				return "", nil
			}
			names = append(names, s)
		}
		if none == len(list) {
			return k, []string{}
		}
		return k, names
	}
	return "", nil
}

// exampleKeys are the words for "examples", a key under which a group of
// cookies lists their names.
var exampleKeys = setOf(`examples example beispiele exemples ejemplos esempi voorbeelden przyklady priklady exemplos eksempler exempel esimerkit esimerkkeja ornekler peldak exemple`)

// describedNames returns the records of an object that keeps each cookie's
// description under its name ("cookie: { _ga: "Registers a visitor…",
// datr: "Identifies the browser…" }", as a consent tool's translation
// file does): every key a name and every value a sentence, of three words
// or more, and one key at least shaped as a cookie's name or known as one,
// so that a translation's texts under a key for cookies ("cookies: {
// title: "About our cookies", description: "…" }", or its categories'
// texts, "strictly_necessary: "These cookies…"") are no records.
func (x *extractor) describedNames(byName map[string]any) ([]any, bool) {
	shaped := false
	for name, v := range byName {
		text, ok := v.(string)
		if !ok || !validName(name) || notAName(name) || textKeys[strings.ToLower(name)] || len(strings.Fields(text)) < 3 {
			return nil, false
		}
		if _, group := categoryOf(keyWords(name)); group && !x.known(name) {
			return nil, false // a category's text ("strictly_necessary": "These cookies…")
		}
		shaped = shaped || x.nameShaped(name)
	}
	if !shaped {
		return nil, false
	}
	items := make([]any, 0, len(byName))
	for _, name := range sortedKeys(byName) {
		items = append(items, map[string]any{"name": name, "description": byName[name]})
	}
	return items, true
}

// textKeys are the keys of a translation's texts about cookies, never
// cookies' names.
var textKeys = setOf(`title heading header subtitle description desc text body intro message content label
	details more less link policy notice info summary footer`)
