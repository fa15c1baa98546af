package policy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExtractWebLayouts covers layouts met on real pages that earlier
// rules lost or misread, each written here in our own words: JSX style
// tags, links repeated from record to record, tables titled by a row
// above their header, questions and opt-out paragraphs as headings,
// purposes led by a category, long column headers, and Markdown files
// that hold markup.
func TestExtractWebLayouts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		page string
		want []got
	}{
		{
			name: "a self-closed style element in JSX does not hide the tables after it",
			file: "Cookies.jsx",
			page: `export default function Cookies() { return (<div className="page">
				<style dangerouslySetInnerHTML={{ __html: ".t td { padding: 4px; }" }} type="text/css" />
				<table className="t"><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead>
				<tbody><tr><td>shop_sess</td><td>Keeps the basket</td><td>Session</td></tr></tbody></table>
				<script src="/x.js" />
				<table className="t"><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead>
				<tbody><tr><td>shop_lang</td><td>Remembers the language</td><td>1 year</td></tr></tbody></table>
				</div>); }`,
			want: []got{{"shop_sess", Unclassified, "table"}, {"shop_lang", Unclassified, "table"}},
		},
		{
			name: "functional cookies defined as needed in the paragraph under their heading are necessary",
			file: "cookiebeleid.html",
			page: `<h2>Soorten cookies</h2>
				<h3>3.1 Functionele cookies</h3>
				<p>Deze cookies zijn nodig om de site te laten werken en worden zonder toestemming geplaatst.</p>
				<h3>3.2 Statistische cookies</h3>
				<p>Deze cookies meten het bezoek, na uw toestemming.</p>
				<table><tr><th>Naam</th><th>Type</th><th>Bewaartermijn</th></tr>
				<tr><td>kw_mandje</td><td>Functioneel</td><td>1 jaar</td></tr>
				<tr><td>kw_teller</td><td>Statistisch</td><td>1 jaar</td></tr></table>`,
			want: []got{{"kw_mandje", Necessary, "table"}, {"kw_teller", Statistics, "table"}},
		},
		{
			name: "functional cookies described by what they remember stay preferences",
			file: "cookies.html",
			page: `<h3>Functional cookies</h3>
				<p>These cookies remember the choices you make, such as your language.</p>
				<table><tr><th>Name</th><th>Type</th><th>Expiry</th></tr>
				<tr><td>kw_lang</td><td>Functional</td><td>1 year</td></tr></table>`,
			want: []got{{"kw_lang", Preferences, "table"}},
		},
		{
			name: "a template's front matter above its markup is data, not text",
			file: "cookiebeleid.html",
			page: "---\ntitle: \"Cookiebeleid\"\nog_image: \"assets/logo.png\"\nog_locale: \"nl_NL\"\n---\n" +
				`<h2>Cookies die wij gebruiken</h2>
				<table><tr><th>Naam</th><th>Doel</th><th>Bewaartermijn</th></tr>
				<tr><td>kw_sessie</td><td>Houdt uw sessie bij</td><td>Sessie</td></tr></table>`,
			want: []got{{"kw_sessie", Unclassified, "table"}},
		},
		{
			name: "functional cookies the site cannot work without are necessary",
			file: "cookies.html",
			page: `<h4>Cookies fonctionnels :</h4>
				<p>Sans ces cookies, il vous est impossible de naviguer sur notre site et d'utiliser ses fonctions.</p>
				<table><tr><th>Nom</th><th>Type</th><th>Durée</th></tr>
				<tr><td>kw_session</td><td>Fonctionnel</td><td>Session</td></tr></table>`,
			want: []got{{"kw_session", Necessary, "table"}},
		},
		{
			name: "records whose values are JSX elements keep each record's own category",
			file: "CookiePolicy.tsx",
			page: `const cookies: CookieData[] = [
				  {
				    nome: "kw_lang",
				    scopo: (
				      <Trans>
				        Memorizza la lingua scelta.
				      </Trans>
				    ),
				    durata: <Trans>1 Anno</Trans>,
				    categoria: <Trans>Preferenze</Trans>,
				    link: <Trans>N/A</Trans>, // prima parte
				  },
				  {
				    nome: "kw_ads",
				    scopo: <Trans>Collega gli acquisti agli <b>annunci</b>.</Trans>,
				    durata: <Trans>3 Mesi</Trans>,
				    categoria: <Trans>Marketing</Trans>,
				    link: (<Link href="https://example.org/privacy" target="_blank" rel="noopener noreferrer"><Trans>Informativa</Trans></Link>),
				  },
				];
				export default function Page() { return <section><h1>Cookie policy</h1><Table rows={cookies} /></section>; }`,
			want: []got{{"kw_lang", Preferences, "data"}, {"kw_ads", Marketing, "data"}},
		},
		{
			name: "an introduction saying cookies give the site functionality names no kind of cookies",
			file: "cookies.de.md",
			page: "# Cookies\n\nDiese Seite nutzt \"Cookies\", um bessere Funktionalitäten bieten zu können.\nWir setzen diese Cookies:\n\n" +
				"* __`kw_stats`__:  \n    Zählt anonym die Seitenaufrufe\n\n* __`kw_theme`__:  \n    Speichert das gewählte Farbschema\n",
			want: []got{{"kw_stats", Unclassified, "prose"}, {"kw_theme", Unclassified, "prose"}},
		},
		{
			name: "what a template's comments hold is not declared",
			file: "cookies.php",
			page: `export default function Page() { return (<section><h2>Analytics cookies</h2>
				<table><thead><tr><th>Name</th><th>Purpose</th><th>Expiry</th></tr></thead><tbody>
				<tr><td>kw_keep</td><td>Counts visits</td><td>1 year</td></tr>
				{/* <tr><td>kw_jsx</td><td>Old counter</td><td>1 year</td></tr> */}
				<?php /*
				<tr><td>kw_php</td><td>Old counter</td><td>1 year</td></tr>
				*/ ?>
				</tbody></table>
				{{-- <p>We also set <code>kw_blade</code>, an analytics cookie.</p> --}}
				{# <p>We also set <code>kw_twig</code>, an analytics cookie.</p> #}
				<%-- <p>We also set <code>kw_jsp</code>, an analytics cookie.</p> --%>
				{% comment %}<p>We also set <code>kw_liquid</code>, an analytics cookie.</p>{% endcomment %}
				</section>)}`,
			want: []got{{"kw_keep", Statistics, "table"}},
		},
		{
			name: "a list of the data a site keeps, led by phrases in bold, declares no cookies",
			file: "privacy.html",
			page: `<h2>Cookies</h2><ul><li><strong>kw_consent</strong>: onthoudt je keuze (1 jaar)</li></ul>
				<h2>Bewaartermijnen</h2><ul>
				<li><strong>Contact- en aanvraag-gegevens:</strong> bewaard zolang nodig, hoogstens 12 maanden.</li>
				<li><strong>Gepersonaliseerde demo-links:</strong> bewaard zolang de demo loopt.</li>
				<li><strong>Uitvoering van een (pre-)contractuele relatie:</strong> voor je aanvraag.</li></ul>`,
			want: []got{{"kw_consent", Unclassified, "prose"}},
		},
		{
			name: "a heading per cookie names it: a known name, or an identifier in lower camel case, not a brand",
			file: "cookies.md",
			page: "# Cookies\n\nThese are the cookies we use.\n\n### CookieConsent\n\nThis cookie keeps your choice.\n\n" +
				"### siteLoginKept\n\nThis cookie keeps you signed in after the window is closed.\n\n" +
				"### HubSpot\n\nWe use HubSpot for our forms; it sets no cookie on this site.\n",
			want: []got{{"CookieConsent", Unclassified, "prose"}, {"siteLoginKept", Unclassified, "prose"}},
		},
		{
			name: "a word the page uses as a placeholder in its names is no name of its own",
			file: "hotjar.html",
			page: `<h2>Analytics cookies</h2><p>These cookies measure visits. Mentions of site_id refer to the ID given to each site.</p>
				<table><tr><th>Cookie name</th><th>Purpose</th><th>Duration</th></tr>
				<tr><td>kw_visit_{site_id}</td><td>Marks the visit.</td><td>30 minutes</td></tr></table>`,
			want: []got{{"kw_visit_{site_id}", Statistics, "table"}},
		},
		{
			name: "a UI kit's table components are read as a table (MUI, in Hungarian)",
			file: "page.tsx",
			page: `export default function CookiePolicy() { return (<Box><Typography variant="h5" component="h2">Statisztikai sütik</Typography>
				<TableContainer><Table size="small"><TableHead><TableRow>
				<TableCell><strong>Név</strong></TableCell><TableCell><strong>Szolgáltató</strong></TableCell><TableCell><strong>Cél</strong></TableCell>
				</TableRow></TableHead><TableBody><TableRow>
				<TableCell>kw_stats</TableCell><TableCell>Példa</TableCell><TableCell>Látogatások számlálása</TableCell>
				</TableRow></TableBody></Table></TableContainer></Box>) }`,
			want: []got{{"kw_stats", Statistics, "table"}},
		},
		{
			// A component of the site's own draws each table from its
			// props: a header and rows of texts, one row or more.
			name: "a component's table passed as props",
			file: "page.tsx",
			page: `export default function Page() { return (<LegalPage><h3>Nødvendige cookies</h3>
				<LegalTable head={["Cookie", "Formål", "Udløb"]} rows={[["kw_pick", "Husker dit valg", "12 måneder"]]} />
				<h3>Statistik-cookies</h3>
				<LegalTable head={["Cookie", "Formål", "Udløb"]} rows={[
				  ["kw_visit (Analytics)", "Tæller besøg", "2 år"],
				  ["kw_visit_* (Analytics)", "Skelner mellem brugere", "2 år"],
				]} /></LegalPage>) }`,
			want: []got{{"kw_pick", Necessary, "table"}, {"kw_visit", Statistics, "table"}, {"kw_visit_*", Statistics, "table"}},
		},
		{
			// A parser reads "<Nav />" as a nav element left open: the
			// rest of the page would be the site's navigation.
			name: "a self-closed component before the policy",
			file: "page.tsx",
			page: `export default function Page() { return (<><Nav /><main><h2>Analytics cookies</h2><table><thead><tr>
				<th>Cookie</th><th>Purpose</th><th>Duration</th></tr></thead>
				<tbody><tr><td>kw_visit</td><td>Counts visits</td><td>1 year</td></tr></tbody></table></main><Footer /></>) }`,
			want: []got{{"kw_visit", Statistics, "table"}},
		},
		{
			name: "shadcn/ui's table components, whose TableHead is a header cell",
			file: "page.tsx",
			page: `export default function Page() { return (<section><h2>Analytics cookies</h2><Table><TableHeader><TableRow>
				<TableHead>Cookie</TableHead><TableHead>Purpose</TableHead><TableHead>Duration</TableHead></TableRow></TableHeader>
				<TableBody><TableRow><TableCell>kw_visit</TableCell><TableCell>Counts visits</TableCell><TableCell>1 year</TableCell></TableRow></TableBody></Table></section>) }`,
			want: []got{{"kw_visit", Statistics, "table"}},
		},
		{
			name: "a table introduced by what the site cannot do without its cookies holds necessary ones",
			file: "cookies.html",
			page: `<h2>Deklaracja</h2><p>Bez tych plików cookie korzystanie ze strony nie byłoby możliwe.</p>
				<table><tr><th>Nazwa</th><th>Dostawca</th><th>Cel</th></tr>
				<tr><td>kw_sess</td><td>Przykład</td><td>Utrzymuje sesję.</td></tr></table>`,
			want: []got{{"kw_sess", Necessary, "table"}},
		},
		{
			name: "a phrase in bold is no name, nor a note on a cell that names no cookie",
			file: "cookies.html",
			page: `<h2>Necessary</h2><p>These are required for the site to work. This includes <strong>cookieless, anonymised page-view analytics</strong>.</p>
				<table><tr><th>Name</th><th>Provider</th><th>Purpose</th></tr>
				<tr><td><code>kw_consent</code></td><td>example.org</td><td>Stores your choice</td></tr>
				<tr><td><em>None (cookieless)</em></td><td>stats.example.org</td><td>Counts page views</td></tr></table>`,
			want: []got{{"kw_consent", Necessary, "table"}},
		},
		{
			name: "a Turkish table's columns and heading",
			file: "cerez-politikasi.md",
			page: "## Zorunlu Çerezler\n\n| Çerez Adı | Amaç | Süre |\n|---|---|---|\n| theme | Tema tercihini saklar | 1 yıl |\n",
			want: []got{{"theme", Necessary, "table"}},
		},
		{
			// No category column, caption or heading: a purpose that names
			// one category says what its cookie is; one that names two, or
			// none, says nothing of it.
			name: "a table without categories is read by the one category its purpose names",
			file: "cookies.html",
			page: `<h2>Cookies on this site</h2><table><tr><th>Cookie</th><th>Descripción</th></tr>
				<tr><td>tb_imp</td><td>Cookies utilizadas para gestionar las impresiones y clics de la publicidad mostrada en el sitio</td></tr>
				<tr><td>tb_count</td><td>Set by our analytics tool to count the pages each visitor reads</td></tr>
				<tr><td>tb_choice</td><td>Keeps your choice of analytics and advertising cookies</td></tr>
				<tr><td>tb_misc</td><td>Set when you read a page</td></tr></table>`,
			want: []got{{"tb_imp", Marketing, "table"}, {"tb_count", Statistics, "table"}, {"tb_choice", Unclassified, "table"}, {"tb_misc", Unclassified, "table"}},
		},
		{
			name: "rows a JSX table maps from an array of arrays are read under its header",
			file: "privacy.tsx",
			page: `export default function Privacy() { return (<section><h2>Cookies</h2>
				<table><thead><tr><th>Cookie</th><th>Anbieter</th><th>Zweck</th><th>Dauer</th><th>Typ</th></tr></thead>
				<tbody>{[
				  ['jr_consent', 'Diese Website', 'Speichert Ihre Einstellungen', '1 Jahr', 'Notwendig'],
				  ['jr_stats', 'Zählwerk', 'Unterscheidet Besucher', '2 Jahre', 'Analyse'],
				].map((row, idx) => (
				  <tr key={row[0]} className={idx % 2 === 0 ? 'bg-white' : 'bg-cream'}>
				    {row.map((cell, i) => (<td key={i}>{i === 0 ? <code>{cell}</code> : cell}</td>))}
				  </tr>))}
				</tbody></table></section>); }`,
			want: []got{{"jr_consent", Necessary, "table"}, {"jr_stats", Statistics, "table"}},
		},
		{
			// A whole policy kept as preformatted text in a page: its
			// headings and its records of labelled lines are read as a
			// plain-text page's; a block of code beside it declares nothing.
			name: "a policy kept as preformatted text in a page",
			file: "cookies.php",
			page: "<html><body><main><pre>Πολιτική Cookies\n\nΧρησιμοποιούμε cookies σε αυτόν τον ιστότοπο για τους σκοπούς που περιγράφονται παρακάτω.\n\n" +
				"1. Απαραίτητα cookies (Strictly Necessary):\n\nΌνομα: pr_choice\nΣκοπός: Κρατά την επιλογή σας\nΔιάρκεια: 365 ημέρες\n\n" +
				"2. Απόδοσης cookies (Performance):\n\nΌνομα: pr_visits\nΣκοπός: Μετρά τις επισκέψεις\nΔιάρκεια: 2 χρόνια\n</pre>" +
				"<pre>document.cookie = \"pr_demo=1; path=/\"; if (a) { b(); } else { c(); } // example (of) [code] = {x}\n" +
				"setCookie(\"pr_example\", value, { days: 30 }); function f() { return g(h(i)); }</pre></main></body></html>",
			want: []got{{"pr_choice", Necessary, "record"}, {"pr_visits", Statistics, "record"}},
		},
		{
			// A Blade template that keeps its texts in a translation table
			// of its own and shows each by its key: the keys are no names,
			// the texts are the page.
			name: "a Blade template's texts shown by their keys from its own translation table",
			file: "cookie-policy.blade.php",
			page: "<!DOCTYPE html>\n@php\n    $translations = [\n        'en' => [\n            'page_title' => 'Cookie policy',\n" +
				"            'n_title' => 'Necessary (always active)',\n            'n_1' => 'bl_session — keeps your basket.',\n" +
				"            'a_title' => 'Analytics (consent required)',\n            'a_1' => 'bl_visits — counts visits.',\n        ],\n    ];\n" +
				"    $t = fn (string $key) => $translations['en'][$key] ?? $key;\n@endphp\n<html><body><h1>{{ $t('page_title') }}</h1>" +
				"<h3>{{ $t('n_title') }}</h3><ul><li>{{ $t('n_1') }}</li></ul><h3>{{ $t('a_title') }}</h3><ul><li>{{ $t('a_1') }}</li></ul></body></html>",
			want: []got{{"bl_session", Necessary, "prose"}, {"bl_visits", Statistics, "prose"}},
		},
		{
			// Items led by a name in a plain span, then a dash: a colon
			// inside the name, or a label's colon later in the item, does
			// not end the lead.
			name: "list items led by a name and a dash, with colons in the name or after it",
			file: "cookies.tsx",
			page: `<main><h1>Política de cookies</h1><h2>Almacenamiento local necesario</h2><ul>
				<li><span className="text-white">tienda:favoritos:v1</span> — la lista de coches que marcas como favoritos.</li>
				<li><span className="text-white">tienda:comparador:v1</span> — los coches que añades al comparador.</li></ul>
				<h2>Cookies analíticas</h2><ul>
				<li><span className="text-white">ti_visit</span> — distingue navegadores entre sí. Caducidad: 2 años. Titular: Nosotros.</li></ul></main>`,
			want: []got{{"tienda:favoritos:v1", Necessary, "prose"}, {"tienda:comparador:v1", Necessary, "prose"}, {"ti_visit", Statistics, "prose"}},
		},
		{
			// Words for cookies in languages that have their own: a page
			// talking about kolačići (Croatian) names its cookies in prose.
			name: "prose naming cookies in a language with its own word for them",
			file: "kolacici.html",
			page: `<h2>O stranici</h2><p>Koristimo kolačić <code>hr_visit</code> da bismo zapamtili posjet.</p>`,
			want: []got{{"hr_visit", Unclassified, "prose"}},
		},
		{
			// A list of each category's lifetime names no cookie.
			name: "a list of categories and their lifetimes names no cookie",
			file: "cookies.md",
			page: "## Cookies persistants\n\n- Analytics : 2 ans\n- Préférences : 1 an\n- Marketing : 30 jours\n\n## Détails\n\n- `sm_session` : 1 an\n",
			want: []got{{"sm_session", Unclassified, "prose"}},
		},
		{
			// A design system's Nunjucks page draws its table with a macro:
			// the rows are read as the table, under the heading above it;
			// the form's radios after it name the form's field, no cookie.
			name: "a template's table macro is read as a table and its form macros are no text",
			file: "cookies.njk",
			page: `{% extends "layout.njk" %}
				{% block content %}
				<h2 class="govuk-heading-l">Analytics cookies (optional)</h2>
				<p class="govuk-body">We count visits to improve the service.</p>
				{{ govukTable({
				  caption: "Analytics cookies we use",
				  head: [{ text: "Name" }, { text: "Purpose" }, { text: "Expires" }],
				  rows: [
				    [{ text: "_ga" }, { text: "Tells visitors apart" }, { text: "2 years" }],
				    [{ text: "ga_[random number]" }, { text: "Slows the requests down" }, { text: "2 years" }]
				  ]
				}) }}
				{{ govukRadios({
				  name: "cookies[analytics]",
				  idPrefix: "cookies-analytics",
				  items: [{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]
				}) }}
				{% endblock %}`,
			want: []got{{"_ga", Statistics, "table"}, {"ga_[random number]", Statistics, "table"}},
		},
		{
			// A Vue page draws its sections from objects whose content is
			// markup in a template literal, shown with v-html.
			name: "a script's sections of markup shown with v-html are read under their titles",
			file: "cookie-policy.vue",
			page: "<template><section v-for=\"s in sections\"><h2>{{ s.title }}</h2><div v-html=\"s.content\"></div></section></template>\n" +
				"<script setup>\nconst year = 2026\nconst sections = [\n" +
				"  { title: \"Introduzione\", content: `<p>Questa pagina spiega i cookie del sito (${year}).</p>` },\n" +
				"  { title: \"Cookie utilizzati\", content: `<p>Usiamo questi cookie:</p><table><thead><tr><th>Nome</th><th>Tipo</th><th>Durata</th></tr></thead>\n" +
				"    <tbody><tr><td><strong>erb_consent</strong></td><td>Essenziale</td><td>365 giorni</td></tr>\n" +
				"    <tr><td><strong>erb_visits</strong></td><td>Analitico</td><td>2 anni</td></tr></tbody></table>` },\n]\n</script>\n",
			want: []got{{"erb_consent", Necessary, "table"}, {"erb_visits", Statistics, "table"}},
		},
		{
			// A React page's module keeps its sections as objects whose
			// content is Markdown in a template literal: the module's code
			// is the page's script, though no script element holds it.
			name: "a component module's sections of Markdown are read under their titles",
			file: "CookiePolicy.tsx",
			page: "import { Layout } from \"@/components/Layout\";\n\nconst sections = [\n" +
				"  { title: \"About cookies\", content: `Cookies are small files a site keeps in your browser.` },\n" +
				"  { title: \"Cookies we use\", content: `**Analytics cookies**\n| Cookie Name | Purpose | Duration |\n|---|---|---|\n" +
				"| rv_visit | Counts visits | 1 year |\n\n**Strictly Necessary Cookies**\n| Cookie Name | Purpose | Duration |\n|---|---|---|\n" +
				"| rv_sess | Keeps you signed in | Session |` },\n];\n\n" +
				"export default function CookiePolicy() {\n  return (<Layout>{sections.map((s) => (<section key={s.title}><h2>{s.title}</h2><Markdown text={s.content} /></section>))}</Layout>);\n}\n",
			want: []got{{"rv_visit", Statistics, "table"}, {"rv_sess", Necessary, "table"}},
		},
		{
			// A page's code keeps groups, each a title (under a key for a
			// name, in Romanian) and its cookies: the groups are no records,
			// their titles name their cookies' category.
			name: "groups of records in code are read under their titles",
			file: "page.tsx",
			page: "const groups = [\n" +
				"  { id: \"nec\", nume: \"Cookie-uri Strict Necesare\", descriere: \"Sunt necesare site-ului.\", cookies: [\n" +
				"    { nume: \"ro_sess\", durata: \"Sesiune\", scop: \"Păstrează sesiunea\" } ] },\n" +
				"  { id: \"an\", nume: \"Cookie-uri Analitice\", descriere: \"Numără vizitele.\", cookies: [\n" +
				"    { nume: \"ro_count\", durata: \"1 an\", scop: \"Numără vizitele\" } ] },\n];\n" +
				"export default function P() { return (<main>{groups.map(g => <section key={g.id}><h2>{g.nume}</h2><p>{g.descriere}</p></section>)}</main>); }\n",
			want: []got{{"ro_sess", Necessary, "data"}, {"ro_count", Statistics, "data"}},
		},
		{
			// Paragraphs led by names before a colon: those the knowledge
			// base knows are names, in plain text as they are.
			name: "known names leading a paragraph before a colon",
			file: "cookies.md",
			page: "## Cookies we use\n\nNID, IDE: set by the maps and the ads we show. Six months.\n\nNOTE: a word that is no known name.\n",
			want: []got{{"NID", Marketing, "prose"}, {"IDE", Marketing, "prose"}},
		},
		{
			// A script module: its data is read, its keys of code are no
			// names, however much the code speaks of cookies.
			name: "a script module's keys of code are no names",
			file: "consent.js",
			page: "// Cookie consent settings and the cookies we set.\nexport const settings = {\n  autoclear_cookies: true,\n  page_scripts: true,\n  cookie_banner_text: 'We use cookies',\n};\n" +
				"export const analyticsCookies = [\n  { name: 'visit_tally', purpose: 'Counts the visits', duration: '1 day' },\n];\n",
			want: []got{{"visit_tally", Statistics, "data"}},
		},
		{
			// A banner's configuration in a script (Orest Bida's
			// cookieconsent v2): its keys are code, not names; its cookie
			// tables' rows of numbered columns are read under each block's
			// title.
			name: "a banner's configuration module: numbered columns read, keys of code not",
			file: "cookieconsent-init.js",
			page: "var cc = initCookieConsent();\ncc.run({\n  current_lang: 'en',\n  autoclear_cookies: true,\n  page_scripts: true,\n" +
				"  languages: { en: { settings_modal: {\n    title: 'Cookie settings',\n    save_settings_btn: 'Save',\n" +
				"    cookie_table_headers: [{ col1: 'Name' }, { col2: 'Domain' }, { col3: 'Expiration' }],\n    blocks: [\n" +
				"      { title: 'Analytics cookies', description: 'They count the visits.', toggle: { value: 'analytics', enabled: false },\n" +
				"        cookie_table: [\n          { col1: '^_ga', col2: 'example.org', col3: '2 years', is_regex: true },\n" +
				"          { col1: 'visit_tally', col2: 'example.org', col3: '1 day' }\n        ] }\n    ] } } }\n});\n",
			want: []got{{"^_ga", Statistics, "data"}, {"visit_tally", Statistics, "data"}},
		},
		{
			// The same configuration kept as JSON in a module: its keys
			// are quoted.
			name: "a banner's configuration with quoted keys, exported by a module",
			file: "ja.js",
			page: "export default {\n  \"settings_modal\": {\n    \"cookie_table_headers\": [{ \"col1\": \"Name\" }, { \"col2\": \"Domain\" }],\n" +
				"    \"blocks\": [\n      { \"title\": \"Analytics cookies\", \"description\": \"They count the visits.\",\n" +
				"        \"cookie_table\": [\n          { \"col1\": \"^_pk_id\", \"col2\": \"example.org\", \"is_regex\": true },\n" +
				"          { \"col1\": \"visit_tally\", \"col2\": \"example.org\" }\n        ] }\n    ]\n  }\n}\n",
			want: []got{{"^_pk_id", Statistics, "data"}, {"visit_tally", Statistics, "data"}},
		},
		{
			// A consent tool's translation module keeps each cookie's
			// description under its name, by service; the texts a banner
			// keeps under a key for cookies are no cookies.
			name: "a module's translations: descriptions under the cookies' names",
			file: "fi.js",
			page: "export default {\n  tools: {\n    provider: \"Example\",\n    cookie: {\n" +
				"      _ga: \"Tells the visitors apart for two years.\",\n      visit_tally: \"Counts the pages a visitor sees.\",\n    },\n  },\n" +
				"  remarketing: {\n    cookie: {\n      \"ads/ga-audiences\": \"Reaches the visitors again with ads.\",\n    },\n  },\n" +
				"  banner: {\n    cookies: {\n      title: \"About the cookies we use\",\n      description: \"We use cookies to measure our site.\",\n    },\n  },\n" +
				"  groups: {\n    cookies: {\n      strictly_necessary: \"These cookies keep the site working.\",\n      site_analytics: \"These cookies count the visits.\",\n    },\n  },\n};\n",
			want: []got{{"_ga", Unclassified, "data"}, {"visit_tally", Unclassified, "data"}, {"ads/ga-audiences", Marketing, "data"}},
		},
		{
			// A Shopify section: its schema is the theme editor's settings,
			// not the page.
			name: "a Shopify section's schema is no text of the page",
			file: "page-cookies.liquid",
			page: `<section><h2>{{ section.settings.heading }}</h2><h3>Analytische cookies</h3>
				<table><tr><th>Naam</th><th>Doel</th><th>Bewaartermijn</th></tr><tr><td>visit_tally</td><td>Telt bezoeken</td><td>1 jaar</td></tr></table></section>
				{% schema %}
				{
				  "name": "Pagina",
				  "blocks": [
				    {
				      "type": "article",
				      "name": "Blok",
				      "settings": [
				        {
				          "type": "text",
				          "id": "heading",
				          "label": "Kop"
				        },
				        {
				          "type": "richtext",
				          "id": "content",
				          "label": "Inhoud",
				          "info": "Alleen alinea's en lijsten."
				        }
				      ]
				    },
				    {
				      "type": "cookie_table",
				      "name": "Blok met cookie-tabel",
				      "limit": 1,
				      "settings": [
				        {
				          "type": "paragraph",
				          "content": "De cookie-tabel staat vast in de sectie."
				        }
				      ]
				    }
				  ]
				}
				{% endschema %}`,
			want: []got{{"visit_tally", Statistics, "table"}},
		},
		{
			// A table drawn with divisions: the header row in one container,
			// the rows in the next, each row's first cell holding a copy of
			// the row's fields for phones.
			name: "a grid of divisions with a header row is read as a table",
			file: "galetes.html",
			page: `<h3>Galetes pròpies</h3>
				<div class="list"><div class="list-header"><div>Galeta</div><div>Proveïdor</div><div>Finalitat</div><div>Durada</div></div></div>
				<div class="list-content">
				  <div class="list-item"><div><div class="s-hidden">gv_cart</div><div class="m-hidden l-hidden"><p>gv_cart</p><p>Nosaltres</p><p>Tècnica</p><p>30 dies</p></div></div>
				    <div>Nosaltres</div><div>Tècnica o necessària</div><div>30 dies</div></div>
				  <div class="list-item"><div><div class="s-hidden">gv_visits</div><div class="m-hidden l-hidden"><p>gv_visits</p></div></div>
				    <div>Nosaltres</div><div>Analítica</div><div>2 anys</div></div>
				</div>`,
			want: []got{{"gv_cart", Necessary, "table"}, {"gv_visits", Statistics, "table"}},
		},
		{
			// A banner's details drawn as a grid of divisions, with Slovak
			// column titles, under a category's heading.
			name: "a grid of divisions under Slovak column titles",
			file: "footer.php",
			page: `<div class="details"><h4>Potrebné cookies</h4><div class="rows">
				<div class="row"><div>Názov</div><div>Doména</div><div>Vyprší</div><div>Popis</div></div>
				<div class="row"><div>sk_sess</div><div>.obchod.sk</div><div>počas návštevy</div><div>Drží reláciu.</div></div>
				</div></div>`,
			want: []got{{"sk_sess", Necessary, "table"}},
		},
		{
			// Each cookie's name in bold after a list's dash, then a list of
			// its fields.
			name: "a name in bold after a dash heads the list of its fields",
			file: "cookies.html",
			page: `<h2>Cookies on this site</h2><h3>Analytics cookies</h3>
				<b>- visit_mark</b><ul><li><b>Description:</b> Counts the visits to the site.</li><li><b>Provider:</b> Ourselves</li></ul>
				<b>- visit_span</b><ul><li><b>Description:</b> Tells one visit from the next.</li><li><b>Provider:</b> Ourselves</li></ul>`,
			want: []got{{"visit_mark", Statistics, "list"}, {"visit_span", Statistics, "list"}},
		},
		{
			// A description, then the purpose in a word: the category.
			name: "a record's second purpose field of a word or two names its category",
			file: "galetes.html",
			page: `<p><strong>Galetes d'aquest lloc</strong></p>
				<b>acceptGaletes</b><ul><li><b>Descripció:</b> Sap si heu acceptat les galetes.</li><li><b>Finalitat:</b> Necessària</li><li><b>Proveïdor:</b> Pròpia</li></ul>
				<b>comptaVisites</b><ul><li><b>Descripció:</b> Compta les visites al lloc.</li><li><b>Finalitat:</b> Analítica</li><li><b>Proveïdor:</b> Pròpia</li></ul>`,
			want: []got{{"acceptGaletes", Necessary, "list"}, {"comptaVisites", Statistics, "list"}},
		},
		{
			// The page has talked of cookies; a later section names none
			// but gives a tracker's known cookies in code, beside a word
			// of code that is no cookie.
			name: "known cookie names in code under a heading that names no cookie, on a page about cookies",
			file: "cookies.html",
			page: `<h2>What this covers</h2><p>Cookies are small files a browser keeps for a site.</p>
				<h2>Partners we work with</h2>
				<p>With the partner's tag switched on, the identifiers <code>_ga</code> and <code>_gid</code> may be read,
				and the flag <code>send_beacon</code> is set in the tag's settings.</p>`,
			want: []got{{"_ga", Unclassified, "prose"}, {"_gid", Unclassified, "prose"}},
		},
		{
			name: "records passed to a JSX component are read under the heading above it",
			file: "CookiePolicy.tsx",
			page: `export default function CookiePolicy() { return (<section>
				<h3 className="font-bold">Cookie strettamente necessari</h3>
				<p className="text-sm">Servono al funzionamento del sito.</p>
				<CookieTable cookies={[
				  { name: "cp_sess", provider: "sito (prima parte)", purpose: "Tiene la sessione > 1 pagina", duration: "Sessione" },
				  { name: "cp_theme", provider: "sito (prima parte)", purpose: "Ricorda il tema", type: "localStorage", duration: "12 mesi" },
				]} />
				<h3 className="font-bold">Cookie analitici</h3>
				<CookieTable cookies={[{ name: "cp_visits", provider: "sito", purpose: "Conta le visite", duration: "1 anno" }]} />
				<Chart points={[1, 2, 3]} />
				</section>); }`,
			want: []got{{"cp_sess", Necessary, "table"}, {"cp_theme (localStorage)", Necessary, "table"}, {"cp_visits", Statistics, "table"}},
		},
		{
			// A page converted to Markdown with its cells' line breaks kept:
			// a row goes on over several lines, blank ones included.
			name: "Markdown rows over several lines, and a company's row over its cookies",
			file: "cookies.md",
			page: "## Strictly necessary cookies\n\n| Who serves these cookies and why | Name | Domain | Duration |\n| --- | --- | --- | --- |\n" +
				"| **Harbour** |\n| Keeps you signed in. | hb\\_sid  \n  \nhb\\_sid\\_legacy | \\*.harbour.example | Session  \n  \n1 day |\n" +
				"| **Fastgate** |\n| Tells people from bots. | fg\\_check | \\*.harbour.example | 30 minutes |\n" +
				"| **Paydesk** |\n| Takes payments. | pd\\_mid | .harbour.example | 1 year |\n\n" +
				"## Analytics cookies\n\n| Who serves these cookies and why | Name | Domain | Duration |\n| --- | --- | --- | --- |\n" +
				"| **Countly** |\n| Counts visits. | cl\\_visit | .harbour.example | 1 year |\n",
			want: []got{{"hb_sid", Necessary, "table"}, {"hb_sid_legacy", Necessary, "table"}, {"fg_check", Necessary, "table"}, {"pd_mid", Necessary, "table"},
				{"cl_visit", Statistics, "table"}},
		},
		{
			// The same, without outer pipes: a cell's paragraphs between
			// blank lines, a name alone over its row's other cells.
			name: "Markdown rows without outer pipes over several lines",
			file: "cookies.md",
			page: "## Essential cookies\n\n**Name** | **Party** | **Purpose** | **Lifetime**  \n---|---|---|---  \n" +
				"rv_sid | 1st | Keeps the session. | End of session  \n" +
				"rv_mobile | 1st | \n\nTells phones apart, to lay out the page\n\n| End of session  \n" +
				"rv_count  \n| 1st | \n\nCounts visits to the page.\n\n| 2 years  \n" +
				"rv_count_b | 30 mins  \n",
			want: []got{{"rv_sid", Necessary, "table"}, {"rv_mobile", Necessary, "table"}, {"rv_count", Necessary, "table"}, {"rv_count_b", Necessary, "table"}},
		},
		{
			name: "Markdoc tables",
			file: "cookies.md",
			page: "# Cookies necessary for the site\n\n{% table %}\n* Cookie name\n* Source\n* Purpose\n---\n* `app_session`\n* Our console\n* Keeps you signed in\n{% /table %}\n\n" +
				"# Analytics cookies\n\n{% table %}\n* Cookie name\n* Source\n* Purpose\n---\n* rec_tab\n* A replay service\n* Finds the bugs\n  you meet\n---\n* rec_hb\n* A replay service\n* Beats while you stay\n{% /table %}\n",
			want: []got{{"app_session", Necessary, "table"}, {"rec_tab", Statistics, "table"}, {"rec_hb", Statistics, "table"}},
		},
		{
			name: "a link repeated in records is no label",
			file: "cookies.md",
			page: "The cookies we set are listed below.\n\nName\n\nDescription\n\nController\n\nFurther reading (privacy policy link)\n\n" +
				"Name\n\nwidget_sid\n\nDescription\n\nThis cookie keeps the payment form working\n\nController\n\nPayCo\n\nFurther reading (privacy policy link)\n\n[https://payco.example/cookies](https://payco.example/cookies)\n\n(external site)\n\n" +
				"Name\n\nwidget_mid\n\nDescription\n\nThis cookie keeps the payment form working\n\nController\n\nPayCo\n\nFurther reading (privacy policy link)\n\n[https://payco.example/cookies](https://payco.example/cookies)\n\n(external site)\n\n" +
				"Name\n\nrw_theme\n\nDescription\n\nThis cookie remembers the colour scheme\n\nController\n\nRiverWorks\n\nFurther reading (privacy policy link)\n\n[https://riverworks.example/privacy](https://riverworks.example/privacy)\n",
			want: []got{{"widget_sid", Unclassified, "record"}, {"widget_mid", Unclassified, "record"}, {"rw_theme", Unclassified, "record"}},
		},
		{
			name: "a row spanning the table above its header titles it",
			file: "page.html",
			page: `<p><strong>Que cookies usamos?</strong></p><p>Os cookies essenciais ficam sempre ativos.</p>
				<table><thead><tr><th colspan="3">Cookies analíticos, com o seu consentimento</th></tr></thead>
				<tbody><tr><td>Nome</td><td>Domínio</td><td>Duração</td></tr><tr><td>loja_visita</td><td>loja.example</td><td>2 anos</td></tr></tbody></table>
				<table><thead><tr><th colspan="3">Cookies de marketing, com o seu consentimento</th></tr></thead>
				<tbody><tr><td>Nome</td><td>Domínio</td><td>Duração</td></tr><tr><td>loja_anuncio</td><td>loja.example</td><td>3 meses</td></tr></tbody></table>`,
			want: []got{{"loja_visita", Statistics, "table"}, {"loja_anuncio", Marketing, "table"}},
		},
		{
			name: "the answer to a question heading names no category",
			file: "page.html",
			page: `<h2>What if I do not want cookies?</h2><p>Apart from the essential cookies, you can switch them off at any time.</p>
				<p>The cookies on our site:</p><table><tr><th>Name</th><th>Purpose</th></tr><tr><td>rw_seen</td><td>Remembers the tour</td></tr></table>`,
			want: []got{{"rw_seen", Unclassified, "table"}},
		},
		{
			name: "text about opting out of ads describes no cookies",
			file: "page.html",
			page: `<h3>More choices</h3><p>You can also opt out of interest-based ads with your ad settings.</p>
				<p>The cookies below are the ones we use most.</p>
				<table><tr><th>Name</th><th>Purpose</th></tr><tr><td>rw_seen</td><td>Remembers the tour</td></tr></table>`,
			want: []got{{"rw_seen", Unclassified, "table"}},
		},
		{
			name: "text under a service's heading describes the service, not a category",
			file: "page.html",
			page: `<h3>PinBoard</h3><p>Our pages embed PinBoard buttons; PinBoard may use what it learns for advertising.</p>
				<table><tr><th>Name</th><th>Purpose</th></tr><tr><td>pb_uid</td><td>Tells PinBoard users apart</td></tr></table>`,
			want: []got{{"pb_uid", Unclassified, "table"}},
		},
		{
			name: "the text under a heading still names the category when it speaks of cookies",
			file: "page.html",
			page: `<h3>Counting visits</h3><p>These cookies tell us how many people read each page, as statistics.</p>
				<table><tr><th>Name</th><th>Purpose</th></tr><tr><td>rw_count</td><td>Visitor number</td></tr></table>`,
			want: []got{{"rw_count", Statistics, "table"}},
		},
		{
			name: "purposes led by a category, under a long header",
			file: "page.html",
			page: `<table><tr><th>Name</th><th>Lifetime (for a persistent cookie)</th><th>Purpose of the cookie, the third party and further information</th></tr>
				<tr><td>ed_layout</td><td>1 year</td><td>Preferences (keeps the editor layout)</td></tr>
				<tr><td>rw_visits</td><td>13 months</td><td>Analytics: tells visitors apart</td></tr>
				<tr><td>rw_ads</td><td>90 days</td><td>Advertising - measures campaigns</td></tr>
				<tr><td>rw_route</td><td>session</td><td>Operations (routes the web socket)</td></tr></table>`,
			want: []got{{"ed_layout", Preferences, "table"}, {"rw_visits", Statistics, "table"}, {"rw_ads", Marketing, "table"}, {"rw_route", Unclassified, "table"}},
		},
		{
			name: "a short purpose in a template call still names its category",
			file: "Cookies.vue",
			page: `<template><table><tr><th>{{ trans('Finalidad') }}</th><th>{{ trans('Nombre de la cookie') }}</th><th>{{ trans('Función') }}</th></tr>
				<tr><td>{{ trans('Analíticas') }}</td><td>rw_visit</td><td>{{ trans('Cuenta las visitas (anónimas)') }}</td></tr></table></template>`,
			want: []got{{"rw_visit", Statistics, "table"}},
		},
		{
			name: "Norwegian text under a heading speaks of cookies",
			file: "page.html",
			page: `<h3>Informasjonskapsler i bruk</h3><p>Vi bruker informasjonskapsler til å samle inn statistikk.</p>
				<table><tr><th>Kapsler</th><th>Beskrivelse</th></tr><tr><td>rw_besok</td><td>Skiller besøk fra hverandre</td></tr></table>`,
			want: []got{{"rw_besok", Statistics, "table"}},
		},
		{
			name: "rows under a category cell that spanned them, copied into Markdown",
			file: "cookies.md",
			page: "The cookies of our site:\n\n|     |     |     |\n| --- | --- | --- |\n| Cookie category | Cookie name | Purpose |\n" +
				"| Strictly necessary | rw_region | Keeps the region chosen |\n| rw_state | Keeps the state chosen |\n" +
				"| Analytics cookies | rw_visit | Counts visits |\n| rw_pages | Counts pages read |\n| rw_time | Measures time on a page |\n",
			want: []got{{"rw_region", Necessary, "table"}, {"rw_state", Necessary, "table"}, {"rw_visit", Statistics, "table"}, {"rw_pages", Statistics, "table"}, {"rw_time", Statistics, "table"}},
		},
		{
			name: "a declaration copied as text: a header joined by spaces, rows of tabs, cells over two lines",
			file: "cookies.md",
			page: "# Cookies\n\nWe use analytics cookies to count our readers.\nName Provider Purpose Maximum Storage Duration Type \n" +
				"rw_count [x2] \tRiverWorks\nstats.riverworks.example\tCounts readers\t1 year\tHTTP Cookie\t\n" +
				"rw_page\tRiverWorks\tCounts pages read\tSession\tHTTP Cookie\t\n" +
				"We use marketing cookies to show our offers elsewhere.\nNazwa Dostawca Cel Data ważności Rodzaj \n" +
				"rw_offer\tAdNet\tShows offers\t3 miesięcy\tHTTP Cookie\t\n",
			want: []got{{"rw_count", Statistics, "table"}, {"rw_page", Statistics, "table"}, {"rw_offer", Marketing, "table"}},
		},
		{
			name: "markup indented with tabs holds no pasted table",
			file: "page.html",
			page: "<p>\n    The information below shows the cookies that are set by\n\t<a href=\"/\">riverworks.example\n\t\t<span>(opens in a new tab)</span>\n\t</a> and by the services we use.</p>\n" +
				"<table><tr><th>Name</th><th>Purpose</th></tr><tr><td>rw_sess</td><td>Keeps the session</td></tr></table>",
			want: []got{{"rw_sess", Unclassified, "table"}},
		},
		{
			name: "items led in plain text by name-shaped words, in a list of names",
			file: "cookies.md",
			page: "## Strictly necessary cookies\n\n*   rw\\_sess – the session cookie\n*   shop\\_geo – keeps the chosen country and language\n" +
				"*   rw\\_csrf - a security cookie for the forms\n*   basketId - keeps the products in the basket\n*   Security – we protect the forms\n",
			want: []got{{"rw_sess", Necessary, "prose"}, {"shop_geo", Necessary, "prose"}, {"rw_csrf", Necessary, "prose"}, {"basketId", Necessary, "prose"}},
		},
		{
			name: "a component's table with its rows in a template slot",
			file: "Privacy.vue",
			page: `<template><v-card><v-card-title>Cookies de terceros</v-card-title><v-simple-table><template #default>
				<thead><tr><th>Dominio</th><th>Cookies</th><th>Descripción</th></tr></thead>
				<tbody><tr><td>anuncios.example</td><td><v-list-item><v-list-item-title>RW_ADS</v-list-item-title></v-list-item>
				<v-list-item><v-list-item-title>rw_seen</v-list-item-title></v-list-item></td><td>Mide los anuncios</td></tr></tbody>
				</template></v-simple-table></v-card></template>`,
			want: []got{{"RW_ADS", Marketing, "table"}, {"rw_seen", Marketing, "table"}}, // "Mide los anuncios": ads
		},
		{
			name: "records kept as data in a page's code",
			file: "cookies.tsx",
			page: `"use client";
const necessaires = [
  { nom: "rw_sess [x2]", fournisseur: "RiverWorks", finalite: "Garde la session.", duree: "Session", type: "Cookie HTTP" },
  { nom: "rw_csrf", fournisseur: "RiverWorks", finalite: "Protège les formulaires.", duree: "1 jour", type: "Cookie HTTP" },
];
const links: Link[] = [{ name: "Accueil", href: "/" }, { name: "Contact", href: "/contact" }];
const groups = [
  { title: "Cookies de mesure d'audience", cookies: [{ cookieName: "rw_visit", purpose: "Compte les visites.", expiry: "13 mois" }] },
];
export default function Page() {
  return (<main><h1>Politique de cookies</h1><p>Nous utilisons rw_sess et rw_visit comme expliqué ci-dessous.</p>
    <CookieTable rows={necessaires} /><CookieTable rows={groups[0].cookies} /></main>);
}`,
			want: []got{{"rw_sess", Necessary, "data"}, {"rw_csrf", Necessary, "data"}, {"rw_visit", Statistics, "data"}},
		},
		{
			name: "a bold line alone in a block heads the table after it",
			file: "cookies.php",
			page: `<div class="container"><strong>Marketing (1)</strong><br><br><p>Ci aiutano a mostrare le nostre offerte.</p><br>
				<table><thead><tr><th>Nome</th><th>Fornitore</th><th>Scopo</th></tr></thead>
				<tbody><tr><th scope="row">rw_ads</th><td>annunci.example</td><td>Misura gli annunci</td></tr></tbody></table></div>`,
			want: []got{{"rw_ads", Marketing, "table"}},
		},
		{
			name: "a table copied into Markdown with an empty header row and a bold one under it",
			file: "cookies.md",
			page: "Strictly necessary cookies\n\n|     |     |     |\n| --- | --- | --- |\n| **Cookie Subgroup** | **Cookies** | **Cookies used** |\n" +
				"| shop.example | [rw\\_sess](https://example.org/c/rw_sess), rw\\_csrf | 1st Party |\n\nPerformance cookies\n\n" +
				"|     |     |     |\n| --- | --- | --- |\n| **Cookie Subgroup** | **Cookies** | **Cookies used** |\n| shop.example | rw\\_count | 1st Party |\n",
			want: []got{{"rw_sess", Necessary, "table"}, {"rw_csrf", Necessary, "table"}, {"rw_count", Statistics, "table"}},
		},
		{
			name: "titles in bold, footnote marks and hosts are no names; placeholders keep their underscores",
			file: "cookies.md",
			page: "## Cookies we use\n\n* **Only for non-California Residents**: partners get limited cookie data.\n\n" +
				"**Interest-Based Advertising**. Our partners' cookies show ads elsewhere.\n\n" +
				"Cookies are small files, as described here[1] and there[2].\n\n" +
				"Our partners' cookies are set on `*.ads.example` and `-graph.social.example`.\n\n" +
				"| Name | Purpose |\n| --- | --- |\n| _rw_visit_{site ID} | Counts visits |\n",
			want: []got{{"_rw_visit_{site ID}", Unclassified, "table"}},
		},
		{
			name: "rows under a provider cell that spanned them, and a header in the middle of a table",
			file: "cookies.md",
			page: "|     |     |     |     |\n| --- | --- | --- | --- |\n| **Analytics cookies**<br><br>These cookies count our visitors. |     |     |     |\n" +
				"| Partner | Cookie name | Purpose | Lifetime |\n| CountCo | rw_count | Counts visits | 1 year |\n| **rw_pages** | Counts pages |     |     |\n" +
				"|     | Name | Description | Lifespan |\n| ShopCo | **rw_cart** | Keeps the basket | 1 day |\n",
			want: []got{{"rw_count", Statistics, "table"}, {"rw_pages", Statistics, "table"}, {"rw_cart", Statistics, "table"}},
		},
		{
			name: "records without labels, a paragraph per field",
			file: "cookies.md",
			page: "#### Necessary\n\nrw\\_sess\n\nSession\n\nKeeps you signed in.\n\nbasketId\n\n1 day\n\nKeeps the basket.\n\n" +
				"#### Statistics\n\nrw\\_count\n\n1 year\n\nCounts visits.\n\nrw\\_pages\n\n30 days\n\nCounts pages read.\n\n" +
				"#### Other\n\nWrite to us any day.\n\nrw\\_team\n\n2 years\n\nRemembers the team page.\n",
			want: []got{{"rw_sess", Necessary, "record"}, {"basketId", Necessary, "record"}, {"rw_count", Statistics, "record"}, {"rw_pages", Statistics, "record"}, {"rw_team", Unclassified, "record"}},
		},
		{
			name: "two records without labels are no list",
			file: "cookies.md",
			page: "## Cookies\n\nWe use a few cookies, for example `rw_lang`.\n\nrw\\_sess\n\nSession\n\nKeeps you signed in.\n\nbasketId\n\n1 day\n\nKeeps the basket.\n",
			want: []got{{"rw_lang", Unclassified, "prose"}},
		},
		{
			name: "a bold title ending in a full stop heads the list after it",
			file: "cookies.md",
			page: "## Cookies\n\n**Strictly necessary.** These cannot be switched off.\n\n* **RiverWorks**\n    * **Cookies:** rw\\_sess, rw\\_csrf\n    * **Purpose:** Security.\n\n" +
				"**Analytics.** We count visits.\n\n* **CountCo**\n    * **Cookies:** rw\\_count\n    * **Purpose:** Visits.\n",
			want: []got{{"rw_sess", Necessary, "list"}, {"rw_csrf", Necessary, "list"}, {"rw_count", Statistics, "list"}},
		},
		{
			name: "a short row under a category and a provider column",
			file: "page.html",
			page: `<table><tr><th>Category</th><th>Provider</th><th>Cookie name</th><th>Purpose</th></tr>
				<tr><td>Analytics</td><td>CountCo</td><td>rw_count</td><td>Counts visits</td></tr>
				<tr><td>rw_pages</td></tr></table>`,
			want: []got{{"rw_count", Statistics, "table"}, {"rw_pages", Statistics, "table"}},
		},
		{
			name: "a known service's name in the name column is a service",
			file: "page.html",
			page: `<h2>Analytics cookies</h2><table><tr><th>Name</th><th>Purpose</th></tr>
				<tr><td>Hotjar</td><td>Heat maps of our pages</td></tr><tr><td>rw_count</td><td>Counts visits</td></tr><tr><td>Tracksy</td><td>Counts sessions</td></tr></table>`,
			want: []got{{"rw_count", Statistics, "table"}, {"Tracksy", Statistics, "table"}, {"service Hotjar", Statistics, "table"}},
		},
		{
			name: "a name column headed as storage keys, and a host in the name's place",
			file: "cookies.md",
			page: "### Necessary cookies\n\n| Cookie | Provider | Purpose |\n| --- | --- | --- |\n| rw\\_sess | RiverWorks | Keeps you signed in |\n| Domain: pay.example | PayCo | Lets you pay |\n\n" +
				"### Local storage\n\n| Local Storage Domain | Local Storage Name | Local Storage Purpose |\n| --- | --- | --- |\n| www.riverworks.example | rw\\_probe | Checks that storage works |\n",
			want: []got{{"rw_sess", Necessary, "table"}, {"rw_probe (localStorage)", Unclassified, "table"}},
		},
		{
			name: "a plain word quoted right after a word for cookies is its name",
			file: "cookies.md",
			page: "## Publicité\n\nNous utilisons le cookie interne « rwp », conservé un an, et les cookies « tiers » de nos partenaires.\n\n" +
				"Nos partenaires utilisent des cookies pour « retenir » vos choix.\n",
			want: []got{{"rwp", Marketing, "prose"}},
		},
		{
			name: "records whose fields each hold their label and value without a separator",
			file: "page.html",
			page: `<h3>Statistik</h3><details open><summary><strong>CountCo</strong></summary>
				<div class="service-table"><div class="row"><div><strong>Name</strong><span>rw_count</span></div><div><strong>Gültig bis</strong><span>1 Tag</span></div><div><strong>Funktion</strong><span>Zählt Seitenaufrufe</span></div></div>
				<div class="row"><div><strong>Name</strong><span>rw_visit / rw_visit_*</span></div><div><strong>Gültig bis</strong><span>2 Jahre</span></div><div><strong>Funktion</strong><span>Zählt Besuche</span></div></div></div></details>`,
			want: []got{{"rw_count", Statistics, "record"}, {"rw_visit", Statistics, "record"}, {"rw_visit_*", Statistics, "record"}},
		},
		{
			name: "an untitled column of category words is the category; a beacon that is also a cookie is a cookie",
			file: "cookies.md",
			page: "Our cookies fall into four kinds: Essential, Analytics, Functional and Marketing.\n\n" +
				"| Type | Name | Purpose | Duration | |\n| --- | --- | --- | --- | --- |\n" +
				"| Cookie | rw\\_login | Keeps you signed in | 1 month | Essential |\n" +
				"| Local Storage | rw\\_palette | Remembers your colours | persistent | Functional |\n" +
				"| Beacon and Cookie | rw\\_count | Counts visits | 2 years | Analytics |\n" +
				"| Beacon | rw/hit | Counts ad views | session | Marketing |\n",
			want: []got{{"rw_login", Necessary, "table"}, {"rw_palette (localStorage)", Preferences, "table"}, {"rw_count", Statistics, "table"}, {"rw/hit (pixel)", Marketing, "table"}},
		},
		{
			name: "a purpose column whose every cell is a category word is the category, beside the column that describes",
			file: "cookie.html",
			page: `<h2>Cookie utilizzati</h2><table><thead><tr><th>Scopo</th><th>Nome tecnico</th><th>Tipo, funzione e scopo del cookie</th><th>Durata</th></tr></thead><tbody>
				<tr><td>Tecnico</td><td>rw_sess</td><td>Ricorda le impostazioni scelte durante la visita</td><td>2 ore</td></tr>
				<tr><td>Analitico</td><td>rw_map</td><td>Abilita le funzionalità della mappa</td><td>1 mese</td></tr>
				<tr><td>Analitico</td><td>rw_pref</td><td>Memorizza le preferenze del visitatore</td><td>1 mese</td></tr></tbody></table>`,
			want: []got{{"rw_sess", Necessary, "table"}, {"rw_map", Statistics, "table"}, {"rw_pref", Statistics, "table"}},
		},
		{
			name: "one table per cookie, its row in header cells, names of any shape, template rows left out",
			file: "cookies.html",
			page: `<h2>Cookies de marketing</h2>
				<table><tr><th>Nome</th><th>Domínio</th><th>Caminho</th><th>Prazo</th></tr>
				<tr><td>cookie... (nome)</td><td>loja.example</td><td>/</td><td>365 dias</td></tr></table>
				<p>Guarda a escolha do visitante.</p>
				<table><tr><th>lj_ref</th><th>.parceiro.example</th><th>/</th><th>183 dias</th><th>Terceiros</th></tr></table>
				<p>Lembra de onde o visitante veio.</p>
				<table><tr><th>lj_seen</th><th>.parceiro.example</th><th>/</th><th>30 dias</th><th>Terceiros</th></tr></table>
				<p>Lembra da última visita.</p>
				<table><tr><td>fr</td><td>.rede.example</td><td>/</td><td>90 dias</td></tr></table>
				<p>Mede anúncios.</p>
				<table><tr><td>xxxx</td><td>loja.example</td><td>/</td><td>1 hora</td><td>Terceiros</td></tr></table>`,
			want: []got{{"lj_ref", Marketing, "table"}, {"lj_seen", Marketing, "table"}, {"fr", Marketing, "table"}},
		},
		{
			name: "a purpose that opens with its kind of cookie gives the row its category",
			file: "cookies.html",
			page: `<h2>Qué cookies usamos</h2>
				<table><tr><th>Cookie</th><th>Finalidad</th></tr>
				<tr><td>st_a, st_b</td><td>Cookies analíticas de nuestro contador. Permiten saber qué páginas se leen.</td></tr>
				<tr><td>st_pref</td><td>Guarda el idioma elegido por el visitante en su última visita.</td></tr></table>`,
			want: []got{{"st_a", Statistics, "table"}, {"st_b", Statistics, "table"}, {"st_pref", Unclassified, "table"}},
		},
		{
			name: "a setting written as code and a date option are no cookie names",
			file: "cookies.html",
			page: `<h2>Cookies analityczne</h2>
				<p>Licznik odwiedzin zapisuje pliki cookie <code>st_visit</code> i <code>st_day</code>; ustawiamy też <code>mask_ip: true</code>.</p>
				<p>Pliki cookie wygasają po dacie <em>2-digit</em>.</p>`,
			want: []got{{"st_visit", Statistics, "prose"}, {"st_day", Statistics, "prose"}},
		},
		{
			name: "a cookie's other name given in its purpose",
			file: "cookies.html",
			page: `<h2>Statistics cookies</h2>
				<table><tr><th>Cookie name</th><th>Purpose</th><th>Expiration</th></tr>
				<tr><td>st_rate</td><td>Slows the counter's requests. Set through our tag loader, this cookie is named st_rate_&lt;tag-id&gt;.</td><td>1 minute</td></tr>
				<tr><td>st_id</td><td>This cookie is called by the counter on each page.</td><td>2 years</td></tr></table>`,
			want: []got{{"st_rate", Statistics, "table"}, {"st_rate_<tag-id>", Statistics, "table"}, {"st_id", Statistics, "table"}},
		},
		{
			name: "an introduction whose category word comes three words after the word cookie",
			file: "cookies.html",
			page: `<h2>Deklaracja</h2><p>Strona używa kilku rodzajów plików.</p>
				<p>Te pliki cookie zbierają dane statystyczne o wizytach, bez danych osobowych.</p>
				<table><tr><th>Nazwa</th><th>Cel</th></tr><tr><td>st_visit</td><td>Liczy wizyty</td></tr></table>`,
			want: []got{{"st_visit", Statistics, "table"}},
		},
		{
			name: "a service's summary whose category is in an element of its own, no space before it",
			file: "cookies.html",
			page: `<h2>Gesetzte Cookies</h2>
				<details open><summary><span class="t"><strong>Zähler</strong><span>Funktional</span></span></summary>
				<div class="c"><p>Wir merken uns Einstellungen.</p><div class="table">
				<div class="row"><div><strong>Name</strong><span>zl_visit</span></div><div><strong>Gültig bis</strong><span>1 Jahr</span></div><div><strong>Funktion</strong><span>Zählt Besuche</span></div></div>
				<div class="row"><div><strong>Name</strong><span>zl_day</span></div><div><strong>Gültig bis</strong><span>1 Tag</span></div><div><strong>Funktion</strong><span>Zählt Tage</span></div></div>
				</div></div></details>`,
			want: []got{{"zl_visit", Preferences, "record"}, {"zl_day", Preferences, "record"}},
		},
		{
			name: "a company's initials and a negated adjective in prose are no names",
			file: "cookies.html",
			page: `<h2>Which cookies we set</h2>
				<p>Este sitio de <strong>TALLERES UNIDOS, S.L.U.</strong> usa la cookie <code>tu_sess</code>.</p>
				<p><strong>Functional:</strong> These cookies run some non-essential features of the shop.</p>`,
			want: []got{{"tu_sess", Unclassified, "prose"}},
		},
		{
			name: "a name in bold over a list of its labelled fields, a link's description after its purpose",
			file: "cookies.html",
			page: `<h2>Cookies utilizadas</h2>
				<strong>tz_vis</strong>
				<ul><li>Proveedor de la cookie: .contador.example</li><li>Finalidad de la cookie: Cookie analítica</li>
				<li>Descripción del enlace: Política del contador</li></ul>
				<strong>tz_ad</strong>
				<ul><li>Proveedor de la cookie: .anuncios.example</li><li>Finalidad de la cookie: Para mostrar anuncios según sus intereses.</li></ul>`,
			want: []got{{"tz_vis", Statistics, "list"}, {"tz_ad", Marketing, "list"}}, // "mostrar anuncios": ads
		},
		{
			name: "a table copied into paragraphs, one a row",
			file: "cookies.html",
			page: `<p><b>Les cookies de mesure d'audience</b></p>
				<p>Nous comptons les visites.</p>
				<p>Nom Utilité Expire</p>
				<p>_cv_a Compte les visiteurs uniques 2 ans</p>
				<p>cvStart et cvEnd Mesurent le temps passé sur une page 30 minutes</p>
				<p>Nous ne gardons rien d'autre que le nombre _cv_z de visites.</p>`,
			want: []got{{"_cv_a", Statistics, "table"}, {"cvStart", Statistics, "table"}, {"cvEnd", Statistics, "table"}},
		},
		{
			name: "a block of program source shown as code declares nothing",
			file: "cookies.md",
			page: "## Cookies\n\nThe site sets the cookie `site_sess` to keep you signed in.\n\n## Ideas\n\nA plugin could declare its cookies:\n\n" +
				"```php\nregister_cookies( 'shop', array( 'shop_cart' => array( 'label' => 'Cart cookie', 'expiration' => 2 * DAY_IN_SECONDS ) ) );\n```\n",
			want: []got{{"site_sess", Unclassified, "prose"}},
		},
		{
			name: "a known service named with a word for how it is used is a service, not a cookie",
			file: "cookies.html",
			page: `<h2>Statistics cookies</h2>
				<table><tr><th>Name</th><th>Expiration</th><th>Function</th></tr>
				<tr><td>HotJar Script</td><td>See the vendor's page</td><td>Loads the recorder</td></tr>
				<tr><td>st_count</td><td>1 year</td><td>Counts visits</td></tr></table>`,
			want: []got{{"st_count", Statistics, "table"}, {"service Hotjar", Statistics, "table"}},
		},
		{
			name: "a service's list of labelled fields names no cookies",
			file: "cookies.html",
			page: `<h2>Analyse-Cookies</h2>
				<table><tr><th>Cookie</th><th>Dauer</th><th>Zweck</th></tr><tr><td>st_id</td><td>2 Jahre</td><td>Zählt Besucher</td></tr></table>
				<h3>Zähldienst</h3><p>Wir nutzen einen Zähldienst.</p>
				<ul><li><strong>Anbieter: </strong>Zähl GmbH, Berlin</li><li><strong>Datenverarbeitung: </strong>EU/EWR</li>
				<li><strong>IP-Kürzung: </strong>Aktiviert</li><li><strong>Speicherdauer: </strong>14 Monate</li></ul>`,
			want: []got{{"st_id", Statistics, "table"}},
		},
		{
			name: "consent signals and the names of data frameworks are no cookies",
			file: "cookies.html",
			page: `<h2>Pliki cookie analityczne</h2>
				<p>Używamy pliku <code>st_visit</code> do liczenia wizyt.</p>
				<p>Tryb zgody: <code>analytics_storage</code> i <code>ad_storage</code> są domyślnie odrzucone.</p>
				<p>Dostawcy cookies analitycznych mają siedziby w USA. Przekazywanie danych odbywa się na podstawie <strong>EU-US Data Privacy Framework</strong>.</p>`,
			want: []got{{"st_visit", Statistics, "prose"}},
		},
		{
			name: "a group title marked as a heading in a label beside its switch heads the group's table",
			file: "cookies.html",
			page: `<h2>Datenschutzeinstellungen</h2>
				<div class="group"><div class="row"><label><span role="heading" aria-level="4">Statistiken (1)</span></label>
				<label class="switch"><span class="sr-only">Statistiken</span><input type="checkbox" checked></label></div>
				<p>Statistik-Cookies erfassen Informationen anonym.</p>
				<table><tr><th>Name</th><td>Zähler</td></tr><tr><th>Cookie Name</th><td>st_a,st_b</td></tr><tr><th>Cookie Laufzeit</th><td>1 Jahr</td></tr></table></div>`,
			want: []got{{"st_a", Statistics, "table"}, {"st_b", Statistics, "table"}},
		},
		{
			name: "a question about cookie preferences names no category; an ads tab does",
			file: "cookie-policy.html",
			page: `<h2>Come posso controllare le preferenze sui cookie?</h2>
				<p>Puoi cambiare le tue scelte in ogni momento.</p>
				<div class="cli-tab-section"><div class="cli-tab-header"><a role="button" class="cli-nav-link" data-toggle="cli-toggle-tab">Annunci</a></div>
				<div class="cli-tab-content"><table><thead><tr><th>Cookie</th><th>Durata</th><th>Descrizione</th></tr></thead>
				<tbody><tr><td>zz_ads</td><td>1 anno</td><td>Mostra annunci pertinenti</td></tr></tbody></table></div></div>`,
			want: []got{{"zz_ads", Marketing, "table"}},
		},
		{
			name: "CookieYes's configuration in a script gives its cookies their categories",
			file: "cookie-policy.html",
			page: `<html><head><script id="cookie-law-info-js-extra">
				var _ckyConfig = {"_expiry":"365","_categories":[{"name":"Necessary","slug":"necessary","cookies":[{"cookieID":"cy_sess","domain":"example.org","provider":""}]},
				{"name":"Advertisement","slug":"advertisement","cookies":[{"cookieID":"cy_ad","domain":".ads.example","provider":""}]},
				{"name":"Kundenbindung","slug":"kunden","cookies":[{"cookieID":"cy_loyal","domain":"example.org","provider":""}]}]};
				</script></head><body><h2>Customise Consent Preferences</h2><p>We use cookies to help you navigate.</p></body></html>`,
			want: []got{{"cy_sess", Necessary, "cookieyes-script"}, {"cy_ad", Marketing, "cookieyes-script"}, {"cy_loyal", Unclassified, "cookieyes-script"}},
		},
		{
			name: "a preference centre titled to customise consent preferences names no category",
			file: "cookie-policy.html",
			page: `<h2>Customise Consent Preferences</h2><table><tr><th>Cookie</th><th>Duration</th><th>Description</th></tr>
				<tr><td>cy_lb</td><td>1 day</td><td>Routes requests</td></tr></table>`,
			want: []got{{"cy_lb", Unclassified, "table"}},
		},
		{
			name: "a service's cookies listed in capitals in a note after it",
			file: "cookies.html",
			page: `<h2>Analytische cookies</h2><table><tr><td><strong>Cookie</strong></td><td><strong>Opslagperiode</strong></td><td><strong>Functie</strong></td></tr>
				<tr><td>Telbureau (TBID, TBIDR)</td><td>1 jaar</td><td>Telt bezoeken</td></tr></table>`,
			want: []got{{"TBID", Statistics, "table"}, {"TBIDR", Statistics, "table"}},
		},
		{
			name: "a purpose's note that names local storage and says it is no cookie types the entry",
			file: "cookiebeleid.html",
			page: `<h2>Noodzakelijke cookies</h2><table><thead><tr><th>Cookie</th><th>Doel</th><th>Bewaartermijn</th></tr></thead>
				<tbody><tr><td>zz_keuze</td><td>Bewaart de cookievoorkeuren (localStorage, geen cookie)</td><td>Permanent</td></tr>
				<tr><td>zz_sessie</td><td>Houdt de sessie bij (sessiecookie)</td><td>Sessie</td></tr></tbody></table>`,
			want: []got{{"zz_keuze (localStorage)", Necessary, "table"}, {"zz_sessie", Necessary, "table"}},
		},
		{
			// A name cell's own note: local storage types the entry; a
			// host beside a service leaves the service alone, while names
			// beside it are its cookies.
			name: "a name cell's note of local storage, and of a service's host",
			file: "cookies.html",
			page: `<h2>Cookies we set</h2><table><thead><tr><th>Name / type</th><th>Purpose</th><th>Category</th></tr></thead>
				<tbody><tr><td>zz-consent-choice (localStorage)</td><td>Keeps the cookie choice</td><td>Necessary</td></tr>
				<tr><td>Hotjar (static.hotjar.com)</td><td>Heat maps</td><td>Analytics</td></tr>
				<tr><td>Hotjar (_hjSessionUser_*)</td><td>Heat maps</td><td>Analytics</td></tr>
				<tr><td>zz_pair_a, zz_pair_b (localStorage)</td><td>Keeps the layout</td><td>Preferences</td></tr></tbody></table>`,
			// A note beside two names may be of the last alone: both stay
			// cookies, audited.
			want: []got{{"zz-consent-choice (localStorage)", Necessary, "table"}, {"_hjSessionUser_*", Statistics, "table"},
				{"zz_pair_a", Preferences, "table"}, {"zz_pair_b", Preferences, "table"}, {"service Hotjar", Statistics, "table"}},
		},
		{
			// A Slovene table: its headers ("Namen" is the purpose after a
			// column of names, though names in Dutch and German), and
			// names led by a footnote's mark.
			name: "a Slovene table with footnote marks before names",
			file: "piskotki.html",
			page: `<h3>Piškotki za napredno oglaševanje</h3><table><tbody>
				<tr><th>Ime piškotka</th><th>Namen</th><th>Čas piškotka</th><th>Vir</th></tr>
				<tr><td>* ZZSID</td><td>Prikaz oglasov</td><td>2 leti</td><td>.oglasi.example</td></tr>
				<tr><td>zz_oglas</td><td>Prikaz oglasov</td><td>1 mesec</td><td>.oglasi.example</td></tr></tbody></table>`,
			want: []got{{"ZZSID", Marketing, "table"}, {"zz_oglas", Marketing, "table"}},
		},
		{
			name: "Greek tables and Romanian letters with a comma below",
			file: "cookies.html",
			page: `<h3>Απολύτως Απαραίτητα Cookies</h3><table><thead><tr><th>Όνομα Cookie</th><th>Πάροχος</th><th>Σκοπός</th><th>Διάρκεια</th></tr></thead>
				<tbody><tr><td>zz_syn</td><td>Εμείς</td><td>Κρατά τη συνεδρία</td><td>Συνεδρία</td></tr></tbody></table>
				<h3>Στατιστικά Cookies</h3><table><thead><tr><th>Όνομα Cookie</th><th>Πάροχος</th><th>Σκοπός</th><th>Διάρκεια</th></tr></thead>
				<tbody><tr><td>zz_meta</td><td>Εμείς</td><td>Μετρά επισκέψεις</td><td>2 χρόνια</td></tr></tbody></table>
				<h3>Cookie-uri de preferințe</h3><table><thead><tr><th>Nume</th><th>Scop</th><th>Durată</th></tr></thead>
				<tbody><tr><td>zz_limba</td><td>Ține minte limba</td><td>1 an</td></tr></tbody></table>`,
			want: []got{{"zz_syn", Necessary, "table"}, {"zz_meta", Statistics, "table"}, {"zz_limba", Preferences, "table"}},
		},
		{
			name: "a section whose purpose is pending review has no category, though a word of it names one elsewhere",
			file: "cookies.html",
			page: `<h3>Estatísticas</h3><table><thead><tr><th>Nome</th><th>Finalidade</th></tr></thead><tbody><tr><td>zz_visitas</td><td>Conta visitas</td></tr></tbody></table>
				<h3>Objetivo aguardando análise</h3><table><thead><tr><th>Nome</th><th>Finalidade</th></tr></thead><tbody><tr><td>zz_outro</td><td>Ainda por rever</td></tr></tbody></table>`,
			want: []got{{"zz_visitas", Statistics, "table"}, {"zz_outro", Unclassified, "table"}},
		},
		{
			name: "Romanian tables, a noun with its article joined by a hyphen, and an imprint's legal form",
			file: "politica-cookies.html",
			page: `<p><strong>Funcționalitate a site-ului web</strong>, pentru care folosim cookie-uri.</p>
				<h3>Cookie-uri necesare</h3><table><thead><tr><th>Nume Cookie</th><th>Furnizor</th><th>Scop</th><th>Durată</th></tr></thead>
				<tbody><tr><td><code>zz_sesiune</code></td><td>Noi</td><td>Menține sesiunea</td><td>Sesiune</td></tr></tbody></table>
				<h3>Cookie-uri de analiză</h3><table><thead><tr><th>Nume Cookie</th><th>Furnizor</th><th>Scop</th><th>Durată</th></tr></thead>
				<tbody><tr><td><code>zz_vizite</code></td><td>Noi</td><td>Numără vizitele</td><td>1 an</td></tr></tbody></table>
				<ul><li>Per posta: Zzacme S.r.l. - Via Roma 1</li><li>P.IVA: 12345678901</li></ul>`,
			want: []got{{"zz_sesiune", Necessary, "table"}, {"zz_vizite", Statistics, "table"}},
		},
		{
			name: "a cookie's row with its other cells empty is a row, not a section, whatever its name says",
			file: "cookies.html",
			page: `<h3>Verschiedenes</h3><table><thead><tr><th>Name</th><th>Gültig bis</th><th>Funktion</th></tr></thead><tbody>
				<tr><td>zz_data_1</td><td></td><td></td></tr>
				<tr><td>ZZ_PREFERENCES_USER_1</td><td></td><td></td></tr>
				<tr><td>zz_clipboard</td><td></td><td></td></tr></tbody></table>`,
			want: []got{{"zz_data_1", Unclassified, "table"}, {"ZZ_PREFERENCES_USER_1", Unclassified, "table"}, {"zz_clipboard", Unclassified, "table"}},
		},
		{
			name: "a table under a heading naming local storage and no cookie lists storage keys",
			file: "evasteet.md",
			page: "### Paikallisen tallennustilan tiedot\n\n| Avain | Tarkoitus | Säilytysaika |\n|---|---|---|\n| `zz_theme` | Tallentaa teeman. | 1 vuosi |\n\n" +
				"### Cookies and local storage\n\n| Name | Purpose |\n|---|---|\n| `zz_both` | Keeps the session. |\n",
			want: []got{{"zz_theme (localStorage)", Unclassified, "table"}, {"zz_both", Unclassified, "table"}},
		},
		{
			name: "a known name in parentheses after what it is, in a table of cookie types",
			file: "cookies.html",
			page: `<h2>Cookies publicitarias</h2><p>Este sitio instala estas cookies:</p><table><tbody>
				<tr><td>Tipo de cookie</td><td>Descripción</td><td>Ejemplos de uso</td><td>Servicios de terceros</td></tr>
				<tr><td><strong>PUBLICIDAD</strong></td><td>Muestran anuncios según las visitas.</td><td>Identificador del anunciante (IDE), de uso libre (opcional).</td><td></td></tr>
				<tr><td><strong>OTRAS</strong></td><td>Guardan datos de la visita.</td><td>Puedo saber si vuelve (ZZUNKNOWN).</td><td><a href="/x">Un servicio</a></td></tr>
				</tbody></table>`,
			want: []got{{"IDE", Marketing, "prose"}},
		},
		{
			name: "a row of a hyphenated name beginning with cookie beside No description is a row, not a header",
			file: "cookies.html",
			page: `<h3>Necessary</h3><table><thead><tr><th>Cookie</th><th>Description</th></tr></thead><tbody>
				<tr><td>zz_consent</td><td>Keeps the visitor's choice.</td></tr>
				<tr><td>cookiezz-checkbox-others</td><td>No description</td></tr>
				<tr><td>zz_session</td><td>Keeps the session.</td></tr></tbody></table>`,
			want: []got{{"zz_consent", Necessary, "table"}, {"cookiezz-checkbox-others", Necessary, "table"}, {"zz_session", Necessary, "table"}},
		},
		{
			name: "a table copied into paragraphs one cell a line, under a header of one title a line",
			file: "cookies.html",
			page: `<p>Přehled souborů cookie</p>
				<p>Název cookie
				Typ a funkce
				Zdroj
				Doba uložení</p>
				<p>ZZSRV
				Nezbytná cookie - Drží návštěvníka na jednom serveru
				Vlastní
				Relace</p>
				<p>zz-{ID}-lang
				Funkční cookie - Pamatuje si zvolený jazyk
				Vlastní 1 den</p>
				<p>_zz_visits
				Analytická cookie - Počítá návštěvy stránek
				Měřič2 roky</p>
				<p>ZZAD
				Marketingová cookie - Vybírá reklamy podle návštěv
				Reklamní síť
				6 měsíců</p>
				<p>Časté dotazy</p>`,
			want: []got{{"ZZSRV", Necessary, "table"}, {"zz-{ID}-lang", Preferences, "table"}, {"_zz_visits", Statistics, "table"}, {"ZZAD", Marketing, "table"}},
		},
		{
			name: "a Markdown file that holds markup is read as markup",
			file: "privacy.md",
			page: "---\ntitle: Cookies\n---\n\n<div class=\"card\">\n  <h2>Cookies we use</h2>\n  <p>Analytics cookies:</p>\n\n" +
				"    <table>\n      <tr><th>Name</th><th>Purpose</th></tr>\n\n      <tr><td>rw_stats</td><td>Counts visits</td></tr>\n    </table>\n" +
				"  <p>More text.</p><p><a href=\"/\">Home</a></p><ul><li>One</li><li>Two</li></ul><span>x</span>\n</div>\n",
			want: []got{{"rw_stats", Statistics, "table"}},
		},
		{
			name: "a row of th cells under the header that holds a phrase of six words is data, not the header repeated",
			file: "cookies.html",
			page: `<h2>Strictly necessary cookies</h2>
				<table><thead><tr><th>Provider</th><th>Cookie name</th><th>Description</th><th>Type</th><th>Duration</th><th>Category</th></tr></thead>
				<tbody><tr><th>.shop.example</th><th>sp_route</th><th>Kept for the purpose of routing</th><th>Persistent Cookie</th><th>3 months</th><th>Necessary</th></tr>
				<tr><th>shop.example</th><th>sp_lang</th><th>Remembers the language.</th><th>Persistent Cookie</th><th>1 year</th><th>Necessary</th></tr></tbody></table>`,
			want: []got{{"sp_route", Necessary, "table"}, {"sp_lang", Necessary, "table"}},
		},
		{
			name: "a design system's heading components, by their level, title the cookies named in them",
			file: "Cookies.jsx",
			page: `export default function Cookies() { return (<article>
				<Heading size="large" level="2">Strictly necessary cookies</Heading>
				<BodyLong>The site cannot work without these.</BodyLong>
				<Heading size="xsmall" level={3} spacing>shop-consent *</Heading>
				<BodyLong>Keeps your choice for 90 days.</BodyLong>
				<Heading as="h2" size="lg">Optional cookies for statistics</Heading>
				<BodyLong>Only with your consent.</BodyLong>
				<Heading level="3">visit-count</Heading>
				<BodyLong>Counts visits.</BodyLong>
				</article>); }`,
			want: []got{{"shop-consent", Necessary, "prose"}, {"visit-count", Statistics, "prose"}},
		},
		{
			name: "a heading of names written as identifiers, one shaped as a host, declares the others",
			file: "cookies.html",
			page: `<h2>Strictly necessary cookies</h2>
				<h3><span>shop-id-token</span> <span>login.shop.example *</span> <span>XSRF-TOKEN-SHOP</span></h3>
				<p>They keep your login safe and are deleted when you close the browser.</p>`,
			want: []got{{"shop-id-token", Necessary, "prose"}, {"XSRF-TOKEN-SHOP", Necessary, "prose"}},
		},
		{
			name: "records whose texts a module computes are read by their keys in an array named for cookies",
			file: "useConsentSettings.ts",
			page: `export function useSettings() {
				const optional = [{
					groupId: groupIds.analytics,
					title: buildDict('groups.analytics.title'),
					cookies: [
						{ name: appCookieName, host: cookieDomain, description: buildDict('cookies.app') },
						{ name: 'shop_scroll_*', host: cookieDomain, storageType: 3, description: buildDict('cookies.scroll'), expiration: buildDict('expiration.session') },
						{ name: 'visits_ts', host: 'stats.example', storageType: 1, description: buildDict('cookies.visits', { days: 30 }) },
					] as const,
				}];
				const menu = [{ name: 'Home', description: t('menu.home') }, { name: 'Shop', description: t('menu.shop') }];
				return { optional, menu };
			}`,
			want: []got{{"shop_scroll_*", Unclassified, "data"}, {"visits_ts", Unclassified, "data"}},
		},
		{
			name: "the word for cookies as a label lists the names after it, up to a dash",
			file: "cookies.html",
			page: `<h2>Marketing cookies</h2><h3>Embedded maps</h3><p>Maps on our contact page.</p>
				<p>Cookie: NID, MAPS-PREF - <a href="https://maps.example/privacy">Privacy policy</a></p>
				<p>Cookies: Yes</p>`,
			want: []got{{"NID", Marketing, "prose"}, {"MAPS-PREF", Marketing, "prose"}},
		},
		{
			name: "categories titled by a translation's key are read by its words, and the key is no cookie's name",
			file: "CookieConsent.yaml",
			page: "CookieConsent:\n  Categories:\n    essential:\n      Title: CookieConsent::essential_cookies_title_html\n" +
				"      Cookies:\n        - Name: shop_sess\n          Description: CookieConsent::cookie_description_session_html\n          Expiration: session\n" +
				"    matomo:\n      Title: CookieConsent::analytics_cookies_title_html\n" +
				"      Cookies:\n        - Name: '_pk_id.*'\n          Expiration: 13\n          ExpirationUnit: months\n",
			want: []got{{"shop_sess", Necessary, "list"}, {"_pk_id.*", Statistics, "list"}},
		},
		{
			name: "Markdown a module returns in a template literal, its code spans escaped, is read as the page",
			file: "legal.ts",
			page: "export function buildPolicy(lang: string): string {\n\treturn englishTemplate();\n}\n" +
				"function englishTemplate(): string {\n\treturn `# Privacy policy\n\n## Cookies\n\n| Name | Purpose | Duration |\n|---|---|---|\n" +
				"| \\`ws_session\\` | Keeps you signed in | Session |\n| \\`ws_vote\\` | Stops a second vote | 12 months |\n`;\n}\n",
			want: []got{{"ws_session", Unclassified, "table"}, {"ws_vote", Unclassified, "table"}},
		},
		{
			// The front matter's settings render as headings and a list;
			// with the page's own headings they outnumber the records'
			// fields, but headings are sections, not prose.
			name: "labelled fields under many headings, after a front matter of settings, are records",
			file: "about.md",
			page: "---\ntitle: About the site\nsidebar:\n  shown: true\n  label: ''\nfooter:\n  shown: false\n  label: ''\n" +
				"rows:\n  - width: 4\n    parts:\n      - kind: text\n        width: 8\n---\n\n# PRIVACY\n" +
				"We keep no profiles of visitors.\n\n# SIGN-IN COOKIES\nFile names: hub_sid\n\nPurpose: Keeps editors signed in.\n\nType: 1st party\n\n" +
				"# MAP COOKIES\nFile names: mapx_id, mapx_seen\n\nPurpose: The embedded map uses these to collect analytics on its use.\n\nType: 3rd party\n",
			want: []got{{"hub_sid", Unclassified, "record"}, {"mapx_id", Statistics, "record"}, {"mapx_seen", Statistics, "record"}},
		},
		{
			name: "a row of one cell naming a category heads the rows below it in a table of two columns",
			file: "cookies.html",
			page: `<table><tr><th>Name</th><th>Zweck</th></tr>
				<tr><td><p><strong>Notwendige Cookies</strong></p></td></tr>
				<tr><td><p>hof_sess</p></td><td><p>Hält die Sitzung offen.</p></td></tr>
				<tr><td><p><strong>Nicht notwendige Cookies</strong></p></td></tr>
				<tr><td><p>hof_stat</p></td><td><p>Zählt Besuche der Seiten.</p></td></tr></table>`,
			want: []got{{"hof_sess", Necessary, "table"}, {"hof_stat", Unclassified, "table"}},
		},
		{
			name: "a data file's flag that a cookie needs no consent is its category where none is given",
			file: "cookies.yml",
			page: "entries:\n  - name: ws_choice\n    kind: cookie\n    purpose: Remembers your answer to the banner.\n    exempt: true\n" +
				"  - name: ws_visits\n    kind: cookie\n    purpose: Counts visits to the pages.\n    exempt: false\n" +
				"  - name: ws_tour\n    category: preferences\n    purpose: Remembers that you saw the tour.\n    required: true\n",
			want: []got{{"ws_choice", Necessary, "list"}, {"ws_visits", Unclassified, "list"}, {"ws_tour", Preferences, "list"}},
		},
		{
			name: "a Latvian table's columns are known by their headers",
			file: "sikdatnes.html",
			page: `<h2>Izmantotās tehnoloģijas</h2>
				<table><tr><th>Nosaukums</th><th>Veids</th><th>Nolūks</th><th>Glabāšanas ilgums</th></tr>
				<tr><td>lv_lang</td><td>localStorage</td><td>Atceras valodu.</td><td>1 gads</td></tr>
				<tr><td>lv_sess</td><td>sīkdatne</td><td>Uztur sesiju.</td><td>Sesija</td></tr></table>`,
			want: []got{{"lv_lang (localStorage)", Unclassified, "table"}, {"lv_sess", Unclassified, "table"}},
		},
		{
			name: "a Turkish table's type column gives the category",
			file: "cerez-politikasi.html",
			page: `<h2>Kullanılan Çerezler</h2>
				<table><tr><th>Çerez Adı</th><th>Tür</th><th>Süre</th><th>Amaç</th></tr>
				<tr><td>tr_tema</td><td>Zorunlu</td><td>Kalıcı</td><td>Tema tercihini hatırlar</td></tr>
				<tr><td>tr_sayac</td><td>Analitik</td><td>1 yıl</td><td>Ziyaretleri sayar</td></tr></table>`,
			want: []got{{"tr_tema", Necessary, "table"}, {"tr_sayac", Statistics, "table"}},
		},
		{
			name: "a purpose that is a category word speaks for its row before a sentence above the table",
			file: "aviso-legal.php",
			page: `<h2>11. Política de cookies</h2>
				<p>Las cookies personalizan la visita y recuerdan las preferencias de los usuarios.</p>
				<table><thead><th>NOMBRE</th><th>ORIGEN</th><th>PROPÓSITO</th><th>CADUCIDAD</th></thead>
				<tbody><tr><td>es_contador</td><td>Propia</td><td>Estadísticas</td><td>2 años</td></tr>
				<tr><td>es_token</td><td>Propia</td><td>Seguridad</td><td>1 hora</td></tr>
				<tr><td>es_sesion</td><td>Propia</td><td>Técnica</td><td>Sesión</td></tr></tbody></table>`,
			want: []got{{"es_contador", Statistics, "table"}, {"es_token", Necessary, "table"}, {"es_sesion", Necessary, "table"}},
		},
		{
			name: "a Blade template's inline section values are its layout's, not the page's text",
			file: "cookies.blade.php",
			page: `@extends('layouts.app')
@section('title', 'Cookies — ACME BRNO')
@section('meta_description', 'Politika cookies ACME BRNO — ako používame cookies.')
@section('content')
<h1>Politika cookies</h1>
<table><tr><th>Názov</th><th>Účel</th></tr>
<tr><td>acme_sess</td><td>Udržiava reláciu.</td></tr></table>
@endsection`,
			want: []got{{"acme_sess", Unclassified, "table"}},
		},
		{
			name: "rows hidden by a comment that opens a PHP block and closes in another are no declarations",
			file: "cookies.ctp",
			page: `<table><tr><th>Nome</th><th>Descrição</th><th>Duração</th></tr>
<tr><td>loja_sess (<?php echo $host; ?>)</td><td>Mantém a sessão.</td><td>Sessão</td></tr>
<?php /* ?>
<tr><td>OLDTRACK (<?php echo $host; ?>)</td><td>Distingue usuários.</td><td>Uma hora</td></tr>
<?php */ ?>
<tr><td>loja_mail</td><td>Guarda o e-mail do painel.</td><td>Um ano</td></tr></table>`,
			want: []got{{"loja_sess", Unclassified, "table"}, {"loja_mail", Unclassified, "table"}},
		},
		{
			name: "a table drawn by columns, each a title and its cells, is read by rows",
			file: "cookies.php",
			page: `<h3>Categoría: Necesarias</h3>
<div class="tbl d-none d-md-flex">
  <div class="col name"><h4>Nombre de la cookie</h4><p>tienda_sesion</p><p>tienda_idioma</p></div>
  <div class="col provider"><h4>Proveedor</h4><a href="#">tienda.example</a><a href="#">tienda.example</a></div>
  <div class="col expiry"><h4>Caducidad</h4><p>Sesión</p><p>1 año</p></div>
</div>
<h3>Categoría: Estadística</h3>
<div class="tbl d-none d-md-flex">
  <div class="col name"><h4>Nombre de la cookie</h4><p>_tienda_visitas</p></div>
  <div class="col provider"><h4>Proveedor</h4><a href="#">tienda.example</a></div>
  <div class="col expiry"><h4>Caducidad</h4><p>2 años</p></div>
</div>`,
			want: []got{{"tienda_sesion", Necessary, "table"}, {"tienda_idioma", Necessary, "table"}, {"_tienda_visitas", Statistics, "table"}},
		},
		{
			name: "records of dashed fields among prose, under a bold line that speaks of cookies",
			file: "cerez.blade.php",
			page: `<div class="container">
<h2>Çerez nedir?</h2>
<p>Çerezler, ziyaret ettiğiniz sitenin tarayıcınıza kaydettiği küçük dosyalardır ve siteyi hatırlamasına yardım eder.</p>
<p><strong>Çerezleri Kapatmanız Durumunda:</strong></p>
<p>Gerekli çerezleri kapatırsanız sitenin bazı bölümleri beklendiği gibi çalışmayabilir ve bazı hizmetler kısıtlanabilir.</p>
<h2>Üçüncü taraf çerezler</h2>
<p><b>Adı&nbsp;–&nbsp;</b>olcum_a</p>
<p>Açıklama&nbsp;–&nbsp;Ziyaretçileri birbirinden ayırmak için kullanılır.</p>
<p>Kullanım Süresi-&nbsp;1 yıl</p>
<p>Kategori&nbsp;–&nbsp;Performans</p>
<p><b>Adı&nbsp;–&nbsp;</b>olcum_b</p>
<p>Açıklama&nbsp;–&nbsp;Oturumun süresini ölçer.</p>
<p>Kullanım Süresi-&nbsp;1 yıl</p>
<p>Kategori&nbsp;–&nbsp;Performans</p>
</div>`,
			want: []got{{"olcum_a", Statistics, "record"}, {"olcum_b", Statistics, "record"}},
		},
		{
			name: "a Latvian table's type column (Tips) gives the category",
			file: "sikdatnes.php",
			page: `<table><thead><tr><th>Sīkdatnes nosaukums</th><th>Tips</th><th>Apraksts</th><th>Ilgums</th></tr></thead>
<tbody><tr><td>veikals_sesija</td><td>Nepieciešams</td><td>Uztur sesiju.</td><td>Sesija</td></tr>
<tr><td>veikals_skaits</td><td>Analītikas</td><td>Skaita apmeklējumus.</td><td>1 gads</td></tr></tbody></table>`,
			want: []got{{"veikals_sesija", Necessary, "table"}, {"veikals_skaits", Statistics, "table"}},
		},
		{
			name: "a paragraph holding a name alone before the list of its fields",
			file: "cookieStatement.jsp",
			page: `<p>Nous utilisons les cookies suivants.</p>
<p class="p1"><span class="s1">shopSession</span></p>
<ul><li class="p1"><span class="s1">Type: First party</span></li>
<li class="p1"><span class="s1">Function: Strictly Necessary</span></li>
<li class="p1"><span class="s1">Lifetime: Session</span></li></ul>
<p class="p1"><span class="s1">adpartner_id</span></p>
<ul><li class="p1"><span class="s1">Type: Third party</span></li>
<li class="p1"><span class="s1">Function: Targeting</span></li>
<li class="p1"><span class="s1">Lifetime: 90 days</span></li></ul>
<p class="p1"><span class="s1">Analytics</span></p>
<ul><li>Type: First party</li><li>Lifetime: 1 year</li></ul>`,
			want: []got{{"shopSession", Necessary, "list"}, {"adpartner_id", Marketing, "list"}},
		},
		{
			name: "a heading of cookies and other tools is no category of other cookies, and a row's purpose gives one",
			file: "privacy.php",
			page: `<h2 id="cookie">7. Cookie e altri strumenti</h2>
<p>Il sito usa soltanto cookie tecnici e memorie locali del browser.</p>
<table><thead><tr><th>Nome</th><th>Tipo</th><th>A cosa serve</th><th>Durata</th></tr></thead>
<tbody><tr><td>sito_sessione</td><td>cookie tecnico</td><td>Mantiene la sessione</td><td>fino alla chiusura del browser</td></tr>
<tr><td>sito_zoom</td><td>memoria locale</td><td>Preferenze di lettura: grandezza del testo</td><td>finché non la cancelli</td></tr></tbody></table>`,
			want: []got{{"sito_sessione", Necessary, "table"}, {"sito_zoom (localStorage)", Preferences, "table"}},
		},
		{
			name: "a column saying whether each cookie needs consent gives the category its answer names, and necessary for a plain no",
			file: "cookies.html",
			page: `<h2>The cookies we use</h2>
				<table><thead><tr><th>Cookie</th><th>What it does</th><th>Consent required</th></tr></thead>
				<tbody><tr><td>shop_basket</td><td>Keeps what you put in the basket</td><td>No</td></tr>
				<tr><td>shop_visits</td><td>Counts visits to the shop's pages</td><td>Yes (analytics)</td></tr>
				<tr><td>shop_promo</td><td>Shows the offers you saw elsewhere</td><td>Yes – marketing</td></tr>
				<tr><td>shop_helper</td><td>Opens the help chat</td><td>Yes</td></tr></tbody></table>
				<h2>Pliki cookie</h2>
				<table><tr><th>Nazwa</th><th>Cel</th><th>Wymóg zgody</th></tr>
				<tr><td>sklep_sesja</td><td>Utrzymanie sesji</td><td>Nie (niezbędne)</td></tr>
				<tr><td>sklep_ruch</td><td>Analiza ruchu</td><td>Tak (analityczne)</td></tr></table>`,
			want: []got{
				{"shop_basket", Necessary, "table"}, {"shop_visits", Statistics, "table"}, {"shop_promo", Marketing, "table"},
				{"shop_helper", Unclassified, "table"}, {"sklep_sesja", Necessary, "table"}, {"sklep_ruch", Statistics, "table"},
			},
		},
		{
			name: "a description ending in its facts in parentheses, a lifetime among them, gives the category the last of them names",
			file: "CookiesPolicy.vue",
			page: `<template><section><h2>Cookies on this site</h2><ul>
				<li><b>shop_sess:</b> Keeps you signed in. <i>(Session, our own, technical)</i></li>
				<li><b>shop_stats:</b> Counts the visits to each page. <i>(13 months, AdServe Marketing Ltd, analytics)</i></li>
				<li><b>shop_look:</b> Remembers the layout you chose. <i>(our own, preferences)</i></li>
				</ul></section></template>`,
			want: []got{{"shop_sess", Necessary, "prose"}, {"shop_stats", Statistics, "prose"}, {"shop_look", Unclassified, "prose"}},
		},
		{
			name: "an SQL dump that inserts a CMS's pages names its columns in backquotes, no cookies",
			file: "legal-pages.sql",
			page: "-- The site's legal pages (Privacy Policy / Cookie Policy)\n" +
				"INSERT INTO `pages`\n  (`title`, `slug`, `content`, `meta_description`, `show_in_footer`, `created_at`)\nVALUES\n" +
				"('Cookie Policy', 'cookies', '<h1>Cookie Policy</h1><h2>Cookie tecnici</h2><table><tr><th>Nome</th><th>Finalità</th><th>Durata</th></tr>" +
				"<tr><td>shop_sess</td><td>Mantiene la sessione</td><td>Sessione</td></tr></table>', 'I cookie del sito', 1, NOW())\n" +
				"ON DUPLICATE KEY UPDATE `title` = VALUES(`title`), `meta_description` = VALUES(`meta_description`);\n",
			want: []got{{"shop_sess", Necessary, "table"}},
		},
		{
			name: "a word alone in bold before a paragraph that names it beside the word for cookies is that cookie's name",
			file: "cookies.md",
			page: `<h2>Essential cookies</h2>
<p><b>shopwarning</b></p>
<p>The shopwarning cookie keeps whether the notice was closed.</p>
<b>greetedonce</b>
<p>Le cookie greetedonce retient que le message a été montré.</p>
<p><b>newsletter</b></p>
<p>Our newsletter comes once a month; no cookie is set for it.</p>
<p><strong>AdNetwork</strong></p>
<p>The AdNetwork cookie is set by AdNetwork to show you its ads.</p>`,
			want: []got{{"shopwarning", Necessary, "prose"}, {"greetedonce", Necessary, "prose"}},
		},
		{
			name: "a CSV table, as a cookie scanner exports it, is read by its header row, whichever its separator",
			file: "basic-cookies.csv",
			page: "Name;Description;Expiration;Category\n" +
				"shop_sess;\"Keeps the basket; deleted when you leave\";Session;Strictly necessary\n" +
				"visits;Counts the visits, page by page;1 year;Statistics\n" +
				"remember;Keeps you signed in;2 weeks;\n",
			want: []got{{"shop_sess", Necessary, "table"}, {"visits", Statistics, "table"}, {"remember", Unclassified, "table"}},
		},
		{
			name: "a CSV table separated by commas, quoted where a value holds one",
			file: "cookies.tsv.csv",
			page: "Name,Description,Expiration,CP,Frontend\n" +
				"anon,\"Whether your name is shown, or not\",1 year,,*\n" +
				"tracker,Pages you visited last,Session,,*\n",
			want: []got{{"anon", Unclassified, "table"}, {"tracker", Unclassified, "table"}},
		},
		{
			name: "a module whose texts are kept under one language's code so far, with a Finnish group's name no cookie",
			file: "cookies.ts",
			page: `export default {
  necessary: [
    { id: "functional", name: { en: "Toimintoevästeet" }, description: { en: "Sivuston toiminta" } },
  ],
  optional: [
    {
      id: "stats",
      name: { en: "Site statistics" },
      description: { en: "Kävijämäärien mittaus" },
      targetCookieIds: ["shop_visits", "shop_visits_*"],
    },
  ],
};`,
			want: []got{{"shop_visits", Statistics, "data"}, {"shop_visits_*", Statistics, "data"}},
		},
		{
			name: "a phone number's country code and a kind of cookie named after a product are no names",
			file: "cookiepolitik.html",
			page: `<h2>Cookies</h2>
				<p>Vi bruger <code>shop_stats</code> til statistik. Læs mere i <a href="https://example.org/ga4">beskrivelsen af GA4-cookies</a>,
				eller ring på <a href="tel:+4512345678">+45 12 34 56 78</a>.</p>`,
			want: []got{{"shop_stats", Statistics, "prose"}},
		},
		{
			name: "a pipe table written without its delimiter row, titled by the last line of a long paragraph",
			file: "privacy.md",
			page: "## Cookies\n\n### What is a cookie?\n" +
				"A cookie is a small file that your browser keeps and sends back with every request to the site that set it. " +
				"Sites use them in many ways, and the same file may be read by the site again on your next visit, months later. " +
				"They are kept until they expire or until you delete them, which your browser's settings let you do at any time, for all sites or for one. " +
				"We describe ours below.\n" +
				"Cookies needed for the essential operation of this website\n" +
				"| Cookie | Expires | Notes |\n" +
				"| shop_visit | 1 year | Set on your first visit |\n",
			want: []got{{"shop_visit", Necessary, "table"}},
		},
		{
			name: "a translation file keeping each cookie's text under the cookie's name and a suffix",
			file: "cookies.php",
			page: `<?php

return [
    'shop_stats' => [
        '_ga_description' => 'This cookie is set by Google Analytics to tell visitors apart.',
        'shop_visits_expiry' => 'This cookie lasts one year.',
        'analytics_description' => 'These cookies count the visits to the site.',
    ],
];
`,
			want: []got{{"_ga", Unclassified, "prose"}, {"shop_visits", Unclassified, "prose"}},
		},
		{
			name: "a template's call reading a setting names the cookie by its fallback, and its key is no name",
			file: "cookies.blade.php",
			page: `<h2>Necessary cookies</h2>
				<table><tr><th>Cookie name</th><th>Purpose</th></tr>
				<tr><td>{{ config('session.cookie', 'shop_session') }}</td><td>Keeps you signed in</td></tr>
				<tr><td>XSRF-TOKEN</td><td>Protects forms</td></tr></table>`,
			want: []got{{"shop_session", Necessary, "table"}, {"XSRF-TOKEN", Necessary, "table"}},
		},
		{
			name: "names with a dot whose last part is no domain the public suffix list knows are names",
			file: "cookies.md",
			page: "## The cookies\n\n### `shop.theme`\n\n**What for:** remembering whether you chose the dark or the light theme.\n\n**Lasts:** one year.\n\n" +
				"### `shop.locale`\n\n**What for:** remembering the language you chose.\n\n**Lasts:** one year.\n\n" +
				"Our pages are served from `shop.online` and `static.shop.example`.\n",
			want: []got{{"shop.theme", Unclassified, "prose"}, {"shop.locale", Unclassified, "prose"}},
		},
		{
			name: "a purpose that says the cookie keeps the visitor's consent makes it necessary where the page names no category",
			file: "cookie-richtlinie.html",
			page: `<h3>Welche Cookies setzen wir?</h3>
				<table><tr><th>Name</th><th>Zweck</th><th>Speicherdauer</th></tr>
				<tr><td>shop_choice</td><td>Speichert Ihre Cookie-Einwilligung</td><td>12 Monate</td></tr>
				<tr><td>shop_visit</td><td>Unterscheidet Besucher</td><td>24 Monate</td></tr></table>`,
			want: []got{{"shop_choice", Necessary, "table"}, {"shop_visit", Unclassified, "table"}},
		},
		{
			name: "a policy kept as a Markdown template in a fence is read as the page, and a table of categories after it continues no cookie table",
			file: "cookies-template.md",
			page: "# Cookie policy template\n\nCopy the page below.\n\n```markdown\n# Cookie policy\n\n**Last updated: [DATE]**\n\n" +
				"### Analytics cookies\n\n| Cookie | Purpose | Lifetime |\n|---|---|---|\n| `shop_stats` | Counts visits | 2 years |\n```\n\n" +
				"## Categories\n\n| Category | Consent required | Blocked until consent |\n|---|---|---|\n| Analytics | Yes | Yes |\n| Marketing | Yes | Yes |\n",
			want: []got{{"shop_stats", Statistics, "table"}},
		},
		{
			name: "a template string's words before a colon are no label, and purposes of advertising's measure or personalisation are marketing",
			file: "page.tsx",
			page: "import { useLocale } from \"next-intl\";\n" +
				"import { SITE_NAME } from \"@/lib/site\";\n" +
				"import type { Metadata } from \"next\";\n" +
				"\n" +
				"export async function generateMetadata({\n" +
				"  params,\n" +
				"}: {\n" +
				"  params: Promise<{ locale: string }>;\n" +
				"}): Promise<Metadata> {\n" +
				"  const { locale } = await params;\n" +
				"  const isTr = locale === \"tr\";\n" +
				"  return {\n" +
				"    title: isTr ? \"Gizlilik\" : \"Privacy\",\n" +
				"    description: isTr\n" +
				"      ? `${SITE_NAME} gizlilik metni: çerez kullanımı, AdSense ve Analytics verileri, haklarınız.`\n" +
				"      : `${SITE_NAME} privacy notice: cookies, AdSense and Analytics data, your rights.`,\n" +
				"    alternates: {\n" +
				"      canonical: isTr ? \"/gizlilik\" : \"/en/privacy\",\n" +
				"      languages: {\n" +
				"        tr: \"/gizlilik\",\n" +
				"        en: \"/en/privacy\",\n" +
				"      },\n" +
				"    },\n" +
				"  };\n" +
				"}\n" +
				"\n" +
				"export default function Privacy() {\n" +
				"  return (<main><h2>Çerezler</h2>\n" +
				"<table><thead><tr><th>Çerez</th><th>Amaç</th><th>Süre</th></tr></thead><tbody>\n" +
				"<tr><td>shop_adp</td><td>Reklam kişiselleştirme ve gösterim sınırı</td><td>13 ay</td></tr>\n" +
				"<tr><td>shop_adm</td><td>Ad performance measurement</td><td>13 ay</td></tr>\n" +
				"<tr><td>shop_cmp</td><td>Rıza yönetimi aracı</td><td>13 ay</td></tr>\n" +
				"</tbody></table></main>);\n" +
				"}\n",
			want: []got{{"shop_adp", Marketing, "table"}, {"shop_adm", Marketing, "table"}, {"shop_cmp", Necessary, "table"}},
		},
		{
			name: "a data file kept as a sample is read as its own kind, and a list of plain values does not head the cookies after it",
			file: "CookieConsent.yaml.sample",
			page: "---\n# Consent settings of the shop.\n\nCookieConsent:\n  Categories:\n    essential:\n      Title: Shop::essential_cookies_title_html\n      Essential: true\n" +
				"      Cookies:\n        - Name: 'shop_choice'\n          Expiration: 365\n" +
				"    stats:\n      Title: Shop::analytics_cookies_title_html\n      Essential: false\n      ControlServices:\n        - counter\n" +
				"      Cookies:\n        - Name: 'shop_count.*'\n          Description: Shop::cookie_description_count_html\n          Expiration: 13\n",
			want: []got{{"shop_choice", Necessary, "list"}, {"shop_count.*", Statistics, "list"}},
		},
		{
			name: "a locale file whose one language holds the site's pages is read as the pages' text",
			file: "en.yml",
			page: "en:\n  pages:\n    cookies:\n      title: Cookies\n      body: |\n" +
				"        <p>The booking service puts small files onto your computer to remember where you are in its forms and nothing else about you.</p>\n" +
				"        <table><thead><tr><th>Name</th><th>Purpose</th><th>Expires</th></tr></thead>\n" +
				"        <tbody><tr><td>shop_progress</td><td>Remembers your progress through the forms</td><td>When you close your browser</td></tr></tbody></table>\n",
			want: []got{{"shop_progress", Unclassified, "table"}},
		},
		{
			name: "a web component's cookie, described in the object it passes to the class it extends, with its names in a list",
			file: "shop-session-cookie.section.ts",
			page: "import { ShopCookie } from './shop-cookie';\n\nexport class ShopSessionCookie extends ShopCookie {\n  constructor() {\n    super({\n" +
				"      title: 'Sessie cookie',\n      name: ['SHOP_SESSION', 'SHOP_SESSION_LEGACY'],\n" +
				"      purpose: 'Houdt een sessie tussen de server en de bezoeker in stand.',\n" +
				"      domain: window.location.hostname,\n      validity: 'Beperkt tot de duur van de sessie',\n    });\n  }\n}\n",
			want: []got{{"SHOP_SESSION", Unclassified, "data"}, {"SHOP_SESSION_LEGACY", Unclassified, "data"}},
		},
		{
			name: "a section's number set apart in a span and run into its heading's word is no cookie",
			file: "cerez-politikasi.html",
			page: `<section><h2><span class="num">4</span>Çerez Tablosu</h2>
				<table><tr><th>Çerez Adı</th><th>Kategori</th><th>Süre</th></tr>
				<tr><td><code>shop_session</code></td><td>Zorunlu</td><td>Oturum</td></tr></table></section>
				<section><h2><span class="num">8</span>İletişim</h2>
				<p>Çerez politikamız hakkında sorularınız için bize yazabilirsiniz:</p></section>`,
			want: []got{{"shop_session", Necessary, "table"}},
		},
		{
			name: "a form helper's field names in a server template's tag are no cookies",
			file: "cookies.html.erb",
			page: "<h1>Cookies</h1>\n<p>We use the <code>desk_session</code> cookie to keep you signed in.</p>\n" +
				"<h2>Do you want to accept analytics cookies?</h2>\n" +
				"<%= form_with scope: \"desk_choices\", url: desk_choices_path do |f| %>\n" +
				"  <%= f.button \"Accept analytics cookies\", name: \"desk_choices[analytics]\", value: \"yes\" %>\n<% end %>\n",
			want: []got{{"desk_session", Unclassified, "prose"}},
		},
		{
			name: "the service a table's introduction names as the cookies' setter gives their kind",
			file: "cookies.md",
			page: "# Our cookies\n\nWe count visits to improve the site.\n\nGoogle Analytics sets the following cookies:\n\n" +
				"| Name | Purpose | Expires |\n|---|---|---|\n| _utma | Tells visitors apart | 2 years |\n| _utmz | Where the visit came from | 6 months |\n",
			want: []got{{"_utma", Statistics, "table"}, {"_utmz", Statistics, "table"}},
		},
		{
			name: "a list item's description whose labelled facts end with the cookie's category",
			file: "polityka-cookies.html",
			page: `<h2>Pliki cookies</h2><ul>
				<li><strong>shop_consent</strong> — zapis decyzji użytkownika; okres: 365 dni; kategoria: funkcjonalne.</li>
				<li><strong>shop_basket</strong> — zawartość koszyka; okres: 30 dni; kategoria: niezbędne.</li></ul>`,
			want: []got{{"shop_consent", Preferences, "prose"}, {"shop_basket", Necessary, "prose"}},
		},
		{
			name: "Finnish necessary in the singular, in a type column beside a service",
			file: "evasteet.html",
			page: `<h2>Evästeet</h2><table><tr><th>Evästeen nimi</th><th>Tyyppi / Palvelu</th><th>Käyttötarkoitus</th></tr>
				<tr><td>shop_lang</td><td>Välttämätön / Oma</td><td>Tallentaa kielen.</td></tr></table>`,
			want: []got{{"shop_lang", Necessary, "table"}},
		},
		{
			name: "a PHP page's table whose rows a function of its own draws, one call per row",
			file: "politica-cookies.php",
			page: "<?php\nfunction fila(string $n, string $c, string $f): void {\n  echo '<tr><td>' . e($n) . '</td><td>' . e($c) . '</td><td>' . e($f) . '</td></tr>';\n}\n?>\n" +
				"<h2>Cookies</h2>\n<table>\n<thead><tr><th>Nombre</th><th>Categoría</th><th>Finalidad</th></tr></thead>\n<tbody>\n<?php\n" +
				"  fila('tienda_sesion', 'Necesaria', 'Mantiene tu sesión.');\n" +
				"  fila('tienda_visitas', 'Analítica', \"Cuenta las visitas, sin saber quién eres.\",);\n?>\n</tbody>\n</table>\n",
			want: []got{{"tienda_sesion", Necessary, "table"}, {"tienda_visitas", Statistics, "table"}},
		},
		{
			name: "a PHP page's code (functions, constants) is no text of the page; its strings are",
			file: "cookies.php",
			page: "<?php\n    ['boton' => true],\n    'Duración de las cookies: tienda_sesion, una sesión',\n    array_values(array_filter([",
			want: []got{{"tienda_sesion", Unclassified, "prose"}},
		},
		{
			// A section per third party, headed by the service's name:
			// "Pixel" there is the product's, and the table the text
			// calls its cookies lists cookies, audited as all are.
			name: "a service's pixel heads a table of its cookies",
			file: "third-parties.html",
			page: `<h1>Third-party cookies</h1>
				<h3>Facebook-Pixel</h3>
				<p>Our site measures conversions with the visitor action pixel of a social network.</p>
				<b>Cookies of the Facebook Pixel</b>
				<table><tr><th>Name</th><th>Purpose</th><th>Validity</th></tr>
				<tr><td>fr, datr</td><td>Tells the visitors apart</td><td>90 days</td></tr></table>
				<h3>Web beacons</h3>
				<table><tr><th>Name</th><th>Purpose</th></tr><tr><td>tr_beacon</td><td>Counts the opened mails</td></tr></table>`,
			want: []got{{"fr", Unclassified, "table"}, {"datr", Unclassified, "table"}, {"tr_beacon (pixel)", Unclassified, "table"}},
		},
		{
			// A type column in Finnish, as a consent platform's export
			// writes it ("Seurantapikseli", a tracking pixel); a service's
			// pixel heading a table its text calls cookies ("evästeet").
			name: "pixels named in compounds, and a pixel heading cookies in Finnish",
			file: "evasteet.html",
			page: `<h2>Markkinointi</h2>
				<table><tr><th>Nimi</th><th>Tarjoaja</th><th>Tarkoitus</th><th>Tyyppi</th></tr>
				<tr><td>_gcl_au</td><td>Google</td><td>Mainonnan mittaus</td><td>HTTP Cookie</td></tr>
				<tr><td>pagead/1p-user-list/#</td><td>Google</td><td>Mainonnan mittaus</td><td>Seurantapikseli</td></tr></table>
				<h2>Meta-pikseli</h2>
				<p>Tämän palvelun evästeet:</p>
				<table><tr><th>Nimi</th><th>Tarkoitus</th></tr><tr><td>_fbp</td><td>Mainonnan kohdentaminen</td></tr></table>`,
			want: []got{{"_gcl_au", Marketing, "table"}, {"pagead/1p-user-list/# (pixel)", Marketing, "table"}, {"_fbp", Unclassified, "table"}},
		},
		{
			// A site that says it uses necessary cookies only, and lists
			// them with no category: they are the necessary ones.
			name: "a page that uses necessary cookies only",
			file: "evasteet.html",
			page: `<h1>Evästekäytäntö</h1><p>Palvelumme käyttää vain teknisesti välttämättömiä evästeitä. Emme käytä analytiikkaevästeitä.</p>
				<h2>Käyttämämme evästeet</h2>
				<table><tr><th>Eväste</th><th>Tarkoitus</th><th>Kesto</th></tr>
				<tr><td>app-access-token</td><td>Kirjautuminen</td><td>Istunto</td></tr></table>`,
			want: []got{{"app-access-token", Necessary, "table"}},
		},
		{
			// The same sentence beside a cookie filed under analytics
			// says nothing of the cookies given no category.
			name: "a page that says so and files a cookie under analytics",
			file: "cookies.html",
			page: `<h1>Cookies</h1><p>We only use strictly necessary cookies.</p>
				<h2>The list</h2><p>Each cookie is listed below with its purpose.</p>
				<table><tr><th>Name</th><th>Purpose</th><th>Category</th></tr>
				<tr><td>ab_bucket</td><td>Picks a page variant</td><td></td></tr>
				<tr><td>visit_tally</td><td>Counts visits</td><td>Analytics</td></tr></table>`,
			want: []got{{"ab_bucket", Unclassified, "table"}, {"visit_tally", Statistics, "table"}},
		},
		{
			// The statement in a template's paragraph component (Material
			// UI's <Typography> in a Next.js page).
			name: "a template that uses necessary cookies only",
			file: "page.tsx",
			page: `export default function Page() { return (<Container>
				<Typography variant="body1">A rendszer nem használ analitikai sütiket. Kizárólag a működéshez szükséges sütiket alkalmazzuk.</Typography>
				<Table><TableHead><TableRow><TableCell>Süti neve</TableCell><TableCell>Cél</TableCell></TableRow></TableHead>
				<TableBody><TableRow><TableCell>erp_session_id</TableCell><TableCell>Bejelentkezés</TableCell></TableRow></TableBody></Table>
				</Container>); }`,
			want: []got{{"erp_session_id", Necessary, "table"}},
		},
		{
			// Rows drawn from an array written inline in the table's
			// body, in a JSX expression.
			name: "a table drawn from an array written inline",
			file: "Cookies.jsx",
			page: `export default function Cookies() { return (<table><thead><tr><th>Cookie</th><th>Type</th><th>Doel</th></tr></thead>
				<tbody>{[
					{ name: 'tally_id', type: 'Analytisch', doel: 'Telt bezoeken' },
					{ name: 'pick_v1', type: 'Noodzakelijk', doel: 'Bewaart uw keuze' },
				].map((row) => (<tr key={row.name}><td>{row.name}</td><td>{row.type}</td><td>{row.doel}</td></tr>))}</tbody></table>); }`,
			want: []got{{"tally_id", Statistics, "data"}, {"pick_v1", Necessary, "data"}},
		},
		{
			// A provider's note of web storage types its row's entry.
			name: "a provider noted as local storage",
			file: "cookies.html",
			page: `<h2>Niezbędne</h2><table><tr><th>Nazwa</th><th>Dostawca</th><th>Cel</th><th>Ważność</th></tr>
				<tr><td><code>sess_key</code></td><td>Serwis</td><td>Logowanie</td><td>Sesja</td></tr>
				<tr><td><code>pick_v1</code></td><td>Serwis (localStorage)</td><td>Zapamiętuje wybór w banerze</td><td>12 miesięcy</td></tr></table>`,
			want: []got{{"sess_key", Necessary, "table"}, {"pick_v1 (localStorage)", Necessary, "table"}},
		},
		{
			// An inventory's records keyed by id, each with a category of
			// its own; the list of categories beside it, keyed by id too,
			// holds no records.
			name: "an inventory of records keyed by id",
			file: "cookies.ts",
			page: `export interface Item { id: "site_admin" | "chat_conv"; category: Category; type: "cookie" | "local" }
export const CATEGORIES: { id: Category; required?: boolean }[] = [{ id: "necessary", required: true }, { id: "analytics" }, { id: "functional" }];
export const ITEMS: Item[] = [
  { id: "site_admin", category: "necessary", type: "cookie" },
  { id: "tally", category: "analytics", type: "cookie" },
  { id: "chat_conv", category: "functional", type: "cookie" },
];`,
			want: []got{{"site_admin", Necessary, "data"}, {"tally", Statistics, "data"}, {"chat_conv", Preferences, "data"}},
		},
		{
			// A PHP module's array literals, read as data (phpArrays).
			name: "a translation file of services, each with its cookies",
			file: "services.php",
			page: `<?php

// The notice's texts, by service.
return [
    'web_stats' => [
        'description' => 'A service that counts visits to our pages.',
        'cookies' => [
            '_ga' => 'Tells visitors apart.',
            '_ga_*' => "Keeps the state of a visit.",
        ],
    ],
    'ad_network' => [
        'description' => 'An advertising network that shows our offers on other sites.',
        'cookies' => [
            'NID' => 'Remembers what adverts were shown, for retargeting.',
            'fr' => 'Shows adverts ' . 'to past visitors.',
        ],
    ],
    'hosting' => ['description' => __('texts.hosting')],
];
`,
			want: []got{{"_ga", Unclassified, "data"}, {"_ga_*", Unclassified, "data"}, {"NID", Marketing, "data"}, {"fr", Marketing, "data"}},
		},
		{
			name: "a page's records that a loop draws as a table",
			file: "cookies.php",
			page: `<?php
$cookies = array(
  array('name' => 'shop_session', 'purpose' => 'Keeps your basket', 'category' => 'Necessary', 'expiry' => 'Session'),
  array('name' => '_pk_id.*', 'purpose' => 'Counts visits', 'category' => 'Statistics', 'expiry' => '13 months'), # Matomo
);
?>
<h1>Cookies</h1>
<table><tr><th>Name</th><th>Purpose</th><th>Category</th><th>Expiry</th></tr>
<?php foreach ($cookies as $c): ?>
<tr><td><?= $c['name'] ?></td><td><?= $c['purpose'] ?></td><td><?= $c['category'] ?></td><td><?= $c['expiry'] ?></td></tr>
<?php endforeach; ?>
</table>`,
			want: []got{{"shop_session", Necessary, "data"}, {"_pk_id.*", Statistics, "data"}},
		},
		{
			name: "a literal whose keys hold names in another shape stays for prose",
			file: "texts.php",
			page: `<?php

return [
    'web_stats' => [
        '_ga_description' => 'This cookie is set by the statistics service to tell visitors apart.',
        '_gat_description' => 'This cookie is set by the statistics service to limit its requests.',
    ],
    'social' => [
        'bcookie_description' => 'This cookie is set by the social network to show its buttons.',
        'lidc_description' => 'This cookie is set by the social network to pick a server.',
    ],
];
`,
			want: []got{{"_ga", Unclassified, "prose"}, {"_gat", Unclassified, "prose"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := Load(tt.file, []byte(tt.page), ExtractOptions{Knowledge: fakeKnowledge{}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, declared(p)); diff != "" {
				t.Errorf("declarations (-want +got):\n%s\nwarnings: %q", diff, p.Warnings)
			}
		})
	}
}

// TestCloseRawText checks the rewriting of self-closed raw-text elements:
// only those are rewritten, braces and quotes holding ">" are skipped,
// and lines stay where they were.
func TestCloseRawText(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{`<style />x`, `<style ></style>x`},
		{"<STYLE\n  a={{ b: \"c > d\" }}\n/>", "<STYLE\n  a={{ b: \"c > d\" }}\n></style>"},
		{`<script src="a.js"/><p/>`, `<script src="a.js"></script><p/>`},
		{`<style>p{}</style><br/>`, `<style>p{}</style><br/>`},
		{`<styles/> <stylesheet />`, `<styles/> <stylesheet />`},
		{`<style a="/>`, `<style a="/>`},
	} {
		if got := string(closeRawText([]byte(tt.in))); got != tt.want {
			t.Errorf("closeRawText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTemplateCommentsLeaveTheInput checks that blanking a template's
// comments returns new bytes and leaves the caller's as they were: the
// page is read again in other ways when its markup gives nothing.
func TestTemplateCommentsLeaveTheInput(t *testing.T) {
	t.Parallel()
	const page = "<table>\n<?php /* ?>\n<tr><td>old_row</td></tr>\n<?php */ ?>\n</table>"
	in := []byte(page)
	out := string(dropTemplateComments(in))
	if string(in) != page {
		t.Errorf("the input was changed: %q", in)
	}
	if len(out) != len(page) || strings.Contains(out, "old_row") {
		t.Errorf("dropTemplateComments(%q) = %q, want the commented row blanked, lines kept", page, out)
	}
}
