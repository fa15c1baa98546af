package policy

// role is what a table column (or a list label) holds.
type role int

const (
	roleNone role = iota
	roleName
	roleProvider
	rolePurpose
	roleFunction
	roleCategory
	roleDuration
	roleDomain
	roleType
)

// columnRoles are tried in order, most specific first: "Cookie Subgroup"
// is a domain, "Cookies used" a type, "Cookie lifespan" a duration and
// "Service provider's name" a provider, though all of them name a cookie or
// a name. The words are folded (lower case, no accents).
var columnRoles = []struct {
	role    role
	phrases []phrase
}{
	{roleDomain, parsePhrases(
		"cookie subgroup", "subgroup", "sous groupe", "untergruppe", "subgrupo", "sottogruppo",
		"domain*", "dominio*", "host*", "hote*",
	)},
	{roleType, parsePhrases(
		"cookies used", "cookies utilises", "verwendete cookies", "cookies utilizadas", "cookie utilizzati",
		"type", "types", "typ", "tipo", "tipologia", "party", "first party", "third party",
	)},
	{roleCategory, parsePhrases(
		"categor*", "kategorie*", "categoria*", "classification", "classe",
	)},
	{roleDuration, parsePhrases(
		"duration*", "duree*", "durata", "duracion", "dauer", "*dauer", "*frist", "laufzeit", "ablauf*",
		"gultigkeit*", "expir*", "scadenza", "caducidad", "vencimiento",
		"lifespan", "life span", "lifetime", "retention*", "storage period", "conservation",
		"conservazione", "conservacion", "validity", "validite", "validez", "validita", "plazo*",
		"max age", "how long", "periode*", "periodo*", "period",
	)},
	{rolePurpose, parsePhrases(
		"purpose*", "description*", "descrip*", "descrizion*", "finalit*", "finalidad*", "but", "buts",
		"objet*", "objectif*", "zweck*", "*zweck", "beschreibung", "proposito*", "scopo", "scopi",
		"usage", "use", "used for", "utilisation", "utilizzo", "uso", "what it does", "details",
		"information*", "info",
	)},
	{roleFunction, parsePhrases(
		// Not "function*": "functional" names a category.
		"function", "functions", "fonction", "fonctions", "funktion", "funktionen",
		"funcion", "funciones", "funzione", "funzioni",
	)},
	{roleProvider, parsePhrases(
		"provider*", "vendor*", "company", "companies", "fournisseur*", "prestataire*", "emetteur*",
		"editeur*", "anbieter*", "*anbieter", "proveedor*", "titular", "fornitor*", "service*",
		"tiers", "owner", "set by", "depose par", "gesetzt von", "issuer", "partner*",
		"societe", "entreprise", "unternehmen", "empresa", "societa", "origine", "origin",
	)},
	{roleName, parsePhrases(
		"cookie*", "name*", "nom", "noms", "nombre*", "nome", "nomi", "bezeichnung", "identifier",
		"key", "cle", "id", "traceur*",
	)},
}

// columnRole returns what a column headed by text holds. Long texts are not
// headers.
func columnRole(text string) role {
	ws := words(text)
	if len(ws) == 0 || len(ws) > 8 {
		return roleNone
	}
	for _, r := range columnRoles {
		if find(ws, r.phrases) >= 0 {
			return r.role
		}
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
