package cgitest_test

import (
	"fmt"

	"github.com/httpfixture/httpfixture/cgitest"
)

// A shell script written in the test's code, indented with it.
func ExampleShell() {
	fmt.Print(cgitest.Shell(`
		printf 'Content-Type: text/plain\n\n'
		if [ -n "$QUERY_STRING" ]; then
			echo "$QUERY_STRING"
		fi
	`))
	// Output:
	// #!/bin/sh
	// printf 'Content-Type: text/plain\n\n'
	// if [ -n "$QUERY_STRING" ]; then
	// 	echo "$QUERY_STRING"
	// fi
}

// EnvDump's body, as a client receives it, read back as plain data.
func ExampleParseEnv() {
	body := "MULTI=\"one\\ntwo\"\nQUERY_STRING=a+b\nREQUEST_METHOD=GET\nargv: a b\n"
	env, args, err := cgitest.ParseEnv([]byte(body))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%q\n%q\n", env, args)
	// Output:
	// map["MULTI":"one\ntwo" "QUERY_STRING":"a+b" "REQUEST_METHOD":"GET"]
	// ["a b"]
}
