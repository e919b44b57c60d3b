// The on-disk backend: the tree written with gotest.tools/v3/fs's ops.

package fstest

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"testing"

	gfs "gotest.tools/v3/fs"
)

// Dir writes the tree that ops describe into a new directory under
// t.TempDir and returns its path; os.DirFS(dir) serves it. See Write. An op
// that cannot apply fails the test with Map's messages, "fstest.Dir: "
// first; so does an error of the file system.
//
// The directory is removed when the test ends, as t.TempDir's are; its
// read-only directories are made writable first, so that removing it
// works for any user.
func Dir(t testing.TB, ops ...Op) string {
	t.Helper()
	dir := t.TempDir()
	t.Cleanup(func() { makeRemovable(dir) }) // runs before TempDir's removal
	if err := write(dir, ops); err != nil {
		t.Fatalf("fstest.Dir: %v", err)
	}
	return dir
}

// Write is Dir for code that has no testing.TB: it writes the tree that ops
// describe into dir, which it makes if needed and which must be empty, and
// returns the first error. The caller removes dir; a tree with read-only
// directories needs them made writable first, unless the caller is root.
//
// Files, directories, modes and times are written with
// gotest.tools/v3/fs's ops (WithFile, WithDir, WithReaderContent, WithMode,
// WithTimestamps), so the tree is the one gotest.tools would have made and
// gotest.tools/v3/fs.Equal checks it against an Expected manifest.
// Symbolic links are made with os.Symlink, their target as written. Modes
// are set with os.Chmod, whatever the umask; a directory's mode and time
// are set after its entries are written.
func Write(dir string, ops ...Op) error {
	if err := write(dir, ops); err != nil {
		return fmt.Errorf("fstest.Write: %w", err)
	}
	return nil
}

func write(dir string, ops []Op) error {
	root := newRoot()
	if err := root.apply(ops); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, defaultDirMode); err != nil {
		return err
	}
	if names, err := os.ReadDir(dir); err != nil {
		return err
	} else if len(names) > 0 {
		return fmt.Errorf("%s: not empty (%s, ...): the tree is written into an empty directory", dir, names[0].Name())
	}
	return root.walk(
		func(e *entry) error { return e.writeEntry(dir) },
		func(e *entry) error { return e.writeAttrs(dir) })
}

// A diskPath is a gotest.tools/v3/fs.Path for a file or directory of ours.
type diskPath string

func (p diskPath) Path() string { return string(p) }
func (p diskPath) Remove()      { _ = os.RemoveAll(string(p)) }

// writeEntry writes e below root, whose directory exists. A file gets its
// mode and time at once, a directory after its entries (writeAttrs).
func (e *entry) writeEntry(root string) error {
	if e.path == "." {
		return nil // root exists
	}
	parent := diskPath(filepath.Join(root, filepath.FromSlash(path.Dir(e.path))))
	name := path.Base(e.path)
	switch {
	case e.kind == kindDir:
		return gfs.WithDir(name)(parent)
	case e.kind == kindSymlink:
		return os.Symlink(filepath.FromSlash(e.target), filepath.Join(parent.Path(), name))
	case e.large == nil && e.src == nil:
		return gfs.WithFile(name, e.content, e.attrOps()...)(parent)
	}
	r, err := e.openContent()
	if err != nil {
		return err
	}
	ops := append([]gfs.PathOp{gfs.WithReaderContent(r)}, e.attrOps()...)
	err = gfs.WithFile(name, "", ops...)(parent)
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeAttrs sets the mode and time of a directory, after its entries.
func (e *entry) writeAttrs(root string) error {
	p := diskPath(filepath.Join(root, filepath.FromSlash(e.path)))
	for _, op := range e.attrOps() {
		if err := op(p); err != nil {
			return err
		}
	}
	return nil
}

// attrOps are the gotest.tools ops that set e's mode and time.
func (e *entry) attrOps() []gfs.PathOp {
	ops := []gfs.PathOp{gfs.WithMode(e.mode)}
	if !e.mtime.IsZero() {
		ops = append(ops, gfs.WithTimestamps(e.mtime, e.mtime))
	}
	return ops
}

// openContent opens the content of a large file or of a file copied by
// FromFS.
func (e *entry) openContent() (io.ReadCloser, error) {
	if e.large != nil {
		return io.NopCloser(e.large.reader()), nil
	}
	f, err := e.src.Open(e.srcPath)
	if err != nil {
		return nil, fmt.Errorf("%s: FromFS: %w", e.path, err)
	}
	return f, nil
}

// makeRemovable gives every directory below dir, and dir, its owner's
// read, write and search bits, so that os.RemoveAll can empty it.
func makeRemovable(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil // an unreadable directory was chmod-ed before its read
		}
		if info, err := d.Info(); err == nil && info.Mode().Perm()&0o700 != 0o700 {
			_ = os.Chmod(p, info.Mode().Perm()|0o700)
		}
		return nil
	})
}
