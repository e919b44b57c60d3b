// Package cgiform shows a form POSTed to a CGI script, with the script
// written in Go in the test file (package cgitest) and served by a fixture
// server acting as CPython's CGIHTTPRequestHandler (fixture.WithCGI).
package cgiform

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/httpfixture/httpfixture/cgitest"
	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/recorder"
)

// The script runs in a process of its own: the test binary started again,
// which TestMain hands to cgitest.Main instead of running the tests.
func TestMain(m *testing.M) { cgitest.Main(m) }

// subscribe is the CGI script. It is registered at init time (a
// package-level variable) so that the script's process knows it too. As
// any CGI script, it reads CONTENT_LENGTH bytes of form from stdin, writes
// a header block and a body to stdout, and talks to the server's log on
// stderr.
var subscribe = cgitest.Register("subscribe", func(p *cgitest.Process) int {
	n, err := strconv.Atoi(p.Env["CONTENT_LENGTH"])
	if p.Env["REQUEST_METHOD"] != "POST" || err != nil {
		fmt.Fprint(p.Stdout, "Content-Type: text/plain\n\nPOST the form, please.\n")
		fmt.Fprintf(p.Stderr, "subscribe: %s without a body\n", p.Env["REQUEST_METHOD"])
		return 1
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(p.Stdin, body); err != nil {
		fmt.Fprintf(p.Stderr, "subscribe: reading the form: %v\n", err)
		return 1
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		fmt.Fprintf(p.Stderr, "subscribe: %v\n", err)
		return 1
	}
	fmt.Fprintf(p.Stdout, "Content-Type: text/plain\n\nThanks, %s. We will write to %s.\n", form.Get("name"), form.Get("email"))
	return 0
})

// messages drops the "127.0.0.1 - - [21/Nov/2026 14:28:17] " that starts
// the server's log lines, which changes from run to run. Lines the script
// wrote on stderr are logged as they are, without it.
func messages(log []string) []string {
	var out []string
	for _, line := range log {
		if rest, ok := strings.CutPrefix(line, "127.0.0.1 - - ["); ok {
			_, line, _ = strings.Cut(rest, "] ")
		}
		out = append(out, line)
	}
	return out
}

func TestSubscribeForm(t *testing.T) {
	cgitest.MustHaveExec(t) // skips where scripts cannot run (Windows, wasm)
	tree := hfstest.Map(t, cgitest.WithScript("cgi-bin/subscribe", subscribe))
	srv := fixture.New(t, tree, fixture.WithCGI())

	form := url.Values{"name": {"Ada Lovelace"}, "email": {"ada@example.com"}}
	resp, err := srv.Client().PostForm(srv.URL+"/cgi-bin/subscribe", form)
	assert.NilError(t, err)
	body, err := io.ReadAll(resp.Body)
	assert.NilError(t, err)
	resp.Body.Close()

	// CPython sends its own status line, "200 Script output follows",
	// then copies the script's output through as it is.
	assert.Check(t, is.Equal(resp.Status, "200 Script output follows"))
	assert.Check(t, is.Equal(resp.Header.Get("Content-Type"), "text/plain"))
	assert.Check(t, is.Equal(string(body), "Thanks, Ada Lovelace. We will write to ada@example.com.\n"))

	// The recorder kept the form as the client sent it.
	rec := srv.Recorder()
	post, err := rec.Find(recorder.Method("POST"), recorder.Path("/cgi-bin/subscribe"))
	assert.NilError(t, err)
	assert.Check(t, recorder.Matches(post,
		recorder.RequestHeader("Content-Type", "application/x-www-form-urlencoded"),
		recorder.RequestBody([]byte("email=ada%40example.com&name=Ada+Lovelace")),
		recorder.Status(200),
		recorder.ResponseHeader("Content-Type", "text/plain"),
		recorder.ResponseBody([]byte("Thanks, Ada Lovelace. We will write to ada@example.com.\n"))))
	// A script that exits 0 and writes nothing on stderr leaves the
	// request line alone in the log.
	assert.Check(t, is.DeepEqual(messages(post.Log), []string{`"POST /cgi-bin/subscribe HTTP/1.1" 200 -`}))

	// A GET has no body: the script complains on stderr, which goes to
	// the server's log (the test's output), and exits 1. CPython has
	// already sent "200 Script output follows", so the client sees a 200;
	// only the log tells, with the exit code.
	resp, err = srv.Client().Get(srv.URL + "/cgi-bin/subscribe")
	assert.NilError(t, err)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	assert.Check(t, is.Equal(resp.StatusCode, 200))

	get, err := rec.Find(recorder.Method("GET"))
	assert.NilError(t, err)
	log := messages(get.Log)
	assert.Check(t, is.Contains(log, `"GET /cgi-bin/subscribe HTTP/1.1" 200 -`))
	assert.Check(t, is.Contains(log, "CGI script exit code 1"))
}
