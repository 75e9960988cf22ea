package markdown

import (
	"html"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAbbr marks a glossary term in running text.
var KindAbbr = ast.NewNodeKind("Abbr")

// Abbr is a use of a glossary term, rendered as an <abbr> linking to the
// glossary entry.
type Abbr struct {
	ast.BaseInline
	Term      *Term
	Written   string // as written, e.g. "CSAs"
	Href      string
	segment   text.Segment
	softBreak bool
}

// Kind implements ast.Node.
func (n *Abbr) Kind() ast.NodeKind { return KindAbbr }

// Dump implements ast.Node.
func (n *Abbr) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Written": n.Written}, nil)
}

func renderAbbr(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*Abbr)
		_, _ = w.WriteString(`<a class="fg-term" href="` + html.EscapeString(n.Href) + `"><abbr title="` +
			html.EscapeString(n.Term.Expansion) + `">` + html.EscapeString(n.Written) + `</abbr></a>`)
		if n.softBreak {
			_, _ = w.WriteString("\n")
		}
	}
	return ast.WalkSkipChildren, nil
}

// Term is a glossary entry as the markdown stage needs it.
type Term struct {
	Term      string // e.g. "TPID"
	Expansion string // e.g. "Top Parent ID"
	Anchor    string // its id on the glossary page
}

// Glossary finds term uses in text. Terms match case-sensitively on word
// boundaries, optionally followed by a plural "s" ("CSAs").
type Glossary struct {
	byFirstRune map[rune][]*Term // longest first, so "CSAM" wins over "CSA"
	// asciiFirst says which ASCII bytes start a term, so most positions of
	// a text need no map lookup.
	asciiFirst [utf8.RuneSelf]bool
}

// NewGlossary indexes terms for matching.
func NewGlossary(terms []*Term) *Glossary {
	g := &Glossary{byFirstRune: map[rune][]*Term{}}
	for _, t := range terms {
		r, _ := utf8.DecodeRuneInString(t.Term)
		g.byFirstRune[r] = append(g.byFirstRune[r], t)
		if r < utf8.RuneSelf {
			g.asciiFirst[r] = true
		}
	}
	for _, list := range g.byFirstRune {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].Term) > len(list[j].Term) })
	}
	return g
}

// match finds the first term use in s at or after from; it returns the
// term and the byte range of the use.
func (g *Glossary) match(s string, from int, skip func(*Term) bool) (*Term, int, int) {
	prev := rune(' ')
	if from > 0 {
		prev, _ = utf8.DecodeLastRuneInString(s[:from])
	}
	for i := from; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if (r >= utf8.RuneSelf || g.asciiFirst[r]) && !isWordRune(prev) {
			for _, t := range g.byFirstRune[r] {
				if skip(t) || len(s)-i < len(t.Term) || s[i:i+len(t.Term)] != t.Term {
					continue
				}
				end := i + len(t.Term)
				if end < len(s) && s[end] == 's' && (end+1 == len(s) || !isWordByte(s[end+1])) {
					end++
				}
				if next, _ := utf8.DecodeRuneInString(s[end:]); end == len(s) || !isWordRune(next) {
					return t, i, end
				}
			}
		}
		prev = r
		i += size
	}
	return nil, 0, 0
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func isWordByte(b byte) bool { return b < utf8.RuneSelf && isWordRune(rune(b)) }

// ApplyGlossary marks the first use of each term on the page. hrefPrefix is
// the path from this page to the glossary page (e.g. "../../glossary/").
// It returns the terms used. Applying it again replaces earlier marks, so a
// page can be re-rendered after the glossary changes.
func (d *Doc) ApplyGlossary(g *Glossary, hrefPrefix string) []*Term {
	d.removeAbbrs()
	var texts []*ast.Text
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock,
			*ast.Image, *ast.RawHTML, *ast.HTMLBlock, *Diagram:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	used := map[*Term]bool{}
	var order []*Term
	isUsed := func(t *Term) bool { return used[t] }
	for _, t := range texts {
		cur := t
		for cur != nil {
			value := string(cur.Segment.Value(d.body))
			term, start, end := g.match(value, 0, isUsed)
			if term == nil {
				break
			}
			used[term] = true
			order = append(order, term)
			cur = splitText(cur, start, end, &Abbr{Term: term, Written: value[start:end], Href: hrefPrefix + "#" + term.Anchor})
		}
	}
	return order
}

// splitText replaces t's bytes [start,end) with abbr and returns the text
// node after it (nil when the match ended the text).
func splitText(t *ast.Text, start, end int, abbr *Abbr) *ast.Text {
	parent := t.Parent()
	seg := t.Segment
	abbr.segment = text.NewSegment(seg.Start+start, seg.Start+end)
	if start > 0 {
		before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+start))
		parent.InsertBefore(parent, t, before)
	}
	parent.InsertBefore(parent, t, abbr)
	if seg.Start+end == seg.Stop {
		abbr.softBreak = t.SoftLineBreak()
		parent.RemoveChild(parent, t)
		return nil
	}
	t.Segment = text.NewSegment(seg.Start+end, seg.Stop)
	return t
}

// removeAbbrs turns earlier marks back into plain text nodes.
func (d *Doc) removeAbbrs() {
	var abbrs []*Abbr
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*Abbr); ok && entering {
			abbrs = append(abbrs, a)
		}
		return ast.WalkContinue, nil
	})
	for _, a := range abbrs {
		t := ast.NewTextSegment(a.segment)
		t.SetSoftLineBreak(a.softBreak)
		a.Parent().ReplaceChild(a.Parent(), a, t)
	}
}
