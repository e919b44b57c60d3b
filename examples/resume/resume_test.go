package resume_test

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/httpfixture/httpfixture/examples/resume"
	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/recorder"
)

const size = 16 << 20

// TestResumeThroughABadNetwork: the download endpoint breaks the first
// transfer after 1 MiB, resets the second after 2 MiB more, and ignores
// the third's Range. The downloader must resume twice, then start over,
// and end with the file's exact bytes. The faults come from a seed, so a
// failure replays the same way.
func TestResumeThroughABadNetwork(t *testing.T) {
	tree := hfstest.Map(t, hfstest.WithLargeFile("release/app.iso", size, 1))
	srv := fixture.New(t, tree,
		fixture.WithProtocol("HTTP/1.1"),
		fixture.WithRanges(), // Accept-Ranges, 206, ETag and If-Range: opt-in, beyond CPython
		fixture.WithFaults(1,
			fixture.Truncate(1<<20).On("/release/*.iso").Nth(1),
			fixture.Reset(2<<20).On("/release/*.iso").Nth(2),
			fixture.IgnoreRange().On("/release/*.iso").Nth(2), // the second ranged request
		))

	dst, err := os.Create(filepath.Join(t.TempDir(), "app.iso"))
	assert.NilError(t, err)
	defer dst.Close()
	d := resume.Downloader{Client: srv.Client(), Attempts: 5}
	attempts, err := d.Fetch(t.Context(), srv.URL+"/release/app.iso", dst)
	assert.NilError(t, err)
	assert.Equal(t, attempts, 3)

	// The file is whole and right.
	want, err := fs.ReadFile(tree, "release/app.iso")
	assert.NilError(t, err)
	dst.Seek(0, io.SeekStart)
	h := sha256.New()
	io.Copy(h, dst)
	assert.Equal(t, [32]byte(h.Sum(nil)), sha256.Sum256(want))

	// What the client did, as the server saw it.
	rec := srv.Recorder()
	exs := rec.Exchanges()
	assert.Assert(t, is.Len(exs, 3))
	etag := exs[0].Response.Header.Get("ETag")
	assert.Assert(t, etag != "")
	// 1: the whole file asked for, cut after 1 MiB.
	assert.Check(t, recorder.Matches(exs[0], recorder.Status(200), recorder.Not(recorder.HasRequestHeader("Range")), recorder.Faulted()))
	assert.Check(t, is.Equal(exs[0].Response.BodySize, int64(1<<20)))
	// 2: resumed at 1 MiB, guarded by the ETag; reset 2 MiB later.
	assert.Check(t, recorder.Matches(exs[1], recorder.Status(206),
		recorder.RequestHeader("Range", "bytes=1048576-"), recorder.RequestHeader("If-Range", etag), recorder.Faulted()))
	assert.Check(t, is.Equal(exs[1].Response.BodySize, int64(2<<20)))
	// 3: resumed where the client stood. The reset threw away what was
	// still in flight, so that is somewhere after 1 MiB and at most 3 MiB.
	// The server ignored the Range: a 200 with the whole file, which the
	// client took from the start.
	assert.Check(t, recorder.Matches(exs[2], recorder.Status(200), recorder.HasRequestHeader("Range"), recorder.Faulted()))
	var from int64
	_, err = fmt.Sscanf(exs[2].Request.Header.Get("Range"), "bytes=%d-", &from)
	assert.NilError(t, err)
	assert.Check(t, from > 1<<20 && from <= 3<<20, "resumed at %d", from)
	assert.Check(t, is.Equal(exs[2].Response.BodySize, int64(size)))
	assert.Check(t, is.Equal(exs[2].Response.BodySHA256, sha256.Sum256(want)))
}

// TestGiveUpCleanly: when every transfer breaks, the downloader stops
// after its attempts with an error that says why, and the server saw
// exactly that many requests, each marked as faulted.
func TestGiveUpCleanly(t *testing.T) {
	srv := fixture.New(t, hfstest.Map(t, hfstest.WithLargeFile("app.iso", 1<<20, 2)),
		fixture.WithRanges(),
		fixture.WithFaults(7, fixture.Truncate(1000).Every(1)))
	dst, err := os.Create(filepath.Join(t.TempDir(), "app.iso"))
	assert.NilError(t, err)
	defer dst.Close()
	d := resume.Downloader{Client: srv.Client(), Attempts: 3}
	_, err = d.Fetch(t.Context(), srv.URL+"/app.iso", dst)
	assert.ErrorContains(t, err, "gave up after 3 attempts: unexpected EOF")
	assert.Check(t, srv.Recorder().ReceivedN(3, recorder.Faulted(), recorder.Failed()))
}
