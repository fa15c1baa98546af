package policy

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/goccy/go-yaml"
)

// fileDoc is the policy-file format, as written. Its field order is the
// order of the output.
type fileDoc struct {
	Site     string       `json:"site,omitempty" yaml:"site,omitempty"`
	Cookies  []fileCookie `json:"cookies" yaml:"cookies"`
	Services []fileCookie `json:"services,omitempty" yaml:"services,omitempty"`
}

type fileCookie struct {
	Name     string      `json:"name,omitempty" yaml:"name,omitempty"`
	Service  string      `json:"service,omitempty" yaml:"service,omitempty"`
	Type     string      `json:"type,omitempty" yaml:"type,omitempty"`
	Category string      `json:"category" yaml:"category"`
	Duration string      `json:"duration,omitempty" yaml:"duration,omitempty"`
	Provider string      `json:"provider,omitempty" yaml:"provider,omitempty"`
	Purpose  string      `json:"purpose,omitempty" yaml:"purpose,omitempty"`
	Domain   string      `json:"domain,omitempty" yaml:"domain,omitempty"`
	Source   *fileSource `json:"source,omitempty" yaml:"source,omitempty"`
}

type fileSource struct {
	Page     string `json:"page,omitempty" yaml:"page,omitempty"`
	Heading  string `json:"heading,omitempty" yaml:"heading,omitempty"`
	Table    int    `json:"table,omitempty" yaml:"table,omitempty"`
	Layout   string `json:"layout,omitempty" yaml:"layout,omitempty"`
	Category string `json:"category,omitempty" yaml:"category,omitempty"`
	Duration string `json:"duration,omitempty" yaml:"duration,omitempty"`
}

func toFile(p *Policy) fileDoc {
	doc := fileDoc{Site: p.Site, Cookies: []fileCookie{}}
	for _, d := range p.Cookies {
		doc.Cookies = append(doc.Cookies, toFileEntry(d))
	}
	for _, d := range p.Services {
		doc.Services = append(doc.Services, toFileEntry(d))
	}
	return doc
}

func toFileEntry(d Declaration) fileCookie {
	cat := d.Category
	if cat == "" {
		cat = Unclassified
	}
	c := fileCookie{
		Name:     d.Name.Text,
		Service:  d.Service,
		Type:     string(d.Type),
		Category: string(cat),
		Duration: d.Duration.String(),
		Provider: d.Provider,
		Purpose:  d.Purpose,
		Domain:   d.Domain,
	}
	s := fileSource{
		Page:    d.Source.Page,
		Heading: d.Source.Heading,
		Table:   d.Source.Table,
		Layout:  d.Source.Layout,
	}
	// The source's wording is written where it says more than the
	// canonical value; Parse reads it back into the same fields. A
	// declaration with a source block takes its category wording from
	// that block only, so it is always written there.
	if d.Duration.Text != "" && d.Duration.Text != c.Duration {
		s.Duration = d.Duration.Text
	}
	if d.CategoryText != "" && (d.CategoryText != string(cat) || s != (fileSource{})) {
		s.Category = d.CategoryText
	}
	if s != (fileSource{}) {
		c.Source = &s
	}
	return c
}

// WriteYAML writes p in the policy-file format, preceded by comments that
// say where it came from and what the extraction could not understand, so
// the person reviewing it knows what to check. [Parse] reads the result back
// to the same declarations (positions in the file aside).
func WriteYAML(w io.Writer, p *Policy) error {
	var b strings.Builder
	if p.Source != "" {
		fmt.Fprintf(&b, "# Cookie policy read from %s.\n", oneLine(p.Source))
		b.WriteString("# Review every entry before using this file as the declared policy.\n")
	}
	for _, warn := range p.Warnings {
		fmt.Fprintf(&b, "# warning: %s\n", oneLine(warn))
	}
	out, err := yaml.MarshalWithOptions(toFile(p), yaml.UseLiteralStyleIfMultiline(false))
	if err != nil {
		return fmt.Errorf("writing policy as YAML: %w", err)
	}
	b.Write(out)
	_, err = io.WriteString(w, b.String())
	return err
}

// WriteJSON writes p in the JSON form of the policy-file format:
// {"site":…,"cookies":[{"name":…,"category":…,"duration":…,"provider":…,
// "purpose":…,"domain":…,"source":{"heading":…}}]}, indented.
func WriteJSON(w io.Writer, p *Policy) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(toFile(p)); err != nil {
		return fmt.Errorf("writing policy as JSON: %w", err)
	}
	return nil
}

// oneLine keeps a comment on one line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return ' '
		}
		return r
	}, s)
}
