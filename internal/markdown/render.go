package markdown

import (
	"bytes"
	"html"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Section is a part of the body: the text before the first `##` heading
// (Heading nil), or one `##` heading and everything up to the next.
type Section struct {
	Heading *Heading
	nodes   []ast.Node
	subs    []*Heading // ### and deeper inside the section body
}

// Sections splits the body at its level-2 headings. FAQ questions,
// scenario parts and tables of contents all come from this split, which
// is made once at parse time (later stages change only inline nodes).
func (d *Doc) Sections() []*Section { return d.sections }

func (d *Doc) splitSections() []*Section {
	secs := []*Section{{}}
	byNode := map[ast.Node]*Heading{}
	for _, h := range d.Headings {
		byNode[h.node] = h
	}
	sectionOf := map[ast.Node]*Section{} // top-level node -> its section
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			secs = append(secs, &Section{Heading: byNode[h]})
			continue
		}
		last := secs[len(secs)-1]
		last.nodes = append(last.nodes, n)
		sectionOf[n] = last
	}
	for _, h := range d.Headings {
		if s := sectionOf[topLevel(h.node)]; h.Level > 2 && s != nil {
			s.subs = append(s.subs, h)
		}
	}
	return secs
}

// textBuffers keeps scratch space for extracting text: a section's raw text
// is only collapsed into its own string, and prose is only scanned.
var textBuffers = sync.Pool{New: func() any { return new([]byte) }}

// text is the section body's plain text.
func (d *Doc) text(s *Section) string {
	buf := textBuffers.Get().(*[]byte)
	defer textBuffers.Put(buf)
	b := (*buf)[:0]
	for _, n := range s.nodes {
		b = append(d.appendText(b, n, true), ' ')
	}
	*buf = b
	return collapseSpace(b)
}

// Empty reports whether the section has no body.
func (s *Section) Empty() bool { return len(s.nodes) == 0 }

// subHeadings lists the headings inside the section body (### and deeper).
func (d *Doc) subHeadings(s *Section) []*Heading { return s.subs }

func topLevel(n ast.Node) ast.Node {
	for n.Parent() != nil && n.Parent().Kind() != ast.KindDocument {
		n = n.Parent()
	}
	return n
}

// RenderAll renders the whole body, headings included.
func (m *Markdown) RenderAll(d *Doc) ([]byte, error) {
	var buf htmlBuffer
	err := m.md.Renderer().Render(&buf, d.body, d.root)
	return buf.Bytes(), err
}

// renderHeading writes the heading with a permalink beside it (outside the
// heading element, so the heading's accessible name stays its text).
func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + string(rune('0'+n.Level))
	id, _ := n.AttributeString("id")
	idBytes, _ := id.([]byte)
	if entering {
		_, _ = w.WriteString(`<div class="fg-heading"><` + tag)
		if len(idBytes) > 0 {
			_, _ = w.WriteString(` id="` + html.EscapeString(string(idBytes)) + `"`)
		}
		if class, ok := n.AttributeString("class"); ok {
			if b, ok := class.([]byte); ok {
				_, _ = w.WriteString(` class="` + html.EscapeString(string(b)) + `"`)
			}
		}
		_, _ = w.WriteString(">")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</" + tag + ">")
	if len(idBytes) > 0 {
		label := html.EscapeString(headingText(n, src))
		_, _ = w.WriteString(`<a class="fg-permalink" href="#` + html.EscapeString(string(idBytes)) + `" aria-label="Permalink: ` + label + `">#</a>`)
	}
	_, _ = w.WriteString("</div>\n")
	return ast.WalkContinue, nil
}

func headingText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
			case *ast.String:
				b.WriteString(html.UnescapeString(string(c.Value)))
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// abbreviations finds the abbreviations of the body's readable text
// without code, for the report of terms the glossary lacks.
func (d *Doc) abbreviations() []string {
	buf := textBuffers.Get().(*[]byte)
	defer textBuffers.Put(buf)
	*buf = d.appendText((*buf)[:0], d.root, false)
	return abbreviations(*buf)
}
