package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// jsonType names the JSON type of a value decoded into any.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// checkFields reports every field of want missing from obj or of another
// JSON type. A want of "string|null" accepts either.
func checkFields(t *testing.T, where string, obj map[string]any, want map[string]string) {
	t.Helper()
	for name, typ := range want {
		v, ok := obj[name]
		if !ok {
			t.Errorf("%s: field %q missing", where, name)
			continue
		}
		got := jsonType(v)
		if got != typ && !(typ == "string|null" && (got == "string" || got == "null")) {
			t.Errorf("%s: field %q is %s, want %s", where, name, got, typ)
		}
	}
}

// TestJSONContract checks the names and JSON types of the fields that
// DESIGN.md promises in a cookieaudit/report/v1 report, by decoding the
// output as any other tool would.
func TestJSONContract(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, New(portal(t), Options{})); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	checkFields(t, "report", doc, map[string]string{
		"schema":    "string",
		"target":    "string",
		"startedAt": "string",
		"pages":     "array",
		"cookies":   "array",
		"findings":  "array",
	})
	if got := doc["schema"]; got != "cookieaudit/report/v1" {
		t.Errorf("schema = %v, want cookieaudit/report/v1", got)
	}
	if s, ok := doc["startedAt"].(string); !ok || !isRFC3339(s) {
		t.Errorf("startedAt = %v, want RFC 3339", doc["startedAt"])
	}

	pages, _ := doc["pages"].([]any)
	if len(pages) == 0 {
		t.Fatal("no pages")
	}
	for _, p := range pages {
		p, _ := p.(map[string]any)
		checkFields(t, "page", p, map[string]string{
			"url":    "string",
			"depth":  "number",
			"status": "number",
			"error":  "string",
		})
	}

	cookies, _ := doc["cookies"].([]any)
	if len(cookies) == 0 {
		t.Fatal("no cookies")
	}
	var sawSession, sawPersistent bool
	for _, c := range cookies {
		c, _ := c.(map[string]any)
		where := "cookie " + jsonString(c["name"])
		checkFields(t, where, c, map[string]string{
			"name":             "string",
			"domain":           "string",
			"path":             "string",
			"party":            "string",
			"session":          "boolean",
			"expires":          "string|null",
			"requestedExpires": "string|null",
			"stored":           "boolean",
			"blockedReasons":   "array",
			"secure":           "boolean",
			"httpOnly":         "boolean",
			"sameSite":         "string",
			"partitioned":      "boolean",
			"setBy":            "string",
			"source":           "string",
			"firstSeenOn":      "string",
			"phases":           "array",
			"category":         "string",
			"declared":         "boolean",
		})
		if _, ok := c["value"]; ok {
			t.Errorf("%s: value written without ShowValues", where)
		}
		if d := jsonString(c["domain"]); len(d) > 0 && d[0] == '.' {
			t.Errorf("%s: domain %q has a leading dot", where, d)
		}
		if p := c["party"]; p != "first" && p != "third" {
			t.Errorf("%s: party = %v", where, p)
		}
		// A session cookie has null expiry dates; a persistent one has
		// RFC 3339 strings.
		if c["session"] == true {
			sawSession = true
			if c["expires"] != nil || c["requestedExpires"] != nil {
				t.Errorf("%s: session cookie with expires %v, requestedExpires %v", where, c["expires"], c["requestedExpires"])
			}
		} else {
			sawPersistent = true
			if !isRFC3339(jsonString(c["requestedExpires"])) {
				t.Errorf("%s: requestedExpires = %v, want RFC 3339", where, c["requestedExpires"])
			}
			if c["stored"] == true && !isRFC3339(jsonString(c["expires"])) {
				t.Errorf("%s: expires = %v, want RFC 3339", where, c["expires"])
			}
		}
		if c["stored"] == false && c["expires"] != nil {
			t.Errorf("%s: cookie not stored but expires = %v", where, c["expires"])
		}
	}
	if !sawSession || !sawPersistent {
		t.Errorf("test data lacks a session (%v) or a persistent (%v) cookie", sawSession, sawPersistent)
	}
}

// TestJSONEmptyArrays checks that arrays are [] rather than null when
// there is nothing in them: consumers index them without checking.
func TestJSONEmptyArrays(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, New(empty(), Options{})); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	checkFields(t, "report", doc, map[string]string{"pages": "array", "cookies": "array", "findings": "array"})
}

func jsonString(v any) string {
	s, _ := v.(string)
	return s
}

func isRFC3339(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// TestWriteJSONStorageArray: "storage" is an array even in a report built
// without New, as the contract promises.
func TestWriteJSONStorageArray(t *testing.T) {
	t.Parallel()
	rep := &Report{Schema: Schema}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"storage": []`) {
		t.Errorf("no empty storage array:\n%s", buf.String())
	}
	if rep.Storage != nil {
		t.Error("WriteJSON changed the report")
	}
}
