package pydate_test

import (
	"fmt"

	"github.com/httpfixture/httpfixture/internal/pydate"
)

func ExampleModifiedSince() {
	for _, v := range []string{
		"Sun, 06 Nov 1994 08:49:37 GMT",
		"Sunday, 06-Nov-94 08:49:37 GMT",
		"Sun Nov  6 08:49:37 1994",
		"6 nov 94 8.49 -0000",
		"Sun, 06 Nov 1994 08:49:37 +0100",
		"Sun, 31 Nov 1994 08:49:37 GMT",
		"yesterday",
	} {
		t, ok := pydate.ModifiedSince(v)
		if !ok {
			fmt.Printf("%-32s ignored\n", v)
			continue
		}
		fmt.Printf("%-32s %s\n", v, t.Format("2006-01-02 15:04:05 MST"))
	}
	// Output:
	// Sun, 06 Nov 1994 08:49:37 GMT    1994-11-06 08:49:37 UTC
	// Sunday, 06-Nov-94 08:49:37 GMT   1994-11-06 08:49:37 UTC
	// Sun Nov  6 08:49:37 1994         1994-11-06 08:49:37 UTC
	// 6 nov 94 8.49 -0000              1994-11-06 08:49:00 UTC
	// Sun, 06 Nov 1994 08:49:37 +0100  ignored
	// Sun, 31 Nov 1994 08:49:37 GMT    ignored
	// yesterday                        ignored
}
