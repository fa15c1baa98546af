// drawnParent is a node's parent in the tree as it is drawn: a slotted
// element's is its slot (a web component's buttons given from outside
// it), a shadow root's child's is the root's host.
function drawnParent(n) {
  return n.assignedSlot || n.parentElement || (n.parentNode && n.parentNode.host) || null;
}

// drawnAt reports whether what the page draws at (x, y), in el's window,
// is el or inside it: nothing (a backdrop, a dialog) covers it there.
function drawnAt(el, x, y) {
  let hit = el.ownerDocument.elementFromPoint(x, y);
  for (let i = 0; hit && hit.shadowRoot && i < 10; i++) {
    const h = hit.shadowRoot.elementFromPoint(x, y);
    if (!h || h === hit) break;
    hit = h;
  }
  for (let n = hit, i = 0; n && i < 60; i++, n = drawnParent(n)) {
    if (n === el) return true;
  }
  return false;
}

// labelWords reads the buttons' words (crawler/consent_words.json) for
// both the generic finder and the rules' ":role(…)" selectors. env: {
// words, closes(label) }. It returns classify(label): "accept", "reject",
// "settings", "save" or "", and the helpers the finder shares.
function labelWords(env) {
  const langs = Object.values((env.words && env.words.languages) || {});
  const list = (k) => langs.flatMap((l) => l[k] || []);
  const ACCEPT = new Set(list("accept"));
  const REJECT = new Set(list("reject"));
  const SETTINGS = new Set(list("settings"));
  const SAVE = new Set(list("save"));
  // Scripts written without spaces between words (CJK, and Thai): their
  // words are found anywhere in a text.
  const CJK = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
  const esc = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // A word list as a regular expression: words match at the start of a
  // word ("cookie" finds "cookies") or, whole, as whole words; CJK words
  // anywhere.
  const wordsRe = (ws, flags, whole) => {
    const latin = ws.filter((w) => !CJK.test(w)).map(esc);
    const cjk = ws.filter((w) => CJK.test(w)).map(esc);
    const parts = [];
    // A latin word in CJK text ("当サイトではCookieを使用") has CJK letters
    // for its boundaries.
    const cjkChar = CJK.source.slice(1, -1); // CJK's ranges, without its brackets
    if (latin.length) parts.push("(?:^|[^\\p{L}\\p{N}]|[" + cjkChar + "])(?:" + latin.join("|") + ")" + (whole ? "(?!(?![" + cjkChar + "])[\\p{L}\\p{N}])" : ""));
    if (cjk.length) parts.push("(?:" + cjk.join("|") + ")");
    return parts.length ? new RegExp(parts.join("|"), "u" + (flags || "")) : null;
  };

  // Words of a settings button (each language's settingsStrong and
  // settingsWeak): a label made of them opens the settings and is never an
  // accept or a reject. Strong ones say settings outright ("Manage
  // settings"); weak ones ("Learn more", "Details") make a weaker settings
  // button, clicked only when no strong one is shown.
  const STRONG = new Set(list("settingsStrong"));
  const WEAK = new Set(list("settingsWeak"));
  // A settings label of one word is a strong one unless it is a weak word
  // (or, in CJK text, holds one: "了解更多").
  const holdsWeak = (w) => CJK.test(w) && [...WEAK].some((x) => CJK.test(x) && w.includes(x));
  for (const w of SETTINGS) if (!/\s/.test(w) && !WEAK.has(w) && !holdsWeak(w)) STRONG.add(w);
  const tokens = (t) => t.split(/[\s,;:/&()'"-]+/).filter(Boolean);
  const settingsRank = (t) => {
    if (CJK.test(t)) {
      for (const w of STRONG) if (CJK.test(w) && t.includes(w)) return 2;
      for (const w of WEAK) if (CJK.test(w) && t.includes(w)) return 1;
      return SETTINGS.has(t) ? 1 : 0;
    }
    const ts = tokens(t);
    if (ts.some((w) => STRONG.has(w))) return 2;
    if (ts.some((w) => WEAK.has(w))) return 1;
    return SETTINGS.has(t) ? 1 : 0;
  };
  // Words that call the cookies optional ("additional", "analytics"): a
  // label means the same without them ("Accept additional cookies",
  // "Reject analytics cookies").
  const OPTIONAL = wordsRe(list("optional"), "g", true);
  // A label may answer first: a word of a language's yes or no list, a
  // comma or a stop, then the choice. answer(k) finds that start (it
  // never matches when no language has words for k).
  const answer = (k) => {
    const ws = list(k);
    return new RegExp(ws.length ? "^(?:" + ws.map(esc).join("|") + ")[,!.،]?\\s+(?=\\S)" : "(?!)", "u");
  };
  const YES = answer("yes");
  // A refusal that says "no" before it ("No, only necessary cookies",
  // "Nein, nur notwendige"): the refusal (only a refusal: "No, accept
  // all" says nothing).
  const NO = answer("no");
  // The words that ask politely, at a label's start or end.
  const POLITE = /^(?:please|bitte)\s+|[,\s]+(?:please|bitte|por favor|per favore|s'il vous plait|alstublieft|prosze|prosim)$/u;
  // A label and its close variants: without a trailing "(recommended)",
  // "&" or "+" for "and", without the words that call the cookies
  // optional, without a trailing "cookies" or "please", a Japanese
  // choice without what it joins.
  const variants = (t) => {
    const out = [t];
    const add = (x) => { x = x.replace(/\s+/g, " ").trim(); if (x && !out.includes(x)) out.push(x); };
    add(t.replace(/\s*\([^)]*\)?$/, ""));
    // A choice that closes the notice too, said after it ("Allow all
    // cookies and close", "Accepter et fermer"): the choice.
    {
      const m = /^(\S.*?)\s+(?:\S{1,3}\s+)?(\S+)$/u.exec(t);
      if (m && env.closes && env.closes(m[2]) && !env.closes(m[1])) add(m[1]);
    }
    // A confirmation that says "yes" before its choice ("Yes, reject
    // all", "Ja, ablehnen"): the choice.
    add(t.replace(YES, ""));
    for (const x of out.slice()) add(x.replace(/\s+[&+]\s+/g, " and "));
    if (OPTIONAL) for (const x of out.slice()) add(x.replace(OPTIONAL, (m) => (/^[^\p{L}\p{N}]/u.test(m) ? m[0] : "")));
    for (const x of out.slice()) add(x.replace(/\s+(cookies?|kakor|evasteet|informasjonskapsler|ciasteczka)$/, ""));
    // A label that asks politely ("Only essential cookies, please",
    // "Nur notwendige, bitte"): the same without the asking.
    for (const x of out.slice()) add(x.replace(POLITE, ""));
    // Japanese joins a choice and what follows it ("同意して閉じる", agree
    // and close; "拒否して進む", refuse and go on): the choice alone.
    for (const x of out.slice()) add(x.replace(/して(?:閉しる|続ける|進む)$/u, "する"));
    return out;
  };
  // The ways a refusal goes on: of every refusal of three words or more
  // whose first word alone is no label of any role ("continue without
  // accepting", "weiter ohne Zustimmung"), what follows that word.
  let tails = null;
  const refusalTails = () => {
    if (tails) return tails;
    tails = new Set();
    const role = (w) => ACCEPT.has(w) || REJECT.has(w) || SETTINGS.has(w) || SAVE.has(w);
    for (const w of REJECT) {
      const i = w.indexOf(" ");
      if (i > 0 && w.indexOf(" ", i + 1) > 0 && !role(w.slice(0, i))) tails.add(w.slice(i + 1));
    }
    return tails;
  };
  const classify = (t) => {
    if (!t || t.length > 60) return "";
    if (env.closes && env.closes(t)) {
      // A close named for what it does beside closing ("Chiudi e continua
      // senza accettare", the corner X Italian sites must offer) is a
      // refusal when the rest, after a short joining word, is one.
      // So is one whose rest is how a refusal goes on ("Chiudi senza
      // accettare", close without accepting, as "continua senza
      // accettare" is a refusal). One whose rest is an accept ("Close and
      // accept cookies", an X named so) is that accept.
      const m = /^\S+\s+(?:\S{1,3}\s+)?(\S.*)$/u.exec(t);
      if (!m || env.closes(m[1])) return "";
      const rest = classify(m[1]);
      return rest === "reject" || refusalTails().has(m[1]) ? "reject" : rest === "accept" ? "accept" : "";
    }
    const st = settingsRank(t);
    for (const v of variants(t)) {
      if (SAVE.has(v)) return "save";
      if (REJECT.has(v) || ACCEPT.has(v)) return st ? "settings" : REJECT.has(v) ? "reject" : "accept";
    }
    if (SETTINGS.has(t) || (st === 2 && tokens(t).length <= 5)) return "settings";
    const rest = t.replace(NO, "");
    if (rest !== t && classify(rest) === "reject") return "reject";
    // An accept of what a refusal keeps ("Accetta solo cookie
    // necessari", "Nur notwendige akzeptieren"): a word that alone is an
    // accept, before or after a refusal, is the refusal.
    const i = t.indexOf(" "), j = t.lastIndexOf(" ");
    if (i > 0 && ACCEPT.has(t.slice(0, i)) && classify(t.slice(i + 1)) === "reject") return "reject";
    if (j > 0 && ACCEPT.has(t.slice(j + 1)) && classify(t.slice(0, j)) === "reject") return "reject";
    // An acknowledgement before an accept ("Got it, accept", "OK, accept
    // all"): the accept.
    const k = t.indexOf(", ");
    if (k > 0 && ACCEPT.has(t.slice(0, k)) && classify(t.slice(k + 2)) === "accept") return "accept";
    return "";
  };
  // A label without whatever arrows or marks surround it.
  const bare = (t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  // The labels of a step-by-step dialog's "Next" button: no choice, a
  // step towards the purposes to answer.
  const NEXT = new Set(list("next"));
  return { list, CJK, esc, wordsRe, settingsRank, classify, bare, NEXT };
}

// genericBanner finds a consent banner of no known platform by the texts of
// its buttons (crawler/consent_words.json). env: { roots, visible(el),
// label(el), norm(s), words, layer2, offOption(el) (the "off" option of a
// pair), offPartner(el) (an option's "off" partner, or null), selectOff(el)
// (the "off" option of a <select> that chooses a purpose, or null),
// closes(label) (a label that closes something), flat(node) (its
// text with what its <slot>s show) }. It returns null, or { container,
// accept, reject, settings, save, purposes }. It never clicks and never
// changes the page; its work is bounded on big pages.
//
// A button counts when its whole label is one of the words' labels. A
// label that names settings, options, preferences… is never an accept or
// a reject. The buttons' container (their nearest dialog- or banner-like
// ancestor) must read as a consent notice (consent words) and must not be
// a newsletter, login, age-gate or paywall modal. With env.layer2 (the
// settings were just opened), the dialog with "reject all" or "save" and
// the purpose toggles is what counts.
function genericBanner(env) {
  const norm = env.norm;
  const { list, CJK, esc, wordsRe, settingsRank, classify, bare, NEXT } = labelWords(env);
  const CONSENT = wordsRe(list("consent"), "g");
  const NOT = wordsRe(list("notConsent"), "g", true);
  // An age gate: "over 18", "18+", "18 years"… in the supported languages.
  const AGE = /(?:^|[^0-9])(?:18|21)\s*\+|(?:over|above|at least|older than|mindestens|uber|ab|plus de|mas de|piu di|maior de|mayor de|powyzej|yli|nad|peste|ustu|ανω των)\s*(?:18|21)(?![0-9])|(?:^|[^0-9])(?:18|21)\s*(?:or older|or over|years?|yrs|jahre|ans|anos|anni|jaar|ar|vuotta|let|lat|ani|ev|yas|yasindan|ετων|歳)(?![\p{L}])|age verification|verify your age|date of birth|are you of legal/u;

  const BUTTONS = 'button, a, summary, [role="button"], [role="link"], input[type="button"], input[type="submit"], input[type="image"]';
  const LOOSE = '[onclick], [tabindex]:not([tabindex="-1"]), [class*="btn" i], [class*="button" i]';
  const HOT = '[role="dialog"], [role="alertdialog"], [aria-modal="true"], dialog, [id*="cookie" i], [class*="cookie" i], ' +
    '[id*="consent" i], [class*="consent" i], [id*="gdpr" i], [class*="gdpr" i], [id*="privacy" i], [class*="privacy" i]';
  const native = (el) => el.matches(BUTTONS);
  // A bare "Yes" or "No" ("Ja", "Nei") answers a question; it is an
  // accept or a refusal only in a notice that asks one about cookies
  // (see asksConsent), never in settings.
  const YES_WORDS = new Set(list("yes")), NO_WORDS = new Set(list("no"));
  const answerRole = (t) => (env.layer2 ? "" : YES_WORDS.has(t) ? "yes" : NO_WORDS.has(t) ? "no" : "");
  // A button's label, with whatever arrows or marks surround it trimmed.
  const lab = (el) => bare(env.label(el));
  const up = drawnParent;
  // An element's id and class, and a custom element's name
  // (<site-cookie-banner>), as markup that may say what it is.
  const marks = (n) => {
    const cls = typeof n.className === "string" ? n.className : (n.getAttribute && n.getAttribute("class")) || "";
    const tag = n.tagName && n.tagName.includes("-") ? n.tagName : "";
    return (n.id || "") + " " + cls + " " + tag;
  };

  // Candidate buttons: first those inside likely banners, then shadow
  // roots and frames, then each document from both ends (banners come
  // first or last in a page). Every stage is capped.
  const MAX_SEEN = 3000, MAX_SHOWN = 1000, MAX_LABELLED = 600, MAX_ROOT = 600, MAX_TEXTS = 4000;
  let seen = 0, shown = 0, labelled = 0;
  const done = new Set();
  const found = []; // { el, role, t }
  // A label that a control names as its own (aria-labelledby) is that
  // control's, which is what is clicked: a transparent submit laid over
  // its label.
  const labelsControl = (el) => {
    if (native(el) || !el.id) return false;
    try {
      const c = el.getRootNode().querySelector('[aria-labelledby~="' + CSS.escape(el.id) + '"]');
      return !!c && c !== el && native(c) && (env.visible(c) || overLabel(c));
    } catch (e) { return false; }
  };
  // A control drawn fully transparent (opacity 0) over a label it names
  // with aria-labelledby (Amazon's a-button: an input laid over the span
  // that shows its text) is what a visitor sees as the label, and what
  // the click on it reaches.
  const overLabel = (c) => {
    try {
      const ids = (c.getAttribute("aria-labelledby") || "").trim();
      const root = c.getRootNode();
      if (!ids || typeof root.getElementById !== "function" || !c.isConnected) return false;
      const r = c.getBoundingClientRect();
      if (!(r.width > 0 && r.height > 0)) return false;
      return ids.split(/\s+/).some((id) => {
        const l = root.getElementById(id);
        if (!l || l === c || !env.visible(l)) return false;
        const b = l.getBoundingClientRect();
        const x = b.left + b.width / 2, y = b.top + b.height / 2;
        return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      });
    } catch (e) { return false; }
  };
  const consider = (el) => {
    if (done.has(el)) return;
    done.add(el);
    seen++;
    let raw = el.textContent || el.value || el.getAttribute("aria-label") || "";
    if (!raw.trim() && el.querySelector("slot")) raw = env.label(el); // a web component's button
    if (!raw.trim()) raw = env.label(el); // an image button, or a link around an image: its alt text
    if (raw.length > 200 || (!raw.trim() && !el.getAttribute("aria-label") && !el.value)) return;
    if (!native(el) && el.querySelector(BUTTONS)) return;
    if (shown >= MAX_SHOWN || labelled >= MAX_LABELLED) return;
    shown++;
    if (!env.visible(el) && !(native(el) && overLabel(el))) return;
    labelled++;
    const t = lab(el);
    // In settings just opened, a "Next" button steps through them.
    const role = classify(t) || (env.layer2 && NEXT.has(t) ? "next" : "") || answerRole(t);
    if (role && !labelsControl(el)) found.push({ el, role, t });
  };
  const scan = (root, sel, cap) => {
    let els = [];
    try { els = root.querySelectorAll(sel); } catch (e) { return; }
    const n = els.length;
    for (let i = 0; i < n && i < cap && seen < MAX_SEEN; i++) consider(els[i % 2 ? i >> 1 : n - 1 - (i >> 1)]);
  };
  for (const r of env.roots) {
    let hot = [];
    try { hot = r.querySelectorAll(HOT); } catch (e) { continue; }
    for (let i = 0; i < hot.length && i < 50 && seen < MAX_SEEN; i++) {
      if (/^(BODY|HTML|MAIN)$/.test(hot[i].tagName) || hot[i].getElementsByTagName("*").length > 1500) continue;
      scan(hot[i], BUTTONS, 200);
      scan(hot[i], LOOSE, 200);
    }
  }
  const isDoc = (r) => r.nodeType === 9;
  for (const r of [...env.roots.filter((r) => !isDoc(r)), ...env.roots.filter(isDoc)]) {
    if (seen >= MAX_SEEN) break;
    const cap = isDoc(r) ? MAX_SEEN : MAX_ROOT;
    scan(r, BUTTONS, cap);
    scan(r, LOOSE, cap);
  }
  // Last, where no accept or reject was found: choices drawn as plain
  // elements (a div, a span) whose click handler a script added, which
  // only their look tells. A short text that reads as a choice is taken
  // with its outermost element, up to three levels up and holding no
  // other text, that shows a pointer.
  if (!found.some((b) => b.role === "accept" || b.role === "reject")) {
    const pointer = (el) => { try { return getComputedStyle(el).cursor === "pointer"; } catch (e) { return false; } };
    let texts = 0;
    for (const r of env.roots) {
      let w = null;
      try { w = (r.ownerDocument || r).createTreeWalker(r, NodeFilter.SHOW_TEXT); } catch (e) { continue; }
      for (let tn = w.nextNode(); tn && texts < MAX_TEXTS; tn = w.nextNode()) {
        texts++;
        const s = tn.nodeValue;
        if (!s || s.length > 60) continue;
        const t = bare(norm(s));
        if (!t || !classify(t)) continue;
        let pick = null;
        for (let el = tn.parentElement, k = 0; el && k < 3; el = el.parentElement, k++) {
          if (bare(norm(el.textContent)) !== t) break;
          if (pointer(el)) pick = el;
        }
        if (pick) consider(pick);
      }
    }
  }
  if (!found.length) return null;

  // Containers.
  const framed = (doc) => { try { const w = doc.defaultView; return !!w && w !== w.top; } catch (e) { return true; } };
  const MARK = /cookie|consent|gdpr|rgpd|dsgvo|privacy|cmp|banner|notice|notification|popup|pop-up|modal|dialog|overlay|disclaimer|drawer|toast/i;
  const bannerLike = (n) => {
    if (n.tagName === "BODY") return framed(n.ownerDocument) ? 1 : 0;
    // A <main> is the page's content, unless it is marked as a dialog
    // (a university's pop-up drawn in <main role="dialog">).
    if (n.tagName === "DIALOG" || /^(alert)?dialog$/.test(n.getAttribute("role") || "") || n.getAttribute("aria-modal") === "true") return n.tagName === "HTML" ? 0 : 2;
    if (n.tagName === "HTML" || n.tagName === "MAIN") return 0;
    let pos = "";
    try { pos = getComputedStyle(n).position; } catch (e) {}
    if (pos === "fixed" || pos === "sticky") return 2;
    return MARK.test(marks(n)) ? 1 : 0;
  };
  const textCache = new Map();
  const textOf = (n) => {
    if (!textCache.has(n)) {
      // textContent first: it is cheap, and a block far larger than a
      // banner is not one.
      let s = n.textContent || "";
      if (s.length <= 20000) {
        try { s = n.innerText || s; } catch (e) {}
        // A web component's text shown through its <slot>s.
        try { if (env.flat && n.querySelector("slot")) { const f = env.flat(n); if (f.length > s.length) s = f; } } catch (e) {}
      }
      textCache.set(n, s.length > 8000 ? null : norm(s));
    }
    return textCache.get(n);
  };
  const count = (re, s, cap) => {
    if (!re || !s) return 0;
    re.lastIndex = 0;
    let k = 0;
    while (k < cap && re.exec(s)) k++;
    return k;
  };
  const FIELD = /mail|pass|login|user|birth|bday|dob|geburt|naissance|nacimiento|nascita|phone|card|zip|postal/i;
  const DATE = /birth|bday|dob|(?:^|[\s_-])(?:day|month|year|jahr|annee|mois|jour|ano|anno|dia|mes)(?:$|[\s_-])/i;
  // notConsent: a modal that is not a consent notice.
  const notConsent = (c, t, settings) => {
    let fields = [];
    try { fields = c.querySelectorAll("input, textarea, select"); } catch (e) {}
    for (let i = 0; i < fields.length && i < 100; i++) {
      const f = fields[i];
      const type = (f.getAttribute("type") || (f.tagName === "INPUT" ? "text" : f.tagName)).toLowerCase();
      if (["hidden", "checkbox", "radio", "button", "submit", "reset", "image", "range"].includes(type)) continue;
      const what = [f.name, f.id, f.getAttribute("placeholder"), f.getAttribute("autocomplete"), f.getAttribute("aria-label")].join(" ");
      if (["email", "password", "tel", "date", "month"].includes(type)) return true;
      if (type === "select" ? DATE.test(what) : FIELD.test(what)) return true;
      if (type === "textarea" && env.visible(f)) return true;
    }
    // Settings just opened that hold purposes to choose are the banner's,
    // whatever their texts mention ("your sign-in" among the necessary
    // purposes); only a form to fill in says otherwise.
    if (settings) return false;
    if (AGE.test(t)) return true;
    // What a modal is, its body says; its links and buttons name its ways
    // out ("Refuse and subscribe", "Already a subscriber? Log in" on a
    // consent-or-pay wall).
    let body = t;
    try {
      const outs = c.querySelectorAll("a, button, [role=button]");
      for (let i = 0; i < outs.length && i < 50; i++) {
        const l = env.label(outs[i]);
        if (l) body = body.replace(l, " ");
      }
    } catch (e) {}
    // The container's own id or class naming cookies or consent
    // (#shop-cookie-bar) counts as its text's words do: a bar that names
    // the visitor's login among what its necessary cookies keep is still
    // a consent bar.
    const bad = count(NOT, body, 10);
    return bad > 0 && count(CONSENT, t, 20) + (NAMED.test(marks(c)) ? 1 : 0) <= bad;
  };
  const hasConsentWords = (t) => count(CONSENT, t, 1) > 0;
  // A notice whose text names no cookies ("May we switch on services for
  // statistics?") may still be named one by its markup: an element from
  // the button up to the container whose id or class says cookie or
  // consent (#cookie-notice-toast), or whose accessible name does, in any
  // language (<div role="dialog" aria-label="Cookies">: what a screen
  // reader announces it as).
  const NAMED = /cookie|consent|gdpr|rgpd|dsgvo/i;
  const namedConsent = (el, c) => {
    for (let n = up(el), i = 0; n && i < 20; n = up(n), i++) {
      if (NAMED.test(marks(n))) return true;
      const name = n.getAttribute && n.getAttribute("aria-label");
      if (name && hasConsentWords(norm(name))) return true;
      if (n === c) break;
    }
    return false;
  };

  // A container is drawn when it is visible, or when it is a box of no
  // size that lets what it holds be drawn outside it: a fixed banner of
  // no height whose panel is placed absolutely within it (the Helsinki
  // design system's). One that clips what it holds (a bar collapsed to
  // no height, overflow hidden) is not.
  const drawn = (n) => {
    if (env.visible(n)) return true;
    try {
      const r = n.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) return false;
      if (typeof n.checkVisibility === "function" && !n.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
      const s = (n.ownerDocument.defaultView || window).getComputedStyle(n);
      return s.overflowX === "visible" && s.overflowY === "visible";
    } catch (e) { return false; }
  };

  // containerOf: the banner a button belongs to, or null.
  const containers = new Map();
  const containerOf = (el) => {
    const chain = [];
    for (let n = up(el), i = 0; n && i < 20; n = up(n), i++) {
      if (n.nodeType !== 1 || n.tagName === "HTML") break;
      // A button is never the banner, even one whose class names cookies
      // (".hds-cc__all-cookies-button" holding its label's span): taken
      // so, each choice would be a banner of its own.
      if (native(n)) continue;
      chain.push(n);
      if (n.tagName === "BODY") break;
    }
    const strong = [], marked = [];
    for (const n of chain) {
      const t = textOf(n);
      if (t === null || t.length > 6000) break;
      const b = bannerLike(n);
      if (b === 2) strong.push(n);
      else if (b === 1) marked.push(n);
    }
    const order = [...strong.reverse(), ...marked.reverse()];
    // Last resort: a small block near the button that speaks of cookies.
    for (let i = 0; i < chain.length && i < 6; i++) {
      const n = chain[i];
      const t = textOf(n);
      if (t === null || t.length > 1500 || /^(BODY|MAIN|HTML)$/.test(n.tagName)) break;
      if (hasConsentWords(t)) { order.push(n); break; }
    }
    // Settings just opened that are a page of their own (a site's
    // privacy-settings route, drawn in place of the page, no dialog): the
    // nearest block, a <main> too, that holds purposes to choose and
    // speaks of cookies.
    for (let i = 0; env.layer2 && i < chain.length && i < 8; i++) {
      const n = chain[i];
      const t = textOf(n);
      if (t === null || t.length > 6000 || /^(BODY|HTML)$/.test(n.tagName)) break;
      if (toggles(n).length > 0 && hasConsentWords(t)) { order.push(n); break; }
    }
    for (const n of order) {
      if (containers.has(n)) {
        if (containers.get(n)) return n;
        continue;
      }
      const t = textOf(n);
      // The consent words must be the notice's, not only its buttons'
      // ("Souhlasím", "同意する" say consent too).
      let bare = t;
      for (const b of found) {
        if (!within(n, b.el)) continue;
        bare = CJK.test(b.t) ? bare.replace(b.t, " ")
          : bare.replace(new RegExp("(^|[^\\p{L}\\p{N}])" + esc(b.t) + "(?![\\p{L}\\p{N}])", "u"), "$1 ");
      }
      const purposes = env.layer2 ? toggles(n).length : 0;
      const ok = drawn(n) && !notConsent(n, t, purposes > 1) && (purposes > 0 || hasConsentWords(bare) || namedConsent(el, n));
      containers.set(n, ok);
      if (ok) return n;
    }
    return null;
  };
  // asksConsent: the notice's text asks a question that speaks of
  // cookies or consent.
  const asksConsent = (c) => {
    const t = textOf(c);
    return !!t && (t.match(/[^.!?\n]*\?/g) || []).some((q) => hasConsentWords(q));
  };
  const within = (c, el) => {
    for (let n = el; n; n = up(n)) if (n === c) return true;
    return false;
  };
  // What shows at the middle of a container's part in the window is its
  // own (see drawnAt).
  const onTop = (c) => {
    try {
      const r = c.getBoundingClientRect();
      return drawnAt(c, Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1));
    } catch (e) {
      return false;
    }
  };
  const toggles = (c) => {
    const out = [];
    const scopes = [c];
    for (const r of env.roots) if (r.host && within(c, r.host)) scopes.push(r);
    for (const s of scopes) {
      let els = [];
      try { els = s.querySelectorAll('input[type="checkbox"], [role="switch"], [role="checkbox"], [aria-checked], button[aria-pressed], input[type="radio"], [role="radio"], select'); } catch (e) { continue; }
      for (let i = 0; i < els.length && out.length < 100; i++) {
        const el = els[i];
        if (out.includes(el) || el.disabled || el.getAttribute("aria-disabled") === "true") continue;
        // A <select> is a purpose when it allows or refuses ("Allow" | "Deny").
        if (el.tagName === "SELECT") {
          if (env.selectOff && env.selectOff(el)) out.push(el);
          continue;
        }
        if (el.tagName !== "INPUT" && el.querySelector('input[type="checkbox"]')) continue;
        if (env.offOption && env.offOption(el)) continue; // the "off" side of a pair of options
        // A radio is a purpose only as the "on" side of a pair whose other
        // side is an "off" option ("Allow" | "Disallow").
        if (el.matches('input[type="radio"], [role="radio"]') && !(env.offPartner && env.offPartner(el))) continue;
        out.push(el);
      }
    }
    return out;
  };

  // Group the buttons by container and keep the best banner.
  const groups = new Map();
  let climbs = 0;
  // A save counts in a first layer only where it saves the purposes
  // shown beside it (a bar of check boxes and "Submit", no accept and no
  // refusal anywhere): see below.
  const firstSave = !env.layer2 && !found.some((b) => b.role === "accept" || b.role === "reject");
  for (const b of found) {
    if (b.role === "settings" || (b.role === "save" && !env.layer2 && !firstSave)) continue;
    if (++climbs > 60) break;
    const c = containerOf(b.el);
    if (c && !groups.has(c)) groups.set(c, null);
  }
  let best = null;
  for (const c of groups.keys()) {
    const g = { container: c, accept: null, reject: null, settings: null, save: null, next: null, purposes: [] };
    const pick = { accept: null, reject: null, settings: null, save: null, next: null };
    const rank = (b) => {
      // A link to another page (a policy) is the last choice.
      const href = b.el.tagName === "A" ? (b.el.getAttribute("href") || "").trim() : "";
      const nav = href !== "" && !/^(#|javascript:)/i.test(href);
      const base = (nav ? 0 : 100) + (native(b.el) ? 10 : 0);
      return b.role === "settings" ? base + settingsRank(b.t) * 1000 : base + b.t.length;
    };
    const mine = found.filter((b) => within(c, b.el));
    // The container's own buttons, past the caps of the first scan.
    const extra = [];
    const scope = [c, ...env.roots.filter((r) => r.host && within(c, r.host))];
    const known = new Set(mine.map((b) => b.el));
    for (const s of scope) {
      let els = [];
      try { els = s.querySelectorAll(BUTTONS + ", " + LOOSE); } catch (e) { continue; }
      for (let i = 0; i < els.length && i < 300; i++) {
        const el = els[i];
        if (known.has(el) || (!native(el) && el.querySelector(BUTTONS)) || !env.visible(el)) continue;
        const t = lab(el);
        const role = classify(t);
        if (role && !labelsControl(el)) extra.push({ el, role, t });
      }
    }
    const answers = { yes: [], no: [] };
    for (const b of [...mine, ...extra]) {
      if (answers[b.role]) {
        answers[b.role].push(b);
        continue;
      }
      if (!pick[b.role] || rank(b) > rank(pick[b.role])) pick[b.role] = b;
    }
    // "Yes" and "No" under a question about cookies ("May we use cookies
    // you can opt out of?"), one of each and no other choice: they
    // accept and refuse.
    if (!pick.accept && !pick.reject && answers.yes.length === 1 && answers.no.length === 1 && asksConsent(c)) {
      pick.accept = answers.yes[0];
      pick.reject = answers.no[0];
    }
    for (const k of Object.keys(pick)) g[k] = pick[k] ? pick[k].el : null;
    // In a settings layer, a label that several buttons share ("Reject"
    // beside each purpose) chooses for one purpose, not for all; three
    // or more share it in settings that stay on the page once saved (a
    // cookie settings page), which are no first layer either.
    {
      const all = [...mine, ...extra];
      for (const k of ["accept", "reject"]) {
        // (A label's own inner elements, "btn__text", are the same button,
        // the picked one's or another's.)
        const p = pick[k] && pick[k].el;
        const same = p ? all.filter((b) => b.role === k && b.t === pick[k].t) : [];
        const outer = same.filter((b) => !same.some((o) => o !== b && o.el.contains(b.el)));
        const others = p ? outer.filter((b) => b.el !== p && !p.contains(b.el) && !b.el.contains(p)).length : 0;
        if (others >= (env.layer2 ? 1 : 2)) g[k] = null;
      }
    }
    g.purposes = toggles(c);
    // Settings whose purposes have a lone one-word accept beside them
    // ("Accepter", "Akzeptieren", "Accept cookies", "Akceptuję pliki
    // cookie": the words for cookies and an article do not count), no
    // save and no refusal: it accepts
    // what is ticked, and saves the unticked purposes as a refusal.
    // ("Accept all" accepts all; a refusal saved so is verified.)
    if (env.layer2 && !g.save && !g.reject && g.accept && g.purposes.length) {
      const t = lab(g.accept);
      const ws = t.split(/[\s,;:/&()'"-]+/).filter((w) => w && !/^(?:cookies?|pliki|plików|soubory|súbory|les|the|die|de|los|i|gli)$/i.test(w));
      if (!CJK.test(t) && ws.length === 1) g.save = g.accept;
    }
    let score = (g.accept ? 3 : 0) + (g.reject ? 3 : 0) + (g.settings ? 1 : 0);
    if (env.layer2) score += (g.save ? 3 : 0) + (g.purposes.length ? 2 : 0) + (g.reject ? 1 : 0);
    // (Settings whose first step is only a "Next" button: a dialog that
    // asks about each purpose in turn.)
    if (!(g.accept || g.reject || (env.layer2 && (g.save || g.next)) || (g.save && !g.settings && g.purposes.length))) continue;
    score += bannerLike(c) === 2 ? 0.5 : 0;
    // Settings drawn over the banner they came from: the one on top.
    if (env.layer2 && onTop(c)) score += 0.25;
    if (!best || score > best.score) best = { score, g };
  }
  return best ? best.g : null;
}
