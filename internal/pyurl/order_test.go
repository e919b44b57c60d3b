package pyurl

import (
	"slices"
	"testing"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// The expected values below are CPython 3.13's
// sorted(names, key=str.lower) over os.fsdecode'd names.

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "a", -1},
		{"a", "", +1},
		{"a", "b", -1},
		{"ab", "a", +1},
		{"\xff", "\xff", 0},
		{"é", "\x80", -1},      // U+00E9 < U+DC80
		{"\ud7ff", "\x80", -1}, // U+D7FF < U+DC80
		{"\x80", "\ue000", -1}, // U+DC80 < U+E000
		{"\xff", "\ufffd", -1}, // U+DCFF < U+FFFD
		{"\U0001F600", "\uffff", +1},
		{"\xc3", "\xc3\xa9", +1}, // U+DCC3 > U+00E9
		{"\xc3\xa9", "\xc3\xa9\x80", -1},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestListingOrder sorts names as list_directory does.
func TestListingOrder(t *testing.T) {
	names := []string{"b", "B", "a", "A", "_x", "Zed", "é", "É", "\x80", "\xff", "e", "E",
		"\ue000", "\ud7ff", "~", "\u212a", "k", "\u0130", "i", ".dot", "1", "\ufffd"}
	want := []string{".dot", "1", "_x", "a", "A", "b", "B", "e", "E", "i", "\xc4\xb0", "\xe2\x84\xaa",
		"k", "Zed", "~", "\xc3\xa9", "\xc3\x89", "\xed\x9f\xbf", "\x80", "\xff", "\xee\x80\x80", "\xef\xbf\xbd"}
	got := slices.Clone(names)
	slices.SortStableFunc(got, func(a, b string) int { return Compare(pytext.Lower(a), pytext.Lower(b)) })
	if !slices.Equal(got, want) {
		t.Errorf("listing order of %q =\n%q; want\n%q", names, got, want)
	}
}
