// Package status holds CPython's http.HTTPStatus table, the source of
// BaseHTTPRequestHandler.responses: the reason phrase of a status line and
// the short and long texts of an error page.
//
// The table changed between CPython versions (3.13 renamed 413, 414, 416 and
// 422 after RFC 9110), so it is kept per version, as data.
package status

//go:generate sh -c "python3 gen_tables.py 3.12.1 3.13.0 > tables.go && gofmt -w tables.go"

// Entry is one row of the table: HTTPStatus.phrase and HTTPStatus.description.
type Entry struct {
	Phrase      string
	Description string
}

// Table maps a status code to its entry, as BaseHTTPRequestHandler.responses.
type Table map[int]Entry

var tables = map[string]Table{
	"3.12": py312,
	"3.13": py313,
}

// For returns the table of CPython version v ("3.12", "3.13").
// The second result is false when no table is held for v.
func For(v string) (Table, bool) {
	t, ok := tables[v]
	return t, ok
}

// Versions lists the CPython versions a table is held for, oldest first.
func Versions() []string { return []string{"3.12", "3.13"} }

// Phrase returns the reason phrase of code, or "" for a code the table does
// not hold: send_response_only's default message.
func (t Table) Phrase(code int) string { return t[code].Phrase }

// Texts returns the short and long texts send_error uses for code, and
// "???", "???" for a code the table does not hold.
func (t Table) Texts(code int) (short, long string) {
	e, ok := t[code]
	if !ok {
		return "???", "???"
	}
	return e.Phrase, e.Description
}
