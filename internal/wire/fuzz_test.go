package wire

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// FuzzRequest reads a request the way the server does, request line then
// header block, and checks what must hold whatever the bytes. The seed
// corpus is in testdata/fuzz/FuzzRequest.
func FuzzRequest(f *testing.F) {
	f.Add([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	f.Add([]byte("GET //a//b\r\n"))
	f.Add([]byte("POST / HTTP/1.0\r\nX: 1\r\n 2\rFrom y\r\n:z\r\n\r\nbody"))
	f.Add([]byte("GET / x HTTP/2.0\r\n"))
	f.Add([]byte(strings.Repeat("A: 1\r\n", 99) + "B"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A 16-byte buffer makes most lines span several fills.
		r := bufio.NewReaderSize(bytes.NewReader(data), 16)
		line, err := ReadLine(r, MaxLine)
		checkLine(t, data, line, err)
		if len(line) > MaxLine {
			return // 414
		}
		rl, err := ParseRequestLine(line, "HTTP/1.1", "HTTP/0.9")
		checkRequestLine(t, line, rl, err)
		if err != nil {
			return
		}
		rest := data[len(line):]
		block, err := ReadHeaderBlock(r, nil)
		checkHeaderBlock(t, rest, block, err)
		if err != nil {
			return
		}
		ParseHeader(block, func(name, value string) { checkField(t, block, name, value) })
	})
}

// checkLine: ReadLine returns a prefix of the input, of at most limit+1
// bytes, with '\n' last if anywhere.
func checkLine(t *testing.T, data, line []byte, err error) {
	t.Helper()
	if err != nil && err != io.EOF {
		t.Fatalf("ReadLine(%q) error = %v; want nil or io.EOF", data, err)
	}
	if !bytes.HasPrefix(data, line) || len(line) > MaxLine+1 {
		t.Fatalf("ReadLine(%q) = %q; want a prefix of at most %d bytes", data, line, MaxLine+1)
	}
	if i := bytes.IndexByte(line, '\n'); i >= 0 && i != len(line)-1 {
		t.Fatalf("ReadLine(%q) = %q; want it to end at the first newline", data, line)
	}
	if err == io.EOF && len(line) != len(data) {
		t.Fatalf("ReadLine(%q) = %q, io.EOF; want the whole input at the end", data, line)
	}
}

// checkRequestLine: the invariants of a ParseRequestLine result, and the
// same result again for the line it reports.
func checkRequestLine(t *testing.T, line []byte, rl RequestLine, err error) {
	t.Helper()
	if want := pytext.DecodeLatin1(bytes.TrimRight(line, "\r\n")); rl.Line != want {
		t.Fatalf("ParseRequestLine(%q).Line = %q; want %q", line, rl.Line, want)
	}
	if strings.HasSuffix(rl.Line, "\r") || strings.HasSuffix(rl.Line, "\n") {
		t.Fatalf("ParseRequestLine(%q).Line = %q ends in CR or LF", line, rl.Line)
	}
	var e *Error
	switch {
	case err == nil:
		if rl.Command == "" || rl.Path == "" {
			t.Fatalf("ParseRequestLine(%q) = %+v; want a command and a path", line, rl)
		}
		if rl.HTTP09 && (rl.KeepAlive || rl.Command != "GET" || rl.Version != "HTTP/0.9") {
			t.Fatalf("ParseRequestLine(%q) = %+v; want GET, HTTP/0.9 and no keep-alive", line, rl)
		}
		if strings.HasPrefix(rl.Path, "//") {
			t.Fatalf("ParseRequestLine(%q).Path = %q starts with //", line, rl.Path)
		}
	case errors.Is(err, ErrEmptyRequestLine):
		if strings.TrimFunc(rl.Line, func(r rune) bool { return r < 256 && isSpace(byte(r)) }) != "" {
			t.Fatalf("ParseRequestLine(%q) = %v for a line with words", line, err)
		}
	case errors.As(err, &e):
		if e.Kind < BadVersion || e.Kind > Bad09Type || rl.Command != "" || rl.Path != "" {
			t.Fatalf("ParseRequestLine(%q) = %+v, %v; want a request line error, no command or path", line, rl, err)
		}
		if rl.HTTP09 && rl.KeepAlive {
			t.Fatalf("ParseRequestLine(%q) = %+v; want no keep-alive for HTTP/0.9", line, rl)
		}
	default:
		t.Fatalf("ParseRequestLine(%q) error = %#v; want nil, ErrEmptyRequestLine or *Error", line, err)
	}
	if _, _, _, ok := parseVersion(rl.Version); !ok && rl.Version != "HTTP/0.9" {
		t.Fatalf("ParseRequestLine(%q).Version = %q; want a valid version", line, rl.Version)
	}
	again, err2 := ParseRequestLine(latin1(t, rl.Line), "HTTP/1.1", "HTTP/0.9")
	if again != rl || !sameError(err2, err) {
		t.Fatalf("ParseRequestLine(%q) = %+v, %v; but its Line gives %+v, %v", line, rl, err, again, err2)
	}
}

// checkHeaderBlock: the block is where the input continues, ends where a
// block ends, and only the two header errors stop it.
func checkHeaderBlock(t *testing.T, rest, block []byte, err error) {
	t.Helper()
	if !bytes.HasPrefix(rest, block) {
		t.Fatalf("ReadHeaderBlock(%q) = %q; want a prefix of the input", rest, block)
	}
	var e *Error
	switch {
	case err == nil:
		last := lastLine(block)
		atEOF := len(block) == len(rest)
		if !atEOF && last != "\r\n" && last != "\n" {
			t.Fatalf("ReadHeaderBlock(%q) = %q; want it to end at a blank line or the end of input", rest, block)
		}
		// Lines as readline counts them, and the b'' read at the end.
		n := bytes.Count(block, []byte("\n"))
		if len(block) > 0 && block[len(block)-1] != '\n' {
			n++
		}
		if last != "\r\n" && last != "\n" {
			n++
		}
		if n > MaxHeaders {
			t.Fatalf("ReadHeaderBlock(%q) = %q: %d lines; want at most %d", rest, block, n, MaxHeaders)
		}
	case errors.As(err, &e) && (e.Kind == HeaderLineTooLong || e.Kind == TooManyHeaders):
	default:
		t.Fatalf("ReadHeaderBlock(%q) error = %#v; want nil or a header *Error", rest, err)
	}
}

// checkField: names are printable ASCII without ':', values are
// ISO-8859-1 text without a trailing line ending.
func checkField(t *testing.T, block []byte, name, value string) {
	t.Helper()
	raw, err := pytext.AppendLatin1(nil, name)
	if err != nil || len(raw) == 0 {
		t.Fatalf("ParseHeader(%q) name %q: %v", block, name, err)
	}
	for _, c := range raw {
		if c < 0x21 || c > 0x7e || c == ':' {
			t.Fatalf("ParseHeader(%q) name %q holds %q", block, name, c)
		}
	}
	if !bytes.Contains(block, append(raw, ':')) {
		t.Fatalf("ParseHeader(%q) name %q is not in the block", block, name)
	}
	if _, err := pytext.AppendLatin1(nil, value); err != nil {
		t.Fatalf("ParseHeader(%q) value %q: %v", block, value, err)
	}
	if strings.HasSuffix(value, "\r") || strings.HasSuffix(value, "\n") {
		t.Fatalf("ParseHeader(%q) value %q ends in CR or LF", block, value)
	}
}

// lastLine is the last line of block, line ending included.
func lastLine(block []byte) string {
	body := bytes.TrimSuffix(block, []byte("\n"))
	return string(block[bytes.LastIndexByte(body, '\n')+1:])
}

// latin1 encodes text decoded by this package back to its bytes.
func latin1(t *testing.T, s string) []byte {
	t.Helper()
	b, err := pytext.AppendLatin1(nil, s)
	if err != nil {
		t.Fatalf("AppendLatin1(%q): %v", s, err)
	}
	return b
}

// FuzzResponseFieldSpans checks the scanner behind the recorder's header
// normalizers and the WrongContentLength fault: each span it returns is a
// value of a field of that name, on one line of a head, without the
// blanks that start it.
func FuzzResponseFieldSpans(f *testing.F) {
	f.Add([]byte("HTTP/1.0 200 OK\r\nServer: x\r\nContent-Length: 12\r\n\r\nbody"))
	f.Add([]byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\ncontent-length:\t 7 \r\nX: y\n\n"))
	f.Add([]byte("HTTP/1.0 200 OK\r\nContent-Length"))
	f.Fuzz(func(t *testing.T, head []byte) {
		for _, sp := range ResponseFieldSpans(head, "Content-Length") {
			at, end := sp[0], sp[1]
			if at < 0 || at > end || end > len(head) || bytes.ContainsAny(head[at:end], "\n") ||
				at < end && (head[at] == ' ' || head[at] == '\t') {
				t.Fatalf("ResponseFieldSpans(%q) span %v: %q is no value", head, sp, head[at:min(end, len(head))])
			}
			start := bytes.LastIndexByte(head[:at], '\n') + 1
			name, _, ok := bytes.Cut(head[start:at], []byte(":"))
			if !ok || !strings.EqualFold(string(name), "Content-Length") {
				t.Fatalf("ResponseFieldSpans(%q) span %v: on the line %q", head, sp, head[start:end])
			}
		}
	})
}
