package policy

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"
)

// Load reads a policy from a file's name and content, whichever its kind:
//
//   - an HTML page (a name ending in .html or .htm, or content starting
//     with "<") is extracted with [ExtractHTML];
//   - JSON holding OneTrust groups ("Groups" or "DomainData") and no
//     "cookies" key is extracted with [ExtractJSON];
//   - anything else is a policy file, read with [Parse].
//
// The command line uses it for --policy FILE and policy extract; a policy
// URL is rendered by the crawler and handed to [ExtractHTML].
func Load(name string, data []byte) (*Policy, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch ext := strings.ToLower(path.Ext(name)); {
	case ext == ".html" || ext == ".htm" || ext == ".xhtml" || (len(trimmed) > 0 && trimmed[0] == '<'):
		return ExtractHTML(name, data)
	case isJSON(name, data) && isOneTrustJSON(trimmed):
		return ExtractJSON(name, data)
	}
	return Parse(name, data)
}

// isOneTrustJSON reports whether a JSON object has OneTrust's top-level
// keys rather than a policy file's.
func isOneTrustJSON(data []byte) bool {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return false
	}
	if _, ok := top["cookies"]; ok {
		return false
	}
	_, groups := top["Groups"]
	_, domain := top["DomainData"]
	return groups || domain
}
