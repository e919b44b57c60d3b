package pyurl

import "testing"

// The expected values below are CPython 3.13's urlsplit and urlunsplit.

func TestURLSplit(t *testing.T) {
	tests := []struct {
		in      string
		want    SplitResult
		unsplit string // URLUnsplit of want
	}{
		{"", SplitResult{"", "", "", "", ""}, ""},
		{"/", SplitResult{"", "", "/", "", ""}, "/"},
		{"/dir", SplitResult{"", "", "/dir", "", ""}, "/dir"},
		{"/dir?x=1", SplitResult{"", "", "/dir", "x=1", ""}, "/dir?x=1"},
		{"/dir#f", SplitResult{"", "", "/dir", "", "f"}, "/dir#f"},
		{"/dir?x#f", SplitResult{"", "", "/dir", "x", "f"}, "/dir?x#f"},
		{"/dir#f?x", SplitResult{"", "", "/dir", "", "f?x"}, "/dir#f?x"},
		{"HTTP://h:80/a?q#f", SplitResult{"http", "h:80", "/a", "q", "f"}, "http://h:80/a?q#f"},
		{"http://h", SplitResult{"http", "h", "", "", ""}, "http://h"},
		{"http://h?q", SplitResult{"http", "h", "", "q", ""}, "http://h?q"},
		{"c:/dir", SplitResult{"c", "", "/dir", "", ""}, "c:/dir"},
		{"C:dir", SplitResult{"c", "", "dir", "", ""}, "c:dir"},
		{"1c:/dir", SplitResult{"", "", "1c:/dir", "", ""}, "1c:/dir"},
		{":/dir", SplitResult{"", "", ":/dir", "", ""}, ":/dir"},
		{"a+b-c.d:x", SplitResult{"a+b-c.d", "", "x", "", ""}, "a+b-c.d:x"},
		{"a_b:x", SplitResult{"", "", "a_b:x", "", ""}, "a_b:x"},
		{"é:x", SplitResult{"", "", "é:x", "", ""}, "é:x"},
		{"//h/p", SplitResult{"", "h", "/p", "", ""}, "//h/p"},
		{"///p", SplitResult{"", "", "/p", "", ""}, "/p"},
		{"\x00 \x1f/p ", SplitResult{"", "", "/p ", "", ""}, "/p "},
		{"  http://h/ ", SplitResult{"http", "h", "/ ", "", ""}, "http://h/ "},
		{"/a\x09b\x0dc\x0ad", SplitResult{"", "", "/abcd", "", ""}, "/abcd"},
		{"ht\x09tp://h/", SplitResult{"http", "h", "/", "", ""}, "http://h/"},
		{"\x09//h/p", SplitResult{"", "h", "/p", "", ""}, "//h/p"},
		{"http://[::1]/", SplitResult{"http", "[::1]", "/", "", ""}, "http://[::1]/"},
		{"http://[::1]:80/x", SplitResult{"http", "[::1]:80", "/x", "", ""}, "http://[::1]:80/x"},
		{"http://[v1.x]/", SplitResult{"http", "[v1.x]", "/", "", ""}, "http://[v1.x]/"},
		{"//[fe80::1%25eth0]/", SplitResult{"", "[fe80::1%25eth0]", "/", "", ""}, "//[fe80::1%25eth0]/"},
		{"//u@[::ffff:1.2.3.4]:8/", SplitResult{"", "u@[::ffff:1.2.3.4]:8", "/", "", ""}, "//u@[::ffff:1.2.3.4]:8/"},
		{"mailto:a@b", SplitResult{"mailto", "", "a@b", "", ""}, "mailto:a@b"},
		{"file:///etc", SplitResult{"file", "", "/etc", "", ""}, "file:///etc"},
		{"/a:b", SplitResult{"", "", "/a:b", "", ""}, "/a:b"},
		{"?", SplitResult{"", "", "", "", ""}, ""},
		{"#", SplitResult{"", "", "", "", ""}, ""},
		{"//", SplitResult{"", "", "", "", ""}, ""},
		{"http:", SplitResult{"http", "", "", "", ""}, "http://"},
		{"http:?q", SplitResult{"http", "", "", "q", ""}, "http://?q"},
		{"//h/p?a/b#c?d", SplitResult{"", "h", "/p", "a/b", "c?d"}, "//h/p?a/b#c?d"},
		{"//é/", SplitResult{"", "é", "/", "", ""}, "//é/"},
		{"/x//y", SplitResult{"", "", "/x//y", "", ""}, "/x//y"},
	}
	for _, tt := range tests {
		got, err := URLSplit(tt.in)
		if got != tt.want || err != nil {
			t.Errorf("URLSplit(%q) = %q, %v; want %q, nil", tt.in, got, err, tt.want)
			continue
		}
		if u := URLUnsplit(got); u != tt.unsplit {
			t.Errorf("URLUnsplit(%q) = %q; want %q", got, u, tt.unsplit)
		}
	}
}

func TestURLSplitErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"//[::1/", "Invalid IPv6 URL"},
		{"//::1]/", "Invalid IPv6 URL"},
		{"http://[x]/", "'x' does not appear to be an IPv4 or IPv6 address"},
		{"http://[v]/", "IPvFuture address is invalid"},
		{"http://[v1.]/", "IPvFuture address is invalid"},
		{"http://[vg.x]/", "IPvFuture address is invalid"},
		{"http://[V1.x]/", "'V1.x' does not appear to be an IPv4 or IPv6 address"},
		{"//[1.2.3.4]/", "An IPv4 address cannot be in brackets"},
		{"//[1.2.3]/", "'1.2.3' does not appear to be an IPv4 or IPv6 address"},
		{"//[01.2.3.4]/", "'01.2.3.4' does not appear to be an IPv4 or IPv6 address"},
		{"//[1.2.3.256]/", "'1.2.3.256' does not appear to be an IPv4 or IPv6 address"},
		{"//[::1%]/", "'::1%' does not appear to be an IPv4 or IPv6 address"},
		{"//[::1%a%b]/", "'::1%a%b' does not appear to be an IPv4 or IPv6 address"},
		{"//[1::2::3]/", "'1::2::3' does not appear to be an IPv4 or IPv6 address"},
		{"//[:1:2:3:4:5:6:7]/", "':1:2:3:4:5:6:7' does not appear to be an IPv4 or IPv6 address"},
		{"//[1:2:3:4:5:6:7:8:9]/", "'1:2:3:4:5:6:7:8:9' does not appear to be an IPv4 or IPv6 address"},
		{"//[12345::]/", "'12345::' does not appear to be an IPv4 or IPv6 address"},
		{"//[]/", "'' does not appear to be an IPv4 or IPv6 address"},
		{"//]x[/", "'' does not appear to be an IPv4 or IPv6 address"},
		{"//h\u2100/", "netloc 'h\u2100' contains invalid characters under NFKC normalization"},
		{"//a\uff0fb/", "netloc 'a\uff0fb' contains invalid characters under NFKC normalization"},
		{"//é\uff20/", "netloc 'é\uff20' contains invalid characters under NFKC normalization"},
		{"//[é]/", "'é' does not appear to be an IPv4 or IPv6 address"},
		{"//[it's]/", "\"it's\" does not appear to be an IPv4 or IPv6 address"},
	}
	for _, tt := range tests {
		got, err := URLSplit(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("URLSplit(%q) = %q, %v; want error %q", tt.in, got, err, tt.want)
		}
	}
}

func TestURLUnsplit(t *testing.T) {
	tests := []struct {
		in   SplitResult
		want string
	}{
		{SplitResult{"http", "h", "a", "q", ""}, "http://h/a?q"},
		{SplitResult{"", "", "//a", "", ""}, "////a"},
		{SplitResult{"file", "", "/a", "", ""}, "file:///a"},
		{SplitResult{"c", "", "/a", "", ""}, "c:/a"},
		{SplitResult{"http", "", "", "", ""}, "http://"},
		{SplitResult{"x", "", "", "", ""}, "x:"},
		{SplitResult{"", "h", "", "", ""}, "//h"},
		{SplitResult{"", "", "a", "q", "f"}, "a?q#f"},
		{SplitResult{"https", "h", "", "", "f"}, "https://h#f"},
		{SplitResult{"svn+ssh", "", "/r", "", ""}, "svn+ssh:///r"},
		{SplitResult{"", "", "", "", ""}, ""},
		{SplitResult{"", "", "//", "", ""}, "////"},
	}
	for _, tt := range tests {
		if got := URLUnsplit(tt.in); got != tt.want {
			t.Errorf("URLUnsplit(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestIPAddress checks the parsers of ipaddress.IPv4Address and
// IPv6Address by what they accept.
func TestIPAddress(t *testing.T) {
	tests := []struct {
		in         string
		ipv4, ipv6 bool
	}{
		{"", false, false},
		{"0.0.0.0", true, false},
		{"255.255.255.255", true, false},
		{"256.0.0.0", false, false},
		{"1.2.3", false, false},
		{"1.2.3.4.5", false, false},
		{"01.2.3.4", false, false},
		{"1.2.3.0x1", false, false},
		{"1.2.3.+1", false, false},
		{"1.2.3.١", false, false},
		{"1..3.4", false, false},
		{"0000.1.2.3", false, false},
		{"::", false, true},
		{"::1", false, true},
		{"1::", false, true},
		{"1:2:3:4:5:6:7:8", false, true},
		{"1:2:3:4:5:6:7::", false, true},
		{"::2:3:4:5:6:7:8", false, true},
		{"1:2:3:4:5:6::7:8", false, false},
		{"1:2:3:4:5:6:7:8:9", false, false},
		{"1:2:3:4:5:6:7", false, false},
		{":1:2:3:4:5:6:7", false, false},
		{"1:2:3:4:5:6:7:", false, false},
		{":::", false, false},
		{"1:::2", false, false},
		{":1::2", false, false},
		{"1::2:", false, false},
		{"1::2::3", false, false},
		{"ABCD:ef01::", false, true},
		{"12345::", false, false},
		{"g::", false, false},
		{"::ffff:1.2.3.4", false, true},
		{"1:2:3:4:5:6:1.2.3.4", false, true},
		{"1:2:3:4:5:6:7:1.2.3.4", false, false},
		{"::1.2.3", false, false},
		{"1.2.3.4::", false, false},
		{"fe80::1%eth0", false, true},
		{"fe80::1%", false, false},
		{"fe80::1%a%b", false, false},
		{"%eth0", false, false},
		{"::1/128", false, false},
		{"1.2.3.4/32", false, false},
	}
	for _, tt := range tests {
		if got := isIPv4(tt.in); got != tt.ipv4 {
			t.Errorf("isIPv4(%q) = %v; want %v", tt.in, got, tt.ipv4)
		}
		if got := isIPv6(tt.in); got != tt.ipv6 {
			t.Errorf("isIPv6(%q) = %v; want %v", tt.in, got, tt.ipv6)
		}
	}
}
