// Package diag carries build problems to content owners.
//
// Every problem is a Diagnostic with a position in a source file, a message
// saying what is wrong, and a hint saying how to fix it. A build collects all
// of them (List) and reports them together rather than stopping at the first.
package diag

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Severity tells whether a problem fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a 1-based line and column in a file. Zero values mean "unknown".
type Pos struct {
	Line, Col int
}

// Diagnostic is one problem found in the site's sources.
type Diagnostic struct {
	Path     string // slash-separated, relative to the site root (e.g. content/faq/x.md)
	Pos      Pos
	Severity Severity
	Message  string
	Hint     string // how to fix it; may be empty
	// kind groups diagnostics that differ only in their details (the
	// format they were made from), so a report can cap repeats.
	kind string
}

// String formats the diagnostic as `path:line:col: message; hint`, the form
// editors and terminals turn into clickable locations. File names and
// content quoted in it are untrusted: control characters, terminal escapes
// and bidirectional overrides in them are escaped (see Printable).
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(Printable(d.Path))
	if d.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Pos.Line)
		if d.Pos.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Pos.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(Printable(d.Message))
	if d.Hint != "" {
		b.WriteString("; ")
		b.WriteString(Printable(d.Hint))
	}
	return b.String()
}

// Printable escapes what must not reach a terminal or a CI log raw:
// control characters (an ANSI escape can rewrite or hide earlier lines),
// bidirectional controls (they reorder what is shown) and bytes that are
// not UTF-8. They are written as Go escapes (\x1b, \u202e, \xff), so the
// reader sees that they are there. Everything else is kept as it is.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unprintable(r, size) {
			i += size
			continue
		}
		break
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unprintable(r, size):
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\n', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func unprintable(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r == '\t':
		return false // harmless, and source lines shown for context have them
	case r < 0x20, r >= 0x7f && r < 0xa0: // C0, DEL and C1 controls (0x9b is an escape too)
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidirectional marks, embeddings, overrides and isolates
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// List collects diagnostics. The zero value is ready to use. It is not safe
// for concurrent use; parallel stages keep one List each and Merge them.
type List struct {
	items []Diagnostic
}

// Errorf records an error at path:pos.
func (l *List) Errorf(path string, pos Pos, hint, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Path: path, Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), Hint: hint, kind: format})
}

// Warnf records a warning at path:pos.
func (l *List) Warnf(path string, pos Pos, hint, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Path: path, Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Hint: hint, kind: format})
}

// Add records a diagnostic as is.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Merge appends all of other's diagnostics.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// Items returns the diagnostics sorted by path, line, column and message, so
// reports are stable however the build was scheduled.
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Message < b.Message
	})
	return out
}

// Len is the number of diagnostics of both severities.
func (l *List) Len() int { return len(l.items) }

// Count returns the number of errors and warnings.
func (l *List) Count() (errors, warnings int) {
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error; with strict set,
// warnings count as errors too.
func (l *List) HasErrors(strict bool) bool {
	e, w := l.Count()
	return e > 0 || (strict && w > 0)
}

// Err returns the list as an error when it holds errors (or, with strict,
// warnings), and nil otherwise.
func (l *List) Err(strict bool) error {
	if !l.HasErrors(strict) {
		return nil
	}
	return &BuildError{Diagnostics: l.Items()}
}

// BuildError is returned by a build that found problems in its sources.
type BuildError struct {
	Diagnostics []Diagnostic
}

func (e *BuildError) Error() string {
	var b strings.Builder
	Print(&b, e.Diagnostics)
	b.WriteString(Summary(e.Diagnostics))
	return b.String()
}

// MaxPerKind caps how many diagnostics of one kind (made from one message
// format, such as "unknown key `%s`") Print shows: a mistake repeated on
// 10,000 pages is read from its first few, and the rest would bury every
// other problem.
const MaxPerKind = 20

// Print writes diagnostics one per line, at most MaxPerKind of each kind,
// then one line per capped kind saying how many more there are. Counts
// (Summary) always include every diagnostic.
func Print(w io.Writer, ds []Diagnostic) {
	shown := map[string]int{}
	var order []string // capped kinds, in the order they were first capped
	omitted := map[string]int{}
	example := map[string]Diagnostic{}
	for _, d := range ds {
		k := d.kindKey()
		if shown[k] == MaxPerKind {
			if omitted[k] == 0 {
				order = append(order, k)
				example[k] = d
			}
			omitted[k]++
			continue
		}
		shown[k]++
		fmt.Fprintln(w, d.String())
	}
	for _, k := range order {
		d := example[k]
		word := d.Severity.String()
		if omitted[k] > 1 {
			word += "s"
		}
		fmt.Fprintf(w, "... and %d more %s like this one, not shown: %s\n", omitted[k], word, d.String())
	}
}

func (d Diagnostic) kindKey() string {
	k := d.kind
	if k == "" {
		k = d.Message
	}
	return d.Severity.String() + "\x00" + k
}

// Summary is the closing count line, e.g. "2 errors, 1 warning".
func Summary(ds []Diagnostic) string {
	var errs, warns int
	for _, d := range ds {
		if d.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	return Plural(errs, "error") + ", " + Plural(warns, "warning")
}

// Plural is a count with its noun: "1 page", "2 pages". Every count the
// tool prints goes through it, so none reads "1 pages".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// PosAt converts a byte offset in src into a line and column (columns count
// runes, as editors do).
func PosAt(src []byte, offset int) Pos {
	offset = min(max(offset, 0), len(src))
	line, col := 1, 1
	for _, r := range string(src[:offset]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return Pos{Line: line, Col: col}
}
