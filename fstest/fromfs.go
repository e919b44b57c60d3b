// FromFS: any fs.FS as ops, so a tree can be copied to disk or into memory.

package fstest

import (
	"fmt"
	"io/fs"
)

// FromFS adds every entry of fsys to the directory it applies to, keeping
// each file's and directory's permission bits (with setuid, setgid and
// sticky) and modification time, and recreating symbolic links, which needs
// an fsys that implements fs.ReadLinkFS (testing/fstest.MapFS, os.DirFS, a
// tree from Map or Build). The mode and time of fsys's root go to the
// directory itself. It is gotest.tools/v3/fs.FromDir for any fs.FS, and
// what copies an in-memory tree to disk for CGI:
//
//	dir := hfstest.Dir(t, hfstest.FromFS(tree)) // or Write(dir, FromFS(tree))
//
// Modes are copied as they are, but for no permission bits at all, which
// a MapFS literal has when it leaves Mode out: such a file gets 0644 and
// such a directory 0755, the defaults, so that it can be read on disk. The
// directories a MapFS synthesizes, mode 0555, are read-only on disk too,
// and an embed.FS's files (0444) are not executable: add the scripts with
// WithFile and WithMode instead.
// A zero modification time stays zero in memory and becomes the time of
// writing on disk (see WithModTime).
//
// fsys is walked when the op applies, and its files are read when the tree
// is made: on disk streamed, whatever their size; in memory read whole,
// except the large files of a tree from Map or Build, which stay generated.
// An entry already in the tree is an error, except a directory, whose
// entries are merged. Other ops may follow to add entries or change the
// root's mode and time. Irregular files (devices, pipes, sockets) are an
// error.
func FromFS(fsys fs.FS) Op {
	return func(dir *entry) error {
		if dir.kind != kindDir {
			return fmt.Errorf("%s: FromFS: a %s has no entries; only WithMode and WithModTime apply to it", dir.path, dir.kind)
		}
		return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: FromFS: %w", dir.path, err)
			}
			return dir.addFrom(fsys, name, d)
		})
	}
}

// addFrom adds the entry d at name of fsys below dir.
func (dir *entry) addFrom(fsys fs.FS, name string, d fs.DirEntry) error {
	info, err := d.Info()
	if err != nil {
		return fmt.Errorf("%s: FromFS: %w", dir.path, err)
	}
	var e *entry
	switch {
	case name == ".":
		e = dir
	case d.Type() == fs.ModeDir:
		e, err = dir.add("FromFS", name, kindDir)
	case d.Type() == fs.ModeSymlink:
		return dir.addSymlinkFrom(fsys, name)
	case d.Type() == 0:
		e, err = dir.add("FromFS", name, kindFile)
		if err == nil {
			e.src, e.srcPath = fsys, name
		}
	default:
		return fmt.Errorf("%s: FromFS: %s: irregular file (%v): only files, directories and symbolic links can be copied", dir.path, name, info.Mode())
	}
	if err != nil {
		return err
	}
	e.mtime = info.ModTime()
	if mode := info.Mode() & modeBits; mode != 0 {
		e.mode = mode // else the default, already there
	}
	return nil
}

func (dir *entry) addSymlinkFrom(fsys fs.FS, name string) error {
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return fmt.Errorf("%s: FromFS: %s: a symbolic link, and %T has no ReadLink (fs.ReadLinkFS)", dir.path, name, fsys)
	}
	target, err := fs.ReadLink(fsys, name)
	if err != nil {
		return fmt.Errorf("%s: FromFS: %w", dir.path, err)
	}
	e, err := dir.add("FromFS", name, kindSymlink)
	if err != nil {
		return err
	}
	e.target = target
	return nil
}
