((mode, acceptSelector, rejectSelector) => {
  // Finds a consent banner in this document (open shadow roots and
  // same-origin iframes included) and, in the click modes, clicks its accept
  // or reject button. Returns a plain object; the crawler runs it in every
  // frame of the page, cross-site iframes included.
  const RULES = [
    { p: "onetrust", banner: ["#onetrust-banner-sdk"], accept: ["#onetrust-accept-btn-handler"],
      reject: ["#onetrust-reject-all-handler", ".ot-pc-refuse-all-handler"],
      api: (w) => (w.OneTrust && typeof w.OneTrust.IsAlertBoxClosed === "function" ? !!w.OneTrust.IsAlertBoxClosed() : null) },
    { p: "cookiebot", banner: ["#CybotCookiebotDialog"],
      accept: ["#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll", "#CybotCookiebotDialogBodyButtonAccept"],
      reject: ["#CybotCookiebotDialogBodyButtonDecline"],
      api: (w) => (w.Cookiebot && "hasResponse" in w.Cookiebot ? !!w.Cookiebot.hasResponse : null) },
    { p: "usercentrics", banner: ["#usercentrics-root", "#uc-banner"],
      accept: ['[data-testid="uc-accept-all-button"]'], reject: ['[data-testid="uc-deny-all-button"]'],
      api: (w) => (w.UC_UI && typeof w.UC_UI.isConsentRequired === "function" ? !w.UC_UI.isConsentRequired() : null) },
    { p: "didomi", banner: ["#didomi-notice", "#didomi-popup"], accept: ["#didomi-notice-agree-button"],
      reject: ["#didomi-notice-disagree-button", ".didomi-continue-without-agreeing"],
      api: (w) => (w.Didomi && typeof w.Didomi.shouldConsentBeCollected === "function" ? !w.Didomi.shouldConsentBeCollected() : null) },
    { p: "quantcast", banner: [".qc-cmp2-container", "#qc-cmp2-ui"],
      accept: ['.qc-cmp2-summary-buttons button[mode="primary"]'], reject: ['.qc-cmp2-summary-buttons button[mode="secondary"]'] },
    { p: "trustarc", banner: ["#truste-consent-track", "#consent_blackbar"], accept: ["#truste-consent-button"],
      reject: ["#truste-consent-required"] },
    { p: "osano", banner: [".osano-cm-dialog"], accept: [".osano-cm-accept-all", ".osano-cm-accept"],
      reject: [".osano-cm-denyAll", ".osano-cm-deny"] },
    { p: "cookieyes", banner: [".cky-consent-container", "#cookie-law-info-bar"],
      accept: [".cky-btn-accept", "#cookie_action_close_header"], reject: [".cky-btn-reject", "#cookie_action_close_header_reject"] },
    { p: "complianz", banner: ["#cmplz-cookiebanner-container .cmplz-cookiebanner", ".cmplz-cookiebanner"],
      accept: [".cmplz-accept"], reject: [".cmplz-deny"] },
    { p: "iubenda", banner: ["#iubenda-cs-banner"], accept: [".iubenda-cs-accept-btn"], reject: [".iubenda-cs-reject-btn"] },
    { p: "axeptio", banner: ["#axeptio_overlay", ".axeptio_widget"], accept: ["#axeptio_btn_acceptAll"],
      reject: ["#axeptio_btn_dismiss"] },
    { p: "klaro", banner: [".klaro .cookie-notice", ".klaro .cookie-modal"],
      accept: [".klaro .cm-btn-accept-all", ".klaro .cm-btn-success"], reject: [".klaro .cn-decline", ".klaro .cm-btn-decline"] },
    { p: "sourcepoint", banner: ['[id^="sp_message_container"]', ".message-container"],
      accept: [".sp_choice_type_11", 'button[title="Accept all"]', 'button[title="Accept"]'],
      reject: [".sp_choice_type_13", 'button[title="Reject all"]', 'button[title="Reject"]'] },
    { p: "termly", banner: ["#termly-code-snippet-support"], accept: ['[data-tid="banner-accept"]'],
      reject: ['[data-tid="banner-decline"]'] },
    { p: "borlabs", banner: ["#BorlabsCookieBox", "#BorlabsCookieWidget"],
      accept: ["a[data-cookie-accept-all]", "._brlbs-btn-accept-all", "a[data-cookie-accept]"],
      reject: ["a[data-cookie-refuse]", "._brlbs-refuse-btn", "._brlbs-refuse"] },
    { p: "tarteaucitron", banner: ["#tarteaucitronAlertBig", "#tarteaucitronRoot"],
      accept: ["#tarteaucitronPersonalize2", "#tarteaucitronAllAllowed"], reject: ["#tarteaucitronAllDenied2", "#tarteaucitronAllDenied"] },
    { p: "opendatasoft", banner: ["#ods-cookies-banner", ".ods-cookies-banner"], accept: ["#ods-cookies-accept"],
      reject: ["#ods-cookies-reject"],
      api: (w) => (w.odsCookies && typeof w.odsCookies.choice === "function" ? ["accepted", "rejected"].includes(w.odsCookies.choice()) : null) },
  ];

  const ACCEPT = [
    "accept all", "accept all cookies", "accept cookies", "accept", "i accept", "allow all", "allow all cookies", "allow cookies",
    "agree", "i agree", "agree and close", "accept and close", "accept and continue", "ok", "okay", "got it", "yes, i agree",
    "tout accepter", "accepter", "accepter tout", "j'accepte", "accepter et fermer", "accepter et continuer", "ok, j'ai compris",
    "alle akzeptieren", "akzeptieren", "alle cookies akzeptieren", "zustimmen", "alle zulassen", "einverstanden", "alles akzeptieren",
    "aceptar todo", "aceptar todas", "aceptar todas las cookies", "aceptar", "acepto", "aceptar y cerrar",
    "accetta tutti", "accetta", "accetto", "accetta tutto", "accetta tutti i cookie",
    "alles accepteren", "accepteren", "akkoord", "alle cookies accepteren", "ik ga akkoord",
  ];
  const REJECT = [
    "reject all", "reject", "reject all cookies", "reject cookies", "decline", "decline all", "deny", "deny all", "refuse",
    "refuse all", "necessary only", "only necessary", "necessary cookies only", "use necessary cookies only",
    "continue without accepting", "do not accept",
    "tout refuser", "refuser", "refuser tout", "continuer sans accepter", "je refuse", "refuser et fermer",
    "alle ablehnen", "ablehnen", "nur notwendige", "nur notwendige cookies", "nur essenzielle cookies", "alle cookies ablehnen",
    "rechazar todo", "rechazar todas", "rechazar", "rechazar todas las cookies", "solo necesarias",
    "rifiuta tutti", "rifiuta", "rifiuta tutto", "continua senza accettare", "solo necessari",
    "alles weigeren", "weigeren", "afwijzen", "alle afwijzen", "alleen noodzakelijke", "alleen noodzakelijke cookies",
  ];
  const CONTEXT = /cookie|consent|privacy|gdpr|datenschutz|confidentialit|vie privee|traceur|privacidad|riservatezza|gegevens|tracking/;

  const norm = (s) => String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2019`]/g, "'").toLowerCase().replace(/\s+/g, " ").replace(/^[\s>»›✓✔×]+|[\s!.»›<✓✔×]+$/g, "").trim();

  const visible = (el) => {
    try {
      if (!el.isConnected) return false;
      if (typeof el.checkVisibility === "function" && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    } catch (e) { return false; }
  };

  // roots: this document, open shadow roots and same-origin iframes.
  const roots = [];
  const seen = new Set();
  const addRoot = (root, depth) => {
    if (!root || seen.has(root) || depth > 6 || roots.length > 200) return;
    seen.add(root);
    roots.push(root);
    let all = [];
    try { all = root.querySelectorAll("*"); } catch (e) { return; }
    for (const el of all) {
      if (el.shadowRoot) addRoot(el.shadowRoot, depth + 1);
      if (el.tagName === "IFRAME" || el.tagName === "FRAME") {
        try { if (el.contentDocument) addRoot(el.contentDocument, depth + 1); } catch (e) {}
      }
    }
  };
  addRoot(document, 0);

  const queryAll = (sel) => {
    const out = [];
    for (const r of roots) {
      try { out.push(...r.querySelectorAll(sel)); } catch (e) {}
    }
    return out;
  };
  const firstVisible = (sels) => {
    for (const s of sels || []) {
      for (const el of queryAll(s)) if (visible(el)) return { el, sel: s };
    }
    return null;
  };
  const text = (el) => el.innerText || el.value || el.getAttribute("aria-label") || el.title || el.textContent;
  // label is what buttons are matched on; shown is what the report says,
  // the text as the page writes it, blanks collapsed.
  const label = (el) => norm(text(el)).slice(0, 80);
  const shown = (el) => String(text(el) || "").replace(/\s+/g, " ").trim().slice(0, 80);

  const inConsentContext = (el) => {
    let n = el;
    for (let i = 0; i < 8 && n; i++) {
      const t = norm(n.textContent || "");
      if (CONTEXT.test(t) || CONTEXT.test(norm((n.id || "") + " " + (n.className && n.className.baseVal === undefined ? n.className : "")))) return true;
      n = n.parentElement || (n.parentNode && n.parentNode.host) || null;
    }
    return false;
  };
  const byText = (words) => {
    const wanted = new Set(words);
    let best = null;
    for (const el of queryAll('button, a, [role="button"], input[type="button"], input[type="submit"]')) {
      if (!visible(el)) continue;
      const t = label(el);
      if (!wanted.has(t)) continue;
      if (!inConsentContext(el)) continue;
      // Prefer the longest (most specific) phrase: "accept all" over "ok".
      if (!best || t.length > best.t.length) best = { el, t };
    }
    return best ? { el: best.el, sel: "text=" + best.t } : null;
  };

  const find = () => {
    if (acceptSelector || rejectSelector) {
      const a = acceptSelector ? firstVisible([acceptSelector]) : null;
      const r = rejectSelector ? firstVisible([rejectSelector]) : null;
      if (a || r) return { platform: "custom", accept: a, reject: r, banner: true, api: null };
    }
    for (const rule of RULES) {
      const a = firstVisible(rule.accept);
      const r = firstVisible(rule.reject);
      const b = firstVisible(rule.banner);
      if (a || r || b) {
        let api = null;
        try { api = rule.api ? rule.api(window) : null; } catch (e) {}
        return { platform: rule.p, accept: a, reject: r, banner: !!(a || r || b), api };
      }
    }
    const a = byText(ACCEPT);
    const r = byText(REJECT);
    if (a || r) return { platform: "generic", accept: a, reject: r, banner: true, api: null };
    return { platform: "", accept: null, reject: null, banner: false, api: null };
  };

  const f = find();
  const out = {
    url: String(location.href),
    platform: f.platform,
    banner: f.banner,
    api: f.api,
    accept: f.accept ? { selector: f.accept.sel, label: shown(f.accept.el) } : null,
    reject: f.reject ? { selector: f.reject.sel, label: shown(f.reject.el) } : null,
    clicked: false,
  };
  if (mode === "accept" || mode === "reject") {
    const target = mode === "accept" ? f.accept : f.reject;
    if (target) {
      try { target.el.scrollIntoView({ block: "center" }); } catch (e) {}
      try { target.el.click(); out.clicked = true; } catch (e) { out.error = String(e); }
    }
  }
  return out;
})
