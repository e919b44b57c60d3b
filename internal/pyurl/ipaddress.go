package pyurl

// This file holds what ipaddress.ip_address accepts, for urlsplit's check
// of a host in brackets: IPv4Address's and IPv6Address's parsers of a str,
// reduced to whether they raise.

import (
	"strconv"
	"strings"
)

// isIPv4 reports whether IPv4Address(s) accepts s: four dot-separated
// decimal octets of ASCII digits, each at most 255, three digits and no
// leading zero.
//
//	isIPv4("192.0.2.1") = true
//	isIPv4("192.0.2.01") = false
func isIPv4(s string) bool {
	if s == "" || strings.Contains(s, "/") {
		return false
	}
	octets := strings.Split(s, ".")
	if len(octets) != 4 {
		return false
	}
	for _, o := range octets {
		if !isOctet(o) {
			return false
		}
	}
	return true
}

// isOctet is IPv4Address._parse_octet.
func isOctet(o string) bool {
	if o == "" || len(o) > 3 || (o != "0" && o[0] == '0') {
		return false
	}
	for i := 0; i < len(o); i++ {
		if o[i] < '0' || o[i] > '9' {
			return false
		}
	}
	n, _ := strconv.Atoi(o)
	return n <= 255
}

// isIPv6 reports whether IPv6Address(s) accepts s: an address with an
// optional scope after "%" that is not empty and holds no other "%".
//
//	isIPv6("fe80::1%eth0") = true
//	isIPv6("fe80::1%")     = false
func isIPv6(s string) bool {
	if strings.Contains(s, "/") {
		return false
	}
	addr, scope, found := strings.Cut(s, "%")
	if found && (scope == "" || strings.Contains(scope, "%")) {
		return false
	}
	return isIPv6Addr(addr)
}

// hextetCount is _BaseV6._HEXTET_COUNT.
const hextetCount = 8

// isIPv6Addr is _BaseV6._ip_int_from_string: hextets separated by ":",
// at most one "::" standing for one or more zero hextets, and an IPv4
// address in place of the last two.
//
//	isIPv6Addr("::ffff:192.0.2.1") = true
//	isIPv6Addr("1::2::3")          = false
func isIPv6Addr(s string) bool {
	parts := strings.Split(s, ":")
	if s == "" || len(parts) < 3 {
		return false
	}
	if last := parts[len(parts)-1]; strings.Contains(last, ".") {
		if !isIPv4(last) {
			return false
		}
		parts = append(parts[:len(parts)-1], "0", "0")
	}
	if len(parts) > hextetCount+1 {
		return false
	}
	hi, lo, ok := hextetSpans(parts)
	if !ok {
		return false
	}
	for _, p := range parts[:hi] {
		if !isHextet(p) {
			return false
		}
	}
	for _, p := range parts[len(parts)-lo:] {
		if !isHextet(p) {
			return false
		}
	}
	return true
}

// hextetSpans returns how many parts come before and after the "::" of
// parts, or hi = len(parts) when there is none, and whether the colons are
// well placed.
func hextetSpans(parts []string) (hi, lo int, ok bool) {
	last := len(parts) - 1
	skip := -1
	for i := 1; i < last; i++ {
		if parts[i] == "" {
			if skip >= 0 {
				return 0, 0, false // more than one "::"
			}
			skip = i
		}
	}
	if skip < 0 {
		return len(parts), 0, len(parts) == hextetCount && parts[0] != "" && parts[last] != ""
	}
	hi, lo = skip, last-skip
	if parts[0] == "" {
		if hi--; hi != 0 {
			return 0, 0, false // a leading ":" not part of "::"
		}
	}
	if parts[last] == "" {
		if lo--; lo != 0 {
			return 0, 0, false // a trailing ":" not part of "::"
		}
	}
	return hi, lo, hextetCount-(hi+lo) >= 1
}

// isHextet is _BaseV6._parse_hextet: one to four ASCII hex digits.
func isHextet(p string) bool {
	if p == "" || len(p) > 4 {
		return false
	}
	for i := 0; i < len(p); i++ {
		if !isHex(p[i]) {
			return false
		}
	}
	return true
}
