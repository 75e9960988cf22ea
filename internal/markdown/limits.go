package markdown

import (
	"bytes"
	"fmt"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// MaxNesting is how deep lists and block quotes may nest. goldmark checks
// every open list and quote on every line, measuring the line's indent
// each time, so its cost grows with the square of the depth or worse (a
// 1 MB line of "- - - …" took 5 s, 4 MB of indented lists minutes). A
// body that may nest deeper is refused before goldmark sees it. Real
// content nests three or four deep.
const MaxNesting = 32

// MaxInlineMarks is how many emphasis marks (runs of *, _ or ~) and how
// many opening brackets one paragraph may hold. goldmark matches them in
// time that grows with the square of their number in a paragraph (78 KB of
// "*a_ " took 2 s, twice that four times as long); split into paragraphs,
// the same text is linear. A paragraph of prose has a few dozen.
const MaxInlineMarks = 1000

// MaxTableCells is how many cells one table may have, counted as its
// columns times its rows: goldmark gives every row as many cells as the
// header has, so a wide header over many short rows multiplies the input
// (600 KB took 4 GB).
const MaxTableCells = 1_000_000

// MaxFootnotes is how many footnotes one page may define: goldmark looks
// each one up among all the others (20,000 took 3 s, 40,000 four times
// that).
const MaxFootnotes = 1000

// limitError is a body goldmark must not parse, at a byte offset in it.
type limitError struct {
	offset    int
	msg, hint string
}

// checkLimits finds the first line of body that breaks a limit, in one
// pass over it.
func checkLimits(body []byte) *limitError {
	var fence byte // the fence character of a top-level code block we are in
	fenceLen := 0
	var para inlineCount // marks of the paragraph so far
	prevBlank := true
	columns, rows := 0, 0 // of the table we are in, when columns > 0
	footnotes := 0
	for start := 0; start < len(body); {
		end := start
		for end < len(body) && body[end] != '\n' {
			end++
		}
		line := body[start:end]
		blank := isBlank(line)
		switch {
		case fence != 0:
			if c, n := fenceAt(line); c == fence && n >= fenceLen {
				fence = 0
			}
		case blank:
			para, columns = inlineCount{}, 0
		default:
			if c, n := fenceAt(line); c != 0 {
				fence, fenceLen = c, n
				para, columns = inlineCount{}, 0
				break
			}
			if depth, at := nestingOf(line); depth > MaxNesting {
				return &limitError{
					offset: start + at,
					msg:    fmt.Sprintf("lists and quotes nested %d deep; at most %d levels", depth, MaxNesting),
					hint:   "nest fewer lists and quotes, or indent this line less",
				}
			}
			if columns == 0 && !prevBlank {
				if n := delimiterRowColumns(line); n > 0 {
					columns, rows = n, 1
				}
			}
			if label, ok := definition(line); ok {
				// A link reference or footnote definition is a block of its
				// own, matched apart from the paragraph around it.
				para = inlineCount{}
				if footnotes += footnoteMark(label); footnotes > MaxFootnotes {
					return &limitError{
						offset: start,
						msg:    fmt.Sprintf("more than %d footnotes on one page", MaxFootnotes),
						hint:   "split the page, or turn notes into text",
					}
				}
			}
			if columns > 0 {
				// Each cell of a table is matched on its own.
				if rows++; columns*rows > MaxTableCells {
					return &limitError{
						offset: start,
						msg:    fmt.Sprintf("table of %d columns has more than %d cells", columns, MaxTableCells),
						hint:   "split the table, or give it fewer columns",
					}
				}
				para = inlineCount{}
			}
			if at, what := para.add(line); at >= 0 {
				return &limitError{
					offset: start + at,
					msg:    fmt.Sprintf("more than %d %s in one paragraph", MaxInlineMarks, what),
					hint:   "split the paragraph with blank lines, or escape the marks with \\",
				}
			}
		}
		prevBlank = blank && fence == 0
		start = end + 1
	}
	return nil
}

// inlineCount counts the marks goldmark pairs up within a paragraph.
type inlineCount struct {
	emphasis, brackets int
}

// add counts line's marks and returns where one kind passed
// MaxInlineMarks and what, or -1.
func (c *inlineCount) add(line []byte) (int, string) {
	for i := 0; i < len(line); i++ {
		switch ch := line[i]; ch {
		case '\\':
			i++ // an escaped mark is text
		case '*', '_', '~':
			if i > 0 && line[i-1] == ch {
				continue // the same run
			}
			if c.emphasis++; c.emphasis > MaxInlineMarks {
				return i, "emphasis marks (*, _ or ~)"
			}
		case '[':
			if c.brackets++; c.brackets > MaxInlineMarks {
				return i, "opening brackets ["
			}
		}
	}
	return -1, ""
}

// definition reports whether line starts a link reference or footnote
// definition, "[label]: ...", and returns its label ("^1" for a footnote).
func definition(line []byte) ([]byte, bool) {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i == len(line) || line[i] != '[' {
		return nil, false
	}
	end := bytes.Index(line[i:], []byte("]:"))
	if end <= 0 || bytes.IndexByte(line[i+1:i+end], '[') >= 0 {
		return nil, false
	}
	return line[i+1 : i+end], true
}

func isBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// delimiterRowColumns returns the column count when line is a table's
// delimiter row (| --- | :-: |), or 0.
func delimiterRowColumns(line []byte) int {
	columns, pipes := 0, 0
	inCell := false
	for _, c := range line {
		switch c {
		case '|':
			pipes++
			inCell = false
		case '-':
			if !inCell {
				columns++
				inCell = true
			}
		case ':', ' ', '\t', '\r':
		default:
			return 0
		}
	}
	if pipes == 0 {
		return 0
	}
	return columns
}

// fenceAt reports the fence character and length when line opens or closes
// a top-level fenced code block (``` or ~~~ indented at most three spaces).
func fenceAt(line []byte) (byte, int) {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i == len(line) || (line[i] != '`' && line[i] != '~') {
		return 0, 0
	}
	c, n := line[i], 0
	for i+n < len(line) && line[i+n] == c {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	return c, n
}

// nestingOf estimates the deepest level a list or quote marker at the
// start of line could open, and where the first marker deeper than
// MaxNesting is. Each marker is one
// level deeper than the one before it on the line, and a list item nests
// under another only when indented past its marker, so a marker at column
// c can be no deeper than c/2 + 1. The estimate errs high only for lines
// that are code.
func nestingOf(line []byte) (depth, at int) {
	col, markers := 0, 0
	for i := 0; i < len(line); {
		switch line[i] {
		case ' ':
			col++
			i++
			continue
		case '\t':
			col += 4 - col%4
			i++
			continue
		}
		n := markerLen(line[i:])
		if n == 0 {
			break
		}
		markers++
		if d := max(markers, col/2+1); d > depth {
			if depth <= MaxNesting && d > MaxNesting {
				at = i
			}
			depth = d
		}
		col += n
		i += n
	}
	return depth, at
}

// markerLen is the length of a container marker at the start of s, or 0.
func markerLen(s []byte) int {
	switch c := s[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1
		}
	case c >= '0' && c <= '9':
		i := 1
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return i + 1
		}
	}
	return 0
}

// report records a limit error at its file position.
func (d *Doc) report(e *limitError, diags *diag.List) {
	diags.Errorf(d.Path, d.pos(e.offset), e.hint, "%s", e.msg)
}

// footnoteMark is 1 for a footnote's label ("^1"), 0 for a link's.
func footnoteMark(label []byte) int {
	if len(label) > 0 && label[0] == '^' {
		return 1
	}
	return 0
}
