package mimetype

import "testing"

// The expected values below are CPython's, from posixpath.splitext,
// urllib.parse._splittype and str.lower.

func TestSplitext(t *testing.T) {
	tests := []struct{ in, root, ext string }{
		{"", "", ""},
		{"a", "a", ""},
		{"a.b", "a", ".b"},
		{"/srv/a.tar.gz", "/srv/a.tar", ".gz"},
		{"/srv/.bashrc", "/srv/.bashrc", ""},
		{".bashrc", ".bashrc", ""},
		{"...", "...", ""},
		{"..a", "..a", ""},
		{"..a.b", "..a", ".b"},
		{"/srv/a.", "/srv/a", "."},
		{"a..", "a.", "."},
		{"/srv/d.d/file", "/srv/d.d/file", ""},
		{"/srv/d.d/", "/srv/d.d/", ""},
		{"a.b/c.d", "a.b/c", ".d"},
		{"/.", "/.", ""},
		{".", ".", ""},
		{"a/.b.c", "a/.b", ".c"},
		{"\xff.\xfe", "\xff", ".\xfe"},
	}
	for _, tt := range tests {
		root, ext := splitext(tt.in)
		if root != tt.root || ext != tt.ext {
			t.Errorf("splitext(%q) = %q, %q; want %q, %q", tt.in, root, ext, tt.root, tt.ext)
		}
	}
}

func TestSplitType(t *testing.T) {
	tests := []struct {
		in, scheme, rest string
		ok               bool
	}{
		{"data:text/css,x", "data", "text/css,x", true},
		{"DATA:x", "data", "x", true},
		{"a:b:c", "a", "b:c", true},
		{"a\nb:c", "a\nb", "c", true},
		{":x", "", ":x", false},
		{"/a:b", "", "/a:b", false},
		{"a/b:c", "", "a/b:c", false},
		{"abc", "", "abc", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		scheme, rest, ok := splitType(tt.in)
		if scheme != tt.scheme || rest != tt.rest || ok != tt.ok {
			t.Errorf("splitType(%q) = %q, %q, %v; want %q, %q, %v",
				tt.in, scheme, rest, ok, tt.scheme, tt.rest, tt.ok)
		}
	}
}
