// Package cpython is test support: it finds the CPython interpreters the
// differential and conformance tests compare against. It is never used by
// the library itself, and imports no other package of the module.
//
// A version is asked for as "X.Y" (any release of it, the highest patch
// first) or "X.Y.Z" (that release only). For each version the candidates
// are, in order:
//
//  1. $HTTPFIXTURE_PYTHON, if set and its version matches (and Find
//     prefers it to any other of the versions it is given);
//  2. /root/.pyenv/versions/X.Y.*/bin/python3, the highest patch first;
//  3. $PYENV_ROOT/versions/X.Y.*/bin/python3 likewise, if $PYENV_ROOT is
//     set and not /root/.pyenv;
//  4. python3 on $PATH, then pythonX.Y on $PATH.
//
// $HTTPFIXTURE_PYENV_ROOT, if set, is the only pyenv root looked in: it
// replaces both /root/.pyenv and $PYENV_ROOT. Point it at a directory
// that does not exist to run the tests as on a machine without pyenv:
//
//	env -u HTTPFIXTURE_PYTHON HTTPFIXTURE_PYENV_ROOT=/nonexistent \
//		PATH=/usr/local/go/bin:/usr/bin:/bin go test ./internal/wire/ -run CPython -v
//
// Each candidate is run once per test binary, with
// -c 'import sys;print("%d.%d.%d"%sys.version_info[:3])', and its answer
// is kept for every later lookup.
package cpython

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Python is one CPython interpreter that was found.
type Python struct {
	Path    string // the executable
	Version string // "3.13": major and minor
	Full    string // "3.13.0": sys.version_info[:3]
}

// defaultPyenvRoot is where pyenv keeps the CPythons the tests were
// written against; it is looked in whatever $PYENV_ROOT says.
const defaultPyenvRoot = "/root/.pyenv"

// Find returns the first CPython found among versions, in the order
// given, except that $HTTPFIXTURE_PYTHON comes first when it is any of
// them. It skips t under -short, or when none is found with a message
// listing every place it looked.
func Find(t testing.TB, versions ...string) Python {
	t.Helper()
	if len(versions) == 0 {
		t.Fatal("cpython: Find: no version asked for")
	}
	wants := make([]want, len(versions))
	for i, v := range versions {
		w, err := parseWant(v)
		if err != nil {
			t.Fatal(err)
		}
		wants[i] = w
	}
	if testing.Short() {
		t.Skipf("cpython: -short: not running CPython %s", orList(versions))
		return Python{}
	}
	if p := os.Getenv("HTTPFIXTURE_PYTHON"); p != "" {
		if py, err := probe(p); err == nil && slices.ContainsFunc(wants, func(w want) bool { return w.matches(py) }) {
			return py
		}
	}
	var looked []string
	for _, v := range versions {
		py, where, err := lookup(v)
		if err == nil {
			return py
		}
		for _, w := range where {
			if !slices.Contains(looked, w) {
				looked = append(looked, w)
			}
		}
	}
	t.Skipf("cpython: no CPython %s (looked at %s): test skipped", orList(versions), strings.Join(looked, "; "))
	return Python{}
}

// All returns every one of versions found, in the order given, and
// nothing for those that are not. It neither skips nor looks at -short.
func All(versions ...string) []Python {
	var found []Python
	for _, v := range versions {
		if py, err := Lookup(v); err == nil {
			found = append(found, py)
		}
	}
	return found
}

// Lookup returns the first candidate of version. When there is none its
// error says where it looked.
func Lookup(version string) (Python, error) {
	py, _, err := lookup(version)
	return py, err
}

func lookup(version string) (Python, []string, error) {
	want, err := parseWant(version)
	if err != nil {
		return Python{}, nil, err
	}
	var looked []string

	if p := os.Getenv("HTTPFIXTURE_PYTHON"); p == "" {
		looked = append(looked, "$HTTPFIXTURE_PYTHON (unset)")
	} else {
		py, err := probe(p)
		if err == nil && want.matches(py) {
			return py, nil, nil
		}
		looked = append(looked, "$HTTPFIXTURE_PYTHON="+p+" ("+describe(py, err)+")")
	}

	for _, root := range pyenvRoots() {
		pattern := filepath.Join(root, "versions", want.glob(), "bin", "python3")
		paths := pyenvCandidates(pattern)
		if len(paths) == 0 {
			looked = append(looked, pattern+" (none)")
		}
		for _, p := range paths {
			py, err := probe(p)
			if err == nil && want.matches(py) {
				return py, nil, nil
			}
			looked = append(looked, p+" ("+describe(py, err)+")")
		}
	}

	for _, name := range []string{"python3", "python" + want.minor()} {
		p, err := exec.LookPath(name)
		if err != nil {
			looked = append(looked, name+" on $PATH (not found)")
			continue
		}
		py, err := probe(p)
		if err == nil && want.matches(py) {
			return py, nil, nil
		}
		looked = append(looked, name+" on $PATH: "+p+" ("+describe(py, err)+")")
	}

	return Python{}, looked, fmt.Errorf("no CPython %s (looked at %s)", version, strings.Join(looked, "; "))
}

// pyenvRoots is the pyenv roots to look in, in order.
func pyenvRoots() []string {
	if r := os.Getenv("HTTPFIXTURE_PYENV_ROOT"); r != "" {
		return []string{r}
	}
	roots := []string{defaultPyenvRoot}
	if r := os.Getenv("PYENV_ROOT"); r != "" && filepath.Clean(r) != defaultPyenvRoot {
		roots = append(roots, r)
	}
	return roots
}

// pyenvCandidates returns the executables pattern matches, the highest
// release first: 3.13.10 before 3.13.9, and 3.13.1 before 3.13.1t.
func pyenvCandidates(pattern string) []string {
	paths, _ := filepath.Glob(pattern) // the pattern is well formed
	key := func(p string) (int, string) {
		dir := filepath.Base(filepath.Dir(filepath.Dir(p))) // "3.13.0"
		patch := dir[strings.LastIndexByte(dir, '.')+1:]
		digits := len(patch) - len(strings.TrimLeft(patch, "0123456789"))
		n, _ := strconv.Atoi(patch[:digits])
		return n, dir
	}
	slices.SortStableFunc(paths, func(a, b string) int {
		na, da := key(a)
		nb, db := key(b)
		return cmp.Or(cmp.Compare(nb, na), cmp.Compare(len(da), len(db)), strings.Compare(da, db))
	})
	return paths
}

// want is a version asked for: X.Y, or X.Y.Z when patch >= 0.
type want struct{ major, minorN, patch int }

func parseWant(version string) (want, error) {
	parts := strings.Split(version, ".")
	w := want{patch: -1}
	nums := []*int{&w.major, &w.minorN, &w.patch}
	if len(parts) < 2 || len(parts) > 3 {
		return w, fmt.Errorf("cpython: version %q: want X.Y or X.Y.Z", version)
	}
	for i, s := range parts {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return w, fmt.Errorf("cpython: version %q: want X.Y or X.Y.Z", version)
		}
		*nums[i] = n
	}
	return w, nil
}

func (w want) minor() string { return fmt.Sprintf("%d.%d", w.major, w.minorN) }

func (w want) glob() string {
	if w.patch >= 0 {
		return fmt.Sprintf("%s.%d", w.minor(), w.patch)
	}
	return w.minor() + ".*"
}

func (w want) matches(py Python) bool {
	if w.patch >= 0 {
		return py.Full == w.glob()
	}
	return py.Version == w.minor()
}

// describe says what a probe found, for the list of places looked at.
func describe(py Python, err error) string {
	if err != nil {
		return err.Error()
	}
	return "CPython " + py.Full
}

// orList is "3.13", "3.13 or 3.12", "3.13, 3.12 or 3.14".
func orList(versions []string) string {
	n := len(versions)
	if n < 2 {
		return strings.Join(versions, "")
	}
	return strings.Join(versions[:n-1], ", ") + " or " + versions[n-1]
}

// probeScript prints sys.version_info[:3] as "3.13.0".
const probeScript = `import sys;print("%d.%d.%d"%sys.version_info[:3])`

type probeResult struct {
	once sync.Once
	py   Python
	err  error
}

var (
	probesMu sync.Mutex
	probes   = map[string]*probeResult{}
)

// probe runs path once per test binary and returns its version.
func probe(path string) (Python, error) {
	probesMu.Lock()
	r := probes[path]
	if r == nil {
		r = new(probeResult)
		probes[path] = r
	}
	probesMu.Unlock()
	r.once.Do(func() { r.py, r.err = runProbe(path) })
	return r.py, r.err
}

func runProbe(path string) (Python, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "-c", probeScript).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			return Python{}, fmt.Errorf("not runnable: %v: %.100q", err, strings.TrimSpace(string(ee.Stderr)))
		}
		return Python{}, fmt.Errorf("not runnable: %v", err)
	}
	full := strings.TrimSpace(string(out))
	w, err := parseWant(full)
	if err != nil || w.patch < 0 {
		return Python{}, fmt.Errorf("printed %.100q, not a version", full)
	}
	return Python{Path: path, Version: w.minor(), Full: full}, nil
}
