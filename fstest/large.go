// Large files: content generated from a seed at any offset, never stored.

package fstest

import (
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
)

// A large is the content of a file made by WithLargeFile: size bytes of
// the stream of seed.
type large struct {
	size int64
	seed uint64
}

// reader returns the content, with Read, Seek and ReadAt.
func (l *large) reader() *io.SectionReader {
	return io.NewSectionReader(newStream(l.seed), 0, l.size)
}

// A stream is the endless content of a seed, an io.ReaderAt. Its 8-byte
// word i, little-endian, is the (i+1)-th output of SplitMix64 started at a
// state derived from the seed; word i is computed from i alone, so any
// offset costs the same. This definition is part of the package's promise:
// digests of generated files stay valid from version to version.
type stream struct{ state uint64 }

// golden is SplitMix64's increment, 2^64 divided by the golden ratio.
const golden = 0x9E3779B97F4A7C15

func newStream(seed uint64) stream {
	return stream{state: mix(seed + golden)}
}

// mix is SplitMix64's output function (Steele, Lea, Flood 2014; the
// constants of Java's SplittableRandom).
func mix(z uint64) uint64 {
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// chunkSize is how much fill computes at a time, in a buffer on the stack.
const chunkSize = 1024

// fill writes the chunkSize bytes of words from word on into buf.
//
// The race detector would instrument each of its stores, making a large
// download fifteen times slower under go test -race; buf is always a local
// of ReadAt, and the copy from it into the caller's slice stays
// instrumented.
//
//go:norace
func (s stream) fill(buf *[chunkSize]byte, word uint64) {
	for i := 0; i < chunkSize; i += 8 {
		binary.LittleEndian.PutUint64(buf[i:], mix(s.state+(word+1)*golden))
		word++
	}
}

var errNegativeOffset = errors.New("fstest: negative offset")

// ReadAt fills b with the stream's bytes from off on; it never ends.
func (s stream) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errNegativeOffset
	}
	var buf [chunkSize]byte
	n := 0
	for n < len(b) {
		s.fill(&buf, uint64(off/8))
		c := copy(b[n:], buf[off%8:])
		n += c
		off += int64(c)
	}
	return n, nil
}

// A largeFile is an open large file of an in-memory tree: Read and Seek
// are io.SectionReader's, and so are reading and seeking past the end
// (io.EOF; allowed); ReadAt is too, but for a negative offset, an error.
type largeFile struct {
	*io.SectionReader
	name string
	info largeInfo
}

var (
	_ fs.File     = (*largeFile)(nil)
	_ io.ReaderAt = (*largeFile)(nil)
	_ io.Seeker   = (*largeFile)(nil)
)

func (l *large) open(name string, info fs.FileInfo) *largeFile {
	return &largeFile{l.reader(), name, largeInfo{info, l}}
}

func (f *largeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *largeFile) Close() error               { return nil }

func (f *largeFile) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: fs.ErrInvalid}
	}
	return f.SectionReader.ReadAt(b, off)
}

// A largeInfo is the fs.FileInfo and fs.DirEntry of a large file: the
// MapFS's own, whose size is that of its (empty) Data, with the size put
// right and the MapFile's Sys, the *large itself, hidden.
type largeInfo struct {
	fs.FileInfo
	large *large
}

var (
	_ fs.FileInfo = largeInfo{}
	_ fs.DirEntry = largeInfo{}
)

func (i largeInfo) Size() int64                { return i.large.size }
func (i largeInfo) Sys() any                   { return nil }
func (i largeInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i largeInfo) Info() (fs.FileInfo, error) { return i, nil }
func (i largeInfo) String() string             { return fs.FormatFileInfo(i) }
