package recorder

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// harModule is the module the HAR creator's version is looked up for.
const harModule = "github.com/httpfixture/httpfixture"

// harTime is ISO 8601 with milliseconds and the zone offset, as HAR's
// dates are written.
const harTime = "2006-01-02T15:04:05.000Z07:00"

// WriteHAR writes exs to w as an HTTP Archive, HAR 1.2, that browser
// developer tools and HAR viewers open: one entry per exchange, in the
// order given (Recorder.Exchanges gives them in the order they
// completed), no pages.
//
// An entry holds what HAR has room for. The request's url is absolute:
// "http://" ("https://" for an exchange over TLS), the Host header (or the address connected to, when there is
// none or it is no host), and the target, with the bytes a URL cannot
// hold percent-encoded; a target that is an absolute URL is used as it
// is. Text that is not UTF-8 is replaced there by U+FFFD: HAR, unlike
// MarshalJSON's form, is for reading, not for reading back. Bodies are
// text when they are UTF-8, base64 otherwise (content.encoding
// "base64"; for a request, whose postData has no such field,
// "_encoding": "base64"). headersSize counts the bytes before the body,
// a response's 1xx interim responses included. time and timings.wait
// are the exchange's Duration in milliseconds; send and receive are 0,
// and what is not known is -1, as HAR asks. A request without a method
// (a malformed one) still has an entry, method "", and the exchange's
// Error, if any, is the entry's comment, followed by "fault: " and its
// Fault, if any ("; " between them when both are set).
//
// Fields that are not HAR's start with an underscore, as HAR asks:
// request and response "_bodySha256" (BodySHA256 in hexadecimal) and
// "_truncated" (true when the recorder kept only the first bytes of the
// body: text then holds those, bodySize counts all), and the entry's
// "_log" (Log) and "_fault" (Fault, the wire fault the server applied).
func WriteHAR(w io.Writer, exs []Exchange) error {
	h := harFile{Log: harLog{
		Version: "1.2",
		Creator: harCreator{Name: "httpfixture", Version: harCreatorVersion()},
		Entries: make([]harEntry, len(exs)),
	}}
	for i, e := range exs {
		h.Log.Entries[i] = harEntryOf(e)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(h); err != nil {
		return fmt.Errorf("recorder: WriteHAR: %w", err)
	}
	return nil
}

// harCreatorVersion is the version of this module in the running program,
// "(devel)" when it is built from a work tree without one.
var harCreatorVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	if bi.Main.Path == harModule && bi.Main.Version != "" {
		return bi.Main.Version
	}
	for _, m := range bi.Deps {
		if m.Path == harModule {
			if m.Replace != nil && m.Replace.Version != "" {
				return m.Replace.Version
			}
			return m.Version
		}
	}
	return "(devel)"
})

type harFile struct {
	Log harLog `json:"log"`
}

type harLog struct {
	Version string     `json:"version"`
	Creator harCreator `json:"creator"`
	Entries []harEntry `json:"entries"`
}

type harCreator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type harEntry struct {
	StartedDateTime string      `json:"startedDateTime"`
	Time            float64     `json:"time"`
	Request         harRequest  `json:"request"`
	Response        harResponse `json:"response"`
	Cache           struct{}    `json:"cache"`
	Timings         harTimings  `json:"timings"`
	ServerIPAddress string      `json:"serverIPAddress,omitempty"`
	Connection      string      `json:"connection,omitempty"`
	Comment         string      `json:"comment,omitempty"`
	Log             []string    `json:"_log,omitempty"`
	Fault           string      `json:"_fault,omitempty"`
}

type harRequest struct {
	Method      string       `json:"method"`
	URL         string       `json:"url"`
	HTTPVersion string       `json:"httpVersion"`
	Cookies     []harCookie  `json:"cookies"`
	Headers     []harPair    `json:"headers"`
	QueryString []harPair    `json:"queryString"`
	PostData    *harPostData `json:"postData,omitempty"`
	harSizes
}

type harResponse struct {
	Status      int         `json:"status"`
	StatusText  string      `json:"statusText"`
	HTTPVersion string      `json:"httpVersion"`
	Cookies     []harCookie `json:"cookies"`
	Headers     []harPair   `json:"headers"`
	Content     harContent  `json:"content"`
	RedirectURL string      `json:"redirectURL"`
	harSizes
}

// harSizes are the sizes of a request or a response and our fields about
// its body.
type harSizes struct {
	HeadersSize int64  `json:"headersSize"`
	BodySize    int64  `json:"bodySize"`
	BodySHA256  string `json:"_bodySha256,omitempty"`
	Truncated   bool   `json:"_truncated,omitempty"`
}

// harPair is a header or a query parameter.
type harPair struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harCookie struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Path     string `json:"path,omitempty"`
	Domain   string `json:"domain,omitempty"`
	Expires  string `json:"expires,omitempty"`
	HTTPOnly bool   `json:"httpOnly,omitempty"`
	Secure   bool   `json:"secure,omitempty"`
}

type harPostData struct {
	MimeType string `json:"mimeType"`
	Text     string `json:"text"`
	Encoding string `json:"_encoding,omitempty"`
}

type harContent struct {
	Size     int64  `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
	Encoding string `json:"encoding,omitempty"`
}

type harTimings struct {
	Blocked float64 `json:"blocked"`
	DNS     float64 `json:"dns"`
	Connect float64 `json:"connect"`
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
	SSL     float64 `json:"ssl"`
}

func harEntryOf(e Exchange) harEntry {
	ms := float64(e.Duration) / float64(time.Millisecond)
	entry := harEntry{
		StartedDateTime: e.Start.Format(harTime),
		Time:            ms,
		Request:         harRequestOf(e),
		Response:        harResponseOf(e.Response),
		Timings:         harTimings{Blocked: -1, DNS: -1, Connect: -1, Wait: ms, SSL: -1},
		Comment:         e.Error,
		Log:             e.Log,
		Fault:           e.Fault,
	}
	if e.Fault != "" {
		entry.Comment = strings.TrimPrefix(entry.Comment+"; fault: "+e.Fault, "; ")
	}
	if ap, err := netip.ParseAddrPort(e.Server); err == nil {
		entry.ServerIPAddress = ap.Addr().WithZone("").String()
	}
	if e.Conn != 0 {
		entry.Connection = strconv.Itoa(e.Conn)
	}
	return entry
}

func harRequestOf(e Exchange) harRequest {
	r := e.Request
	req := harRequest{
		Method:      r.Method,
		URL:         harURL(e),
		HTTPVersion: r.Version,
		Cookies:     []harCookie{},
		Headers:     harHeaders(r.Header),
		QueryString: harQuery(r.Target),
		harSizes:    harSizesOf(r.Size, r.Body, r.BodySize, r.BodySHA256),
	}
	for _, v := range r.Header.Values("Cookie") {
		for _, c := range strings.Split(v, ";") {
			if name, value, _ := strings.Cut(strings.TrimSpace(c), "="); name != "" {
				req.Cookies = append(req.Cookies, harCookie{Name: name, Value: value})
			}
		}
	}
	if r.Body != nil || r.BodySize > 0 {
		text, encoding := harText(r.Body)
		req.PostData = &harPostData{MimeType: r.Header.Get("Content-Type"), Text: text, Encoding: encoding}
	}
	return req
}

func harResponseOf(r Response) harResponse {
	resp := harResponse{
		Status:      r.Code,
		StatusText:  r.Reason,
		HTTPVersion: r.Version,
		Cookies:     []harCookie{},
		Headers:     harHeaders(r.Header),
		Content:     harContent{Size: r.BodySize, MimeType: r.Header.Get("Content-Type")},
		RedirectURL: r.Header.Get("Location"),
		harSizes:    harSizesOf(r.Size, r.Body, r.BodySize, r.BodySHA256),
	}
	if resp.HTTPVersion == "" {
		resp.HTTPVersion = "HTTP/0.9" // no status line: an answer in HTTP/0.9 style
	}
	resp.Content.Text, resp.Content.Encoding = harText(r.Body)
	for _, v := range r.Header.Values("Set-Cookie") {
		resp.Cookies = append(resp.Cookies, harSetCookie(v))
	}
	return resp
}

func harSizesOf(size int64, body []byte, bodySize int64, sum [32]byte) harSizes {
	s := harSizes{HeadersSize: size - bodySize, BodySize: bodySize, Truncated: int64(len(body)) < bodySize}
	if s.HeadersSize < 0 {
		s.HeadersSize = -1
	}
	if sum != ([32]byte{}) {
		s.BodySHA256 = hex.EncodeToString(sum[:])
	}
	return s
}

// harText is body as HAR text: itself when it is UTF-8, else base64 and
// the encoding "base64".
func harText(body []byte) (text, encoding string) {
	if utf8.Valid(body) {
		return string(body), ""
	}
	return base64.StdEncoding.EncodeToString(body), "base64"
}

func harHeaders(h Header) []harPair {
	out := make([]harPair, len(h))
	for i, f := range h {
		out[i] = harPair{f.Name, f.Value}
	}
	return out
}

// harQuery is the target's query as url.ParseQuery reads it, in order:
// pairs split at "&", then at the first "=", both unescaped; a pair with
// ";" or a bad escape is left out, as ParseQuery leaves it out.
func harQuery(target string) []harPair {
	out := []harPair{}
	_, query, _ := strings.Cut(target, "?")
	query, _, _ = strings.Cut(query, "#")
	for _, kv := range strings.Split(query, "&") {
		if kv == "" || strings.Contains(kv, ";") {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 == nil && err2 == nil {
			out = append(out, harPair{k, v})
		}
	}
	return out
}

// harSetCookie reads a Set-Cookie value simply: name=value, then the
// attributes HAR has.
func harSetCookie(v string) harCookie {
	parts := strings.Split(v, ";")
	name, value, _ := strings.Cut(parts[0], "=")
	c := harCookie{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)}
	for _, attr := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(attr), "=")
		switch v = strings.TrimSpace(v); strings.ToLower(strings.TrimSpace(k)) {
		case "path":
			c.Path = v
		case "domain":
			c.Domain = v
		case "expires":
			if t, err := http.ParseTime(v); err == nil {
				c.Expires = t.Format(harTime)
			}
		case "httponly":
			c.HTTPOnly = true
		case "secure":
			c.Secure = true
		}
	}
	return c
}

// harURL is the request's absolute URL, without a fragment: the target
// itself when it is an absolute http or https URL with a valid host.
func harURL(e Exchange) string {
	target, _, _ := strings.Cut(e.Request.Target, "#")
	scheme, host := "http://", ""
	if e.TLS != "" {
		scheme = "https://"
	}
	for _, s := range []string{"http://", "https://"} {
		if len(target) >= len(s) && strings.EqualFold(target[:len(s)], s) {
			rest := target[len(s):]
			end := strings.IndexAny(rest, "/?")
			if end < 0 {
				end = len(rest)
			}
			if harIsHost(rest[:end]) {
				scheme, host, target = s, rest[:end], rest[end:]
			}
		}
	}
	if host == "" {
		host = harHost(e)
	}
	if !strings.HasPrefix(target, "/") {
		target = "/" + target
	}
	return scheme + host + harEscapeURL(target)
}

// harHost is the Host header when it is a host with an optional port,
// else the address connected to.
func harHost(e Exchange) string {
	if h := e.Request.Header.Get("Host"); harIsHost(h) {
		return h
	}
	if ap, err := netip.ParseAddrPort(e.Server); err == nil {
		return netip.AddrPortFrom(ap.Addr().WithZone(""), ap.Port()).String()
	}
	return "localhost"
}

// harIsHost reports whether h is a URL's host and port: a registered name
// or an address, in the characters RFC 3986 allows there.
func harIsHost(h string) bool {
	for i := 0; i < len(h); i++ {
		if c := h[i]; !harUnreserved(c) && !strings.ContainsRune("!$&'()*+,;=:[]", rune(c)) {
			return false
		}
	}
	u, err := url.Parse("http://" + h)
	return h != "" && err == nil && u.Host == h
}

func harUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0
}

// harEscapeURL percent-encodes the bytes of s, a path and query as they
// went over the wire (ISO-8859-1), that a URL cannot hold there, and a
// "%" not followed by two hexadecimal digits.
func harEscapeURL(s string) string {
	b, err := pytext.AppendLatin1(nil, s)
	if err != nil {
		b = []byte(s) // not from the wire: its UTF-8
	}
	var out strings.Builder
	for i, c := range b {
		switch {
		case harUnreserved(c) || strings.IndexByte(":/?@!$&'()*+,;=", c) >= 0,
			c == '%' && i+2 < len(b) && harIsHex(b[i+1]) && harIsHex(b[i+2]):
			out.WriteByte(c)
		default:
			fmt.Fprintf(&out, "%%%02X", c)
		}
	}
	return out.String()
}

func harIsHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
