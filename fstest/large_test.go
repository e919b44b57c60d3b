package fstest_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// reference is the content of a large file from offset off, n bytes of it,
// computed byte by byte from the definition in large.go: byte i is byte i%8,
// little-endian, of SplitMix64's (i/8+1)-th output from the state that is
// SplitMix64's first output for seed.
func reference(seed uint64, off, n int64) []byte {
	const golden = 0x9E3779B97F4A7C15
	mix := func(z uint64) uint64 {
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		return z ^ z>>31
	}
	state := mix(seed + golden)
	b := make([]byte, n)
	for i := range b {
		o := uint64(off) + uint64(i)
		b[i] = byte(mix(state+(o/8+1)*golden) >> (8 * (o % 8)))
	}
	return b
}

func openLarge(t *testing.T, fsys fs.FS, name string) interface {
	fs.File
	io.ReaderAt
	io.Seeker
} {
	t.Helper()
	f, err := fsys.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	rf, ok := f.(interface {
		fs.File
		io.ReaderAt
		io.Seeker
	})
	if !ok {
		t.Fatalf("Open(%q) = %T; want an io.ReaderAt and io.Seeker", name, f)
	}
	return rf
}

// The content is promised to stay the same from version to version; these
// values were also computed apart, in Python, from the definition.
func TestLargeFileKnownAnswer(t *testing.T) {
	for _, tc := range []struct {
		seed uint64
		want string
	}{
		{0, "6f7e194d2fdd06a75e4f41f405a382b3"},
		{1, "1e61397408ab415eeef16c3de96c8df1"},
		{1 << 63, "a0c1b033e892db86467e554be48c1a5c"},
	} {
		fsys := hfstest.Map(t, hfstest.WithLargeFile("f", 16, tc.seed))
		got, err := fs.ReadFile(fsys, "f")
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(got) != tc.want {
			t.Errorf("seed %d: content = %x; want %s", tc.seed, got, tc.want)
		}
		if ref := reference(tc.seed, 0, 16); !bytes.Equal(got, ref) {
			t.Errorf("seed %d: content = %x; the definition gives %x", tc.seed, got, ref)
		}
	}
}

func TestLargeFile10GiB(t *testing.T) {
	const size = 10 << 30
	fsys := hfstest.Map(t, hfstest.WithLargeFile("dl/big.iso", size, 1, hfstest.WithModTime(t1)))

	info, err := fs.Stat(fsys, "dl/big.iso")
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() != size || info.Mode() != 0o644 || !info.ModTime().Equal(t1) || info.Name() != "big.iso" {
		t.Errorf("Stat = %v; want a 10 GiB file, 0644, at %v", info, t1)
	}
	entries, err := fs.ReadDir(fsys, "dl")
	if err != nil || len(entries) != 1 {
		t.Fatalf("ReadDir(dl) = %v, %v; want one entry", entries, err)
	}
	if einfo, _ := entries[0].Info(); einfo.Size() != size {
		t.Errorf("ReadDir(dl)[0].Info().Size() = %d; want %d", einfo.Size(), size)
	}
	if linfo, err := fs.Lstat(fsys, "dl/big.iso"); err != nil || linfo.Size() != size {
		t.Errorf("Lstat = %v, %v; want size %d", linfo, err, size)
	}

	f := openLarge(t, fsys, "dl/big.iso")
	for _, off := range []int64{0, 1, 4093, size/2 - 3, size - 100, size - 64, size - 5} {
		buf := make([]byte, 64)
		n, err := f.ReadAt(buf, off)
		want := reference(1, off, min(64, size-off))
		if !bytes.Equal(buf[:n], want) {
			t.Errorf("ReadAt(64 bytes, %d) = %x; want %x", off, buf[:n], want)
		}
		if wantErr := off+64 > size; (err == io.EOF) != wantErr || (err != nil && err != io.EOF) {
			t.Errorf("ReadAt(64 bytes, %d) error = %v; want EOF: %v", off, err, wantErr)
		}
	}
	if n, err := f.ReadAt(make([]byte, 1), size); n != 0 || err != io.EOF {
		t.Errorf("ReadAt at the end = %d, %v; want 0, EOF", n, err)
	}
	if pos, err := f.Seek(-10, io.SeekEnd); pos != size-10 || err != nil {
		t.Fatalf("Seek(-10, SeekEnd) = %d, %v; want %d", pos, err, size-10)
	}
	tail, err := io.ReadAll(f)
	if err != nil || !bytes.Equal(tail, reference(1, size-10, 10)) {
		t.Errorf("ReadAll after Seek(-10, SeekEnd) = %x, %v; want %x", tail, err, reference(1, size-10, 10))
	}
}

// Reading a large file holds one buffer at a time, whatever its size.
func TestLargeFileMemory(t *testing.T) {
	const copied = 256 << 20
	fsys := hfstest.Map(t, hfstest.WithLargeFile("big", 10<<30, 5))
	f := openLarge(t, fsys, "big")

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n, err := io.Copy(io.Discard, io.LimitReader(f, copied))
	runtime.ReadMemStats(&after)

	if n != copied || err != nil {
		t.Fatalf("io.Copy = %d, %v; want %d, nil", n, err, copied)
	}
	// TotalAlloc counts every allocation, freed or not, so it also bounds
	// how much HeapAlloc can have grown.
	total := after.TotalAlloc - before.TotalAlloc
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("copying %d MiB allocated %d bytes; HeapAlloc grew by %d", copied>>20, total, heap)
	if total >= 16<<20 || heap >= 16<<20 {
		t.Errorf("copying %d MiB allocated %d bytes, HeapAlloc grew by %d; want less than 16 MiB", copied>>20, total, heap)
	}
	if pos, _ := f.Seek(0, io.SeekCurrent); pos != copied {
		t.Errorf("offset after the copy = %d; want %d", pos, copied)
	}
}

func TestLargeFileDeterministic(t *testing.T) {
	const size = 8 << 30
	read := func(fsys fs.FS, name string, off, n int64) []byte {
		t.Helper()
		buf := make([]byte, n)
		if _, err := openLarge(t, fsys, name).ReadAt(buf, off); err != nil {
			t.Fatal(err)
		}
		return buf
	}
	a := hfstest.Map(t, hfstest.WithLargeFile("a", size, 9))
	b := hfstest.Map(t, hfstest.WithDir("d", hfstest.WithLargeFile("b", size, 9, hfstest.WithMode(0o600))))
	for _, off := range []int64{0, 7 << 30} {
		if !bytes.Equal(read(a, "a", off, 1<<20), read(b, "d/b", off, 1<<20)) {
			t.Errorf("two files of seed 9 differ in the MiB at %d", off)
		}
	}
	small := hfstest.Map(t, hfstest.WithLargeFile("s", 100, 9))
	if got, _ := fs.ReadFile(small, "s"); !bytes.Equal(got, read(a, "a", 0, 100)) {
		t.Errorf("a 100-byte file of seed 9 is not the prefix of an 8 GiB one")
	}

	// Different seeds differ, also by a shift of whole words, which a
	// stream of SplitMix64 started at the seed itself would not.
	heads := map[string]uint64{}
	for seed := range uint64(64) {
		fsys := hfstest.Map(t, hfstest.WithLargeFile("f", 64, seed))
		content := read(fsys, "f", 0, 64)
		for shift := 0; shift <= 32; shift += 8 {
			head := string(content[shift : shift+32])
			if other, dup := heads[head]; dup {
				t.Errorf("seed %d shifted by %d bytes starts as seed %d", seed, shift, other)
			}
			heads[head] = seed
		}
	}
}

// Seek and ReadAt agree with sequential reads, at random offsets.
func TestLargeFileSeekReadAt(t *testing.T) {
	const size = 1<<20 + 13
	content := reference(42, 0, size)
	fsys := hfstest.Map(t, hfstest.WithLargeFile("f", size, 42))

	f := openLarge(t, fsys, "f")
	var seq bytes.Buffer
	buf := make([]byte, 999)
	for {
		n, err := f.Read(buf)
		seq.Write(buf[:n])
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(seq.Bytes(), content) {
		t.Fatalf("sequential Read gave %d bytes, not the content", seq.Len())
	}

	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		off, n := rng.Int64N(size+16), rng.IntN(20_000)
		whence := rng.IntN(3)
		arg := off
		switch whence {
		case io.SeekCurrent:
			cur, _ := f.Seek(0, io.SeekCurrent)
			arg = off - cur
		case io.SeekEnd:
			arg = off - size
		}
		if pos, err := f.Seek(arg, whence); pos != off || err != nil {
			t.Fatalf("Seek(%d, %d) = %d, %v; want %d", arg, whence, pos, err, off)
		}
		want := content[min(off, size):min(off+int64(n), size)]
		got := make([]byte, n)
		m, _ := io.ReadFull(f, got)
		if !bytes.Equal(got[:m], want) {
			t.Fatalf("Read of %d bytes after Seek to %d: got %d bytes, not the content", n, off, m)
		}
		m, err := f.ReadAt(got, off)
		if !bytes.Equal(got[:m], want) || (m < n) != (err == io.EOF) {
			t.Fatalf("ReadAt(%d bytes, %d) = %d, %v, not the content", n, off, m, err)
		}
	}
	if _, err := f.Seek(-1, io.SeekStart); err == nil {
		t.Errorf("Seek(-1, SeekStart) succeeded; want an error")
	}
	if n, err := f.ReadAt(buf, -1); n != 0 || !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("ReadAt at -1 = %d, %v; want 0, fs.ErrInvalid", n, err)
	}
}

// A tree is safe for concurrent use, and so is one file's ReadAt.
func TestLargeFileConcurrent(t *testing.T) {
	const size = 1 << 20
	fsys := hfstest.Map(t, hfstest.WithLargeFile("f", size, 3), hfstest.WithFile("g", "g"))
	shared := openLarge(t, fsys, "f")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			off := int64(i) * (size / 8)
			got := make([]byte, 4096)
			if _, err := shared.ReadAt(got, off); err != nil || !bytes.Equal(got, reference(3, off, 4096)) {
				t.Errorf("shared ReadAt at %d: %v, or not the content", off, err)
			}
			own, err := fsys.Open("f")
			if err != nil {
				t.Error(err)
				return
			}
			defer own.Close()
			if n, err := io.Copy(io.Discard, own); n != size || err != nil {
				t.Errorf("io.Copy = %d, %v; want %d", n, err, size)
			}
			if _, err := fs.ReadDir(fsys, "."); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}
