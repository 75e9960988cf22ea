package markdown

import (
	"hash/maphash"
	"html"
	"strconv"
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
	Term    *Term
	Written string // as written, e.g. "CSAs"
	Href    string
	segment text.Segment
	// The line break that followed the term in the text it was cut from:
	// the next word is on the next line.
	softBreak, hardBreak bool
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
		plain := html.EscapeString(n.Written)
		buf, recorded := w.(*htmlBuffer)
		start := 0
		if recorded {
			start = buf.Len()
		}
		const open = `<a class="fg-term" href="`
		href := html.EscapeString(n.Href)
		_, _ = w.WriteString(open + href + `"><abbr title="` +
			html.EscapeString(n.Term.Expansion) + `">` + plain + `</abbr></a>`)
		if recorded {
			buf.marks = append(buf.marks, TermMark{Start: start, End: buf.Len(), Anchor: n.Term.Anchor, Plain: plain})
			buf.hrefs = append(buf.hrefs, Span{Start: start + len(open), End: start + len(open) + len(href)})
		}
		switch {
		case n.hardBreak:
			_, _ = w.WriteString("<br>\n")
		case n.softBreak:
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

// MaxTermLen is the longest glossary term in bytes. Matching tries every
// term that starts at a word, so the cost per word is bounded by it; terms
// are abbreviations and short names, far shorter.
const MaxTermLen = 64

// Glossary finds term uses in text. Terms match case-sensitively on word
// boundaries, optionally followed by a plural "s" ("CSAs").
type Glossary struct {
	root trieNode // terms by their bytes, so a position costs at most MaxTermLen steps
	// asciiFirst says which ASCII bytes start a term, so most positions of
	// a text need no map lookup.
	asciiFirst [utf8.RuneSelf]bool
	size       int
}

// trieNode is a prefix of one or more terms; term is set when a whole term
// ends here.
type trieNode struct {
	next map[byte]*trieNode
	term *Term
}

// NewGlossary indexes terms for matching. Terms longer than MaxTermLen are
// left out: the content stage reports them.
func NewGlossary(terms []*Term) *Glossary {
	g := &Glossary{}
	for _, t := range terms {
		if t.Term == "" || len(t.Term) > MaxTermLen {
			continue
		}
		node := &g.root
		for i := 0; i < len(t.Term); i++ {
			child := node.next[t.Term[i]]
			if child == nil {
				if node.next == nil {
					node.next = map[byte]*trieNode{}
				}
				child = &trieNode{}
				node.next[t.Term[i]] = child
			}
			node = child
		}
		if node.term == nil {
			node.term = t
			g.size++
		}
		if c := t.Term[0]; c < utf8.RuneSelf {
			g.asciiFirst[c] = true
		}
	}
	return g
}

// match finds the first term use in s at or after from; it returns the
// term and the byte range of the use. The longest term wins, so "CSAM"
// beats "CSA".
func (g *Glossary) match(s string, from int, skip func(*Term) bool) (*Term, int, int) {
	prev := rune(' ')
	if from > 0 {
		prev, _ = utf8.DecodeLastRuneInString(s[:from])
	}
	var ends [MaxTermLen]*trieNode // ends[k]: the term of k+1 bytes that starts here
	for i := from; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if (r >= utf8.RuneSelf || g.asciiFirst[r]) && !isWordRune(prev) {
			found := 0
			node := &g.root
			for j := i; j < len(s) && j-i < MaxTermLen; j++ {
				if node = node.next[s[j]]; node == nil {
					break
				}
				if node.term != nil && !skip(node.term) {
					ends[found] = node
					found++
				}
			}
			for k := found - 1; k >= 0; k-- {
				t := ends[k].term
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
	var marks maphash.Hash
	marks.SetSeed(keySeed)
	isUsed := func(t *Term) bool { return used[t] }
	for _, t := range texts {
		if len(used) == g.size {
			break
		}
		// One copy of the text, matched from the end of each mark on:
		// copying what is left after every mark made a paragraph of n marks
		// cost n times its length.
		value := string(t.Segment.Value(d.body))
		cur, base := t, t.Segment.Start
		for from := 0; cur != nil; {
			term, start, end := g.match(value, from, isUsed)
			if term == nil {
				break
			}
			used[term] = true
			order = append(order, term)
			abbr := &Abbr{Term: term, Written: value[start:end], Href: hrefPrefix + "#" + term.Anchor}
			cur = splitText(cur, base+start, base+end, abbr)
			marks.WriteString(abbr.Href + "\x00" + term.Expansion + "\x00" + strconv.Itoa(base+start) + "\x00" + strconv.Itoa(base+end) + "\x00")
			from = end
		}
	}
	d.marks = marks.Sum64()
	return order
}

// splitText replaces the body bytes [start,end) of t with abbr and returns
// the text node after it (nil when the match ended the text).
func splitText(t *ast.Text, start, end int, abbr *Abbr) *ast.Text {
	parent := t.Parent()
	seg := t.Segment
	abbr.segment = text.NewSegment(start, end)
	if start > seg.Start {
		before := ast.NewTextSegment(text.NewSegment(seg.Start, start))
		parent.InsertBefore(parent, t, before)
	}
	parent.InsertBefore(parent, t, abbr)
	if end == seg.Stop {
		abbr.softBreak, abbr.hardBreak = t.SoftLineBreak(), t.HardLineBreak()
		parent.RemoveChild(parent, t)
		return nil
	}
	t.Segment = text.NewSegment(end, seg.Stop)
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
		t.SetHardLineBreak(a.hardBreak)
		a.Parent().ReplaceChild(a.Parent(), a, t)
	}
}
