package recorder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestTranscriptEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"GET / HTTP/1.1", "GET / HTTP/1.1"},
		{`a\b`, `a\\b`},
		{`\x41`, `\\x41`},
		{"a\tb", `a\tb`},
		{"a\rb", `a\rb`},
		{"a\n", `a\n`},
		{"\x00\x1b\x1f\x7f", `\x00\x1b\x1f\x7f`},
		{"caf\xe9", `caf\xe9`}, // ISO-8859-1, not UTF-8
		{"café 日本語 😀", "café 日本語 😀"},
		{"\xc3", `\xc3`},                         // truncated sequence
		{"\xc3(", `\xc3(`},                       // bad continuation
		{"\xed\xa0\x80", `\xed\xa0\x80`},         // a surrogate
		{"\xf4\x90\x80\x80", `\xf4\x90\x80\x80`}, // above U+10FFFF
		{"\xc0\xaf", `\xc0\xaf`},                 // overlong
		{"\xef\xbf\xbd", "\ufffd"},               // U+FFFD itself is valid
		{"\xc2\x85", `\xc2\x85`},                 // NEL, a C1 control
		{"a\u00a0b", `a\xc2\xa0b`},               // no-break space
		{"\u200b\u200e\u202e\u2066", `\xe2\x80\x8b\xe2\x80\x8e\xe2\x80\xae\xe2\x81\xa6`},
		{"\u2028\u2029", `\xe2\x80\xa8\xe2\x80\xa9`}, // line and paragraph separators
		{"\ufeffx", `\xef\xbb\xbfx`},                 // BOM
		{"\U000e0041", `\xf3\xa0\x81\x81`},           // a tag character
		{"\u3000", `\xe3\x80\x80`},
		{"a ", `a\x20`}, // a last space would be trimmed
		{" ", `\x20`},
		{"a  b", "a  b"},
		{"a \t", `a \t`},
	} {
		got := string(trAppendEscaped(nil, []byte(tc.in)))
		if got != tc.want {
			t.Errorf("escape(%q) = %q; want %q", tc.in, got, tc.want)
		}
		back, err := transcriptUnescape(got)
		if err != nil || back != tc.in {
			t.Errorf("unescape(%q) = %q, %v; want %q", got, back, err, tc.in)
		}
	}
}

func TestTranscriptLines(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"", ""},
		{"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "> GET / HTTP/1.1\n> Host: x\n>\n"},
		{"a\nb\n", "> a\\n\n> b\\n\n"},
		{"\n", "> \\n\n"},
		{"\r\n", ">\n"},
		{"\r\n\r\n", ">\n>\n"},
		{"body", "> body\n\\ no line ending\n"},
		{"a\r\nb", "> a\n> b\n\\ no line ending\n"},
		{"a\r", "> a\\r\n\\ no line ending\n"},
		{"a\r\r\n", "> a\\r\n"},
		{"\rb\r\n", "> \\rb\n"},
		{"x: \r\n", "> x:\\x20\n"},
		{"x \n", "> x \\n\n"},
		{" \r\n", "> \\x20\n"},
		{"\\ no line ending\r\n", "> \\\\ no line ending\n"},
	} {
		got := string(trAppendLines(nil, '>', []byte(tc.raw)))
		if got != tc.want {
			t.Errorf("lines(%q):\n%s\nwant\n%s", tc.raw, got, tc.want)
		}
		back, err := transcriptDecodeLines(got, '>')
		if err != nil || back != tc.raw {
			t.Errorf("decode(lines(%q)) = %q, %v", tc.raw, back, err)
		}
	}
}

// FuzzTranscriptEscape checks that the raw lines of a transcript read
// back to exactly their bytes, and that they are text that survives git
// and editors: UTF-8, no CR, tab or other control character, no line
// ending in white space. The seed corpus is in
// testdata/fuzz/FuzzTranscriptEscape.
func FuzzTranscriptEscape(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
		"a\nb", "a\r", "\r\r\n", " \r\n", `\`, "\xe9\xff", "\u2028\ufeff\u00a0",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		text := trAppendLines(nil, '<', raw)
		back, err := transcriptDecodeLines(string(text), '<')
		if err != nil || back != string(raw) {
			t.Fatalf("lines(%q) = %q, reads back as %q, %v", raw, text, back, err)
		}
		checkTranscriptText(t, text)
		esc := trAppendEscaped(nil, raw)
		if bytes.IndexByte(esc, '\n') >= 0 {
			t.Fatalf("escape(%q) = %q holds a newline", raw, esc)
		}
		if s, err := transcriptUnescape(string(esc)); err != nil || s != string(raw) {
			t.Fatalf("unescape(escape(%q)) = %q, %v", raw, s, err)
		}
	})
}

// checkTranscriptText checks that a transcript is text that git's
// end-of-line conversion and editors leave as it is.
func checkTranscriptText(t *testing.T, text []byte) {
	t.Helper()
	if !utf8.Valid(text) {
		t.Fatalf("transcript %q is not UTF-8", text)
	}
	if len(text) > 0 && text[len(text)-1] != '\n' {
		t.Fatalf("transcript %q does not end in a newline", text)
	}
	for _, line := range strings.SplitAfter(string(text), "\n") {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasSuffix(line, " ") {
			t.Fatalf("line %q ends in a space", line)
		}
		for _, r := range line {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || trHiddenRune(r) {
				t.Fatalf("line %q holds %U", line, r)
			}
		}
	}
}

// transcriptUnescape undoes trAppendEscaped, as a reader of the format
// would: the escapes are \\, \t, \r, \n and \xHH.
func transcriptUnescape(s string) (string, error) {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b = append(b, s[i])
			continue
		}
		if i+1 == len(s) {
			return "", fmt.Errorf("%q: a backslash at the end", s)
		}
		i++
		switch s[i] {
		case '\\':
			b = append(b, '\\')
		case 't':
			b = append(b, '\t')
		case 'r':
			b = append(b, '\r')
		case 'n':
			b = append(b, '\n')
		case 'x':
			if i+2 >= len(s) {
				return "", fmt.Errorf("%q: \\x without two digits", s)
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil || strings.ToLower(s[i+1:i+3]) != s[i+1:i+3] {
				return "", fmt.Errorf("%q: bad \\x%s", s, s[i+1:i+3])
			}
			b = append(b, byte(v))
			i += 2
		default:
			return "", fmt.Errorf("%q: unknown escape \\%c", s, s[i])
		}
	}
	return string(b), nil
}

// transcriptDecodeLines reads back the bytes of a block of raw lines
// with the given prefix, as the format says: a line read back with no
// LF at its end ended in CRLF, unless "\ no line ending" follows it.
func transcriptDecodeLines(text string, prefix byte) (string, error) {
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] != "" {
		return "", fmt.Errorf("the block does not end in a newline")
	}
	lines = lines[:len(lines)-1]
	var b strings.Builder
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSuffix(lines[i], "\n")
		var content string
		switch {
		case line == string(prefix):
		case strings.HasPrefix(line, string(prefix)+" ") && len(line) > 2:
			content = line[2:]
		default:
			return "", fmt.Errorf("line %q is no raw line", line)
		}
		data, err := transcriptUnescape(content)
		if err != nil {
			return "", err
		}
		b.WriteString(data)
		if i+1 < len(lines) && lines[i+1] == markNoLineEnding+"\n" {
			i++
			if i+1 != len(lines) {
				return "", fmt.Errorf("%q is not last", markNoLineEnding)
			}
			continue
		}
		if !strings.HasSuffix(data, "\n") {
			b.WriteString("\r\n")
		}
	}
	return b.String(), nil
}

func sumHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestTranscript(t *testing.T) {
	long := bytes.Repeat([]byte("0123456789abcde\n"), 300) // 4800 bytes
	exact := bytes.Repeat([]byte("x"), TranscriptBodyLimit)
	kept := []byte("first bytes\n")
	var keptSum [32]byte
	keptSum[0], keptSum[31] = 0xab, 0xcd
	tests := []struct {
		name string
		ex   Exchange
		want string
	}{
		{
			name: "the example of the doc comment",
			ex: Exchange{
				Conn: 1, Seq: 2, Client: "127.0.0.1:<client-port>", Server: "127.0.0.1:<port>",
				Request: Request{
					Raw:  []byte("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:<port>\r\n\r\n"),
					Line: "GET /index.html HTTP/1.1",
				},
				Response: Response{
					Raw:  []byte("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n"),
					Body: []byte("hello\n"), BodySize: 6,
				},
				Log: []string{`127.0.0.1 - - [<date>] "GET /index.html HTTP/1.1" 200 -`},
			},
			want: `
=== conn 1 seq 2: GET /index.html HTTP/1.1
client 127.0.0.1:<client-port>
server 127.0.0.1:<port>
> GET /index.html HTTP/1.1
> Host: 127.0.0.1:<port>
>
< HTTP/1.1 200 OK
< Content-Length: 6
<
< hello\n
log 127.0.0.1 - - [<date>] "GET /index.html HTTP/1.1" 200 -
`,
		},
		{
			name: "nothing at all",
			ex:   Exchange{Conn: 3, Seq: 1},
			want: `
=== conn 3 seq 1
\ no request bytes
\ no response bytes
`,
		},
		{
			name: "interim response, request body, error and log escaped",
			ex: Exchange{
				Conn: 1, Seq: 1,
				Request: Request{
					Raw:  []byte("PUT /\xe9 HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc"),
					Line: "PUT /é HTTP/1.1", Body: []byte("abc"), BodySize: 3,
				},
				Response: Response{
					Raw:  []byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"),
					Size: 99, // not shown
				},
				Log:   []string{"tab\there ", "second"},
				Error: "broke\r\n",
			},
			want: `
=== conn 1 seq 1: PUT /é HTTP/1.1
> PUT /\xe9 HTTP/1.1
> Expect: 100-continue
> Content-Length: 3
>
> abc
\ no line ending
< HTTP/1.1 100 Continue
<
< HTTP/1.1 204 No Content
<
log tab\there\x20
log second
error broke\r\n
`,
		},
		{
			name: "a body longer than the limit",
			ex: Exchange{
				Conn: 1, Seq: 1,
				Request: Request{Raw: []byte("GET / HTTP/1.0\r\n\r\n")},
				Response: Response{
					Raw:  append([]byte("HTTP/1.0 200 OK\r\n\r\n"), long...),
					Body: long, BodySize: int64(len(long)),
				},
			},
			want: "\n=== conn 1 seq 1\n> GET / HTTP/1.0\n>\n< HTTP/1.0 200 OK\n<\n" +
				strings.Repeat("< 0123456789abcde\\n\n", 256) +
				"\\ body of 4800 bytes cut after 4096, sha256 " + sumHex(long) + "\n",
		},
		{
			name: "a body of exactly the limit, in HTTP/0.9 style",
			ex: Exchange{
				Conn: 1, Seq: 1,
				Request:  Request{Raw: []byte("GET /\r\n")},
				Response: Response{Raw: exact, Body: exact, BodySize: int64(len(exact))},
			},
			want: "\n=== conn 1 seq 1\n> GET /\n< " + string(exact) + "\n\\ no line ending\n",
		},
		{
			name: "a body the recorder kept the first bytes of",
			ex: Exchange{
				Conn: 1, Seq: 1,
				Request: Request{Raw: []byte("GET / HTTP/1.0\r\n\r\n")},
				Response: Response{
					Raw:  append([]byte("HTTP/1.0 200 OK\r\n\r\n"), kept...),
					Body: kept, BodySize: 1 << 30, BodySHA256: keptSum,
				},
			},
			want: "\n=== conn 1 seq 1\n> GET / HTTP/1.0\n>\n< HTTP/1.0 200 OK\n<\n< first bytes\\n\n" +
				"\\ body of 1073741824 bytes cut after 12, sha256 ab" + strings.Repeat("00", 30) + "cd\n",
		},
		{
			name: "a body the recorder kept none of",
			ex: Exchange{
				Conn: 1, Seq: 1,
				Request: Request{
					Raw: []byte("POST / HTTP/1.0\r\nContent-Length: 5\r\n\r\n"), BodySize: 5, BodySHA256: keptSum,
				},
				Response: Response{BodySize: 7, BodySHA256: keptSum},
			},
			want: "\n=== conn 1 seq 1\n> POST / HTTP/1.0\n> Content-Length: 5\n>\n" +
				"\\ body of 5 bytes cut after 0, sha256 ab" + strings.Repeat("00", 30) + "cd\n" +
				"\\ body of 7 bytes cut after 0, sha256 ab" + strings.Repeat("00", 30) + "cd\n",
		},
		{
			name: "a Body that is not the end of Raw is not shown",
			ex: Exchange{
				Conn: 1, Seq: 1,
				Request:  Request{Raw: []byte("GET / HTTP/1.0\r\n\r\n"), Body: []byte("elsewhere"), BodySize: 1 << 20},
				Response: Response{Body: long, BodySize: int64(len(long))},
			},
			want: "\n=== conn 1 seq 1\n> GET / HTTP/1.0\n>\n\\ no response bytes\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Transcript([]Exchange{tc.ex})
			want := "httpfixture transcript v1\n" + tc.want
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Transcript mismatch (-want +got):\n%s", diff)
			}
			checkTranscriptText(t, []byte(got))
		})
	}
}

func TestTranscriptNormalizers(t *testing.T) {
	exs := []Exchange{
		{Conn: 1, Seq: 1, Request: Request{Line: "a"}},
		{Conn: 1, Seq: 2, Request: Request{Line: "b"}},
	}
	before := Transcript(exs)
	var order []string
	mark := func(s string) Normalizer {
		return func(e *Exchange) {
			order = append(order, s+e.Request.Line)
			e.Request.Line += s
		}
	}
	got := Transcript(exs, mark("1"), mark("2"))
	if want := []string{"1a", "2a1", "1b", "2b1"}; !cmp.Equal(order, want) {
		t.Errorf("normalizers ran as %q; want %q", order, want)
	}
	if !strings.Contains(got, "seq 1: a12\n") || !strings.Contains(got, "seq 2: b12\n") {
		t.Errorf("normalized transcript:\n%s", got)
	}
	if after := Transcript(exs); after != before || exs[0].Request.Line != "a" {
		t.Errorf("the exchanges changed: %+v", exs)
	}

	var sb strings.Builder
	err := WriteTranscript(&sb, exs, mark("1"), nil)
	if err == nil || !strings.Contains(err.Error(), "normalizer 2 of 2 is nil") || sb.Len() != 0 {
		t.Errorf("WriteTranscript with a nil Normalizer: %v, wrote %q", err, sb.String())
	}
	broken := errors.New("disk full")
	if err := WriteTranscript(failingWriter{broken}, exs); !errors.Is(err, broken) {
		t.Errorf("WriteTranscript to a failing writer: %v; want %v", err, broken)
	}
	if got := Transcript(nil); got != "httpfixture transcript v1\n" {
		t.Errorf("Transcript(nil) = %q", got)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
