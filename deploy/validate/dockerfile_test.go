package validate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	Line int    // where it starts
	Cmd  string // upper case: FROM, RUN...
	Args string
}

// parseDockerfile splits a Dockerfile into instructions. It knows what the
// checks below need: comments, blank lines and backslash continuations.
func parseDockerfile(t *testing.T, src []byte) []instruction {
	t.Helper()
	var out []instruction
	var cur *instruction
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue // a comment inside a continued instruction is dropped too
		}
		cont := strings.HasSuffix(line, "\\")
		line = strings.TrimSpace(strings.TrimSuffix(line, "\\"))
		if cur == nil {
			cmd, args, _ := strings.Cut(line, " ")
			cur = &instruction{Line: n, Cmd: strings.ToUpper(cmd), Args: strings.TrimSpace(args)}
		} else {
			cur.Args += " " + line
		}
		if !cont {
			out = append(out, *cur)
			cur = nil
		}
	}
	if cur != nil {
		t.Fatalf("Dockerfile:%d: the last instruction ends with a continuation", cur.Line)
	}
	return out
}

// image holds what the checks of the manifests need from the Dockerfile.
type image struct {
	UID, GID int
	Home     string
}

// checkDockerfile checks the Dockerfile and returns the facts the
// manifests must agree with.
func checkDockerfile(t *testing.T) image {
	t.Helper()
	ins := parseDockerfile(t, readFile(t, dockerfile))
	args := map[string]string{}
	var stages [][]instruction
	for _, in := range ins {
		switch in.Cmd {
		case "ARG":
			if k, v, ok := strings.Cut(in.Args, "="); ok && len(stages) == 0 {
				args[k] = v
			}
		case "FROM":
			stages = append(stages, nil)
		}
		if len(stages) > 0 {
			stages[len(stages)-1] = append(stages[len(stages)-1], in)
		}
	}
	expand := func(s string) string {
		for k, v := range args {
			s = strings.ReplaceAll(s, "${"+k+"}", v)
		}
		return s
	}
	if len(stages) != 2 {
		t.Fatalf("Dockerfile: %d stages, want 2 (build, runtime)", len(stages))
	}

	// The build stage: the Go release of go.mod, a static binary.
	goMod := string(readFile(t, repoRoot+"/go.mod"))
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(goMod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	if got := args["GO_VERSION"]; got != m[1] {
		t.Errorf("Dockerfile: ARG GO_VERSION=%s, want go.mod's Go release %s", got, m[1])
	}
	if got := expand(stages[0][0].Args); got != "golang:"+m[1]+"-"+args["DEBIAN_RELEASE"]+" AS build" {
		t.Errorf("Dockerfile:%d: build stage FROM %s, want the golang image of go.mod's release", stages[0][0].Line, got)
	}
	build := ""
	for _, in := range stages[0] {
		if in.Cmd == "RUN" && strings.Contains(in.Args, "go build") {
			build = in.Args
		}
	}
	for _, want := range []string{"CGO_ENABLED=0", "./cmd/cookieaudit", "-o /out/cookieaudit"} {
		if !strings.Contains(build, want) {
			t.Errorf("Dockerfile: the go build step %q lacks %q", build, want)
		}
	}

	// The runtime stage.
	rt := stages[1]
	if got := expand(rt[0].Args); !slices.Contains([]string{"debian:trixie-slim", "debian:bookworm-slim"}, got) {
		t.Errorf("Dockerfile:%d: runtime FROM %s, want debian:trixie-slim or debian:bookworm-slim", rt[0].Line, got)
	}
	var img image
	var apt, useradd, user, entry string
	env := map[string]string{}
	copied := false
	for _, in := range rt {
		switch in.Cmd {
		case "RUN":
			if strings.Contains(in.Args, "apt-get install") {
				apt = in.Args
			}
			if strings.Contains(in.Args, "useradd") {
				useradd = in.Args
			}
		case "USER":
			user = in.Args
		case "ENV":
			for _, f := range strings.Fields(in.Args) {
				if k, v, ok := strings.Cut(f, "="); ok {
					env[k] = v
				}
			}
		case "ENTRYPOINT":
			entry = in.Args
		case "COPY":
			copied = copied || in.Args == "--from=build /out/cookieaudit /usr/local/bin/cookieaudit"
		}
	}
	pkgs := strings.Fields(apt)
	if !slices.Contains(pkgs, "chromium-headless-shell") || !slices.Contains(pkgs, "--no-install-recommends") {
		t.Errorf("Dockerfile: %q: want Debian's chromium-headless-shell, without recommends", apt)
	}
	if !slices.ContainsFunc(pkgs, func(p string) bool { return strings.HasPrefix(p, "fonts-") }) {
		t.Errorf("Dockerfile: %q installs no font: pages would render without text metrics", apt)
	}
	if !strings.Contains(apt, "rm -rf /var/lib/apt/lists/*") {
		t.Errorf("Dockerfile: %q keeps the apt lists in the image", apt)
	}
	uid, gid, ok := strings.Cut(user, ":")
	var err1, err2 error
	img.UID, err1 = strconv.Atoi(uid)
	img.GID, err2 = strconv.Atoi(gid)
	if !ok || err1 != nil || err2 != nil || img.UID == 0 || img.GID == 0 {
		t.Errorf("Dockerfile: USER %q, want a numeric non-root UID:GID (Kubernetes' runAsNonRoot checks numbers)", user)
	}
	if !strings.Contains(useradd, "--uid "+uid) || !strings.Contains(useradd, "--gid "+gid) {
		t.Errorf("Dockerfile: %q does not create the user of USER %s", useradd, user)
	}
	if env["CHROME_PATH"] != "/usr/bin/chromium-headless-shell" {
		t.Errorf("Dockerfile: CHROME_PATH=%q, want /usr/bin/chromium-headless-shell", env["CHROME_PATH"])
	}
	img.Home = env["HOME"]
	if img.Home == "" || !strings.Contains(useradd, "--home-dir "+img.Home) {
		t.Errorf("Dockerfile: HOME=%q is not the user's home of %q", img.Home, useradd)
	}
	var ep []string
	if err := json.Unmarshal([]byte(entry), &ep); err != nil || !slices.Equal(ep, []string{"/usr/local/bin/cookieaudit"}) {
		t.Errorf("Dockerfile: ENTRYPOINT %s, want the exec form [\"/usr/local/bin/cookieaudit\"]", entry)
	}
	if !copied {
		t.Error("Dockerfile: the runtime stage does not copy /out/cookieaudit from the build stage")
	}
	// Chromium keeps its sandbox: no instruction turns it off (comments
	// may say why it stays on).
	for _, in := range ins {
		if strings.Contains(in.Args, "no-sandbox") {
			t.Errorf("Dockerfile:%d: %s %s turns Chromium's sandbox off", in.Line, in.Cmd, in.Args)
		}
	}
	return img
}

func TestDockerfile(t *testing.T) {
	checkDockerfile(t)
}

// TestDockerignore checks that the build context keeps what the build needs.
func TestDockerignore(t *testing.T) {
	var patterns []string
	for _, l := range strings.Split(string(readFile(t, dockerignore)), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			patterns = append(patterns, strings.TrimPrefix(l, "/"))
		}
	}
	for _, need := range []string{"go.mod", "go.sum", "cmd", "crawler", "classifier", "policy", "report", "internal"} {
		if slices.Contains(patterns, need) || slices.Contains(patterns, "*") {
			t.Errorf(".dockerignore leaves %s out of the build context", need)
		}
	}
}
