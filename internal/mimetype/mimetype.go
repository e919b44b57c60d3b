// Package mimetype answers SimpleHTTPRequestHandler.guess_type(path) as
// CPython does: the Content-Type http.server sends with a file.
//
// CPython answers from the handler's extensions_map first and then from the
// mimetypes module, whose tables it fills at start-up from built-in defaults
// and from the machine's /etc/mime.types and the like. Only the built-in
// defaults are held here, so every machine gets the same answer: a type that
// only some machine's mime.types knows is "application/octet-stream" here.
//
// The defaults change between CPython versions (3.13 added .md and made .webp
// standard, 3.14 added some forty types), so they are kept per version, as
// data generated from CPython itself; 3.14's, with no CPython 3.14 at hand,
// from its source (py314.txt says where it was read).
//
// Strings hold Python text as UTF-8. Bytes that are not UTF-8 stand for
// themselves, as the surrogates os.fsdecode makes of them do in Python: they
// match only themselves and have no case.
package mimetype

import (
	"maps"
	"strings"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

//go:generate sh -c "python3 gen_tables.py 3.12.1 3.13.0 py314.txt > tables.go && gofmt -w tables.go"

// octetStream is guess_type's answer when nothing matches.
const octetStream = "application/octet-stream"

// Table is what one CPython version knows of file types: mimetypes'
// built-in types_map, suffix_map and encodings_map, and the default
// extensions_map of SimpleHTTPRequestHandler. A Table is never modified
// and is safe for concurrent use.
type Table struct {
	version string
	// splitsScheme is set where the handler calls mimetypes.guess_type,
	// which reads "scheme:rest" as a URL (3.12), not guess_file_type.
	splitsScheme bool
	types        map[string]string // _types_map_default, strict: ".html" → "text/html"
	suffixes     map[string]string // _suffix_map_default: ".tgz" → ".tar.gz"
	encodings    map[string]string // _encodings_map_default: ".gz" → "gzip"
	extensions   map[string]string // SimpleHTTPRequestHandler.extensions_map
}

var tables = map[string]*Table{
	"3.12": py312,
	"3.13": py313,
	"3.14": py314,
}

// For returns the table of CPython version v ("3.12", "3.13", "3.14").
// The second result is false when no table is held for v.
func For(v string) (*Table, bool) {
	t, ok := tables[v]
	return t, ok
}

// Versions lists the CPython versions a table is held for, oldest first.
func Versions() []string { return []string{"3.12", "3.13", "3.14"} }

// DefaultExtensionsMap returns a copy of SimpleHTTPRequestHandler's
// extensions_map in this version, the same in 3.12 to 3.14:
//
//	{".gz": "application/gzip", ".Z": "application/octet-stream",
//	 ".bz2": "application/x-bzip2", ".xz": "application/x-xz"}
func (t *Table) DefaultExtensionsMap() map[string]string { return maps.Clone(t.extensions) }

// GuessType returns what SimpleHTTPRequestHandler.guess_type(path) returns
// in this CPython version when mimetypes holds only its built-in tables.
// extensionsMap stands for the handler's extensions_map: nil means the
// version's default (see [Table.DefaultExtensionsMap]); an empty map is a
// handler whose extensions_map is {}. GuessType does not modify it.
//
// The steps are CPython's. The extension posixpath.splitext finds is looked
// up in extensionsMap as it is, then lower-cased. Failing that, mimetypes
// guesses: suffix_map rewrites the extension (".tgz" to ".tar.gz", ".svgz"
// to ".svg.gz"), one encoding suffix is dropped (".gz", ".Z", ".bz2", ".xz",
// ".br", case-sensitive), and the extension left, lower-cased, is looked up
// in types_map. When nothing matches the answer is
// "application/octet-stream". With the 3.13 table and a nil extensionsMap:
//
//	GuessType("/srv/index.html", nil) = "text/html"
//	GuessType("/srv/INDEX.HTML", nil) = "text/html"
//	GuessType("/srv/a.tar.gz", nil)   = "application/gzip"  (extensions_map first)
//	GuessType("/srv/a.tgz", nil)      = "application/x-tar"
//	GuessType("/srv/logo.svgz", nil)  = "image/svg+xml"
//	GuessType("/srv/app.css.br", nil) = "text/css"
//	GuessType("/srv/a.html.Z", nil)   = "application/octet-stream"
//	GuessType("/srv/.bashrc", nil)    = "application/octet-stream" (no extension)
//	GuessType("/srv/notes.md", nil)   = "text/markdown" (3.12: octet-stream)
//	GuessType("/srv/a.tar.gz", map[string]string{}) = "application/x-tar"
//
// Case is Python's str.lower(): KELVIN SIGN lower-cases to "k", so
// "/srv/run.\u212aSH" is "text/plain", while "/srv/a.T\u0130F" is not
// "image/tiff" because Python lower-cases U+0130 to "i" and U+0307.
//
// path is a file-system path with "/" separators, as translate_path makes
// it. In 3.12 the handler calls mimetypes.guess_type, which reads a path
// with a ":" before its first "/" as a URL: "a:.html" is then
// "application/octet-stream", and "data:text/css,x" is "text/css".
func (t *Table) GuessType(path string, extensionsMap map[string]string) string {
	if extensionsMap == nil {
		extensionsMap = t.extensions
	}
	_, ext := splitext(path)
	if typ, ok := extensionsMap[ext]; ok {
		return typ
	}
	if typ, ok := extensionsMap[pytext.Lower(ext)]; ok {
		return typ
	}
	if typ := t.guess(path); typ != "" {
		return typ
	}
	return octetStream
}

// guess is the type half of the call the handler makes into mimetypes,
// strict: guess_type(path) in 3.12, guess_file_type(path) from 3.13 on
// (on POSIX its splitdrive keeps the whole path). "" stands for None.
func (t *Table) guess(path string) string {
	if t.splitsScheme {
		if scheme, rest, ok := splitType(path); ok {
			if scheme == "data" {
				return dataType(rest)
			}
			path = rest
		}
	}
	return t.guessFileType(path)
}

// guessFileType is MimeTypes._guess_file_type(path, True,
// posixpath.splitext)[0]; in 3.12 the same steps sit inline in guess_type.
func (t *Table) guessFileType(path string) string {
	base, ext := splitext(path)
	for {
		suffix, ok := t.suffixes[pytext.Lower(ext)]
		if !ok {
			break
		}
		base, ext = splitext(base + suffix)
	}
	if _, ok := t.encodings[ext]; ok { // case-sensitive: ".Z" but not ".z"
		_, ext = splitext(base)
	}
	return t.types[pytext.Lower(ext)]
}

// dataType is the type mimetypes.guess_type gives a data URL, rest being
// what follows "data:": the media type before the first ";" or ",", or
// "text/plain" when that has an "=" or no "/"; "" (None) without a ",".
//
//	dataType("text/css;charset=utf-8,x") = "text/css"
//	dataType(";base64,eA==")             = "text/plain"
//	dataType("text/css")                 = ""
func dataType(rest string) string {
	comma := strings.IndexByte(rest, ',')
	if comma < 0 {
		return ""
	}
	typ := rest[:comma]
	if semi := strings.IndexByte(typ, ';'); semi >= 0 {
		typ = typ[:semi]
	}
	if strings.IndexByte(typ, '=') >= 0 || strings.IndexByte(typ, '/') < 0 {
		return "text/plain"
	}
	return typ
}
