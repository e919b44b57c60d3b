package main

// glibc's reading of numeric IPv4 addresses, which getaddrinfo() applies
// to -b before any lookup.

import (
	"net/netip"
	"strconv"
	"strings"
)

// inetAton is glibc's __inet_aton_exact: one to four parts separated by
// dots, each a C number (0x hexadecimal, a leading 0 octal, else decimal);
// the last part fills the bytes the others left.
//
//	inetAton("127.1")      = 127.0.0.1
//	inetAton("0x7f.0.0.1") = 127.0.0.1
//	inetAton("2130706433") = 127.0.0.1
func inetAton(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var vals []uint64
	for _, p := range parts {
		v, ok := cNumber(p)
		if !ok {
			return netip.Addr{}, false
		}
		vals = append(vals, v)
	}
	last := vals[len(vals)-1]
	if last > 0xffffffff>>(8*(len(vals)-1)) {
		return netip.Addr{}, false
	}
	var b [4]byte
	for i, v := range vals[:len(vals)-1] {
		if v > 0xff {
			return netip.Addr{}, false
		}
		b[i] = byte(v)
	}
	for i := 3; i >= len(vals)-1; i-- {
		b[i] |= byte(last)
		last >>= 8
	}
	return netip.AddrFrom4(b), true
}

// cNumber is strtoul(s, &end, 0) that must use all of s, which must start
// with a digit; values past 32 bits fail, as in inet_aton.
func cNumber(s string) (uint64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	base, digits := 10, s
	switch {
	case len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X"):
		base, digits = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, digits = 8, s[1:]
	}
	for _, c := range digits {
		if strings.IndexRune("0123456789abcdefABCDEF"[:base+max(0, base-10)], c) < 0 {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(digits, base, 64)
	if err != nil || v > 0xffffffff {
		return 0, false
	}
	return v, true
}
