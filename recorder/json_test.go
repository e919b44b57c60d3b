package recorder_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/internal/cpython"
	"github.com/httpfixture/httpfixture/recorder"
)

// allBytes is 0 to 255, twice: a body that is not text.
var allBytes = func() []byte {
	b := make([]byte, 512)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}()

// named is an exchange and what it shows.
type named struct {
	name string
	ex   recorder.Exchange
}

// recordedExchanges makes exchanges of every kind with real servers, each
// request on its own connection: text and binary bodies both ways, HTTP/0.9,
// 100 Continue, a redirect, cookies and a query, a body beyond the record
// limit, a malformed request and a handler that fails with text that is
// not UTF-8.
func recordedExchanges(t *testing.T) []named {
	t.Helper()
	tree := hfstest.Map(t,
		hfstest.WithFile("hello.txt", "hello, world\n"),
		hfstest.WithFile("bin.dat", string(allBytes)),
		hfstest.WithDir("dir"),
	)
	echo := func(w *fixture.ResponseWriter, r *fixture.Request) {
		body, err := r.ReadBody()
		if err != nil {
			panic(err)
		}
		w.SendResponse(200)
		w.SendHeader("Content-Type", r.Header.Get("Content-Type"))
		w.SendHeader("Set-Cookie", "id=42; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly")
		w.SendHeader("Content-Length", strconv.Itoa(len(body)))
		w.EndHeaders()
		w.Write(body)
	}
	fail := func(w *fixture.ResponseWriter, r *fixture.Request) {
		w.LogMessage("about to fail on %s", "bytes \xff\xfe that are not UTF-8")
		panic("broken \xe9")
	}
	srv := fixture.New(t, tree,
		fixture.WithProtocol("HTTP/1.1"),
		fixture.WithLogOutput(io.Discard),
		fixture.WithMethod("POST", echo),
		fixture.WithMethod("FAIL", fail),
	)
	small := fixture.New(t, tree, fixture.WithRecordLimit(10), fixture.WithLogOutput(io.Discard), fixture.WithMethod("POST", echo))
	requests := []struct {
		name, request string
		srv           *fixture.Server
	}{
		{"text", "GET /hello.txt?a=1&b=x+y&c=%41&bad=%zz&d HTTP/1.0\r\nHost: example.test:8080\r\nCookie: a=1; b=2\r\n\r\n", srv},
		{"binary response", "GET /bin.dat HTTP/1.0\r\n\r\n", srv},
		{"binary request", "POST /echo HTTP/1.0\r\nContent-Type: application/octet-stream\r\nContent-Length: 512\r\n\r\n" + string(allBytes), srv},
		{"HTTP/0.9", "GET /hello.txt\r\n", srv},
		{"100 Continue", "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", srv},
		{"redirect", "GET /dir HTTP/1.0\r\n\r\n", srv},
		{"malformed", "GET /a b c HTTP/1.0\r\n\r\n", srv},
		{"handler failed", "FAIL /\xe9t\xe9 HTTP/1.0\r\nX-Latin-1: caf\xe9\r\n\r\n", srv},
		{"truncated", "POST /hello.txt HTTP/1.0\r\nContent-Length: 20\r\n\r\n01234567890123456789", small},
		{"truncated response", "GET /hello.txt HTTP/1.0\r\n\r\n", small},
	}
	var out []named
	for _, r := range requests {
		before := r.srv.Recorder().Len()
		exchange(t, r.srv, r.request)
		exs := r.srv.Recorder().Exchanges()
		if len(exs) != before+1 {
			t.Fatalf("%s: %d exchanges recorded; want 1", r.name, len(exs)-before)
		}
		out = append(out, named{r.name, exs[before]})
	}
	return out
}

// exchange sends request on a connection of its own and reads the answer
// to the end: the exchange is then recorded.
func exchange(t *testing.T, srv *fixture.Server, request string) []byte {
	t.Helper()
	c := srv.Dial(t)
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, request); err != nil {
		t.Fatal(err)
	}
	resp, err := io.ReadAll(c)
	if err != nil && !errors.Is(err, net.ErrClosed) {
		t.Fatalf("reading the answer to %q: %v", request, err)
	}
	return resp
}

// TestJSONRoundTrip: every kind of exchange comes back equal from its
// JSON form, alone, through encoding/json and through JSON lines.
func TestJSONRoundTrip(t *testing.T) {
	exs := recordedExchanges(t)
	var all []recorder.Exchange
	for _, n := range exs {
		t.Run(n.name, func(t *testing.T) {
			b, err := n.ex.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(b) || bytes.ContainsRune(b, '\n') || !bytes.HasPrefix(b, []byte(`{"v":1,`)) {
				t.Fatalf("MarshalJSON = %s; want one line of JSON starting {\"v\":1,", b)
			}
			var got recorder.Exchange
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", b, err)
			}
			if diff := cmp.Diff(n.ex, got); diff != "" {
				t.Errorf("round trip through\n%s\n(-recorded +decoded):\n%s", b, diff)
			}
			// Through encoding/json, which escapes <, > and & in what
			// MarshalJSON returns: the same exchange.
			viaJSON, err := json.Marshal(n.ex)
			if err != nil {
				t.Fatal(err)
			}
			got = recorder.Exchange{}
			if err := json.Unmarshal(viaJSON, &got); err != nil || !cmp.Equal(n.ex, got) {
				t.Errorf("json.Marshal, json.Unmarshal: %v, %s", err, cmp.Diff(n.ex, got))
			}
		})
		all = append(all, n.ex)
	}
	var buf bytes.Buffer
	if err := recorder.WriteJSONL(&buf, all); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(buf.Bytes(), []byte("\n")); n != len(all) {
		t.Errorf("WriteJSONL wrote %d lines; want %d", n, len(all))
	}
	got, err := recorder.ReadJSONL(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all, got); diff != "" {
		t.Errorf("WriteJSONL, ReadJSONL (-written +read):\n%s", diff)
	}
}

// TestRecordedKinds checks that recordedExchanges made what it says, so
// that the round trip covers it.
func TestRecordedKinds(t *testing.T) {
	exs := map[string]recorder.Exchange{}
	for _, n := range recordedExchanges(t) {
		exs[n.name] = n.ex
	}
	checks := []struct {
		name string
		ok   func(recorder.Exchange) bool
	}{
		{"binary response", func(e recorder.Exchange) bool { return bytes.Equal(e.Response.Body, allBytes) }},
		{"binary request", func(e recorder.Exchange) bool { return bytes.Equal(e.Request.Body, allBytes) }},
		{"HTTP/0.9", func(e recorder.Exchange) bool {
			return e.Request.Version == "HTTP/0.9" && e.Response.StatusLine == "" && string(e.Response.Body) == "hello, world\n"
		}},
		{"100 Continue", func(e recorder.Exchange) bool {
			return len(e.Response.Interim) == 1 && e.Response.Interim[0].Code == 100 && e.Response.Code == 200
		}},
		{"malformed", func(e recorder.Exchange) bool { return e.Request.Method == "" && e.Error != "" }},
		{"handler failed", func(e recorder.Exchange) bool {
			return strings.Contains(e.Error, "\xe9") && strings.Contains(strings.Join(e.Log, "\n"), "\xff\xfe")
		}},
		{"truncated", func(e recorder.Exchange) bool { return len(e.Request.Body) == 10 && e.Request.BodySize == 20 }},
		{"truncated response", func(e recorder.Exchange) bool { return len(e.Response.Body) == 10 && e.Response.BodySize == 13 }},
	}
	for _, c := range checks {
		if e := exs[c.name]; !c.ok(e) {
			t.Errorf("%s: the exchange is not what the test needs: %+v", c.name, e)
		}
	}
}

// formExchange has a value in every field, and the corners of the form:
// a body that is not the end of Raw, an empty but present body, an
// empty but present list, text that is not UTF-8.
var formExchange = recorder.Exchange{
	Conn:     3,
	Seq:      2,
	Client:   "127.0.0.1:54321",
	Server:   "127.0.0.1:8000",
	Start:    time.Date(2026, 11, 21, 14, 28, 17, 123456789, time.FixedZone("", 3600)),
	Duration: 1500 * time.Microsecond,
	Request: recorder.Request{
		Raw:        []byte("POST /x?y HTTP/1.1\r\nHost: a\r\n\r\nhi"),
		Size:       34,
		Line:       "POST /x?y HTTP/1.1",
		Method:     "POST",
		Target:     "/x?y",
		Version:    "HTTP/1.1",
		Header:     recorder.Header{{"Host", "a"}},
		Body:       []byte("hi"),
		BodySize:   2,
		BodySHA256: [32]byte{0: 0x8f, 31: 0x01},
	},
	Response: recorder.Response{
		Raw:        []byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"),
		Size:       44,
		Interim:    []recorder.Response{{StatusLine: "HTTP/1.1 100 Continue", Version: "HTTP/1.1", Code: 100, Reason: "Continue"}},
		StatusLine: "HTTP/1.1 200 OK",
		Version:    "HTTP/1.1",
		Code:       200,
		Reason:     "OK",
		Header:     recorder.Header{},
		Body:       []byte{},
	},
	Log:   []string{"<b>\"tab\t\x01\"</b> caf\xe9 \u2028"},
	Error: "not the end of Raw",
}

// formJSON is formExchange's JSON form: the promise MarshalJSON's
// documentation makes, spelled out.
const formJSON = `{"v":1,"conn":3,"seq":2,"client":"127.0.0.1:54321","server":"127.0.0.1:8000",` +
	`"start":"2026-11-21T14:28:17.123456789+01:00","duration_ns":1500000,"error":"not the end of Raw",` +
	`"log":["<b>\"tab\t\u0001\"</b> caf\udce9 ` + "\u2028" + `"],` +
	`"request":{"line":"POST /x?y HTTP/1.1","method":"POST","target":"/x?y","version":"HTTP/1.1",` +
	`"header":[["Host","a"]],"size":34,"raw":"UE9TVCAveD95IEhUVFAvMS4xDQpIb3N0OiBhDQoNCmhp","body_offset":31,"body_size":2,` +
	`"body_sha256":"8f00000000000000000000000000000000000000000000000000000000000001"},` +
	`"response":{"interim":[{"status_line":"HTTP/1.1 100 Continue","version":"HTTP/1.1","code":100,"reason":"Continue"}],` +
	`"status_line":"HTTP/1.1 200 OK","version":"HTTP/1.1","code":200,"reason":"OK","header":[],"size":44,` +
	`"raw":"SFRUUC8xLjEgMTAwIENvbnRpbnVlDQoNCkhUVFAvMS4xIDIwMCBPSw0KDQo=","body":""}}`

func TestJSONForm(t *testing.T) {
	b, err := formExchange.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(formJSON, string(b)); diff != "" {
		t.Errorf("MarshalJSON (-want +got):\n%s", diff)
	}
	var got recorder.Exchange
	if err := got.UnmarshalJSON([]byte(formJSON)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(formExchange, got); diff != "" {
		t.Errorf("UnmarshalJSON (-want +got):\n%s", diff)
	}
}

// TestJSONCorners round-trips exchanges no server makes.
func TestJSONCorners(t *testing.T) {
	for _, e := range []recorder.Exchange{
		{},
		{Log: []string{}, Request: recorder.Request{Header: recorder.Header{}, Raw: []byte{}}, Response: recorder.Response{Interim: []recorder.Response{}}},
		{Request: recorder.Request{Body: []byte("not in raw")}},
		{Request: recorder.Request{Raw: []byte("abc"), Body: []byte("b")}},   // inside Raw, not its end
		{Request: recorder.Request{Raw: []byte("abc"), Body: []byte("abc")}}, // all of Raw
		{Response: recorder.Response{Body: []byte{}}},
		{Error: "\xed\xa0\x80 \xc3 \xf4\x90\x80\x80 \x00\x1f\x7f\\ \"", Log: []string{"", "\ufffd", "\U0001F600"}},
		{Start: time.Unix(0, 1).In(time.FixedZone("X", -(9*3600 + 30*60))), Duration: -1},
		{Start: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{Request: recorder.Request{Header: recorder.Header{{"", ""}, {"a:b", " c\r\n"}}}},
	} {
		b, err := e.MarshalJSON()
		if err != nil {
			t.Errorf("MarshalJSON(%+v): %v", e, err)
			continue
		}
		var got recorder.Exchange
		if err := got.UnmarshalJSON(b); err != nil {
			t.Errorf("UnmarshalJSON(%s): %v", b, err)
			continue
		}
		if diff := cmp.Diff(e, got); diff != "" {
			t.Errorf("round trip through %s (-want +got):\n%s", b, diff)
		}
	}
	if _, err := (recorder.Exchange{Start: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}).MarshalJSON(); err == nil {
		t.Error("MarshalJSON of a Start in the year 10000 succeeded; RFC 3339 has four-digit years")
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{}`, `no "v" field`},
		{`{"v":null}`, `no "v" field`},
		{`{"v":2,"conn":"x"}`, "version 2; this reader knows version 1"},
		{`{"v":"1"}`, "cannot unmarshal string"},
		{`[]`, `an exchange is a JSON object, not "[]"`},
		{`null`, `an exchange is a JSON object, not "null"`},
		{``, `an exchange is a JSON object, not ""`},
		{`{"v":1} x`, "invalid character 'x' after top-level value"},
		{`{"v":1,"color":"red"}`, `unknown field "color"`},
		{`{"v":1,"request":{"status_line":""}}`, `unknown field "status_line"`},
		{`{"v":1,"conn":1.5}`, "cannot unmarshal number 1.5"},
		{`{"v":1,"start":"yesterday"}`, "cannot parse"},
		{`{"v":1,"request":{"header":[["a"]]}}`, `a header field is [name, value], not ["a"]`},
		{`{"v":1,"request":{"header":[["a","b","c"]]}}`, "a header field is [name, value]"},
		{`{"v":1,"request":{"header":[null]}}`, "a header field is [name, value], not null"},
		{`{"v":1,"request":{"header":[[1,2]]}}`, "text is a JSON string, not 1"},
		{`{"v":1,"request":{"raw":"!"}}`, "illegal base64"},
		{`{"v":1,"request":{"body_sha256":"abc"}}`, "a SHA-256 digest is 64 hexadecimal digits"},
		{`{"v":1,"request":{"body_sha256":"` + strings.Repeat("g", 64) + `"}}`, "a SHA-256 digest is hexadecimal"},
		{`{"v":1,"request":{"raw":"YWJj","body_offset":4}}`, `request: "body_offset" 4 is outside "raw", 3 bytes long`},
		{`{"v":1,"response":{"body_offset":-1}}`, `response: "body_offset" -1 is outside "raw"`},
		{`{"v":1,"response":{"raw":"YWJj","body_offset":1,"body":""}}`, `both "body_offset" and "body"`},
		{`{"v":1,"response":{"interim":[{},{"body_offset":1}]}}`, `response: interim 2: "body_offset" 1 is outside`},
	}
	for _, tt := range tests {
		var e recorder.Exchange
		err := e.UnmarshalJSON([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "recorder: exchange: ") {
			t.Errorf("UnmarshalJSON(%s) = %v; want an error with %q", tt.in, err, tt.want)
		}
	}
}

func TestReadJSONL(t *testing.T) {
	in := "\n" + `{"v":1,"conn":1}` + "\r\n  \n" + `{"v":1,"conn":2}`
	got, err := recorder.ReadJSONL(strings.NewReader(in))
	if want := []recorder.Exchange{{Conn: 1}, {Conn: 2}}; err != nil || !cmp.Equal(want, got) {
		t.Errorf("ReadJSONL(%q) = %+v, %v; want %+v", in, got, err, want)
	}
	got, err = recorder.ReadJSONL(strings.NewReader(""))
	if err != nil || got != nil {
		t.Errorf("ReadJSONL(\"\") = %+v, %v; want nothing", got, err)
	}
	in = `{"v":1,"conn":1}` + "\n\n" + `{"v":1,"conn":2,` + "\n"
	got, err = recorder.ReadJSONL(strings.NewReader(in))
	if want := "recorder: ReadJSONL: line 3: unexpected end of JSON input"; err == nil || err.Error() != want {
		t.Errorf("ReadJSONL(%q) error = %v; want %q", in, err, want)
	}
	if len(got) != 1 || got[0].Conn != 1 {
		t.Errorf("ReadJSONL(%q) = %+v; want the exchange before the bad line", in, got)
	}
	_, err = recorder.ReadJSONL(io.MultiReader(strings.NewReader(`{"v":1}`+"\n"), iotest.ErrReader(errors.New("disk on fire"))))
	if err == nil || !strings.Contains(err.Error(), "line 2: disk on fire") {
		t.Errorf("ReadJSONL of a failing reader: %v; want the reader's error on line 2", err)
	}
}

func TestWriteJSONLError(t *testing.T) {
	exs := []recorder.Exchange{{Conn: 1}, {Conn: 2, Seq: 5, Start: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}}
	var buf bytes.Buffer
	err := recorder.WriteJSONL(&buf, exs)
	if err == nil || !strings.HasPrefix(err.Error(), "recorder: WriteJSONL: exchange 2 of 2 (2.5): json: ") {
		t.Errorf("WriteJSONL with a year -1 = %v; want an error naming exchange 2", err)
	}
	if buf.String() != `{"v":1,"conn":1,"request":{},"response":{}}`+"\n" {
		t.Errorf("WriteJSONL wrote %q before the error; want the first exchange", buf.String())
	}
	w := iotestWriter{err: errors.New("disk full")}
	if err := recorder.WriteJSONL(w, exs[:1]); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteJSONL to a failing writer = %v; want its error", err)
	}
}

type iotestWriter struct{ err error }

func (w iotestWriter) Write([]byte) (int, error) { return 0, w.err }

// TestJSONTextPython checks the promise made to Python: json.loads and
// surrogateescape give back the bytes of text that is not UTF-8.
func TestJSONTextPython(t *testing.T) {
	python := cpython.Find(t, "3.13", "3.12", "3.14").Path
	e := recorder.Exchange{Error: "caf\xe9 \xff\xfe \xed\xa0\x80 ok \u00e9\U0001F600", Log: []string{"<tab\t>"}}
	b, err := e.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	script := `import json, sys
ex = json.loads(sys.stdin.read())
sys.stdout.buffer.write(ex["error"].encode("utf-8", "surrogateescape") + b"|" + ex["log"][0].encode())`
	cmd := exec.Command(python, "-I", "-c", script)
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", python, err)
	}
	if want := e.Error + "|" + e.Log[0]; string(out) != want {
		t.Errorf("Python read %q from %s; want %q", out, b, want)
	}
}

// FuzzReadJSONL: no input makes ReadJSONL panic, and what it reads
// writes back and reads again as the same exchanges, written the same
// way. The seed corpus is in testdata/fuzz/FuzzReadJSONL.
func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(formJSON))
	f.Add([]byte(`{"v":1,"log":["\udcff\ud83d\ude00\ud800\udc00\udc7f\ud800x\u00e9\uFFFD"]}`))
	f.Add([]byte(`{"v":1,"request":{"raw":"YWJj","body_offset":3}}` + "\n" + `{"v":1,"response":{"raw":"","body":""}}`))
	f.Add([]byte(`{"v":1,"start":"2026-01-02T03:04:05.1-23:59","duration_ns":-9223372036854775808}`))
	f.Add([]byte("{\"V\":1,\"Conn\":7,\"error\":\"\xff raw\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		exs, err := recorder.ReadJSONL(bytes.NewReader(data))
		if err != nil {
			return
		}
		var first bytes.Buffer
		if err := recorder.WriteJSONL(&first, exs); err != nil {
			t.Fatalf("WriteJSONL of what ReadJSONL read from %q: %v", data, err)
		}
		again, err := recorder.ReadJSONL(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("ReadJSONL of %q, written from what was read from %q: %v", first.Bytes(), data, err)
		}
		if diff := cmp.Diff(exs, again); diff != "" {
			t.Fatalf("read %q, wrote %q, read that (-first +second):\n%s", data, first.Bytes(), diff)
		}
		var second bytes.Buffer
		if err := recorder.WriteJSONL(&second, again); err != nil || !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("writing the same exchanges twice: %q, then %q (%v)", first.Bytes(), second.Bytes(), err)
		}
	})
}

// FuzzJSONText: any text, in any field, comes back as it was, bytes that
// are not UTF-8 included, in JSON that is valid.
func FuzzJSONText(f *testing.F) {
	f.Add("plain")
	f.Add("caf\xe9 \xed\xa0\x80 \"\\\x00\x1f\x7f \u2028 \U0001F600")
	f.Fuzz(func(t *testing.T, s string) {
		e := recorder.Exchange{Error: s, Log: []string{s}, Request: recorder.Request{Header: recorder.Header{{s, s}}}}
		b, err := e.MarshalJSON()
		if err != nil || !json.Valid(b) {
			t.Fatalf("MarshalJSON with text %q = %s, %v; want valid JSON", s, b, err)
		}
		var got recorder.Exchange
		if err := got.UnmarshalJSON(b); err != nil {
			t.Fatalf("UnmarshalJSON(%s): %v", b, err)
		}
		if diff := cmp.Diff(e, got); diff != "" {
			t.Fatalf("text %q through %s (-want +got):\n%s", s, b, diff)
		}
	})
}
