package recorder

import (
	"crypto/sha256"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHeader(t *testing.T) {
	h := Header{{"Host", "a"}, {"X-Dup", "1"}, {"x-dup", "2"}, {"Empty", ""}}
	if got := h.Get("X-DUP"); got != "1" {
		t.Errorf("Get(%q) = %q; want %q", "X-DUP", got, "1")
	}
	if got := h.Values("x-Dup"); !cmp.Equal(got, []string{"1", "2"}) {
		t.Errorf("Values(%q) = %q; want [1 2]", "x-Dup", got)
	}
	if v, ok := h.Lookup("Empty"); v != "" || !ok {
		t.Errorf("Lookup(%q) = %q, %v; want \"\", true", "Empty", v, ok)
	}
	if v, ok := h.Lookup("Missing"); v != "" || ok {
		t.Errorf("Lookup(%q) = %q, %v; want \"\", false", "Missing", v, ok)
	}
	if got := h.Values("Missing"); got != nil {
		t.Errorf("Values(%q) = %q; want nil", "Missing", got)
	}
}

func TestRecorder(t *testing.T) {
	r := New()
	if n := r.Len(); n != 0 {
		t.Fatalf("Len() = %d; want 0", n)
	}
	amend := r.Add(Exchange{Conn: 1, Seq: 1})
	r.Add(Exchange{Conn: 1, Seq: 2})
	got := r.Exchanges()
	got[0].Error = "changed by the caller"
	amend(func(e *Exchange) { e.Error = "client went away" })
	// The digests of the (empty) bodies are filled in when read.
	empty := sha256.Sum256(nil)
	want := []Exchange{
		{Conn: 1, Seq: 1, Error: "client went away", Request: Request{BodySHA256: empty}, Response: Response{BodySHA256: empty}},
		{Conn: 1, Seq: 2, Request: Request{BodySHA256: empty}, Response: Response{BodySHA256: empty}},
	}
	if diff := cmp.Diff(want, r.Exchanges()); diff != "" {
		t.Errorf("Exchanges() mismatch (-want +got):\n%s", diff)
	}
}

// TestRecorderConcurrent is for the race detector.
func TestRecorderConcurrent(t *testing.T) {
	r := New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := range 100 {
				amend := r.Add(Exchange{Conn: i, Seq: j})
				amend(func(e *Exchange) { e.Error = "x" })
			}
		}()
		go func() {
			defer wg.Done()
			for range 100 {
				_ = r.Exchanges()
				_ = r.Len()
			}
		}()
	}
	wg.Wait()
	if n := r.Len(); n != 800 {
		t.Errorf("Len() = %d; want 800", n)
	}
}

// TestComplete: a partial exchange, as a server records it, is parsed and
// digested; a complete one is left as it is.
func TestComplete(t *testing.T) {
	raw := []byte("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi")
	e := Exchange{Request: Request{Version: "HTTP/1.0"}, Response: Response{Raw: raw, Size: 99}}
	e.Complete()
	want := ParseResponse(raw, false)
	want.Size, want.BodySize, want.BodySHA256 = 99, 2, sha256.Sum256([]byte("hi"))
	if diff := cmp.Diff(want, e.Response); diff != "" {
		t.Errorf("Complete: response (-want +got):\n%s", diff)
	}
	if e.Request.BodySHA256 != sha256.Sum256(nil) {
		t.Errorf("Complete: request digest %x; want that of no bytes", e.Request.BodySHA256)
	}
	before := e
	e.Complete()
	if diff := cmp.Diff(before, e); diff != "" {
		t.Errorf("Complete of a complete exchange changed it (-before +after):\n%s", diff)
	}
	// HTTP/0.9: all of Raw is the body.
	e = Exchange{Request: Request{Version: "HTTP/0.9"}, Response: Response{Raw: raw}}
	e.Complete()
	if string(e.Response.Body) != string(raw) || e.Response.StatusLine != "" {
		t.Errorf("Complete of an HTTP/0.9 answer: body %q, status line %q; want all of raw, none", e.Response.Body, e.Response.StatusLine)
	}
}
