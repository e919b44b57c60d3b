//go:build unix

package cgitest_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/httpfixture/httpfixture/cgitest"
	hfstest "github.com/httpfixture/httpfixture/fstest"
)

// hello is a CGI script written in Go, registered when the test binary
// starts, in the test process and in the script's process alike.
var hello = cgitest.Register("hello", func(p *cgitest.Process) int {
	fmt.Fprintf(p.Stdout, "Content-Type: text/plain\n\nhello, %s\n", p.Env["QUERY_STRING"])
	return 0
})

// A Go script in a tree on disk, run as a CGI host runs it: the request
// in the environment. Tests make the tree with hfstest.Dir or hfstest.Map
// and serve it; their TestMain calls cgitest.Main.
func Example() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	if err := hfstest.Write(dir, cgitest.WithScript("cgi-bin/hello", hello)); err != nil {
		panic(err)
	}

	cmd := exec.Command(filepath.Join(dir, "cgi-bin", "hello"))
	cmd.Env = []string{"GATEWAY_INTERFACE=CGI/1.1", "REQUEST_METHOD=GET", "QUERY_STRING=world"}
	out, err := cmd.Output()
	if err != nil {
		panic(err)
	}
	fmt.Print(string(out))
	// Output:
	// Content-Type: text/plain
	//
	// hello, world
}

// A ready-made script that shows what its host gave it: CPython passes a
// query with no '=' as an argument, '+' made ' '.
func ExampleWithScript() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	if err := hfstest.Write(dir, cgitest.WithScript("cgi-bin/env", cgitest.EnvDump)); err != nil {
		panic(err)
	}

	cmd := exec.Command(filepath.Join(dir, "cgi-bin", "env"), "a b")
	cmd.Env = []string{"GATEWAY_INTERFACE=CGI/1.1", "REQUEST_METHOD=GET", "QUERY_STRING=a+b"}
	out, err := cmd.Output()
	if err != nil {
		panic(err)
	}
	header, body, _ := strings.Cut(string(out), "\n\n")
	env, args, err := cgitest.ParseEnv([]byte(body))
	if err != nil {
		panic(err)
	}
	fmt.Println(header)
	fmt.Println(env["REQUEST_METHOD"], env["QUERY_STRING"])
	fmt.Printf("%q\n", args)
	// Output:
	// Content-Type: text/plain
	// GET a+b
	// ["a b"]
}
