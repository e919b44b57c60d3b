package cgitest_test

// The tests run each script as a CGI host does: the file exec'd with the
// CGI variables as its whole environment, the query as its argument when
// it has no '=', the body on stdin. Every test that starts a process
// checks that it leaves none behind, nor a goroutine or a descriptor.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/httpfixture/httpfixture/cgitest"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/internal/leaktest"
)

func TestMain(m *testing.M) { cgitest.Main(m) }

// greet is the tests' own Go script: it shows what it was given.
var greet = cgitest.Register("greet", func(p *cgitest.Process) int {
	body, err := io.ReadAll(p.Stdin)
	if err != nil {
		fmt.Fprintln(p.Stderr, "greet:", err)
		return 1
	}
	fmt.Fprintf(p.Stdout, "Content-Type: text/plain\nX-Method: %s\n\nhello %s, args %q, body %q\n",
		p.Env["REQUEST_METHOD"], p.Env["QUERY_STRING"], p.Args, body)
	fmt.Fprintln(p.Stderr, "greet: done")
	return 0
})

// timeout bounds each script's run; the tests' scripts take milliseconds.
const timeout = 10 * time.Second

// A request is what a CGI host gives a script.
type request struct {
	method string // "GET" when empty
	query  string
	body   string   // on stdin, with its CONTENT_LENGTH when not empty
	env    []string // KEY=VALUE entries after the CGI variables
}

// environ is the script's whole environment: CPython's run_cgi's
// variables for the request, then r.env.
func (r request) environ(script string) []string {
	env := []string{
		"SERVER_SOFTWARE=SimpleHTTP/0.6 Python/3.13.0",
		"SERVER_NAME=localhost",
		"GATEWAY_INTERFACE=CGI/1.1",
		"SERVER_PROTOCOL=HTTP/1.0",
		"SERVER_PORT=8000",
		"REQUEST_METHOD=" + r.methodOrGET(),
		"PATH_INFO=",
		"PATH_TRANSLATED=" + filepath.Dir(script),
		"SCRIPT_NAME=/cgi-bin/" + filepath.Base(script),
		"QUERY_STRING=" + r.query,
		"REMOTE_ADDR=127.0.0.1",
		"CONTENT_TYPE=text/plain",
		"HTTP_ACCEPT=",
	}
	if r.body != "" {
		env = append(env, "CONTENT_LENGTH="+strconv.Itoa(len(r.body)))
	}
	return append(env, r.env...)
}

func (r request) methodOrGET() string {
	if r.method == "" {
		return "GET"
	}
	return r.method
}

// args is run_cgi's argv after the script: the query with '+' made ' ',
// when it has no '=', even when it is empty.
func (r request) args() []string {
	if q := strings.ReplaceAll(r.query, "+", " "); !strings.Contains(q, "=") {
		return []string{q}
	}
	return nil
}

// command returns the command that runs script for r, killed when ctx is
// done.
func (r request) command(ctx context.Context, script string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, script, r.args()...)
	cmd.Env = r.environ(script)
	cmd.Stdin = strings.NewReader(r.body)
	return cmd
}

// output is what a script did.
type output struct {
	stdout, stderr string
	code           int // the exit status; -1 when a signal ended it
}

// runCGI runs the script at path for r and returns what it did. A script
// still running after timeout is killed and fails the test.
func runCGI(t *testing.T, path string, r request) output {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	cmd := r.command(ctx, path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s: still running after %v: killed", path, timeout)
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s: %v", path, err)
	}
	out := output{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
	t.Logf("%s %s?%s: status %d, %d bytes out, stderr %q", r.methodOrGET(), filepath.Base(path), r.query, out.code, len(out.stdout), out.stderr)
	return out
}

// splitHeader splits a script's output at the blank line after its
// header block.
func splitHeader(t *testing.T, stdout string) (header, body string) {
	t.Helper()
	header, body, ok := strings.Cut(stdout, "\n\n")
	if !ok {
		t.Fatalf("output %q has no blank line after a header block", stdout)
	}
	return header, body
}

// scriptTree writes a tree with ops on disk after checking that this
// system runs scripts and arranging for the test's end to check for
// leaks, and returns its path.
func scriptTree(t *testing.T, ops ...hfstest.Op) string {
	t.Helper()
	cgitest.MustHaveExec(t)
	leaktest.Check(t)
	checkNoChildren(t)
	return hfstest.Dir(t, ops...)
}

func TestGoScript(t *testing.T) {
	dir := scriptTree(t, cgitest.WithScript("cgi-bin/greet", greet))
	for _, tc := range []struct {
		req  request
		want string
	}{
		{request{query: "world"},
			"Content-Type: text/plain\nX-Method: GET\n\nhello world, args [\"world\"], body \"\"\n"},
		{request{query: "a+b"},
			"Content-Type: text/plain\nX-Method: GET\n\nhello a+b, args [\"a b\"], body \"\"\n"},
		{request{method: "POST", query: "x=1", body: "posted"},
			"Content-Type: text/plain\nX-Method: POST\n\nhello x=1, args [], body \"posted\"\n"},
	} {
		got := runCGI(t, filepath.Join(dir, "cgi-bin/greet"), tc.req)
		want := output{tc.want, "greet: done\n", 0}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(output{})); diff != "" {
			t.Errorf("greet?%s: (-want +got)\n%s", tc.req.query, diff)
		}
	}
}

// A script whose name the binary does not know, as after a rename, says
// so and exits 127, as sh does for a missing command.
func TestMainUnknownScript(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	dir := scriptTree(t, cgitest.WithShell("cgi-bin/gone", `
		exec "$TEST_BINARY" -cgitest.script=gone "$0" "$@"
	`))
	got := runCGI(t, filepath.Join(dir, "cgi-bin/gone"), request{env: []string{"TEST_BINARY=" + exe}})
	if got.code != 127 || got.stdout != "" {
		t.Errorf("gone: status %d, stdout %q; want 127 and nothing", got.code, got.stdout)
	}
	const start, end = `cgitest: no script registered as "gone" (registered: echo, env, exit, forever, greet, `, "); register it at init time with Register\n"
	if !strings.HasPrefix(got.stderr, start) || !strings.HasSuffix(got.stderr, end) {
		t.Errorf("gone: stderr\n%s\nwant\n%s...%s", got.stderr, start, end)
	}
}

func TestRegisterPanics(t *testing.T) {
	script := func(*cgitest.Process) int { return 0 }
	for _, tc := range []struct {
		name   string
		script func(*cgitest.Process) int
		want   string
	}{
		{"", script, `cgitest.Register(""): invalid name: want letters, digits, '.', '-' and '_'`},
		{"a b", script, `cgitest.Register("a b"): invalid name: want letters, digits, '.', '-' and '_'`},
		{"it's", script, `cgitest.Register("it's"): invalid name: want letters, digits, '.', '-' and '_'`},
		{"nil", nil, `cgitest.Register("nil"): nil script`},
		{"greet", script, `cgitest.Register("greet"): called after Main started; register scripts at init time (a package-level variable or an init function), so that the script's own process, which runs no test, knows them too`},
		{"new", script, `cgitest.Register("new"): called after Main started; register scripts at init time (a package-level variable or an init function), so that the script's own process, which runs no test, knows them too`},
	} {
		if got := panicText(func() { cgitest.Register(tc.name, tc.script) }); got != tc.want {
			t.Errorf("Register(%q) panicked with\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}

func panicText(f func()) (text string) {
	defer func() { text = fmt.Sprint(recover()) }()
	f()
	return "no panic"
}
