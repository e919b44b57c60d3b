package recorder_test

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/assert/cmp"
	"gotest.tools/v3/golden"

	"github.com/httpfixture/httpfixture/fixture"
	"github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/recorder"
)

// The golden files of these tests are in testdata/transcript. After a
// change to the transcript format or to the server, run
//
//	go test ./recorder -run Golden -update
//
// and read the difference before committing it.

// goldenTree is the tree the golden tests serve: a text file, and a
// directory whose listing has names to escape and names in Unicode.
func goldenTree(t *testing.T) fs.FS {
	return fstest.Map(t,
		fstest.WithFile("hello.txt", "hello, world\n"),
		fstest.WithFile("dir/a b&c.html", "<p>a b & c</p>"),
		fstest.WithFile("dir/ünïcödé.txt", "ünïcödé\n"),
		fstest.WithDir("dir/sub"),
	)
}

// goldenServer starts a server whose Server header does not name the Go
// release, so that the golden files hold for every Go.
func goldenServer(t *testing.T, fsys fs.FS, opts ...fixture.Option) *fixture.Server {
	return fixture.New(t, fsys, append([]fixture.Option{fixture.WithSysVersion("Python/3.13.0")}, opts...)...)
}

// goldenRaw sends request on a new connection and reads the answer to
// the end: the server closes the connection after it (HTTP/1.0, or
// "Connection: close").
func goldenRaw(t *testing.T, srv *fixture.Server, request string) string {
	t.Helper()
	conn := srv.Dial(t)
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatalf("write %q: %v", request, err)
	}
	answer, err := io.ReadAll(conn)
	if err != nil {
		t.Fatalf("read the answer to %q: %v", request, err)
	}
	return string(answer)
}

// goldenDo sends a request with the server's client and reads the body to
// the end, so that the connection goes back to the pool for the next one.
func goldenDo(t *testing.T, srv *fixture.Server, method, path string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	assert.NilError(t, err)
	resp, err := srv.Client().Do(req)
	assert.NilError(t, err)
	_, err = io.Copy(io.Discard, resp.Body)
	assert.NilError(t, err)
	assert.NilError(t, resp.Body.Close())
}

// Keep-alive: a file and a missing file (CPython's 404 page, which closes
// the connection) on one HTTP/1.1 connection, then HEAD on another.
func TestGoldenKeepAlive(t *testing.T) {
	srv := goldenServer(t, goldenTree(t), fixture.WithProtocol("HTTP/1.1"))
	goldenDo(t, srv, "GET", "/hello.txt")
	goldenDo(t, srv, "GET", "/missing.txt")
	goldenDo(t, srv, "HEAD", "/hello.txt")
	exs := srv.Recorder().Exchanges()
	assert.Equal(t, len(exs), 3)
	// send_error says "Connection: close": HEAD comes on a new connection.
	assert.Equal(t, exs[1].Conn, exs[0].Conn)
	assert.Equal(t, exs[2].Conn, exs[0].Conn+1)
	assert.Assert(t, recorder.Golden("transcript/keepalive.golden", exs))
}

// A directory listing, its names escaped and in Unicode, and the
// redirect to the directory with a slash (Location holds no port: CPython
// sends a path).
func TestGoldenListing(t *testing.T) {
	srv := goldenServer(t, goldenTree(t))
	goldenRaw(t, srv, "GET /dir HTTP/1.0\r\n\r\n")
	goldenRaw(t, srv, "GET /dir/ HTTP/1.0\r\nHost: "+srv.Addr().String()+"\r\n\r\n")
	recorder.AssertGolden(t, "transcript/listing.golden", srv.Recorder().Exchanges())
}

// HTTP/0.9: a request line of two words, answered with the body alone;
// and an error found before the version is known, answered the same way.
func TestGoldenHTTP09(t *testing.T) {
	srv := goldenServer(t, goldenTree(t))
	if got := goldenRaw(t, srv, "GET /hello.txt\r\n"); got != "hello, world\n" {
		t.Fatalf("HTTP/0.9 answer %q; want the file alone", got)
	}
	goldenRaw(t, srv, "GET /hello.txt HTTP/1.x\r\n\r\n")
	recorder.AssertGolden(t, "transcript/http09.golden", srv.Recorder().Exchanges())
}

// Malformed requests: too many words, a method nobody serves, bytes that
// are no UTF-8, control characters, a bare LF line ending, a folded
// header, a trailing space, and a connection closed before the end of
// the head.
func TestGoldenMalformed(t *testing.T) {
	srv := goldenServer(t, nil)
	goldenRaw(t, srv, "GET /a b c HTTP/1.0\r\n\r\n")
	goldenRaw(t, srv, "BREW /pot\xe9\\ HTTP/1.0\nX-Tab:\tvalue \r\nX-Folded: one\r\n two\r\nX-Ctl: \x01\x7f\r\n\r\n")
	conn := srv.Dial(t)
	io.WriteString(conn, "GET / HTTP/1.0\r\nHost: half")
	conn.(interface{ CloseWrite() error }).CloseWrite()
	io.ReadAll(conn)
	recorder.AssertGolden(t, "transcript/malformed.golden", srv.Recorder().Exchanges())
}

// A method of the test's own: a request body read after 100 Continue, a
// response longer than the transcript shows, with the server's port in
// it; and a response body the recorder kept only the start of.
func TestGoldenMethod(t *testing.T) {
	spam := func(w *fixture.ResponseWriter, r *fixture.Request) {
		body, err := r.ReadBody()
		if err != nil {
			w.SendError(400)
			return
		}
		var page bytes.Buffer
		fmt.Fprintf(&page, "spam for %s at http://%s%s\n", body, r.Header.Get("Host"), r.Path)
		for i := 0; page.Len() < 5000; i++ {
			fmt.Fprintf(&page, "line %d: spam spam spam spam spam spam spam spam\n", i)
		}
		w.SendResponse(200)
		w.SendHeader("Content-Type", "text/plain; charset=utf-8")
		// No Content-Length: the port's digits change it. The client
		// asks to close the connection after the answer.
		w.EndHeaders()
		w.Write(page.Bytes())
	}
	srv := goldenServer(t, nil, fixture.WithProtocol("HTTP/1.1"), fixture.WithMethod("SPAM", spam))
	conn := srv.Dial(t)
	io.WriteString(conn, "SPAM /eggs HTTP/1.1\r\nHost: "+srv.Addr().String()+"\r\nContent-Length: 4\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
	cont := make([]byte, len("HTTP/1.1 100 Continue\r\n\r\n"))
	_, err := io.ReadFull(conn, cont)
	assert.NilError(t, err)
	assert.Equal(t, string(cont), "HTTP/1.1 100 Continue\r\n\r\n")
	io.WriteString(conn, "ham!")
	io.ReadAll(conn)

	limited := goldenServer(t, nil, fixture.WithProtocol("HTTP/1.1"), fixture.WithMethod("SPAM", spam), fixture.WithRecordLimit(60))
	goldenRaw(t, limited, "SPAM / HTTP/1.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\negg")
	exs := append(srv.Recorder().Exchanges(), limited.Recorder().Exchanges()...)
	recorder.AssertGolden(t, "transcript/method.golden", exs, recorder.NormalizeServer())
}

// The transcript of a server's exchanges is the same from run to run:
// two servers doing the same thing on different ports, at different
// times, give the same golden text.
func TestGoldenStable(t *testing.T) {
	var texts []string
	for range 2 {
		srv := goldenServer(t, goldenTree(t), fixture.WithProtocol("HTTP/1.1"))
		goldenDo(t, srv, "GET", "/dir/")
		texts = append(texts, recorder.Transcript(srv.Recorder().Exchanges(), recorder.DefaultNormalizers()...))
	}
	assert.Equal(t, texts[0], texts[1])
	assert.Assert(t, !strings.Contains(texts[0], "GMT"), "dates left in:\n%s", texts[0])
}

func TestGoldenBadArguments(t *testing.T) {
	if golden.FlagUpdate() {
		t.Skip("-update writes golden files where these cases expect none")
	}
	exs := []recorder.Exchange{{Conn: 1, Seq: 1}}
	for _, tc := range []struct {
		name     string
		filename string
		exs      []recorder.Exchange
		ns       []recorder.Normalizer
		want     string
	}{
		{"empty file name", "", exs, nil, "the golden file name is empty"},
		{"no exchanges", "x.golden", nil, nil, "no exchanges to compare"},
		{"nil normalizer", "x.golden", exs, []recorder.Normalizer{nil}, "a Normalizer is nil"},
		{"missing file", filepath.Join(t.TempDir(), "missing.golden"), exs, nil, "no such file or directory; run the test with -update to write it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := recorder.Golden(tc.filename, tc.exs, tc.ns...)()
			assert.Assert(t, !res.Success())
			msg := res.(interface{ FailureMessage() string }).FailureMessage()
			assert.Assert(t, cmp.Contains(msg, tc.want))
		})
	}
}

// A golden file checked out with CRLF line endings (core.autocrlf) still
// matches; one that differs still fails, with a diff.
func TestGoldenLineEndings(t *testing.T) {
	if golden.FlagUpdate() {
		t.Skip("-update would rewrite the files this test writes")
	}
	exs := []recorder.Exchange{{
		Conn: 1, Seq: 1,
		Request:  recorder.Request{Raw: []byte("GET / HTTP/1.0\r\n\r\n"), Line: "GET / HTTP/1.0"},
		Response: recorder.Response{Raw: []byte("HTTP/1.0 204 No Content\r\n\r\n")},
	}}
	text := recorder.Transcript(exs, recorder.DefaultNormalizers()...)
	dir := t.TempDir()
	crlf := filepath.Join(dir, "crlf.golden")
	assert.NilError(t, os.WriteFile(crlf, []byte(strings.ReplaceAll(text, "\n", "\r\n")), 0o644))
	assert.Assert(t, recorder.Golden(crlf, exs))

	other := filepath.Join(dir, "other.golden")
	assert.NilError(t, os.WriteFile(other, []byte(strings.Replace(text, "204", "200", 1)), 0o644))
	res := recorder.Golden(other, exs)()
	assert.Assert(t, !res.Success())
	msg := res.(interface{ FailureMessage() string }).FailureMessage()
	assert.Assert(t, cmp.Contains(msg, "-< HTTP/1.0 200 No Content"))
	assert.Assert(t, cmp.Contains(msg, "+< HTTP/1.0 204 No Content"))
}
