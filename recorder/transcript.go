package recorder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TranscriptVersion is the version of the transcript format that
// WriteTranscript writes, the number on its first line.
const TranscriptVersion = 1

// TranscriptBodyLimit is how many bytes of each body a transcript shows;
// a longer body is cut there and summed up by its size and digest. It is
// part of the format: changing it changes the version.
const TranscriptBodyLimit = 4096

// transcriptMagic starts the first line of a transcript.
const transcriptMagic = "httpfixture transcript v"

// The marker lines, each right after the raw line or block it is about.
const (
	markNoLineEnding = `\ no line ending`
	markNoRequest    = `\ no request bytes`
	markNoResponse   = `\ no response bytes`
)

// WriteTranscript writes exs to w as a transcript: a text made to be kept
// in a golden file and read in a diff. It applies ns, in order, to a copy
// of each exchange first, and nothing else: pass DefaultNormalizers() to
// hide what changes from run to run. The transcript shows the exchanges
// as the normalizers left them. Only a failing writer or a nil Normalizer
// makes it fail; nothing is written in the second case.
//
// # Format, version 1
//
// Users commit transcripts, so the format is a promise: the same
// exchanges always give the same bytes. Any change to the output for the
// same input (a new line, an escape, a marker's wording, the body limit)
// comes with a new version number on the first line; a program reading
// transcripts checks it.
//
// A transcript is UTF-8 text in lines that end in LF. It holds no CR, no
// tab, no other control character and no line that ends in a space, so
// that neither git's end-of-line conversion (core.autocrlf) nor an editor
// that trims trailing white space changes what it says; Golden reads a
// golden file whose lines end in CRLF as if they ended in LF.
//
// The first line is
//
//	httpfixture transcript v1
//
// Each exchange follows, in the order of exs, as a blank line and a
// section:
//
//	=== conn 1 seq 2: GET /index.html HTTP/1.1
//	client 127.0.0.1:<client-port>
//	server 127.0.0.1:<port>
//	> GET /index.html HTTP/1.1
//	> Host: 127.0.0.1:<port>
//	>
//	< HTTP/1.1 200 OK
//	< Content-Length: 6
//	<
//	< hello\n
//	log 127.0.0.1 - - [<date>] "GET /index.html HTTP/1.1" 200 -
//
// The section's first line gives Exchange.Conn, Exchange.Seq and, after a
// colon, Request.Line (no colon when Line is empty): the text the server
// decoded from ISO-8859-1, so that a byte 0xE9 shows as "é" there and as
// "\xe9" in the raw line. The "client" and "server" lines give
// Exchange.Client and Exchange.Server, each only when it is not empty,
// and a "tls" line Exchange.TLS, only over TLS (so that a transcript of
// plain exchanges is what it was before the line existed).
// Then come the request's raw bytes (Request.Raw), each line of them
// after "> ", and the response's (Response.Raw, interim 1xx responses
// included), each after "< "; a line with nothing in it is ">" or "<"
// alone. Each block is followed by its marker lines, if any (below). Then
// come one "log " line per Exchange.Log line, in order, an "error "
// line with Exchange.Error when it is not empty, and a "fault " line with
// Exchange.Fault when it is not empty (so a transcript of exchanges
// without a wire fault is what it was before the line existed). Start
// and Duration are never shown, nor are the parsed fields: they are what
// the raw bytes say.
//
// Raw bytes are cut into lines after each LF. A line that ends in CRLF,
// as HTTP heads do, is shown without it. Any other line shows its LF as
// the escape \n at its end: "hello\n" is a body line that ends in a bare
// LF. A last line with no LF at all is followed by the marker line
//
//	\ no line ending
//
// So a shown line reads back to its bytes, plus CRLF unless it ends in
// \n or the "no line ending" marker follows it.
//
// Within a line, bytes are shown as they are, valid UTF-8 included, but
// for these escapes:
//
//	\\      a backslash
//	\t      a tab
//	\r      a CR, unless it ends the line with the LF after it
//	\n      an LF (in raw lines, only the last byte of a line can be one)
//	\xHH    a byte shown by its value in two lower-case hex digits: any
//	        other control character (0x00-0x1F, 0x7F), each byte of a
//	        sequence that is not valid UTF-8, each byte of the C1 controls
//	        U+0080-U+009F and of the characters that are invisible or
//	        look like a space (U+00A0, U+00AD, U+061C, U+1680, U+180E,
//	        U+2000-U+200F, U+2028-U+202F, U+205F-U+206F, U+3000, U+FEFF,
//	        U+FFF9-U+FFFB, U+FFFE, U+FFFF, U+E0000-U+E007F), and a space
//	        that would otherwise end the printed line (\x20)
//
// A backslash in a shown line always starts one of these escapes, so a
// line that begins "\ " is never data: it is a marker. The list of
// escaped characters is fixed by the format, not taken from the Unicode
// tables of the Go release that writes it.
//
// The body of a request or response is the part of Raw after the head:
// its last len(Body) bytes. (An exchange whose Raw does not end with its
// Body, one built by hand, is shown as if it had no body: Raw alone.) At
// most TranscriptBodyLimit bytes of a body are shown. A body that is not
// all shown, because it is longer or because the recorder kept only its
// first bytes (BodySize is more than len(Body)), is followed by
//
//	\ body of 10000 bytes cut after 4096, sha256 <64 hex digits>
//
// giving the size and SHA-256 digest of the whole body, so that the
// transcript still pins its content: those of Body itself when the
// recorder kept it all (after normalizing), otherwise BodySize and
// BodySHA256 as recorded. The line cut at the limit is shown as any last
// line is, with "\ no line ending" when it does not end in LF. A request
// or response with no raw bytes and no cut body is shown as the marker
// line
//
//	\ no request bytes
//
// or "\ no response bytes" in place of its lines.
//
// The section's first line and the "client", "server", "log", "error"
// and "fault" lines show their text with the same escapes, LF included (\n).
//
// Request.Size and Response.Size are not shown: the raw lines and the
// body marker say it all, and they would change with the length of a
// port number that a normalizer replaced.
func WriteTranscript(w io.Writer, exs []Exchange, ns ...Normalizer) error {
	for i, n := range ns {
		if n == nil {
			return fmt.Errorf("recorder: WriteTranscript: normalizer %d of %d is nil", i+1, len(ns))
		}
	}
	var buf []byte
	buf = append(buf, transcriptMagic...)
	buf = strconv.AppendInt(buf, TranscriptVersion, 10)
	buf = append(buf, '\n')
	for i := range exs {
		e := exs[i]
		for _, n := range ns {
			n(&e)
		}
		buf = trAppendExchange(buf, &e)
		if len(buf) >= 64<<10 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

// Transcript returns the transcript WriteTranscript writes. It panics if
// one of ns is nil.
func Transcript(exs []Exchange, ns ...Normalizer) string {
	var sb strings.Builder
	if err := WriteTranscript(&sb, exs, ns...); err != nil {
		panic(err)
	}
	return sb.String()
}

// trAppendExchange appends the section of e.
func trAppendExchange(b []byte, e *Exchange) []byte {
	b = append(b, "\n=== conn "...)
	b = strconv.AppendInt(b, int64(e.Conn), 10)
	b = append(b, " seq "...)
	b = strconv.AppendInt(b, int64(e.Seq), 10)
	if e.Request.Line != "" {
		b = append(b, ": "...)
		b = trAppendEscaped(b, []byte(e.Request.Line))
	}
	b = append(b, '\n')
	b = trAppendText(b, "client", e.Client)
	b = trAppendText(b, "server", e.Server)
	b = trAppendText(b, "tls", e.TLS)
	r, q := &e.Request, &e.Response
	b = trAppendMessage(b, '>', markNoRequest, r.Raw, r.Body, r.BodySize, &r.BodySHA256)
	b = trAppendMessage(b, '<', markNoResponse, q.Raw, q.Body, q.BodySize, &q.BodySHA256)
	for _, l := range e.Log {
		b = trAppendText(b, "log", l)
	}
	b = trAppendText(b, "error", e.Error)
	b = trAppendText(b, "fault", e.Fault)
	return b
}

// trAppendText appends "key text" and a newline, nothing when text is empty.
func trAppendText(b []byte, key, text string) []byte {
	if text == "" {
		return b
	}
	b = append(b, key...)
	b = append(b, ' ')
	b = trAppendEscaped(b, []byte(text))
	return append(b, '\n')
}

// trAppendMessage appends the lines of one direction: raw up to the body
// limit, each line after prefix, then the markers.
func trAppendMessage(b []byte, prefix byte, empty string, raw, body []byte, bodySize int64, sum *[32]byte) []byte {
	head := raw
	if bytes.HasSuffix(raw, body) {
		head = raw[:len(raw)-len(body)]
	} else {
		body = nil
		bodySize = 0
	}
	shown := min(len(body), TranscriptBodyLimit)
	total, digest := int64(len(body)), sum
	if bodySize > total {
		total = bodySize // the recorder kept the first bytes
	} else if shown < len(body) {
		d := sha256.Sum256(body)
		digest = &d
	}
	cut := int64(shown) < total
	if len(raw) == 0 && !cut {
		b = append(b, empty...)
		return append(b, '\n')
	}
	b = trAppendLines(b, prefix, raw[:len(head)+shown])
	if cut {
		b = append(b, `\ body of `...)
		b = strconv.AppendInt(b, total, 10)
		b = append(b, " bytes cut after "...)
		b = strconv.AppendInt(b, int64(shown), 10)
		b = append(b, ", sha256 "...)
		b = hex.AppendEncode(b, digest[:])
		b = append(b, '\n')
	}
	return b
}

// trAppendLines appends raw as lines that start with prefix and a space:
// a line ending in CRLF without it, any other with its LF escaped, a last
// line without LF followed by the "no line ending" marker.
func trAppendLines(b []byte, prefix byte, raw []byte) []byte {
	for len(raw) > 0 {
		line, ended := raw, false
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			line, ended = raw[:i+1], true
		}
		raw = raw[len(line):]
		content := bytes.TrimSuffix(line, []byte("\r\n"))
		b = append(b, prefix)
		if len(content) > 0 {
			b = append(b, ' ')
			b = trAppendEscaped(b, content)
		}
		b = append(b, '\n')
		if !ended {
			b = append(b, markNoLineEnding...)
			b = append(b, '\n')
		}
	}
	return b
}

const transcriptHex = "0123456789abcdef"

// trAppendEscaped appends s with the transcript's escapes: see
// WriteTranscript.
func trAppendEscaped(b, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '\\' {
			if c == ' ' && i == len(s)-1 {
				b = append(b, `\x20`...)
			} else {
				b = append(b, c)
			}
			i++
			continue
		}
		switch c {
		case '\\':
			b = append(b, `\\`...)
			i++
			continue
		case '\t':
			b = append(b, `\t`...)
			i++
			continue
		case '\r':
			b = append(b, `\r`...)
			i++
			continue
		case '\n':
			b = append(b, `\n`...)
			i++
			continue
		}
		n := 1
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(s[i:])
			n = size
			if (r != utf8.RuneError || size > 1) && !trHiddenRune(r) {
				b = append(b, s[i:i+size]...)
				i += size
				continue
			}
		}
		for _, c := range s[i : i+n] {
			b = append(b, '\\', 'x', transcriptHex[c>>4], transcriptHex[c&0xf])
		}
		i += n
	}
	return b
}

// trHiddenRune reports whether r, a valid character, is shown by
// its bytes: a C1 control, or a character that is invisible or looks like
// a space. The list is the format's, fixed (see WriteTranscript).
func trHiddenRune(r rune) bool {
	switch {
	case 0x80 <= r && r <= 0x9f, // C1 controls
		r == 0x00a0, r == 0x00ad, r == 0x061c, r == 0x1680, r == 0x180e,
		0x2000 <= r && r <= 0x200f,
		0x2028 <= r && r <= 0x202f,
		0x205f <= r && r <= 0x206f,
		r == 0x3000, r == 0xfeff,
		0xfff9 <= r && r <= 0xfffb, r == 0xfffe, r == 0xffff,
		0xe0000 <= r && r <= 0xe007f:
		return true
	}
	return false
}
