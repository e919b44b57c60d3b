package wire

import (
	"errors"
	"strconv"
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
