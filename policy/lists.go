package policy

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// keyedList reads a list whose items are led by cookie names: "<li><code>_ga</code>
// – distinguishes users</li>", "<li>_ga: distinguishes users</li>",
// "<dt>_ga</dt><dd>distinguishes users</dd>". Items led by no name are
// visited as usual. It reports whether any item declared a cookie. pairs
// are the list's label and value pairs (see listPairs).
func (x *extractor) keyedList(list *html.Node, pairs []pair) bool {
	if x.fieldList(pairs) {
		return false
	}
	type item struct {
		node     *html.Node
		names    []string
		purpose  string
		duration Duration
		lead     string // a category the item's lead names
	}
	var items []item
	var bareItems, weakItems []int
	var bareNamesOf, weakNamesOf [][]string
	strong := 0
	found := false
	var lastNames []string
	talk := x.aboutCookies("")
	intro := x.lastText
	fieldLabels := boldFieldLabels(list)
	for _, c := range listItems(list) {
		switch c.DataAtom {
		case atom.Li:
			names, purpose, dur := x.itemLead(c, talk)
			if fieldLabels && len(names) > 0 && !slices.ContainsFunc(names, nameMarked) && !slices.ContainsFunc(names, x.known) {
				// "<strong>IP-anonymisointi:</strong> Käytössä" beside
				// "<strong>Tarkoitus:</strong> …": a field of a service.
				items = append(items, item{node: c})
				continue
			}
			if names == nil {
				weak, p := weakLead(c)
				if weak == nil {
					weak, p = x.plainLead(c)
				}
				if weak != nil {
					weakItems = append(weakItems, len(items))
					items = append(items, item{node: c, purpose: p})
					weakNamesOf = append(weakNamesOf, weak)
					continue
				}
				if bare := bareNames(c); bare != nil {
					bareItems = append(bareItems, len(items))
					items = append(items, item{node: c})
					bareNamesOf = append(bareNamesOf, bare)
					continue
				}
			}
			items = append(items, item{c, names, purpose, dur, x.leadCategory(c)})
			found = found || len(names) > 0
			if len(names) > 0 {
				strong++
			}
		case atom.Dt:
			text := collapse(nodeText(c, true))
			lastNames = nil
			if ns := cellNames(nodeText(c, true)); len(ns) > 0 && len(strings.Fields(text)) <= 6 {
				ok := true
				for _, n := range ns {
					ok = ok && x.proseName(n, inHeader, true)
				}
				if ok {
					lastNames = ns
				}
			}
			items = append(items, item{node: c, names: lastNames})
			found = found || len(lastNames) > 0
		case atom.Dd:
			if len(lastNames) > 0 && len(items) > 0 {
				items[len(items)-1].purpose = sentence(collapse(nodeText(c, false)))
				items = append(items, item{node: c, names: []string{}})
				continue
			}
			items = append(items, item{node: c})
		default:
			items = append(items, item{node: c})
		}
	}
	// A list of names alone ("<li>_ga</li><li>_gid</li>", as OneTrust's
	// older cookie list writes them) under a section about cookies, most
	// of which are marked as names.
	if len(bareItems) > 0 && (talk || layoutOf(list, "") != "") {
		marked := 0
		for _, ns := range bareNamesOf {
			for _, n := range ns {
				if strings.ContainsAny(n, "_") || x.known(n) {
					marked++
					break
				}
			}
		}
		if marked*3 >= len(bareItems)*2 || (layoutOf(list, "") != "" && marked > 0) || x.namesIntro(intro, bareNamesOf) {
			for k, i := range bareItems {
				items[i].names = bareNamesOf[k]
			}
			found = true
		}
	}
	// Items led the same way by plain words ("**favorites**: …") in a list
	// whose other items are led by names are names too.
	if strong >= 1 && 2*strong >= len(weakItems) {
		for k, i := range weakItems {
			items[i].names = weakNamesOf[k]
		}
	} else {
		for _, i := range weakItems {
			items[i].names, items[i].purpose = nil, ""
		}
	}
	if !found {
		return false
	}
	x.lastText, x.lastTitled = "", false
	for _, it := range items {
		switch {
		case len(it.names) > 0:
			x.declareProse(it.names, it.lead, intro, it.purpose, it.duration, list)
		case it.names == nil:
			x.visit(it.node)
		}
	}
	return true
}

// fieldList reports whether a list is one service's record of labelled
// fields ("Anbieter: Google Ireland", "Datenverarbeitung: EU/EWR",
// "Speicherdauer: 14 Monate"): two of its labels or more name what a
// cookie table's columns hold (a provider, a lifetime, a purpose), and
// none is a cookie's name. Its other labels are more fields, not cookies.
func (x *extractor) fieldList(pairs []pair) bool {
	n := 0
	for _, p := range pairs {
		switch r := columnRole(p.label); {
		case x.known(p.label) || strings.Contains(p.label, "_"):
			return false
		case r != roleNone && r != roleName:
			n++
		}
	}
	return n >= 2
}

// listItems returns the items of a list: its li, dt and dd elements,
// also inside the div elements that may group the terms of a description
// list.
func listItems(list *html.Node) []*html.Node {
	var items []*html.Node
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Div && list.DataAtom == atom.Dl {
			items = append(items, listItems(c)...)
			continue
		}
		items = append(items, c)
	}
	return items
}

// weakLead returns the word that leads a list item in bold or code
// followed by a colon or dash ("<strong>favorites</strong>: …"), and the
// rest of the item, when the word could be a name.
func weakLead(li *html.Node) ([]string, string) {
	start := li
	if c := firstElement(li); c != nil && c.DataAtom == atom.P {
		start = c
	}
	first := firstElement(start)
	if first == nil || !(codeElements[first.DataAtom] || emphElements[first.DataAtom]) {
		return nil, ""
	}
	lead := collapse(nodeText(first, false))
	rest := ""
	for n := first.NextSibling; n != nil; n = n.NextSibling {
		rest += nodeTextOf(n, false)
	}
	rest = strings.TrimSpace(collapse(rest))
	lead = strings.TrimRight(lead, ":–—- ")
	if !(strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "-") ||
		strings.HasPrefix(rest, "—") || strings.HasSuffix(collapse(nodeText(first, false)), ":")) {
		return nil, ""
	}
	if len(strings.Fields(lead)) != 1 || !validName(lead) || notAName(lead) || (!nameMarked(lead) && columnRole(lead) != roleNone) {
		return nil, ""
	}
	return []string{trimName(lead)}, sentence(strings.TrimSpace(strings.TrimLeft(rest, ":–—- ")))
}

// plainLead reads an item led in plain text by one word shaped like a
// cookie name, then a dash or a colon ("cartId - keeps the basket",
// "site_geo – the chosen country"): a name when the list's other items
// are led by names.
func (x *extractor) plainLead(li *html.Node) ([]string, string) {
	text := collapse(nodeText(li, false))
	i := -1
	for _, sep := range []string{" – ", " - ", " — ", ": "} {
		if j := strings.Index(text, sep); j > 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i <= 0 {
		return nil, ""
	}
	lead := wordName(text[:i])
	if lead == "" || !x.nameShaped(lead) {
		return nil, ""
	}
	return []string{lead}, sentence(strings.TrimSpace(strings.TrimLeft(text[i:], ":–—- ")))
}

// boldFieldLabels reports whether a list's items may be a service's
// fields, each led by a label in bold and a colon, one of them a column's
// ("<li><strong>Tarkoitus:</strong> Sivustoliikenteen analysointi</li>",
// "Purpose:", "Provider:"): its other labels are fields too, not names
// unless marked as names. A weaker sign than fieldList's two labels of
// columns, which passes the whole list by; here the labels' style speaks.
func boldFieldLabels(list *html.Node) bool {
	for _, c := range listItems(list) {
		first := firstElement(c)
		if first == nil || first.DataAtom != atom.Strong && first.DataAtom != atom.B {
			continue
		}
		lead := collapse(nodeText(first, false))
		if next := first.NextSibling; !strings.HasSuffix(lead, ":") && (next == nil || next.Type != html.TextNode || !strings.HasPrefix(strings.TrimSpace(next.Data), ":")) {
			continue
		}
		switch columnRole(strings.TrimSpace(strings.TrimSuffix(lead, ":"))) {
		case roleNone, roleName:
		default:
			return true
		}
	}
	return false
}

// firstElement returns the first child element of n, when no text comes
// before it.
func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil
		}
	}
	return nil
}

// namesIntro reports whether the text before a list of words alone
// introduces them as cookies' names: it starts with a word for cookies
// and ends with a colon ("Cookies for keeping the accessibility settings
// on:"), and each item is one word that names no category and no
// service ("contrast").
func (x *extractor) namesIntro(intro string, items [][]string) bool {
	ws := words(intro)
	if len(ws) == 0 || len(ws) > 25 || find(ws[:1], cookieWords) != 0 || !strings.HasSuffix(strings.TrimSpace(intro), ":") {
		return false
	}
	for _, ns := range items {
		if len(ns) != 1 {
			return false
		}
		if _, ok := x.lex.heading(ns[0]); ok {
			return false
		}
		if _, ok := x.service(ns[0]); ok {
			return false
		}
	}
	return true
}
