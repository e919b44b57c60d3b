package cpython

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakePython writes a shell script at path that prints full as the probe
// would and appends a line to path+".runs" each time it runs.
func fakePython(t *testing.T, path, full string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	script := fmt.Sprintf("#!/bin/sh\necho run >> '%s.runs'\necho %s\n", path, full)
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func runs(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path + ".runs")
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "run\n")
}

// fakeWorld sets up $HTTPFIXTURE_PYTHON (3.12.9), a pyenv root with
// 3.13.2, 3.13.10 and 3.11.1, and a $PATH with python3 (3.11.4) and
// python3.14 (3.14.1).
func fakeWorld(t *testing.T) (dir string) {
	if runtime.GOOS == "windows" {
		t.Skip("cpython: fake interpreters are shell scripts")
	}
	dir = t.TempDir()
	t.Setenv("HTTPFIXTURE_PYTHON", fakePython(t, filepath.Join(dir, "env", "python"), "3.12.9"))
	t.Setenv("HTTPFIXTURE_PYENV_ROOT", filepath.Join(dir, "pyenv"))
	t.Setenv("PYENV_ROOT", "")
	for _, v := range []string{"3.13.2", "3.13.10", "3.11.1"} {
		fakePython(t, filepath.Join(dir, "pyenv", "versions", v, "bin", "python3"), v)
	}
	fakePython(t, filepath.Join(dir, "bin", "python3"), "3.11.4")
	fakePython(t, filepath.Join(dir, "bin", "python3.14"), "3.14.1")
	t.Setenv("PATH", filepath.Join(dir, "bin"))
	return dir
}

func TestLookupOrder(t *testing.T) {
	dir := fakeWorld(t)
	pyenv := filepath.Join(dir, "pyenv", "versions")
	for _, tt := range []struct {
		version string
		want    Python
	}{
		{"3.12", Python{filepath.Join(dir, "env", "python"), "3.12", "3.12.9"}},
		{"3.13", Python{filepath.Join(pyenv, "3.13.10", "bin", "python3"), "3.13", "3.13.10"}},
		{"3.13.2", Python{filepath.Join(pyenv, "3.13.2", "bin", "python3"), "3.13", "3.13.2"}},
		{"3.11", Python{filepath.Join(pyenv, "3.11.1", "bin", "python3"), "3.11", "3.11.1"}},
		{"3.11.4", Python{filepath.Join(dir, "bin", "python3"), "3.11", "3.11.4"}},
		{"3.14", Python{filepath.Join(dir, "bin", "python3.14"), "3.14", "3.14.1"}},
	} {
		got, err := Lookup(tt.version)
		if err != nil || got != tt.want {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v", tt.version, got, err, tt.want)
		}
	}
	if got := Find(t, "3.10", "3.14", "3.13"); got.Full != "3.14.1" {
		t.Errorf("Find(3.10, 3.14, 3.13) = %+v; want the 3.14", got)
	}
	if got := Find(t, "3.13", "3.12"); got.Full != "3.12.9" {
		t.Errorf("Find(3.13, 3.12) = %+v; want $HTTPFIXTURE_PYTHON's 3.12.9 before pyenv's 3.13", got)
	}
	var fulls []string
	for _, py := range All("3.14", "3.10", "3.13", "3.12") {
		fulls = append(fulls, py.Full)
	}
	if got := strings.Join(fulls, " "); got != "3.14.1 3.13.10 3.12.9" {
		t.Errorf("All(3.14, 3.10, 3.13, 3.12) found %s; want 3.14.1 3.13.10 3.12.9", got)
	}
}

func TestProbedOnce(t *testing.T) {
	dir := fakeWorld(t)
	for range 3 {
		All("3.10", "3.13", "3.12", "3.14")
	}
	for _, p := range []string{
		filepath.Join(dir, "env", "python"),
		filepath.Join(dir, "bin", "python3"),
		filepath.Join(dir, "bin", "python3.14"),
		filepath.Join(dir, "pyenv", "versions", "3.13.10", "bin", "python3"),
	} {
		if n := runs(t, p); n != 1 {
			t.Errorf("%s ran %d times; want once", p, n)
		}
	}
	if n := runs(t, filepath.Join(dir, "pyenv", "versions", "3.13.2", "bin", "python3")); n != 0 {
		t.Errorf("3.13.2 ran %d times; want never, 3.13.10 being found first", n)
	}
}

// skipRecorder is a testing.TB whose Skipf only records its message.
type skipRecorder struct {
	testing.TB
	msg string
}

func (s *skipRecorder) Skipf(format string, args ...any) { s.msg = fmt.Sprintf(format, args...) }

func TestFindSkipsSayingWhere(t *testing.T) {
	if testing.Short() {
		t.Skip("cpython: -short: Find skips at once")
	}
	dir := fakeWorld(t)
	t.Setenv("HTTPFIXTURE_PYTHON", "")
	rec := &skipRecorder{TB: t}
	if got := Find(rec, "3.9", "3.10"); got != (Python{}) {
		t.Errorf("Find(3.9, 3.10) = %+v; want none", got)
	}
	for _, want := range []string{
		"no CPython 3.9 or 3.10",
		"$HTTPFIXTURE_PYTHON (unset)",
		filepath.Join(dir, "pyenv", "versions", "3.9.*", "bin", "python3") + " (none)",
		filepath.Join(dir, "pyenv", "versions", "3.10.*", "bin", "python3") + " (none)",
		"python3 on $PATH: " + filepath.Join(dir, "bin", "python3") + " (CPython 3.11.4)",
		"python3.10 on $PATH (not found)",
	} {
		if !strings.Contains(rec.msg, want) {
			t.Errorf("Find skipped with %q; want it to mention %q", rec.msg, want)
		}
	}
	if strings.Count(rec.msg, "python3 on $PATH") != 1 {
		t.Errorf("Find skipped with %q; want python3 on $PATH listed once", rec.msg)
	}
}

func TestNotAPython(t *testing.T) {
	dir := fakeWorld(t)
	bad := filepath.Join(dir, "bad")
	if err := os.WriteFile(bad, []byte("#!/bin/sh\necho hello\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HTTPFIXTURE_PYTHON", bad)
	_, err := Lookup("3.9")
	if err == nil || !strings.Contains(err.Error(), `$HTTPFIXTURE_PYTHON=`+bad+` (printed "hello", not a version)`) {
		t.Errorf("Lookup(3.9) with a bad $HTTPFIXTURE_PYTHON: %v", err)
	}
	if _, err := Lookup("3"); err == nil {
		t.Errorf(`Lookup("3"): no error`)
	}
}

func TestThisMachine(t *testing.T) {
	for _, py := range All("3.12", "3.13", "3.14") {
		t.Logf("CPython %s at %s", py.Full, py.Path)
	}
}
