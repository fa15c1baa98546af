package policy

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// templateComments are the comments of the template languages a page may
// be written in: what they hold is never shown. A row of a cookie table
// commented out in a React component (`{/* <tr>…</tr> */}`), a Blade,
// Twig, JSP, Liquid or Razor template is no declaration. HTML's own
// comments are the parser's.
var templateComments = regexp.MustCompile(`(?s)` + // one pattern per syntax
	`\{/\*.*?\*/\}` + // JSX
	`|\{\{-?\s*/\*.*?\*/\s*-?\}\}` + // Go templates
	`|\{\{!--.*?--\}\}|\{\{![^-].*?\}\}` + // Handlebars, Mustache
	`|\{\{--.*?--\}\}` + // Blade
	`|\{#.*?#\}` + // Twig, Jinja, Nunjucks
	`|<%--.*?--%>|<%#.*?%>` + // JSP, ASP.NET; ERB
	`|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}` + // Liquid, Django
	// A Shopify section's schema: the theme editor's settings, not the
	// page ("blocks": [{"name": "Article with cookie table"}]).
	`|\{%-?\s*schema\s*-?%\}.*?\{%-?\s*endschema\s*-?%\}` +
	`|@\*.*?\*@`) // Razor

// bladeValue is a Blade template's section given its value inline
// (`@section('title', 'Cookie policy — ACME')`,
// `@section('meta_description', '…')`): a value for the layout, the page's
// title or its description, not the text of the page.
var bladeValue = regexp.MustCompile(`@section\(\s*(?:'[\w.-]{1,60}'\s*,\s*'(?:[^'\\\n]|\\.)*'|"[\w.-]{1,60}"\s*,\s*"(?:[^"\\\n]|\\.)*")\s*\)`)

// phpBlocks are PHP's code blocks; the block comments inside one
// (`<?php /* <tr>…</tr> */ ?>`) hide what they hold.
var (
	phpBlocks   = regexp.MustCompile(`(?s)<\?(?:php\b|=)?.*?(?:\?>|$)`)
	cBlockComms = regexp.MustCompile(`(?s)/\*.*?\*/`)
	// phpOpenComment is a PHP block that opens with a block comment.
	phpOpenComment = regexp.MustCompile(`(?s)<\?php\s+/\*.*?\*/`)
)

// dropTemplateComments blanks the template comments of data, and the
// values a Blade template gives its layout inline, keeping its
// line breaks so that positions in the page stay where they were.
func dropTemplateComments(data []byte) []byte {
	blank := func(b []byte) []byte {
		out := make([]byte, len(b))
		for i, c := range b {
			if c == '\n' {
				out[i] = '\n'
			} else {
				out[i] = ' '
			}
		}
		return out
	}
	if bytes.Contains(data, []byte("<?")) {
		// A comment that opens a PHP block runs to its end, past the
		// "?>" of the block it opened in: `<?php /* ?> <tr>…</tr> <?php */ ?>`
		// hides the row (a way templates keep markup out of a page).
		data = phpOpenComment.ReplaceAllFunc(data, func(b []byte) []byte {
			i := bytes.Index(b, []byte("/*"))
			return append(append([]byte(nil), b[:i]...), blank(b[i:])...)
		})
		data = phpBlocks.ReplaceAllFunc(data, func(b []byte) []byte {
			return cBlockComms.ReplaceAllFunc(b, blank)
		})
	}
	if bytes.Contains(data, []byte("@section")) {
		data = bladeValue.ReplaceAllFunc(data, blank)
	}
	return templateComments.ReplaceAllFunc(data, blank)
}

// A template may keep its texts in a translation table of its own
// (Laravel's `$translations = ['ar' => ['s3_n_1' => 'PHPSESSID — …']]` in
// an @php block) and show each by its key (`{{ $t('s3_n_1') }}`).
var (
	// phpPair is a key and its text in a PHP array: 'key' => 'text'.
	phpPair = regexp.MustCompile(`'([\w.-]{1,80})'\s*=>\s*'((?:[^'\\]|\\.)*)'|"([\w.-]{1,80})"\s*=>\s*"((?:[^"\\]|\\.)*)"`)
	// translated is a template's call that shows a text by its key:
	// {{ $t('key') }}, {{ __('key') }}, {{ trans('key') }}, {!! … !!},
	// @lang('key').
	translated = regexp.MustCompile(`\{\{\s*(?:\$t|__|trans|t)\(\s*['"]([\w.-]{1,80})['"]\s*\)\s*\}\}|\{!!\s*(?:\$t|__|trans|t)\(\s*['"]([\w.-]{1,80})['"]\s*\)\s*!!\}|@lang\(\s*['"]([\w.-]{1,80})['"]\s*\)`)
	// bladePHP is a Blade template's block of PHP code.
	bladePHP = regexp.MustCompile(`(?s)@php\b.*?@endphp`)
)

// inlineTranslations writes in place of each call that shows a text by
// its key the text the template's own translation table gives it (the
// first), and blanks the template's @php blocks: code, never shown, whose
// keys ("s3_n_1", "nav_home") are no cookie names. A page without such a
// table is left as it is.
func inlineTranslations(data []byte) []byte {
	if !translated.Match(data) {
		return data
	}
	texts := map[string]string{}
	for _, m := range phpPair.FindAllSubmatch(data, 4096) {
		k, v := string(m[1])+string(m[3]), string(m[2])+string(m[4])
		if _, ok := texts[k]; !ok {
			texts[k] = strings.NewReplacer(`\'`, `'`, `\"`, `"`, `\\`, `\`).Replace(v)
		}
	}
	if len(texts) == 0 {
		return data
	}
	data = rewriteMatches(data, translated, -1, func(m []int, _ int) (int, int, []byte, bool) {
		t, ok := texts[matchedGroups(data, m)]
		return m[0], m[1], []byte(html.EscapeString(t)), ok
	})
	return bladePHP.ReplaceAllFunc(data, func(b []byte) []byte { return bytes.Repeat([]byte("\n"), bytes.Count(b, []byte("\n"))) })
}

// phpEcho is PHP that prints a text a translation function is given as it
// is written in the source language (gettext's way: the text is its own
// key): <?= __('Name') ?>, <?php echo __('Purpose'); ?>, <?php _e('Type') ?>.
var phpEcho = regexp.MustCompile(`<\?(?:=|php\s+echo\b)\s*(?:__|_|gettext|esc_html__|t)\s*\(\s*'((?:[^'\\]|\\.)*)'\s*(?:,\s*'[\w-]*'\s*)?\)\s*;?\s*\?>` +
	`|<\?php\s+(?:_e|esc_html_e)\s*\(\s*'((?:[^'\\]|\\.)*)'\s*(?:,\s*'[\w-]*'\s*)?\)\s*;?\s*\?>`)

// phpEchoes writes in place of each such call the text it prints, as the
// page shows it (the text may hold markup of its own, printed raw).
func phpEchoes(data []byte) []byte {
	if !bytes.Contains(data, []byte("<?")) {
		return data
	}
	return rewriteMatches(data, phpEcho, -1, func(m []int, _ int) (int, int, []byte, bool) {
		return m[0], m[1], []byte(phpSingleQuoted.Replace(matchedGroups(data, m))), true
	})
}

// matchedGroups is the text of a match's groups that took part in it,
// joined: the one alternative of a pattern's that matched.
func matchedGroups(data []byte, m []int) string {
	text := ""
	for i := 2; i < len(m); i += 2 {
		if m[i] >= 0 {
			text += string(data[m[i]:m[i+1]])
		}
	}
	return text
}
