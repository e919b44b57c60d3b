//go:build unix

package cgitest_test

import (
	"errors"
	"os"
	"syscall"
	"testing"
)

// checkNoChildren fails the test when, once its cleanups have run, the
// test process has a child: a script that was not reaped, or still runs.
// Like leaktest.Check, it is sound only while no other test runs.
func checkNoChildren(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
		switch {
		case errors.Is(err, syscall.ECHILD):
			// no children at all
		case err != nil:
			t.Errorf("checking for child processes: %v", err)
		case pid == 0:
			t.Errorf("a child process is still running after the test")
		default:
			t.Errorf("child process %d ended but was not reaped (%v)", pid, ws)
		}
	})
}

// signalOf returns the signal that ended a process, if one did.
func signalOf(ps *os.ProcessState) (os.Signal, bool) {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() {
		return nil, false
	}
	return ws.Signal(), true
}

// terminate sends SIGTERM.
func terminate(p *os.Process) error { return p.Signal(syscall.SIGTERM) }

var (
	sigpipe os.Signal = syscall.SIGPIPE
	sigterm os.Signal = syscall.SIGTERM
)
