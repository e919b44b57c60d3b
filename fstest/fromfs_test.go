package fstest_test

import (
	"embed"
	"io/fs"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// richOps make a tree with every kind of entry and attribute, every time
// set, as a source to copy.
var richOps = []hfstest.Op{
	hfstest.WithMode(0o750), hfstest.WithModTime(t1),
	hfstest.WithFile("index.html", "<h1>hi</h1>", hfstest.WithModTime(t2)),
	hfstest.WithDir("cgi-bin", hfstest.WithModTime(t1),
		hfstest.WithFile("run.sh", "#!/bin/sh\necho\n", hfstest.WithMode(0o755), hfstest.WithModTime(t1)),
		hfstest.WithFile("private.sh", "#!/bin/sh\n", hfstest.WithMode(0o700), hfstest.WithModTime(t2))),
	hfstest.WithDir("ro", hfstest.WithMode(0o555), hfstest.WithModTime(t2),
		hfstest.WithFile("f", "x", hfstest.WithMode(0o444), hfstest.WithModTime(t1)),
		hfstest.WithDir("sub", hfstest.WithModTime(t1))),
	hfstest.WithDir("tmp", hfstest.WithMode(0o777|fs.ModeSticky), hfstest.WithModTime(t1)),
	hfstest.WithLargeFile("dl/big.bin", 150_003, 11, hfstest.WithModTime(t2)),
	hfstest.WithDir("dl", hfstest.WithModTime(t1)),
	hfstest.WithSymlink("latest", "dl/big.bin"),
	hfstest.WithSymlink("ro/sub/up", "../../cgi-bin"),
}

// FromFS keeps modes, times, content and links, between any two backends,
// and a copy of a copy is the same tree.
func TestFromFSKeepsEverything(t *testing.T) {
	for _, src := range backends {
		for _, dst := range backends {
			t.Run(src.name+" to "+dst.name, func(t *testing.T) {
				from := src.build(t, richOps...)
				want := snapshot(t, from)
				copied := dst.build(t, hfstest.FromFS(from))
				checkTree(t, copied, want, false, time.Time{})
				again := dst.build(t, hfstest.FromFS(copied))
				checkTree(t, again, want, false, time.Time{})
			})
		}
	}
}

// Copying an in-memory tree into memory keeps its large files generated:
// 10 GiB copy in no time and no memory.
func TestFromFSLargeStaysGenerated(t *testing.T) {
	const size = 10 << 30
	src := hfstest.Map(t, hfstest.WithLargeFile("d/big", size, 4))
	sub, err := fs.Sub(src, "d")
	if err != nil {
		t.Fatal(err)
	}
	for name, from := range map[string]fs.FS{"tree": src, "fs.Sub": sub} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		copied := hfstest.Map(t, hfstest.FromFS(from))
		runtime.ReadMemStats(&after)
		if total := after.TotalAlloc - before.TotalAlloc; total > 1<<20 {
			t.Errorf("%s: copying a 10 GiB file allocated %d bytes", name, total)
		}
		big := "big"
		if name == "tree" {
			big = "d/big"
		}
		f := openLarge(t, copied, big)
		if info, _ := f.Stat(); info.Size() != size {
			t.Errorf("%s: copied size = %d; want %d", name, info.Size(), size)
		}
		buf := make([]byte, 8)
		if _, err := f.ReadAt(buf, size-8); err != nil || string(buf) != string(reference(4, size-8, 8)) {
			t.Errorf("%s: the copy's last bytes = %x, %v; want %x", name, buf, err, reference(4, size-8, 8))
		}
	}
}

// fs.Sub of a tree keeps its links readable, so FromFS copies them.
func TestFromFSSub(t *testing.T) {
	src := hfstest.Map(t, hfstest.WithFile("site/a.txt", "a", hfstest.WithModTime(t1)), hfstest.WithSymlink("site/l", "a.txt"))
	sub, err := fs.Sub(src, "site")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			since := time.Now()
			checkTree(t, b.build(t, hfstest.FromFS(sub)), map[string]node{
				".": dirNode(0o755), "a.txt": fileNode(0o644, "a").at(t1), "l": linkNode("a.txt"),
			}, b.onDisk, since)
		})
	}
}

//go:embed testdata/site
var embedded embed.FS

// An embed.FS has files of mode 0444 and directories of mode 0555, and no
// times; scripts get their mode from WithFile.
func TestFromFSEmbed(t *testing.T) {
	site, err := fs.Sub(embedded, "testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	script, err := fs.ReadFile(site, "cgi-bin/hello.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			since := time.Now()
			fsys := b.build(t, hfstest.FromFS(site),
				hfstest.WithFile("cgi-bin/hello2.sh", string(script), hfstest.WithMode(0o755)))
			checkTree(t, fsys, map[string]node{
				".": dirNode(0o555), "index.html": fileNode(0o444, "<h1>embedded</h1>\n"),
				"cgi-bin":           dirNode(0o555),
				"cgi-bin/hello.sh":  fileNode(0o444, string(script)),
				"cgi-bin/hello2.sh": fileNode(0o755, string(script)),
			}, b.onDisk, since)
		})
	}
}

// A copy on disk is a copy: changing it leaves the source alone.
func TestFromFSDiskIsACopy(t *testing.T) {
	src := hfstest.Dir(t, hfstest.WithFile("a.txt", "a"))
	dst := hfstest.Dir(t, hfstest.FromFS(os.DirFS(src)))
	if err := os.WriteFile(dst+"/a.txt", []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, os.DirFS(src))["a.txt"].Data
	if diff := cmp.Diff("a", got); diff != "" {
		t.Errorf("source a.txt (-want +got):\n%s", diff)
	}
}
