package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/cookieaudit/cookieaudit/classifier"
	"github.com/cookieaudit/cookieaudit/crawler"
	"github.com/cookieaudit/cookieaudit/policy"
)

func newKBCmd(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kb",
		Short: "Update the knowledge base of known cookies, or look a cookie up in it",
		Long: `The knowledge base gives a category to every cookie the site's policy does
not: the Open Cookie Database (built in, or the newer copy "kb update"
downloads), cookieaudit's own entries and overrides, and a list of
advertising and measurement hosts.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newKBUpdateCmd(s), newKBLookupCmd(s))
	return cmd
}

type kbUpdateOptions struct {
	IO       streams
	URL      string
	CacheDir string
	Timeout  time.Duration
}

func newKBUpdateCmd(s streams) *cobra.Command {
	opts := &kbUpdateOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "update",
		Short: "Download the newest Open Cookie Database for scans to use",
		Long: `Download the newest Open Cookie Database CSV into the cache directory
($COOKIEAUDIT_CACHE_DIR, else "cookieaudit" in the user's cache directory).
Scans, "kb lookup" and "policy extract" use it from then on in place of the
copy built into cookieaudit, unless the built-in copy is newer.

The download is checked before it replaces anything: it must be the
database's CSV format, with at least 500 entries, and at most 64 MiB. A
download that fails leaves the cached copy as it was, and the built-in
copy is always there to fall back on. HTTPS_PROXY and NO_PROXY are obeyed.

Exit codes: 0 updated or already up to date; 2 an invalid --url; 3 the
download failed, was not a valid database, or could not be saved.`,
		Args: cobra.NoArgs,
		Example: `  cookieaudit kb update
  HTTPS_PROXY=http://proxy.internal:3128 cookieaudit kb update
  cookieaudit kb update --url https://mirror.internal/open-cookie-database.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runKBUpdate(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.URL, "url", defaultDatabaseURL, "download the database CSV from `URL` (https; http only on loopback)")
	f.StringVar(&opts.CacheDir, "cache-dir", "", "keep the copy in `DIR` (default $"+cacheDirEnv+", else the user cache directory)")
	f.DurationVar(&opts.Timeout, "timeout", 2*time.Minute, "give up the download after `DURATION`")
	return cmd
}

// checkDownloadURL accepts https URLs, and http ones to a loopback host (a
// local mirror or a test server): a database fetched in clear over the
// network could be altered on the way.
func checkDownloadURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("invalid --url %q: want an absolute https URL", raw)
	}
	switch u.Scheme {
	case "https":
		return u, nil
	case "http":
		host := u.Hostname()
		if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
			return u, nil
		}
		return nil, fmt.Errorf("invalid --url %q: plain http is accepted only for a loopback host; use https", raw)
	}
	return nil, fmt.Errorf("invalid --url %q: want an https URL", raw)
}

func runKBUpdate(ctx context.Context, opts *kbUpdateOptions) error {
	u, err := checkDownloadURL(opts.URL)
	if err != nil {
		return err
	}
	dir := opts.CacheDir
	if dir == "" {
		if dir, err = cacheDir(); err != nil {
			return &scanError{err}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &scanError{fmt.Errorf("creating the cache directory: %w", err)}
	}
	// The copy is read whole, not only its record: an ETag may only
	// revalidate a copy that still parses.
	old, oldErr := readCachedDatabase(dir)
	if oldErr != nil {
		old = nil // an unusable copy is downloaded again, not revalidated
	}

	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("User-Agent", "cookieaudit/"+version)
	if old != nil && old.meta.URL == redacted(u.String()) && old.meta.ETag != "" {
		req.Header.Set("If-None-Match", old.meta.ETag)
	}
	// The default transport: proxies from HTTPS_PROXY, HTTP_PROXY and
	// NO_PROXY, the system's certificate authorities.
	resp, err := http.DefaultClient.Do(req)
	if err != nil && ctx.Err() != nil {
		return stopped(ctx, "downloading the Open Cookie Database") // says "interrupted" after Ctrl-C
	}
	if err != nil {
		return &scanError{fmt.Errorf("downloading the Open Cookie Database: %w", err)}
	}
	defer resp.Body.Close()
	now := time.Now().UTC().Truncate(time.Second)
	if resp.StatusCode == http.StatusNotModified && old != nil {
		old.meta.Checked = now
		if err := saveMeta(dir, old.meta); err != nil {
			return &scanError{err}
		}
		fmt.Fprintf(opts.IO.Out, "The Open Cookie Database is up to date: %d entries in %s (downloaded %s).\n",
			len(old.entries), old.path, old.meta.Fetched.Format(time.DateOnly))
		return nil
	}
	if resp.StatusCode != http.StatusOK {
		return &scanError{fmt.Errorf("downloading the Open Cookie Database from %s: HTTP %s", u, resp.Status)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDatabaseBytes+1))
	if err != nil && ctx.Err() != nil {
		return stopped(ctx, "downloading the Open Cookie Database")
	}
	if err != nil {
		return &scanError{fmt.Errorf("downloading the Open Cookie Database from %s: %w", u, err)}
	}
	if len(body) > maxDatabaseBytes {
		return &scanError{fmt.Errorf("the download from %s is larger than %d MiB: not the Open Cookie Database; the cached copy is unchanged", u, maxDatabaseBytes>>20)}
	}
	entries, err := classifier.ParseOpenCookieDB(u.String(), body)
	if err != nil {
		return &scanError{fmt.Errorf("the download is not a valid Open Cookie Database CSV (the cached copy is unchanged): %w", err)}
	}
	if len(entries) < minDatabaseEntries {
		return &scanError{fmt.Errorf("the download from %s has %d entries, fewer than the %d of any real copy: the cached copy is unchanged", u, len(entries), minDatabaseEntries)}
	}
	path := filepath.Join(dir, databaseFile)
	if err := writeAtomic(path, body); err != nil {
		return &scanError{fmt.Errorf("saving the Open Cookie Database: %w", err)}
	}
	meta := databaseMeta{
		URL: redacted(u.String()), Fetched: now, ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"), SHA256: sha256Hex(body), Entries: len(entries),
	}
	if err := saveMeta(dir, meta); err != nil {
		return &scanError{err}
	}
	builtin, err := classifier.Builtin()
	if err != nil {
		return err
	}
	builtinEntries := 0
	for _, e := range builtin.Entries() {
		if e.Origin == classifier.OriginDatabase {
			builtinEntries++
		}
	}
	was := fmt.Sprintf("the built-in copy has %d", builtinEntries)
	if old != nil {
		was = fmt.Sprintf("the previous download had %d", len(old.entries))
	}
	fmt.Fprintf(opts.IO.Out, "Downloaded the Open Cookie Database from %s: %d entries (%s).\nSaved to %s; scans use it from now on.\n",
		redacted(u.String()), len(entries), was, path)
	return nil
}

func saveMeta(dir string, meta databaseMeta) error {
	b, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(dir, databaseMetaFile), append(b, '\n')); err != nil {
		return fmt.Errorf("saving the download's record: %w", err)
	}
	return nil
}

type kbLookupOptions struct {
	IO         streams
	Name       string
	Domain     string
	ThirdParty bool
	CookieDB   string
	Format     string
	Verbose    bool
}

func newKBLookupCmd(s streams) *cobra.Command {
	opts := &kbLookupOptions{IO: s}
	cmd := &cobra.Command{
		Use:   "lookup NAME",
		Short: "Print what the knowledge base knows about a cookie",
		Long: `Print the category a scan would give a cookie of this name that the site's
policy does not declare, with its source and confidence, and every entry of
the knowledge base for the name (on any host), best first.

--domain is the domain the cookie is set on: a name can mean different
things on different hosts, and a third-party cookie (--third-party) of an
unknown name takes the category of a known advertising or measurement host.`,
		Args: cobra.ExactArgs(1),
		Example: `  cookieaudit kb lookup _ga
  cookieaudit kb lookup sessionid --domain instagram.com --third-party
  cookieaudit kb lookup _hjSession_12345 --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runKBLookup(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Domain, "domain", "", "the `DOMAIN` the cookie is set on")
	f.BoolVar(&opts.ThirdParty, "third-party", false, "the cookie is set by another site than the one audited")
	f.StringVar(&opts.CookieDB, "cookie-db", "", "also know the cookies of `FILE`, in the Open Cookie Database's CSV format (its entries win)")
	f.StringVarP(&opts.Format, "format", "f", "text", "print as `FORMAT`: text or json")
	f.BoolVar(&opts.Verbose, "verbose", false, "log which knowledge base is used")
	return cmd
}

// lookupResult is what kb lookup prints.
type lookupResult struct {
	Name          string        `json:"name"`
	Domain        string        `json:"domain,omitempty"`
	ThirdParty    bool          `json:"thirdParty"`
	Category      string        `json:"category"`
	Source        string        `json:"categorySource"`
	Confidence    string        `json:"categoryConfidence,omitempty"`
	Reason        string        `json:"categoryReason,omitempty"`
	Provider      string        `json:"provider,omitempty"`
	Entries       []lookupEntry `json:"entries"`
	Host          *lookupHost   `json:"host,omitempty"`
	KnowledgeBase string        `json:"knowledgeBase"`
}

type lookupEntry struct {
	Pattern          string   `json:"pattern"`
	Match            string   `json:"match"`
	Provider         string   `json:"provider,omitempty"`
	Category         string   `json:"category"`
	DatabaseCategory string   `json:"databaseCategory,omitempty"`
	Lifetime         string   `json:"lifetime,omitempty"`
	Hosts            []string `json:"hosts,omitempty"`
	HostOnly         bool     `json:"hostOnly"`
	Confidence       string   `json:"confidence"`
	Origin           string   `json:"origin"`
	Reason           string   `json:"reason,omitempty"`
	Description      string   `json:"description,omitempty"`
}

type lookupHost struct {
	Host     string `json:"host"`
	Provider string `json:"provider"`
	Category string `json:"category"`
	Source   string `json:"source"`
}

func runKBLookup(opts *kbLookupOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("invalid --format %q: want text or json", opts.Format)
	}
	name := strings.TrimSpace(opts.Name)
	if name == "" {
		return errors.New("empty cookie name")
	}
	domain := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(opts.Domain)), ".")
	if strings.ContainsAny(domain, "/: ") {
		return fmt.Errorf("invalid --domain %q: want a host name such as example.org", opts.Domain)
	}
	if opts.ThirdParty && domain == "" {
		return errors.New("--third-party needs --domain: the host that sets the cookie")
	}
	kb, err := knowledgeBase(opts.CookieDB, newLogger(opts.IO, opts.Verbose))
	if err != nil {
		return err
	}
	// The classification a scan without a policy would make.
	ck := crawler.Cookie{Name: name, Domain: domain, Path: "/", Stored: true, Session: true, Party: crawler.FirstParty}
	if opts.ThirdParty {
		ck.Party = crawler.ThirdParty
	}
	cl := classifier.Classify([]crawler.Cookie{ck}, nil, kb, classifier.Options{}).Cookies[0]
	res := lookupResult{
		Name: name, Domain: domain, ThirdParty: opts.ThirdParty,
		Category: string(cl.Category), Source: string(cl.CategorySource), Confidence: string(cl.Confidence),
		Reason: cl.Reason, Provider: cl.Provider, Entries: []lookupEntry{}, KnowledgeBase: kb.Source(),
	}
	for _, e := range kb.Matches(name) {
		le := lookupEntry{
			Pattern: e.Pattern(), Match: e.Match.String(), Provider: e.Provider, Category: string(e.Category),
			DatabaseCategory: e.DatabaseCategory, Hosts: e.Hosts, HostOnly: e.HostOnly,
			Confidence: string(e.Confidence), Origin: e.Origin, Reason: e.Reason, Description: e.Description,
		}
		if e.Lifetime.Known() {
			le.Lifetime = e.Lifetime.String()
		} else {
			le.Lifetime = e.Lifetime.Text
		}
		res.Entries = append(res.Entries, le)
	}
	if domain != "" {
		if h, ok := kb.Host(domain); ok {
			res.Host = &lookupHost{Host: h.Host, Provider: h.Provider, Category: string(h.Category), Source: h.Source}
		}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return writeLookup(opts.IO.Out, res)
}

// writeLookup prints a lookup for a terminal. The knowledge base can be a
// downloaded file, so its strings go through oneLine like any other
// outside text.
func writeLookup(w io.Writer, res lookupResult) error {
	where := "on the site's own domain"
	if res.Domain != "" {
		where = "on " + res.Domain
		if res.ThirdParty {
			where += ", third party"
		}
	}
	cat := res.Category
	if res.Confidence != "" {
		cat += fmt.Sprintf(" (%s, %s confidence)", res.Source, res.Confidence)
	}
	fmt.Fprintf(w, "%s %s: %s\n", oneLine(res.Name), oneLine(where), cat)
	if res.Reason != "" {
		fmt.Fprintf(w, "  %s\n", oneLine(res.Reason))
	}
	if res.Category == string(policy.Unclassified) {
		fmt.Fprintln(w, "  Nothing in the knowledge base names it, and no rule tells its purpose: a scan reports it unclassified.")
	}
	if len(res.Entries) > 0 {
		fmt.Fprintf(w, "\nEntries for this name (%d), best first:\n", len(res.Entries))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  PATTERN\tMATCH\tCATEGORY\tPROVIDER\tLIFETIME\tHOSTS\tCONFIDENCE\tFROM")
		for _, e := range res.Entries {
			hosts := "any"
			if len(e.Hosts) > 0 {
				hosts = strings.Join(e.Hosts, " ")
				if e.HostOnly {
					hosts += " only"
				}
			}
			category := e.Category
			if e.DatabaseCategory != "" && !strings.EqualFold(e.DatabaseCategory, e.Category) {
				category += " (" + e.DatabaseCategory + ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", oneLine(e.Pattern), e.Match, oneLine(category),
				oneLine(e.Provider), oneLine(e.Lifetime), oneLine(hosts), e.Confidence, oneLine(e.Origin))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, e := range res.Entries {
			if e.Reason != "" {
				fmt.Fprintf(w, "  %s overrides the database: %s\n", oneLine(e.Pattern), oneLine(e.Reason))
			}
		}
	}
	if res.Host != nil {
		fmt.Fprintf(w, "\nHost: %s is a known %s host (%s; list: %s)\n", oneLine(res.Host.Host), res.Host.Category, oneLine(res.Host.Provider), res.Host.Source)
	}
	_, err := fmt.Fprintf(w, "\nKnowledge base: %s\n", oneLine(res.KnowledgeBase))
	return err
}
