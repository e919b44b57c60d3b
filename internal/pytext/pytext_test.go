package pytext

import (
	"errors"
	"testing"
)

func TestDecodeLatin1(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"GET / HTTP/1.0", "GET / HTTP/1.0"},
		{"caf\xe9", "café"},
		{"\x00\x7f\x80\xff", "\x00\x7f\u0080\u00ff"},
	}
	for _, tt := range tests {
		if got := DecodeLatin1([]byte(tt.in)); got != tt.want {
			t.Errorf("DecodeLatin1(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestAppendLatin1(t *testing.T) {
	got, err := AppendLatin1([]byte("X: "), "Dängerous Mind")
	if err != nil || string(got) != "X: D\xe4ngerous Mind" {
		t.Errorf("AppendLatin1 = %q, %v; want %q, nil", got, err, "X: D\xe4ngerous Mind")
	}
	for _, in := range []string{"\u20ac", "ab\U0001F600", "a\xffb"} {
		got, err := AppendLatin1([]byte("keep"), in)
		var ee *EncodeError
		if !errors.As(err, &ee) || string(got) != "keep" {
			t.Errorf("AppendLatin1(%q) = %q, %v; want \"keep\" and an *EncodeError", in, got, err)
		}
	}
	_, err = AppendLatin1(nil, "ab\u20ac")
	want := `'latin-1' codec can't encode character '\u20ac' in position 2: ordinal not in range(256)`
	if err == nil || err.Error() != want {
		t.Errorf("AppendLatin1 error = %v; want %s", err, want)
	}
}

// The wanted values were printed by CPython 3.13's repr().
func TestRepr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `''`},
		{"HTTP/1.x", `'HTTP/1.x'`},
		{"it's", `"it's"`},
		{`say "hi"`, `'say "hi"'`},
		{`it's "x"`, `'it\'s "x"'`},
		{"a\\b", `'a\\b'`},
		{"\t\r\n", `'\t\r\n'`},
		{"\x00\x1b\x7f", `'\x00\x1b\x7f'`},
		{"\u0080\u009f\u00a0\u00ad", `'\x80\x9f\xa0\xad'`},
		{"é\u00a1\u00ff", `'é¡ÿ'`},
		{"\u2028\u20ac", `'\u2028€'`},
		{"\U0001F600\U000E0001", `'😀\U000e0001'`},
	}
	for _, tt := range tests {
		if got := Repr(tt.in); got != tt.want {
			t.Errorf("Repr(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func TestEscapeHTML(t *testing.T) {
	in := `<script>alert("hello") & 'x'</script>`
	want := `&lt;script&gt;alert("hello") &amp; 'x'&lt;/script&gt;`
	if got := EscapeHTML(in); got != want {
		t.Errorf("EscapeHTML(%q) = %q; want %q", in, got, want)
	}
}

// Cases of test_unprintable_not_logged in CPython's test_httpservers.py.
func TestEscapeControl(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/foo", "/foo"},
		{"/\x1bbar\x00\x1b", `/\x1bbar\x00\x1b`},
		{"/spam \x1b\u007f\u009f\u00a0beans.", `/spam \x1b\x7f\x9f` + "\u00a0beans."},
		{`"GET /foo\b"ar` + "\x07" + ` HTTP/1.0"`, `"GET /foo\\b"ar\x07 HTTP/1.0"`},
	}
	for _, tt := range tests {
		if got := EscapeControl(tt.in); got != tt.want {
			t.Errorf("EscapeControl(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// The wanted values are what CPython 3.13's int() says.
func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" where int() raises ValueError
	}{
		{"10", "10"},
		{" 10 ", "10"},
		{"\u00a010\u0085", "10"},
		{"\u200010", "10"},
		{"\x1c10", ""},
		{"10\x1f", ""},
		{"+7", "7"},
		{"-1", "-1"},
		{"1_0", "10"},
		{"1_000_000", "1000000"},
		{"007", "7"},
		{"\u0668\u0660", "80"},
		{"", ""},
		{" ", ""},
		{"_1", ""},
		{"1_", ""},
		{"1__0", ""},
		{"0x10", ""},
		{"1.0", ""},
		{"\u00b2", ""},
		{"+", ""},
		{"- 1", ""},
		{"99999999999999999999", "99999999999999999999"},
	}
	for _, tt := range tests {
		n, ok := ParseInt(tt.in)
		got := ""
		if ok {
			got = n.String()
		}
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseInt(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// The wanted set is CPython 3.13's str.isspace() over the BMP.
func TestIsSpace(t *testing.T) {
	want := map[rune]bool{}
	for _, r := range []rune{'\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0,
		0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
		0x2028, 0x2029, 0x202f, 0x205f, 0x3000} {
		want[r] = true
	}
	for r := rune(0); r < 0x10000; r++ {
		if got := IsSpace(r); got != want[r] {
			t.Errorf("IsSpace(%U) = %v; want %v", r, got, want[r])
		}
	}
}
