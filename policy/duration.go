package policy

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Lengths of the calendar units. A year is 365 days and a month a twelfth of
// it (730 hours), so that "12 months" and "1 year" are the same length. These
// are approximations: they serve to compare a declared lifetime with the
// expiry a cookie asked for, not to compute dates.
const (
	// Day is 24 hours.
	Day = 24 * time.Hour
	// Week is 7 days.
	Week = 7 * Day
	// Year is 365 days.
	Year = 365 * Day
	// Month is a twelfth of a year, 730 hours.
	Month = Year / 12
)

// Duration is a declared cookie lifetime.
//
// Exactly one of Session, Persistent and D > 0 holds for a duration that was
// understood; none holds for a duration that was not declared (Text is
// empty) or, on a page, not understood (Text holds the page's wording).
type Duration struct {
	// Session is true for a cookie deleted when the browser session ends.
	Session bool
	// Persistent is true for a cookie declared persistent with no length
	// ("persistent", "never expires").
	Persistent bool
	// D is the declared length, rounded to the second.
	D time.Duration
	// Text is the wording of the source, as written: "13 mois", "2y".
	Text string
}

// Known reports whether d says something about the lifetime: session,
// persistent or a length.
func (d Duration) Known() bool { return d.Session || d.Persistent || d.D > 0 }

// String returns the canonical form of d in the policy-file syntax:
// "session", "persistent", or a length in the largest unit that divides it
// ("2y", "13mo", "400d", "24h" is "1d", "90m", "45s"). It returns "" for a
// duration that is not known.
//
// The form is exact: ParseDuration reads it back to the same length, which
// is what "policy extract" writes and the --expiry-tolerance flag reads.
// Messages and reports show lengths to people with [FormatLifetime]
// instead, rounded to one unit, so that a length reads the same wherever
// it is shown.
func (d Duration) String() string {
	switch {
	case d.Session:
		return "session"
	case d.Persistent:
		return "persistent"
	case d.D <= 0:
		return ""
	}
	// One unit when one divides the length: "2y", "13mo", "400d".
	for _, u := range durationUnitNames[:3] {
		if d.D%u.d == 0 {
			return strconv.FormatInt(int64(d.D/u.d), 10) + u.suffix
		}
	}
	// Else, for a day or more, the sum a page wrote when it is short:
	// "1y1mo4d"; for less, one unit: "90m".
	if d.D >= Day {
		var b strings.Builder
		rest, parts := d.D, 0
		for _, u := range durationUnitNames {
			if n := rest / u.d; n > 0 {
				b.WriteString(strconv.FormatInt(int64(n), 10) + u.suffix)
				rest -= n * u.d
				parts++
			}
		}
		if parts <= 3 {
			return b.String()
		}
	}
	for _, u := range durationUnitNames[3:5] {
		if d.D%u.d == 0 {
			return strconv.FormatInt(int64(d.D/u.d), 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(d.D/time.Second), 10) + "s"
}

// FormatLifetime writes a cookie lifetime for people, in the policy-file
// units and rounded to the most natural one: seconds below a minute,
// minutes below an hour ("30m", and "90m" rather than "2h"), hours below
// two days ("24h"), then days ("14d"), months ("13mo", 30.44 days each)
// from 60 days on, and years ("1y", "2y") when d is within two days or 1%,
// whichever is more, of a whole number of them. A lifetime of zero or less is
// "expired": a cookie that asks for it is deleted.
//
// Lifetimes are measured from when a scan saw a cookie set, not from the
// browser's own clock, so small offsets are rounded away: 395 days is
// "13mo" in a report's table and in a finding's message alike. The
// rounding loses length; [Duration.String] is the exact form.
func FormatLifetime(d time.Duration) string {
	if d <= 0 {
		return "expired"
	}
	if s := int64(d.Round(time.Second) / time.Second); s < 60 {
		return strconv.FormatInt(max(1, s), 10) + "s"
	}
	if m := int64(d.Round(time.Minute) / time.Minute); m < 60 || (m < 120 && m%60 != 0) {
		return strconv.FormatInt(m, 10) + "m"
	}
	if h := int64(d.Round(time.Hour) / time.Hour); h < 48 {
		return strconv.FormatInt(h, 10) + "h"
	}
	n := float64(d.Round(Day) / Day)
	// Calendar years and months, not the policy syntax's 365-day Year:
	// a lifetime of two years asked through a date spans a leap day.
	const daysPerYear, daysPerMonth = 365.25, 365.25 / 12
	if y := math.Round(n / daysPerYear); y >= 1 && math.Abs(n-y*daysPerYear) <= max(2, n/100) {
		return strconv.FormatInt(int64(y), 10) + "y"
	}
	if n < 60 {
		return strconv.FormatInt(int64(n), 10) + "d"
	}
	return strconv.FormatInt(int64(math.Round(n/daysPerMonth)), 10) + "mo"
}

var durationUnitNames = []struct {
	d      time.Duration
	suffix string
}{
	{Year, "y"}, {Month, "mo"}, {Day, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"},
}

// durationUnits maps unit words and abbreviations, folded (lower case, no
// accents), to their length. In the policy-file syntax "m" is minutes and
// "mo" months, as in Go's time.ParseDuration for the units they share.
var durationUnits = map[string]time.Duration{}

func init() {
	for unit, words := range map[time.Duration]string{
		time.Second: "s sec secs second seconds seconde secondes sekunde sekunden segundo segundos secondo secondi " +
			"seconden sekunda sekundy sekund sekunder sekunti sekuntia segon segons saniye sekundes sekundem sekundziu sekundit 초 秒",
		time.Minute: "m min mins minute minutes minuto minutos minuti minuten mn minuut minuta minuty minut minuter " +
			"minutter minutt minutten minuutti minuuttia minuts dakika minutem minuciu minutit 분 分",
		time.Hour: "h hr hrs hour hours heure heures stunde stunden std hora horas ora ore uur uren godzina godziny godzin hodina hodiny hodin " +
			"timme timmar time timer tunti tuntia hores sat sata sati ura uri ure ur saat stunda stundas stundu stundam valanda valandos valandu valandas tund tundi 시간 時間",
		Day: "d day days jour jours j tag tage tagen dia dias giorno giorni gg dag dagen dzien dni dagar dage dager " +
			"paiva paivaa paivan dies den dny dnu zi zile dan dana dani dneva dnevi gun diena dienas dienu dienos dienam paev paeva paeval 일 日",
		Week: "w wk wks week weeks semaine semaines woche wochen semana semanas settimana settimane weken tydzien tygodnie " +
			"tygodni vecka veckor uge uger uke uker viikko viikkoa setmana setmanes tyden tydny tydnu tyzden tyzdne tyzdnov " +
			"tjedan tjedna tjedana teden tedna tednov hafta nedela nedelas nedelu nedelam savaite savaites savaiciu nadal nadalat 주 週 週間",
		Month: "mo mos mon mth mths month months mois monat monate monaten mes meses mese mesi maand maanden miesiac " +
			"miesiace miesiecy manad manader maned maneder kuukausi kuukautta kuukauden mesos mesic mesice mesicu mesiac mesiace " +
			"mesiacov luna luni mjesec mjeseca mjeseci mesec meseca meseci mesece mesecev ay menesis menesi menesu menesus menesiem menuo menesiai menesiu kuu kuud μηνασ μηνεσ μηνα 개월 달 ヶ月 か月 カ月 ケ月",
		Year: "y yr yrs year years an ans annee annees jahr jahre jahren ano anos anno anni jaar jaren rok lata lat ar " +
			"vuosi vuotta vuoden any anys roky roku let rokov ani godina godine godinu godin leto leta leti yil sene gads gadi gadu gadus gadiem metai metu metus aasta aastat ετοσ ετη χρονοσ χρονια 년 年",
	} {
		for _, w := range strings.Fields(words) {
			durationUnits[w] = unit
		}
	}
}

// Words that may surround a duration without changing it ("up to 13
// months", "expires after 1 day", "jusqu'à 13 mois", "bis zu 2 Jahre").
var durationFiller = setOf(`up to until after max maximum maximal approx approximately about around
	ca circa expires expire expiry expiration in within for of the and plus or
	et jusqu jusque apres environ au plus de du d des la le les
	und bis zu zum zur nach etwa hochstens max maximal
	y hasta despues aproximadamente maximo
	e fino a dopo circa massimo di del della
	der die das dem el al los las il lo alla
	tot na maximaal ongeveer van ate apos cerca do po okolo maks upp till efter hogst op til hojst opptil etter
	enintaan noin fins despres aproximadament kadar boyunca sonra yaklasik lidz pec iki kuni 최대 까지 最大 まで`)

// Words of a session lifetime: "Session", "session cookie", "Sitzung",
// "fin de la session", "sesión", "until the browser is closed".
var sessionWords = setOf(`session sessions sesion sessione sitzung sitzungsende sitzungscookie
	sessioncookie browsersitzung sessie sessao sesja sesji sesyjne sessionen okt sesjon istunto istunnon
	istunnon sessio relace relacia sesiune sesiunii sesija sesije seja seje oturum oturumu sesijas sesijos seansas seanso seanss seansi sessioon sessiooni συνεδρια 세션 セッション`)

// Words that accompany a session word: "until the end of the browser
// session", "jusqu'à la fermeture du navigateur".
var sessionFiller = setOf(`cookie cookies browser browsing navigateur navigation navegador navegacion
	navigazione browsers end ends ending fin ende final fine closing close closed
	closes fermeture cierre chiusura when tab per only nur solo seulement is are you your window windows
	duration length lifetime
	tabs exit leave leaves quit einde sluiten afsluiten fechamento encerramento zamkniecia koniec slut
	stangning lukkes lukking sulkemiseen tancament tarayici tarayicinin sonu sonuna kadar kapanana kapatilana 종료 終了`)

// Words of closing the browser, which end a session lifetime.
var closeWords = setOf(`close closed closes closing fermeture fermer ferme cierre cerrar cierra chiusura chiudi
	schliessen geschlossen schliesst sluiten afsluiten fechamento fechar zamkniecia zamkniecie stangning
	stangs lukkes lukking sulkemiseen suljetaan tancament tancar 종료 終了`)

// Words of a persistent lifetime with no length.
var persistentWords = setOf(`persistent persistant persistante persistente persistenti
	permanent permanente permanenti dauerhaft never jamais nie nunca mai bestandig blijvend staly trwaly
	vedvarende pysyva 永続 영구 indefinite indefinitely unlimited illimite unbegrenzt indefinido indefinida
	illimitato onbeperkt kalici`)

var persistentFiller = setOf(`expires expire expiring cookie cookies expira scade laeuft lauft ab`)

// Number words that may stand for a number before a unit: "a year", "un
// an", "ein Jahr", "una semana".
var numberWords = map[string]float64{
	"a": 1, "an": 1, "one": 1, "un": 1, "une": 1, "ein": 1, "eine": 1, "einen": 1, "einem": 1, "uno": 1, "una": 1,
	"two": 2, "deux": 2, "zwei": 2, "dos": 2, "due": 2,
	"three": 3, "trois": 3, "drei": 3, "tres": 3, "tre": 3,
	"six": 6, "sechs": 6, "seis": 6, "sei": 6,
	"twelve": 12, "douze": 12, "zwolf": 12, "doce": 12, "dodici": 12,
	"thirteen": 13, "treize": 13, "dreizehn": 13, "trece": 13, "tredici": 13,
}

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// maxDuration bounds declared lengths well below time.Duration's limit
// (about 292 years); longer declarations are not lifetimes.
const maxDuration = 200 * Year

// ParseDuration parses a declared cookie lifetime, as policy files and
// policy pages write it:
//
//   - a session lifetime: "session", "Session cookie", "Sitzung", "sesión",
//     "sessie", "세션", "until the end of the browser session", "when you
//     close your browser";
//   - a persistent lifetime with no length: "persistent", "permanent",
//     "beständig", "never expires";
//   - a length, one or more numbers each followed by a unit, in the compact
//     policy-file syntax ("30s", "30m", "24h", "90d", "2w", "13mo", "2y",
//     "1y6mo") or in words in the languages of the extraction ("1 year",
//     "13 months", "2 ans", "6 mois", "30 Tage", "2 Jahre", "1 año", "2
//     anni", "2 jaar", "13 miesięcy", "1 år", "30 päivää", "2 anys", "2년",
//     "13ヶ月", "1 year and 6 months", "a day", "up to 13 months").
//
// In the compact syntax "m" is minutes and "mo" months. A range such as
// "1-2 years" is read as its upper bound, and a zero length as a session
// lifetime (consent platforms write session cookies as length 0). The
// result keeps s, trimmed, as its Text. Anything else is an error quoting s.
func ParseDuration(s string) (Duration, error) {
	text := collapse(s)
	d := Duration{Text: text}
	if text == "" {
		return d, fmt.Errorf("empty duration (want session, persistent or a length such as 30m, 1d, 13mo, 2y)")
	}
	toks := durationTokens(text)
	fail := func() (Duration, error) {
		return Duration{Text: text}, fmt.Errorf("duration %q not understood (want session, persistent or a length such as 30m, 1d, 13mo, 2y)", text)
	}

	var total float64 // seconds
	var pending float64
	hasPending, hasLength, session, persistent, closing := false, false, false, false, false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.number {
			// A second number before any unit is the upper end of a range.
			pending, hasPending = t.value, true
			continue
		}
		w := t.word
		if u, ok := durationUnits[w]; ok && hasPending {
			total += pending * u.Seconds()
			hasPending, hasLength = false, true
			continue
		}
		if n, ok := numberWords[w]; ok && !hasPending && i+1 < len(toks) && !toks[i+1].number {
			if _, unit := durationUnits[toks[i+1].word]; unit {
				pending, hasPending = n, true
				continue
			}
		}
		switch {
		case sessionWords[w]:
			session = true
		case closeWords[w]:
			// "when you close your browser": a session lifetime.
			closing = true
		case persistentWords[w]:
			persistent = true
		case durationFiller[w], sessionFiller[w] && (session || closing), persistentFiller[w]:
		default:
			// sessionFiller words may come before the session word:
			// "until the browser session ends".
			if sessionFiller[w] && laterSession(toks[i+1:]) {
				continue
			}
			return fail()
		}
	}
	if hasPending {
		return fail() // a number with no unit: "365"
	}
	switch {
	case hasLength:
		if total > maxDuration.Seconds() || math.IsNaN(total) {
			return Duration{Text: text}, fmt.Errorf("duration %q is too long (more than 200 years)", text)
		}
		d.D = time.Duration(math.Round(total)) * time.Second
		if d.D == 0 {
			d.Session = true
		}
		return d, nil
	case (session || closing) && !persistent:
		d.Session = true
		return d, nil
	case persistent && !session:
		d.Persistent = true
		return d, nil
	}
	return fail()
}

func laterSession(toks []durationToken) bool {
	for _, t := range toks {
		if sessionWords[t.word] || closeWords[t.word] {
			return true
		}
	}
	return false
}

type durationToken struct {
	number bool
	value  float64
	word   string
}

// durationTokens splits folded text into numbers and words: "1y6mo" is 1,
// "y", 6, "mo"; "1,5 Jahre" is 1.5, "jahre". Other characters separate
// tokens. "year(s)" reads as "year".
func durationTokens(s string) []durationToken {
	s = foldReplacer.Replace(strings.ToLower(s))
	for _, plural := range []string{"(s)", "(e)", "(n)", "(en)", "(es)"} {
		s = strings.ReplaceAll(s, plural, "")
	}
	rs := []rune(s)
	var toks []durationToken
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			j := i
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			// A decimal part: "1.5", "1,5" (a separator between digits).
			if j+1 < len(rs) && (rs[j] == '.' || rs[j] == ',') && rs[j+1] >= '0' && rs[j+1] <= '9' {
				j++
				for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
					j++
				}
			}
			num := strings.ReplaceAll(string(rs[i:j]), ",", ".")
			v, err := strconv.ParseFloat(num, 64)
			if err != nil || math.IsInf(v, 0) {
				v = math.Inf(1) // too large: reported as too long
			}
			toks = append(toks, durationToken{number: true, value: v})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			toks = append(toks, durationToken{word: string(rs[i:j])})
			i = j
		default:
			i++
		}
	}
	return toks
}
