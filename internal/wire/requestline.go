package wire

import (
	"bytes"
	"strings"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// RequestLine is what parse_request leaves behind after the first line:
// the handler's requestline, command, path, request_version and
// close_connection.
type RequestLine struct {
	// Line is the request line decoded from ISO-8859-1 with trailing CR and
	// LF characters removed (requestline).
	Line string
	// Command is the method, "" until the line is known to be well formed
	// (CPython's None).
	Command string
	// Path is the target, with a leading "//" reduced to "/" (gh-87389).
	Path string
	// Version is request_version: the default version until the last word
	// is a valid version, then that word.
	Version string
	// HTTP09 is true for a two-word request: no header block follows.
	HTTP09 bool
	// KeepAlive is !close_connection: an HTTP/1.1 or later request to a
	// server whose protocol version is HTTP/1.1 or later.
	KeepAlive bool
}

// ParseRequestLine parses raw, a line read with ReadLine, by the rules of
// parse_request. protocol is the server's protocol_version and
// defaultVersion its default_request_version ("HTTP/0.9" in CPython).
//
// On error the returned RequestLine holds the state CPython's send_error
// sees: Line always; Version only once it was found valid; Command only for
// a well-formed line. A line with no words gives ErrEmptyRequestLine.
//
//	"GET /a HTTP/1.1\r\n" (protocol HTTP/1.1) → {GET, /a, HTTP/1.1, KeepAlive}
//	"GET //a//b\r\n"                          → {GET, /a//b, HTTP/0.9 default, HTTP09}
//	"GET / HTTP/1.x\r\n"                      → BadVersion "HTTP/1.x"
//	"GET / HTTP/2.0\r\n"                      → VersionNotSupported "2.0"
func ParseRequestLine(raw []byte, protocol, defaultVersion string) (RequestLine, error) {
	line := pytext.DecodeLatin1(bytes.TrimRight(raw, "\r\n"))
	rl := RequestLine{Line: line, Version: defaultVersion}
	words, n := splitWords(line)
	if n == 0 {
		return rl, ErrEmptyRequestLine
	}
	if n >= 3 {
		word := words[min(n, 4)-1]
		number, major, minor, ok := parseVersion(word)
		if !ok {
			return rl, &Error{BadVersion, word}
		}
		if (major > 1 || major == 1 && minor >= 1) && protocol >= "HTTP/1.1" {
			rl.KeepAlive = true
		}
		if major >= 2 {
			return rl, &Error{VersionNotSupported, number}
		}
		rl.Version = word
	}
	if n > 3 || n < 2 {
		return rl, &Error{BadSyntax, rl.Line}
	}
	command := words[0]
	if n == 2 {
		rl.KeepAlive = false
		rl.HTTP09 = true
		if command != "GET" {
			return rl, &Error{Bad09Type, command}
		}
	}
	rl.Command = command
	rl.Path = words[1]
	if strings.HasPrefix(rl.Path, "//") {
		rl.Path = "/" + strings.TrimLeft(rl.Path, "/")
	}
	return rl, nil
}

// isSpace is str.isspace for the characters of ISO-8859-1: str.split()
// with no argument splits on these, so NBSP and the separators 0x1C-0x1F
// end a word as a space does.
func isSpace(c byte) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0:
		return true
	}
	return false
}

func isSpaceRune(r rune) bool { return r < 0x100 && isSpace(byte(r)) }

// splitWords is str.split() over decoded ISO-8859-1 text, without
// allocating: the words are substrings of s. It counts every word but
// keeps at most four: parse_request needs no more to decide, and the
// fourth stands for "more than three" (it is the last word).
func splitWords(s string) (words [4]string, n int) {
	start := -1
	for i, r := range s {
		if isSpaceRune(r) {
			if start >= 0 {
				n = keepWord(&words, n, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		n = keepWord(&words, n, s[start:])
	}
	return words, n
}

func keepWord(words *[4]string, n int, w string) int {
	words[min(n, 3)] = w
	return n + 1
}

// parseVersion applies parse_request's rules to the version word: it must
// start with "HTTP/", the rest must be two dot-separated runs of 1 to 10
// decimal digits. It returns the part after "HTTP/" and the two numbers.
func parseVersion(word string) (number string, major, minor int, ok bool) {
	rest, found := strings.CutPrefix(word, "HTTP/")
	if !found {
		return "", 0, 0, false
	}
	a, b, found := strings.Cut(rest, ".")
	if !found || strings.IndexByte(b, '.') >= 0 {
		return "", 0, 0, false
	}
	major, okA := digits(a)
	minor, okB := digits(b)
	return rest, major, minor, okA && okB
}

// digits parses 1 to 10 ASCII digits. CPython's isdigit() also admits the
// superscripts ¹²³, but int() then refuses them: the same 400 either way.
func digits(s string) (int, bool) {
	if len(s) == 0 || len(s) > 10 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
