// The in-memory backend: a testing/fstest.MapFS, with large files generated.

package fstest

import (
	"fmt"
	"io"
	"io/fs"
	"testing"
	"testing/fstest"
)

// Map builds the tree that ops describe in memory and returns it. See Build.
//
// An op that cannot apply fails the test with a message that gives the
// entry, the op and the reason, such as
//
//	fstest.Map: a.txt: WithFile: already in the tree as a file; give each entry one op
//	fstest.Map: .: WithFile("a.txt/b"): a.txt is a file, not a directory
func Map(t testing.TB, ops ...Op) fs.FS {
	t.Helper()
	fsys, err := build(ops)
	if err != nil {
		t.Fatalf("fstest.Map: %v", err)
		return nil // for a t whose Fatalf returns
	}
	return fsys
}

// Build is Map for code that has no testing.TB: it returns the tree, or the
// error of the first op that cannot apply.
//
// The tree is a testing/fstest.MapFS made from the ops, behind an fs.FS
// that gives large files their size and content: its entries are MapFS's,
// with MapFS's rules (symbolic links are resolved inside the tree only).
// It implements fs.ReadLinkFS (ReadLink and Lstat), its files implement
// io.Seeker and io.ReaderAt, and each FileInfo's Sys is nil. Unlike a MapFS
// it cannot be changed, so it is safe for concurrent use.
func Build(ops ...Op) (fs.FS, error) {
	fsys, err := build(ops)
	if err != nil {
		return nil, fmt.Errorf("fstest.Build: %w", err)
	}
	return fsys, nil
}

func build(ops []Op) (*tree, error) {
	root := newRoot()
	if err := root.apply(ops); err != nil {
		return nil, err
	}
	m := fstest.MapFS{}
	err := root.walk(func(e *entry) error {
		f, err := e.mapFile()
		m[e.path] = f
		return err
	}, func(*entry) error { return nil })
	if err != nil {
		return nil, err
	}
	return &tree{m}, nil
}

// mapFile returns e's MapFS entry. A large file's Data is empty and its
// Sys is the *large that the tree's Open and Lstat look for.
func (e *entry) mapFile() (*fstest.MapFile, error) {
	f := &fstest.MapFile{Mode: e.mode, ModTime: e.mtime}
	switch {
	case e.kind == kindDir:
		f.Mode |= fs.ModeDir
	case e.kind == kindSymlink:
		f.Mode |= fs.ModeSymlink
		f.Data = []byte(e.target)
	case e.large != nil:
		f.Sys = e.large
	case e.src != nil:
		return f, e.readSource(f)
	default:
		f.Data = []byte(e.content)
	}
	return f, nil
}

// readSource puts the content of a file copied by FromFS into f: a large
// file of one of our trees stays generated, anything else is read whole.
func (e *entry) readSource(f *fstest.MapFile) error {
	r, err := e.src.Open(e.srcPath)
	if err != nil {
		return fmt.Errorf("%s: FromFS: %w", e.path, err)
	}
	defer r.Close()
	if lf, ok := r.(*largeFile); ok {
		f.Sys = lf.info.large
		return nil
	}
	if f.Data, err = io.ReadAll(r); err != nil {
		return fmt.Errorf("%s: FromFS: read %s: %w", e.path, e.srcPath, err)
	}
	return nil
}

// A tree is an in-memory tree: its MapFS is never changed after build.
type tree struct {
	m fstest.MapFS
}

var _ fs.ReadLinkFS = (*tree)(nil)

// Open opens the named file, after following symbolic links, as MapFS does.
func (t *tree) Open(name string) (fs.File, error) {
	f, err := t.m.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if l, ok := info.Sys().(*large); ok {
		return l.open(name, info), nil
	}
	if d, ok := f.(fs.ReadDirFile); ok {
		return treeDir{d}, nil
	}
	return f, nil
}

// ReadLink returns the destination of the named symbolic link.
func (t *tree) ReadLink(name string) (string, error) {
	return t.m.ReadLink(name)
}

// Lstat returns a FileInfo describing the named entry, without following
// a symbolic link.
func (t *tree) Lstat(name string) (fs.FileInfo, error) {
	info, err := t.m.Lstat(name)
	if err != nil {
		return nil, err
	}
	if l, ok := info.Sys().(*large); ok {
		return largeInfo{info, l}, nil
	}
	return info, nil
}

// A treeDir is an open directory whose large files have their size.
type treeDir struct {
	fs.ReadDirFile
}

func (d treeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	list, err := d.ReadDirFile.ReadDir(n)
	for i, entry := range list {
		info, ierr := entry.Info()
		if ierr != nil {
			continue
		}
		if l, ok := info.Sys().(*large); ok {
			list[i] = largeInfo{info, l}
		}
	}
	return list, err
}
