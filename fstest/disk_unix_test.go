//go:build unix

package fstest_test

import (
	"os"
	"syscall"
	"testing"
	"time"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// Modes are set with os.Chmod: the umask does not change them. The umask
// is the process's, so this test must not run in parallel with others.
func TestDirUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	since := time.Now()
	dir := hfstest.Dir(t,
		hfstest.WithFile("a", "a"),
		hfstest.WithFile("b", "b", hfstest.WithMode(0o664)),
		hfstest.WithLargeFile("c", 10, 1, hfstest.WithMode(0o755)),
		hfstest.WithDir("d"))
	checkTree(t, os.DirFS(dir), map[string]node{
		".": dirNode(0o755), "a": fileNode(0o644, "a"), "b": fileNode(0o664, "b"),
		"c": fileNode(0o755, string(reference(1, 0, 10))), "d": dirNode(0o755),
	}, true, since)
}
