(() => {
  // Reports every cookie write made by a script of the page to the crawler.
  // It runs before any script of the document, in every frame the crawler
  // attaches to. The binding is taken out of the global scope at once, so
  // page scripts can neither see nor call it.
  const name = "__BINDING__";
  const report = globalThis[name];
  if (typeof report !== "function") return;
  try { delete globalThis[name]; } catch (e) {}
  const stringify = JSON.stringify.bind(JSON);
  const ErrorCtor = Error;
  const stack = () => {
    try { return String(new ErrorCtor().stack || ""); } catch (e) { return ""; }
  };
  const send = (msg) => {
    try { report(stringify(msg)); } catch (e) {}
  };
  const href = () => {
    try { return String(location.href); } catch (e) { return ""; }
  };

  const desc = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  if (desc && desc.set && desc.get) {
    const get = desc.get, set = desc.set;
    Object.defineProperty(Document.prototype, "cookie", {
      configurable: true,
      enumerable: desc.enumerable,
      get() { return get.call(this); },
      set(v) {
        const raw = String(v);
        const st = stack();
        const r = set.call(this, raw);
        let visible = null;
        try {
          const n = raw.split(";")[0].split("=")[0].trim();
          visible = get.call(this).split(";").some((c) => c.split("=")[0].trim() === n);
        } catch (e) {}
        send({ api: "document.cookie", raw, href: href(), stack: st, visible });
        return r;
      },
    });
  }

  if (typeof CookieStore === "function" && CookieStore.prototype && CookieStore.prototype.set) {
    const orig = CookieStore.prototype.set;
    CookieStore.prototype.set = function (a, b) {
      const st = stack();
      let opts;
      try {
        opts = typeof a === "object" && a !== null ? Object.assign({}, a) : { name: String(a), value: String(b) };
        if (opts.expires instanceof Date) opts.expires = opts.expires.getTime();
      } catch (e) {
        opts = {};
      }
      const p = orig.apply(this, arguments);
      const at = href();
      Promise.resolve(p).then(
        () => send({ api: "cookieStore.set", opts, href: at, stack: st, ok: true }),
        (e) => send({ api: "cookieStore.set", opts, href: at, stack: st, ok: false, error: String(e) }),
      );
      return p;
    };
  }

  // Web storage: the first localStorage or sessionStorage setItem of each
  // key, and the first indexedDB.open of each database, is reported with
  // the key (the database's name), the value, the frame's origin and the
  // stack: the first write says who set it, and a page may write a key in
  // a loop. Keys and values are cut as recorder_storage.go says. The
  // storage areas are told apart by the window's own getters, taken now:
  // the page cannot shadow them, and reading a storage can throw
  // (sandboxed frames).
  const apply = Reflect.apply;
  const getter = (name) => {
    try {
      for (let o = globalThis; o; o = Object.getPrototypeOf(o)) {
        const d = Object.getOwnPropertyDescriptor(o, name);
        if (d) return d.get || null;
      }
    } catch (e) {}
    return null;
  };
  const lsGet = getter("localStorage"), ssGet = getter("sessionStorage");
  const areaOf = (s) => {
    try { if (lsGet && apply(lsGet, globalThis, []) === s) return "localStorage"; } catch (e) {}
    try { if (ssGet && apply(ssGet, globalThis, []) === s) return "sessionStorage"; } catch (e) {}
    return "";
  };
  const origin = () => {
    try { return String(location.origin); } catch (e) { return ""; }
  };
  const text = (v, n) => {
    try { return typeof v === "string" ? v.slice(0, n) : String(v).slice(0, n); } catch (e) { return ""; }
  };
  const seen = Object.create(null);
  const wrap = (proto, fn, describe) => {
    try {
      const orig = proto && proto[fn];
      if (typeof orig !== "function") return;
      proto[fn] = function () {
        const r = apply(orig, this, arguments);
        try {
          const m = describe(this, arguments);
          const id = m && m.kind + "\n" + m.key;
          if (m && !seen[id]) {
            seen[id] = true;
            send({ api: "storage", kind: m.kind, key: m.key, value: m.value, origin: origin(), href: href(), stack: stack() });
          }
        } catch (e) {}
        return r;
      };
    } catch (e) {}
  };
  if (typeof Storage === "function") {
    wrap(Storage.prototype, "setItem", (s, a) => {
      const kind = areaOf(s);
      return kind && { kind, key: text(a[0], 1024), value: text(a[1], 4096) };
    });
  }
  if (typeof IDBFactory === "function") {
    wrap(IDBFactory.prototype, "open", (f, a) => ({ kind: "indexedDB", key: text(a[0], 1024) }));
  }

  // With --wait auto, timers due within the wait (__TIMER_LIMIT__ ms) are
  // reported, so that the page is watched until they have run: the time
  // the last one is due, at most once per 50ms. An interval is due again
  // after each of its runs, until it is cleared. A timeout of 50ms or more
  // is also followed until it has run or is cleared: a loaded machine runs
  // it late, and the page is not quiet before it ran. Each frame's hook
  // reports under an id of its own that its timeouts have all run ("idle").
  const limit = __TIMER_LIMIT__;
  if (limit > 0 && typeof globalThis.setTimeout === "function") {
    const now = Date.now.bind(Date);
    const origTimeout = globalThis.setTimeout, origInterval = globalThis.setInterval;
    const origClearTimeout = globalThis.clearTimeout, origClearInterval = globalThis.clearInterval;
    const of = Math.random().toString(36).slice(2);
    const waiting = new Set();
    let reported = 0;
    const due = (ms, follow) => {
      const d = Math.max(Number(ms) || 0, 0);
      if (d > limit) return false;
      const until = now() + d;
      if (until > reported + 50 || (follow && waiting.size === 0)) {
        reported = Math.max(reported, until);
        send({ api: "timer", until, of: follow ? of : "" });
      }
      return true;
    };
    const settle = (id) => {
      if (waiting.delete(id) && waiting.size === 0) send({ api: "timer", of, idle: true });
    };
    globalThis.setTimeout = function setTimeout(fn, ms) {
      const follow = typeof fn === "function" && Number(ms) >= 50;
      if (!due(ms, follow) || !follow) return origTimeout.apply(this, arguments);
      const args = Array.prototype.slice.call(arguments);
      let id;
      args[0] = function () {
        try {
          return fn.apply(this, arguments);
        } finally {
          settle(id);
        }
      };
      id = origTimeout.apply(this, args);
      waiting.add(id);
      return id;
    };
    globalThis.setInterval = function setInterval(fn, ms) {
      if (typeof fn !== "function" || !due(ms, false)) return origInterval.apply(this, arguments);
      const args = Array.prototype.slice.call(arguments);
      args[0] = function () {
        try {
          return fn.apply(this, arguments);
        } finally {
          due(ms, false);
        }
      };
      return origInterval.apply(this, args);
    };
    globalThis.clearTimeout = function clearTimeout(id) {
      settle(id);
      return origClearTimeout.apply(this, arguments);
    };
    globalThis.clearInterval = function clearInterval(id) {
      settle(id);
      return origClearInterval.apply(this, arguments);
    };
  }
})();
//# sourceURL=cookieaudit-hook.js
