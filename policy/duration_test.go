package policy

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDuration(t *testing.T) {
	t.Parallel()
	session := func(text string) Duration { return Duration{Session: true, Text: text} }
	length := func(d time.Duration, text string) Duration { return Duration{D: d, Text: text} }
	tests := []struct {
		in   string
		want Duration
	}{
		{"Session", session("Session")},
		{"session", session("session")},
		{"session cookie", session("session cookie")},
		{"Session-Cookie", session("Session-Cookie")},
		{"until the end of the browser session", session("until the end of the browser session")},
		{"When the browsing session ends", session("When the browsing session ends")},
		{"fin de la session", session("fin de la session")},
		{"Sitzung", session("Sitzung")},
		{"Ende der Sitzung", session("Ende der Sitzung")},
		{"Sesión", session("Sesión")},
		{"Sessione", session("Sessione")},
		{"0 days", session("0 days")},
		{"persistent", Duration{Persistent: true, Text: "persistent"}},
		{"Persistent", Duration{Persistent: true, Text: "Persistent"}},
		{"Permanent", Duration{Persistent: true, Text: "Permanent"}},
		{"never expires", Duration{Persistent: true, Text: "never expires"}},
		{"When you close your browser window", session("When you close your browser window")},
		{"jusqu'à la fermeture du navigateur", session("jusqu'à la fermeture du navigateur")},
		{"Sessie", session("Sessie")},
		{"Sessão", session("Sessão")},
		{"세션", session("세션")},
		{"beständig", Duration{Persistent: true, Text: "beständig"}},
		// The Baltic languages: Latvian, Lithuanian, Estonian.
		{"30 dienas", length(30*Day, "30 dienas")},
		{"1 gads", length(Year, "1 gads")},
		{"2 gadi", length(2*Year, "2 gadi")},
		{"6 mēneši", length(6*Month, "6 mēneši")},
		{"līdz 13 mēnešiem", length(13*Month, "līdz 13 mēnešiem")},
		{"Sesija", session("Sesija")},
		{"2 metai", length(2*Year, "2 metai")},
		{"13 mėnesių", length(13*Month, "13 mėnesių")},
		{"24 valandos", length(24*time.Hour, "24 valandos")},
		{"1 aasta", length(Year, "1 aasta")},
		{"90 päeva", length(90*Day, "90 päeva")},
		{"Seanss", session("Seanss")},
		{"Relace", session("Relace")},
		{"1 den", length(Day, "1 den")},
		{"2 roky", length(2*Year, "2 roky")},
		{"6 měsíců", length(6*Month, "6 měsíců")},
		{"3 týdny", length(3*Week, "3 týdny")},
		{"5 let", length(5*Year, "5 let")},
		{"2 χρόνια", length(2*Year, "2 χρόνια")},
		{"Συνεδρία", session("Συνεδρία")},
		{"3 luni", length(3*Month, "3 luni")},
		{"30 de zile", length(30*Day, "30 de zile")},
		{"2 jaar", length(2*Year, "2 jaar")},
		{"13 miesięcy", length(13*Month, "13 miesięcy")},
		{"1 år", length(Year, "1 år")},
		{"30 päivää", length(30*Day, "30 päivää")},
		{"6 meses", length(6*Month, "6 meses")},
		{"2 anys", length(2*Year, "2 anys")},
		{"2년", length(2*Year, "2년")},
		{"13ヶ月", length(13*Month, "13ヶ月")},
		{"1 year", length(Year, "1 year")},
		{"13 months", length(13*Month, "13 months")},
		{"2 ans", length(2*Year, "2 ans")},
		{"1 an", length(Year, "1 an")},
		{"un an", length(Year, "un an")},
		{"6 mois", length(6*Month, "6 mois")},
		{"jusqu’à 13 mois", length(13*Month, "jusqu’à 13 mois")},
		{"30 Tage", length(30*Day, "30 Tage")},
		{"1 Jahr", length(Year, "1 Jahr")},
		{"2 Jahre", length(2*Year, "2 Jahre")},
		{"bis zu 2 Jahren", length(2*Year, "bis zu 2 Jahren")},
		{"1 año", length(Year, "1 año")},
		{"2 años", length(2*Year, "2 años")},
		{"1 anno", length(Year, "1 anno")},
		{"2 anni", length(2*Year, "2 anni")},
		// Croatian, Serbian, Bosnian and Slovene.
		{"2 godine", length(2*Year, "2 godine")},
		{"1 godina", length(Year, "1 godina")},
		{"6 meseci", length(6*Month, "6 meseci")},
		{"13 mjeseci", length(13*Month, "13 mjeseci")},
		{"1 dan", length(Day, "1 dan")},
		{"30 dana", length(30*Day, "30 dana")},
		{"2 tjedna", length(14*Day, "2 tjedna")},
		{"24 sata", length(Day, "24 sata")},
		{"1 leto", length(Year, "1 leto")},
		{"6 mesecev", length(6*Month, "6 mesecev")},
		{"Sesija", session("Sesija")},
		{"seja", session("seja")},
		{"1 anno e 6 mesi", length(18*Month, "1 anno e 6 mesi")},
		// Turkish.
		{"3 Ay", length(3*Month, "3 Ay")},
		{"1 yıl", length(Year, "1 yıl")},
		{"2 sene", length(2*Year, "2 sene")},
		{"1 Gün", length(Day, "1 Gün")},
		{"2 hafta", length(14*Day, "2 hafta")},
		{"24 saat", length(Day, "24 saat")},
		{"15 Dakika", length(15*time.Minute, "15 Dakika")},
		{"30 saniye", length(30*time.Second, "30 saniye")},
		{"Oturum", session("Oturum")},
		{"Tarayıcı oturumu sonuna kadar", session("Tarayıcı oturumu sonuna kadar")},
		{"Kalıcı", Duration{Persistent: true, Text: "Kalıcı"}},
		{"1 day", length(Day, "1 day")},
		{"a day", length(Day, "a day")},
		{"an hour", length(time.Hour, "an hour")},
		{"24 hours", length(Day, "24 hours")},
		{"400 days", length(400*Day, "400 days")},
		{"2 weeks", length(14*Day, "2 weeks")},
		{"1 year 1 month 4 days", length(Year+Month+4*Day, "1 year 1 month 4 days")},
		{"1 year and 6 months", length(18*Month, "1 year and 6 months")},
		{"up to 13 months", length(13*Month, "up to 13 months")},
		{"Expires after 1 day", length(Day, "Expires after 1 day")},
		{"1-2 years", length(2*Year, "1-2 years")},
		{"1.5 hours", length(90*time.Minute, "1.5 hours")},
		{"1,5 Jahre", length(18*Month, "1,5 Jahre")},
		{"year(s): 2", Duration{}}, // a unit before its number: not understood
		{"2 year(s)", length(2*Year, "2 year(s)")},
		{"  1   day  ", length(Day, "1 day")},
		// The policy-file syntax.
		{"2y", length(2*Year, "2y")},
		{"13mo", length(13*Month, "13mo")},
		{"90d", length(90*Day, "90d")},
		{"2w", length(14*Day, "2w")},
		{"24h", length(Day, "24h")},
		{"30m", length(30*time.Minute, "30m")},
		{"45s", length(45*time.Second, "45s")},
		{"1y6mo", length(18*Month, "1y6mo")},
		{"1y 6mo", length(18*Month, "1y 6mo")},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDuration(tt.in)
			if tt.want == (Duration{}) {
				if err == nil {
					t.Fatalf("ParseDuration(%q) = %+v, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseDuration(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestDurationTail checks the lifetime split off the last line of a
// paragraph row whose last cells a copy ran together.
func TestDurationTail(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, d, rest string }{
		{"Vlastní 1 den", "1 den", "Vlastní"},
		{"Měřič2 roky", "2 roky", "Měřič"},
		{"GoogleSession", "Session", "Google"},
		{"Reklamní síť 6 měsíců", "6 měsíců", "Reklamní síť"},
		{"13 months", "13 months", ""},
		{"HotJar", "", "HotJar"},
		{"Analytics365", "", "Analytics365"},
	} {
		if d, rest := durationTail(tt.in); d != tt.d || rest != tt.rest {
			t.Errorf("durationTail(%q) = %q, %q; want %q, %q", tt.in, d, rest, tt.d, tt.rest)
		}
	}
}

func TestParseDurationErrors(t *testing.T) {
	t.Parallel()
	const want = " not understood (want session, persistent or a length such as 30m, 1d, 13mo, 2y)"
	tests := []struct{ in, want string }{
		{"banana", `duration "banana"` + want},
		{"1 banana", `duration "1 banana"` + want},
		{"365", `duration "365"` + want},
		{"forever-ish", `duration "forever-ish"` + want},
		{"session or persistent", `duration "session or persistent"` + want},
		{"days", `duration "days"` + want},
		{"until you clear your browser", `duration "until you clear your browser"` + want},
		{"", "empty duration (want session, persistent or a length such as 30m, 1d, 13mo, 2y)"},
		{"   ", "empty duration (want session, persistent or a length such as 30m, 1d, 13mo, 2y)"},
		{"1000 years", `duration "1000 years" is too long (more than 200 years)`},
		{"99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999 days",
			"is too long"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDuration(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ParseDuration(%q) = %+v, %v; want error %q", tt.in, got, err, tt.want)
			}
			if got.Known() {
				t.Errorf("ParseDuration(%q) = %+v with its error, want an unknown duration", tt.in, got)
			}
		})
	}
}

func TestDurationString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    Duration
		want string
	}{
		{Duration{}, ""},
		{Duration{Text: "soon"}, ""},
		{Duration{Session: true}, "session"},
		{Duration{Persistent: true}, "persistent"},
		{Duration{D: 2 * Year}, "2y"},
		{Duration{D: 12 * Month}, "1y"},
		{Duration{D: 13 * Month}, "13mo"},
		{Duration{D: 400 * Day}, "400d"},
		{Duration{D: 364 * Day}, "364d"},
		{Duration{D: Year + Month + 4*Day}, "1y1mo4d"},
		{Duration{D: 24 * time.Hour}, "1d"},
		{Duration{D: 90 * time.Minute}, "90m"},
		{Duration{D: 45 * time.Second}, "45s"},
		{Duration{D: Year + Month + Day + time.Hour}, "9515h"},
		{Duration{D: Year + Month + Day + time.Second}, "34250401s"},
		{Duration{D: 26 * time.Hour}, "1d2h"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.d, got, tt.want)
		}
		if tt.want == "" {
			continue
		}
		// The canonical form parses back to the same length.
		back, err := ParseDuration(tt.want)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", tt.want, err)
			continue
		}
		if back.Session != tt.d.Session || back.Persistent != tt.d.Persistent || back.D != tt.d.D {
			t.Errorf("ParseDuration(%q) = %+v, want %+v", tt.want, back, tt.d)
		}
	}
}

func TestFormatLifetime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "expired"},
		{0, "expired"},
		{300 * time.Millisecond, "1s"},
		{45 * time.Second, "45s"},
		{30*time.Minute + 2*time.Second, "30m"},
		{59*time.Second + 600*time.Millisecond, "1m"},
		{90 * time.Second, "2m"},
		{time.Hour, "1h"},
		{90 * time.Minute, "90m"},
		{119 * time.Minute, "119m"},
		{2 * time.Hour, "2h"},
		{Day + 2*time.Second, "24h"},
		{24*time.Hour + 3*time.Minute, "24h"},
		{48 * time.Hour, "2d"},
		{14 * Day, "14d"},
		{30 * Day, "30d"},
		{59 * Day, "59d"},
		{90 * Day, "3mo"},
		{180 * Day, "6mo"},
		{364 * Day, "1y"},
		{365 * Day, "1y"},
		{366 * Day, "1y"},
		{370 * Day, "12mo"},
		{395 * Day, "13mo"},
		{13 * Month, "13mo"},
		{400*Day + time.Hour, "13mo"},
		{2*Year + 3*time.Second, "2y"},
		{730 * Day, "2y"},
		{800 * Day, "26mo"},
		{3650 * Day, "10y"},
	}
	for _, tt := range tests {
		if got := FormatLifetime(tt.d); got != tt.want {
			t.Errorf("FormatLifetime(%v) = %q, want %q", tt.d, got, tt.want)
		}
		if tt.d <= 0 {
			continue
		}
		// What people read is policy-file syntax, and off from d by no
		// more than half its unit (and the calendar's 1%).
		back, err := ParseDuration(tt.want)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", tt.want, err)
			continue
		}
		unit, err := ParseDuration("1" + strings.TrimLeft(tt.want, "0123456789"))
		if err != nil {
			t.Fatal(err)
		}
		bound := unit.D/2 + tt.d/100
		if tt.d < time.Second {
			bound = time.Second // the shortest lifetime shown is 1s
		}
		if diff := back.D - tt.d; diff.Abs() > bound {
			t.Errorf("FormatLifetime(%v) = %q reads back as %v", tt.d, tt.want, back.D)
		}
	}
}
