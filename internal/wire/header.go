package wire

import (
	"bufio"
	"io"
	"strings"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// ReadHeaderBlock reads the header block that follows a request line as
// http.client._read_headers does and appends its raw bytes to buf: lines of
// at most MaxLine bytes, up to and including the first line that is
// "\r\n", "\n" or the end of input, and fewer than MaxHeaders+1 lines in all
// (the blank line counts, and so does the empty read at the end of input,
// even after a last line without newline). The end of input ends the block
// without error.
//
// A line over the limit gives HeaderLineTooLong and the 101st line
// TooManyHeaders; the block so far, offending line included, is returned
// with the error. Errors of r other than io.EOF are returned as they are.
func ReadHeaderBlock(r *bufio.Reader, buf []byte) ([]byte, error) {
	for n := 1; ; n++ {
		line, err := ReadLine(r, MaxLine)
		buf = append(buf, line...)
		if err != nil && err != io.EOF {
			return buf, err
		}
		if len(line) > MaxLine {
			return buf, &Error{Kind: HeaderLineTooLong}
		}
		if n > MaxHeaders {
			return buf, &Error{Kind: TooManyHeaders}
		}
		if len(line) == 0 || string(line) == "\r\n" || string(line) == "\n" {
			return buf, nil
		}
		if err == io.EOF {
			// A last line without newline: Python's next readline gives
			// b'', which is one more line and may be the 101st.
			if n+1 > MaxHeaders {
				return buf, &Error{Kind: TooManyHeaders}
			}
			return buf, nil
		}
	}
}

// ParseHeader parses a block read by ReadHeaderBlock the way
// email.parser.Parser (policy compat32) parses it for http.client, and calls
// add for each field in order, duplicates included, names as sent:
//
//   - the block is decoded from ISO-8859-1 and split into lines at "\r\n",
//     "\r" or "\n", so a lone CR also ends a line;
//   - fields end at the first line that is neither "name:" (name of
//     printable ASCII other than ':'), nor a continuation (leading space or
//     tab), nor "From ": that line and all after it are the body, which
//     http.server ignores;
//   - a continuation line is appended to the value with its line ending;
//     a continuation before any field is dropped;
//   - a line starting with ':' (no name) is dropped; "From " lines are never
//     fields;
//   - a value is the rest of its line with leading spaces and tabs removed,
//     and trailing CR and LF characters removed after continuations are
//     joined.
//
// Example: "Host: a\r\nX-Long: 1\r\n 2\r\nbad line\r\nY: 3\r\n\r\n" gives
// ("Host", "a") and ("X-Long", "1\r\n 2"); Y is in the body.
func ParseHeader(block []byte, add func(name, value string)) {
	s := pytext.DecodeLatin1(block)
	var name string
	var valStart, valEnd int // the value's span in s, continuations included
	have := false
	flush := func() {
		if have {
			add(name, strings.TrimRight(strings.TrimLeft(s[valStart:valEnd], " \t"), "\r\n"))
			have = false
		}
	}
	for pos := 0; pos < len(s); {
		line := NextLine(s[pos:])
		start := pos
		pos += len(line)
		if !IsHeaderLine(line) {
			break // the body begins
		}
		if line[0] == ' ' || line[0] == '\t' {
			if have {
				valEnd = pos
			}
			continue
		}
		flush()
		if strings.HasPrefix(line, "From ") {
			// A Unix "From " envelope line (first), a body line pushed
			// back (last) or a misplaced one: never a field.
			continue
		}
		colon := strings.IndexByte(line, ':')
		if colon == 0 {
			continue // "Missing header name." defect
		}
		name, valStart, valEnd, have = line[:colon], start+colon+1, pos, true
	}
	flush()
}

// IsHeaderLine is the email package's headerRE:
// ^(From |[\041-\071\073-\176]*:|[\t ]), on a line that is not empty.
// Non-ASCII characters, two bytes or more in the decoded text, fail the
// name test as they should.
func IsHeaderLine[T string | []byte](line T) bool {
	if len(line) >= 5 && string(line[:5]) == "From " || line[0] == ' ' || line[0] == '\t' {
		return true
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == ':' {
			return true
		}
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return false
}

// NextLine returns the first line of s up to and including its end,
// "\r\n", "\r" or "\n", as io.StringIO with newline="" splits lines; all
// of s if it holds no line end. s must not be empty.
func NextLine[T string | []byte](s T) T {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return s[:i+1]
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				return s[:i+2]
			}
			return s[:i+1]
		}
	}
	return s
}
