// Command httpserver is CPython 3.13's `python -m http.server`, flag for
// flag, with the HTTPS flags of CPython 3.14, served by package fixture:
//
//	httpserver [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION]
//	           [--tls-cert PATH] [--tls-key PATH] [--tls-password-file PATH]
//	           [--python VERSION] [--record FILE] [port]
//
// It reads its command line as argparse does, with the same help, usage
// errors and exit status 2, prints the same "Serving HTTP on ..." line and
// logs each request to stderr as http.server does.
//
// --tls-cert serves HTTPS, as in CPython 3.14, with the certificate chain
// of that PEM file and the key of --tls-key (or, without it, the key in
// the same file), decrypted with the password in --tls-password-file; the
// line says "Serving HTTPS on ...". A key may be PKCS #8, PKCS #1 or SEC 1,
// encrypted in OpenSSL's legacy PEM form or as PKCS #8 with PBKDF2 and
// AES or 3DES; a key encrypted with scrypt or with PBES1 or PKCS #12's
// schemes is refused, naming the scheme, and an encrypted key without a
// password file is refused where OpenSSL would ask on the terminal. SIGINT or SIGTERM stops
// it with "Keyboard interrupt received, exiting." and exit status 0.
//
// Two flags are its own. --python VERSION produces the bytes of CPython
// 3.12, 3.13 (the default) or 3.14. --record FILE records every exchange,
// raw and parsed, to FILE: as JSON lines (recorder.Exchange.MarshalJSON's
// form, read back with recorder.ReadJSONL), each line written as its
// exchange completes; or, when FILE ends in ".har", as a HAR 1.2 file
// (recorder.WriteHAR) written at exit, the exchanges kept in memory until
// then with at most 1 MiB of each body. The server itself keeps nothing,
// as without --record. A recording that cannot be written makes the exit
// status 1.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	signals := make(chan os.Signal, 2)
	// SIGINT ignored at start, as it is for a background job of a shell
	// script, stays ignored, as CPython leaves it. (An ignored SIGTERM is
	// not seen: Go's runtime keeps only SIGHUP and SIGINT ignored.)
	var caught []os.Signal
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(sig) {
			caught = append(caught, sig)
		}
	}
	if len(caught) > 0 { // Notify with no signals would catch them all
		signal.Notify(signals, caught...)
	}
	os.Exit(Main(os.Args[1:], os.Getenv, os.Stdout, os.Stderr, signals))
}
