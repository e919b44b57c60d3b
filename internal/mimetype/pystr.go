package mimetype

// This file holds the pieces of Python's str and path handling that
// guess_type leans on: posixpath.splitext, urllib.parse._splittype and
// str.lower, which differs from strings.ToLower for a few characters.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitext is posixpath.splitext: the extension is the last "." and what
// follows it in the last path element, unless only dots come before it
// there.
//
//	splitext("/srv/a.tar.gz") = "/srv/a.tar", ".gz"
//	splitext("/srv/.bashrc")  = "/srv/.bashrc", ""
//	splitext("/srv/..a.b")    = "/srv/..a", ".b"
//	splitext("/srv/a.")       = "/srv/a", "."
//	splitext("/srv/d.d/file") = "/srv/d.d/file", ""
func splitext(p string) (root, ext string) {
	sep := strings.LastIndexByte(p, '/')
	dot := strings.LastIndexByte(p, '.')
	if dot > sep {
		for i := sep + 1; i < dot; i++ {
			if p[i] != '.' {
				return p[:dot], p[dot:]
			}
		}
	}
	return p, ""
}

// splitType is urllib.parse._splittype, which 3.12's mimetypes.guess_type
// applies first: a URL scheme is a non-empty run free of "/" and ":" that
// a ":" ends, returned lower-cased. ok is false when url has none.
//
//	splitType("DATA:text/css,x") = "data", "text/css,x", true
//	splitType("/srv/a:b")        = "", "/srv/a:b", false
func splitType(url string) (scheme, rest string, ok bool) {
	i := strings.IndexAny(url, "/:")
	if i <= 0 || url[i] != ':' {
		return "", url, false
	}
	return lower(url[:i]), url[i+1:], true
}

// lower is Python's str.lower(), which uses the full Unicode lower-case
// mapping where strings.ToLower uses the simple one: U+0130 (I WITH DOT
// ABOVE) becomes "i\u0307", not "i", and a capital sigma that ends a word
// becomes "ς", not "σ". Bytes that are not UTF-8 are kept. Other runes
// take package unicode's mapping, of Unicode 15.0 in Go 1.26: the same as
// CPython 3.12's and 3.13's (15.0, 15.1), while 3.14's Unicode 16.0 gives
// case to a few more letters. No built-in table has such a key.
//
//	lower(".HTML")      = ".html"
//	lower(".\u212aSH")  = ".ksh" (KELVIN SIGN)
//	lower(".T\u0130F")  = ".ti\u0307f"
//	lower(".ΑΣ")        = ".ας"
func lower(s string) string {
	var b strings.Builder
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
