package mimetype

import (
	"maps"
	"slices"
	"testing"
)

func TestTables(t *testing.T) {
	sizes := map[string][4]int{ // types, suffixes, encodings, extensions
		"3.12": {149, 6, 5, 4},
		"3.13": {154, 6, 5, 4},
		"3.14": {198, 6, 5, 4},
	}
	for _, v := range Versions() {
		tab, ok := For(v)
		if !ok {
			t.Fatalf("For(%q) found no table", v)
		}
		got := [4]int{len(tab.types), len(tab.suffixes), len(tab.encodings), len(tab.extensions)}
		if got != sizes[v] || tab.version != v {
			t.Errorf("For(%q) = version %q, sizes %v; want %q, %v", v, tab.version, got, v, sizes[v])
		}
		if tab.splitsScheme != (v == "3.12") {
			t.Errorf("For(%q).splitsScheme = %v; want %v", v, tab.splitsScheme, v == "3.12")
		}
	}
	for _, v := range []string{"2.7", "3.11", "3", "3.13.0", ""} {
		if _, ok := For(v); ok {
			t.Errorf("For(%q) found a table; want none", v)
		}
	}
}

func TestDefaultExtensionsMap(t *testing.T) {
	want := map[string]string{
		".gz":  "application/gzip",
		".Z":   "application/octet-stream",
		".bz2": "application/x-bzip2",
		".xz":  "application/x-xz",
	}
	for _, v := range Versions() {
		tab, _ := For(v)
		got := tab.DefaultExtensionsMap()
		if !maps.Equal(got, want) {
			t.Errorf("For(%q).DefaultExtensionsMap() = %v; want %v", v, got, want)
		}
		got[".gz"] = "changed"
		delete(got, ".xz")
		if again := tab.DefaultExtensionsMap(); !maps.Equal(again, want) {
			t.Errorf("For(%q).DefaultExtensionsMap() after changing a copy = %v; want %v", v, again, want)
		}
	}
}

// TestGuessType runs each path through every version with the default
// extensions_map. The answers were taken from CPython 3.12.1 and 3.13.0
// (TestAgainstCPython checks far more); 3.14's follow its table.
func TestGuessType(t *testing.T) {
	const oct = "application/octet-stream"
	tests := []struct {
		name, path          string
		py312, py313, py314 string
	}{
		{"plain", "/srv/index.html", "text/html", "text/html", "text/html"},
		{"upper ext", "/srv/INDEX.HTML", "text/html", "text/html", "text/html"},
		{"mixed case ext", "/srv/a.HtMl", "text/html", "text/html", "text/html"},
		{"js", "/srv/app.js", "text/javascript", "text/javascript", "text/javascript"},
		{"upper js", "/srv/APP.JS", "text/javascript", "text/javascript", "text/javascript"},
		{"mjs", "/srv/mod.mjs", "text/javascript", "text/javascript", "text/javascript"},
		{"double ext", "/srv/a.txt.html", "text/html", "text/html", "text/html"},
		{"tar.gz: extensions_map", "/srv/a.tar.gz", "application/gzip", "application/gzip", "application/gzip"},
		{"TAR.GZ lowered in extensions_map", "/srv/a.TAR.GZ", "application/gzip", "application/gzip", "application/gzip"},
		{"gz alone", "/srv/a.gz", "application/gzip", "application/gzip", "application/gzip"},
		{"dot gz is no extension", "/srv/.gz", oct, oct, oct},
		{"tgz via suffix_map", "/srv/a.tgz", "application/x-tar", "application/x-tar", "application/x-tar"},
		{"TGZ: suffix_map lower-cases", "/srv/a.TGZ", "application/x-tar", "application/x-tar", "application/x-tar"},
		{"taz", "/srv/a.taz", "application/x-tar", "application/x-tar", "application/x-tar"},
		{"tbz2", "/srv/a.tbz2", "application/x-tar", "application/x-tar", "application/x-tar"},
		{"txz", "/srv/a.txz", "application/x-tar", "application/x-tar", "application/x-tar"},
		{"tar.bz2", "/srv/a.tar.bz2", "application/x-bzip2", "application/x-bzip2", "application/x-bzip2"},
		{"tar.xz", "/srv/a.tar.xz", "application/x-xz", "application/x-xz", "application/x-xz"},
		{"svgz", "/srv/logo.svgz", "image/svg+xml", "image/svg+xml", "image/svg+xml"},
		{"br encoding dropped", "/srv/app.css.br", "text/css", "text/css", "text/css"},
		{"BR: encodings are case-sensitive", "/srv/app.css.BR", oct, oct, oct},
		{"Z: extensions_map", "/srv/a.html.Z", oct, oct, oct},
		{"z is not Z", "/srv/a.html.z", oct, oct, oct},
		{"gz after br", "/srv/a.gz.br", oct, oct, "application/gzip"},
		{"bashrc", "/srv/.bashrc", oct, oct, oct},
		{"dots before name", "/srv/..html", oct, oct, oct},
		{"dots then ext", "/srv/..a.html", "text/html", "text/html", "text/html"},
		{"trailing dot", "/srv/a.", oct, oct, oct},
		{"dot in directory", "/srv/dir.d/file", oct, oct, oct},
		{"dot in directory then ext", "/srv/dir.html/file", oct, oct, oct},
		{"no directory", "page.html", "text/html", "text/html", "text/html"},
		{"unknown ext", "/srv/data.unknownext", oct, oct, oct},
		{"empty", "", oct, oct, oct},
		{"md", "/srv/notes.md", oct, "text/markdown", "text/markdown"},
		{"webp non-strict in 3.12", "/srv/a.webp", oct, "image/webp", "image/webp"},
		{"rtf", "/srv/a.rtf", oct, "text/rtf", "text/rtf"},
		{"wav", "/srv/a.wav", "audio/x-wav", "audio/x-wav", "audio/vnd.wave"},
		{"avi", "/srv/a.avi", "video/x-msvideo", "video/x-msvideo", "video/vnd.avi"},
		{"woff2", "/srv/f.woff2", oct, oct, "font/woff2"},
		{"yaml", "/srv/c.yaml", oct, oct, "application/yaml"},
		{"texinfo", "/srv/doc.texi", "application/x-texinfo", "application/x-texinfo", "application/x-texinfo"},
		{"toml is 3.15's", "/srv/pyproject.toml", oct, oct, oct},
		{"kelvin sign lowers to k", "/srv/run.\u212aSH", "text/plain", "text/plain", "text/plain"},
		{"dotted capital I lowers to two runes", "/srv/a.T\u0130F", oct, oct, oct},
		{"not UTF-8", "/srv/a.\xffhtml", oct, oct, oct},
		{"data URL in 3.12", "data:text/css,x", "text/css", oct, oct},
		{"DATA URL in 3.12", "DATA:text/css;charset=utf-8,x", "text/css", oct, oct},
		{"data URL without comma", "data:text/css", oct, oct, oct},
		{"data URL with parameter only", "data:;base64,eA==", "text/plain", oct, oct},
		{"scheme eats the name in 3.12", "a:.html", oct, "text/html", "text/html"},
		{"scheme keeps the extension in 3.12", "a:b.html", "text/html", "text/html", "text/html"},
		{"colon after slash is no scheme", "/srv/a:.html", "text/html", "text/html", "text/html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for v, want := range map[string]string{"3.12": tt.py312, "3.13": tt.py313, "3.14": tt.py314} {
				tab, _ := For(v)
				if got := tab.GuessType(tt.path, nil); got != want {
					t.Errorf("For(%q).GuessType(%q, nil) = %q; want %q", v, tt.path, got, want)
				}
			}
		})
	}
}

// TestGuessTypeExtensionsMap gives the handler an extensions_map of its own.
func TestGuessTypeExtensionsMap(t *testing.T) {
	const oct = "application/octet-stream"
	custom := map[string]string{
		".HTML": "x/upper-html",
		"":      "x/no-ext",
		".ας":   "x/alpha-final-sigma",
		".σ":    "x/sigma",
	}
	tests := []struct {
		path string
		m    map[string]string
		want string
	}{
		{"/srv/a.tar.gz", map[string]string{}, "application/x-tar"},
		{"/srv/a.html.Z", map[string]string{}, "text/html"},
		{"/srv/a.html.z", map[string]string{}, oct},
		{"/srv/a.tgz", map[string]string{}, "application/x-tar"},
		{"/srv/a.gz", map[string]string{}, oct},
		{"/srv/a.HTML", custom, "x/upper-html"},
		{"/srv/a.html", custom, "text/html"},
		{"/srv/a.Html", custom, "text/html"},
		{"/srv/README", custom, "x/no-ext"},
		{"/srv/.bashrc", custom, "x/no-ext"},
		{"/srv/a.ΑΣ", custom, "x/alpha-final-sigma"},
		{"/srv/a.Σ", custom, "x/sigma"},
		{"/srv/a.tar.gz", custom, "application/x-tar"},
	}
	for _, v := range Versions() {
		tab, _ := For(v)
		for _, tt := range tests {
			if got := tab.GuessType(tt.path, tt.m); got != tt.want {
				t.Errorf("For(%q).GuessType(%q, %v) = %q; want %q", v, tt.path, tt.m, got, tt.want)
			}
		}
	}
	if len(custom) != 4 {
		t.Errorf("GuessType changed its extensionsMap: %v", custom)
	}
}

func TestDataType(t *testing.T) {
	tests := []struct{ in, want string }{
		{"text/css,x", "text/css"},
		{"text/css;charset=utf-8,x", "text/css"},
		{";base64,eA==", "text/plain"},
		{",", "text/plain"},
		{"a=b/c,x", "text/plain"},
		{"text/css", ""},
		{"x/y;a=b", ""},
		{"x/y,a;b", "x/y"},
	}
	for _, tt := range tests {
		if got := dataType(tt.in); got != tt.want {
			t.Errorf("dataType(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestVersions(t *testing.T) {
	got := Versions()
	if want := []string{"3.12", "3.13", "3.14"}; !slices.Equal(got, want) {
		t.Errorf("Versions() = %q; want %q", got, want)
	}
	for _, v := range got {
		if _, ok := For(v); !ok {
			t.Errorf("For(%q) found no table; Versions lists it", v)
		}
	}
	got[0] = "changed"
	if Versions()[0] != "3.12" {
		t.Errorf("Versions() returned its own slice")
	}
}
