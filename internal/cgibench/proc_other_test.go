//go:build !unix

package cgibench_test

import (
	"os"
	"syscall"
)

// pyProcAttr is nil where there are no process groups: CPython is not run.
func pyProcAttr() *syscall.SysProcAttr { return nil }

func killGroup(p *os.Process) { p.Kill() }
