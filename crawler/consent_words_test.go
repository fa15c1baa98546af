package crawler

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// consentWordLists are the lists every language of consent_words.json has.
var consentWordLists = []string{"accept", "reject", "settings", "save", "consent", "notConsent", "close", "off", "optional"}

// settingsWordLists are the words that rank a settings button (see
// labelWords in consent_generic.js): strong ones say settings outright,
// weak ones ("more", "details") make a weaker settings button.
var settingsWordLists = []string{"settingsStrong", "settingsWeak"}

// answerWordLists are a language's words for "yes" and "no", which a
// label may start with before its choice ("Yes, reject all", "No, only
// necessary"; see labelWords in consent_generic.js).
var answerWordLists = []string{"yes", "no"}

// nextWordLists are a language's labels of a step-by-step dialog's
// "Next" button (see the generic finder's next): optional, a language
// may have none.
var nextWordLists = []string{"next"}

// noAnswerWords are the languages whose lists for yes and no stay empty:
// Chinese and Thai write no space after the answer, and Irish has no
// words for yes and no (an answer repeats the question's verb).
var noAnswerWords = []string{"zh", "th", "ga"}

// labelTokens splits a label into words as the consent engine does.
func labelTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:/&()'\"-", r) })
}

// cjkWord reports whether a word is written in a script without spaces
// between words (CJK, Thai), which the engine finds anywhere in a label
// rather than as a whole word.
func cjkWord(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai) || r >= 0xac00 && r <= 0xd7af
	})
}

// normWord normalises a label as the consent engine compares labels: lower
// case, accents removed (NFD, combining marks dropped), typographic
// apostrophes made plain, blanks collapsed, surrounding punctuation and
// arrows trimmed.
func normWord(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case '\u2019', '\u2018', '`':
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	s = strings.Join(strings.Fields(b.String()), " ")
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
	})
}

func loadConsentWords(t *testing.T) map[string]map[string][]string {
	t.Helper()
	b, err := os.ReadFile("consent_words.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Languages map[string]map[string][]string `json:"languages"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("consent_words.json: %v", err)
	}
	return doc.Languages
}

// TestConsentWords checks consent_words.json: enough languages, every list
// filled, every entry already normalised, and no label that could be read
// two ways (accept and reject, or a settings label taken as a reject).
func TestConsentWords(t *testing.T) {
	langs := loadConsentWords(t)
	if len(langs) < 12 {
		t.Errorf("%d languages, want at least 12", len(langs))
	}
	for _, code := range []string{"en", "fr", "de", "es", "it", "nl", "pt", "pl", "sv", "da", "fi", "nb", "cs"} {
		if _, ok := langs[code]; !ok {
			t.Errorf("language %q missing", code)
		}
	}
	// role[label] is every list a label is in, across languages.
	role := map[string]map[string]bool{}
	for code, lists := range langs {
		for name := range lists {
			if !slices.Contains(consentWordLists, name) && !slices.Contains(settingsWordLists, name) && !slices.Contains(recordWordLists, name) && !slices.Contains(answerWordLists, name) && !slices.Contains(nextWordLists, name) {
				t.Errorf("%s: unknown list %q", code, name)
			}
		}
		for _, name := range consentWordLists {
			words := lists[name]
			if len(words) == 0 {
				t.Errorf("%s.%s is empty", code, name)
			}
			seen := map[string]bool{}
			for _, w := range words {
				if n := normWord(w); n != w {
					t.Errorf("%s.%s: %q is not normalised (want %q)", code, name, w, n)
				}
				if seen[w] {
					t.Errorf("%s.%s: %q listed twice", code, name, w)
				}
				seen[w] = true
				if role[w] == nil {
					role[w] = map[string]bool{}
				}
				role[w][name] = true
			}
		}
	}
	// A label is one kind of button only.
	buttons := []string{"accept", "reject", "settings", "save"}
	for w, in := range role {
		var kinds []string
		for _, k := range buttons {
			if in[k] {
				kinds = append(kinds, k)
			}
		}
		if len(kinds) > 1 {
			t.Errorf("%q is both %s", w, strings.Join(kinds, " and "))
		}
	}
	// No accept label starts with a word for closing: the engine reads
	// such a label as a close ("Đóng" and "Đồng ý", close and agree, are
	// one word without their marks).
	var closes []string
	for _, lists := range langs {
		closes = append(closes, lists["close"]...)
	}
	for w, in := range role {
		for _, c := range closes {
			if rest, ok := strings.CutPrefix(w, c); in["accept"] && ok && (rest == "" || !unicode.IsLetter([]rune(rest)[0])) {
				t.Errorf("accept label %q starts with the close word %q", w, c)
			}
		}
	}
	// The words that rank a settings button: one word each, normalised,
	// and either strong or weak.
	rank := map[string]string{}
	for code, lists := range langs {
		for _, name := range settingsWordLists {
			if len(lists[name]) == 0 {
				t.Errorf("%s.%s is empty", code, name)
			}
			seen := map[string]bool{}
			for _, w := range lists[name] {
				if n := normWord(w); n != w {
					t.Errorf("%s.%s: %q is not normalised (want %q)", code, name, w, n)
				}
				if ts := labelTokens(w); len(ts) != 1 || ts[0] != w {
					t.Errorf("%s.%s: %q is not one word", code, name, w)
				}
				if seen[w] {
					t.Errorf("%s.%s: %q listed twice", code, name, w)
				}
				seen[w] = true
				if other, ok := rank[w]; ok && other != name {
					t.Errorf("%q is both %s and %s", w, other, name)
				}
				rank[w] = name
			}
		}
	}
	// No accept or reject label says "settings": the engine reads a label
	// that holds a word of a settings button (a settings word, or a
	// one-word settings label of any language) as a settings button.
	settingsWords := map[string]bool{}
	for w := range rank {
		settingsWords[w] = true
	}
	for w, in := range role {
		if in["settings"] && !strings.Contains(w, " ") {
			settingsWords[w] = true
		}
	}
	var settings []string
	for w, in := range role {
		if in["settings"] {
			settings = append(settings, w)
		}
	}
	for w, in := range role {
		if !in["reject"] && !in["accept"] {
			continue
		}
		for _, part := range labelTokens(w) {
			if settingsWords[part] {
				t.Errorf("button label %q contains the settings word %q", w, part)
			}
		}
		for s := range settingsWords {
			if cjkWord(s) && strings.Contains(w, s) {
				t.Errorf("button label %q contains the settings word %q", w, s)
			}
		}
		// The engine takes a label that contains a settings label of more
		// than four letters for a settings button.
		for _, s := range settings {
			if utf8.RuneCountInString(s) > 4 && strings.Contains(w, s) {
				t.Errorf("button label %q contains the settings label %q", w, s)
			}
		}
	}
}

// TestRecordWords checks the words of consent records in
// consent_words.json: each language's lists are lower case and without
// repeats, their fragments are regular expressions, no word is both a yes
// and a no or both a necessary and an optional purpose, and every word a
// language lists is read by the record reader.
func TestRecordWords(t *testing.T) {
	langs := loadConsentWords(t)
	for _, name := range recordWordLists {
		if len(langs["en"][name]) == 0 {
			t.Errorf("en.%s is empty: English is the base of every list", name)
		}
	}
	// reads is how the reader takes a whole word of each list.
	reads := map[string]func(string) bool{
		"recordNames":     vocab().name.MatchString,
		"recordYes":       func(w string) bool { return vocab().yes[w] },
		"recordNo":        func(w string) bool { return vocab().no[w] },
		"recordNecessary": vocab().necessary.MatchString,
		"recordPurposes":  vocab().purpose.MatchString,
		"recordAll":       func(w string) bool { return vocab().all[w] },
	}
	plain := regexp.MustCompile(`^[\p{L}\p{N}_-]+$`)
	for code, lists := range langs {
		for _, name := range recordWordLists {
			seen := map[string]bool{}
			for _, w := range lists[name] {
				// \p{L} (any letter) is the one upper-case escape a
				// fragment may hold: "butin\p{L}*" takes any ending.
				if bare := strings.ReplaceAll(w, `\p{L}`, ""); bare != strings.ToLower(strings.TrimSpace(bare)) || w == "" {
					t.Errorf("%s.%s: %q is not a lower-case word", code, name, w)
				}
				if seen[w] {
					t.Errorf("%s.%s: %q listed twice", code, name, w)
				}
				seen[w] = true
				if _, err := regexp.Compile(w); err != nil {
					t.Errorf("%s.%s: %q: %v", code, name, w, err)
				}
				if plain.MatchString(w) && !reads[name](w) {
					t.Errorf("%s.%s: %q is not read as one", code, name, w)
				}
				switch {
				case !plain.MatchString(w):
				case name == "recordYes" && vocab().no[w], name == "recordNo" && vocab().yes[w]:
					t.Errorf("%s.%s: %q is both a yes and a no", code, name, w)
				case name == "recordNecessary" && vocab().purpose.MatchString(w), name == "recordPurposes" && vocab().necessary.MatchString(w):
					t.Errorf("%s.%s: %q is both a necessary and an optional purpose", code, name, w)
				}
			}
		}
	}
}

// TestAnswerWords checks the words for "yes" and "no" in
// consent_words.json: every language that writes a space after its answer
// has both, each is one normalised word, and no word is a yes in one
// language and a no in another.
func TestAnswerWords(t *testing.T) {
	langs := loadConsentWords(t)
	kind := map[string]string{}
	for code, lists := range langs {
		for _, name := range answerWordLists {
			words := lists[name]
			if len(words) == 0 && !slices.Contains(noAnswerWords, code) {
				t.Errorf("%s.%s is empty", code, name)
			}
			if len(words) > 0 && slices.Contains(noAnswerWords, code) {
				t.Errorf("%s.%s has words, but %s is listed in noAnswerWords", code, name, code)
			}
			for _, w := range words {
				if n := normWord(w); n != w {
					t.Errorf("%s.%s: %q is not normalised (want %q)", code, name, w, n)
				}
				if ts := labelTokens(w); len(ts) != 1 || ts[0] != w {
					t.Errorf("%s.%s: %q is not one word", code, name, w)
				}
				if k, ok := kind[w]; ok && k != name {
					t.Errorf("%s.%s: %q is both a yes and a no", code, name, w)
				}
				kind[w] = name
			}
		}
	}
}

// TestNextWords checks the labels of a "Next" button: normalised, and
// none of them a label of another kind in any language (a "Weiter" that
// accepts is an accept, and never a step).
func TestNextWords(t *testing.T) {
	langs := loadConsentWords(t)
	other := map[string]string{}
	for code, lists := range langs {
		for _, name := range []string{"accept", "reject", "settings", "save", "close"} {
			for _, w := range lists[name] {
				other[w] = code + "." + name
			}
		}
	}
	n := 0
	for code, lists := range langs {
		for _, name := range nextWordLists {
			for _, w := range lists[name] {
				n++
				if nw := normWord(w); nw != w {
					t.Errorf("%s.%s: %q is not normalised (want %q)", code, name, w, nw)
				}
				if o, ok := other[w]; ok {
					t.Errorf("%s.%s: %q is also in %s", code, name, w, o)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no language has labels of a Next button")
	}
}

// TestSettingsWordsRank checks in Chromium that the consent engine reads
// every language's settings words: alone, a strong word makes a settings
// button of the first rank and a weak one of the second; in a label, the
// strongest word decides.
func TestSettingsWordsRank(t *testing.T) {
	type rankCase struct {
		Label string
		Want  int
	}
	var cases []rankCase
	for _, lists := range loadConsentWords(t) {
		for _, w := range lists["settingsStrong"] {
			cases = append(cases, rankCase{w, 2})
		}
		for _, w := range lists["settingsWeak"] {
			cases = append(cases, rankCase{w, 1})
		}
	}
	cases = append(cases,
		rankCase{"learn more", 1},
		rankCase{"more information and settings", 2},
		rankCase{"cookie-einstellungen verwalten", 2},
		rankCase{"了解更多", 1},
		rankCase{"accept all", 0},
		rankCase{"了解", 0}, // Japanese "understood": an accept
	)
	b, _ := json.Marshal(cases)
	got := evalInBrowser[[]int](t, genericSource+`;(() => {
		const lw = labelWords({ words: `+string(labelWordsJSON(wordsJSON))+` });
		return `+string(b)+`.map((c) => lw.settingsRank(c.Label));
	})()`)
	if len(got) != len(cases) {
		t.Fatalf("%d ranks for %d labels", len(got), len(cases))
	}
	for i, c := range cases {
		if got[i] != c.Want {
			t.Errorf("settingsRank(%q) = %d, want %d", c.Label, got[i], c.Want)
		}
	}
}

// TestLabelVariants checks in Chromium that a label reads as its close
// variants do: a Japanese choice joined to what follows it ("同意して閉じる",
// agree and close) is that choice; a close named for how a refusal goes on
// ("Chiudi senza accettare") is a refusal, a close alone or with an accept
// is none. Labels are given normalised, as the engine compares them (じ
// loses its mark).
func TestLabelVariants(t *testing.T) {
	cases := map[string]string{
		"同意して閉しる":                    "accept",
		"同意して進む":                     "accept",
		"拒否して閉しる":                    "reject",
		"許可して続ける":                    "accept",
		"閉しる":                        "",
		"accept all (recommended)":   "accept",
		"同意并关闭":                      "accept",
		"chiudi senza accettare":     "reject",
		"close without accepting":    "reject",
		"fermer":                     "",
		"schliessen und akzeptieren": "accept",
		"close all":                  "",
		// A notice's only button, thanking the visitor (WordPress's Cookie
		// Consent plugin).
		"okay, thanks": "accept",
		// Languages written right to left, without spaces, or whose
		// words lose their marks (normalised as the engine does).
		"قبول الكل": "accept",
		"رفض الكل":  "reject",
		"اعدادات ملفات تعريف الارتباط": "settings",
		"אני מסכים/ה":   "accept",
		"לא מסכים/ה":    "reject",
		"ยอมรบทงหมด":    "accept",
		"ปฏเสธทงหมด":    "reject",
		"ตงคาคกก":       "settings",
		"đong y":        "accept",
		"tu choi":       "reject",
		"terima semua":  "accept",
		"tolak":         "reject",
		"прихватам све": "accept",
		"одбијам":       "reject",
		"подешавања":    "settings",
		// A confirmation that says "yes" before its choice.
		"yes, reject all":    "reject",
		"ja, ablehnen":       "reject",
		"oui, tout refuser":  "reject",
		"yes":                "",
		"yes, show settings": "settings",
		// A refusal that says "no" before it.
		"no, only necessary cookies": "reject",
		"nein, nur notwendige":       "reject",
		"نه، فقط ضروری":              "reject",
		"no, accept all":             "",
		"no":                         "",
		// Answers in languages the lists gave words to later: Romanian
		// "nu", Ukrainian "так", Indonesian "ya", Hebrew "כן".
		"nu, doar cele necesare": "reject",
		"так, прииняти все":      "accept",
		"ya, terima semua":       "accept",
		"כן, אני מסכים/ה":        "accept",
		// An accept of what a refusal keeps.
		"accetta solo cookie necessari":   "reject",
		"nur notwendige cookies zulassen": "reject",
		"accept all":                      "accept",
		// A close named for the accept it makes, and an acknowledgement
		// before an accept.
		"close and accept cookies": "accept",
		"close and accept all":     "accept",
		"close":                    "",
		"got it, accept":           "accept",
		"ok, accept all":           "accept",
		"got it, manage settings":  "settings",
		"submit":                   "save",
		"save my settings":         "save",
		// "Yes please" and "No thanks" to cookies (Danish, Norwegian,
		// Swedish).
		"ja tak til cookies":               "accept",
		"nej tak til cookies":              "reject",
		"nei takk til informasjonskapsler": "reject",
		"nej tack till kakor":              "reject",
		"kun de nødvendige":                "reject",
		"yes, that's fine":                 "accept",
		"ja, det er i orden":               "accept",
		"say no to optional cookies":       "reject",
		"refuse non-essential cookies":     "reject",
		"valider mon choix":                "save",
		"akceptuje pliki cookie":           "accept",
		"somente funcionais":               "reject",
		"accettare tutto":                  "accept",
		"rifiutare tutto":                  "reject",
		"personalizzare":                   "settings",
		"tillat nodvandiga":                "reject",
		"kiella evasteet":                  "reject",
		"only essential cookies, please":   "reject",
		"nur notwendige cookies, bitte":    "reject",
		"apenas cookies funcionais":        "reject",
		"endast grundlaggande cookies":     "reject",
		"entendi e aceito":                 "accept",
		"luban koik kupsised":              "accept",
		"ainult tehnilised kupsised":       "reject",
		"noustun koigega":                  "accept",
		"akkoord, ga verder":               "accept",
		"only the necessary ones":          "reject",
		"alles erlauben":                   "accept",
		"auswahl ubernehmen":               "save",
		"okej, tillat alla":                "accept",
		"enkel noodzakelijke":              "reject",
		"enkel functionele cookies":        "reject",
		"allow all cookies and close":      "accept",
		"refuse all cookies and close":     "reject",
		"tout refuser et fermer":           "reject",
		"keuze bewaren":                    "save",
		"bekijk je keuzes":                 "settings",
		"passt so":                         "accept",
		"auswahl speichern & schliessen":   "save",
		"guardar escolhas":                 "save",
		"turn down":                        "reject",
		"allow every cookie":               "accept",
		// "Confirm all" / "approve all": a save word with "all" is the
		// accept of everything (a Polish bank's "Zatwierdź wszystkie").
		"zatwierdz wszystkie": "accept",
		"zatwierdz wybor":     "save",
		"potvrdit vse":        "accept",
		"alle bestatigen":     "accept",
		"confirm all":         "accept",
		// A bar's refusal of the third parties' cookies, the only
		// optional ones it sets (the Bank of Italy's).
		"rifiuta i cookie di terze parti":        "reject",
		"refuse third-party cookies":             "reject",
		"refuser les cookies tiers":              "reject",
		"rechazar cookies de terceros":           "reject",
		"accept third-party cookies":             "",
		"only the essentials":                    "reject",
		"no, don't use optional cookies":         "reject",
		"strictement necessaires":                "reject",
		"cookies strictement necessaires":        "",
		"ulozit nastavenie":                      "save",
		"alleen interne cookies":                 "reject",
		"weiter, ohne zuzustimmen":               "reject",
		"jatka vain valttamattomilla evasteilla": "reject",
		"j'autorise":                             "accept",
		"prima, ga verder":                       "accept",
		"accetto tutti i cookie":                 "accept",
		"prima, alles mag":                       "accept",
		"zgadzam sie na wszystko":                "accept",
		"no, thank you":                          "reject",
		"no, please don't track me":              "reject",
		"view more info":                         "settings",
		"alles goed":                             "accept",
		"save my choice":                         "save",
		"choose individually":                    "settings",
		"einzeln auswahlen":                      "settings",
		"好，我明白":                                  "accept",
		"accetto e proseguo":                     "accept",
		"choose my cookies":                      "settings",
		"ulozit muj vyber":                       "save",
		"meer info":                              "settings",
		"mehr infos":                             "settings",
		// Round 180: a refusal's long French labels, Romanian settings and
		// saving.
		"accepter seulement les cookies indispensables": "reject",
		"uniquement autoriser les cookies essentiels":   "reject",
		"modifica":                  "settings",
		"salveaza selectia curenta": "save",
		"nur essentielle":           "reject",
		"rechazar las opcionales":   "reject",
		// A refusal in the first person, led by "no", and a save of "my
		// selection" (a French ski resort's own banner).
		"non, je refuse tout":  "reject",
		"je refuse tout":       "reject",
		"non, tout refuser":    "reject",
		"valider ma selection": "save",
		// "Confirm the selected" (a Lithuanian bank's own banner).
		"patvirtinti pasirinktus": "save",
		// A refusal of "all non-essential cookies", and of them "and
		// continue" (an Australian university's own banner).
		"reject all non-essential cookies and continue": "reject",
		"reject all non-essential cookies":              "reject",
		"reject non-essential cookies and continue":     "reject",
		// "Accept the technically necessary", without "only" (a German
		// bank's own dialog).
		"technisch notwendige annehmen": "reject",
		// With "only", the same follows from an accept word after a
		// refusal: no phrase of its own.
		"nur technisch notwendige annehmen": "reject",
		"nur notwendige annehmen":           "reject",
		// A Swedish agency's own refusal, "No, I decline", and two
		// refusals joined ("No thanks, decline").
		"nej, jag avbojer": "reject",
		"jag avbojer":      "reject",
		"nej tack, avboj":  "reject",
		// "Accept only the essential ones" (an airline's own notice);
		// the accept word before a refusal is the refusal.
		"aceptar solo las esenciales":         "reject",
		"aceptar solo las cookies esenciales": "reject",
		// The IAB framework's objection to every legitimate interest, the
		// refusal of a settings view of its own (an older Sibbo dialog's
		// second view), and that view's "save and exit".
		"object to all":       "reject",
		"m'oposo a tot":       "reject",
		"allen widersprechen": "reject",
		"desa i surt":         "save",
		// A bar that asks about one cookie ("refuser ce cookie").
		"refuser ce cookie":    "reject",
		"reject these cookies": "reject",
		// "Accept the necessary cookies", with no "only": a Swedish
		// agency's own dialog, whose other button saves the boxes ticked
		// ("Godkänn valda kakor").
		"godkann nodvandiga kakor":       "reject",
		"jag godkanner nodvandiga kakor": "reject",
		"godkann valda kakor":            "save",
	}
	labels := make([]string, 0, len(cases))
	for l := range cases {
		labels = append(labels, l)
	}
	b, _ := json.Marshal(labels)
	got := evalInBrowser[[]string](t, genericSource+`;(() => {
		const closes = (t) => /^(?:chiudi|close|fermer|schliessen|đong lai)(?![\p{L}\p{N}])/u.test(t);
		const lw = labelWords({ words: `+string(labelWordsJSON(wordsJSON))+`, closes });
		return `+string(b)+`.map((l) => lw.classify(l));
	})()`)
	if len(got) != len(labels) {
		t.Fatalf("%d answers for %d labels", len(got), len(labels))
	}
	for i, l := range labels {
		if got[i] != cases[l] {
			t.Errorf("classify(%q) = %q, want %q", l, got[i], cases[l])
		}
	}
}
