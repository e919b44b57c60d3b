//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package main

import "os"

// terminalColumns reports no terminal where we do not know how to ask:
// help is laid out for COLUMNS, or 80 columns.
func terminalColumns(*os.File) int { return 0 }
