package markdown

import (
	"bytes"
	"errors"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Rendered is a body rendered once, after its links are rewritten and its
// glossary terms marked: HTML for the theme and plain text for search and
// structured data. A one-shot build keeps this and releases the syntax
// tree, which is several times larger.
type Rendered struct {
	Sections []RenderedSection // as Doc.Sections: the first has Level 0 when text comes before any ##
	// Abbreviations are the words of the prose that look like
	// abbreviations (TPID, L100, D&AI), each once, for the glossary report.
	Abbreviations []string
}

// RenderedSection is one part of a rendered body.
type RenderedSection struct {
	Level     int    // 2, or 0 for the text before the first ##
	ID, Title string // the heading's anchor and plain text
	Explicit  bool   // the author wrote the anchor ({#id})
	// HeadingHTML is the heading with its anchor and permalink, marked up
	// as every heading of a body is.
	HeadingHTML string
	HTML        string // the body below the heading
	Text        string // the body's plain text
	Sub         []Subheading
	// Nav says the section only points elsewhere: a "Related ...", "See
	// also" or "Further reading" heading over paragraphs and list items
	// that each have a link. Search ranks it below content. Lists of cited facts have links
	// in every item too, so the heading decides.
	Nav bool
	// Terms are the glossary terms marked in HTML, in order, so a page that
	// shows this section beside others can keep only each term's first mark.
	Terms []TermMark
	// Hrefs are where the addresses of links, images and term marks are in
	// HTML, in order, so a page that shows this section can move them.
	Hrefs []Span
}

// Span is a range of bytes of a section's HTML.
type Span struct{ Start, End int }

// TermMark is a glossary term marked in a section's HTML: HTML[Start:End]
// is the mark, and Plain the same words without it.
type TermMark struct {
	Start, End int
	Anchor     string // the term's anchor on the glossary page
	Plain      string // HTML
}

// Subheading is a ### or deeper heading inside a section.
type Subheading struct {
	Level     int
	ID, Title string
}

// Render renders every section of d.
func (m *Markdown) Render(d *Doc) (*Rendered, error) {
	return m.render(d, withHTML)
}

// RenderText is Render without the HTML and the abbreviations, for what
// needs only the text (search units of bodies not rendered otherwise).
func (m *Markdown) RenderText(d *Doc) (*Rendered, error) {
	return m.render(d, withText)
}

// Outline is Render without the HTML, the text and the abbreviations:
// d's sections, their headings and what kind they are. Doc.Key stands for
// the rest, so a preview can tell whether a page changed without
// rendering its body.
func (m *Markdown) Outline(d *Doc) (*Rendered, error) {
	return m.render(d, outline)
}

// renderMode is how much of a body render makes.
type renderMode int

const (
	outline renderMode = iota
	withText
	withHTML
)

func (m *Markdown) render(d *Doc, mode renderMode) (*Rendered, error) {
	if d.root == nil {
		return nil, errors.New("internal error: the body of " + d.Path + " was released before it was rendered")
	}
	out := &Rendered{Sections: make([]RenderedSection, 0, len(d.sections))}
	buf := htmlBuffers.Get().(*htmlBuffer)
	defer htmlBuffers.Put(buf)
	html := func(nodes ...ast.Node) (string, error) {
		buf.Reset()
		buf.marks, buf.hrefs = buf.marks[:0], buf.hrefs[:0]
		if mode != withHTML {
			return "", nil
		}
		for _, n := range nodes {
			if err := m.md.Renderer().Render(buf, d.body, n); err != nil {
				return "", err
			}
		}
		return buf.String(), nil
	}
	for _, sec := range d.sections {
		body, err := html(sec.nodes...)
		if err != nil {
			return nil, err
		}
		rs := RenderedSection{HTML: body, Nav: isNav(sec)}
		if mode != outline {
			rs.Text = d.text(sec)
		}
		if len(buf.marks) > 0 {
			rs.Terms = append([]TermMark(nil), buf.marks...)
		}
		if len(buf.hrefs) > 0 {
			rs.Hrefs = append([]Span(nil), buf.hrefs...)
		}
		if h := sec.Heading; h != nil {
			heading, err := html(h.node)
			if err != nil {
				return nil, err
			}
			rs.Level, rs.ID, rs.Explicit, rs.Title, rs.HeadingHTML = h.Level, h.ID, h.Explicit, h.Text, strings.TrimSuffix(heading, "\n")
			for _, sub := range d.subHeadings(sec) {
				rs.Sub = append(rs.Sub, Subheading{Level: sub.Level, ID: sub.ID, Title: sub.Text})
			}
		}
		out.Sections = append(out.Sections, rs)
	}
	if mode == withHTML {
		out.Abbreviations = d.abbreviations()
	}
	return out, nil
}

// isNav reports whether a section is navigation (see RenderedSection.Nav).
func isNav(sec *Section) bool {
	if sec.Heading == nil || !navHeading(sec.Heading.Text) || len(sec.nodes) == 0 {
		return false
	}
	for _, n := range sec.nodes {
		switch n.Kind() {
		case ast.KindList:
			for item := n.FirstChild(); item != nil; item = item.NextSibling() {
				if !hasLink(item) {
					return false
				}
			}
		case ast.KindParagraph:
			if !hasLink(n) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (c.Kind() == ast.KindLink || c.Kind() == ast.KindAutoLink) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

func navHeading(h string) bool {
	h = strings.ToLower(h)
	for _, p := range []string{"related", "see also", "further reading"} {
		if strings.HasPrefix(h, p) {
			return true
		}
	}
	return false
}

// abbreviations finds, once each, the words of text that look like
// abbreviations: a capital, then one or more capitals, digits or '&',
// optionally a plural s, on ASCII word boundaries. That is the regular
// expression \b[A-Z][A-Z0-9&]+s?\b, scanned by hand because the regexp
// package took a fifth of a 10,000-page build's CPU time doing it.
func abbreviations(text []byte) []string {
	var out []string
	seen := map[string]bool{}
	isWord := func(i int) bool { return i >= 0 && i < len(text) && isWordByte(text[i]) }
	boundary := func(i int) bool { return isWord(i-1) != isWord(i) }
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 'A' || c > 'Z' || isWord(i-1) {
			continue
		}
		run := i + 1
		for run < len(text) && isAbbrevByte(text[run]) {
			run++
		}
		end := -1
		for k := run; k >= i+2 && end < 0; k-- { // longest first, as the regexp backtracks
			switch {
			case k < len(text) && text[k] == 's' && boundary(k+1):
				end = k + 1
			case boundary(k):
				end = k
			}
		}
		if end < 0 {
			continue
		}
		if w := text[i:end]; !seen[string(w)] {
			seen[string(w)] = true
			out = append(out, string(w))
		}
		i = end - 1
	}
	return out
}

func isAbbrevByte(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '&' }

// htmlBuffer is a bytes.Buffer that goldmark writes to directly: given a
// plain io.Writer it wraps it in a new 4 KB bufio.Writer on every Render
// call, and bodies are rendered a node at a time.
// It records where glossary marks are written (renderAbbr).
type htmlBuffer struct {
	bytes.Buffer
	marks []TermMark
	hrefs []Span
}

// htmlBuffers keeps grown buffers between bodies: growing a fresh one for
// every body was a fifth of what rendering bodies allocated.
var htmlBuffers = sync.Pool{New: func() any { return new(htmlBuffer) }}

func (*htmlBuffer) Buffered() int { return 0 }
func (*htmlBuffer) Flush() error  { return nil }

// Release drops the syntax tree and the source text. Headings and links
// stay (positions and destinations), but nothing can be rendered or
// re-marked afterwards.
func (d *Doc) Release() {
	d.root, d.body, d.file, d.sections, d.lineStarts, d.code = nil, nil, nil, nil, nil, nil
	for _, h := range d.Headings {
		h.node = nil
	}
	for _, l := range d.Links {
		l.node = nil
	}
}

var _ util.BufWriter = (*htmlBuffer)(nil)
