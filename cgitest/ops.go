// ops.go is the tree side: the script files, as fstest ops.

package cgitest

import (
	"fmt"
	"os"
	"strings"

	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// executable is os.Executable, the test binary a wrapper starts; a seam
// for tests of the wrapper's quoting.
var executable = os.Executable

// scriptMode is a script file's mode: CGI hosts run executable files only.
const scriptMode = 0o755

// WithScript adds a file at name, mode 0755, that runs the Go script
// registered as script: a ready-made one (EnvDump, Echo, ...) or one of
// Register's. ops set the file's mode and modification time, as for
// hfstest.WithFile; WithMode replaces 0755.
//
// The file's #! line names the test binary, by its absolute path, and the
// script, so the kernel runs the binary with the arguments, environment
// and standard streams the CGI host gave the file, and Main runs the
// script:
//
//	#!/tmp/go-build1234/b001/app.test -cgitest.script=env
//	# cgitest: runs the Go script "env" of the test binary (see cgitest.Main)
//
// When the binary's path has a space or is too long for a #! line, 128
// bytes on older kernels, the file is a #!/bin/sh script that execs the
// binary in the same way; sh may drop environment variables whose names
// are not shell identifiers (dash does), which CPython's CGI variables
// all are.
//
// The file works while the test binary exists, which go test removes when
// the tests are done: a tree with it is for this run's tests.
//
// The op fails, with a message saying what to change, when script is not
// registered, when Main has not been called (TestMain must call it, and
// trees must be made after it, in tests), or when the test binary's path
// cannot be found.
func WithScript(name, script string, ops ...hfstest.Op) hfstest.Op {
	text, err := wrapper(script)
	if err != nil {
		return failing(hfstest.WithMode(0), fmt.Errorf("cgitest.WithScript(%q, %q): %w", name, script, err))
	}
	return hfstest.WithFile(name, text, withScriptMode(ops)...)
}

// WithShell adds a file at name, mode 0755, with Shell(body): a #!/bin/sh
// script. ops set the file's mode and modification time, as for
// hfstest.WithFile; WithMode replaces 0755. For other interpreters, use
// hfstest.WithFile with a #! line of your own and hfstest.WithMode(0o755).
func WithShell(name, body string, ops ...hfstest.Op) hfstest.Op {
	return hfstest.WithFile(name, Shell(body), withScriptMode(ops)...)
}

func withScriptMode(ops []hfstest.Op) []hfstest.Op {
	return append([]hfstest.Op{hfstest.WithMode(scriptMode)}, ops...)
}

// Shell returns a #!/bin/sh script with body, dedented, so that a body
// can be a raw string literal indented with the test's code. As Python's
// textwrap.dedent does, it removes the leading whitespace (spaces and
// tabs) that all non-blank lines share and empties lines of whitespace
// alone; it also drops one newline at the start, and the last line when
// it is whitespace alone, and ends the script with a newline:
//
//	Shell(`
//		printf 'Content-Type: text/plain\n\n'
//		if [ -n "$QUERY_STRING" ]; then
//			echo "$QUERY_STRING"
//		fi
//	`)
//
// returns
//
//	#!/bin/sh
//	printf 'Content-Type: text/plain\n\n'
//	if [ -n "$QUERY_STRING" ]; then
//		echo "$QUERY_STRING"
//	fi
//
// Put it in a testing/fstest.MapFS with Mode 0o755, or use WithShell.
func Shell(body string) string {
	return "#!/bin/sh\n" + dedent(body)
}

// dedent is Shell's body: see Shell.
func dedent(body string) string {
	body = strings.TrimPrefix(body, "\n")
	lines := strings.Split(body, "\n")
	if last := lines[len(lines)-1]; isBlank(last) {
		lines = lines[:len(lines)-1] // the newline before it ends the text
	}
	var prefix string
	first := true
	for _, line := range lines {
		if isBlank(line) {
			continue
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if first {
			prefix, first = indent, false
			continue
		}
		for !strings.HasPrefix(indent, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	var b strings.Builder
	for _, line := range lines {
		if !isBlank(line) {
			b.WriteString(strings.TrimPrefix(line, prefix))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func isBlank(line string) bool { return strings.Trim(line, " \t") == "" }

// maxShebang is the longest #! line, its newline included, that every
// kernel reads whole: Linux before 5.1 reads 128 bytes (BINPRM_BUF_SIZE).
const maxShebang = 128

// wrapper returns the text of the file that runs script.
func wrapper(script string) (string, error) {
	if _, err := lookup(script); err != nil {
		return "", err
	}
	registry.Lock()
	started := registry.started
	registry.Unlock()
	if !started {
		return "", fmt.Errorf("cgitest.Main has not been called, so the test binary would not run the script: call it from TestMain, and make trees in tests")
	}
	exe, err := executable()
	if err != nil {
		return "", fmt.Errorf("finding the test binary to run: %w", err)
	}
	comment := fmt.Sprintf("# cgitest: runs the Go script %q of the test binary (see cgitest.Main)\n", script)
	if line := "#!" + exe + " " + scriptFlag + script + "\n"; len(line) <= maxShebang && !strings.ContainsAny(exe, " \t\n") {
		return line + comment, nil
	}
	// What the kernel does with the #! line above, done by sh.
	return "#!/bin/sh\n" + comment +
		"exec " + shellQuote(exe) + " " + scriptFlag + script + ` "$0" "$@"` + "\n", nil
}

// shellQuote quotes s for sh: in single quotes, each quote in s closing
// the quotes, escaped with a backslash, and opening them again.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// failing returns an op that fails with err. hfstest.Op's parameter type
// is unexported, so the op gets it by inference from op, an hfstest.Op
// whose own behaviour is not used.
func failing[E any](op func(E) error, err error) func(E) error {
	return func(E) error { return err }
}
