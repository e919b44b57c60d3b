// Package keepalive shows HTTP/1.0 and HTTP/1.1 keep-alive asserted on the
// connections the recorder saw: every exchange carries the number of its
// connection (Exchange.Conn, counted from 1 per server) and its place on
// that connection (Exchange.Seq, from 1).
package keepalive

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"testing"
	"time"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/recorder"
)

// site is the tree both servers serve.
func site(t *testing.T) fs.FS {
	return hfstest.Map(t, hfstest.WithFile("a.txt", "a\n"), hfstest.WithFile("b.txt", "b\n"))
}

// getThree makes the same three requests with one client, reading each
// body to the end so that the client may reuse the connection.
func getThree(t *testing.T, client *http.Client, base string) {
	t.Helper()
	for _, p := range []string{"/a.txt", "/b.txt", "/a.txt"} {
		resp, err := client.Get(base + p)
		assert.NilError(t, err)
		_, err = io.Copy(io.Discard, resp.Body)
		assert.NilError(t, err)
		assert.NilError(t, resp.Body.Close())
		assert.Equal(t, resp.StatusCode, 200)
	}
}

// places says where each exchange travelled, "conn 1 #2 /b.txt", so that
// a failure reads as the story of the connections.
func places(exs []recorder.Exchange) []string {
	var out []string
	for _, ex := range exs {
		out = append(out, fmt.Sprintf("conn %d #%d %s", ex.Conn, ex.Seq, ex.Request.Target))
	}
	return out
}

// CPython's default protocol_version is HTTP/1.0: the server answers
// "HTTP/1.0 200 OK" and closes the connection after each response, so
// Go's client, though it asks in HTTP/1.1, has to dial three times.
func TestHTTP10ClosesEachConnection(t *testing.T) {
	srv := fixture.New(t, site(t), fixture.WithProtocol("HTTP/1.0"))
	getThree(t, srv.Client(), srv.URL)

	rec := srv.Recorder()
	assert.Check(t, is.Equal(len(rec.Conns()), 3))
	assert.Check(t, is.DeepEqual(places(rec.Exchanges()),
		[]string{"conn 1 #1 /a.txt", "conn 2 #1 /b.txt", "conn 3 #1 /a.txt"}))
	for _, ex := range rec.Exchanges() {
		assert.Check(t, is.Equal(ex.Response.StatusLine, "HTTP/1.0 200 OK"))
	}
}

// With protocol_version HTTP/1.1 the server keeps the connection open
// after a response with a Content-Length, so all three requests travel
// on connection 1, numbered 1, 2, 3.
func TestHTTP11KeepsTheConnection(t *testing.T) {
	srv := fixture.New(t, site(t), fixture.WithProtocol("HTTP/1.1"))
	getThree(t, srv.Client(), srv.URL)

	rec := srv.Recorder()
	assert.Check(t, is.Equal(len(rec.Conns()), 1))
	assert.Check(t, is.DeepEqual(places(rec.Conn(1)),
		[]string{"conn 1 #1 /a.txt", "conn 1 #2 /b.txt", "conn 1 #3 /a.txt"}))

	// A client that says "Connection: close" gets its answer and then the
	// end of the connection, even from an HTTP/1.1 server. Raw bytes over
	// Dial show it: ReadAll returns only because the server closed.
	conn := srv.Dial(t)
	assert.NilError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err := io.WriteString(conn, "GET /b.txt HTTP/1.1\r\nHost: example\r\nConnection: close\r\n\r\n")
	assert.NilError(t, err)
	answer, err := io.ReadAll(conn)
	assert.NilError(t, err)
	assert.Check(t, is.Regexp(`^HTTP/1\.1 200 OK\r\n(?s:.*)\r\n\r\nb\n$`, string(answer)))

	// That request was the only one on the second connection.
	assert.Check(t, is.DeepEqual(places(rec.Conn(2)), []string{"conn 2 #1 /b.txt"}))
	assert.Check(t, rec.Received(recorder.Conn(2), recorder.RequestHeader("Connection", "close"), recorder.Status(200)))
}
