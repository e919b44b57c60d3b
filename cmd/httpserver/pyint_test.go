package main

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

func TestParsePyInt(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when int() raises ValueError
	}{
		{"80", "80"},
		{" 80 ", "80"},
		{"\t\n\v\f\r80\r\n", "80"},
		{"+80", "80"},
		{"-80", "-80"},
		{"0080", "80"},
		{"0", "0"},
		{"-0", "0"},
		{"1_000", "1000"},
		{"0_0", "0"},
		{"٨٠", "80"},             // Arabic-Indic
		{"٨_٠", "80"},            // underscores between any digits
		{"𝟠𝟘", "80"},             // mathematical double-struck
		{"\u00a080\u3000", "80"}, // no-break and ideographic spaces
		{"\u008580", "80"},       // NEL
		{"99999999999999999999", "99999999999999999999"},
		{strings.Repeat("9", pytext.MaxStrDigits), strings.Repeat("9", pytext.MaxStrDigits)},
		{strings.Repeat("9", pytext.MaxStrDigits+1), ""}, // the 4300-digit limit
		{"", ""},
		{" ", ""},
		{"+", ""},
		{"_1", ""},
		{"1_", ""},
		{"1__0", ""},
		{"+_1", ""},
		{"+-1", ""},
		{"- 1", ""},
		{"0x10", ""},
		{"1.0", ""},
		{"12e3", ""},
		{"\x1c80", ""}, // ASCII separators are not Py_ISSPACE
		{"8\x000", ""},
		{"\xff", ""},
		{"\ufffd", ""},
		{"٨x", ""},
	}
	for _, tt := range tests {
		n, ok := pytext.ParseInt(tt.in)
		got := ""
		if ok {
			got = n.String()
		}
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseInt(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestLooksNegative(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"-1", true},
		{"-123", true},
		{"-1\n", true}, // $ matches before a final newline
		{"-.5", true},
		{"-1.5", true},
		{"-٨٠", true},
		{"-", false},
		{"-1\n\n", false},
		{"-1 ", false},
		{"-1.", false},
		{"-1.2.3", false},
		{"--1", false},
		{"1", false},
		{"-x", false},
		{"-1x", false},
	}
	for _, tt := range tests {
		if got := looksNegative(tt.in); got != tt.want {
			t.Errorf("looksNegative(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestPyRepr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", `'abc'`},
		{"it's", `"it's"`},
		{`it's "x"`, `'it\'s "x"'`},
		{`a\b`, `'a\\b'`},
		{"\t\n\r\x00\x7f", `'\t\n\r\x00\x7f'`},
		{"é\u00a0\u200b", `'é\xa0\u200b'`},
		{"\xff", `'\udcff'`},
		{"a\xc3", `'a\udcc3'`},
		{"\ufffd", "'\ufffd'"},
		{"\U0001F600", "'\U0001F600'"},
	}
	for _, tt := range tests {
		if got := pyRepr(tt.in); got != tt.want {
			t.Errorf("pyRepr(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

// bmpAndDigits is every character of the Basic Multilingual Plane but
// the surrogates, and every decimal digit beyond it.
func bmpAndDigits() []rune {
	var out []rune
	for r := rune(0); r <= 0xffff; r++ {
		if !utf16.IsSurrogate(r) {
			out = append(out, r)
		}
	}
	for _, rg := range unicode.Nd.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r++ {
			out = append(out, r)
		}
	}
	return out
}

// TestPyIntMatchesCPython gives int() each character around a digit and
// on its own, and a few forms besides.
func TestPyIntMatchesCPython(t *testing.T) {
	python := findPython(t)
	var cases []string
	for _, r := range bmpAndDigits() {
		if r == 0 {
			continue // JSON carries it, but CPython's argv never holds one
		}
		c := string(r)
		cases = append(cases, c, c+"7"+c, "-"+c)
	}
	cases = append(cases, " 1_2 ", "+1_2", "1_2_", "00", "0_", "-_1")
	var want []*string
	runCPython(t, python, "int", cases, &want)
	bad := 0
	for i, c := range cases {
		n, ok := pytext.ParseInt(c)
		got := "ValueError"
		if ok {
			got = n.String()
		}
		py := "ValueError"
		if want[i] != nil {
			py = *want[i]
		}
		if got != py {
			if bad++; bad <= 20 {
				t.Errorf("int(%q): CPython %s, ours %s", c, py, got)
			}
		}
	}
	if bad > 20 {
		t.Errorf("... and %d more", bad-20)
	}
}

// TestLooksNegativeMatchesCPython runs argparse's regular expression on
// each character after a minus sign.
func TestLooksNegativeMatchesCPython(t *testing.T) {
	python := findPython(t)
	var cases []string
	for _, r := range bmpAndDigits() {
		c := string(r)
		cases = append(cases, "-"+c, "-."+c, "-1"+c)
	}
	var want []bool
	runCPython(t, python, "negative", cases, &want)
	bad := 0
	for i, c := range cases {
		if got := looksNegative(c); got != want[i] {
			if bad++; bad <= 20 {
				t.Errorf("looksNegative(%q) = %v; CPython's matcher %v", c, got, want[i])
			}
		}
	}
	if bad > 20 {
		t.Error(fmt.Sprintf("... and %d more", bad-20))
	}
}
