// scripts.go is the script side of the ready-made scripts, registered by
// this package for every test binary whose TestMain calls Main.

package cgitest

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"time"
)

// The ready-made scripts, by the names WithScript takes. Their header
// lines end in "\n", as most CGI scripts' do. Where a script takes a
// value, it is the first argument when that is not empty (a CGI host
// passes a query without '=' as one: "/cgi-bin/exit?3"), else a query
// parameter ("/cgi-bin/exit?code=3").
const (
	// EnvDump writes "Content-Type: text/plain", a blank line, then its
	// environment, one KEY=VALUE line each, sorted by key, and its
	// arguments, one "argv: " line each, in order. ParseEnv reads the body
	// back, and says how values that are not plain text are written.
	EnvDump = "env"

	// Echo writes "Content-Type: text/plain", a blank line, then
	// CONTENT_LENGTH bytes of its stdin, or all of it when CONTENT_LENGTH
	// is not set or empty: it does not wait for an end of input that a
	// host may never send. When stdin ends early, it writes what came and
	// exits with status 1; a CONTENT_LENGTH that is not a length is status
	// 2, with nothing written. Either way stderr says why.
	Echo = "echo"

	// Exit writes "Content-Type: text/plain", a blank line and "exit
	// status N", says the same on stderr, and exits with status N, from 0
	// to 255: the first argument, else the query parameter "code", else 1.
	// Any other value is status 2, with nothing written on stdout.
	Exit = "exit"

	// Forever writes "Content-Type: text/plain", a blank line, then
	// "forever\n" over and over, until a write fails, when the host closes
	// its end. Its process then dies of SIGPIPE, as a Go program does
	// after a write to a closed pipe or socket on its standard output,
	// even when its host ignored SIGPIPE (CPython does, and its scripts
	// inherit that). Another failed write ends it with status 1.
	Forever = "forever"

	// Hang writes "Content-Type: text/plain", a blank line and "hanging",
	// then sleeps until it is killed; SIGTERM and SIGKILL end it.
	Hang = "hang"

	// NoHeader writes a body with no header block:
	// "this script wrote no header block".
	NoHeader = "noheader"

	// Redirect writes "Status: 302 Found", "Location: L" and a blank line,
	// and no body. L is the first argument, else the query parameter
	// "location", else "/elsewhere".
	Redirect = "redirect"
)

// textHeader is the header block of the ready-made scripts' text.
const textHeader = "Content-Type: text/plain\n\n"

func init() {
	Register(EnvDump, envDump)
	Register(Echo, echo)
	Register(Exit, exit)
	Register(Forever, forever)
	Register(Hang, hang)
	Register(NoHeader, noHeader)
	Register(Redirect, redirect)
}

func envDump(p *Process) int {
	b := []byte(textHeader)
	b = appendDump(b, p.Env, p.Args)
	return status(p.Stdout.Write(b))
}

func echo(p *Process) int {
	in, want := p.Stdin, int64(-1)
	if cl := p.Env["CONTENT_LENGTH"]; cl != "" {
		n, err := strconv.ParseInt(cl, 10, 64)
		if err != nil || n < 0 {
			fmt.Fprintf(p.Stderr, "cgitest echo: CONTENT_LENGTH %q is not a length\n", cl)
			return 2
		}
		in, want = io.LimitReader(p.Stdin, n), n
	}
	if _, err := io.WriteString(p.Stdout, textHeader); err != nil {
		return 1
	}
	n, err := io.Copy(p.Stdout, in)
	if err == nil && want >= 0 && n < want {
		err = fmt.Errorf("stdin ended after %d of CONTENT_LENGTH %d bytes", n, want)
	}
	if err != nil {
		fmt.Fprintf(p.Stderr, "cgitest echo: %v\n", err)
		return 1
	}
	return 0
}

func exit(p *Process) int {
	code := 1
	if v, ok := value(p, "code"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 255 {
			fmt.Fprintf(p.Stderr, "cgitest exit: %q is not an exit status from 0 to 255\n", v)
			return 2
		}
		code = n
	}
	fmt.Fprintf(p.Stderr, "cgitest exit: exit status %d\n", code)
	fmt.Fprintf(p.Stdout, textHeader+"exit status %d\n", code)
	return code
}

func forever(p *Process) int {
	if _, err := io.WriteString(p.Stdout, textHeader); err != nil {
		return 1
	}
	chunk := bytes.Repeat([]byte("forever\n"), 4<<10) // 32 KiB
	for {
		if _, err := p.Stdout.Write(chunk); err != nil {
			return 1
		}
	}
}

func hang(p *Process) int {
	io.WriteString(p.Stdout, textHeader+"hanging\n")
	for {
		// A sleeping timer, not select{}, which the runtime would report
		// as a deadlock; signals keep their default, deadly, actions.
		time.Sleep(time.Hour)
	}
}

func noHeader(p *Process) int {
	return status(io.WriteString(p.Stdout, "this script wrote no header block\n"))
}

func redirect(p *Process) int {
	loc, ok := value(p, "location")
	if !ok {
		loc = "/elsewhere"
	}
	return status(fmt.Fprintf(p.Stdout, "Status: 302 Found\nLocation: %s\n\n", loc))
}

// value returns the script's value: the first argument when it is not
// empty, else the query parameter param.
func value(p *Process, param string) (string, bool) {
	if len(p.Args) > 0 && p.Args[0] != "" {
		return p.Args[0], true
	}
	q, _ := url.ParseQuery(p.Env["QUERY_STRING"]) // what parses, when not all does
	return q.Get(param), q.Has(param)
}

// status is a script's exit status after its last write.
func status(_ int, err error) int {
	if err != nil {
		return 1
	}
	return 0
}
