package markdown

import (
	"bytes"
	"html"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// KindDiagram is a mermaid block already drawn as SVG at parse time.
var KindDiagram = ast.NewNodeKind("Diagram")

// Diagram holds the SVG that replaced a ```mermaid block.
type Diagram struct {
	ast.BaseBlock
	SVG []byte
}

// Kind implements ast.Node.
func (n *Diagram) Kind() ast.NodeKind { return KindDiagram }

// Dump implements ast.Node.
func (n *Diagram) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func renderDiagram(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<figure class="fg-diagram">`)
		_, _ = w.Write(node.(*Diagram).SVG)
		_, _ = w.WriteString("</figure>\n")
	}
	return ast.WalkSkipChildren, nil
}

// highlighter colours fenced code with chroma, emitting CSS classes so one
// stylesheet per colour scheme serves every page.
type highlighter struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	lexers    sync.Map // language -> chroma.Lexer, nil when chroma has none
}

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithAllClasses(true)),
		style:     styles.Fallback,
	}
}

func (h *highlighter) renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(n.Language(src))
	if plain, _ := n.AttributeString(plainCode); plain == true {
		lang = ""
	}
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		code.Write(line.Value(src))
	}
	h.write(w, lang, code.String())
	return ast.WalkSkipChildren, nil
}

func (h *highlighter) renderIndentedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var code bytes.Buffer
	for i := 0; i < node.Lines().Len(); i++ {
		line := node.Lines().At(i)
		code.Write(line.Value(src))
	}
	h.write(w, "", code.String())
	return ast.WalkSkipChildren, nil
}

// MaxHighlightedBytes is how much code one build highlights, in all its
// pages. chroma takes about 4 µs a byte (5 MB of code: 20 s), far more
// than anything else a build does; past the budget, code blocks show their
// text without colours, and a warning says so.
const MaxHighlightedBytes = 1 << 20

// plainCode is the attribute that marks a code block to show without
// colours.
const plainCode = "fg-plain"

// LimitHighlighting takes the body's code blocks from a budget of bytes
// to highlight, in order, and marks those that do not fit plain. It
// returns what is left of the budget, and where the first plain block is
// when there is one. Pages are given in a fixed order, so which blocks go
// plain does not depend on timing.
func (d *Doc) LimitHighlighting(budget int) (left int, firstPlain *diag.Pos) {
	for _, n := range d.code {
		size := 0
		for i := 0; i < n.Lines().Len(); i++ {
			line := n.Lines().At(i)
			size += line.Stop - line.Start
		}
		if size <= budget {
			budget -= size
			n.SetAttributeString(plainCode, false)
			continue
		}
		budget = 0
		n.SetAttributeString(plainCode, true)
		if firstPlain == nil {
			pos := d.pos(d.opening(n, 0))
			firstPlain = &pos
		}
	}
	return budget, firstPlain
}

// lexer finds the lexer for a language once: chroma's lookup of a name it
// does not know matches it against every lexer's file patterns.
func (h *highlighter) lexer(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	if l, ok := h.lexers.Load(lang); ok {
		lexer, _ := l.(chroma.Lexer)
		return lexer
	}
	lexer := lexers.Get(lang)
	h.lexers.Store(lang, lexer)
	return lexer
}

func (h *highlighter) write(w io.Writer, lang, code string) {
	lexer := h.lexer(lang)
	if lexer != nil {
		if it, err := chroma.Coalesce(lexer).Tokenise(nil, code); err == nil {
			var out bytes.Buffer
			if h.formatter.Format(&out, h.style, it) == nil {
				_, _ = w.Write(out.Bytes())
				_, _ = io.WriteString(w, "\n")
				return
			}
		}
	}
	_, _ = io.WriteString(w, `<pre class="chroma" tabindex="0"><code>`+html.EscapeString(code)+"</code></pre>\n")
}

// SyntaxCSS returns the code-highlighting stylesheet: the light style by
// default, the dark one when the reader's system prefers dark (unless the
// page is toggled to light) or the page is toggled to dark.
func SyntaxCSS(light, dark string) ([]byte, error) {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithAllClasses(true), chromahtml.WithCSSComments(false))
	var lightCSS, darkCSS bytes.Buffer
	if err := f.WriteCSS(&lightCSS, styleOrFallback(light)); err != nil {
		return nil, err
	}
	if err := f.WriteCSS(&darkCSS, styleOrFallback(dark)); err != nil {
		return nil, err
	}
	// Dark styles leave some token classes unstyled, which would let the
	// light colours through, dark on dark: reset every token first, then
	// apply the dark rules (same specificity, later wins).
	darkRules := ".chroma [class] { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit }\n" + darkCSS.String()
	var out bytes.Buffer
	out.Write(lightCSS.Bytes())
	out.WriteString("@media (prefers-color-scheme: dark) {\n")
	out.WriteString(scopeCSS(darkRules, `html:not([data-theme="light"])`))
	out.WriteString("}\n")
	out.WriteString(scopeCSS(darkRules, `html[data-theme="dark"]`))
	return out.Bytes(), nil
}

func styleOrFallback(name string) *chroma.Style {
	if s := styles.Get(name); s != nil {
		return s
	}
	return styles.Fallback
}

// scopeCSS prefixes every rule's selector with scope. Chroma writes one
// rule per line when CSS comments are off.
func scopeCSS(css, scope string) string {
	var b strings.Builder
	for _, line := range strings.Split(css, "\n") {
		if brace := strings.IndexByte(line, '{'); brace > 0 {
			b.WriteString(scope + " " + strings.TrimSpace(line[:brace]) + " " + line[brace:] + "\n")
		}
	}
	return b.String()
}
