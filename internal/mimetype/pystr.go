package mimetype

// This file holds the pieces of Python's str and path handling that
// guess_type leans on: posixpath.splitext, urllib.parse._splittype and
// str.lower, which differs from strings.ToLower for a few characters.

import (
	"strings"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// splitext is posixpath.splitext: the extension is the last "." and what
// follows it in the last path element, unless only dots come before it
// there.
//
//	splitext("/srv/a.tar.gz") = "/srv/a.tar", ".gz"
//	splitext("/srv/.bashrc")  = "/srv/.bashrc", ""
//	splitext("/srv/..a.b")    = "/srv/..a", ".b"
//	splitext("/srv/a.")       = "/srv/a", "."
//	splitext("/srv/d.d/file") = "/srv/d.d/file", ""
func splitext(p string) (root, ext string) {
	sep := strings.LastIndexByte(p, '/')
	dot := strings.LastIndexByte(p, '.')
	if dot > sep {
		for i := sep + 1; i < dot; i++ {
			if p[i] != '.' {
				return p[:dot], p[dot:]
			}
		}
	}
	return p, ""
}

// splitType is urllib.parse._splittype, which 3.12's mimetypes.guess_type
// applies first: a URL scheme is a non-empty run free of "/" and ":" that
// a ":" ends, returned lower-cased. ok is false when url has none.
//
//	splitType("DATA:text/css,x") = "data", "text/css,x", true
//	splitType("/srv/a:b")        = "", "/srv/a:b", false
func splitType(url string) (scheme, rest string, ok bool) {
	i := strings.IndexAny(url, "/:")
	if i <= 0 || url[i] != ':' {
		return "", url, false
	}
	return pytext.Lower(url[:i]), url[i+1:], true
}
