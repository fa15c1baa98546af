package validate

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"sigs.k8s.io/yaml"
)

// TestWorkflowLint runs actionlint on the workflow: its syntax, keys,
// expressions, the inputs of the actions it uses and, when shellcheck is
// on PATH, the scripts of its run steps.
func TestWorkflowLint(t *testing.T) {
	var out bytes.Buffer
	opts := &actionlint.LinterOptions{Oneline: true}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	} else {
		t.Log("shellcheck is not on PATH: the run scripts are not checked")
	}
	l, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(workflowFile, readFile(t, workflowFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("actionlint: %d errors:\n%s", len(errs), out.String())
	}
}

type step struct {
	Name string         `json:"name"`
	Uses string         `json:"uses"`
	Run  string         `json:"run"`
	If   string         `json:"if"`
	With map[string]any `json:"with"`
}

type workflowJob struct {
	Needs    any `json:"needs"`
	Strategy struct {
		FailFast *bool            `json:"fail-fast"`
		Matrix   map[string][]any `json:"matrix"`
	} `json:"strategy"`
	Steps []step `json:"steps"`
}

// TestWorkflowShards checks what actionlint cannot know: the matrix is the
// shards 1..N of --shard I/N, every shard's output is uploaded, and the
// merge job waits for all of them, merges them and fails on the result.
func TestWorkflowShards(t *testing.T) {
	var wf struct {
		Env  map[string]any         `json:"env"`
		Jobs map[string]workflowJob `json:"jobs"`
	}
	if err := yaml.Unmarshal(readFile(t, workflowFile), &wf); err != nil {
		t.Fatal(err)
	}
	scan, merge := wf.Jobs["scan"], wf.Jobs["merge"]

	shards := scan.Strategy.Matrix["shard"]
	n := len(shards)
	for i, s := range shards {
		if fmt.Sprint(s) != fmt.Sprint(i+1) {
			t.Errorf("matrix shard %v, want 1..%d in order", shards, n)
			break
		}
	}
	if got := fmt.Sprint(wf.Env["SHARDS"]); n == 0 || got != fmt.Sprint(n) {
		t.Errorf("env SHARDS=%s, want the matrix's %d shards", got, n)
	}
	if scan.Strategy.FailFast == nil || *scan.Strategy.FailFast {
		t.Error("scan: fail-fast must be false: one shard's failure would cancel the others")
	}
	allowed := []string{"actions/checkout@v4", "actions/setup-go@v5", "actions/upload-artifact@v4", "actions/download-artifact@v4"}
	var scanRun, uploadName, uploadPath string
	for _, s := range scan.Steps {
		if s.Uses != "" && !slices.Contains(allowed, s.Uses) {
			t.Errorf("scan uses %s, want one of %v", s.Uses, allowed)
		}
		if strings.Contains(s.Run, "cookieaudit scan") {
			scanRun = s.Run
		}
		if s.Uses == "actions/upload-artifact@v4" {
			uploadName, uploadPath = fmt.Sprint(s.With["name"]), fmt.Sprint(s.With["path"])
		}
	}
	for _, want := range []string{`--shard "${{ matrix.shard }}/${SHARDS}"`, "--sites ", `--output-dir "$out"`, "--format json"} {
		if !strings.Contains(scanRun, want) {
			t.Errorf("scan step lacks %s:\n%s", want, scanRun)
		}
	}
	if !strings.Contains(scanRun, `out="`+strings.TrimSuffix(uploadPath, "/")+`"`) {
		t.Errorf("scan uploads %q, which is not its --output-dir:\n%s", uploadPath, scanRun)
	}
	if !strings.Contains(uploadName, "${{ matrix.shard }}") {
		t.Errorf("scan artifact %q: each shard needs its own name", uploadName)
	}

	if fmt.Sprint(merge.Needs) != "scan" && fmt.Sprint(merge.Needs) != "[scan]" {
		t.Errorf("merge needs %v, want scan (every shard of the matrix)", merge.Needs)
	}
	var pattern, mergeRun, gate string
	summaryUploaded := false
	for _, s := range merge.Steps {
		if s.Uses != "" && !slices.Contains(allowed, s.Uses) {
			t.Errorf("merge uses %s, want one of %v", s.Uses, allowed)
		}
		switch {
		case s.Uses == "actions/download-artifact@v4":
			pattern = fmt.Sprint(s.With["pattern"])
		case strings.Contains(s.Run, "cookieaudit merge"):
			mergeRun = s.Run
		case strings.Contains(s.Run, "MERGE_STATUS"):
			gate = s.Run
		case s.Uses == "actions/upload-artifact@v4":
			summaryUploaded = s.If == "always()"
		}
	}
	for i := 1; i <= n; i++ {
		name := strings.ReplaceAll(uploadName, "${{ matrix.shard }}", fmt.Sprint(i))
		if ok, _ := filepath.Match(pattern, name); !ok {
			t.Errorf("merge downloads %q, which misses artifact %s", pattern, name)
		}
	}
	if !strings.Contains(mergeRun, "MERGE_STATUS=$status") || !strings.Contains(gate, `exit "$MERGE_STATUS"`) {
		t.Errorf("merge must keep the merge's exit code and fail with it:\n%s\n%s", mergeRun, gate)
	}
	if !summaryUploaded {
		t.Error("merge: the summary must be uploaded if: always(), also when the gate fails")
	}

	// An example: it never runs in this repository.
	if _, err := os.Stat(filepath.Join(repoRoot, ".github", "workflows", filepath.Base(workflowFile))); err == nil {
		t.Errorf("%s is in this repository's .github/workflows: it would run here", filepath.Base(workflowFile))
	}
}
