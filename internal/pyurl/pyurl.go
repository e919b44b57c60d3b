// Package pyurl reproduces the pieces of urllib.parse and posixpath that
// CPython 3.13's SimpleHTTPRequestHandler runs a request path through:
// unquote and quote with the surrogate error handlers (translate_path,
// list_directory), urlsplit and urlunsplit (the redirect to a directory's
// trailing slash), posixpath.normpath, and the str.lower() order of a
// directory listing.
//
// Strings are Go strings holding Python str text as UTF-8, except those
// called fs bytes: file-system names as os.fsencode gives them. A str that
// os.fsdecode made of a name holds each byte that is not UTF-8 as a lone
// surrogate U+DC80..U+DCFF; as fs bytes it is the raw byte again, so the
// fs bytes "caf\xe9" are the Python name 'caf\udce9'.
package pyurl

import (
	"iter"
	"strings"
	"unicode/utf8"
)

// UnquoteFS is what translate_path and list_directory make of a request
// path: urllib.parse.unquote(s, errors='surrogatepass'), or unquote(s)
// with its default errors='replace' when that raises UnicodeDecodeError,
// then os.fsencode of the result. ok is false where os.fsencode raises
// UnicodeEncodeError, for a %-escape that decodes to a surrogate standing
// for no byte (U+D800..U+DC7F, U+DD00..U+DFFF); fs is then "".
//
// s is text. As in unquote, its non-ASCII characters pass through, and
// each run of ASCII between them is percent-decoded on its own, a "%" not
// followed by two hex digits kept as it is, and its bytes decoded from
// UTF-8. With surrogatepass, UTF-8 that encodes a surrogate (ED A0..BF
// 80..BF), which strict UTF-8 refuses, decodes to that surrogate; with
// replace, each maximal invalid subsequence becomes one U+FFFD.
//
//	UnquoteFS("/caf%C3%A9")  = "/café", true
//	UnquoteFS("/caf%E9")     = "/caf\ufffd", true  (not UTF-8: the fallback)
//	UnquoteFS("/%ED%B3%A9")  = "/\xe9", true       (U+DCE9, the escape of byte E9)
//	UnquoteFS("/%ED%A0%80")  = "", false           (U+D800)
//	UnquoteFS("/%zz%4")      = "/%zz%4", true
//	UnquoteFS("%C3é%A9")     = "\ufffdé\ufffd", true (the runs decode apart)
//
// Bytes of s that are not UTF-8 are not text; they pass through as the
// non-ASCII characters do.
func UnquoteFS(s string) (fs string, ok bool) {
	if strings.IndexByte(s, '%') < 0 {
		return s, true
	}
	if fs, ok, decoded := unquote(s, surrogatePass(false)); decoded {
		return fs, ok
	}
	fs, ok, _ = unquote(s, decodeReplace)
	return fs, ok
}

// UnquoteFSMarked is UnquoteFS that keeps going past a surrogate
// os.fsencode refuses, putting a NUL byte in its place, and reports
// whether it met one. translate_path only encodes the path after
// normpath, which may drop the element holding it ("/\ud800/.." is "/").
//
//	UnquoteFSMarked("/%ED%A0%80/..") = "/\x00/..", true
func UnquoteFSMarked(s string) (fs string, marked bool) {
	if fs, ok := UnquoteFS(s); ok {
		return fs, false
	}
	fs, _, _ = unquote(s, surrogatePass(true))
	return fs, true
}

// A decoder appends to dst the fs bytes of b decoded from UTF-8 with one
// error handler. encodable is false when the text holds a surrogate
// os.fsencode refuses; decoded is false when the handler raises.
type decoder func(dst, b []byte) (out []byte, encodable, decoded bool)

// unquote is urllib.parse.unquote's loop over _asciire's runs, followed by
// os.fsencode: non-ASCII runs pass through, ASCII runs are unquoted to
// bytes and decoded.
func unquote(s string, decode decoder) (fs string, ok, decoded bool) {
	var dst []byte
	ok = true
	for run, ascii := range runs(s) {
		if !ascii {
			dst = append(dst, run...)
			continue
		}
		var encodable bool
		if dst, encodable, decoded = decode(dst, unquoteToBytes(run)); !decoded {
			return "", false, false
		}
		ok = ok && encodable
	}
	if !ok {
		return "", false, true
	}
	return string(dst), true, true
}

// runs yields the runs of s that _asciire tells apart: ASCII runs, which
// unquote decodes, and the runs between them, which pass through.
func runs(s string) iter.Seq2[string, bool] {
	return func(yield func(string, bool) bool) {
		for s != "" {
			ascii := s[0] < utf8.RuneSelf
			n := 1
			for n < len(s) && (s[n] < utf8.RuneSelf) == ascii {
				n++
			}
			if !yield(s[:n], ascii) {
				return
			}
			s = s[n:]
		}
	}
}

// unquoteToBytes is urllib.parse.unquote_to_bytes: each "%" followed by two
// hex digits becomes the byte they spell; any other "%" stays.
//
//	unquoteToBytes("a%41%4g%") = "aA%4g%"
func unquoteToBytes(s string) []byte {
	bits := strings.Split(s, "%")
	res := []byte(bits[0])
	for _, item := range bits[1:] {
		if len(item) >= 2 && isHex(item[0]) && isHex(item[1]) {
			res = append(res, unhex(item[0])<<4|unhex(item[1]))
			res = append(res, item[2:]...)
			continue
		}
		res = append(res, '%')
		res = append(res, item...)
	}
	return res
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// surrogatePass returns bytes.decode('utf-8', 'surrogatepass') followed
// by os.fsencode: a surrogate encoded in UTF-8 decodes to itself, and
// os.fsencode turns U+DC80..U+DCFF back into the byte it escapes. Other
// surrogates make the text unencodable; with mark, each is written as a
// NUL byte and decoding goes on.
func surrogatePass(mark bool) decoder {
	return func(dst, b []byte) ([]byte, bool, bool) {
		encodable := true
		for len(b) > 0 {
			r, n := utf8.DecodeRune(b)
			if r != utf8.RuneError || n > 1 {
				dst = append(dst, b[:n]...)
				b = b[n:]
				continue
			}
			cp, ok := encodedSurrogate(b)
			if !ok {
				return dst, false, false // UnicodeDecodeError
			}
			switch {
			case 0xDC80 <= cp && cp <= 0xDCFF:
				dst = append(dst, byte(cp))
			case mark:
				dst = append(dst, 0)
			default:
				encodable = false
			}
			b = b[3:]
		}
		return dst, encodable, true
	}
}

// encodedSurrogate reports whether b starts with the three bytes UTF-8
// would give a surrogate, as the surrogatepass handler tests it, and
// returns that surrogate.
func encodedSurrogate(b []byte) (rune, bool) {
	if len(b) < 3 || b[0] != 0xED || b[1] < 0xA0 || b[1] > 0xBF || b[2]&0xC0 != 0x80 {
		return 0, false
	}
	return 0xD000 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F), true
}

// decodeReplace is bytes.decode('utf-8', 'replace'): each maximal
// subpart of an ill-formed sequence becomes one U+FFFD, as Unicode
// recommends and CPython does ("\xe2\x82" is one, "\xc0\xaf" two).
func decodeReplace(dst, b []byte) ([]byte, bool, bool) {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			dst = utf8.AppendRune(dst, utf8.RuneError)
			b = b[maximalSubpart(b):]
			continue
		}
		dst = append(dst, b[:n]...)
		b = b[n:]
	}
	return dst, true, true
}

// maximalSubpart returns the length of the ill-formed sequence b starts
// with: its first byte and the continuation bytes after it that could
// still have completed a character (Unicode Table 3-7).
func maximalSubpart(b []byte) int {
	lo, hi := byte(0x80), byte(0xBF) // the range of the second byte
	need := 0                        // continuation bytes a character needs
	switch c := b[0]; {
	case 0xC2 <= c && c <= 0xDF:
		need = 1
	case c == 0xE0:
		lo, need = 0xA0, 2
	case c == 0xED:
		hi, need = 0x9F, 2
	case 0xE1 <= c && c <= 0xEF:
		need = 2
	case c == 0xF0:
		lo, need = 0x90, 3
	case c == 0xF4:
		hi, need = 0x8F, 3
	case 0xF1 <= c && c <= 0xF3:
		need = 3
	}
	n := 1
	for n <= need && n < len(b) && lo <= b[n] && b[n] <= hi {
		n++
		lo, hi = 0x80, 0xBF
	}
	return n
}

// QuoteFS is what list_directory puts in a link to a file:
// urllib.parse.quote(os.fsdecode(fs), errors='surrogatepass') with the
// default safe='/'. A byte of fs that is not UTF-8 becomes its surrogate
// escape, which surrogatepass encodes as three bytes; then every byte but
// A-Z, a-z, 0-9 and "_.-~/" becomes %XX with upper-case hex.
//
//	QuoteFS("a b/c~d.txt") = "a%20b/c~d.txt"
//	QuoteFS("café")        = "caf%C3%A9"
//	QuoteFS("caf\xe9")     = "caf%ED%B3%A9" (U+DCE9)
func QuoteFS(fs string) string {
	var b strings.Builder
	b.Grow(len(fs))
	for i := 0; i < len(fs); {
		r, n := utf8.DecodeRuneInString(fs[i:])
		if r == utf8.RuneError && n == 1 {
			cp := 0xDC00 + rune(fs[i])
			quoteByte(&b, 0xED)
			quoteByte(&b, 0x80|byte(cp>>6&0x3F))
			quoteByte(&b, 0x80|byte(cp&0x3F))
		} else {
			for j := i; j < i+n; j++ {
				quoteByte(&b, fs[j])
			}
		}
		i += n
	}
	return b.String()
}

// quoteByte writes c as quote_from_bytes does with safe='/'.
func quoteByte(b *strings.Builder, c byte) {
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_.-~/", c) >= 0 {
		b.WriteByte(c)
		return
	}
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&0xF])
}

// Unencodable finds the first character of unquote(s) that os.fsencode
// (or str.encode('utf-8', 'surrogateescape')) refuses: a surrogate
// outside U+DC80..U+DCFF. It returns the character, the text of
// unquote(s) before it, and whether there is one; UnquoteFS reports such
// a path with ok false, and CPython's error message names the character
// and its position.
//
//	Unencodable("/a%ED%A0%80b") = 0xD800, "/a", true
func Unencodable(s string) (r rune, before string, found bool) {
	if _, ok := UnquoteFS(s); ok {
		return 0, "", false
	}
	var text []rune
	for run, ascii := range runs(s) {
		if !ascii {
			text = append(text, []rune(run)...)
			continue
		}
		b := unquoteToBytes(run)
		for len(b) > 0 {
			if cp, ok := encodedSurrogate(b); ok {
				if cp < 0xDC80 || cp > 0xDCFF {
					return cp, string(text), true
				}
				text = append(text, cp)
				b = b[3:]
				continue
			}
			c, size := utf8.DecodeRune(b)
			text = append(text, c)
			b = b[size:]
		}
	}
	return 0, string(text), false
}

// Unquote is urllib.parse.unquote(s) with its default errors='replace', as
// _url_collapse_path and run_cgi call it: bytes that are not UTF-8 become
// U+FFFD.
//
//	Unquote("/cgi-bin/a%20b") = "/cgi-bin/a b"
//	Unquote("/%ED%A0%80")     = "/\ufffd\ufffd\ufffd"
func Unquote(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	text, _, _ := unquote(s, decodeReplace)
	return text
}
