package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gotest.tools/v3/icmd"

	"github.com/httpfixture/httpfixture/recorder"
)

// recordRequests are what the --record tests send, one connection each,
// with the request line and status each exchange must have.
var recordRequests = []struct {
	request, line string
	code          int
}{
	{"GET /a.txt HTTP/1.0\r\nHost: example.test\r\n\r\n", "GET /a.txt HTTP/1.0", 200},
	{"GET /missing HTTP/1.0\r\n\r\n", "GET /missing HTTP/1.0", 404},
	{"GET /a b c HTTP/1.0\r\n\r\n", "GET /a b c HTTP/1.0", 400},
}

// TestBinaryRecord runs the command with --record, makes requests, stops
// it with SIGINT and reads the file back: JSON lines, written as each
// exchange completes, and HAR, written at exit.
func TestBinaryRecord(t *testing.T) {
	exe := buildCommand(t)
	if signal.Ignored(syscall.SIGINT) {
		t.Skip("httpserver: SIGINT is ignored here, so in the command too")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"out.jsonl", "out.HAR"} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), name)
			res, m := startCommand(t, exe, "-b", "127.0.0.1", "-d", dir, "--record", file, "0")
			for i, r := range recordRequests {
				send(t, "127.0.0.1", m[2], r.request)
				// JSON lines are written as each exchange completes, before
				// the client sees the connection close; HAR waits for exit.
				want := i + 1
				if strings.HasSuffix(name, ".HAR") {
					want = 0
				}
				if b, err := os.ReadFile(file); err != nil || bytes.Count(b, []byte("\n")) != want {
					t.Errorf("after %d requests, %s holds %q (%v); want %d lines", i+1, name, b, err, want)
				}
			}
			if err := res.Cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			icmd.WaitOnCmd(10*time.Second, res).Assert(t, icmd.Expected{
				ExitCode: 0,
				Out:      "\nKeyboard interrupt received, exiting.\n",
			})
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(name, ".HAR") {
				checkHARRecording(t, b, m[2])
			} else {
				checkJSONLRecording(t, b)
			}
		})
	}
}

func checkJSONLRecording(t *testing.T, b []byte) {
	t.Helper()
	exs, err := recorder.ReadJSONL(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != len(recordRequests) {
		t.Fatalf("%d exchanges recorded; want %d:\n%s", len(exs), len(recordRequests), b)
	}
	for i, r := range recordRequests {
		e := exs[i]
		raw := string(e.Request.Raw) // all of it, or up to what the server read of it
		if e.Request.Line != r.line || e.Response.Code != r.code || e.Conn != i+1 || raw == "" || !strings.HasPrefix(r.request, raw) || e.Start.IsZero() {
			t.Errorf("exchange %d: conn %d, %q, %d, raw %q, start %v; want conn %d, %q, %d and the request sent",
				i+1, e.Conn, e.Request.Line, e.Response.Code, e.Request.Raw, e.Start, i+1, r.line, r.code)
		}
	}
	if e := exs[0]; string(e.Response.Body) != "hello" || e.Response.BodySHA256 != sha256.Sum256([]byte("hello")) {
		t.Errorf("GET /a.txt: body %q, SHA-256 %x; want hello and its digest", e.Response.Body, e.Response.BodySHA256)
	}
	if e := exs[2]; !strings.HasPrefix(e.Error, "malformed request") {
		t.Errorf("the malformed request's Error = %q; want it said", e.Error)
	}
}

func checkHARRecording(t *testing.T, b []byte, port string) {
	t.Helper()
	var har struct {
		Log struct {
			Version string
			Creator struct{ Name string }
			Entries []struct {
				Request struct {
					Method, URL string
				}
				Response struct {
					Status  int
					Content struct{ Text string }
				}
				Comment string
			}
		}
	}
	if err := json.Unmarshal(b, &har); err != nil {
		t.Fatalf("decoding the HAR file: %v\n%s", err, b)
	}
	if har.Log.Version != "1.2" || har.Log.Creator.Name != "httpfixture" || len(har.Log.Entries) != len(recordRequests) {
		t.Fatalf("HAR %s by %s with %d entries; want 1.2 by httpfixture with %d:\n%s",
			har.Log.Version, har.Log.Creator.Name, len(har.Log.Entries), len(recordRequests), b)
	}
	wantURLs := []string{"http://example.test/a.txt", "http://127.0.0.1:" + port + "/missing", "http://127.0.0.1:" + port + "/"}
	for i, r := range recordRequests {
		if e := har.Log.Entries[i]; e.Request.URL != wantURLs[i] || e.Response.Status != r.code {
			t.Errorf("entry %d: %s %d; want %s %d", i+1, e.Request.URL, e.Response.Status, wantURLs[i], r.code)
		}
	}
	if e := har.Log.Entries[0]; e.Request.Method != "GET" || e.Response.Content.Text != "hello" {
		t.Errorf("entry 1: %s, content %q; want GET and hello", e.Request.Method, e.Response.Content.Text)
	}
	if e := har.Log.Entries[2]; !strings.HasPrefix(e.Comment, "malformed request") {
		t.Errorf("entry 3: comment %q; want the exchange's error", e.Comment)
	}
}

// TestRecordFailures: a file that cannot be created stops the command
// before it serves; one that cannot be written makes its exit status 1;
// a server that cannot start leaves an empty recording.
func TestRecordFailures(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no", "such", "dir.jsonl")
	stdout, stderr, code := runMain(t, "", "--record", missing, "-b", "127.0.0.1", "0")
	if want := "httpserver: --record: open " + missing + ": no such file or directory\n"; code != 1 || stdout != "" || stderr != want {
		t.Errorf("--record %s: %d, stdout %q, stderr %q; want 1, nothing and %q", missing, code, stdout, stderr, want)
	}

	har := filepath.Join(t.TempDir(), "x.har")
	_, stderr, code = runMain(t, "", "--record", har, "65536")
	if b, err := os.ReadFile(har); code != 1 || err != nil || !json.Valid(b) || !bytes.Contains(b, []byte(`"entries": []`)) {
		t.Errorf("--record x.har 65536: %d, stderr %q, file %q (%v); want 1 and a HAR file without entries", code, stderr, b, err)
	}

	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("httpserver: no /dev/full to fail writes with")
	}
	s := startServing(t, "-b", "127.0.0.1", "--record", "/dev/full", "0")
	get(t, "127.0.0.1", s.port)
	get(t, "127.0.0.1", s.port) // not written, and not reported again
	if code := s.stop(t, syscall.SIGINT); code != 1 {
		t.Errorf("--record /dev/full: exit status %d; want 1", code)
	}
	want := "httpserver: --record /dev/full: recorder: WriteJSONL: write /dev/full: no space left on device; recording stopped\n"
	if log := s.stderr.String(); strings.Count(log, "--record") != 1 || !strings.Contains(log, want) {
		t.Errorf("stderr = %q; want %q once", log, want)
	}
}
