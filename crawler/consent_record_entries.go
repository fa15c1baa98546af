package crawler

import "strings"

// Records that list their purposes as entries, each naming its purpose
// and holding its choice ([{"consentTypeName": "necessary", "isAccepted":
// true}, …]); see walkRecord.

// necessaryEntry reports whether an object of a record is the entry of
// the necessary purpose, named by a value ({"consentTypeName":
// "necessary", "isAccepted": true} in a list of such entries): its
// choice is no choice.
func necessaryEntry(m map[string]any) bool {
	for k, v := range m {
		if s, ok := v.(string); ok && recordEntryName.MatchString(k) && recordNecessary.MatchString(strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

// namedEntry reports whether an object of a record names the purpose it
// stands for.
func namedEntry(m map[string]any) bool {
	for k, v := range m {
		if _, ok := v.(string); ok && recordEntryName.MatchString(k) {
			return true
		}
	}
	return false
}
