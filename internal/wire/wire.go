// Package wire reads HTTP/1.x requests and writes response heads the way
// CPython's http.server does: the request line of
// BaseHTTPRequestHandler.parse_request, the header block of
// http.client.parse_headers as the email package parses it, and the status
// and header lines of send_response_only and send_header. It works on the
// server side of the connection only.
//
// Request bytes are text in ISO-8859-1, as CPython decodes them: every byte is
// one character. Results are Go strings holding that text as UTF-8.
//
// Errors are *Error values saying which rule was broken; turning them into
// a status code and CPython's texts is the caller's business.
package wire

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
)

// Limits of CPython's http.server and http.client.
const (
	// MaxLine is the longest request line (handle_one_request reads
	// readline(65537) and refuses more than 65536 bytes) and the longest
	// header line (http.client._MAXLINE), line ending included.
	MaxLine = 65536
	// MaxHeaders is http.client._MAXHEADERS. The blank line ending the block
	// counts as a line, so 100 header fields are already too many.
	MaxHeaders = 100
)

// ErrorKind names the rule a request broke.
type ErrorKind int

const (
	// RequestLineTooLong: more than MaxLine bytes without a newline (414).
	RequestLineTooLong ErrorKind = iota + 1
	// BadVersion: the last of three or more words is not HTTP/<digits>.<digits>
	// with at most 10 digits each (400 "Bad request version (%r)").
	BadVersion
	// VersionNotSupported: a version of 2.0 or more (505
	// "Invalid HTTP version (%s)"); Subject is the part after "HTTP/".
	VersionNotSupported
	// BadSyntax: one word, or more than three (400 "Bad request syntax (%r)").
	BadSyntax
	// Bad09Type: an HTTP/0.9 request (two words) whose method is not GET
	// (400 "Bad HTTP/0.9 request type (%r)").
	Bad09Type
	// HeaderLineTooLong: a header line over MaxLine bytes (431 "Line too long").
	HeaderLineTooLong
	// TooManyHeaders: MaxHeaders lines without the blank line (431
	// "Too many headers").
	TooManyHeaders
)

var kindNames = map[ErrorKind]string{
	RequestLineTooLong:  "request line too long",
	BadVersion:          "bad request version",
	VersionNotSupported: "HTTP version not supported",
	BadSyntax:           "bad request syntax",
	Bad09Type:           "bad HTTP/0.9 request type",
	HeaderLineTooLong:   "header line too long",
	TooManyHeaders:      "too many headers",
}

func (k ErrorKind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// Error is a request CPython answers with an error page.
type Error struct {
	Kind ErrorKind
	// Subject is the text the error page quotes: the version word, the
	// version number, the request line or the method. Empty for the
	// length and count limits.
	Subject string
}

func (e *Error) Error() string {
	if e.Subject == "" {
		return "wire: " + e.Kind.String()
	}
	return fmt.Sprintf("wire: %s: %q", e.Kind, truncate(e.Subject))
}

// errorLimit caps how much of a request an error message quotes.
const errorLimit = 80

func truncate(s string) string {
	if len(s) <= errorLimit {
		return s
	}
	return s[:errorLimit] + "..."
}

// ErrEmptyRequestLine is a request line with no words (a blank line, or
// nothing before the connection ended): CPython closes the connection
// without answering.
var ErrEmptyRequestLine = errors.New("wire: empty request line")

// ReadLine reads one line as Python's BufferedReader.readline(limit+1) does:
// bytes up to and including the first '\n', but never more than limit+1 of
// them, so a line longer than limit comes back with limit+1 bytes and the
// rest left unread. At the end of input it returns what there was (maybe a
// line without '\n', maybe nothing) and io.EOF.
//
// The result may point into r's buffer: it is valid until the next read from r.
//
//	"GET / HTTP/1.0\r\nHost: x\r\n" → "GET / HTTP/1.0\r\n", nil
//	"GET /" then end of input      → "GET /", io.EOF
func ReadLine(r *bufio.Reader, limit int) ([]byte, error) {
	max := limit + 1
	var acc []byte
	for {
		if r.Buffered() == 0 {
			if _, err := r.Peek(1); err != nil {
				return acc, err
			}
		}
		win, _ := r.Peek(min(r.Buffered(), max-len(acc)))
		if i := bytes.IndexByte(win, '\n'); i >= 0 {
			if acc == nil {
				return r.ReadSlice('\n')
			}
			acc = append(acc, win[:i+1]...)
			_, _ = r.Discard(i + 1)
			return acc, nil
		}
		acc = append(acc, win...)
		_, _ = r.Discard(len(win))
		if len(acc) == max {
			return acc, nil
		}
	}
}
