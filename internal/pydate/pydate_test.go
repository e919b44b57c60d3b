package pydate

import (
	"testing"
	"time"
)

// The expected values below are CPython 3.13's: send_head's reading of
// If-Modified-Since, and email._parseaddr._parsedate_tz where that alone
// is tested. A comment gives what _parsedate_tz returns where the header
// is ignored.

func TestModifiedSince(t *testing.T) {
	tests := []struct {
		in   string
		want string // time.DateTime in UTC
		ok   bool
	}{
		{"", "", false},  // None
		{" ", "", false}, // None
		{"Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06 08:49:37", true},
		{"Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06 08:49:37", true},
		{"Sun Nov  6 08:49:37 1994", "1994-11-06 08:49:37", true},
		{"Sun Nov 6 08:49:37 1994 GMT", "1994-11-06 08:49:37", true},
		{"6 nov 1994 8.49 -0000", "1994-11-06 08:49:00", true},
		{"6 Nov 1994 08:49:37", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 +0000", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 -0000", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 +0100", "", false}, // [1994, 11, 6, 8, 49, 37, 0, 1, -1, 3600]
		{"Sun, 06 Nov 1994 08:49:37 EST", "", false},   // [1994, 11, 6, 8, 49, 37, 0, 1, -1, -18000]
		{"Sun, 06 Nov 1994 08:49:37 UT", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 utc", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 z", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 XYZ", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 +0", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 -0", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 +0_0", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 08:49:37 +0060", "", false},                 // [1994, 11, 6, 8, 49, 37, 0, 1, -1, 3600]
		{"Sun, 06 Nov 1994 08:49:37 +99999999999999999999", "", false}, // [1994, 11, 6, 8, 49, 37, 0, 1, -1, 3600000000000000002340]
		{"Sun, 06 Nov 1994 08:49:37 eſt", "", false},                   // [1994, 11, 6, 8, 49, 37, 0, 1, -1, -18000]
		{"Sun, 06 Nov 1994 08:49:37 G\u217fT", "1994-11-06 08:49:37", true},
		{"Sun, 31 Nov 1994 08:49:37 GMT", "", false}, // [1994, 11, 31, 8, 49, 37, 0, 1, -1, 0]
		{"Sun, 06 Nov 1994 24:00:00 GMT", "", false}, // [1994, 11, 6, 24, 0, 0, 0, 1, -1, 0]
		{"Sun, 06 Nov 1994 23:60:00 GMT", "", false}, // [1994, 11, 6, 23, 60, 0, 0, 1, -1, 0]
		{"Sun, 06 Nov 1994 23:59:60 GMT", "", false}, // [1994, 11, 6, 23, 59, 60, 0, 1, -1, 0]
		{"Sun, 06 Nov 1994 -1:00:00 GMT", "", false}, // [1994, 11, 6, -1, 0, 0, 0, 1, -1, 0]
		{"Sun, 00 Nov 1994 08:49:37 GMT", "", false}, // [1994, 11, 0, 8, 49, 37, 0, 1, -1, 0]
		{"Thu, 29 Feb 2024 00:00:00 GMT", "2024-02-29 00:00:00", true},
		{"Thu, 29 Feb 2023 00:00:00 GMT", "", false}, // [2023, 2, 29, 0, 0, 0, 0, 1, -1, 0]
		{"Thu, 29 Feb 1900 00:00:00 GMT", "", false}, // [1900, 2, 29, 0, 0, 0, 0, 1, -1, 0]
		{"Thu, 29 Feb 2000 00:00:00 GMT", "2000-02-29 00:00:00", true},
		{"Fri, 31 Dec 9999 23:59:59 GMT", "9999-12-31 23:59:59", true},
		{"Fri, 01 Jan 10000 00:00:00 GMT", "", false}, // [10000, 1, 1, 0, 0, 0, 0, 1, -1, 0]
		{"Mon, 01 Jan 0001 00:00:00 GMT", "2001-01-01 00:00:00", true},
		{"Mon, 01 Jan 0000 00:00:00 GMT", "2000-01-01 00:00:00", true},
		{"Mon, 01 Jan 100 00:00:00 GMT", "0100-01-01 00:00:00", true},
		{"Mon, 01 Jan 99 00:00:00 GMT", "1999-01-01 00:00:00", true},
		{"Mon, 01 Jan 69 00:00:00 GMT", "1969-01-01 00:00:00", true},
		{"Mon, 01 Jan 68 00:00:00 GMT", "2068-01-01 00:00:00", true},
		{"Mon, 01 Jan 0 00:00:00 GMT", "2000-01-01 00:00:00", true},
		{"Mon, 01 Jan -5 00:00:00 GMT", "", false},                      // None
		{"Mon, 01 Jan -100 00:00:00 GMT", "", false},                    // None
		{"Mon, 01 Jan 99999999999999999999999 00:00:00 GMT", "", false}, // [99999999999999999999999, 1, 1, 0, 0, 0, 0, 1, -1, 0]
		{"Mon, 1_0 Jan 2_024 0_8:4_9:3_7 GMT", "2024-01-10 08:49:37", true},
		{"Mon, 10 Jan 2024 08:49:37_ GMT", "", false},  // None
		{"Mon, 10 Jan 2024 08:49:3__7 GMT", "", false}, // None
		{"Mon, ١٠ Jan ٢٠٢٤ 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"Mon, 10 Jan ²2024 08:49:37 2024", "", false}, // None
		{"Mon, 10 Jan x2024 08:49:37 2024", "2024-01-10 08:49:37", true},
		{"Mon, 10 Jan 2024 08:49 GMT", "2024-01-10 08:49:00", true},
		{"Mon, 10 Jan 2024 08.49.37 GMT", "2024-01-10 08:49:37", true},
		{"Mon, 10 Jan 2024 08.49 GMT", "2024-01-10 08:49:00", true},
		{"Mon, 10 Jan 2024 08 GMT", "", false},          // None
		{"Mon, 10 Jan 2024 08:49:37:00 GMT", "", false}, // None
		{"Mon, 10 Jan 2024 08.49.37.00 GMT", "", false}, // None
		{"Mon, 10 Jan 2024 08:49:37, GMT", "2024-01-10 08:49:37", true},
		{"Mon, 10 Jan, 2024, 08:49:37 GMT", "", false}, // None
		{"Mon, 10, Jan 2024 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"Mon,10 Jan 2024 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"Monday,10 Jan 2024 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"MON 10 Jan 2024 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"Foo 10 Jan 2024 08:49:37 GMT", "", false}, // None
		{"10 January 2024 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"10 JANUARY 2024 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"January 10 2024 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"10 Janu 2024 08:49:37 GMT", "", false}, // None
		{"10 may 2024 08:49:37 GMT", "2024-05-10 08:49:37", true},
		{"10 Jan 08:49:37 2024 GMT", "2024-01-10 08:49:37", true},
		{"10 Jan 2024 08:49:37+0000", "2024-01-10 08:49:37", true},
		{"10 Jan 2024 08:49:37-0000", "2024-01-10 08:49:37", true},
		{"10 Jan 2024 08:49:37+0100", "", false}, // [2024, 1, 10, 8, 49, 37, 0, 1, -1, 3600]
		{"10 Jan 2024 08:49:37", "2024-01-10 08:49:37", true},
		{"10-Jan-2024 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"10-Jan-24 08:49:37 GMT", "2024-01-10 08:49:37", true},
		{"-Jan-24 08:49:37 GMT", "", false},       // None
		{"Sunday, 10-Jan-24 08:49:37", "", false}, // None
		{"10 Jan 2024", "", false},                // None
		{"10 Jan 2024 08:49:37 GMT extra words", "2024-01-10 08:49:37", true},
		{"10\u00a0Jan\u20032024\x1c08:49:37\u0085GMT", "2024-01-10 08:49:37", true},
		{"10\u200bJan 2024 08:49:37 GMT", "", false}, // None
		{"10 \u212aan 2024 08:49:37 GMT", "", false}, // None
		{"Sun,06 Nov 1994 08:49:37 GMT", "1994-11-06 08:49:37", true},
		{",06 Nov 1994 08:49:37 GMT", "1994-11-06 08:49:37", true},
		{"Sun, 06 Nov 1994 :08:49 GMT", "", false}, // None
		{"Sun, 06 Nov , 08:49:37 GMT", "", false},  // None
	}
	for _, tt := range tests {
		got, ok := ModifiedSince(tt.in)
		var want time.Time
		if tt.ok {
			want, _ = time.Parse(time.DateTime, tt.want)
		}
		if !got.Equal(want) || ok != tt.ok || got.Location() != time.UTC {
			t.Errorf("ModifiedSince(%q) = %v, %v; want %v, %v", tt.in, got, ok, want, tt.ok)
		}
	}
}

func TestParsedateTZ(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sun, 06 Nov 1994 08:49:37 GMT", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, 0]"},
		{"Sun Nov  6 08:49:37 1994", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, None]"},
		{"6 nov 94 8.49 -0000", "[1994, 11, 6, 8, 49, 0, 0, 1, -1, None]"},
		{"06 Nov 1994 08:49:37 +0130", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, 5400]"},
		{"06 Nov 1994 08:49:37 -0130", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, -5400]"},
		{"06 Nov 1994 08:49:37 pst", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, -28800]"},
		{"06 Nov 1994 08:49:37 +0060", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, 3600]"},
		{"06 Nov 1994 08:49:37 -99", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, -5940]"},
		{"06 Nov 1994 08:49:37 +1_00", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, 3600]"},
		{"06 Nov 1994 08:49:37 x", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, None]"},
		{"06 Nov 1994 08:49:37 -0", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, None]"},
		{"06 Nov 1994 08:49:37", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, None]"},
		{"06 Nov 1994 08:49:37-0500", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, -18000]"},
		{"06 Nov 1994 08:49:37+", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, None]"},
		{"06 Nov -1994 08:49:37", "None"},
		{"06 Nov 1994, 08:49:37 GMT", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, 0]"},
		{"Nov, 06 1994 08:49:37 GMT", "None"},
		{"1994 Nov 06 08:49:37 GMT", "[2006, 11, 1994, 8, 49, 37, 0, 1, -1, 0]"},
		{"06 Nov 08:49:37 1994 +0200", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, 7200]"},
		{"06 Nov 08:49:37 1994", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, None]"},
		{"06 Nov ,, 08:49:37", "None"},
		{"06, Nov 1994 8:9:7", "None"},
		{"Sunday, 06-Nov-94 08:49:37 GMT", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, 0]"},
		{"06-Nov-94 08:49:37 GMT", "[1994, 11, 6, 8, 49, 37, 0, 1, -1, 0]"},
		{"06-Nov-94-1 08:49:37 GMT", "None"},
		{"a-b-c d e", "None"},
		{"Wed, 09 Jun 2021 10:18:14 GMT", "[2021, 6, 9, 10, 18, 14, 0, 1, -1, 0]"},
		{"06 Nov 1994 99:99:99 GMT", "[1994, 11, 6, 99, 99, 99, 0, 1, -1, 0]"},
	}
	for _, tt := range tests {
		d, ok := parsedateTZ(tt.in)
		if got := showParsed(d, ok); got != tt.want {
			t.Errorf("parsedateTZ(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func TestUpperLower(t *testing.T) {
	tests := []struct{ in, upper, lower string }{
		{"", "", ""},
		{"Gmt", "GMT", "gmt"},
		{"e\u017ft", "EST", "e\u017ft"},
		{"p\ufb06", "PST", "p\ufb06"},
		{"\u00df\u0131", "SSI", "\u00df\u0131"},
		{"\u212aAN", "\u212aAN", "kan"},
		{"\u00e9\u00c9", "\u00e9\u00c9", "\u00e9\u00c9"}, // no ASCII either way: kept
	}
	for _, tt := range tests {
		if got := upper(tt.in); got != tt.upper {
			t.Errorf("upper(%q) = %q; want %q", tt.in, got, tt.upper)
		}
		if got := lower(tt.in); got != tt.lower {
			t.Errorf("lower(%q) = %q; want %q", tt.in, got, tt.lower)
		}
	}
}

func TestIsDigitIsSpace(t *testing.T) {
	for _, r := range "0٠²¹①₉\U0001F100" {
		if !isDigit(r) {
			t.Errorf("isDigit(%U) = false; want true", r)
		}
	}
	for _, r := range "a½Ⅸ\u3007" {
		if isDigit(r) {
			t.Errorf("isDigit(%U) = true; want false", r)
		}
	}
	for _, r := range " \t\n\v\f\r\x1c\x1d\x1e\x1f\u0085\u00a0\u2003\u3000" {
		if !isSpace(r) {
			t.Errorf("isSpace(%U) = false; want true", r)
		}
	}
	for _, r := range "a\x00\x1b\u200b\u180e\ufeff" {
		if isSpace(r) {
			t.Errorf("isSpace(%U) = true; want false", r)
		}
	}
}
