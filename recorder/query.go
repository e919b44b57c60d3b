package recorder

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Last returns the exchange recorded last, and false if there is none.
func (r *Recorder) Last() (Exchange, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.ex) == 0 {
		return Exchange{}, false
	}
	return get(r.ex[len(r.ex)-1]), true
}

// Conn returns the exchanges of connection n (Exchange.Conn), in the
// order they were made on it.
func (r *Recorder) Conn(n int) []Exchange {
	return r.Filter(Conn(n))
}

// Conns returns the exchanges grouped by connection, the connections in
// the order they were accepted, each connection's exchanges in order.
func (r *Recorder) Conns() [][]Exchange {
	all := r.Exchanges()
	slices.SortStableFunc(all, func(a, b Exchange) int { return cmp.Compare(a.Conn, b.Conn) })
	var out [][]Exchange
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j].Conn == all[i].Conn {
			j++
		}
		out = append(out, all[i:j:j])
		i = j
	}
	return out
}

// Filter returns the exchanges that match every one of ms, in the order
// they were recorded; all of them if ms is empty.
func (r *Recorder) Filter(ms ...Matcher) []Exchange {
	var out []Exchange
	for _, e := range r.Exchanges() {
		if matchAll(&e, ms) {
			out = append(out, e)
		}
	}
	return out
}

// Find returns the first exchange that matches every one of ms. When none
// does, the error says what was looked for and lists the closest
// exchanges recorded, each with how it differs.
func (r *Recorder) Find(ms ...Matcher) (Exchange, error) {
	all := r.Exchanges()
	for _, e := range all {
		if matchAll(&e, ms) {
			return e, nil
		}
	}
	return Exchange{}, notFound(ms, all)
}

// Wait waits until the recorder holds n exchanges and returns the n-th
// (from 1), or until ctx ends. It starts no goroutine: give it a context
// with a deadline, such as one from context.WithTimeout(t.Context(), d).
func (r *Recorder) Wait(ctx context.Context, n int) (Exchange, error) {
	if n < 1 {
		return Exchange{}, fmt.Errorf("recorder: Wait(ctx, %d): exchanges are numbered from 1", n)
	}
	for {
		r.mu.Lock()
		if len(r.ex) >= n {
			e := get(r.ex[n-1])
			r.mu.Unlock()
			return e, nil
		}
		have, changed := len(r.ex), r.waitChan()
		r.mu.Unlock()
		if err := r.sleep(ctx, changed); err != nil {
			return Exchange{}, fmt.Errorf("recorder: waiting for exchange %d, %d recorded: %w", n, have, err)
		}
	}
}

// WaitFor waits until an exchange that matches every one of ms is
// recorded and returns the first, or until ctx ends; then the error is
// Find's, listing the closest exchanges.
func (r *Recorder) WaitFor(ctx context.Context, ms ...Matcher) (Exchange, error) {
	for {
		r.mu.Lock()
		changed := r.waitChan()
		r.mu.Unlock()
		e, err := r.Find(ms...)
		if err == nil {
			return e, nil
		}
		if cerr := r.sleep(ctx, changed); cerr != nil {
			return Exchange{}, fmt.Errorf("%w\n(waited until: %v)", err, cerr)
		}
	}
}

// sleep waits for changed to close or ctx to end.
func (r *Recorder) sleep(ctx context.Context, changed chan struct{}) error {
	select {
	case <-changed:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
