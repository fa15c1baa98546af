package crawler

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The consent-platform rules (crawler/cmps/*.json, documented in
// crawler/cmps/README.md) and the words of the text fallback.
var (
	//go:embed cmps/*.json
	cmpFiles embed.FS
	//go:embed consent_words.json
	wordsJSON []byte
	//go:embed consent_generic.js
	genericSource string
)

// cmpRule is one consent-platform product.
type cmpRule struct {
	Name         string   `json:"name"`
	Title        string   `json:"title"`
	Sources      []string `json:"sources"`
	Detect       []string `json:"detect"`
	Shown        []string `json:"shown"`
	Accept       []string `json:"accept"`
	Reject       []string `json:"reject,omitempty"`
	Settings     []string `json:"settings,omitempty"`
	Layer2       []string `json:"layer2,omitempty"`
	Layer2Reject []string `json:"layer2Reject,omitempty"`
	Purposes     []string `json:"purposes,omitempty"`
	Save         []string `json:"save,omitempty"`
	// Confirm is the button of a confirmation the product asks for after
	// the first layer's reject ("Are you sure?" "OK"): clicked after it,
	// the refusal stays in the first layer.
	Confirm []string `json:"confirm,omitempty"`
	State   string   `json:"state,omitempty"`
	// API is a JavaScript expression, true when the platform's script is
	// loaded on the page: a banner of no known markup there (a site's own,
	// drawn over the platform's API) is named after the platform, and its
	// choices verified by State.
	API string `json:"api,omitempty"`
	TCF bool   `json:"tcf,omitempty"`
	// NoReject says the product offers no way to refuse: the rule then
	// has neither reject nor settings.
	NoReject bool `json:"noReject,omitempty"`
	// Close is the first layer's close control ("×"), and CloseRejects a
	// JavaScript expression, evaluated in the page's own world before a
	// refusal, true when the product as the site configured it records a
	// close as a refusal (its option for it is on, or it keeps purposes
	// that are off by default): then, with no reject shown, the close is
	// the first layer's refusal.
	Close        []string `json:"close,omitempty"`
	CloseRejects string   `json:"closeRejects,omitempty"`
	// Trusted says the product takes a choice only from a person's input
	// (an event the browser marks trusted): a site's own banner over its
	// API records nothing from a scripted click, and may close all the
	// same. The first layer's choice is then made with the mouse.
	Trusted bool `json:"trusted,omitempty"`
}

// buttonRoles are the roles a selector's " :role(…)" may name: a button
// whose whole label is one of consent_words.json's labels for it.
var buttonRoles = []string{"accept", "reject", "settings", "save"}

var ruleName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// check says what is wrong with a rule read from file, nil when nothing.
func (r *cmpRule) check(file string) error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%s: %s", file, fmt.Sprintf(format, a...))
	}
	switch {
	case !ruleName.MatchString(r.Name):
		return bad("name %q is not a lower-case slug", r.Name)
	case strings.TrimSuffix(path.Base(file), ".json") != r.Name:
		return bad("name %q differs from the file name", r.Name)
	case r.Title == "":
		return bad("no title")
	case len(r.Sources) == 0:
		return bad("no sources")
	case len(r.Detect) == 0 || len(r.Shown) == 0:
		return bad("detect and shown are required")
	case len(r.Accept) == 0:
		return bad("no accept selector")
	case len(r.Reject) == 0 && len(r.Settings) == 0 && !r.NoReject:
		return bad("neither reject nor settings: no way to refuse (say \"noReject\": true if the product has none)")
	case r.NoReject && (len(r.Reject) > 0 || len(r.Settings) > 0):
		return bad("noReject with a reject or settings selector")
	case len(r.Settings) > 0 && len(r.Layer2) == 0:
		return bad("settings without layer2")
	case len(r.Purposes) > 0 && len(r.Save) == 0:
		return bad("purposes without save")
	case len(r.Confirm) > 0 && len(r.Reject) == 0:
		return bad("confirm without reject")
	case r.API != "" && r.State == "":
		return bad("api without state: a banner named by the platform's API is verified by its state")
	case (len(r.Close) > 0) != (r.CloseRejects != ""):
		return bad("close and closeRejects go together: a close is a refusal only where the product records it so")
	case r.CloseRejects != "" && r.State == "":
		return bad("closeRejects without state: a close clicked as a refusal is verified by the platform's state")
	}
	for _, list := range [][]string{r.Detect, r.Shown, r.Accept, r.Reject, r.Settings, r.Layer2, r.Layer2Reject, r.Purposes, r.Save, r.Confirm, r.Close} {
		for _, s := range list {
			if strings.TrimSpace(s) == "" || strings.Count(s, "(") != strings.Count(s, ")") || strings.Count(s, "[") != strings.Count(s, "]") {
				return bad("selector %q is malformed", s)
			}
			if _, role, ok := strings.Cut(s, " :role("); ok && !slices.Contains(buttonRoles, strings.TrimSuffix(role, ")")) {
				return bad("selector %q: :role( takes one of %s", s, strings.Join(buttonRoles, ", "))
			}
		}
	}
	return nil
}

// loadRules reads and checks every rule, sorted by name.
func loadRules(fsys fs.FS) ([]cmpRule, error) {
	files, err := fs.Glob(fsys, "cmps/*.json")
	if err != nil {
		return nil, err
	}
	rules := make([]cmpRule, 0, len(files))
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var r cmpRule
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if err := r.check(f); err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	slices.SortFunc(rules, func(a, b cmpRule) int { return strings.Compare(a.Name, b.Name) })
	return rules, nil
}

// consentKit is what the consent script needs, built once.
type consentKit struct {
	rules  []cmpRule
	byName map[string]*cmpRule
	// script is consent.js with the text fallback inlined; rulesArg and
	// wordsArg are its rules (without their state expressions) and words,
	// as JSON arguments. binder makes, of the rules and words, a function
	// of the other arguments (see crawler.kitIn).
	script   string
	binder   string
	rulesArg json.RawMessage
	wordsArg json.RawMessage
	// behind is an expression that returns the name of the first rule
	// whose API is loaded on the page, or "" (see cmpRule.API).
	behind string
}

// kit is built on first use, not at start-up: most commands never answer
// a banner.
var kit = sync.OnceValue(func() *consentKit {
	rules, err := loadRules(cmpFiles)
	if err != nil {
		panic("crawler: consent rules: " + err.Error())
	}
	k := &consentKit{rules: rules, byName: map[string]*cmpRule{}}
	lean := make([]cmpRule, len(rules))
	var apis []string
	for i := range rules {
		k.byName[rules[i].Name] = &rules[i]
		lean[i] = rules[i]
		lean[i].State, lean[i].API, lean[i].CloseRejects, lean[i].Sources = "", "", "", nil
		if api := rules[i].API; api != "" {
			apis = append(apis, `[`+strconv.Quote(rules[i].Name)+`, () => (`+api+`)]`)
		}
	}
	k.behind = "(() => { for (const [name, loaded] of [" + strings.Join(apis, ", ") +
		"]) { try { if (loaded()) return name; } catch (e) {} } return \"\"; })()"
	k.rulesArg, _ = json.Marshal(lean)
	k.wordsArg = labelWordsJSON(wordsJSON)
	k.script = strings.Replace(consentSource, "/*GENERIC*/", genericSource, 1)
	k.binder = "function (rules, words) {\n\tconst kit = (" + k.script + ");\n" +
		"\treturn (mode, arg, custom, ...closedRoots) => kit(mode, arg, rules, words, custom, ...closedRoots);\n}"
	return k
})

// PlatformInfo describes a consent platform the crawler recognises.
type PlatformInfo struct {
	// Name is the rule's name, as reports write it ("onetrust").
	Name string
	// Title is the product's name ("OneTrust").
	Title string
	// API is true when the rule reads the platform's own API or consent
	// record to verify a choice; TCF when the IAB TCF API can verify it.
	API, TCF bool
	// SecondLayer is true when the rule can refuse behind the settings.
	SecondLayer bool
}

// Platforms lists the consent platforms the crawler recognises, sorted by
// name.
func Platforms() []PlatformInfo {
	out := make([]PlatformInfo, len(kit().rules))
	for i, r := range kit().rules {
		out[i] = PlatformInfo{
			Name: r.Name, Title: r.Title, API: r.State != "", TCF: r.TCF,
			SecondLayer: len(r.Settings) > 0 && (len(r.Layer2Reject) > 0 || len(r.Save) > 0),
		}
	}
	return out
}

// labelWordsJSON is consent_words.json for the page's script: the labels
// of buttons, without the words of consent records, which only Go reads.
func labelWordsJSON(b []byte) []byte {
	var doc struct {
		Languages map[string]map[string]json.RawMessage `json:"languages"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		panic("crawler: consent_words.json: " + err.Error())
	}
	for _, lists := range doc.Languages {
		for _, name := range recordWordLists {
			delete(lists, name)
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		panic("crawler: consent_words.json: " + err.Error())
	}
	return out
}
