package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestDevtoolsSocket: a WebSocket address is used as given; an HTTP one is
// asked for the browser's socket, whose host is replaced by the one the
// user gave (a browser in a container names itself by its own address);
// anything else is an error that says what is wanted.
func TestDevtoolsSocket(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/json/version":
			w.Write([]byte(`{"Browser":"Chrome/1","webSocketDebuggerUrl":"ws://0.0.0.0:9222/devtools/browser/abc"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	ctx := context.Background()
	for _, tc := range []struct{ addr, want, err string }{
		{"ws://127.0.0.1:9222/devtools/browser/x", "ws://127.0.0.1:9222/devtools/browser/x", ""},
		{srv.URL, "ws://" + host + "/devtools/browser/abc", ""},
		{srv.URL + "/some/path", "ws://" + host + "/devtools/browser/abc", ""},
		{"127.0.0.1:9222", "", "not a DevTools address"},
		{"ftp://127.0.0.1:9222", "", `unknown scheme "ftp"`},
	} {
		got, err := devtoolsSocket(ctx, tc.addr)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("devtoolsSocket(%q) error = %v, want %q", tc.addr, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("devtoolsSocket(%q) = %q, %v; want %q", tc.addr, got, err, tc.want)
		}
	}
}
