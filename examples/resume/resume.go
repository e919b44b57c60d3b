// Package resume is a small downloader that survives a bad network: the
// client under test in this example. It retries a broken transfer with a
// Range request from where it stopped, guarded by If-Range so that a file
// that changed meanwhile is fetched whole again.
package resume

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// Downloader fetches files, resuming broken transfers.
type Downloader struct {
	Client   *http.Client
	Attempts int // tries in all, the first included
}

// Fetch downloads url into dst, which it truncates first. It returns the
// number of attempts it took.
func (d *Downloader) Fetch(ctx context.Context, url string, dst *os.File) (attempts int, err error) {
	if err := dst.Truncate(0); err != nil {
		return 0, err
	}
	var (
		have, size int64  = 0, -1
		validator  string // the ETag of what we have, for If-Range
		last       error
	)
	for attempts = 1; attempts <= d.Attempts; attempts++ {
		req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
		if err != nil {
			return attempts, err
		}
		if have > 0 {
			req.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
			req.Header.Set("If-Range", validator)
		}
		resp, err := d.Client.Do(req)
		if err != nil {
			last = err
			continue
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			// The whole file: the first answer, or the server would not
			// resume (a changed file, or Range ignored). Start over.
			have, size, validator = 0, resp.ContentLength, resp.Header.Get("ETag")
			if _, err := dst.Seek(0, io.SeekStart); err != nil {
				return attempts, err
			}
			if err := dst.Truncate(0); err != nil {
				return attempts, err
			}
		case resp.StatusCode == http.StatusPartialContent && contentRangeStart(resp) == have:
		default:
			resp.Body.Close()
			return attempts, fmt.Errorf("GET %s: unexpected %s", url, resp.Status)
		}
		n, err := io.Copy(dst, resp.Body)
		resp.Body.Close()
		have += n
		if err == nil && (size < 0 || have == size) {
			return attempts, nil
		}
		last = err
		if last == nil {
			last = fmt.Errorf("%d of %d bytes", have, size)
		}
	}
	return d.Attempts, fmt.Errorf("GET %s: gave up after %d attempts: %w", url, d.Attempts, last)
}

// contentRangeStart is the first byte of "Content-Range: bytes a-b/n",
// or -1.
func contentRangeStart(resp *http.Response) int64 {
	v, ok := strings.CutPrefix(resp.Header.Get("Content-Range"), "bytes ")
	if !ok {
		return -1
	}
	a, _, ok := strings.Cut(v, "-")
	n, err := strconv.ParseInt(a, 10, 64)
	if !ok || err != nil {
		return -1
	}
	return n
}
