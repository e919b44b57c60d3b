package main

// The server side of the command: what http.server.test() does with the
// parsed arguments, from choosing the address to the interrupt.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/httpfixture/httpfixture/fixture"
)

// serverVersion is SimpleHTTPRequestHandler.server_version, which
// CGIHTTPRequestHandler inherits.
const serverVersion = "SimpleHTTP/0.6"

// closeDeadline bounds the wait for the server to close after a signal.
// fixture's Close gives up on its own sooner; CPython does not wait at all,
// its handler threads being daemons.
const closeDeadline = 5 * time.Second

// Main runs the command and returns its exit status. args are the
// arguments after the program name; getenv reads COLUMNS, which sets the
// width of help and usage as it does for argparse. The help and the
// "Serving HTTP on ..." line go to stdout; usage errors, startup failures
// and the request log go to stderr. When stdout is a terminal, its width
// is used if COLUMNS does not say.
//
// Main serves until a value arrives on signals (a nil channel never
// stops it), then prints "\nKeyboard interrupt received, exiting." and
// closes the server, as CPython does on KeyboardInterrupt. With --record
// it then completes the recording (see recording). It returns 0 after a
// signal or -h, 2 for a usage error and 1 when the server cannot start or
// the recording could not be written.
func Main(args []string, getenv func(string) string, stdout, stderr io.Writer, signals <-chan os.Signal) int {
	width := formatterWidth(columnsFromEnv(getenv, func() int {
		if f, ok := stdout.(*os.File); ok {
			return terminalColumns(f)
		}
		return 0
	}))
	// The default of -d, os.getcwd(), is taken when the parser is built:
	// CPython fails here, even for -h, when the directory is gone.
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "%s: current directory: %v\n", prog, err)
		return 1
	}
	opts, code, ok := commandLine(args, cwd, width, stdout, stderr)
	if !ok {
		return code
	}
	tlsOpts, err := loadTLS(opts)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %s\n", prog, pyStderr(err.Error()))
		return 1
	}
	var rec *recording
	if opts.record != nil {
		if rec, err = openRecording(*opts.record, stderr); err != nil {
			fmt.Fprintf(stderr, "%s: %s\n", prog, pyStderr(err.Error()))
			return 1
		}
	}
	srv, host, err := start(opts, stderr, append(tlsOpts, rec.options()...)...)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %s\n", prog, pyStderr(err.Error()))
		rec.close() // an empty recording
		return 1
	}
	announce(stdout, host, srv.Addr(), len(tlsOpts) > 0)
	<-signals
	io.WriteString(stdout, "\nKeyboard interrupt received, exiting.\n")
	closeWithin(srv, closeDeadline, signals, stderr)
	if rec.close() != nil {
		return 1
	}
	return 0
}

// commandLine parses args as parser.parse_args() does. When the command
// ends there, it has written the help (exit 0) or the usage error (exit 2)
// and returns false with the exit status.
func commandLine(args []string, cwd string, width int, stdout, stderr io.Writer) (*options, int, bool) {
	opts, err := parseArgs(args, cwd)
	if err == nil {
		err = checkTLSArgs(opts) // 3.14's checks after parse_args (tls.go)
	}
	var uerr *usageError
	switch {
	case errors.Is(err, errHelp):
		io.WriteString(stdout, formatHelp(width))
		return nil, 0, false
	case errors.As(err, &uerr):
		io.WriteString(stderr, formatUsage(width))
		fmt.Fprintf(stderr, "%s: error: %s\n", prog, pyStderr(uerr.msg))
		return nil, 2, false
	case err != nil: // a password file that is not UTF-8
		fmt.Fprintf(stderr, "%s: %s\n", prog, pyStderr(err.Error()))
		return nil, 1, false
	}
	return opts, 0, true
}

// start listens as test() does and serves opts.directory, with extra
// options after those opts gives. It returns the host to announce: the
// address -b chose, or "" for the listener's own.
//
// --cgi makes it CGIHTTPRequestHandler: scripts under /cgi-bin and
// /htbin (the Server header is the same, CGIHTTPRequestHandler
// inheriting it).
func start(opts *options, stderr io.Writer, extra ...fixture.Option) (*fixture.Server, string, error) {
	port, err := checkPort(opts)
	if err != nil {
		return nil, "", err
	}
	// No -b: all interfaces, IPv6 and IPv4 on one socket, as
	// DualStackServer wants (Go listens on [::] with IPV6_V6ONLY off, or
	// on 0.0.0.0 where there is no IPv6).
	addr, host := net.JoinHostPort("", port), ""
	if opts.bind != nil {
		ip, err := bindHost(*opts.bind)
		if err != nil {
			return nil, "", err
		}
		addr = net.JoinHostPort(ip.String(), port)
		// getsockname()[0] of CPython's socket, which has ip's family and
		// no zone in its text. Go's listener can differ: given 0.0.0.0 it
		// listens on [::] too and reports "::".
		host = ip.WithZone("").String()
	}
	// directory '' is the current directory to CPython's translate_path,
	// and an error to os.DirFS.
	dir := opts.directory
	if dir == "" {
		dir = "."
	}
	protocol := fixture.WithProtocol(opts.protocol)
	python := fixture.WithPython(opts.python)
	options := []fixture.Option{
		fixture.WithAddress(addr),
		protocol,
		python,
		fixture.WithServerVersion(serverVersion),
		fixture.WithLogOutput(stderr),
		fixture.WithRecording(false), // a long-running server keeps nothing
	}
	if opts.cgi {
		options = append(options, fixture.WithCGI())
	}
	options = append(options, extra...)
	srv, err := fixture.Start(os.DirFS(dir), options...)
	// fixture names the option at fault; a user of the command knows -p.
	// CPython takes any -p and writes it into each status line as it is;
	// fixture refuses one that cannot be written so (empty, with a space or
	// a line break, or outside ISO-8859-1).
	if err != nil {
		if why, ok := strings.CutPrefix(err.Error(), protocol.String()+": "); ok {
			err = fmt.Errorf("-p %q: %s", opts.protocol, why)
		} else if why, ok := strings.CutPrefix(err.Error(), python.String()+": "); ok {
			err = fmt.Errorf("--python %q: %s", opts.python, why)
		}
		return nil, "", err
	}
	return srv, host, nil
}

// checkPort refuses a port outside 0-65535. CPython has no such check:
// it hands the number to getaddrinfo(), which on glibc takes 70000 as
// 70000 & 0xffff = 4464, and 65536 as port 0, and fails with
// "socket.gaierror: [Errno -8] Servname not supported for ai_socktype"
// for -1 and past 2**32; the result depends on the C library. We say what
// is wrong instead, and exit 1 as CPython's traceback does.
func checkPort(opts *options) (string, error) {
	p := opts.port
	if p.Sign() < 0 || !p.IsInt64() || p.Int64() > 65535 {
		s := p.String()
		if len(s) > 80 {
			s = s[:80] + "..."
		}
		return "", fmt.Errorf("port %s: out of range, a TCP port is 0 to 65535", s)
	}
	return p.String(), nil
}

// bindHost is the address _get_best_family(bind, port) picks: the first
// result of getaddrinfo(). Numeric addresses are taken as glibc takes
// them, IPv4 in inet_aton's forms ("127.1", "0x7f.0.0.1") and IPv6 with
// an optional zone; a name is looked up with Go's resolver and its first
// address used.
func bindHost(host string) (netip.Addr, error) {
	if ip, ok := inetAton(host); ok {
		return ip, nil
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.Is6() {
		return ip, nil
	}
	addrs, err := net.DefaultResolver.LookupIPAddr(context.Background(), host)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("-b %q: %w", host, err)
	}
	if len(addrs) == 0 {
		return netip.Addr{}, fmt.Errorf("-b %q: no address", host)
	}
	ip, _ := netip.AddrFromSlice(addrs[0].IP)
	return ip.Unmap().WithZone(addrs[0].Zone), nil
}

// announce prints test()'s line with host, or the listener's address
// when host is "", and the listener's port:
//
//	Serving HTTP on :: port 8000 (http://[::]:8000/) ...
//	Serving HTTPS on :: port 8000 (https://[::]:8000/) ...
func announce(stdout io.Writer, host string, addr net.Addr, https bool) {
	ip, port, _ := net.SplitHostPort(addr.String())
	if tcp, ok := addr.(*net.TCPAddr); ok {
		ip = tcp.IP.String() // getsockname()[0] has no zone
	}
	if host == "" {
		host = ip
	}
	urlHost := host
	if strings.Contains(host, ":") {
		urlHost = "[" + host + "]"
	}
	protocol := "HTTP"
	if https {
		protocol = "HTTPS"
	}
	fmt.Fprintf(stdout, "Serving %s on %s port %s (%s://%s:%s/) ...\n", protocol, host, port, strings.ToLower(protocol), urlHost, port)
}

// closeWithin closes srv, waiting at most d; a second signal stops the
// wait at once.
func closeWithin(srv *fixture.Server, d time.Duration, signals <-chan os.Signal, stderr io.Writer) {
	done := make(chan struct{})
	go func() {
		srv.Close()
		close(done)
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		fmt.Fprintf(stderr, "%s: the server did not close within %v; exiting anyway\n", prog, d)
	case <-signals:
	}
}
