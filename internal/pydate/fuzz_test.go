package pydate

import (
	"testing"
	"time"
)

// httpDate is the date of HTTP headers (net/http.TimeFormat).
const httpDate = "Mon, 02 Jan 2006 15:04:05 GMT"

// FuzzModifiedSince checks that a date ModifiedSince accepts is one
// datetime can hold, in UTC to the second, and that the date written back
// as HTTP writes dates is read as the same instant. The seed corpus is in
// testdata/fuzz/FuzzModifiedSince.
func FuzzModifiedSince(f *testing.F) {
	f.Add("Sun, 06 Nov 1994 08:49:37 GMT")
	f.Add("Sunday, 06-Nov-94 08:49:37 GMT")
	f.Add("Sun Nov  6 08:49:37 1994")
	f.Add("6 nov 1994 8.49 -0000")
	f.Add("Sun, 06 Nov 1994 08:49:37 +0100")
	f.Fuzz(func(t *testing.T, value string) {
		tm, ok := ModifiedSince(value)
		if !ok {
			if !tm.IsZero() {
				t.Fatalf("ModifiedSince(%q) = %v, false; want the zero time", value, tm)
			}
			return
		}
		if tm.Location() != time.UTC || tm.Nanosecond() != 0 || tm.Year() < 1 || tm.Year() > 9999 {
			t.Fatalf("ModifiedSince(%q) = %v; want UTC, whole seconds, year 1 to 9999", value, tm)
		}
		// A year below 100 written with four digits, "0050", is read as
		// 2050, as int() and the POSIX rule for short years read it.
		if tm.Year() < 100 {
			return
		}
		for _, layout := range []string{httpDate, time.ANSIC, time.RFC850} {
			if layout == time.RFC850 && (tm.Year() < 1969 || tm.Year() > 2068) {
				continue // two digits of the year name 1969 to 2068
			}
			s := tm.Format(layout)
			if back, ok := ModifiedSince(s); !ok || !back.Equal(tm) {
				t.Fatalf("ModifiedSince(%q) = %v, but ModifiedSince(%q) = %v, %v", value, tm, s, back, ok)
			}
		}
	})
}
