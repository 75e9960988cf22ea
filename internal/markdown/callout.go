package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindCallout is a GitHub-style alert: a blockquote opened by [!NOTE] etc.
var KindCallout = ast.NewNodeKind("Callout")

// Callout replaces the blockquote it came from; its children are the quote's.
type Callout struct {
	ast.BaseBlock
	Variant string // note, tip, important, warning, caution
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Variant": n.Variant}, nil)
}

var calloutTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

// convertCallouts turns alert blockquotes into Callout nodes. The marker
// must be the first text of the quote's first paragraph, alone on its line.
func convertCallouts(doc *ast.Document, src []byte) {
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		marker := strings.TrimSpace(string(first.Value(src)))
		if !strings.HasPrefix(marker, "[!") || !strings.HasSuffix(marker, "]") {
			continue
		}
		kind := strings.ToLower(marker[2 : len(marker)-1])
		if _, ok := calloutTitles[kind]; !ok {
			continue
		}
		dropMarker(para, first)
		c := &Callout{Variant: kind}
		for child := q.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child)
			child = next
		}
		if p, ok := c.FirstChild().(*ast.Paragraph); ok && p.ChildCount() == 0 {
			c.RemoveChild(c, p)
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
}

// dropMarker removes the inline nodes of the marker line from the paragraph.
func dropMarker(para *ast.Paragraph, marker text.Segment) {
	for child := para.FirstChild(); child != nil; {
		next := child.NextSibling()
		t, ok := child.(*ast.Text)
		if !ok || t.Segment.Start < marker.Start || t.Segment.Stop > marker.Stop {
			break
		}
		para.RemoveChild(para, child)
		child = next
	}
	lines := para.Lines()
	rest := text.NewSegments()
	for i := 1; i < lines.Len(); i++ {
		rest.Append(lines.At(i))
	}
	para.SetLines(rest)
}

func renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	c := node.(*Callout)
	if entering {
		title := calloutTitles[c.Variant]
		_, _ = w.WriteString(`<div class="fg-callout fg-callout-` + c.Variant + `" role="note" aria-label="` + title + `">` +
			`<p class="fg-callout-title">` + title + "</p>\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

var _ renderer.NodeRendererFunc = renderCallout
