package markdown

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// MaxNesting is how deep lists and block quotes may nest. goldmark checks
// every open list and quote on every line, measuring the line's indent
// each time, so its cost grows with the square of the depth or worse (a
// 1 MB line of "- - - …" took 5 s, 4 MB of indented lists minutes). A
// body that may nest deeper is refused before goldmark sees it. Real
// content nests three or four deep.
const MaxNesting = 32

// goldmark pairs emphasis marks and brackets in time that grows with the
// square of some patterns' count in one paragraph; split into paragraphs,
// the same text is linear. A paragraph is refused when it holds
//   - emphasis marks that look for a partner among more than
//     MaxEmphasisWork other open marks in all ("*a_ " repeated: 78 KB took
//     2 s, twice that four times as long; "**bold**" pairs cost nothing),
//   - more than MaxUnclosedDestinations links whose <destination> is not
//     closed ("[](<" repeated: 20,000 took 0.6 s, growing as the square),
//   - brackets nested deeper than MaxBracketNesting ("[[[…]]]" is
//     quadratic in its depth).
//
// Prose reaches none of these; a paragraph of links, or of bold words,
// any number of them, passes.
const (
	MaxEmphasisWork         = 250_000
	MaxUnclosedDestinations = 1000
	MaxBracketNesting       = 32
)

// MaxTableCells is how many cells one table may have, counted as its
// columns times its rows: goldmark gives every row as many cells as the
// header has, so a wide header over many short rows multiplies the input
// (600 KB took 4 GB).
const MaxTableCells = 1_000_000

// MaxDefinitionRun is how many link reference definitions may follow one
// another without a blank line: goldmark reads them one at a time, copying
// the rest of the run each time (100,000 took 10 s).
const MaxDefinitionRun = 1000

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
	para := newInlineCount() // marks of the paragraph so far
	prevBlank := true
	columns, rows := 0, 0          // of the table we are in, when columns > 0
	footnotes, definitions := 0, 0 // footnotes on the page, link definitions in a row
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
			para, columns, definitions = newInlineCount(), 0, 0
		default:
			if c, n := fenceAt(line); c != 0 {
				fence, fenceLen = c, n
				para, columns = newInlineCount(), 0
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
			label, isDefinition := definition(line)
			if !isDefinition || footnoteMark(label) == 1 {
				definitions = 0
			}
			if isDefinition {
				// A link reference or footnote definition is a block of its
				// own, matched apart from the paragraph around it.
				para = newInlineCount()
				if definitions += 1 - footnoteMark(label); definitions > MaxDefinitionRun {
					return &limitError{
						offset: start,
						msg:    fmt.Sprintf("more than %d link definitions in a row", MaxDefinitionRun),
						hint:   "put a blank line between groups of [label]: definitions",
					}
				}
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
				para = newInlineCount()
			}
			if at, what := para.add(line); at >= 0 {
				return &limitError{
					offset: start + at,
					msg:    what,
					hint:   "split the paragraph with blank lines, or escape the marks with \\",
				}
			}
		}
		prevBlank = blank && fence == 0
		start = end + 1
	}
	return nil
}

// inlineCount follows, for one paragraph, what goldmark's cost grows
// with: the open emphasis marks a closing one searches, bracket depth, and
// unclosed <destinations>.
type inlineCount struct {
	open      [3]int // open emphasis marks of *, _ and ~
	openAll   int
	work      int // marks searched so far by closing marks
	depth     int // brackets open
	unclosed  int // "](<" without a ">" after them
	pendingAt int // where a "](<" waits for its ">", or -1
}

func newInlineCount() inlineCount { return inlineCount{pendingAt: -1} }

// add counts line's marks and returns where a limit was passed and the
// problem, or -1.
func (c *inlineCount) add(line []byte) (int, string) {
	c.pendingAt = -1
	for i := 0; i < len(line); i++ {
		switch ch := line[i]; ch {
		case '\\':
			i++ // an escaped mark is text
		case '*', '_', '~':
			if i > 0 && line[i-1] == ch {
				continue // the same run
			}
			end := i
			for end < len(line) && line[end] == ch {
				end++
			}
			c.emphasis(ch, before(line, i), after(line, end))
			if c.work > MaxEmphasisWork {
				return i, "too many emphasis marks (*, _ or ~) that do not pair up in one paragraph"
			}
		case '[':
			if c.depth++; c.depth > MaxBracketNesting {
				return i, fmt.Sprintf("brackets nested, or left open, more than %d deep", MaxBracketNesting)
			}
		case ']':
			c.depth = max(c.depth-1, 0)
			if i+2 < len(line) && line[i+1] == '(' && line[i+2] == '<' {
				if c.pendingAt >= 0 {
					c.unclosed++ // the one before never found its ">"
				}
				c.pendingAt = i
			}
		case '>':
			c.pendingAt = -1
		}
		if c.unclosed > MaxUnclosedDestinations {
			return i, unclosedMsg
		}
	}
	if c.pendingAt >= 0 {
		c.unclosed++ // destinations end at the line's end
		if c.unclosed > MaxUnclosedDestinations {
			return c.pendingAt, unclosedMsg
		}
	}
	return -1, ""
}

var unclosedMsg = fmt.Sprintf("more than %d links with an unclosed <destination> in one paragraph", MaxUnclosedDestinations)

// emphasis follows one run of ch between the characters before and after
// it, by CommonMark's flanking rules: a run that can close takes the
// latest open run of its kind, searching past every open run of the
// others; a run that finds none searches them all.
func (c *inlineCount) emphasis(ch byte, prev, next rune) {
	k := bytes.IndexByte([]byte("*_~"), ch)
	left := !unicode.IsSpace(next) && (!unicode.IsPunct(next) || unicode.IsSpace(prev) || unicode.IsPunct(prev))
	right := !unicode.IsSpace(prev) && (!unicode.IsPunct(prev) || unicode.IsSpace(next) || unicode.IsPunct(next))
	canOpen, canClose := left, right
	if ch == '_' {
		canOpen = left && (!right || unicode.IsPunct(prev))
		canClose = right && (!left || unicode.IsPunct(next))
	}
	if canClose {
		if c.open[k] > 0 {
			c.work += c.openAll - c.open[k] // at most: the others open
			c.open[k]--
			c.openAll--
			return
		}
		c.work += c.openAll
	}
	if canOpen {
		c.open[k]++
		c.openAll++
	}
}

// before and after are the characters around a run; line ends count as
// spaces.
func before(line []byte, i int) rune {
	if i == 0 {
		return ' '
	}
	r, _ := utf8.DecodeLastRune(line[:i])
	return r
}

func after(line []byte, i int) rune {
	if i >= len(line) {
		return ' '
	}
	r, _ := utf8.DecodeRune(line[i:])
	return r
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
