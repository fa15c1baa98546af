package main

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cookieaudit/cookieaudit/fixtures"
)

// connectProxy is an HTTPS proxy on loopback: it answers CONNECT by
// tunnelling to upstream, whatever host was asked for, and records the
// hosts.
type connectProxy struct {
	*httptest.Server
	mu    sync.Mutex
	hosts []string
}

func newConnectProxy(t *testing.T, upstream string) *connectProxy {
	t.Helper()
	p := &connectProxy{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "this proxy only tunnels", http.StatusMethodNotAllowed)
			return
		}
		p.mu.Lock()
		p.hosts = append(p.hosts, r.Host)
		p.mu.Unlock()
		up, err := net.Dial("tcp", upstream)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			up.Close()
			return
		}
		conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
		go func() {
			io.Copy(up, buf)
			up.Close()
		}()
		io.Copy(conn, up)
		conn.Close()
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *connectProxy) tunnelled() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.hosts...)
}

// TestBinaryKBUpdateBehindProxy runs the binary as a user behind a
// corporate proxy does: "kb update" reaches the database's https host
// only through HTTPS_PROXY (the host name does not resolve here; only the
// proxy knows where it is), then "kb lookup" and a scan of the demo portal
// use the downloaded copy, which names two of the portal's cookies the
// built-in knowledge base cannot classify.
func TestBinaryKBUpdateBehindProxy(t *testing.T) {
	requireBrowser(t)
	t.Parallel()
	bin := buildBinary(t)

	db := testDatabase(600,
		"p-1,Portal catalogue,Personalization,ods_catalog_view,,Made up,Session,Us,,0",
		"p-2,Share widget,Marketing,sw_uid,embed.socialwidget.test (3rd party),Made up,1 year,Us,,0")
	origin := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/open-cookie-database.csv" {
			http.NotFound(w, r)
			return
		}
		w.Write(db)
	}))
	defer origin.Close()
	proxy := newConnectProxy(t, origin.Listener.Addr().String())

	// The origin's certificate (for example.com) is the only authority the
	// binary trusts.
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: origin.Certificate().Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); strings.ToUpper(k) {
		case "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "ALL_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR", cacheDirEnv:
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HTTPS_PROXY="+proxy.URL, "SSL_CERT_FILE="+ca, "SSL_CERT_DIR="+dir, cacheDirEnv+"="+cache)

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	res := runBinaryEnv(ctx, t, bin, env, "kb", "update", "--url", "https://example.com/open-cookie-database.csv")
	res.wantExit(t, 0)
	if got := proxy.tunnelled(); len(got) != 1 || got[0] != "example.com:443" {
		t.Errorf("tunnels through the proxy: %v, want one to example.com:443", got)
	}
	if !strings.Contains(res.stdout, "602 entries") {
		t.Errorf("kb update: %q", res.stdout)
	}

	res = runBinaryEnv(ctx, t, bin, env, "kb", "lookup", "ods_catalog_view")
	res.wantExit(t, 0)
	if !strings.Contains(res.stdout, "preferences (knowledge-base, high confidence)") || !strings.Contains(res.stdout, "downloaded") {
		t.Errorf("kb lookup after the update:\n%s", res.stdout)
	}

	// The scan needs no proxy (Chromium would obey HTTPS_PROXY too, and
	// this one only reaches the database).
	var scanEnv []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "HTTPS_PROXY=") {
			scanEnv = append(scanEnv, kv)
		}
	}
	srv := fixtures.NewServer()
	defer srv.Close()
	site := fixtures.Portal()
	res = runBinaryEnv(ctx, t, bin, scanEnv, "scan", site.Start, "--policy", site.Policy,
		"--host-resolver-rules", srv.HostResolverRules(), "--insecure", "--consent", "none", "--wait", "auto",
		"--page-timeout", "60s", "--format", "json", "--fail-on", "none")
	res.wantExit(t, 0)
	var rep struct {
		KnowledgeBase string
		Cookies       []struct{ Name, Category, CategorySource, CategoryConfidence string }
	}
	if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil {
		t.Fatalf("report: %v", err)
	}
	if !strings.Contains(rep.KnowledgeBase, "downloaded") || !strings.Contains(rep.KnowledgeBase, "https://example.com/open-cookie-database.csv") {
		t.Errorf("report knowledgeBase %q, want the downloaded copy", rep.KnowledgeBase)
	}
	want := map[string]string{"ods_catalog_view": "preferences", "sw_uid": "marketing", "_ga": "statistics"}
	for _, c := range rep.Cookies {
		if cat, ok := want[c.Name]; ok {
			if c.Category != cat || c.CategorySource != "knowledge-base" || c.CategoryConfidence != "high" {
				t.Errorf("%s: %s from %s (%s), want %s from the knowledge base (high)", c.Name, c.Category, c.CategorySource, c.CategoryConfidence, cat)
			}
			delete(want, c.Name)
		}
	}
	if len(want) > 0 {
		t.Errorf("cookies missing from the report: %v", want)
	}
}
