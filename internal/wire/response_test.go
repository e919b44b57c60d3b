package wire

import (
	"errors"
	"testing"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

func TestAppendStatusLine(t *testing.T) {
	tests := []struct {
		protocol string
		code     int
		message  string
		want     string
	}{
		{"HTTP/1.0", 200, "OK", "HTTP/1.0 200 OK\r\n"},
		{"HTTP/1.1", 404, "File not found", "HTTP/1.1 404 File not found\r\n"},
		{"HTTP/1.0", 999, "", "HTTP/1.0 999 \r\n"},
		{"HTTP/1.0", -1, "x", "HTTP/1.0 -1 x\r\n"},
		{"", 0, "", " 0 \r\n"},
		{"HTTP/1.0", 200, "Dängerous\r\n", "HTTP/1.0 200 D\xe4ngerous\r\n\r\n"}, // nothing checked
	}
	for _, tt := range tests {
		got, err := AppendStatusLine([]byte("prev"), tt.protocol, tt.code, tt.message)
		if err != nil || string(got) != "prev"+tt.want {
			t.Errorf("AppendStatusLine(%q, %d, %q) = %q, %v; want %q, nil", tt.protocol, tt.code, tt.message, got, err, "prev"+tt.want)
		}
	}
}

func TestAppendHeader(t *testing.T) {
	tests := []struct{ keyword, value, want string }{
		{"Server", "SimpleHTTP/0.6 Python/3.13.0", "Server: SimpleHTTP/0.6 Python/3.13.0\r\n"},
		{"X-Special", "Dängerous Mind", "X-Special: D\xe4ngerous Mind\r\n"},
		{"", "", ": \r\n"},
		{"A", "b\r\nC: d", "A: b\r\nC: d\r\n"},
		{"\u00ff", "\u0080", "\xff: \x80\r\n"},
	}
	for _, tt := range tests {
		got, err := AppendHeader([]byte("prev"), tt.keyword, tt.value)
		if err != nil || string(got) != "prev"+tt.want {
			t.Errorf("AppendHeader(%q, %q) = %q, %v; want %q, nil", tt.keyword, tt.value, got, err, "prev"+tt.want)
		}
	}
}

// Text ISO-8859-1 cannot hold fails as str.encode('latin-1') does and
// leaves dst as it was.
func TestAppendUnencodable(t *testing.T) {
	calls := []struct {
		name string
		call func([]byte) ([]byte, error)
	}{
		{"AppendStatusLine protocol", func(b []byte) ([]byte, error) { return AppendStatusLine(b, "HTTP/1.0\u20ac", 200, "OK") }},
		{"AppendStatusLine message", func(b []byte) ([]byte, error) { return AppendStatusLine(b, "HTTP/1.0", 200, "O\u2028K") }},
		{"AppendHeader keyword", func(b []byte) ([]byte, error) { return AppendHeader(b, "X-\U0001F600", "v") }},
		{"AppendHeader value", func(b []byte) ([]byte, error) { return AppendHeader(b, "X", "caf\xe9") }}, // invalid UTF-8
	}
	for _, c := range calls {
		got, err := c.call([]byte("prev"))
		var ee *pytext.EncodeError
		if string(got) != "prev" || !errors.As(err, &ee) {
			t.Errorf("%s = %q, %v; want \"prev\" and an *pytext.EncodeError", c.name, got, err)
		}
	}
}
