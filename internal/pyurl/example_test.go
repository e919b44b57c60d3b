package pyurl_test

import (
	"fmt"
	"slices"

	"github.com/httpfixture/httpfixture/internal/pytext"
	"github.com/httpfixture/httpfixture/internal/pyurl"
)

// A request path goes through translate_path's steps; a listing's names
// are sorted and quoted as list_directory does.
func Example() {
	for _, path := range []string{"/docs/caf%C3%A9/../a%20b.txt", "/raw%ED%B3%BF", "/bad%E9", "/lone%ED%A0%80"} {
		fs, ok := pyurl.UnquoteFS(path)
		if !ok {
			fmt.Printf("%-30s UnicodeEncodeError\n", path)
			continue
		}
		fmt.Printf("%-30s %+q\n", path, pyurl.Normpath(fs))
	}
	names := []string{"b.txt", "\xff.bin", "A.txt", "é.txt", "a.txt"}
	slices.SortStableFunc(names, func(a, b string) int { return pyurl.Compare(pytext.Lower(a), pytext.Lower(b)) })
	for _, name := range names {
		fmt.Println(pyurl.QuoteFS(name))
	}
	// Output:
	// /docs/caf%C3%A9/../a%20b.txt   "/docs/a b.txt"
	// /raw%ED%B3%BF                  "/raw\xff"
	// /bad%E9                        "/bad\ufffd"
	// /lone%ED%A0%80                 UnicodeEncodeError
	// A.txt
	// a.txt
	// b.txt
	// %C3%A9.txt
	// %ED%B3%BF.bin
}

func ExampleURLSplit() {
	parts, err := pyurl.URLSplit("/dir?x=1#top")
	fmt.Printf("%q %v\n", parts, err)
	parts.Path += "/"
	fmt.Println(pyurl.URLUnsplit(parts))
	_, err = pyurl.URLSplit("http://[::1/dir")
	fmt.Println(err)
	// Output:
	// {"" "" "/dir" "x=1" "top"} <nil>
	// /dir/?x=1#top
	// Invalid IPv6 URL
}
