package pytext

// lower.go is str.lower(), as list_directory sorts names and guess_type
// folds extensions with it.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lower is Python's str.lower() of text or fs bytes. It uses the full
// Unicode lower-case mapping where strings.ToLower uses the simple one:
// U+0130 (I WITH DOT ABOVE) becomes "i\u0307", not "i", and a capital
// sigma that ends a word becomes "ς", not "σ". Bytes that are not UTF-8
// are kept, as str.lower() keeps the surrogate escapes os.fsdecode makes
// of them; for the final-sigma rule they are, like surrogates, neither
// cased nor case-ignorable. Other runes take package unicode's mapping,
// of Unicode 15.0 in Go 1.26: the same as CPython 3.13's 15.1.
//
//	Lower("README.TXT")  = "readme.txt"
//	Lower("\u212aB")     = "kb" (KELVIN SIGN)
//	Lower("T\u0130F")    = "ti\u0307f"
//	Lower("ΑΣ")          = "ας"
//	Lower("\xc9T\xc9")   = "\xc9t\xc9"
func Lower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteByte(c)
		case r == '\u0130':
			b.WriteString("i\u0307") // SpecialCasing.txt's one unconditional lower-case entry
		case r == 'Σ' && finalSigma(s, i, i+n):
			b.WriteRune('ς')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		i += n
	}
	return b.String()
}

// finalSigma reports whether the capital sigma at s[start:end] ends a word
// in the sense of Unicode's Final_Sigma condition, as CPython's
// handle_capital_sigma tests it: a cased character before it, and none
// after it, with case-ignorable characters skipped both ways.
func finalSigma(s string, start, end int) bool {
	prev := rune(-1)
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		start -= n
		if !caseIgnorable(r) {
			prev = r
			break
		}
	}
	if prev < 0 || !cased(prev) {
		return false
	}
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		end += n
		if !caseIgnorable(r) {
			return !cased(r)
		}
	}
	return true
}

// cased is Unicode's Cased property (DerivedCoreProperties.txt).
func cased(r rune) bool {
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt,
		unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// caseIgnorable is Unicode's Case_Ignorable property: marks, format
// characters, modifiers, and the characters of Word_Break MidLetter,
// MidNumLet and Single_Quote (WordBreakProperty.txt), listed here because
// package unicode has no word-break tables.
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2018', '\u2019',
		'\u2024', '\u2027', '\ufe13', '\ufe52', '\ufe55', '\uff07', '\uff0e', '\uff1a':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
