package policy

// The words of cookie-policy pages, in the languages the extraction reads:
// English, French, German, Spanish, Italian, Dutch, Portuguese, Polish,
// Swedish, Danish, Norwegian, Finnish, Catalan, Czech (with the Slovak
// words that differ little), Romanian, Greek, Korean and Japanese. They
// are matched against folded text (lower case, no accents, punctuation as
// spaces) by the rules of [phrase]; Korean and Japanese words are matched
// inside words ("~"), since those languages do not always separate them.

// role is what a table column (or a list label) holds.
type role int

const (
	roleNone role = iota
	roleName
	roleProvider
	rolePurpose
	roleFunction
	roleCategory
	roleDuration
	roleDomain
	roleType
	roleParty
	roleConsent
)

func (r role) String() string {
	return [...]string{"none", "name", "provider", "purpose", "function", "category", "duration", "domain", "type", "party", "consent"}[r]
}

// columnRoles are tried in order, most specific first: "Cookie Subgroup"
// is a domain, "Cookies used" a type, "Cookie lifespan" a duration and
// "Service provider's name" a provider, though all of them name a cookie or
// a name.
var columnRoles = []struct {
	role    role
	phrases phrases
}{
	{roleDomain, parsePhrases(
		"cookie subgroup", "subgroup", "sous groupe", "untergruppe", "subgrupo", "sottogruppo", "subgroep",
		"undergruppe", "undergrupp", "alaryhma", "podgrupa", "subgrup",
		"domain*", "dominio*", "domaine*", "domein*", "domene*", "domaene*", "domena", "domeny", "verkkotunnus",
		"host", "hosts", "hostname", "hote*", "hostitel",
		"~하위 ~그룹", "~도메인", "~호스트", "~サブグループ", "~ドメイン", "~ホスト",
	)},
	{roleParty, parsePhrases(
		"party", "parties", "first party", "third party", "first or third party", "partij", "partie", "parte",
		"eigen of derde", "erst oder drittanbieter",
	)},
	{roleType, parsePhrases(
		"cookies used", "cookies utilises", "verwendete cookies", "cookies utilizadas", "cookie utilizzati",
		"gebruikte cookies", "cookies utilizados", "uzywane pliki cookie", "anvanda cookies", "anvendte cookies",
		"brukte informasjonskapsler", "kaytetyt evasteet", "galetes utilitzades",
		"type", "types", "typ", "typer", "typy", "tipo", "tipos", "tipologia", "tipus", "tipusa", "tip", "τυποσ", "tyyppi", "soort", "rodzaj", "art",
		"veids", "tips", "tipas", "tuup", "tur", "turu", "cerez turu",
		"storage type",
		// The technology that stores it ("Tecnologia": localStorage, Cookie).
		"technology", "technologie", "tecnologia", "tecnologie", "technologia", "teknologi", "teknologia",
		"~사용 ~중인", "~유형", "~종류", "~使用されている", "~種類", "~タイプ", "~種別",
	)},
	{roleCategory, parsePhrases(
		"categor*", "kategori*", "categoria*", "classification", "classe", "luokka", "klasse", "klass",
		"~카테고리", "~범주", "~분류", "~カテゴリ", "~分類",
	)},
	{roleDuration, parsePhrases(
		"duration*", "expir*", "expires", "lifespan", "life span", "lifetime", "retention*", "storage period",
		"storage duration", "validity", "max age", "how long", "period", "persistence", "persistance", "persistencia",
		"trajanje*", "cas piskotka", "cas trajanja", "veljavnost", "rok trajanja",
		"persistenza", "persistencia", "persistentie",
		"duree*", "expiration", "validite", "conservation", "periode*",
		"dauer", "*dauer", "laufzeit", "ablauf*", "gultigkeit*", "*frist", "verfall*",
		"duracion", "caducidad", "vencimiento", "expiracion", "plazo*", "conservacion", "validez", "periodo*",
		"durata", "scadenza", "conservazione", "validita",
		"duur", "bewaartermijn", "vervaltijd", "vervaldatum", "verloopt", "geldigheid*", "looptijd", "termijn", "bewaarduur",
		"duracao", "expiracao", "validade", "prazo*", "retencao",
		"czas*", "okres*", "wygasa", "wygasniecie", "wygasniecia", "waznosc*", "przechowywani*",
		"varaktighet", "utgang*", "lagringstid", "giltighet*", "livslangd", "lagringsperiod",
		"varighed", "udlob*", "levetid", "opbevaringsperiode", "gyldighed",
		"varighet", "utlop*", "lagringsperiode",
		"kesto", "voimassaolo*", "vanhenemi*", "vanhenee", "sailytysaika", "elinika",
		"durada", "caducitat", "termini", "permanencia", "venciment", "conservacio",
		"dod i ben", "yn dod i ben", "hyd",
		"doba ulozeni", "doba uchovani", "doba platnosti", "doba trvani", "doba expirace", "platnost", "expirace",
		"vyprseni", "trvani", "uchovavani", "doba ulozenia", "exspiracia", "vyprsi", "vyprsia", "platnost do", "expiruje",
		"expirare", "valabilitate", "perioada", "durata de stocare",
		"διαρκεια", "ληξη", "διαρκεια αποθηκευσησ",
		"idotartam", "lejarat*", "ervenyesseg*", "tarolasi ido",
		"sure", "suresi", "saklama suresi", "gecerlilik*",
		"ilgums", "glabasanas ilgums", "derigums", "galiojim*", "saugojim*", "kehtivus*", "sailitusaeg", "sailivusaeg",
		"~기간", "~만료", "~수명", "~보존", "~保存期間", "~有効期限", "~有効期間", "~期間", "~期限",
	)},
	{rolePurpose, parsePhrases(
		"purpose*", "description*", "usage", "use", "used for", "what it does", "what they do", "what it is for", "details",
		"information*", "info", "function and purpose",
		"finalit*", "descrip*", "objet*", "objectif*", "but", "buts", "utilisation", "utilite",
		"zweck*", "*zweck", "beschreibung", "verwendung*", "nutzung*",
		"finalidad*", "proposito*", "objetivo*", "uso",
		"descrizion*", "scopo", "scopi", "utilizzo", "a cosa serve", "a cosa servono", "a che cosa serve",
		"doel*", "beschrijving", "omschrijving", "gebruik",
		"finalidade*", "descricao", "utilizacao",
		"cel", "cele", "opis", "przeznaczenie",
		"syfte*", "beskrivning", "andamal",
		"formal", "beskrivelse", "anvendelse", "bruk",
		"tarkoitus", "kayttotarkoitus", "kuvaus",
		"finalitat", "descripcio", "proposit", "us",
		"ucel", "ucely", "vyuziti", "popis cookie", "pouzitie", "popis",
		"scop", "scopul", "descriere",
		"σκοποσ", "περιγραφη",
		"pwrpas", "diben", "disgrifiad",
		"celja", "leiras", "felhasznalas",
		"namjena", "namena", "svrha",
		"amac*", "aciklama", "kullanim amaci",
		"noluk*", "merkis", "apraksts", "paskirt*", "tikslas", "aprasym*", "eesmark*", "kirjeldus",
		"~목적", "~설명", "~용도", "~目的", "~説明", "~用途",
	)},
	{roleFunction, parsePhrases(
		// Not "function*": "functional" names a category.
		"function", "functions", "fonction", "fonctions", "funktion", "funktionen",
		"funcion", "funciones", "funzione", "funzioni", "functie", "funcao", "funkcja", "toiminto", "funcio",
		"funkce", "funkcia",
	)},
	{roleProvider, parsePhrases(
		"provider*", "vendor*", "company", "companies", "set by", "issuer", "owner", "partner*", "service*",
		"origin", "controller", "processor", "third parties",
		"fournisseur*", "prestataire*", "emetteur*", "editeur*", "depose par", "societe", "entreprise", "tiers", "origine",
		"anbieter*", "*anbieter", "gesetzt von", "unternehmen", "herausgeber", "dienst*",
		"proveedor*", "titular", "empresa", "emisor", "servicio*",
		"fornitor*", "societa", "titolare", "servizio", "servizi",
		"vir", "izvor", "ponudnik*", "pruzatelj*", "davatelj*",
		"aanbieder*", "leverancier*", "geplaatst door", "bedrijf", "partij",
		"fornecedor*", "provedor*", "servico*", "entidade",
		"dostawca", "dostawcy", "podmiot", "firma", "usluga*", "wlasciciel",
		"leverantor*", "tillhandahallare", "foretag", "tjanst*",
		"udbyder*", "leverandor*", "virksomhed", "tjeneste*",
		"tilbyder*", "selskap",
		"palveluntarjoaja", "tarjoaja", "toimittaja", "yritys", "palvelu",
		"proveidor*", "entitat*", "servei", "serveis", "gestiona",
		"poskytovatel*", "zdroj", "spolecnost", "vydavatel", "spolocnost",
		"furnizor*", "emitent",
		"παροχοσ", "παροχοι",
		"darparwr", "darparwyr", "gwasanaeth",
		"szolgaltato*", "kiado", "szolgaltatas",
		"saglayici*", "sirket", "kaynak",
		"nodrosinatajs", "pakalpojum*", "tiekejas", "paslaug*", "teenusepakkuja", "pakkuja",
		"~제공자", "~제공업체", "~공급자", "~회사", "~서비스", "~提供者", "~提供元", "~会社", "~プロバイダ", "~サービス",
	)},
	{roleName, parsePhrases(
		"cookie*", "name*", "identifier", "key", "keys", "storage key",
		"cle", "cles", "schlussel", "clave", "claves", "chiave", "chiavi", "sleutel", "chave", "chaves", "klucz",
		"nyckel", "nogle", "nokkel", "avain", "clau",
		"nom", "noms", "traceur*", "nom du cookie", "nom technique",
		"bezeichnung",
		"nombre*",
		"nome", "nomi", "nomes",
		"naam", "namen",
		"nazwa", "nazwy", "ciasteczk*",
		"namn", "kaka", "kakor", "kakan",
		"navn", "informasjonskapsel*", "kapsel", "kapsler",
		"nimi", "evaste*",
		"galeta*",
		"nazev", "nazov", "jmeno",
		// Slovene, Croatian, Serbian, Bosnian.
		"ime", "ime piskotka", "ime kolacica", "naziv", "naziv kolacica",
		"nume", "denumire",
		"ονομα",
		"enw", "cwci", "cwcis",
		"nev", "neve", "suti*",
		"cerez*", "cerez adi", "isim", "adi",
		"nosaukum*", "pavadinim*", "nimetus",
		"~쿠키", "~이름", "~クッキー", "~名前", "~名称",
	)},
}

// consentHeaders title a column saying whether a cookie needs consent
// ("Consent required", "Wymóg zgody"), as the whole header: a name
// ("shop-consent") or another column ("Consent category") only holds the
// word. Its answer gives the category where a cell names one ("Yes
// (analytics)"), and "No" is a necessary cookie's, the only kind exempt
// from consent (see consentCategory).
var consentHeaders = lineSet(`consent|consent required|requires consent|consent needed|needs consent|consent requirement|opt in
	consentement|consentement requis|consentement necessaire|necessite un consentement
	einwilligung|einwilligung erforderlich|einwilligungspflichtig|zustimmung|zustimmung erforderlich
	consentimiento|consentimiento requerido|requiere consentimiento|consentimiento necesario
	consenso|consenso richiesto|richiede consenso|consenso necessario
	toestemming|toestemming vereist|toestemming nodig|consentimento|consentimento necessario|requer consentimento
	zgoda|wymog zgody|wymaga zgody|zgoda wymagana|wymagana zgoda
	samtycke|samtycke kravs|kraver samtycke|samtykke|kraever samtykke|krever samtykke|samtykke pakraevet
	suostumus|suostumus vaaditaan|vaatii suostumuksen|souhlas|vyzaduje souhlas|nutny souhlas|suhlas|vyzaduje suhlas
	hozzajarulas|hozzajarulas szukseges|consimtamant|acik riza|συγκαταθεση|απαιτειται συγκαταθεση`)

// cookieWords name cookies themselves. A label naming a cookie and a name
// ("Cookie name", "Nom du cookie") names the cookie, where a plain "Name"
// beside it names the service; a page or heading using them talks about
// cookies.
var cookieWords = parsePhrases(
	"cookie*", "traceur*", "ciasteczk*", "kaka", "kakor", "kakan", "informasjonskapsel*", "informasjonskapsler", "kapsel", "kapsler", "evaste*",
	"galeta*", "cwci", "cwcis", "suti*", "cerez*", "~쿠키", "~クッキー",
	"kolacic*", "piskot*", "μπισκοτ*", "kupsis*", "sikdatn*", "slapuk*", "бисквитк*",
)

// Category words, by category. Necessity words win over the others in a
// heading (see [categoryOf]); functional words are preferences unless the
// page defines them as necessary (see [lexicon]).
var (
	necessaryWords = parsePhrases(
		"necessa*", "essential*", "required", "needed", "strictly", "technical", "technically",
		"necessaire*", "essentiel*", "requis", "requises", "indispensab*", "obligatoir*", "technique", "techniques", "strictement",
		"notwendig*", "erforderlich*", "essenziell*", "essentiell*", "technisch*", "unbedingt",
		"necesari*", "esencial*", "imprescindib*", "tecnic*", "estrictamente", "obligatori*",
		"necessari*", "essenzial*", "strettamente", "indispensabil*",
		"noodzakelijk*", "nodig", "essentieel", "essentiele", "strikt*",
		"essencia*", "estritamente", "indispensav*",
		"niezbedn*", "wymagan*", "technicz*", "konieczn*", "scisle", "podstawow*",
		"nodvandig*", "grundlaggande",
		"nodvendig*", "strengt", "teknisk*",
		"valttamatto*", "valttamaton", "tarpeelli*", "tekniset", "teknisia",
		"estrictament", "essencial*",
		"hanfodol", "angenrheidiol",
		"nezbytn*", "nutne", "nutna", "nevyhnutn*", "technicke", "technicka", "technicky", "potrebn*",
		"necesar*", "esential*",
		"απαραιτητ*", "αναγκαι*",
		"szukseges*", "elengedhetetlen*", "feltetlenul",
		"zorunlu*", "gerekli*",
		"nuzn*", "neophodn*", "nujn*", "neobhodim*", "необходим*", "задължителн*",
		// Ukrainian and Russian.
		"необхідн*", "обов язков*", "обязательн*", "технічн*", "техническ*", "суворо", "строго",
		// Estonian, Latvian, Lithuanian.
		"vajalik*", "hadavajalik*", "nepieciesam*", "butin*",
		// Security, which needs no consent ("Seguridad" as a row's purpose).
		"security", "seguridad", "seguretat", "securite", "sicherheit", "sicurezza", "beveiliging", "seguranca",
		"bezpieczenstwo", "sakerhet", "sikkerhed", "sikkerhet", "turvallisuus", "bezpecnost",
		// "Cookies that make our website work" (the NHS's and GOV.UK's pages).
		"make our website work", "make the website work", "make this website work",
		"make our site work", "make the site work", "make this site work",
		"make our service work", "make the service work", "make this service work",
		"ضرور*", "الضرور*", "أساسي*", "الأساسي*",
		// Exempt from consent, which only necessary cookies are.
		"exempt*", "exempte*", "exento*", "exenta*", "esent*", "vrijgesteld*", "isenta*", "isento*", "zwolnion*",
		"~필수", "~필요", "~예외", "~必須", "~必要", "~不可欠", "~必需",
	)
	preferenceWords = parsePhrases(
		// Termly's "performance and functionality" cookies enhance the
		// site's functions: preferences, not statistics.
		"performance and functionality", "performance and functional",
		"preferenc*", "personali*", "customi*", "comfort",
		// Accessibility settings kept (a high-contrast mode).
		"accessibilit*", "barrierefrei*", "accesibilidad", "toegankelijkheid", "acessibilidade",
		"accesibilitat*", "accessibilita", "pristupacnost*", "dostupnost*", "dostopnost*", "dostepnosc*",
		"pristupnost*", "tillganglighet*", "tilgaengelighed*", "tilgjengelighet*", "saavutettavuu*", "προσβασιμοτητ*",
		"preference*", "personnalis*",
		"praferenz*", "personalisier*", "komfort*", "einstellung*",
		"preferencia*", "personaliza*",
		"preferenz*", "personalizza*",
		"voorkeur*", "personalis*",
		"preferencj*", "personaliz*",
		"preferens*", "praeferenc*", "preferanse*", "mieltymys*", "preferenssi*",
		"installning*", "indstilling*", "innstilling*",
		"preferenci*", "personalitzaci*",
		"preferint*",
		"προτιμησ*", "εξατομικευσ*",
		"preferencia*", "szemelyre szabas*",
		"tercih*", "kisisellestir*",
		"уподобан*", "налаштуван*", "персоналіз*", "предпочтени*", "персонализ*",
		"تفضيل*", "التفضيل*",
		"dewisiadau",
		"~선호", "~환경설정", "~맞춤", "~嗜好", "~好み", "~偏好",
	)
	// functionalWords are preferences in the consent platforms' mapping
	// ("functional alone means preferences"), but some pages define
	// "functional" cookies as the necessary ones.
	functionalWords = parsePhrases(
		"functional*", "fonctionnel*", "fonctionnalit*", "funktional*", "funktionell*", "funcional*",
		"funzional*", "functioneel", "functionele", "funcionais", "funkcjonaln*", "funktionel*",
		"funksjonel*", "toiminnalli*", "funcionalitat*", "swyddogaeth*", "ymarferoldeb",
		"funkcni", "funkcne",
		"λειτουργικ*",
		"funkcional*", "islevsel*", "funktsionaal*", "funkcin*",
		"функціональн*", "функциональн*", "функционалн*",
		"وظيفي*", "الوظيفي*",
		"~기능", "~機能", "~功能",
	)
	statisticsWords = parsePhrases(
		"statisti*", "analyt*", "analys*", "performance*", "measur*", "audience*",
		"statistique*", "mesure*",
		"leistung*", "*messung", "*statistik", "*statistiken", "reichweite*", "analyse*",
		"estadistic*", "analitic*", "analisis", "medicion*", "rendimiento",
		"statistic*", "analisi", "prestazion*", "misurazion*",
		"statistiek*", "*statistiek", "*statistieken", "prestatie*", "meten",
		"estatistic*", "analise*", "desempenho", "medicao",
		"statystyczn*", "statystyk*", "analityczn*", "wydajnosc*", "analiz*",
		"prestanda", "ydeevne", "maling", "ytelse",
		"tilasto*", "analytiikka*", "analyysi*", "suorituskyky*",
		"analuut*", "analitisk*", "analitin*",
		"rendiment", "mesura", "estadistiq*",
		"vykonnostn*", "mereni", "meranie",
		// Measuring, in Croatian, Slovene and Romanian (of ads it is
		// marketing: see measuresAds).
		"mjerenj*", "merenj*", "merjenj*", "masurar*",
		// Visits recorded and replayed (Clarity, Hotjar).
		"session recording*", "session replay*", "snimanje sesij*", "sitzungsaufzeichnung*",
		"performanta",
		"στατιστικ*", "αναλυτικ*", "αναλυσ*", "αποδοσ*",
		"statisztika*", "analitika*", "elemzes*", "teljesitmeny*",
		"istatistik*", "analitik*", "performans*",
		"аналіт*", "аналит*", "статист*", "продуктивн*", "производительн*",
		"تحليل*", "التحليل*", "إحصائي*", "الإحصائي*", "احصائي*", "الاحصائي*",
		"dadansodd*", "ystadeg*", "mesur", "perfformiad",
		"~성능", "~분석", "~통계", "~分析", "~統計", "~统计", "~パフォーマンス", "~解析", "~性能",
	)
	marketingWords = parsePhrases(
		"marketing", "remarketing", "retargeting", "advertis*", "ads", "ad", "target*", "social media",
		"publicit*", "ciblag*", "cible*", "reseaux sociaux",
		"werbung", "werbe*", "soziale medien", "sozialen medien",
		"publicidad*", "dirigid*", "redes sociales", "comportamental", "anuncio*",
		"pubblici*", "profilazion*", "social", "annunci",
		"advertentie*", "reclame", "sociale media",
		"publicidade", "redes sociais", "segmentacao",
		"reklam*", "marketingow*", "spolecznosciow*",
		"marknadsforing*", "annons*", "markedsforing*", "annonc*",
		"markkinointi*", "mainos*", "kohdenne*",
		"turundus*", "reklaam*", "rinkodar*", "marketinga",
		"publicitat*", "xarxes socials",
		"marketingov*", "socialni site", "socialnich siti", "socialne siete",
		"reclama", "directionare", "retele sociale", "retelele sociale",
		"διαφημισ*", "μαρκετινγκ", "στοχευσ*", "κοινωνικα δικτυα",
		"hirdet*", "reklam*", "celzott", "kozossegi media",
		"pazarlama*", "hedefleme*", "hedef kitle*", "sosyal medya",
		"oglas*", "marketinsk*", "реклам*", "маркетинг*", "целев*", "цільов*", "таргет*",
		// Social networks, in Slovene and Croatian ("Piškotki družbenih omrežij").
		"druzben* omrez*", "drustven* mrez*",
		"إعلان*", "الإعلان*", "اعلان*", "الاعلان*", "تسويق*", "التسويق*", "والتسويق*",
		"hysbyseb*", "marchnata", "cyfryngau cymdeithasol",
		// A profile alone may be a signed-in visitor's, or the pseudonymous
		// one an analytics tool keeps; profiling is marketing.
		"profiling", "profilage", "profilaz*", "profilier*", "profilbild*", "profilow*", "profilering", "profilointi*", "sozial*",
		// Borlabs's "external media" (embedded videos and maps) set the
		// embedding services' tracking cookies.
		"external media", "externe medien", "medias externes", "medios externos", "media esterni", "externe media",
		"~광고", "~마케팅", "~타겟팅", "~타게팅", "~広告", "~マーケティング", "~ターゲティング",
		"~广告", "~廣告", "~营销", "~行銷",
	)
	unclassifiedWords = parsePhrases(
		"unclassified", "uncategori*", "not classified", "other", "others", "pending", "under investigation",
		"non class*", "autres", "en attente",
		"unkategorisiert*", "unklassifiziert*", "nicht klassifiziert*", "sonstige*", "andere", "untersuchung",
		"sin clasificar", "no clasificad*", "otras", "otros", "pendiente*",
		"non classificat*", "altri", "in attesa",
		"niet geclassificeerd", "ongeclassificeerd", "overige",
		"nao classificad*", "outros",
		"niesklasyfikowan*", "inne",
		"oklassificerad*", "ovriga", "uklassificere*", "uklassifisert*", "andre",
		"luokittelemattom*", "muut",
		"sense classificar", "altres",
		"neklasifikovan*", "nezarazen*", "ostatni",
		"neclasificat*", "altele",
		"αταξινομητ*", "μη ταξινομημεν*", "λοιπα",
		"egyeb", "nem besorolt*",
		"~미분류", "~기타", "~未分類", "~その他", "~未分类",
	)
	// pendingPhrases say a cookie's purpose is still being reviewed
	// (Complianz's "Purpose pending investigation" in its languages): no
	// category yet, though a word of them may name one elsewhere.
	pendingPhrases = parsePhrases(
		"pending investigation", "pending review", "under review", "under investigation",
		"aguardando analise", "aguardando investigacao", "pendente de analise", "pendente de investigacao", "em analise",
		"pendiente de investigacion", "pendiente de analisis", "en attente d investigation", "en cours d analyse",
		"in attesa di indagine", "in attesa di analisi", "wird untersucht", "noch untersucht", "in onderzoek",
		"w trakcie analizy", "oczekuje na analize",
	)
	// neutralPhrases name the visitor's cookie choices, not a category:
	// "Your cookie preferences", "Cookie-Einstellungen". They are masked
	// before a text is searched for category words.
	neutralPhrases = parsePhrases(
		"cookie preference*", "cookies preference*", "cookie setting*", "cookies setting*", "cookie choice*",
		"privacy preference*", "privacy setting*", "consent preference*", "preference cent*",
		"manage preference*", "manage your preference*", "your preferences", "save preference*",
		"preferences de cookies", "preferences des cookies", "preferences cookies", "preferences en matiere de cookies",
		"cookie einstellungen", "cookie praferenzen", "datenschutz einstellungen", "datenschutzeinstellungen",
		"preferencias de cookies", "configuracion de cookies", "preferenze cookie", "preferenze dei cookie",
		"preferenze sui cookie", "preferenze relative ai cookie", "preferenze per i cookie", "preferencias sobre cookies",
		"preferencias sobre las cookies",
		"cookie voorkeuren", "cookievoorkeuren", "preferencias de privacidade",
		"preferences de consentement", "preferences de confidentialite", "preferencias de consentimiento",
		"preferencias de privacidad", "preferenze di consenso", "preferenze sulla privacy",
		"voorkeuren voor toestemming", "privacy voorkeuren", "consent settings",
		// CookieYes's preference centre is titled "Customise Consent
		// Preferences": the verb, not "customisation cookies".
		"customi* consent preference*", "customi* your preference*", "customi* preference*", "customi* cookie*",
		"customi* settings",
	)
	// negations cancel a category word one or two words later: "not
	// strictly necessary", "non-essential", "nicht notwendige", "no
	// necesarias", "non-functional".
	negations = setOf(`non not nicht kein keine no sans without ohne senza sin niet geen nie inte ikke ei sem nao ni`)
)

// descriptiveWords are weaker than category words: descriptive headings and
// the sentences under them say what cookies do ("Measuring website usage",
// "Remembering your settings") rather than name a category. They count
// only where no category word is found.
var descriptiveWords = []struct {
	cat     Category
	phrases phrases
}{
	{Statistics, parsePhrases("website usage", "site usage", "how you use", "how visitors use", "how people use",
		"count* visit*", "visitor statistics", "frequentation", "audiencia", "nutzungsanalyse")},
	{Preferences, parsePhrases("remember* your", "remembering", "your settings", "your choices", "language selection",
		"se souvenir", "memoriser", "recordar", "ricordare", "onthouden", "erinnern")},
	{Marketing, parsePhrases("tracking", "track you", "interest based", "personalised ads", "personalized ads")},
	{Necessary, parsePhrases("security", "securite", "sicherheit", "seguridad", "sicurezza", "seguranca", "beveiliging",
		"bezpieczenstwo", "sakerhet", "sikkerhed", "sikkerhet", "turvallisuus", "seguretat")},
}

// storageTypes are the kinds of storage consent platforms list beside
// cookies, by the words of the type, category or name cell that say so.
var storageTypes = []struct {
	typ     StorageType
	phrases phrases
}{
	{LocalStorage, parsePhrases("local storage", "localstorage", "html local storage", "html local", "lokaler speicher",
		"stockage local", "almacenamiento local", "archiviazione locale", "armazenamento local", "lokale opslag",
		"persistent storage", "lokal lagring", "lokalt lager", "paikalli* tallennustil*", "pamiec lokalna", "mistni uloziste",
		"stocare locala", "memoria locale", "memorie locali", "memoria local")},
	{SessionStorage, parsePhrases("session storage", "sessionstorage", "html session storage")},
	{IndexedDB, parsePhrases("indexeddb", "indexed db", "indexed database")},
	{Pixel, parsePhrases("pixel*", "tracking pixel", "web beacon", "beacon*", "*pixel", "*pixels", "piksel*", "*piksel", "*pikseli")},
	{OtherStorage, parsePhrases("web storage", "html storage", "cache storage", "service worker", "webstorage")},
}
