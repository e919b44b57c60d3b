// Package listing renders the directory listing page of CPython's
// SimpleHTTPRequestHandler.list_directory, byte for byte.
//
// The caller does the file-system work (reading, sorting, telling
// directories and links apart) and the quoting; this package only lays the
// page out, as list_directory joins its lines.
package listing

import "strings"

// Item is one entry of the list: Href is the quoted link target
// (urllib.parse.quote of the name, "/" added for a directory) and Text the
// HTML-escaped name shown ("/" added for a directory, "@" for a link).
type Item struct {
	Href string
	Text string
}

// Page returns the page for a listing titled with displayPath (the
// request path, unquoted and HTML-escaped) in charset enc ("utf-8"), with
// style as a line of its own after the charset when it is not empty (3.14
// adds a <style> element there):
//
//	<!DOCTYPE HTML>
//	<html lang="en">
//	<head>
//	<meta charset="utf-8">
//	<title>Directory listing for /a/</title>
//	</head>
//	<body>
//	<h1>Directory listing for /a/</h1>
//	<hr>
//	<ul>
//	<li><a href="b.txt">b.txt</a></li>
//	</ul>
//	<hr>
//	</body>
//	</html>
//
// Text is returned as it will be written: the caller has already turned
// it into bytes (os.fsencode rules for undecodable names).
func Page(displayPath, enc, style string, items []Item) []byte {
	title := "Directory listing for " + displayPath
	var b strings.Builder
	n := 200 + 2*len(title)
	for _, it := range items {
		n += len(it.Href) + len(it.Text) + 24
	}
	b.Grow(n)
	b.WriteString("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"")
	b.WriteString(enc)
	b.WriteString("\">\n")
	if style != "" {
		b.WriteString(style)
		b.WriteByte('\n')
	}
	b.WriteString("<title>")
	b.WriteString(title)
	b.WriteString("</title>\n</head>\n<body>\n<h1>")
	b.WriteString(title)
	b.WriteString("</h1>\n<hr>\n<ul>\n")
	for _, it := range items {
		b.WriteString("<li><a href=\"")
		b.WriteString(it.Href)
		b.WriteString("\">")
		b.WriteString(it.Text)
		b.WriteString("</a></li>\n")
	}
	b.WriteString("</ul>\n<hr>\n</body>\n</html>\n")
	return []byte(b.String())
}
