package policy

// What a table's header says of its columns: the role of each column read
// from its label or, on consent platforms' tables, from its class.

import (
	"strings"
	"unicode"
)

// columnRole returns what a column headed by text holds. Long texts are not
// headers.
func columnRole(text string) role {
	if strings.Contains(text, "://") || strings.HasPrefix(strings.TrimSpace(text), "www.") {
		return roleNone // a link ("https://example.org/cookies"), not a label
	}
	if t := strings.TrimSpace(text); !strings.ContainsFunc(t, unicode.IsSpace) && (strings.ContainsAny(t, "_.") || strings.Count(t, "-") >= 2) && looksLikeName(t) {
		// A cookie's name ("gh_calendar_expire.site",
		// "cookielawinfo-checkbox-others"), not a label: a row of it
		// beside "No description" is no header.
		return roleNone
	}
	if before, _, ok := strings.Cut(text, "/"); ok && strings.TrimSpace(before) != "" && columnRole(before) == roleName {
		// "Navn / tjeneste", "Name / service": names, or a service
		// where a row names none.
		return roleName
	}
	ws := words(text)
	if r := joinedRole(ws); r != roleNone {
		return r
	}
	if len(ws) > 8 {
		// A long header says what the column holds before a comma or a
		// parenthesis ("Purpose of cookie, relevant third party and
		// additional information").
		if i := strings.IndexAny(text, ",(;"); i > 0 && len(words(text[:i])) <= 4 {
			ws = words(text[:i])
		}
	}
	if len(ws) == 0 || len(ws) > 8 {
		return roleNone
	}
	if consentHeaders[strings.Join(ws, " ")] {
		return roleConsent
	}
	for _, r := range columnRoles {
		if find(ws, r.phrases) >= 0 {
			return r.role
		}
	}
	return roleNone
}

// joinedRole reads a header that joins a name to where it lives, who
// sets it or how long it lasts ("Name and domain", "Namn och domän",
// "Nombre y duración"): the cells hold the names, the rest beside them
// ("NID (6 meses)"), so the column is the names'. A name joined to
// anything else ("Name and purpose") is read as before, by the first role
// its words name.
func joinedRole(ws []string) role {
	for k := 1; k < len(ws)-1 && k <= 3; k++ {
		if !nameJoiners[ws[k]] && !andWords[ws[k]] {
			continue
		}
		if columnRole(strings.Join(ws[:k], " ")) != roleName {
			return roleNone
		}
		switch columnRole(strings.Join(ws[k+1:], " ")) {
		case roleDomain, roleProvider, roleType, roleParty, roleDuration:
			return roleName
		}
		return roleNone
	}
	return roleNone
}

// isHeader reports whether the roles of a row make a cookie table's header:
// a name column and one of purpose, category, duration, provider or
// function.
func isHeader(roles []role) bool {
	name, other := false, false
	for _, r := range roles {
		switch r {
		case roleName:
			name = true
		case rolePurpose, roleCategory, roleDuration, roleProvider, roleFunction:
			other = true
		}
	}
	return name && other
}

// namedBeside reports whether roles have a name column beside a domain or
// type column: enough when the platform's classes name the columns.
func namedBeside(roles []role) bool {
	name, other := false, false
	for _, r := range roles {
		name = name || r == roleName
		other = other || r == roleDomain || r == roleType || r == roleParty
	}
	return name && other
}

// isCookieHeader reports whether a header row is a cookie table's: as
// [isHeader], or a column naming cookies beside a domain or type column
// (OneTrust's lists without lifespans: "Cookie Subgroup | Cookies |
// Cookies used").
func isCookieHeader(row []*cell, roles []role) bool {
	if isHeader(roles) {
		return true
	}
	name, other := false, false
	for i, r := range roles {
		switch r {
		case roleName:
			name = i < len(row) && row[i] != nil && namesCookie(row[i].text)
		case roleDomain, roleType, roleParty:
			other = true
		}
	}
	return name && other
}

func rowRoles(row []*cell) []role {
	named := false
	return cellRoles(row, func(c *cell) role {
		r := columnRole(c.text)
		if ws := words(c.text); r == roleName && named && len(ws) == 1 && ws[0] == "namen" {
			// "Namen" is names in Dutch and German, but the purpose in
			// Slovene: after a column of names ("Ime piškotka |
			// Namen"), the purposes.
			r = rolePurpose
		}
		named = named || r == roleName
		return r
	})
}

func labelRoles(row []*cell) []role {
	return cellRoles(row, func(c *cell) role {
		if c.label == "" {
			return roleNone
		}
		return columnRole(c.label)
	})
}

// classRoles reads the roles of a row's cells from their classes, as the
// consent platforms write them whatever the page's language:
// "ot-host-td", "ot-cookies-td", "ot-cookies-type", "ot-life-span-td",
// "cookie-name", "cookie-duration".
func classRoles(row []*cell) []role {
	return cellRoles(row, func(c *cell) role { return classRole(c.class) })
}

// cellRoles gives each column of a row the role read of its cell; a cell
// spanning several columns gives its role to the first, and a role taken
// by an earlier column is dropped.
func cellRoles(row []*cell, read func(*cell) role) []role {
	roles := make([]role, len(row))
	seen := map[*cell]bool{}
	for i, c := range row {
		if c == nil || seen[c] {
			continue
		}
		seen[c] = true
		roles[i] = read(c)
	}
	return uniqueRoles(roles)
}

func classRole(class string) role {
	for _, c := range strings.Fields(strings.ToLower(class)) {
		switch {
		case strings.Contains(c, "host"), strings.Contains(c, "domain"):
			return roleDomain
		case strings.Contains(c, "party"):
			return roleParty
		case strings.Contains(c, "type"):
			return roleType
		case containsAny(c, "life-span", "lifespan", "duration", "expir", "retention"):
			return roleDuration
		case containsAny(c, "purpose", "description", "desc"):
			return rolePurpose
		case containsAny(c, "provider", "vendor"):
			return roleProvider
		case strings.Contains(c, "categor"):
			return roleCategory
		case containsAny(c, "cookies-td", "cookie-name", "cookiename", "cookie_name", "ot-cookies"):
			return roleName
		}
	}
	return roleNone
}

// uniqueRoles keeps the first column of each role: a second "Description"
// or "Name" column is not read.
func uniqueRoles(roles []role) []role {
	seen := map[role]bool{}
	for i, r := range roles {
		if r == roleNone {
			continue
		}
		if seen[r] {
			roles[i] = roleNone
		}
		seen[r] = true
	}
	return roles
}
