package wire

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// AppendStatusLine appends the status line of send_response_only,
// "%s %d %s\r\n" % (protocol, code, message), encoded to ISO-8859-1. A
// character the encoding cannot hold fails with *pytext.EncodeError and
// leaves dst as it was; nothing else is checked, as in CPython.
//
//	AppendStatusLine(nil, "HTTP/1.0", 200, "OK") = "HTTP/1.0 200 OK\r\n"
func AppendStatusLine(dst []byte, protocol string, code int, message string) ([]byte, error) {
	n := len(dst)
	dst, err := pytext.AppendLatin1(dst, protocol)
	if err != nil {
		return dst[:n], err
	}
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, int64(code), 10)
	dst = append(dst, ' ')
	if dst, err = pytext.AppendLatin1(dst, message); err != nil {
		return dst[:n], shift(err, len(dst[n:])) // ISO-8859-1: a byte a character
	}
	return append(dst, '\r', '\n'), nil
}

// shift makes the position of an encoding error count from the start of
// the line, as CPython encodes the whole formatted line at once.
func shift(err error, by int) error {
	var ee *pytext.EncodeError
	if errors.As(err, &ee) {
		e := *ee
		e.Pos += by
		return &e
	}
	return err
}

// AppendHeader appends the header line of send_header,
// "%s: %s\r\n" % (keyword, value), encoded to ISO-8859-1, with the same
// failure as AppendStatusLine.
//
//	AppendHeader(nil, "X-Special", "Dängerous Mind") = "X-Special: D\xe4ngerous Mind\r\n"
func AppendHeader(dst []byte, keyword, value string) ([]byte, error) {
	n := len(dst)
	dst, err := pytext.AppendLatin1(dst, keyword)
	if err != nil {
		return dst[:n], err
	}
	dst = append(dst, ':', ' ')
	if dst, err = pytext.AppendLatin1(dst, value); err != nil {
		return dst[:n], shift(err, utf8.RuneCountInString(keyword)+2)
	}
	return append(dst, '\r', '\n'), nil
}

// BodyStart returns where the body begins in raw, the bytes a server wrote
// for one exchange, as recorder.ParseResponse splits them: 0 for an answer
// in HTTP/0.9 style or bytes that are no HTTP response, otherwise after
// the head of the final response, past any 1xx responses with more bytes
// after them. A head that never ends puts the start at len(raw).
func BodyStart(raw []byte, http09 bool) int {
	if http09 {
		return 0
	}
	off := 0
	for {
		b := raw[off:]
		if !bytes.HasPrefix(b, []byte("HTTP/")) {
			return off
		}
		end := HeadEnd(b)
		if end < 0 {
			if bytes.IndexByte(b, '\n') < 0 {
				return off
			}
			return len(raw)
		}
		if c := statusCode(b); c >= 100 && c < 200 && end < len(b) {
			off += end
			continue
		}
		return off + end
	}
}

// statusCode is the code on the status line at the start of b, read as
// recorder.ParseResponse reads it; 0 if it is no number.
func statusCode(b []byte) int {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	_, rest, _ := bytes.Cut(line, []byte(" "))
	code, _, _ := bytes.Cut(rest, []byte(" "))
	n, _ := strconv.Atoi(string(code))
	return n
}

// HeadEnd returns the index just after the blank line ending a head
// ("\n\n" or "\n\r\n"), or -1.
func HeadEnd(b []byte) int {
	for i := bytes.IndexByte(b, '\n'); i >= 0 && i+1 < len(b); {
		switch {
		case b[i+1] == '\n':
			return i + 2
		case b[i+1] == '\r' && i+2 < len(b) && b[i+2] == '\n':
			return i + 3
		}
		j := bytes.IndexByte(b[i+1:], '\n')
		if j < 0 {
			return -1
		}
		i += 1 + j
	}
	return -1
}

// ResponseFieldSpans returns where the values of the fields called name
// are in the heads of a response (interim ones, then the final one), as
// recorder.ParseResponse reads them: lines ending at LF with a CR before it
// dropped, a head ending at the blank line, a name cut at the first
// colon, a value without the spaces and tabs that start it.
func ResponseFieldSpans(head []byte, name string) [][2]int {
	var spans [][2]int
	pos := 0
	for pos < len(head) && bytes.HasPrefix(head[pos:], []byte("HTTP/")) {
		i := bytes.IndexByte(head[pos:], '\n')
		if i < 0 {
			break
		}
		pos += i + 1
		for pos < len(head) {
			end, next := len(head), len(head)
			if j := bytes.IndexByte(head[pos:], '\n'); j >= 0 {
				end, next = pos+j, pos+j+1
			}
			if end > pos && head[end-1] == '\r' {
				end--
			}
			line := head[pos:end]
			start := pos
			pos = next
			if len(line) == 0 {
				break
			}
			colon := bytes.IndexByte(line, ':')
			if colon < 0 || !strings.EqualFold(pytext.DecodeLatin1(line[:colon]), name) {
				continue
			}
			s := start + colon + 1
			for s < end && (head[s] == ' ' || head[s] == '\t') {
				s++
			}
			spans = append(spans, [2]int{s, end})
		}
	}
	return spans
}
