package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// helperEnv makes the test binary act as the command demosite runs: it
// fetches its first argument through the host-resolver rules it is given,
// as a browser would, prints what it got, and exits with code 7.
const helperEnv = "DEMOSITE_TEST_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		os.Exit(helper(os.Args[1:]))
	}
	os.Exit(m.Run())
}

func helper(args []string) int {
	fmt.Printf("args: %q\n", args)
	if len(args) != 4 || args[1] != "--host-resolver-rules" || args[3] != "--insecure" {
		fmt.Fprintln(os.Stderr, "helper: want URL --host-resolver-rules RULES --insecure")
		return 1
	}
	resp, err := fetch(args[0], args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 1
	}
	fmt.Printf("status: %d\n", resp.StatusCode)
	for _, c := range resp.Cookies() {
		fmt.Printf("cookie: %s\n", c.Name)
	}
	return 7
}

// fetch gets rawURL as a browser started with --host-resolver-rules rules
// and --ignore-certificate-errors would.
func fetch(rawURL, rules string) (*http.Response, error) {
	addr, ok := strings.CutPrefix(rules, "MAP *.test ")
	if !ok {
		return nil, fmt.Errorf("unexpected rules %q", rules)
	}
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}}
	resp, err := client.Get(rawURL)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return resp, nil
}

func TestRunCommand(t *testing.T) {
	t.Setenv(helperEnv, "1")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--", os.Args[0], "{url}"}, strings.NewReader(""), &out, &errOut)
	if code != 7 {
		t.Fatalf("exit code = %d, want the command's 7\nstdout:\n%s\nstderr:\n%s", code, &out, &errOut)
	}
	for _, want := range []string{`"https://www.portal.test/"`, "status: 200", "cookie: sessionid", "cookie: csrftoken"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output does not contain %q:\n%s", want, &out)
		}
	}

	out.Reset()
	code = run(context.Background(), []string{"-site", "edge", "--", os.Args[0], "{url}"}, strings.NewReader(""), &out, &errOut)
	if code != 7 || !strings.Contains(out.String(), "cookie: edge_home") {
		t.Errorf("-site edge: exit %d, output:\n%s", code, &out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no command", nil, 2, "no command given"},
		{"serve with a command", []string{"-serve", "--", "true"}, 2, "-serve takes no command"},
		{"unknown site", []string{"-site", "shop", "--", "true"}, 2, `unknown site "shop"`},
		{"unknown flag", []string{"-port", "1"}, 2, "flag provided but not defined"},
		{"help", []string{"-h"}, 0, "Usage:"},
		{"command not found", []string{"--", "./no-such-command-here"}, 127, "starting ./no-such-command-here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tt.args, strings.NewReader(""), &out, &errOut)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d", code, tt.code)
			}
			if !strings.Contains(errOut.String(), tt.err) {
				t.Errorf("stderr does not contain %q:\n%s", tt.err, &errOut)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"-serve"}, strings.NewReader(""), &out, io.Discard) }()

	var lines []string
	for deadline := time.Now().Add(5 * time.Second); len(lines) < 2; lines = strings.Fields(strings.ReplaceAll(out.String(), " ", "_")) {
		if time.Now().After(deadline) {
			t.Fatalf("no start URL and rules on stdout: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	start, rules := lines[0], strings.ReplaceAll(lines[1], "_", " ")
	if start != "https://www.portal.test/" || !strings.HasPrefix(rules, "MAP *.test 127.0.0.1:") {
		t.Fatalf("stdout = %q", out.String())
	}

	resp, err := fetch(start, rules)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("fetching %s through %q: %v, %v", start, rules, resp, err)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code after interrupt = %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("-serve did not stop")
	}
}
