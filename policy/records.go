package policy

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

func itoa(i int) string { return strconv.Itoa(i) }

// storageTypeOf returns the kind of storage a type or category text names
// ("HTML Local Storage", "Técnica (sessionStorage)", "Pixel Tracker"), or
// Cookie. A text that also names cookies ("Beacon and Cookie", "Script
// and cookie") declares a cookie: that is what a browser keeps of it.
func storageTypeOf(texts ...string) StorageType {
	for _, t := range texts {
		if t == "" {
			continue
		}
		ws := words(t)
		if slices.Contains(ws, "cookie") || slices.Contains(ws, "cookies") {
			return Cookie
		}
		for _, s := range storageTypes {
			if find(ws, s.phrases) >= 0 {
				return s.typ
			}
		}
	}
	return Cookie
}

// contextType is the storage type that the texts around a table (its
// caption, heading and introduction) give its rows. A pixel one of them
// names is a service's ("Facebook-Pixel"), when another says the table
// lists cookies ("Cookies von Facebook Pixel"): they are cookies, audited.
func contextType(texts ...string) StorageType {
	typ := storageTypeOf(texts...)
	if typ == Pixel && slices.ContainsFunc(texts, func(t string) bool { return find(words(t), cookieWords) >= 0 }) {
		return Cookie
	}
	return typ
}

// noteStorage reads the web storage a purpose's note in parentheses names
// ("Keeps the cookie choices (localStorage, geen cookie)"): a note that
// names local or session storage or IndexedDB and no cookie, or only a
// cookie it is not.
func noteStorage(purpose string) StorageType {
	for _, m := range parenNote.FindAllStringSubmatch(purpose, 4) {
		ws := words(m[1])
		for i, w := range ws {
			if (w == "cookie" || w == "cookies") && (i >= 1 && negations[ws[i-1]] || i >= 2 && negations[ws[i-2]]) {
				ws[i] = ""
			}
		}
		if typ := storageTypeOf(strings.Join(ws, " ")); typ == LocalStorage || typ == SessionStorage || typ == IndexedDB {
			return typ
		}
	}
	return Cookie
}

var parenNote = regexp.MustCompile(`\(([^()]{1,60})\)`)

// typeText returns the first of texts that names a storage type.
func typeText(texts ...string) string {
	for _, t := range texts {
		if storageTypeOf(t) != Cookie {
			return t
		}
	}
	return ""
}

// withoutHostNotes is a name cell without the hosts it notes in
// parentheses: "YouTube (youtube-nocookie.com)" is the service alone.
func withoutHostNotes(t string) string {
	return collapse(parenNote.ReplaceAllStringFunc(t, func(m string) string {
		if in := strings.TrimSpace(m[1 : len(m)-1]); hostName(in) || strings.Contains(in, "://") {
			return " "
		}
		return m
	}))
}

// row turns the fields of a row or record into declarations, one per name,
// or into a service declaration when it names a known service and no
// cookie.
func (x *extractor) row(f fields, ctx *tableContext) {
	if f.name == nil || f.name.text == "" {
		return
	}
	where := ctx.where()
	names := splitNames(f.name.lines)
	typ := storageTypeOf(f.typ, f.category)
	if typ == Cookie {
		typ = ctx.typ
	}
	if typ == Cookie {
		typ = noteStorage(f.purpose)
	}
	if typ == Cookie {
		// The provider's note: "Shop (localStorage)".
		typ = noteStorage(f.provider)
	}
	if typ == Cookie && len(names) == 1 {
		// A lone name's own note: "skatehub-consent (localStorage)".
		typ = noteStorage(f.name.text)
	}
	if label, _, ok := strings.Cut(f.name.text, ":"); ok && columnRole(label) == roleDomain {
		// "Domain: paypal.com" in the name's place: a host, no cookie.
		x.warnf("%s: no cookie name in %q", ctx.where(), f.name.text)
		return
	}
	cat, catText, head := x.rowCategory(f, ctx)
	purpose := collapse(f.purpose)
	if f.function != "" {
		if purpose != "" {
			purpose = collapse(f.function) + ": " + purpose
		} else {
			purpose = collapse(f.function)
		}
	}
	f.provider, f.domain = collapse(f.provider), collapse(f.domain)
	svc, isService := x.serviceLabel(f.name.text)
	if len(names) == 0 || isService || x.serviceWord(f) {
		if !isService {
			svc, isService = x.service(withoutHostNotes(f.name.text))
		}
		if isService {
			x.declared()
			x.addService(Declaration{
				Service: svc, Provider: f.provider, Purpose: purpose, Category: cat, CategoryText: catText,
				Domain: f.domain, Source: Source{Page: x.page, Heading: head, Table: ctx.index, Layout: ctx.layout},
			})
			return
		}
		x.warnf("%s: no cookie name in %q", where, f.name.text)
		return
	}
	x.declared()
	if cat == Unclassified && catText == "" && !ctx.unclassed {
		ctx.unclassed = true
		x.warnf("%s: no category found for %q (no category column, caption or heading naming one); declared unclassified", where, f.name.text)
	}
	if typ == Pixel {
		// Web storage is audited beside cookies; a pixel is a request.
		what := typeText(f.typ, f.category)
		if what == "" {
			what = "listed under a title for " + string(typ) + "s" // the table's caption, heading or introduction says so
		}
		x.warnf("%s: %q is %s, not a cookie or web storage; kept with type %s, not audited", where, f.name.text, what, typ)
	}
	durs := x.durations(names, f.duration, where)
	if len(names) == 1 {
		// The cookie's other name, given in its purpose.
		for _, n := range namedInPurpose(purpose) {
			if n != names[0] {
				names, durs = append(names, n), append(durs, durs[0])
			}
		}
	}
	for i, name := range names {
		pat, err := ParsePattern(name)
		if err != nil {
			x.warnf("%s: %v", where, err)
			continue
		}
		x.add(Declaration{
			Name:         pat,
			Type:         typ,
			Provider:     f.provider,
			Purpose:      purpose,
			Category:     cat,
			CategoryText: catText,
			Duration:     durs[i],
			Domain:       f.domain,
			Source: Source{
				Page:    x.page,
				Heading: head,
				Table:   ctx.index,
				Layout:  ctx.layout,
			},
		}, false)
	}
}

// serviceLabel returns the service a name cell names with a word for how
// the site uses it ("YouTube Embed", "Google Maps API", as Complianz
// writes a service that sets no cookie of its own), when the knowledge
// base knows the service.
func (x *extractor) serviceLabel(text string) (string, bool) {
	ws := strings.Fields(text)
	if len(ws) < 2 || len(ws) > 4 || !serviceKinds[strings.ToLower(ws[len(ws)-1])] {
		return "", false
	}
	return x.service(strings.Join(ws[:len(ws)-1], " "))
}

var serviceKinds = setOf(`embed embeds api sdk widget plugin script`)

// bareRow reports whether a row holds a name and nothing about it: no
// purpose, function, category, type or lifetime (a row of a service and a
// link to its own page, "hotjar | | | https://…").
func bareRow(f fields) bool {
	return f.purpose == "" && f.function == "" && f.category == "" && f.typ == "" && strings.TrimSpace(f.duration) == ""
}

// serviceWord reports whether a row's name cell holds one word that the
// knowledge base knows as a service and not as a cookie: a service
// declared in the name's place, not a cookie. The word is capitalised
// ("Criteo", "Hotjar" in a list of partners), or in lower case on a bare
// row ("hotjar"), with the hosts it may note in parentheses aside.
func (x *extractor) serviceWord(f fields) bool {
	t := withoutHostNotes(f.name.text)
	if t == "" || strings.ContainsAny(t, " _-.0123456789") || x.known(t) {
		return false
	}
	if !unicode.IsUpper([]rune(t)[0]) && (strings.ToLower(t) != t || !bareRow(f)) {
		return false
	}
	_, ok := x.service(t)
	return ok
}

// durations parses a duration cell for the names of its row: one duration
// for all, "name: duration" pairs, or one duration per name in order. A
// cell that cannot be read is kept as text for every name, with a warning.
func (x *extractor) durations(names []string, text, where string) []Duration {
	out := make([]Duration, len(names))
	flat := collapse(text)
	if flat == "" {
		return out
	}
	// With several names, look for one duration per name first: "30
	// minutes<br>1 year" is two durations, not their sum.
	if len(names) > 1 {
		parts := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' || r == ',' })
		var clean []string
		for _, p := range parts {
			if p = collapse(p); p != "" {
				clean = append(clean, p)
			}
		}
		byName := map[string]Duration{}
		for _, p := range clean {
			if i := strings.Index(p, ":"); i > 0 {
				if d, err := ParseDuration(p[i+1:]); err == nil {
					byName[trimName(p[:i])] = d
				}
			}
		}
		ok := len(byName) > 0
		for i, n := range names {
			if d, found := byName[n]; found {
				out[i] = d
			} else {
				ok = false
			}
		}
		if ok {
			return out
		}
		if len(clean) == len(names) {
			ok = true
			for i, p := range clean {
				d, err := ParseDuration(p)
				if err != nil {
					ok = false
					break
				}
				out[i] = d
			}
			if ok {
				return out
			}
		}
	}
	if d, err := ParseDuration(flat); err == nil {
		for i := range out {
			out[i] = d
		}
		return out
	}
	x.warnf("%s: %s: duration %q not understood; kept as text", where, strings.Join(names, ", "), flat)
	for i := range out {
		out[i] = Duration{Text: flat}
	}
	return out
}

// add appends a declaration unless the same name was already declared
// with the same category and domain. Declarations from scripts, which
// repeat what the page shows, are also dropped when the page declared the
// name with the same category for any domain.
func (x *extractor) add(d Declaration, fromScript bool) {
	nameKey := d.Name.Text + "\x00" + string(d.Category)
	key := nameKey + "\x00" + strings.TrimPrefix(strings.ToLower(d.Domain), ".")
	if x.seen[key] || (fromScript && x.seenName[nameKey]) {
		return
	}
	x.seen[key], x.seenName[nameKey] = true, true
	x.decls = append(x.decls, d)
}

// addService appends a service declaration unless the same service was
// declared with the same category.
func (x *extractor) addService(d Declaration) {
	key := "\x01" + strings.ToLower(d.Service) + "\x00" + string(d.Category)
	if x.seen[key] {
		return
	}
	x.seen[key] = true
	x.services = append(x.services, d)
}

// labelSeparators end the label of a "Label: value" line.
var labelSeparators = []string{":", "：", " – ", " — ", " - ", "– ", "— ", "- ", "\t"}
