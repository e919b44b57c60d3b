package listing

import "testing"

// The wanted pages are what CPython 3.13's list_directory writes for the
// same names.
func TestPage(t *testing.T) {
	got := string(Page("/a/", "utf-8", "", []Item{{"b.txt", "b.txt"}, {"sub/", "sub/"}, {"%3Cx%26%3E", "&lt;x&amp;&gt;"}, {"ln", "ln@"}}))
	want := `<!DOCTYPE HTML>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Directory listing for /a/</title>
</head>
<body>
<h1>Directory listing for /a/</h1>
<hr>
<ul>
<li><a href="b.txt">b.txt</a></li>
<li><a href="sub/">sub/</a></li>
<li><a href="%3Cx%26%3E">&lt;x&amp;&gt;</a></li>
<li><a href="ln">ln@</a></li>
</ul>
<hr>
</body>
</html>
`
	if got != want {
		t.Errorf("Page() =\n%s\nwant\n%s", got, want)
	}
	empty := string(Page("/", "utf-8", "", nil))
	wantEmpty := "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n"
	if empty != wantEmpty {
		t.Errorf("Page(empty) = %q; want %q", empty, wantEmpty)
	}
}

// The style line of CPython 3.14's list_directory.
func TestPageStyle(t *testing.T) {
	got := string(Page("/", "utf-8", "<style type=\"text/css\">\n:root {\ncolor-scheme: light dark;\n}\n</style>", nil))
	want := "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<style type=\"text/css\">\n:root {\ncolor-scheme: light dark;\n}\n</style>\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n"
	if got != want {
		t.Errorf("Page(style) = %q; want %q", got, want)
	}
}
