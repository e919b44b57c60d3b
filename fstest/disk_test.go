package fstest_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"gotest.tools/v3/assert"
	gfs "gotest.tools/v3/fs"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// A tree from Dir is the one gotest.tools/v3/fs expects from its own ops.
func TestDirMatchesManifest(t *testing.T) {
	dir := hfstest.Dir(t,
		hfstest.WithFile("a.txt", "a"),
		hfstest.WithFile("cgi-bin/run.sh", "#!/bin/sh\n", hfstest.WithMode(0o755)),
		hfstest.WithDir("ro", hfstest.WithMode(0o555), hfstest.WithFile("f", "f", hfstest.WithMode(0o600))),
		hfstest.WithLargeFile("big", 5, 1),
		hfstest.WithSymlink("l", "a.txt"))
	big := string(reference(1, 0, 5))
	assert.Assert(t, gfs.Equal(dir, gfs.Expected(t,
		gfs.WithMode(0o755),
		gfs.WithFile("a.txt", "a", gfs.WithMode(0o644)),
		gfs.WithDir("cgi-bin", gfs.WithMode(0o755), gfs.WithFile("run.sh", "#!/bin/sh\n", gfs.WithMode(0o755))),
		gfs.WithDir("ro", gfs.WithMode(0o555), gfs.WithFile("f", "f", gfs.WithMode(0o600))),
		gfs.WithFile("big", big, gfs.WithMode(0o644)),
		gfs.WithSymlink("l", "a.txt"))))
}

func TestWrite(t *testing.T) {
	ops := []hfstest.Op{hfstest.WithFile("a", "a")}
	fresh := filepath.Join(t.TempDir(), "x", "y")
	if err := hfstest.Write(fresh, ops...); err != nil {
		t.Errorf("Write into a new directory: %v", err)
	} else if got, _ := os.ReadFile(filepath.Join(fresh, "a")); string(got) != "a" {
		t.Errorf("Write into a new directory: a = %q; want a", got)
	}
	if err := hfstest.Write(t.TempDir(), ops...); err != nil {
		t.Errorf("Write into an empty directory: %v", err)
	}
	err := hfstest.Write(fresh, ops...)
	want := "fstest.Write: " + fresh + ": not empty (a, ...): the tree is written into an empty directory"
	if err == nil || err.Error() != want {
		t.Errorf("Write into a full directory = %v; want %s", err, want)
	}
}

// Links that lead out of the tree are kept as written, for servers to
// refuse; in memory they resolve to nothing.
func TestSymlinkOutside(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			fsys := b.build(t, hfstest.WithSymlink("up", "../outside"), hfstest.WithSymlink("abs", "/etc/passwd"))
			for name, target := range map[string]string{"up": "../outside", "abs": "/etc/passwd"} {
				if got, err := fs.ReadLink(fsys, name); got != target || err != nil {
					t.Errorf("ReadLink(%s) = %q, %v; want %q", name, got, err, target)
				}
				if info, err := fs.Lstat(fsys, name); err != nil || info.Mode().Type() != fs.ModeSymlink {
					t.Errorf("Lstat(%s) = %v, %v; want a link", name, info, err)
				}
			}
			if _, err := fsys.Open("up"); err == nil {
				t.Errorf("Open(up) succeeded; want an error")
			}
		})
	}
}

// Directories without their owner's write or search bits are made
// removable before t.TempDir removes them.
func TestDirRemovable(t *testing.T) {
	var dir string
	t.Run("build", func(t *testing.T) {
		dir = hfstest.Dir(t, hfstest.WithMode(0o500),
			hfstest.WithDir("locked", hfstest.WithFile("f", "x"), hfstest.WithMode(0)),
			hfstest.WithDir("ro/deeper", hfstest.WithFile("g", "y"), hfstest.WithMode(0o555)))
		hfstest.MakeRemovable(dir)
		for _, name := range []string{".", "locked", "ro", "ro/deeper"} {
			info, err := os.Stat(filepath.Join(dir, name))
			if err != nil || info.Mode().Perm()&0o700 != 0o700 {
				t.Errorf("%s after the cleanup: %v, %v; want rwx for the owner", name, info, err)
			}
		}
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("after the test, Stat(%s) = %v; want it removed", dir, err)
	}
}

// A tree that fails half-written is removed too.
func TestDirFailureRemovable(t *testing.T) {
	src := failingOpen{fstest.MapFS{
		"a/f": {Data: []byte("a")}, // MapFS makes a 0555
		"b/f": {Data: []byte("b")},
	}, "b/f"}
	var dir string
	t.Run("build", func(t *testing.T) {
		ft := &fatalT{TB: t}
		dir = hfstest.Dir(ft, hfstest.FromFS(src))
		want := "fstest.Dir: b/f: FromFS: open b/f: permission denied"
		if ft.msg != want {
			t.Errorf("Dir failed with %q; want %q", ft.msg, want)
		}
		if info, err := os.Stat(filepath.Join(dir, "a")); err != nil || info.Mode().Perm() != 0o555 {
			t.Errorf("Stat(a) = %v, %v; want a read-only directory written before the failure", info, err)
		}
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("after the test, Stat(%s) = %v; want it removed", dir, err)
	}
}

// failingOpen is a MapFS whose Open of one name fails.
type failingOpen struct {
	fstest.MapFS
	name string
}

func (f failingOpen) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}
