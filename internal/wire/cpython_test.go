package wire

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"

	"github.com/httpfixture/httpfixture/internal/cpython"
	"github.com/httpfixture/httpfixture/internal/pytext"
)

// The differential tests run the inputs of this package's tables, and
// generated ones, through CPython's own parse_request and parse_headers,
// in one Python process per test.

// cpythonScript reads {"mode": ..., "cases": [...]} as JSON on stdin and
// prints one JSON result per case. Bytes travel as base64 (JSON holds no
// bytes); Python str goes back as JSON text.
const cpythonScript = `
import base64, http.client, http.server, io, json, sys

class Handler(http.server.BaseHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        self.error = [int(code), message]

def request_line(case):
    h = Handler.__new__(Handler)  # no socket, no handle()
    h.raw_requestline = base64.b64decode(case["raw"] or "")
    h.rfile = io.BytesIO(b"\r\n")  # 3.13.0 reads headers for HTTP/0.9 too
    h.wfile = io.BytesIO()
    h.protocol_version = case["protocol"]
    h.error = None
    ok = h.parse_request()
    return {"ok": ok, "requestline": h.requestline, "command": h.command,
            "path": getattr(h, "path", None), "version": h.request_version,
            "close": h.close_connection, "error": h.error}

def headers(case):
    f = io.BytesIO(base64.b64decode(case or ""))  # Go sends nil as null
    try:
        msg = http.client.parse_headers(f)
    except http.client.HTTPException as e:
        return {"exc": type(e).__name__, "str": str(e), "tell": f.tell()}
    return {"items": [list(kv) for kv in msg.items()], "tell": f.tell()}

req = json.load(sys.stdin)
run = {"request_line": request_line, "headers": headers}[req["mode"]]
json.dump([run(c) for c in req["cases"]], sys.stdout)
`

// runCPython runs cpythonScript over cases and decodes its results.
func runCPython[R any](t *testing.T, mode string, cases any) []R {
	t.Helper()
	// The package copies 3.13; a CPython of 3.12 or later will do instead.
	python := cpython.Find(t, "3.13", "3.12", "3.14").Path
	in, err := json.Marshal(map[string]any{"mode": mode, "cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-I", "-c", cpythonScript)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("wire: %s: running CPython: %v\n%s", python, err, stderr.Bytes())
	}
	var results []R
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("wire: %s: decoding CPython's output: %v", python, err)
	}
	return results
}

// pyRequestLine is the handler's state after parse_request.
type pyRequestLine struct {
	OK          bool    `json:"ok"`
	RequestLine string  `json:"requestline"`
	Command     *string `json:"command"`
	Path        *string `json:"path"`
	Version     string  `json:"version"`
	Close       bool    `json:"close"`
	Error       []any   `json:"error"` // [code, message] given to send_error
}

// fromGo is what CPython would show for a ParseRequestLine result.
func fromGo(rl RequestLine, err error) (pyRequestLine, error) {
	py := pyRequestLine{
		OK:          err == nil,
		RequestLine: rl.Line,
		Version:     rl.Version,
		Close:       !rl.KeepAlive,
	}
	if rl.Command != "" {
		py.Command, py.Path = &rl.Command, &rl.Path
	}
	var e *Error
	switch {
	case err == nil || err == ErrEmptyRequestLine:
	case errors.As(err, &e):
		code, message, mapErr := cpythonError(e)
		if mapErr != nil {
			return py, mapErr
		}
		py.Error = []any{float64(code), message}
	default:
		return py, fmt.Errorf("unexpected error %#v", err)
	}
	return py, nil
}

// cpythonError is the status and message parse_request passes to
// send_error for e.
func cpythonError(e *Error) (int, string, error) {
	switch e.Kind {
	case BadVersion:
		return 400, "Bad request version (" + pytext.Repr(e.Subject) + ")", nil
	case VersionNotSupported:
		return 505, "Invalid HTTP version (" + e.Subject + ")", nil
	case BadSyntax:
		return 400, "Bad request syntax (" + pytext.Repr(e.Subject) + ")", nil
	case Bad09Type:
		return 400, "Bad HTTP/0.9 request type (" + pytext.Repr(e.Subject) + ")", nil
	}
	return 0, "", fmt.Errorf("%v is no request line error", e)
}

func (p pyRequestLine) String() string {
	str := func(s *string) string {
		if s == nil {
			return "None"
		}
		return fmt.Sprintf("%q", *s)
	}
	return fmt.Sprintf("{ok=%v requestline=%q command=%s path=%s version=%q close=%v error=%v}",
		p.OK, p.RequestLine, str(p.Command), str(p.Path), p.Version, p.Close, p.Error)
}

// requestLineCorpus is every input of requestLineTests and
// TestParseRequestLineBadVersions, combinations of words and separators,
// and random lines from a fixed seed.
func requestLineCorpus() []string {
	var corpus []string
	for _, tt := range requestLineTests {
		corpus = append(corpus, tt.in)
	}
	methods := []string{"GET", "HEAD", "POST", "get", "G\xe9T", ""}
	paths := []string{"/", "//x//y", "/caf\xe9", "*", ""}
	versions := []string{"HTTP/1.0", "HTTP/1.1", "HTTP/2.0", "HTTP/0.9", "HTTP/1.\xb2", "HTTP/1", "x", ""}
	seps := []string{" ", "\t", "\x1f", "\xa0", "  \x85 "}
	i := 0
	for _, m := range methods {
		for _, p := range paths {
			for _, v := range versions {
				sep := seps[i%len(seps)]
				i++
				corpus = append(corpus, m+sep+p+sep+v+"\r\n")
			}
		}
	}
	// Random lines built from the pieces parse_request looks at.
	pieces := []string{"GET", "POST", "/", "//", "HTTP/", "1", "2", ".", "0", "00000000000",
		" ", "\t", "\x0b", "\x1c", "\x85", "\xa0", "\r", "\n", "\xb9", "\xe9", "-", "x"}
	rng := rand.New(rand.NewPCG(87389, 1))
	for range 100 {
		var sb strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(6) == 0 {
				sb.WriteByte(byte(rng.IntN(256)))
			} else {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		corpus = append(corpus, sb.String())
	}
	for range 20 {
		b := make([]byte, rng.IntN(20))
		for j := range b {
			b[j] = byte(rng.IntN(256))
		}
		corpus = append(corpus, string(b))
	}
	return corpus
}

func TestCPythonRequestLine(t *testing.T) {
	type pyCase struct {
		Raw      []byte `json:"raw"` // base64 in JSON
		Protocol string `json:"protocol"`
	}
	var cases []pyCase
	for _, in := range requestLineCorpus() {
		for _, protocol := range []string{"HTTP/1.0", "HTTP/1.1"} {
			cases = append(cases, pyCase{[]byte(in), protocol})
		}
	}
	results := runCPython[pyRequestLine](t, "request_line", cases)
	if len(results) != len(cases) {
		t.Fatalf("CPython gave %d results for %d cases", len(results), len(cases))
	}
	for i, c := range cases {
		rl, err := ParseRequestLine(c.Raw, c.Protocol, "HTTP/0.9")
		got, mapErr := fromGo(rl, err)
		if mapErr != nil {
			t.Errorf("ParseRequestLine(%q, %q): %v", c.Raw, c.Protocol, mapErr)
			continue
		}
		if got.String() != results[i].String() {
			t.Errorf("ParseRequestLine(%q, %q) = %+v, %v\nas CPython: %v\nCPython:    %v",
				c.Raw, c.Protocol, rl, err, got, results[i])
		}
	}
	t.Logf("%d request lines compared with CPython", len(cases))
}

// pyHeaders is what parse_headers made of a block: the message's items,
// or the exception; and how far it read.
type pyHeaders struct {
	Items [][2]string `json:"items"`
	Exc   string      `json:"exc"`
	Str   string      `json:"str"`
	Tell  int         `json:"tell"`
}

func (p pyHeaders) String() string {
	if p.Exc != "" {
		return fmt.Sprintf("{%s(%q) tell=%d}", p.Exc, p.Str, p.Tell)
	}
	return fmt.Sprintf("{items=%q tell=%d}", p.Items, p.Tell)
}

// headersFromGo is ReadHeaderBlock and ParseHeader seen as parse_headers.
func headersFromGo(in []byte) (pyHeaders, error) {
	block, err := ReadHeaderBlock(bufio.NewReaderSize(bytes.NewReader(in), 16), nil)
	py := pyHeaders{Tell: len(block)}
	var e *Error
	switch {
	case err == nil:
		py.Items = [][2]string{}
		ParseHeader(block, func(name, value string) {
			py.Items = append(py.Items, [2]string{name, value})
		})
	case errors.As(err, &e) && e.Kind == HeaderLineTooLong:
		py.Exc, py.Str = "LineTooLong", "got more than 65536 bytes when reading header line"
	case errors.As(err, &e) && e.Kind == TooManyHeaders:
		py.Exc, py.Str = "HTTPException", "got more than 100 headers"
	default:
		return py, fmt.Errorf("unexpected error %#v", err)
	}
	return py, nil
}

// headerCorpus is every input of headerBlockTests and parseHeaderTests,
// blocks longer than the email parser's 8192-character chunks with line
// endings at the chunk boundary, and random blocks from a fixed seed.
func headerCorpus() []string {
	var corpus []string
	for _, tt := range headerBlockTests {
		corpus = append(corpus, tt.in)
	}
	for _, tt := range parseHeaderTests {
		corpus = append(corpus, tt.in)
	}
	// The first line ending falls at characters 8188 to 8193: a CR last
	// in the first chunk and its LF first in the second, among others.
	for _, n := range []int{8185, 8186, 8187, 8188, 8189, 8190} {
		long := "A: " + strings.Repeat("v", n)
		corpus = append(corpus,
			long+"\r\nB: 2\r\n\r\n",
			long+"\rB: 2\r\n\r\n",
			long+"\r 2\r\n\r\n",
			long+"\r\r\nB: 2\r\n",
			long+"\n\rB: 2\r\n")
	}
	pieces := []string{"Host", "X-A", "From ", "from", ":", ": ", "v", " ", "\t", "\r\n", "\r\n",
		"\r", "\n", "\xe9", "\x85", "\x00", "bad line", "\r\n ", "\r\n\t", "\r\n\r\n"}
	rng := rand.New(rand.NewPCG(22233, 2))
	for range 120 {
		var sb strings.Builder
		for range rng.IntN(16) {
			if rng.IntN(8) == 0 {
				sb.WriteByte(byte(rng.IntN(256)))
			} else {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		corpus = append(corpus, sb.String())
	}
	return corpus
}

func TestCPythonHeaders(t *testing.T) {
	corpus := headerCorpus()
	cases := make([][]byte, len(corpus)) // base64 in JSON
	for i, in := range corpus {
		cases[i] = []byte(in)
	}
	results := runCPython[pyHeaders](t, "headers", cases)
	if len(results) != len(cases) {
		t.Fatalf("CPython gave %d results for %d cases", len(results), len(cases))
	}
	for i, in := range cases {
		got, err := headersFromGo(in)
		if err != nil {
			t.Errorf("ReadHeaderBlock(%.80q): %v", in, err)
			continue
		}
		if got.String() != results[i].String() {
			t.Errorf("ReadHeaderBlock+ParseHeader(%.80q) = %.300s; CPython: %.300s", in, got, results[i])
		}
	}
	t.Logf("%d header blocks compared with CPython", len(cases))
}
