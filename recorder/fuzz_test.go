package recorder

import (
	"bytes"
	"strings"
	"testing"

	"github.com/httpfixture/httpfixture/internal/pytext"
	"github.com/httpfixture/httpfixture/internal/wire"
)

// FuzzParseResponse checks that ParseResponse keeps the bytes it is given
// and that its parts are where the bytes say. The seed corpus is in
// testdata/fuzz/FuzzParseResponse.
func FuzzParseResponse(f *testing.F) {
	f.Add([]byte("HTTP/1.0 200 OK\r\nServer: x\r\nContent-type: text/plain\r\n\r\nhello"), false)
	f.Add([]byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nA: b\r\n\r\nbody"), false)
	f.Add([]byte("HTTP/1.0 200 OK\r\n\r\nlooks like a head"), true)
	f.Add([]byte("HTTP/1.0 999 \r\nX: D\xe4ngerous\r\n"), false)
	f.Add([]byte("<html>"), false)
	f.Fuzz(func(t *testing.T, raw []byte, http09 bool) {
		r := ParseResponse(raw, http09)
		if !bytes.Equal(r.Raw, raw) || r.Size != int64(len(raw)) {
			t.Fatalf("ParseResponse(%q, %v): Raw %q, Size %d; want the input and its length", raw, http09, r.Raw, r.Size)
		}
		if r.Body != nil && len(r.Body) == 0 || !bytes.HasSuffix(raw, r.Body) {
			t.Fatalf("ParseResponse(%q, %v).Body = %q; want a suffix of the input, nil when empty", raw, http09, r.Body)
		}
		// The capture finds the body where ParseResponse does, to keep
		// and digest the same bytes.
		if at := wire.BodyStart(raw, http09); !bytes.Equal(raw[at:], r.Body) {
			t.Fatalf("wire.BodyStart(%q, %v) = %d, body %q; ParseResponse's body is %q", raw, http09, at, raw[at:], r.Body)
		}
		if http09 || r.StatusLine == "" && r.Interim == nil {
			if !bytes.Equal(r.Body, raw) || r.StatusLine != "" || r.Interim != nil || r.Header != nil {
				t.Fatalf("ParseResponse(%q, %v) = %+v; want all of the input as the body", raw, http09, r)
			}
			return
		}
		for _, h := range r.Interim {
			if h.Code < 100 || h.Code > 199 || h.Raw != nil || h.Body != nil || h.Size != 0 || h.Interim != nil {
				t.Fatalf("ParseResponse(%q) interim %+v; want a 1xx head alone", raw, h)
			}
			checkHead(t, raw, h)
		}
		if r.StatusLine != "" {
			checkHead(t, raw, r)
		}
	})
}

// checkHead: a head's status line is a line of the input that starts
// "HTTP/", Version, Code and Reason are its parts, and its fields are
// lines of the input too.
func checkHead(t *testing.T, raw []byte, h Response) {
	t.Helper()
	if !strings.HasPrefix(h.StatusLine, "HTTP/") || strings.Contains(h.StatusLine, "\n") {
		t.Fatalf("ParseResponse(%q): status line %q; want one line starting HTTP/", raw, h.StatusLine)
	}
	if !bytes.HasPrefix(raw, []byte("HTTP/")) || !bytes.Contains(raw, latin1Bytes(t, h.StatusLine)) {
		t.Fatalf("ParseResponse(%q): status line %q is not in the input", raw, h.StatusLine)
	}
	if !strings.HasPrefix(h.StatusLine, h.Version) || strings.Contains(h.Version, " ") ||
		h.Reason != "" && !strings.HasSuffix(h.StatusLine, " "+h.Reason) {
		t.Fatalf("ParseResponse(%q): status line %q split as %q, %d, %q", raw, h.StatusLine, h.Version, h.Code, h.Reason)
	}
	if h.Header != nil && len(h.Header) == 0 {
		t.Fatalf("ParseResponse(%q): status line %q with an empty, non-nil header", raw, h.StatusLine)
	}
	for _, fl := range h.Header {
		if strings.ContainsAny(fl.Name, ":\n") || strings.Contains(fl.Value, "\n") ||
			strings.HasPrefix(fl.Value, " ") || strings.HasPrefix(fl.Value, "\t") {
			t.Fatalf("ParseResponse(%q): field %q: %q; want a name without colon, a value trimmed on the left", raw, fl.Name, fl.Value)
		}
		if !bytes.Contains(raw, latin1Bytes(t, fl.Name)) || !bytes.Contains(raw, latin1Bytes(t, fl.Value)) {
			t.Fatalf("ParseResponse(%q): field %q: %q is not in the input", raw, fl.Name, fl.Value)
		}
	}
}

// latin1Bytes encodes text decoded from ISO-8859-1 back to its bytes.
func latin1Bytes(t *testing.T, s string) []byte {
	t.Helper()
	b, err := pytext.AppendLatin1(nil, s)
	if err != nil {
		t.Fatalf("AppendLatin1(%q): %v", s, err)
	}
	return b
}
