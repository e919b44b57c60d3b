package recorder

import (
	"bytes"
	"os"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/assert/cmp"
	"gotest.tools/v3/golden"
)

// Golden compares the transcript of exs with the golden file filename,
// a path under testdata as for gotest.tools/v3/golden. The transcript is
// made with DefaultNormalizers, then ns, in order (see WriteTranscript
// for the format). It is compared by gotest.tools/v3/golden.String,
// which reports a difference as a unified diff; run the tests with
// -update to write the transcript to the file instead.
//
//	assert.Assert(t, recorder.Golden("get.golden", srv.Recorder().Exchanges()))
//
// A golden file whose lines end in CRLF, as git's core.autocrlf may check
// it out, compares as if they ended in LF: a transcript holds no CR. An
// empty filename, no exchanges, a nil Normalizer or a missing file fail
// the comparison with a message that says so.
func Golden(filename string, exs []Exchange, ns ...Normalizer) cmp.Comparison {
	return func() cmp.Result {
		if filename == "" {
			return cmp.ResultFailure("recorder.Golden: the golden file name is empty; give a name such as \"get.golden\" (a path under testdata)")
		}
		if len(exs) == 0 {
			return cmp.ResultFailure("recorder.Golden(" + filename + "): no exchanges to compare; the recorder had none yet (did the client read each response to its end?)")
		}
		for _, n := range ns {
			if n == nil {
				return cmp.ResultFailure("recorder.Golden(" + filename + "): a Normalizer is nil")
			}
		}
		text := Transcript(exs, append(DefaultNormalizers(), ns...)...)
		if !golden.FlagUpdate() {
			want, err := os.ReadFile(golden.Path(filename))
			if err != nil {
				return cmp.ResultFailure("recorder.Golden: " + err.Error() + "; run the test with -update to write it")
			}
			if string(bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))) == text {
				return cmp.ResultSuccess
			}
		}
		return golden.String(text, filename)()
	}
}

// AssertGolden fails the test at once unless the transcript of exs
// matches the golden file filename: Golden as an assertion. Run the
// tests with -update to write the file.
//
//	recorder.AssertGolden(t, "get.golden", srv.Recorder().Exchanges(), recorder.NormalizeServer())
func AssertGolden(t testing.TB, filename string, exs []Exchange, ns ...Normalizer) {
	t.Helper()
	assert.Assert(t, Golden(filename, exs, ns...))
}
