package crawler

import (
	"context"
	"encoding/json"
	"strconv"
)

// The most characters of a storage key and value kept; hook.js cuts them
// at the same lengths, so that a write and a read of the same entry
// agree. A value can be megabytes long, and is only written to reports
// that ask for values.
const (
	storageKeyLimit   = 1024
	storageValueLimit = 4096
)

// storageWrite is one web storage fact of a page, before it is merged with
// those of other pages: a write hook.js saw (script), or an entry present
// in a frame's storage at the end of the page.
type storageWrite struct {
	kind   StorageKind
	origin string
	key    string
	value  string
	source string // the script that wrote it; "" for an entry read at the end
	script bool
}

// onStorageWrite records a localStorage or sessionStorage write, or an
// IndexedDB database opened, reported by hook.js; src is the script that
// made it.
func (r *recorder) onStorageWrite(rep *scriptReport, src string) {
	w := storageWrite{kind: StorageKind(rep.Kind), origin: rep.Origin, key: rep.Key, value: rep.Value, source: src, script: true}
	switch w.kind {
	case LocalStorage, SessionStorage:
	case IndexedDB:
		w.value = ""
	default:
		return
	}
	r.mu.Lock()
	r.storage = append(r.storage, w)
	r.mu.Unlock()
}

// storageWrites returns the storage writes the page's hook reported.
func (r *recorder) storageWrites() []storageWrite {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]storageWrite(nil), r.storage...)
}

// storageScript lists what a frame holds: the keys (and values, cut) of its
// localStorage and sessionStorage, and the names of its origin's IndexedDB
// databases. It reads through the Storage API, so it finds keys written by
// property assignment, which hook.js does not see. Every step may throw (a
// sandboxed frame has no storage): what can be read is returned.
var storageScript = `(async () => {
	const keyLimit = ` + strconv.Itoa(storageKeyLimit) + `, limit = ` + strconv.Itoa(storageValueLimit) + `, max = 1000;
	const out = { origin: "", items: [] };
	try { out.origin = String(location.origin); } catch (e) {}
	const area = (kind, get) => {
		try {
			const s = get();
			const n = Math.min(s.length, max);
			for (let i = 0; i < n; i++) {
				const k = s.key(i);
				if (k === null) continue;
				const v = s.getItem(k);
				out.items.push({ kind, key: String(k).slice(0, keyLimit), value: v === null ? "" : String(v).slice(0, limit) });
			}
		} catch (e) {}
	};
	area("localStorage", () => localStorage);
	area("sessionStorage", () => sessionStorage);
	try {
		if (typeof indexedDB.databases === "function") {
			const dbs = await Promise.race([indexedDB.databases(), new Promise((r) => setTimeout(() => r([]), 1000))]);
			for (const d of dbs.slice(0, max)) out.items.push({ kind: "indexedDB", key: String(d.name).slice(0, keyLimit), value: "" });
		}
	} catch (e) {}
	return out;
})()`

// readStorage reads the storage of every frame of the page (the top
// document, its same-process iframes and the cross-site iframes'
// targets), in the frame's own world.
func (c *crawler) readStorage(ctx context.Context, p *pageCtx) []storageWrite {
	var out []storageWrite
	for _, f := range p.frames() {
		if ctx.Err() != nil {
			break
		}
		raw := c.evalIn(ctx, p, f, storageScript)
		if raw == nil {
			continue
		}
		var held struct {
			Origin string `json:"origin"`
			Items  []struct {
				Kind  StorageKind `json:"kind"`
				Key   string      `json:"key"`
				Value string      `json:"value"`
			} `json:"items"`
		}
		if json.Unmarshal(raw, &held) != nil {
			continue
		}
		for _, it := range held.Items {
			out = append(out, storageWrite{kind: it.Kind, origin: held.Origin, key: it.Key, value: it.Value})
		}
	}
	return out
}
