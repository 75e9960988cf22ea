package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/fieldguide/fieldguide/internal/diag"
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

// calloutKinds are the markers in the order the authoring guide gives them.
var calloutKinds = []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}

// calloutSynonyms are other tools' names for our callouts.
var calloutSynonyms = map[string]string{
	"info": "NOTE", "hint": "TIP", "attention": "IMPORTANT", "danger": "CAUTION", "error": "CAUTION",
}

// calloutMarker matches what an author meant as a callout marker: [!NOTE],
// and the near misses [NOTE], [! NOTE] and [!NOTE] followed by text.
var calloutMarker = regexp.MustCompile(`^\[(!?)\s*([A-Za-z]+)\s*\]:?[ \t]*(.*)$`)

// convertCallouts turns alert blockquotes into Callout nodes. The marker
// must be the first text of the quote's first paragraph, alone on its line,
// and name a known callout (in any case, as on GitHub). A marker that is
// nearly right is an error naming the right one; the callout is still
// made, so the preview shows what was meant.
func (d *Doc) convertCallouts(diags *diag.List) {
	var quotes []*ast.Blockquote
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
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
		line := first.Value(d.body)
		trimmed := bytes.TrimLeft(line, " \t")
		m := calloutMarker.FindSubmatch(bytes.TrimRight(trimmed, " \t\r\n"))
		if m == nil {
			continue
		}
		bang, word, rest := len(m[1]) > 0, string(m[2]), string(m[3])
		kind := strings.ToLower(word)
		_, known := calloutTitles[kind]
		at := d.pos(first.Start + len(line) - len(trimmed))
		right := strings.ToUpper(kind)
		if !known {
			right = suggestCallout(kind)
		}
		switch {
		case rest != "" && (!bang || right == ""):
			continue
		case rest != "":
			diags.Errorf(d.Path, at, "put the text on the next line, which starts with > too", "the callout marker `[!%s]` must be alone on its line", word)
		case known && bang:
		case !bang && right == "":
			continue // a word in brackets, not a callout
		case !bang:
			diags.Errorf(d.Path, at, "write `[!"+right+"]`", "a callout marker starts with `[!`: `[%s]` shows as text", word)
		case right == "":
			diags.Errorf(d.Path, at, "the callouts are "+listCallouts(), "unknown callout `[!%s]`", word)
			dropMarker(para, first)
			continue
		default:
			diags.Errorf(d.Path, at, "did you mean `[!"+right+"]`? The callouts are "+listCallouts(), "unknown callout `[!%s]`", word)
		}
		kind = strings.ToLower(right)
		marker := first
		if rest != "" {
			marker.Stop = first.Start + bytes.Index(line, []byte(rest))
		}
		dropMarker(para, marker)
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

// suggestCallout is the callout a misspelt marker most likely means
// ("NOTES", "warn", "Info"), or "".
func suggestCallout(kind string) string {
	if s, ok := calloutSynonyms[kind]; ok {
		return s
	}
	for _, k := range calloutKinds {
		if l := strings.ToLower(k); len(kind) >= 3 && (strings.HasPrefix(l, kind) || strings.HasPrefix(kind, l)) {
			return k
		}
	}
	return diag.Suggest(strings.ToUpper(kind), calloutKinds)
}

func listCallouts() string {
	var b strings.Builder
	for i, k := range calloutKinds {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("[!" + k + "]")
	}
	return b.String()
}

// dropMarker removes the marker's inline nodes from the paragraph, and the
// marker's line when nothing else is on it.
func dropMarker(para *ast.Paragraph, marker text.Segment) {
	for child := para.FirstChild(); child != nil; {
		next := child.NextSibling()
		t, ok := child.(*ast.Text)
		if !ok || t.Segment.Start >= marker.Stop {
			break
		}
		if t.Segment.Stop > marker.Stop { // text after the marker, on its line
			t.Segment = t.Segment.WithStart(marker.Stop)
			break
		}
		para.RemoveChild(para, child)
		child = next
	}
	lines := para.Lines()
	rest := text.NewSegments()
	for i := 0; i < lines.Len(); i++ {
		line := lines.At(i)
		if i == 0 {
			if line.Stop <= marker.Stop {
				continue
			}
			line = line.WithStart(marker.Stop)
		}
		rest.Append(line)
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
