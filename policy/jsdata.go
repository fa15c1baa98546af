package policy

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// LayoutData is a list of cookie records kept as data in a page's code: a
// React or Vue page that draws its tables from arrays of objects.
const LayoutData = "data"

// dataArray finds where an array literal is assigned, keyed or returned
// in code: "const necessary = [", "const rows: Cookie[] = [", "const rows:
// { name: string; ttl: string }[] = [", "analytics: [", "(domain) => [",
// a key quoted as JSON writes it ('"cookie_table": ['), and an array
// written inline in a JSX expression ("{[{ name: '_ga', … }].map(row =>").
var dataArray = regexp.MustCompile(`(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*:\s*\{[^={}]{0,300}\}\s*\[\]\s*=|["']?([A-Za-z_$][\w$]*)["']?\s*(?::\s*[\w$.<>|\[\] ]{1,60}?)?\s*[=:]|=>|\{)\s*\[`)

// dataArrays reads the cookie records that a page's code keeps as data
// ("const necessaires = [{ nom: "_ga", finalite: "…", duree: "2 ans" }]"):
// arrays of objects whose keys name a record's columns, a name among them,
// in any of the supported languages. A record's category is its own
// category key, else the name of the array or of the object holding it
// ("statistics: [", "{ title: "Analytics cookies", cookies: [ … ] }").
// The names read so are not read again as names in prose. Then the
// records that objects keep under their names (see dataObjects).
func (x *extractor) dataArrays(src string) {
	if !strings.Contains(src, "{") {
		return
	}
	consts := jsConstants(src)
	if strings.Contains(src, "[") {
		x.arrayRecords(src, consts)
	}
	x.dataObjects(src, consts)
}

// arrayRecords reads the arrays of records of dataArrays.
func (x *extractor) arrayRecords(src string, consts map[string]string) {
	end := 0
	platform := platformData(src)
	for _, m := range dataArray.FindAllStringSubmatchIndex(src, 256) {
		open := m[1] - 1
		if open < end {
			continue // inside an array already read
		}
		if platform && m[5] >= 0 && m[5] < len(src) && (src[m[5]] == '"' || src[m[5]] == '\'') {
			// A consent platform's data, in JSON: its own reader reads
			// it, with the platform's categories (see script).
			continue
		}
		v, n, err := parseJSLiteralWith(src[open:], consts)
		if err != nil {
			continue
		}
		hint := ""
		switch {
		case m[2] >= 0:
			hint = src[m[2]:m[3]]
		case m[4] >= 0:
			hint = src[m[4]:m[5]]
		}
		before := len(x.decls)
		x.dataWalk(v, hint, 0)
		if len(x.decls) > before {
			end = open + n
		}
	}
}

// dataWalk reads the records in a literal, with the text that may name
// their category (an array's or a key's name, a group's title).
func (x *extractor) dataWalk(v any, hint string, depth int) {
	if depth > 8 {
		return
	}
	switch t := v.(type) {
	case []any:
		if x.dataRecords(t, hint) {
			return
		}
		for _, e := range t {
			x.dataWalk(e, hint, depth+1)
		}
	case map[string]any:
		if items, ok := x.keyedRecords(t); ok && x.dataRecords(items, hint) {
			return
		}
		// A group's title names its category, under a key for a title
		// or a name in any language ("nume": "Cookie-uri Strict Necesare").
		for _, k := range sortedKeys(t) {
			if s := scalarString(t[k]); s != "" && groupTitleKey(k) {
				if _, ok := categoryOf(s); ok {
					hint = s
					break
				}
			}
		}
		for _, k := range sortedKeys(t) {
			h := hint
			if _, ok := categoryOf(keyWords(k)); ok {
				h = keyWords(k)
			}
			x.dataWalk(t[k], h, depth+1)
		}
	}
}

// dataRecords reads an array of rows written as arrays (see
// positionalRecords) or of objects (see objectRecords) as records. It
// reports whether the array was one.
func (x *extractor) dataRecords(items []any, hint string) bool {
	recs, ok := x.positionalRecords(numberedColumns(items), hint)
	if !ok {
		var computed bool
		recs, computed, ok = objectRecords(cookieLists(items))
		// Records read by the keys of computed values are cookies' only
		// in an array named for cookies ("cookies: [{ name: '_pk*',
		// description: t('matomo') }]").
		ok = ok && (!computed || find(words(keyWords(hint)), cookieWords) >= 0)
	}
	if !ok {
		return false
	}
	x.tables++
	ctx := &tableContext{index: x.tables, layout: LayoutData}
	hint = keyWords(hint)
	if c, ok := categoryOf(hint); ok {
		ctx.sectionCat, ctx.section = c, hint
	} else {
		ctx.titled = true // the code names no category: the text around says nothing of it
	}
	for _, f := range recs {
		if f.name != nil && strings.Contains(strings.TrimSpace(f.name.text), " ") && !nameMarked(f.name.text) {
			_, category := categoryOf(f.name.text)
			if _, service := x.service(f.name.text); category && !service {
				// A consent tool's category ({id: "marketing", name:
				// "Publicité et personnalisation", required: false}):
				// its name, words that name a category and no service
				// ("Google Analytics" is one), is its title, no
				// cookie's.
				continue
			}
		}
		before := len(x.decls)
		x.row(f, ctx)
		for _, d := range x.decls[before:] {
			x.dataNames[d.Name.Text] = true
		}
	}
	return true
}

// objectRecords reads an array of objects as records: each needs a name
// key and another column's key. Keys of the site's own words ("text",
// "kept") are read by their values, as a table's columns without a header
// are (see valueRoles). computed reports that the records needed keys
// whose values the module computes (a call, a variable: null here) to
// read as records, or held a name so computed, a record left out.
func objectRecords(items []any) (recs []fields, computed, ok bool) {
	var objs []map[string]any
	for _, it := range items {
		obj, ok := it.(map[string]any)
		if !ok || holdsRecords(obj) {
			// A group of records (a category's title and its cookies)
			// is no record: its records are read under its title.
			return nil, false, false
		}
		objs = append(objs, obj)
	}
	inferred := valueRoles(objs)
	for _, obj := range objs {
		var f fields
		var roles, all []role
		for _, k := range sortedKeys(obj) {
			v := obj[k]
			lines := scalarString(v)
			r := columnRole(keyWords(k))
			if r == roleNone {
				r = inferred[k]
			}
			if r == roleNone && f.typ == "" && storageLabel(collapse(lines)) {
				// {storage: 'localStorage'}: a key of any name whose
				// value names web storage gives the record's type.
				r = roleType
			}
			if names, ok := stringList(v); ok && r == roleName {
				// A record of several cookies ({name: ['JSESSIONID',
				// 'KEYCLOAK_IDENTITY'], purpose: …}).
				lines = strings.Join(names, "\n")
			}
			s := collapse(lines)
			if r == roleNone || s == "" && v != nil {
				continue
			}
			all = append(all, r)
			if s == "" {
				continue // a computed value: its key still names its column
			}
			roles = append(roles, r)
			f.set(r, &cell{text: s, lines: lines})
		}
		if id, ok := obj["id"].(string); ok && f.name == nil && !slices.Contains(all, roleName) && f.category != "" && (looksLikeName(id) || f.typ != "") {
			// An inventory's records keyed by id, each with its own
			// category ({id: "site_admin", category: "necessary", type:
			// "cookie"}): the id is the name. A list of categories
			// ({id: "analytics", title: …}) holds no category of its own.
			f.set(roleName, &cell{text: id, lines: id})
			all = append(all, roleName)
			roles = append(roles, roleName)
		}
		switch {
		case f.name == nil && slices.Contains(all, roleName) && isHeader(all):
			computed = true // a name the module computes: no name to read
			continue
		case f.name == nil || !isHeader(all):
			return nil, false, false
		case !isHeader(roles):
			computed = true
		}
		recs = append(recs, f)
	}
	return recs, computed, len(recs) > 0
}

// stringList returns the strings of an array that holds strings only.
func stringList(v any) ([]string, bool) {
	items, ok := v.([]any)
	if !ok || len(items) == 0 {
		return nil, false
	}
	var out []string
	for _, it := range items {
		s, ok := it.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, false
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, true
}

// callObject is an object literal passed to a call ("super({",
// "registerCookie({").
var callObject = regexp.MustCompile(`[\w$]\s*\(\s*\{`)

// callRecords reads, where a page's code declared nothing else, the
// objects passed to calls that are records of cookies, one each: a web
// component that describes its cookie to the class it extends
// ("super({ name: ['JSESSIONID'], purpose: '…', validity: '…' })").
func (x *extractor) callRecords(src string) {
	if !strings.Contains(src, "(") {
		return
	}
	consts := jsConstants(src)
	for _, m := range callObject.FindAllStringIndex(src, 64) {
		v, _, err := parseJSLiteralWith(src[m[1]-1:], consts)
		if obj, ok := v.(map[string]any); err == nil && ok && !holdsRecords(obj) {
			x.dataRecords([]any{obj}, "")
		}
	}
}

// valueRoles reads the roles of the keys of records that name no column
// by their values, as inferColumns reads a table's columns without a
// header, where no key names a lifetime: a key whose values are lifetimes
// in most records ("kept": "6 months") is the lifetime, and beside it a
// key whose values are mostly long texts is the purpose. A record of names
// and sentences alone (a list of browsers and where their settings are) is
// none.
func valueRoles(objs []map[string]any) map[string]role {
	stats := map[string]*columnStats{}
	for _, obj := range objs {
		for k, v := range obj {
			switch columnRole(keyWords(k)) {
			case roleDuration:
				return nil
			case roleNone:
			default:
				continue
			}
			if stats[k] == nil {
				stats[k] = &columnStats{}
			}
			stats[k].count(collapse(scalarString(v)))
		}
	}
	roles := map[string]role{}
	keys := slices.Sorted(maps.Keys(stats))
	for _, k := range keys {
		if stats[k].durations*2 >= len(objs) {
			roles[k] = roleDuration
			break
		}
	}
	if len(roles) == 0 {
		return nil
	}
	for _, k := range keys {
		if s := stats[k]; roles[k] == roleNone && s.durations*2 < len(objs) && s.long*2 >= len(objs) {
			roles[k] = rolePurpose
			break
		}
	}
	return roles
}

// positionalRecords reads an array of rows written as arrays of strings
// (["_ga", "example.org", "2 years", "First Party", "Tells visitors
// apart"]) as a table without a header: its columns' roles are read from
// their cells, as for such a table on a page.
func (x *extractor) positionalRecords(items []any, hint string) ([]fields, bool) {
	if strings.HasPrefix(hint, "cookieTable") {
		return nil, false // Cookiebot's arrays, which the script reader knows (see script)
	}
	var grid [][]*cell
	for _, it := range items {
		row, ok := it.([]any)
		if !ok || len(row) < 2 {
			return nil, false
		}
		var cells []*cell
		for _, v := range row {
			s, ok := v.(string)
			if !ok {
				return nil, false
			}
			cells = append(cells, &cell{text: collapse(s), lines: s})
		}
		grid = append(grid, cells)
	}
	if len(grid) == 0 {
		return nil, false
	}
	start, roles := x.inferColumns(grid, &tableContext{layout: LayoutData, caption: hint})
	if start < 0 {
		return nil, false
	}
	var recs []fields
	for _, row := range grid[start:] {
		if f := rowFields(row, roles); f.name != nil {
			recs = append(recs, f)
		}
	}
	return recs, len(recs) > 0
}

// keyWords spells a key of code as words: "cookieName" and "cookie_name"
// are "cookie Name" and "cookie name".
func keyWords(k string) string {
	var b strings.Builder
	prev := ' '
	for _, r := range k {
		switch {
		case r == '_' || r == '-':
			b.WriteByte(' ')
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			b.WriteByte(' ')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// holdsRecords reports whether an object holds a list of objects: a
// group's records.
func holdsRecords(obj map[string]any) bool {
	for _, v := range obj {
		if items, ok := v.([]any); ok && len(items) > 0 {
			if _, ok := items[0].(map[string]any); ok {
				return true
			}
		}
	}
	return false
}

// groupTitleKey reports whether a key may hold a group's title: a title,
// a name, a category or a type, in any language ("nume", "categorie").
func groupTitleKey(k string) bool {
	if titleKeys[strings.ToLower(k)] || strings.EqualFold(k, "group") {
		return true
	}
	switch columnRole(keyWords(k)) {
	case roleName, roleCategory, roleType:
		return true
	}
	return false
}

// numberedColumn is a key that names a column by its number ("col1", as
// Orest Bida's cookieconsent v2 keeps a cookie table's rows).
var numberedColumn = regexp.MustCompile(`^col(\d{1,2})$`)

// numberedColumns returns rows written as objects of numbered columns
// ({col1: "_gid", col2: "google.com", col3: "1 day", is_regex: false})
// as rows of their texts in the columns' order, which are read as a
// table's rows; other items as they are.
func numberedColumns(items []any) []any {
	out := make([]any, 0, len(items))
	for _, it := range items {
		obj, ok := it.(map[string]any)
		if !ok {
			return items
		}
		cells := map[int]string{}
		last := 0
		for k, v := range obj {
			m := numberedColumn.FindStringSubmatch(k)
			if m == nil {
				continue
			}
			s, ok := v.(string)
			if !ok {
				return items
			}
			n, _ := strconv.Atoi(m[1])
			cells[n], last = s, max(last, n)
		}
		if len(cells) < 2 {
			return items
		}
		row := make([]any, last)
		for i := range row {
			row[i] = cells[i+1]
		}
		out = append(out, row)
	}
	return out
}
