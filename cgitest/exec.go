// exec.go: whether this system can run the scripts at all.

package cgitest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// MustHaveExec skips the test, saying why, when this system cannot run
// the scripts this package makes, as internal/testenv.MustHaveExec does
// for the standard library's tests:
//
//	cgitest: cannot run CGI scripts on linux/amd64: running a #!/bin/sh script in /tmp: fork/exec /tmp/cgitest-probe1234/probe: permission denied
//
// It finds out once per process, by finding the test binary and by
// running a #!/bin/sh script from the temporary directory, where
// t.TempDir and hfstest.Dir make trees: so a system with no processes
// (js/wasm, wasip1), no #!/bin/sh (Windows) or a temporary directory
// mounted noexec is skipped. Call it first in a test that runs scripts.
func MustHaveExec(t testing.TB) {
	t.Helper()
	if err := canExec(); err != nil {
		t.Skipf("cgitest: cannot run CGI scripts on %s/%s: %v", runtime.GOOS, runtime.GOARCH, err)
	}
}

var canExec = sync.OnceValue(func() error {
	if _, err := executable(); err != nil {
		return fmt.Errorf("finding the test binary: %w", err)
	}
	dir, err := os.MkdirTemp("", "cgitest-probe")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	probe := filepath.Join(dir, "probe")
	if err := os.WriteFile(probe, []byte("#!/bin/sh\nexit 0\n"), scriptMode); err != nil {
		return err
	}
	if err := os.Chmod(probe, scriptMode); err != nil { // whatever the umask
		return err
	}
	if err := exec.Command(probe).Run(); err != nil {
		return fmt.Errorf("running a #!/bin/sh script in %s: %w", os.TempDir(), err)
	}
	return nil
})
