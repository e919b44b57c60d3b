package recorder

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	gocmp "github.com/google/go-cmp/cmp"
	gtcmp "gotest.tools/v3/assert/cmp"
	"gotest.tools/v3/poll"
)

// The assertions come in two forms. Find, Exchange.Check and
// Exchange.Diff return errors, for any test framework:
//
//	if _, err := rec.Find(recorder.Method("GET"), recorder.Path("/a")); err != nil {
//		t.Error(err)
//	}
//
// Received, Matches and Equal are the same checks as gotest.tools/v3
// comparisons, for assert.Assert and assert.Check; Poll is one for
// poll.WaitOn:
//
//	assert.Check(t, rec.Received(recorder.Method("GET"), recorder.Path("/a")))
//	poll.WaitOn(t, rec.Poll(recorder.Status(200)))
//
// Every failure prints what was wanted, how the exchange differs and the
// whole exchange.

// nearMisses is how many of the closest exchanges a failed Find lists.
const nearMisses = 3

// notFound is Find's error: what was wanted and the closest exchanges,
// fewest differences first, the later of two equally close first.
func notFound(ms []Matcher, all []Exchange) error {
	var b strings.Builder
	fmt.Fprintf(&b, "no exchange matched %s", describeMatchers(ms))
	if len(all) == 0 {
		b.WriteString("; none was recorded")
		return &FindError{msg: b.String()}
	}
	type miss struct {
		i     int
		diffs []string
	}
	misses := make([]miss, len(all))
	for i := range all {
		misses[i] = miss{i: i, diffs: differences(&all[i], ms)}
	}
	slices.SortStableFunc(misses, func(a, b miss) int {
		if c := cmp.Compare(len(a.diffs), len(b.diffs)); c != 0 {
			return c
		}
		return cmp.Compare(b.i, a.i)
	})
	fmt.Fprintf(&b, "; %d recorded, the closest:", len(all))
	for _, m := range misses[:min(nearMisses, len(misses))] {
		fmt.Fprintf(&b, "\n\n  %s", summary(&all[m.i]))
		for _, d := range m.diffs {
			b.WriteString("\n    " + indent(d, "      "))
		}
	}
	return &FindError{msg: b.String()}
}

// FindError is the error of a Find or WaitFor that found nothing: its
// text lists what was wanted and the closest exchanges recorded.
type FindError struct{ msg string }

func (e *FindError) Error() string { return e.msg }

// differences lists, for each matcher e fails, the matcher and how e
// differs.
func differences(e *Exchange, ms []Matcher) []string {
	var out []string
	for _, m := range ms {
		if d := m.diff(e); d != "" {
			out = append(out, m.String()+": "+d)
		}
	}
	return out
}

func describeMatchers(ms []Matcher) string {
	if len(ms) == 0 {
		return "(no matchers)"
	}
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = m.String()
	}
	return strings.Join(s, ", ")
}

// summary is one line naming an exchange: its place, request line and
// status.
func summary(e *Exchange) string {
	s := fmt.Sprintf("conn %d #%d %q", e.Conn, e.Seq, e.Request.Line)
	if e.Response.Code != 0 {
		s += fmt.Sprintf(" -> %d", e.Response.Code)
	}
	if e.Error != "" {
		s += " (" + e.Error + ")"
	}
	return s
}

func indent(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// Check returns nil if e matches every one of ms, otherwise an error
// listing each matcher it fails, how it differs, and the whole exchange.
func (e Exchange) Check(ms ...Matcher) error {
	diffs := differences(&e, ms)
	if len(diffs) == 0 {
		return nil
	}
	return fmt.Errorf("exchange %s does not match:\n  %s\n\n%s",
		summary(&e), indent(strings.Join(diffs, "\n"), "  "), dump(e))
}

// Diff compares e with want using go-cmp and opts and returns nil if they
// are equal, otherwise an error with cmp.Diff's report (-want +got) and
// the whole exchange.
func (e Exchange) Diff(want Exchange, opts ...gocmp.Option) error {
	d := gocmp.Diff(want, e, opts...)
	if d == "" {
		return nil
	}
	return fmt.Errorf("exchange %s differs (-want +got):\n%s\n%s", summary(&e), d, dump(e))
}

// Received is Find as a gotest.tools comparison: it succeeds if an
// exchange recorded so far matches every one of ms.
func (r *Recorder) Received(ms ...Matcher) gtcmp.Comparison {
	return func() gtcmp.Result {
		_, err := r.Find(ms...)
		return gtcmp.ResultFromError(err)
	}
}

// ReceivedN is a gotest.tools comparison that succeeds if exactly n of
// the exchanges recorded so far match every one of ms. Its failure lists
// those that do, or, when none does, the closest as Find's does.
func (r *Recorder) ReceivedN(n int, ms ...Matcher) gtcmp.Comparison {
	return func() gtcmp.Result {
		all := r.Exchanges()
		var got []Exchange
		for _, e := range all {
			if matchAll(&e, ms) {
				got = append(got, e)
			}
		}
		switch {
		case len(got) == n:
			return gtcmp.ResultSuccess
		case len(got) == 0:
			return gtcmp.ResultFailure(fmt.Sprintf("want %d exchanges, got none: %v", n, notFound(ms, all)))
		}
		var b strings.Builder
		fmt.Fprintf(&b, "want %d exchanges matching %s, got %d:", n, describeMatchers(ms), len(got))
		for i := range got {
			b.WriteString("\n  " + summary(&got[i]))
		}
		return gtcmp.ResultFailure(b.String())
	}
}

// Poll is Received for gotest.tools/v3/poll.WaitOn: it is done when an
// exchange matches every one of ms, and its last failure lists the
// closest exchanges.
func (r *Recorder) Poll(ms ...Matcher) poll.Check {
	return func(poll.LogT) poll.Result {
		if _, err := r.Find(ms...); err != nil {
			return poll.Continue("%v", err)
		}
		return poll.Success()
	}
}

// Matches is Exchange.Check as a gotest.tools comparison.
func Matches(e Exchange, ms ...Matcher) gtcmp.Comparison {
	return func() gtcmp.Result { return gtcmp.ResultFromError(e.Check(ms...)) }
}

// Equal is Exchange.Diff as a gotest.tools comparison: got against want,
// with go-cmp options such as IgnoreHeader and IgnoreTimes.
func Equal(got, want Exchange, opts ...gocmp.Option) gtcmp.Comparison {
	return func() gtcmp.Result { return gtcmp.ResultFromError(got.Diff(want, opts...)) }
}

// dump is the whole exchange, for failure messages: its transcript, as
// recorded.
func dump(e Exchange) string {
	return "whole exchange:\n" + Transcript([]Exchange{e})
}
