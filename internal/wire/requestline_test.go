package wire

import (
	"errors"
	"fmt"
	"testing"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// requestLineTest is one call of ParseRequestLine. proto is the server's
// protocol_version, "HTTP/1.1" when empty; the default request version is
// always CPython's "HTTP/0.9".
type requestLineTest struct {
	name  string
	in    string
	proto string
	want  RequestLine
	err   error // nil, ErrEmptyRequestLine or an *Error
}

func (tt requestLineTest) protocol() string {
	if tt.proto == "" {
		return "HTTP/1.1"
	}
	return tt.proto
}

// Shorthands for the tables: ok is a well-formed three-word request, v09 a
// two-word one, bad a request that failed with the version still the default.
func ok(line, command, path, version string, keepAlive bool) RequestLine {
	return RequestLine{Line: line, Command: command, Path: path, Version: version, KeepAlive: keepAlive}
}

func v09(line, command, path string) RequestLine {
	return RequestLine{Line: line, Command: command, Path: path, Version: "HTTP/0.9", HTTP09: true}
}

func bad(line string) RequestLine {
	return RequestLine{Line: line, Version: "HTTP/0.9"}
}

func wireErr(kind ErrorKind, subject string) error { return &Error{Kind: kind, Subject: subject} }

// The wanted values follow BaseHTTPRequestHandler.parse_request of CPython
// 3.13; TestCPythonRequestLine runs every input here through it too.
var requestLineTests = []requestLineTest{
	// No words: CPython returns False without answering.
	{name: "empty", in: "", want: bad(""), err: ErrEmptyRequestLine},
	{name: "CRLF", in: "\r\n", want: bad(""), err: ErrEmptyRequestLine},
	{name: "LF", in: "\n", want: bad(""), err: ErrEmptyRequestLine},
	{name: "blanks", in: " \t\r\n", want: bad(" \t"), err: ErrEmptyRequestLine},
	{name: "latin1 spaces only", in: "\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\r\n",
		want: bad("\x0b\x0c\x1c\x1d\x1e\x1f\u0085\u00a0"), err: ErrEmptyRequestLine},
	{name: "CR and LF inside", in: "\r\r\n\n\r", want: bad(""), err: ErrEmptyRequestLine},

	// One word.
	{name: "one word", in: "GET\r\n", want: bad("GET"), err: wireErr(BadSyntax, "GET")},
	{name: "one word slash", in: "/\r\n", want: bad("/"), err: wireErr(BadSyntax, "/")},
	{name: "one word padded", in: "  GET \r\n", want: bad("  GET "), err: wireErr(BadSyntax, "  GET ")},
	// http.client's putrequest('', '') with no version sends " / ".
	{name: "send blank", in: " / \r\n", want: bad(" / "), err: wireErr(BadSyntax, " / ")},

	// Two words: HTTP/0.9.
	{name: "0.9 GET", in: "GET /\r\n", want: v09("GET /", "GET", "/")},
	{name: "0.9 LF only", in: "GET /index.html\n", want: v09("GET /index.html", "GET", "/index.html")},
	{name: "0.9 no newline", in: "GET /a", want: v09("GET /a", "GET", "/a")},
	{name: "0.9 trailing space", in: "GET / \r\n", want: v09("GET / ", "GET", "/")},
	{name: "0.9 HTTP/1.1 server", in: "GET /\r\n", proto: "HTTP/1.1", want: v09("GET /", "GET", "/")},
	{name: "0.9 HTTP/1.0 server", in: "GET /\r\n", proto: "HTTP/1.0", want: v09("GET /", "GET", "/")},
	{name: "0.9 POST", in: "POST /\r\n",
		want: RequestLine{Line: "POST /", Version: "HTTP/0.9", HTTP09: true}, err: wireErr(Bad09Type, "POST")},
	{name: "0.9 lower-case get", in: "get /\r\n",
		want: RequestLine{Line: "get /", Version: "HTTP/0.9", HTTP09: true}, err: wireErr(Bad09Type, "get")},
	{name: "0.9 CUSTOM", in: "CUSTOM / \r\n", // test_version_none
		want: RequestLine{Line: "CUSTOM / ", Version: "HTTP/0.9", HTTP09: true}, err: wireErr(Bad09Type, "CUSTOM")},
	{name: "0.9 NUL in method", in: "GET\x00/ HTTP/1.0\r\n",
		want: RequestLine{Line: "GET\x00/ HTTP/1.0", Version: "HTTP/0.9", HTTP09: true}, err: wireErr(Bad09Type, "GET\x00/")},
	{name: "0.9 latin1 method", in: "G\xc9T /\r\n",
		want: RequestLine{Line: "GÉT /", Version: "HTTP/0.9", HTTP09: true}, err: wireErr(Bad09Type, "GÉT")},
	{name: "0.9 version as path", in: "GET HTTP/1.1\r\n", want: v09("GET HTTP/1.1", "GET", "HTTP/1.1")},

	// Three words.
	{name: "1.1 to 1.1", in: "GET / HTTP/1.1\r\n", want: ok("GET / HTTP/1.1", "GET", "/", "HTTP/1.1", true)},
	{name: "1.1 to 1.0", in: "GET / HTTP/1.1\r\n", proto: "HTTP/1.0", want: ok("GET / HTTP/1.1", "GET", "/", "HTTP/1.1", false)},
	{name: "1.0 to 1.1", in: "GET / HTTP/1.0\r\n", want: ok("GET / HTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "1.0 to 1.0", in: "GET / HTTP/1.0\r\n", proto: "HTTP/1.0", want: ok("GET / HTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "0.9 as version", in: "GET / HTTP/0.9\r\n", want: ok("GET / HTTP/0.9", "GET", "/", "HTTP/0.9", false)},
	{name: "1.2", in: "GET / HTTP/1.2\r\n", want: ok("GET / HTTP/1.2", "GET", "/", "HTTP/1.2", true)},
	{name: "1.10", in: "GET / HTTP/1.10\r\n", want: ok("GET / HTTP/1.10", "GET", "/", "HTTP/1.10", true)},
	{name: "leading zeros", in: "GET / HTTP/01.01\r\n", want: ok("GET / HTTP/01.01", "GET", "/", "HTTP/01.01", true)},
	{name: "leading zeros 1.0", in: "GET / HTTP/0001.0000\r\n", want: ok("GET / HTTP/0001.0000", "GET", "/", "HTTP/0001.0000", false)},
	{name: "ten digits", in: "GET / HTTP/0000000001.0000000001\r\n",
		want: ok("GET / HTTP/0000000001.0000000001", "GET", "/", "HTTP/0000000001.0000000001", true)},
	{name: "0.0", in: "GET / HTTP/0.0\r\n", want: ok("GET / HTTP/0.0", "GET", "/", "HTTP/0.0", false)},
	{name: "any method", in: "XYZBOGUS /x?y HTTP/1.0\r\n", want: ok("XYZBOGUS /x?y HTTP/1.0", "XYZBOGUS", "/x?y", "HTTP/1.0", false)},
	// test_request_line_trimming: http.client sent "HTTP/1.1\n\r\n".
	{name: "trimming", in: "XYZBOGUS / HTTP/1.1\n\r\n", want: ok("XYZBOGUS / HTTP/1.1", "XYZBOGUS", "/", "HTTP/1.1", true)},
	{name: "absolute URI", in: "GET http://x/y HTTP/1.0\r\n", want: ok("GET http://x/y HTTP/1.0", "GET", "http://x/y", "HTTP/1.0", false)},
	{name: "asterisk", in: "OPTIONS * HTTP/1.1\r\n", want: ok("OPTIONS * HTTP/1.1", "OPTIONS", "*", "HTTP/1.1", true)},
	{name: "padded", in: "  GET  /  HTTP/1.0  \r\n", want: ok("  GET  /  HTTP/1.0  ", "GET", "/", "HTTP/1.0", false)},

	// 2.0 and later: 505 with the number; the version stays the default,
	// keep-alive was already decided.
	{name: "2.0", in: "GET / HTTP/2.0\r\n", want: RequestLine{Line: "GET / HTTP/2.0", Version: "HTTP/0.9", KeepAlive: true},
		err: wireErr(VersionNotSupported, "2.0")},
	{name: "2.0 to 1.0", in: "GET / HTTP/2.0\r\n", proto: "HTTP/1.0", want: bad("GET / HTTP/2.0"),
		err: wireErr(VersionNotSupported, "2.0")},
	{name: "9.9", in: "GET / HTTP/9.9\r\n", want: RequestLine{Line: "GET / HTTP/9.9", Version: "HTTP/0.9", KeepAlive: true},
		err: wireErr(VersionNotSupported, "9.9")}, // test_version_invalid
	{name: "02.00", in: "GET / HTTP/02.00\r\n", want: RequestLine{Line: "GET / HTTP/02.00", Version: "HTTP/0.9", KeepAlive: true},
		err: wireErr(VersionNotSupported, "02.00")},
	{name: "9999999999.9999999999", in: "GET / HTTP/9999999999.9999999999\r\n",
		want: RequestLine{Line: "GET / HTTP/9999999999.9999999999", Version: "HTTP/0.9", KeepAlive: true},
		err:  wireErr(VersionNotSupported, "9999999999.9999999999")},
	{name: "2.0 with one word more", in: "GET / x HTTP/2.0\r\n",
		want: RequestLine{Line: "GET / x HTTP/2.0", Version: "HTTP/0.9", KeepAlive: true},
		err:  wireErr(VersionNotSupported, "2.0")},

	// Four words or more: the last one is checked first.
	{name: "four words valid version", in: "GET /spaced out HTTP/1.1\r\n", // test_extra_space
		want: RequestLine{Line: "GET /spaced out HTTP/1.1", Version: "HTTP/1.1", KeepAlive: true},
		err:  wireErr(BadSyntax, "GET /spaced out HTTP/1.1")},
	{name: "four words 1.0", in: "GET / x HTTP/1.0\r\n", want: RequestLine{Line: "GET / x HTTP/1.0", Version: "HTTP/1.0"},
		err: wireErr(BadSyntax, "GET / x HTTP/1.0")},
	{name: "four words 1.1 to 1.0", in: "GET / x HTTP/1.1\r\n", proto: "HTTP/1.0",
		want: RequestLine{Line: "GET / x HTTP/1.1", Version: "HTTP/1.1"}, err: wireErr(BadSyntax, "GET / x HTTP/1.1")},
	{name: "many words", in: "a b c d e f g HTTP/1.0\r\n", want: RequestLine{Line: "a b c d e f g HTTP/1.0", Version: "HTTP/1.0"},
		err: wireErr(BadSyntax, "a b c d e f g HTTP/1.0")},
	{name: "four words bad version", in: "GET / HTTP/1.1 extra\r\n", want: bad("GET / HTTP/1.1 extra"),
		err: wireErr(BadVersion, "extra")},
	{name: "split version", in: "GET / HTTP/ 1.1\r\n", want: bad("GET / HTTP/ 1.1"), err: wireErr(BadVersion, "1.1")},

	// Whitespace is whatever str.split() splits on in ISO-8859-1.
	{name: "tabs", in: "GET\t/\tHTTP/1.0\r\n", want: ok("GET\t/\tHTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "VT FF", in: "GET\x0b/\x0cHTTP/1.0\r\n", want: ok("GET\x0b/\x0cHTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "FS GS", in: "GET\x1c/\x1dHTTP/1.0\r\n", want: ok("GET\x1c/\x1dHTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "RS US", in: "GET\x1e/\x1fHTTP/1.0\r\n", want: ok("GET\x1e/\x1fHTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "NEL NBSP", in: "GET\x85/\xa0HTTP/1.0\r\n", want: ok("GET\u0085/\u00a0HTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "inner CR", in: "GET /\rHTTP/1.0\r\n", want: ok("GET /\rHTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "inner CRLF", in: "GET / HTTP/1.0\r\n \r\n", want: ok("GET / HTTP/1.0\r\n ", "GET", "/", "HTTP/1.0", false)},
	{name: "not spaces", in: "GET /\x00\x1b\x7f\x80\x81\x84\x86\x9f\xa1 HTTP/1.0\r\n",
		want: ok("GET /\x00\x1b\x7f\u0080\u0081\u0084\u0086\u009f¡ HTTP/1.0", "GET", "/\x00\x1b\x7f\u0080\u0081\u0084\u0086\u009f¡", "HTTP/1.0", false)},
	{name: "ZWSP bytes are not spaces", in: "GET /\xe2\x80\x8b HTTP/1.0\r\n",
		want: ok("GET /â\u0080\u008b HTTP/1.0", "GET", "/â\u0080\u008b", "HTTP/1.0", false)},

	// rstrip('\r\n') removes any run of CR and LF, nothing else.
	{name: "CR CR LF", in: "GET / HTTP/1.0\r\r\n", want: ok("GET / HTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "LF CR LF CR", in: "GET / HTTP/1.0\n\r\n\r", want: ok("GET / HTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "CR only", in: "GET / HTTP/1.0\r", want: ok("GET / HTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "space before CRLF", in: "GET / HTTP/1.0 \r\n", want: ok("GET / HTTP/1.0 ", "GET", "/", "HTTP/1.0", false)},
	{name: "tab after CRLF", in: "GET / HTTP/1.0\r\n\t", want: ok("GET / HTTP/1.0\r\n\t", "GET", "/", "HTTP/1.0", false)},

	// Version words CPython refuses with 400 "Bad request version".
	{name: "FUBAR", in: "GET / FUBAR\r\n", want: bad("GET / FUBAR"), err: wireErr(BadVersion, "FUBAR")},
	{name: "9.9.9", in: "GET / HTTP/9.9.9\r\n", want: bad("GET / HTTP/9.9.9"), err: wireErr(BadVersion, "HTTP/9.9.9")},
	{name: "signs and underscores", in: "GET / HTTP/-9_9_9.+9_9_9\r\n", want: bad("GET / HTTP/-9_9_9.+9_9_9"),
		err: wireErr(BadVersion, "HTTP/-9_9_9.+9_9_9")},
	{name: "major too long", in: "GET / HTTP/909876543210.0\r\n", want: bad("GET / HTTP/909876543210.0"),
		err: wireErr(BadVersion, "HTTP/909876543210.0")},
	{name: "minor too long", in: "GET / HTTP/1.909876543210\r\n", want: bad("GET / HTTP/1.909876543210"),
		err: wireErr(BadVersion, "HTTP/1.909876543210")},
	{name: "eleven zeros", in: "GET / HTTP/00000000001.1\r\n", want: bad("GET / HTTP/00000000001.1"),
		err: wireErr(BadVersion, "HTTP/00000000001.1")},
	{name: "1.x", in: "GET / HTTP/1.x\r\n", want: bad("GET / HTTP/1.x"), err: wireErr(BadVersion, "HTTP/1.x")},
	{name: "no dot", in: "GET / HTTP/1\r\n", want: bad("GET / HTTP/1"), err: wireErr(BadVersion, "HTTP/1")},
	{name: "no number", in: "GET / HTTP/\r\n", want: bad("GET / HTTP/"), err: wireErr(BadVersion, "HTTP/")},
	{name: "no slash", in: "GET / HTTP\r\n", want: bad("GET / HTTP"), err: wireErr(BadVersion, "HTTP")},
	{name: "empty major", in: "GET / HTTP/.1\r\n", want: bad("GET / HTTP/.1"), err: wireErr(BadVersion, "HTTP/.1")},
	{name: "empty minor", in: "GET / HTTP/1.\r\n", want: bad("GET / HTTP/1."), err: wireErr(BadVersion, "HTTP/1.")},
	{name: "dot only", in: "GET / HTTP/.\r\n", want: bad("GET / HTTP/."), err: wireErr(BadVersion, "HTTP/.")},
	{name: "lower case", in: "GET / http/1.1\r\n", want: bad("GET / http/1.1"), err: wireErr(BadVersion, "http/1.1")},
	{name: "two slashes", in: "GET / HTTP//1.1\r\n", want: bad("GET / HTTP//1.1"), err: wireErr(BadVersion, "HTTP//1.1")},
	{name: "plus", in: "GET / HTTP/+1.1\r\n", want: bad("GET / HTTP/+1.1"), err: wireErr(BadVersion, "HTTP/+1.1")},
	{name: "minus minor", in: "GET / HTTP/1.-1\r\n", want: bad("GET / HTTP/1.-1"), err: wireErr(BadVersion, "HTTP/1.-1")},
	{name: "superscript one", in: "GET / HTTP/1.\xb9\r\n", want: bad("GET / HTTP/1.¹"), err: wireErr(BadVersion, "HTTP/1.¹")},
	{name: "superscripts", in: "GET / HTTP/\xb2.\xb3\r\n", want: bad("GET / HTTP/².³"), err: wireErr(BadVersion, "HTTP/².³")},
	{name: "fullwidth digit bytes", in: "GET / HTTP/\xef\xbc\x91.1\r\n", want: bad("GET / HTTP/ï¼\u0091.1"),
		err: wireErr(BadVersion, "HTTP/ï¼\u0091.1")},
	{name: "HTTPS", in: "GET / HTTPS/1.1\r\n", want: bad("GET / HTTPS/1.1"), err: wireErr(BadVersion, "HTTPS/1.1")},
	{name: "latin1 version", in: "GET / \xe9\r\n", want: bad("GET / é"), err: wireErr(BadVersion, "é")},

	// gh-87389: a leading run of slashes becomes one.
	{name: "double slash", in: "GET //a//b HTTP/1.0\r\n", want: ok("GET //a//b HTTP/1.0", "GET", "/a//b", "HTTP/1.0", false)},
	{name: "triple slash", in: "GET /// HTTP/1.0\r\n", want: ok("GET /// HTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "two slashes only", in: "GET // HTTP/1.0\r\n", want: ok("GET // HTTP/1.0", "GET", "/", "HTTP/1.0", false)},
	{name: "0.9 double slash", in: "GET //a//b\r\n", want: v09("GET //a//b", "GET", "/a//b")},
	{name: "inner double slash", in: "GET /a//b HTTP/1.0\r\n", want: ok("GET /a//b HTTP/1.0", "GET", "/a//b", "HTTP/1.0", false)},
	{name: "slashes after scheme", in: "GET x//y HTTP/1.0\r\n", want: ok("GET x//y HTTP/1.0", "GET", "x//y", "HTTP/1.0", false)},

	// ISO-8859-1 decoding.
	{name: "latin1 path", in: "GET /caf\xe9 HTTP/1.0\r\n", want: ok("GET /café HTTP/1.0", "GET", "/café", "HTTP/1.0", false)},
	{name: "latin1 bytes", in: "G\xc9T /\xff\xfe HTTP/1.1\r\n", want: ok("GÉT /ÿþ HTTP/1.1", "GÉT", "/ÿþ", "HTTP/1.1", true)},
	{name: "utf8 bytes", in: "GET /\xc3\xa9 HTTP/1.0\r\n", want: ok("GET /Ã© HTTP/1.0", "GET", "/Ã©", "HTTP/1.0", false)},
}

func TestParseRequestLine(t *testing.T) {
	for _, tt := range requestLineTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRequestLine([]byte(tt.in), tt.protocol(), "HTTP/0.9")
			if got != tt.want {
				t.Errorf("ParseRequestLine(%q, %q) = %+v; want %+v", tt.in, tt.protocol(), got, tt.want)
			}
			if !sameError(err, tt.err) {
				t.Errorf("ParseRequestLine(%q, %q) error = %#v; want %#v", tt.in, tt.protocol(), err, tt.err)
			}
		})
	}
}

// sameError reports whether got is want: the same sentinel, or an *Error
// of the same kind and subject.
func sameError(got, want error) bool {
	var g, w *Error
	if errors.As(want, &w) {
		return errors.As(got, &g) && *g == *w
	}
	return errors.Is(got, want) && (got == nil) == (want == nil)
}

// The default request version comes from the caller; ParseRequestLine
// keeps it until a valid version word replaces it.
func TestParseRequestLineDefaultVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GET /\r\n", "HTTP/1.0"},
		{"POST /\r\n", "HTTP/1.0"},
		{"GET / FUBAR\r\n", "HTTP/1.0"},
		{"GET / HTTP/2.0\r\n", "HTTP/1.0"},
		{"GET\r\n", "HTTP/1.0"},
		{"\r\n", "HTTP/1.0"},
		{"GET / HTTP/1.1\r\n", "HTTP/1.1"},
		{"GET / x HTTP/0.9\r\n", "HTTP/0.9"},
	}
	for _, tt := range tests {
		got, _ := ParseRequestLine([]byte(tt.in), "HTTP/1.1", "HTTP/1.0")
		if got.Version != tt.want {
			t.Errorf("ParseRequestLine(%q, default HTTP/1.0).Version = %q; want %q", tt.in, got.Version, tt.want)
		}
	}
}

// Keep-alive compares the server's protocol version as a string, as
// CPython's self.protocol_version >= "HTTP/1.1" does.
func TestParseRequestLineProtocol(t *testing.T) {
	tests := []struct {
		protocol string
		want     bool
	}{
		{"HTTP/1.0", false},
		{"HTTP/1.1", true},
		{"HTTP/1.2", true},
		{"HTTP/2", true},
		{"HTTP/10.0", true}, // '0' sorts after '.'
		{"HTTP/1", false},   // a prefix sorts first
		{"HTTP/1.0.9", false},
		{"http/1.0", true}, // 'h' sorts after 'H'
		{"HTTP/1.1 extra", true},
		{"", false},
	}
	for _, tt := range tests {
		got, err := ParseRequestLine([]byte("GET / HTTP/1.1\r\n"), tt.protocol, "HTTP/0.9")
		if err != nil || got.KeepAlive != tt.want {
			t.Errorf("ParseRequestLine(HTTP/1.1 request, protocol %q) = KeepAlive %v, %v; want %v, nil", tt.protocol, got.KeepAlive, err, tt.want)
		}
	}
}

// Every version word that is not HTTP/<1-10 digits>.<1-10 digits> is a 400
// whatever else the line holds, and quotes the word.
func TestParseRequestLineBadVersions(t *testing.T) {
	words := []string{
		"HTTP/1.1.", "HTTP/1..1", "HTTP/1.1/", "HTTP/1,1", "HTTP/1.1a", "HTTP/a.1",
		"HTTP/1.0x10", "HTTP/0x1.1", "HTTP/1e0.1", "HTTP/١.١", "HTTP/1.1\x00", "xHTTP/1.1",
		"HTTP/00000000000.0", "HTTP/0.00000000000", "HTTP/1_0.1", "HTTP/\xb9.1", "HTTP\\1.1",
	}
	for _, word := range words {
		for _, prefix := range []string{"GET / ", "GET / x ", "a b c d "} {
			in := prefix + word + "\r\n"
			got, err := ParseRequestLine([]byte(in), "HTTP/1.1", "HTTP/0.9")
			subject := pytext.DecodeLatin1([]byte(word))
			want, wantRL := &Error{Kind: BadVersion, Subject: subject}, bad(pytext.DecodeLatin1([]byte(prefix+word)))
			if !sameError(err, want) || got != wantRL {
				t.Errorf("ParseRequestLine(%q) = %+v, %v; want %+v, %v", in, got, err, wantRL, want)
			}
		}
	}
}

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" \t ", nil},
		{"a", []string{"a"}},
		{" a ", []string{"a"}},
		{"a b", []string{"a", "b"}},
		{"a\x85b\xa0c", []string{"a", "b", "c"}},
		{"a b c", []string{"a", "b", "c"}},
		{"a b c d", []string{"a", "b", "c", "d"}},
		{"a b c d e", []string{"a", "b", "c", "e"}},
		{"a b c d e f ", []string{"a", "b", "c", "f"}},
	}
	for _, tt := range tests {
		words, n := splitWords(pytext.DecodeLatin1([]byte(tt.in)))
		got := words[:min(n, 4)]
		if len(got) == 0 {
			got = nil
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("splitWords(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// isSpace must be str.isspace over the 256 characters of ISO-8859-1.
func TestIsSpace(t *testing.T) {
	want := map[byte]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true,
		0x1c: true, 0x1d: true, 0x1e: true, 0x1f: true, ' ': true, 0x85: true, 0xa0: true}
	for c := 0; c < 256; c++ {
		if got := isSpace(byte(c)); got != want[byte(c)] {
			t.Errorf("isSpace(%#02x) = %v; want %v", c, got, want[byte(c)])
		}
	}
}
