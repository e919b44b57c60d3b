// Package golden shows golden-file assertions on what went over the wire:
// the recorder's exchanges, written as a transcript (raw request and
// response lines, log lines) and compared with a file under testdata.
//
// When the server's answers change on purpose, rewrite the files with
//
//	go test ./examples/golden -update
//
// and read the difference in review, as any other change.
package golden

import (
	"io"
	"testing"
	"time"

	"gotest.tools/v3/assert"

	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/recorder"
)

// get fetches path from srv and reads the answer to its end, so that the
// exchange is complete in the recorder.
func get(t *testing.T, srv *fixture.Server, path string) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	assert.NilError(t, err)
	_, err = io.Copy(io.Discard, resp.Body)
	assert.NilError(t, err)
	assert.NilError(t, resp.Body.Close())
}

func TestSiteGolden(t *testing.T) {
	// Fixed modification times keep Last-Modified the same from run to run.
	when := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	tree := hfstest.Map(t,
		hfstest.WithFile("hello.txt", "hello, world\n", hfstest.WithModTime(when)),
		hfstest.WithFile("docs/guide.md", "# Guide\n", hfstest.WithModTime(when)),
		hfstest.WithFile("docs/faq.html", "<h1>FAQ</h1>\n", hfstest.WithModTime(when)))
	srv := fixture.New(t, tree)

	get(t, srv, "/hello.txt") // a file
	get(t, srv, "/docs/")     // a directory listing, CPython's page
	get(t, srv, "/missing")   // a 404, CPython's error page

	// The whole conversation in one file, testdata/site.golden. The Date
	// header, the ports (in Host, in the addresses) and the dates in log
	// lines are replaced by placeholders by default; NormalizeServer
	// also replaces the Server header, whose value names the Go release
	// ("SimpleHTTP/0.6 Go/1.26.8"). AssertGolden stops the test on a
	// difference and prints it as a diff of the transcript:
	//
	//	assertion failed:
	//	    --- expected
	//	    +++ actual
	//	    @@ -15,5 +15,5 @@
	//	     < Last-Modified: Thu, 02 Jan 2025 03:04:05 GMT
	//	     <
	//	    -< hello, World\n
	//	    +< hello, world\n
	//	     log 127.0.0.1 - - [<date>] "GET /hello.txt HTTP/1.1" 200 -
	//	    ...
	//	    You can run 'go test . -update' to automatically update testdata/site.golden to the new expected value.'
	exs := srv.Recorder().Exchanges()
	recorder.AssertGolden(t, "site.golden", exs, recorder.NormalizeServer())

	// Golden is the same check as a gotest.tools comparison, here for
	// the 404 alone, picked out of the recorder with a matcher.
	notFound := srv.Recorder().Filter(recorder.Status(404))
	assert.Check(t, recorder.Golden("notfound.golden", notFound, recorder.NormalizeServer()))
}
