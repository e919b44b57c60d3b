package leaktest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// ltFakeT keeps what Check reports and the cleanups it registers.
type ltFakeT struct {
	testing.TB
	mu       sync.Mutex
	errors   []string
	cleanups []func()
}

func (f *ltFakeT) Helper() {}

func (f *ltFakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func (f *ltFakeT) Cleanup(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cleanups = append(f.cleanups, fn)
}

// end runs the cleanups, last first, and returns what was reported.
func (f *ltFakeT) end() []string {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
	return f.errors
}

func ltShortSettle(t *testing.T) {
	old := settle
	settle = 200 * time.Millisecond
	t.Cleanup(func() { settle = old })
}

func TestGoroutines(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	go ltBlocked(stop)
	// Until it runs, a new goroutine's stack shows only a wrapper.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		for _, g := range Goroutines() {
			if strings.Contains(g.Stack, "leaktest.ltBlocked(") {
				if g.ID <= 0 || !strings.HasPrefix(g.State, "chan receive") {
					t.Errorf("goroutine parsed as ID %d, State %q", g.ID, g.State)
				}
				return
			}
		}
	}
	t.Errorf("the blocked goroutine is not in Goroutines()")
}

func ltBlocked(stop chan struct{}) { <-stop }

func TestCheckReportsLeakedGoroutine(t *testing.T) {
	ltShortSettle(t)
	ft := &ltFakeT{TB: t}
	Check(ft)
	stop := make(chan struct{})
	defer close(stop)
	go ltBlocked(stop)
	errs := ft.end()
	if len(errs) != 1 || !strings.Contains(errs[0], "1 goroutine(s)") || !strings.Contains(errs[0], "leaktest.ltBlocked(") {
		t.Errorf("reported %q; want the blocked goroutine with its stack", errs)
	}
}

func TestCheckWaitsForGoroutinesThatEnd(t *testing.T) {
	ltShortSettle(t)
	ft := &ltFakeT{TB: t}
	Check(ft)
	stop := make(chan struct{})
	go ltBlocked(stop)
	time.AfterFunc(50*time.Millisecond, func() { close(stop) })
	if errs := ft.end(); len(errs) != 0 {
		t.Errorf("reported %q; want nothing, the goroutine ends within the wait", errs)
	}
}

func TestCheckIgnoresOlderGoroutines(t *testing.T) {
	ltShortSettle(t)
	stop := make(chan struct{})
	defer close(stop)
	go ltBlocked(stop)
	runtime.Gosched()
	ft := &ltFakeT{TB: t}
	Check(ft)
	if errs := ft.end(); len(errs) != 0 {
		t.Errorf("reported %q; want nothing, the goroutine was there before Check", errs)
	}
}

func TestCheckReportsLeakedFD(t *testing.T) {
	if _, ok := openFDs(); !ok {
		t.Skip("no /proc/self/fd")
	}
	ltShortSettle(t)
	ft := &ltFakeT{TB: t}
	Check(ft)
	f, err := os.Open("leaktest.go")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	errs := ft.end()
	if len(errs) != 1 || !strings.Contains(errs[0], "1 file descriptor(s)") || !strings.Contains(errs[0], "leaktest.go") {
		t.Errorf("reported %q; want the open file", errs)
	}
}

// A Transport's connection goroutines are reported even though their
// stacks do not mention this module, and not once the Transport's idle
// connections are closed.
func TestCheckReportsTransportGoroutines(t *testing.T) {
	ltShortSettle(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	for _, closeIdle := range []bool{false, true} {
		t.Run(fmt.Sprint("closeIdle=", closeIdle), func(t *testing.T) {
			ft := &ltFakeT{TB: t}
			Check(ft)
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if closeIdle {
				tr.CloseIdleConnections()
			}
			errs := ft.end()
			if closeIdle && len(errs) != 0 {
				t.Errorf("reported %q; want nothing", errs)
			}
			if !closeIdle && (len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), "net/http.(*persistConn)")) {
				t.Errorf("reported %q; want the persistConn goroutines", errs)
			}
		})
	}
}

func TestCheckQuietForNetworkUse(t *testing.T) {
	ltShortSettle(t)
	ft := &ltFakeT{TB: t}
	Check(ft)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	s, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	c.Close()
	ln.Close()
	if errs := ft.end(); len(errs) != 0 {
		t.Errorf("reported %q; want nothing", errs)
	}
}
