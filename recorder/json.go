package recorder

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// JSONVersion is the version of the JSON form of an Exchange that
// MarshalJSON writes and UnmarshalJSON reads: the record's "v" field.
const JSONVersion = 1

// MarshalJSON returns the JSON form of e: one object, on one line, that
// UnmarshalJSON turns back into an Exchange equal to e, field for field
// (go-cmp finds no difference). It is the form of the lines of
// WriteJSONL and of the command line's --record.
//
// The form is a promise: readers may rely on it, and a change to it gets
// a new "v". This is version 1; UnmarshalJSON refuses other versions and
// fields that version 1 does not have.
//
// Conventions:
//   - A field whose value is 0, "" or absent (a nil list, nil bytes, a
//     zero time, an all-zero digest) is left out, and a reader takes a
//     missing field as that zero. A list or byte string that is empty but present is written, as
//     [] or "", so that the difference survives the round trip.
//   - Text is a JSON string. Text that is not valid UTF-8 (the server
//     decodes what it reads from ISO-8859-1, so only text a handler made
//     can be) has each stray byte written as a lone surrogate escape, as
//     Python's surrogateescape error handler does: byte 0xff is "\udcff".
//     Python's json module reads such a string back to the str that
//     s.encode("utf-8", "surrogateescape") turns into the original bytes.
//   - Bytes are base64 (RFC 4648, standard alphabet, with padding).
//   - A header is a list of [name, value] pairs, in the order sent, names
//     as sent, duplicates kept: [["Host", "a"], ["Accept", "*/*"]].
//
// The object's fields, in the order written:
//
//	"v"            version of the form, 1; always first, always present
//	"conn"         Conn: the server's connection number, from 1
//	"seq"          Seq: the exchange's number on its connection, from 1
//	"client"       Client: the client's address, "127.0.0.1:54321"
//	"server"       Server: the address connected to, "127.0.0.1:8000"
//	"tls"          TLS: the TLS version, "TLS 1.3"; absent over plain TCP,
//	               so that such an exchange is written as before the field
//	               was added
//	"start"        Start: RFC 3339 with nanoseconds and the zone offset,
//	               "2026-11-21T14:28:17.123456789+01:00"
//	"duration_ns"  Duration in nanoseconds, an integer
//	"error"        Error: why the exchange did not complete normally
//	"fault"        Fault: the wire fault applied; absent when none, so
//	               that an exchange without one is written as before the
//	               field was added
//	"log"          Log: the exchange's log lines, a list of text
//	"request"      Request, an object, always present:
//	    "line"         Line: the request line as read, CR and LF removed
//	    "method"       Method, "target" Target, "version" Version
//	    (and the fields common to both sides, below)
//	"response"     Response, an object, always present:
//	    "interim"      Interim: the 1xx responses sent before this one, a
//	                   list of objects of this same form
//	    "status_line"  StatusLine: "" for an answer in HTTP/0.9 style
//	    "version"      Version, "code" Code (an integer), "reason" Reason
//	    (and the fields common to both sides:)
//	"header"       Header: a list of [name, value] pairs
//	"size"         Size: the number of bytes read or written, an integer
//	"raw"          Raw: the bytes kept, base64
//	"body_offset"  where Body starts in Raw: Body is Raw from this byte on
//	"body"         Body, base64, when it is not the end of Raw, or when it
//	               is empty but present; at most one of "body_offset" and
//	               "body" is given, and with neither Body is absent
//	"body_size"    BodySize: the length of all of the body, an integer
//	"body_sha256"  BodySHA256: the SHA-256 digest of all of the body, 64
//	               lowercase hexadecimal digits
//
// Body is always the end of Raw in what the server records, so it takes
// no room of its own. A body that outgrew the recorder's limit has
// "body_size" greater than the length of the body kept.
func (e Exchange) MarshalJSON() ([]byte, error) {
	b, err := e.encode()
	if err != nil {
		return nil, fmt.Errorf("recorder: exchange %d.%d: %w", e.Conn, e.Seq, err)
	}
	return b, nil
}

// UnmarshalJSON sets e from its JSON form, as MarshalJSON describes it.
// It refuses a record without "v" or of another version than
// JSONVersion, fields the version does not have, and values of the wrong
// type or out of range.
func (e *Exchange) UnmarshalJSON(data []byte) error {
	if err := e.decode(data); err != nil {
		return fmt.Errorf("recorder: exchange: %w", err)
	}
	return nil
}

// WriteJSONL writes exs to w as JSON lines: each exchange's MarshalJSON,
// then a newline, in one Write per exchange.
func WriteJSONL(w io.Writer, exs []Exchange) error {
	for i, e := range exs {
		b, err := e.encode()
		if err != nil {
			return fmt.Errorf("recorder: WriteJSONL: exchange %d of %d (%d.%d): %w", i+1, len(exs), e.Conn, e.Seq, err)
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return fmt.Errorf("recorder: WriteJSONL: %w", err)
		}
	}
	return nil
}

// ReadJSONL reads the exchanges of a JSON lines file, such as WriteJSONL
// or the command line's --record writes: one exchange per line, in the
// form MarshalJSON describes. Blank lines are skipped; a line may end in
// CRLF. An error names the line, counted from 1, and comes with the
// exchanges of the lines before it: a recording cut short in its last
// line still gives the others.
func ReadJSONL(r io.Reader) ([]Exchange, error) {
	br := bufio.NewReader(r)
	var exs []Exchange
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return exs, fmt.Errorf("recorder: ReadJSONL: line %d: %w", n, err)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			var e Exchange
			if err := e.decode(line); err != nil {
				return exs, fmt.Errorf("recorder: ReadJSONL: line %d: %w", n, err)
			}
			exs = append(exs, e)
		}
		if err == io.EOF {
			return exs, nil
		}
	}
}

// encode is MarshalJSON without the context in its errors.
func (e Exchange) encode() ([]byte, error) {
	j := jsonExchange{
		V:        JSONVersion,
		Conn:     e.Conn,
		Seq:      e.Seq,
		Client:   jsonText(e.Client),
		Server:   jsonText(e.Server),
		TLS:      jsonText(e.TLS),
		Start:    e.Start,
		Duration: int64(e.Duration),
		Error:    jsonText(e.Error),
		Fault:    jsonText(e.Fault),
		Log:      jsonMap(e.Log, func(s string) jsonText { return jsonText(s) }),
		Request:  jsonRequestOf(e.Request),
		Response: jsonResponseOf(e.Response),
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// jsonVersion is the first look at a record: its version.
type jsonVersion struct {
	V *int `json:"v"`
}

// decode is UnmarshalJSON without the context in its errors.
func (e *Exchange) decode(data []byte) error {
	if trimmed := bytes.TrimSpace(data); len(trimmed) == 0 || trimmed[0] != '{' {
		return fmt.Errorf("an exchange is a JSON object, not %.40q", trimmed)
	}
	var head jsonVersion
	if err := json.Unmarshal(data, &head); err != nil {
		return err
	}
	switch {
	case head.V == nil:
		return errors.New(`no "v" field: not a recorded exchange`)
	case *head.V != JSONVersion:
		return fmt.Errorf("version %d; this reader knows version %d", *head.V, JSONVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var j jsonExchange
	if err := dec.Decode(&j); err != nil {
		return err
	}
	req, err := j.Request.request()
	if err != nil {
		return fmt.Errorf("request: %w", err)
	}
	resp, err := j.Response.response()
	if err != nil {
		return fmt.Errorf("response: %w", err)
	}
	*e = Exchange{
		Conn:     j.Conn,
		Seq:      j.Seq,
		Client:   string(j.Client),
		Server:   string(j.Server),
		Start:    j.Start,
		Duration: time.Duration(j.Duration),
		Request:  req,
		Response: resp,
		Log:      jsonMap(j.Log, func(t jsonText) string { return string(t) }),
		Error:    string(j.Error),
		Fault:    string(j.Fault),
		TLS:      string(j.TLS),
	}
	return nil
}

// jsonExchange is the JSON form of an Exchange; MarshalJSON documents it.
type jsonExchange struct {
	V        int          `json:"v"`
	Conn     int          `json:"conn,omitzero"`
	Seq      int          `json:"seq,omitzero"`
	Client   jsonText     `json:"client,omitzero"`
	Server   jsonText     `json:"server,omitzero"`
	TLS      jsonText     `json:"tls,omitzero"`
	Start    time.Time    `json:"start,omitzero"`
	Duration int64        `json:"duration_ns,omitzero"`
	Error    jsonText     `json:"error,omitzero"`
	Fault    jsonText     `json:"fault,omitzero"`
	Log      []jsonText   `json:"log,omitzero"`
	Request  jsonRequest  `json:"request"`
	Response jsonResponse `json:"response"`
}

type jsonRequest struct {
	Line    jsonText `json:"line,omitzero"`
	Method  jsonText `json:"method,omitzero"`
	Target  jsonText `json:"target,omitzero"`
	Version jsonText `json:"version,omitzero"`
	jsonPayload
}

type jsonResponse struct {
	Interim    []jsonResponse `json:"interim,omitzero"`
	StatusLine jsonText       `json:"status_line,omitzero"`
	Version    jsonText       `json:"version,omitzero"`
	Code       int            `json:"code,omitzero"`
	Reason     jsonText       `json:"reason,omitzero"`
	jsonPayload
}

// jsonPayload holds the fields Request and Response have in common.
type jsonPayload struct {
	Header     []jsonField `json:"header,omitzero"`
	Size       int64       `json:"size,omitzero"`
	Raw        []byte      `json:"raw,omitzero"`
	BodyOffset *int        `json:"body_offset,omitempty"`
	Body       []byte      `json:"body,omitzero"`
	BodySize   int64       `json:"body_size,omitzero"`
	BodySHA256 jsonSHA256  `json:"body_sha256,omitzero"`
}

func jsonRequestOf(r Request) jsonRequest {
	return jsonRequest{
		Line:        jsonText(r.Line),
		Method:      jsonText(r.Method),
		Target:      jsonText(r.Target),
		Version:     jsonText(r.Version),
		jsonPayload: payloadOf(r.Header, r.Size, r.Raw, r.Body, r.BodySize, r.BodySHA256),
	}
}

func (j jsonRequest) request() (Request, error) {
	r := Request{
		Line:       string(j.Line),
		Method:     string(j.Method),
		Target:     string(j.Target),
		Version:    string(j.Version),
		Header:     j.header(),
		Raw:        j.Raw,
		Size:       j.Size,
		BodySize:   j.BodySize,
		BodySHA256: j.BodySHA256,
	}
	var err error
	r.Body, err = j.body()
	return r, err
}

func jsonResponseOf(r Response) jsonResponse {
	return jsonResponse{
		Interim:     jsonMap(r.Interim, jsonResponseOf),
		StatusLine:  jsonText(r.StatusLine),
		Version:     jsonText(r.Version),
		Code:        r.Code,
		Reason:      jsonText(r.Reason),
		jsonPayload: payloadOf(r.Header, r.Size, r.Raw, r.Body, r.BodySize, r.BodySHA256),
	}
}

func (j jsonResponse) response() (Response, error) {
	r := Response{
		StatusLine: string(j.StatusLine),
		Version:    string(j.Version),
		Code:       j.Code,
		Reason:     string(j.Reason),
		Header:     j.header(),
		Raw:        j.Raw,
		Size:       j.Size,
		BodySize:   j.BodySize,
		BodySHA256: j.BodySHA256,
	}
	if j.Interim != nil {
		r.Interim = make([]Response, len(j.Interim))
		for i, ji := range j.Interim {
			var err error
			if r.Interim[i], err = ji.response(); err != nil {
				return Response{}, fmt.Errorf("interim %d: %w", i+1, err)
			}
		}
	}
	var err error
	r.Body, err = j.body()
	return r, err
}

// payloadOf is the common part of a side's JSON form. A body that is the
// end of raw is given by its offset; any other body, by its bytes.
func payloadOf(h Header, size int64, raw, body []byte, bodySize int64, sum [sha256.Size]byte) jsonPayload {
	p := jsonPayload{
		Header:     jsonMap(h, func(f Field) jsonField { return jsonField{jsonText(f.Name), jsonText(f.Value)} }),
		Size:       size,
		Raw:        raw,
		BodySize:   bodySize,
		BodySHA256: sum,
	}
	switch {
	case len(body) > 0 && bytes.HasSuffix(raw, body):
		off := len(raw) - len(body)
		p.BodyOffset = &off
	case body != nil:
		p.Body = body
	}
	return p
}

func (p jsonPayload) header() Header {
	return jsonMap(p.Header, func(f jsonField) Field { return Field{string(f[0]), string(f[1])} })
}

// body returns the body that payloadOf wrote.
func (p jsonPayload) body() ([]byte, error) {
	if p.BodyOffset == nil {
		return p.Body, nil
	}
	if p.Body != nil {
		return nil, errors.New(`both "body_offset" and "body"; give one`)
	}
	if off := *p.BodyOffset; off < 0 || off > len(p.Raw) {
		return nil, fmt.Errorf(`"body_offset" %d is outside "raw", %d bytes long`, off, len(p.Raw))
	}
	return p.Raw[*p.BodyOffset:], nil
}

// jsonMap applies f to each element of s; nil stays nil.
func jsonMap[From, To any](s []From, f func(From) To) []To {
	if s == nil {
		return nil
	}
	out := make([]To, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

// jsonField is a header field, [name, value].
type jsonField [2]jsonText

func (f *jsonField) UnmarshalJSON(b []byte) error {
	var pair []jsonText
	if err := json.Unmarshal(b, &pair); err != nil {
		return err
	}
	if len(pair) != 2 {
		return fmt.Errorf("a header field is [name, value], not %s", b)
	}
	*f = jsonField{pair[0], pair[1]}
	return nil
}

// jsonSHA256 is a SHA-256 digest, in hexadecimal in JSON.
type jsonSHA256 [sha256.Size]byte

func (d jsonSHA256) MarshalText() ([]byte, error) { return hex.AppendEncode(nil, d[:]), nil }

func (d *jsonSHA256) UnmarshalText(b []byte) error {
	if len(b) != hex.EncodedLen(len(d)) {
		return fmt.Errorf("a SHA-256 digest is %d hexadecimal digits, not %q", hex.EncodedLen(len(d)), b)
	}
	if _, err := hex.Decode(d[:], b); err != nil {
		return fmt.Errorf("a SHA-256 digest is hexadecimal, not %q", b)
	}
	return nil
}

// jsonText is a string that may hold any bytes: a JSON string in which the
// bytes that are not UTF-8 are lone surrogate escapes, \udc80 to \udcff,
// as Python's surrogateescape makes them.
type jsonText string

func (t jsonText) MarshalJSON() ([]byte, error) { return jsonQuote(nil, string(t)), nil }

func (t *jsonText) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	s, err := jsonUnquote(b)
	*t = jsonText(s)
	return err
}

const jsonHexDigits = "0123456789abcdef"

// jsonQuote appends s to dst as a JSON string: quote, backslash and
// control characters escaped, a byte that is not part of UTF-8 as the
// surrogate escape \udcXX, the rest as it is (HTML characters included).
func jsonQuote(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			dst = append(append(dst, s[start:i]...), `\udc`...)
			dst = append(dst, jsonHexDigits[c>>4], jsonHexDigits[c&0xf])
		} else if c >= 0x20 && c != '"' && c != '\\' {
			i++
			continue
		} else {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, `\n`...)
			case '\r':
				dst = append(dst, `\r`...)
			case '\t':
				dst = append(dst, `\t`...)
			default:
				dst = append(dst, `\u00`...)
				dst = append(dst, jsonHexDigits[c>>4], jsonHexDigits[c&0xf])
			}
		}
		i++
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}

// jsonUnquote is the inverse of jsonQuote for any JSON string b: escapes
// are decoded as JSON has them, a lone surrogate escape from \udc80 to
// \udcff becomes the byte it stands for, and other lone surrogates and
// bytes that are not UTF-8 become U+FFFD, as encoding/json makes them.
func jsonUnquote(b []byte) (string, error) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", fmt.Errorf("text is a JSON string, not %s", b)
	}
	b = b[1 : len(b)-1]
	if bytes.IndexByte(b, '\\') < 0 && utf8.Valid(b) {
		return string(b), nil
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '\\':
			if i+1 == len(b) {
				return "", errors.New("text ends in a backslash")
			}
			if b[i+1] != 'u' {
				d, ok := jsonEscapes[b[i+1]]
				if !ok {
					return "", fmt.Errorf(`text holds the unknown escape \%c`, b[i+1])
				}
				out = append(out, d)
				i += 2
				continue
			}
			r, ok := jsonHex4(b[i+2:])
			if !ok {
				return "", errors.New(`text holds \u without four hexadecimal digits`)
			}
			i += 6
			switch {
			case r >= 0xdc80 && r <= 0xdcff:
				out = append(out, byte(r-0xdc00))
			case utf16.IsSurrogate(r):
				low, ok := rune(0), false
				if r < 0xdc00 && i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
					low, ok = jsonHex4(b[i+2:])
				}
				if pair := utf16.DecodeRune(r, low); ok && pair != utf8.RuneError {
					out = utf8.AppendRune(out, pair)
					i += 6
				} else {
					out = utf8.AppendRune(out, utf8.RuneError)
				}
			default:
				out = utf8.AppendRune(out, r)
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			out = utf8.AppendRune(out, r)
			i += size
		}
	}
	return string(out), nil
}

// jsonEscapes are JSON's one-character escapes and what they stand for.
var jsonEscapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// jsonHex4 reads the four hexadecimal digits at the start of b.
func jsonHex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}
