package cgitest_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/httpfixture/httpfixture/cgitest"
)

// readyMade writes every ready-made script into cgi-bin of a tree on disk
// and returns the directory's path.
func readyMade(t *testing.T) string {
	t.Helper()
	dir := scriptTree(t,
		cgitest.WithScript("cgi-bin/env", cgitest.EnvDump),
		cgitest.WithScript("cgi-bin/echo", cgitest.Echo),
		cgitest.WithScript("cgi-bin/exit", cgitest.Exit),
		cgitest.WithScript("cgi-bin/forever", cgitest.Forever),
		cgitest.WithScript("cgi-bin/hang", cgitest.Hang),
		cgitest.WithScript("cgi-bin/noheader", cgitest.NoHeader),
		cgitest.WithScript("cgi-bin/redirect", cgitest.Redirect),
	)
	return filepath.Join(dir, "cgi-bin")
}

// The dump is the environment the host gave, to the byte, whatever it
// holds, and the arguments after the script's path.
func TestEnvDump(t *testing.T) {
	bin := readyMade(t)
	for _, tc := range []struct {
		name string
		req  request
	}{
		{"query-as-argument", request{query: "a+b"}},
		{"query-with-equals", request{query: "x=1&y=2"}},
		{"empty-query", request{}},
		{"post", request{method: "POST", body: "x=1"}},
		{"odd-values", request{query: "%22q%22", env: []string{
			"MULTI=one\ntwo\r\n",
			"QUOTED=\"starts with a quote",
			"BACKSLASH=C:\\dir",
			"INVALID=\xff\xfe",
			"UNICODE=héllo wörld",
			"EMPTY=",
			"argv: x=not an argument",
			"WITH SPACE=yes",
		}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := runCGI(t, filepath.Join(bin, "env"), tc.req)
			header, body := splitHeader(t, out.stdout)
			if header != "Content-Type: text/plain" || out.code != 0 || out.stderr != "" {
				t.Errorf("env: header %q, status %d, stderr %q; want text/plain, 0, nothing", header, out.code, out.stderr)
			}
			env, args, err := cgitest.ParseEnv([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{}
			for _, kv := range tc.req.environ(filepath.Join(bin, "env")) {
				k, v, _ := strings.Cut(kv, "=")
				want[k] = v
			}
			if diff := cmp.Diff(want, env); diff != "" {
				t.Errorf("ParseEnv(env's body): environment (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(tc.req.args(), args); diff != "" {
				t.Errorf("ParseEnv(env's body): arguments (-want +got)\n%s", diff)
			}
		})
	}
}

func TestEcho(t *testing.T) {
	bin := readyMade(t)
	for _, tc := range []struct {
		name string
		req  request
		want output
	}{
		{"content-length", request{method: "POST", body: "hello\nworld\x00\xff"},
			output{"Content-Type: text/plain\n\nhello\nworld\x00\xff", "", 0}},
		{"no-content-length", request{method: "POST", body: "to the end", env: []string{"CONTENT_LENGTH="}},
			output{"Content-Type: text/plain\n\nto the end", "", 0}},
		{"shorter-content-length", request{method: "POST", body: "only this, not that", env: []string{"CONTENT_LENGTH=9"}},
			output{"Content-Type: text/plain\n\nonly this", "", 0}},
		{"stdin-ends-early", request{method: "POST", body: "short", env: []string{"CONTENT_LENGTH=10"}},
			output{"Content-Type: text/plain\n\nshort", "cgitest echo: stdin ended after 5 of CONTENT_LENGTH 10 bytes\n", 1}},
		{"bad-content-length", request{method: "POST", body: "x", env: []string{"CONTENT_LENGTH=-1"}},
			output{"", "cgitest echo: CONTENT_LENGTH \"-1\" is not a length\n", 2}},
		{"empty", request{},
			output{"Content-Type: text/plain\n\n", "", 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := runCGI(t, filepath.Join(bin, "echo"), tc.req)
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(output{})); diff != "" {
				t.Errorf("echo: (-want +got)\n%s", diff)
			}
		})
	}
}

// CPython gives a script its socket as stdin, which stays open after the
// body: Echo reads CONTENT_LENGTH bytes and does not wait for the end.
func TestEchoOpenStdin(t *testing.T) {
	bin := readyMade(t)
	stdin, feed, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	defer feed.Close() // after the script has ended
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	req := request{method: "POST", body: "12345"}
	cmd := req.command(ctx, filepath.Join(bin, "echo"))
	cmd.Stdin = stdin
	if _, err := io.WriteString(feed, req.body); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.Output()
	if ctx.Err() != nil {
		t.Fatalf("echo waited for the end of stdin: killed after %v", timeout)
	}
	if err != nil || string(out) != "Content-Type: text/plain\n\n12345" {
		t.Errorf("echo = %q, %v; want its 5 bytes, nil", out, err)
	}
}

func TestExit(t *testing.T) {
	bin := readyMade(t)
	for _, tc := range []struct {
		req  request
		code int
	}{
		{request{query: "3"}, 3},
		{request{query: "0"}, 0},
		{request{query: "255"}, 255},
		{request{query: "code=7"}, 7},
		{request{query: "code=7&x=1"}, 7},
		{request{}, 1}, // the argument is empty: the default
		{request{query: "x=1"}, 1},
	} {
		got := runCGI(t, filepath.Join(bin, "exit"), tc.req)
		want := output{
			"Content-Type: text/plain\n\nexit status " + strconv.Itoa(tc.code) + "\n",
			"cgitest exit: exit status " + strconv.Itoa(tc.code) + "\n",
			tc.code,
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(output{})); diff != "" {
			t.Errorf("exit?%s: (-want +got)\n%s", tc.req.query, diff)
		}
	}
	for _, bad := range []string{"256", "-1", "three", "code=1e3"} {
		got := runCGI(t, filepath.Join(bin, "exit"), request{query: bad})
		if got.code != 2 || got.stdout != "" || !strings.HasPrefix(got.stderr, "cgitest exit: ") {
			t.Errorf("exit?%s: status %d, stdout %q, stderr %q; want 2, nothing, a reason", bad, got.code, got.stdout, got.stderr)
		}
	}
}

// Forever writes until its reader goes away, then dies of SIGPIPE, even
// when its host ignores SIGPIPE, as CPython does: a Go program dies of it
// after a write to a closed pipe on its standard output, whatever it
// inherited.
func TestForever(t *testing.T) {
	bin := readyMade(t)
	ignoring := scriptTree(t, cgitest.WithShell("cgi-bin/forever", `
		trap '' PIPE
		exec "$FOREVER"
	`))
	for _, tc := range []struct {
		name, script string
		req          request
	}{
		{"sigpipe", filepath.Join(bin, "forever"), request{}},
		{"sigpipe-ignored", filepath.Join(ignoring, "cgi-bin/forever"), request{env: []string{"FOREVER=" + filepath.Join(bin, "forever")}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), timeout)
			defer cancel()
			cmd := tc.req.command(ctx, tc.script)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			const n = 1 << 20
			got, err := io.ReadAll(io.LimitReader(stdout, n))
			stdout.Close()
			waitErr := cmd.Wait()
			if ctx.Err() != nil {
				t.Fatalf("forever went on writing after its reader closed: killed after %v", timeout)
			}
			if err != nil || len(got) != n {
				t.Fatalf("read %d bytes, %v; want %d", len(got), err, n)
			}
			header, body, _ := strings.Cut(string(got), "\n\n")
			if header != "Content-Type: text/plain" || !strings.HasPrefix(body, "forever\nforever\n") ||
				strings.Trim(body[:len(body)/8*8], "forev\n") != "" {
				t.Errorf("forever wrote %q...; want a text/plain header, then forever\\n lines", got[:64])
			}
			if sig, ok := signalOf(cmd.ProcessState); sigpipe != nil && (!ok || sig != sigpipe) {
				t.Errorf("forever ended with %v (%v); want SIGPIPE", cmd.ProcessState, waitErr)
			}
		})
	}
}

// Hang writes its header and sleeps until it is killed, by SIGKILL as
// hosts kill scripts, or by SIGTERM.
func TestHang(t *testing.T) {
	bin := readyMade(t)
	for _, tc := range []struct {
		name string
		stop func(*os.Process) error
		want os.Signal
	}{
		{"kill", (*os.Process).Kill, os.Kill},
		{"term", terminate, sigterm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), timeout)
			defer cancel()
			cmd := request{}.command(ctx, filepath.Join(bin, "hang"))
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			r := bufio.NewReader(stdout)
			var got []string
			for range 3 {
				line, err := r.ReadString('\n')
				if err != nil {
					t.Fatalf("hang's output %q: %v", strings.Join(got, ""), err)
				}
				got = append(got, line)
			}
			if diff := cmp.Diff([]string{"Content-Type: text/plain\n", "\n", "hanging\n"}, got); diff != "" {
				t.Errorf("hang's output (-want +got)\n%s", diff)
			}
			start := time.Now()
			if err := tc.stop(cmd.Process); err != nil {
				cmd.Process.Kill()
				cmd.Wait()
				t.Skip(err)
			}
			err = cmd.Wait()
			if ctx.Err() != nil {
				t.Fatalf("hang outlived %s: killed after %v", tc.name, timeout)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("hang took %v to end", d)
			}
			if sig, ok := signalOf(cmd.ProcessState); tc.want != nil && (!ok || sig != tc.want) {
				t.Errorf("hang ended with %v (%v); want signal %v", cmd.ProcessState, err, tc.want)
			}
		})
	}
}

// NoHeader and Redirect write exact bytes.
func TestFixedOutput(t *testing.T) {
	bin := readyMade(t)
	for _, tc := range []struct {
		script string
		req    request
		want   string
	}{
		{"noheader", request{}, "this script wrote no header block\n"},
		{"noheader", request{method: "POST", body: "ignored"}, "this script wrote no header block\n"},
		{"redirect", request{}, "Status: 302 Found\nLocation: /elsewhere\n\n"},
		{"redirect", request{query: "/there"}, "Status: 302 Found\nLocation: /there\n\n"},
		{"redirect", request{query: "location=http://example.com/%3Fq"}, "Status: 302 Found\nLocation: http://example.com/?q\n\n"},
	} {
		got := runCGI(t, filepath.Join(bin, tc.script), tc.req)
		if diff := cmp.Diff(output{tc.want, "", 0}, got, cmp.AllowUnexported(output{})); diff != "" {
			t.Errorf("%s?%s: (-want +got)\n%s", tc.script, tc.req.query, diff)
		}
	}
}

// failingWriter accepts n bytes, then fails, as a closed pipe does.
type failingWriter struct{ n int }

func (w *failingWriter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		n := w.n
		w.n = 0
		return n, errors.New("broken pipe")
	}
	w.n -= len(b)
	return len(b), nil
}

// The ready-made scripts in the test's own process, for what a host
// seldom does: the exit statuses after failed writes and reads.
func TestScriptsInProcess(t *testing.T) {
	for _, tc := range []struct {
		script string
		p      cgitest.Process
		code   int
		stderr string
	}{
		{cgitest.Forever, cgitest.Process{Stdout: &failingWriter{1 << 20}}, 1, ""},
		{cgitest.Forever, cgitest.Process{Stdout: &failingWriter{0}}, 1, ""},
		{cgitest.EnvDump, cgitest.Process{Stdout: &failingWriter{10}}, 1, ""},
		{cgitest.NoHeader, cgitest.Process{Stdout: &failingWriter{10}}, 1, ""},
		{cgitest.Redirect, cgitest.Process{Stdout: &failingWriter{10}}, 1, ""},
		{cgitest.Echo, cgitest.Process{Stdin: iotest.ErrReader(errors.New("reset")), Stdout: io.Discard}, 1, "cgitest echo: reset\n"},
		{cgitest.Echo, cgitest.Process{Stdin: strings.NewReader("x"), Stdout: &failingWriter{0}}, 1, ""},
		{cgitest.Exit, cgitest.Process{Args: []string{"", "9"}, Env: map[string]string{"QUERY_STRING": "code=8&code=9"}, Stdout: io.Discard}, 8, "cgitest exit: exit status 8\n"},
		{cgitest.Exit, cgitest.Process{Env: map[string]string{"QUERY_STRING": "code=%zz&code=5"}, Stdout: io.Discard}, 5, "cgitest exit: exit status 5\n"}, // what parses
	} {
		script, err := cgitest.Lookup(tc.script)
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		tc.p.Stderr = &stderr
		if tc.p.Env == nil {
			tc.p.Env = map[string]string{}
		}
		if code := script(&tc.p); code != tc.code || stderr.String() != tc.stderr {
			t.Errorf("%s(%+v) = %d, stderr %q; want %d, %q", tc.script, tc.p, code, stderr.String(), tc.code, tc.stderr)
		}
	}
}
