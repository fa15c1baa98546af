package classifier

// The evidence text of findings: how a cookie was set, what the knowledge
// base says of it, and which declaration says what, where.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

// subject is what a finding about a cookie or a web storage entry is
// about: how its message names it, and the fields of the finding that say
// which one it is.
type subject struct {
	// label names it in messages: the cookie's name, or "localStorage key
	// st_uid"; set is what was done to it: "set", "written", "opened".
	label, set string
	// name, domain and path are the finding's Cookie, Domain and Path: a
	// storage entry's key, its origin's host and no path.
	name, domain, path string
	// storage and origin are the kind of web storage and the origin of a
	// storage entry; empty for a cookie.
	storage, origin string
	phases          []crawler.Phase
	// setBy says how and where it was first written, for evidence.
	setBy string
}

// cookieSubject is the subject of a finding about a cookie.
func cookieSubject(ck crawler.Cookie) subject {
	return subject{label: ck.Name, set: "set", name: ck.Name, domain: ck.Domain, path: ck.Path, phases: ck.Phases, setBy: setBy(ck)}
}

// finding is a finding of kind k about s.
func (s subject) finding(k Kind, sev Severity, msg, evidence string) Finding {
	return Finding{
		Kind: k, Severity: sev,
		Cookie: s.name, Domain: s.domain, Path: s.path, Storage: s.storage, Origin: s.origin,
		Message: msg, Evidence: evidence,
	}
}

// setBy says how a cookie was set, for evidence.
func setBy(ck crawler.Cookie) string {
	var s string
	switch ck.SetBy {
	case crawler.SetByHeader:
		s = "set by a Set-Cookie header of " + ck.Source
	case crawler.SetByScript:
		s = "set by the script " + ck.Source
	default:
		s = "seen in the cookie jar"
	}
	if ck.FirstSeenOn != "" {
		s += ", first on " + ck.FirstSeenOn
	}
	return s
}

// kbEvidence describes a knowledge-base entry. It runs for every cookie
// the knowledge base names, so it is written without fmt.
func kbEvidence(e *Entry) string {
	var b strings.Builder
	b.Grow(96 + len(e.Description) + len(e.Reason))
	b.WriteString("knowledge base: ")
	b.WriteString(e.Provider)
	b.WriteByte(' ')
	b.WriteString(e.Pattern())
	b.WriteString(" is ")
	b.WriteString(string(e.Category))
	b.WriteString(" (")
	b.WriteString(string(e.Confidence))
	b.WriteString(" confidence")
	switch {
	case e.Origin == OriginOverride:
		b.WriteString(", our override of the Open Cookie Database: ")
		b.WriteString(e.Reason)
	case e.Origin != "" && e.Origin != OriginBuiltin:
		b.WriteString(", from ")
		b.WriteString(e.Origin)
	}
	if e.Loose {
		b.WriteString(", a name that differs from this one only in its leading underscores or letter case")
	}
	if e.Stem {
		b.WriteString(", the stem of this family of names")
	}
	if e.OtherHost {
		b.WriteString(", where it is set on ")
		b.WriteString(strings.Join(e.Hosts, ", "))
	}
	b.WriteByte(')')
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(e.Description)
	}
	return b.String()
}

// declName names a declaration: its cookie name or pattern, or its
// service.
func declName(d *policy.Declaration) string {
	if d.Service != "" {
		return "the service " + strconv.Quote(d.Service)
	}
	return d.Name.Text
}

// declaredAs describes a declaration: its category, in the policy's words
// when they differ, and where it is; for a service declaration, the
// service that declares the cookie.
func declaredAs(d *policy.Declaration) string {
	s := string(d.Category)
	if d.Service != "" {
		s += " through the service " + strconv.Quote(d.Service)
	}
	if d.CategoryText != "" && !strings.EqualFold(d.CategoryText, s) {
		s += fmt.Sprintf(" (%q)", d.CategoryText)
	}
	if loc := declLocation(d); loc != "" {
		s += " " + loc
	}
	return s
}

// declLocation says where a declaration is: "at policy.yaml:12:5", or "on
// https://example.org/cookies under \"Analytics\"".
func declLocation(d *policy.Declaration) string {
	src := d.Source
	switch {
	case src.File != "" && src.Line > 0:
		return fmt.Sprintf("at %s:%d:%d", src.File, src.Line, max(src.Column, 1))
	case src.Page != "" && src.Heading != "":
		return fmt.Sprintf("on %s under %q", src.Page, src.Heading)
	case src.Page != "":
		return "on " + src.Page
	}
	return ""
}
