package fstest_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

var (
	t1 = time.Date(2009, 11, 10, 23, 0, 0, 0, time.UTC)
	t2 = time.Date(2024, 2, 29, 12, 30, 45, 123456789, time.UTC)
)

// opCases are one behaviour of one op each; every case runs on both
// backends, which must give the same tree.
var opCases = []struct {
	name string
	ops  []hfstest.Op
	want map[string]node // the root included
}{{
	name: "empty",
	want: map[string]node{".": dirNode(0o755)},
}, {
	name: "WithFile",
	ops:  []hfstest.Op{hfstest.WithFile("a.txt", "hello")},
	want: map[string]node{".": dirNode(0o755), "a.txt": fileNode(0o644, "hello")},
}, {
	name: "WithFile/empty",
	ops:  []hfstest.Op{hfstest.WithFile("empty", "")},
	want: map[string]node{".": dirNode(0o755), "empty": fileNode(0o644, "")},
}, {
	name: "WithFile/binary",
	ops:  []hfstest.Op{hfstest.WithFile("b.bin", "\x00\xff\r\n")},
	want: map[string]node{".": dirNode(0o755), "b.bin": fileNode(0o644, "\x00\xff\r\n")},
}, {
	name: "WithFile/parents",
	ops:  []hfstest.Op{hfstest.WithFile("a/b/c.txt", "deep")},
	want: map[string]node{
		".": dirNode(0o755), "a": dirNode(0o755), "a/b": dirNode(0o755),
		"a/b/c.txt": fileNode(0o644, "deep"),
	},
}, {
	name: "WithFile/WithMode",
	ops:  []hfstest.Op{hfstest.WithFile("run.sh", "#!/bin/sh\n", hfstest.WithMode(0o755))},
	want: map[string]node{".": dirNode(0o755), "run.sh": fileNode(0o755, "#!/bin/sh\n")},
}, {
	name: "WithFile/WithMode/read-only",
	ops:  []hfstest.Op{hfstest.WithFile("ro", "x", hfstest.WithMode(0o400))},
	want: map[string]node{".": dirNode(0o755), "ro": fileNode(0o400, "x")},
}, {
	name: "WithFile/WithModTime",
	ops:  []hfstest.Op{hfstest.WithFile("old.txt", "old", hfstest.WithModTime(t1))},
	want: map[string]node{".": dirNode(0o755), "old.txt": fileNode(0o644, "old").at(t1)},
}, {
	name: "WithDir",
	ops:  []hfstest.Op{hfstest.WithDir("empty")},
	want: map[string]node{".": dirNode(0o755), "empty": dirNode(0o755)},
}, {
	name: "WithDir/entries",
	ops: []hfstest.Op{hfstest.WithDir("d",
		hfstest.WithFile("f", "x"), hfstest.WithDir("e/g"), hfstest.WithSymlink("l", "f"))},
	want: map[string]node{
		".": dirNode(0o755), "d": dirNode(0o755), "d/f": fileNode(0o644, "x"),
		"d/e": dirNode(0o755), "d/e/g": dirNode(0o755), "d/l": linkNode("f"),
	},
}, {
	name: "WithDir/read-only with entries",
	ops: []hfstest.Op{hfstest.WithDir("ro",
		hfstest.WithMode(0o555), hfstest.WithFile("f", "x"), hfstest.WithModTime(t2))},
	want: map[string]node{".": dirNode(0o755), "ro": dirNode(0o555).at(t2), "ro/f": fileNode(0o644, "x")},
}, {
	name: "WithDir/sticky",
	ops:  []hfstest.Op{hfstest.WithDir("tmp", hfstest.WithMode(0o777|fs.ModeSticky))},
	want: map[string]node{".": dirNode(0o755), "tmp": dirNode(0o777 | fs.ModeSticky)},
}, {
	name: "WithDir/merges with a parent made by WithFile",
	ops: []hfstest.Op{
		hfstest.WithFile("d/f", "x"),
		hfstest.WithDir("d", hfstest.WithMode(0o700), hfstest.WithModTime(t1), hfstest.WithFile("g", "y")),
	},
	want: map[string]node{
		".": dirNode(0o755), "d": dirNode(0o700).at(t1),
		"d/f": fileNode(0o644, "x"), "d/g": fileNode(0o644, "y"),
	},
}, {
	name: "WithSymlink",
	ops:  []hfstest.Op{hfstest.WithFile("a.txt", "a"), hfstest.WithSymlink("link", "a.txt")},
	want: map[string]node{".": dirNode(0o755), "a.txt": fileNode(0o644, "a"), "link": linkNode("a.txt")},
}, {
	name: "WithSymlink/to a directory, from a subdirectory",
	ops:  []hfstest.Op{hfstest.WithFile("d/a.txt", "a"), hfstest.WithSymlink("e/up", "../d")},
	want: map[string]node{
		".": dirNode(0o755), "d": dirNode(0o755), "d/a.txt": fileNode(0o644, "a"),
		"e": dirNode(0o755), "e/up": linkNode("../d"),
	},
}, {
	name: "WithSymlink/chain",
	ops: []hfstest.Op{
		hfstest.WithFile("a", "a"), hfstest.WithSymlink("b", "a"), hfstest.WithSymlink("c", "b"),
	},
	want: map[string]node{".": dirNode(0o755), "a": fileNode(0o644, "a"), "b": linkNode("a"), "c": linkNode("b")},
}, {
	name: "WithLargeFile",
	ops:  []hfstest.Op{hfstest.WithLargeFile("big.bin", 100_003, 7)},
	want: map[string]node{".": dirNode(0o755), "big.bin": fileNode(0o644, digestOf(reference(7, 0, 100_003)))},
}, {
	name: "WithLargeFile/small sizes",
	ops: []hfstest.Op{
		hfstest.WithLargeFile("0", 0, 1), hfstest.WithLargeFile("1", 1, 1),
		hfstest.WithLargeFile("9", 9, 1), hfstest.WithLargeFile("65", 65, 1),
	},
	want: map[string]node{
		".": dirNode(0o755), "0": fileNode(0o644, ""), "1": fileNode(0o644, string(reference(1, 0, 1))),
		"9":  fileNode(0o644, string(reference(1, 0, 9))),
		"65": fileNode(0o644, digestOf(reference(1, 0, 65))),
	},
}, {
	name: "WithLargeFile/WithMode/WithModTime",
	ops: []hfstest.Op{hfstest.WithLargeFile("d/big.bin", 200_001, 2,
		hfstest.WithMode(0o600), hfstest.WithModTime(t2))},
	want: map[string]node{
		".": dirNode(0o755), "d": dirNode(0o755),
		"d/big.bin": fileNode(0o600, digestOf(reference(2, 0, 200_001))).at(t2),
	},
}, {
	name: "root WithMode and WithModTime",
	ops:  []hfstest.Op{hfstest.WithMode(0o700), hfstest.WithFile("f", "x"), hfstest.WithModTime(t1)},
	want: map[string]node{".": dirNode(0o700).at(t1), "f": fileNode(0o644, "x")},
}, {
	name: "FromFS",
	ops: []hfstest.Op{hfstest.FromFS(fstest.MapFS{
		"a/b.sh": {Data: []byte("#!/bin/sh\n"), Mode: 0o755, ModTime: t1},
		"c":      {Mode: fs.ModeDir | 0o700, ModTime: t2},
		"l":      {Mode: fs.ModeSymlink, Data: []byte("a/b.sh")},
	})},
	want: map[string]node{
		".": dirNode(0o555), "a": dirNode(0o555), // synthesized by MapFS
		"a/b.sh": fileNode(0o755, "#!/bin/sh\n").at(t1), "c": dirNode(0o700).at(t2), "l": linkNode("a/b.sh"),
	},
}, {
	name: "FromFS/no permission bits get the defaults",
	ops: []hfstest.Op{hfstest.FromFS(fstest.MapFS{
		".":     {Mode: fs.ModeDir, ModTime: t1},
		"plain": {Data: []byte("p")},
		"d":     {Mode: fs.ModeDir},
		"d/x":   {Data: []byte("x"), Mode: 0o600},
	})},
	want: map[string]node{
		".": dirNode(0o755).at(t1), "plain": fileNode(0o644, "p"), "d": dirNode(0o755), "d/x": fileNode(0o600, "x"),
	},
}, {
	name: "FromFS/in WithDir, then ops",
	ops: []hfstest.Op{
		hfstest.WithDir("static", hfstest.FromFS(fstest.MapFS{
			".":     {Mode: fs.ModeDir | 0o750, ModTime: t1},
			"a.css": {Data: []byte("a{}"), Mode: 0o640},
		}), hfstest.WithFile("b.css", "b{}")),
		hfstest.WithModTime(t2),
	},
	want: map[string]node{
		".": dirNode(0o755).at(t2), "static": dirNode(0o750).at(t1),
		"static/a.css": fileNode(0o640, "a{}"), "static/b.css": fileNode(0o644, "b{}"),
	},
}}

func TestOps(t *testing.T) {
	for _, tc := range opCases {
		for _, b := range backends {
			t.Run(tc.name+"/"+b.name, func(t *testing.T) {
				since := time.Now()
				fsys := b.build(t, tc.ops...)
				checkTree(t, fsys, tc.want, b.onDisk, since)
			})
		}
	}
}

// The ops are values: the same ops build the same tree again.
func TestOpsReused(t *testing.T) {
	ops := []hfstest.Op{
		hfstest.WithFile("a/b", "x", hfstest.WithMode(0o600)),
		hfstest.WithLargeFile("big", 1000, 3),
		hfstest.WithSymlink("l", "a/b"),
	}
	first := snapshot(t, hfstest.Map(t, ops...))
	second := snapshot(t, hfstest.Map(t, ops...))
	checkTree(t, hfstest.Map(t, ops...), first, false, time.Time{})
	checkTree(t, hfstest.Map(t, ops...), second, false, time.Time{})
}

// errorCases are ops that cannot apply; both backends give the same
// message, after the name of the function.
var errorCases = []struct {
	name string
	ops  []hfstest.Op
	want string
}{
	{"name with ..", []hfstest.Op{hfstest.WithFile("../x", "")},
		`.: WithFile("../x"): invalid name: want a slash-separated path below the directory, with no '.' or '..' element`},
	{"absolute name", []hfstest.Op{hfstest.WithDir("/etc")}, `.: WithDir("/etc"): invalid name`},
	{"name .", []hfstest.Op{hfstest.WithDir(".")}, `.: WithDir("."): invalid name`},
	{"trailing slash", []hfstest.Op{hfstest.WithFile("a/", "")}, `.: WithFile("a/"): invalid name`},
	{"entries in a file", []hfstest.Op{hfstest.WithFile("a", "", hfstest.WithFile("b", ""))},
		`a: WithFile("b"): a file has no entries; only WithMode and WithModTime apply to it`},
	{"FromFS in a file", []hfstest.Op{hfstest.WithLargeFile("a", 1, 1, hfstest.FromFS(fstest.MapFS{}))},
		`a: FromFS: a file has no entries`},
	{"file twice", []hfstest.Op{hfstest.WithFile("d/a", "1"), hfstest.WithFile("d/a", "2")},
		`d/a: WithFile: already in the tree as a file; give each entry one op`},
	{"directory over a file", []hfstest.Op{hfstest.WithFile("a", ""), hfstest.WithDir("a")},
		`a: WithDir: already in the tree as a file`},
	{"file over a directory", []hfstest.Op{hfstest.WithDir("a"), hfstest.WithLargeFile("a", 1, 1)},
		`a: WithLargeFile: already in the tree as a directory`},
	{"symlink over a symlink", []hfstest.Op{hfstest.WithSymlink("l", "a"), hfstest.WithSymlink("l", "b")},
		`l: WithSymlink: already in the tree as a symbolic link`},
	{"file below a file", []hfstest.Op{hfstest.WithFile("a", ""), hfstest.WithFile("a/b", "")},
		`.: WithFile("a/b"): a is a file, not a directory`},
	{"file below a symlink", []hfstest.Op{hfstest.WithDir("d"), hfstest.WithSymlink("l", "d"), hfstest.WithFile("l/x", "")},
		`.: WithFile("l/x"): l is a symbolic link, not a directory`},
	{"mode with a type", []hfstest.Op{hfstest.WithMode(fs.ModeDir | 0o755)},
		`.: WithMode(drwxr-xr-x): want permission bits, setuid, setgid or sticky only; the type comes from WithFile, WithDir or WithSymlink`},
	{"negative size", []hfstest.Op{hfstest.WithLargeFile("big", -1, 0)}, `.: WithLargeFile("big", -1): negative size`},
	{"empty target", []hfstest.Op{hfstest.WithSymlink("l", "")}, `.: WithSymlink("l", ""): empty target`},
	{"FromFS irregular file", []hfstest.Op{hfstest.FromFS(fstest.MapFS{"fifo": {Mode: fs.ModeNamedPipe}})},
		`.: FromFS: fifo: irregular file (p---------): only files, directories and symbolic links can be copied`},
	{"FromFS over a file", []hfstest.Op{hfstest.WithFile("d/a", ""), hfstest.FromFS(fstest.MapFS{"d/a": {}})},
		`d/a: FromFS: already in the tree as a file`},
	{"FromFS symlink without ReadLink", []hfstest.Op{hfstest.FromFS(openOnly{fstest.MapFS{"l": {Mode: fs.ModeSymlink, Data: []byte("x")}}})},
		`.: FromFS: l: a symbolic link, and fstest_test.openOnly has no ReadLink (fs.ReadLinkFS)`},
	{"FromFS missing root", []hfstest.Op{hfstest.WithDir("d", hfstest.FromFS(os.DirFS("/nonexistent/fstest")))},
		`d: FromFS: stat .: `},
}

// openOnly hides every method of an fs.FS but Open.
type openOnly struct{ fs fs.FS }

func (o openOnly) Open(name string) (fs.File, error) { return o.fs.Open(name) }

func TestOpErrors(t *testing.T) {
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			fsys, err := hfstest.Build(tc.ops...)
			checkError(t, "Build", err, "fstest.Build: "+tc.want)
			if fsys != nil {
				t.Errorf("Build(...) = %v, %v; want nil", fsys, err)
			}
			err = hfstest.Write(t.TempDir(), tc.ops...)
			checkError(t, "Write", err, "fstest.Write: "+tc.want)

			ft := &fatalT{TB: t}
			if fsys := hfstest.Map(ft, tc.ops...); fsys != nil {
				t.Errorf("Map(...) = %v after Fatalf; want nil", fsys)
			}
			checkMessage(t, "Map", ft.msg, "fstest.Map: "+tc.want)
			ft = &fatalT{TB: t}
			hfstest.Dir(ft, tc.ops...)
			checkMessage(t, "Dir", ft.msg, "fstest.Dir: "+tc.want)
		})
	}
}

func checkError(t *testing.T, fn string, err error, want string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s(...) = nil; want %q", fn, want)
		return
	}
	checkMessage(t, fn, err.Error(), want)
}

// checkMessage checks that msg starts with want: OS errors at the end vary.
func checkMessage(t *testing.T, fn, msg, want string) {
	t.Helper()
	if !strings.HasPrefix(msg, want) {
		t.Errorf("%s(...) failed with\n\t%s\nwant\n\t%s...", fn, msg, want)
	}
}
