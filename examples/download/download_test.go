package download_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/httpfixture/httpfixture/examples/download"
	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/recorder"
)

// size is large enough that the body cannot be kept in the recorder, and
// small enough that the test takes a second or two under the race detector.
const size = 128 << 20

const notes = "app 1.0: first release\n"

func TestDownloader(t *testing.T) {
	released := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	// WithLargeFile generates the content as it is read: the 128 MiB are
	// never held in memory, by the tree or by the server.
	tree := hfstest.Map(t,
		hfstest.WithLargeFile("release/app.tar.gz", size, 42, hfstest.WithModTime(released)),
		hfstest.WithFile("release/NOTES.txt", notes, hfstest.WithModTime(released)))
	// The recorder keeps the first bytes of each body (8 MiB unless
	// WithRecordLimit says otherwise) and counts and digests all of it.
	srv := fixture.New(t, tree, fixture.WithRecordLimit(1<<20))
	rec := srv.Recorder()

	d := &download.Downloader{Client: srv.Client(), UserAgent: "app-updater/2.1"}
	url := srv.URL + "/release/app.tar.gz"

	// First fetch: the whole file. The client computes its own digest.
	first, err := d.Fetch(t.Context(), url, io.Discard)
	assert.NilError(t, err)
	assert.Equal(t, first.Size, int64(size))

	// Second fetch: the client sends If-Modified-Since, and CPython's
	// http.server answers 304 because the file is not newer than that.
	second, err := d.Fetch(t.Context(), url, io.Discard)
	assert.NilError(t, err)
	assert.Check(t, second.NotModified)

	// A small file, kept whole by the recorder.
	var got strings.Builder
	_, err = d.Fetch(t.Context(), srv.URL+"/release/NOTES.txt", &got)
	assert.NilError(t, err)
	assert.Equal(t, got.String(), notes)

	// What went over the wire. The client has read every answer, so the
	// recorder holds every exchange: the server records each one before
	// it sends the last bytes.
	assert.Equal(t, rec.Len(), 3)
	for _, ex := range rec.Exchanges() {
		assert.Check(t, recorder.Matches(ex, recorder.RequestHeader("User-Agent", "app-updater/2.1")))
	}

	// The first answer sent the whole file: the recorder's size and digest
	// of everything the server wrote agree with what the client computed,
	// though the recorder kept only the first MiB of it.
	big, err := rec.Find(recorder.Path("/release/app.tar.gz"), recorder.Status(200))
	assert.NilError(t, err)
	assert.Check(t, recorder.Matches(big,
		recorder.ResponseHeader("Content-Length", "134217728"),
		recorder.ResponseHeader("Last-Modified", "Sat, 01 Mar 2025 12:00:00 GMT")))
	_, cached := big.Request.Header.Lookup("If-Modified-Since")
	assert.Check(t, !cached, "the first request had nothing cached")
	assert.Check(t, is.Equal(big.Response.BodySize, first.Size))
	assert.Check(t, is.Equal(big.Response.BodySHA256, first.SHA256))
	assert.Check(t, is.Equal(len(big.Response.Body), 1<<20))

	// The second request sent back the Last-Modified it had been given,
	// and got 304 with no body. Received looks through every exchange.
	// Had the client forgotten If-Modified-Since, the failure would list
	// the closest exchanges, each with how it differs:
	//
	//	assertion failed: no exchange matched Path("/release/app.tar.gz"), RequestHeader("If-Modified-Since", "Sat, 01 Mar 2025 12:00:00 GMT"), Status(304); 3 recorded, the closest:
	//
	//	  conn 2 #1 "GET /release/app.tar.gz HTTP/1.1" -> 200
	//	    RequestHeader("If-Modified-Since", "Sat, 01 Mar 2025 12:00:00 GMT"): If-Modified-Since is absent
	//	    Status(304): status is 200
	//
	//	  conn 1 #1 "GET /release/app.tar.gz HTTP/1.1" -> 200
	//	    RequestHeader("If-Modified-Since", "Sat, 01 Mar 2025 12:00:00 GMT"): If-Modified-Since is absent
	//	    Status(304): status is 200
	//
	//	  conn 3 #1 "GET /release/NOTES.txt HTTP/1.1" -> 200
	//	    Path("/release/app.tar.gz"): path is "/release/NOTES.txt"
	//	    ...
	assert.Check(t, rec.Received(recorder.Path("/release/app.tar.gz"),
		recorder.RequestHeader("If-Modified-Since", "Sat, 01 Mar 2025 12:00:00 GMT"),
		recorder.Status(304),
		recorder.ResponseBody(nil)))

	// A body within the record limit is kept whole and compared as bytes.
	assert.Check(t, rec.Received(recorder.Path("/release/NOTES.txt"), recorder.ResponseBody([]byte(notes))))
}
