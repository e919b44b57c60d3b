// Package recorder keeps what went over the wire between a fixture server
// and its clients: one Exchange per request, with the raw bytes in both
// directions and their parsed form.
//
// Exchanges are plain data: compare them with go-cmp, print them, keep them.
// A Recorder is safe for concurrent use; the server adds to it while tests
// read from it.
package recorder

import (
	"crypto/sha256"
	"strings"
	"sync"
	"time"
)

// Exchange is one request and the server's answer to it, as they went over
// the connection. Malformed requests, HTTP/0.9 requests and requests whose
// connection broke are exchanges too.
type Exchange struct {
	// Conn numbers the server's connections from 1, in order of acceptance.
	Conn int
	// Seq numbers the exchanges of one connection from 1.
	Seq int
	// Client is the client's address, "127.0.0.1:54321"; Server is the
	// address it connected to, "127.0.0.1:8000".
	Client string
	Server string
	// TLS is the TLS version the connection spoke, "TLS 1.3", or "" for
	// plain TCP. Raw bytes are the plaintext either way.
	TLS string
	// Start is when the request line had been read; Duration runs from
	// there until the response was complete.
	Start    time.Time
	Duration time.Duration

	Request  Request
	Response Response

	// Log holds the log lines the server wrote for this exchange, in
	// CPython's format, without the trailing newline.
	Log []string
	// Error says why the exchange did not complete normally: the client
	// went away, a timeout, a malformed request, a handler that failed.
	// Empty when it completed.
	Error string
	// Fault describes the wire fault the server applied to this exchange
	// (fixture.WithFaults), with the random choices it made: "delay
	// 137ms", "truncate after 100 body bytes". Empty when none. A fault
	// that cut the answer short also sets Error.
	Fault string
}

// Request is the client's side of an exchange.
type Request struct {
	// Raw is the bytes read for this request: request line, header block
	// and whatever body the handler read, up to the recorder's limit.
	Raw []byte
	// Size is the number of bytes read, which may exceed len(Raw).
	Size int64
	// Line is the request line as CPython keeps it (requestline): decoded
	// from ISO-8859-1, trailing CR and LF removed.
	Line string
	// Method, Target and Version are the words of a well-formed line
	// (command, path and request_version); Method is "" otherwise.
	Method  string
	Target  string
	Version string
	// Header holds the header fields in the order sent, names as sent.
	Header Header
	// Body is the part of Raw after the header block: the body, or its
	// first bytes when the body outgrew the recorder's limit.
	Body []byte
	// BodySize and BodySHA256 are the length and SHA-256 digest of all
	// of the body read, however much of it Body holds.
	BodySize   int64
	BodySHA256 [32]byte
}

// Response is the server's side of an exchange.
type Response struct {
	// Raw is the bytes written for this exchange, interim 100 Continue
	// responses included, the body up to the recorder's limit.
	Raw []byte
	// Size is the number of bytes written, which may exceed len(Raw).
	Size int64
	// Interim holds informational (1xx) responses sent before the final
	// one, such as "HTTP/1.1 100 Continue"; their Raw and Body are empty.
	Interim []Response
	// StatusLine is the first line without CRLF, "" for an answer in
	// HTTP/0.9 style (body only).
	StatusLine string
	// Version, Code and Reason are the parts of StatusLine.
	Version string
	Code    int
	Reason  string
	Header  Header
	// Body is what followed the header block (the whole answer in HTTP/0.9
	// style), or its first bytes when the body outgrew the recorder's
	// limit.
	Body []byte
	// BodySize and BodySHA256 are the length and SHA-256 digest of all
	// of the body written, however much of it Body holds. They are zero
	// in Interim responses.
	BodySize   int64
	BodySHA256 [32]byte
}

// Field is one header field.
type Field struct {
	Name  string
	Value string
}

// Header is an ordered list of fields, duplicates and case as sent.
type Header []Field

// Get returns the value of the first field named name, compared without
// regard to ASCII case, as email.message.Message.get does; "" if none.
func (h Header) Get(name string) string {
	v, _ := h.Lookup(name)
	return v
}

// Lookup is Get that also says whether the field was present.
func (h Header) Lookup(name string) (string, bool) {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// Values returns the values of all fields named name, in order.
func (h Header) Values(name string) []string {
	var vs []string
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// Recorder is the journal of a server's exchanges, in the order they were
// recorded: as each response was complete, before its last bytes reached
// the client.
//
// A Recorder is safe for concurrent use. The server adds exchanges from
// each connection's goroutine while a test reads; every query returns
// copies taken under the lock, so what it returns never changes under
// the caller (the byte slices in them are shared and must not be
// modified). An exchange is in the recorder before its client has read
// all of its answer, so a test that got a response can query for it
// without waiting; a test that did not (a client in another goroutine, a
// request that got no answer) waits with Wait or WaitFor. A failure
// noticed after the exchange was recorded, such as the client going away
// before the last byte was sent, is noted in its Error later.
type Recorder struct {
	mu    sync.Mutex
	ex    []*Exchange
	spare []Exchange // allocated and not yet used
	// changed is closed whenever an exchange is added or amended, to wake
	// those waiting; nil while nobody waits.
	changed chan struct{}
}

// New returns an empty Recorder.
func New() *Recorder { return &Recorder{} }

// Add appends e and returns a function that changes the stored copy
// later, under the recorder's lock. The server records an exchange as
// soon as its response is complete, before the last bytes reach the
// client, so that a client that has read the answer always finds it here;
// the function notes a failure that came after.
//
// e may be partial, as the server gives it, which pays for parsing and
// digests only when a test looks: the recorder completes it (see
// Exchange.Complete) when it is first read.
func (r *Recorder) Add(e Exchange) (amend func(func(*Exchange))) {
	r.mu.Lock()
	if len(r.spare) == 0 {
		r.spare = make([]Exchange, entryBlock)
	}
	p := &r.spare[0]
	r.spare = r.spare[1:]
	*p = e
	r.ex = append(r.ex, p)
	r.wake()
	r.mu.Unlock()
	return func(f func(*Exchange)) {
		r.mu.Lock()
		f(p)
		r.wake()
		r.mu.Unlock()
	}
}

// entryBlock is how many exchanges the recorder allocates at a time.
const entryBlock = 32

// get returns a copy of the stored exchange p, complete; the recorder's
// lock is held.
func get(p *Exchange) Exchange {
	p.Complete()
	return *p
}

// Complete fills in what a server may leave for later, and does nothing
// to an exchange that is complete. A Response with Raw and nothing parsed
// (no StatusLine, Interim, Header or Body) is parsed from Raw by
// ParseResponse, in HTTP/0.9 style when Request.Version is "HTTP/0.9",
// keeping its Size, BodySize and BodySHA256. A request or response whose
// BodySHA256 is zero has its body kept whole: BodySize and BodySHA256 are
// set from Body.
func (e *Exchange) Complete() {
	if q := &e.Response; len(q.Raw) > 0 && q.StatusLine == "" && q.Interim == nil && q.Header == nil && q.Body == nil {
		r := ParseResponse(q.Raw, e.Request.Version == "HTTP/0.9")
		r.Size, r.BodySize, r.BodySHA256 = q.Size, q.BodySize, q.BodySHA256
		*q = r
	}
	fillDigest(e.Request.Body, &e.Request.BodySize, &e.Request.BodySHA256)
	fillDigest(e.Response.Body, &e.Response.BodySize, &e.Response.BodySHA256)
}

// fillDigest sets the size and digest of a body kept whole.
func fillDigest(body []byte, size *int64, sum *[32]byte) {
	if *sum == [32]byte{} {
		*size, *sum = int64(len(body)), sha256.Sum256(body)
	}
}

// wake tells the waiters something changed; r.mu is held.
func (r *Recorder) wake() {
	if r.changed != nil {
		close(r.changed)
		r.changed = nil
	}
}

// waitChan returns the channel the next change closes; r.mu is held.
func (r *Recorder) waitChan() chan struct{} {
	if r.changed == nil {
		r.changed = make(chan struct{})
	}
	return r.changed
}

// Exchanges returns a copy of every exchange recorded so far.
func (r *Recorder) Exchanges() []Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Exchange, len(r.ex))
	for i, p := range r.ex {
		out[i] = get(p)
	}
	return out
}

// Len returns the number of exchanges recorded so far.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ex)
}

// Reset forgets every exchange recorded so far, for a test that checks
// its phases one by one. Connection numbers go on from where they were.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.ex = nil
	r.wake()
	r.mu.Unlock()
}
