package recorder

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseResponse(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		http09 bool
		want   Response
	}{
		{
			name: "status line, headers, body",
			raw:  "HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6 Go/1.25\r\nContent-type: text/plain\r\n\r\nhello",
			want: Response{
				StatusLine: "HTTP/1.0 200 OK", Version: "HTTP/1.0", Code: 200, Reason: "OK",
				Header: Header{{"Server", "BaseHTTP/0.6 Go/1.25"}, {"Content-type", "text/plain"}},
				Body:   []byte("hello"),
			},
		},
		{
			name: "reason with spaces and no headers",
			raw:  "HTTP/1.1 400 Bad request syntax ('a b c d')\r\n\r\n",
			want: Response{
				StatusLine: "HTTP/1.1 400 Bad request syntax ('a b c d')", Version: "HTTP/1.1", Code: 400,
				Reason: "Bad request syntax ('a b c d')",
			},
		},
		{
			name: "empty reason",
			raw:  "HTTP/1.0 999 \r\nX: 1\r\n\r\n",
			want: Response{StatusLine: "HTTP/1.0 999 ", Version: "HTTP/1.0", Code: 999, Header: Header{{"X", "1"}}},
		},
		{
			name: "100 Continue first",
			raw:  "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nA: b\r\n\r\nbody",
			want: Response{
				Interim:    []Response{{StatusLine: "HTTP/1.1 100 Continue", Version: "HTTP/1.1", Code: 100, Reason: "Continue"}},
				StatusLine: "HTTP/1.1 200 OK", Version: "HTTP/1.1", Code: 200, Reason: "OK",
				Header: Header{{"A", "b"}}, Body: []byte("body"),
			},
		},
		{
			name: "latin-1 header value",
			raw:  "HTTP/1.0 999 \r\nX-Special: D\xe4ngerous Mind\r\n\r\n",
			want: Response{StatusLine: "HTTP/1.0 999 ", Version: "HTTP/1.0", Code: 999, Header: Header{{"X-Special", "Dängerous Mind"}}},
		},
		{
			name:   "HTTP/0.9 answer is all body",
			raw:    "HTTP/1.0 200 OK\r\n\r\nlooks like a head",
			http09: true,
			want:   Response{Body: []byte("HTTP/1.0 200 OK\r\n\r\nlooks like a head")},
		},
		{
			name: "not a response",
			raw:  "<html>",
			want: Response{Body: []byte("<html>")},
		},
		{
			name: "head never ends",
			raw:  "HTTP/1.0 200 OK\r\nA: b\r\n",
			want: Response{StatusLine: "HTTP/1.0 200 OK", Version: "HTTP/1.0", Code: 200, Reason: "OK", Header: Header{{"A", "b"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Raw = []byte(tt.raw)
			tt.want.Size = int64(len(tt.raw))
			got := ParseResponse([]byte(tt.raw), tt.http09)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseResponse(%q, %v) mismatch (-want +got):\n%s", tt.raw, tt.http09, diff)
			}
		})
	}
}
