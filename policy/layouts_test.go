package policy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fakeKnowledge knows a few cookie names and services, as the knowledge
// base would.
type fakeKnowledge struct{}

func (fakeKnowledge) KnownCookie(name string) bool {
	switch name {
	case "_ga", "_gid", "NID", "IDE", "CookieConsent", "ads/ga-audiences":
		return true
	}
	return false
}

func (fakeKnowledge) Service(text string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "google analytics", "google analytics 4":
		return "Google Analytics", true
	case "hotjar":
		return "Hotjar", true
	}
	return "", false
}

// got is what the layout tests assert of a declaration: name (with its
// type when it is no cookie), category and layout.
type got struct {
	Name     string
	Category Category
	Layout   string
}

func declared(p *Policy) []got {
	var out []got
	for _, d := range p.Cookies {
		name := d.Name.Text
		if d.Type != Cookie {
			name += " (" + string(d.Type) + ")"
		}
		out = append(out, got{name, d.Category, d.Source.Layout})
	}
	for _, d := range p.Services {
		out = append(out, got{"service " + d.Service, d.Category, d.Source.Layout})
	}
	return out
}

// TestExtractLayouts covers the layouts of real pages, each written here
// in our own words: what is read, with which category, and what is left.
func TestExtractLayouts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		page string
		want []got
	}{
		{
			name: "cookiebot copied into JSX",
			page: `import React from 'react';
				const Declaration = () => (<div className="CookieDeclaration">
				<div className="CookieDeclarationType"><p className="CookieDeclarationTypeHeader">Marketing (1) </p>
				<table className="CookieDeclarationTable"><thead><tr><th>Name</th><th>Provider</th><th>Purpose</th><th>Maximum Storage Duration</th><th>Type</th></tr></thead>
				<tbody><tr><td className="CookieDeclarationTableCell">_fbp</td><td>Meta</td><td>Follows visits{' '}for ads</td><td>3 months</td><td>HTTP Cookie</td></tr>
				<tr><td>lastSeen</td><td>Ads Co</td><td>Remembers the last ad</td><td>Persistent</td><td>HTML Local Storage</td></tr></tbody></table></div></div>);`,
			want: []got{{"_fbp", Marketing, "cookiebot"}, {"lastSeen (localStorage)", Marketing, "cookiebot"}},
		},
		{
			name: "a category in a component of its own",
			page: `<Section><Typography variant="title"> Statistics (1) </Typography><p>Counting visits.</p>
				<table><tr><th>Name</th><th>Purpose</th></tr><tr><td>_pk_id.*</td><td>Visitor id</td></tr></table></Section>`,
			want: []got{{"_pk_id.*", Statistics, "table"}},
		},
		{
			name: "onetrust cells read by class in a language not known",
			page: `<div id="ot-sdk-cookie-policy"><h4 class="ot-sdk-cookie-policy-group">Nauðsynlegar vafrakökur</h4>
				<table><caption class="ot-scrn-rdr">Nauðsynlegar vafrakökur</caption>
				<thead><tr><th class="ot-host">Pogrupis</th><th class="ot-cookies">Slapukai</th><th class="ot-cookies-type">Naudojami</th></tr></thead>
				<tbody><tr><td class="ot-host-td">shop.example</td><td class="ot-cookies-td"><a>OptanonConsent</a>, <a>JSESSIONID</a></td><td class="ot-cookies-type">Pirmoji šalis</td></tr></tbody></table></div>`,
			want: []got{{"OptanonConsent", Unclassified, "onetrust"}, {"JSESSIONID", Unclassified, "onetrust"}},
		},
		{
			name: "korean onetrust list without lifespans",
			page: `<div id="ot-sdk-cookie-policy"><section><h4 class="ot-sdk-cookie-policy-group">광고 쿠키</h4><table>
				<thead><tr><th>쿠키 하위 그룹</th><th>쿠키</th><th>사용 중인 쿠키</th></tr></thead>
				<tbody><tr><td>ads.example</td><td>IDE, test_cookie</td><td>제삼자</td></tr></tbody></table></section></div>`,
			want: []got{{"IDE", Marketing, "onetrust"}, {"test_cookie", Marketing, "onetrust"}},
		},
		{
			name: "complianz sibling labels, functional defined as technical",
			page: `<p class="cmplz-subtitle">5.1 Technical or functional cookies</p><p>They need no consent.</p>
				<div id="cmplz-cookies-overview"><details class="cmplz-dropdown"><summary><div><h3>Site engine</h3><p>Functional</p></div></summary>
				<div class="cookies-per-purpose"><div class="purpose"><h4>Functional</h4></div>
				<div class="name-header"><h5>Name</h5></div><div class="name"><a>site_lang</a></div>
				<div class="retention-header"><h5>Expiration</h5></div><div class="retention"></div>
				<div class="function-header"><h5>Function</h5></div><div class="function">Keeps the language</div></div></details>
				<details class="cmplz-dropdown"><summary><div><h3>Counter</h3><p>Statistics</p></div></summary>
				<div class="cookies-per-purpose"><div class="purpose"><h4>Statistics</h4></div>
				<div class="name-header"><h5>Name</h5></div><div class="name">cnt_id</div>
				<div class="retention-header"><h5>Expiration</h5></div><div class="retention">1 year</div>
				<div class="function-header"><h5>Function</h5></div><div class="function">Counts visits</div>
				<div class="name-header"><h5>Name</h5></div><div class="name">cnt_ses</div>
				<div class="retention-header"><h5>Expiration</h5></div><div class="retention">30 minutes</div>
				<div class="function-header"><h5>Function</h5></div><div class="function">Counts sessions of a visit</div></div></details></div>`,
			want: []got{{"site_lang", Necessary, "complianz"}, {"cnt_id", Statistics, "complianz"}, {"cnt_ses", Statistics, "complianz"}},
		},
		{
			// One service's cookies under three purposes, their blocks left
			// open so that each nests in the one before; and a group whose
			// cookies have neither expiry nor function, only their labels.
			name: "complianz purposes nested in one service, and records of a name alone",
			page: `<div id="cmplz-cookies-overview"><details class="cmplz-dropdown"><summary><div><h3>Social network</h3><p>Functional, Marketing, Statistics</p></div></summary>
				<div class="cookies-per-purpose"><div class="purpose"><h4>Functional</h4></div>
				<div class="name-header"><h5>Name</h5></div><div class="name"><a>sn_route</a></div>
				<div class="retention-header"><h5>Expiration</h5></div><div class="retention">session</div>
				<div class="function-header"><h5>Function</h5></div><div class="function">Spreads the load</div>
				<div class="cookies-per-purpose"><div class="purpose"><h4>Marketing</h4></div>
				<div class="name-header"><h5>Name</h5></div><div class="name"><a>sn_match</a></div>
				<div class="retention-header"><h5>Expiration</h5></div><div class="retention">30 days</div>
				<div class="function-header"><h5>Function</h5></div><div class="function">Shows ads elsewhere</div>
				<div class="cookies-per-purpose"><div class="purpose"><h4>Statistics</h4></div>
				<div class="name-header"><h5>Name</h5></div><div class="name"><a>sn_count</a></div>
				<div class="retention-header"><h5>Expiration</h5></div><div class="retention">30 days</div>
				<div class="function-header"><h5>Function</h5></div><div class="function">Counts visits</div></details>
				<details class="cmplz-dropdown"><summary><div><h3>Other</h3><p>Purpose pending investigation</p></div></summary>
				<div class="cookies-per-purpose"><div class="purpose"><h4>Purpose pending investigation</h4></div>
				<div class="name-header"><h5>Name</h5></div><div class="name">panelOpen</div>
				<div class="retention-header"><h5>Expiration</h5></div><div class="function-header"><h5>Function</h5></div>
				<div class="name-header"><h5>Name</h5></div><div class="name">lastTab-2</div>
				<div class="retention-header"><h5>Expiration</h5></div><div class="function-header"><h5>Function</h5></div></div></details></div>`,
			want: []got{{"sn_route", Preferences, "complianz"}, {"sn_match", Marketing, "complianz"}, {"sn_count", Statistics, "complianz"},
				{"panelOpen", Unclassified, "complianz"}, {"lastTab-2", Unclassified, "complianz"}},
		},
		{
			name: "a bold heading ending a paragraph after a line break",
			page: `<h2>Which cookies we set</h2>
				<div><span>You may accept or refuse analytics and advertising cookies; essential cookies cannot be refused.</span></div>
				<div><span>The cookies and what they do are listed in the tables below:</span><span></span><span class="heading_2"><span><strong><u><br><br>Essential cookies:</u></strong></span></span></div>
				<table><tr><td>Name:</td><td>sess_key</td></tr><tr><td>Purpose:</td><td>Keeps the visit signed in</td></tr></table>
				<div><span class="heading_2"><strong><u><br>Analytics cookies:</u></strong></span></div>
				<table><tr><td>Name:</td><td>visit_count</td></tr><tr><td>Purpose:</td><td>Counts pages seen</td></tr></table>
				<p>Ask us about cookies, <strong>by e-mail:</strong></p>
				<table><tr><td>Name:</td><td>last_mail</td></tr><tr><td>Purpose:</td><td>Keeps the last message</td></tr></table>`,
			want: []got{{"sess_key", Necessary, "table"}, {"visit_count", Statistics, "table"}, {"last_mail", Statistics, "table"}},
		},
		{
			name: "records of a bold name, a purpose and labelled fields",
			page: `<h3>Nécessaires</h3><div class="provider">
				<div class="item"><strong>m</strong> Reconnaît l'appareil utilisé.<br>
				<small><strong>Durée de conservation :</strong> 400 jours</small> <small><strong>Type :</strong> Cookie HTTP</small></div>
				<div class="item"><strong>id</strong> Garde le panier du paiement.<br>
				<small><strong>Durée de conservation :</strong> Session</small> <small><strong>Type :</strong> Stockage local HTML</small></div>
				<div class="item"><strong>Remarque</strong> Nous changeons cette liste.<br><small><strong>Mise à jour :</strong> mars</small></div></div>`,
			want: []got{{"m", Necessary, "record"}, {"id (localStorage)", Necessary, "record"}},
		},
		{
			name: "a profile an analytics tool keeps is no marketing",
			page: `<h2>Why we set cookies</h2><h3>Feedback tool cookies</h3>
				<p>The feedback tool keeps what it learns of your visits in a pseudonymous user profile held for us.</p>
				<table><tr><th>Cookie name</th><th>Description</th></tr><tr><td>fb_visitor</td><td>Keeps the visitor's id</td></tr></table>
				<h3>Partner cookies</h3><p>Our partners use cookies for profiling and showing ads.</p>
				<table><tr><th>Cookie name</th><th>Description</th></tr><tr><td>pt_seg</td><td>Keeps a segment</td></tr></table>`,
			want: []got{{"fb_visitor", Unclassified, "table"}, {"pt_seg", Marketing, "table"}},
		},
		{
			name: "a run of lead-ins defining categories heads no table",
			page: `<h2>Cookies we use</h2><p>This site sets its own cookies:</p>
				<p><strong>Technical cookies:</strong> they are strictly necessary for the site to work.</p>
				<p>It also sets cookies of others:</p>
				<p><strong>Analytics cookies:</strong> they count visits for our statistics.</p>
				<p><strong>Social media cookies:</strong> they let you share our pages on networks.</p>
				<table><tr><th>Cookie</th><th>Description</th></tr><tr><td>site_sess</td><td>Keeps the visit</td></tr></table>
				<h2>Details</h2><p><strong>Advertising cookies:</strong> they show our ads.</p>
				<table><tr><th>Cookie</th><th>Description</th></tr><tr><td>ad_seen</td><td>Counts ads shown</td></tr></table>
				<p><strong>Analytics cookies:</strong> they count visits.</p>
				<table><tr><th>Cookie</th><th>Description</th></tr><tr><td>visit_n</td><td>Counts visits</td></tr></table>`,
			want: []got{{"site_sess", Unclassified, "table"}, {"ad_seen", Marketing, "table"}, {"visit_n", Statistics, "table"}},
		},
		{
			name: "a bare row naming a service in lower case",
			page: `<h2>Analytics cookies</h2><table><tr><th>Cookie Name</th><th>Purpose</th><th>Expiration</th><th>More</th></tr>
				<tr><td>hotjar</td><td></td><td></td><td><a href="https://help.example/cookies">https://help.example/cookies</a></td></tr>
				<tr><td>_ga</td><td>Tells visitors apart</td><td>2 years</td><td></td></tr>
				<tr><td>visitor</td><td></td><td></td><td></td></tr></table>`,
			want: []got{{"_ga", Statistics, "table"}, {"visitor", Statistics, "table"}, {"service Hotjar", Statistics, "table"}},
		},
		{
			name: "a version in bold is no name",
			page: `<h2>Analytics cookies</h2><p>The counter runs in <strong>Consent Mode v2</strong>: without your consent it sets no cookie, with it the cookie <code>cnt_id</code>.</p>`,
			want: []got{{"cnt_id", Statistics, "prose"}},
		},
		{
			name: "vertical tables, one a cookie, a name that holds a header word",
			page: `<h2>Performance cookies</h2>
				<table><tr><td>Name:</td><td>site_expire.ab12</td></tr><tr><td>Purpose:</td><td>Keeps when the calendar was read</td></tr><tr><td>Type:</td><td>http_cookie</td></tr></table>
				<table><tr><td>Name:</td><td>cal_view</td></tr><tr><td>Purpose:</td><td>Keeps the calendar's view</td></tr><tr><td>Type:</td><td>http_cookie</td></tr></table>`,
			want: []got{{"site_expire.ab12", Statistics, "table"}, {"cal_view", Statistics, "table"}},
		},
		{
			name: "section headings are no labels",
			page: `<div><h2>Essential cookies</h2><p>sid keeps you signed in.</p><h2>Why we use cookies</h2><p>To run the site.</p></div>`,
			want: nil,
		},
		{
			name: "lines of labels and values, and semicolons",
			page: `<h2>Cookies</h2><p>NAME – __utma, __utmb<br>PURPOSE – Analysis<br>KEPT FOR – 2 years</p>
				<p>Name: lang_pref; Purpose: remembers the language; Lifetime: 1 year</p>`,
			want: []got{{"__utma", Statistics, "record"}, {"__utmb", Statistics, "record"}, {"lang_pref", Unclassified, "record"}},
		},
		{
			name: "list items led by names",
			page: `<h2>Analytics cookies</h2><ul><li><code>_ga</code> – tells visitors apart</li><li><strong>stats_seen:</strong> counts pages</li>
				<li>Our partners may set more.</li></ul>
				<h2>Essential cookies</h2><dl><div><dt>sess_id</dt><dd>Keeps the session</dd></div></dl>`,
			want: []got{{"_ga", Statistics, "prose"}, {"stats_seen", Statistics, "prose"}, {"sess_id", Necessary, "prose"}},
		},
		{
			name: "headings that are names",
			page: "<h2>Cookies needed for the shop</h2><h4><code>form_key</code></h4><p>Protects forms.</p><h4><code>basket</code></h4><p>Keeps the basket.</p>",
			want: []got{{"form_key", Necessary, "prose"}, {"basket", Necessary, "prose"}},
		},
		{
			name: "names in sentences about cookies",
			page: `<h3>Essential Cookies</h3><p>The cookie <i>_app_session</i> keeps you signed in. A cookie called <code>wall</code> remembers the notice.</p>
				<h3>Analytical Cookies</h3><p>Examples of the cookies they set are <b>_gid</b> and “_ga”, and we set _utm_src too.</p>
				<p>We use <b>Google Analytics</b>; set <code>Yes</code> in <code>settings.json</code> to disable the <code>document.cookie</code> calls.</p>`,
			want: []got{{"_app_session", Necessary, "prose"}, {"wall", Necessary, "prose"}, {"_gid", Statistics, "prose"}, {"_ga", Statistics, "prose"}, {"_utm_src", Statistics, "prose"}},
		},
		{
			name: "template tags are not names",
			page: `{% extends "base_layout.html" %}{% block main_content %}<h2>Cookies</h2><p>{{ cookie_banner_text }} We set the cookie <code>consent_state</code>.</p>{% endblock %}`,
			want: []got{{"consent_state", Unclassified, "prose"}},
		},
		{
			name: "an introduction ending in a colon names the category",
			page: `<h2>Cookies we use</h2><p>The site sets two essential cookies:</p><ul><li><code>sid</code>: your session</li><li><code>xsrf</code>: protects forms</li></ul>`,
			want: []got{{"sid", Necessary, "prose"}, {"xsrf", Necessary, "prose"}},
		},
		{
			name: "descriptive headings and the text under them",
			page: `<h2>Cookies</h2><h3>Website usage</h3><p>We measure how the site is used.</p><table><tr><th>Name</th><th>Purpose</th></tr><tr><td>_ga</td><td>ids</td></tr></table>
				<h3>Remembering how lists are shown</h3><table><tr><th>Name</th><th>Purpose</th></tr><tr><td>tree</td><td>open or closed</td></tr></table>
				<h3>1. Functional cookies</h3><p>These functional cookies are strictly necessary.</p><table><tr><th>Name</th><th>Purpose</th></tr><tr><td>sess</td><td>session</td></tr></table>
				<h3>Other things</h3><p>We use Google Analytics and show you the language you chose.</p><table><tr><th>Name</th><th>Purpose</th></tr><tr><td>misc</td><td>x</td></tr></table>`,
			want: []got{{"_ga", Statistics, "table"}, {"tree", Preferences, "table"}, {"sess", Necessary, "table"}, {"misc", Unclassified, "table"}},
		},
		{
			name: "cells that carry their own label",
			page: `<h2>Analytics cookies</h2><table><thead><tr><th>Name</th><th>Purpose</th><th>Expires</th></tr></thead>
				<tr><td><span class="mobile-only">Name</span>_hjid</td><td><span class="mobile-only">Purpose</span>Visitor id</td><td><span class="mobile-only">Expires</span>1 year</td></tr></table>`,
			want: []got{{"_hjid", Statistics, "table"}},
		},
		{
			name: "a table without a header read by its columns",
			page: `<h2>Advertising cookies</h2><table><tr><td>ad_uid</td><td>ads.example</td><td>Follows the visitor across sites to pick ads</td><td>13 months</td></tr>
				<tr><td>ad_seen</td><td>ads.example</td><td>Counts how often an ad was shown to the visitor</td><td>30 days</td></tr></table>`,
			want: []got{{"ad_uid", Marketing, "table"}, {"ad_seen", Marketing, "table"}},
		},
		{
			// Each row's own header names its kind in a phrase; the table's
			// header is its first cookie's row.
			name: "rows whose headers name their kind in a phrase",
			page: `<h2>Les cookies du site</h2><table><thead><tr><th>Cookie technique</th><th>choix_site</th><th>exemple.fr</th><th>Garde la liste des choix que le visiteur a faits sur ce site</th><th>13 mois</th></tr></thead>
				<tbody><tr><th scope="row">Cookie de session tiers de statistique et de suivi</th><td>mesure_ses</td><td>Mesure</td><td>Retient les pages vues pendant la visite en cours du visiteur</td><td>30 minutes</td></tr>
				<tr><th scope="row">Cookie de session tiers de statistique et de suivi</th><td>mesure_id</td><td>Mesure</td><td>Dit si la visite est la première de ce visiteur sur le site</td><td>13 mois</td></tr>
				<tr><th scope="row">Cookie tiers de ciblage</th><td>pub_uid</td><td>Régie</td><td>Suit le visiteur de site en site pour choisir ce qui lui est montré</td><td>6 mois</td></tr>
				<tr><th scope="row">Cookie de session tiers</th><td>essai_x</td><td>Mesure</td><td>Vérifie que le navigateur du visiteur garde bien ce qui lui est confié</td><td>Session</td></tr></tbody></table>`,
			want: []got{{"choix_site", Necessary, "table"}, {"mesure_ses", Statistics, "table"}, {"mesure_id", Statistics, "table"},
				{"pub_uid", Marketing, "table"}, {"essai_x", Unclassified, "table"}},
		},
		{
			// A component's table whose header row is the page's
			// translation calls, and whose rows of browser storage name
			// their kind in the name column.
			name: "a header of template expressions and rows of storage kinds",
			page: `<h2>Cookies</h2><table><thead><tr><td>{Strings['cookies.table.title1']}</td><td>{Strings['cookies.table.title2']}</td><td>{Strings['cookies.table.title3']}</td><td>{Strings['cookies.table.title4']}</td></tr></thead>
				<tbody><tr><td>KC_RESTART</td><td>idp</td><td>Restarts sign-in after a timeout.</td><td>Session</td></tr>
				<tr><td>sso_state</td><td>idp</td><td></td><td>Session</td></tr>
				<tr><td>sso_nonce</td><td>idp</td><td></td><td>9h</td></tr>
				<tr><td>Local storage</td><td>N/A</td><td>draft_key</td><td>N/A</td></tr>
				<tr><td>Session storage</td><td>N/A</td><td>tab_key</td><td>N/A</td></tr></tbody></table>`,
			want: []got{{"KC_RESTART", Unclassified, "table"}, {"sso_state", Unclassified, "table"}, {"sso_nonce", Unclassified, "table"}},
		},
		{
			// A server template's table whose every other cell is a
			// message the template fills in: a column of names alone,
			// most of them known.
			name: "a column of names alone, most of them known",
			page: `<h2>Cookies</h2><table><tr><th><g:message code="cookies.name"/></th><th><g:message code="cookies.purpose"/></th></tr>
				<tr><td>_ga</td><td><g:message code="cookies.ga"/></td></tr><tr><td>_gid</td><td><g:message code="cookies.gid"/></td></tr>
				<tr><td>NID</td><td><g:message code="cookies.nid"/></td></tr><tr><td>site_lang</td><td><g:message code="cookies.lang"/></td></tr></table>
				<h2>Our partners</h2><table><tr><td>acme_one</td><td><g:message code="p.one"/></td><td></td></tr><tr><td>acme_two</td><td><g:message code="p.two"/></td><td></td></tr>
				<tr><td>NID</td><td><g:message code="p.three"/></td><td></td></tr></table>`,
			want: []got{{"_ga", Unclassified, "table"}, {"_gid", Unclassified, "table"}, {"NID", Unclassified, "table"}, {"site_lang", Unclassified, "table"}},
		},
		{
			name: "a service in the name column",
			page: `<h2>Analytics</h2><table><tr><th>Cookie</th><th>Purpose</th></tr><tr><td>Google Analytics 4</td><td>Counts visits</td></tr><tr><td>Unknown Widget</td><td>x</td></tr></table>`,
			want: []got{{"service Google Analytics", Statistics, "table"}},
		},
		{
			name: "bold paragraphs naming one cookie each",
			page: `<h2>Cookies we use</h2><p><strong>XSRF-TOKEN</strong></p><p>Protects forms.</p><p><strong>rc::a</strong></p><p>Tells people from robots.</p>
				<p><strong>HubSpot</strong></p><p>Our newsletter tool.</p><p><strong>Marketing/Tracking</strong></p><p><strong>Shop-widgets</strong></p>`,
			want: []got{{"XSRF-TOKEN", Unclassified, "prose"}, {"rc::a", Unclassified, "prose"}},
		},
		{
			name: "a service with its cookies in parentheses",
			page: `<h2>Necessary cookies</h2><table><tr><th>Cookie</th><th>Purpose</th></tr>
				<tr><td>Cloudflare (_cf_bm, cf_clearance)</td><td>bot protection</td></tr>
				<tr><td>support.example.com/help/cookies</td><td>x</td></tr></table>`,
			want: []got{{"_cf_bm", Necessary, "table"}, {"cf_clearance", Necessary, "table"}},
		},
		{
			// A bold label naming the names ("Nombre y duración de las
			// cookies") lists them, in capitals as they may be, each with
			// its lifetime in parentheses (prose, not code); a label of
			// the word for cookies alone does not make capitals names.
			name: "names listed after a label naming them",
			page: `<h2>Mapas</h2><p><strong>Nombre y duración de las cookies:</strong> UULE (duración: 1 día), OTZ (duración: 2 semanas), SIDCC (duración: 1 año)</p>
				<p><strong>Cookies:</strong> ABCD, EFGH, IJKL</p>`,
			want: []got{{"UULE", Unclassified, "prose"}, {"OTZ", Unclassified, "prose"}, {"SIDCC", Unclassified, "prose"}},
		},
		{
			// A minor heading holding a record's first line ("<h5>Name:
			// _gid</h5>"), its other lines in the paragraphs after it; a
			// line of a label and its value is no bare label.
			name: "records led by minor headings",
			page: `<h2>Analytics cookies</h2><div><h5><br/>Name: tally_x</h5><p>Purpose: Counts visits.</p><p>Expires in: 1 day</p>
				<h5><br/>Name: tally_y</h5><p>Purpose: Tells visitors apart.</p><p>Expires in: 2 years</p></div>`,
			want: []got{{"tally_x", Statistics, "record"}, {"tally_y", Statistics, "record"}},
		},
		{
			// A module's record named for a service whose words name a
			// category ("Google Analytics") declares the service: it is no
			// category's title.
			name: "a service among a module's records",
			page: `<h2>Cookies</h2><script>const rows = [{ name: "sess_key", category: "necessary", purpose: "Keeps you signed in" },
				{ name: "Google Analytics", category: "statistics", purpose: "Counts visits" }];</script>`,
			want: []got{{"sess_key", Necessary, "data"}, {"service Google Analytics", Statistics, "data"}},
		},
		{
			name: "a link under a label naming cookies is no name",
			page: `<h2>Services that set cookies</h2><h3>Site counter</h3><ul>
				<li><strong>Purpose:</strong> Counts the visits</li>
				<li><strong>Cookie policy:</strong> <a href="https://counter.example/cookies">https://counter.example/cookies</a></li></ul>`,
			want: nil,
		},
		{
			name: "labels are no names",
			page: `<h2>Analytics cookies</h2><p><strong>_ga</strong></p><ul><li>Duration: 2 years</li><li>Tells visitors apart</li></ul>
				<ul><li><strong>Duration</strong>: 1 day</li><li><strong>_gid</strong>: counts</li></ul>`,
			want: []got{{"_ga", Statistics, "prose"}, {"_gid", Statistics, "prose"}},
		},
		{
			name: "numbers and acronyms are no names",
			page: `<h2>Necessary</h2><table><tr><th>Cookie name</th><th>Purpose</th><th>Notes</th></tr><tr><td>tryit</td><td>x</td><td>Issue 25</td></tr>
				<tr><td>Google Fonts API</td><td>fonts</td><td>2024</td></tr></table>`,
			want: []got{{"tryit", Necessary, "table"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := ExtractHTML("page.html", []byte(tt.page), ExtractOptions{Knowledge: fakeKnowledge{}})
			if tt.want == nil {
				if err == nil {
					t.Fatalf("ExtractHTML() = %v, want no declarations", declared(p))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, declared(p)); diff != "" {
				t.Errorf("declarations (-want +got):\n%s\nwarnings: %q", diff, p.Warnings)
			}
		})
	}
}

// TestExtractMarkdownAndText reads pages kept as Markdown and as plain
// text, as Load recognises them by their content.
func TestExtractMarkdownAndText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, data string
		kind             Kind
		want             []got
	}{
		{
			name: "markdown tables mended", file: "cookies.txt", kind: KindMarkdown,
			data: "---\ntitle: Cookies\n---\n# Cookies\n\n## Analytics cookies\n\n| Cookie | Purpose | Expires |\n|---|---|---|---|\n| `_ga` | ids | 2 years |\n\n| `_gid` | ids | 1 day |\n",
			want: []got{{"_ga", Statistics, "table"}, {"_gid", Statistics, "table"}},
		},
		{
			name: "cookie names written without code in Markdown", file: "cookies.md", kind: KindMarkdown,
			data: "## Analytics cookies\n\n**_ga_[Property-ID]**\n\n- Kesto: 2 vuotta\n\n| Cookie | Purpose |\n|---|---|\n| _ga_* | ids |\n| __utmz | source |\n\nThis is _important_ and `_not_escaped_`.\n",
			// The code span keeps its underscores as written, unescaped.
			want: []got{{"_ga_[Property-ID]", Statistics, "prose"}, {"_ga_*", Statistics, "table"}, {"__utmz", Statistics, "table"},
				{"_not_escaped_", Statistics, "prose"}},
		},
		{
			// An HTML table in Markdown is markup: its cell's names keep
			// their underscores unescaped. A Kramdown attribute list after a
			// link is no text of the page.
			name: "HTML table and attribute lists in Markdown", file: "cookies.md", kind: KindMarkdown,
			data: "## Analytics cookies\n\n<table>\n  <tr><th>Cookie</th><th>Purpose</th></tr>\n  <tr>\n    <td>\n      __utma<br>\n      __utmb<br>\n      _gat_UA-1<br>\n      __utmz\n    </td>\n    <td>Counts visits.</td>\n  </tr>\n</table>\n\n" +
				"See [the opt-out](https://example.org/out){:target=\"_blank\"} for more.\n",
			want: []got{{"__utma", Statistics, "table"}, {"__utmb", Statistics, "table"}, {"_gat_UA-1", Statistics, "table"}, {"__utmz", Statistics, "table"}},
		},
		{
			name: "welsh sections and columns", file: "cwcis.md", kind: KindMarkdown,
			data: "# Cwcis\n\n## Cwcis hanfodol\n\n| Enw | Pwrpas | Dod i ben |\n|---|---|---|\n| site_sess | Yn cadw eich sesiwn | Pan fyddwch yn cau eich porwr |\n\n" +
				"## Mesur defnydd o'r gwasanaeth\n\nRydym yn casglu gwybodaeth am sut rydych yn defnyddio'r gwasanaeth.\n\n| Enw | Pwrpas | Dod i ben |\n|---|---|---|\n| visit_n | Yn cyfrif ymweliadau | 2 flynedd |\n\n" +
				"## Cwcis hysbysebu\n\n| Enw | Pwrpas | Dod i ben |\n|---|---|---|\n| ad_seg | Yn dangos hysbysebion | 1 mis |\n",
			want: []got{{"site_sess", Necessary, "table"}, {"visit_n", Statistics, "table"}, {"ad_seg", Marketing, "table"}},
		},
		{
			// Two names set apart alike and joined by a sign lead one item.
			name: "list item led by two names joined", file: "cookies.md", kind: KindMarkdown,
			data: "# Cookies\n\nWe use these cookies:\n\n* __`_ga`__  +  __`_gid`__:  \n  Google Analytics, counting visits.\n\n* __`theme`__:  \n  Keeps the chosen colours.\n",
			want: []got{{"_ga", Unclassified, "prose"}, {"_gid", Unclassified, "prose"}, {"theme", Unclassified, "prose"}},
		},
		{
			name: "front matter holding the cookie list", file: "cookies.md", kind: KindMarkdown,
			data: "---\ntitle: Cookie settings\nmanager:\n  necessaryCookies:\n    header: Necessary cookies\n    cookies:\n      - name: seen_popup\n        purpose: Remembers that the pop-up was closed.\n  analyticsCookies:\n    header: Statistics\n    cookies:\n      - name: _ga\n        purpose: Tells visitors apart.\n---\n",
			want: []got{{"seen_popup", Necessary, "list"}, {"_ga", Statistics, "list"}},
		},
		{
			// A Markdown paragraph's lines are one paragraph; each line
			// leading with a name and a colon is an entry. A hyphenated
			// name of lower-case words leads its line as well, where a
			// wrapped line's first word, known or not, is no name.
			name: "name: purpose lines in one paragraph", file: "cookies.md", kind: KindMarkdown,
			data: "# Política de cookies\n\n## Nuestras cookies\n\ncookie-notice-accepted: guarda si ha aceptado el aviso de cookies.\n\n" +
				"## Cookies analíticas\n\n_ga: distingue a los usuarios.\n_gid: distingue a los usuarios durante un día.\n\n" +
				"We keep an audit of them. The list is\naudit trail: kept for a year, like any\nfollow-up: of the cookies.\n",
			want: []got{{"cookie-notice-accepted", Unclassified, "prose"}, {"_ga", Statistics, "prose"}, {"_gid", Statistics, "prose"}},
		},
		{
			// Code that builds the page's table (R's htmltools): the
			// classes it gives the elements name styles, and a cell's
			// quoted text lists the names.
			name: "a table built by code", file: "cookies.R", kind: KindText,
			data: "cookies <- function() {\n  tags$p(\"We use these cookies.\"),\n  tags$table(class=\"govuk-table\",\n" +
				"    tags$thead(class=\"govuk-table__head\", tags$tr(class=\"govuk-table__row\", tags$th(\"Name\"), tags$th(\"Purpose\"))),\n" +
				"    tags$tbody(tags$tr(tags$td(class=\"govuk-table__cell\", \"_ga, _gid\"), tags$td(className = 'app-cell__text', \"Count visits\"))))\n}\n",
			want: []got{{"_ga", Unclassified, "prose"}, {"_gid", Unclassified, "prose"}},
		},
		{
			name: "plain text with a tab-separated table", file: "policy", kind: KindText,
			data: "Cookie policy\n\nStrictly necessary cookies\n\nProvider\tCookie name\tPurpose\nExample\tsessionid\tKeeps you signed in\n\n\nExample\tcsrftoken\tProtects forms\n",
			want: []got{{"sessionid", Necessary, "table"}, {"csrftoken", Necessary, "table"}},
		},
		{
			// A consent platform's cookie list saved as text: each category's
			// title, then its records of one label and one value per line.
			name: "records under each category's title in plain text", file: "saved.txt", kind: KindText,
			data: "Your choices\n\nEssentialAlways Active\n\nThese keep the site working.\n\n- Cookie\n\nsess_key\n\n- Duration\n\nsession\n\n" +
				"- Cookie\n\nform_guard\n\n- Duration\n\n1 day\n\nAnalytics\n\nThese count visits.\n\n- Cookie\n\nvisit_count\n\n- Duration\n\n1 year\n\n" +
				"Advertisement\n\n- Cookie\n\nad_match\n\n- Duration\n\n6 months\n",
			want: []got{{"sess_key", Necessary, "record"}, {"form_guard", Necessary, "record"}, {"visit_count", Statistics, "record"}, {"ad_match", Marketing, "record"}},
		},
		{
			// A banner's configuration: categories, each a title and its
			// cookies.
			name: "JSON data that is no policy file", file: "banner-config.txt", kind: KindData,
			data: `{"version": 3, "categories": [{"name": "Strictly necessary cookies", "description": "Needed to run the site.",` +
				` "cookies": [{"name": "edge_route", "host": "example.org", "expiry": "Session"}]},` +
				` {"name": "Performance cookies", "cookies": [{"name": "_ga", "host": "example.org", "expiry": "2 years"},` +
				` {"name": "visit_tally", "host": "example.org", "expiry": "1 day"}]}]}`,
			want: []got{{"edge_route", Necessary, "list"}, {"_ga", Statistics, "list"}, {"visit_tally", Statistics, "list"}},
		},
		{
			// A site's translations, which keep the cookie policy's bullets
			// under numbered keys beside the banner's texts under
			// "cookies": data, not a policy file with unknown keys.
			name: "a site's translations whose bullets declare cookies", file: "messages/es.json", kind: KindData,
			data: `{"home": {"title": "Bienvenido", "p1": "Hacemos programas para empresas pequeñas y medianas."},` +
				` "cookies": {"banner": "Usamos cookies", "acceptAll": "Aceptar"},` +
				` "legal": {"cookiesList": {"title": "Listado de cookies utilizadas", "p1": "Estas son las cookies del sitio:",` +
				` "bullet1": "tr_sess (Técnica): Mantiene la sesión. Duración: Sesión. Proveedor: Nosotros",` +
				` "bullet2": "tr_visits (Analítica): Cuenta las visitas. Duración: 1 año. Proveedor: Nosotros"}}}`,
			want: []got{{"tr_sess", Necessary, "prose"}, {"tr_visits", Statistics, "prose"}},
		},
		{
			// A whole site's translations: only the sections that talk of
			// cookies are read; a service card's acronym is no name.
			name: "a whole site's translations are read in their sections about cookies", file: "locales/es.json", kind: KindData,
			data: `{"home": {"title": "Inicio"}, "signin": {"title": "Entrar", "button": "Entrar"}, "footer": {"rights": "Todos los derechos"},` +
				` "landings": {"invoices": {"title": "Facturas", "keywords": ["OCR", "VPS", "n8n", "XML"]}},` +
				` "services": {"advantages": {"cards": [{"name": "Servidor propio (VPS)", "description": "Sus datos en un servidor suyo."},` +
				` {"name": "Facturas legales (XRF)", "description": "Facturas en el formato oficial."}]}},` +
				` "legal": {"cookiesList": {"title": "Cookies que usamos", "bullet1": "tr_sess (Técnica): Mantiene la sesión. Duración: Sesión",` +
				` "bullet2": "tr_visits (Analítica): Cuenta las visitas. Duración: 1 año"}}}`,
			want: []got{{"tr_sess", Necessary, "prose"}, {"tr_visits", Statistics, "prose"}},
		},
		{
			// A site's data file for its banner and its cookie page: a
			// top-level "cookies" list of the banner's consent records
			// beside the page's texts and sections, not a policy file.
			name: "a site's data file with a cookies list beside its page's sections", file: "_data/cookies.yml", kind: KindData,
			data: "title: Cookies on this site\nintro: We keep a few small files.\n" +
				"cookies:\n  - id: needed\n    name: needed_ok\n    default: true\n    title: Needed\n" +
				"banner:\n  accept-label: Fine\n  save-label: Keep my choice\n" +
				"policy-page:\n  sections:\n    - title: Essential cookies\n      list:\n" +
				"        - name: needed_ok\n          purpose: Remembers your choice of cookies.\n          expires: 1 year\n" +
				"    - title: Analytics cookies\n      list:\n" +
				"        - name: _ga\n          purpose: Tells visitors apart.\n          expires: 2 years\n" +
				"        - name: hit_tally\n          purpose: Counts the pages seen.\n          expires: 1 day\n",
			want: []got{{"needed_ok", Necessary, "list"}, {"_ga", Statistics, "list"}, {"hit_tally", Statistics, "list"}},
		},
		{
			// A site generator's data file that holds its cookie page as
			// one text in Markdown: data whose text is rendered as Markdown.
			name: "a YAML data file holding the page's Markdown", file: "_data/cookies.yml", kind: KindData,
			data: "body: |\n  ## Our cookies\n\n\n  We keep a few small files on your device, and count visits with a tool of our own.\n\n\n" +
				"  ### Analytics cookies\n\n\n  | Name | Purpose | Expires |\n  |---|---|---|\n  | tally_id | Tells visitors apart | 2 years |\n",
			want: []got{{"tally_id", Statistics, "table"}},
		},
		{
			// A site generator's list of cookies, each with fields of its
			// own (an entity, texts by language): data, not a policy file
			// written as a list.
			name: "a YAML list of a site's own records", file: "_data/cookies.yml", kind: KindData,
			data: "- name: tally_id\n  type: First-party\n  expiration:\n    en: 1 year\n  entity: Us\n  description:\n    en: Counts the visits.\n  links:\n    - example.org/cookies\n",
			want: []got{{"tally_id", Unclassified, "prose"}},
		},
		{
			// A city's consent settings keep every text in three languages:
			// each read in one.
			name: "data whose texts are kept in several languages", file: "siteSettings.json", kind: KindData,
			data: `{"cookieName": "x-consents", "requiredGroups": [{"groupId": "essential", "title": {"fi": "Välttämättömät evästeet", "en": "Essential cookies"},` +
				` "cookies": [{"name": "xs_sess", "host": "x.example", "description": {"fi": "Istunto", "en": "Keeps the session"}, "expiration": {"fi": "Istunto", "en": "Session"}}]}],` +
				` "optionalGroups": [{"groupId": "statistics", "title": {"fi": "Tilastot", "en": "Statistics cookies"},` +
				` "cookies": [{"name": "xs_count", "host": "x.example", "description": {"fi": "Laskee", "en": "Counts visits"}, "expiration": {"fi": "1 vuosi", "en": "1 year"}}]}]}`,
			want: []got{{"xs_sess", Necessary, "list"}, {"xs_count", Statistics, "list"}},
		},
		{
			// A content collection keeps each record's fields once per
			// language, the name under "id": the fields read in one.
			name: "records whose fields are kept per language", file: "cookies.json", kind: KindData,
			data: `[{"id": "pick_state", "de": {"purpose": "Speichert die Auswahl im Cookie-Fenster", "validity": "6 Monate"},` +
				` "en": {"purpose": "Keeps the choice made in the cookie window", "validity": "6 months"}},` +
				` {"id": "shade", "de": {"purpose": "Merkt sich das Farbschema der Seite", "validity": "variabel"},` +
				` "en": {"purpose": "Remembers the page's colour scheme", "validity": "variable"}}]`,
			want: []got{{"pick_state", Unclassified, "list"}, {"shade", Unclassified, "list"}},
		},
		{
			// A table of the categories and their legal bases names no
			// cookie: the articles' numbers are no names.
			name: "a table of categories and their legal bases", file: "cookies.md", kind: KindMarkdown,
			data: "## 3. Categorias de Cookies\n\n| Categoria | Descrição | Base legal | Exige consentimento? |\n|---|---|---|---|\n" +
				"| **Necessários** | Fazem o site funcionar, guardam a sua escolha e protegem contra fraude | art. 7º, II e IX, LGPD | Não (sempre ativos) |\n" +
				"| **Funcionais** | Lembram as suas preferências de navegação entre visitas | art. 7º, IX, LGPD (interesse legítimo) | Pode ser desativado |\n" +
				"| **Analíticos** | Contam as visitas para melhorar o site | art. 7º, I, LGPD (consentimento) | **Sim** |\n" +
				"| **Marketing** | Medem campanhas e personalizam anúncios | art. 7º, I, LGPD (consentimento) | **Sim** |\n\n" +
				"## Cookies\n\n| Name | Category | Expires |\n|---|---|---|\n| pick_state | Necessary | 1 year |\n",
			want: []got{{"pick_state", Necessary, "table"}},
		},
		{
			// The records' type written out in the declaration.
			name: "a module's records typed inline", file: "cookies.ts", kind: KindCode,
			data: "const COOKIES: { name: string; origin: string; purpose: string; ttl: string }[] = [\n" +
				"  { name: \"pick_state\", origin: \"This site\", purpose: \"Keeps your cookie choice\", ttl: \"1 year\" },\n" +
				"  { name: \"_ga\", origin: \"Google Analytics\", purpose: \"Tells visitors apart\", ttl: \"2 years\" },\n];\n",
			want: []got{{"pick_state", Unclassified, "data"}, {"_ga", Unclassified, "data"}},
		},
		{
			// A module keeps its sections' content in Markdown, shown by a
			// page that renders it: its tables are the page's.
			name: "a module's sections in Markdown", file: "policy.ts", kind: KindCode,
			data: "export const SECTIONS = [\n  { id: \"intro\", title: \"1. About\", content: `We keep **few** cookies.` },\n" +
				"  { id: \"list\", title: \"2. Cookies we set\", content: `Strictly necessary cookies:\n\n| Name | Purpose | Lifetime |\n|---|---|---|\n| pick_state | Keeps your cookie choice | 6 months |\n\n" +
				"Analytics cookies:\n\n| Name | Purpose | Lifetime |\n|---|---|---|\n| tally_id | Counts visits | 1 year |\n` },\n];\n",
			want: []got{{"pick_state", Necessary, "table"}, {"tally_id", Statistics, "table"}},
		},
		{
			// A page in Markdown embedded in a module as one string.
			name: "a page in Markdown kept as one string", file: "policy.ts", kind: KindCode,
			data: "const md = \"# Cookies\\n\\n## Necessary cookies\\n\\n| Name | Purpose | Lifetime |\\n|---|---|---|\\n| `pick_state` | Keeps your \\\"choice\\\" | 1 year |\\n\\n" +
				"## Analytics cookies\\n\\n| Name | Purpose | Lifetime |\\n|---|---|---|\\n| `tally_id` | Counts visits | 90 days |\\n\";\nexport default md;\n",
			want: []got{{"pick_state", Necessary, "table"}, {"tally_id", Statistics, "table"}},
		},
		{
			// A translation module keeps the policy's texts by cookie name,
			// each text in two languages; a group's key names its category.
			// A settings object whose cookies hold switches holds no records.
			name: "a module's records kept under their names", file: "cookie.const.ts", kind: KindCode,
			data: "export const SETTINGS = { cookies: { necessary: { enabled: true, readOnly: true } } };\n" +
				"export const COOKIE_TEXTS = {\n  necessary: {\n    en: 'Necessary',\n    cookies: {\n      pick_state: {\n        da: 'Husker dit valg.',\n        en: 'Remembers your choice.',\n" +
				"        duration: { da: '1 år', en: '1 year' },\n      },\n    },\n  },\n  analytics: {\n    en: 'Analytics',\n    cookies: {\n      'tally-id': {\n        da: 'Tæller besøg.',\n        en: 'Counts visits.',\n" +
				"        duration: { da: '2 år', en: '2 years' },\n      },\n    },\n  },\n};\n",
			want: []got{{"pick_state", Necessary, "data"}, {"tally-id", Statistics, "data"}},
		},
		{
			// A long text written over lines as strings joined by "+".
			name: "a module's records with texts joined over lines", file: "CookieStrings.ts", kind: KindCode,
			data: "export const CookieStrings = {\n  essential: [{\n    name: \"pick_state\",\n    purpose: \"Keeps your cookie choice\",\n" +
				"    expiry: \"When you close the browser \"\n    + 'or 3 months'\n  }],\n  analytics: [{ name: \"tally_id\", purpose: \"Counts visits\", expiry: \"1 year\" }],\n};\n",
			want: []got{{"pick_state", Necessary, "data"}, {"tally_id", Statistics, "data"}},
		},
		{
			// A module's records keyed in Turkish: the name is "isim", the
			// provider "kaynak".
			name: "a module's records keyed in Turkish", file: "page.tsx", kind: KindHTML,
			data: "const CEREZLER = [\n  { kategori: \"Zorunlu\", isim: \"pick_state\", kaynak: \"Site\", sure: \"1 yıl\", aciklama: \"Tercihinizi hatırlar.\" },\n" +
				"  { kategori: \"Analitik\", isim: \"tally_id\", kaynak: \"Sayaç\", sure: \"2 yıl\", aciklama: \"Ziyaretleri sayar.\" },\n];\n" +
				"export default function Page() { return <table>{CEREZLER.map((c) => <tr key={c.isim}><td>{c.isim}</td></tr>)}</table>; }\n",
			want: []got{{"pick_state", Necessary, "data"}, {"tally_id", Statistics, "data"}},
		},
		{
			// A consent tool's settings: groups that list their cookies'
			// names, each group's name its category, beside functions run
			// on a choice; an identifier of the group is not a cookie's.
			name: "a consent tool's groups listing their cookies", file: "nuxt.config.js", kind: KindCode,
			data: "export default {\n  cookies: {\n    necessary: [\n      { name: \"Necessary cookies\", description: \"They keep the site working.\", cookies: [\"pick_state\"] }\n    ],\n" +
				"    optional: [\n      { name: \"Analytics cookies\", identifier: \"stats\", description: \"They count visits.\", src: \"x.js\", cookies: [\"tally_id\", \"tally_s\"],\n" +
				"        accepted: () => { window.dataLayer = window.dataLayer || []; }, label: (n) => n, declined: function () {} }\n    ]\n  }\n};\n",
			want: []got{{"pick_state", Necessary, "data"}, {"tally_id", Statistics, "data"}, {"tally_s", Statistics, "data"}},
		},
		{
			// A TypeScript module casts its values ("as const", "as
			// Localized") and keeps each text in two languages.
			name: "a TypeScript module's records with casts and texts in two languages", file: "cookies.ts", kind: KindCode,
			data: "export const groups = [\n  {\n    key: \"g1\" as const,\n    title: { da: \"Nødvendige\", en: \"Necessary\" } as Localized,\n    cookies: [\n" +
				"      { name: \"pick_state\", purpose: { da: \"Husker dit valg.\", en: \"Remembers your choice.\" } as Localized, duration: { da: \"1 år\", en: \"1 year\" } as Localized },\n    ],\n  },\n" +
				"  {\n    key: \"g2\" as const,\n    title: { da: \"Statistik\", en: \"Statistics\" } as Localized,\n    cookies: [\n" +
				"      { name: \"tally_id\", purpose: { da: \"Tæller besøg.\", en: \"Counts visits.\" } as Localized, duration: { da: \"2 år\", en: \"2 years\" } as Localized },\n    ] satisfies Item[],\n  },\n] as const;\n",
			want: []got{{"pick_state", Necessary, "data"}, {"tally_id", Statistics, "data"}},
		},
		{
			// A module keeps its records under keys of its own words: the
			// values tell a lifetime and a purpose.
			name: "a module's records under keys of the site's own words", file: "stored.ts", kind: KindCode,
			data: "export const stored: Record<'necessary' | 'analytics', Item[]> = {\n" +
				"  necessary: [\n    { name: 'pick_state', text: 'Remembers your cookie choice so the banner stays away.', kept: '6 months' },\n  ],\n" +
				"  analytics: [\n    { name: 'tally_id', text: 'Tells visits apart so that we see how the site is used.', kept: '2 years' },\n  ],\n};\n",
			want: []got{{"pick_state", Necessary, "data"}, {"tally_id", Statistics, "data"}},
		},
		{
			// A module whose records name their provider by a call, made
			// when it runs, and which returns them from a function.
			name: "a module's records holding calls", file: "cookies.ts", kind: KindCode,
			data: "export const usages = (domain = \"shop.example\") => [\n" +
				"  { cookie: \"pick_state\", description: `Keeps the cookie choice.`, provider: providerOf(domain, [1, \")\"]), retention: \"1 year\", purpose: \"essential\" },\n" +
				"  { cookie: \"_ga\", description: `Tells visitors apart.`, provider: { domain: \"Google LLC\" }, retention: \"2 years\", purpose: \"analytical\" },\n];\n",
			want: []got{{"pick_state", Necessary, "data"}, {"_ga", Statistics, "data"}},
		},
		{
			// A TypeScript module that keeps the cookie list, naming the
			// provider by a constant: the constant's text is the value.
			name: "a TypeScript module's records naming constants", file: "cookies.ts", kind: KindCode,
			data: "export interface CookieRow {\n  name: string;\n  provider: string;\n  category: Category;\n}\n\n" +
				"const FIRST_PARTY = 'shop.example';\n\nexport const COOKIE_ROWS: CookieRow[] = [\n" +
				"  { name: 'ts_sess', provider: FIRST_PARTY, purpose: 'Keeps you signed in.', category: 'necessary' },\n" +
				"  { name: 'ts_count', provider: ANALYTICS.vendor, purpose: 'Counts visits.', category: 'analytics' },\n];\n",
			want: []got{{"ts_sess", Necessary, "data"}, {"ts_count", Statistics, "data"}},
		},
		{
			// A module that names its cookies once, in an object of
			// constants, and its records by their paths.
			name: "a module's records naming an object constant's keys", file: "cookies.ts", kind: KindCode,
			data: "export const KEYS = {\n  choice: \"qm_choice\",\n  visitor: \"qm_vid\",\n} as const;\n\n" +
				"export const cookies: Row[] = [\n" +
				"  { name: KEYS.choice, category: \"necessary\", purpose: \"Keeps your cookie choice.\" },\n" +
				"  { name: KEYS.visitor, category: \"analytics\", purpose: \"Tells visitors apart.\" },\n];\n",
			want: []got{{"qm_choice", Necessary, "data"}, {"qm_vid", Statistics, "data"}},
		},
		{
			// Each feature's section lists its cookies' names and their
			// type, which is the category: a record of two labels.
			name: "a list of the cookies' names and a type naming their category", file: "privacy.md", kind: KindMarkdown,
			data: "# Privacy\n\n## Cookies we set\n\n### Forms\n\nA token protects the forms you send.\n\n" +
				"* Cookie names: formtoken\n* Type: strictly necessary cookie\n\n### Saved lists\n\nYour lists are kept in your browser.\n\n" +
				"* Cookie names: shelf, activeShelf\n* Type: functionality cookie\n\n### Comments (third party)\n\n" +
				"* Cookie names: NIDX, cmt_unique\n* Type: performance cookie\n",
			want: []got{{"formtoken", Necessary, "list"}, {"shelf", Preferences, "list"}, {"activeShelf", Preferences, "list"},
				{"NIDX", Statistics, "list"}, {"cmt_unique", Statistics, "list"}},
		},
		{
			// A name alone in bold leads lines of labelled fields, a value
			// broken over lines and a field of no role among them: the
			// record of a cookie whose name no shape marks.
			name: "a bold name leading lines of plain labels", file: "privacy.tsx", kind: KindHTML,
			data: "export default function Page() {\n  return (\n    <div>\n      <h5>Notwendige Cookies</h5>\n" +
				"      <p>\n        <strong>shop-session</strong>\n        <br />\n        Zweck: Verwaltung der Sitzung und\n        der Auswahl\n        <br />\n" +
				"        Speicherdauer: 7 Tage\n        <br />\n        Rechtsgrundlage: Art. 6 Abs. 1 lit. f DSGVO\n      </p>\n" +
				"      <h5>Analyse-Cookies</h5>\n      <p>\n        <strong>shop-analytics</strong>\n        <br />\n        Zweck: Eigene Analyse\n        <br />\n        Speicherdauer: 30 Tage\n      </p>\n" +
				"      <p>\n        <strong>Wichtig</strong>\n        <br />\n        Hinweis: Sie können widersprechen.\n      </p>\n    </div>\n  );\n}\n",
			want: []got{{"shop-session", Necessary, "record"}, {"shop-analytics", Statistics, "record"}},
		},
		{
			// A list item under a heading that names cookies lists a
			// service's cookies after a dash in plain text; a paragraph
			// there that names no cookie names none.
			name: "a service's cookies in a list item under a heading of cookies", file: "cookies.html", kind: KindHTML,
			data: "<h1>Policy</h1><h2>Third-party cookies</h2><ul>\n<li><strong>Tally</strong> — _tl_id, _tl_s; up to 2 years.</li>\n</ul>\n" +
				"<p>Our links carry utm_source for campaigns.</p>\n",
			want: []got{{"_tl_id", Unclassified, "prose"}, {"_tl_s", Unclassified, "prose"}},
		},
		{
			// A bold lead that names a category, run into its paragraph,
			// heads the table right after the paragraph.
			name: "a heading run into the paragraph before a table", file: "cookies.md", kind: KindMarkdown,
			data: "## Cookies we use\n\n**Necessary (no consent needed).**\n\n| Name | Purpose | Lifetime |\n| --- | --- | --- |\n| `pick_state` | Keeps your choice | 1 year |\n\n" +
				"**Analytics (only if you accept).** If you accept, we count visits.\n\n| Name | Purpose | Lifetime |\n| --- | --- | --- |\n| `tally_id` | Counts visits | 2 years |\n",
			want: []got{{"pick_state", Necessary, "table"}, {"tally_id", Statistics, "table"}},
		},
		{
			// A service's fields, each led by a label in bold, one of them
			// a column's: the others are labels too, no names; a list of
			// names led so stands.
			name: "a service's fields in a list of bold labels", file: "cookies.html", kind: KindHTML,
			data: "<h2>Third-party cookies</h2><h3>Tally</h3><p>Tally uses cookies to count visits.</p><ul>\n" +
				"<li><strong>Purpose:</strong> counting visits</li>\n<li><strong>IP-anonymization:</strong> on</li>\n<li><strong>Data-sharing:</strong> none</li>\n</ul>\n" +
				"<h3>Our cookies</h3><ul>\n<li><strong>pick-state:</strong> keeps your cookie choice</li>\n<li><strong>_tl_id:</strong> counts visits</li>\n</ul>\n",
			want: []got{{"pick-state", Unclassified, "prose"}, {"_tl_id", Unclassified, "prose"}},
		},
		{
			// Code that sets a constant or calls a function names no
			// cookie, in a paragraph about cookies.
			name: "a constant set and a function called in code", file: "cookies.md", kind: KindMarkdown,
			data: "## Cookies\n\n| Name | Purpose | Lifetime |\n| --- | --- | --- |\n| `pick_state` | Keeps the cookie choice | 1 year |\n\n" +
				"The cookie choice expires after a year (`CONSENT_DURATION_DAYS = 365`); test it with `simulateExpiry()`.\n",
			want: []got{{"pick_state", Unclassified, "table"}},
		},
		{
			// A Hungarian table's type column ("Típusa", its type) gives
			// each row's category.
			name: "a Hungarian table with a type column", file: "cookie.html", kind: KindHTML,
			data: "<h2>Cookie-k</h2><table><thead><tr><th>Cookie neve</th><th>Típusa</th><th>Célja</th><th>Megőrzési idő</th></tr></thead><tbody>\n" +
				"<tr><td><code>pick_state</code></td><td>szükséges</td><td>Beállítások tárolása</td><td>12 hónap</td></tr>\n" +
				"<tr><td><code>tally_id</code></td><td>statisztikai</td><td>Látogatottsági mérés</td><td>2 év</td></tr>\n</tbody></table>\n",
			want: []got{{"pick_state", Necessary, "table"}, {"tally_id", Statistics, "table"}},
		},
		{
			// A PHP template prints its texts through a translation
			// function given the source text (<?= __('Name') ?>, echo,
			// _e): the page shows that text, markup and all.
			name: "a PHP template's texts printed by gettext", file: "cookies.php", kind: KindHTML,
			data: "<h2><?php echo __('Necessary cookies'); ?></h2>\n<table><thead><tr><th><?= __('Name') ?></th><th><?php _e('Purpose', 'site') ?></th><th><?= __('Duration') ?></th></tr></thead><tbody>\n" +
				"<tr><td>sess_key</td><td><?= __('Keeps you signed in') ?></td><td><?= __('Session') ?></td></tr>\n" +
				"<tr><td><?= __('choice record (localStorage: <code>site_choice</code>)') ?></td><td><?= __('Remembers your choice') ?></td><td>1 year</td></tr>\n</tbody></table>\n",
			// The name cell's note says the record is local storage.
			want: []got{{"sess_key", Necessary, "table"}, {"site_choice (localStorage)", Necessary, "table"}},
		},
		{
			// A registry of browser storage: a key of any name whose value
			// names web storage gives the record's type; a table's
			// "Tecnologia" column does too.
			name: "a storage registry's records and a technology column", file: "storage.ts", kind: KindCode,
			data: "export const REGISTRY = {\n  essential: [\n" +
				"    { name: 'zz_choice_v1', purpose: 'Keeps the consent decision.', duration: 'Persistent', provider: 'Us', storage: 'localStorage' },\n" +
				"    { name: 'zz_sid', purpose: 'Keeps the session.', duration: 'Session', provider: 'Us', storage: 'cookie' },\n  ],\n};\n",
			want: []got{{"zz_choice_v1 (localStorage)", Necessary, "data"}, {"zz_sid", Necessary, "data"}},
		},
		{
			name: "a markdown table's technology column", file: "cookies.md", kind: KindMarkdown,
			data: "## Cookies\n\n| Nome / chave | Categoria | Tecnologia | Finalidade | Duração |\n|---|---|---|---|---|\n" +
				"| `zz_consent_v1` | Necessário | localStorage | Guarda a escolha | 12 meses |\n" +
				"| `zz_sess` | Necessário | Cookie HTTPOnly Secure | Sessão do painel | Sessão |\n",
			want: []got{{"zz_consent_v1 (localStorage)", Necessary, "table"}, {"zz_sess", Necessary, "table"}},
		},
		{
			// A consent tool's categories are records too, but a name of
			// words that name a category is a category's title, no
			// cookie's ("Publicité et personnalisation"); a service's
			// name stays one (see TestExtractLayouts).
			name: "a module's categories beside its cookies", file: "cookies.ts", kind: KindCode,
			data: "export const groups = [\n" +
				"  { id: \"ads\", name: \"Publicité et personnalisation\", description: \"Mesure des campagnes.\", required: false },\n" +
				"  { id: \"stats\", name: \"Mesure d'audience\", description: \"Statistiques de fréquentation.\", required: false },\n];\n" +
				"export const registry = [\n" +
				"  { name: \"site_choice\", category: \"essential\", purpose: \"Conserver votre choix.\", retention: \"6 mois\" },\n" +
				"  { name: \"tally_id\", category: \"measurement\", purpose: \"Compter les visites.\", retention: \"13 mois\" },\n];\n",
			want: []got{{"site_choice", Necessary, "data"}, {"tally_id", Statistics, "data"}},
		},
		{
			// A word alone on an item's first line, joined by a sign as
			// names are, names a cookie, its purpose on the lines below;
			// a plain word so ("Chrome", a browser's instructions) does
			// not.
			name: "words alone on items' first lines", file: "cookies.html", kind: KindHTML,
			data: "<h3>Nødvendige informasjonskapsler</h3><ul>\n<li>\n  site-consent\n  <br />\n  Husker om du har takket ja eller nei.\n</li>\n" +
				"<li>\n  restore-scroll\n  <br />\n  Husker hvor du var på siden.\n</li>\n</ul>\n<h3>Slik sletter du informasjonskapsler</h3><ul>\n<li>\n  Chrome\n  <br />\n  Åpne innstillingene.\n</li>\n</ul>\n",
			want: []got{{"site-consent", Necessary, "prose"}, {"restore-scroll", Necessary, "prose"}},
		},
		{
			// An Astro page's front matter is code: its groups titled
			// for cookies list their names under a key of examples; a
			// group that lists none ("— none —") declares nothing.
			name: "groups of examples in an Astro page's code", file: "cookies.astro", kind: KindHTML,
			data: "---\nimport Layout from \"../layouts/Layout.astro\";\nconst groups = [\n" +
				"  { title: \"Essential cookies\", text: \"Keep you signed in.\", examples: [\"sess_key\", \"csrf_key\"], lifetime: \"1 year\" },\n" +
				"  { title: \"Analytics cookies\", text: \"Count visits.\", examples: [\"tally_id\"], lifetime: \"2 years\" },\n" +
				"  { title: \"Marketing cookies\", text: \"Not used now.\", examples: [\"— none —\"], lifetime: \"—\" },\n];\n---\n" +
				"<Layout><h1>Cookies</h1>{groups.map((g) => <section><h2>{g.title}</h2><p>{g.text}</p></section>)}</Layout>\n",
			want: []got{{"sess_key", Necessary, "data"}, {"csrf_key", Necessary, "data"}, {"tally_id", Statistics, "data"}},
		},
		{
			// A label joining the name to its host ("nameAndDomain",
			// "Namn och domän") is the name's; a service named beside its own host
			// ("Vimeo (vimeo.com)") is no cookie; Swedish "Inställningar"
			// (settings) are preferences.
			name: "records of names and domains", file: "page.tsx", kind: KindHTML,
			data: "const rows = [\n" +
				"  { id: \"session\", nameAndDomain: \"sess_key (.example.se)\", category: \"Nödvändig\", purpose: \"Håller dig inloggad.\" },\n" +
				"  { id: \"lang\", nameAndDomain: \"pick_lang (example.se)\", category: \"Inställningar\", purpose: \"Kommer ihåg ditt språk.\" },\n" +
				"  { id: \"video\", nameAndDomain: \"Vimeo (player.vimeo.com)\", category: \"Funktionell\", purpose: \"Visar filmer.\" },\n];\n" +
				"export default function Page() {\n  return <main><h1>Kakor</h1>{rows.map((r) => <p key={r.id}>{r.purpose}</p>)}</main>;\n}\n",
			want: []got{{"sess_key", Necessary, "data"}, {"pick_lang", Preferences, "data"}},
		},
		{
			// A header of names or services ("Navn / tjeneste") is the
			// names' column; the type column gives the categories.
			name: "a column of names or services", file: "cookies.html", kind: KindHTML,
			data: "<h2>Oversikt</h2><table><thead><tr><th>Navn / tjeneste</th><th>Formål</th><th>Leverandør</th><th>Type</th></tr></thead><tbody>\n" +
				"<tr><td><code>pick_state</code></td><td>Husker om du har avvist analyse.</td><td>Nettstedet</td><td>Nødvendig</td></tr>\n" +
				"<tr><td><code>tally_id</code></td><td>Teller besøk.</td><td>Telleren</td><td>Analyse</td></tr>\n</tbody></table>\n",
			want: []got{{"pick_state", Necessary, "table"}, {"tally_id", Statistics, "table"}},
		},
		{
			// "Required" as a verb ("the way you have required") says
			// nothing of a need: functionality cookies stay preferences.
			name: "required as a verb under a heading of functionality", file: "cookies.md", kind: KindMarkdown,
			data: "## Essential cookies\n\nThese cookies are required for the site to work.\n\n| Name | Purpose |\n| --- | --- |\n| sess_key | Keeps you signed in |\n\n" +
				"## Functionality cookies\n\nThese cookies let us serve you in the way you have required.\n\n| Name | Purpose |\n| --- | --- |\n| pick_state | Keeps your layout |\n",
			want: []got{{"sess_key", Necessary, "table"}, {"pick_state", Preferences, "table"}},
		},
		{
			// A heading that labels the name ("Cookie name: …") or sets
			// the word cookie beside it heads that cookie's text.
			name: "headings that label a cookie's name", file: "cookies.md", kind: KindMarkdown,
			data: "# Cookies\n\n## Cookie name: site_vid\n\nKeeps the visitor's id for a year.\n\n## Cookie pref_x\n\nRemembers the layout.\n\n## tally_id cookie\n\nCounts visits.\n",
			want: []got{{"site_vid", Unclassified, "prose"}, {"pref_x", Unclassified, "prose"}, {"tally_id", Unclassified, "prose"}},
		},
		{
			// A link's attributes written after it, as documentation
			// sites write them, are markup, not a name.
			name: "a link's attributes after it", file: "cookies.md", kind: KindMarkdown,
			data: "# 쿠키\n\n>쿠키 설정을 바꿀 때 [담당자에게 문의](https://example.org/contact){target=_blank}합니다.\n\n| 쿠키 | 설명 |\n| --- | --- |\n| `tally_id` | 방문 수를 셉니다. |\n",
			want: []got{{"tally_id", Unclassified, "table"}},
		},
		{
			// A sentence in Japanese that says the necessary cookies
			// serve the site's basic functions does not define
			// "functional" as necessary: it is no heading.
			name: "functions in a Japanese sentence on necessary cookies", file: "cookies.html", kind: KindHTML,
			data: "<h2>必須Cookie</h2><p>ページの表示やログインなど、基本の機能に必要なCookieです。</p>\n" +
				"<table><tr><th>Cookie名</th><th>目的</th></tr><tr><td>sess_key</td><td>ログイン状態</td></tr></table>\n" +
				"<h2>機能Cookie</h2><p>表示の設定を覚えておくためのCookieです。</p>\n" +
				"<table><tr><th>Cookie名</th><th>目的</th></tr><tr><td>pick_theme</td><td>テーマの記憶</td></tr></table>\n",
			want: []got{{"sess_key", Necessary, "table"}, {"pick_theme", Preferences, "table"}},
		},
		{
			// A word of necessity after "where" or "if" is a condition
			// of what is done, not a need of the cookies in the row.
			name: "required by law in a purpose", file: "cookies.html", kind: KindHTML,
			data: "<h2>Cookie usage</h2><table><thead><tr><th>Cookie</th><th>Title</th><th>Description</th></tr></thead><tbody>\n" +
				"<tr><td>tally_a<br>tally_b</td><td>The counter</td><td><p>Keeps when you last came.</p><p>The counter may pass this on where required to do so by law, or, if necessary, to its processors.</p></td></tr>\n</tbody></table>\n",
			want: []got{{"tally_a", Unclassified, "table"}, {"tally_b", Unclassified, "table"}},
		},
		{
			// Leads in bold whose items note a lifetime name cookies,
			// plain words as they may be; a label with a colon does not.
			name: "bold leads of items that note a lifetime", file: "cookies.html", kind: KindHTML,
			data: "<h2>Cookies niezbędne</h2><ul>\n<li><strong>pickState</strong> - przechowuje zgodę (ważność: 365 dni)</li>\n" +
				"<li><strong>language</strong> - wybór języka (ważność: 365 dni)</li>\n</ul>\n<ul>\n<li><strong>Cookies:</strong> <code>tally_id</code> (2 lata)</li>\n</ul>\n",
			want: []got{{"pickState", Necessary, "prose"}, {"language", Necessary, "prose"}, {"tally_id", Necessary, "prose"}},
		},
		{
			// A table's body drawn by a component per row, its cells the
			// component's attributes; a component outside a table's body
			// is left as it is.
			name: "a table's rows drawn by components", file: "page.tsx", kind: KindHTML,
			data: "export default function Page() {\n  return (\n    <main>\n      <h2>Cookies</h2>\n      <Badge label=\"x_y\" tone=\"a_b\" size=\"c_d\" />\n" +
				"      <table>\n        <thead><tr><th>Cookie</th><th>Tipo</th><th>Finalidad</th><th>Duración</th></tr></thead>\n        <tbody>\n" +
				"          <Row name=\"pick_state\" type=\"Técnica\" purpose=\"Recordar tu elección &amp; idioma\" duration=\"6 meses\" />\n" +
				"          <Row name=\"tally_id\" type=\"Analítica\" purpose=\"Contar visitas\" duration=\"13 meses\" />\n        </tbody>\n      </table>\n    </main>\n  );\n}\n",
			want: []got{{"pick_state", Necessary, "table"}, {"tally_id", Statistics, "table"}},
		},
		{
			// A Nunjucks page with little markup is a template of HTML.
			name: "a template named .njk is HTML", file: "cookies.njk", kind: KindHTML,
			data: "{% extends 'base.njk' %}\n{% block main %}\n<p>Essential cookies: <code>sess_key</code> keeps you signed in.</p>\n{% endblock %}\n",
			want: []got{{"sess_key", Unclassified, "prose"}},
		},
		{
			// A lead that starts with the word for cookies and ends with a
			// colon introduces the names of the list after it, plain words
			// as they may be, and names their category; a list of purposes
			// after "We use cookies for:" names none.
			name: "plain words listed under a lead that starts with the word for cookies", file: "cookies.md", kind: KindMarkdown,
			data: "## Our use of cookies\n\nWe use cookies for:\n\n- analytics\n- advertising\n\n" +
				"Cookies for keeping the accessibility settings on:\n\n- bigtext\n\nCookies for measuring the use of the site:\n- _ga\n- _gid\n",
			want: []got{{"bigtext", Preferences, "prose"}, {"_ga", Statistics, "prose"}, {"_gid", Statistics, "prose"}},
		},
		{
			// A Rails view in Markdown that starts with a template tag and
			// whose sentences hold tags broken over lines: Markdown, and the
			// tags' code names no cookie.
			name: "a Markdown view with template tags across lines", file: "cookies.md", kind: KindMarkdown,
			data: "<% content_for :title, 'Cookies' %>\n\n# Cookies\n\nCookies are small files kept on your device when you visit a site.\n\nWe use cookies to make the <%= t(site_area, scope: %i[service name]) %> service work.\n\n" +
				"## Essential cookies\n\nEssential cookies keep your data safe while you use the <%=\nt(site_area, scope: %i[service name]) %> service. We do not ask your leave to use them.\n\n" +
				"| Name | Purpose | Expires |\n|---|---|---|\n| app_sess | Keeps you signed in | 20 hours |\n",
			want: []got{{"app_sess", Necessary, "table"}},
		},
		{
			// A page's code saved as text: groups whose rows are arrays.
			name: "rows kept as arrays in code saved as text", file: "cookie-groups.txt", kind: KindText,
			data: "const groups = [\n  {\n    title: \"2. Strictly Necessary Cookies\",\n    cookies: [\n" +
				"      [\"edge_sess\", \"app.example.org\", \"Session\", \"First Party\", \"Keeps the session of the server.\"],\n" +
				"      [\"form_guard\", \"example.org\", \"1 day\", \"First Party\", \"Protects the forms from forgery.\"],\n    ],\n  },\n" +
				"  {\n    title: \"3. Performance Cookies\",\n    cookies: [\n" +
				"      [\"_ga\", \"example.org\", \"2 years\", \"First Party\", \"Tells visitors apart for statistics.\"],\n    ],\n  },\n];\n",
			want: []got{{"edge_sess", Necessary, "data"}, {"form_guard", Necessary, "data"}, {"_ga", Statistics, "data"}},
		},
		{
			// A site generator's data file, kept apart from its page.
			name: "YAML data holding the cookie list", file: "cookie-info", kind: KindData,
			data: "cookieBanner:\n  essentials:\n    header: Nødvendige cookies\n    cookies:\n      - name: seen_banner\n        purpose: Husker at banneret er lukket.\n" +
				"  tracking:\n    header: Markedsføring\n    cookies:\n      - name: ad_trace\n        purpose: Følger besøk på tvers av nettsteder.\n  buttonText: Lagre\n",
			want: []got{{"seen_banner", Necessary, "list"}, {"ad_trace", Marketing, "list"}},
		},
		{
			name: "YAML data in a file named .yml", file: "_data/cookies.yml", kind: KindData,
			data: "groups:\n  - title: Analytics cookies\n    items:\n      - name: _ga\n        duration: 2 years\n",
			want: []got{{"_ga", Statistics, "list"}},
		},
		{
			name: "JSON with a policy file's key is a policy file", file: "declared.txt", kind: KindFile,
			data: `{"cookies": [{"name": "a", "category": "necessary"}]}`,
			want: []got{{"a", Necessary, ""}},
		},
		{
			name: "a policy file whatever its name", file: "declared.txt", kind: KindFile,
			data: "cookies:\n  - name: a\n    category: necessary\n",
			want: []got{{"a", Necessary, ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if k := Sniff(tt.file, []byte(tt.data)); k != tt.kind {
				t.Errorf("Sniff() = %s, want %s", k, tt.kind)
			}
			p, err := Load(tt.file, []byte(tt.data), ExtractOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, declared(p)); diff != "" {
				t.Errorf("declarations (-want +got):\n%s\nwarnings: %q", diff, p.Warnings)
			}
		})
	}
}

// TestSniffKeepsPolicyErrors holds that a broken policy file stays a
// policy file, whose error names the line, and is not read as data.
func TestSniffKeepsPolicyErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ file, data string }{
		{"policy.yaml", "site: x\ncookie:\n  - name: a\n"},
		{"policy.yaml", "Cookies:\n  - name: a\n"},
		{"policy.yaml", "cokie:\n  - name: a\n"},
		{"policy.yaml", "Service:\n  - name: a\n"},
		{"policy.yaml", "title: Our cookies\ncookies:\n  - name: a\n"},
		{"policy.yaml", "title: Our cookies\nowner: me\ncookies:\n  - name: a\n"},
		{"policy.yaml", "site: example.org\nnotes: ours\nmeta:\n  owner: me\ncookies:\n  - name: a\n"},
		{"policy.yaml", "- name: a\n  category: necessary\n"},
		{"policy.yaml", "- name: a\n  category: necessary\n  expires: 2y\n  description: counts\n"},
		{"policy.json", `[{"name": "a", "category": "necessary"}]`},
		{"policy.json", `{"site": "x", "cookie": [{"name": "a"}]}`},
		{"declared", "services:\n  - name: Google Analytics\n    cookies: [a]\n  - {bad\n"},
	} {
		if k := Sniff(tc.file, []byte(tc.data)); k != KindFile {
			t.Errorf("Sniff(%s, %q) = %s, want %s", tc.file, tc.data, k, KindFile)
		}
	}
}

// TestLeadLineFields reads the fields of a record led by a bold name: a
// value broken over lines is one value, and a field of no role ends the
// one before it.
func TestLeadLineFields(t *testing.T) {
	t.Parallel()
	page := "export const Page = () => (\n  <div>\n    <h2>Necessary cookies</h2>\n    <p>\n      <strong>shop-session</strong>\n      <br />\n      Purpose: keeps the session and\n      Basket-Choice\n      <br />\n" +
		"      Lifetime: 7 days\n      <br />\n      Legal basis: legitimate interest\n    </p>\n  </div>\n);\n"
	p, err := ExtractHTML("privacy.tsx", []byte(page), ExtractOptions{Knowledge: fakeKnowledge{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Cookies) != 1 {
		t.Fatalf("got %d declarations, want 1: %v", len(p.Cookies), declared(p))
	}
	c := p.Cookies[0]
	if c.Name.String() != "shop-session" || c.Purpose != "keeps the session and Basket-Choice" || c.Duration.Text != "7 days" {
		t.Errorf("got name %q, purpose %q, lifetime %q; want shop-session, \"keeps the session and the basket\", \"7 days\"", c.Name, c.Purpose, c.Duration.Text)
	}
}

// TestJoinedLeads reads the names that lead a list item joined by a word,
// a sign or a short phrase, and the rest of the item as their purpose; a
// word in bold after such a phrase that is no name ends the lead.
func TestJoinedLeads(t *testing.T) {
	t.Parallel()
	page := "<h2>Analytics cookies</h2><ul>\n" +
		"<li><strong>_tl</strong> + <strong>_tl_s</strong>: count visits.</li>\n" +
		"<li><strong>_tx</strong> and those starting with <strong>_tx_</strong> — tell visits apart. Lifetime: 2 years.</li>\n" +
		"<li><strong>_ty</strong> and also the <strong>Secure</strong> flag — keep sessions.</li>\n</ul>"
	p, err := ExtractHTML("page.html", []byte(page), ExtractOptions{Knowledge: fakeKnowledge{}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range p.Cookies {
		got = append(got, c.Name.String()+": "+c.Purpose)
	}
	want := []string{"_tl: count visits.", "_tl_s: count visits.", "_tx: tell visits apart. Lifetime: 2 years.", "_tx_: tell visits apart. Lifetime: 2 years.",
		"_ty: and also the Secure flag — keep sessions."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names and purposes (-want +got):\n%s", diff)
	}
}
