package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/cookieaudit/cookieaudit/classifier"
)

// The newer copy of the Open Cookie Database that "cookieaudit kb update"
// keeps, and scans use in place of the built-in one.
const (
	// defaultDatabaseURL is where kb update downloads the database: the
	// CSV file of its repository's default branch.
	defaultDatabaseURL = "https://raw.githubusercontent.com/jkwakman/Open-Cookie-Database/HEAD/open-cookie-database.csv"
	// cacheDirEnv names another cache directory than the user's.
	cacheDirEnv = "COOKIEAUDIT_CACHE_DIR"
	// databaseFile and databaseMetaFile are the copy and what is known of
	// it, in the cache directory.
	databaseFile     = "open-cookie-database.csv"
	databaseMetaFile = "open-cookie-database.json"
	// maxDatabaseBytes bounds a download: the database is about 1 MB.
	maxDatabaseBytes = 64 << 20
	// minDatabaseEntries is the fewest entries a copy must have to replace
	// the built-in one: a download of a few rows is a truncated or wrong
	// file, not the database.
	minDatabaseEntries = 500
)

// databaseMeta is what kb update records of its download.
type databaseMeta struct {
	URL          string    `json:"url"`
	Fetched      time.Time `json:"fetched"`
	Checked      time.Time `json:"checked,omitzero"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"lastModified,omitempty"`
	SHA256       string    `json:"sha256"`
	Entries      int       `json:"entries"`
}

// cacheDir is where kb update keeps its copy: $COOKIEAUDIT_CACHE_DIR, else
// "cookieaudit" in the user's cache directory ($XDG_CACHE_HOME or
// ~/.cache on Linux, ~/Library/Caches on macOS, %LocalAppData% on
// Windows).
func cacheDir() (string, error) {
	if d := os.Getenv(cacheDirEnv); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (set %s): %w", cacheDirEnv, err)
	}
	return filepath.Join(d, "cookieaudit"), nil
}

// cachedDatabase is the copy of the Open Cookie Database in dir.
type cachedDatabase struct {
	path    string
	meta    databaseMeta // zero when its record is missing
	entries []classifier.Entry
}

// readCachedDatabase reads the copy in dir: (nil, nil) when there is none.
func readCachedDatabase(dir string) (*cachedDatabase, error) {
	path := filepath.Join(dir, databaseFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	entries, err := classifier.ParseOpenCookieDB(path, b)
	if err != nil {
		return nil, err
	}
	if len(entries) < minDatabaseEntries {
		return nil, fmt.Errorf("%s has %d entries, fewer than the %d of any real copy", path, len(entries), minDatabaseEntries)
	}
	db := &cachedDatabase{path: path, entries: entries}
	if mb, err := os.ReadFile(filepath.Join(dir, databaseMetaFile)); err == nil {
		_ = json.Unmarshal(mb, &db.meta) // a lost record only loses the date
	}
	return db, nil
}

// source names the copy in reports.
func (db *cachedDatabase) source() string {
	if db.meta.URL == "" {
		return "cached copy " + db.path
	}
	return fmt.Sprintf("downloaded %s from %s", db.meta.Fetched.UTC().Format(time.DateOnly), db.meta.URL)
}

// loadKnowledge returns the knowledge base scans use: the built-in one,
// with the newer copy of the Open Cookie Database kb update downloaded as
// its base layer when there is one. A copy that cannot be read, or is
// older than the built-in one, is passed over (with a warning for the
// first), so that a broken cache never stops a scan.
func loadKnowledge(logger *slog.Logger) (*classifier.KB, error) {
	dir, err := cacheDir()
	if err != nil {
		logger.Debug("knowledge base: built in", "reason", err)
		dir = ""
	}
	return loadKnowledgeFrom(dir, logger)
}

// loadKnowledgeFrom is loadKnowledge with the cache directory given; ""
// is none.
func loadKnowledgeFrom(dir string, logger *slog.Logger) (*classifier.KB, error) {
	builtin, err := classifier.Builtin()
	if err != nil {
		return nil, fmt.Errorf("loading the built-in knowledge base: %w", err)
	}
	if dir == "" {
		return builtin, nil
	}
	db, err := readCachedDatabase(dir)
	switch {
	case err != nil:
		logger.Warn("the downloaded Open Cookie Database cannot be used; the built-in copy is (run 'cookieaudit kb update' to download it again)", "error", err)
		return builtin, nil
	case db == nil:
		logger.Debug("knowledge base: built in", "cache", dir)
		return builtin, nil
	case !db.meta.Fetched.IsZero() && db.meta.Fetched.Before(classifier.BuiltinDatabaseDate()):
		logger.Debug("knowledge base: built in, newer than the downloaded copy", "copy", db.path, "fetched", db.meta.Fetched)
		return builtin, nil
	}
	kb, err := classifier.WithDatabase(db.entries, db.source())
	if err != nil {
		return nil, err
	}
	logger.Debug("knowledge base: downloaded copy", "file", db.path, "entries", len(db.entries))
	return kb, nil
}

// knowledgeBase is the knowledge base of scans, lookups and policy
// extraction: the built-in one or the downloaded database's
// (loadKnowledge), with the entries of a --cookie-db file on top.
func knowledgeBase(cookieDB string, logger *slog.Logger) (*classifier.KB, error) {
	kb, err := loadKnowledge(logger)
	if err != nil {
		return nil, err
	}
	if cookieDB == "" {
		return kb, nil
	}
	data, err := os.ReadFile(cookieDB)
	if err != nil {
		return nil, fmt.Errorf("reading --cookie-db: %w", err)
	}
	entries, err := classifier.ParseOpenCookieDB(cookieDB, data)
	if err != nil {
		return nil, fmt.Errorf("invalid --cookie-db: %w", err)
	}
	logger.Debug("cookie database read", "file", cookieDB, "entries", len(entries))
	return kb.Override(entries), nil
}

// writeAtomic writes b to path through a temporary file in the same
// directory, renamed over path once complete: a reader (a scan running
// meanwhile) sees the old copy or the new one, never a part.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
