package crawler

import "strings"

// Records that list their purposes as entries, each naming its purpose
// and holding its choice ([{"consentTypeName": "necessary", "isAccepted":
// true}, …]); see walkRecord.

// entryPurposes returns the names an object of a record gives the purpose
// it stands for: the string values of its name-like keys.
func entryPurposes(m map[string]any) []string {
	var names []string
	for k, v := range m {
		if s, ok := v.(string); ok && recordEntryName.MatchString(k) {
			names = append(names, strings.TrimSpace(s))
		}
	}
	return names
}

// necessaryEntry reports whether an object of a record is the entry of
// the necessary purpose, named by a value: its choice is no choice.
func necessaryEntry(m map[string]any) bool {
	for _, s := range entryPurposes(m) {
		if vocab().necessary.MatchString(s) {
			return true
		}
	}
	return false
}
