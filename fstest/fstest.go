// Package fstest builds file trees for tests, in memory and on disk, with
// one vocabulary: files with content, permission bits, modification times,
// directories, symbolic links, large files whose content is generated rather
// than stored, and copies of any fs.FS.
//
// Its name is the standard library's, so import it as hfstest next to
// testing/fstest, whose MapFS stays the way to write a plain tree:
//
//	import (
//		"testing/fstest"
//
//		hfstest "github.com/httpfixture/httpfixture/fstest"
//	)
//
//	site := fstest.MapFS{
//		"index.html": {Data: []byte("<h1>hello</h1>")},
//	}
//	cgi := hfstest.WithFile("cgi-bin/hello.sh", "#!/bin/sh\necho\n", hfstest.WithMode(0o755))
//	tree := hfstest.Map(t, hfstest.FromFS(site), cgi,
//		hfstest.WithLargeFile("download/big.iso", 10<<30, 1), // 10 GiB, a few bytes of memory
//		hfstest.WithSymlink("latest.iso", "download/big.iso"),
//	)
//	dir := hfstest.Dir(t, hfstest.FromFS(site), cgi) // the same on disk, for CGI
//
// The same ops build either backend, as gotest.tools/v3/fs's ops build a
// directory or a manifest:
//
//   - Map and Build make an in-memory tree backed by a testing/fstest.MapFS;
//   - Dir and Write make the tree on disk, through gotest.tools/v3/fs's own
//     ops, so gotest.tools/v3/fs.Equal can check it against a manifest.
//
// Entries have gotest.tools' defaults: files 0644, directories 0755 (the
// root too), symbolic links 0777, and a zero modification time, which is
// left as it is (see WithModTime). Names are slash-separated and may have
// several elements ("a/b/c.txt"): missing parent directories are made with
// the defaults, in memory as on disk, unlike MapFS, which synthesizes them
// with mode 0555.
//
// Every tree whose symbolic links resolve inside it passes
// testing/fstest.TestFS, which reads each file many times in small pieces:
// give it large files of a few hundred kilobytes, not of gigabytes.
package fstest

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
)

// An Op adds entries to the directory it is applied to, or sets an
// attribute of the file or directory it is applied to. The ops given to
// Map, Build, Dir and Write apply to the root of the tree; the ops given to
// WithFile, WithDir and WithLargeFile apply to the entry they make. An Op
// can be used again, in other trees and on either backend.
type Op func(*entry) error

// modeBits are the bits WithMode sets and FromFS copies: the entry's type
// comes from the op that made it.
const modeBits = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky

// The defaults, gotest.tools/v3/fs's (its defaultFileMode, WithDir's
// defaultMode and its manifests' symlink mode).
const (
	defaultFileMode = 0o644
	defaultDirMode  = 0o755
	symlinkMode     = 0o777
)

type kind int

const (
	kindDir kind = iota
	kindFile
	kindSymlink
)

func (k kind) String() string {
	return [...]string{"directory", "file", "symbolic link"}[k]
}

// An entry is one node of the tree the ops describe; the backends
// (mem.go, disk.go) make it real.
type entry struct {
	path  string // slash-separated, from the root; "." for the root
	kind  kind
	mode  fs.FileMode // modeBits only; the type comes from kind
	mtime time.Time   // zero: left as it is

	// A file's content is one of these: large when generated, src and
	// srcPath when copied by FromFS, content otherwise.
	content string
	large   *large
	src     fs.FS
	srcPath string

	target   string            // a symbolic link's destination, as written
	children map[string]*entry // a directory's entries by name
}

func newRoot() *entry {
	return &entry{path: ".", kind: kindDir, mode: defaultDirMode, children: map[string]*entry{}}
}

func (e *entry) apply(ops []Op) error {
	for _, op := range ops {
		if err := op(e); err != nil {
			return err
		}
	}
	return nil
}

// add returns the entry of kind k at name below dir, making missing
// parents. An existing directory is returned as it is when k is kindDir;
// any other existing entry is an error. op names the caller for errors.
func (dir *entry) add(op, name string, k kind) (*entry, error) {
	if dir.kind != kindDir {
		return nil, fmt.Errorf("%s: %s(%q): a %s has no entries; only WithMode and WithModTime apply to it", dir.path, op, name, dir.kind)
	}
	if !fs.ValidPath(name) || name == "." {
		return nil, fmt.Errorf("%s: %s(%q): invalid name: want a slash-separated path below the directory, with no '.' or '..' element", dir.path, op, name)
	}
	elems := strings.Split(name, "/")
	parent := dir
	for _, elem := range elems[:len(elems)-1] {
		next := parent.children[elem]
		if next == nil {
			next = parent.newChild(elem, kindDir)
		} else if next.kind != kindDir {
			return nil, fmt.Errorf("%s: %s(%q): %s is a %s, not a directory", dir.path, op, name, next.path, next.kind)
		}
		parent = next
	}
	last := elems[len(elems)-1]
	if e := parent.children[last]; e != nil {
		if k == kindDir && e.kind == kindDir {
			return e, nil
		}
		return nil, fmt.Errorf("%s: %s: already in the tree as a %s; give each entry one op", e.path, op, e.kind)
	}
	return parent.newChild(last, k), nil
}

func (dir *entry) newChild(name string, k kind) *entry {
	e := &entry{path: path.Join(dir.path, name), kind: k}
	switch k {
	case kindDir:
		e.mode, e.children = defaultDirMode, map[string]*entry{}
	case kindFile:
		e.mode = defaultFileMode
	case kindSymlink:
		e.mode = symlinkMode
	}
	dir.children[name] = e
	return e
}

// walk calls pre for e and each entry below it, parents before children,
// and post after a directory's children: the order in which a tree is
// written (children before a directory's own mode and time).
func (e *entry) walk(pre, post func(*entry) error) error {
	if err := pre(e); err != nil {
		return err
	}
	if e.kind != kindDir {
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(e.children)) {
		if err := e.children[name].walk(pre, post); err != nil {
			return err
		}
	}
	return post(e)
}
