// Package leaktest checks that a test leaves no goroutines and no open file
// descriptors behind: a small goleak for this module, with no dependency.
//
// Call Check first in a test, before anything that registers a cleanup of
// its own (fixture.New, Server.Dial): cleanups run last-registered-first, so
// the check registered first runs after the servers are closed.
//
//	func TestX(t *testing.T) {
//		leaktest.Check(t)
//		srv := fixture.New(t, nil, ...)
//		...
//	}
//
// A goroutine counts as leaked when it did not exist when Check was called,
// still exists when the test's other cleanups have run, and its stack
// mentions this module or is one of net/http's connection goroutines (a
// Transport's persistConn loops, a Server's conn.serve). The runtime's and
// the testing package's own goroutines are never reported. A file
// descriptor counts as leaked when it was not open (to the same file) when
// Check was called; descriptors are counted only where /proc/self/fd
// exists. Extra goroutines and descriptors are given a short time to go
// away, as connections close asynchronously.
//
// The check is sound only while no other test runs at the same time: call
// it from tests that do not call t.Parallel, or from a parent whose
// parallel subtests are all its own.
package leaktest

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ModulePath is the module whose goroutines are reported.
const ModulePath = "github.com/httpfixture/httpfixture"

// settle is how long the cleanup waits for extra goroutines and
// descriptors to go away.
var settle = 2 * time.Second

// Goroutine is one goroutine of a runtime.Stack dump.
type Goroutine struct {
	ID    int64
	State string // "running", "IO wait", "chan receive, 2 minutes", ...
	Stack string // the whole entry, header line included
}

// Goroutines returns the program's goroutines, the caller's included.
func Goroutines() []Goroutine {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var gs []Goroutine
	for _, entry := range bytes.Split(buf, []byte("\n\n")) {
		if g, ok := parseGoroutine(string(entry)); ok {
			gs = append(gs, g)
		}
	}
	return gs
}

// parseGoroutine reads one entry: "goroutine 7 [chan receive]:\n...".
func parseGoroutine(entry string) (Goroutine, bool) {
	entry = strings.TrimSpace(entry)
	header, _, _ := strings.Cut(entry, "\n")
	rest, ok := strings.CutPrefix(header, "goroutine ")
	if !ok {
		return Goroutine{}, false
	}
	idText, rest, ok := strings.Cut(rest, " ")
	if !ok {
		return Goroutine{}, false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return Goroutine{}, false
	}
	state := strings.TrimSuffix(strings.TrimPrefix(rest, "["), "]:")
	return Goroutine{ID: id, State: state, Stack: entry}, true
}

// interesting reports whether a goroutine that appeared during a test is a
// leak worth reporting.
func interesting(g Goroutine) bool {
	if strings.Contains(g.Stack, ModulePath) {
		return true
	}
	for _, s := range []string{
		"net/http.(*persistConn)",
		"net/http.(*Transport)",
		"net/http.(*conn).serve",
		"net/http/httptest.",
	} {
		if strings.Contains(g.Stack, s) {
			return true
		}
	}
	return false
}

// Check snapshots the goroutines and open file descriptors and registers
// a cleanup that fails t if, after the test's other cleanups, new ones are
// still there after a short wait. Call it first in the test.
func Check(t testing.TB) {
	t.Helper()
	before := map[int64]bool{}
	for _, g := range Goroutines() {
		before[g.ID] = true
	}
	fdsBefore, fdsOK := openFDs()
	t.Cleanup(func() {
		t.Helper()
		var leaked []Goroutine
		var fds []string
		deadline := time.Now().Add(settle)
		for pause := time.Millisecond; ; pause = min(2*pause, 50*time.Millisecond) {
			leaked = leaked[:0]
			for _, g := range Goroutines() {
				if !before[g.ID] && interesting(g) {
					leaked = append(leaked, g)
				}
			}
			fds = nil
			if fdsOK {
				fds = newFDs(fdsBefore)
			}
			if (len(leaked) == 0 && len(fds) == 0) || time.Now().After(deadline) {
				break
			}
			time.Sleep(pause)
		}
		if len(leaked) > 0 {
			var b strings.Builder
			for _, g := range leaked {
				b.WriteString("\n\n")
				b.WriteString(g.Stack)
			}
			t.Errorf("leaktest: %d goroutine(s) still running %v after the test:%s", len(leaked), settle, b.String())
		}
		if len(fds) > 0 {
			t.Errorf("leaktest: %d file descriptor(s) still open %v after the test:\n\t%s", len(fds), settle, strings.Join(fds, "\n\t"))
		}
	})
}

// openFDs maps each open descriptor to what it is open to; ok is false
// where /proc/self/fd cannot be read.
func openFDs() (fds map[string]string, ok bool) {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil, false
	}
	fds = map[string]string{}
	for _, e := range entries {
		target, err := os.Readlink("/proc/self/fd/" + e.Name())
		if err != nil {
			continue // the descriptor ReadDir had open, closed by now
		}
		fds[e.Name()] = target
	}
	return fds, true
}

// newFDs lists the descriptors open now that were not open, to the same
// file, in before. The runtime's own descriptors (the netpoller's epoll
// and eventfd, pidfds), which it opens once and keeps, are left out.
func newFDs(before map[string]string) []string {
	now, ok := openFDs()
	if !ok {
		return nil
	}
	var out []string
	for fd, target := range now {
		if before[fd] == target || runtimeFD(target) {
			continue
		}
		out = append(out, fmt.Sprintf("fd %s -> %s", fd, target))
	}
	sort.Strings(out)
	return out
}

func runtimeFD(target string) bool {
	switch target {
	case "anon_inode:[eventpoll]", "anon_inode:[eventfd]", "anon_inode:[pidfd]", "anon_inode:[timerfd]":
		return true
	}
	return false
}
