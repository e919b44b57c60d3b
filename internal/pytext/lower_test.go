package pytext

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/httpfixture/httpfixture/internal/cpython"
)

// The expected values are CPython 3.13's str.lower().
func TestLower(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"README.TXT", "readme.txt"},
		{"@[`{", "@[`{"},
		{"\u212aB", "kb"},
		{"T\u0130F", "ti\u0307f"},
		{"ǅ", "ǆ"},
		{"\xffA\xce", "\xffa\xce"},
		{"\xc9T\xc9", "\xc9t\xc9"},
		{"Σ", "σ"},
		{".Σ", ".σ"},
		{"ΑΣ", "ας"},
		{"ΑΣ'", "ας'"},
		{"ΑΣ'Α", "ασ'α"},
		{"Α'Σ", "α'ς"},
		{"ΑΣ1", "ας1"},
		{"ΑΣΑ", "ασα"},
		{"Α\u0301Σ", "α\u0301ς"},
		{"1Σ", "1σ"},
		{"Α\xffΣ", "α\xffσ"},
		{"ΑΣ\xff", "ας\xff"},
		{"ΑΣ\xce", "ας\xce"},
	}
	for _, tt := range tests {
		if got := Lower(tt.in); got != tt.want {
			t.Errorf("Lower(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestLowerAgainstCPython compares Lower with str.lower() for every code
// point, and the final-sigma rule's view of each (case-ignorable, cased or
// neither) with what CPython's lower() makes of a sigma next to it.
func TestLowerAgainstCPython(t *testing.T) {
	py := cpython.Find(t, "3.13")
	const script = `
import json
lowers, kinds = {}, []
for c in range(0x110000):
    if 0xD800 <= c < 0xE000:
        kinds.append("-")
        continue
    ch = chr(c)
    if ch.lower() != ch:
        lowers[c] = ch.lower()
    before = ("A" + ch + "\u03a3").lower()[-1] == "\u03c2"
    after = ("A\u03a3" + ch).lower()[1] == "\u03c2"
    kinds.append("i" if before and after else "c" if before else "n")
print(json.dumps({"lowers": lowers, "kinds": "".join(kinds)}))
`
	out, err := exec.Command(py.Path, "-I", "-c", script).Output()
	if err != nil {
		t.Fatalf("pytext: %s: %v", py.Path, err)
	}
	var res struct {
		Lowers map[rune]string `json:"lowers"`
		Kinds  string          `json:"kinds"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Kinds) != 0x110000 {
		t.Fatalf("pytext: %s answered %d kinds, %v; want 0x110000", py.Path, len(res.Kinds), err)
	}
	var diffs []string
	for r := rune(0); r < 0x110000; r++ {
		if 0xD800 <= r && r < 0xE000 {
			continue
		}
		want, ok := res.Lowers[r]
		if !ok {
			want = string(r)
		}
		if got := Lower(string(r)); got != want {
			diffs = append(diffs, fmt.Sprintf("Lower(%+q) = %+q; CPython %s says %+q", string(r), got, py.Full, want))
		}
		kind := byte('n')
		if caseIgnorable(r) {
			kind = 'i'
		} else if cased(r) {
			kind = 'c'
		}
		if kind != res.Kinds[r] {
			diffs = append(diffs, fmt.Sprintf("final-sigma kind of %U = %c; CPython %s says %c", r, kind, py.Full, res.Kinds[r]))
		}
	}
	if len(diffs) > 40 {
		diffs = append(diffs[:40], fmt.Sprintf("... and %d more", len(diffs)-40))
	}
	if len(diffs) > 0 {
		t.Errorf("Lower differs from CPython %s:\n%s", py.Full, strings.Join(diffs, "\n"))
	}
}
