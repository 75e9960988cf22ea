package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/source"
)

// Problem is one build problem as tabs and the terminal show it: where,
// what, how to fix it, and the source lines around it.
type Problem struct {
	Path     string       `json:"path"`
	Line     int          `json:"line,omitempty"`
	Col      int          `json:"col,omitempty"`
	Severity string       `json:"severity"`
	Message  string       `json:"message"`
	Hint     string       `json:"hint,omitempty"`
	Context  []SourceLine `json:"context,omitempty"`
}

// SourceLine is one numbered line of a source file.
type SourceLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

// Location is "path:line:col", the form editors open.
func (p Problem) Location() string {
	loc := p.Path
	if p.Line > 0 {
		loc += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			loc += fmt.Sprintf(":%d", p.Col)
		}
	}
	return loc
}

// contextLines is how many lines are shown on each side of a problem.
const contextLines = 2

// maxLines bounds how much of a file is read for context.
const maxLines = 100000

// maxProblems caps what a tab is sent; the terminal says how many more.
const maxProblems = 100

// Problems turns the diagnostics that failed a build into problems, with
// source lines read from the site folder root. Warnings are included only
// when strict made them fatal.
func Problems(root string, ds []diag.Diagnostic, strict bool) []Problem {
	out := []Problem{}
	files := map[string][]string{}
	for _, d := range ds {
		if d.Severity == diag.Warning && !strict {
			continue
		}
		if len(out) == maxProblems {
			break
		}
		p := Problem{Path: d.Path, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Message: d.Message, Hint: d.Hint}
		if d.Pos.Line > 0 {
			lines, ok := files[d.Path]
			if !ok {
				lines = readLines(root, d.Path)
				files[d.Path] = lines
			}
			for n := max(d.Pos.Line-contextLines, 1); n <= d.Pos.Line+contextLines && n <= len(lines); n++ {
				p.Context = append(p.Context, SourceLine{N: n, Text: lines[n-1]})
			}
		}
		out = append(out, p)
	}
	return out
}

// readLines reads the lines of a site file named by a diagnostic path (up
// to a limit), through source.ReadFile: never through a link out of the
// site folder (the lines go to the browser) nor from a FIFO. Paths that
// are not files under root (such as the built-in theme) give nothing.
func readLines(root, rel string) []string {
	if rel == "" || filepath.IsAbs(rel) || strings.Contains(rel, "..") {
		return nil
	}
	data, err := source.ReadFile(root, rel)
	if err != nil {
		return nil
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for len(lines) < maxLines && sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if !utf8.ValidString(line) {
			line = strings.ToValidUTF8(line, "\uFFFD")
		}
		if len(line) > 300 {
			line = line[:300] + "…"
		}
		lines = append(lines, line)
	}
	return lines
}

// Print writes problems the way the overlay shows them: location, message,
// hint, then the source lines with the problem's line marked and a caret
// under its column. What comes from the site's files is escaped for the
// terminal as diagnostics are (diag.Printable).
func Print(w io.Writer, problems []Problem) {
	for _, p := range problems {
		sev := ""
		if p.Severity == "warning" {
			sev = "warning: "
		}
		fmt.Fprintf(w, "%s: %s%s\n", diag.Printable(p.Location()), sev, diag.Printable(p.Message))
		if p.Hint != "" {
			fmt.Fprintf(w, "    hint: %s\n", diag.Printable(p.Hint))
		}
		width := 1
		if len(p.Context) > 0 {
			width = len(fmt.Sprint(p.Context[len(p.Context)-1].N))
		}
		for _, l := range p.Context {
			mark := " "
			if l.N == p.Line {
				mark = ">"
			}
			text := diag.Printable(l.Text)
			fmt.Fprintf(w, "  %s %*d | %s\n", mark, width, l.N, text)
			if l.N == p.Line && p.Col > 0 && text == l.Text {
				fmt.Fprintf(w, "    %*s | %s^\n", width, "", caretPad(l.Text, p.Col))
			}
		}
	}
}

// caretPad is the blank before column col (1-based, in runes) of line,
// keeping tabs so the caret lines up however tabs are shown.
func caretPad(line string, col int) string {
	var b strings.Builder
	for _, r := range line {
		if col <= 1 {
			break
		}
		col--
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteString(strings.Repeat(" ", max(col-1, 0)))
	return b.String()
}
