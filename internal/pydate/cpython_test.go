package pydate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/httpfixture/httpfixture/internal/cpython"
)

// The differential test asks CPython 3.13 itself, in one process, what
// _parsedate_tz and send_head make of a few thousand generated dates, and
// what the str methods they use do with every code point.

// cpythonScript reads a JSON list of dates on stdin and prints one JSON
// object: for each date, _parsedate_tz's list (ints as decimal strings) or
// the name of what it raised, and the UTC timestamp send_head compares
// with, or null where it ignores the header; then the tables.
const cpythonScript = `
import datetime, email.utils, email._parseaddr, json, sys

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)

def parsed(v):
    try:
        r = email._parseaddr._parsedate_tz(v)
    except Exception as e:
        return type(e).__name__
    return r and [None if x is None else str(x) for x in r]

def modified_since(v):  # SimpleHTTPRequestHandler.send_head
    try:
        ims = email.utils.parsedate_to_datetime(v)
    except (TypeError, IndexError, OverflowError, ValueError):
        return None
    if ims.tzinfo is None:
        ims = ims.replace(tzinfo=UTC)
    if ims.tzinfo is UTC:
        return (ims - EPOCH) // datetime.timedelta(seconds=1)
    return None

def accepted_by_int(s):
    return any(c.isdecimal() or c.isspace() or c in "+-_" for c in s)

chars = [chr(c) for c in range(0x110000)]
dates = json.load(sys.stdin)
json.dump({
    "parsed": [parsed(v) for v in dates],
    "ims": [modified_since(v) for v in dates],
    "digits": [ord(c) for c in chars if c.isdigit()],
    "spaces": [ord(c) for c in chars if c.isspace()],
    "lower": {ord(c): c.lower() for c in chars[0x80:] if c.lower().isascii()},
    "upper": {ord(c): c.upper() for c in chars[0x80:] if c.upper().isascii()},
    # lower() and upper() leave alone what int() reads, and make nothing of it.
    "int_cased": [ord(c) for c in chars if (c.lower() != c or c.upper() != c)
                  and accepted_by_int(c + c.lower() + c.upper())],
}, sys.stdout)
`

// answer is what CPython says of one date.
type answer struct {
	parsed []*string // nil where _parsedate_tz returns None or raises
	raised string    // what _parsedate_tz raised
	ims    *int64    // nil where send_head ignores the header
}

// tables is what CPython says of every code point.
type tables struct {
	digits, spaces []rune
	lower, upper   map[rune]string
	intCased       []rune
}

func TestAgainstCPython(t *testing.T) {
	py := cpython.Find(t, "3.13")
	dates := generate(rand.New(rand.NewPCG(1994, 1106)))
	answers, tabs := runCPython(t, py.Path, dates)
	t.Run("ModifiedSince", func(t *testing.T) {
		var diffs []string
		for i, v := range dates {
			diffs = append(diffs, compareDate(v, answers[i], py.Full)...)
		}
		report(t, diffs, len(dates))
	})
	t.Run("tables", func(t *testing.T) {
		report(t, compareTables(tabs, py.Full), 0x110000)
	})
}

// compareDate lists how parsedateTZ and ModifiedSince differ from what
// CPython says of v.
func compareDate(v string, a answer, full string) []string {
	var diffs []string
	d, ok := parsedateTZ(v)
	if got, want := showParsed(d, ok), showAnswer(a); got != want {
		diffs = append(diffs, fmt.Sprintf("parsedateTZ(%+q) = %s; CPython %s says %s", v, got, full, want))
	}
	got, ok := ModifiedSince(v)
	switch {
	case a.ims == nil && ok:
		diffs = append(diffs, fmt.Sprintf("ModifiedSince(%+q) = %v, true; CPython %s ignores it", v, got, full))
	case a.ims != nil && (!ok || got.Unix() != *a.ims):
		diffs = append(diffs, fmt.Sprintf("ModifiedSince(%+q) = %v, %v; CPython %s says %d (%v)",
			v, got, ok, full, *a.ims, time.Unix(*a.ims, 0).UTC()))
	}
	return diffs
}

// showParsed shows a date as _parsedate_tz's list.
func showParsed(d date, ok bool) string {
	if !ok {
		return "None"
	}
	zone := "None"
	if d.zone != nil {
		zone = d.zone.String()
	}
	return fmt.Sprintf("[%v, %v, %v, %v, %v, %v, 0, 1, -1, %s]", d.year, d.month, d.day, d.hour, d.minute, d.second, zone)
}

func showAnswer(a answer) string {
	if a.raised != "" {
		return "None" // raised, as send_head sees it: ignored
	}
	if a.parsed == nil {
		return "None"
	}
	var s []string
	for _, p := range a.parsed {
		if p == nil {
			s = append(s, "None")
		} else {
			s = append(s, *p)
		}
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// compareTables lists where the str methods of text.go differ from
// CPython's.
func compareTables(tabs tables, full string) []string {
	var diffs []string
	var digits, spaces []rune
	lowers, uppers := map[rune]string{}, map[rune]string{}
	for r := rune(0); r < 0x110000; r++ {
		if isDigit(r) {
			digits = append(digits, r)
		}
		if isSpace(r) {
			spaces = append(spaces, r)
		}
		if r < utf8.RuneSelf || (0xD800 <= r && r < 0xE000) {
			continue
		}
		if s := lower(string(r)); s != string(r) {
			lowers[r] = s
		}
		if s := upper(string(r)); s != string(r) {
			uppers[r] = s
		}
	}
	if extra, missing := diffRunes(digits, tabs.digits); extra != nil || missing != nil {
		diffs = append(diffs, fmt.Sprintf("isDigit: %U true and %U false; CPython %s's str.isdigit differs", extra, missing, full))
	}
	if extra, missing := diffRunes(spaces, tabs.spaces); extra != nil || missing != nil {
		diffs = append(diffs, fmt.Sprintf("isSpace: %U true and %U false; CPython %s's str.isspace differs", extra, missing, full))
	}
	if fmt.Sprint(lowers) != fmt.Sprint(tabs.lower) {
		diffs = append(diffs, fmt.Sprintf("lower makes ASCII of %q; CPython %s's str.lower of %q", lowers, full, tabs.lower))
	}
	if fmt.Sprint(uppers) != fmt.Sprint(tabs.upper) {
		diffs = append(diffs, fmt.Sprintf("upper makes ASCII of %q; CPython %s's str.upper of %q", uppers, full, tabs.upper))
	}
	if len(tabs.intCased) > 0 {
		diffs = append(diffs, fmt.Sprintf("CPython %s's lower() or upper() changes %U, which int() reads: lower and upper must too", full, tabs.intCased))
	}
	return diffs
}

// diffRunes returns the runes of got that want lacks, and of want that
// got lacks; both are sorted.
func diffRunes(got, want []rune) (extra, missing []rune) {
	for _, r := range got {
		if _, found := slices.BinarySearch(want, r); !found {
			extra = append(extra, r)
		}
	}
	for _, r := range want {
		if _, found := slices.BinarySearch(got, r); !found {
			missing = append(missing, r)
		}
	}
	return extra, missing
}

// report fails t with every difference, sorted, the first 40 in full, or
// logs how many cases agreed.
func report(t *testing.T, diffs []string, n int) {
	t.Helper()
	if len(diffs) == 0 {
		t.Logf("CPython agrees on all %d cases", n)
		return
	}
	slices.Sort(diffs)
	shown := diffs[:min(len(diffs), 40)]
	t.Errorf("%d differences from CPython in %d cases:\n%s", len(diffs), n, strings.Join(shown, "\n"))
	if len(shown) < len(diffs) {
		t.Errorf("... and %d more", len(diffs)-len(shown))
	}
}

// runCPython runs cpythonScript over dates in one process.
func runCPython(t *testing.T, python string, dates []string) ([]answer, tables) {
	t.Helper()
	in, err := json.Marshal(dates)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), python, "-I", "-c", cpythonScript)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pydate: %s: running CPython: %v\n%s", python, err, stderr.Bytes())
	}
	var res struct {
		Parsed   []json.RawMessage
		IMS      []*int64
		Digits   []rune
		Spaces   []rune
		Lower    map[rune]string
		Upper    map[rune]string
		IntCased []rune `json:"int_cased"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("pydate: %s: decoding CPython's output: %v", python, err)
	}
	if len(res.Parsed) != len(dates) || len(res.IMS) != len(dates) {
		t.Fatalf("pydate: %s: CPython answered %d and %d of %d dates", python, len(res.Parsed), len(res.IMS), len(dates))
	}
	answers := make([]answer, len(dates))
	for i, p := range res.Parsed {
		answers[i].ims = res.IMS[i]
		if json.Unmarshal(p, &answers[i].parsed) != nil && json.Unmarshal(p, &answers[i].raised) != nil {
			t.Fatalf("pydate: %s: _parsedate_tz(%q) = %s: neither a list nor a name", python, dates[i], p)
		}
	}
	return answers, tables{res.Digits, res.Spaces, res.Lower, res.Upper, res.IntCased}
}

// generate makes dates from rng: RFC 1123, RFC 850 and asctime dates with
// fields in and out of range and odd zones, the same with their tokens
// and separators mangled, and token soup.
func generate(rng *rand.Rand) []string {
	var dates []string
	for range 3000 {
		var v string
		switch rng.IntN(6) {
		case 0, 1:
			v = fmt.Sprintf("%s %s %s %s %s %s", pick(rng, days), genNum(rng, 1, 31, 2), pick(rng, months),
				genNum(rng, 1, 9999, 4), genTime(rng), pick(rng, zoneTokens))
		case 2:
			v = fmt.Sprintf("%s %s-%s-%s %s %s", pick(rng, days), genNum(rng, 1, 31, 2), pick(rng, months),
				genNum(rng, 0, 99, 2), genTime(rng), pick(rng, zoneTokens))
		case 3:
			v = fmt.Sprintf("%s %s %s %s %s", pick(rng, days), pick(rng, months), genNum(rng, 1, 31, 1),
				genTime(rng), genNum(rng, 1, 9999, 4))
		case 4:
			v = mangle(rng, fmt.Sprintf("%s, %s %s %s %s %s", pick(rng, days), genNum(rng, 1, 31, 2),
				pick(rng, months), genNum(rng, 1, 9999, 4), genTime(rng), pick(rng, zoneTokens)))
		default:
			v = soup(rng)
		}
		dates = append(dates, v)
	}
	return dates
}

var (
	days = []string{"Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,", "Sun", "SUN", "sun,", "Sunday,",
		"Monday", "Foo,", "Foo", ",", "", "Mon,x", "x,Mon"}
	months = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
		"jan", "FEB", "march", "APRIL", "June", "September", "Janu", "Mai", "\u212aan", "1", "Dec,"}
	zoneTokens = []string{"GMT", "GMT", "GMT", "GMT", "GMT", "GMT", "+0000", "-0000", "", "UT", "UTC", "Z", "z", "gmt", "Utc", "EST", "edt", "PDT", "AST", "CST", "MDT",
		"+0000", "-0000", "+0100", "-0130", "+0", "-0", "+0_0", "-0_0", "+0060", "-0001", "0", "", "XYZ",
		"e\u017ft", "p\ufb06", "\u00df", "G\u217fT", "+99999999999999999999", "+2400", "-2359",
		"+\u0660\u0660\u0660\u0660", "GMT+1", "+", "-", "+-0", "(GMT)", "GMT,"}
	soupTokens = []string{"Mon", "Sun,", "Jan", "nov", "December", "1994", "94", "06", "6", "0", "31", "32",
		"08:49:37", "8:49", "08.49.37", "8.49", "24:00", "23:59:60", ":", "-", ",", "+0000", "-0000", "GMT",
		"EST", "+0100", "06-Nov-94", "6-nov-1994", "x", "1_9", "\u0661\u0669", "\u00b2", "99999999999999999999"}
	separators = []string{" ", " ", " ", "  ", ", ", ",", "\t", "\u00a0", "\x1c", "\u2003", "\u3000", "\u200b", "-"}
)

// genNum writes a number, mostly from lo to hi with width digits, else
// out of range, with underscores, in other scripts, signed or huge.
func genNum(rng *rand.Rand, lo, hi, width int) string {
	n := lo + rng.IntN(hi-lo+1)
	s := fmt.Sprintf("%0*d", width, n)
	switch rng.IntN(72) {
	case 0:
		s = fmt.Sprint(hi + 1 + rng.IntN(3))
	case 1:
		s = fmt.Sprint(lo - 1 - rng.IntN(2))
	case 2:
		if len(s) > 1 {
			i := 1 + rng.IntN(len(s)-1)
			s = s[:i] + pick(rng, []string{"_", "__"}) + s[i:]
		}
	case 3:
		s = strings.Map(func(r rune) rune { return r - '0' + '\u0660' }, s) // Arabic-Indic
	case 4:
		s = "\u00b2" + s
	case 5:
		s = pick(rng, []string{"+", "-", "_", "x", " "}) + s
	case 6:
		s += pick(rng, []string{",", "_", "x", ".", ":"})
	case 7:
		s = "99999999999999999999" + s
	case 8:
		s = ""
	}
	return s
}

// genTime writes a time of day in one of the shapes _parsedate_tz knows,
// or not, sometimes glued to a zone.
func genTime(rng *rand.Rand) string {
	hh, mm, ss := genNum(rng, 0, 23, 2), genNum(rng, 0, 59, 2), genNum(rng, 0, 59, 2)
	var s string
	switch rng.IntN(20) {
	case 0:
		s = hh + ":" + mm
	case 1:
		s = hh + "." + mm + "." + ss
	case 2:
		s = hh + "." + mm
	case 3:
		s = hh
	case 4:
		s = hh + ":" + mm + ":" + ss + ":" + ss
	default:
		s = hh + ":" + mm + ":" + ss
	}
	switch rng.IntN(20) {
	case 0:
		s += ","
	case 1:
		s += pick(rng, []string{"+0000", "-0000", "+0100", "-0500", "-", "+"})
	}
	return s
}

// mangle drops, repeats or swaps a token of v, or changes a separator.
func mangle(rng *rand.Rand, v string) string {
	f := strings.Split(v, " ")
	i, j := rng.IntN(len(f)), rng.IntN(len(f))
	switch rng.IntN(4) {
	case 0:
		f = slices.Delete(f, i, i+1)
	case 1:
		f = slices.Insert(f, i, f[j])
	case 2:
		f[i], f[j] = f[j], f[i]
	}
	var b strings.Builder
	for k, s := range f {
		if k > 0 {
			b.WriteString(pick(rng, separators))
		}
		b.WriteString(s)
	}
	return b.String()
}

// soup writes up to eight tokens with random separators.
func soup(rng *rand.Rand) string {
	var b strings.Builder
	for k := range rng.IntN(9) {
		if k > 0 {
			b.WriteString(pick(rng, separators))
		}
		b.WriteString(pick(rng, soupTokens))
	}
	return b.String()
}

func pick(rng *rand.Rand, s []string) string { return s[rng.IntN(len(s))] }
