package pytext

import (
	"math/big"
	"strings"
	"unicode"
)

// MaxStrDigits is sys.int_info.default_max_str_digits: int() refuses a
// decimal string of more digits with a ValueError, as CVE-2020-10735 made
// it do.
const MaxStrDigits = 4300

// ParseInt is int(s) for a str s, in base 10, as PyLong_FromUnicodeObject
// reads it: Unicode whitespace around the number, an optional sign, decimal
// digits of any script (Arabic-Indic "٨٠" is 80) and single underscores
// between digits. It reports false where int() raises ValueError.
//
//	ParseInt(" +8_0\n") = 80, true
//	ParseInt("0x10")    = nil, false
func ParseInt(s string) (*big.Int, bool) {
	ascii, ok := toASCIIDecimal(s)
	if !ok {
		return nil, false
	}
	body := strings.Trim(ascii, " \t\n\v\f\r") // Py_ISSPACE
	neg := false
	if body != "" && (body[0] == '+' || body[0] == '-') {
		neg = body[0] == '-'
		body = body[1:]
	}
	digits, ok := underscoredDigits(body)
	if !ok || len(digits) > MaxStrDigits {
		return nil, false
	}
	n, _ := new(big.Int).SetString(digits, 10)
	if neg {
		n.Neg(n)
	}
	return n, true
}

// toASCIIDecimal is _PyUnicode_TransformDecimalAndSpaceToASCII: below
// U+007F a character stays as it is, whitespace becomes a space and a
// decimal digit of any script its ASCII digit; anything else, and a byte
// that is not UTF-8 (a surrogate escape in CPython's argv), fails.
func toASCIIDecimal(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x7f:
			b.WriteByte(byte(r))
		case isPySpace(r):
			b.WriteByte(' ')
		default:
			d, ok := decimalValue(r)
			if !ok {
				return "", false
			}
			b.WriteByte('0' + byte(d))
		}
	}
	return b.String(), true
}

// underscoredDigits checks that s is ASCII digits with single underscores
// between them, as PyLong_FromString allows since PEP 515, and returns the
// digits alone.
func underscoredDigits(s string) (string, bool) {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return "", false
	}
	digits := strings.ReplaceAll(s, "_", "")
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", false
		}
	}
	return digits, true
}

// isPySpace is Py_UNICODE_ISSPACE above U+007F, where it agrees with Go's
// White_Space table (U+0085, U+00A0, U+1680, U+2000-U+200A, ...).
func isPySpace(r rune) bool {
	return r > 0x7f && unicode.IsSpace(r)
}

// decimalValue is Py_UNICODE_TODECIMAL: the value of a character of
// category Nd. Unicode lays each script's digits out as a run from zero to
// nine, so the value is the distance from the start of its run.
func decimalValue(r rune) (int, bool) {
	for _, rg := range unicode.Nd.R16 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10, true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10, true
		}
	}
	return 0, false
}
