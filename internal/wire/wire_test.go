package wire

import (
	"strings"
	"testing"
)

func TestErrorKindString(t *testing.T) {
	tests := []struct {
		kind ErrorKind
		want string
	}{
		{RequestLineTooLong, "request line too long"},
		{BadVersion, "bad request version"},
		{VersionNotSupported, "HTTP version not supported"},
		{BadSyntax, "bad request syntax"},
		{Bad09Type, "bad HTTP/0.9 request type"},
		{HeaderLineTooLong, "header line too long"},
		{TooManyHeaders, "too many headers"},
		{0, "ErrorKind(0)"},
		{99, "ErrorKind(99)"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("ErrorKind(%d).String() = %q; want %q", int(tt.kind), got, tt.want)
		}
	}
}

// Error texts are one line, quote the subject and cap it at 80 bytes.
func TestErrorText(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Kind: TooManyHeaders}, "wire: too many headers"},
		{&Error{Kind: HeaderLineTooLong}, "wire: header line too long"},
		{&Error{BadVersion, "HTTP/1.x"}, `wire: bad request version: "HTTP/1.x"`},
		{&Error{VersionNotSupported, "2.0"}, `wire: HTTP version not supported: "2.0"`},
		{&Error{BadSyntax, "GET / x\r\n HTTP/1.0"}, `wire: bad request syntax: "GET / x\r\n HTTP/1.0"`},
		{&Error{Bad09Type, "GÉT"}, `wire: bad HTTP/0.9 request type: "GÉT"`},
		{&Error{BadSyntax, long[:80]}, `wire: bad request syntax: "` + long[:80] + `"`},
		{&Error{BadSyntax, long}, `wire: bad request syntax: "` + long[:80] + `..."`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("(%#v).Error() = %s; want %s", *tt.err, got, tt.want)
		}
	}
	if got := ErrEmptyRequestLine.Error(); got != "wire: empty request line" {
		t.Errorf("ErrEmptyRequestLine.Error() = %q", got)
	}
}

// CPython's limits, with the 101st line being the first one too many.
func TestLimits(t *testing.T) {
	if MaxLine != 65536 || MaxHeaders != 100 {
		t.Errorf("MaxLine, MaxHeaders = %d, %d; want 65536, 100 (http.client._MAXLINE, _MAXHEADERS)", MaxLine, MaxHeaders)
	}
}
