package pyurl

import "testing"

// The expected values are CPython 3.13's posixpath.normpath.
func TestNormpath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "."},
		{".", "."},
		{"..", ".."},
		{"/", "/"},
		{"//", "//"},
		{"///", "/"},
		{"////", "/"},
		{"/.", "/"},
		{"/..", "/"},
		{"/../a", "/a"},
		{"a/..", "."},
		{"a/../..", ".."},
		{"../a/../..", "../.."},
		{"/a/./b//../c/", "/a/c"},
		{"//a/b", "//a/b"},
		{"///a/b", "/a/b"},
		{"//..", "//"},
		{"//../a", "//a"},
		{"a//b/./c/", "a/b/c"},
		{"./a", "a"},
		{"a/./", "a"},
		{"../..", "../.."},
		{"a/b/../../..", ".."},
		{"/a/b/../../..", "/"},
		{"...", "..."},
		{"a/.../b", "a/.../b"},
		{"é/../x", "x"},
		{". /..", "."},
		{"a/ ../b", "a/ ../b"},
		{"\xff/./\xfe/..", "\xff"},
		{"a\x00/../b", "b"},
	}
	for _, tt := range tests {
		if got := Normpath(tt.in); got != tt.want {
			t.Errorf("Normpath(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
