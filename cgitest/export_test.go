package cgitest

import "testing"

// SetExecutable makes the script files run path as the test binary until
// the test ends.
func SetExecutable(t testing.TB, path string) {
	old := executable
	executable = func() (string, error) { return path, nil }
	t.Cleanup(func() { executable = old })
}

// SetStarted sets whether Main has started until the test ends.
func SetStarted(t testing.TB, started bool) {
	registry.Lock()
	old := registry.started
	registry.started = started
	registry.Unlock()
	t.Cleanup(func() {
		registry.Lock()
		registry.started = old
		registry.Unlock()
	})
}

// Lookup returns a registered script, to run it in the test's process.
var Lookup = lookup

// AppendDump is EnvDump's body.
var AppendDump = appendDump
