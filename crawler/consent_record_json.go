package crawler

import (
	"bytes"
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

// tcfLists reports whether an object holds a list of purpose numbers
// under a purposes key beside a list under a vendors key
// ({"purposes": ["1", "2", "7"], "vendors": [755, 793], …}, or both
// empty): the IAB TCF's purposes and vendors granted, as a site keeps
// them in a record of its own (IMDb's "ci", Base64 JSON).
func tcfLists(m map[string]any) bool {
	var purposes, vendors bool
	for k, v := range m {
		l, ok := v.([]any)
		if !ok {
			continue
		}
		switch _, numbers := purposeNumbers(l); {
		case recordKeyVendors.MatchString(k):
			vendors = true
		case recordKeyList.MatchString(k) && numbers:
			purposes = true
		}
	}
	return purposes && vendors
}

// recordKeyVendors: a key of the vendors granted.
var recordKeyVendors = regexp.MustCompile(`(?i)^vendors?$`)

// purposeNumbers returns the items of a list as strings when every one
// is a purpose's number (2, "7"); false when one is not.
func purposeNumbers(l []any) ([]string, bool) {
	out := make([]string, 0, len(l))
	for _, it := range l {
		switch x := it.(type) {
		case string:
			if x = strings.TrimSpace(x); !recordDigits.MatchString(x) {
				return nil, false
			}
			out = append(out, x)
		case float64:
			if x < 1 || x > 99 || x != float64(int(x)) {
				return nil, false
			}
			out = append(out, strconv.Itoa(int(x)))
		default:
			return nil, false
		}
	}
	return out, true
}

// recordDigits: a purpose's number.
var recordDigits = regexp.MustCompile(`^[1-9][0-9]?$`)

// noChoiceEntry reports whether an object of a record is the entry of
// the necessary purpose or of bookkeeping (a form's save field), named
// by a value: its choice is no choice.
func noChoiceEntry(m map[string]any) bool {
	for _, s := range entryPurposes(m) {
		if vocab().keySkip.MatchString(s) {
			return true
		}
	}
	return false
}

// recordBase64: a value that may be Base64 (standard or URL alphabet).
var recordBase64 = regexp.MustCompile(`^[A-Za-z0-9+/_-]{8,}={0,2}$`)

// recordJSON parses a record that is a JSON object, a list of strings
// (the purposes granted), or a list of entries one per purpose
// ([{"name": "analytics", "on": false}]): as written, with its strings in
// single quotes ({'essential':true}), or in Base64 (see parseRecordJSON).
// An object of numbered keys is read as the list it stands for (see
// numberedList).
func recordJSON(v string) (any, bool) {
	doc, ok := parseRecordJSON(v)
	return numberedList(doc), ok
}

// numberedList returns an object whose keys are all numbers and whose
// values are all strings as the list it stands for, in the keys' order
// ({"0":"necessary"}, as PHP's json_encode writes an array once keyed or
// filtered): the purposes granted. Any other document is returned as it
// is.
func numberedList(doc any) any {
	m, ok := doc.(map[string]any)
	if !ok || len(m) == 0 || len(m) > 64 {
		return doc
	}
	keys := make([]int, 0, len(m))
	for k, v := range m {
		i, err := strconv.Atoi(k)
		if _, text := v.(string); err != nil || i < 0 || i > 999 || !text {
			return doc
		}
		keys = append(keys, i)
	}
	slices.Sort(keys)
	list := make([]any, len(keys))
	for j, i := range keys {
		list[j] = m[strconv.Itoa(i)]
	}
	return list
}

// parseRecordJSON parses a record's JSON as recordJSON reads it, as
// written, in single quotes or in Base64, and returns it as it is.
func parseRecordJSON(v string) (any, bool) {
	var doc any
	if strings.HasPrefix(v, "{") || strings.HasPrefix(v, "[{") || strings.HasPrefix(v, `["`) {
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
	_, ok := base64Decoded(v, func(b []byte) bool {
		b = bytes.TrimSpace(b)
		return len(b) > 0 && b[0] == '{' && json.Unmarshal(b, &doc) == nil
	})
	return doc, ok
}

func walkRecord(self, key string, v any, on, off *int, depth int) {
	if depth > 6 || recordKeyOffered.MatchString(key) {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		if noChoiceEntry(x) {
			return
		}
		if key != "" && vocab().necessary.MatchString(key) && !purposeFlags(x) {
			// The necessary purpose's own cookies ({"necessary":
			// {"consent": true, "session": true}}): always on, no choice.
			// A group so named that holds the optional purposes' flags
			// ({"required": {"necessary": true, "ads": false}}) is read.
			return
		}
		if y, n, numbered, ok := numberedPurposes(x); ok {
			*on, *off = *on+y, *off+n
			for k, val := range x {
				if !numbered[k] {
					walkRecord(self, k, val, on, off, depth+1)
				}
			}
			return
		}
		// Purposes granted, each with its services, under a purposes key
		// ({"consents": {"essential": ["session"]}}): the necessary ones
		// alone are a refusal.
		if recordKeyList.MatchString(key) && len(x) > 0 && onlyNecessaryKeys(x) {
			*off++
			return
		}
		// Purposes granted, each kept with its bookkeeping and no flag
		// (see keptPurposes): an optional one there is allowed.
		if recordKeyList.MatchString(key) {
			if n := keptPurposes(x); n > 0 {
				*on += n
				return
			}
		}
		if offeredNotGranted(x) {
			*off++ // a refusal of what the record lists as offered and not granted
		}
		mapped, flagged := consentModeBeside(x), flagBesideList(x)
		for k, val := range x {
			if mapped && consentModeKey.MatchString(k) || flagged && wholeFlag(k, val) {
				continue
			}
			walkRecord(self, grantedKey(k, flagged), val, on, off, depth+1)
		}
	case []any:
		// A list of granted purposes: empty, or the necessary ones alone,
		// under a purposes key, is a refusal; so under a key of a choice
		// or a level ({"level": ["necessary", "analytics"]}, as Orest
		// Bida's cookieconsent writes). A list of entries there
		// ({"consents": [{"id": "stats", "value": false}]}) is read below.
		if recordKeyList.MatchString(key) || recordKeyChoice.MatchString(key) {
			if len(x) == 0 {
				*off++
				return
			}
			// Purposes by number, read as numbered purposes are: the
			// first alone (storing on the device, or the necessary
			// purpose) is a refusal, any other something allowed. One
			// number alone, whichever, is the necessary purpose a site
			// numbers its own way ({"consents": [12]}): a list of the
			// purposes granted holds it whenever it holds any.
			if nums, ok := purposeNumbers(x); ok {
				if len(nums) > 1 && slices.ContainsFunc(nums, func(n string) bool { return n != "1" }) {
					*on++
				} else {
					*off++
				}
				return
			}
			if items, ok := stringList(x); ok {
				grantedItems(self, items, on, off)
				return
			}
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
		if items, ok := purposesOnly(key, x); ok {
			grantedItems(self, items, on, off)
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
		if (x == 0 || x == 1) && !recordLevelKey.MatchString(key) {
			countChoice(self, key, map[float64]string{0: "0", 1: "1"}[x], on, off)
		}
	case string:
		countChoice(self, key, x, on, off)
	case nil:
		// An optional purpose with no consent given ({"statistics":
		// null}, as a box left unticked writes): not granted.
		if vocab().purpose.MatchString(key) {
			*off++
		}
	}
}

// purposeFlags reports whether m holds an optional purpose's flag (a
// boolean, or 0 or 1).
func purposeFlags(m map[string]any) bool {
	for k, v := range m {
		switch x := v.(type) {
		case bool:
		case float64:
			if x != 0 && x != 1 {
				continue
			}
		default:
			continue
		}
		if vocab().purpose.MatchString(k) {
			return true
		}
	}
	return false
}

// numberedPurposes reads the purposes of an object known only by their
// numbers, each on or off: three or more keys that are a number, or one
// name followed by a number ({"1": true, "2": false, "3": false},
// {"purpose_1": true, "purpose_2": false, "purpose_3": false}), read as
// digit flags are read (see readFlags): in the numbers' order, all on is
// an accept, all off or the first alone on (the necessary purpose, which
// cannot be refused) a refusal. Other mixes are read purpose by purpose
// (ok false). numbered holds the keys read; the object's other keys
// (a date, a list of the purposes granted) are read as they are.
func numberedPurposes(m map[string]any) (on, off int, numbered map[string]bool, ok bool) {
	type purpose struct {
		n    int
		flag byte
	}
	var (
		ps     []purpose
		prefix string
	)
	for k, v := range m {
		var flag byte
		switch v {
		case true, float64(1):
			flag = '1'
		case false, float64(0):
			flag = '0'
		default:
			continue
		}
		i := len(k)
		for i > 0 && k[i-1] >= '0' && k[i-1] <= '9' {
			i--
		}
		n, err := strconv.Atoi(k[i:])
		if err != nil || n > 99 {
			continue
		}
		if len(ps) > 0 && k[:i] != prefix {
			return 0, 0, nil, false // two names: not one list of numbered purposes
		}
		prefix = k[:i]
		ps = append(ps, purpose{n, flag})
	}
	if len(ps) < 3 {
		return 0, 0, nil, false
	}
	slices.SortFunc(ps, func(a, b purpose) int { return a.n - b.n })
	f := make([]byte, 0, len(ps))
	numbered = make(map[string]bool, len(ps))
	for _, p := range ps {
		f = append(f, p.flag)
		numbered[prefix+strconv.Itoa(p.n)] = true
	}
	on, off = readFlags(string(f))
	return on, off, numbered, on+off > 0
}

// stringList returns the items of a JSON list of strings.
func stringList(doc any) ([]string, bool) {
	list, ok := doc.([]any)
	if !ok || len(list) == 0 {
		return nil, false
	}
	items := make([]string, 0, len(list))
	for _, it := range list {
		s, ok := it.(string)
		if !ok {
			return nil, false
		}
		items = append(items, s)
	}
	return items, true
}

// onlyBookkeeping reports whether a JSON record is an object whose keys
// are all a version, a date, an identifier or the page's address (see
// recordStampKey): a record saved with no purpose granted, as the empty
// list of "v2|" is.
func onlyBookkeeping(doc any) bool {
	m, ok := doc.(map[string]any)
	if !ok || len(m) == 0 {
		return false
	}
	for k := range m {
		if !recordStampKey.MatchString(k) {
			return false
		}
	}
	return true
}

// recordKeyAllow: a record's top-level key whose flag allows or refuses
// as a whole.
var recordKeyAllow = regexp.MustCompile(`(?i)^(allow|allowed|allow[-_]?all)$`)

// refusedOverall reports whether a JSON record's top level holds a flag
// of recordKeyAllow set to false.
func refusedOverall(doc any) bool {
	m, _ := doc.(map[string]any)
	for k, v := range m {
		if b, ok := v.(bool); ok && !b && recordKeyAllow.MatchString(k) {
			return true
		}
	}
	return false
}

// purposeRecord reports whether a value, URL-decoded, is a JSON object
// that sets two or more purposes on or off ({"choices": {"analytics":
// true, "ads": false}}), or lists under a purposes key two or more
// entries that each name a purpose and hold a word of a choice
// ({"purposes": [{"id": "ads", "consentStatus": "withdrawn"}, …]}), or
// keeps the IAB TCF's purposes and vendors granted as lists of numbers
// (see tcfLists); or pairs that do so as a query string does
// ("analytics_storage=false&ad_storage=false", whatever the record's
// name; see purposePairs), or a necessary purpose's flag on beside an
// optional one's (see necessaryBeside).
func purposeRecord(v string) bool {
	doc, ok := recordJSON(recordText(v))
	if !ok {
		return purposePairs(recordText(v))
	}
	if m, ok := doc.(map[string]any); ok && tcfLists(m) {
		return true
	}
	if m, ok := doc.(map[string]any); ok && versionedFlags(m) {
		return true
	}
	return purposeEntries("", doc, 0) >= 2 || necessaryBeside(doc)
}

// entryChoice reports whether an entry of a record holds a word of a
// choice (true, "given", "denied") under a key that does not name it.
func entryChoice(m map[string]any) bool {
	for k, v := range m {
		if recordEntryName.MatchString(k) {
			continue
		}
		var w string
		switch x := v.(type) {
		case bool:
			return true
		case string:
			w = strings.ToLower(strings.TrimSpace(x))
		}
		if vocab().yes[w] || vocab().no[w] {
			return true
		}
	}
	return false
}
