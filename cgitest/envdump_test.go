package cgitest_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/httpfixture/httpfixture/cgitest"
)

func TestParseEnv(t *testing.T) {
	for _, tc := range []struct {
		body string
		env  map[string]string
		args []string
	}{
		{"", map[string]string{}, nil},
		{"A=1\nB=\n", map[string]string{"A": "1", "B": ""}, nil},
		{"A=1", map[string]string{"A": "1"}, nil}, // no last newline
		{"A=x=y\n", map[string]string{"A": "x=y"}, nil},
		{"A=\"one\\ntwo\"\n", map[string]string{"A": "one\ntwo"}, nil},
		{"A=\"plain too\"\n", map[string]string{"A": "plain too"}, nil},
		{"\"argv: x\"=y\n\"k=v\"=w\n", map[string]string{"argv: x": "y", "k=v": "w"}, nil},
		{"U=héllo\n", map[string]string{"U": "héllo"}, nil},
		{"argv: a b\nargv: \"\"\nargv: \nargv: \"\\xff\"\n", map[string]string{}, []string{"a b", "", "", "\xff"}},
		{"QUERY_STRING=a+b\nMULTI=\"one\\ntwo\"\n\"argv: x\"=y\nargv: a b\nargv: \"\"\n",
			map[string]string{"QUERY_STRING": "a+b", "MULTI": "one\ntwo", "argv: x": "y"}, []string{"a b", ""}},
	} {
		env, args, err := cgitest.ParseEnv([]byte(tc.body))
		if err != nil {
			t.Errorf("ParseEnv(%q): %v", tc.body, err)
			continue
		}
		if diff := cmp.Diff(tc.env, env); diff != "" {
			t.Errorf("ParseEnv(%q) env (-want +got)\n%s", tc.body, diff)
		}
		if diff := cmp.Diff(tc.args, args); diff != "" {
			t.Errorf("ParseEnv(%q) args (-want +got)\n%s", tc.body, diff)
		}
	}
}

func TestParseEnvMalformed(t *testing.T) {
	for _, tc := range []struct {
		body, want string
	}{
		{"Content-Type: text/plain\n\nA=1\n", `cgitest.ParseEnv: line 1: "Content-Type: text/plain": want KEY=VALUE or argv: VALUE`},
		{"A=1\n\n", `cgitest.ParseEnv: line 2: "": want KEY=VALUE or argv: VALUE`},
		{"A=1\nA=2\n", `cgitest.ParseEnv: line 2: "A=2": "A" seen twice`},
		{"A=1\r\n", `cgitest.ParseEnv: line 1: "A=1\r": the value is not plain text and not quoted`},
		{"A=C:\\x\n", `cgitest.ParseEnv: line 1: "A=C:\\x": the value is not plain text and not quoted`},
		{"A=\"open\n", `cgitest.ParseEnv: line 1: "A=\"open": the value is not a Go string literal`},
		{"A=\"x\"y\n", `cgitest.ParseEnv: line 1: "A=\"x\"y": the value is not a Go string literal`},
		{"\"A\n", `cgitest.ParseEnv: line 1: "\"A": the key is not a Go string literal`},
		{"\"A\"x=1\n", `cgitest.ParseEnv: line 1: "\"A\"x=1": want KEY=VALUE or argv: VALUE`},
		{"\xff=1\n", `cgitest.ParseEnv: line 1: "\xff=1": the key is not plain text and not quoted`},
		{"argv: \"x\n", `cgitest.ParseEnv: line 1: "argv: \"x": the value is not a Go string literal`},
		{strings.Repeat("v", 100), `cgitest.ParseEnv: line 1: "` + strings.Repeat("v", 80) + `...": want KEY=VALUE or argv: VALUE`},
	} {
		env, args, err := cgitest.ParseEnv([]byte(tc.body))
		if err == nil || err.Error() != tc.want || env != nil || args != nil {
			t.Errorf("ParseEnv(%q) = %v, %v, %v; want nil, nil and\n%s", tc.body, env, args, err, tc.want)
		}
	}
}

// Whatever the environment and arguments, the dump gives them back.
func FuzzDumpRoundTrip(f *testing.F) {
	f.Add("A", "1", "x", "y")
	f.Add("argv: k", "one\ntwo", "", "\"quoted")
	f.Add("k=v", "\xff\\", "argv: ", "\r")
	f.Add("", "", "\t", " ")
	f.Fuzz(func(t *testing.T, k1, v1, a1, a2 string) {
		env := map[string]string{k1: v1, "PATH": "/bin", k1 + "\n": a1}
		args := []string{a1, a2}
		body := cgitest.AppendDump(nil, env, args)
		gotEnv, gotArgs, err := cgitest.ParseEnv(body)
		if err != nil {
			t.Fatalf("ParseEnv(%q): %v", body, err)
		}
		if diff := cmp.Diff(env, gotEnv); diff != "" {
			t.Errorf("ParseEnv(%q) env (-want +got)\n%s", body, diff)
		}
		if diff := cmp.Diff(args, gotArgs); diff != "" {
			t.Errorf("ParseEnv(%q) args (-want +got)\n%s", body, diff)
		}
	})
}
