package pydate

// This file holds the str methods _parsedate_tz calls: split(),
// isdigit(), and lower() and upper() as far as they can make a day, month
// or zone name, all ASCII, of what they are given.

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isSpace is str.isspace() for one character, where str.split() splits:
// Go's White_Space characters and the separators U+001C..U+001F.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || 0x1c <= r && r <= 0x1f
}

// isDigit is str.isdigit() for one character: Numeric_Type Decimal (the
// characters of category Nd, which int() reads) or Digit.
func isDigit(r rune) bool {
	return unicode.Is(unicode.Nd, r) || unicode.Is(digitNotDecimal, r)
}

// digitNotDecimal holds the characters of Numeric_Type Digit (Unicode 15.1,
// as CPython 3.13's unicodedata has it): superscripts, subscripts, circled
// and parenthesized digits and the like, which isdigit() accepts and int()
// does not.
var digitNotDecimal = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x00B2, Hi: 0x00B3, Stride: 1},
		{Lo: 0x00B9, Hi: 0x00B9, Stride: 1},
		{Lo: 0x1369, Hi: 0x1371, Stride: 1},
		{Lo: 0x19DA, Hi: 0x19DA, Stride: 1},
		{Lo: 0x2070, Hi: 0x2070, Stride: 1},
		{Lo: 0x2074, Hi: 0x2079, Stride: 1},
		{Lo: 0x2080, Hi: 0x2089, Stride: 1},
		{Lo: 0x2460, Hi: 0x2468, Stride: 1},
		{Lo: 0x2474, Hi: 0x247C, Stride: 1},
		{Lo: 0x2488, Hi: 0x2490, Stride: 1},
		{Lo: 0x24EA, Hi: 0x24EA, Stride: 1},
		{Lo: 0x24F5, Hi: 0x24FD, Stride: 1},
		{Lo: 0x24FF, Hi: 0x24FF, Stride: 1},
		{Lo: 0x2776, Hi: 0x277E, Stride: 1},
		{Lo: 0x2780, Hi: 0x2788, Stride: 1},
		{Lo: 0x278A, Hi: 0x2792, Stride: 1},
	},
	R32: []unicode.Range32{
		{Lo: 0x10A40, Hi: 0x10A43, Stride: 1},
		{Lo: 0x10E60, Hi: 0x10E68, Stride: 1},
		{Lo: 0x11052, Hi: 0x1105A, Stride: 1},
		{Lo: 0x1F100, Hi: 0x1F10A, Stride: 1},
	},
	LatinOffset: 2,
}

// firstRune is s[0] of a str s, or utf8.RuneError for "".
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// lower is str.lower() where it matters here: every letter of the day and
// month names is ASCII, and the one character outside ASCII that lower()
// makes ASCII is KELVIN SIGN, "k". Other characters are kept: they make no
// name either way.
func lower(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case r == '\u212a':
			return 'k'
		}
		return r
	}, s)
}

// upper is str.upper() where it matters here, for the zone names: ASCII,
// and the characters outside ASCII that upper() makes ASCII, which
// include LATIN SMALL LETTER LONG S ("eſt" is "EST") and the ligature
// "ﬆ". Other characters are kept.
func upper(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			b.WriteRune(r - ('a' - 'A'))
		case asciiUpper[r] != "":
			b.WriteString(asciiUpper[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// asciiUpper is str.upper() of each character outside ASCII that it makes
// ASCII (SpecialCasing.txt and UnicodeData.txt of Unicode 15.1).
var asciiUpper = map[rune]string{
	'\u00df': "SS", // ß
	'\u0131': "I",  // ı
	'\u017f': "S",  // ſ
	'\ufb00': "FF", '\ufb01': "FI", '\ufb02': "FL", '\ufb03': "FFI", '\ufb04': "FFL",
	'\ufb05': "ST", '\ufb06': "ST",
}

// dayNames is email._parseaddr._daynames.
var dayNames = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func isDayName(s string) bool { return slices.Contains(dayNames, s) }

// monthNames is email._parseaddr._monthnames: short, then full.
var monthNames = []string{
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
}

// monthNumber returns the month, 1 to 12, a lower-cased name of monthNames
// means.
func monthNumber(s string) (int, bool) {
	i := slices.Index(monthNames, s)
	if i < 0 {
		return 0, false
	}
	return i%12 + 1, true
}
