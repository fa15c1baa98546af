package crawler

import (
	"encoding/json"
	"strings"
)

// withoutLocked returns the records with the purposes a banner holds as
// required taken out (locked: their check boxes ticked and disabled, see
// lockedPurposes in consent.js): a refusal that keeps such a purpose on
// ({"preferences": true}, beside a preferences box the visitor cannot
// untick) refuses all the visitor could. Only records in JSON are read so,
// by their keys and the strings of their lists, matched whole in any case;
// a purpose the words already read as necessary is left where it is.
// Other records, and records that name no locked purpose, are returned as
// they are; a record rewritten is compact JSON, before a click and after
// it alike.
func withoutLocked(records map[string]string, locked []string) map[string]string {
	set := map[string]bool{}
	for _, k := range locked {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" && !vocab().necessary.MatchString(k) {
			set[k] = true
		}
	}
	if len(set) == 0 {
		return records
	}
	out := make(map[string]string, len(records))
	for k, v := range records {
		out[k] = v
		doc, ok := recordJSON(recordText(v))
		if !ok {
			continue
		}
		if doc, dropped := dropLocked(doc, set, 0); dropped {
			if b, err := json.Marshal(doc); err == nil {
				out[k] = string(b)
			}
		}
	}
	return out
}

// dropLocked removes, from a record's JSON, the keys and the list items
// that name a locked purpose, and reports whether it removed any.
func dropLocked(doc any, set map[string]bool, depth int) (any, bool) {
	if depth > 4 {
		return doc, false
	}
	dropped := false
	switch d := doc.(type) {
	case map[string]any:
		for k, v := range d {
			if set[strings.ToLower(k)] {
				delete(d, k)
				dropped = true
				continue
			}
			var in bool
			d[k], in = dropLocked(v, set, depth+1)
			dropped = dropped || in
		}
	case []any:
		kept := d[:0]
		for _, v := range d {
			if s, ok := v.(string); ok && set[strings.ToLower(s)] {
				dropped = true
				continue
			}
			v, in := dropLocked(v, set, depth+1)
			dropped = dropped || in
			kept = append(kept, v)
		}
		return kept, dropped
	}
	return doc, dropped
}
