package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/internal/yamlpos"
)

// loginEntry is one step of a --login file: exactly one action key, and
// for fill the text, given as value or read from the environment
// variable env (for passwords, which then appear in no file).
type loginEntry struct {
	Goto  string  `yaml:"goto"`
	Fill  string  `yaml:"fill"`
	Click string  `yaml:"click"`
	Wait  string  `yaml:"wait"`
	Value *string `yaml:"value"`
	Env   string  `yaml:"env"`
}

// loadLogin reads --login FILE, a YAML list of steps run in each consent
// phase before its crawl:
//
//   - goto: https://staging.example.org/login
//   - fill: "#user"
//     value: auditor
//   - fill: "#password"
//     env: STAGING_PASSWORD
//   - click: "button[type=submit]"
//   - wait: "#account"
//
// An unknown key, a step with no action or two, a fill without its text,
// an unset variable, a goto that is not an absolute http(s) URL or a
// selector that is not CSS is an error naming the file, line and column.
func (o *scanOptions) loadLogin() error {
	if o.LoginFile == "" {
		return nil
	}
	data, err := os.ReadFile(o.LoginFile)
	if err != nil {
		return fmt.Errorf("cannot read --login %s: %w", o.LoginFile, bareErr(err))
	}
	at := func(n ast.Node, format string, args ...any) error {
		line, col := yamlpos.Of(n)
		return fmt.Errorf("invalid --login %s:%d:%d: %s", o.LoginFile, line, col, fmt.Sprintf(format, args...))
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		line, col, msg := yamlpos.OfError(err)
		return fmt.Errorf("invalid --login %s:%d:%d: %s", o.LoginFile, line, col, msg)
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil && body == nil {
			body = doc.Body
		}
	}
	seq, ok := body.(*ast.SequenceNode)
	if !ok || len(seq.Values) == 0 {
		if body == nil {
			return fmt.Errorf("invalid --login %s: it lists no step (want a YAML list: - goto: URL, - fill: SELECTOR with value or env, - click: SELECTOR, - wait: SELECTOR)", o.LoginFile)
		}
		return at(body, "want a list of steps (- goto: URL, - fill: SELECTOR, - click: SELECTOR, - wait: SELECTOR)")
	}
	var steps []crawler.LoginStep
	for _, n := range seq.Values {
		var e loginEntry
		if err := yaml.NodeToValue(n, &e, yaml.DisallowUnknownField()); err != nil {
			line, col, msg := yamlpos.OfError(err)
			if line == 0 {
				line, col = yamlpos.Of(n)
			}
			return fmt.Errorf("invalid --login %s:%d:%d: %s", o.LoginFile, line, col, msg)
		}
		line, _ := yamlpos.Of(n)
		st := crawler.LoginStep{Where: fmt.Sprintf("%s:%d", o.LoginFile, line)}
		var actions []string
		for _, a := range []struct{ name, v string }{{"goto", e.Goto}, {"fill", e.Fill}, {"click", e.Click}, {"wait", e.Wait}} {
			if a.v != "" {
				actions = append(actions, a.name)
				st.Action, st.Target = a.name, strings.TrimSpace(a.v)
			}
		}
		if len(actions) != 1 {
			return at(n, "a step has exactly one of goto, fill, click, wait (got %d)", len(actions))
		}
		switch st.Action {
		case "goto":
			if _, err := crawler.ParseTarget(st.Target); err != nil {
				return at(n, "goto: %v", err)
			}
		default:
			if err := crawler.CheckSelector(st.Target); err != nil {
				return at(n, "%s: %q is not a CSS selector: %v", st.Action, st.Target, err)
			}
		}
		if st.Action != "fill" && (e.Value != nil || e.Env != "") {
			return at(n, "only fill takes value or env")
		}
		if st.Action == "fill" {
			switch {
			case e.Value != nil && e.Env != "":
				return at(n, "fill takes value or env, not both")
			case e.Value != nil:
				st.Value = *e.Value
			case e.Env != "":
				v, ok := os.LookupEnv(e.Env)
				if !ok {
					return at(n, "fill: the environment variable %s is not set", e.Env)
				}
				st.Value = v
			default:
				return at(n, "fill needs the text to type: value, or env (an environment variable)")
			}
		}
		steps = append(steps, st)
	}
	o.Login = steps
	return nil
}
