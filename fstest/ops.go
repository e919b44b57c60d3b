// The ops: what a tree is made of, the same for both backends.

package fstest

import (
	"fmt"
	"io/fs"
	"time"
)

// WithFile adds a file at name, with content and mode 0644; ops set its
// mode and modification time. Missing parent directories are made.
func WithFile(name, content string, ops ...Op) Op {
	return func(dir *entry) error {
		e, err := dir.add("WithFile", name, kindFile)
		if err != nil {
			return err
		}
		e.content = content
		return e.apply(ops)
	}
}

// WithDir adds a directory at name, with mode 0755, and applies ops to it:
// ops add its entries and set its mode and modification time. When the
// directory is already in the tree, ops apply to it, so a directory made
// as the parent of a file can be given a mode later.
//
// On disk, a directory's mode and time are set after its entries are
// written, so a read-only directory can have entries and its time is the
// one asked for.
func WithDir(name string, ops ...Op) Op {
	return func(dir *entry) error {
		e, err := dir.add("WithDir", name, kindDir)
		if err != nil {
			return err
		}
		return e.apply(ops)
	}
}

// WithSymlink adds a symbolic link at name that points to target. As in
// gotest.tools/v3/fs.WithSymlink, the link comes first, the inverse of
// os.Symlink's order.
//
// target is kept as written, slash-separated and relative to the link's
// directory, as testing/fstest.MapFS and os.Symlink resolve it. (Unlike
// gotest.tools' WithSymlink, which joins it to the root and so makes an
// absolute link, it stays valid when the tree is copied or served.) A
// target that leads outside the tree, such as "../x" or an absolute path,
// is allowed, to test how a server treats it; in memory it does not
// resolve, and such a tree does not pass testing/fstest.TestFS.
//
// A link has mode 0777 and no time of its own: in memory its time is zero,
// on disk the one it was made at. In memory, links are resolved by MapFS,
// which (as of Go 1.26) does not resolve a path that goes through a link to
// the root itself: with "d/up" pointing to "..", "d/up" opens the root but
// "d/up/x" does not exist.
func WithSymlink(name, target string) Op {
	return func(dir *entry) error {
		if target == "" {
			return fmt.Errorf("%s: WithSymlink(%q, %q): empty target", dir.path, name, target)
		}
		e, err := dir.add("WithSymlink", name, kindSymlink)
		if err != nil {
			return err
		}
		e.target = target
		return nil
	}
}

// WithLargeFile adds a file at name of size bytes, with mode 0644, whose
// content is generated from seed as it is read; ops set its mode and
// modification time.
//
// In memory the file costs a few bytes whatever its size: a 10 GiB download
// costs nothing until it is read, and reading it holds one buffer at a
// time. Its files implement io.Seeker and io.ReaderAt, and any offset can
// be read at once. On disk, the bytes are written, streamed: a 10 GiB file
// costs 10 GiB of disk and the time to write it.
//
// The content is pseudo-random and depends only on seed and the offset:
// the same seed gives the same bytes in every tree, on both backends, and
// in later versions of this package, and a file is a prefix of any larger
// file with the same seed. Different seeds give different bytes.
func WithLargeFile(name string, size int64, seed uint64, ops ...Op) Op {
	return func(dir *entry) error {
		if size < 0 {
			return fmt.Errorf("%s: WithLargeFile(%q, %d): negative size", dir.path, name, size)
		}
		e, err := dir.add("WithLargeFile", name, kindFile)
		if err != nil {
			return err
		}
		e.large = &large{size: size, seed: seed}
		return e.apply(ops)
	}
}

// WithMode sets the permission bits of the file or directory it applies to;
// the setuid, setgid and sticky bits are allowed too. The type of the entry
// comes from the op that made it, so mode must have no type bit.
//
// On disk the mode is set with os.Chmod, so the umask does not change it.
// Given to Map, Build, Dir or Write, it sets the mode of the root.
func WithMode(mode fs.FileMode) Op {
	return func(e *entry) error {
		if mode&^modeBits != 0 {
			return fmt.Errorf("%s: WithMode(%v): want permission bits, setuid, setgid or sticky only; the type comes from WithFile, WithDir or WithSymlink", e.path, mode)
		}
		e.mode = mode
		return nil
	}
}

// WithModTime sets the modification time of the file or directory it
// applies to (on disk the access time too, as os.Chtimes sets both).
// Given to Map, Build, Dir or Write, it sets the time of the root.
//
// A zero time, the default, is left as it is: in memory the entry reports
// the zero time, which a file server turns into a fixed time of its choice
// (package fixture documents its own); on disk the entry keeps the time it
// was written at.
func WithModTime(mtime time.Time) Op {
	return func(e *entry) error {
		e.mtime = mtime
		return nil
	}
}
