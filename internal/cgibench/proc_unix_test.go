//go:build unix

package cgibench_test

import (
	"os"
	"syscall"
)

// pyProcAttr starts CPython in a process group of its own, so that its
// forked children die with it.
func pyProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// killGroup kills the process group p leads.
func killGroup(p *os.Process) { syscall.Kill(-p.Pid, syscall.SIGKILL) }
