package main

// Usage and help text as argparse.HelpFormatter lays them out for a
// terminal of a given width, so that narrow terminals wrap the way CPython
// wraps them.

import (
	"math"
	"strings"

	"github.com/httpfixture/httpfixture/internal/pytext"
)

// formatUsage is parser.format_usage(): "usage: ..." and a newline.
func formatUsage(width int) string {
	return strings.TrimRight(usageBlock(width), "\n") + "\n"
}

// formatHelp is parser.format_help(): usage, then the positional and the
// options, each under its heading.
func formatHelp(width int) string {
	var b strings.Builder
	b.WriteString(usageBlock(width))
	b.WriteString("positional arguments:\n")
	lay := newLayout(width)
	for _, a := range actions {
		if len(a.flags) == 0 {
			b.WriteString(lay.format(a))
		}
	}
	b.WriteString("\noptions:\n")
	for _, a := range actions {
		if len(a.flags) > 0 {
			b.WriteString(lay.format(a))
		}
	}
	return b.String()
}

// formatterWidth is HelpFormatter's width: the terminal's columns less two.
func formatterWidth(columns int) int { return columns - 2 }

// usageParts is _get_actions_usage_parts: "[-h]", "[-b ADDRESS]", ...
func usageParts(positional bool) []string {
	var parts []string
	for _, a := range actions {
		if (len(a.flags) == 0) != positional {
			continue
		}
		parts = append(parts, "["+usageWord(a)+"]")
	}
	return parts
}

func usageWord(a *action) string {
	switch {
	case len(a.flags) == 0:
		return a.dest
	case a.nargs == 0:
		return a.flags[0]
	default:
		return a.flags[0] + " " + metavar(a)
	}
}

func metavar(a *action) string {
	if a.metavar != "" {
		return a.metavar
	}
	return strings.ToUpper(a.dest)
}

// usageBlock is _format_usage: the usage on one line if it fits, else
// wrapped with the options under the program name, or the program name on
// a line of its own when it takes more than three quarters of the width.
// It ends in a blank line.
func usageBlock(width int) string {
	const prefix = "usage: "
	opt, pos := usageParts(false), usageParts(true)
	usage := prog + " " + strings.Join(append(append([]string{}, opt...), pos...), " ")
	textWidth := width
	if len(prefix)+len(usage) <= textWidth {
		return prefix + usage + "\n\n"
	}
	var lines []string
	if float64(len(prefix)+len(prog)) <= 0.75*float64(textWidth) {
		indent := strings.Repeat(" ", len(prefix)+len(prog)+1)
		lines = wrapUsage(append([]string{prog}, opt...), indent, prefix, textWidth)
		lines = append(lines, wrapUsage(pos, indent, "", textWidth)...)
	} else {
		indent := strings.Repeat(" ", len(prefix))
		lines = wrapUsage(append(append([]string{}, opt...), pos...), indent, "", textWidth)
		if len(lines) > 1 {
			lines = append(wrapUsage(opt, indent, "", textWidth), wrapUsage(pos, indent, "", textWidth)...)
		}
		lines = append([]string{prog}, lines...)
	}
	return prefix + strings.Join(lines, "\n") + "\n\n"
}

// wrapUsage is get_lines inside _format_usage. With a prefix, the first
// line loses its indent: the prefix is printed in its place.
func wrapUsage(parts []string, indent, prefix string, textWidth int) []string {
	var lines, line []string
	lineLen := len(indent) - 1
	if prefix != "" {
		lineLen = len(prefix) - 1
	}
	for _, part := range parts {
		if lineLen+1+len(part) > textWidth && len(line) > 0 {
			lines = append(lines, indent+strings.Join(line, " "))
			line, lineLen = nil, len(indent)-1
		}
		line = append(line, part)
		lineLen += len(part) + 1
	}
	if len(line) > 0 {
		lines = append(lines, indent+strings.Join(line, " "))
	}
	if prefix != "" && len(lines) > 0 {
		lines[0] = lines[0][len(indent):]
	}
	return lines
}

// layout holds the columns of _format_action inside a section, whose
// indent is two.
type layout struct {
	helpPosition, helpWidth, actionWidth int
}

const sectionIndent = 2

func newLayout(width int) layout {
	maxHelpPosition := min(24, max(width-20, 2*sectionIndent))
	longest := 0
	for _, a := range actions {
		longest = max(longest, len(invocation(a))+sectionIndent)
	}
	pos := min(longest+2, maxHelpPosition)
	return layout{
		helpPosition: pos,
		helpWidth:    max(width-pos, 11),
		actionWidth:  pos - sectionIndent - 2,
	}
}

// invocation is _format_action_invocation: "port", "-h, --help",
// "-b, --bind ADDRESS".
func invocation(a *action) string {
	switch {
	case len(a.flags) == 0:
		return a.dest
	case a.nargs == 0:
		return strings.Join(a.flags, ", ")
	default:
		return strings.Join(a.flags, ", ") + " " + metavar(a)
	}
}

// format is _format_action: the invocation, then the help wrapped to the
// help column, on the same line when the invocation is short enough.
func (l layout) format(a *action) string {
	var b strings.Builder
	inv := invocation(a)
	lines := wrapWords(a.help, l.helpWidth)
	indent := strings.Repeat(" ", sectionIndent)
	if len(inv) <= l.actionWidth {
		b.WriteString(indent + inv + strings.Repeat(" ", l.actionWidth-len(inv)) + "  ")
	} else {
		b.WriteString(indent + inv + "\n" + strings.Repeat(" ", l.helpPosition))
	}
	b.WriteString(lines[0] + "\n")
	for _, line := range lines[1:] {
		b.WriteString(strings.Repeat(" ", l.helpPosition) + line + "\n")
	}
	return b.String()
}

// wrapWords is textwrap.wrap(text, width) for our help strings. Their
// longest word, "interfaces)", is 11 characters and the help width is
// never below 11, so no word is ever broken and greedy filling is all
// textwrap does here.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// columnsFromEnv is shutil.get_terminal_size().columns: COLUMNS when it is
// a positive int(), else the terminal's width (term, 0 when stdout is not a
// terminal), else 80.
func columnsFromEnv(getenv func(string) string, term func() int) int {
	if n, ok := pytext.ParseInt(getenv("COLUMNS")); ok && n.Sign() > 0 {
		if !n.IsInt64() || n.Int64() > math.MaxInt32 {
			return math.MaxInt32
		}
		return int(n.Int64())
	}
	if c := term(); c > 0 {
		return c
	}
	return 80
}
