package pyurl

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/httpfixture/httpfixture/internal/cpython"
	"github.com/httpfixture/httpfixture/internal/pytext"
)

// The differential test asks CPython 3.13 itself, in one process, about
// a few thousand generated request paths, file names and lists of them,
// and about every code point's lower case and NFKC form.

// cpythonScript reads the cases as JSON on stdin and prints one JSON
// object. Strings travel as base64 of their UTF-8, file names of their
// os.fsencode bytes, so surrogate escapes survive.
const cpythonScript = `
import base64, json, os, posixpath, sys, unicodedata, urllib.parse as up

if sys.getfilesystemencoding() != "utf-8" or sys.getfilesystemencodeerrors() != "surrogateescape":
    sys.exit("file system encoding is not utf-8 with surrogateescape")

def dec(s): return base64.b64decode(s)
def enc(b): return base64.b64encode(b).decode()
def name(s): return os.fsdecode(dec(s))

def unquote_fs(s):  # translate_path, then os.fsencode
    try:
        r = up.unquote(s, errors="surrogatepass")
    except UnicodeDecodeError:
        r = up.unquote(s)
    try:
        return enc(os.fsencode(r))
    except UnicodeEncodeError:
        return None

def split(s):
    try:
        r = up.urlsplit(s)
    except ValueError as e:
        return {"error": str(e)}
    return {"parts": [enc(p.encode()) for p in r], "unsplit": enc(up.urlunsplit(r).encode())}

req = json.load(sys.stdin)
texts = [dec(s).decode() for s in req["texts"]]
out = {
    "unquote": [unquote_fs(s) for s in texts],
    "split": [split(s) for s in texts],
    "unsplit": [enc(up.urlunsplit([dec(p).decode() for p in t]).encode()) for t in req["tuples"]],
    "normpath": [enc(os.fsencode(posixpath.normpath(name(p)))) for p in req["paths"]],
    "quote": [up.quote(name(n), errors="surrogatepass") for n in req["names"]],
    "lower": [enc(os.fsencode(name(n).lower())) for n in req["names"]],
    "sorted": [[enc(os.fsencode(n)) for n in sorted(map(name, l), key=str.lower)] for l in req["lists"]],
    "lowers": [[c, enc(chr(c).lower().encode())] for c in range(0x110000)
               if not 0xD800 <= c < 0xE000 and chr(c).lower() != chr(c)],
    "nfkc": [c for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000
             and any(d in unicodedata.normalize("NFKC", chr(c)) for d in "/?#@:")],
}
json.dump(out, sys.stdout)
`

// cases is what the test sends; answers what CPython sends back, decoded.
type cases struct {
	texts  []string    // request paths: UnquoteFS, URLSplit, URLUnsplit
	tuples [][5]string // URLUnsplit
	paths  []string    // fs bytes: Normpath
	names  []string    // fs bytes: QuoteFS, Lower
	lists  [][]string  // fs bytes: the listing order
}

type answers struct {
	unquote  []*string // nil where os.fsencode raises
	split    []splitAnswer
	unsplit  []string
	normpath []string
	quote    []string
	lower    []string
	sorted   [][]string
	lowers   map[rune]string // str.lower() of each code point it changes
	nfkc     []rune          // code points whose NFKC form holds a delimiter
}

type splitAnswer struct {
	err     string
	parts   SplitResult
	unsplit string
}

func TestAgainstCPython(t *testing.T) {
	py := cpython.Find(t, "3.13")
	c := generate(rand.New(rand.NewPCG(1913, 313)))
	a := runCPython(t, py.Path, c)
	t.Run("UnquoteFS", func(t *testing.T) {
		var diffs []string
		for i, s := range c.texts {
			got, ok := UnquoteFS(s)
			if want := a.unquote[i]; (want == nil) == ok || (ok && got != *want) {
				diffs = append(diffs, fmt.Sprintf("UnquoteFS(%+q) = %+q, %v; CPython %s says %s", s, got, ok, py.Full, showFS(want)))
			}
		}
		report(t, diffs, len(c.texts))
	})
	t.Run("URLSplit", func(t *testing.T) {
		var diffs []string
		for i, s := range c.texts {
			diffs = append(diffs, compareSplit(s, a.split[i], py.Full)...)
		}
		for i, tu := range c.tuples {
			r := SplitResult{tu[0], tu[1], tu[2], tu[3], tu[4]}
			if got := URLUnsplit(r); got != a.unsplit[i] {
				diffs = append(diffs, fmt.Sprintf("URLUnsplit(%+q) = %+q; CPython %s says %+q", r, got, py.Full, a.unsplit[i]))
			}
		}
		report(t, diffs, len(c.texts)+len(c.tuples))
	})
	t.Run("Normpath", func(t *testing.T) {
		var diffs []string
		for i, p := range c.paths {
			if got := Normpath(p); got != a.normpath[i] {
				diffs = append(diffs, fmt.Sprintf("Normpath(%+q) = %+q; CPython %s says %+q", p, got, py.Full, a.normpath[i]))
			}
		}
		report(t, diffs, len(c.paths))
	})
	t.Run("QuoteFS", func(t *testing.T) {
		var diffs []string
		for i, n := range c.names {
			if got := QuoteFS(n); got != a.quote[i] {
				diffs = append(diffs, fmt.Sprintf("QuoteFS(%+q) = %q; CPython %s says %q", n, got, py.Full, a.quote[i]))
			}
		}
		report(t, diffs, len(c.names))
	})
	t.Run("Lower", func(t *testing.T) {
		diffs := compareLower(c.names, a, py.Full)
		report(t, diffs, len(c.names)+0x110000)
	})
	t.Run("ListingOrder", func(t *testing.T) {
		var diffs []string
		for i, l := range c.lists {
			got := slices.Clone(l)
			slices.SortStableFunc(got, func(a, b string) int { return Compare(pytext.Lower(a), pytext.Lower(b)) })
			if !slices.Equal(got, a.sorted[i]) {
				diffs = append(diffs, fmt.Sprintf("listing order of %+q = %+q; CPython %s says %+q", l, got, py.Full, a.sorted[i]))
			}
		}
		report(t, diffs, len(c.lists))
	})
	t.Run("NFKC", func(t *testing.T) {
		if !slices.Equal(nfkcDelimiters, a.nfkc) {
			t.Errorf("nfkcDelimiters = %U; CPython %s's unicodedata says %U", nfkcDelimiters, py.Full, a.nfkc)
		}
	})
}

// showFS shows an answer of UnquoteFS's.
func showFS(s *string) string {
	if s == nil {
		return "UnicodeEncodeError"
	}
	return fmt.Sprintf("%+q", *s)
}

// compareSplit lists how URLSplit of s, and URLUnsplit of its result,
// differ from CPython's answer.
func compareSplit(s string, want splitAnswer, full string) []string {
	got, err := URLSplit(s)
	switch {
	case want.err != "" && (err == nil || err.Error() != want.err):
		return []string{fmt.Sprintf("URLSplit(%+q) = %+q, %v; CPython %s raises ValueError(%q)", s, got, err, full, want.err)}
	case want.err != "":
		return nil
	case err != nil || got != want.parts:
		return []string{fmt.Sprintf("URLSplit(%+q) = %+q, %v; CPython %s says %+q", s, got, err, full, want.parts)}
	}
	if u := URLUnsplit(got); u != want.unsplit {
		return []string{fmt.Sprintf("URLUnsplit(%+q) = %+q; CPython %s says %+q", got, u, full, want.unsplit)}
	}
	return nil
}

// compareLower lists the names and code points whose Lower differs from
// CPython's str.lower().
func compareLower(names []string, a answers, full string) []string {
	var diffs []string
	for i, n := range names {
		if got := pytext.Lower(n); got != a.lower[i] {
			diffs = append(diffs, fmt.Sprintf("pytext.Lower(%+q) = %+q; CPython %s says %+q", n, got, full, a.lower[i]))
		}
	}
	for r := rune(0); r < 0x110000; r++ {
		if 0xD800 <= r && r < 0xE000 {
			continue
		}
		want, ok := a.lowers[r]
		if !ok {
			want = string(r)
		}
		if got := pytext.Lower(string(r)); got != want {
			diffs = append(diffs, fmt.Sprintf("pytext.Lower(%+q) = %+q; CPython %s says %+q", string(r), got, full, want))
		}
	}
	return diffs
}

// report fails t with every difference, sorted, the first 40 in full, or
// logs how many cases agreed.
func report(t *testing.T, diffs []string, n int) {
	t.Helper()
	if len(diffs) == 0 {
		t.Logf("CPython agrees on all %d cases", n)
		return
	}
	slices.Sort(diffs)
	shown := diffs[:min(len(diffs), 40)]
	t.Errorf("%d of %d cases differ from CPython:\n%s", len(diffs), n, strings.Join(shown, "\n"))
	if len(shown) < len(diffs) {
		t.Errorf("... and %d more", len(diffs)-len(shown))
	}
}

// runCPython runs cpythonScript over c in one process.
func runCPython(t *testing.T, python string, c cases) answers {
	t.Helper()
	b64 := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = base64.StdEncoding.EncodeToString([]byte(s))
		}
		return out
	}
	req := map[string]any{"texts": b64(c.texts), "paths": b64(c.paths), "names": b64(c.names)}
	var tuples, lists [][]string
	for _, tu := range c.tuples {
		tuples = append(tuples, b64(tu[:]))
	}
	for _, l := range c.lists {
		lists = append(lists, b64(l))
	}
	req["tuples"], req["lists"] = tuples, lists
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), python, "-I", "-X", "utf8", "-c", cpythonScript)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pyurl: %s: running CPython: %v\n%s", python, err, stderr.Bytes())
	}
	return decodeAnswers(t, python, out, c)
}

// decodeAnswers decodes CPython's output and checks it answers every case.
func decodeAnswers(t *testing.T, python string, out []byte, c cases) answers {
	t.Helper()
	var res struct {
		Unquote []*string
		Split   []struct {
			Error, Unsplit string
			Parts          []string
		}
		Unsplit  []string
		Normpath []string
		Quote    []string
		Lower    []string
		Sorted   [][]string
		Lowers   [][2]json.RawMessage
		NFKC     []rune
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("pyurl: %s: decoding CPython's output: %v", python, err)
	}
	if len(res.Unquote) != len(c.texts) || len(res.Split) != len(c.texts) || len(res.Unsplit) != len(c.tuples) ||
		len(res.Normpath) != len(c.paths) || len(res.Quote) != len(c.names) || len(res.Lower) != len(c.names) ||
		len(res.Sorted) != len(c.lists) {
		t.Fatalf("pyurl: %s: CPython's output does not answer every case", python)
	}
	unb64 := func(s string) string {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("pyurl: %s: answer %q is not base64: %v", python, s, err)
		}
		return string(b)
	}
	all := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = unb64(s)
		}
		return out
	}
	a := answers{quote: res.Quote, normpath: all(res.Normpath), unsplit: all(res.Unsplit), lower: all(res.Lower),
		nfkc: res.NFKC, lowers: map[rune]string{}}
	for _, u := range res.Unquote {
		if u != nil {
			s := unb64(*u)
			u = &s
		}
		a.unquote = append(a.unquote, u)
	}
	for _, s := range res.Split {
		ans := splitAnswer{err: s.Error, unsplit: unb64(s.Unsplit)}
		if p := all(s.Parts); len(p) == 5 {
			ans.parts = SplitResult{p[0], p[1], p[2], p[3], p[4]}
		}
		a.split = append(a.split, ans)
	}
	for _, l := range res.Sorted {
		a.sorted = append(a.sorted, all(l))
	}
	for _, kv := range res.Lowers {
		var r rune
		var s string
		if json.Unmarshal(kv[0], &r) != nil || json.Unmarshal(kv[1], &s) != nil {
			t.Fatalf("pyurl: %s: lower-case pair %s is not [code point, base64]", python, kv)
		}
		a.lowers[r] = unb64(s)
	}
	return a
}

// generate makes the cases from rng.
func generate(rng *rand.Rand) cases {
	var c cases
	for range 3000 {
		c.texts = append(c.texts, genText(rng))
	}
	for range 500 {
		var tu [5]string
		for i := range tu {
			if rng.IntN(2) == 0 {
				tu[i] = pick(rng, unsplitPieces) + pick(rng, unsplitPieces)
			}
		}
		c.tuples = append(c.tuples, tu)
	}
	for range 1000 {
		c.paths = append(c.paths, genFS(rng, pathPieces, 8))
	}
	for range 2000 {
		c.names = append(c.names, genFS(rng, namePieces, 5))
	}
	for range 300 {
		l := make([]string, 2+rng.IntN(12))
		for i := range l {
			l[i] = genFS(rng, namePieces, 3)
		}
		c.lists = append(c.lists, l)
	}
	return c
}

// textPieces make request paths: %-escapes valid, invalid and of
// surrogates, Latin-1 characters as a request line decodes them, URL
// delimiters, schemes and hosts, controls, and the odd NFKC character.
var textPieces = []string{
	"/", "/", "/", "//", "a", "B", "dir", ".", "..", " ", "?", "#", "&", "=", "+", ";", "@", ":", "~",
	"%41", "%2F", "%2f", "%2e", "%2E%2E", "%20", "%25", "%00", "%C3%A9", "%c3%a9", "%C3", "%A9", "%E9",
	"%ED%B2%80", "%ED%B3%BF", "%ed%b3%a9", "%ED%A0%80", "%ED%B0%80", "%ED%9F%BF", "%ED%A0",
	"%E2%82%AC", "%E2%82", "%F0%9F%98%80", "%F0%9F", "%C0%AF", "%F4%90%80%80", "%FF",
	"%", "%%", "%4", "%zz", "%G1", "%1",
	"é", "É", "\u0085", "\u00a0", "\u00ff", "\u0080", "\u00ad",
	"\x00", "\x01", "\x1f", "\x7f", "\t", "\r", "\n",
	"c:", "C:", "http:", "HTTPS://", "https://host/x", "file://", "svn+ssh:", "1a:", "a_b:",
	"[", "]", "[::1]", "[v1.x]", "[v.]", "[1.2.3.4]", "[fe80::1%25eth0]", "[::ffff:1.2.3.4]",
	"host", "h:80", "u@h", "\u2100", "\uff0f", "\uff20", "\u2047",
}

// unsplitPieces make the parts URLUnsplit joins.
var unsplitPieces = []string{"", "", "/", "//", "a", "http", "file", "svn+ssh", "h", "?", "#", ":", "é", "x/y"}

// pathPieces make fs bytes for Normpath.
var pathPieces = []string{"/", "/", "/", "//", ".", "..", "...", "a", "b", " ", "\x00", "\xff", "é", ". ", "\xed\xa0\x80"}

// namePieces make file names: case pairs, letters whose lower case is
// special, raw bytes that are not UTF-8, and code points either side of
// the surrogates their escapes sort among.
var namePieces = []string{
	"a", "A", "b", "B", "e", "E", "k", "K", "i", "I", "z", "Z", "_", "~", ".", "-", " ", "0", "9", "%", "/", "?",
	"é", "É", "Σ", "σ", "ς", "Α", "'", "\u0301", "\u0130", "\u212a", "ǅ", "ß", "\u1e9e", "Ω", "\u2126",
	"\x80", "\xc3", "\xe9", "\xff", "\xed\xa0\x80", "\xed\xb2\x80", "\xe2\x82",
	"\ud7ff", "\ue000", "\ufffd", "\U0001F600", "\u00ff", "\u0178",
}

// urlPrefixes start a third of the request paths, hosts follow them.
var urlPrefixes = []string{"//", "http://", "HTTPS://", " \t//", "\x00//", "c://", "a+b.c-d://", "//u@", "file:///"}

// hostPieces make hosts, mostly in brackets, for urlsplit's checks of
// IPv6 and IPvFuture literals.
var hostPieces = []string{"0", "1", "12", "255", "256", "01", "ffff", "FFFF", "12345", "g", "v", "V", ".", ":", "::", ":::", "%25", "%", "é", "x"}

// genText makes a request path of textPieces and random %-escapes and
// Latin-1 characters, a third of them URLs with a scheme or host.
func genText(rng *rand.Rand) string {
	var b strings.Builder
	if rng.IntN(3) == 0 {
		b.WriteString(pick(rng, urlPrefixes))
		b.WriteString(genHost(rng))
	}
	for range rng.IntN(10) {
		switch rng.IntN(8) {
		case 0:
			fmt.Fprintf(&b, "%%%02X", rng.IntN(256))
		case 1:
			b.WriteRune(rune(0x80 + rng.IntN(0x80)))
		default:
			b.WriteString(pick(rng, textPieces))
		}
	}
	return b.String()
}

// addresses are whole IP literals, some of them valid.
var addresses = []string{
	"::1", "::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::ffff:1.2.3.4", "1.2.3.4", "fe80::1%25eth0",
	"v1.x", "vF.:", "2001:db8::", "1::2:3", "0.0.0.0", "1.2.3.04",
}

// genHost makes a host, in brackets four times out of five, and maybe a
// port.
func genHost(rng *rand.Rand) string {
	var b strings.Builder
	bracket := rng.IntN(5) != 0
	if bracket {
		b.WriteString("[")
	}
	if rng.IntN(2) == 0 {
		b.WriteString(pick(rng, addresses))
	}
	for range rng.IntN(4) {
		b.WriteString(pick(rng, hostPieces))
	}
	if bracket {
		b.WriteString("]")
	}
	if rng.IntN(4) == 0 {
		b.WriteString(":80")
	}
	return b.String()
}

// genFS makes fs bytes of up to max pieces.
func genFS(rng *rand.Rand, pieces []string, max int) string {
	var b strings.Builder
	for range rng.IntN(max + 1) {
		b.WriteString(pick(rng, pieces))
	}
	return b.String()
}

func pick(rng *rand.Rand, pieces []string) string { return pieces[rng.IntN(len(pieces))] }
