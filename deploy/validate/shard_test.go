package validate

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// stub stands in for cookieaudit: it logs its arguments, and "scan" writes
// a summary into --output-dir unless STUB_NO_SUMMARY is set; "scan" exits
// STUB_SCAN_EXIT, "merge" STUB_MERGE_EXIT.
const stub = `#!/bin/sh
echo "$*" >> "$STUB_LOG"
cmd=$1; shift
if [ "$cmd" = scan ]; then
  while [ $# -gt 0 ]; do
    [ "$1" = --output-dir ] && out=$2
    shift
  done
  [ -n "${STUB_NO_SUMMARY:-}" ] || echo '{"sites":[]}' > "$out/summary.json"
  exit "${STUB_SCAN_EXIT:-0}"
fi
exit "${STUB_MERGE_EXIT:-0}"
`

// shardEnv prepares a directory with the stub and the ConfigMap's script.
type shardEnv struct {
	dir, script, reports, log string
	path                      string
}

func newShardEnv(t *testing.T, cm *corev1.ConfigMap) shardEnv {
	t.Helper()
	dir := t.TempDir()
	e := shardEnv{
		dir:     dir,
		script:  filepath.Join(dir, "shard.sh"),
		reports: filepath.Join(dir, "reports"),
		log:     filepath.Join(dir, "calls.log"),
	}
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "cookieaudit"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.script, []byte(cm.Data["shard.sh"]), 0o644); err != nil {
		t.Fatal(err)
	}
	e.path = bin + string(os.PathListSeparator) + os.Getenv("PATH")
	return e
}

// run runs shard index (0-based) of n, as Kubernetes starts a pod.
func (e shardEnv) run(t *testing.T, index, n int, extra []string, env ...string) int {
	t.Helper()
	cmd := exec.Command("/bin/sh", append([]string{e.script}, extra...)...)
	cmd.Env = append([]string{
		"PATH=" + e.path,
		"JOB_COMPLETION_INDEX=" + fmt.Sprint(index),
		"SHARDS=" + fmt.Sprint(n),
		"RUN=cookieaudit-nightly-29412345",
		"JOB_UID=0c5c3d1e-8a3b-4f43-9a51-2f1d5e4b7a10",
		"REPORTS=" + e.reports,
		"KEEP_DAYS=30",
		"MERGE_POLL_SECONDS=0",
		"STUB_LOG=" + e.log,
	}, env...)
	out, err := cmd.CombinedOutput()
	t.Logf("shard %d/%d: %s", index+1, n, out)
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

func (e shardEnv) calls(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(e.log)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestShardScriptSyntax(t *testing.T) {
	m := build(t)
	cmd := exec.Command("/bin/sh", "-n")
	cmd.Stdin = strings.NewReader(m.ConfigMap.Data["shard.sh"])
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sh -n shard.sh: %v\n%s", err, out)
	}
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not on PATH")
	}
	cmd = exec.Command(sc, "--shell=sh", "-")
	cmd.Stdin = strings.NewReader(m.ConfigMap.Data["shard.sh"])
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("shellcheck shard.sh: %v\n%s", err, out)
	}
}

// TestShardScriptMergesOnce runs the three shards one after the other: the
// first two scan and stop, the last scans, merges all three summaries and
// exits with the merge's code.
func TestShardScriptMergesOnce(t *testing.T) {
	m := build(t)
	e := newShardEnv(t, m.ConfigMap)
	extra := []string{"--history", "/reports/history"}
	run := filepath.Join(e.reports, "runs", "cookieaudit-nightly-29412345-0c5c3d1e")
	// Shard 2 finds something (exit 1): still a result for the merge.
	for i, scanExit := range []string{"0", "1", "3"} {
		code := e.run(t, i, 3, extra, "STUB_SCAN_EXIT="+scanExit, "STUB_MERGE_EXIT=1")
		want := 0
		if i == 2 {
			want = 1 // the merge's code: findings fail the gate
		}
		if code != want {
			t.Errorf("shard %d/3 exited %d, want %d", i+1, code, want)
		}
	}
	calls := e.calls(t)
	var scans, merges []string
	for _, c := range calls {
		switch {
		case strings.HasPrefix(c, "scan "):
			scans = append(scans, c)
		case strings.HasPrefix(c, "merge "):
			merges = append(merges, c)
		}
	}
	for i, s := range scans {
		want := fmt.Sprintf("scan --sites /config/cookieaudit.yaml --shard %d/3 --format json,html --output-dir %s/shard-%d --history /reports/history", i+1, run, i+1)
		if s != want {
			t.Errorf("scan call %d:\n got %s\nwant %s", i+1, s, want)
		}
	}
	if len(scans) != 3 {
		t.Errorf("%d scans, want 3", len(scans))
	}
	summaries := fmt.Sprintf("%[1]s/shard-1/summary.json %[1]s/shard-2/summary.json %[1]s/shard-3/summary.json", run)
	wantMerges := []string{
		"merge " + summaries + " --format json -o " + run + "/summary.json",
		"merge " + summaries + " --format html -o " + run + "/index.html",
		"merge " + summaries + " --format table",
	}
	if !slices.Equal(merges, wantMerges) {
		t.Errorf("merges:\n got %q\nwant %q", merges, wantMerges)
	}
	if got, err := os.Readlink(filepath.Join(e.reports, "latest")); err != nil || got != "runs/cookieaudit-nightly-29412345-0c5c3d1e" {
		t.Errorf("latest -> %q (%v), want the run's directory", got, err)
	}
}

// TestShardScriptFailures: a usage error, or a scan that wrote no summary,
// fails the pod with the scan's code and leaves no done marker.
func TestShardScriptFailures(t *testing.T) {
	m := build(t)
	for _, c := range []struct {
		name string
		env  []string
		want int
	}{
		{"usage error", []string{"STUB_SCAN_EXIT=2"}, 2},
		{"no browser, no summary", []string{"STUB_SCAN_EXIT=3", "STUB_NO_SUMMARY=1"}, 3},
		{"killed", []string{"STUB_SCAN_EXIT=137", "STUB_NO_SUMMARY=1"}, 137},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newShardEnv(t, m.ConfigMap)
			if code := e.run(t, 0, 2, nil, c.env...); code != c.want {
				t.Errorf("exit %d, want %d", code, c.want)
			}
			markers, _ := filepath.Glob(filepath.Join(e.reports, "runs", "*", "done-*"))
			if len(markers) != 0 {
				t.Errorf("done markers %v after a failed scan", markers)
			}
			for _, call := range e.calls(t) {
				if strings.HasPrefix(call, "merge") {
					t.Errorf("merged after a failed scan: %s", call)
				}
			}
		})
	}
}

// TestShardScriptNewJobSameName: a Job created again under the same name
// (a new uid) does not count the markers of the earlier one.
func TestShardScriptNewJobSameName(t *testing.T) {
	m := build(t)
	e := newShardEnv(t, m.ConfigMap)
	if code := e.run(t, 0, 2, nil); code != 0 {
		t.Fatalf("first Job, shard 1/2: exit %d", code)
	}
	if code := e.run(t, 0, 2, nil, "JOB_UID=7e0d2f44-0000-4000-8000-000000000000"); code != 0 {
		t.Fatalf("second Job, shard 1/2: exit %d", code)
	}
	for _, call := range e.calls(t) {
		if strings.HasPrefix(call, "merge") {
			t.Errorf("merged with the markers of another Job: %s", call)
		}
	}
}
