package fstest_test

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing/fstest"
	"time"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// A MapFS literal and the ops together: the literal for plain files, the
// ops for what a literal cannot say. Tests call hfstest.Map(t, ...), which
// fails the test when an op cannot apply; examples have no t and use Build.
func Example() {
	site := fstest.MapFS{
		"index.html":     {Data: []byte("<h1>hello</h1>\n")},
		"css/site.css":   {Data: []byte("h1 {}\n")},
		"cgi-bin/env.py": {Data: []byte("#!/usr/bin/env python3\n"), Mode: 0o755},
	}
	tree, err := hfstest.Build(
		hfstest.FromFS(site), // MapFS's synthesized directories are 0555
		hfstest.WithFile("cgi-bin/hello.sh", "#!/bin/sh\necho\n", hfstest.WithMode(0o755)),
		hfstest.WithLargeFile("download/big.iso", 10<<30, 1),
		hfstest.WithSymlink("latest.iso", "download/big.iso"),
		hfstest.WithMode(0o755),
	)
	if err != nil {
		panic(err)
	}
	fs.WalkDir(tree, ".", func(name string, d fs.DirEntry, err error) error {
		info, _ := d.Info()
		fmt.Printf("%-17s %v %d\n", name, info.Mode(), info.Size())
		return nil
	})
	// Output:
	// .                 drwxr-xr-x 0
	// cgi-bin           dr-xr-xr-x 0
	// cgi-bin/env.py    -rwxr-xr-x 23
	// cgi-bin/hello.sh  -rwxr-xr-x 15
	// css               dr-xr-xr-x 0
	// css/site.css      -rw-r--r-- 6
	// download          drwxr-xr-x 0
	// download/big.iso  -rw-r--r-- 10737418240
	// index.html        -rw-r--r-- 15
	// latest.iso        Lrwxrwxrwx 16
}

// A 10 GiB download costs nothing until it is read, and any part of it can
// be read at once. Its bytes depend only on the seed.
func ExampleWithLargeFile() {
	tree, err := hfstest.Build(hfstest.WithLargeFile("big.iso", 10<<30, 1))
	if err != nil {
		panic(err)
	}
	f, err := tree.Open("big.iso")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	last := make([]byte, 8)
	f.(io.ReaderAt).ReadAt(last, info.Size()-8)
	fmt.Printf("%d GiB, ending in %x\n", info.Size()>>30, last)
	// Output:
	// 10 GiB, ending in 9dbba7ec4883b22f
}

// A copy on disk keeps modes, times and links, for CGI scripts, which must
// be real files. Tests call hfstest.Dir(t, hfstest.FromFS(tree)), which
// also removes the copy.
func ExampleFromFS() {
	tree, err := hfstest.Build(
		hfstest.WithFile("cgi-bin/hello.sh", "#!/bin/sh\necho\n",
			hfstest.WithMode(0o755), hfstest.WithModTime(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))),
		hfstest.WithSymlink("hello", "cgi-bin/hello.sh"),
	)
	if err != nil {
		panic(err)
	}
	tmp, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "site")

	if err := hfstest.Write(dir, hfstest.FromFS(tree)); err != nil {
		panic(err)
	}
	script, _ := os.Stat(filepath.Join(dir, "cgi-bin", "hello.sh"))
	fmt.Println(script.Mode(), script.ModTime().UTC())
	target, _ := os.Readlink(filepath.Join(dir, "hello"))
	fmt.Println("hello ->", target)
	// Output:
	// -rwxr-xr-x 2024-05-01 12:00:00 +0000 UTC
	// hello -> cgi-bin/hello.sh
}
