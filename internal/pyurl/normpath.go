package pyurl

import "strings"

// Normpath is posixpath.normpath: empty and "." elements go, ".." takes
// away the element before it, and a path of nothing is ".". One leading
// slash or three and more become "/", exactly two stay "//" (POSIX leaves
// their meaning to the implementation). A ".." at the start of an
// absolute path goes; at the start of a relative one it stays. Only "/"
// and "." are looked at, so p may be text or fs bytes alike.
//
//	Normpath("/a/./b//../c/") = "/a/c"
//	Normpath("//a/b")          = "//a/b"
//	Normpath("///a/b")         = "/a/b"
//	Normpath("/../a")          = "/a"
//	Normpath("../a/../..")     = "../.."
//	Normpath("a/..")           = "."
func Normpath(p string) string {
	if p == "" {
		return "."
	}
	root := rootOf(p)
	var comps []string
	for _, comp := range strings.Split(p[len(root):], "/") {
		switch {
		case comp == "" || comp == ".":
		case comp != ".." || (root == "" && len(comps) == 0) || (len(comps) > 0 && comps[len(comps)-1] == ".."):
			comps = append(comps, comp)
		case len(comps) > 0:
			comps = comps[:len(comps)-1]
		}
	}
	if p = root + strings.Join(comps, "/"); p == "" {
		return "."
	}
	return p
}

// rootOf is the root posixpath.splitroot finds: "", "/" or "//".
func rootOf(p string) string {
	switch {
	case !strings.HasPrefix(p, "/"):
		return ""
	case strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "///"):
		return "//"
	}
	return "/"
}
