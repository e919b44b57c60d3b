package recorder

import (
	"net"
	"reflect"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"
)

// go-cmp options for comparing exchanges and their parts, with
// cmp.Diff, Exchange.Diff, Equal, RequestEqual, ResponseEqual or
// gotest.tools' assert.DeepEqual. They combine freely.
//
// Raw bytes hold every header value, so the options that ignore a value
// also leave the Raw fields out of the comparison; the parsed fields still
// carry everything else. To compare exact bytes with the values replaced,
// use golden transcripts (Golden) or Normalize.

var (
	fieldType    = reflect.TypeFor[Field]()
	requestType  = reflect.TypeFor[Request]()
	responseType = reflect.TypeFor[Response]()
	exchangeType = reflect.TypeFor[Exchange]()
)

// IgnoreHeader ignores the values of header fields with any of names (in
// any case), in requests and responses, and the Raw fields. The fields
// must still be there, in the same places.
func IgnoreHeader(names ...string) cmp.Option {
	names = slices.Clone(names)
	return cmp.Options{
		cmp.FilterPath(func(p cmp.Path) bool { return fieldValueNamed(p, names) }, cmp.Ignore()),
		IgnoreRaw(),
	}
}

// IgnoreDate is IgnoreHeader("Date").
func IgnoreDate() cmp.Option { return IgnoreHeader("Date") }

// IgnoreServer is IgnoreHeader("Server"): the server's version.
func IgnoreServer() cmp.Option { return IgnoreHeader("Server") }

// IgnoreLastModified is IgnoreHeader("Last-Modified").
func IgnoreLastModified() cmp.Option { return IgnoreHeader("Last-Modified") }

// fieldValueNamed reports whether p ends at the Value of a Field named
// one of names on either side.
func fieldValueNamed(p cmp.Path, names []string) bool {
	sf, ok := p.Last().(cmp.StructField)
	if !ok || sf.Name() != "Value" || len(p) < 2 || p.Index(-2).Type() != fieldType {
		return false
	}
	vx, vy := p.Index(-2).Values()
	for _, v := range []reflect.Value{vx, vy} {
		if !v.IsValid() {
			continue
		}
		name := v.Interface().(Field).Name
		if slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) }) {
			return true
		}
	}
	return false
}

// IgnoreRaw leaves the Raw fields of requests and responses out of the
// comparison.
func IgnoreRaw() cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		if !ok || sf.Name() != "Raw" || len(p) < 2 {
			return false
		}
		t := p.Index(-2).Type()
		return t == requestType || t == responseType
	}, cmp.Ignore())
}

// IgnoreTimes ignores when exchanges started and how long they took
// (Exchange.Start and Duration).
func IgnoreTimes() cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && len(p) >= 2 && p.Index(-2).Type() == exchangeType &&
			(sf.Name() == "Start" || sf.Name() == "Duration")
	}, cmp.Ignore())
}

// IgnorePorts compares addresses without their ports: Exchange.Client
// and Server, and the values of Host fields; and leaves out the Raw
// fields, which hold the Host field. Ports inside bodies, such as a CGI
// script's SERVER_PORT, are not touched: use Normalize with
// NormalizePorts for those.
func IgnorePorts() cmp.Option {
	hostOnly := cmp.Comparer(func(a, b string) bool { return stripPort(a) == stripPort(b) })
	return cmp.Options{
		cmp.FilterPath(func(p cmp.Path) bool {
			sf, ok := p.Last().(cmp.StructField)
			return ok && len(p) >= 2 && p.Index(-2).Type() == exchangeType &&
				(sf.Name() == "Client" || sf.Name() == "Server")
		}, hostOnly),
		cmp.FilterPath(func(p cmp.Path) bool { return fieldValueNamed(p, []string{"Host"}) }, hostOnly),
		IgnoreRaw(),
	}
}

// stripPort drops the port of "host:port" or "[v6]:port".
func stripPort(s string) string {
	if h, _, err := net.SplitHostPort(s); err == nil {
		return h
	}
	return s
}

// IgnoreHeaderOrder compares headers as sets of fields: fields are put in
// order of name (in any case), fields of one name keeping their order.
func IgnoreHeaderOrder() cmp.Option {
	return cmp.Transformer("recorder.IgnoreHeaderOrder", func(h Header) Header {
		s := slices.Clone(h)
		slices.SortStableFunc(s, func(a, b Field) int {
			return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		})
		return s
	})
}

// IgnoreHeaderCase compares field names without regard to ASCII case.
func IgnoreHeaderCase() cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && sf.Name() == "Name" && len(p) >= 2 && p.Index(-2).Type() == fieldType
	}, cmp.Comparer(strings.EqualFold))
}

// Normalized compares exchanges as ns rewrite copies of them (see
// Normalizer): the Raw bytes too, with the values replaced. Give all the
// normalizers to one Normalized; two would both apply to each exchange,
// which go-cmp refuses.
func Normalized(ns ...Normalizer) cmp.Option {
	return cmp.Transformer("recorder.Normalized", func(e Exchange) Exchange {
		return Normalize([]Exchange{e}, ns...)[0]
	})
}
