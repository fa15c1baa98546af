package main

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cookieaudit/cookieaudit/report"
)

// defaultHistoryKeep is how many runs of a site --history keeps unless
// --history-keep says otherwise: a month of nightly checks.
const defaultHistoryKeep = 30

// historyOptions are the flags of scan --history: where each run's JSON
// report is kept, and how many runs of a site are kept.
type historyOptions struct {
	Dir  string // --history; "": no history
	Keep int    // --history-keep
}

// validate checks --history-keep; keepSet says whether it was given.
func (h historyOptions) validate(keepSet bool) error {
	if h.Keep < 1 {
		return fmt.Errorf("invalid --history-keep %d: must be at least 1", h.Keep)
	}
	if keepSet && h.Dir == "" {
		return errors.New("--history-keep needs --history DIR")
	}
	return nil
}

// historyTime is the layout of the time in a run's file name: the scan's
// start, in UTC to the second.
const historyTime = "20060102T150405Z"

// historyName matches the name of a run's JSON report in a site's history
// directory: its start time, and for a second run that started in the
// same second a sequence number ("20261130T102233Z-1.json"). Nothing else
// in the directory is ever read as a run, or deleted.
var historyName = regexp.MustCompile(`^([0-9]{8}T[0-9]{6}Z)(?:-([1-9][0-9]{0,5}))?\.json$`)

// historyIndex is the name of a site's trend page.
const historyIndex = "index.html"

// historyFile is one run's JSON report in a site's history directory.
type historyFile struct {
	name string
	at   time.Time
	seq  int
}

// parseHistoryName reads a run's file name; false for any other name.
func parseHistoryName(name string) (historyFile, bool) {
	m := historyName.FindStringSubmatch(name)
	if m == nil {
		return historyFile{}, false
	}
	at, err := time.Parse(historyTime, m[1])
	if err != nil {
		return historyFile{}, false // 20261399T…: digits, not a time
	}
	seq := 0
	if m[2] != "" {
		seq, _ = strconv.Atoi(m[2])
	}
	return historyFile{name: name, at: at, seq: seq}, true
}

// compare orders runs by their names' times, then sequence numbers.
func (f historyFile) compare(g historyFile) int {
	return cmp.Or(f.at.Compare(g.at), cmp.Compare(f.seq, g.seq))
}

// listHistory lists the runs in dir, oldest first: the regular files
// whose names are those of runs.
func listHistory(dir string) ([]historyFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var runs []historyFile
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if f, ok := parseHistoryName(e.Name()); ok {
			runs = append(runs, f)
		}
	}
	slices.SortFunc(runs, historyFile.compare)
	return runs, nil
}

// historyHost is the name of a site's directory under --history: the
// host of its URL in lower case, with a port that is not the scheme's
// default as "_PORT" ("www.example.org_8443").
func historyHost(target string) (string, error) {
	u, err := url.Parse(target)
	if err != nil {
		return "", err
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	name := strings.ReplaceAll(host, ":", "_") // an IPv6 address
	if port != "" {
		name += "_" + port
	}
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("URL %q has no host to name a --history directory after", target)
	}
	return name, nil
}

// history keeps the runs of one site under --history DIR/<host>.
type history struct {
	dir  string // DIR/<host>
	host string
	keep int
	// run is this run's file, once compare has named it.
	run historyFile
}

// openHistory makes the site's history directory, DIR/<host>, before the
// scan, and checks that a file can be written there: a --history that
// cannot be used is a usage error, found before minutes of crawling.
func openHistory(opts historyOptions, target string) (*history, error) {
	host, err := historyHost(target)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(opts.Dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("invalid --history %s: not a directory", opts.Dir)
	}
	dir := filepath.Join(opts.Dir, host)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create --history %s: %w", dir, bareErr(err))
	}
	probe, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write --history %s: %w", dir, bareErr(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return &history{dir: dir, host: host, keep: opts.Keep}, nil
}

// compare names this run's file after the time rep's scan started, finds
// the previous run (the newest whose name is older) and puts what changed
// since it in rep.Changes. A previous run that cannot be read is a
// warning, and rep then has no changes. Nothing without --history (h nil).
func (h *history) compare(rep *report.Report, logger *slog.Logger) {
	if h == nil {
		return
	}
	at := rep.StartedAt.UTC().Truncate(time.Second)
	if rep.StartedAt.IsZero() {
		at = time.Now().UTC().Truncate(time.Second)
	}
	runs, err := listHistory(h.dir)
	if err != nil {
		logger.Warn(fmt.Sprintf("history: cannot list %s: %v", h.dir, bareErr(err)))
	}
	// A run that started in the same second as one kept gets the next
	// sequence number: no run ever replaces another.
	h.run = historyFile{at: at}
	for _, f := range runs {
		if f.at.Equal(at) {
			h.run.seq = max(h.run.seq, f.seq+1)
		}
	}
	for {
		h.run.name = at.Format(historyTime) + ".json"
		if h.run.seq > 0 {
			h.run.name = fmt.Sprintf("%s-%d.json", at.Format(historyTime), h.run.seq)
		}
		if _, err := os.Lstat(filepath.Join(h.dir, h.run.name)); err != nil {
			break // absent; or unknown, and saving will say
		}
		h.run.seq++ // something else of that name
	}
	var prev *historyFile
	for i := range runs {
		if runs[i].compare(h.run) < 0 {
			prev = &runs[i]
		}
	}
	if prev == nil {
		return
	}
	path := filepath.Join(h.dir, prev.name)
	old, err := readHistoryRun(path)
	if err != nil {
		logger.Warn(fmt.Sprintf("history: cannot read previous run %s: %v", path, err))
		return
	}
	rep.Changes = report.ChangesSince(prev.name, old, rep)
}

// readHistoryRun reads a run's JSON report, which must be valid (see
// report.ReadValid).
func readHistoryRun(path string) (*report.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, bareErr(err)
	}
	defer f.Close()
	return report.ReadValid(f)
}

// historyError is a --history file that could not be written after the
// scan. Like a report not written, it exits 2 unless findings fail the
// gate (see withOutputErrors).
type historyError struct {
	what, path string
	err        error
}

func (e *historyError) Error() string {
	return fmt.Sprintf("history: cannot write %s %s: %v", e.what, e.path, e.err)
}

func (e *historyError) Unwrap() error { return e.err }

// save writes rep as this run's JSON report (readable by its owner only
// when secret: it holds values), deletes the oldest runs beyond keep, and
// rewrites the trend page. Each file is written whole or not at all. A
// run that cannot be saved is an error; a trend page that cannot be
// written too, after the run is saved; an old run that cannot be deleted
// is a warning. compare, which names this run's file, must have run.
// Nothing without --history (h nil).
func (h *history) save(rep *report.Report, secret bool, logger *slog.Logger) error {
	if h == nil {
		return nil
	}
	path := filepath.Join(h.dir, h.run.name)
	if err := writeWhole(path, secret, func(o *output) error { return report.WriteJSON(o, rep) }); err != nil {
		return &historyError{"this run's report", path, err}
	}
	logger.Debug("history: saved this run", "file", path)
	runs, err := listHistory(h.dir)
	if err != nil {
		return &historyError{"the trend page in", h.dir, bareErr(err)}
	}
	// The oldest runs beyond keep are deleted, never this one (a clock
	// set back can make it older than others).
	excess := len(runs) - h.keep
	var kept []historyFile
	for _, f := range runs {
		if excess <= 0 || f.name == h.run.name {
			kept = append(kept, f)
			continue
		}
		excess--
		p := filepath.Join(h.dir, f.name)
		if err := os.Remove(p); err != nil {
			logger.Warn(fmt.Sprintf("history: cannot delete the old run %s: %v", p, bareErr(err)))
			kept = append(kept, f)
		}
	}
	var trend []report.TrendRun
	for _, f := range kept {
		tr := report.TrendRun{File: f.name}
		if f.name == h.run.name {
			tr.Report = rep
		} else if old, err := readHistoryRun(filepath.Join(h.dir, f.name)); err != nil {
			tr.Err = err.Error()
		} else {
			tr.Report = old
		}
		trend = append(trend, tr)
	}
	index := filepath.Join(h.dir, historyIndex)
	if err := writeWhole(index, false, func(o *output) error { return report.WriteTrend(o, h.host, trend) }); err != nil {
		return &historyError{"the trend page", index, err}
	}
	return nil
}

// writeWhole writes the file at path with write, through the reports'
// output: whole or not at all, 0o644, or 0o600 when secret. Its errors
// are the causes, without output's words about --output.
func writeWhole(path string, secret bool, write func(*output) error) error {
	o, err := openOutput(path, nil, secret)
	if err != nil {
		return outputCause(err)
	}
	defer o.abort()
	if err := write(o); err != nil {
		return err
	}
	return outputCause(o.commit())
}

// outputCause is the cause of an error of openOutput or commit, which
// name the file as an --output; the error itself when it has none.
func outputCause(err error) error {
	if c := errors.Unwrap(err); c != nil {
		return c
	}
	return err
}

// joinWriteErrors is the error of a run whose reports failed with
// writeErr and whose history failed with histErr: either, or both in one
// message (exit 2 either way, unless findings fail the gate).
func joinWriteErrors(writeErr, histErr error) error {
	switch {
	case histErr == nil:
		return writeErr
	case writeErr == nil:
		return histErr
	}
	return &alsoError{err: writeErr, also: []error{histErr}}
}
