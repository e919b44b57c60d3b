// envdump.go is both sides of EnvDump's body: the script writes it, the
// test reads it back with ParseEnv.

package cgitest

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// argvPrefix starts an argument's line in a dump. No key is written
// plain with it at its start, so the line cannot be mistaken for one.
const argvPrefix = "argv: "

// errorLimit caps the input quoted in ParseEnv's errors, as
// net/textproto's does.
const errorLimit = 80

// appendDump appends env, sorted by key, and args to b: EnvDump's body.
func appendDump(b []byte, env map[string]string, args []string) []byte {
	for _, k := range slices.Sorted(maps.Keys(env)) {
		if plain(k) && !strings.HasPrefix(k, argvPrefix) && !strings.Contains(k, "=") {
			b = append(b, k...)
		} else {
			b = strconv.AppendQuote(b, k)
		}
		b = append(b, '=')
		b = appendValue(b, env[k])
		b = append(b, '\n')
	}
	for _, a := range args {
		b = append(b, argvPrefix...)
		if a == "" {
			b = append(b, `""`...) // not a line that ends in a space
		} else {
			b = appendValue(b, a)
		}
		b = append(b, '\n')
	}
	return b
}

func appendValue(b []byte, v string) []byte {
	if plain(v) {
		return append(b, v...)
	}
	return strconv.AppendQuote(b, v)
}

// plain reports whether s is written as it is: it does not start with a
// double quote, and strconv.Quote would leave it as it is but for the
// quotes (it is valid UTF-8, printable, and has no backslash).
func plain(s string) bool {
	return !strings.HasPrefix(s, `"`) && len(strconv.Quote(s)) == len(s)+2
}

// ParseEnv reads the body EnvDump writes, the part after the blank line
// that ends its header block, and returns the script's environment and
// arguments: plain data to compare with go-cmp. args is nil when the
// script had none; env is never nil.
//
// Each line is KEY=VALUE or "argv: " and an argument. A key or value that
// is not plain (see below) is written as a Go string literal, so any
// environment and arguments come back as they were, newlines and invalid
// UTF-8 included. The body
//
//	QUERY_STRING=a+b
//	MULTI="one\ntwo"
//	"argv: x"=y
//	argv: a b
//	argv: ""
//
// gives
//
//	env  = map[string]string{"QUERY_STRING": "a+b", "MULTI": "one\ntwo", "argv: x": "y"}
//	args = []string{"a b", ""}
//
// Plain text is valid UTF-8 and printable, has no backslash and does not
// start with a double quote. Keys are quoted also when they start with
// "argv: " or have an '=', and an empty argument is always quoted.
// ParseEnv accepts a literal where plain text would do, but not text that
// is not plain outside a literal. That, a line with no '=', a literal that
// does not parse and a key seen twice are errors, which give the line's
// number and its text:
//
//	cgitest.ParseEnv: line 1: "Content-Type: text/plain": want KEY=VALUE or argv: VALUE
func ParseEnv(body []byte) (env map[string]string, args []string, err error) {
	env = map[string]string{}
	lines := strings.Split(string(body), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1] // the last line's newline
	}
	for i, line := range lines {
		if rest, ok := strings.CutPrefix(line, argvPrefix); ok {
			a, err := parseText(rest)
			if err != nil {
				return nil, nil, parseError(i, line, err.Error())
			}
			args = append(args, a)
			continue
		}
		k, v, err := parseEntry(line)
		if err != nil {
			return nil, nil, parseError(i, line, err.Error())
		}
		if _, dup := env[k]; dup {
			return nil, nil, parseError(i, line, fmt.Sprintf("%q seen twice", k))
		}
		env[k] = v
	}
	return env, args, nil
}

// parseEntry parses a KEY=VALUE line.
func parseEntry(line string) (k, v string, err error) {
	var rest string
	if strings.HasPrefix(line, `"`) {
		lit, err := strconv.QuotedPrefix(line)
		if err != nil {
			return "", "", fmt.Errorf("the key is not a Go string literal")
		}
		k, _ = strconv.Unquote(lit)
		rest = line[len(lit):]
		if !strings.HasPrefix(rest, "=") {
			return "", "", errWant
		}
		rest = rest[1:]
	} else {
		var ok bool
		if k, rest, ok = strings.Cut(line, "="); !ok {
			return "", "", errWant
		}
		if !plain(k) {
			return "", "", fmt.Errorf("the key is not plain text and not quoted")
		}
	}
	v, err = parseText(rest)
	return k, v, err
}

// parseText parses a value or an argument: plain text or a literal.
func parseText(s string) (string, error) {
	if !strings.HasPrefix(s, `"`) {
		if !plain(s) {
			return "", fmt.Errorf("the value is not plain text and not quoted")
		}
		return s, nil
	}
	v, err := strconv.Unquote(s)
	if err != nil {
		return "", fmt.Errorf("the value is not a Go string literal")
	}
	return v, nil
}

var errWant = fmt.Errorf("want KEY=VALUE or %sVALUE", argvPrefix)

func parseError(i int, line, msg string) error {
	if len(line) > errorLimit {
		line = line[:errorLimit] + "..."
	}
	return fmt.Errorf("cgitest.ParseEnv: line %d: %q: %s", i+1, line, msg)
}
