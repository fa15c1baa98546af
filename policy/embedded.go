package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Consent platforms publish their declarations as data too, and pages embed
// it in scripts:
//
//   - Cookiebot's cc.js assigns one array per category,
//     CookieConsentDialog.cookieTableNecessary = [["name", "provider",
//     "purpose", "expiry", "type"], …], and likewise cookieTablePreference,
//     cookieTableStatistics, cookieTableAdvertising and
//     cookieTableUnclassified;
//   - OneTrust's domain JSON holds "Groups", each with a "GroupName" (and an
//     "OptanonGroupId", C0001 to C0005), its cookies ("Cookies" or
//     "FirstPartyCookies", and "Hosts" with their own "Cookies") and
//     "SubGroups"; a cookie has "Name", "Host", "Length" (days),
//     "IsSession" and "description";
//   - CookieYes's banner script is configured by a variable, var
//     _ckyConfig = {"_categories": [{"name": "Analytics", "slug":
//     "analytics", "cookies": [{"cookieID": "_ga", "domain": ".example.org",
//     "provider": ""}], …}, …]}, from which its preference centre draws
//     its lists of cookies by category.

// cookieTableRE finds Cookiebot's category arrays.
var cookieTableRE = regexp.MustCompile(`cookieTable([A-Za-z]+)["']?\s*[=:]\s*\[`)

// cookiebotCategories maps the suffixes of Cookiebot's array names.
var cookiebotCategories = map[string]Category{
	"necessary": Necessary, "preference": Preferences, "preferences": Preferences,
	"statistics": Statistics, "statistic": Statistics, "advertising": Marketing,
	"marketing": Marketing, "unclassified": Unclassified,
}

// oneTrustGroupIDs maps OneTrust's standard group ids, used when a group's
// name names no category (a custom name, or a language not covered).
var oneTrustGroupIDs = map[string]Category{
	"C0001": Necessary, "C0002": Statistics, "C0003": Preferences, "C0004": Marketing, "C0005": Marketing,
}

// Bounds on the attempts to find JSON in one script.
const maxJSONAttempts = 16

// script extracts the declarations embedded in a script's text.
func (x *extractor) script(s string) {
	if strings.Contains(s, "cookieTable") {
		x.cookiebotArrays(s)
	}
	if strings.Contains(s, "Groups") {
		x.oneTrustScript(s)
	}
	if strings.Contains(s, "_ckyConfig") {
		x.cookieYesConfig(s)
	}
}

// platformData reports whether a script holds a consent platform's data
// that script reads.
func platformData(s string) bool {
	return cookieTableRE.MatchString(s) || strings.Contains(s, "OptanonGroupId") || cookieYesConfigRE.MatchString(s)
}

// cookieYesConfigRE finds the assignment of CookieYes's configuration.
var cookieYesConfigRE = regexp.MustCompile(`_ckyConfig\s*=\s*\{`)

// cookieYesCategories maps the slugs of CookieYes's standard categories;
// a category of the site's own is read by its name.
var cookieYesCategories = map[string]Category{
	"necessary": Necessary, "functional": Preferences, "analytics": Statistics,
	"performance": Statistics, "advertisement": Marketing, "others": Unclassified,
}

// cookieYesConfig reads the cookies of CookieYes's configuration, each
// with its category: the lists its preference centre shows, which a page
// saved without the script's drawing does not show.
func (x *extractor) cookieYesConfig(s string) {
	m := cookieYesConfigRE.FindStringIndex(s)
	if m == nil {
		return
	}
	v, _, err := parseJSLiteral(s[m[1]-1:])
	if err != nil {
		x.warnf("script: CookieYes _ckyConfig is not a readable object")
		return
	}
	conf, _ := v.(map[string]any)
	cats, _ := conf["_categories"].([]any)
	for _, c := range cats {
		group, _ := c.(map[string]any)
		name := collapse(firstString(group, "name", "slug"))
		cat, ok := cookieYesCategories[strings.ToLower(scalarString(group["slug"]))]
		if !ok {
			if cat, ok = categoryOf(name); !ok {
				cat = Unclassified
			}
		}
		cookies, _ := group["cookies"].([]any)
		for _, ck := range cookies {
			cm, _ := ck.(map[string]any)
			id := collapse(firstString(cm, "cookieID", "cookieId", "name"))
			if id == "" {
				continue
			}
			pat, err := ParsePattern(id)
			if err != nil {
				x.warnf("script: %v", err)
				continue
			}
			x.add(Declaration{
				Name:         pat,
				Provider:     collapse(firstString(cm, "provider")),
				Purpose:      collapse(firstString(cm, "description")),
				Category:     cat,
				CategoryText: name,
				Duration:     x.duration(id, collapse(firstString(cm, "duration")), "script"),
				Domain:       collapse(firstString(cm, "domain")),
				Source:       Source{Page: x.page, Layout: LayoutCookieYesScript},
			}, true)
		}
	}
}

func (x *extractor) cookiebotArrays(s string) {
	for _, m := range cookieTableRE.FindAllStringSubmatchIndex(s, 64) {
		suffix := s[m[2]:m[3]]
		cat, ok := cookiebotCategories[strings.ToLower(suffix)]
		if !ok {
			if cat, ok = categoryOf(suffix); !ok {
				continue
			}
		}
		v, _, err := parseJSLiteral(s[m[1]-1:])
		if err != nil {
			x.warnf("script: Cookiebot cookieTable%s is not a readable array", suffix)
			continue
		}
		rows, _ := v.([]any)
		for _, r := range rows {
			row, _ := r.([]any)
			field := func(i int) string {
				if i < len(row) {
					return collapse(scalarString(row[i]))
				}
				return ""
			}
			name := field(0)
			if name == "" {
				continue
			}
			pat, err := ParsePattern(name)
			if err != nil {
				x.warnf("script: %v", err)
				continue
			}
			typ := storageTypeOf(field(4))
			if typ == Pixel {
				x.warnf("script: %q is %s, not a cookie or web storage; kept with type %s, not audited", name, field(4), typ)
			}
			x.add(Declaration{
				Name:         pat,
				Type:         typ,
				Provider:     field(1),
				Purpose:      field(2),
				Category:     cat,
				CategoryText: suffix,
				Duration:     x.duration(name, field(3), "script"),
				Source:       Source{Page: x.page, Layout: LayoutCookiebotScript},
			}, true)
		}
	}
}

// duration parses one duration of a page, keeping it as text with a
// warning when it cannot be understood.
func (x *extractor) duration(name, text, where string) Duration {
	if text == "" {
		return Duration{}
	}
	d, err := ParseDuration(text)
	if err != nil {
		x.warnf("%s: %s: duration %q not understood; kept as text", where, name, text)
		return Duration{Text: collapse(text)}
	}
	return d
}

// oneTrustScript looks for OneTrust's Groups in a script: the script may be
// the JSON itself or assign it (var data = {…}), with other keys before the
// groups; objects are tried from the first brace and from the braces
// before each "Groups".
func (x *extractor) oneTrustScript(s string) {
	var starts []int
	if i := strings.IndexByte(s, '{'); i >= 0 {
		starts = append(starts, i)
	}
	for off, n := 0, 0; n < 4; n++ {
		i := strings.Index(s[off:], "Groups")
		if i < 0 {
			break
		}
		at := off + i
		for j, k := at, 0; k < 3; k++ {
			b := strings.LastIndexByte(s[:j], '{')
			if b < 0 {
				break
			}
			starts = append(starts, b)
			j = b
		}
		off = at + len("Groups")
	}
	tried := map[int]bool{}
	for _, at := range starts {
		if tried[at] || len(tried) >= maxJSONAttempts {
			continue
		}
		tried[at] = true
		v, _, err := parseJSLiteral(s[at:])
		if err != nil {
			continue
		}
		if groups := findGroups(v, 0); groups != nil {
			x.oneTrustGroups(groups, "", "", 0)
			return
		}
	}
}

// findGroups returns the "Groups" list of OneTrust data, searched a few
// levels deep ({"DomainData": {"Groups": …}}).
func findGroups(v any, depth int) []any {
	m, ok := v.(map[string]any)
	if !ok || depth > 4 {
		return nil
	}
	if g, ok := m["Groups"].([]any); ok {
		return g
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if g := findGroups(m[k], depth+1); g != nil {
			return g
		}
	}
	return nil
}

func (x *extractor) oneTrustGroups(groups []any, parent Category, parentText string, depth int) {
	if depth > 4 {
		return
	}
	for _, g := range groups {
		group, ok := g.(map[string]any)
		if !ok {
			continue
		}
		name := collapse(firstString(group, "GroupName", "Name"))
		cat, text := parent, parentText
		if c, ok := categoryOf(name); ok {
			cat, text = c, name
		} else if c, ok := oneTrustGroupIDs[strings.TrimSpace(firstString(group, "OptanonGroupId", "CustomGroupId"))]; ok {
			cat, text = c, name
		}
		if cat == "" {
			cat = Unclassified
		}
		for _, key := range []string{"Cookies", "FirstPartyCookies"} {
			if list, ok := group[key].([]any); ok {
				x.oneTrustCookies(list, cat, text, name, "", "")
			}
		}
		if hosts, ok := group["Hosts"].([]any); ok {
			for _, h := range hosts {
				host, ok := h.(map[string]any)
				if !ok {
					continue
				}
				if list, ok := host["Cookies"].([]any); ok {
					x.oneTrustCookies(list, cat, text, name, firstString(host, "HostName", "Host"), firstString(host, "DisplayName"))
				}
			}
		}
		if sub, ok := group["SubGroups"].([]any); ok {
			x.oneTrustGroups(sub, cat, text, depth+1)
		}
	}
}

func (x *extractor) oneTrustCookies(list []any, cat Category, catText, heading, host, provider string) {
	for _, c := range list {
		ck, ok := c.(map[string]any)
		if !ok {
			continue
		}
		name := collapse(firstString(ck, "Name", "name"))
		if name == "" {
			continue
		}
		pat, err := ParsePattern(name)
		if err != nil {
			x.warnf("OneTrust data: %v", err)
			continue
		}
		domain := collapse(firstString(ck, "Host", "host"))
		if domain == "" {
			domain = collapse(host)
		}
		x.add(Declaration{
			Name:         pat,
			Provider:     collapse(provider),
			Purpose:      collapse(firstString(ck, "description", "Description", "purpose", "Purpose")),
			Category:     cat,
			CategoryText: stripCount(catText),
			Duration:     x.oneTrustLength(name, ck),
			Domain:       domain,
			Source:       Source{Page: x.page, Heading: heading, Layout: LayoutOneTrustJSON},
		}, true)
	}
}

// oneTrustLength reads a cookie's lifetime: IsSession, or Length in days
// (0 for a session cookie), or a length in words.
func (x *extractor) oneTrustLength(name string, ck map[string]any) Duration {
	if b, ok := ck["IsSession"].(bool); ok && b {
		return Duration{Session: true, Text: "session"}
	}
	raw := strings.TrimSpace(scalarString(ck["Length"]))
	if raw == "" {
		return Duration{}
	}
	if days, err := strconv.ParseFloat(raw, 64); err == nil {
		if days < 0 || days > maxDuration.Hours()/24 {
			x.warnf("OneTrust data: %s: length %q not understood; kept as text", name, raw)
			return Duration{Text: raw}
		}
		if days == 0 {
			return Duration{Session: true, Text: "session"}
		}
		// The length is in days: say so in the wording kept.
		text := raw + " days"
		if days == 1 {
			text = raw + " day"
		}
		d, _ := ParseDuration(text)
		return d
	}
	return x.duration(name, raw, "OneTrust data")
}

func firstString(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s := scalarString(m[k]); s != "" {
			return s
		}
	}
	return ""
}

// scalarString returns a string or number as text, and "" for anything else.
func scalarString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case json.Number:
		return t.String()
	case map[string]any:
		// A text kept in several languages ({"da": "1 år", "en": "1
		// year"}): English if it is there, else the language whose code
		// sorts first (a mapping keeps no order); or in one language so
		// far (see soleLanguage).
		var langs []string
		for k, v := range t {
			if _, ok := v.(string); !ok || !languageKey.MatchString(k) {
				return ""
			}
			langs = append(langs, k)
		}
		if len(langs) == 0 || len(langs) == 1 && !soleLanguage(langs[0]) {
			return ""
		}
		slices.Sort(langs)
		if _, ok := t["en"]; ok {
			return t["en"].(string)
		}
		return t[langs[0]].(string)
	}
	return ""
}

// ExtractJSON extracts the declarations of a consent platform's JSON data:
// OneTrust's domain JSON ({"Groups": […]}, possibly under "DomainData"),
// as a page embeds it or as it is published on its own. Invalid JSON is an
// error with its line and column; JSON with no groups, or groups with no
// cookies, is an error wrapping [ErrNoDeclarations].
func ExtractJSON(name string, data []byte) (*Policy, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		return nil, jsonError(name, data, err)
	}
	x := newExtractor(name, ExtractOptions{})
	groups := findGroups(v, 0)
	if groups != nil {
		x.oneTrustGroups(groups, "", "", 0)
	}
	if len(x.decls) == 0 {
		return nil, fmt.Errorf("%w in %s: looked for OneTrust groups (\"Groups\" with \"Cookies\", \"FirstPartyCookies\" or \"Hosts\")", ErrNoDeclarations, name)
	}
	return x.policy(), nil
}
