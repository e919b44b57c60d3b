package wire

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

var errBroken = errors.New("broken pipe")

// lineRead is the result of one ReadLine call.
type lineRead struct {
	line string
	err  error
}

func (l lineRead) String() string { return fmt.Sprintf("(%q, %v)", l.line, l.err) }

// readAll calls ReadLine until it fails, copying each line before the next
// read (the result may point into the reader's buffer).
func readAll(r *bufio.Reader, limit int) []lineRead {
	var reads []lineRead
	for {
		line, err := ReadLine(r, limit)
		reads = append(reads, lineRead{string(line), err})
		if err != nil || len(reads) > 1000 {
			return reads
		}
	}
}

// namedReader is a bufio.Reader over the input of a test, named after the
// way it reads.
type namedReader struct {
	name string
	*bufio.Reader
}

// readers gives the ways bytes reach the parser: bufio buffers of
// several sizes, the smallest making long lines span several fills, over a
// source that returns everything at once, one byte at a time, half of
// what is asked, or the last bytes together with io.EOF.
func readers(in string) []namedReader {
	sources := []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"whole", func(r io.Reader) io.Reader { return r }},
		{"one byte", iotest.OneByteReader},
		{"half", iotest.HalfReader},
		{"data+EOF", iotest.DataErrReader},
	}
	var rs []namedReader
	for _, src := range sources {
		for _, size := range []int{16, 19, 4096} {
			r := bufio.NewReaderSize(src.wrap(strings.NewReader(in)), size)
			rs = append(rs, namedReader{fmt.Sprintf("%s/%d", src.name, size), r})
		}
	}
	return rs
}

func TestReadLine(t *testing.T) {
	l := func(s string) lineRead { return lineRead{s, nil} }
	eof := func(s string) lineRead { return lineRead{s, io.EOF} }
	x := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		in    string
		limit int
		want  []lineRead
	}{
		{"", 10, []lineRead{eof("")}},
		{"\n", 10, []lineRead{l("\n"), eof("")}},
		{"abc\n", 10, []lineRead{l("abc\n"), eof("")}},
		{"abc", 10, []lineRead{eof("abc")}},
		{"a\nb\r\n\nc", 10, []lineRead{l("a\n"), l("b\r\n"), l("\n"), eof("c")}},
		{"a\rb\r\n", 10, []lineRead{l("a\rb\r\n"), eof("")}}, // CR alone ends nothing
		// Exactly limit bytes, newline included.
		{"abc\n", 4, []lineRead{l("abc\n"), eof("")}},
		// limit+1 bytes come back whole, even with their newline: the
		// caller sees len > limit.
		{"abc\n", 3, []lineRead{l("abc\n"), eof("")}},
		// Longer: limit+1 bytes without the newline, the rest left unread
		// for the next call.
		{"abcd\n", 3, []lineRead{l("abcd"), l("\n"), eof("")}},
		{"abcdefgh\nij\n", 3, []lineRead{l("abcd"), l("efgh"), l("\n"), l("ij\n"), eof("")}},
		{"abcdefg", 3, []lineRead{l("abcd"), eof("efg")}},
		{"abcdefgh", 3, []lineRead{l("abcd"), l("efgh"), eof("")}},
		{"abc\n", 0, []lineRead{l("a"), l("b"), l("c"), l("\n"), eof("")}},
		// Lines longer than the 16- and 19-byte buffers.
		{x(30) + "\n" + x(50), 40, []lineRead{l(x(30) + "\n"), l(x(41)), eof(x(9))}},
		{x(39) + "\n" + x(40) + "\n", 40, []lineRead{l(x(39) + "\n"), l(x(40) + "\n"), eof("")}},
		{x(41) + "\n", 40, []lineRead{l(x(41)), l("\n"), eof("")}},
		{x(100) + "\r\n", 40, []lineRead{l(x(41)), l(x(41)), l(x(18) + "\r\n"), eof("")}},
		// CPython's own limits.
		{x(MaxLine-2) + "\r\nGET", MaxLine, []lineRead{l(x(MaxLine-2) + "\r\n"), eof("GET")}},
		{x(MaxLine-1) + "\r\n", MaxLine, []lineRead{l(x(MaxLine-1) + "\r\n"), eof("")}},
		{x(MaxLine) + "\r\n", MaxLine, []lineRead{l(x(MaxLine) + "\r"), l("\n"), eof("")}},
		{x(MaxLine + 1), MaxLine, []lineRead{l(x(MaxLine + 1)), eof("")}},
	}
	for _, tt := range tests {
		for _, r := range readers(tt.in) {
			got := readAll(r.Reader, tt.limit)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s: ReadLine(%.40q…, %d) reads %.200v; want %.200v", r.name, tt.in, tt.limit, got, tt.want)
			}
		}
	}
}

// A read error other than io.EOF comes back with the bytes read before it.
func TestReadLineError(t *testing.T) {
	for _, in := range []string{"", "ab", "abcdefghijklmnopqrstuvwxyz"} {
		r := bufio.NewReaderSize(io.MultiReader(strings.NewReader(in), iotest.ErrReader(errBroken)), 16)
		line, err := ReadLine(r, 100)
		if string(line) != in || err != errBroken {
			t.Errorf("ReadLine(%q then error) = %q, %v; want %q, %v", in, line, err, in, errBroken)
		}
	}
}

// headerLines is n lines "X-<i>: <i>\r\n".
func headerLines(n int) string {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "X-%d: %d\r\n", i, i)
	}
	return sb.String()
}

// headerBlockTests are inputs to ReadHeaderBlock: block is what it reads,
// the rest of in is left unread. TestCPythonHeaders runs them through
// http.client.parse_headers too.
var headerBlockTests = []struct {
	name      string
	in, block string
	err       error
}{
	{name: "empty", in: "", block: ""},
	{name: "CRLF", in: "\r\n", block: "\r\n"},
	{name: "LF", in: "\nbody", block: "\n"},
	{name: "one field", in: "Host: x\r\n\r\nbody", block: "Host: x\r\n\r\n"},
	{name: "LF endings", in: "Host: x\nA: b\n\nbody\n", block: "Host: x\nA: b\n\n"},
	{name: "end of input", in: "Host: x\r\n", block: "Host: x\r\n"},
	{name: "no newline at end", in: "Host: x", block: "Host: x"},
	{name: "CR is not an end", in: "A: 1\r\n\r\r\nB: 2\r\n\r\nbody", block: "A: 1\r\n\r\r\nB: 2\r\n\r\n"},
	{name: "blank with space", in: "A: 1\r\n \r\n\r\nbody", block: "A: 1\r\n \r\n\r\n"},
	{name: "LF CR", in: "A: 1\n\r\nbody", block: "A: 1\n\r\n"},
	{name: "bad lines still read", in: "no colon\r\n:x\r\n\r\nbody", block: "no colon\r\n:x\r\n\r\n"},
	{name: "99 fields", in: headerLines(99) + "\r\nbody", block: headerLines(99) + "\r\n"},
	{name: "100 fields", in: headerLines(100) + "\r\nbody", block: headerLines(100) + "\r\n",
		err: &Error{Kind: TooManyHeaders}},
	{name: "101 fields", in: headerLines(101) + "\r\n", block: headerLines(101),
		err: &Error{Kind: TooManyHeaders}},
	{name: "99 fields then end", in: headerLines(99), block: headerLines(99)},
	{name: "100 fields then end", in: headerLines(100), block: headerLines(100),
		err: &Error{Kind: TooManyHeaders}},
	{name: "98 fields and a partial line", in: headerLines(98) + "Z: z", block: headerLines(98) + "Z: z"},
	{name: "99 fields and a partial line", in: headerLines(99) + "Z: z", block: headerLines(99) + "Z: z",
		err: &Error{Kind: TooManyHeaders}},
	{name: "longest line", in: "A: " + strings.Repeat("v", MaxLine-5) + "\r\n\r\nbody",
		block: "A: " + strings.Repeat("v", MaxLine-5) + "\r\n\r\n"},
	{name: "longest line LF", in: "A: " + strings.Repeat("v", MaxLine-4) + "\n\nbody",
		block: "A: " + strings.Repeat("v", MaxLine-4) + "\n\n"},
	{name: "line too long", in: "A: " + strings.Repeat("v", MaxLine-4) + "\r\n\r\n",
		block: "A: " + strings.Repeat("v", MaxLine-4) + "\r\n", err: &Error{Kind: HeaderLineTooLong}},
	{name: "line too long by far", in: "A: 1\r\nB: " + strings.Repeat("v", 70000) + "\r\n\r\n",
		block: "A: 1\r\nB: " + strings.Repeat("v", MaxLine-2), err: &Error{Kind: HeaderLineTooLong}},
	{name: "long last line", in: strings.Repeat("v", MaxLine+1), block: strings.Repeat("v", MaxLine+1),
		err: &Error{Kind: HeaderLineTooLong}},
	{name: "longest last line", in: strings.Repeat("v", MaxLine), block: strings.Repeat("v", MaxLine)},
}

func TestReadHeaderBlock(t *testing.T) {
	const prefix = "GET / HTTP/1.0\r\n"
	for _, tt := range headerBlockTests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range readers(tt.in) {
				got, err := ReadHeaderBlock(r.Reader, []byte(prefix))
				rest, _ := io.ReadAll(r)
				if string(got) != prefix+tt.block || !sameError(err, tt.err) {
					t.Errorf("%s: ReadHeaderBlock(%.60q…) = %.60q… (%d bytes), %v; want %.60q… (%d bytes), %v",
						r.name, tt.in, got, len(got)-len(prefix), err, prefix+tt.block, len(tt.block), tt.err)
				}
				if string(rest) != tt.in[len(tt.block):] {
					t.Errorf("%s: after ReadHeaderBlock(%.60q…) the rest is %.60q…; want %.60q…",
						r.name, tt.in, rest, tt.in[len(tt.block):])
				}
			}
		})
	}
}

// Read errors end the block and come back as they are.
func TestReadHeaderBlockError(t *testing.T) {
	for _, in := range []string{"", "A: 1\r\n", "A: 1\r\nB: 2"} {
		r := bufio.NewReaderSize(io.MultiReader(strings.NewReader(in), iotest.ErrReader(errBroken)), 16)
		got, err := ReadHeaderBlock(r, nil)
		if string(got) != in || err != errBroken {
			t.Errorf("ReadHeaderBlock(%q then error) = %q, %v; want %q, %v", in, got, err, in, errBroken)
		}
	}
}

// field is one header field as ParseHeader reports it.
type field struct{ name, value string }

func parseFields(block string) []field {
	fields := []field{}
	ParseHeader([]byte(block), func(name, value string) {
		fields = append(fields, field{name, value})
	})
	return fields
}

// parseHeaderTests are inputs to ParseHeader with the items() of the
// message CPython's http.client.parse_headers makes of them;
// TestCPythonHeaders checks that too.
var parseHeaderTests = []struct {
	name string
	in   string
	want []field
}{
	{"empty", "", []field{}},
	{"blank", "\r\n", []field{}},
	{"one", "Host: a\r\n\r\n", []field{{"Host", "a"}}},
	{"no space", "Host:a\r\n\r\n", []field{{"Host", "a"}}},
	{"empty value", "Host:\r\n\r\n", []field{{"Host", ""}}},
	{"blank value", "Host: \t \r\n\r\n", []field{{"Host", ""}}},
	{"leading blanks stripped", "Host: \t a \t\r\n\r\n", []field{{"Host", "a \t"}}},
	{"no line ending", "Host: a", []field{{"Host", "a"}}},
	{"LF only", "A: 1\nB: 2\n\n", []field{{"A", "1"}, {"B", "2"}}},
	{"colon in value", "A: b: c\r\nB:: d\r\n\r\n", []field{{"A", "b: c"}, {"B", ": d"}}},
	{"duplicates and case kept", "a: 1\r\nA: 2\r\na: 3\r\nCoNtEnT-tYpE: x\r\n\r\n",
		[]field{{"a", "1"}, {"A", "2"}, {"a", "3"}, {"CoNtEnT-tYpE", "x"}}},
	{"odd name characters", "X-!#$%&'*+.^_`|~0: v\r\n\"(),/;<=>?@[\\]{}: w\r\n\r\n",
		[]field{{"X-!#$%&'*+.^_`|~0", "v"}, {"\"(),/;<=>?@[\\]{}", "w"}}},
	{"latin1 value", "X: caf\xe9 \xff\r\n\r\n", []field{{"X", "café ÿ"}}},
	{"control characters in value", "X: a\x00b\x1b\x7f\x85\r\n\r\n", []field{{"X", "a\x00b\x1b\x7f\u0085"}}},
	{"trailing CR LF stripped", "X: a \r\r\n\r\n", []field{{"X", "a "}}},

	// Continuation lines keep their line endings and blanks.
	{"continuation", "X-Long: 1\r\n 2\r\n\t3\r\n\r\n", []field{{"X-Long", "1\r\n 2\r\n\t3"}}},
	{"continuation LF", "X: 1\n 2\n\n", []field{{"X", "1\n 2"}}},
	{"continuation of empty value", "X:\r\n 2\r\n\r\n", []field{{"X", "\r\n 2"}}},
	{"blank continuation", "X: 1\r\n \r\n\r\n", []field{{"X", "1\r\n "}}},
	{"tab continuation", "X: 1\r\n\t\r\nY: 2\r\n\r\n", []field{{"X", "1\r\n\t"}, {"Y", "2"}}},
	{"continuation then field", "X: 1\r\n  2  \r\nY: 3\r\n\r\n", []field{{"X", "1\r\n  2  "}, {"Y", "3"}}},
	{"leading continuation dropped", " lead\r\nA: 1\r\n\r\n", []field{{"A", "1"}}},
	{"leading tab continuation dropped", "\tlead\r\n more\r\nA: 1\r\n\r\n", []field{{"A", "1"}}},

	// Lines without a name are dropped, and so are their continuations.
	{"colon first", ":x\r\nA: 1\r\n\r\n", []field{{"A", "1"}}},
	{"colon first between", "B: 0\r\n:x\r\n cont\r\nC: 1\r\n\r\n", []field{{"B", "0"}, {"C", "1"}}},
	{"colon only", ":\r\n\r\n", []field{}},

	// "From " lines are a Unix envelope, a misplaced one or the body.
	{"From first", "From x@y Mon\r\nA: 1\r\n\r\n", []field{{"A", "1"}}},
	{"From between", "A: 1\r\nFrom x\r\nB: 2\r\n\r\n", []field{{"A", "1"}, {"B", "2"}}},
	{"From last", "A: 1\r\nFrom x\r\n\r\n", []field{{"A", "1"}}},
	{"From at end", "A: 1\r\nFrom x", []field{{"A", "1"}}},
	{"From cuts a continuation", "A: 1\r\nFrom x\r\n cont\r\nB: 2\r\n", []field{{"A", "1"}, {"B", "2"}}},
	{"From only", "From \r\n", []field{}},
	{"From: is a field", "From: a@b\r\n\r\n", []field{{"From", "a@b"}}},
	{"from lower case", "from x\r\nA: 1\r\n", []field{}},

	// A lone CR ends a line.
	{"lone CR", "A: 1\rB: 2\r\n\r\n", []field{{"A", "1"}, {"B", "2"}}},
	{"lone CR continuation", "A: 1\r 2\r\n\r\n", []field{{"A", "1\r 2"}}},
	{"lone CR then blank", "A: 1\r\r\nB: 2\r\n\r\n", []field{{"A", "1"}}},
	{"CR CR", "A: 1\r\rB: 2\r\n", []field{{"A", "1"}}},
	{"LF CR", "A: 1\n\rB: 2\r\n", []field{{"A", "1"}}},

	// The first line that is none of the above ends the fields.
	{"bad line", "Host: a\r\nbad line\r\nY: 3\r\n\r\n", []field{{"Host", "a"}}},
	{"no colon", "Host: a\r\nno-colon\r\nY: 3", []field{{"Host", "a"}}},
	{"space in name", "Bad Name: x\r\nA: 1\r\n", []field{}},
	{"space before colon", "A : x\r\nB: 1\r\n", []field{}},
	{"tab in name", "A\t: x\r\n", []field{}},
	{"latin1 name", "N\xe9: x\r\nA: 1\r\n", []field{}},
	{"DEL in name", "N\x7f: x\r\n", []field{}},
	{"NUL in name", "\x00A: x\r\n", []field{}},
	{"first bad line", "bad\r\nA: 1\r\n\r\n", []field{}},
	{"after the blank line", "A: 1\r\n\r\nB: 2\r\n", []field{{"A", "1"}}},
}

func TestParseHeader(t *testing.T) {
	for _, tt := range parseHeaderTests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseFields(tt.in)
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("ParseHeader(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a\r\nb", []string{"a\r\n", "b"}},
		{"a\rb\nc\r\n", []string{"a\r", "b\n", "c\r\n"}},
		{"\r\r\n\n\r", []string{"\r", "\r\n", "\n", "\r"}},
		{"\n\r", []string{"\n", "\r"}},
		{"a\x85b\x0bc\x1cd", []string{"a\x85b\x0bc\x1cd"}}, // no str.splitlines() breaks
	}
	for _, tt := range tests {
		var got []string
		for s := tt.in; s != ""; s = s[len(got[len(got)-1]):] {
			got = append(got, NextLine(s))
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("NextLine over %q = %q; want %q", tt.in, got, tt.want)
		}
	}
}
