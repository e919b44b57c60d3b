package main

// The pieces of Python's text handling that the command line shows: int()
// of a str (argparse's type=int for the port, and shutil's reading of
// COLUMNS), argparse's test for arguments that look like negative numbers,
// and repr() of an argument as argparse quotes it in errors.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// looksNegative is argparse's _negative_number_matcher,
// '^-\d+$|^-\d*\.\d+$', with Python's meaning of \d (any Nd digit) and of
// $ (the end, or before a newline that ends the string). Such an argument
// is a positional, since the parser has no option that looks like one.
//
//	looksNegative("-1")   = true
//	looksNegative("-.5")  = true
//	looksNegative("-1x")  = false
func looksNegative(s string) bool {
	rest, ok := strings.CutPrefix(s, "-")
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, "\n")
	whole, frac, dot := strings.Cut(rest, ".")
	if !dot {
		return rest != "" && allDecimal(rest)
	}
	return allDecimal(whole) && frac != "" && allDecimal(frac)
}

func allDecimal(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Nd, r) {
			return false
		}
	}
	return true
}

// pyRepr is repr() of an argument as CPython holds it: argv bytes that are
// not UTF-8 were decoded with surrogateescape, so each shows as \udcXX.
//
//	pyRepr("it's") = `"it's"`
//	pyRepr("\xff") = `'\udcff'`
func pyRepr(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\udc%02x`, s[i])
		case r == quote || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == utf8.RuneError:
			b.WriteRune(r) // a real U+FFFD, printable (So)
		default:
			// One character's repr, without its quotes: the only quote
			// it can hold is the one we are not using.
			one := pytext.Repr(string(r))
			b.WriteString(one[1 : len(one)-1])
		}
		i += size
	}
	b.WriteRune(quote)
	return b.String()
}

// pyStderr is how CPython writes text to stderr, whose error handler is
// backslashreplace: an argv byte that is not UTF-8, held as a lone
// surrogate, comes out as \udcXX.
func pyStderr(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\udc%02x`, s[i])
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
