package recorder

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"
)

// A Matcher is a condition on an exchange, for Filter, Find, WaitFor,
// Received, Poll and Exchange.Check. It knows what it wants and, for an
// exchange that falls short, says how it differs, which is what makes
// failures readable. Matchers given together must all match.
type Matcher struct {
	desc string
	// differ returns "" when e matches, otherwise how it differs.
	differ func(e *Exchange) string
}

// String is the matcher as written: Method("GET").
func (m Matcher) String() string { return m.desc }

// Match reports whether e matches.
func (m Matcher) Match(e Exchange) bool { return m.diff(&e) == "" }

func (m Matcher) diff(e *Exchange) string {
	if m.differ == nil {
		return "the zero Matcher matches nothing; build matchers with the recorder functions"
	}
	return m.differ(e)
}

func matchAll(e *Exchange, ms []Matcher) bool {
	for _, m := range ms {
		if m.diff(e) != "" {
			return false
		}
	}
	return true
}

// Not matches the exchanges m does not: Not(HasRequestHeader("Range")).
func Not(m Matcher) Matcher {
	return Matcher{"Not(" + m.String() + ")", func(e *Exchange) string {
		if m.diff(e) == "" {
			return "it matches " + m.String()
		}
		return ""
	}}
}

// Func matches exchanges for which f returns true; desc names the
// condition in failures.
func Func(desc string, f func(Exchange) bool) Matcher {
	return Matcher{desc, func(e *Exchange) string {
		if f(*e) {
			return ""
		}
		return "it does not"
	}}
}

func equal[T comparable](desc, what string, want T, got func(*Exchange) T) Matcher {
	return Matcher{desc, func(e *Exchange) string {
		if g := got(e); g != want {
			return fmt.Sprintf("%s is %#v", what, g)
		}
		return ""
	}}
}

// Method matches exchanges whose request method (command) is m, compared
// as sent: case matters, as it does to CPython.
func Method(m string) Matcher {
	return equal(fmt.Sprintf("Method(%q)", m), "method", m, func(e *Exchange) string { return e.Request.Method })
}

// Target matches exchanges whose request target is t exactly, query
// included.
func Target(t string) Matcher {
	return equal(fmt.Sprintf("Target(%q)", t), "target", t, func(e *Exchange) string { return e.Request.Target })
}

// Path matches exchanges whose target, without its query, matches
// pattern as path.Match does ("/files/*.zip"); a pattern without
// metacharacters must be equal. A malformed pattern matches nothing, and
// says so in failures.
func Path(pattern string) Matcher {
	desc := fmt.Sprintf("Path(%q)", pattern)
	if _, err := path.Match(pattern, ""); err != nil {
		return Matcher{desc, func(*Exchange) string { return "the pattern is malformed: " + err.Error() }}
	}
	return Matcher{desc, func(e *Exchange) string {
		p, _, _ := strings.Cut(e.Request.Target, "?")
		if ok, _ := path.Match(pattern, p); !ok {
			return fmt.Sprintf("path is %q", p)
		}
		return ""
	}}
}

// Status matches exchanges whose final response has status code code.
func Status(code int) Matcher {
	return equal(fmt.Sprintf("Status(%d)", code), "status", code, func(e *Exchange) int { return e.Response.Code })
}

// Conn matches the exchanges of connection n.
func Conn(n int) Matcher {
	return equal(fmt.Sprintf("Conn(%d)", n), "connection", n, func(e *Exchange) int { return e.Conn })
}

// Failed matches exchanges that did not complete normally (Error is set).
func Failed() Matcher {
	return Matcher{"Failed()", func(e *Exchange) string {
		if e.Error == "" {
			return "it completed without error"
		}
		return ""
	}}
}

// Faulted matches exchanges to which the server applied a wire fault
// (Fault is set; see fixture.WithFaults).
func Faulted() Matcher {
	return Matcher{"Faulted()", func(e *Exchange) string {
		if e.Fault == "" {
			return "no wire fault was applied"
		}
		return ""
	}}
}

// RequestHeader matches exchanges whose request has a field named name
// (in any case) with exactly value.
func RequestHeader(name, value string) Matcher {
	return headerValue("RequestHeader", name, value, func(e *Exchange) Header { return e.Request.Header })
}

// ResponseHeader matches exchanges whose final response has a field named
// name (in any case) with exactly value.
func ResponseHeader(name, value string) Matcher {
	return headerValue("ResponseHeader", name, value, func(e *Exchange) Header { return e.Response.Header })
}

// HasRequestHeader matches exchanges whose request has a field named name,
// with any value.
func HasRequestHeader(name string) Matcher {
	return headerPresent("HasRequestHeader", name, func(e *Exchange) Header { return e.Request.Header })
}

// HasResponseHeader matches exchanges whose final response has a field
// named name, with any value.
func HasResponseHeader(name string) Matcher {
	return headerPresent("HasResponseHeader", name, func(e *Exchange) Header { return e.Response.Header })
}

func headerValue(fn, name, value string, h func(*Exchange) Header) Matcher {
	return Matcher{fmt.Sprintf("%s(%q, %q)", fn, name, value), func(e *Exchange) string {
		vs := h(e).Values(name)
		if slices.Contains(vs, value) {
			return ""
		}
		return describeValues(name, vs)
	}}
}

func headerPresent(fn, name string, h func(*Exchange) Header) Matcher {
	return Matcher{fmt.Sprintf("%s(%q)", fn, name), func(e *Exchange) string {
		if _, ok := h(e).Lookup(name); ok {
			return ""
		}
		return name + " is absent"
	}}
}

func describeValues(name string, vs []string) string {
	switch len(vs) {
	case 0:
		return name + " is absent"
	case 1:
		return fmt.Sprintf("%s is %q", name, vs[0])
	}
	return fmt.Sprintf("%s is %q", name, vs)
}

// RequestBody matches exchanges whose request body is body. A body longer
// than the recorder kept matches by size and SHA-256.
func RequestBody(body []byte) Matcher {
	return bodyEqual("RequestBody", body, func(e *Exchange) ([]byte, int64, [32]byte) {
		return e.Request.Body, e.Request.BodySize, e.Request.BodySHA256
	})
}

// ResponseBody matches exchanges whose response body is body. A body
// longer than the recorder kept matches by size and SHA-256.
func ResponseBody(body []byte) Matcher {
	return bodyEqual("ResponseBody", body, func(e *Exchange) ([]byte, int64, [32]byte) {
		return e.Response.Body, e.Response.BodySize, e.Response.BodySHA256
	})
}

func bodyEqual(fn string, want []byte, got func(*Exchange) ([]byte, int64, [32]byte)) Matcher {
	desc := fmt.Sprintf("%s(%s)", fn, quoteShort(want))
	sum := sha256.Sum256(want)
	return Matcher{desc, func(e *Exchange) string {
		b, size, digest := got(e)
		if int64(len(b)) == size {
			if bytes.Equal(b, want) {
				return ""
			}
			return fmt.Sprintf("body is %s", quoteShort(b))
		}
		if size == int64(len(want)) && digest == sum {
			return ""
		}
		return fmt.Sprintf("body is %d bytes with SHA-256 %x, starting %s", size, digest, quoteShort(b))
	}}
}

// quoteShort quotes the start of b for a failure message.
func quoteShort(b []byte) string {
	const max = 64
	if len(b) <= max {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("%q... (%d bytes)", b[:max], len(b))
}

// RequestEqual matches exchanges whose request equals want under go-cmp
// with opts (see IgnoreHeader and the other options here); how it differs
// is cmp.Diff's report, -want +got.
func RequestEqual(want Request, opts ...cmp.Option) Matcher {
	return diffMatcher("RequestEqual", want, func(e *Exchange) Request { return e.Request }, opts)
}

// ResponseEqual matches exchanges whose final response equals want under
// go-cmp with opts; how it differs is cmp.Diff's report, -want +got.
func ResponseEqual(want Response, opts ...cmp.Option) Matcher {
	return diffMatcher("ResponseEqual", want, func(e *Exchange) Response { return e.Response }, opts)
}

func diffMatcher[T any](fn string, want T, got func(*Exchange) T, opts []cmp.Option) Matcher {
	return Matcher{fn + "(...)", func(e *Exchange) string {
		if d := cmp.Diff(want, got(e), opts...); d != "" {
			return "(-want +got):\n" + d
		}
		return ""
	}}
}
