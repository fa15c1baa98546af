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

  // With --wait auto, timers due within the wait (__TIMER_LIMIT__ ms) are
  // reported, so that the page is watched until they have run: the time
  // the last one is due, at most once per 50ms. An interval is due again
  // after each of its runs, until it is cleared.
  const limit = __TIMER_LIMIT__;
  if (limit > 0 && typeof globalThis.setTimeout === "function") {
    const now = Date.now.bind(Date);
    const origTimeout = globalThis.setTimeout, origInterval = globalThis.setInterval;
    let reported = 0;
    const due = (ms) => {
      const d = Math.max(Number(ms) || 0, 0);
      if (d > limit) return false;
      const until = now() + d;
      if (until > reported + 50) {
        reported = until;
        send({ api: "timer", until });
      }
      return true;
    };
    globalThis.setTimeout = function setTimeout(fn, ms) {
      due(ms);
      return origTimeout.apply(this, arguments);
    };
    globalThis.setInterval = function setInterval(fn, ms) {
      if (typeof fn !== "function" || !due(ms)) return origInterval.apply(this, arguments);
      const args = Array.prototype.slice.call(arguments);
      args[0] = function () {
        try {
          return fn.apply(this, arguments);
        } finally {
          due(ms);
        }
      };
      return origInterval.apply(this, args);
    };
  }
})();
//# sourceURL=cookieaudit-hook.js
