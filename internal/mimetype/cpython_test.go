package mimetype

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/httpfixture/httpfixture/internal/cpython"
)

// The differential test asks CPython itself, in one Python process per
// version: SimpleHTTPRequestHandler.guess_type for a couple of thousand
// paths, with mimetypes holding only its built-in tables, once with the
// default extensions_map and once with customMap; and str.lower and the
// final-sigma context of every code point.

// cpythons names the CPython release each table was dumped from, the only
// release each is compared with (internal/cpython finds it). 3.14's table
// was read from its source (py314.txt): no CPython checks it.
var cpythons = map[string]string{"3.12": "3.12.1", "3.13": "3.13.0"}

// cpythonScript reads {"paths": [...], "custom": {...}} as JSON on stdin and
// prints one JSON object. Paths and strings travel as hex of their
// os.fsencode bytes, so bytes that are not UTF-8 keep their surrogates.
const cpythonScript = `
import json, mimetypes, os, sys

# init(files=[]) would still read /etc/mime.types: it reads knownfiles + files.
# With knownfiles empty, init() leaves the built-in tables alone.
mimetypes.knownfiles = []
mimetypes.init()
if (mimetypes.types_map != mimetypes._types_map_default
        or mimetypes.suffix_map != mimetypes._suffix_map_default
        or mimetypes.encodings_map != mimetypes._encodings_map_default):
    sys.exit("mimetypes holds more than its built-in tables")

import http.server
H = http.server.SimpleHTTPRequestHandler
handler = H.__new__(H)  # no socket, no handle()

def dec(h): return os.fsdecode(bytes.fromhex(h))
def enc(s): return os.fsencode(s).hex()

req = json.load(sys.stdin)
paths = [dec(p) for p in req["paths"]]
out = {"default": [enc(handler.guess_type(p)) for p in paths]}
handler.extensions_map = {dec(k): dec(v) for k, v in req["custom"].items()}
out["custom"] = [enc(handler.guess_type(p)) for p in paths]

json.dump(out, sys.stdout)
`

// customMap is the extensions_map of the second pass: keys that only match
// when the path's extension is lower-cased exactly as Python does.
var customMap = map[string]string{
	".HTML":    "x/upper-html",
	"":         "x/no-ext",
	".ας":      "x/alpha-final-sigma",
	".σ":       "x/sigma",
	".ς":       "x/final-sigma",
	".i\u0307": "x/i-dot",
	".k":       "x/k",
	".ǆ":       "x/dz",
	".\xff":    "x/ff",
	".Z":       "x/upper-z",
	".z":       "x/z",
}

// answers is what one CPython said, decoded.
type answers struct {
	defaults, custom []string // guess_type of each path, both passes
}

func TestAgainstCPython(t *testing.T) {
	if testing.Short() {
		t.Skip("mimetype: -short: not running CPython")
	}
	paths := differentialPaths()
	for _, v := range Versions() {
		t.Run(v, func(t *testing.T) {
			full, ok := cpythons[v]
			if !ok {
				t.Skipf("mimetype: no CPython %s to compare with: its table comes from py314.txt", v)
			}
			py, err := cpython.Lookup(full)
			if err != nil {
				t.Skipf("mimetype: %v: differential test skipped", err)
			}
			t.Parallel()
			res := runCPython(t, py.Path, paths)
			tab, _ := For(v)
			var diffs []string
			diffs = append(diffs, compareGuesses(tab, paths, nil, res.defaults, full)...)
			diffs = append(diffs, compareGuesses(tab, paths, customMap, res.custom, full)...)
			if !report(t, diffs) {
				t.Logf("CPython %s agrees on %d paths, twice", full, len(paths))
			}
		})
	}
}

// differentialPaths returns every extension any table knows, as it is,
// upper-cased and followed by each encoding suffix, then names from a
// seeded generator and a few written by hand.
func differentialPaths() []string {
	var exts []string
	for _, v := range Versions() {
		tab, _ := For(v)
		for _, m := range []map[string]string{tab.types, tab.suffixes, tab.encodings, tab.extensions} {
			for ext := range m {
				exts = append(exts, ext)
			}
		}
	}
	slices.Sort(exts)
	exts = slices.Compact(exts)
	var paths []string
	for _, ext := range exts {
		paths = append(paths, "/srv/f"+ext, "/srv/F"+strings.ToUpper(ext))
		for _, enc := range []string{".gz", ".bz2", ".Z", ".xz", ".br"} {
			paths = append(paths, "/srv/f"+ext+enc)
		}
	}
	pieces := []string{
		"a", "B", "index", ".", ".", ".", "/", ":", "..", "html", "HTML", "tar", "gz", "GZ",
		"Z", "z", "br", "svgz", "tgz", "md", "js", "data:", "text/css", ",", ";", "=", " ",
		"Σ", "Α", "'", "\u212a", "\u0130", "ǅ", "é", "\u0301", "\xff", "\xce",
	}
	rng := rand.New(rand.NewPCG(2024, 10))
	for range 800 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			b.WriteString("/srv/")
		}
		for range 1 + rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		paths = append(paths, b.String())
	}
	return append(paths, "", ".", "/", "/srv/.gz", "/srv/a.İ", "/srv/a.\u212a", "/srv/a.ǅ",
		"/srv/a.ΑΣ", "/srv/a.Σ", "/srv/a.ΑΣ'", "/srv/a.ΑΣ'Α", "/srv/a.\xff", "a:.html",
		"data:text/css,x", "DATA:;x=y,z", "data:", "/srv/a:.html")
}

// runCPython runs cpythonScript over paths in one process.
func runCPython(t *testing.T, exe string, paths []string) answers {
	t.Helper()
	req := struct {
		Paths  []string          `json:"paths"`
		Custom map[string]string `json:"custom"`
	}{Custom: map[string]string{}}
	for _, p := range paths {
		req.Paths = append(req.Paths, hex.EncodeToString([]byte(p)))
	}
	for k, v := range customMap {
		req.Custom[hex.EncodeToString([]byte(k))] = hex.EncodeToString([]byte(v))
	}
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), exe, "-X", "utf8", "-c", cpythonScript)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("mimetype: %s: %v\n%s", exe, err, stderr.Bytes())
	}
	var res struct {
		Default []string `json:"default"`
		Custom  []string `json:"custom"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("mimetype: %s: reading its answer: %v", exe, err)
	}
	if len(res.Default) != len(paths) || len(res.Custom) != len(paths) {
		t.Fatalf("mimetype: %s answered %d and %d guesses; want %d and %d",
			exe, len(res.Default), len(res.Custom), len(paths), len(paths))
	}
	var a answers
	unhex := func(h string) string {
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatalf("mimetype: %s: answer %q is not hex: %v", exe, h, err)
		}
		return string(b)
	}
	for i := range paths {
		a.defaults = append(a.defaults, unhex(res.Default[i]))
		a.custom = append(a.custom, unhex(res.Custom[i]))
	}
	return a
}

// compareGuesses lists the paths whose GuessType differs from CPython's.
func compareGuesses(tab *Table, paths []string, m map[string]string, want []string, full string) []string {
	var diffs []string
	for i, p := range paths {
		if got := tab.GuessType(p, m); got != want[i] {
			diffs = append(diffs, fmt.Sprintf("For(%q).GuessType(%q, %s) = %q; CPython %s says %q",
				tab.version, p, mapName(m), got, full, want[i]))
		}
	}
	return diffs
}

func mapName(m map[string]string) string {
	if m == nil {
		return "nil"
	}
	return "customMap"
}

// report fails t with every difference, sorted, the first 40 in full,
// and reports whether there were any.
func report(t *testing.T, diffs []string) bool {
	t.Helper()
	if len(diffs) == 0 {
		return false
	}
	slices.Sort(diffs)
	shown := diffs[:min(len(diffs), 40)]
	t.Errorf("%d differences from CPython:\n%s", len(diffs), strings.Join(shown, "\n"))
	if len(shown) < len(diffs) {
		t.Errorf("... and %d more", len(diffs)-len(shown))
	}
	return true
}
