// Package pytext reproduces the few pieces of Python's text handling that
// show on http.server's wire and in its log: the ISO-8859-1 codec that turns
// request bytes into str and header str into bytes, repr() of a str,
// html.escape(s, quote=False), and the control-character table of
// BaseHTTPRequestHandler.log_message.
//
// Strings here are Go strings holding the Python text as UTF-8: decoding a
// request line from ISO-8859-1 turns byte 0xE9 into "é", as CPython's
// str(raw, 'iso-8859-1') does, and encoding turns it back.
package pytext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DecodeLatin1 returns b decoded from ISO-8859-1: every byte becomes the
// code point of the same value. ASCII input is returned unchanged.
//
//	DecodeLatin1([]byte("caf\xe9")) = "café"
func DecodeLatin1(b []byte) string {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + (len(b) - i))
	sb.Write(b[:i])
	for _, c := range b[i:] {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// EncodeError reports a character ISO-8859-1 cannot encode, as Python's
// UnicodeEncodeError does for str.encode('latin-1', 'strict').
type EncodeError struct {
	Text string // the whole text being encoded
	Pos  int    // index in code points of the first bad character
	Rune rune
}

func (e *EncodeError) Error() string {
	return fmt.Sprintf("'latin-1' codec can't encode character %s in position %d: ordinal not in range(256)",
		escapeRune(e.Rune), e.Pos)
}

func escapeRune(r rune) string {
	switch {
	case r <= 0xff:
		return fmt.Sprintf(`'\x%02x'`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`'\u%04x'`, r)
	}
	return fmt.Sprintf(`'\U%08x'`, r)
}

// AppendLatin1 appends s encoded to ISO-8859-1 to dst. A code point above
// U+00FF (or invalid UTF-8) fails with an *EncodeError and leaves dst as it was.
//
//	AppendLatin1(nil, "Dängerous") = "D\xe4ngerous"
func AppendLatin1(dst []byte, s string) ([]byte, error) {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return append(dst, s...), nil
	}
	n := len(dst)
	dst = append(dst, s[:i]...)
	pos := i
	for _, r := range s[i:] {
		if r > 0xff || r == utf8.RuneError {
			return dst[:n], &EncodeError{Text: s, Pos: pos, Rune: r}
		}
		dst = append(dst, byte(r))
		pos++
	}
	return dst, nil
}

// Repr returns Python's repr() of the str s: single quotes unless s holds a
// single quote and no double quote; backslash, the quote, \t, \n and \r
// escaped; other non-printable characters as \xNN, \uNNNN or \UNNNNNNNN.
//
//	Repr("it's\r\n") = `"it's\r\n"`
//	Repr("a\x00\u00a0b") = `'a\x00\xa0b'`
func Repr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var sb strings.Builder
	sb.Grow(len(s) + 2)
	sb.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == rune(quote) || r == '\\':
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r == '\t':
			sb.WriteString(`\t`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&sb, `\x%02x`, r)
		case r < utf8.RuneSelf || isPrintable(r):
			sb.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&sb, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			fmt.Fprintf(&sb, `\U%08x`, r)
		}
	}
	sb.WriteByte(quote)
	return sb.String()
}

// isPrintable is str.isprintable for one non-ASCII character: letters,
// marks, numbers, punctuation and symbols; no separators, no controls or
// format characters.
func isPrintable(r rune) bool {
	return r != utf8.RuneError && unicode.IsPrint(r)
}

// EscapeHTML is html.escape(s, quote=False): &, < and > become entities.
func EscapeHTML(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return htmlReplacer.Replace(s)
}

var htmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeControl applies BaseHTTPRequestHandler._control_char_table:
// U+0000-U+001F and U+007F-U+009F become \xNN and a backslash is doubled,
// so a log line stays one line and cannot carry terminal escapes.
//
//	EscapeControl("/\x1bbar\\") = `/\x1bbar\\`
func EscapeControl(s string) string {
	clean := true
	for _, r := range s {
		if needsEscape(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == '\\':
			sb.WriteString(`\\`)
		case needsEscape(r):
			fmt.Fprintf(&sb, `\x%02x`, r)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func needsEscape(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\\'
}

// IsSpace is str.isspace for one character: Unicode's White_Space, plus
// the separators U+001C..U+001F that Python counts too. str.split() and
// str.strip() without arguments cut at these.
func IsSpace(r rune) bool {
	return 0x1c <= r && r <= 0x1f || unicode.IsSpace(r)
}
