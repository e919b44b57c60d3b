package main

// The command line, read as CPython 3.13's argparse reads the parser that
// http.server builds in its __main__ block, with the --tls-* flags that
// CPython 3.14 adds to it. The parsing follows
// ArgumentParser._parse_known_args step for step, because its corners are
// what users meet: prefixes of long options ("--dir"), "-bADDR", "-b=ADDR",
// "--bind=ADDR", "--" and negative numbers as the port, the order in which
// errors are found, and -h taking effect where it stands.

import (
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// prog is the program name argparse puts in usage and errors; CPython's is
// the basename of sys.argv[0], "server.py" under python -m.
const prog = "httpserver"

// action is one argparse Action of the parser.
type action struct {
	dest    string
	flags   []string // option strings; none for the positional
	nargs   int      // 0 (flags), 1 (a value) or nargsOptional
	metavar string
	help    string
}

// nargsOptional is nargs='?'.
const nargsOptional = -1

// The parser's actions in the order http.server adds them, after the -h
// that ArgumentParser adds itself.
var actions = []*action{
	{dest: "help", flags: []string{"-h", "--help"}, help: "show this help message and exit"},
	{dest: "cgi", flags: []string{"--cgi"}, help: "run as CGI server"},
	{dest: "bind", flags: []string{"-b", "--bind"}, nargs: 1, metavar: "ADDRESS",
		help: "bind to this address (default: all interfaces)"},
	{dest: "directory", flags: []string{"-d", "--directory"}, nargs: 1,
		help: "serve this directory (default: current directory)"},
	{dest: "protocol", flags: []string{"-p", "--protocol"}, nargs: 1, metavar: "VERSION",
		help: "conform to this HTTP version (default: HTTP/1.0)"},
	// CPython 3.14's, checked after parsing as 3.14 checks them (tls.go).
	{dest: "tls_cert", flags: []string{"--tls-cert"}, nargs: 1, metavar: "PATH",
		help: "path to the TLS certificate chain file"},
	{dest: "tls_key", flags: []string{"--tls-key"}, nargs: 1, metavar: "PATH",
		help: "path to the TLS key file"},
	{dest: "tls_password_file", flags: []string{"--tls-password-file"}, nargs: 1, metavar: "PATH",
		help: "path to the password file for the TLS key"},
	// Not in CPython: the flags the command adds, which CPython's parser
	// gets too in the tests (ourFlagsPython). Help texts are wrapped as
	// textwrap wraps them only if no word is longer than 11 characters or
	// has a hyphen inside it (see wrapWords).
	{dest: "python", flags: []string{"--python"}, nargs: 1, metavar: "VERSION",
		help: "produce the bytes of this CPython version: 3.12, 3.13 or 3.14 (default: 3.13)"},
	{dest: "record", flags: []string{"--record"}, nargs: 1, metavar: "FILE",
		help: "record every exchange to FILE, as JSON lines when each completes or, " +
			"if FILE ends in .har, as HAR at exit with bodies cut at 1 MiB"},
	{dest: "port", nargs: nargsOptional, help: "bind to this port (default: 8000)"},
}

// optionStrings is parser._option_string_actions, in insertion order.
var optionStrings = func() []string {
	var out []string
	for _, a := range actions {
		out = append(out, a.flags...)
	}
	return out
}()

func lookupOption(s string) *action {
	for _, a := range actions {
		for _, f := range a.flags {
			if f == s {
				return a
			}
		}
	}
	return nil
}

// options is the parsed Namespace. bind, record and the tls fields are
// nil for None.
type options struct {
	cgi             bool
	bind            *string
	directory       string
	protocol        string
	tlsCert         *string
	tlsKey          *string
	tlsPasswordFile *string
	python          string
	record          *string
	port            *big.Int

	tlsPassword *string // tls_key_password, read from tlsPasswordFile (tls.go)
}

// errHelp reports that -h was taken: the help goes to stdout, exit 0.
var errHelp = errors.New("help requested")

// usageError is argparse's ArgumentError: usage and the message go to
// stderr, exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func argError(a *action, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if a == nil {
		return &usageError{msg}
	}
	return &usageError{fmt.Sprintf("argument %s: %s", actionName(a), msg)}
}

// actionName is _get_action_name: "-b/--bind", or the positional's dest.
func actionName(a *action) string {
	if len(a.flags) > 0 {
		return strings.Join(a.flags, "/")
	}
	return a.dest
}

// parsedOption is argparse's option tuple: the action, the option string
// it matched, and the argument given in the same word (-bX, --bind=X).
type parsedOption struct {
	act      *action // nil: looks like an option but is none of ours
	flag     string
	sep      string
	explicit *string
}

// parseArgs is parser.parse_args(args) with os.getcwd() as cwd. It returns
// errHelp, a *usageError, or the Namespace.
func parseArgs(args []string, cwd string) (*options, error) {
	p := &parser{
		args: args,
		opts: &options{directory: cwd, protocol: "HTTP/1.0", python: "3.13", port: big.NewInt(8000)},
		seen: map[int]parsedOption{},
	}
	if err := p.classify(); err != nil {
		return nil, err
	}
	if err := p.consumeAll(); err != nil {
		return nil, err
	}
	if len(p.extras) > 0 {
		return nil, argError(nil, "unrecognized arguments: %s", strings.Join(p.extras, " "))
	}
	return p.opts, nil
}

// parser holds the state of one _parse_known_args.
type parser struct {
	args        []string
	pattern     []byte               // 'O' option, 'A' argument, '-' the first "--"
	seen        map[int]parsedOption // option_string_indices
	extras      []string
	positionals []*action
	opts        *options
}

// classify builds arg_strings_pattern; an ambiguous prefix fails here,
// before anything is taken.
func (p *parser) classify() error {
	for i, arg := range p.args {
		if arg == "--" {
			p.pattern = append(p.pattern, '-')
			for range p.args[i+1:] {
				p.pattern = append(p.pattern, 'A')
			}
			return nil
		}
		opt, isOption, err := parseOptional(arg)
		if err != nil {
			return err
		}
		if !isOption {
			p.pattern = append(p.pattern, 'A')
			continue
		}
		p.seen[i] = opt
		p.pattern = append(p.pattern, 'O')
	}
	return nil
}

// parseOptional is _parse_optional: whether arg is an option and which.
func parseOptional(arg string) (parsedOption, bool, error) {
	if arg == "" || arg[0] != '-' {
		return parsedOption{}, false, nil
	}
	if a := lookupOption(arg); a != nil {
		return parsedOption{act: a, flag: arg}, true, nil
	}
	if len(arg) == 1 {
		return parsedOption{}, false, nil
	}
	if flag, value, ok := strings.Cut(arg, "="); ok {
		if a := lookupOption(flag); a != nil {
			return parsedOption{act: a, flag: flag, sep: "=", explicit: &value}, true, nil
		}
	}
	tuples := optionTuples(arg)
	if len(tuples) > 1 {
		var names []string
		for _, t := range tuples {
			names = append(names, t.flag)
		}
		return parsedOption{}, false, argError(nil, "ambiguous option: %s could match %s", arg, strings.Join(names, ", "))
	}
	if len(tuples) == 1 {
		return tuples[0], true, nil
	}
	if looksNegative(arg) || strings.Contains(arg, " ") {
		return parsedOption{}, false, nil
	}
	return parsedOption{flag: arg}, true, nil
}

// optionTuples is _get_option_tuples: a long option matches every option
// it is a prefix of (allow_abbrev), split at "="; a single-dash word is a
// short option followed by its argument.
func optionTuples(arg string) []parsedOption {
	var out []parsedOption
	if arg[1] == '-' {
		prefix, value, hasSep := strings.Cut(arg, "=")
		for _, f := range optionStrings {
			if strings.HasPrefix(f, prefix) {
				t := parsedOption{act: lookupOption(f), flag: f}
				if hasSep {
					t.sep, t.explicit = "=", &value
				}
				out = append(out, t)
			}
		}
		return out
	}
	short, rest := arg[:2], arg[2:]
	for _, f := range optionStrings {
		switch {
		case f == short:
			out = append(out, parsedOption{act: lookupOption(f), flag: f, explicit: &rest})
		case strings.HasPrefix(f, arg):
			out = append(out, parsedOption{act: lookupOption(f), flag: f})
		}
	}
	return out
}

// consumeAll is the main loop of _parse_known_args: positionals and
// optionals alternately up to the last option, then the positionals left.
func (p *parser) consumeAll() error {
	p.positionals = []*action{actions[len(actions)-1]}
	maxOption := -1
	for i := range p.seen {
		maxOption = max(maxOption, i)
	}
	start := 0
	for start <= maxOption {
		next := start
		for next <= maxOption {
			if _, ok := p.seen[next]; ok {
				break
			}
			next++
		}
		if start != next {
			end, err := p.consumePositionals(start)
			if err != nil {
				return err
			}
			if end > start {
				start = end
				continue
			}
			start = end
		}
		if _, ok := p.seen[start]; !ok {
			p.extras = append(p.extras, p.args[start:next]...)
			start = next
		}
		stop, err := p.consumeOptional(start)
		if err != nil {
			return err
		}
		start = stop
	}
	stop, err := p.consumePositionals(start)
	if err != nil {
		return err
	}
	p.extras = append(p.extras, p.args[stop:]...)
	return nil
}

// take is one (action, arguments) pair that consume_optional collects
// before taking them in order.
type take struct {
	act  *action
	args []string
}

// consumeOptional is consume_optional: the option at start, with the
// short options packed after it (-hb ADDR) and its argument.
func (p *parser) consumeOptional(start int) (int, error) {
	opt := p.seen[start]
	var takes []take
	var stop int
	for {
		if opt.act == nil {
			p.extras = append(p.extras, p.args[start])
			return start + 1, nil
		}
		if opt.explicit == nil {
			count, err := matchArgument(opt.act, p.pattern[start+1:])
			if err != nil {
				return 0, err
			}
			stop = start + 1 + count
			takes = append(takes, take{opt.act, p.args[start+1 : stop]})
			break
		}
		explicit := *opt.explicit
		if opt.act.nargs == 1 {
			stop = start + 1
			takes = append(takes, take{opt.act, []string{explicit}})
			break
		}
		if opt.flag[1] == '-' || explicit == "" {
			return 0, argError(opt.act, "ignored explicit argument %s", pyRepr(explicit))
		}
		// A flag written -hX: X is more single-dash options.
		if opt.sep != "" || explicit[0] == '-' {
			return 0, argError(opt.act, "ignored explicit argument %s", pyRepr(explicit))
		}
		takes = append(takes, take{opt.act, nil})
		first := firstChar(explicit)
		opt.flag = "-" + first
		next := lookupOption(opt.flag)
		if next == nil {
			p.extras = append(p.extras, "-"+explicit)
			stop = start + 1
			break
		}
		rest := explicit[len(first):]
		opt.act, opt.sep, opt.explicit = next, "", &rest
		switch {
		case rest == "":
			opt.explicit = nil
		case rest[0] == '=':
			value := rest[1:]
			opt.sep, opt.explicit = "=", &value
		}
	}
	for _, t := range takes {
		if err := p.takeAction(t.act, t.args); err != nil {
			return 0, err
		}
	}
	return stop, nil
}

// firstChar is explicit_arg[0]: one character, which in Go may be several
// bytes, or one byte that is not UTF-8 (a surrogate escape in CPython).
func firstChar(s string) string {
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}

// matchArgument is _match_argument for an option: a flag takes nothing, a
// value option the next word if it is an argument.
func matchArgument(a *action, pattern []byte) (int, error) {
	if a.nargs == 0 {
		return 0, nil
	}
	if len(pattern) == 0 || pattern[0] != 'A' {
		return 0, argError(a, "expected one argument")
	}
	return 1, nil
}

// consumePositionals is consume_positionals for the one positional, port,
// whose nargs='?' pattern is '-*A?-*'. Once consumed, even by nothing, it
// is gone: later arguments are extras.
func (p *parser) consumePositionals(start int) (int, error) {
	if len(p.positionals) == 0 {
		return start, nil
	}
	pat, n := p.pattern[start:], 0
	for n < len(pat) && pat[n] == '-' {
		n++
	}
	if n < len(pat) && pat[n] == 'A' {
		n++
	}
	for n < len(pat) && pat[n] == '-' {
		n++
	}
	act := p.positionals[0]
	p.positionals = nil
	if err := p.takeAction(act, p.args[start:start+n]); err != nil {
		return 0, err
	}
	return start + n, nil
}

// takeAction is take_action: convert the arguments and store them; -h
// stops the parse.
func (p *parser) takeAction(a *action, args []string) error {
	switch a.dest {
	case "help":
		return errHelp
	case "cgi":
		p.opts.cgi = true
	case "bind":
		p.opts.bind = &args[0]
	case "directory":
		p.opts.directory = args[0]
	case "protocol":
		p.opts.protocol = args[0]
	case "tls_cert":
		p.opts.tlsCert = &args[0]
	case "tls_key":
		p.opts.tlsKey = &args[0]
	case "tls_password_file":
		p.opts.tlsPasswordFile = &args[0]
	case "python":
		p.opts.python = args[0]
	case "record":
		p.opts.record = &args[0]
	case "port":
		return p.takePort(a, args)
	}
	return nil
}

// takePort is _get_values for the positional: the first "--" is dropped,
// no argument leaves the default, one goes through int().
func (p *parser) takePort(a *action, args []string) error {
	var kept []string
	dropped := false
	for _, s := range args {
		if s == "--" && !dropped {
			dropped = true
			continue
		}
		kept = append(kept, s)
	}
	if len(kept) == 0 {
		return nil
	}
	n, ok := pytext.ParseInt(kept[0])
	if !ok {
		return argError(a, "invalid int value: %s", pyRepr(kept[0]))
	}
	p.opts.port = n
	return nil
}
