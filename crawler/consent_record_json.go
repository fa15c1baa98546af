package crawler

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Records in JSON (see consent_record.go): objects of purposes and their
// choices, lists of the purposes granted, and records that list their
// purposes as entries, each naming its purpose and holding its choice
// ([{"consentTypeName": "necessary", "isAccepted": true}, …]).

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

// recordBase64: a value that may be Base64 (standard or URL alphabet).
var recordBase64 = regexp.MustCompile(`^[A-Za-z0-9+/_-]{8,}={0,2}$`)

// recordJSON parses a record that is a JSON object, or a list of entries
// one per purpose ([{"name": "analytics", "on": false}]): as written, with
// its strings in single quotes ({'essential':true}), or in Base64.
func recordJSON(v string) (any, bool) {
	var doc any
	if strings.HasPrefix(v, "{") || strings.HasPrefix(v, "[{") {
		if json.Unmarshal([]byte(v), &doc) == nil {
			return doc, true
		}
		if !strings.Contains(v, `"`) && json.Unmarshal([]byte(strings.ReplaceAll(v, "'", `"`)), &doc) == nil {
			return doc, true
		}
		return nil, false
	}
	if !recordBase64.MatchString(v) {
		return nil, false
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(v); err == nil {
			b = bytes.TrimSpace(b)
			if len(b) > 0 && b[0] == '{' && json.Unmarshal(b, &doc) == nil {
				return doc, true
			}
		}
	}
	return nil, false
}

func walkRecord(self, key string, v any, on, off *int, depth int) {
	if depth > 6 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		if necessaryEntry(x) {
			return
		}
		if y, n, ok := numberedPurposes(x); ok {
			*on, *off = *on+y, *off+n
			return
		}
		// Purposes granted, each with its services, under a purposes key
		// ({"consents": {"essential": ["session"]}}): the necessary ones
		// alone are a refusal.
		if recordKeyList.MatchString(key) && len(x) > 0 && onlyNecessaryKeys(x) {
			*off++
			return
		}
		for k, val := range x {
			walkRecord(self, k, val, on, off, depth+1)
		}
	case []any:
		// A list of granted purposes: empty, or the necessary ones alone,
		// under a purposes key, is a refusal.
		if recordKeyList.MatchString(key) {
			if len(x) == 0 {
				*off++
				return
			}
			var items []string
			for _, it := range x {
				if s, ok := it.(string); ok {
					items = append(items, s)
				}
			}
			grantedList(items, on, off)
			return
		}
		// An optional purpose's granted services ({"statistics":
		// ["analytics"]}): some is the purpose allowed, none refused.
		if vocab().purpose.MatchString(key) && !slices.ContainsFunc(x, func(it any) bool { _, ok := it.(string); return !ok }) {
			if len(x) == 0 {
				*off++
			} else {
				*on++
			}
			return
		}
		// A list of entries, one per purpose, each with its choice: read
		// only when every entry names its purpose, for the necessary one,
		// always on, is known by its name alone.
		var entries []map[string]any
		for _, it := range x {
			m, ok := it.(map[string]any)
			if !ok || len(entryPurposes(m)) == 0 {
				return
			}
			entries = append(entries, m)
		}
		for _, m := range entries {
			walkRecord(self, key, m, on, off, depth+1)
		}
	case bool:
		countChoice(self, key, map[bool]string{true: "true", false: "false"}[x], on, off)
	case float64:
		if x == 0 || x == 1 {
			countChoice(self, key, map[float64]string{0: "0", 1: "1"}[x], on, off)
		}
	case string:
		countChoice(self, key, x, on, off)
	}
}

// onlyNecessaryKeys reports whether every key of m names a necessary
// purpose.
func onlyNecessaryKeys(m map[string]any) bool {
	for k := range m {
		if !vocab().necessary.MatchString(k) {
			return false
		}
	}
	return true
}

// numberedPurposes reads an object of three or more purposes known only
// by their numbers, each on or off ({"1": true, "2": false, "3": false}),
// as digit flags are read (see readFlags): in the numbers' order, all on
// is an accept, all off or the first alone on (the necessary purpose,
// which cannot be refused) a refusal. Other mixes are read purpose by
// purpose (ok false).
func numberedPurposes(m map[string]any) (on, off int, ok bool) {
	if len(m) < 3 {
		return 0, 0, false
	}
	keys := make([]int, 0, len(m))
	flags := map[int]byte{}
	for k, v := range m {
		n, err := strconv.Atoi(k)
		if err != nil || n < 0 || n > 99 {
			return 0, 0, false
		}
		switch v {
		case true, float64(1):
			flags[n] = '1'
		case false, float64(0):
			flags[n] = '0'
		default:
			return 0, 0, false
		}
		keys = append(keys, n)
	}
	slices.Sort(keys)
	f := make([]byte, 0, len(keys))
	for _, k := range keys {
		f = append(f, flags[k])
	}
	on, off = readFlags(string(f))
	return on, off, on+off > 0
}
