package main

// --record FILE: every exchange to a file, as JSON lines written as each
// exchange completes, or as a HAR file written at exit.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/httpfixture/httpfixture/fixture"
	"github.com/httpfixture/httpfixture/recorder"
)

// harBodyLimit is how much of each body a HAR recording keeps: its
// exchanges wait in memory until exit.
const harBodyLimit = 1 << 20

// recording is the file --record writes. Its methods are safe for
// concurrent use, and do nothing on a nil *recording (no --record).
type recording struct {
	name   string
	stderr io.Writer

	mu     sync.Mutex
	f      *os.File
	har    bool
	exs    []recorder.Exchange // for HAR, until close
	err    error               // the first failure; nothing is written after it
	closed bool
}

// openRecording creates or truncates name, so that a file that cannot be
// written is found before serving. A name ending in ".har", in any case,
// is written as HAR. Write failures are reported on stderr.
func openRecording(name string, stderr io.Writer) (*recording, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, fmt.Errorf("--record: %w", err)
	}
	return &recording{name: name, stderr: stderr, f: f, har: strings.EqualFold(filepath.Ext(name), ".har")}, nil
}

// options are the server's options for r: every exchange to r.add, and
// for HAR, bodies cut at harBodyLimit. The server itself keeps nothing
// (WithRecording(false)), so that JSON lines take no memory beyond the
// exchange being written.
func (r *recording) options() []fixture.Option {
	if r == nil {
		return nil
	}
	opts := []fixture.Option{fixture.WithOnExchange(r.add)}
	if r.har {
		opts = append(opts, fixture.WithRecordLimit(harBodyLimit))
	}
	return opts
}

// add records one exchange: a JSON line now, or kept for HAR. After a
// failure or close it does nothing.
func (r *recording) add(e recorder.Exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closed || r.err != nil:
	case r.har:
		r.exs = append(r.exs, e)
	default:
		r.fail(recorder.WriteJSONL(r.f, []recorder.Exchange{e}))
	}
}

// close writes the HAR file, if that is the form, and closes the file.
// It returns the first failure of the recording, reported already.
func (r *recording) close() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return r.err
	}
	r.closed = true
	if r.har && r.err == nil {
		r.fail(recorder.WriteHAR(r.f, r.exs))
	}
	r.exs = nil
	r.fail(r.f.Close())
	return r.err
}

// fail keeps and reports err, the first one only; r.mu is held.
func (r *recording) fail(err error) {
	if err == nil || r.err != nil {
		return
	}
	r.err = err
	fmt.Fprintf(r.stderr, "%s: --record %s: %v; recording stopped\n", prog, r.name, err)
}
