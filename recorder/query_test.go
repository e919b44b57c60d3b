package recorder_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gotest.tools/v3/assert"
	"gotest.tools/v3/poll"

	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/internal/leaktest"
	"github.com/httpfixture/httpfixture/recorder"
)

// served starts a keep-alive server over a small tree and makes four
// requests on one connection and one on a second.
func served(t *testing.T) (*fixture.Server, *recorder.Recorder) {
	t.Helper()
	srv := fixture.New(t, hfstest.Map(t, hfstest.WithFile("a.txt", "alpha\n"), hfstest.WithFile("dl/big.bin", "0123456789")),
		fixture.WithProtocol("HTTP/1.1"), fixture.WithLogOutput(io.Discard))
	c := srv.Client()
	get := func(c *http.Client, method, path string, h ...string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, nil)
		assert.NilError(t, err)
		for i := 0; i+1 < len(h); i += 2 {
			req.Header.Set(h[i], h[i+1])
		}
		resp, err := c.Do(req)
		assert.NilError(t, err)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	get(c, "GET", "/a.txt")
	get(c, "HEAD", "/dl/big.bin", "User-Agent", "dl/1.0")
	get(c, "GET", "/dl/big.bin?part=1", "User-Agent", "other")
	get(c, "GET", "/missing")
	c2 := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(c2.CloseIdleConnections)
	get(c2, "GET", "/a.txt", "If-Modified-Since", "Sat, 21 Nov 2026 00:00:00 GMT")
	return srv, srv.Recorder()
}

func TestQueries(t *testing.T) {
	_, rec := served(t)
	if n := rec.Len(); n != 5 {
		t.Fatalf("Len() = %d; want 5", n)
	}
	last, ok := rec.Last()
	if !ok || last.Conn != 2 || last.Seq != 1 || last.Request.Target != "/a.txt" {
		t.Errorf("Last() = conn %d seq %d %q, %v; want conn 2 seq 1 /a.txt", last.Conn, last.Seq, last.Request.Target, ok)
	}
	targets := func(exs []recorder.Exchange) []string {
		var s []string
		for _, e := range exs {
			s = append(s, e.Request.Method+" "+e.Request.Target)
		}
		return s
	}
	for _, tc := range []struct {
		name string
		got  []recorder.Exchange
		want []string
	}{
		{"Conn(1)", rec.Conn(1), []string{"GET /a.txt", "HEAD /dl/big.bin", "GET /dl/big.bin?part=1", "GET /missing"}},
		{"Conn(2)", rec.Conn(2), []string{"GET /a.txt"}},
		{"Conn(3)", rec.Conn(3), nil},
		{"Method(GET)", rec.Filter(recorder.Method("GET")), []string{"GET /a.txt", "GET /dl/big.bin?part=1", "GET /missing", "GET /a.txt"}},
		{"Method(get)", rec.Filter(recorder.Method("get")), nil},
		{"Path glob", rec.Filter(recorder.Path("/dl/*")), []string{"HEAD /dl/big.bin", "GET /dl/big.bin?part=1"}},
		{"Path exact", rec.Filter(recorder.Path("/dl/big.bin"), recorder.Method("GET")), []string{"GET /dl/big.bin?part=1"}},
		{"Target", rec.Filter(recorder.Target("/dl/big.bin")), []string{"HEAD /dl/big.bin"}},
		{"Status", rec.Filter(recorder.Status(404)), []string{"GET /missing"}},
		{"RequestHeader", rec.Filter(recorder.RequestHeader("user-agent", "dl/1.0")), []string{"HEAD /dl/big.bin"}},
		{"HasRequestHeader", rec.Filter(recorder.HasRequestHeader("If-Modified-Since")), []string{"GET /a.txt"}},
		{"ResponseHeader", rec.Filter(recorder.ResponseHeader("Content-Length", "10")), []string{"HEAD /dl/big.bin", "GET /dl/big.bin?part=1"}},
		{"HasResponseHeader", rec.Filter(recorder.HasResponseHeader("Last-Modified"), recorder.Conn(1)), []string{"GET /a.txt", "HEAD /dl/big.bin", "GET /dl/big.bin?part=1"}},
		{"ResponseBody", rec.Filter(recorder.ResponseBody([]byte("alpha\n"))), []string{"GET /a.txt"}}, // the second is a 304
		{"Func", rec.Filter(recorder.Func("odd seq", func(e recorder.Exchange) bool { return e.Seq%2 == 1 })), []string{"GET /a.txt", "GET /dl/big.bin?part=1", "GET /a.txt"}},
		{"Failed", rec.Filter(recorder.Failed()), nil},
		{"bad pattern", rec.Filter(recorder.Path("[")), nil},
		{"zero Matcher", rec.Filter(recorder.Matcher{}), nil},
	} {
		if diff := cmp.Diff(tc.want, targets(tc.got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	conns := rec.Conns()
	if len(conns) != 2 || len(conns[0]) != 4 || len(conns[1]) != 1 || conns[1][0].Conn != 2 {
		t.Errorf("Conns() = %d groups; want [4 1] exchanges on connections 1 and 2", len(conns))
	}
}

// TestFindNearMiss: a request that never came is reported with the
// closest ones that did, each with how it differs.
func TestFindNearMiss(t *testing.T) {
	_, rec := served(t)
	_, err := rec.Find(recorder.Method("GET"), recorder.Path("/dl/big.bin"), recorder.RequestHeader("User-Agent", "dl/1.0"))
	var fe *recorder.FindError
	if !errors.As(err, &fe) {
		t.Fatalf("Find: %v; want a *FindError", err)
	}
	want := `no exchange matched Method("GET"), Path("/dl/big.bin"), RequestHeader("User-Agent", "dl/1.0"); 5 recorded, the closest:

  conn 1 #3 "GET /dl/big.bin?part=1 HTTP/1.1" -> 200
    RequestHeader("User-Agent", "dl/1.0"): User-Agent is "other"

  conn 1 #2 "HEAD /dl/big.bin HTTP/1.1" -> 200
    Method("GET"): method is "HEAD"

  conn 2 #1 "GET /a.txt HTTP/1.1" -> 304
    Path("/dl/big.bin"): path is "/a.txt"
    RequestHeader("User-Agent", "dl/1.0"): User-Agent is "Go-http-client/1.1"`
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("Find error (-want +got):\n%s", diff)
	}
	e, err := rec.Find(recorder.Method("HEAD"), recorder.RequestHeader("User-Agent", "dl/1.0"))
	if err != nil || e.Seq != 2 {
		t.Errorf("Find(HEAD, dl/1.0) = seq %d, %v; want seq 2", e.Seq, err)
	}
	_, err = recorder.New().Find(recorder.Status(200))
	if err == nil || err.Error() != `no exchange matched Status(200); none was recorded` {
		t.Errorf("Find on an empty recorder: %v", err)
	}
}

// TestComparisons: the gotest.tools forms fail and succeed as the error
// forms do, with the same text.
func TestComparisons(t *testing.T) {
	_, rec := served(t)
	assert.Assert(t, rec.Received(recorder.Method("HEAD"), recorder.Status(200)))
	res := rec.Received(recorder.Method("PUT"))()
	if res.Success() || !strings.Contains(res.(interface{ FailureMessage() string }).FailureMessage(), `no exchange matched Method("PUT")`) {
		t.Errorf("Received(PUT) = %+v; want a failure naming the matcher", res)
	}
	e, _ := rec.Last()
	assert.Check(t, recorder.Matches(e, recorder.Status(304), recorder.Path("/a.txt")))
	err := e.Check(recorder.Status(200), recorder.Path("/a.txt"), recorder.ResponseHeader("Server", "nope"))
	if err == nil {
		t.Fatal("Check(Status(200)) on a 304 succeeded")
	}
	for _, s := range []string{
		`exchange conn 2 #1 "GET /a.txt HTTP/1.1" -> 304 does not match:`,
		"  Status(200): status is 304\n",
		`  ResponseHeader("Server", "nope"): Server is "SimpleHTTP/0.6 Go/`,
		"If-Modified-Since: Sat, 21 Nov 2026 00:00:00 GMT", // the whole exchange
	} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("Check error lacks %q:\n%s", s, err)
		}
	}
	if strings.Contains(err.Error(), "Path(") {
		t.Errorf("Check error names a matcher that matched:\n%s", err)
	}
	poll.WaitOn(t, rec.Poll(recorder.Status(404)), poll.WithTimeout(time.Second))
}

func TestEqualAndDiff(t *testing.T) {
	_, rec := served(t)
	first := rec.Conn(1)[0]
	again := rec.Conn(2)[0]
	// The same file twice, on two connections at two times: they differ
	// in place, time, ports, the If-Modified-Since asked and the answer.
	if err := again.Diff(first); err == nil {
		t.Fatal("Diff of two different exchanges is nil")
	} else if !strings.Contains(err.Error(), "(-want +got)") || !strings.Contains(err.Error(), "whole exchange") {
		t.Errorf("Diff error lacks the diff or the exchange:\n%s", err)
	}
	assert.Check(t, recorder.Equal(first, first))
	// Two requests for the same path on new connections are equal but
	// for time and ports.
	srv := fixture.New(t, hfstest.Map(t, hfstest.WithFile("a", "x")), fixture.WithLogOutput(io.Discard))
	for range 2 {
		resp, err := http.Get(srv.URL + "/a")
		assert.NilError(t, err)
		resp.Body.Close()
	}
	exs := srv.Recorder().Exchanges()
	a, b := exs[0], exs[1]
	b.Conn, b.Seq = a.Conn, a.Seq
	if err := b.Diff(a, recorder.IgnoreTimes(), recorder.IgnorePorts()); err != nil && strings.Contains(err.Error(), "Date") {
		// The Date may tick between the two: that is what IgnoreDate is for.
		assert.Check(t, recorder.Equal(b, a, recorder.IgnoreTimes(), recorder.IgnorePorts(), recorder.IgnoreDate()))
	} else {
		assert.NilError(t, err)
	}
	if err := b.Diff(a, recorder.IgnoreTimes()); err == nil {
		t.Error("exchanges from different client ports are equal without IgnorePorts")
	}
}

func TestWait(t *testing.T) {
	leaktest.Check(t)
	srv := fixture.New(t, hfstest.Map(t, hfstest.WithFile("a", "x")), fixture.WithLogOutput(io.Discard))
	rec := srv.Recorder()
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := rec.Wait(ctx, 1); !errors.Is(err, context.DeadlineExceeded) ||
		err.Error() != "recorder: waiting for exchange 1, 0 recorded: context deadline exceeded" {
		t.Errorf("Wait on nothing: %v", err)
	}
	if _, err := rec.Wait(t.Context(), 0); err == nil {
		t.Error("Wait(ctx, 0) succeeded")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 3 {
			resp, err := http.Get(fmt.Sprintf("%s/a?%d", srv.URL, i))
			if err == nil {
				resp.Body.Close()
			}
		}
	}()
	ctx, cancel = context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	e, err := rec.Wait(ctx, 3)
	if err != nil || e.Request.Target != "/a?2" {
		t.Errorf("Wait(3) = %q, %v; want /a?2", e.Request.Target, err)
	}
	e, err = rec.WaitFor(ctx, recorder.Target("/a?1"))
	if err != nil || e.Seq != 1 || e.Conn != 2 {
		t.Errorf("WaitFor(/a?1) = conn %d, %v", e.Conn, err)
	}
	<-done
	short, cancel2 := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel2()
	_, err = rec.WaitFor(short, recorder.Method("POST"))
	if err == nil || !strings.Contains(err.Error(), `no exchange matched Method("POST"); 3 recorded, the closest:`) ||
		!strings.HasSuffix(err.Error(), "(waited until: context deadline exceeded)") {
		t.Errorf("WaitFor(POST) error:\n%v", err)
	}
	rec.Reset()
	if rec.Len() != 0 {
		t.Errorf("Len() after Reset = %d", rec.Len())
	}
}

// TestWaitManyWaiters: waiters woken by each Add, none left behind.
func TestWaitManyWaiters(t *testing.T) {
	leaktest.Check(t)
	rec := recorder.New()
	errs := make(chan error, 50)
	for i := range 50 {
		go func() {
			_, err := rec.Wait(t.Context(), i%10+1)
			errs <- err
		}()
	}
	for i := range 10 {
		rec.Add(recorder.Exchange{Conn: 1, Seq: i + 1})
	}
	for range 50 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestNotAndReceivedN(t *testing.T) {
	_, rec := served(t)
	got := rec.Filter(recorder.Method("GET"), recorder.Not(recorder.Status(200)))
	if len(got) != 2 || got[0].Request.Target != "/missing" || got[1].Response.Code != 304 {
		t.Errorf("Filter(GET, Not(Status(200))) = %d exchanges; want the 404 and the 304", len(got))
	}
	e, _ := rec.Last()
	if err := e.Check(recorder.Not(recorder.Status(304))); err == nil ||
		!strings.Contains(err.Error(), "Not(Status(304)): it matches Status(304)") {
		t.Errorf("Check(Not(Status(304))) on a 304: %v", err)
	}
	for _, tc := range []struct {
		n    int
		ms   []recorder.Matcher
		fail string
	}{
		{2, []recorder.Matcher{recorder.Path("/dl/*")}, ""},
		{4, []recorder.Matcher{recorder.Conn(1)}, ""},
		{1, []recorder.Matcher{recorder.Path("/dl/*")}, "want 1 exchanges matching Path(\"/dl/*\"), got 2:\n  conn 1 #2 \"HEAD /dl/big.bin HTTP/1.1\" -> 200\n  conn 1 #3 \"GET /dl/big.bin?part=1 HTTP/1.1\" -> 200"},
		{1, []recorder.Matcher{recorder.Method("PUT")}, "want 1 exchanges, got none: no exchange matched Method(\"PUT\"); 5 recorded, the closest:"},
	} {
		res := rec.ReceivedN(tc.n, tc.ms...)()
		msg := ""
		if !res.Success() {
			msg = res.(interface{ FailureMessage() string }).FailureMessage()
		}
		if tc.fail == "" && msg != "" || tc.fail != "" && !strings.HasPrefix(msg, tc.fail) {
			t.Errorf("ReceivedN(%d, %v): %q; want failure %q", tc.n, tc.ms, msg, tc.fail)
		}
	}
}
