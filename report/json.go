package report

import (
	"encoding/json"
	"io"
)

// WriteJSON writes rep as indented JSON followed by a newline, in the
// order the report holds (the crawler's order). Characters such as < and &
// are written as they are, since URLs are full of them and the output is
// not meant for HTML.
func WriteJSON(w io.Writer, rep *Report) error {
	if rep != nil && rep.Storage == nil {
		// "storage" is always an array, even in a report built by hand.
		c := *rep
		c.Storage = []StorageItem{}
		rep = &c
	}
	return writeIndentedJSON(w, rep)
}

// writeIndentedJSON writes v as JSON indented by two spaces, followed by a
// newline, with < and & as they are.
func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
