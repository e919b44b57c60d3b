package fstest_test

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// An in-memory tree reads links and describes them as a MapFS does.
func TestMapLinks(t *testing.T) {
	fsys := hfstest.Map(t,
		hfstest.WithLargeFile("big", 1000, 1),
		hfstest.WithSymlink("l", "big"),
		hfstest.WithSymlink("d/e/l", "../../big"),
		hfstest.WithSymlink("d/up", "../d"))
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		t.Fatalf("Map(...) = %T; want an fs.ReadLinkFS", fsys)
	}
	if target, err := rl.ReadLink("l"); target != "big" || err != nil {
		t.Errorf("ReadLink(l) = %q, %v; want big", target, err)
	}
	if _, err := rl.ReadLink("big"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("ReadLink(big) error = %v; want fs.ErrInvalid", err)
	}
	if info, err := rl.Lstat("l"); err != nil || info.Mode() != fs.ModeSymlink|0o777 || info.Size() != 3 {
		t.Errorf("Lstat(l) = %v, %v; want a link of 3 bytes, Lrwxrwxrwx", info, err)
	}
	if info, err := fs.Stat(fsys, "l"); err != nil || info.Size() != 1000 || info.Name() != "l" {
		t.Errorf("Stat(l) = %v, %v; want the 1000-byte file, named l", info, err)
	}
	if info, err := fs.Stat(fsys, "d/up/up/e/l"); err != nil || info.Size() != 1000 {
		t.Errorf("Stat(d/up/up/e/l) = %v, %v; want the 1000-byte file", info, err)
	}
}

// Sys is nil in every FileInfo, large files' included: the MapFile's Sys
// is where the tree keeps what it generates.
func TestMapSysNil(t *testing.T) {
	fsys := hfstest.Map(t, hfstest.WithLargeFile("d/big", 10, 1), hfstest.WithFile("d/f", "f"),
		hfstest.WithSymlink("d/l", "big"))
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		linfo, _ := fs.Lstat(fsys, name)
		sinfo, _ := fs.Stat(fsys, name)
		for _, i := range []fs.FileInfo{info, linfo, sinfo} {
			if i == nil || i.Sys() != nil {
				t.Errorf("%s: FileInfo %v has Sys %v; want nil", name, i, i.Sys())
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Large files in subtrees keep their size and content.
func TestMapSub(t *testing.T) {
	fsys := hfstest.Map(t, hfstest.WithLargeFile("d/e/big", 70_000, 8), hfstest.WithSymlink("d/l", "e/big"))
	sub, err := fs.Sub(fsys, "d")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(sub, "e/big", "l"); err != nil {
		t.Error(err)
	}
	got, err := fs.ReadFile(sub, "l")
	if err != nil || string(got) != string(reference(8, 0, 70_000)) {
		t.Errorf("ReadFile(l) = %d bytes, %v; want the 70000 bytes of seed 8", len(got), err)
	}
}

func TestMapOpenErrors(t *testing.T) {
	fsys := hfstest.Map(t, hfstest.WithFile("a", "a"), hfstest.WithSymlink("out", "../outside"),
		hfstest.WithSymlink("abs", "/etc/passwd"))
	for _, name := range []string{"missing", "a/b", "../a", "/a", "out", "abs"} {
		if f, err := fsys.Open(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%q) = %v, %v; want fs.ErrNotExist", name, f, err)
		}
	}
}
