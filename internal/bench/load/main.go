// Command load is a small HTTP/1.x load generator for
// internal/bench/compare.sh, used where wrk is not installed. It sends GET
// requests to one URL from a few connections for a bounded time (and at
// most a bounded number of requests), reads each response (Content-Length,
// chunked, or until the server closes) and prints one line:
//
//	requests=1234 errors=0 seconds=10.00 req/s=123.4 MB/s=56.7 bytes=...
//
// MB/s counts response bodies, in units of 10^6 bytes. A connection is
// kept alive when the server allows it (an HTTP/1.1 answer without
// "Connection: close", or HTTP/1.0 with "Connection: keep-alive") and
// dialled anew otherwise, so it measures what the server does, as wrk
// does.
//
//	go run ./internal/bench/load -url http://127.0.0.1:8000/small.txt -c 4 -d 10s
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	target := flag.String("url", "", "URL to GET (http only)")
	conns := flag.Int("c", 4, "connections")
	dur := flag.Duration("d", 10*time.Second, "how long to run (at most 5m)")
	maxReq := flag.Int64("n", 10_000_000, "at most this many requests in all")
	timeout := flag.Duration("timeout", 30*time.Second, "time for one response")
	flag.Parse()
	if err := run(*target, *conns, *dur, *maxReq, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(target string, conns int, dur time.Duration, maxReq int64, timeout time.Duration) error {
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return fmt.Errorf("-url %q: want http://host:port/path", target)
	}
	if conns < 1 || conns > 256 {
		return errors.New("-c: want 1 to 256 connections")
	}
	if dur <= 0 || dur > 5*time.Minute {
		return errors.New("-d: want a duration up to 5m")
	}
	path := u.RequestURI()
	req := []byte("GET " + path + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUser-Agent: httpfixture-load\r\n\r\n")

	var (
		requests, errs, bytesRead atomic.Int64
		firstErr                  atomic.Value
		wg                        sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(dur)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := worker{addr: u.Host, req: req, timeout: timeout, scratch: make([]byte, 256<<10)}
			defer w.close()
			for time.Now().Before(deadline) {
				if requests.Add(1) > maxReq {
					requests.Add(-1)
					return
				}
				n, err := w.do(deadline)
				bytesRead.Add(n)
				if err != nil {
					requests.Add(-1)
					if time.Now().Before(deadline) {
						errs.Add(1)
						firstErr.CompareAndSwap(nil, err.Error())
					}
					w.close()
				}
			}
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	n := requests.Load()
	fmt.Printf("requests=%d errors=%d seconds=%.2f req/s=%.1f MB/s=%.1f bytes=%d\n",
		n, errs.Load(), secs, float64(n)/secs, float64(bytesRead.Load())/secs/1e6, bytesRead.Load())
	if e, ok := firstErr.Load().(string); ok {
		fmt.Fprintln(os.Stderr, "load: first error:", e)
	}
	if n == 0 {
		return errors.New("no request completed")
	}
	return nil
}

// worker is one connection, dialled again whenever the server closes it.
type worker struct {
	addr    string
	req     []byte
	timeout time.Duration
	scratch []byte
	c       net.Conn
	br      *bufio.Reader
}

func (w *worker) close() {
	if w.c != nil {
		w.c.Close()
		w.c = nil
	}
}

// do makes one request and returns the body bytes read. The request is
// cut short at deadline plus the timeout.
func (w *worker) do(deadline time.Time) (int64, error) {
	if w.c == nil {
		c, err := net.DialTimeout("tcp", w.addr, w.timeout)
		if err != nil {
			return 0, err
		}
		w.c = c
		if w.br == nil {
			w.br = bufio.NewReaderSize(c, 64<<10)
		} else {
			w.br.Reset(c)
		}
	}
	w.c.SetDeadline(deadline.Add(w.timeout))
	if _, err := w.c.Write(w.req); err != nil {
		return 0, err
	}
	h, err := readHead(w.br)
	if err != nil {
		return 0, err
	}
	if h.code != 200 {
		return 0, fmt.Errorf("status %d", h.code)
	}
	var n int64
	switch {
	case h.chunked:
		n, err = readChunked(w.br, w.scratch)
	case h.length >= 0:
		n, err = readN(w.br, h.length, w.scratch)
	default: // until the server closes
		h.keepAlive = false
		n, err = readN(w.br, -1, w.scratch)
	}
	if err != nil {
		return n, err
	}
	if !h.keepAlive {
		w.close()
	}
	return n, nil
}

type head struct {
	code      int
	length    int64 // -1: none
	chunked   bool
	keepAlive bool
}

func readHead(br *bufio.Reader) (head, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return head{}, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return head{}, fmt.Errorf("bad status line %q", line)
	}
	h := head{length: -1, keepAlive: line[7] == '1'}
	h.code, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return head{}, fmt.Errorf("bad status line %q", line)
	}
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return head{}, err
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			return h, nil
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if h.length, err = strconv.ParseInt(string(value), 10, 64); err != nil || h.length < 0 {
				return head{}, fmt.Errorf("bad Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			h.chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			if bytes.EqualFold(value, []byte("close")) {
				h.keepAlive = false
			} else if bytes.EqualFold(value, []byte("keep-alive")) {
				h.keepAlive = true
			}
		}
	}
}

// readN reads n bytes, or until EOF for n < 0, through scratch.
func readN(br *bufio.Reader, n int64, scratch []byte) (int64, error) {
	var got int64
	for n < 0 || got < n {
		p := scratch
		if n >= 0 {
			p = scratch[:min(int64(len(scratch)), n-got)]
		}
		m, err := br.Read(p)
		got += int64(m)
		if err == io.EOF && n < 0 {
			return got, nil
		}
		if err != nil && (n < 0 || got < n) {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return got, err
		}
	}
	return got, nil
}

func readChunked(br *bufio.Reader, scratch []byte) (int64, error) {
	var total int64
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return total, err
		}
		size, _, _ := bytes.Cut(bytes.TrimSpace(line), []byte(";"))
		n, err := strconv.ParseInt(string(size), 16, 64)
		if err != nil || n < 0 {
			return total, fmt.Errorf("bad chunk size %q", line)
		}
		if n == 0 {
			// Trailers, up to the blank line.
			for {
				line, err := br.ReadSlice('\n')
				if err != nil {
					return total, err
				}
				if len(bytes.TrimSpace(line)) == 0 {
					return total, nil
				}
			}
		}
		m, err := readN(br, n, scratch)
		total += m
		if err != nil {
			return total, err
		}
		if line, err := br.ReadSlice('\n'); err != nil || len(bytes.TrimSpace(line)) != 0 {
			return total, fmt.Errorf("after a chunk: %q, %v", line, err)
		}
	}
}
