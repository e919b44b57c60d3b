package wire

import (
	"bytes"

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
	raw = bytes.TrimRight(raw, "\r\n")
	rl := RequestLine{Line: pytext.DecodeLatin1(raw), Version: defaultVersion}
	words := splitWords(raw)
	if len(words) == 0 {
		return rl, ErrEmptyRequestLine
	}
	if len(words) >= 3 {
		word := words[len(words)-1]
		number, major, minor, ok := parseVersion(word)
		if !ok {
			return rl, &Error{BadVersion, pytext.DecodeLatin1(word)}
		}
		if (major > 1 || major == 1 && minor >= 1) && protocol >= "HTTP/1.1" {
			rl.KeepAlive = true
		}
		if major >= 2 {
			return rl, &Error{VersionNotSupported, pytext.DecodeLatin1(number)}
		}
		rl.Version = pytext.DecodeLatin1(word)
	}
	if len(words) > 3 || len(words) < 2 {
		return rl, &Error{BadSyntax, rl.Line}
	}
	command := pytext.DecodeLatin1(words[0])
	if len(words) == 2 {
		rl.KeepAlive = false
		rl.HTTP09 = true
		if command != "GET" {
			return rl, &Error{Bad09Type, command}
		}
	}
	rl.Command = command
	rl.Path = pytext.DecodeLatin1(words[1])
	if len(rl.Path) >= 2 && rl.Path[:2] == "//" {
		i := 0
		for i < len(rl.Path) && rl.Path[i] == '/' {
			i++
		}
		rl.Path = "/" + rl.Path[i:]
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

// splitWords is str.split() over ISO-8859-1 bytes. At most four words are
// returned: parse_request needs no more to decide, and the fourth stands
// for "more than three" (the last word is kept as the last entry).
func splitWords(b []byte) [][]byte {
	var words [][]byte
	var last []byte
	n := 0
	for i := 0; i < len(b); {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			break
		}
		j := i
		for j < len(b) && !isSpace(b[j]) {
			j++
		}
		n++
		if n <= 3 {
			words = append(words, b[i:j])
		}
		last = b[i:j]
		i = j
	}
	if n > 3 {
		words = append(words, last)
	}
	return words
}

// parseVersion applies parse_request's rules to the version word: it must
// start with "HTTP/", the rest must be two dot-separated runs of 1 to 10
// decimal digits. It returns the part after "HTTP/" and the two numbers.
func parseVersion(word []byte) (number []byte, major, minor int, ok bool) {
	rest, found := bytes.CutPrefix(word, []byte("HTTP/"))
	if !found {
		return nil, 0, 0, false
	}
	a, b, found := bytes.Cut(rest, []byte("."))
	if !found || bytes.IndexByte(b, '.') >= 0 {
		return nil, 0, 0, false
	}
	major, okA := digits(a)
	minor, okB := digits(b)
	return rest, major, minor, okA && okB
}

// digits parses 1 to 10 ASCII digits. CPython's isdigit() also admits the
// superscripts ¹²³, but int() then refuses them: the same 400 either way.
func digits(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
