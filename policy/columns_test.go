package policy

import "testing"

// TestNamenAfterNames reads "Namen" as the purposes when a column of names
// comes before it (Slovene: "Ime piškotka | Namen"), and as the names
// otherwise (Dutch and German).
func TestNamenAfterNames(t *testing.T) {
	t.Parallel()
	row := func(hs ...string) []*cell {
		var out []*cell
		for _, h := range hs {
			out = append(out, &cell{text: h})
		}
		return out
	}
	if got := rowRoles(row("Ime piškotka", "Namen", "Čas piškotka", "Vir")); got[1] != rolePurpose || got[2] != roleDuration || got[3] != roleProvider {
		t.Errorf("Slovene header: roles %v, want name, purpose, duration, provider", got)
	}
	if got := rowRoles(row("Namen", "Doel", "Bewaartermijn")); got[0] != roleName || got[1] != rolePurpose {
		t.Errorf("Dutch header: roles %v, want name, purpose, duration", got)
	}
}
