// Package custommethod shows a handler for a method of one's own, as a
// do_SPAM method of a BaseHTTPRequestHandler subclass: it reads the request
// body, answers with CPython's send_response, send_header, end_headers and
// wfile.write, and the recorder keeps both sides.
package custommethod

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/httpfixture/httpfixture/fixture"
	"github.com/httpfixture/httpfixture/recorder"
)

// doSPAM is, line for line, what a Python subclass would write:
//
//	def do_SPAM(self):
//	    eggs = self.rfile.read(int(self.headers['Content-Length']))
//	    body = b'spam, spam, ' + eggs + b'\n'
//	    self.send_response(200)
//	    self.send_header('Content-type', 'text/plain')
//	    self.send_header('Content-Length', str(len(body)))
//	    self.end_headers()
//	    self.wfile.write(body)
func doSPAM(w *fixture.ResponseWriter, r *fixture.Request) {
	eggs, err := r.ReadBody() // exactly Content-Length bytes
	if err != nil {
		w.SendError(400, "Bad body")
		return
	}
	body := "spam, spam, " + string(eggs) + "\n"
	w.SendResponse(200)
	w.SendHeader("Content-type", "text/plain") // CPython's spelling, kept as written
	w.SendHeader("Content-Length", strconv.Itoa(len(body)))
	w.EndHeaders()
	w.WriteString(body)
}

func TestSPAM(t *testing.T) {
	// No tree: the server serves only the methods it is given. HTTP/1.1
	// so that one connection carries both requests below.
	srv := fixture.New(t, nil, fixture.WithProtocol("HTTP/1.1"), fixture.WithMethod("SPAM", doSPAM))

	req, err := http.NewRequest("SPAM", srv.URL+"/menu", strings.NewReader("eggs and bacon"))
	assert.NilError(t, err)
	resp, err := srv.Client().Do(req)
	assert.NilError(t, err)
	body, err := io.ReadAll(resp.Body)
	assert.NilError(t, err)
	resp.Body.Close()

	// What the client saw.
	assert.Check(t, is.Equal(resp.StatusCode, 200))
	assert.Check(t, is.Equal(string(body), "spam, spam, eggs and bacon\n"))
	assert.Check(t, strings.HasPrefix(resp.Header.Get("Server"), "BaseHTTP/0.6 "), "without a tree the server is BaseHTTPRequestHandler")

	// Methods are looked up case-sensitively, as getattr(self, 'do_' +
	// command) does: "spam" has no handler, and gets 501.
	req, err = http.NewRequest("spam", srv.URL+"/menu", nil)
	assert.NilError(t, err)
	resp, err = srv.Client().Do(req)
	assert.NilError(t, err)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	assert.Check(t, is.Equal(resp.Status, "501 Unsupported method ('spam')"))

	// What went over the wire: the request body as the client sent it,
	// and the response head with the field names spelt as the handler
	// wrote them ("Content-type"), which Go's http.Header would have
	// canonicalised away.
	rec := srv.Recorder()
	assert.Check(t, rec.Received(recorder.Method("SPAM"), recorder.Target("/menu"),
		recorder.RequestHeader("Content-Length", "14"),
		recorder.RequestBody([]byte("eggs and bacon")),
		recorder.Status(200),
		recorder.ResponseBody([]byte("spam, spam, eggs and bacon\n"))))

	ex, err := rec.Find(recorder.Method("SPAM"))
	assert.NilError(t, err)
	var names []string
	for _, f := range ex.Response.Header {
		names = append(names, f.Name)
	}
	assert.Check(t, is.DeepEqual(names, []string{"Server", "Date", "Content-type", "Content-Length"}))
	assert.Assert(t, is.Len(ex.Log, 1))
	assert.Check(t, strings.HasSuffix(ex.Log[0], `"SPAM /menu HTTP/1.1" 200 -`), ex.Log[0])

	// Both requests used one keep-alive connection.
	assert.Check(t, is.Equal(len(rec.Conn(1)), 2))
}
