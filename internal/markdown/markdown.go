// Package markdown parses content bodies with goldmark and renders them.
//
// One Markdown value is built per site configuration and shared by every
// page (goldmark parsers and renderers are safe for concurrent use). Parsing
// keeps byte offsets so every link, heading and problem can be reported as
// file:line:col. Later stages mutate a Doc before rendering it: they rewrite
// link destinations to output URLs and mark glossary terms. Render then
// turns it into HTML and plain text once, after which a one-shot build
// releases the syntax tree.
package markdown

import (
	"bytes"
	"errors"
	"html"
	"slices"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/flowchart"
)

// Options are the site settings that change how markdown is handled.
type Options struct {
	UnsafeHTML bool // keep raw HTML instead of dropping it
	// Include reads the snippets pages include; nil turns includes off.
	Include ReadInclude
}

// Markdown is the site's configured parser and renderer.
type Markdown struct {
	md      goldmark.Markdown
	unsafe  bool
	include ReadInclude
}

// New builds the goldmark pipeline once for the whole build.
func New(opts Options) *Markdown {
	var htmlOpts []gmhtml.Option
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, gmhtml.WithUnsafe())
	}
	nr := &nodeRenderers{hl: newHighlighter(), html: capture{}}
	gmhtml.NewRenderer(htmlOpts...).RegisterFuncs(nr.html)
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(nr, 100)),
	}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Markdown{md: md, unsafe: opts.UnsafeHTML, include: opts.Include}
}

// Doc is one parsed markdown body.
type Doc struct {
	Path     string // for diagnostics
	Headings []*Heading
	Links    []*Link

	file       []byte // the whole file, for positions
	body       []byte
	bodyOffset int
	root       ast.Node
	lineStarts []int
	lastPos    posCursor
	code       []*ast.FencedCodeBlock // blocks with a language, to highlight
	at         *diag.Pos              // a snippet's position in its file, for every node
	sections   []*Section
	// lineMap takes lines of a body with includes back to their files;
	// nil when it has none. Includes are the snippets' site paths.
	lineMap  []lineSpan
	Includes []string
	marks    uint64 // hash of the glossary marks ApplyGlossary made (Key)
	serial   uint64 // which Parse made it (Key)
}

// Heading is a heading of the body with its anchor.
type Heading struct {
	Level    int
	ID       string
	Explicit bool   // the author wrote the anchor: {#id}
	Text     string // plain text
	Pos      diag.Pos
	Source   string // the snippet it was written in (site path), or "" for the page itself
	node     *ast.Heading
}

// Link is a link or image destination written in the body.
type Link struct {
	Dest    string // as written
	Pos     diag.Pos
	IsImage bool
	// Source is the snippet the link was written in (a site path), or ""
	// for the page itself: a snippet's links are relative to its folder.
	Source string
	node   ast.Node
}

// SetDest changes where the rendered link points. The original stays in
// Dest, so a page can be re-resolved after the site changes.
func (l *Link) SetDest(url string) {
	switch n := l.node.(type) {
	case *ast.Link:
		n.Destination = []byte(url)
	case *ast.Image:
		n.Destination = []byte(url)
	}
}

// dest is where the rendered link points now.
func (l *Link) dest() string {
	switch n := l.node.(type) {
	case *ast.Link:
		return string(n.Destination)
	case *ast.Image:
		return string(n.Destination)
	}
	return l.Dest
}

// Parse parses the body of a content file. file is the whole file and
// bodyOffset where the body starts in it, so positions are file positions.
func (m *Markdown) Parse(path string, file []byte, bodyOffset int, diags *diag.List) *Doc {
	d := &Doc{Path: path, file: file, body: file[bodyOffset:], bodyOffset: bodyOffset, serial: parses.Add(1)}
	if exp := m.expand(d, diags); exp != nil {
		d.file = append(file[:bodyOffset:bodyOffset], exp.body...)
		d.body, d.lineMap, d.Includes = d.file[bodyOffset:], exp.lineMap, exp.included
		var local diag.List
		defer d.placeIncluded(&local, diags)
		diags = &local
	}
	ids := d.parse(m, diags)
	if ids == nil {
		return d
	}
	d.convertCallouts(diags)
	d.inspect(ids, m.unsafe, diags)
	d.sections = d.splitSections()
	return d
}

// placeIncluded moves the positions of a body with includes, of its
// problems, headings and links, to the files they were written in.
func (d *Doc) placeIncluded(local, diags *diag.List) {
	for _, p := range local.Items() {
		if p.Path == d.Path {
			if source, at := d.Where(p.Pos); source != "" {
				p.Path, p.Pos = source, at
				p.Message += IncludedBy(d.Path)
			} else {
				p.Pos = at
			}
		}
		diags.Add(p)
	}
	for _, h := range d.Headings {
		h.Source, h.Pos = d.Where(h.Pos)
	}
	for _, l := range d.Links {
		l.Source, l.Pos = d.Where(l.Pos)
	}
}

// parse runs goldmark on the body and returns its anchors, unless the body
// breaks a limit that would make goldmark slow: then the body is reported,
// stays empty, and parse returns nil.
func (d *Doc) parse(m *Markdown, diags *diag.List) *ids {
	if e := checkLimits(d.body); e != nil {
		d.report(e, diags)
		d.root = ast.NewDocument()
		return nil
	}
	ids := newIDs()
	ctx := parser.NewContext(parser.WithIDs(ids))
	d.root = m.md.Parser().Parse(text.NewReader(d.body), parser.WithContext(ctx))
	return ids
}

// inspect collects headings and links, draws diagrams and drops raw HTML.
func (d *Doc) inspect(ids *ids, unsafeHTML bool, diags *diag.List) {
	var drop []ast.Node
	var diagrams []*ast.FencedCodeBlock
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idBytes, _ := id.([]byte)
			h := &Heading{Level: n.Level, ID: string(idBytes), Explicit: ids.explicit[string(idBytes)], Text: d.plainText(n), Pos: d.pos(d.offset(n)), node: n}
			d.Headings = append(d.Headings, h)
			if n.Level == 1 {
				diags.Warnf(d.Path, h.Pos, "use ## for sections: the page title from front matter is the page's only top-level heading", "top-level heading `# %s` in the body", h.Text)
			}
		case *ast.Link:
			d.Links = append(d.Links, &Link{Dest: string(n.Destination), Pos: d.pos(d.opening(n, len("["))), node: n})
		case *ast.Image:
			d.Links = append(d.Links, &Link{Dest: string(n.Destination), Pos: d.pos(d.opening(n, len("!["))), IsImage: true, node: n})
		case *ast.HTMLBlock, *ast.RawHTML:
			if !unsafeHTML {
				diags.Warnf(d.Path, d.pos(d.offset(n)), "write it in markdown, or set [markdown] unsafe_html = true in site.toml", "raw HTML dropped")
				drop = append(drop, n)
			}
			return ast.WalkSkipChildren, nil
		case *ast.ListItem:
			if n.ChildCount() == 0 && n.Pos() >= 0 {
				diags.Warnf(d.Path, d.pos(n.Pos()), "write something after the bullet, or delete the line", "empty list item")
			}
		case *ast.FencedCodeBlock:
			switch lang := string(n.Language(d.body)); lang {
			case "mermaid":
				diagrams = append(diagrams, n)
			case "":
			default:
				d.code = append(d.code, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	points := 0
	for i, n := range diagrams {
		d.drawDiagram(n, i, &points, diags)
	}
}

// MaxDiagramPoints bounds the layout work of one page's diagrams, counted
// in points (see flowchart.Points; 50,000 take about 50 ms): a page of
// thousands of diagrams, each within its own limit, would otherwise keep
// one core busy for seconds.
const MaxDiagramPoints = 200_000

// drawDiagram replaces a ```mermaid block by its SVG, or reports the line
// of the block that falls outside the supported subset. points is what the
// page's diagrams so far cost.
func (d *Doc) drawDiagram(n *ast.FencedCodeBlock, index int, points *int, diags *diag.List) {
	var src bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		src.Write(line.Value(d.body))
	}
	first := d.pos(d.offset(n))
	hint := "diagrams support graph TD/LR with A[label] --> B and A -->|label| B"
	g, err := flowchart.ParseMermaid(src.String())
	if err == nil {
		var cost int
		if cost, err = flowchart.Points(g); err == nil && *points+cost > MaxDiagramPoints {
			diags.Errorf(d.Path, first, "split the page, or draw fewer and smaller diagrams", "the page's diagrams are too large to draw in all: more than %d points", MaxDiagramPoints)
			return
		}
		*points += cost
	}
	if err == nil {
		g.IDPrefix = "diagram-" + strconv.Itoa(index+1)
		var svg []byte
		if svg, err = flowchart.Render(g); err == nil {
			diagram := &Diagram{SVG: svg}
			n.Parent().ReplaceChild(n.Parent(), n, diagram)
			return
		}
	}
	pos := first
	var pe *flowchart.ParseError
	var tooLarge *flowchart.TooLargeError
	if errors.As(err, &tooLarge) {
		diags.Errorf(d.Path, pos, "split it into smaller diagrams, or draw fewer arrows that skip many rows", "diagram too large to draw: its arrows cross rows %d times, at most %d for a diagram of its size", tooLarge.Points, tooLarge.Limit)
		return
	}
	if errors.As(err, &pe) {
		if n.Lines().Len() > 0 {
			pos = diag.Pos{Line: d.pos(n.Lines().At(0).Start).Line + pe.Line - 1, Col: pe.Col}
		}
		diags.Errorf(d.Path, pos, hint, "diagram: %s", pe.Msg)
		return
	}
	diags.Errorf(d.Path, pos, hint, "diagram: %v", err)
}

// opening is where a link or image starts: goldmark records it; when it
// does not, the text inside less the opening's width (an empty link text
// has none).
func (d *Doc) opening(n ast.Node, width int) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	return max(d.offset(n)-width, 0)
}

// offset finds a byte offset (within the body) for any node.
func (d *Doc) offset(n ast.Node) int {
	for cur := n; cur != nil; cur = cur.Parent() {
		if t, ok := cur.(*ast.Text); ok {
			return t.Segment.Start
		}
		if cur.Type() == ast.TypeBlock && cur.Lines().Len() > 0 {
			return cur.Lines().At(0).Start
		}
		for c := cur.FirstChild(); c != nil; c = c.FirstChild() {
			if t, ok := c.(*ast.Text); ok {
				return t.Segment.Start
			}
			if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
				return c.Lines().At(0).Start
			}
		}
	}
	return 0
}

// TextMatch is a paragraph that starts with one of the texts looked for.
type TextMatch struct {
	Prefix string
	Pos    diag.Pos
}

// ParagraphsStarting finds the paragraphs, at any depth, whose source
// starts with one of prefixes (plain text, compared as written).
func (d *Doc) ParagraphsStarting(prefixes []string) []TextMatch {
	// Most bodies hold none of the prefixes anywhere: skip their walk.
	if !slices.ContainsFunc(prefixes, func(p string) bool { return bytes.Contains(d.body, []byte(p)) }) {
		return nil
	}
	var out []TextMatch
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		p, ok := n.(*ast.Paragraph)
		if !entering || !ok || p.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		line := p.Lines().At(0)
		text := bytes.TrimLeft(line.Value(d.body), " \t")
		for _, prefix := range prefixes {
			if len(text) >= len(prefix) && string(text[:len(prefix)]) == prefix {
				// Text a snippet brought in is the snippet's: not a placeholder of the page's template.
				if source, at := d.Where(d.pos(line.Stop - len(text))); source == "" {
					out = append(out, TextMatch{Prefix: prefix, Pos: at})
				}
				break
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// ParseSnippet parses a short markdown string from front matter (a tree
// hint, an outcome summary, a glossary definition). Its problems, broken
// links included, are reported at the key that holds it.
func (m *Markdown) ParseSnippet(path, src string, at diag.Pos, diags *diag.List) *Doc {
	d := &Doc{Path: path, file: []byte(src), body: []byte(src), at: &at, serial: parses.Add(1)}
	ids := d.parse(m, diags)
	if ids == nil {
		return d
	}
	d.inspect(ids, m.unsafe, diags)
	d.sections = d.splitSections()
	return d
}

// pos converts a body offset into a file position. Positions are asked
// for in document order, so the column is counted on from the last one
// when it is on the same line: a line of n links costs n, not n².
func (d *Doc) pos(bodyOffset int) diag.Pos {
	if d.at != nil {
		return *d.at
	}
	if d.lineStarts == nil {
		d.lineStarts = []int{0}
		for i, c := range d.file {
			if c == '\n' {
				d.lineStarts = append(d.lineStarts, i+1)
			}
		}
	}
	off := min(max(d.bodyOffset+bodyOffset, 0), len(d.file))
	line := sort.SearchInts(d.lineStarts, off+1) - 1
	last := &d.lastPos
	if last.line != line || last.offset > off {
		*last = posCursor{line: line, offset: d.lineStarts[line], col: 1}
	}
	last.col += utf8.RuneCount(d.file[last.offset:off])
	last.offset = off
	return diag.Pos{Line: line + 1, Col: last.col}
}

// posCursor is the last position pos computed.
type posCursor struct{ line, offset, col int }

// plainText is the readable text under n: what search indexes and what
// headings are called in tables of contents.
func (d *Doc) plainText(n ast.Node) string {
	return collapseSpace(d.appendText(nil, n, true))
}

// collapseSpace trims s and turns every run of white space into one space.
// It works in place, as s is scratch space, and allocates only the result:
// search and JSON-LD read the text of every section, so this is on the
// build's hot path.
func collapseSpace(s []byte) string {
	w := 0 // the result is s[:w]; w never passes the read position
	space := false
	for i := 0; i < len(s); {
		c, size := s[i], 1
		isSpace := c < utf8.RuneSelf && asciiSpace[c]
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRune(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = w > 0
			i += size
			continue
		}
		if space {
			s[w] = ' '
			w++
			space = false
		}
		if size == 1 {
			s[w] = c
			w++
		} else {
			w += copy(s[w:], s[i:i+size])
		}
		i += size
	}
	return string(s[:w])
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// appendText appends n's text to b; code spans and blocks only when withCode.
func (d *Doc) appendText(b []byte, n ast.Node, withCode bool) []byte {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock {
				b = append(b, ' ')
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Segment.Value(d.body)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			// Typographer output is HTML entities ("&rsquo;"); text wants characters.
			b = append(b, html.UnescapeString(string(c.Value))...)
		case *ast.CodeSpan:
			if !withCode {
				return ast.WalkSkipChildren, nil
			}
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					b = append(b, tx.Segment.Value(d.body)...)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if !withCode {
				return ast.WalkSkipChildren, nil
			}
			for i := 0; i < c.Lines().Len(); i++ {
				line := c.Lines().At(i)
				b = append(b, line.Value(d.body)...)
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b = append(b, c.Label(d.body)...)
			return ast.WalkSkipChildren, nil
		case *Abbr:
			b = append(b, c.Written...)
			if c.softBreak || c.hardBreak {
				b = append(b, ' ')
			}
			return ast.WalkSkipChildren, nil
		case *Diagram:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b
}

type nodeRenderers struct {
	hl   *highlighter
	html capture // goldmark's own HTML renderers, which links and images wrap
}

// capture keeps the renderers a goldmark NodeRenderer registers.
type capture map[ast.NodeKind]renderer.NodeRendererFunc

func (c capture) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { c[k] = f }

// recordHref wraps goldmark's renderer of links (<a href="...">) or images
// (<img src="...">) to record where the address is written, so a page
// that shows a section rendered for another page can move its links
// without searching the HTML.
func recordHref(render renderer.NodeRendererFunc, open string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		buf, recorded := w.(*htmlBuffer)
		start := 0
		if recorded && entering {
			start = buf.Len() + len(open)
		}
		status, err := render(w, src, node, entering)
		if recorded && entering && buf.Len() > start {
			if end := bytes.IndexByte(buf.Bytes()[start:], '"'); end >= 0 {
				buf.hrefs = append(buf.hrefs, Span{Start: start, End: start + end})
			}
		}
		return status, err
	}
}

func (r *nodeRenderers) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.hl.renderFencedCode)
	reg.Register(ast.KindCodeBlock, r.hl.renderIndentedCode)
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(KindCallout, renderCallout)
	reg.Register(KindDiagram, renderDiagram)
	reg.Register(KindAbbr, renderAbbr)
	reg.Register(ast.KindLink, recordHref(r.html[ast.KindLink], `<a href="`))
	reg.Register(ast.KindImage, recordHref(r.html[ast.KindImage], `<img src="`))
}
