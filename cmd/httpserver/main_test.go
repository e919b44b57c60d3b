package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/httpfixture/httpfixture/internal/pytext"
	"time"

	"github.com/google/go-cmp/cmp"
	"gotest.tools/v3/icmd"
	"gotest.tools/v3/poll"
)

// helpText is `python -m http.server -h` at 80 columns, with prog
// "httpserver".
const helpText = `usage: httpserver [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION]
                  [--tls-cert PATH] [--tls-key PATH]
                  [--tls-password-file PATH] [--python VERSION]
                  [--record FILE]
                  [port]

positional arguments:
  port                  bind to this port (default: 8000)

options:
  -h, --help            show this help message and exit
  --cgi                 run as CGI server
  -b, --bind ADDRESS    bind to this address (default: all interfaces)
  -d, --directory DIRECTORY
                        serve this directory (default: current directory)
  -p, --protocol VERSION
                        conform to this HTTP version (default: HTTP/1.0)
  --tls-cert PATH       path to the TLS certificate chain file
  --tls-key PATH        path to the TLS key file
  --tls-password-file PATH
                        path to the password file for the TLS key
  --python VERSION      produce the bytes of this CPython version: 3.12, 3.13
                        or 3.14 (default: 3.13)
  --record FILE         record every exchange to FILE, as JSON lines when each
                        completes or, if FILE ends in .har, as HAR at exit
                        with bodies cut at 1 MiB
`

// helpText200 is the same at COLUMNS=200, where nothing wraps.
const helpText200 = `usage: httpserver [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [--tls-cert PATH] [--tls-key PATH] [--tls-password-file PATH] [--python VERSION] [--record FILE] [port]

positional arguments:
  port                  bind to this port (default: 8000)

options:
  -h, --help            show this help message and exit
  --cgi                 run as CGI server
  -b, --bind ADDRESS    bind to this address (default: all interfaces)
  -d, --directory DIRECTORY
                        serve this directory (default: current directory)
  -p, --protocol VERSION
                        conform to this HTTP version (default: HTTP/1.0)
  --tls-cert PATH       path to the TLS certificate chain file
  --tls-key PATH        path to the TLS key file
  --tls-password-file PATH
                        path to the password file for the TLS key
  --python VERSION      produce the bytes of this CPython version: 3.12, 3.13 or 3.14 (default: 3.13)
  --record FILE         record every exchange to FILE, as JSON lines when each completes or, if FILE ends in .har, as HAR at exit with bodies cut at 1 MiB
`

// helpText40 is the same at COLUMNS=40.
const helpText40 = `usage: httpserver [-h] [--cgi]
                  [-b ADDRESS]
                  [-d DIRECTORY]
                  [-p VERSION]
                  [--tls-cert PATH]
                  [--tls-key PATH]
                  [--tls-password-file PATH]
                  [--python VERSION]
                  [--record FILE]
                  [port]

positional arguments:
  port            bind to this port
                  (default: 8000)

options:
  -h, --help      show this help
                  message and exit
  --cgi           run as CGI server
  -b, --bind ADDRESS
                  bind to this address
                  (default: all
                  interfaces)
  -d, --directory DIRECTORY
                  serve this directory
                  (default: current
                  directory)
  -p, --protocol VERSION
                  conform to this HTTP
                  version (default:
                  HTTP/1.0)
  --tls-cert PATH
                  path to the TLS
                  certificate chain
                  file
  --tls-key PATH  path to the TLS key
                  file
  --tls-password-file PATH
                  path to the password
                  file for the TLS key
  --python VERSION
                  produce the bytes of
                  this CPython
                  version: 3.12, 3.13
                  or 3.14 (default:
                  3.13)
  --record FILE   record every
                  exchange to FILE, as
                  JSON lines when each
                  completes or, if
                  FILE ends in .har,
                  as HAR at exit with
                  bodies cut at 1 MiB
`

const usageLine = "usage: httpserver [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION]\n" +
	"                  [--tls-cert PATH] [--tls-key PATH]\n" +
	"                  [--tls-password-file PATH] [--python VERSION]\n" +
	"                  [--record FILE]\n" +
	"                  [port]\n"

// envWith is a getenv that knows only COLUMNS; "" leaves it unset.
func envWith(columns string) func(string) string {
	return func(key string) string {
		if key == "COLUMNS" {
			return columns
		}
		return ""
	}
}

// runMain runs Main to its end on a command line that does not serve.
func runMain(t *testing.T, columns string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Main(args, envWith(columns), &out, &errb, nil) }()
	select {
	case code = <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("Main(%q) did not return; it may be serving", args)
	}
	return out.String(), errb.String(), code
}

func TestHelp(t *testing.T) {
	tests := []struct {
		columns string
		args    []string
		want    string
	}{
		{"", []string{"-h"}, helpText},
		{"", []string{"--help"}, helpText},
		{"", []string{"--he"}, helpText},
		{"", []string{"-hx"}, helpText},              // -h, then -x is an extra never reported
		{"", []string{"-h", "--foo"}, helpText},      // -h acts before extras are reported
		{"", []string{"--foo", "-h"}, helpText},      // and after them
		{"", []string{"--cgi", "-h", "1"}, helpText}, // the port after it is never read
		{"80", []string{"-h"}, helpText},
		{"200", []string{"-h"}, helpText200},
		{"abc", []string{"-h"}, helpText}, // not an int: the terminal, here none: 80
		{"40", []string{"-h"}, helpText40},
		{" 4_0\n", []string{"-h"}, helpText40}, // COLUMNS is read with int()
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("COLUMNS=%q %q", tt.columns, tt.args), func(t *testing.T) {
			stdout, stderr, code := runMain(t, tt.columns, tt.args...)
			if code != 0 || stderr != "" {
				t.Errorf("Main(%q) = %d, stderr %q; want 0 and none", tt.args, code, stderr)
			}
			if diff := cmp.Diff(tt.want, stdout); diff != "" {
				t.Errorf("Main(%q) stdout (-want +got):\n%s", tt.args, diff)
			}
		})
	}
}

// usageErrors are command lines argparse refuses, with its message.
var usageErrors = []struct {
	args []string
	msg  string
}{
	{[]string{"abc"}, "argument port: invalid int value: 'abc'"},
	{[]string{"0x10"}, "argument port: invalid int value: '0x10'"},
	{[]string{"1.0"}, "argument port: invalid int value: '1.0'"},
	{[]string{"1__0"}, "argument port: invalid int value: '1__0'"},
	{[]string{"_1"}, "argument port: invalid int value: '_1'"},
	{[]string{"-1.5"}, "argument port: invalid int value: '-1.5'"},
	{[]string{"-"}, "argument port: invalid int value: '-'"},
	{[]string{""}, "argument port: invalid int value: ''"},
	{[]string{"it's"}, `argument port: invalid int value: "it's"`},
	{[]string{"\xff"}, `argument port: invalid int value: '\udcff'`},
	{[]string{"--", "--"}, "argument port: invalid int value: '--'"},
	{[]string{"--", "-h"}, "argument port: invalid int value: '-h'"},
	{[]string{"abc", "-h"}, "argument port: invalid int value: 'abc'"}, // the port is taken first
	{[]string{"abc", "--foo"}, "argument port: invalid int value: 'abc'"},
	{[]string{"--foo"}, "unrecognized arguments: --foo"},
	{[]string{"-x"}, "unrecognized arguments: -x"},
	{[]string{"-cgi"}, "unrecognized arguments: -cgi"},
	{[]string{"---x"}, "unrecognized arguments: ---x"},
	{[]string{"-1=2"}, "unrecognized arguments: -1=2"},
	{[]string{"-1\t"}, "unrecognized arguments: -1\t"},
	{[]string{"--\xff"}, `unrecognized arguments: --\udcff`},
	{[]string{"1", "2"}, "unrecognized arguments: 2"},
	{[]string{"1", "2", "3"}, "unrecognized arguments: 2 3"},
	{[]string{"-5", "6"}, "unrecognized arguments: 6"},
	{[]string{"5", "--cgi", "6"}, "unrecognized arguments: 6"},
	{[]string{"-bx", "--", "5", "6"}, "unrecognized arguments: 6"},
	{[]string{"--foo", "1", "--bar"}, "unrecognized arguments: --foo --bar"},
	{[]string{"-b"}, "argument -b/--bind: expected one argument"},
	{[]string{"--bind"}, "argument -b/--bind: expected one argument"},
	{[]string{"--b"}, "argument -b/--bind: expected one argument"},
	{[]string{"-b", "--"}, "argument -b/--bind: expected one argument"},
	{[]string{"-b", "-x"}, "argument -b/--bind: expected one argument"},
	{[]string{"-b", "--cgi"}, "argument -b/--bind: expected one argument"},
	{[]string{"-hb"}, "argument -b/--bind: expected one argument"}, // before -h acts
	{[]string{"-d"}, "argument -d/--directory: expected one argument"},
	{[]string{"--dir"}, "argument -d/--directory: expected one argument"},
	{[]string{"-p"}, "argument -p/--protocol: expected one argument"},
	{[]string{"--p"}, "ambiguous option: --p could match --protocol, --python"},
	{[]string{"--pr"}, "argument -p/--protocol: expected one argument"},
	{[]string{"--py"}, "argument --python: expected one argument"},
	{[]string{"--pr"}, "argument -p/--protocol: expected one argument"},
	{[]string{"--record"}, "argument --record: expected one argument"},
	{[]string{"--rec", "--cgi"}, "argument --record: expected one argument"},
	{[]string{"--record", "a", "1", "2"}, "unrecognized arguments: 2"},
	{[]string{"--cgi=1"}, "argument --cgi: ignored explicit argument '1'"},
	{[]string{"--c="}, "argument --cgi: ignored explicit argument ''"},
	{[]string{"--help=x"}, "argument -h/--help: ignored explicit argument 'x'"},
	{[]string{"-h=x"}, "argument -h/--help: ignored explicit argument 'x'"},
	{[]string{"-h-x"}, "argument -h/--help: ignored explicit argument '-x'"},
	{[]string{"--=x"}, "ambiguous option: --=x could match --help, --cgi, --bind, --directory, --protocol, --tls-cert, --tls-key, --tls-password-file, --python, --record"},
	{[]string{"abc", "--="}, "ambiguous option: --= could match --help, --cgi, --bind, --directory, --protocol, --tls-cert, --tls-key, --tls-password-file, --python, --record"},
	{[]string{"--t"}, "ambiguous option: --t could match --tls-cert, --tls-key, --tls-password-file"},
	{[]string{"--tls", "c"}, "ambiguous option: --tls could match --tls-cert, --tls-key, --tls-password-file"},
	{[]string{"--tls-"}, "ambiguous option: --tls- could match --tls-cert, --tls-key, --tls-password-file"},
	{[]string{"--tls-cert"}, "argument --tls-cert: expected one argument"},
	{[]string{"--tls-c"}, "argument --tls-cert: expected one argument"},
	{[]string{"--tls-k", "--cgi"}, "argument --tls-key: expected one argument"},
	{[]string{"--tls-p"}, "argument --tls-password-file: expected one argument"},
	{[]string{"--tls-key", "k.pem"}, "--tls-key requires --tls-cert to be set"},
	{[]string{"--tls-cert", "", "--tls-key", "k.pem"}, "--tls-key requires --tls-cert to be set"},
	{[]string{"--tls-password-file", "pw"}, "--tls-password-file requires --tls-cert to be set"},
	{[]string{"--tls-key", "k", "--tls-password-file", "pw"}, "--tls-key requires --tls-cert to be set"},
	{[]string{"--tls-cert", "c", "--tls-password-file", "/nonexistent/pw"}, "Failed to read TLS password file: [Errno 2] No such file or directory: '/nonexistent/pw'"},
	{[]string{"--tls-cert", "c", "--tls-password-file", "/"}, "Failed to read TLS password file: [Errno 21] Is a directory: '/'"},
	{[]string{"--tls-cert", "c", "--tls-password-file", "/etc/passwd/x"}, "Failed to read TLS password file: [Errno 20] Not a directory: '/etc/passwd/x'"},
	{[]string{"--tls-cert", "c", "--tls-password-file", "/nonexistent/it's\xff"}, `Failed to read TLS password file: [Errno 2] No such file or directory: "/nonexistent/it's\udcff"`},
	{[]string{"--tls-cert", "c", "--tls-key"}, "argument --tls-key: expected one argument"},
	{[]string{strings.Repeat("1", pytext.MaxStrDigits+1)}, "argument port: invalid int value: '" + strings.Repeat("1", pytext.MaxStrDigits+1) + "'"},
}

func TestUsageErrors(t *testing.T) {
	for _, tt := range usageErrors {
		t.Run(fmt.Sprintf("%q", tt.args), func(t *testing.T) {
			stdout, stderr, code := runMain(t, "", tt.args...)
			want := usageLine + "httpserver: error: " + tt.msg + "\n"
			if code != 2 || stdout != "" {
				t.Errorf("Main(%q) = %d, stdout %q; want 2 and none", tt.args, code, stdout)
			}
			if diff := cmp.Diff(want, stderr); diff != "" {
				t.Errorf("Main(%q) stderr (-want +got):\n%s", tt.args, diff)
			}
		})
	}
}

func TestUsageErrorWraps(t *testing.T) {
	_, stderr, code := runMain(t, "30", "--foo")
	want := "usage: httpserver [-h]\n" +
		"                  [--cgi]\n" +
		"                  [-b ADDRESS]\n" +
		"                  [-d DIRECTORY]\n" +
		"                  [-p VERSION]\n" +
		"                  [--tls-cert PATH]\n" +
		"                  [--tls-key PATH]\n" +
		"                  [--tls-password-file PATH]\n" +
		"                  [--python VERSION]\n" +
		"                  [--record FILE]\n" +
		"                  [port]\n" +
		"httpserver: error: unrecognized arguments: --foo\n"
	if code != 2 || stderr != want {
		t.Errorf("COLUMNS=30 Main(--foo) = %d, stderr:\n%s\nwant 2 and:\n%s", code, stderr, want)
	}
}

// ns is the Namespace line of a parse, as the CPython script prints it:
// the defaults, with fields given as "name=repr" replaced.
func ns(fields ...string) string {
	v := map[string]string{"cgi": "False", "bind": "None", "directory": "'<cwd>'", "protocol": "'HTTP/1.0'",
		"tls_cert": "None", "tls_key": "None", "tls_password_file": "None", "tls_password": "None",
		"python": "'3.13'", "record": "None", "port": "8000"}
	for _, f := range fields {
		name, repr, _ := strings.Cut(f, "=")
		v[name] = repr
	}
	return fmt.Sprintf("cgi=%s bind=%s directory=%s protocol=%s tls_cert=%s tls_key=%s tls_password_file=%s tls_password=%s python=%s record=%s port=%s\n",
		v["cgi"], v["bind"], v["directory"], v["protocol"], v["tls_cert"], v["tls_key"], v["tls_password_file"], v["tls_password"],
		v["python"], v["record"], v["port"])
}

// parses are command lines argparse accepts, with the Namespace.
var parses = []struct {
	args []string
	want string
}{
	{nil, ns()},
	{[]string{"8080"}, ns("port=8080")},
	{[]string{"0"}, ns("port=0")},
	{[]string{" 80"}, ns("port=80")},
	{[]string{"80\n"}, ns("port=80")},
	{[]string{"+80"}, ns("port=80")},
	{[]string{"0080"}, ns("port=80")},
	{[]string{"1_000"}, ns("port=1000")},
	{[]string{"٨٠"}, ns("port=80")},
	{[]string{"\u00a080\u3000"}, ns("port=80")},
	{[]string{"-1"}, ns("port=-1")},  // a negative number is a positional
	{[]string{"-1 "}, ns("port=-1")}, // and so is anything with a space
	{[]string{"-1\n"}, ns("port=-1")},
	{[]string{"-٨٠"}, ns("port=-80")},
	{[]string{"99999999999999999999"}, ns("port=99999999999999999999")},
	{[]string{"--"}, ns()},
	{[]string{"--", "5"}, ns("port=5")},
	{[]string{"--", "-5"}, ns("port=-5")},
	{[]string{"5", "--"}, ns("port=5")},
	{[]string{"--cgi"}, ns("cgi=True")},
	{[]string{"--c"}, ns("cgi=True")},
	{[]string{"--cgi", "--cgi", "5"}, ns("cgi=True", "port=5")},
	{[]string{"5", "--cgi"}, ns("cgi=True", "port=5")},
	{[]string{"--cgi", "--", "5"}, ns("cgi=True", "port=5")},
	{[]string{"-b", "127.0.0.1"}, ns("bind='127.0.0.1'")},
	{[]string{"--bind", "::1"}, ns("bind='::1'")},
	{[]string{"--bind=x"}, ns("bind='x'")},
	{[]string{"--bi=x"}, ns("bind='x'")},
	{[]string{"--bind="}, ns("bind=''")},
	{[]string{"-bx"}, ns("bind='x'")},
	{[]string{"-b=x"}, ns("bind='x'")},
	{[]string{"-b=x=y"}, ns("bind='x=y'")},
	{[]string{"-bind"}, ns("bind='ind'")},
	{[]string{"-b", ""}, ns("bind=''")},
	{[]string{"-b", "-5"}, ns("bind='-5'")},
	{[]string{"-b", "-x y"}, ns("bind='-x y'")},
	{[]string{"-b", "a", "-b", "b"}, ns("bind='b'")},
	{[]string{"-b", "\xff"}, ns(`bind='\udcff'`)},
	{[]string{"-d", "/srv"}, ns("directory='/srv'")},
	{[]string{"--dir", "d"}, ns("directory='d'")},
	{[]string{"--d=d"}, ns("directory='d'")},
	{[]string{"-p", "HTTP/1.1"}, ns("protocol='HTTP/1.1'")},
	{[]string{"--prot", "HTTP/1.1"}, ns("protocol='HTTP/1.1'")},
	{[]string{"-pHTTP/1.1"}, ns("protocol='HTTP/1.1'")},
	{[]string{"-p", `it's "x"`}, ns(`protocol='it\'s "x"'`)},
	{[]string{"-d", "x", "-p", "y", "-b", "z", "--cgi", "7"}, ns("cgi=True", "bind='z'", "directory='x'", "protocol='y'", "port=7")},
	{[]string{"--record", "out.jsonl"}, ns("record='out.jsonl'")},
	{[]string{"--rec=out.har", "80"}, ns("record='out.har'", "port=80")},
	{[]string{"--r", "-"}, ns("record='-'")},
	{[]string{"--record", ""}, ns("record=''")},
	{[]string{"--record", "-5", "6"}, ns("record='-5'", "port=6")},
	{[]string{"--record", "a", "--record", "b"}, ns("record='b'")},
	{[]string{"--tls-cert", "c.pem"}, ns("tls_cert='c.pem'")},
	{[]string{"--tls-c=c.pem", "--tls-k", "k.pem", "443"}, ns("tls_cert='c.pem'", "tls_key='k.pem'", "port=443")},
	{[]string{"--tls-cert", "c", "--tls-key", ""}, ns("tls_cert='c'", "tls_key=''")},
	{[]string{"--tls-key", ""}, ns("tls_key=''")},                     // '' is false: no check
	{[]string{"--tls-password-file", ""}, ns("tls_password_file=''")}, // nor here
	{[]string{"--tls-cert", "", "--tls-password-file", ""}, ns("tls_cert=''", "tls_password_file=''")},
	{[]string{"--tls-cert", "-5"}, ns("tls_cert='-5'")},
}

func TestParse(t *testing.T) {
	for _, tt := range parses {
		t.Run(fmt.Sprintf("%q", tt.args), func(t *testing.T) {
			got := ourCommandLine(nil, tt.args)
			want := cpythonResult{Stdout: tt.want}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("commandLine(%q) (-want +got):\n%s", tt.args, diff)
			}
		})
	}
}

// moreCommandLines are further corners, checked against CPython only.
var moreCommandLines = [][]string{
	{"-h"}, {"--help"}, {"--he"}, {"-hx"}, {"-hh"}, {"-hb=x"}, {"-hbx"}, {"--cgi", "-hx"},
	{"-h", "abc"}, {"--foo", "-h"}, {"--=", "-h"}, {"-bx", "-h"},
	{"-b", "-h"}, {"-b", "-h", "x"}, {"-b", "--", "x"}, {"--bind", "--", "x"},
	{"--protocol", "--", "80"}, {"--pro", "HTTP/1.1", "--", "80"}, {"-b", "x", "--", "-b"},
	{"--cgi", "--", "--cgi"}, {"--", "--", "5"}, {"5", "--", "6"}, {"--", "5", "6"},
	{"-.5"}, {"-5."}, {"-1\n\n"}, {"-٨.٠"}, {"-𝟠𝟘"}, {"𝟠𝟘"}, {"\x1c80"}, {"\x8580"}, {"12e3"}, {"1_"},
	{"é"}, {"-é"}, {"--é"}, {"-\xff"}, {"-b\xff"}, {"--b=\xff"}, {"\xef\xbf\xbd"}, {"--cg\xff"},
	{"-p", "\\"}, {"-p", "tab\there"}, {"-p", "a\"b'c"}, {"-p", "\x00x"}, {"-p", "\u200b"}, {"-d", "\u00e9\u0301"},
	{"-=x"}, {"-b x"}, {"--b x"}, {"-x y"}, {"- 1"}, {"--bind", "", "--dir", ""},
	{"-99999999999999999999"}, {strings.Repeat("1", pytext.MaxStrDigits)}, {strings.Repeat("1_", 10) + "1"},
	{"--directory"}, {"--directory=", "8"}, {"-d="}, {"-p=", "1"}, {"--proto=HTTP/1.1", "--cgi=", "5"},
}

// TestCommandLineMatchesCPython runs every command line of the tables
// through CPython's argparse, with prog "httpserver", and through ours.
func TestCommandLineMatchesCPython(t *testing.T) {
	python := findPython(t)
	var all [][]string
	for _, tt := range usageErrors {
		all = append(all, tt.args)
	}
	for _, tt := range parses {
		all = append(all, tt.args)
	}
	all = append(all, moreCommandLines...)
	var cases []cpythonCase
	for _, args := range all {
		cases = append(cases, newCPythonCase(nil, args))
	}
	var want []cpythonResult
	runCPython(t, python, "command_line", cases, &want)
	for i, args := range all {
		if diff := cmp.Diff(want[i], ourCommandLine(nil, args)); diff != "" {
			t.Errorf("command line %q (-cpython +ours):\n%s", args, diff)
		}
	}
}

// TestWidthsMatchCPython lays out help and usage errors at every width
// from 1 to 100 columns, and for COLUMNS values that are not plain
// numbers, as CPython does.
func TestWidthsMatchCPython(t *testing.T) {
	python := findPython(t)
	var columns []*string
	columns = append(columns, nil)
	for _, c := range []string{"", "0", "-5", "abc", " 60 ", "6_0", "٦٠", "1e2", "99999999999999999999"} {
		columns = append(columns, &c)
	}
	for n := 1; n <= 100; n++ {
		c := fmt.Sprint(n)
		columns = append(columns, &c)
	}
	var cases []cpythonCase
	for _, c := range columns {
		for _, args := range [][]string{{"-h"}, {"--foo"}} {
			cases = append(cases, newCPythonCase(c, args))
		}
	}
	var want []cpythonResult
	runCPython(t, python, "command_line", cases, &want)
	i := 0
	for _, c := range columns {
		for _, args := range [][]string{{"-h"}, {"--foo"}} {
			if diff := cmp.Diff(want[i], ourCommandLine(c, args)); diff != "" {
				t.Errorf("COLUMNS=%s %q (-cpython +ours):\n%s", showColumns(c), args, diff)
			}
			i++
		}
	}
}

func showColumns(c *string) string {
	if c == nil {
		return "(unset)"
	}
	return fmt.Sprintf("%q", *c)
}

// withOurFlags runs http.server's command line with the flags ours adds,
// so that the rest can be compared as it is.
const withOurFlags = `
import argparse, runpy, sys
real = argparse.ArgumentParser.parse_args
def parse_args(self, *a, **k):` + ourFlagsPython + `    ns = real(self, *a, **k)` + tlsChecksPython + `
    return ns
argparse.ArgumentParser.parse_args = parse_args
sys.argv[0] = 'httpserver'
runpy.run_module('http.server', run_name='__main__')
`

// TestUsageMatchesServerPy runs `python -m http.server` itself on bad
// command lines and compares its stderr, with "server.py" replaced by
// "httpserver", and its exit status with ours. At 80 columns the names'
// lengths make no difference to the layout.
func TestUsageMatchesServerPy(t *testing.T) {
	python := findPython(t)
	for _, args := range [][]string{
		{"abc"}, {"--foo"}, {"-b"}, {"1", "2"}, {"--=x"}, {"--cgi=1"}, {"-h"}, {"--record"},
		{"--tls-key", "k"}, {"--tls-password-file", "pw"}, {"--tls-cert", "c", "--tls-password-file", "/nonexistent"},
	} {
		t.Run(fmt.Sprintf("%q", args), func(t *testing.T) {
			res := icmd.RunCmd(icmd.Cmd{
				Command: append([]string{python, "-I", "-c", withOurFlags}, args...),
				Env:     []string{"COLUMNS=80"},
				Timeout: 20 * time.Second,
			})
			stdout, stderr, code := runMain(t, "80", args...)
			if code != res.ExitCode {
				t.Errorf("exit status %d; CPython's %d", code, res.ExitCode)
			}
			py := strings.ReplaceAll(res.Stderr(), "server.py", "httpserver")
			if diff := cmp.Diff(py, stderr); diff != "" {
				t.Errorf("stderr (-cpython +ours):\n%s", diff)
			}
			py = strings.ReplaceAll(res.Stdout(), "server.py", "httpserver")
			if diff := cmp.Diff(py, stdout); diff != "" {
				t.Errorf("stdout (-cpython +ours):\n%s", diff)
			}
		})
	}
}

func TestStartFailures(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, busyPort, _ := net.SplitHostPort(busy.Addr().String())
	tests := []struct {
		args []string
		want string // stderr, or its start when it ends in "..."
	}{
		{[]string{"65536"}, "httpserver: port 65536: out of range, a TCP port is 0 to 65535\n"},
		{[]string{"-1"}, "httpserver: port -1: out of range, a TCP port is 0 to 65535\n"},
		{[]string{"1" + strings.Repeat("0", 99)}, "httpserver: port 1" + strings.Repeat("0", 79) + "...: out of range, a TCP port is 0 to 65535\n"},
		{[]string{"-p", "", "0"}, "httpserver: -p \"\": the protocol version is empty\n"},
		{[]string{"-p", "HTTP/1.1 x", "0"}, "httpserver: -p \"HTTP/1.1 x\": the protocol version holds a space; give one word such as \"HTTP/1.1\"\n"},
		{[]string{"-b", "", "0"}, "httpserver: -b \"\": ..."},
		{[]string{"-b", "127.0.0.1", busyPort}, "httpserver: listen on 127.0.0.1:" + busyPort + ": ..."},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.args), func(t *testing.T) {
			stdout, stderr, code := runMain(t, "", tt.args...)
			if code != 1 || stdout != "" {
				t.Errorf("Main(%q) = %d, stdout %q; want 1 and none", tt.args, code, stdout)
			}
			prefix, cut := strings.CutSuffix(tt.want, "...")
			if cut && !strings.HasPrefix(stderr, prefix) || !cut && stderr != tt.want {
				t.Errorf("Main(%q) stderr = %q; want %q", tt.args, stderr, tt.want)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer that Main's goroutines and the test may
// use at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// servingLine is test()'s announcement, HTTP or HTTPS (tls_test.go
// checks which); the groups are the host, the port, the URL's host and
// the URL's port.
var servingLine = regexp.MustCompile(`^Serving HTTPS? on (\S+) port (\d+) \(https?://(\S+):(\d+)/\) \.\.\.\n`)

// serving is Main running in the background.
type serving struct {
	stdout, stderr syncBuffer
	signals        chan os.Signal
	exit           chan int
	host, port     string
}

// startServing runs Main with args and waits for its "Serving HTTP" line,
// whose format it checks. The server is stopped when the test ends, if
// the test has not stopped it.
func startServing(t *testing.T, args ...string) *serving {
	t.Helper()
	s := &serving{signals: make(chan os.Signal, 1), exit: make(chan int, 1)}
	go func() { s.exit <- Main(args, envWith(""), &s.stdout, &s.stderr, s.signals) }()
	t.Cleanup(func() {
		select {
		case s.signals <- syscall.SIGINT:
		default:
		}
		select {
		case <-s.exit:
		case <-time.After(10 * time.Second):
			t.Errorf("Main(%q) did not return after SIGINT", args)
		}
	})
	var m []string
	poll.WaitOn(t, func(poll.LogT) poll.Result {
		select {
		case code := <-s.exit:
			s.exit <- code
			return poll.Error(fmt.Errorf("Main(%q) = %d before serving; stderr: %s", args, code, s.stderr.String()))
		default:
		}
		if m = servingLine.FindStringSubmatch(s.stdout.String()); m == nil {
			return poll.Continue("no Serving line yet: stdout %q", s.stdout.String())
		}
		return poll.Success()
	}, poll.WithTimeout(10*time.Second))
	s.host, s.port = m[1], m[2]
	wantURLHost := s.host
	if strings.Contains(s.host, ":") {
		wantURLHost = "[" + s.host + "]"
	}
	if m[3] != wantURLHost || m[4] != s.port || s.port == "0" {
		t.Errorf("Main(%q) printed %q: the URL does not match the host and port, or the port is 0", args, m[0])
	}
	return s
}

// stop sends sig and returns Main's exit status.
func (s *serving) stop(t *testing.T, sig os.Signal) int {
	t.Helper()
	s.signals <- sig
	select {
	case code := <-s.exit:
		s.exit <- code // for the cleanup
		return code
	case <-time.After(10 * time.Second):
		t.Fatalf("Main did not return after %v", sig)
		return 0
	}
}

// get sends a raw HTTP/1.0 request for / to host and the server's port,
// and returns the response.
func get(t *testing.T, host, port string) string {
	t.Helper()
	return send(t, host, port, "GET / HTTP/1.0\r\n\r\n")
}

// send sends request to host and the server's port on a connection of its
// own, and returns the response, read until the server closes.
func send(t *testing.T, host, port, request string) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", net.JoinHostPort(host, port), 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s port %s: %v", host, port, err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, request); err != nil {
		t.Fatal(err)
	}
	resp, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("reading the response from %s port %s: %v", host, port, err)
	}
	return string(resp)
}

// checkResponse checks that resp is an HTTP/1.0 response from the
// command's handler.
func checkResponse(t *testing.T, resp string) {
	t.Helper()
	head, _, _ := strings.Cut(resp, "\r\n\r\n")
	if !strings.HasPrefix(head, "HTTP/1.0 ") || !strings.Contains(head, "\r\nServer: SimpleHTTP/0.6 ") {
		t.Errorf("response head %q: want an HTTP/1.0 status line and \"Server: SimpleHTTP/0.6 ...\"", head)
	}
}

func hasIPv6(t *testing.T) bool {
	t.Helper()
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

func TestServe(t *testing.T) {
	for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			s := startServing(t, "-b", "127.0.0.1", "0")
			if s.host != "127.0.0.1" {
				t.Errorf("serving on %s; want 127.0.0.1", s.host)
			}
			checkResponse(t, get(t, "127.0.0.1", s.port))
			if code := s.stop(t, sig); code != 0 {
				t.Errorf("Main after %v = %d; want 0", sig, code)
			}
			want := fmt.Sprintf("Serving HTTP on 127.0.0.1 port %s (http://127.0.0.1:%s/) ...\n\nKeyboard interrupt received, exiting.\n", s.port, s.port)
			if got := s.stdout.String(); got != want {
				t.Errorf("stdout = %q; want %q", got, want)
			}
			if log := s.stderr.String(); !strings.Contains(log, `"GET / HTTP/1.0" `) {
				t.Errorf("stderr = %q; want the request's log line", log)
			}
		})
	}
}

// TestServeAllInterfaces serves without -b: one socket for IPv6 and IPv4,
// announced as "::".
func TestServeAllInterfaces(t *testing.T) {
	s := startServing(t, "0")
	if !hasIPv6(t) {
		if s.host != "0.0.0.0" {
			t.Errorf("serving on %s; want 0.0.0.0 on a host without IPv6", s.host)
		}
		checkResponse(t, get(t, "127.0.0.1", s.port))
		return
	}
	if s.host != "::" {
		t.Errorf("serving on %s; want ::", s.host)
	}
	checkResponse(t, get(t, "127.0.0.1", s.port))
	checkResponse(t, get(t, "::1", s.port))
}

func TestServeBind(t *testing.T) {
	tests := []struct {
		bind, host, dial string
		ipv6             bool
	}{
		{"127.0.0.1", "127.0.0.1", "127.0.0.1", false},
		{"127.1", "127.0.0.1", "127.0.0.1", false}, // inet_aton's short form
		{"0x7f.0.0.1", "127.0.0.1", "127.0.0.1", false},
		{"2130706433", "127.0.0.1", "127.0.0.1", false},
		{"0.0.0.0", "0.0.0.0", "127.0.0.1", false},
		{"::1", "::1", "::1", true},
		{"0:0::1", "::1", "::1", true},
		{"::", "::", "::1", true},
		{"::ffff:127.0.0.1", "::ffff:127.0.0.1", "127.0.0.1", true},
	}
	for _, tt := range tests {
		t.Run(tt.bind, func(t *testing.T) {
			if tt.ipv6 && !hasIPv6(t) {
				t.Skip("httpserver: no IPv6 loopback here")
			}
			s := startServing(t, "-b", tt.bind, "0")
			if s.host != tt.host {
				t.Errorf("-b %s: serving on %s; want %s", tt.bind, s.host, tt.host)
			}
			checkResponse(t, get(t, tt.dial, s.port))
		})
	}
}

// TestServeBindName binds to a name: its first address, printed as an
// address.
func TestServeBindName(t *testing.T) {
	s := startServing(t, "-b", "localhost", "0")
	if ip := net.ParseIP(s.host); ip == nil || !ip.IsLoopback() {
		t.Fatalf("-b localhost: serving on %s; want a loopback address", s.host)
	}
	checkResponse(t, get(t, s.host, s.port))
}

// TestServeProtocol checks that -p reaches the server: an HTTP/1.1 server
// answers an HTTP/1.0 request with an HTTP/1.1 status line.
func TestServeProtocol(t *testing.T) {
	s := startServing(t, "-b", "127.0.0.1", "-p", "HTTP/1.1", "--cgi", "-d", t.TempDir(), "0")
	resp := get(t, "127.0.0.1", s.port)
	if !strings.HasPrefix(resp, "HTTP/1.1 ") {
		t.Errorf("-p HTTP/1.1: response %q; want an HTTP/1.1 status line", firstLine(resp))
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// buildCommand builds the command for a test that runs it as a process
// and sends it signals, or skips the test where that cannot be done.
func buildCommand(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("httpserver: -short: not building the command")
	}
	if runtime.GOOS == "windows" {
		t.Skip("httpserver: SIGINT and SIGTERM cannot be sent to a process on Windows")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("httpserver: no go command to build with: %v", err)
	}
	exe := filepath.Join(t.TempDir(), "httpserver")
	if out, err := exec.Command(goTool, "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// startCommand runs the command built by buildCommand with args, and
// returns it serving, with its "Serving HTTP" line's groups. It is
// killed when the test ends, if it is still running.
func startCommand(t *testing.T, exe string, args ...string) (*icmd.Result, []string) {
	t.Helper()
	res := icmd.StartCmd(icmd.Cmd{Command: append([]string{exe}, args...), Dir: t.TempDir()})
	if res.Error != nil {
		t.Fatalf("starting %s: %v", exe, res.Error)
	}
	t.Cleanup(func() { res.Cmd.Process.Kill() })
	var m []string
	poll.WaitOn(t, func(poll.LogT) poll.Result {
		if m = servingLine.FindStringSubmatch(res.Stdout()); m == nil {
			return poll.Continue("no Serving line yet: stdout %q, stderr %q", res.Stdout(), res.Stderr())
		}
		return poll.Success()
	}, poll.WithTimeout(10*time.Second))
	return res, m
}

// TestBinarySignals builds the command and stops it with a real SIGINT
// and a real SIGTERM.
func TestBinarySignals(t *testing.T) {
	exe := buildCommand(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			if signal.Ignored(sig) {
				t.Skipf("httpserver: %v is ignored here, so in the command too, which leaves it so as CPython does", sig)
			}
			res, m := startCommand(t, exe, "-b", "127.0.0.1", "0")
			checkResponse(t, get(t, "127.0.0.1", m[2]))
			if err := res.Cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			icmd.WaitOnCmd(10*time.Second, res).Assert(t, icmd.Expected{
				ExitCode: 0,
				Out:      m[0] + "\nKeyboard interrupt received, exiting.\n",
				Err:      `"GET / HTTP/1.0" `,
			})
			if res.Stdout() != m[0]+"\nKeyboard interrupt received, exiting.\n" {
				t.Errorf("stdout = %q; want the Serving line and the interrupt message only", res.Stdout())
			}
		})
	}
}

// TestServeDirectoryAndPython serves a directory with -d and checks that
// --python picks whose bytes are produced: .webp is image/webp from 3.13
// on and unknown to 3.12's mimetypes table.
func TestServeDirectoryAndPython(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.webp"), []byte("RIFF"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ python, ctype string }{
		{"3.13", "image/webp"},
		{"3.12", "application/octet-stream"},
	} {
		s := startServing(t, "-b", "127.0.0.1", "-d", dir, "--python", tt.python, "0")
		c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", s.port), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		io.WriteString(c, "GET /a.webp HTTP/1.0\r\n\r\n")
		resp, _ := io.ReadAll(c)
		c.Close()
		if want := "\r\nContent-type: " + tt.ctype + "\r\n"; !strings.Contains(string(resp), want) || !strings.HasSuffix(string(resp), "\r\n\r\nRIFF") {
			t.Errorf("--python %s: GET /a.webp = %q; want %q and the file", tt.python, resp, strings.TrimSpace(want))
		}
	}
	var stderr bytes.Buffer
	if code := Main([]string{"--python", "2.7", "0"}, envWith(""), io.Discard, &stderr, nil); code != 1 || !strings.Contains(stderr.String(), `--python "2.7": no tables for CPython`) {
		t.Errorf("Main(--python 2.7) = %d, stderr %q; want 1 and a message naming --python", code, stderr.String())
	}
}

// TestServeCGI runs a script with --cgi, as CGIHTTPRequestHandler would.
func TestServeCGI(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "cgi-bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nhi %s' \"$1\"\n"
	if err := os.WriteFile(filepath.Join(dir, "cgi-bin", "hi.sh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startServing(t, "-b", "127.0.0.1", "--cgi", "-d", dir, "0")
	c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", s.port), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "GET /cgi-bin/hi.sh?there HTTP/1.0\r\n\r\n")
	resp, _ := io.ReadAll(c)
	if !strings.HasPrefix(string(resp), "HTTP/1.0 200 Script output follows\r\n") || !strings.HasSuffix(string(resp), "Content-Type: text/plain\n\nhi there") {
		t.Errorf("--cgi: GET /cgi-bin/hi.sh?there = %q; want the script's output after \"200 Script output follows\"", resp)
	}
}
