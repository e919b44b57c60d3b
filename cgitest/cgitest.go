// Package cgitest makes CGI scripts for tests: Go functions that run as
// CGI scripts, shell scripts, and ready-made scripts that behave, or
// misbehave, in the ways a CGI host has to handle. A script is a file,
// dropped into a tree built with package fstest (imported as hfstest) like
// any other file, and run by whatever runs CGI scripts: a fixture server
// with WithCGI, CPython's http.server --cgi, net/http/cgi.
//
// A Go script runs in a process of its own, which is the test binary
// started again, as net/http/cgi's tests and testscript's commands do: no
// executable has to be built before the tests run. It takes three steps:
//
//	// A script is registered at init time, so that the script's own
//	// process, which runs no test, knows it too.
//	var hello = cgitest.Register("hello", func(p *cgitest.Process) int {
//		fmt.Fprintf(p.Stdout, "Content-Type: text/plain\n\nhello, %s\n", p.Env["QUERY_STRING"])
//		return 0
//	})
//
//	// TestMain runs the script when the binary was started as one, the
//	// tests otherwise.
//	func TestMain(m *testing.M) { cgitest.Main(m) }
//
//	func TestHello(t *testing.T) {
//		cgitest.MustHaveExec(t)
//		tree := hfstest.Map(t,
//			cgitest.WithScript("cgi-bin/hello", hello),
//			cgitest.WithScript("cgi-bin/env", cgitest.EnvDump),
//			cgitest.WithShell("cgi-bin/date.sh", `
//				printf 'Content-Type: text/plain\n\n'
//				date
//			`),
//		)
//		srv := fixture.New(t, tree, fixture.WithCGI())
//		...
//	}
//
// The file WithScript writes has a #! line that runs the test binary with
// the script's name, so the script gets the host's arguments, environment
// and streams untouched, and Main runs it. The ready-made scripts
// (EnvDump, Echo, Exit, Forever, Hang, NoHeader, Redirect) are registered
// by this package, so every test binary whose TestMain calls Main has
// them; ParseEnv reads what EnvDump writes.
//
// Scripts need a system that starts processes and runs #! files, and
// shell scripts need /bin/sh: MustHaveExec skips a test where they do not
// run (js/wasm, Windows).
package cgitest

// cgitest.go is the script side: the registry of Go scripts, and Main,
// which runs one of them when the test binary is started as a script.

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// scriptFlag, with the script's name, is the first argument of a test
// binary started as a script; the script file's path comes next.
const scriptFlag = "-cgitest.script="

// exitNoScript is Main's status for a name that is not registered: sh's
// for a command that is not found.
const exitNoScript = 127

// A Process is what a Go script is given: its arguments, environment and
// standard streams, those of the process it runs in. Main leaves no field
// nil.
type Process struct {
	// Args are the arguments after the script's path. A CGI host such as
	// CPython passes one, the query with '+' made ' ', when the query has
	// no '=', even when it is empty.
	Args []string

	// Env is the environment, as os.Getenv sees it: the CGI variables
	// (REQUEST_METHOD, QUERY_STRING, CONTENT_LENGTH, ...) and whatever
	// else the host passed. The script may change the map.
	Env map[string]string

	// Stdin is the request body. A host may leave it open after the body
	// (CPython hands the script its socket): read CONTENT_LENGTH bytes.
	Stdin io.Reader

	// Stdout is the response: a header block, a blank line and the body.
	// It is not buffered: what is written is on its way to the host.
	Stdout io.Writer

	// Stderr goes to the host's log.
	Stderr io.Writer
}

// registry holds the scripts by name. Registering closes when Main
// starts, so that the test process and a script's process, which stops
// at Main, know the same scripts.
var registry = struct {
	sync.Mutex
	scripts map[string]func(*Process) int
	started bool // Main was called
}{scripts: map[string]func(*Process) int{}}

// Register makes script the Go script called name, for WithScript, and
// returns name, so that a package-level variable can hold it:
//
//	var hello = cgitest.Register("hello", func(p *cgitest.Process) int { ... })
//
// Register must be called before Main: from a package-level variable's
// initializer, an init function, or TestMain before it calls Main. A
// script's process runs no test, so a script registered by a test would
// not be found there. The script's result is its exit status.
//
// name is letters, digits, '.', '-' and '_'; the names of the ready-made
// scripts (EnvDump, Echo, ...) are taken. Register panics, as it is called
// where no test can be failed, when name is not valid or taken, when
// script is nil, or when Main has started:
//
//	cgitest.Register("hello"): already registered; give each script its own name
func Register(name string, script func(p *Process) int) string {
	if !validName(name) {
		panic(fmt.Sprintf("cgitest.Register(%q): invalid name: want letters, digits, '.', '-' and '_'", name))
	}
	if script == nil {
		panic(fmt.Sprintf("cgitest.Register(%q): nil script", name))
	}
	registry.Lock()
	defer registry.Unlock()
	if registry.started {
		panic(fmt.Sprintf("cgitest.Register(%q): called after Main started; register scripts at init time (a package-level variable or an init function), so that the script's own process, which runs no test, knows them too", name))
	}
	if _, taken := registry.scripts[name]; taken {
		panic(fmt.Sprintf("cgitest.Register(%q): already registered; give each script its own name", name))
	}
	registry.scripts[name] = script
	return name
}

func validName(name string) bool {
	return name != "" && strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") == ""
}

// lookup returns the script called name, or an error that lists the
// registered names.
func lookup(name string) (func(*Process) int, error) {
	registry.Lock()
	defer registry.Unlock()
	if s := registry.scripts[name]; s != nil {
		return s, nil
	}
	var names []string
	for n := range registry.scripts {
		names = append(names, n)
	}
	slices.Sort(names)
	return nil, fmt.Errorf("no script registered as %q (registered: %s); register it at init time with Register", name, strings.Join(names, ", "))
}

// Main is the whole of TestMain for a test binary with Go scripts:
//
//	func TestMain(m *testing.M) { cgitest.Main(m) }
//
// When the process was started as a script, by a file WithScript writes,
// Main runs the script with the process's arguments, environment and
// standard streams, and exits with its status; the tests do not run, and
// the testing flags are not parsed. Otherwise it runs the tests and exits
// with m.Run's status.
//
// A script's process runs what comes before Main in TestMain: to set up
// and tear down around the tests alone, give Main a type whose Run method
// does so and calls m.Run:
//
//	type withDB struct{ m *testing.M }
//
//	func (w withDB) Run() int {
//		stop := startDB()
//		defer stop()
//		return w.m.Run()
//	}
//
//	func TestMain(m *testing.M) { cgitest.Main(withDB{m}) }
//
// A process started as a script has "-cgitest.script=" and the script's
// name as its first argument, then the file's path, then the arguments
// the file was given, which the script gets. A name that is not
// registered ends the process with status 127 and this on stderr:
//
//	cgitest: no script registered as "hello" (registered: echo, env, ...); register it at init time with Register
//
// A test binary whose TestMain does not call Main treats the first
// argument as an unknown flag, and exits with status 2 and its usage.
//
// A script's process exits as soon as the script returns, past the
// runtime's exit hooks, unless GOCOVERDIR is set for the scripts' own
// coverage data: under go test -cover the hooks would write a warning on
// stderr, and under go test -race they would wait a second after status
// 0 for late race reports. Races are still reported on stderr as they are
// found, but do not turn status 0 into 66.
func Main(m interface{ Run() int }) {
	if code, ok := runScript(os.Args, os.Stdin, os.Stdout, os.Stderr); ok {
		exitScript(code)
	}
	os.Exit(m.Run())
}

// exitScript ends a script's process, past the runtime's exit hooks
// unless GOCOVERDIR asks for their coverage data: in a binary built with
// -cover they would otherwise write "warning: GOCOVERDIR not set" on
// stderr, into the host's log; and under the race detector, os.Exit(0)
// waits a second (GORACE's atexit_sleep_ms) for late race reports, which
// a script, started for each request, cannot afford.
func exitScript(code int) {
	if os.Getenv("GOCOVERDIR") != "" {
		os.Exit(code)
	}
	syscall.Exit(code)
}

// runScript runs the script that argv, the process's arguments, names,
// and reports true; or, when argv names none, closes the registry and
// reports false.
func runScript(argv []string, stdin io.Reader, stdout, stderr io.Writer) (int, bool) {
	if len(argv) < 2 || !strings.HasPrefix(argv[1], scriptFlag) {
		registry.Lock()
		registry.started = true
		registry.Unlock()
		return 0, false
	}
	name, args := strings.TrimPrefix(argv[1], scriptFlag), argv[2:]
	if len(args) > 0 {
		args = args[1:] // the script file's path
	}
	script, err := lookup(name)
	if err != nil {
		fmt.Fprintf(stderr, "cgitest: %v\n", err)
		return exitNoScript, true
	}
	return script(&Process{
		Args:   append([]string{}, args...),
		Env:    environ(os.Environ()),
		Stdin:  stdin,
		Stdout: stdout,
		Stderr: stderr,
	}), true
}

// environ makes a map of KEY=VALUE entries in which, as for os.Getenv,
// the first entry of a key wins.
func environ(entries []string) map[string]string {
	env := make(map[string]string, len(entries))
	for _, kv := range entries {
		k, v, _ := strings.Cut(kv, "=")
		if _, dup := env[k]; !dup {
			env[k] = v
		}
	}
	return env
}
