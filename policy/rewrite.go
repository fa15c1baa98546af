package policy

import (
	"bytes"
	"regexp"
)

// rewriteMatches rewrites the spans of data that re's matches lead, as a
// page's code that draws a table is rewritten as the table it draws. For
// each match (up to limit) that starts where no earlier rewrite reaches,
// span is given the match's submatch indexes and where the text not yet
// rewritten starts (last); it says which bytes [start, end) to replace and
// with what, or ok false to leave the match as it is. Data with nothing
// rewritten is returned as it is.
func rewriteMatches(data []byte, re *regexp.Regexp, limit int, span func(m []int, last int) (start, end int, repl []byte, ok bool)) []byte {
	var out bytes.Buffer
	last, changed := 0, false
	for _, m := range re.FindAllSubmatchIndex(data, limit) {
		if m[0] < last {
			continue
		}
		start, end, repl, ok := span(m, last)
		if !ok {
			continue
		}
		out.Write(data[last:start])
		out.Write(repl)
		last, changed = end, true
	}
	if !changed {
		return data
	}
	out.Write(data[last:])
	return out.Bytes()
}
