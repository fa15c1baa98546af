package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// PatternKind says how a [Pattern] matches cookie names.
type PatternKind int

// The kinds of pattern.
const (
	// Exact patterns match one cookie name, compared case-sensitively as
	// browsers compare cookie names.
	Exact PatternKind = iota
	// Glob patterns have wildcards or placeholders: "_ga_*", "_pk_id.*",
	// "_ga_<container-id>", "_hjSession_#".
	Glob
	// Regex patterns are regular expressions between slashes: "/^_hj.*$/".
	Regex
)

// String returns "exact", "glob" or "regex".
func (k PatternKind) String() string {
	switch k {
	case Exact:
		return "exact"
	case Glob:
		return "glob"
	case Regex:
		return "regex"
	}
	return fmt.Sprintf("PatternKind(%d)", int(k))
}

// Pattern is a declared cookie name: an exact name or a pattern matching
// several names. Text keeps the declaration's own spelling; two patterns
// are equal when their texts are.
//
// Policies write patterns in several ways, all understood:
//
//   - "/re/" is a regular expression (Go syntax, unanchored unless it says
//     so, "/re/i" ignores case);
//   - "*" is any run of characters and "?" one character;
//   - ".*" is any run of characters too: pages write both "_pk_id.*"
//     (Matomo's names have a dot there) and "_ga_.*" (meaning "_ga_"
//     followed by anything), and the wider reading serves both;
//   - "#" is a run of digits or an id, as Cookiebot writes "_ga_#" and
//     "_hjSession_#" (letters, digits, "_", "-" and ".");
//   - a placeholder between angle brackets, braces or square brackets,
//     "_ga_<container-id>", "_ga_{ID}", "_ga_[ID]", is a non-empty run of
//     characters (none of those brackets can be part of a cookie name);
//     so is a template's interpolation with its sign, "_ga_${tag}",
//     "_ga_#{tag}", "%{name}_seen";
//   - "…" or "..." at the end is any run of characters.
//
// Any other text is an exact name.
type Pattern struct {
	// Text is the pattern as written.
	Text string
	kind PatternKind
	re   *regexp.Regexp
	// prefix is what every name a glob matches starts with ("_ga_" of
	// "_ga_*"), suffix what it ends with ("-_zldp" of "*-_zldp"): most
	// names fail on them without running the expression.
	prefix, suffix string
}

// ParsePattern parses a declared cookie name. It fails on an empty name, on
// white space outside a placeholder, and on an invalid regular expression.
func ParsePattern(s string) (Pattern, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Pattern{}, fmt.Errorf("empty cookie name")
	}
	if isRegexLiteral(s) {
		body, flags := s[1:len(s)-1], ""
		if strings.HasSuffix(s, "/i") {
			body, flags = s[1:len(s)-2], "(?i)"
		}
		re, err := regexp.Compile(flags + body)
		if err != nil {
			return Pattern{}, fmt.Errorf("cookie name %q: invalid regular expression: %v", s, err)
		}
		return Pattern{Text: s, kind: Regex, re: re}, nil
	}
	expr, glob, suffix, err := globRegexp(s)
	if err != nil {
		return Pattern{}, fmt.Errorf("cookie name %q: %v", s, err)
	}
	if !glob {
		return Pattern{Text: s, kind: Exact}, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return Pattern{}, fmt.Errorf("cookie name %q: %v", s, err)
	}
	prefix, _ := re.LiteralPrefix() // the expression is anchored at the start
	return Pattern{Text: s, kind: Glob, re: re, prefix: prefix, suffix: suffix}, nil
}

// isRegexLiteral reports whether s is written "/re/" or "/re/i".
func isRegexLiteral(s string) bool {
	if len(s) >= 3 && s[0] == '/' && s[len(s)-1] == '/' {
		return true
	}
	return len(s) >= 4 && s[0] == '/' && strings.HasSuffix(s, "/i")
}

// idRun is what Cookiebot's "#" stands for.
const idRun = `[0-9A-Za-z_.\-]+`

// globRegexp translates a glob into an anchored regular expression,
// reports whether s had any wildcard or placeholder at all, and returns
// the literal text after its last one.
func globRegexp(s string) (string, bool, string, error) {
	var b strings.Builder
	b.WriteString("^")
	glob := false
	rs := []rune(s)
	lastGlob := -1 // the last rune of the last wildcard or placeholder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		literal := false
		switch {
		case r == '.' && i+1 < len(rs) && rs[i+1] == '*':
			b.WriteString(".*")
			i++
			glob = true
		case r == '.' && i+2 == len(rs)-1 && rs[i+1] == '.' && rs[i+2] == '.':
			b.WriteString(".*")
			i += 2
			glob = true
		case r == '…' && i == len(rs)-1:
			b.WriteString(".*")
			glob = true
		case r == '*':
			b.WriteString(".*")
			glob = true
		case r == '?':
			b.WriteString(".")
			glob = true
		case r == '#' && (i+1 == len(rs) || rs[i+1] != '{'):
			b.WriteString(idRun)
			glob = true
		case r == '<' || r == '{' || r == '[' || strings.ContainsRune("$#%", r) && i+1 < len(rs) && rs[i+1] == '{':
			if r != '<' && r != '{' && r != '[' {
				i++ // a template's interpolation, "${tag}", "#{tag}", "%{name}": its sign is part of it
			}
			end := closingBracket(rs, i)
			if end < 0 {
				return "", false, "", fmt.Errorf("unclosed %q", rs[i])
			}
			b.WriteString(".+")
			i = end
			glob = true
		case unicode.IsSpace(r):
			return "", false, "", fmt.Errorf("white space in a cookie name")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
			literal = true
		}
		if !literal {
			lastGlob = i
		}
	}
	b.WriteString("$")
	return b.String(), glob, string(rs[lastGlob+1:]), nil
}

func closingBracket(rs []rune, i int) int {
	want := map[rune]rune{'<': '>', '{': '}', '[': ']'}[rs[i]]
	for j := i + 1; j < len(rs); j++ {
		if rs[j] == want {
			return j
		}
	}
	return -1
}

// Kind returns how p matches.
func (p Pattern) Kind() PatternKind { return p.kind }

// Prefix returns what every name p matches starts with: the name itself
// for an exact pattern, the text before the first wildcard or placeholder
// for a glob ("_ga_" of "_ga_*"), and "" for a regular expression. An
// index of patterns by their prefixes finds the few worth matching.
func (p Pattern) Prefix() string {
	switch p.kind {
	case Exact:
		return p.Text
	case Glob:
		return p.prefix
	}
	return ""
}

// Match reports whether the cookie name matches p.
func (p Pattern) Match(name string) bool {
	if p.re == nil {
		return p.kind == Exact && name == p.Text
	}
	if p.kind == Glob && (!strings.HasPrefix(name, p.prefix) || !strings.HasSuffix(name, p.suffix)) {
		return false
	}
	return p.re.MatchString(name)
}

// Equal reports whether p and q are written the same way. go-cmp uses it to
// compare declarations.
func (p Pattern) Equal(q Pattern) bool { return p.Text == q.Text }

// String returns p as written.
func (p Pattern) String() string { return p.Text }

// withoutPlaceholders drops the names read in prose that the page uses as
// placeholders in its other names: "Mentions of site_id refer to the ID
// of a site" beside "_hjSession_{site_id}".
func withoutPlaceholders(decls []Declaration) []Declaration {
	held := map[string]bool{}
	for _, d := range decls {
		for _, m := range placeholderWord.FindAllStringSubmatch(d.Name.Text, -1) {
			held[m[1]] = true
		}
	}
	if len(held) == 0 {
		return decls
	}
	return slices.DeleteFunc(decls, func(d Declaration) bool {
		return d.Source.Layout == LayoutProse && held[d.Name.Text]
	})
}

// placeholderWord is a word a name holds as its placeholder ("{site_id}",
// "<site_id>", "[site_id]").
var placeholderWord = regexp.MustCompile(`[{<\[]([\w-]+)[}>\]]`)
