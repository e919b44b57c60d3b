package pyurl

import "testing"

// The expected values below are CPython 3.13's: the unquote of
// translate_path followed by os.fsencode, and quote(os.fsdecode(fs),
// errors='surrogatepass').

func TestUnquoteFS(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"/", "/", true},
		{"abc", "abc", true},
		{"/caf%C3%A9", "/café", true},
		{"/caf%c3%a9", "/café", true},
		{"/caf%E9", "/caf\ufffd", true},
		{"/%ED%B3%A9", "/\xe9", true},
		{"/%ED%A0%80", "", false},
		{"/%ED%B0%80", "", false},
		{"/%ED%B2%80", "/\x80", true},
		{"/%ED%B3%BF", "/\xff", true},
		{"/%zz%4", "/%zz%4", true},
		{"%", "%", true},
		{"%%", "%%", true},
		{"%%41", "%A", true},
		{"%4", "%4", true},
		{"%41%", "A%", true},
		{"%C3é%A9", "\ufffdé\ufffd", true},
		{"é%41", "éA", true},
		{"é", "é", true},
		{"é%", "é%", true},
		{"%E2%82%AC", "€", true},
		{"%E2%82", "\ufffd", true},
		{"%E2%82A", "\ufffdA", true},
		{"%C0%AF", "\ufffd\ufffd", true},
		{"%F4%90%80%80", "\ufffd\ufffd\ufffd\ufffd", true},
		{"%ED%A0%80%E9", "\ufffd\ufffd\ufffd\ufffd", true},
		{"%ED%A0", "\ufffd\ufffd", true},
		{"%ED%B3%A9é%E9", "\ufffd\ufffd\ufffdé\ufffd", true},
		{"/a%2Fb", "/a/b", true},
		{"%00", "\x00", true},
		{"%2e%2E", "..", true},
		{"%F0%9F%98%80", "😀", true},
		{"%F0%9F%98", "\ufffd", true},
		{"\u0085%41", "\u0085A", true},
		{"a+b%20c", "a+b c", true},
		{"%ED%9F%BF", "\ud7ff", true},
		{"%EF%BF%BD", "\ufffd", true},
	}
	for _, tt := range tests {
		got, ok := UnquoteFS(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("UnquoteFS(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestUnquoteToBytes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a%41%4g%", "aA%4g%"},
		{"%%%", "%%%"},
		{"%4%41", "%4A"},
		{"%aF%Af", "\xaf\xaf"},
		{"%+1%-1", "%+1%-1"},
	}
	for _, tt := range tests {
		if got := string(unquoteToBytes(tt.in)); got != tt.want {
			t.Errorf("unquoteToBytes(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestMaximalSubpart checks the U+FFFD count of Unicode's Table 3-8
// example and a few more against what CPython's 'replace' gives.
func TestMaximalSubpart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", "a\ufffd\ufffd\ufffdb\ufffdc\ufffd\ufffdd"},
		{"\xe0\x80", "\ufffd\ufffd"},
		{"\xe0\xa0", "\ufffd"},
		{"\xed\x9f", "\ufffd"},
		{"\xed\xa0", "\ufffd\ufffd"},
		{"\xf0\x8f", "\ufffd\ufffd"},
		{"\xf0\x90\x80", "\ufffd"},
		{"\xf4\x8f\xbf", "\ufffd"},
		{"\xf4\x90", "\ufffd\ufffd"},
		{"\xf5\x80", "\ufffd\ufffd"},
		{"\xc1\xbf", "\ufffd\ufffd"},
		{"\xc2", "\ufffd"},
		{"\xff", "\ufffd"},
	}
	for _, tt := range tests {
		got, _, _ := decodeReplace(nil, []byte(tt.in))
		if string(got) != tt.want {
			t.Errorf("decodeReplace(%q) = %+q; want %+q", tt.in, got, tt.want)
		}
	}
}

func TestQuoteFS(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a b/c~d.txt", "a%20b/c~d.txt"},
		{"café", "caf%C3%A9"},
		{"caf\xe9", "caf%ED%B3%A9"},
		{"\x80\xff", "%ED%B2%80%ED%B3%BF"},
		{"A-Z_a.z~0/9", "A-Z_a.z~0/9"},
		{"!\"#$%&'()*+,:;<=>?@[\\]^`{|}", "%21%22%23%24%25%26%27%28%29%2A%2B%2C%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D"},
		{"\x00\x1f\x7f", "%00%1F%7F"},
		{"€", "%E2%82%AC"},
		{"\xe2\x82", "%ED%B3%A2%ED%B2%82"},
		{"\xed\xa0\x80", "%ED%B3%AD%ED%B2%A0%ED%B2%80"},
		{"😀", "%F0%9F%98%80"},
		{"\ufffd", "%EF%BF%BD"},
	}
	for _, tt := range tests {
		if got := QuoteFS(tt.in); got != tt.want {
			t.Errorf("QuoteFS(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestQuoteUnquote checks that a name list_directory links to comes back
// as the same fs bytes when a client requests the link.
func TestQuoteUnquote(t *testing.T) {
	for _, name := range []string{"a b", "café", "caf\xe9", "\x80\xff", "\xed\xa0\x80", "%41", "?#", "😀", "\xe2\x82"} {
		got, ok := UnquoteFS(QuoteFS(name))
		if got != name || !ok {
			t.Errorf("UnquoteFS(QuoteFS(%q)) = %q, %v; want %q, true", name, got, ok, name)
		}
	}
}

func TestUnencodable(t *testing.T) {
	tests := []struct {
		in     string
		r      rune
		before string
		found  bool
	}{
		{"/a%ED%A0%80b", 0xD800, "/a", true},
		{"/dir/?%ED%B3%A9%ED%BF%BF", 0xDFFF, "/dir/?\uFFFD", true},
		{"/caf%C3%A9", 0, "", false},
		{"/%ED%B3%A9", 0, "", false},
	}
	for _, tt := range tests {
		r, before, found := Unencodable(tt.in)
		if r != tt.r || before != tt.before || found != tt.found {
			t.Errorf("Unencodable(%q) = %U, %q, %v; want %U, %q, %v", tt.in, r, before, found, tt.r, tt.before, tt.found)
		}
	}
}

// The wanted values are CPython 3.13's urllib.parse.unquote(s).
func TestUnquote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/cgi-bin/a%20b", "/cgi-bin/a b"},
		{"/%ED%A0%80", "/\ufffd\ufffd\ufffd"},
		{"/caf%C3%A9", "/café"},
		{"/caf%E9", "/caf\ufffd"},
		{"%zz", "%zz"},
		{"é%41", "éA"},
	}
	for _, tt := range tests {
		if got := Unquote(tt.in); got != tt.want {
			t.Errorf("Unquote(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
