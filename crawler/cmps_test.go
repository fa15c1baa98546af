package crawler

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
)

// TestRules checks every rule file: it decodes strictly, names itself
// after its file, gives its sources, and has a way to accept and one to
// refuse. There are rules for at least 60 products.
func TestRules(t *testing.T) {
	rules, err := loadRules(cmpFiles)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 60 {
		t.Errorf("%d consent-platform rules, want at least 60", len(rules))
	}
	titles := map[string]string{}
	for _, r := range rules {
		if other, ok := titles[strings.ToLower(r.Title)]; ok {
			t.Errorf("rules %s and %s have the same title %q", other, r.Name, r.Title)
		}
		titles[strings.ToLower(r.Title)] = r.Name
	}
}

// TestRulesRefuseBadFiles: a broken rule is an error naming its file,
// never a rule that silently matches nothing.
func TestRulesRefuseBadFiles(t *testing.T) {
	good := `{"name":"acme","title":"Acme","sources":["docs"],"detect":["#a"],"shown":["#a"],"accept":["#y"],"reject":["#n"]}`
	for _, tc := range []struct{ name, file, body, want string }{
		{"unknown field", "cmps/acme.json", strings.Replace(good, `"reject"`, `"rejct"`, 1), "unknown field"},
		{"name differs from file", "cmps/other.json", good, "differs from the file name"},
		{"no way to refuse", "cmps/acme.json", strings.Replace(good, `,"reject":["#n"]`, "", 1), "no way to refuse"},
		{"settings without layer2", "cmps/acme.json", strings.Replace(good, `"reject":["#n"]`, `"settings":["#s"]`, 1), "settings without layer2"},
		{"malformed selector", "cmps/acme.json", strings.Replace(good, `"#y"`, `"button[type=x"`, 1), "malformed"},
		{"not a slug", "cmps/Acme.json", strings.Replace(good, `"acme"`, `"Acme"`, 1), "slug"},
		{"no sources", "cmps/acme.json", strings.Replace(good, `["docs"]`, `[]`, 1), "no sources"},
		{"unknown role", "cmps/acme.json", strings.Replace(good, `"#n"`, `"#b button :role(refuse)"`, 1), ":role( takes one of"},
		{"api without state", "cmps/acme.json", strings.Replace(good, `"reject"`, `"api":"!!window.acme","reject"`, 1), "api without state"},
		{"close without closeRejects", "cmps/acme.json", strings.Replace(good, `"reject"`, `"close":["#x"],"reject"`, 1), "close and closeRejects go together"},
		{"closeRejects without state", "cmps/acme.json", strings.Replace(good, `"reject"`, `"close":["#x"],"closeRejects":"true","reject"`, 1), "closeRejects without state"},
		{"malformed close", "cmps/acme.json", strings.Replace(good, `"reject"`, `"close":["#x["],"closeRejects":"true","state":"null","reject"`, 1), "malformed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadRules(fstest.MapFS{tc.file: {Data: []byte(tc.body)}})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.file) {
				t.Errorf("loadRules = %v, want an error naming %s and saying %q", err, tc.file, tc.want)
			}
		})
	}
	if _, err := loadRules(fstest.MapFS{"cmps/acme.json": {Data: []byte(good)}}); err != nil {
		t.Errorf("a good rule: %v", err)
	}
}

// TestRulesCompileInBrowser parses every selector and expression (state,
// api, closeRejects) of every rule in Chromium: consent.js skips a selector the browser refuses,
// so a typo would otherwise go unnoticed.
func TestRulesCompileInBrowser(t *testing.T) {
	type item struct{ Rule, Kind, Text string }
	var items []item
	for _, r := range kit().rules {
		for _, list := range [][]string{r.Detect, r.Shown, r.Accept, r.Reject, r.Settings, r.Layer2, r.Layer2Reject, r.Purposes, r.Save, r.Confirm, r.Close} {
			for _, s := range list {
				css, _, _ := strings.Cut(s, " :text(")
				css, _, _ = strings.Cut(css, " :role(")
				items = append(items, item{r.Name, "selector", css})
			}
		}
		if r.State != "" {
			items = append(items, item{r.Name, "state", r.State})
		}
		if r.API != "" {
			items = append(items, item{r.Name, "api", r.API})
		}
		if r.CloseRejects != "" {
			items = append(items, item{r.Name, "closeRejects", r.CloseRejects})
		}
	}
	b, _ := json.Marshal(items)
	bad := evalInBrowser[[]string](t, `(() => {
		const bad = [];
		for (const it of `+string(b)+`) {
			try {
				if (it.Kind === "selector") document.querySelectorAll(it.Text);
				else new Function("return (" + it.Text + ");");
			} catch (e) { bad.push(it.Rule + ": " + it.Kind + " " + JSON.stringify(it.Text) + ": " + e.message); }
		}
		return bad;
	})()`)
	for _, s := range bad {
		t.Error(s)
	}
}

// evalInBrowser evaluates a script in a blank page of Chromium and returns
// its value. Chromium's profile, and the directories it makes under
// TMPDIR, go with the test.
func evalInBrowser[T any](t *testing.T, script string) T {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	path, err := FindBrowser("")
	if err != nil {
		t.Fatalf("a full test run needs Chromium: %v", err)
	}
	dir := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.UserDataDir(dir), chromedp.Env("TMPDIR="+dir))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestRuleSaveNeverAccepts shows a rule's save selector that also matches
// the settings' "accept all" (a class the platform gives every highlighted
// button): the save is the button whose label reads as a save, in any
// language, and when only the accept shows there is no save at all. A
// refusal must never store an acceptance.
func TestRuleSaveNeverAccepts(t *testing.T) {
	rule := cmpRule{
		Name:     "testcmp",
		Detect:   []string{"#tcmp"},
		Shown:    []string{"#tcmp"},
		Accept:   []string{"#tcmp .first .ok"},
		Layer2:   []string{"#tcmp .prefs"},
		Purposes: []string{"#tcmp .prefs input[type=checkbox]"},
		Save:     []string{"#tcmp .prefs .hl"},
	}
	pages := []struct {
		html string
		want string
	}{
		{`<button class="hl">Agree to all</button><button class="hl">Save</button>`, "Save"},
		{`<button class="hl">Погодитися з усім</button><button class="hl">Зберегти</button>`, "Зберегти"},
		{`<button class="hl">Alle akzeptieren</button><button class="hl" hidden>Speichern</button>`, ""},
		{`<button class="hl">Confirm my choices</button>`, "Confirm my choices"},
		{`<button class="hl">Accept selected</button><button class="hl">Accept all</button>`, "Accept selected"},
	}
	var bodies []string
	for _, p := range pages {
		bodies = append(bodies, `<div class="prefs"><label><input type="checkbox" checked>Analytics</label>`+p.html+`</div>`)
	}
	got := detectOn[string](t, rule, `{ platform: "testcmp", layer2: true }`, bodies, `out.save ? out.save.label || "?" : ""`)
	for i, p := range pages {
		if got[i] != p.want {
			t.Errorf("settings %s: save is %q, want %q", p.html, got[i], p.want)
		}
	}
}

// TestRuleButtonsNeverAccept checks that a rule's settings and reject
// selectors pass over a button whose label is an accept: a bar whose
// buttons share one class ("Accept all cookies", "Cookie Preferences")
// is never answered with its accept in a refusal.
func TestRuleButtonsNeverAccept(t *testing.T) {
	rule := cmpRule{
		Name:     "testcmp",
		Detect:   []string{"#tcmp"},
		Shown:    []string{"#tcmp"},
		Accept:   []string{"#tcmp .ok"},
		Reject:   []string{"#tcmp .btn:not(.ok)"},
		Settings: []string{"#tcmp .btn:not(.no)"},
	}
	pages := []struct {
		html             string
		reject, settings string
	}{
		{`<button class="btn">Accept all cookies</button><button class="btn">Cookie preferences</button>`, "", "Cookie preferences"},
		{`<button class="btn">Alle akzeptieren</button><button class="btn no">Ablehnen</button><button class="btn">Einstellungen</button>`, "Ablehnen", "Einstellungen"},
		// A refusal worded as an accept of what it keeps is no accept.
		{`<button class="btn no">Accept only necessary cookies</button><button class="btn">Settings</button>`, "Accept only necessary cookies", "Settings"},
	}
	var bodies []string
	for _, p := range pages {
		bodies = append(bodies, p.html)
	}
	got := detectOn[[]string](t, rule, `{ platform: "testcmp" }`, bodies, `[out.reject ? out.reject.label || "?" : "", out.settings ? out.settings.label || "?" : ""]`)
	for i, p := range pages {
		if len(got[i]) != 2 || got[i][0] != p.reject || got[i][1] != p.settings {
			t.Errorf("%s: reject and settings are %q, want %q and %q", p.html, got[i], p.reject, p.settings)
		}
	}
}

// detectOn runs the engine's detection with rule alone on each of bodies
// (the markup of a banner, #tcmp, drawn in view) and returns what pick, a
// JavaScript expression of the answer out, reads from each.
func detectOn[T any](t *testing.T, rule cmpRule, arg string, bodies []string, pick string) []T {
	t.Helper()
	rules, _ := json.Marshal([]cmpRule{rule})
	var calls []string
	for _, body := range bodies {
		b, _ := json.Marshal(`<div id="tcmp" style="position:fixed;top:0;left:0;width:600px;height:400px">` + body + `</div>`)
		calls = append(calls, `(() => { document.body.innerHTML = `+string(b)+`; const out = kit("detect", `+arg+`, rules, words, {}); return `+pick+`; })()`)
	}
	got := evalInBrowser[[]T](t, `(() => {
		const kit = (`+kit().script+`);
		const rules = `+string(rules)+`;
		const words = `+string(kit().wordsArg)+`;
		return [`+strings.Join(calls, ",\n")+`];
	})()`)
	if len(got) != len(bodies) {
		t.Fatalf("%d answers for %d pages", len(got), len(bodies))
	}
	return got
}

// ruleState returns the state expression of the rule named name.
func ruleState(t *testing.T, name string) string {
	t.Helper()
	rules, err := loadRules(cmpFiles)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if r.Name == name && r.State != "" {
			return r.State
		}
	}
	t.Fatalf("the rule %s has no state", name)
	return ""
}

// ruleStates evaluates the state expression of the rule named name in a
// browser once for each of inputs (marshalled to JSON): before each,
// setup, a statement of JavaScript, puts the input c where the rule reads
// it, in a global or in cookie, the text document.cookie returns.
func ruleStates(t *testing.T, name, setup string, inputs any) []string {
	t.Helper()
	state := ruleState(t, name)
	b, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	return evalInBrowser[[]string](t, `(async () => {
		let cookie = "";
		Object.defineProperty(document, "cookie", { get: () => cookie, configurable: true });
		const out = [];
		for (const c of `+string(b)+`) {
			`+setup+`;
			out.push(String(await (() => (`+state+`))()));
		}
		return out;
	})()`)
}

// TestCommandersActRecord reads Commanders Act's record TC_PRIVACY as the
// rule's state does with no API loaded: "0@version|site|id@accepted@
// refused@times@" after a choice of categories, "1@…@@@" after a refusal
// (as public captures show them). A record of the first kind that accepts
// nothing is a refusal; one of the second kind that accepts all ("1@009@
// ALL@@…", as a public script writes to accept) is an accept.
func TestCommandersActRecord(t *testing.T) {
	cases := []struct{ record, want string }{
		{"0%40005%7C93%7C5327%401%2C2%2C3%40%401715188539662%40", "accepted"},
		{"0%40005%7C93%7C5327%402%2C4%401%401715188539662%40", "partial"},
		{"0%40005%7C93%7C5327%40%401%2C2%2C3%401715188539662%40", "rejected"},
		{"1%40004%7C25%7C4340%40%40%401758194531923%40", "rejected"},
		{"1%40032%7C1%7C4525%40%402%401713310882911%40", "rejected"},
		{"1@009@ALL@@1593418821237@", "accepted"},
		{"0@064@ALL@", "accepted"},
	}
	records := make([]string, len(cases))
	for i, c := range cases {
		records[i] = c.record
	}
	got := ruleStates(t, "commandersact", `cookie = "TC_PRIVACY=" + c`, records)
	for i, c := range cases {
		if i >= len(got) || got[i] != c.want {
			t.Errorf("TC_PRIVACY=%s: state %v, want %q", c.record, got, c.want)
		}
	}
}

// TestEUCookieComplianceRequired reads the Drupal module's record
// "cookie-agreed-categories" against the categories the site makes
// required, in each of the ways the module's versions say so: a category
// whose details are "required", the first category fixed
// (fix_first_cookie_category), or a checkbox the popup draws ticked and
// disabled. A record holding only those is a refusal.
func TestEUCookieComplianceRequired(t *testing.T) {
	box := func(v, attrs string) string {
		return `<input type="checkbox" name="cookie-categories" value="` + v + `" ` + attrs + `>`
	}
	popup := `<div class="eu-cookie-compliance-categories">` + box("essential", "checked disabled") + box("functional", "checked disabled") + box("statistics", "") + `</div>`
	cases := []struct {
		settings map[string]any
		cats     string
		want     string
	}{
		{map[string]any{"method": "categories", "popup_html_info": popup}, `["essential","functional"]`, "rejected"},
		{map[string]any{"method": "categories", "popup_html_info": popup}, `["essential","functional","statistics"]`, "accepted"},
		{map[string]any{"method": "categories", "fix_first_cookie_category": true, "cookie_categories": []string{"basis", "analyse"}}, `["basis"]`, "rejected"},
		{map[string]any{"method": "categories", "fix_first_cookie_category": true, "cookie_categories": []string{"basis", "analyse"}}, `["basis","analyse"]`, "accepted"},
		{map[string]any{"method": "categories", "cookie_categories_details": map[string]any{"site": map[string]string{"checkbox_default_state": "required"}}}, `["site"]`, "rejected"},
		{map[string]any{"method": "categories"}, `["functional"]`, "accepted"},
	}
	type input struct {
		Settings map[string]any `json:"settings"`
		Record   string         `json:"record"`
	}
	inputs := make([]input, len(cases))
	for i, c := range cases {
		inputs[i] = input{c.settings, "cookie-agreed=2; cookie-agreed-categories=" + url.QueryEscape(c.cats)}
	}
	got := ruleStates(t, "eu-cookie-compliance", `window.drupalSettings = { eu_cookie_compliance: c.settings }; cookie = c.record`, inputs)
	for i, c := range cases {
		if i >= len(got) || got[i] != c.want {
			t.Errorf("settings %v, categories %s: state %v, want %q", c.settings, c.cats, got, c.want)
		}
	}
}

// TestConsentmanagerAPI reads consentmanager's API as its documentation
// writes it: purposeConsents maps each purpose to true or false. A list
// (the ids of the purposes consented, as a site's own wrapper may keep
// them) says nothing of the purposes left out: its positions are no
// purposes, and it is read as "cannot tell", never as an accept.
func TestConsentmanagerAPI(t *testing.T) {
	cases := []struct{ purposes, want string }{
		{`{"s1": true, "s2": true, "c52": true}`, "accepted"},
		{`{"s1": false, "s2": false, "c52": false}`, "rejected"},
		{`{"s1": true, "s2": false}`, "partial"},
		{`[1, 2]`, "null"},
		{`[1, 2, 3, 4, 5]`, "null"},
	}
	purposes := make([]json.RawMessage, len(cases))
	for i, c := range cases {
		purposes[i] = json.RawMessage(c.purposes)
	}
	got := ruleStates(t, "consentmanager", `window.__cmp = (cmd) => cmd === "consentStatus" ? { userChoiceExists: true } : { purposeConsents: c }`, purposes)
	for i, c := range cases {
		if i >= len(got) || got[i] != c.want {
			t.Errorf("purposeConsents %s: state %v, want %q", c.purposes, got, c.want)
		}
	}
}

// TestShopifyState reads Shopify's choice from its API as its
// documentation writes it ("yes", "no" or "" per purpose), and from its
// record _tracking_consent where the API says neither yes nor no of any
// purpose: a storefront whose API is loaded but not yet answering, or
// answers otherwise, still has its record.
func TestShopifyState(t *testing.T) {
	record := func(a, m, p string) string {
		return "_tracking_consent=" + url.QueryEscape(`{"con":{"CMP":{"a":"`+a+`","m":"`+m+`","p":"`+p+`","s":""}},"v":"2.1"}`)
	}
	type input struct {
		API    map[string]string `json:"api"`
		Record string            `json:"record"`
	}
	cases := []struct {
		in   input
		want string
	}{
		{input{map[string]string{"marketing": "yes", "analytics": "yes", "preferences": "yes"}, ""}, "accepted"},
		{input{map[string]string{"marketing": "no", "analytics": "no", "preferences": "no"}, record("1", "1", "1")}, "rejected"},
		{input{map[string]string{"marketing": "", "analytics": "", "preferences": ""}, record("0", "0", "0")}, "rejected"},
		{input{map[string]string{"marketing": "0", "analytics": "0", "preferences": "0"}, record("0", "0", "0")}, "rejected"},
		{input{map[string]string{"marketing": "", "analytics": "", "preferences": ""}, record("1", "0", "1")}, "partial"},
		{input{nil, record("1", "1", "1")}, "accepted"},
		{input{map[string]string{"marketing": "", "analytics": "", "preferences": ""}, ""}, "none"},
	}
	inputs := make([]input, len(cases))
	for i, c := range cases {
		inputs[i] = c.in
	}
	got := ruleStates(t, "shopify", `window.Shopify = c.api ? { customerPrivacy: { currentVisitorConsent: () => c.api } } : undefined; cookie = c.record`, inputs)
	for i, c := range cases {
		if i >= len(got) || got[i] != c.want {
			t.Errorf("API %v, record %q: state %v, want %q", c.in.API, c.in.Record, got, c.want)
		}
	}
}

// TestGenericBannerNamedByItsLabel finds a notice whose text names no
// cookies by its accessible name: a dialog labelled "Cookies" (or
// "Gestion des cookies") is a consent notice, as a screen reader announces
// it; the same dialog labelled for anything else is none.
func TestGenericBannerNamedByItsLabel(t *testing.T) {
	none := cmpRule{Name: "testcmp", Detect: []string{"#never"}, Shown: []string{"#never"}, Accept: []string{"#never"}}
	notice := func(label string) string {
		return `<div role="dialog" aria-label="` + label + `"><h2>Your choice</h2><p>May we measure how our programmes are watched and use outside services for some features?</p>` +
			`<div><button>I accept</button><button>I refuse</button><button>Set my choices</button></div></div>`
	}
	pages := []struct {
		html, reject string
	}{
		{notice("Cookies"), "I refuse"},
		{notice("Gestion des cookies"), "I refuse"},
		{notice("Newsletter"), ""},
	}
	var bodies []string
	for _, p := range pages {
		bodies = append(bodies, p.html)
	}
	got := detectOn[string](t, none, `{}`, bodies, `out && out.reject ? out.reject.label || "?" : ""`)
	for i, p := range pages {
		if got[i] != p.reject {
			t.Errorf("%s: reject is %q, want %q", p.html, got[i], p.reject)
		}
	}
}

// TestGenericBannerAnsweredYesOrNo checks, in the browser, that a notice
// asking whether it may use cookies is answered by its bare "Yes" and
// "No" ("Ja", "Nei"), its words broken by soft hyphens for layout only;
// and that the same buttons under a question about anything else (a
// survey beside a cookie notice's words), or a statement with no
// question, answer nothing.
func TestGenericBannerAnsweredYesOrNo(t *testing.T) {
	none := cmpRule{Name: "testcmp", Detect: []string{"#never"}, Shown: []string{"#never"}, Accept: []string{"#never"}}
	box := func(title, text string) string {
		return `<section id="site-notice" style="position:fixed;bottom:0;left:0;right:0;background:#fff"><h2>` + title + `</h2><p>` + text + `</p>` +
			`<div><button type="button">Ja</button><button type="button">Nei</button></div></section>`
	}
	pages := []struct {
		html, accept, reject string
	}{
		{box("Kan vi bruke informasjons&shy;kapsler som du kan velge bort?", "Svarer du ja, bruker vi dem til statistikk."), "Ja", "Nei"},
		{box("Fant du det du lette etter?", "Vi bruker informasjonskapsler til statistikk."), "", ""},
		{box("Informasjonskapsler", "Vi bruker informasjonskapsler til statistikk."), "", ""},
	}
	var bodies []string
	for _, p := range pages {
		bodies = append(bodies, p.html)
	}
	got := detectOn[string](t, none, `{}`, bodies, `(out && out.accept ? out.accept.label : "") + "|" + (out && out.reject ? out.reject.label : "")`)
	for i, p := range pages {
		if want := p.accept + "|" + p.reject; got[i] != want {
			t.Errorf("%s: accept|reject is %q, want %q", p.html, got[i], want)
		}
	}
}
