// Package malformed shows requests no HTTP client would send, written as
// raw bytes over Server.Dial, and CPython's exact answers to them: the
// status line, the headers in CPython's order and the error page, or no
// status line at all where CPython answers in HTTP/0.9 style. Each of
// them is an exchange in the recorder, with its log lines.
package malformed

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/recorder"
)

// errorPage is CPython's DEFAULT_ERROR_MESSAGE, filled in as send_error
// fills it.
func errorPage(code int, message, explain string) string {
	return fmt.Sprintf(`<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: %d</p>
        <p>Message: %s.</p>
        <p>Error code explanation: %d - %s.</p>
    </body>
</html>
`, code, message, code, explain)
}

// send writes request on a new connection and reads the answer until the
// server closes the connection, as CPython does after each of these.
func send(t *testing.T, srv *fixture.Server, request string) string {
	t.Helper()
	conn := srv.Dial(t)
	assert.NilError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err := io.WriteString(conn, request)
	assert.NilError(t, err)
	answer, err := io.ReadAll(conn)
	assert.NilError(t, err)
	return string(answer)
}

func TestMalformedRequests(t *testing.T) {
	tree := hfstest.Map(t, hfstest.WithFile("hello.txt", "hello\n"))
	// WithSysVersion makes the Server header CPython's own, so that the
	// answers below are byte for byte those of python3.13 -m http.server.
	srv := fixture.New(t, tree, fixture.WithSysVersion("Python/3.13.0"))
	rec := srv.Recorder()

	page400 := errorPage(400, "Bad request version ('HTTP/1.x')", "Bad request syntax or unsupported method")
	page501 := errorPage(501, "Unsupported method ('BREW')", "Server does not support this operation")
	page414 := errorPage(414, "URI Too Long", "URI is too long")

	for _, c := range []struct {
		name    string
		request string
		// answer is the expected bytes; DATE stands for the Date header's
		// value, the one thing that changes from run to run.
		answer string
		// statusLine and err are what the recorder makes of it.
		statusLine string
		err        string
		log        []string
	}{{
		// The version is unreadable, so CPython still takes the request
		// for HTTP/0.9 and sends the error page alone: no status line.
		name:    "bad version",
		request: "GET / HTTP/1.x\r\n\r\n",
		answer:  page400,
		err:     `malformed request: bad request version: "HTTP/1.x"`,
		log:     []string{"code 400, message Bad request version ('HTTP/1.x')", `"GET / HTTP/1.x" 400 -`},
	}, {
		// A well-formed request for a method with no do_BREW.
		name:    "unsupported method",
		request: "BREW /pot HTTP/1.0\r\n\r\n",
		answer: "HTTP/1.0 501 Unsupported method ('BREW')\r\n" +
			"Server: SimpleHTTP/0.6 Python/3.13.0\r\n" +
			"Date: DATE\r\n" +
			"Connection: close\r\n" +
			"Content-Type: text/html;charset=utf-8\r\n" +
			"Content-Length: 357\r\n" +
			"\r\n" + page501,
		statusLine: "HTTP/1.0 501 Unsupported method ('BREW')",
		log:        []string{"code 501, message Unsupported method ('BREW')", `"BREW /pot HTTP/1.0" 501 -`},
	}, {
		// CPython reads at most 65537 bytes of request line; more than
		// 65536 is 414, answered with a status line, as the request
		// version is then "" rather than HTTP/0.9. The request is exactly
		// 65537 bytes, so the server reads all of it before it closes.
		name:    "request line too long",
		request: "GET /" + strings.Repeat("a", 65537-len("GET /")),
		answer: "HTTP/1.0 414 URI Too Long\r\n" +
			"Server: SimpleHTTP/0.6 Python/3.13.0\r\n" +
			"Date: DATE\r\n" +
			"Connection: close\r\n" +
			"Content-Type: text/html;charset=utf-8\r\n" +
			"Content-Length: 319\r\n" +
			"\r\n" + page414,
		statusLine: "HTTP/1.0 414 URI Too Long",
		err:        "malformed request: request line too long",
		log:        []string{"code 414, message URI Too Long", `"" 414 -`},
	}, {
		// A two-word request line is HTTP/0.9: the file alone, no head.
		name:    "HTTP/0.9",
		request: "GET /hello.txt\r\n",
		answer:  "hello\n",
		log:     []string{`"GET /hello.txt" 200 -`},
	}} {
		t.Run(c.name, func(t *testing.T) {
			got := send(t, srv, c.request)

			// The server had recorded the exchange before it closed the
			// connection, so it is the last one now.
			ex, ok := rec.Last()
			assert.Assert(t, ok)
			want := strings.Replace(c.answer, "DATE", ex.Response.Header.Get("Date"), 1)
			assert.Check(t, is.Equal(got, want))

			// The recorder kept the bytes, parsed what it could, said
			// what was wrong, and kept the log lines (compared here after
			// CPython's "127.0.0.1 - - [date] " prefix).
			assert.Check(t, is.Equal(string(ex.Response.Raw), got))
			assert.Check(t, is.Equal(ex.Response.StatusLine, c.statusLine))
			assert.Check(t, is.Equal(ex.Error, c.err))
			var log []string
			for _, line := range ex.Log {
				_, msg, _ := strings.Cut(line, "] ")
				log = append(log, msg)
			}
			assert.Check(t, is.DeepEqual(log, c.log))
		})
	}

	// One exchange per request, each on its own connection; the two the
	// server could not parse are marked as failed.
	assert.Check(t, is.Equal(len(rec.Conns()), 4))
	assert.Check(t, is.Equal(len(rec.Filter(recorder.Failed())), 2))
}
