package recorder

import (
	"bytes"
	"strconv"
	"strings"
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

// parseHead reads a status line and header block from the start of b.
func parseHead(b []byte) (Response, []byte, bool) {
	if !bytes.HasPrefix(b, []byte("HTTP/")) {
		return Response{}, nil, false
	}
	line, rest, ok := cutLine(b)
	if !ok {
		return Response{}, nil, false
	}
	var h Response
	h.StatusLine = latin1(line)
	parts := strings.SplitN(h.StatusLine, " ", 3)
	h.Version = parts[0]
	if len(parts) > 1 {
		h.Code, _ = strconv.Atoi(parts[1])
	}
	if len(parts) > 2 {
		h.Reason = parts[2]
	}
	for {
		line, rest, ok = cutLine(rest)
		if !ok {
			// Headers never ended: keep what there is, no body.
			return h, nil, true
		}
		if len(line) == 0 {
			return h, rest, true
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		h.Header = append(h.Header, Field{latin1(name), latin1(bytes.TrimLeft(value, " \t"))})
	}
}

// cutLine cuts b after its first LF and drops a CR before it.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return nil, nil, false
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:], true
}

func latin1(b []byte) string {
	for _, c := range b {
		if c >= 0x80 {
			rs := make([]rune, len(b))
			for i, c := range b {
				rs[i] = rune(c)
			}
			return string(rs)
		}
	}
	return string(b)
}
