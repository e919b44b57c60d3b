// Package cgibench_test measures CGI: requests per second of a trivial
// script served by a fixture server with WithCGI, beside CPython's
// `python3 -m http.server --cgi` on the same script, and beside the bare
// cost of starting the script in a loop:
//
//	go test -run XXX -bench CGI -benchtime 3s -count 2 ./internal/cgibench/
//
// It is a package of its own so that cgitest.Main owns its TestMain: the
// Go-function script is the test binary started again.
//
// There are two scripts, printing the same bytes, "Content-Type:
// text/plain", a blank line and "hi": a #!/bin/sh script, and a Go
// function registered with cgitest (its file's #! line runs this test
// binary). For each there are sub-benchmarks:
//
//	BenchmarkCGI/shell/fixture  fixture.Start with WithCGI, no log, no recording
//	BenchmarkCGI/shell/cpython  CPython 3.13's http.server --cgi (skipped when none is found)
//	BenchmarkCGI/shell/bare     the script exec'd in a loop, its output read
//	BenchmarkCGI/go/fixture
//	BenchmarkCGI/go/bare
//
// A server request is an HTTP/1.0 GET on a new connection, the answer read
// to the server's close, as both servers answer HTTP/1.0 by default; the
// client is a raw net.Conn with a reused buffer. A bare run starts the
// script with os/exec, its stdout a pipe read to EOF, and waits for it.
// Every sub-benchmark reports req/s: bare_req_s / fixture_req_s is the
// fixture's cost per request in units of the script's own start.
//
// Before anything is timed, every server answers the script's output
// after its status line, Server and Date (run_cgi's head), and the bare
// run prints the same bytes.
//
// There is no CPython run of the Go script: CPython, as root, runs scripts
// as nobody, who cannot reach go test's private build directory where the
// test binary is.
package cgibench_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/httpfixture/httpfixture/cgitest"
	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/internal/cpython"
)

func TestMain(m *testing.M) { cgitest.Main(m) }

// scriptOutput is what both scripts print.
const scriptOutput = "Content-Type: text/plain\n\nhi\n"

// hi is the Go-function script.
var hi = cgitest.Register("hi", func(p *cgitest.Process) int {
	io.WriteString(p.Stdout, scriptOutput)
	return 0
})

// The scripts' paths in the tree.
const (
	shellPath = "cgi-bin/hi.sh"
	goPath    = "cgi-bin/hi-go"
)

// treeOps is the tree: the two scripts, and a root others can enter, for
// CPython's child, which runs as nobody when CPython runs as root.
func treeOps() []hfstest.Op {
	return []hfstest.Op{
		hfstest.WithMode(0o755),
		hfstest.WithDir("cgi-bin",
			hfstest.WithMode(0o755)),
		cgitest.WithShell(shellPath, `printf 'Content-Type: text/plain\n\nhi\n'`),
		cgitest.WithScript(goPath, hi),
	}
}

// diskTree writes the tree into a new directory that the user nobody can
// reach, and returns it; it is removed when tb ends.
func diskTree(tb testing.TB) string {
	tb.Helper()
	tmp, err := os.MkdirTemp("", "cgibench-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(tmp) })
	// Every directory on the way must let CPython's child through: it
	// runs as nobody (setuid) but keeps root's group (no setgid), so the
	// group's bits count as well as others'.
	if err := os.Chmod(tmp, 0o755); err != nil {
		tb.Fatal(err)
	}
	for p := filepath.Dir(tmp); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			tb.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm&0o011 != 0o011 {
			tb.Logf("%s is %v: adding g+x,o+x so that nobody reaches %s", p, perm, tmp)
			if err := os.Chmod(p, perm|0o011); err != nil {
				tb.Fatal(err)
			}
		}
		if p == filepath.Dir(p) {
			break
		}
	}
	dir := filepath.Join(tmp, "tree")
	if err := hfstest.Write(dir, treeOps()...); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// startFixture starts a fixture server with CGI over the tree in dir,
// closed when tb ends, and returns its address.
func startFixture(tb testing.TB, dir string) string {
	tb.Helper()
	srv, err := fixture.Start(os.DirFS(dir),
		fixture.WithCGI(),
		fixture.WithLogOutput(io.Discard),
		fixture.WithRecording(false))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Close)
	return srv.Addr().String()
}

// pyPort finds the port in http.server's first line, "Serving HTTP on
// 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ...".
var pyPort = regexp.MustCompile(`port (\d+)`)

// startCPython runs py's http.server --cgi on dir (diskTree's), in a
// process group of its own that is killed when owner ends, and returns its
// address; it fails tb, which runs in owner, when the server does not
// start. Its log goes to a file beside dir, read only then.
func startCPython(tb, owner testing.TB, py cpython.Python, dir string) string {
	tb.Helper()
	if pyProcAttr() == nil {
		tb.Skip("killing CPython's forked children needs process groups (unix)")
	}
	logf, err := os.Create(cpythonLog(dir))
	if err != nil {
		tb.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(py.Path, "-I", "-u", "-W", "ignore::DeprecationWarning",
		"-m", "http.server", "--cgi", "-b", "127.0.0.1", "-d", dir, "0")
	cmd.Stderr = logf
	cmd.SysProcAttr = pyProcAttr()
	stdout, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		tb.Fatalf("start %s -m http.server --cgi: %v", py.Path, err)
	}
	owner.Cleanup(func() {
		killGroup(cmd.Process)
		cmd.Wait()
	})
	linec := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		linec <- line
		io.Copy(io.Discard, stdout) // nothing more comes; until it exits
	}()
	select {
	case line := <-linec:
		if m := pyPort.FindStringSubmatch(line); m != nil {
			return net.JoinHostPort("127.0.0.1", m[1])
		}
		log, _ := os.ReadFile(logf.Name())
		tb.Fatalf("%s -m http.server --cgi printed %q, no port; its stderr:\n%s", py.Path, line, log)
	case <-time.After(30 * time.Second):
		log, _ := os.ReadFile(logf.Name())
		tb.Fatalf("%s -m http.server --cgi printed no port within 30s; its stderr:\n%s", py.Path, log)
	}
	return ""
}

// cpythonLog is where startCPython's server for dir logs.
func cpythonLog(dir string) string { return filepath.Join(filepath.Dir(dir), "cpython.log") }

// getRequest is the request for the script at path in the tree.
func getRequest(path string) []byte {
	return []byte("GET /" + path + " HTTP/1.0\r\n\r\n")
}

// get sends req on a new connection to addr and reads the answer to the
// server's close into buf, which it returns grown as need be.
func get(addr string, req, buf []byte) ([]byte, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return buf, err
	}
	defer c.Close()
	if _, err := c.Write(req); err != nil {
		return buf, err
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := c.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// runBare starts the script at path, its stdout a pipe read to EOF into
// buf, and waits for it; it returns the output in buf, grown as need be.
func runBare(path string, buf []byte) ([]byte, error) {
	pr, pw, err := os.Pipe()
	if err != nil {
		return buf, err
	}
	defer pr.Close()
	cmd := exec.Command(path)
	cmd.Stdout = pw
	err = cmd.Start()
	pw.Close()
	if err != nil {
		return buf, err
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, rerr := pr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if rerr != nil {
			break // io.EOF: the script closed its stdout
		}
	}
	if err := cmd.Wait(); err != nil {
		return buf, fmt.Errorf("%s: %v (output %q)", path, err, buf)
	}
	return buf, nil
}

// wantTail is how every answer ends: the script's body. A timed request
// checks no more than that.
var wantTail = []byte("\n\nhi\n")

// checkAnswer checks a server's whole answer: run_cgi's head (status
// line, Server, Date), then exactly the script's output.
func checkAnswer(answer []byte) error {
	head, rest, ok := strings.Cut(string(answer), "\r\n")
	if !ok || head != "HTTP/1.0 200 Script output follows" {
		return fmt.Errorf("answer %q: want it to start with %q", answer, "HTTP/1.0 200 Script output follows\r\n")
	}
	for _, name := range []string{"Server: ", "Date: "} {
		line, after, ok := strings.Cut(rest, "\r\n")
		if !ok || !strings.HasPrefix(line, name) {
			return fmt.Errorf("answer %q: want a %q line after the status line", answer, strings.TrimSpace(name))
		}
		rest = after
	}
	if rest != scriptOutput {
		return fmt.Errorf("answer %q: after the head %q; want the script's output %q", answer, rest, scriptOutput)
	}
	return nil
}

// checkBare checks what the script at path prints when run bare.
func checkBare(path string) error {
	out, err := runBare(path, nil)
	if err != nil {
		return err
	}
	if string(out) != scriptOutput {
		return fmt.Errorf("%s prints %q; want %q", path, out, scriptOutput)
	}
	return nil
}

// TestScriptsRun checks both scripts, bare and through a fixture server,
// as the benchmark's checks do.
func TestScriptsRun(t *testing.T) {
	cgitest.MustHaveExec(t)
	dir := diskTree(t)
	addr := startFixture(t, dir)
	for _, path := range []string{shellPath, goPath} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if err := checkBare(filepath.Join(dir, filepath.FromSlash(path))); err != nil {
				t.Errorf("bare: %v", err)
			}
			answer, err := get(addr, getRequest(path), nil)
			if err != nil {
				t.Fatalf("fixture: GET /%s: %v", path, err)
			}
			if err := checkAnswer(answer); err != nil {
				t.Errorf("fixture: GET /%s: %v", path, err)
			}
		})
	}
}

func reportRate(b *testing.B) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N)/s, "req/s")
	}
}

// benchServer times b.N requests for path to the server at addr.
func benchServer(b *testing.B, addr, path string) {
	req := getRequest(path)
	buf := make([]byte, 0, 512)
	b.ResetTimer()
	for range b.N {
		var err error
		buf, err = get(addr, req, buf)
		if err != nil || !bytes.HasSuffix(buf, wantTail) {
			b.Fatalf("GET /%s: %q, %v", path, buf, err)
		}
	}
	b.StopTimer()
	reportRate(b)
}

// benchBare times b.N runs of the script at path.
func benchBare(b *testing.B, path string) {
	buf := make([]byte, 0, 512)
	b.ResetTimer()
	for range b.N {
		var err error
		buf, err = runBare(path, buf)
		if err != nil || !bytes.HasSuffix(buf, wantTail) {
			b.Fatalf("%s: %q, %v", path, buf, err)
		}
	}
	b.StopTimer()
	reportRate(b)
}

func BenchmarkCGI(b *testing.B) {
	cgitest.MustHaveExec(b)
	dir := diskTree(b)
	fixtureAddr := startFixture(b, dir)

	// CPython is looked for, started and checked by the first
	// sub-benchmark that wants it, and kept for the others.
	var pyAddr string
	cpythonAddr := func(sb *testing.B) string {
		sb.Helper()
		if pyAddr == "" {
			py := cpython.Find(sb, "3.13") // skips sb when there is none
			sb.Logf("CPython %s: %s", py.Full, py.Path)
			pyAddr = startCPython(sb, b, py, dir) // stopped when b ends
		}
		return pyAddr
	}

	for _, script := range []struct{ name, path string }{
		{"shell", shellPath},
		{"go", goPath},
	} {
		file := filepath.Join(dir, filepath.FromSlash(script.path))
		b.Run(script.name, func(b *testing.B) {
			// The same bytes from every runner before anything is timed.
			if err := checkBare(file); err != nil {
				b.Fatalf("bare: %v", err)
			}
			answer, err := get(fixtureAddr, getRequest(script.path), nil)
			if err == nil {
				err = checkAnswer(answer)
			}
			if err != nil {
				b.Fatalf("fixture: GET /%s: %v", script.path, err)
			}

			b.Run("fixture", func(b *testing.B) { benchServer(b, fixtureAddr, script.path) })
			if script.name == "shell" {
				b.Run("cpython", func(b *testing.B) {
					addr := cpythonAddr(b)
					answer, err := get(addr, getRequest(script.path), nil)
					if err == nil {
						err = checkAnswer(answer)
					}
					if err != nil {
						log, _ := os.ReadFile(cpythonLog(dir))
						b.Fatalf("cpython: GET /%s: %v; its stderr:\n%s", script.path, err, log)
					}
					benchServer(b, addr, script.path)
				})
			}
			b.Run("bare", func(b *testing.B) { benchBare(b, file) })
		})
	}
}
