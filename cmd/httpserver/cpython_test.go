package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"testing"

	"github.com/httpfixture/httpfixture/internal/cpython"
)

// The differential tests give CPython 3.13's own argparse, int() and
// getaddrinfo() the inputs of this package's tables, in one Python process
// per test, and compare its answers with ours.

// findPython returns a CPython 3.13, the CPython the command copies, or
// skips the test saying where it looked (internal/cpython). argparse's
// messages change between versions, so no other version will do.
func findPython(t *testing.T) string {
	t.Helper()
	return cpython.Find(t, "3.13").Path
}

// ourFlagsPython is the body of a parse_args that adds the flags the
// command adds to http.server's (args.go) to the parser, self, before
// parsing: the CPython parsers of the tests get them too. The first three
// are CPython 3.14's, added as its http.server adds them, after -p.
const ourFlagsPython = `
    self.add_argument('--tls-cert', metavar='PATH',
                      help='path to the TLS certificate chain file')
    self.add_argument('--tls-key', metavar='PATH',
                      help='path to the TLS key file')
    self.add_argument('--tls-password-file', metavar='PATH',
                      help='path to the password file for the TLS key')
    self.add_argument('--python', metavar='VERSION', default='3.13',
                      help='produce the bytes of this CPython version: '
                           '3.12, 3.13 or 3.14 (default: %(default)s)')
    self.add_argument('--record', metavar='FILE',
                      help='record every exchange to FILE, as JSON lines when each '
                           'completes or, if FILE ends in .har, as HAR at exit '
                           'with bodies cut at 1 MiB')
`

// tlsChecksPython is what CPython 3.14's __main__ block does with the
// Namespace, ns, right after parse_args(), verbatim but for the names
// (checkTLSArgs in tls.go): it follows a parse_args made of
// ourFlagsPython, and leaves the password read in tls_key_password.
const tlsChecksPython = `
    if not ns.tls_cert and ns.tls_key:
        self.error("--tls-key requires --tls-cert to be set")

    tls_key_password = None
    if ns.tls_password_file:
        if not ns.tls_cert:
            self.error("--tls-password-file requires --tls-cert to be set")

        try:
            with open(ns.tls_password_file, "r", encoding="utf-8") as f:
                tls_key_password = f.read().strip()
        except OSError as e:
            self.error(f"Failed to read TLS password file: {e}")
`

// cpythonScript reads {"mode": ..., "cases": [...]} as JSON on stdin and
// prints a JSON list of results. Arguments travel as base64 and are
// decoded as CPython decodes argv (os.fsdecode, surrogateescape).
const cpythonScript = `
import argparse, base64, contextlib, io, json, os, re, runpy, socket, sys

sys.argv[0] = "httpserver"  # argparse's prog
os.getcwd = lambda: "<cwd>"  # the default of -d; imports use posix.getcwd

real_parse_args = argparse.ArgumentParser.parse_args
def parse_args(self, *a, **k):` + ourFlagsPython + `    ns = real_parse_args(self, *a, **k)` + tlsChecksPython + `
    print(f"cgi={ns.cgi} bind={ns.bind!r} directory={ns.directory!r} "
          f"protocol={ns.protocol!r} tls_cert={ns.tls_cert!r} tls_key={ns.tls_key!r} "
          f"tls_password_file={ns.tls_password_file!r} tls_password={tls_key_password!r} "
          f"python={ns.python!r} record={ns.record!r} port={ns.port}")
    sys.exit(0)
argparse.ArgumentParser.parse_args = parse_args

def command_line(case):
    # http.server's __main__ block up to parse_args(), with COLUMNS set;
    # stderr is written as sys.stderr writes it (backslashreplace).
    if case["columns"] is None:
        os.environ.pop("COLUMNS", None)
    else:
        os.environ["COLUMNS"] = case["columns"]
    sys.argv[1:] = [os.fsdecode(base64.b64decode(a)) for a in case["args"]]
    out, err = io.StringIO(), io.StringIO()
    code = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_module("http.server", run_name="__main__")
        except SystemExit as e:
            code = e.code
    enc = lambda s: s.encode("utf-8", "backslashreplace").decode("utf-8")
    return {"code": code, "stdout": enc(out.getvalue()), "stderr": enc(err.getvalue())}

def py_int(case):
    try:
        return str(int(case))
    except ValueError:
        return None

negative = re.compile(r'^-\d+$|^-\d*\.\d+$')
def looks_negative(case):
    return bool(negative.match(case))

def inet_aton(case):
    try:
        infos = socket.getaddrinfo(case, 0, socket.AF_INET, socket.SOCK_STREAM,
                                   0, socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError):  # UnicodeError: idna, as for "1..2"
        return None
    return infos[0][4][0]

req = json.load(sys.stdin)
run = {"command_line": command_line, "int": py_int, "negative": looks_negative,
       "inet_aton": inet_aton}[req["mode"]]
json.dump([run(c) for c in req["cases"]], sys.stdout)
`

// runCPython sends cases to cpythonScript in mode and decodes its answers
// into results, a pointer to a slice.
func runCPython(t *testing.T, python, mode string, cases, results any) {
	t.Helper()
	in, err := json.Marshal(map[string]any{"mode": mode, "cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-I", "-c", cpythonScript)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", python, mode, err, stderr.String())
	}
	if err := json.Unmarshal(out, results); err != nil {
		t.Fatalf("%s %s: decoding its answer: %v", python, mode, err)
	}
}

// cpythonCase is one run of the command line under CPython.
type cpythonCase struct {
	Args    []string `json:"args"` // base64
	Columns *string  `json:"columns"`
}

// cpythonResult is what CPython's argparse printed and its exit status.
type cpythonResult struct {
	Code   int    `json:"code"`
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
}

func newCPythonCase(columns *string, args []string) cpythonCase {
	c := cpythonCase{Args: []string{}, Columns: columns}
	for _, a := range args {
		c.Args = append(c.Args, base64.StdEncoding.EncodeToString([]byte(a)))
	}
	return c
}

// ourCommandLine is commandLine with a successful parse printed as the
// script prints CPython's Namespace.
func ourCommandLine(columns *string, args []string) cpythonResult {
	getenv := func(string) string { return "" }
	if columns != nil {
		getenv = func(string) string { return *columns }
	}
	width := formatterWidth(columnsFromEnv(getenv, func() int { return 0 }))
	var stdout, stderr bytes.Buffer
	opts, code, ok := commandLine(args, "<cwd>", width, &stdout, &stderr)
	if ok {
		fmt.Fprintf(&stdout, "cgi=%s bind=%s directory=%s protocol=%s tls_cert=%s tls_key=%s tls_password_file=%s tls_password=%s python=%s record=%s port=%s\n",
			pyBool(opts.cgi), pyOptional(opts.bind), pyRepr(opts.directory), pyRepr(opts.protocol),
			pyOptional(opts.tlsCert), pyOptional(opts.tlsKey), pyOptional(opts.tlsPasswordFile), pyOptional(opts.tlsPassword),
			pyRepr(opts.python), pyOptional(opts.record), opts.port)
	}
	return cpythonResult{Code: code, Stdout: stdout.String(), Stderr: stderr.String()}
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func pyOptional(s *string) string {
	if s == nil {
		return "None"
	}
	return pyRepr(*s)
}
