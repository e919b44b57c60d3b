package main

import "testing"

// inetAtonCases are numeric IPv4 forms, valid and not.
var inetAtonCases = []struct{ in, want string }{
	{"127.0.0.1", "127.0.0.1"},
	{"127.1", "127.0.0.1"},
	{"127.0.1", "127.0.0.1"},
	{"10.65535", "10.0.255.255"},
	{"10.1.65535", "10.1.255.255"}, // a third part holds 16 bits
	{"10.1.65536", ""},
	{"10.16777215", "10.255.255.255"},
	{"10.16777216", ""},
	{"2130706433", "127.0.0.1"},
	{"4294967295", "255.255.255.255"},
	{"4294967296", ""},
	{"0x7f.1", "127.0.0.1"},
	{"0X7F.0.0.1", "127.0.0.1"},
	{"0177.0.0.1", "127.0.0.1"},
	{"0", "0.0.0.0"},
	{"00", "0.0.0.0"},
	{"0x", ""},
	{"08", ""},
	{"09.1", ""},
	{"0xg", ""},
	{"256.0.0.1", ""},
	{"1.2.3.4.5", ""},
	{"1.2.3.", ""},
	{".1.2.3", ""},
	{"1..2", ""},
	{"", ""},
	{"127.0.0.1 ", ""}, // inet_aton allows this; getaddrinfo does not
	{" 127.0.0.1", ""},
	{"+1", ""},
	{"-1", ""},
	{"localhost", ""},
	{"::1", ""},
	{"99999999999999999999", ""},
}

func TestInetAton(t *testing.T) {
	for _, tt := range inetAtonCases {
		ip, ok := inetAton(tt.in)
		got := ""
		if ok {
			got = ip.String()
		}
		if got != tt.want {
			t.Errorf("inetAton(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestInetAtonMatchesCPython asks getaddrinfo(host, 0, AF_INET,
// flags=AI_NUMERICHOST) for each case, the numeric reading that test()'s
// getaddrinfo() makes before any lookup.
func TestInetAtonMatchesCPython(t *testing.T) {
	python := findPython(t)
	var cases []string
	for _, tt := range inetAtonCases {
		cases = append(cases, tt.in)
	}
	var want []*string
	runCPython(t, python, "inet_aton", cases, &want)
	for i, c := range cases {
		ip, ok := inetAton(c)
		got := "gaierror"
		if ok {
			got = ip.String()
		}
		py := "gaierror"
		if want[i] != nil {
			py = *want[i]
		}
		if got != py {
			t.Errorf("getaddrinfo(%q): CPython %s, ours %s", c, py, got)
		}
	}
}
