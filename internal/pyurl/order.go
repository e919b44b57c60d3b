package pyurl

// This file holds the order of list_directory's listing:
// list.sort(key=lambda a: a.lower()) over the names os.listdir gives,
// with pytext.Lower as the key.

import "unicode/utf8"

// Compare is Python's order of the strs os.fsdecode makes of the fs bytes
// a and b: code point by code point, a byte that is not UTF-8 counting as
// its surrogate escape U+DC00+byte. It returns -1, 0 or +1. So "é"
// (U+00E9) sorts before the raw byte 0x80 (U+DC80), and that before
// "\ue000", where comparing bytes would put the raw byte first.
// list_directory's order is
//
//	slices.SortStableFunc(names, func(a, b string) int { return Compare(pytext.Lower(a), pytext.Lower(b)) })
func Compare(a, b string) int {
	for a != "" && b != "" {
		ra, na := fsRune(a)
		rb, nb := fsRune(b)
		if ra != rb {
			if ra < rb {
				return -1
			}
			return +1
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case a != "":
		return +1
	case b != "":
		return -1
	}
	return 0
}

// fsRune decodes the first character of the fs bytes s as os.fsdecode
// does.
func fsRune(s string) (rune, int) {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n == 1 {
		return 0xDC00 + rune(s[0]), 1
	}
	return r, n
}
