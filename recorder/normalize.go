package recorder

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/httpfixture/httpfixture/internal/pytext"
	"github.com/httpfixture/httpfixture/internal/wire"
)

// A Normalizer rewrites an exchange to hide what changes from run to run
// (dates, ports, versions), so that a transcript or a comparison stays
// the same. It is given a copy of an exchange: it may set its fields, but
// the slices (Raw, Body, Header, Interim, Log) still share their arrays
// with the original, so it must replace a slice rather than write into
// it.
//
// The built-in normalizers rewrite the raw bytes and the parsed fields
// alike, so that they still agree: a header value replaced in Raw is
// replaced in Header too, and every other byte of Raw is kept (CRLF or
// LF, spacing, order). When Raw changes length, Size changes by as much;
// when a body the recorder kept whole changes, BodySize and BodySHA256
// are those of the new body. A body the recorder kept only the first
// bytes of (BodySize more than len(Body)) is rewritten in the part that
// was kept, and its BodySize and BodySHA256 are left as recorded: they
// are the original bytes'.
type Normalizer func(*Exchange)

// The placeholders the built-in normalizers write.
const (
	DatePlaceholder         = "<date>"
	PortPlaceholder         = "<port>"
	ClientPortPlaceholder   = "<client-port>"
	ServerPlaceholder       = "<server>"
	LastModifiedPlaceholder = "<last-modified>"
)

// DefaultNormalizers returns the normalizers Golden and AssertGolden
// always apply, in this order: NormalizeDate, NormalizePorts and
// NormalizeTimes. The Server and Last-Modified headers are kept: add
// NormalizeServer and NormalizeLastModified when they vary. Each call
// returns a new slice.
func DefaultNormalizers() []Normalizer {
	return []Normalizer{NormalizeDate(), NormalizePorts(), NormalizeTimes()}
}

// Normalize returns copies of exs with ns applied to each, in order, as
// WriteTranscript applies them: for comparing exchanges with go-cmp. exs
// is not changed.
func Normalize(exs []Exchange, ns ...Normalizer) []Exchange {
	if exs == nil {
		return nil
	}
	out := make([]Exchange, len(exs))
	for i := range exs {
		out[i] = exs[i]
		for _, n := range ns {
			n(&out[i])
		}
	}
	return out
}

// NormalizeDate replaces the value of every Date header field, in the
// request and in every response head (interim ones included), with
// "<date>", and the timestamp of every log line in CPython's format with
// "<date>" too:
//
//	127.0.0.1 - - [21/Nov/2026 16:46:21] "GET / HTTP/1.1" 200 -
//	127.0.0.1 - - [<date>] "GET / HTTP/1.1" 200 -
//
// The timestamp is the one right after the first " - - [", of the form
// "DD/Mon/YYYY HH:MM:SS" and closed by "]"; other log lines are kept.
func NormalizeDate() Normalizer {
	header := ReplaceHeader("Date", DatePlaceholder)
	return func(e *Exchange) {
		header(e)
		e.Log = normEditStrings(e.Log, normLogDate)
	}
}

// normLogDateShape is a log timestamp, "21/Nov/2026 16:46:21": 'd' a digit,
// 'a' an ASCII letter, anything else itself.
const normLogDateShape = "dd/aaa/dddd dd:dd:dd"

// normLogDate replaces the timestamp of a log line.
func normLogDate(line string) string {
	const before = " - - ["
	i := strings.Index(line, before)
	if i < 0 {
		return line
	}
	at := i + len(before)
	rest := line[at:]
	if len(rest) <= len(normLogDateShape) || rest[len(normLogDateShape)] != ']' {
		return line
	}
	for j := 0; j < len(normLogDateShape); j++ {
		c := rest[j]
		switch normLogDateShape[j] {
		case 'd':
			if c < '0' || c > '9' {
				return line
			}
		case 'a':
			if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
				return line
			}
		default:
			if c != normLogDateShape[j] {
				return line
			}
		}
	}
	return line[:at] + DatePlaceholder + rest[len(normLogDateShape):]
}

// NormalizePorts replaces the port of Exchange.Server with "<port>" and
// that of Exchange.Client with "<client-port>", wherever they appear: in
// both fields themselves, in the raw heads and bodies (Host headers,
// Location, CGI environment dumps), in the parsed fields, in the log lines
// and in Error.
//
// A port is replaced where it stands as a number after ':' or '=', not
// followed by another digit: "127.0.0.1:54321", "SERVER_PORT=54321";
// never inside a longer number, nor after a space ("Content-Length:
// 54321" is kept). An address that has no port leaves the exchange as it
// is.
func NormalizePorts() Normalizer {
	return func(e *Exchange) {
		server, client := normAddrPort(e.Server), normAddrPort(e.Client)
		edit := func(s string) string {
			if server != "" {
				s = normReplacePort(s, server, PortPlaceholder)
			}
			if client != "" && client != server {
				s = normReplacePort(s, client, ClientPortPlaceholder)
			}
			return s
		}
		if server != "" || client != "" {
			normEditText(e, edit, edit, edit)
		}
	}
}

// normAddrPort returns the port of a host:port address, "" if it has none.
func normAddrPort(addr string) string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" || strings.Trim(port, "0123456789") != "" {
		return ""
	}
	return port
}

// normReplacePort replaces port where it follows ':' or '=' and no digit
// follows it.
func normReplacePort(s, port, with string) string {
	if !strings.Contains(s, port) {
		return s
	}
	var sb strings.Builder
	last := 0
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], port)
		if j < 0 {
			break
		}
		at, end := i+j, i+j+len(port)
		if at > 0 && (s[at-1] == ':' || s[at-1] == '=') && (end == len(s) || s[end] < '0' || s[end] > '9') {
			sb.WriteString(s[last:at])
			sb.WriteString(with)
			last = end
			i = end
			continue
		}
		i = at + 1
	}
	if last == 0 {
		return s
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// NormalizeTimes sets Start and Duration to zero. Transcripts never show
// them; it is for comparing exchanges with go-cmp (see Normalize).
func NormalizeTimes() Normalizer {
	return func(e *Exchange) {
		e.Start = time.Time{}
		e.Duration = 0
	}
}

// NormalizeServer replaces the value of every Server header field with
// "<server>": for a server whose version string names the Go release
// ("SimpleHTTP/0.6 Go/1.25.1"). Not a default; fixture.WithSysVersion
// fixes the header instead.
func NormalizeServer() Normalizer {
	return ReplaceHeader("Server", ServerPlaceholder)
}

// NormalizeLastModified replaces the value of every Last-Modified header
// field with "<last-modified>": for files whose modification time is
// that of a test's run. Not a default.
func NormalizeLastModified() Normalizer {
	return ReplaceHeader("Last-Modified", LastModifiedPlaceholder)
}

// ReplaceHeader replaces the value of every header field called name
// (compared without regard to case, as Header.Get does) with value: in
// the request head and in every response head, interim ones included,
// both in Raw and in Header. In Raw the value is written in ISO-8859-1
// when it can be (in UTF-8 otherwise), and Header holds what that reads
// back as. The field keeps its name, the spaces after its colon and its
// line ending; a folded value (continued on lines that start with a space
// or tab) is replaced with its continuation lines.
//
// Fields are found in the raw heads as the server reads them: in a
// request, lines end at CRLF, CR or LF, and the header block ends at the
// first line that is not a field, as in Request.Header; in a response,
// lines end at LF and the head at the blank line, as ParseResponse reads
// them.
//
// ReplaceHeader panics if name is empty or holds a colon, a space or a
// control character, or if value holds a CR or LF or starts with a space
// or tab: the result would not read back as that field.
func ReplaceHeader(name, value string) Normalizer {
	if name == "" || strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == ':' || r == 0x7f }) {
		panic(fmt.Sprintf("recorder.ReplaceHeader: %q is not a header name", name))
	}
	if strings.ContainsAny(value, "\r\n") || strings.HasPrefix(value, " ") || strings.HasPrefix(value, "\t") {
		panic(fmt.Sprintf("recorder.ReplaceHeader: value %q would not read back (a line break, or a space or tab first)", value))
	}
	raw, err := pytext.AppendLatin1(nil, value)
	if err != nil {
		raw = []byte(value)
	}
	parsed := pytext.DecodeLatin1(raw)
	return func(e *Exchange) {
		normRequestView(&e.Request).rewrite(func(head []byte) ([]byte, bool) {
			return normReplaceSpans(head, normRequestSpans(head, name), raw)
		}, nil)
		e.Request.Header = normSetHeader(e.Request.Header, name, parsed)
		q := &e.Response
		normResponseView(q).rewrite(func(head []byte) ([]byte, bool) {
			return normReplaceSpans(head, wire.ResponseFieldSpans(head, name), raw)
		}, nil)
		q.Header = normSetHeader(q.Header, name, parsed)
		q.Interim = normEditInterim(q.Interim, func(r *Response) {
			r.Header = normSetHeader(r.Header, name, parsed)
		})
	}
}

// Replace replaces every old with new, as strings.ReplaceAll does: in
// the raw heads and bodies, in the parsed fields, in the log lines, in
// Error, Client and Server. The raw bytes get the bytes of old and new as
// they are (UTF-8); the parsed fields, text decoded from ISO-8859-1, get
// them decoded the same way, so that they still agree with Raw. For a
// temporary directory that shows in a page, say. It panics if old is
// empty.
func Replace(old, new string) Normalizer {
	if old == "" {
		panic("recorder.Replace: old is empty")
	}
	oldL, newL := pytext.DecodeLatin1([]byte(old)), pytext.DecodeLatin1([]byte(new))
	plain := func(s string) string { return strings.ReplaceAll(s, old, new) }
	latin := func(s string) string { return strings.ReplaceAll(s, oldL, newL) }
	return func(e *Exchange) { normEditText(e, plain, latin, plain) }
}

// normEditText rewrites the text of e: raw on the raw heads and bodies (as
// strings of bytes), latin on the parsed fields decoded from ISO-8859-1,
// text on Log, Error, Client and Server.
func normEditText(e *Exchange, raw, latin, text func(string) string) {
	onBytes := func(b []byte) ([]byte, bool) {
		s := raw(string(b))
		if s == string(b) {
			return b, false
		}
		return []byte(s), true
	}
	r := &e.Request
	normRequestView(r).rewrite(onBytes, onBytes)
	r.Line, r.Method, r.Target, r.Version = latin(r.Line), latin(r.Method), latin(r.Target), latin(r.Version)
	r.Header = normEditHeader(r.Header, latin)
	q := &e.Response
	normResponseView(q).rewrite(onBytes, onBytes)
	editHead := func(h *Response) {
		h.StatusLine, h.Version, h.Reason = latin(h.StatusLine), latin(h.Version), latin(h.Reason)
		h.Header = normEditHeader(h.Header, latin)
	}
	editHead(q)
	q.Interim = normEditInterim(q.Interim, editHead)
	e.Log = normEditStrings(e.Log, text)
	e.Error, e.Client, e.Server = text(e.Error), text(e.Client), text(e.Server)
}

// normView is the raw side of a Request or Response.
type normView struct {
	raw, body      *[]byte
	size, bodySize *int64
	sum            *[32]byte
}

func normRequestView(r *Request) normView {
	return normView{&r.Raw, &r.Body, &r.Size, &r.BodySize, &r.BodySHA256}
}

func normResponseView(r *Response) normView {
	return normView{&r.Raw, &r.Body, &r.Size, &r.BodySize, &r.BodySHA256}
}

// rewrite replaces the head of Raw (all before Body) by what editHead
// makes of it and the body by what editBody makes of it, each returning
// a new slice and true, or its argument and false for no change. A nil
// function changes nothing. Raw is rebuilt, never written into; Body is
// the end of the new Raw; Size, BodySize and BodySHA256 follow (see
// Normalizer). A Body that is not the end of Raw (an exchange built by
// hand) is rewritten on its own, and all of Raw as the head.
func (v normView) rewrite(editHead, editBody func([]byte) ([]byte, bool)) {
	raw, body := *v.raw, *v.body
	head, inRaw := raw, bytes.HasSuffix(raw, body)
	if inRaw {
		head = raw[:len(raw)-len(body)]
	}
	newHead, newBody := head, body
	var headChanged, bodyChanged bool
	if editHead != nil {
		newHead, headChanged = editHead(head)
	}
	if editBody != nil && len(body) > 0 {
		newBody, bodyChanged = editBody(body)
	}
	if !headChanged && !bodyChanged {
		return
	}
	whole := *v.bodySize <= int64(len(body))
	if inRaw {
		nr := make([]byte, 0, len(newHead)+len(newBody))
		nr = append(append(nr, newHead...), newBody...)
		*v.size += int64(len(nr) - len(raw))
		*v.raw = nr
		newBody = nr[len(newHead):]
	} else if headChanged {
		*v.size += int64(len(newHead) - len(raw))
		*v.raw = newHead
	}
	if !bodyChanged {
		if len(newBody) > 0 {
			*v.body = newBody // the same bytes, now in the new Raw
		}
		return
	}
	if len(newBody) == 0 {
		newBody = nil
	}
	*v.body = newBody
	if whole {
		*v.bodySize = int64(len(newBody))
		*v.sum = sha256.Sum256(newBody)
	}
}

// normReplaceSpans returns b with each span, in order and apart, replaced by
// with; b itself and false if there are none.
func normReplaceSpans(b []byte, spans [][2]int, with []byte) ([]byte, bool) {
	if len(spans) == 0 {
		return b, false
	}
	out := make([]byte, 0, len(b)+len(spans)*len(with))
	last := 0
	for _, s := range spans {
		out = append(out, b[last:s[0]]...)
		out = append(out, with...)
		last = s[1]
	}
	return append(out, b[last:]...), true
}

// normRequestSpans returns where the values of the fields called name
// are in a request head (request line, header block): as
// email.parser reads the block for http.server, lines ending at CRLF, CR
// or LF, the block ending at the first line that is neither a field nor
// a continuation, a value running over its continuation lines, without
// the spaces and tabs that start it and the CRs and LFs that end it.
func normRequestSpans(head []byte, name string) [][2]int {
	i := bytes.IndexByte(head, '\n')
	if i < 0 {
		return nil
	}
	var spans [][2]int
	var have, match bool
	var valStart, valEnd int
	flush := func() {
		if have && match {
			s, e := valStart, valEnd
			for s < e && (head[s] == ' ' || head[s] == '\t') {
				s++
			}
			for e > s && (head[e-1] == '\r' || head[e-1] == '\n') {
				e--
			}
			spans = append(spans, [2]int{s, e})
		}
		have = false
	}
	for pos := i + 1; pos < len(head); {
		line := wire.NextLine(head[pos:])
		start := pos
		pos += len(line)
		if !wire.IsHeaderLine(line) {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if have {
				valEnd = pos
			}
			continue
		}
		flush()
		if bytes.HasPrefix(line, []byte("From ")) {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon == 0 {
			continue
		}
		have, valStart, valEnd = true, start+colon+1, pos
		match = strings.EqualFold(pytext.DecodeLatin1(line[:colon]), name)
	}
	flush()
	return spans
}

// normSetHeader returns h with the value of every field called name set to
// value: h itself when none changes, a new Header otherwise.
func normSetHeader(h Header, name, value string) Header {
	return normEditFields(h, func(f Field) Field {
		if strings.EqualFold(f.Name, name) {
			f.Value = value
		}
		return f
	})
}

// normEditHeader returns h with f applied to every name and value.
func normEditHeader(h Header, f func(string) string) Header {
	return normEditFields(h, func(fl Field) Field { return Field{f(fl.Name), f(fl.Value)} })
}

// normEditFields returns h with f applied to every field: h itself when
// none changes, a new Header otherwise.
func normEditFields(h Header, f func(Field) Field) Header {
	var out Header
	for i, fl := range h {
		nf := f(fl)
		if nf == fl && out == nil {
			continue
		}
		if out == nil {
			out = slices.Clone(h)
		}
		out[i] = nf
	}
	if out == nil {
		return h
	}
	return out
}

// normEditInterim returns rs with f applied to a copy of each: rs itself
// when none changes, a new slice otherwise.
func normEditInterim(rs []Response, f func(*Response)) []Response {
	var out []Response
	for i := range rs {
		r := rs[i]
		f(&r)
		if out == nil && normHeadEqual(r, rs[i]) {
			continue
		}
		if out == nil {
			out = slices.Clone(rs)
		}
		out[i] = r
	}
	if out == nil {
		return rs
	}
	return out
}

// normHeadEqual compares the head fields an edit may change.
func normHeadEqual(a, b Response) bool {
	return a.StatusLine == b.StatusLine && a.Version == b.Version && a.Reason == b.Reason &&
		slices.Equal(a.Header, b.Header)
}

// normEditStrings returns ss with f applied to each: ss itself when none
// changes, a new slice otherwise.
func normEditStrings(ss []string, f func(string) string) []string {
	var out []string
	for i, s := range ss {
		ns := f(s)
		if ns == s && out == nil {
			continue
		}
		if out == nil {
			out = slices.Clone(ss)
		}
		out[i] = ns
	}
	if out == nil {
		return ss
	}
	return out
}
