package policy

import "bytes"

// phpCodeNames blanks the bare names of the code of each PHP block
// (phpBlocks, opened by "<?php", in any case, or "<?="): functions
// (array_filter), constants (URL_BASE, __DIR__), keywords, methods. A PHP
// block shows only what it prints, and what it prints is in its strings,
// heredocs and variables; the names its code is written in are never on
// the page, and some look like cookie names. Strings, comments, heredocs,
// numbers, punctuation and variables ($analytics = [...], read by their
// name elsewhere) are kept, and every byte keeps its place.
func phpCodeNames(data []byte) []byte {
	if !bytes.Contains(data, []byte("<?")) {
		return data
	}
	var out []byte // a copy, made at the first name blanked
	for _, m := range phpBlocks.FindAllIndex(data, -1) {
		start := m[0] + 2
		switch {
		case len(data) >= start+3 && bytes.EqualFold(data[start:start+3], []byte("php")):
			start += 3
		case bytes.HasPrefix(data[start:], []byte("=")):
			start++
		default: // <?xml …?>, or a short open tag ("<? "), which is not read
			continue
		}
		for _, n := range phpBlockNames(data[:m[1]], start) {
			if out == nil {
				out = append([]byte(nil), data...)
			}
			for k := n[0]; k < n[1]; k++ {
				out[k] = ' '
			}
		}
	}
	if out == nil {
		return data
	}
	return out
}

// phpBlockNames returns the spans of the bare names of the PHP code in
// data from start (a block, as phpBlocks finds it, after its opening tag).
func phpBlockNames(data []byte, start int) [][2]int {
	var names [][2]int
	i := start
	for i < len(data) {
		c := data[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			i = phpStringEnd(data, i)
		case c == '#' || c == '/' && i+1 < len(data) && data[i+1] == '/':
			// A line comment ends at its line's end or at the block's.
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			k := bytes.Index(data[i+2:], []byte("*/"))
			if k < 0 {
				return names
			}
			i += 2 + k + 2
		case bytes.HasPrefix(data[i:], []byte("<<<")):
			i = phpHeredocEnd(data, i)
		case c == '$':
			i++
			for i < len(data) && phpNameByte(data[i], true) {
				i++
			}
		case phpNameByte(c, false):
			k := i
			for k < len(data) && phpNameByte(data[k], true) {
				k++
			}
			names = append(names, [2]int{i, k})
			i = k
		case c >= '0' && c <= '9':
			for i < len(data) && phpNameByte(data[i], true) {
				i++ // 0x1F, 1_000, 2e5: a number, no name
			}
		default:
			i++
		}
	}
	return names
}

// phpNameByte tells whether c may stand in a PHP name: first, a letter,
// an underscore or a byte of a multi-byte character; after it, a digit
// too.
func phpNameByte(c byte, after bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 || after && c >= '0' && c <= '9'
}

// phpStringEnd is the end of the quoted string at i, after its closing
// quote (or the end of data).
func phpStringEnd(data []byte, i int) int {
	q := data[i]
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case q:
			return i + 1
		}
	}
	return len(data)
}

// phpHeredocEnd is the end of the heredoc or nowdoc at i
// (<<<EOT … EOT, <<<'EOT' … EOT): after its closing name, or, for a
// "<<<" that opens none, after the "<<<".
func phpHeredocEnd(data []byte, i int) int {
	k := i + 3
	for k < len(data) && (data[k] == ' ' || data[k] == '\t') {
		k++
	}
	q := byte(0)
	if k < len(data) && (data[k] == '\'' || data[k] == '"') {
		q = data[k]
		k++
	}
	n := k
	for n < len(data) && phpNameByte(data[n], n > k) {
		n++
	}
	if n == k || q != 0 && (n >= len(data) || data[n] != q) {
		return i + 3
	}
	name := data[k:n]
	// The closing name stands first on a line of its own, after spaces.
	for p := n; ; {
		nl := bytes.IndexByte(data[p:], '\n')
		if nl < 0 {
			return len(data)
		}
		p += nl + 1
		line := bytes.TrimLeft(data[p:], " \t")
		if bytes.HasPrefix(line, name) && (len(line) == len(name) || !phpNameByte(line[len(name)], true)) {
			return len(data) - len(line) + len(name)
		}
	}
}
