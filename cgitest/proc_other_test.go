//go:build !unix

package cgitest_test

import (
	"errors"
	"os"
	"testing"
)

func checkNoChildren(t *testing.T) {}

func signalOf(ps *os.ProcessState) (os.Signal, bool) { return nil, false }

func terminate(p *os.Process) error { return errors.New("no SIGTERM here") }

var sigpipe, sigterm os.Signal
