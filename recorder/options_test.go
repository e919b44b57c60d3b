package recorder_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/httpfixture/httpfixture/recorder"
)

func TestOptions(t *testing.T) {
	base := recorder.Exchange{
		Conn: 1, Seq: 1, Client: "127.0.0.1:40000", Server: "127.0.0.1:8000",
		Start: time.Unix(1, 0), Duration: time.Millisecond,
		Request: recorder.Request{
			Raw:    []byte("GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n"),
			Header: recorder.Header{{"Host", "127.0.0.1:8000"}},
		},
		Response: recorder.Response{
			Raw:    []byte("HTTP/1.0 200 OK\r\nServer: S/1\r\nDate: d1\r\nLast-Modified: m1\r\nContent-type: text/plain\r\n\r\n"),
			Code:   200,
			Header: recorder.Header{{"Server", "S/1"}, {"Date", "d1"}, {"Last-Modified", "m1"}, {"Content-type", "text/plain"}},
		},
	}
	change := func(f func(e *recorder.Exchange)) recorder.Exchange {
		e := base
		e.Request.Header = append(recorder.Header(nil), base.Request.Header...)
		e.Response.Header = append(recorder.Header(nil), base.Response.Header...)
		e.Request.Raw = append([]byte(nil), base.Request.Raw...)
		e.Response.Raw = append([]byte(nil), base.Response.Raw...)
		e.Response.Raw[0] = 'h' // any raw difference
		f(&e)
		return e
	}
	for _, tc := range []struct {
		name  string
		other recorder.Exchange
		opts  []cmp.Option
		equal bool
	}{
		{"date, compared", change(func(e *recorder.Exchange) { e.Response.Header[1].Value = "d2" }), nil, false},
		{"date, ignored", change(func(e *recorder.Exchange) { e.Response.Header[1].Value = "d2" }), []cmp.Option{recorder.IgnoreDate()}, true},
		{"date ignored, server not", change(func(e *recorder.Exchange) { e.Response.Header[0].Value = "S/2" }), []cmp.Option{recorder.IgnoreDate()}, false},
		{"server", change(func(e *recorder.Exchange) { e.Response.Header[0].Value = "S/2" }), []cmp.Option{recorder.IgnoreServer()}, true},
		{"last-modified, any case", change(func(e *recorder.Exchange) { e.Response.Header[2].Value = "m2" }), []cmp.Option{recorder.IgnoreHeader("last-MODIFIED")}, true},
		{"ignored field still has to be there", change(func(e *recorder.Exchange) { e.Response.Header = e.Response.Header[:1] }), []cmp.Option{recorder.IgnoreDate()}, false},
		{"all three", change(func(e *recorder.Exchange) {
			e.Response.Header[0].Value, e.Response.Header[1].Value, e.Response.Header[2].Value = "a", "b", "c"
		}), []cmp.Option{recorder.IgnoreDate(), recorder.IgnoreServer(), recorder.IgnoreLastModified()}, true},
		{"times", change(func(e *recorder.Exchange) { e.Start, e.Duration = time.Unix(2, 0), time.Second }), []cmp.Option{recorder.IgnoreRaw(), recorder.IgnoreTimes()}, true},
		{"times, compared", change(func(e *recorder.Exchange) { e.Duration = time.Second }), []cmp.Option{recorder.IgnoreRaw()}, false},
		{"ports", change(func(e *recorder.Exchange) {
			e.Client, e.Server, e.Request.Header[0].Value = "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:2"
		}), []cmp.Option{recorder.IgnorePorts()}, true},
		{"ports, other host", change(func(e *recorder.Exchange) { e.Server = "127.0.0.2:8000" }), []cmp.Option{recorder.IgnorePorts()}, false},
		{"raw", change(func(*recorder.Exchange) {}), nil, false},
		{"raw, ignored", change(func(*recorder.Exchange) {}), []cmp.Option{recorder.IgnoreRaw()}, true},
		{"order", change(func(e *recorder.Exchange) { h := e.Response.Header; h[0], h[3] = h[3], h[0] }), []cmp.Option{recorder.IgnoreRaw()}, false},
		{"order, ignored", change(func(e *recorder.Exchange) { h := e.Response.Header; h[0], h[3] = h[3], h[0] }), []cmp.Option{recorder.IgnoreRaw(), recorder.IgnoreHeaderOrder()}, true},
		{"case", change(func(e *recorder.Exchange) { e.Response.Header[3].Name = "Content-Type" }), []cmp.Option{recorder.IgnoreRaw()}, false},
		{"case, ignored", change(func(e *recorder.Exchange) { e.Response.Header[3].Name = "Content-Type" }), []cmp.Option{recorder.IgnoreRaw(), recorder.IgnoreHeaderCase()}, true},
		{"order and case, with a date", change(func(e *recorder.Exchange) {
			h := e.Response.Header
			h[3].Name = "CONTENT-TYPE"
			h[1].Value = "d9"
			h[0], h[3] = h[3], h[0]
		}), []cmp.Option{recorder.IgnoreHeaderOrder(), recorder.IgnoreHeaderCase(), recorder.IgnoreDate()}, true},
	} {
		if got := cmp.Equal(base, tc.other, tc.opts...); got != tc.equal {
			t.Errorf("%s: cmp.Equal = %v; want %v; diff:\n%s", tc.name, got, tc.equal, cmp.Diff(base, tc.other, tc.opts...))
		}
	}
	// The options work on parts of an exchange too.
	h := recorder.Header{{"Date", "x"}, {"Server", "y"}}
	if !cmp.Equal(h, recorder.Header{{"server", "z"}, {"DATE", "w"}}, recorder.IgnoreHeader("Date", "Server"), recorder.IgnoreHeaderOrder(), recorder.IgnoreHeaderCase()) {
		t.Error("headers differing in order, case and ignored values are not equal")
	}
}

func TestNormalized(t *testing.T) {
	a := recorder.Exchange{Response: recorder.Response{
		Raw:    []byte("HTTP/1.0 200 OK\r\nDate: Sat, 21 Nov 2026 16:46:21 GMT\r\n\r\n"),
		Header: recorder.Header{{"Date", "Sat, 21 Nov 2026 16:46:21 GMT"}},
	}}
	b := recorder.Exchange{Response: recorder.Response{
		Raw:    []byte("HTTP/1.0 200 OK\r\nDate: Sat, 21 Nov 2026 16:46:22 GMT\r\n\r\n"),
		Header: recorder.Header{{"Date", "Sat, 21 Nov 2026 16:46:22 GMT"}},
	}}
	if cmp.Equal(a, b) || !cmp.Equal(a, b, recorder.Normalized(recorder.NormalizeDate())) {
		t.Errorf("Normalized(NormalizeDate()): want exchanges that differ only in the Date equal, and unequal without it")
	}
	b.Response.Raw[len(b.Response.Raw)-4] = ' ' // the raw bytes differ beyond the date
	if cmp.Equal(a, b, recorder.Normalized(recorder.NormalizeDate())) {
		t.Errorf("Normalized ignores a difference in Raw outside the normalised value")
	}
}
