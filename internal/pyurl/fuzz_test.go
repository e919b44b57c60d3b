package pyurl

import (
	"strings"
	"testing"
)

// FuzzUnquoteFS checks what holds of UnquoteFS, Unencodable and QuoteFS
// whatever the text. The seed corpus is in testdata/fuzz/FuzzUnquoteFS.
func FuzzUnquoteFS(f *testing.F) {
	f.Add("/caf%C3%A9")
	f.Add("/%ED%B3%A9%E9")
	f.Add("/a%ED%A0%80b")
	f.Add("%C3é%A9%zz%4")
	f.Add("caf\xe9/%ED%B2%80")
	f.Fuzz(func(t *testing.T, s string) {
		fs, ok := UnquoteFS(s)
		r, before, found := Unencodable(s)
		switch {
		case !ok && (fs != "" || !found):
			t.Fatalf("UnquoteFS(%q) = %q, false but Unencodable = %U, %q, %v; want \"\" and a character", s, fs, r, before, found)
		case ok && found:
			t.Fatalf("UnquoteFS(%q) = %q, true but Unencodable = %U, %q, true", s, fs, r, before)
		case found && (r < 0xD800 || r > 0xDFFF || 0xDC80 <= r && r <= 0xDCFF):
			t.Fatalf("Unencodable(%q) = %U; want a surrogate outside U+DC80..U+DCFF", s, r)
		}
		if !strings.Contains(s, "%") && (fs != s || !ok) {
			t.Fatalf("UnquoteFS(%q) = %q, %v; want the text back, true, with no %%", s, fs, ok)
		}
		// "%25" is the escape of "%", and an ASCII run stays ASCII.
		if got, ok := UnquoteFS(strings.ReplaceAll(s, "%", "%25")); got != s || !ok {
			t.Fatalf("UnquoteFS(%q) = %q, %v; want %q, true", strings.ReplaceAll(s, "%", "%25"), got, ok, s)
		}
		if ok {
			checkQuoteFS(t, fs)
		}
		// The round trip holds for every byte string, not only for what
		// UnquoteFS gives: QuoteFS escapes each byte that is not UTF-8 as
		// a surrogate of U+DC80..U+DCFF, which UnquoteFS turns back into
		// that byte, and ED A0..BF 80..BF in fs is three such bytes, not
		// a surrogate, since Go's UTF-8 refuses surrogates as CPython's
		// does. (Checked too for every string of up to 3 bytes, here and
		// in CPython 3.13.0: no exception.)
		checkQuoteFS(t, s)
	})
}

// checkQuoteFS: QuoteFS gives safe ASCII and upper-case escapes, and
// UnquoteFS gives fs back.
func checkQuoteFS(t *testing.T, fs string) {
	t.Helper()
	q := QuoteFS(fs)
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '%':
			if i+2 >= len(q) || !isUpperHex(q[i+1]) || !isUpperHex(q[i+2]) {
				t.Fatalf("QuoteFS(%q) = %q: a %% at %d without two upper-case hex digits", fs, q, i)
			}
		case c >= 0x80 || !isASCIIAlpha(c) && (c < '0' || c > '9') && !strings.ContainsRune("_.-~/", rune(c)):
			t.Fatalf("QuoteFS(%q) = %q: unsafe byte %q at %d", fs, q, c, i)
		}
	}
	if got, ok := UnquoteFS(q); got != fs || !ok {
		t.Fatalf("UnquoteFS(QuoteFS(%q)) = UnquoteFS(%q) = %q, %v; want %q, true", fs, q, got, ok, fs)
	}
}

func isUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

// FuzzURLSplit checks that URLSplit keeps no tab, CR or LF and that
// URLUnsplit(URLSplit(url)) is a fixed point from the first round on, its
// parts too. The seed corpus is in testdata/fuzz/FuzzURLSplit.
func FuzzURLSplit(f *testing.F) {
	f.Add("HTTP://h:80/a?q#f")
	f.Add("\x00 c:/dir?x=1")
	f.Add("//[::1]:8/a\tb")
	f.Add("file:////a")
	f.Add("//h\u2100/")
	f.Fuzz(func(t *testing.T, url string) {
		r, err := URLSplit(url)
		if err != nil {
			return
		}
		checkSplit(t, url, r)
		once := URLUnsplit(r)
		r2, err := URLSplit(once)
		if err != nil {
			t.Fatalf("URLSplit(%q) = %+v, but URLSplit(%q) = %v", url, r, once, err)
		}
		checkSplit(t, once, r2)
		if twice := URLUnsplit(r2); twice != once {
			t.Fatalf("URLSplit(%q) = %+v, unsplit %q; split again %+v, unsplit %q", url, r, once, r2, twice)
		}
		// Stronger: the parts themselves survive the round trip, since
		// URLUnsplit adds only the "//" and "/" that URLSplit takes away.
		if r2 != r {
			t.Fatalf("URLSplit(%q) = %+v, unsplit %q; split again %+v", url, r, once, r2)
		}
	})
}

// checkSplit: no part holds a tab, CR or LF, nor the delimiter that ends
// it, and the scheme is lower-case.
func checkSplit(t *testing.T, url string, r SplitResult) {
	t.Helper()
	for _, part := range []string{r.Scheme, r.Netloc, r.Path, r.Query, r.Fragment} {
		if strings.ContainsAny(part, "\t\r\n") {
			t.Fatalf("URLSplit(%q) = %+v: a part holds a tab, CR or LF", url, r)
		}
	}
	if strings.ContainsAny(r.Netloc, "/?#") || strings.ContainsAny(r.Path, "?#") || strings.Contains(r.Query, "#") ||
		r.Scheme != strings.ToLower(r.Scheme) || r.Scheme != "" && !isScheme(r.Scheme) {
		t.Fatalf("URLSplit(%q) = %+v: a part holds a delimiter, or a bad scheme", url, r)
	}
}

// FuzzNormpath checks that Normpath's result is normal: a fixed point,
// never empty, with no empty or "." element and no ".." after a name. The
// seed corpus is in testdata/fuzz/FuzzNormpath.
func FuzzNormpath(f *testing.F) {
	f.Add("/a/./b//../c/")
	f.Add("//../a")
	f.Add("///a/b")
	f.Add("../a/../..")
	f.Add("a/b/../../..")
	f.Fuzz(func(t *testing.T, p string) {
		n := Normpath(p)
		if again := Normpath(n); again != n {
			t.Fatalf("Normpath(%q) = %q, but Normpath(%q) = %q", p, n, n, again)
		}
		switch {
		case n == "":
			t.Fatalf("Normpath(%q) = \"\"", p)
		case strings.Contains(strings.TrimPrefix(n, "//"), "//") || strings.HasPrefix(n, "///"):
			t.Fatalf("Normpath(%q) = %q: // other than a leading two", p, n)
		case strings.Contains(n, "/./") || strings.HasPrefix(n, "./") || strings.HasSuffix(n, "/.") || n != "." && strings.Trim(n, "/") == ".":
			t.Fatalf("Normpath(%q) = %q: a . element", p, n)
		case len(n) > 1 && strings.HasSuffix(n, "/") && n != "//":
			t.Fatalf("Normpath(%q) = %q: a trailing /", p, n)
		case strings.HasPrefix(n, "/") && (strings.Contains(n, "/../") || strings.HasSuffix(n, "/..")):
			t.Fatalf("Normpath(%q) = %q: .. in an absolute path", p, n)
		}
		// A relative path keeps ".." only as leading elements.
		elems := strings.Split(strings.TrimLeft(n, "/"), "/")
		for i := 1; i < len(elems); i++ {
			if elems[i] == ".." && elems[i-1] != ".." {
				t.Fatalf("Normpath(%q) = %q: .. after a name", p, n)
			}
		}
		// The root: exactly two slashes stay, one or more than two are one.
		want := min(slashes(p), 1)
		if slashes(p) == 2 {
			want = 2
		}
		if got := slashes(n); got != want {
			t.Fatalf("Normpath(%q) = %q: %d leading slashes; want %d", p, n, got, want)
		}
	})
}

// slashes counts the slashes p starts with.
func slashes(p string) int { return len(p) - len(strings.TrimLeft(p, "/")) }
