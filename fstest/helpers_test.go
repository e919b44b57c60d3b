package fstest_test

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// A node is what the tests compare of one entry of a tree.
type node struct {
	// Mode is the whole mode, type included; a symbolic link's is
	// fs.ModeSymlink alone, as its permission bits vary by system.
	Mode fs.FileMode
	// ModTime is zero for a symbolic link, which has no time of its own.
	ModTime time.Time
	// Data is a file's content (its size and SHA-256 past 64 bytes) or a
	// link's target.
	Data string
}

func dirNode(mode fs.FileMode) node               { return node{Mode: fs.ModeDir | mode} }
func fileNode(mode fs.FileMode, data string) node { return node{Mode: mode, Data: data} }
func linkNode(target string) node                 { return node{Mode: fs.ModeSymlink, Data: target} }

func (n node) at(mtime time.Time) node { n.ModTime = mtime; return n }

// A backend builds a tree from ops, in memory or on disk.
type backend struct {
	name   string
	onDisk bool
	build  func(t *testing.T, ops ...hfstest.Op) fs.FS
}

var backends = []backend{
	{"Map", false, func(t *testing.T, ops ...hfstest.Op) fs.FS { return hfstest.Map(t, ops...) }},
	{"Dir", true, func(t *testing.T, ops ...hfstest.Op) fs.FS { return os.DirFS(hfstest.Dir(t, ops...)) }},
}

// snapshot returns every entry of fsys, the root included, by path.
func snapshot(t testing.TB, fsys fs.FS) map[string]node {
	t.Helper()
	got := map[string]node{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n := node{Mode: info.Mode(), ModTime: info.ModTime()}
		switch d.Type() {
		case fs.ModeSymlink:
			n = node{Mode: fs.ModeSymlink}
			n.Data, err = fs.ReadLink(fsys, name)
		case 0:
			n.Data, err = digest(fsys, name)
		}
		got[name] = n
		return err
	})
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return got
}

// digest returns the content of a file, or its size and SHA-256 past 64
// bytes, reading it in constant memory.
func digest(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var head strings.Builder
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(h, limitWriter{&head, 65}), f)
	if err != nil {
		return "", err
	}
	if n <= 64 {
		return head.String(), nil
	}
	return fmt.Sprintf("%d bytes, sha256 %x", n, h.Sum(nil)), nil
}

func digestOf(data []byte) string {
	if len(data) <= 64 {
		return string(data)
	}
	return fmt.Sprintf("%d bytes, sha256 %x", len(data), sha256.Sum256(data))
}

// A limitWriter keeps the first n bytes written to it.
type limitWriter struct {
	w *strings.Builder
	n int
}

func (l limitWriter) Write(b []byte) (int, error) {
	if room := l.n - l.w.Len(); room > 0 {
		l.w.Write(b[:min(room, len(b))])
	}
	return len(b), nil
}

// checkTree checks that fsys holds exactly want and passes fstest.TestFS.
// On disk, an entry whose wanted time is zero must have the time it was
// written at, after since.
func checkTree(t *testing.T, fsys fs.FS, want map[string]node, onDisk bool, since time.Time) {
	t.Helper()
	got := snapshot(t, fsys)
	if onDisk {
		settleTimes(t, got, want, since)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tree (-want +got):\n%s", diff)
	}
	var names []string
	for name := range want {
		if name != "." {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if err := fstest.TestFS(fsys, names...); err != nil {
		t.Errorf("fstest.TestFS: %v", err)
	}
}

// settleTimes checks that the entries of an on-disk tree whose wanted time
// is zero were written after since, and zeroes their time in got.
func settleTimes(t *testing.T, got, want map[string]node, since time.Time) {
	t.Helper()
	since = since.Add(-time.Second) // file systems with coarse times
	for name, n := range got {
		w, ok := want[name]
		if !ok || !w.ModTime.IsZero() || n.ModTime.IsZero() {
			continue
		}
		if n.ModTime.Before(since) || n.ModTime.After(time.Now().Add(time.Second)) {
			t.Errorf("%s: ModTime = %v; want the time of writing, after %v", name, n.ModTime, since)
		}
		n.ModTime = time.Time{}
		got[name] = n
	}
}

// A fatalT records the message of Fatalf, for the tests of Map's and
// Dir's failures; the rest is the real test's.
type fatalT struct {
	testing.TB
	msg string
}

func (f *fatalT) Helper() {}
func (f *fatalT) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
}
