package recorder

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/httpfixture/httpfixture/internal/pytext"
	"github.com/httpfixture/httpfixture/internal/wire"
)

// ParseResponse splits raw, the bytes a server wrote for one exchange,
// into its parts. With http09 set (the request was answered in HTTP/0.9
// style) all of raw is the body. Otherwise any 1xx responses come first
// as Interim, then the status line, the header fields up to the blank
// line, and the body. Header lines are split at CRLF or LF and cut at the
// first colon; text is decoded from ISO-8859-1.
//
// An empty body is nil, so that a literal Response without Body compares
// equal. Bytes that are no HTTP response (a handler wrote something else) leave
// StatusLine empty and all of raw in Body.
func ParseResponse(raw []byte, http09 bool) Response {
	r := Response{Raw: raw, Size: int64(len(raw))}
	if http09 {
		if len(raw) > 0 {
			r.Body = raw
		}
		return r
	}
	rest := raw
	for {
		head, body, ok := parseHead(rest)
		if !ok {
			if len(rest) > 0 {
				r.Body = rest
			}
			return r
		}
		if head.Code >= 100 && head.Code < 200 && len(body) > 0 {
			r.Interim = append(r.Interim, head)
			rest = body
			continue
		}
		r.StatusLine, r.Version, r.Code, r.Reason, r.Header = head.StatusLine, head.Version, head.Code, head.Reason, head.Header
		if len(body) > 0 {
			r.Body = body
		}
		return r
	}
}

// parseHead reads a status line and header block from the start of b. The
// head is decoded once; the fields are substrings of it.
func parseHead(b []byte) (Response, []byte, bool) {
	if !bytes.HasPrefix(b, []byte("HTTP/")) {
		return Response{}, nil, false
	}
	end := wire.HeadEnd(b)
	if end < 0 {
		if bytes.IndexByte(b, '\n') < 0 {
			return Response{}, nil, false
		}
		end = len(b) // headers never ended: keep what there is, no body
	}
	head := pytext.DecodeLatin1(b[:end])
	var h Response
	line, head := cutLine(head)
	h.StatusLine = line
	version, rest, _ := strings.Cut(line, " ")
	code, reason, _ := strings.Cut(rest, " ")
	h.Version, h.Reason = version, reason
	h.Code, _ = strconv.Atoi(code)
	n := strings.Count(head, "\n")
	if n > 0 {
		h.Header = make(Header, 0, n)
	}
	for head != "" {
		line, head = cutLine(head)
		if line == "" {
			break
		}
		name, value, _ := strings.Cut(line, ":")
		h.Header = append(h.Header, Field{name, strings.TrimLeft(value, " \t")})
	}
	if len(h.Header) == 0 {
		h.Header = nil
	}
	return h, b[end:], true
}

// cutLine cuts s after its first LF, dropping the LF and a CR before it.
func cutLine(s string) (line, rest string) {
	line, rest, _ = strings.Cut(s, "\n")
	return strings.TrimSuffix(line, "\r"), rest
}
