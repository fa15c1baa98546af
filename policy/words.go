package policy

import (
	"strings"
	"unicode"
)

// foldReplacer turns the accented letters of the supported languages into
// their plain forms, so that "Nécessaires", "Präferenzen", "año",
// "nødvendige", "niezbędne", "välttämättömät", "funcționale",
// "Nepieciešamās", "Būtini" and "Απαραίτητα" match the same word lists as their unaccented spellings
// (Greek's final sigma is its plain sigma).
var foldReplacer = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ą", "a",
	"ç", "c", "ć", "c", "č", "c",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ę", "e", "ě", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ı", "i",
	"ł", "l", "ñ", "n", "ń", "n", "ň", "n",
	"ò", "o", "ó", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ő", "o",
	"ś", "s", "š", "s", "ş", "s", "ř", "r", "ž", "z", "ź", "z", "ż", "z",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ű", "u", "ů", "u",
	"ý", "y", "ÿ", "y", "ß", "ss", "æ", "ae", "œ", "oe", "ğ", "g",
	"ă", "a", "ș", "s", "ț", "t", "ţ", "t",
	"ā", "a", "ē", "e", "ī", "i", "ō", "o", "ū", "u", "ė", "e", "į", "i", "ų", "u",
	"ģ", "g", "ķ", "k", "ļ", "l", "ņ", "n", "đ", "d",
	"ά", "α", "έ", "ε", "ή", "η", "ί", "ι", "ϊ", "ι", "ΐ", "ι", "ό", "ο", "ύ", "υ", "ϋ", "υ", "ΰ", "υ", "ώ", "ω", "ς", "σ",
)

// fold lower-cases s, strips its accents and replaces every run of
// characters other than letters and digits with one space. The result is
// what the word lists of this package are matched against.
func fold(s string) string {
	s = foldReplacer.Replace(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// words splits folded text into its words.
func words(s string) []string { return strings.Fields(fold(s)) }

// phrase is a sequence of word matchers written in a compact form: "necessa*"
// matches any word starting with "necessa", "*dauer" any word ending with
// "dauer", "~필수" any word containing "필수" (Japanese and often Korean
// write no spaces between words), and a plain word only itself. Words of a
// phrase are separated by single spaces.
type phrase []string

// phrases is a list of phrases, indexed by the first byte of their first
// word so that a word is tried against the few phrases that can match it.
type phrases struct {
	all     []phrase
	byFirst map[byte][]int // phrases whose first word starts with a plain byte
	others  []int          // phrases whose first word starts with "*" or "~"
}

func parsePhrases(list ...string) phrases {
	out := phrases{byFirst: map[byte][]int{}}
	for i, s := range list {
		ph := phrase(strings.Fields(s))
		out.all = append(out.all, ph)
		if first := ph[0]; first[0] == '*' || first[0] == '~' {
			out.others = append(out.others, i)
		} else {
			out.byFirst[first[0]] = append(out.byFirst[first[0]], i)
		}
	}
	return out
}

func wordMatches(pat, w string) bool {
	switch {
	case strings.HasPrefix(pat, "~"):
		return strings.Contains(w, pat[1:])
	case strings.HasSuffix(pat, "*"):
		return strings.HasPrefix(w, pat[:len(pat)-1])
	case strings.HasPrefix(pat, "*"):
		return strings.HasSuffix(w, pat[1:])
	default:
		return w == pat
	}
}

// matchAt reports whether ph matches ws starting at index i.
func (ph phrase) matchAt(ws []string, i int) bool {
	if i+len(ph) > len(ws) {
		return false
	}
	for k, p := range ph {
		if !wordMatches(p, ws[i+k]) {
			return false
		}
	}
	return true
}

// matchAt returns the phrase of phs that matches ws at index i, if any.
func (phs phrases) matchAt(ws []string, i int) (phrase, bool) {
	if ws[i] == "" {
		return nil, false
	}
	for _, k := range phs.byFirst[ws[i][0]] {
		if phs.all[k].matchAt(ws, i) {
			return phs.all[k], true
		}
	}
	for _, k := range phs.others {
		if phs.all[k].matchAt(ws, i) {
			return phs.all[k], true
		}
	}
	return nil, false
}

// find returns the index of the first word of ws where one of phs matches,
// or -1.
func find(ws []string, phs phrases) int {
	for i := range ws {
		if _, ok := phs.matchAt(ws, i); ok {
			return i
		}
	}
	return -1
}

// collapse replaces every run of white space (non-breaking spaces
// included) and control characters with one space, and trims the result.
// Bytes that are not UTF-8 become U+FFFD: pages are not always well
// encoded, and what is kept must be written to YAML and JSON and read back.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToValidUTF8(s, "\uFFFD"), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff'
	}), " ")
}

// cleanLines is collapse for text whose line breaks matter (name cells):
// it keeps line breaks and turns other control characters into spaces.
func cleanLines(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// stripCount removes the item count that consent platforms append to
// category headings: "Necessary (4)" becomes "Necessary".
func stripCount(s string) string {
	s = collapse(s)
	if !strings.HasSuffix(s, ")") {
		return s
	}
	open := strings.LastIndexByte(s, '(')
	if open < 0 {
		return s
	}
	inner := strings.TrimSpace(s[open+1 : len(s)-1])
	if inner == "" {
		return s
	}
	for _, r := range inner {
		if r < '0' || r > '9' {
			return s
		}
	}
	return strings.TrimSpace(s[:open])
}

// lineSet is the set of the phrases of s, split at "|" and line ends.
func lineSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '\n' }) {
		m[strings.TrimSpace(p)] = true
	}
	return m
}
