function (mode, arg, rules, words, custom, ...closedRoots) {
  // Finds a consent banner in this document (open shadow roots, the closed
  // ones the crawler passes in, same-origin iframes) and, in the action
  // modes, acts on it. The crawler calls it in every frame of the page.
  //   mode "detect": what is shown (platform, first layer, second layer)
  //   mode "click", arg {platform, role}: clicks the first visible element
  //     of a role (accept, reject, settings, layer2Reject, save)
  //   mode "point", arg {platform, role}: where the mouse would click it
  //     (see pointAt), for a click the page takes for a person's
  //   mode "untick", arg {platform}: unticks every ticked optional purpose
  //   mode "tick", arg {platform}: ticks every optional purpose (an accept
  //     where the settings offer no "accept all"); both list the purposes
  //     they set in "toggled"
  //   mode "records": the cookies and storage entries this document sees
  // rules are crawler/cmps without their state expressions; words are
  // crawler/consent_words.json; custom is {accept, reject} selectors.
  // It returns a plain object and never throws.

  /*GENERIC*/

  // Texts compare without accents, and without the soft hyphens and
  // zero-width spaces that break long words for layout only
  // ("informasjons&shy;kapsler"); the zero-width joiner and non-joiner
  // are kept, as Persian and Indic words are spelt with them.
  const norm = (s) => String(s || "").normalize("NFD").replace(/\p{Mn}|[\u00ad\u200b\u2060\ufeff]/gu, "")
    .replace(/[\u2018\u2019`´]/g, "'").toLowerCase().replace(/\s+/g, " ")
    .replace(/^[\s>»›✓✔×✕+*\-–—:|\u2190-\u21ff\u2794-\u27bf\u25b6\u25b8\u25ba\u276f]+|[\s!.»›<✓✔×✕+*\-–—:|\u2190-\u21ff\u2794-\u27bf\u25b6\u25b8\u25ba\u276f]+$/g, "").trim();

  // An element is visible when it has a size, is not hidden by CSS, and
  // can be seen: not in a fixed box that is itself wholly out of the
  // window (a bar hidden by a transform that slides it below the window's
  // edge), nor placed above or left of the page's start, where no
  // scrolling reaches. A button below the window's edge in a tall fixed
  // panel that shows is still visible: the panel scrolls.
  const fixedBox = new Map();
  const fixedAncestor = (el) => {
    const path = [];
    let e = el, box = null;
    for (let i = 0; e && i < 40; i++) {
      if (fixedBox.has(e)) { box = fixedBox.get(e); break; }
      path.push(e);
      if ((e.ownerDocument.defaultView || window).getComputedStyle(e).position === "fixed") { box = e; break; }
      e = drawnParent(e);
    }
    for (const p of path) fixedBox.set(p, box);
    return box;
  };
  const outOfWindow = (r, w) => r.bottom <= 0 || r.right <= 0 || r.top >= w.innerHeight || r.left >= w.innerWidth;
  const visible = (el) => {
    try {
      if (!el || !el.isConnected) return false;
      if (typeof el.checkVisibility === "function" && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
      const r = el.getBoundingClientRect();
      if (!(r.width > 0 && r.height > 0)) return false;
      const w = el.ownerDocument.defaultView || window;
      if (r.bottom + w.scrollY <= 0 || r.right + w.scrollX <= 0) return false;
      if (!outOfWindow(r, w)) return true;
      const box = fixedAncestor(el);
      if (!box) return true;
      const b = box.getBoundingClientRect();
      return !(b.width > 0 && b.height > 0 && outOfWindow(b, w));
    } catch (e) { return false; }
  };

  // pointAt: where a visitor clicks el, in the top window's coordinates:
  // the middle of its box, when el (or what it holds) is what shows
  // there; null when something covers it, or a frame further up than el's
  // own is of another origin. Where el's own frame is of another origin
  // than its parent, the point is in that frame's coordinates (inFrame).
  const pointAt = (el) => {
    const r = el.getBoundingClientRect();
    let x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (!drawnAt(el, x, y)) return null;
    try {
      const own = el.ownerDocument.defaultView;
      for (let w = own; w && w !== w.top; w = w.parent) {
        const fe = w.frameElement;
        // A frame of another origin than its parent's: the crawler adds
        // where the parent draws the frame, which only it can see.
        if (!fe) return w === own ? { x, y, inFrame: true } : null;
        const b = fe.getBoundingClientRect();
        x += b.left + fe.clientLeft;
        y += b.top + fe.clientTop;
      }
    } catch (e) { return null; }
    return { x, y };
  };

  // roots: this document, its shadow roots (open ones found here, closed
  // ones given) and the documents of same-origin iframes.
  const roots = [];
  const seen = new Set();
  const addRoot = (root, depth) => {
    if (!root || seen.has(root) || depth > 8 || roots.length > 300) return;
    seen.add(root);
    roots.push(root);
    let all = [];
    try { all = root.querySelectorAll("*"); } catch (e) { return; }
    const n = Math.min(all.length, 20000);
    for (let i = 0; i < n; i++) {
      const el = all[i];
      if (el.shadowRoot) addRoot(el.shadowRoot, depth + 1);
      if (el.tagName === "IFRAME" || el.tagName === "FRAME") {
        try { if (el.contentDocument) addRoot(el.contentDocument, depth + 1); } catch (e) {}
      }
    }
  };
  addRoot(document, 0);
  for (const r of closedRoots) addRoot(r, 1);

  // The text of a node as it is shown, where a <slot> shows what its host
  // was given: a web component's <button><slot></slot></button> has no
  // text of its own, and neither innerText nor textContent sees its label.
  const slotted = (n) => {
    if (n.nodeType === 3) return n.data;
    if (n.nodeType !== 1 && n.nodeType !== 11) return "";
    let kids = n.childNodes;
    if (n.tagName === "SLOT") {
      const a = n.assignedNodes({ flatten: true });
      if (a.length) kids = a;
    }
    let s = "";
    for (const k of kids) s += slotted(k);
    return s;
  };
  // The text of an image that is a button: an <input type="image">'s or
  // an <img>'s alt, or the alt of the one image a link or button holds
  // ("<a><img alt="Accept cookies"></a>").
  const imageAlt = (el) => {
    if (el.matches && el.matches('input[type="image"], img')) return el.getAttribute("alt") || "";
    const imgs = el.querySelectorAll ? el.querySelectorAll('img[alt]:not([alt=""]), input[type="image"][alt]:not([alt=""])') : [];
    return imgs.length === 1 ? imgs[0].getAttribute("alt") : "";
  };
  // The text of the elements an element's aria-labelledby names.
  const labelledBy = (el) => {
    const ids = ((el.getAttribute && el.getAttribute("aria-labelledby")) || "").trim();
    if (!ids) return "";
    const root = el.getRootNode();
    if (typeof root.getElementById !== "function") return "";
    return ids.split(/\s+/).map((id) => { const n = root.getElementById(id); return n ? n.textContent : ""; }).join(" ").trim();
  };
  // A button's text; an icon-only button ("✓", "✕") is named by its
  // aria-label or title, or its image's alt text, as a screen reader names
  // it. An input is named by the elements that label it before its value:
  // a submit drawn as a transparent layer over a label of its own, whose
  // value is a code such as "all".
  const text = (el) => {
    let t = "";
    try {
      if (el.tagName === "INPUT") t = labelledBy(el);
      t = t || el.innerText || el.value || "";
      if (!/[\p{L}\p{N}]/u.test(t) && el.querySelector && el.querySelector("slot")) t = slotted(el);
      if (!/[\p{L}\p{N}]/u.test(t)) t = el.getAttribute("aria-label") || el.title || imageAlt(el) || t || el.textContent || "";
    } catch (e) {}
    return String(t);
  };
  const label = (el) => norm(text(el)).slice(0, 80);
  const shown = (el) => text(el).replace(/\s+/g, " ").trim().slice(0, 80);

  const langs = Object.values((words && words.languages) || {});
  const settingsWords = langs.flatMap((l) => l.settings || []);

  // A label that starts with a word for closing ("Close the cookie
  // preference manager", an icon named so) is neither a choice nor the
  // settings.
  const escapeRe = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const closeWords = langs.flatMap((l) => l.close || []).map(escapeRe);
  const CLOSE = closeWords.length ? new RegExp("^(?:" + closeWords.join("|") + ")(?![\\p{L}])", "u") : null;
  const closes = (t) => !!CLOSE && CLOSE.test(t);

  // "css :text(a|b)" matches the css elements whose label contains one of
  // the alternatives (never a label that closes something); "css
  // :role(reject)" those whose whole label is one of the words' labels for
  // that role, in any language (crawler/consent_words.json).
  let roleWords = null;
  const lw = () => (roleWords = roleWords || labelWords({ words, closes }));
  const parse = (sel) => {
    const m = /^(.*?)\s*:(text|role)\(([^)]*)\)\s*$/.exec(sel);
    if (!m) return { css: sel, test: null };
    if (m[2] === "role") {
      lw();
      const want = m[3].trim();
      return { css: m[1], test: (t) => roleWords.classify(roleWords.bare(t)) === want };
    }
    const texts = m[3].split("|").map(norm).filter(Boolean);
    return { css: m[1], test: (t) => !closes(t) && texts.some((x) => t.includes(x)) };
  };
  // A reject whose label names settings, options, preferences… opens them
  // instead; one that names a subscription or a sign-in (the words'
  // notConsent words: "Refuser et s'abonner", a consent-or-pay wall's way
  // out) is no free refusal. Neither is ever clicked as a reject.
  let paid;
  const notRefusal = (t) => {
    if (settingsWords.some((w) => t === w || (w.length > 4 && t.includes(w)))) return true;
    if (paid === undefined) paid = lw().wordsRe(lw().list("notConsent"), "", true);
    return !!paid && paid.test(t);
  };
  const queryAll = (sel) => {
    const { css, test } = parse(sel);
    const out = [];
    for (const r of roots) {
      let found = [];
      try { found = r.querySelectorAll(css); } catch (e) { continue; }
      for (const el of found) {
        if (test && !test(label(el))) continue;
        out.push(el);
      }
    }
    return out;
  };
  const present = (sels) => (sels || []).some((s) => queryAll(s).length > 0);
  // A disabled button stores nothing: a settings layer whose save stays
  // disabled until a purpose is agreed to (a consent-or-pay wall's) has no
  // way to save a refusal.
  const disabled = (el) => el.disabled === true || el.getAttribute("aria-disabled") === "true";
  // The first visible element the selectors find, enabled if asked. For
  // a role of "refusal", never one whose label names settings or a
  // subscription (notRefusal); for a "save", never one whose label reads
  // as an accept ("Agree to all" under a class the platform gives every
  // highlighted button), which would store the opposite of a refusal; for
  // a "close", neither.
  const acceptLabel = (t) => lw().classify(lw().bare(t)) === "accept";
  const firstVisible = (sels, role, enabled) => {
    for (const s of sels || []) {
      for (const el of queryAll(s)) {
        if (!visible(el) || (enabled && disabled(el))) continue;
        if ((role === "refusal" || role === "close") && notRefusal(label(el))) continue;
        // No save, close, settings or refusal of a rule is an accept by its
        // label ("Accept all cookies" among a bar's buttons of one class).
        if (role && role !== "accept" && acceptLabel(label(el))) continue;
        return { el, sel: s };
      }
    }
    return null;
  };
  const toggles = (sels) => {
    const out = [];
    for (const s of sels || []) {
      for (const el of queryAll(s)) {
        if (out.includes(el)) continue;
        if (disabled(el)) continue;
        out.push(el);
      }
    }
    return out;
  };
  // A purpose chosen with a <select> ("Allow" | "Deny"): ticked unless
  // its "off" option is the one selected.
  const ticked = (el) => {
    if (el.tagName === "SELECT") { const off = selectOff(el); return !!off && !off.selected; }
    return el.checked === true || el.getAttribute("aria-checked") === "true" || el.getAttribute("aria-pressed") === "true";
  };
  // A purpose chosen with a pair of options (radios or pressed buttons: "Off" | "On",
  // "Disagree" | "Agree"): the "off" option is not a purpose, and a
  // purpose is refused by picking it.
  const offWords = new Set(langs.flatMap((l) => l.off || []));
  const OPTION = 'input[type="radio"], [role="radio"], button[aria-pressed]';
  const isOption = (el) => !!el.matches && el.matches(OPTION);
  const optionLabel = (el) => label(el.labels && el.labels[0] || el).trim();
  // A pressed button whose label flips ("On" | "Off"), one per purpose,
  // is the purpose's toggle, whatever it reads: it has no partner.
  const offOption = (el) => {
    if (!isOption(el)) return false;
    const t = optionLabel(el);
    return (offWords.has(t) || negatedOption(el, t) || ledByOff(el, t)) && !(el.matches("button[aria-pressed]") && optionGroup(el).length !== 1);
  };
  // One of a pair of options whose label starts with an "off" word and
  // then says more ("Deny them: only what the site needs"), where the
  // other's does not ("Allow measurement cookies"): the pair's refusal.
  const ledByOff = (el, t) => {
    const first = (x) => x.split(/[\s,:;.!—–-]+/)[0];
    if (!offWords.has(first(t)) || !el.matches('input[type="radio"], [role="radio"]')) return false;
    const others = optionGroup(el);
    return others.length === 1 && !offWords.has(first(optionLabel(others[0])));
  };
  // An option labelled by an "off" word before what another option of
  // its group allows ("Do not allow personalised ads" beside "Allow
  // personalised ads", "Don't allow X" beside "Allow X"): the pair's
  // refusal, however long the labels.
  const negatedOption = (el, t) => {
    const group = el.closest('[role="radiogroup"], fieldset') || (el.parentElement && el.parentElement.parentElement);
    if (!group || t.length > 200) return false;
    for (const w of offWords) {
      if (!t.startsWith(w + " ")) continue;
      const rest = t.slice(w.length + 1);
      for (const o of group.querySelectorAll(OPTION)) {
        if (o === el) continue;
        const q = optionLabel(o);
        if (q && q.length < t.length && (q === rest || q.endsWith(" " + rest))) return true;
      }
    }
    return false;
  };
  // The "off" option of a <select> that chooses a purpose: one option of
  // two to four reads as "off" or as a refusal ("Deny", "Neka"), and
  // another is there to allow it; null for any other <select>.
  const refuseWords = new Set(langs.flatMap((l) => l.reject || []));
  const selectOff = (el) => {
    if (!el || el.tagName !== "SELECT" || el.multiple || el.options.length < 2 || el.options.length > 4) return null;
    const opts = [...el.options].filter((o) => !o.disabled);
    const off = opts.filter((o) => { const t = norm(o.textContent).trim(); return offWords.has(t) || refuseWords.has(t); });
    return off.length === 1 && opts.length >= 2 ? off[0] : null;
  };
  // The other options of an option's group: those of the nearest
  // ancestor (of three) that holds any.
  const optionGroup = (el) => {
    for (let g = el.closest('[role="radiogroup"]') || el.parentElement, up = 0; g && up < 3; g = g.parentElement, up++) {
      const others = [...g.querySelectorAll(OPTION)].filter((o) => o !== el && !o.contains(el) && !el.contains(o));
      if (others.length > 0) return others;
    }
    return [];
  };
  // An option's "off" partner is the one other option of its group: a
  // group of more spans several purposes (a toggle button per purpose).
  const offPartner = (el) => {
    const others = optionGroup(el);
    return others.length === 1 && offOption(others[0]) ? others[0] : null;
  };

  // watchChanges starts watching the document (and the shadow root el is
  // in) for what a click does at once; the function it returns reports
  // whether anything changed, and stops watching.
  const watchChanges = (el) => {
    const opts = { subtree: true, childList: true, attributes: true, characterData: true };
    const mos = [];
    try {
      for (const root of new Set([document, el.getRootNode()])) {
        const mo = new MutationObserver(() => {});
        mo.observe(root, opts);
        mos.push(mo);
      }
    } catch (e) {}
    const store = () => { try { return document.cookie + "\u0000" + localStorage.length + "\u0000" + sessionStorage.length; } catch (e) { return document.cookie; } };
    const before = store();
    return () => {
      let changed = store() !== before;
      for (const mo of mos) { changed = mo.takeRecords().length > 0 || changed; mo.disconnect(); }
      return changed;
    };
  };
  // press sends a mouse press and release to el (pointer and mouse
  // events at its middle), without another click.
  const press = (el) => {
    try {
      const r = el.getBoundingClientRect();
      const at = { bubbles: true, cancelable: true, composed: true, view: window, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, button: 0 };
      const ptr = { pointerId: 1, pointerType: "mouse", isPrimary: true };
      el.dispatchEvent(new PointerEvent("pointerdown", { ...at, ...ptr, buttons: 1 }));
      el.dispatchEvent(new MouseEvent("mousedown", { ...at, buttons: 1 }));
      el.dispatchEvent(new PointerEvent("pointerup", { ...at, ...ptr, buttons: 0 }));
      el.dispatchEvent(new MouseEvent("mouseup", { ...at, buttons: 0 }));
    } catch (e) {}
  };

  // A rule's view of this document.
  // How specific the rule's match is: an id or attribute of the
  // platform's own beats a class several platforms share.
  const specificity = (sels) => {
    let best = -1;
    for (const s of sels || []) {
      if (queryAll(s).length === 0) continue;
      best = Math.max(best, s.includes("#") ? 2 : s.includes("[") ? 1 : 0);
    }
    return best;
  };
  const look = (rule, layer2) => {
    const spec = specificity(rule.detect);
    // A settings panel that replaced the first layer still names its
    // platform.
    if (spec < 0 && !firstVisible(rule.shown) && !(layer2 && firstVisible(rule.layer2))) return null;
    const v = {
      platform: rule.name, title: rule.title || "",
      first: firstVisible(rule.shown),
      layer2: firstVisible(rule.layer2),
      accept: firstVisible(rule.accept),
      reject: firstVisible(rule.reject, "refusal"),
      close: firstVisible(rule.close, "close"),
      settings: firstVisible(rule.settings, "settings"),
      layer2Reject: firstVisible(rule.layer2Reject, "refusal", true),
      save: firstVisible(rule.save, "save", true),
      confirm: firstVisible(rule.confirm),
      purposes: toggles(rule.purposes),
    };
    // A save button disabled until every purpose is answered (Allow |
    // Disallow with neither picked) is there once the purposes are set.
    v.saveLater = !v.save && v.purposes.length ? firstVisible(rule.save, "save") : null;
    // Without the platform's own markup, a shown container alone is not
    // its banner: a button of it must be there too.
    if (spec < 0 && !v.accept && !v.reject && !v.settings && !(layer2 && v.layer2)) return null;
    const shownScore = (v.first ? 4 : 0) + (v.layer2 ? 4 : 0) + (v.accept ? 2 : 0) + (v.reject ? 1 : 0) + (v.settings ? 1 : 0);
    v.score = shownScore > 0 ? shownScore * 4 + Math.max(spec, 0) : 0;
    return v;
  };

  const wrap = (el) => (el ? { el, sel: "text=" + label(el) } : null);
  const generic = (layer2) => {
    let g = null;
    try { g = genericBanner({ roots, visible, label, norm, words, layer2, offOption, offPartner, selectOff, closes, flat: slotted }); } catch (e) { g = null; }
    if (!g) return null;
    return {
      platform: "generic", title: "",
      first: g.container ? { el: g.container, sel: "" } : null,
      layer2: layer2 && g.container ? { el: g.container, sel: "" } : null,
      accept: wrap(g.accept),
      reject: g.reject && !notRefusal(label(g.reject)) ? wrap(g.reject) : null,
      settings: wrap(g.settings),
      layer2Reject: layer2 && g.reject && !notRefusal(label(g.reject)) ? wrap(g.reject) : null,
      save: g.save && !disabled(g.save) ? wrap(g.save) : null,
      saveLater: g.save && disabled(g.save) && (g.purposes || []).some((el) => !el.disabled) ? wrap(g.save) : null,
      purposes: (g.purposes || []).filter((el) => !el.disabled),
      next: layer2 ? wrap(g.next) : null,
      score: 1,
    };
  };

  // A platform's banner whose rule misses a button (its markup differs
  // from the rule's, in a configuration or a version the rule does not
  // know) is read by its texts too: an accept, a reject, a settings or a
  // save button the texts find in the same banner fills the role the rule
  // left empty.
  const withWords = (v, layer2) => {
    // A first layer that shows the rule's settings, their purposes and
    // their save (EU Cookie Compliance's categories beside its message)
    // has its settings open: no other button opens them ("More info"
    // leads to the policy).
    const open = !layer2 && v.layer2 && v.save && v.purposes.length;
    const missing = !layer2 ? ["accept", "reject", "settings"].filter((r) => !v[r] && (r !== "settings" || !v.reject && !open))
      : ["layer2Reject", "save"].filter((r) => !v[r] && (r === "layer2Reject" || !v.layer2Reject || v.purposes.length));
    // A second layer whose save button the rule knows is one it knows:
    // where its purposes find none, there are none to set.
    const purposes = layer2 && !v.purposes.length && !v.save;
    if (!missing.length && !purposes) return v;
    let anchor = (layer2 && v.layer2 && v.layer2.el) || (v.first && v.first.el) || (v.accept && v.accept.el);
    // A site's own first layer drawn in the platform's settings container
    // (a template of its own in Tealium's #__tealiumGDPRcpPrefs), with no
    // first layer the rule knows and none of the settings' own controls:
    // that container is the first layer, read by its texts. (Settings the
    // rule knows, still shown after a choice, are no first layer.)
    const asFirst = !anchor && !layer2 && !v.first && v.layer2 && !v.layer2Reject && !v.save && !v.saveLater && !v.purposes.length;
    if (asFirst) anchor = v.layer2.el;
    // A second layer the rule does not know at all (the settings just
    // opened drew a panel of their own markup, apart from the banner) is
    // whatever settings dialog the texts find.
    const anywhere = layer2 && !v.layer2;
    if (!anchor && !anywhere) return v;
    const g = generic(layer2);
    const box = g && g.first && g.first.el;
    if (!box || !(anywhere || box.contains(anchor) || anchor.contains(box))) return v;
    if (anywhere) v.layer2 = g.layer2;
    for (const role of missing) {
      if (g[role]) v[role] = g[role];
    }
    if (purposes) v.purposes = g.purposes;
    if (layer2 && !v.save && !v.saveLater && g.saveLater && v.purposes.length) v.saveLater = g.saveLater;
    if (asFirst && (v.accept || v.reject)) {
      v.first = v.layer2;
      v.layer2 = null;
    }
    return v;
  };

  const find = (only, layer2) => {
    if (custom && (custom.accept || custom.reject) && (!only || only === "custom")) {
      const a = custom.accept ? firstVisible([custom.accept]) : null;
      const r = custom.reject ? firstVisible([custom.reject]) : null;
      if (a || r) return { platform: "custom", title: "", first: a || r, layer2: null, accept: a, reject: r, settings: null, layer2Reject: null, save: null, purposes: [], score: 8 };
    }
    let best = null;
    let named = null; // a platform present but not recognised as shown
    for (const rule of rules) {
      if (only && rule.name !== only) continue;
      const v = look(rule, layer2);
      if (!v) continue;
      if (v.score > 0 && (!best || v.score > best.score)) best = v;
      if (!named) named = v;
    }
    if (best) return withWords(best, layer2);
    // A named platform's settings may open in a frame of their own that
    // holds none of its banner's markup (Commanders Act's privacy centre,
    // a cross-site iframe): there the second layer is read by its texts.
    if (only && only !== "generic" && !named && !layer2) return null;
    const g = generic(layer2);
    const rule = named || (only && only !== "generic" ? rules.find((r) => r.name === only) : null);
    if (g && rule) {
      // The platform's script is there, its banner was found by its texts.
      g.platform = rule.platform || rule.name;
      g.title = rule.title || "";
    }
    return g;
  };

  // lockedPurposes: the names of the purposes a banner holds as required,
  // shown or not: a check box ticked and disabled gives its id, its value
  // (not a bare "on") and its name when no box that can be unticked shares
  // it. A record written with such a purpose on says nothing of the
  // visitor's choice (see withoutLocked in consent_record_locked.go).
  const lockedPurposes = () => {
    const locked = new Set(), names = new Set(), open = new Set();
    for (const root of roots) {
      let boxes = [];
      try { boxes = root.querySelectorAll('input[type="checkbox"]'); } catch (e) { continue; }
      for (const el of boxes) {
        if (!(el.checked && el.disabled)) {
          if (el.name) open.add(el.name);
          continue;
        }
        if (el.id) locked.add(el.id);
        if (el.value && !/^(on|true|1|yes)$/i.test(el.value)) locked.add(el.value);
        // A data attribute that names the box's purpose (the Helsinki
        // design system's data-group="admin" beside id "admin-cookies").
        for (const [k, v] of Object.entries(el.dataset || {})) {
          if (/group|categor|purpose|consent|type|name|key/i.test(k) && /^[\w-]{2,40}$/.test(v)) locked.add(v);
        }
        if (el.name) names.add(el.name);
      }
    }
    for (const n of names) if (!open.has(n)) locked.add(n);
    return [...locked].slice(0, 50);
  };

  const btn = (m) => (m ? { selector: m.sel, label: shown(m.el) } : null);
  const out = { url: String(location.href), platform: "", title: "", banner: false, layer2: false };

  try {
    if (mode === "records") {
      // A record is read whole or not at all: a list of purposes written
      // out in JSON and URL-encoded passes 500 characters with four.
      const MAX = 2000;
      const rec = {};
      for (const part of String(document.cookie || "").split(";")) {
        const i = part.indexOf("=");
        if (i > 0 && Object.keys(rec).length < 300) rec["cookie:" + part.slice(0, i).trim()] = part.slice(i + 1).trim().slice(0, MAX);
      }
      for (const store of ["localStorage", "sessionStorage"]) {
        try {
          const s = window[store];
          for (let i = 0; i < s.length && i < 300; i++) {
            const k = s.key(i);
            rec[store + ":" + k] = String(s.getItem(k) || "").slice(0, MAX);
          }
        } catch (e) {}
      }
      out.records = rec;
      out.locked = lockedPurposes();
      return out;
    }

    const f = find(arg && arg.platform, !!(arg && arg.layer2));
    if (!f) return out;
    out.platform = f.platform;
    out.title = f.title;
    out.banner = !!(f.first || f.layer2 || f.accept || f.reject);
    out.layer2 = !!f.layer2;
    out.accept = btn(f.accept);
    out.reject = btn(f.reject);
    out.close = btn(f.close);
    out.settings = btn(f.settings);
    out.layer2Reject = btn(f.layer2Reject);
    out.save = btn(f.save);
    out.saveLater = btn(f.saveLater);
    out.confirm = btn(f.confirm);
    out.next = btn(f.next);
    out.purposes = { total: f.purposes.length, ticked: f.purposes.filter(ticked).length };

    if (mode === "click" || mode === "point") {
      const target = f[arg.role];
      if (!target) { out.error = "no " + arg.role + " button is shown"; return out; }
      try { target.el.scrollIntoView({ block: "center" }); } catch (e) {}
      if (mode === "point") {
        out.point = pointAt(target.el);
        out.clickedLabel = shown(target.el);
        return out;
      }
      // A button that nothing answers on click (no change to the page,
      // its cookies or its storage while the click ran) is pressed too:
      // touch-first kits act on pointerdown and swallow the click.
      const el0 = target.el;
      // (Its label before the click: a click may take it out of the page.)
      out.clickedLabel = shown(el0);
      const seen = watchChanges(el0);
      el0.click();
      if (!seen()) press(el0);
      out.clicked = true;
      // An option rather than a button: a radio or a check box (or its
      // label, or the box around one option's radio), which selects a
      // choice that a save button then stores.
      const el = target.el;
      const opt = (e) => !!e && e.matches && e.matches("input[type=radio], input[type=checkbox], [role=radio]");
      const radios = el.querySelectorAll ? el.querySelectorAll("input[type=radio], [role=radio]") : [];
      out.selects = opt(el) || (el.matches && el.matches("label") && (opt(el.control) || opt(el.querySelector("input[type=radio], input[type=checkbox]")))) ||
        (radios.length === 1 && !el.matches("button, a, input, select"));
    } else if (mode === "tick" || mode === "untick") {
      // Every optional purpose set one way: each toggle clicked (an
      // option's "off" partner to untick it), then forced with input and
      // change events where a click alone did not take.
      const on = mode === "tick";
      out.toggled = [];
      const toggled = (el) => out.toggled.push(shown(el.closest("label") || el.parentElement || el) || "purpose");
      for (const el of f.purposes) {
        // A <select> is set to its "off" option, or to the first other.
        const offOpt = selectOff(el);
        if (offOpt) {
          if (offOpt.selected !== on) continue; // already set this way
          const pickOpt = on ? [...el.options].find((o) => o !== offOpt && !o.disabled) : offOpt;
          el.value = pickOpt.value;
          pickOpt.selected = true;
          el.dispatchEvent(new Event("input", { bubbles: true }));
          el.dispatchEvent(new Event("change", { bubbles: true }));
          toggled(el);
          continue;
        }
        // Of a pair of options with neither picked ("Allow" | "Disallow"),
        // the refusal picks the "off" one.
        const off = !on && isOption(el) ? offPartner(el) : null;
        if (off && !ticked(el)) {
          if (!ticked(off)) {
            try { off.click(); } catch (e) {}
            toggled(off);
          }
          continue;
        }
        if (ticked(el) === on) continue;
        try { (off || el).click(); } catch (e) {}
        if (ticked(el) !== on && "checked" in el && !isOption(el)) {
          el.checked = on;
          el.dispatchEvent(new Event("input", { bubbles: true }));
          el.dispatchEvent(new Event("change", { bubbles: true }));
        }
        toggled(el);
      }
    }
  } catch (e) {
    out.error = String(e && e.message || e);
  }
  return out;
}
