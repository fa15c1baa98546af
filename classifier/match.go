package classifier

// Matching a cookie with the policy's declarations: which declarations
// may match a name, which of those do, and which one the cookie counts
// under.

import (
	"slices"

	"github.com/cookieaudit/cookieaudit/policy"
)

// declaration is a policy declaration ready for matching.
type declaration struct {
	*policy.Declaration
	index   int
	domains []string // empty: any domain
}

// covers reports whether the declaration covers a cookie domain.
func (d *declaration) covers(domain string) bool {
	if len(d.domains) == 0 {
		return true
	}
	for _, dd := range d.domains {
		if domainCovers(dd, domain) {
			return true
		}
	}
	return false
}

// declSet is a list of declarations ready for matching, indexed by name,
// with what each has matched so far.
type declSet struct {
	decls    []declaration
	index    *declIndex
	observed []bool
	buf      []int
}

// newDeclSet makes a declSet of the declarations ds for which keep
// returns true (all of them when keep is nil). The declarations stay
// those of ds: findings point to them.
func newDeclSet(ds []policy.Declaration, keep func(*policy.Declaration) bool) *declSet {
	s := &declSet{}
	for i := range ds {
		d := &ds[i]
		if keep == nil || keep(d) {
			s.decls = append(s.decls, declaration{Declaration: d, index: i, domains: domainsOf(d.Domain)})
		}
	}
	s.index = indexDeclarations(s.decls)
	s.observed = make([]bool, len(s.decls))
	return s
}

// match returns the declarations whose name or pattern matches name and
// that cover domain (and that accept takes, when it is not nil), in the
// policy's order, and marks them observed.
func (s *declSet) match(name, domain string, accept func(*declaration) bool) []*declaration {
	var matched []*declaration
	s.buf = s.index.candidates(name, s.buf[:0])
	for _, j := range s.buf {
		d := &s.decls[j]
		if d.Name.Match(name) && d.covers(domain) && (accept == nil || accept(d)) {
			matched = append(matched, d)
			s.observed[j] = true
		}
	}
	return matched
}

// unobserved returns the declarations nothing matched, in the policy's
// order.
func (s *declSet) unobserved() []declaration {
	var out []declaration
	for j, d := range s.decls {
		if !s.observed[j] {
			out = append(out, d)
		}
	}
	return out
}

// precedence ranks the declarations matching one cookie, lower first: an
// exact name beats a glob beats a regular expression, and at the same name
// kind a declaration that names the cookie's domain beats one that names
// none.
func (d *declaration) precedence() int {
	p := 2 * int(d.Name.Kind())
	if len(d.domains) == 0 {
		p++
	}
	return p
}

// intrusiveness orders categories by what they do to privacy; a consent
// audit must count a cookie in the most intrusive category it may be in.
func intrusiveness(c policy.Category) int {
	switch c {
	case policy.Necessary:
		return 0
	case policy.Preferences:
		return 1
	case policy.Statistics:
		return 2
	case policy.Marketing:
		return 3
	}
	return -1
}

// declIndex finds the declarations whose names may match a cookie name
// without matching every one: a site can declare hundreds of names, and
// a large scan sees thousands of cookies.
type declIndex struct {
	exact   map[string][]int // exact names
	byFirst [256][]int       // globs by the first byte of their prefix
	any     []int            // regular expressions and globs with no prefix
}

func indexDeclarations(decls []declaration) *declIndex {
	x := &declIndex{exact: map[string][]int{}}
	for j, d := range decls {
		prefix := d.Name.Prefix()
		switch {
		case d.Name.Kind() == policy.Exact:
			x.exact[prefix] = append(x.exact[prefix], j)
		case prefix != "":
			x.byFirst[prefix[0]] = append(x.byFirst[prefix[0]], j)
		default:
			x.any = append(x.any, j)
		}
	}
	return x
}

// candidates appends to buf the indexes of the declarations that may match
// name, in the policy's order.
func (x *declIndex) candidates(name string, buf []int) []int {
	buf = append(buf, x.exact[name]...)
	if name != "" {
		buf = append(buf, x.byFirst[name[0]]...)
	}
	buf = append(buf, x.any...)
	slices.Sort(buf)
	return buf
}

// choose picks the declaration a cookie counts under from those that match
// it: the best by precedence; among several of the best with different
// categories, the first of the most intrusive category, and then all of
// the best are returned as ambiguous. Declarations without a category
// give way to those with one.
func choose(matched []*declaration) (best *declaration, ambiguous []*declaration) {
	if len(matched) == 0 {
		return nil, nil
	}
	top := matched[0].precedence()
	for _, d := range matched {
		top = min(top, d.precedence())
	}
	var tied []*declaration
	for _, d := range matched {
		if d.precedence() == top {
			tied = append(tied, d)
		}
	}
	best = tied[0]
	cats := map[policy.Category]bool{}
	for _, d := range tied {
		if d.Category.Valid() && d.Category != policy.Unclassified {
			cats[d.Category] = true
			if intrusiveness(d.Category) > intrusiveness(best.Category) {
				best = d
			}
		}
	}
	if len(cats) > 1 {
		return best, tied
	}
	return best, nil
}
