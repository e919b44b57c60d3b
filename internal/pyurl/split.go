package pyurl

import (
	"errors"
	"slices"
	"strings"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// SplitResult is urllib.parse.SplitResult: the five parts of a URL, none
// with its delimiter. A part the URL lacks is "".
type SplitResult struct {
	Scheme   string // lower-cased, without ":"
	Netloc   string // without "//"
	Path     string
	Query    string // without "?"
	Fragment string // without "#"
}

// c0ControlOrSpace is urllib.parse._WHATWG_C0_CONTROL_OR_SPACE.
const c0ControlOrSpace = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f" +
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "

// unsafeRemover deletes urllib.parse._UNSAFE_URL_BYTES_TO_REMOVE.
var unsafeRemover = strings.NewReplacer("\t", "", "\r", "", "\n", "")

// URLSplit is urllib.parse.urlsplit(url) of CPython 3.13, with no default
// scheme and fragments allowed. It strips C0 controls and spaces from the
// start of url and removes every tab, CR and LF; then a scheme is what
// comes before the first ":" if that starts with an ASCII letter and holds
// only letters, digits and "+-."; a netloc follows "//" up to the next
// "/", "?" or "#"; the fragment follows the first "#" and the query the
// first "?" before it.
//
//	URLSplit("HTTP://h:80/a?q#f") = {"http", "h:80", "/a", "q", "f"}
//	URLSplit("/dir?x=1")          = {"", "", "/dir", "x=1", ""}
//	URLSplit("c:/dir")            = {"c", "", "/dir", "", ""}
//	URLSplit("1c:/dir")           = {"", "", "1c:/dir", "", ""}
//
// The errors are CPython's ValueErrors, and their text is that of the
// ValueError: "Invalid IPv6 URL" for a netloc with "[" and no "]" or the
// reverse; for the host between "[" and "]", "IPvFuture address is
// invalid" when it starts with "v" and does not continue as hex digits, a
// dot and something; when it starts otherwise, "An IPv4 address cannot
// be in brackets" for what ipaddress.IPv4Address accepts, and "'x' does
// not appear to be an IPv4 or IPv6 address" for what ipaddress.ip_address
// refuses (x is the host's repr()); and "netloc 'x' contains invalid
// characters under NFKC normalization" when NFKC normalization would make
// "/", "?", "#", "@" or ":" of a character of the netloc (U+2100 "℀"
// becomes "a/c"). They are not prefixed with "pyurl:", so that they can
// be shown as CPython shows them.
func URLSplit(url string) (SplitResult, error) {
	url = strings.TrimLeft(url, c0ControlOrSpace)
	url = unsafeRemover.Replace(url)
	var r SplitResult
	if i := strings.IndexByte(url, ':'); i > 0 && isASCIIAlpha(url[0]) && isScheme(url[:i]) {
		r.Scheme, url = strings.ToLower(url[:i]), url[i+1:]
	}
	if strings.HasPrefix(url, "//") {
		r.Netloc, url = splitNetloc(url[2:])
		if err := checkBrackets(r.Netloc); err != nil {
			return SplitResult{}, err
		}
	}
	url, r.Fragment, _ = strings.Cut(url, "#")
	r.Path, r.Query, _ = strings.Cut(url, "?")
	if err := checkNetloc(r.Netloc); err != nil {
		return SplitResult{}, err
	}
	return r, nil
}

func isASCIIAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isScheme reports whether s holds only urllib.parse.scheme_chars.
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isASCIIAlpha(c) && (c < '0' || c > '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// splitNetloc is urllib.parse._splitnetloc(url, 2) on what follows "//".
func splitNetloc(s string) (netloc, rest string) {
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// checkBrackets is urlsplit's check of an IPv6 netloc and
// _check_bracketed_host.
func checkBrackets(netloc string) error {
	open, closed := strings.Contains(netloc, "["), strings.Contains(netloc, "]")
	if open != closed {
		return errors.New("Invalid IPv6 URL")
	}
	if !open {
		return nil
	}
	_, host, _ := strings.Cut(netloc, "[")
	host, _, _ = strings.Cut(host, "]")
	if strings.HasPrefix(host, "v") {
		if !isIPvFuture(host) {
			return errors.New("IPvFuture address is invalid")
		}
		return nil
	}
	switch {
	case isIPv4(host):
		return errors.New("An IPv4 address cannot be in brackets")
	case !isIPv6(host):
		return errors.New(pytext.Repr(host) + " does not appear to be an IPv4 or IPv6 address")
	}
	return nil
}

// isIPvFuture reports whether host matches \Av[a-fA-F0-9]+\..+\Z; the
// "." of ".+" matches anything but "\n", which urlsplit has removed.
func isIPvFuture(host string) bool {
	i := 1
	for i < len(host) && isHex(host[i]) {
		i++
	}
	return i > 1 && i+1 < len(host) && host[i] == '.'
}

// checkNetloc is urllib.parse._checknetloc: after "@", ":", "#" and "?"
// are taken out, no character of a non-ASCII netloc may be one whose NFKC
// form holds one of "/?#@:". Only characters of nfkcDelimiters have such
// a form, and NFKC composition cannot take the delimiter back into a
// character (none has one in its canonical decomposition), so the test
// needs no NFKC tables.
func checkNetloc(netloc string) error {
	for _, r := range netloc {
		if slices.Contains(nfkcDelimiters, r) {
			return errors.New("netloc '" + netloc + "' contains invalid characters under NFKC normalization")
		}
	}
	return nil
}

// nfkcDelimiters are the characters whose NFKC normalization (Unicode
// 15.1, as CPython 3.13's unicodedata has it) holds "/", "?", "#", "@" or
// ":" though they are none of those: "⁇" "⁈" "⁉" "℀" "℁" "℅" "℆" "⩴" and
// small and full-width forms.
var nfkcDelimiters = []rune{
	'\u2047', '\u2048', '\u2049', '\u2100', '\u2101', '\u2105', '\u2106', '\u2a74',
	'\ufe13', '\ufe16', '\ufe55', '\ufe56', '\ufe5f', '\ufe6b',
	'\uff03', '\uff0f', '\uff1a', '\uff1f', '\uff20',
}

// usesNetloc is urllib.parse.uses_netloc.
var usesNetloc = []string{
	"", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms",
	"https", "shttp", "snews", "prospero", "rtsp", "rtsps", "rtspu", "rsync",
	"svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss", "itms-services",
}

// URLUnsplit is urllib.parse.urlunsplit of CPython 3.13: the parts joined
// with their delimiters, a query or fragment only when not empty. A netloc
// gets "//" before it and a "/" between it and a path that lacks one; so
// does a path starting "//" with no netloc, or an empty or absolute path
// after a scheme of uses_netloc (http, https, file, ...).
//
//	URLUnsplit({"http", "h", "a", "q", ""}) = "http://h/a?q"
//	URLUnsplit({"", "", "//a", "", ""})     = "////a"
//	URLUnsplit({"file", "", "/a", "", ""})  = "file:///a"
//	URLUnsplit({"c", "", "/a", "", ""})     = "c:/a"
func URLUnsplit(r SplitResult) string {
	url := r.Path
	switch {
	case r.Netloc != "":
		if url != "" && url[0] != '/' {
			url = "/" + url
		}
		url = "//" + r.Netloc + url
	case strings.HasPrefix(url, "//"):
		url = "//" + url
	case r.Scheme != "" && slices.Contains(usesNetloc, r.Scheme) && (url == "" || url[0] == '/'):
		url = "//" + url
	}
	if r.Scheme != "" {
		url = r.Scheme + ":" + url
	}
	if r.Query != "" {
		url += "?" + r.Query
	}
	if r.Fragment != "" {
		url += "#" + r.Fragment
	}
	return url
}
