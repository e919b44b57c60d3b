package recorder_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/httpfixture/httpfixture/recorder"
)

// faultExchange is an exchange a wire fault cut short.
var faultExchange = recorder.Exchange{
	Conn:     1,
	Seq:      1,
	Request:  recorder.Request{Line: "GET /f HTTP/1.1", Method: "GET", Target: "/f", Version: "HTTP/1.1", Raw: []byte("GET /f HTTP/1.1\r\n\r\n"), Size: 19},
	Response: recorder.Response{Raw: []byte("HTTP/1.0 200 OK\r\nContent-Length: 10\r\n\r\nabc"), Size: 42},
	Error:    "fault: connection closed after 3 of 10 body bytes",
	Fault:    "truncate after 3 body bytes",
}

// TestFaultJSON: Fault is the optional "fault" field, after "error"; an
// exchange without one is written as before.
func TestFaultJSON(t *testing.T) {
	b, err := faultExchange.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	const want = `"error":"fault: connection closed after 3 of 10 body bytes","fault":"truncate after 3 body bytes","request"`
	if !strings.Contains(string(b), want) {
		t.Errorf("MarshalJSON = %s; want it to hold %s", b, want)
	}
	var got recorder.Exchange
	if err := got.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(faultExchange, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	plain := faultExchange
	plain.Fault = ""
	if b, _ := plain.MarshalJSON(); bytes.Contains(b, []byte(`"fault"`)) {
		t.Errorf("an exchange without a fault is written with a \"fault\" field: %s", b)
	}
}

// TestFaultTranscript: a "fault" line after "error", only when set.
func TestFaultTranscript(t *testing.T) {
	got := recorder.Transcript([]recorder.Exchange{faultExchange})
	const want = "error fault: connection closed after 3 of 10 body bytes\nfault truncate after 3 body bytes\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("transcript ends\n%s\nwant it to end\n%s", got, want)
	}
	plain := faultExchange
	plain.Fault = ""
	if tr := recorder.Transcript([]recorder.Exchange{plain}); strings.Contains(tr, "\nfault") {
		t.Errorf("transcript of an exchange without a fault has a fault line:\n%s", tr)
	}
}

// TestFaultHAR: "_fault" and the comment.
func TestFaultHAR(t *testing.T) {
	plain := faultExchange
	plain.Error = ""
	var buf bytes.Buffer
	if err := recorder.WriteHAR(&buf, []recorder.Exchange{faultExchange, plain}); err != nil {
		t.Fatal(err)
	}
	var h struct {
		Log struct {
			Entries []struct {
				Comment string `json:"comment"`
				Fault   string `json:"_fault"`
			} `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(buf.Bytes(), &h); err != nil {
		t.Fatal(err)
	}
	type entry struct{ Comment, Fault string }
	var got []entry
	for _, e := range h.Log.Entries {
		got = append(got, entry{e.Comment, e.Fault})
	}
	want := []entry{
		{"fault: connection closed after 3 of 10 body bytes; fault: truncate after 3 body bytes", "truncate after 3 body bytes"},
		{"fault: truncate after 3 body bytes", "truncate after 3 body bytes"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("HAR entries (-want +got):\n%s", diff)
	}
}

func TestFaultedMatcher(t *testing.T) {
	if !recorder.Faulted().Match(faultExchange) {
		t.Error("Faulted() does not match an exchange with a fault")
	}
	plain := faultExchange
	plain.Fault = ""
	if recorder.Faulted().Match(plain) {
		t.Error("Faulted() matches an exchange without a fault")
	}
	if err := plain.Check(recorder.Faulted()); err == nil || !strings.Contains(err.Error(), "no wire fault was applied") {
		t.Errorf("Check(Faulted()) = %v; want it to say no wire fault was applied", err)
	}
}
