package report

import (
	"fmt"
	"io"
	"strings"
)

// The output formats Write knows.
const (
	FormatTable = "table"
	FormatJSON  = "json"
)

// Formats returns the output formats Write knows, the default first.
func Formats() []string {
	return []string{FormatTable, FormatJSON, FormatHTML, FormatMarkdown, FormatSARIF, FormatJUnit}
}

// CheckFormat returns an error naming the valid formats when format is not
// one of them. Commands call it before a scan, not after.
func CheckFormat(format string) error {
	for _, f := range Formats() {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (valid: %s)", format, strings.Join(Formats(), ", "))
}

// Write writes rep to w in the given format.
func Write(w io.Writer, rep *Report, format string) error {
	switch format {
	case FormatTable:
		return WriteTable(w, rep)
	case FormatJSON:
		return WriteJSON(w, rep)
	case FormatHTML:
		return WriteHTML(w, rep)
	case FormatMarkdown:
		return WriteMarkdown(w, rep)
	case FormatSARIF:
		return WriteSARIF(w, rep)
	case FormatJUnit:
		return WriteJUnit(w, rep)
	}
	return CheckFormat(format)
}
