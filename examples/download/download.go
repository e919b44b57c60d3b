// Package download shows how to stub a download endpoint for a client under
// test: the client is Downloader, in this file; download_test.go serves it
// a large generated file from a fixture server and checks, with the
// recorder, what the client sent and that the whole file went out.
package download

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
)

// Downloader is the "client under test": a small downloader that names
// itself with a User-Agent and remembers each URL's Last-Modified, so that
// fetching the same URL again asks for it only if it changed.
//
// A Downloader is not safe for concurrent use.
type Downloader struct {
	Client    *http.Client
	UserAgent string

	lastModified map[string]string // URL -> Last-Modified of the last 200
}

// Result says what a Fetch got.
type Result struct {
	// NotModified is true when the server answered 304 and nothing was
	// written to dst.
	NotModified bool
	// Size and SHA256 are the length and digest of what was written.
	Size   int64
	SHA256 [32]byte
}

// Fetch downloads url into dst and returns the body's size and SHA-256.
// When an earlier Fetch of url got a Last-Modified, it sends it back as
// If-Modified-Since, and a 304 answer leaves dst untouched.
func (d *Downloader) Fetch(ctx context.Context, url string, dst io.Writer) (Result, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Result{}, err
	}
	req.Header.Set("User-Agent", d.UserAgent)
	if lm, ok := d.lastModified[url]; ok {
		req.Header.Set("If-Modified-Since", lm)
	}
	resp, err := d.Client.Do(req)
	if err != nil {
		return Result{}, err
	}
	defer resp.Body.Close()

	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		return Result{NotModified: true}, nil
	default:
		return Result{}, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(dst, h), resp.Body)
	if err != nil {
		return Result{}, fmt.Errorf("GET %s: %w", url, err)
	}
	if lm := resp.Header.Get("Last-Modified"); lm != "" {
		if d.lastModified == nil {
			d.lastModified = map[string]string{}
		}
		d.lastModified[url] = lm
	}
	var r Result
	r.Size = n
	copy(r.SHA256[:], h.Sum(nil))
	return r, nil
}
