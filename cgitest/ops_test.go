package cgitest_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/httpfixture/httpfixture/cgitest"
	hfstest "github.com/httpfixture/httpfixture/fstest"
)

func TestShell(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"empty", "", "#!/bin/sh\n"},
		{"one-line", "echo hi", "#!/bin/sh\necho hi\n"},
		{"newline-kept", "echo hi\n", "#!/bin/sh\necho hi\n"},
		{"raw-literal", "\n\t\tprintf 'x'\n\t\techo\n\t", "#!/bin/sh\nprintf 'x'\necho\n"},
		{"relative-indent", "\n\tif true; then\n\t\techo in\n\tfi\n", "#!/bin/sh\nif true; then\n\techo in\nfi\n"},
		{"blank-lines-emptied", "\n\techo a\n\t \n\n\techo b\n", "#!/bin/sh\necho a\n\n\necho b\n"},
		{"mixed-indent", "\n\t  a\n\t b\n", "#!/bin/sh\n a\nb\n"},
		{"spaces", "  a\n    b\n", "#!/bin/sh\na\n  b\n"},
		{"no-common-indent", "a\n\tb\n", "#!/bin/sh\na\n\tb\n"},
		{"one-leading-newline-dropped", "\n\nx\n", "#!/bin/sh\n\nx\n"},
		{"trailing-blank-line-kept", "a\n\n", "#!/bin/sh\na\n\n"},
	} {
		if got := cgitest.Shell(tc.body); got != tc.want {
			t.Errorf("%s: Shell(%q) = %q; want %q", tc.name, tc.body, got, tc.want)
		}
	}
}

func TestWithShell(t *testing.T) {
	dir := scriptTree(t, cgitest.WithShell("cgi-bin/hello.sh", `
		printf 'Content-Type: text/plain\n\n'
		echo "query $QUERY_STRING, args $#: $*"
		echo "to the log" >&2
		exit 4
	`))
	got := runCGI(t, filepath.Join(dir, "cgi-bin/hello.sh"), request{query: "a+b"})
	want := output{"Content-Type: text/plain\n\nquery a+b, args 1: a b\n", "to the log\n", 4}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(output{})); diff != "" {
		t.Errorf("hello.sh: (-want +got)\n%s", diff)
	}
}

// The ops make files like hfstest.WithFile's, executable, on either
// backend; the file ops given to them apply after the mode.
func TestScriptFiles(t *testing.T) {
	mtime := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tree := hfstest.Map(t,
		cgitest.WithScript("cgi-bin/env", cgitest.EnvDump),
		cgitest.WithScript("cgi-bin/private", cgitest.Echo, hfstest.WithMode(0o700), hfstest.WithModTime(mtime)),
		cgitest.WithShell("cgi-bin/hello.sh", "echo"),
		cgitest.WithShell("cgi-bin/off.sh", "echo", hfstest.WithMode(0o644)),
	)
	if err := fstest.TestFS(tree, "cgi-bin/env", "cgi-bin/private", "cgi-bin/hello.sh", "cgi-bin/off.sh"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		mode  fs.FileMode
		mtime time.Time
		start string
	}{
		{"cgi-bin/env", 0o755, time.Time{}, "#!"},
		{"cgi-bin/private", 0o700, mtime, "#!"},
		{"cgi-bin/hello.sh", 0o755, time.Time{}, "#!/bin/sh\necho\n"},
		{"cgi-bin/off.sh", 0o644, time.Time{}, "#!/bin/sh\necho\n"},
	} {
		info, err := fs.Stat(tree, tc.name)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := fs.ReadFile(tree, tc.name)
		if info.Mode() != tc.mode || !info.ModTime().Equal(tc.mtime) || !strings.HasPrefix(string(data), tc.start) {
			t.Errorf("%s: %v %v %q; want %v %v, starting %q", tc.name, info.Mode(), info.ModTime(), data, tc.mode, tc.mtime, tc.start)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	data, _ := fs.ReadFile(tree, "cgi-bin/env")
	if want := "#!" + exe + " -cgitest.script=env\n"; len(want) <= 128 && !strings.HasPrefix(string(data), want) {
		t.Errorf("cgi-bin/env = %q; want it to start %q", data, want)
	}
}

func TestWithScriptUnregistered(t *testing.T) {
	_, err := hfstest.Build(cgitest.WithScript("cgi-bin/x", "nosuch"))
	const start, end = `fstest.Build: cgitest.WithScript("cgi-bin/x", "nosuch"): no script registered as "nosuch" (registered: echo, env, exit, forever, greet, `, "); register it at init time with Register"
	if err == nil || !strings.HasPrefix(err.Error(), start) || !strings.HasSuffix(err.Error(), end) {
		t.Errorf("Build(WithScript(unregistered)) = %v; want\n%s...%s", err, start, end)
	}
}

// An in-memory tree copied to disk, as a server does for CGI, keeps the
// scripts' modes, and they run.
func TestInMemoryTreeOnDisk(t *testing.T) {
	mem := hfstest.Map(t,
		hfstest.FromFS(fstest.MapFS{"index.html": {Data: []byte("<h1>hi</h1>\n")}}),
		cgitest.WithScript("cgi-bin/greet", greet),
		cgitest.WithShell("cgi-bin/hello.sh", `printf 'Content-Type: text/plain\n\nhello\n'`),
	)
	if err := fstest.TestFS(mem, "index.html", "cgi-bin/greet", "cgi-bin/hello.sh"); err != nil {
		t.Fatal(err)
	}
	dir := scriptTree(t, hfstest.FromFS(mem))
	for _, name := range []string{"cgi-bin/greet", "cgi-bin/hello.sh"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode() != 0o755 {
			t.Errorf("%s on disk: mode %v; want -rwxr-xr-x", name, info.Mode())
		}
	}
	if got := runCGI(t, filepath.Join(dir, "cgi-bin/greet"), request{query: "disk"}); got.code != 0 ||
		!strings.HasSuffix(got.stdout, "\n\nhello disk, args [\"disk\"], body \"\"\n") {
		t.Errorf("greet from the copy: %+v", got)
	}
	if got := runCGI(t, filepath.Join(dir, "cgi-bin/hello.sh"), request{}); got.code != 0 || got.stdout != "Content-Type: text/plain\n\nhello\n" {
		t.Errorf("hello.sh from the copy: %+v", got)
	}
}
