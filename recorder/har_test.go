package recorder_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/httpfixture/httpfixture/recorder"
)

// harField is one field of a HAR 1.2 object: its JSON type, whether the
// spec requires it, and for an object or an array of objects, the
// object's name in harSpec.
type harField struct {
	typ      string // "string", "number", "integer", "boolean", "object", "array"
	required bool
	object   string
}

// harSpec is HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/),
// object by object: every field the spec has, with its type and whether
// it is required. Integer is where har-schema asks for an integer.
var harSpec = map[string]map[string]harField{
	"har": {"log": {"object", true, "log"}},
	"log": {
		"version": {"string", true, ""}, "creator": {"object", true, "creator"}, "browser": {"object", false, "creator"},
		"pages": {"array", false, "page"}, "entries": {"array", true, "entry"}, "comment": {"string", false, ""},
	},
	"creator": {"name": {"string", true, ""}, "version": {"string", true, ""}, "comment": {"string", false, ""}},
	"page":    {}, // we write none
	"entry": {
		"pageref": {"string", false, ""}, "startedDateTime": {"string", true, ""}, "time": {"number", true, ""},
		"request": {"object", true, "request"}, "response": {"object", true, "response"}, "cache": {"object", true, "cache"},
		"timings": {"object", true, "timings"}, "serverIPAddress": {"string", false, ""}, "connection": {"string", false, ""},
		"comment": {"string", false, ""},
	},
	"request": {
		"method": {"string", true, ""}, "url": {"string", true, ""}, "httpVersion": {"string", true, ""},
		"cookies": {"array", true, "cookie"}, "headers": {"array", true, "pair"}, "queryString": {"array", true, "pair"},
		"postData": {"object", false, "postData"}, "headersSize": {"integer", true, ""}, "bodySize": {"integer", true, ""},
		"comment": {"string", false, ""},
	},
	"response": {
		"status": {"integer", true, ""}, "statusText": {"string", true, ""}, "httpVersion": {"string", true, ""},
		"cookies": {"array", true, "cookie"}, "headers": {"array", true, "pair"}, "content": {"object", true, "content"},
		"redirectURL": {"string", true, ""}, "headersSize": {"integer", true, ""}, "bodySize": {"integer", true, ""},
		"comment": {"string", false, ""},
	},
	"cookie": {
		"name": {"string", true, ""}, "value": {"string", true, ""}, "path": {"string", false, ""}, "domain": {"string", false, ""},
		"expires": {"string", false, ""}, "httpOnly": {"boolean", false, ""}, "secure": {"boolean", false, ""},
		"comment": {"string", false, ""},
	},
	"pair": {"name": {"string", true, ""}, "value": {"string", true, ""}, "comment": {"string", false, ""}},
	"postData": {
		"mimeType": {"string", true, ""}, "params": {"array", false, "param"}, "text": {"string", false, ""},
		"comment": {"string", false, ""},
	},
	"param": {
		"name": {"string", true, ""}, "value": {"string", false, ""}, "fileName": {"string", false, ""},
		"contentType": {"string", false, ""}, "comment": {"string", false, ""},
	},
	"content": {
		"size": {"integer", true, ""}, "compression": {"integer", false, ""}, "mimeType": {"string", true, ""},
		"text": {"string", false, ""}, "encoding": {"string", false, ""}, "comment": {"string", false, ""},
	},
	"cache": {"beforeRequest": {"object", false, "cacheEntry"}, "afterRequest": {"object", false, "cacheEntry"}, "comment": {"string", false, ""}},
	"cacheEntry": {
		"expires": {"string", false, ""}, "lastAccess": {"string", true, ""}, "eTag": {"string", true, ""},
		"hitCount": {"integer", true, ""}, "comment": {"string", false, ""},
	},
	"timings": {
		"blocked": {"number", false, ""}, "dns": {"number", false, ""}, "connect": {"number", false, ""},
		"send": {"number", true, ""}, "wait": {"number", true, ""}, "receive": {"number", true, ""},
		"ssl": {"number", false, ""}, "comment": {"string", false, ""},
	},
}

// harDate is ISO 8601 as har-schema's pattern has it, and as we promise
// it: milliseconds and an offset.
var harDate = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$`)

// checkHAR reports, with its path, every field of v, the object named
// name, that HAR 1.2 does not allow: a required field missing, a field of
// the wrong type, a field that is neither HAR's nor custom (an underscore
// first), and the rules the spec states in words.
func checkHAR(path, name string, v any) []string {
	obj, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: %T; want an object (%s)", path, v, name)}
	}
	var errs []string
	spec := harSpec[name]
	for field, f := range spec {
		if _, ok := obj[field]; f.required && !ok {
			errs = append(errs, fmt.Sprintf("%s.%s: missing; HAR 1.2 requires it", path, field))
		}
	}
	for field, value := range obj {
		p := path + "." + field
		f, ok := spec[field]
		switch {
		case strings.HasPrefix(field, "_"):
			continue
		case !ok:
			errs = append(errs, p+": not a field of HAR 1.2 "+name+"; custom fields start with an underscore")
			continue
		}
		if !harTyped(value, f.typ) {
			errs = append(errs, fmt.Sprintf("%s: %#v; want a JSON %s", p, value, f.typ))
			continue
		}
		switch f.typ {
		case "object":
			errs = append(errs, checkHAR(p, f.object, value)...)
		case "array":
			if f.object != "" {
				for i, item := range value.([]any) {
					errs = append(errs, checkHAR(fmt.Sprintf("%s[%d]", p, i), f.object, item)...)
				}
			}
		}
	}
	return append(errs, checkHARRules(path, name, obj)...)
}

func harTyped(v any, typ string) bool {
	switch v := v.(type) {
	case string:
		return typ == "string"
	case bool:
		return typ == "boolean"
	case json.Number:
		if typ == "integer" {
			_, err := v.Int64()
			return err == nil
		}
		return typ == "number"
	case map[string]any:
		return typ == "object"
	case []any:
		return typ == "array"
	}
	return false
}

// checkHARRules checks what the spec says in words.
func checkHARRules(path, name string, obj map[string]any) []string {
	num := func(field string) float64 {
		n, _ := obj[field].(json.Number) // a wrong type is reported already
		f, _ := n.Float64()
		return f
	}
	var errs []string
	switch name {
	case "log":
		if obj["version"] != "1.2" {
			errs = append(errs, fmt.Sprintf("%s.version = %v; want 1.2", path, obj["version"]))
		}
	case "entry":
		if s, _ := obj["startedDateTime"].(string); !harDate.MatchString(s) {
			errs = append(errs, fmt.Sprintf("%s.startedDateTime = %q; want ISO 8601 with milliseconds and an offset", path, s))
		}
		if ip, ok := obj["serverIPAddress"].(string); ok && !strings.Contains(ip, ":") && strings.Count(ip, ".") != 3 {
			errs = append(errs, fmt.Sprintf("%s.serverIPAddress = %q; want an IP address", path, ip))
		}
		t, _ := obj["timings"].(map[string]any)
		sum := 0.0
		for _, k := range []string{"blocked", "dns", "connect", "send", "wait", "receive"} { // ssl is in connect
			if n, ok := t[k].(json.Number); ok {
				if f, _ := n.Float64(); f != -1 {
					sum += f
				}
			}
		}
		if time := num("time"); math.Abs(time-sum) > 1e-6 || time < 0 {
			errs = append(errs, fmt.Sprintf("%s.time = %v; want the sum of the timings, %v", path, time, sum))
		}
	case "timings":
		for k, v := range obj {
			n, ok := v.(json.Number)
			if !ok {
				continue
			}
			f, _ := n.Float64()
			if required := harSpec["timings"][k].required; required && f < 0 || f < -1 {
				errs = append(errs, fmt.Sprintf("%s.%s = %v; want send, wait and receive 0 or more, others -1 or more", path, k, f))
			}
		}
	case "request":
		s, _ := obj["url"].(string)
		if u, err := url.Parse(s); err != nil || !u.IsAbs() || u.Host == "" || u.Fragment != "" {
			errs = append(errs, fmt.Sprintf("%s.url = %q: want an absolute URL without fragment (%v)", path, obj["url"], err))
		}
	case "postData":
		_, text := obj["text"]
		_, params := obj["params"]
		if text == params {
			errs = append(errs, path+": want text or params, not both or neither")
		}
	}
	return errs
}

// decodeHAR writes exs as HAR, checks it against HAR 1.2, and returns it
// decoded, numbers as json.Number.
func decodeHAR(t *testing.T, exs []recorder.Exchange) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := recorder.WriteHAR(&buf, exs); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var har map[string]any
	if err := dec.Decode(&har); err != nil {
		t.Fatalf("WriteHAR wrote JSON that does not decode: %v", err)
	}
	if dec.More() {
		t.Error("WriteHAR wrote more than one JSON value")
	}
	for _, e := range checkHAR("har", "har", har) {
		t.Error(e)
	}
	return har
}

func TestHARValid(t *testing.T) {
	var exs []recorder.Exchange
	for _, n := range recordedExchanges(t) {
		exs = append(exs, n.ex)
	}
	exs = append(exs, recorder.Exchange{}, formExchange)
	har := decodeHAR(t, exs)
	if n := len(har["log"].(map[string]any)["entries"].([]any)); n != len(exs) {
		t.Errorf("%d entries; want %d", n, len(exs))
	}
	if got := decodeHAR(t, nil)["log"].(map[string]any)["entries"]; !cmp.Equal(got, []any{}) {
		t.Errorf("entries of no exchanges = %#v; want []", got)
	}
}

// TestHARValidatorCatches makes sure checkHAR finds what it is for.
func TestHARValidatorCatches(t *testing.T) {
	entry := func() map[string]any {
		return map[string]any{
			"startedDateTime": "2026-11-21T14:28:17.123Z", "time": json.Number("2"),
			"request": map[string]any{
				"method": "GET", "url": "http://a/", "httpVersion": "HTTP/1.0", "cookies": []any{},
				"headers": []any{}, "queryString": []any{}, "headersSize": json.Number("-1"), "bodySize": json.Number("0"),
			},
			"response": map[string]any{
				"status": json.Number("200"), "statusText": "OK", "httpVersion": "HTTP/1.0", "cookies": []any{}, "headers": []any{},
				"content": map[string]any{"size": json.Number("0"), "mimeType": ""}, "redirectURL": "",
				"headersSize": json.Number("0"), "bodySize": json.Number("0"),
			},
			"cache":   map[string]any{},
			"timings": map[string]any{"send": json.Number("0"), "wait": json.Number("2"), "receive": json.Number("0"), "dns": json.Number("-1")},
		}
	}
	if errs := checkHAR("entry", "entry", entry()); errs != nil {
		t.Fatalf("a valid entry: %q", errs)
	}
	for _, tt := range []struct {
		edit func(e map[string]any)
		want string
	}{
		{func(e map[string]any) { delete(e, "cache") }, "entry.cache: missing"},
		{func(e map[string]any) { e["time"] = "2" }, `entry.time: "2"; want a JSON number`},
		{func(e map[string]any) { e["time"] = json.Number("3") }, "entry.time = 3; want the sum of the timings, 2"},
		{func(e map[string]any) { e["request"].(map[string]any)["bodySize"] = json.Number("1.5") }, "entry.request.bodySize"},
		{func(e map[string]any) { e["request"].(map[string]any)["url"] = "/relative" }, "want an absolute URL"},
		{func(e map[string]any) { e["extra"] = 1 }, "entry.extra: not a field of HAR 1.2"},
		{func(e map[string]any) { e["startedDateTime"] = "2026-11-21 14:28" }, "want ISO 8601"},
		{func(e map[string]any) { e["timings"].(map[string]any)["wait"] = json.Number("-1") }, "entry.timings.wait = -1"},
		{func(e map[string]any) { e["request"].(map[string]any)["postData"] = map[string]any{"mimeType": ""} }, "want text or params"},
		{func(e map[string]any) { e["response"].(map[string]any)["headers"] = []any{map[string]any{"name": "a"}} }, "entry.response.headers[0].value: missing"},
	} {
		e := entry()
		tt.edit(e)
		if errs := checkHAR("entry", "entry", e); !strings.Contains(strings.Join(errs, "\n"), tt.want) {
			t.Errorf("checkHAR found %q; want %q", errs, tt.want)
		}
	}
}

// TestHARFields checks the entries of recordedExchanges field by field
// where they show something.
func TestHARFields(t *testing.T) {
	named := recordedExchanges(t)
	var exs []recorder.Exchange
	byName := map[string]recorder.Exchange{}
	for _, n := range named {
		exs = append(exs, n.ex)
		byName[n.name] = n.ex
	}
	log := decodeHAR(t, exs)["log"].(map[string]any)
	creator := log["creator"].(map[string]any)
	if creator["name"] != "httpfixture" || creator["version"] == "" {
		t.Errorf("creator = %v; want httpfixture and a version", creator)
	}
	entries := map[string]any{}
	for i, e := range log["entries"].([]any) {
		entries[named[i].name] = e
	}
	// get returns the value at "exchange name:dotted.path", numbers as
	// their text.
	get := func(path string) any {
		name, path, _ := strings.Cut(path, ":")
		v := entries[name]
		for _, k := range strings.Split(path, ".") {
			switch c := v.(type) {
			case map[string]any:
				v = c[k]
			case []any:
				i, _ := strconv.Atoi(k)
				v = c[i]
			}
		}
		if n, ok := v.(json.Number); ok {
			return n.String()
		}
		return v
	}
	pairs := func(kv ...string) []any {
		out := []any{}
		for i := 0; i < len(kv); i += 2 {
			out = append(out, map[string]any{"name": kv[i], "value": kv[i+1]})
		}
		return out
	}
	server := byName["text"].Server
	b64 := base64.StdEncoding.EncodeToString(allBytes)
	tests := []struct {
		path string
		want any
	}{
		{"text:request.method", "GET"},
		{"text:request.url", "http://example.test:8080/hello.txt?a=1&b=x+y&c=%41&bad=%25zz&d"},
		{"text:request.httpVersion", "HTTP/1.0"},
		{"text:request.queryString", pairs("a", "1", "b", "x y", "c", "A", "d", "")},
		{"text:request.cookies", pairs("a", "1", "b", "2")},
		{"text:request.headers", pairs("Host", "example.test:8080", "Cookie", "a=1; b=2")},
		{"text:request.headersSize", "96"},
		{"text:request.bodySize", "0"},
		{"text:request.postData", nil},
		{"text:request._bodySha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"text:response.status", "200"},
		{"text:response.statusText", "OK"},
		{"text:response.httpVersion", "HTTP/1.1"},
		{"text:response.content", map[string]any{"size": json.Number("13"), "mimeType": "text/plain", "text": "hello, world\n"}},
		{"text:response.headersSize", "182"},
		{"text:response.bodySize", "13"},
		{"text:response.redirectURL", ""},
		{"text:serverIPAddress", "127.0.0.1"},
		{"text:connection", "1"},
		{"text:comment", nil},
		{"text:_log", []any{byName["text"].Log[0]}},
		{"text:cache", map[string]any{}},
		{"binary response:response.content.text", b64},
		{"binary response:response.content.encoding", "base64"},
		{"binary response:response.content.mimeType", "application/octet-stream"},
		{"binary request:request.postData", map[string]any{"mimeType": "application/octet-stream", "text": b64, "_encoding": "base64"}},
		{"binary request:request.bodySize", "512"},
		{"binary request:response.cookies", []any{map[string]any{
			"name": "id", "value": "42", "path": "/", "expires": "2026-10-21T07:28:00.000Z", "httpOnly": true,
		}}},
		{"HTTP/0.9:request.url", "http://" + server + "/hello.txt"},
		{"HTTP/0.9:request.httpVersion", "HTTP/0.9"},
		{"HTTP/0.9:response.httpVersion", "HTTP/0.9"},
		{"HTTP/0.9:response.status", "0"},
		{"HTTP/0.9:response.headersSize", "0"},
		{"HTTP/0.9:response.content.text", "hello, world\n"},
		{"100 Continue:request.postData", map[string]any{"mimeType": "text/plain", "text": "hello"}},
		{"100 Continue:response.headersSize", "236"}, // the 100 Continue counted in
		{"redirect:response.status", "301"},
		{"redirect:response.redirectURL", "/dir/"},
		{"malformed:request.method", ""},
		{"malformed:request.url", "http://" + server + "/"},
		{"malformed:comment", `malformed request: bad request syntax: "GET /a b c HTTP/1.0"`},
		{"handler failed:request.url", "http://" + server + "/%E9t%E9"},
		{"handler failed:request.headers", pairs("X-Latin-1", "café")},
		{"handler failed:comment", "handler failed: panic: broken \ufffd"},
		{"handler failed:_log.0", asJSON(byName["handler failed"].Log[0])},
		{"truncated:request._truncated", true},
		{"truncated:request.bodySize", "20"},
		{"truncated:request.postData.text", "0123456789"},
		{"truncated:response._truncated", true},
		{"truncated response:request._truncated", nil},
		{"truncated response:response._truncated", true},
		{"truncated response:response.content.size", "13"},
		{"truncated response:response.content.text", "hello, wor"},
		{"truncated response:response.bodySize", "13"},
		{"truncated response:response._bodySha256", "853ff93762a06ddbf722c4ebe9ddd66d8f63ddaea97f521c3ecc20da7c976020"},
	}
	for _, tt := range tests {
		if got := get(tt.path); !cmp.Equal(tt.want, got) {
			t.Errorf("%s = %#v; want %#v", tt.path, got, tt.want)
		}
	}
	for _, n := range named {
		started, err := time.Parse(time.RFC3339, get(n.name+":startedDateTime").(string))
		if want := n.ex.Start.Truncate(time.Millisecond); err != nil || !started.Equal(want) {
			t.Errorf("%s: startedDateTime %v (%v); want %v", n.name, get(n.name+":startedDateTime"), err, want)
		}
		ms, err := strconv.ParseFloat(get(n.name+":time").(string), 64)
		if want := float64(n.ex.Duration) / float64(time.Millisecond); err != nil || ms != want {
			t.Errorf("%s: time = %v; want %v", n.name, get(n.name+":time"), want)
		}
		timings := map[string]any{"blocked": "-1", "dns": "-1", "connect": "-1", "send": "0", "wait": get(n.name + ":time"), "receive": "0", "ssl": "-1"}
		if got := get(n.name + ":timings"); !cmp.Equal(jsonNumbers(timings), got) {
			t.Errorf("%s: timings = %v; want %v", n.name, got, timings)
		}
	}
}

// asJSON is s as JSON carries it: each byte that is not UTF-8 is U+FFFD.
func asJSON(s string) string {
	var out string
	json.Unmarshal(must(json.Marshal(s)), &out)
	return out
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// jsonNumbers turns the values of m, numbers' text, into json.Number.
func jsonNumbers(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = json.Number(v.(string))
	}
	return out
}

// TestHARURL: the url is absolute and a URL whatever the target and the
// Host header.
func TestHARURL(t *testing.T) {
	tests := []struct {
		target, host, server, want string
	}{
		{"/a?b=c#frag", "", "127.0.0.1:8000", "http://127.0.0.1:8000/a?b=c"},
		{"/a b\"<>\\^`{|}\x7f", "", "127.0.0.1:8000", "http://127.0.0.1:8000/a%20b%22%3C%3E%5C%5E%60%7B%7C%7D%7F"},
		{"/caf\u00e9", "", "[::1]:80", "http://[::1]:80/caf%E9"},                     // the bytes sent, ISO-8859-1
		{"/caf\u00e9/\u20ac", "", "[::1]:80", "http://[::1]:80/caf%C3%A9/%E2%82%AC"}, // not from the wire: UTF-8
		{"/%41%4", "h", "", "http://h/%41%254"},
		{"*", "h:1", "", "http://h:1/*"},
		{"", "", "[fe80::1%eth0]:8000", "http://[fe80::1]:8000/"},
		{"x", "", "", "http://localhost/x"},
		{"/", "bad host", "10.0.0.1:81", "http://10.0.0.1:81/"},
		{"/", "a@b", "10.0.0.1:81", "http://10.0.0.1:81/"},
		{"/", "a:b", "10.0.0.1:81", "http://10.0.0.1:81/"},
		{"/", "[::1]:8080", "", "http://[::1]:8080/"},
		{"HTTP://Example.com:81/p?q#f", "other", "", "http://Example.com:81/p?q"},
		{"https://example.com", "", "", "https://example.com/"},
		{"http://bad host/p", "h", "", "http://h/http://bad%20host/p"},
	}
	var exs []recorder.Exchange
	for _, tt := range tests {
		e := recorder.Exchange{Server: tt.server, Request: recorder.Request{Target: tt.target}}
		if tt.host != "" {
			e.Request.Header = recorder.Header{{"Host", tt.host}}
		}
		exs = append(exs, e)
	}
	entries := decodeHAR(t, exs)["log"].(map[string]any)["entries"].([]any)
	for i, tt := range tests {
		if got := entries[i].(map[string]any)["request"].(map[string]any)["url"]; got != tt.want {
			t.Errorf("target %q, Host %q, server %q: url %q; want %q", tt.target, tt.host, tt.server, got, tt.want)
		}
	}
}

func TestHARWriteError(t *testing.T) {
	err := recorder.WriteHAR(iotestWriter{err: fmt.Errorf("disk full")}, []recorder.Exchange{{}})
	if err == nil || !strings.Contains(err.Error(), "recorder: WriteHAR: disk full") {
		t.Errorf("WriteHAR to a failing writer = %v; want its error", err)
	}
}
