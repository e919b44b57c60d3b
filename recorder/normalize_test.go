package recorder

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/httpfixture/httpfixture/internal/pytext"
	"github.com/httpfixture/httpfixture/internal/wire"
)

// normExchange builds an exchange from raw bytes as the fixture records
// one: the request's head parsed as http.server parses it, its last
// reqBody bytes the body; the response parsed by ParseResponse; sizes and
// digests of all of it.
func normExchange(reqRaw string, reqBody int, respRaw string) Exchange {
	raw := []byte(reqRaw)
	head := raw[:len(raw)-reqBody]
	line, block, _ := bytes.Cut(head, []byte("\n"))
	r := Request{
		Raw: raw, Size: int64(len(raw)),
		Line: strings.TrimRight(pytext.DecodeLatin1(line), "\r\n"),
	}
	if words := strings.Fields(r.Line); len(words) == 3 {
		r.Method, r.Target, r.Version = words[0], words[1], words[2]
	}
	wire.ParseHeader(block, func(name, value string) { r.Header = append(r.Header, Field{name, value}) })
	if reqBody > 0 {
		r.Body = raw[len(head):]
	}
	r.BodySize, r.BodySHA256 = int64(len(r.Body)), sha256.Sum256(r.Body)
	q := ParseResponse([]byte(respRaw), false)
	q.BodySize, q.BodySHA256 = int64(len(q.Body)), sha256.Sum256(q.Body)
	return Exchange{
		Conn: 1, Seq: 1, Client: "127.0.0.1:54321", Server: "127.0.0.1:8000",
		Start: time.Unix(1e9, 0), Duration: time.Second,
		Request: r, Response: q,
	}
}

// checkNormalized checks that the parsed fields of e still say what its
// raw bytes say, as the fixture's parsers read them, and that the sizes
// and digests of whole bodies are those of the bytes.
func checkNormalized(t *testing.T, e Exchange) {
	t.Helper()
	r := e.Request
	if !bytes.HasSuffix(r.Raw, r.Body) {
		t.Fatalf("request Body %q is not the end of Raw %q", r.Body, r.Raw)
	}
	_, block, _ := bytes.Cut(r.Raw[:len(r.Raw)-len(r.Body)], []byte("\n"))
	var h Header
	wire.ParseHeader(block, func(name, value string) { h = append(h, Field{name, value}) })
	if diff := cmp.Diff(h, r.Header); diff != "" {
		t.Errorf("request Header does not say what Raw says (-raw +Header):\n%s", diff)
	}
	q := e.Response
	p := ParseResponse(q.Raw, false)
	p.Size, q.Size = 0, 0
	p.BodySize, p.BodySHA256 = q.BodySize, q.BodySHA256
	if diff := cmp.Diff(p, q); diff != "" {
		t.Errorf("Response does not say what Raw says (-raw +Response):\n%s", diff)
	}
	for _, m := range []struct {
		raw, body []byte
		size      int64
		bodySize  int64
		sum       [32]byte
	}{
		{r.Raw, r.Body, e.Request.Size, r.BodySize, r.BodySHA256},
		{e.Response.Raw, e.Response.Body, e.Response.Size, e.Response.BodySize, e.Response.BodySHA256},
	} {
		if m.bodySize > int64(len(m.body)) {
			continue // the recorder kept the first bytes
		}
		if m.size != int64(len(m.raw)) || m.bodySize != int64(len(m.body)) || m.sum != sha256.Sum256(m.body) {
			t.Errorf("Size %d, BodySize %d, digest %x; want those of raw %q", m.size, m.bodySize, m.sum, m.raw)
		}
	}
}

// normApply applies n to a copy of the exchange mk makes and checks that
// the original did not change: a normalizer must not write into the
// arrays it shares with it.
func normApply(t *testing.T, mk func() Exchange, ns ...Normalizer) Exchange {
	t.Helper()
	orig := mk()
	e := orig
	for _, n := range ns {
		n(&e)
	}
	if diff := cmp.Diff(mk(), orig); diff != "" {
		t.Fatalf("the normalizer changed the original exchange (-want +got):\n%s", diff)
	}
	return e
}

func TestNormalizeDate(t *testing.T) {
	mk := func() Exchange {
		e := normExchange("GET / HTTP/1.1\r\n"+
			"Host: h\r\n"+
			"Date: Sat, 21 Nov 2026 16:46:21 GMT\r\n"+
			"date:\tSun, 22 Nov 2026 00:00:00 GMT\r\n"+
			"X-Date: keep\r\n"+
			"DATE:  Mon,\r\n 23 Nov\r\n\t2026\r\n"+
			"Date:\r\n"+
			"After: y\r\n"+
			"\r\n"+
			"Date: a body",
			len("Date: a body"),
			"HTTP/1.1 100 Continue\nDate: d0\n\n"+
				"HTTP/1.1 200 OK\nServer: s\nDate: d1\nDate:d2 \r\nX-Date: keep\nContent-Length: 4\n\nDate: in the body\n")
		e.Log = []string{
			`127.0.0.1 - - [21/Nov/2026 16:46:21] "GET / HTTP/1.1" 200 -`,
			`::1 - - [01/Jan/2000 00:00:00] code 404, message [21/Nov/2026 16:46:21]`,
			`no timestamp here`,
			`127.0.0.1 - - [21/Nov/2026 16:46:2] "GET / HTTP/1.1" 200 -`,
			`127.0.0.1 - - [21/Nov/2026 16:46:21 "GET / HTTP/1.1" 200 -`,
		}
		return e
	}
	e := normApply(t, mk, NormalizeDate())
	wantReq := "GET / HTTP/1.1\r\n" +
		"Host: h\r\n" +
		"Date: <date>\r\n" +
		"date:\t<date>\r\n" +
		"X-Date: keep\r\n" +
		"DATE:  <date>\r\n" +
		"Date:<date>\r\n" +
		"After: y\r\n" +
		"\r\n" +
		"Date: a body"
	wantResp := "HTTP/1.1 100 Continue\nDate: <date>\n\n" +
		"HTTP/1.1 200 OK\nServer: s\nDate: <date>\nDate:<date>\r\nX-Date: keep\nContent-Length: 4\n\nDate: in the body\n"
	if got := string(e.Request.Raw); got != wantReq {
		t.Errorf("request Raw:\n%q\nwant\n%q", got, wantReq)
	}
	if got := string(e.Response.Raw); got != wantResp {
		t.Errorf("response Raw:\n%q\nwant\n%q", got, wantResp)
	}
	wantHeader := Header{{"Host", "h"}, {"Date", "<date>"}, {"date", "<date>"}, {"X-Date", "keep"}, {"DATE", "<date>"}, {"Date", "<date>"}, {"After", "y"}}
	if diff := cmp.Diff(wantHeader, e.Request.Header); diff != "" {
		t.Errorf("request Header (-want +got):\n%s", diff)
	}
	if got := e.Response.Interim[0].Header.Get("Date"); got != "<date>" {
		t.Errorf("interim Date %q", got)
	}
	wantLog := []string{
		`127.0.0.1 - - [<date>] "GET / HTTP/1.1" 200 -`,
		`::1 - - [<date>] code 404, message [21/Nov/2026 16:46:21]`,
		`no timestamp here`,
		`127.0.0.1 - - [21/Nov/2026 16:46:2] "GET / HTTP/1.1" 200 -`,
		`127.0.0.1 - - [21/Nov/2026 16:46:21 "GET / HTTP/1.1" 200 -`,
	}
	if diff := cmp.Diff(wantLog, e.Log); diff != "" {
		t.Errorf("Log (-want +got):\n%s", diff)
	}
	checkNormalized(t, e)
}

func TestNormalizePorts(t *testing.T) {
	body := "SERVER_PORT=8000\nHTTP_HOST=127.0.0.1:8000\nREMOTE=127.0.0.1:54321\n" +
		"kept: 8000 18000 :80001 :800 =8000.5\n"
	mk := func() Exchange {
		e := normExchange("GET http://127.0.0.1:8000/x?p=8000&q=80001 HTTP/1.1\r\n"+
			"Host: 127.0.0.1:8000\r\nContent-Length: 8000\r\nX-Peer: 127.0.0.1:54321\r\n\r\n",
			0,
			"HTTP/1.0 301 Moved\r\nLocation: http://127.0.0.1:8000/x/\r\n\r\n"+body)
		e.Log = []string{`127.0.0.1 - - [21/Nov/2026 16:46:21] "GET http://127.0.0.1:8000/x HTTP/1.1" 301 -`}
		e.Error = "read tcp 127.0.0.1:8000->127.0.0.1:54321: connection reset by peer"
		return e
	}
	e := normApply(t, mk, NormalizePorts())
	wantReq := "GET http://127.0.0.1:<port>/x?p=<port>&q=80001 HTTP/1.1\r\n" +
		"Host: 127.0.0.1:<port>\r\nContent-Length: 8000\r\nX-Peer: 127.0.0.1:<client-port>\r\n\r\n"
	wantBody := "SERVER_PORT=<port>\nHTTP_HOST=127.0.0.1:<port>\nREMOTE=127.0.0.1:<client-port>\n" +
		"kept: 8000 18000 :80001 :800 =<port>.5\n"
	if got := string(e.Request.Raw); got != wantReq {
		t.Errorf("request Raw:\n%q\nwant\n%q", got, wantReq)
	}
	if got := string(e.Response.Body); got != wantBody {
		t.Errorf("response Body:\n%q\nwant\n%q", got, wantBody)
	}
	for _, c := range []struct{ got, want string }{
		{e.Client, "127.0.0.1:<client-port>"},
		{e.Server, "127.0.0.1:<port>"},
		{e.Request.Line, "GET http://127.0.0.1:<port>/x?p=<port>&q=80001 HTTP/1.1"},
		{e.Request.Target, "http://127.0.0.1:<port>/x?p=<port>&q=80001"},
		{e.Request.Header.Get("Host"), "127.0.0.1:<port>"},
		{e.Response.Header.Get("Location"), "http://127.0.0.1:<port>/x/"},
		{e.Log[0], `127.0.0.1 - - [21/Nov/2026 16:46:21] "GET http://127.0.0.1:<port>/x HTTP/1.1" 301 -`},
		{e.Error, "read tcp 127.0.0.1:<port>->127.0.0.1:<client-port>: connection reset by peer"},
	} {
		if c.got != c.want {
			t.Errorf("got %q; want %q", c.got, c.want)
		}
	}
	checkNormalized(t, e)

	// A body the recorder kept the first bytes of: the kept part is
	// rewritten, the size and digest of the whole stay as recorded.
	mkCut := func() Exchange {
		e := mk()
		e.Response.BodySize = 1 << 20
		e.Response.BodySHA256 = [32]byte{1}
		e.Response.Size = int64(len(e.Response.Raw)-len(e.Response.Body)) + 1<<20
		return e
	}
	cut := normApply(t, mkCut, NormalizePorts())
	if string(cut.Response.Body) != wantBody || cut.Response.BodySize != 1<<20 || cut.Response.BodySHA256 != [32]byte{1} {
		t.Errorf("cut body: %q, BodySize %d, digest %x", cut.Response.Body, cut.Response.BodySize, cut.Response.BodySHA256)
	}
	if want := mkCut().Response.Size + int64(len(cut.Response.Raw)-len(mkCut().Response.Raw)); cut.Response.Size != want {
		t.Errorf("cut body: Size %d; want %d", cut.Response.Size, want)
	}

	// IPv6, and addresses without a port.
	v6 := normApply(t, func() Exchange {
		e := mk()
		e.Server, e.Client = "[::1]:8000", "[::1]:54321"
		return e
	}, NormalizePorts())
	if v6.Server != "[::1]:<port>" || v6.Client != "[::1]:<client-port>" || v6.Request.Header.Get("Host") != "127.0.0.1:<port>" {
		t.Errorf("IPv6: Server %q, Client %q, Host %q", v6.Server, v6.Client, v6.Request.Header.Get("Host"))
	}
	none := normApply(t, func() Exchange {
		e := mk()
		e.Server, e.Client = "", "pipe"
		return e
	}, NormalizePorts())
	want := mk()
	want.Server, want.Client = "", "pipe"
	if diff := cmp.Diff(want, none); diff != "" {
		t.Errorf("no ports: the exchange changed (-want +got):\n%s", diff)
	}
}

func TestReplaceHeader(t *testing.T) {
	mk := func() Exchange {
		return normExchange("GET / HTTP/1.0\r\nServer: a\r\n\r\n", 0,
			"HTTP/1.0 200 OK\r\nserver: SimpleHTTP/0.6 Go/1.25.1\r\nLast-Modified: Sat, 01 Jan 2000 00:00:00 GMT\r\nContent-Length: 0\r\n\r\n")
	}
	e := normApply(t, mk, NormalizeServer(), NormalizeLastModified())
	want := "HTTP/1.0 200 OK\r\nserver: <server>\r\nLast-Modified: <last-modified>\r\nContent-Length: 0\r\n\r\n"
	if got := string(e.Response.Raw); got != want {
		t.Errorf("response Raw %q; want %q", got, want)
	}
	if got := e.Request.Header.Get("Server"); got != "<server>" {
		t.Errorf("request Server %q", got)
	}
	if e.Response.Size != int64(len(want)) {
		t.Errorf("Size %d; want %d", e.Response.Size, len(want))
	}
	checkNormalized(t, e)

	// A value ISO-8859-1 can encode is written in it; another in UTF-8,
	// and Header holds what the bytes read back as.
	latin := normApply(t, mk, ReplaceHeader("Content-Length", "é"))
	if !bytes.Contains(latin.Response.Raw, []byte("Content-Length: \xe9\r\n")) || latin.Response.Header.Get("Content-Length") != "é" {
		t.Errorf("ISO-8859-1 value: %q, %q", latin.Response.Raw, latin.Response.Header.Get("Content-Length"))
	}
	checkNormalized(t, latin)
	utf := normApply(t, mk, ReplaceHeader("content-length", "日"))
	if !bytes.Contains(utf.Response.Raw, []byte("Content-Length: 日\r\n")) || utf.Response.Header.Get("Content-Length") != pytext.DecodeLatin1([]byte("日")) {
		t.Errorf("UTF-8 value: %q, %q", utf.Response.Raw, utf.Response.Header.Get("Content-Length"))
	}
	checkNormalized(t, utf)

	// An answer in HTTP/0.9 style has no head: its body is kept.
	e09 := normApply(t, func() Exchange {
		e := mk()
		e.Response = ParseResponse([]byte("Server: x\r\n\r\nbody"), true)
		return e
	}, NormalizeServer())
	if string(e09.Response.Raw) != "Server: x\r\n\r\nbody" {
		t.Errorf("HTTP/0.9 answer rewritten: %q", e09.Response.Raw)
	}

	for _, bad := range [][2]string{{"", "v"}, {"A B", "v"}, {"A:B", "v"}, {"A\x00", "v"}, {"A", "a\nb"}, {"A", "a\rb"}, {"A", " v"}, {"A", "\tv"}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("ReplaceHeader(%q, %q) did not panic", bad[0], bad[1])
				}
			}()
			ReplaceHeader(bad[0], bad[1])
		}()
	}
}

func TestReplace(t *testing.T) {
	mk := func() Exchange {
		e := normExchange("GET /tmp/x1/caf\xc3\xa9 HTTP/1.0\r\nX-Dir: /tmp/x1\r\nX-Word: caf\xc3\xa9\r\n\r\n", 0,
			"HTTP/1.0 200 OK\r\nContent-Length: 12\r\n\r\n/tmp/x1/a.sh")
		e.Log = []string{"/tmp/x1"}
		e.Error = "in /tmp/x1"
		return e
	}
	e := normApply(t, mk, Replace("/tmp/x1", "<tmp>"), Replace("é", "e"))
	if got, want := string(e.Request.Raw), "GET <tmp>/cafe HTTP/1.0\r\nX-Dir: <tmp>\r\nX-Word: cafe\r\n\r\n"; got != want {
		t.Errorf("request Raw %q", got)
	}
	if got := e.Request.Header.Get("X-Word"); got != "cafe" {
		t.Errorf("X-Word %q; want the ISO-8859-1 reading of the bytes replaced", got)
	}
	if got := string(e.Response.Body); got != "<tmp>/a.sh" || e.Response.BodySize != int64(len(got)) {
		t.Errorf("Body %q, BodySize %d", got, e.Response.BodySize)
	}
	if e.Log[0] != "<tmp>" || e.Error != "in <tmp>" {
		t.Errorf("Log %q, Error %q", e.Log, e.Error)
	}
	checkNormalized(t, e)
	defer func() {
		if recover() == nil {
			t.Errorf("Replace(\"\", ...) did not panic")
		}
	}()
	Replace("", "x")
}

func TestNormalizeTimes(t *testing.T) {
	e := normApply(t, func() Exchange { return normExchange("GET / HTTP/1.0\r\n\r\n", 0, "") }, NormalizeTimes())
	if !e.Start.IsZero() || e.Duration != 0 {
		t.Errorf("Start %v, Duration %v; want zero", e.Start, e.Duration)
	}
}

func TestDefaultNormalizers(t *testing.T) {
	mk := func() Exchange {
		e := normExchange("GET / HTTP/1.0\r\nHost: 127.0.0.1:8000\r\n\r\n", 0,
			"HTTP/1.0 200 OK\r\nServer: S/1\r\nDate: Sat, 21 Nov 2026 16:46:21 GMT\r\nLast-Modified: m\r\n\r\n")
		e.Log = []string{`127.0.0.1 - - [21/Nov/2026 16:46:21] "GET / HTTP/1.0" 200 -`}
		return e
	}
	ns := DefaultNormalizers()
	if len(ns) != 3 {
		t.Fatalf("DefaultNormalizers() has %d normalizers; want 3", len(ns))
	}
	ns[0] = nil // a new slice each time
	e := normApply(t, mk, DefaultNormalizers()...)
	want := "HTTP/1.0 200 OK\r\nServer: S/1\r\nDate: <date>\r\nLast-Modified: m\r\n\r\n"
	if got := string(e.Response.Raw); got != want || e.Request.Header.Get("Host") != "127.0.0.1:<port>" ||
		!e.Start.IsZero() || e.Log[0] != `127.0.0.1 - - [<date>] "GET / HTTP/1.0" 200 -` {
		t.Errorf("after DefaultNormalizers: %q, Host %q, Start %v, Log %q", got, e.Request.Header.Get("Host"), e.Start, e.Log)
	}
}

func TestNormalize(t *testing.T) {
	if got := Normalize(nil, NormalizeTimes()); got != nil {
		t.Errorf("Normalize(nil) = %v", got)
	}
	exs := []Exchange{normExchange("GET / HTTP/1.0\r\n\r\n", 0, ""), normExchange("GET / HTTP/1.0\r\n\r\n", 0, "")}
	got := Normalize(exs, NormalizeTimes(), NormalizePorts())
	if len(got) != 2 || !got[1].Start.IsZero() || got[1].Server != "127.0.0.1:<port>" {
		t.Errorf("Normalize: %+v", got)
	}
	if exs[1].Start.IsZero() || exs[1].Server != "127.0.0.1:8000" {
		t.Errorf("Normalize changed its argument: %+v", exs[1])
	}
}
