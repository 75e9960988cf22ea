package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
)

// parseBody parses body as a page whose front matter is two lines long.
func parseHostile(t testing.TB, body string) (*Doc, *diag.List) {
	t.Helper()
	file := "+++\n+++\n" + body
	var diags diag.List
	return New(Options{}).Parse("p.md", []byte(file), len("+++\n+++\n"), &diags), &diags
}

// TestLimits: bodies that would make goldmark slow are refused before it
// sees them, at the mark that goes over the limit: lists and quotes that
// nest deeper than MaxNesting; paragraphs of emphasis marks that do not
// pair up, of unclosed <destinations> or of deeply nested brackets; tables
// of more than MaxTableCells cells. Ordinary content, code, any number of
// links or bold words, and the same marks spread over paragraphs pass.
func TestLimits(t *testing.T) {
	deepIndented := ""
	for i := range MaxNesting + 1 {
		deepIndented += strings.Repeat("  ", i) + "- a\n"
	}
	okIndented := ""
	for i := range MaxNesting {
		okIndented += strings.Repeat("  ", i) + "- a\n"
	}
	tests := []struct {
		name, body string
		want       string // the problem, or "" for none
	}{
		{"one line of list markers", strings.Repeat("- ", MaxNesting+1) + "x\n", "p.md:3:65: lists and quotes nested 33 deep; at most 32 levels; nest fewer lists and quotes, or indent this line less"},
		{"one line of quote markers", strings.Repeat(">", 1000) + " x\n", "p.md:3:33: lists and quotes nested 1000 deep"},
		{"ordered and mixed markers", "text\n\n" + strings.Repeat("> 1. - ", 11) + "x\n", "p.md:5:"},
		{"nesting by indentation", deepIndented, fmt.Sprintf("p.md:%d:%d: lists and quotes nested 33 deep", 3+MaxNesting, 2*MaxNesting+1)},
		{"tabs count as indentation", strings.Repeat("\t", 20) + "- a\n", "p.md:3:21: lists and quotes nested 41 deep"},
		{"deep but allowed", strings.Repeat("- ", MaxNesting) + "x\n", ""},
		{"allowed by indentation", okIndented, ""},
		{"usual nesting", "- a\n  - b\n    1. c\n\n> quote\n> - item\n", ""},
		{"markers inside fenced code", "```yaml\n" + strings.Repeat(" ", 200) + "- item\n" + strings.Repeat("- ", 100) + "\n```\n", ""},
		{"markers after a closed fence count", "~~~\ncode\n~~~\n" + strings.Repeat("- ", 40) + "\n", "p.md:6:"},
		{"deep indentation of plain text", strings.Repeat(" ", 500) + "text, not a list\n", ""},
		{"thematic break is not deep", strings.Repeat("- ", 20) + "\n", ""},
		{"emphasis marks that do not pair up", "Intro.\n\n" + strings.Repeat("*a_ ", 1000) + "\n", "p.md:5:2827: too many emphasis marks (*, _ or ~) that do not pair up in one paragraph; split the paragraph with blank lines, or escape the marks with \\"},
		{"unpaired marks over many lines", strings.Repeat("*a_\n", 1000), "p.md:709:3:"},
		{"pairs of any number", strings.Repeat("**b** _i_ ~~s~~ *e* ", 5000) + "\n", ""},
		{"openers alone", strings.Repeat("_a *b ", 5000) + "\n", ""},
		{"snake_case words", strings.Repeat("a_b c_d_e ", 5000) + "\n", ""},
		{"nested brackets", strings.Repeat("[", 33) + "a" + strings.Repeat("]", 33) + "\n", "p.md:3:33: brackets nested, or left open, more than 32 deep"},
		{"brackets not nested", strings.Repeat("[a] [[b]] ![c](d.png) ", 5000) + "\n", ""},
		{"links of any number", strings.Repeat("[a](x.md) [b](<y z.md>) ", 5000) + "\n", ""},
		{"unclosed destinations", strings.Repeat("[](<", 1001) + "\n", "p.md:3:4002: more than 1000 links with an unclosed <destination> in one paragraph"},
		{"destinations unclosed at line ends", strings.Repeat("[a](<b\n", 1001), "p.md:1003:3: more than 1000 links"},
		{"many definitions", strings.Repeat("[r]: x.md\n[^n]: A note with *emphasis*.\n", 1000), ""},
		{"link definitions in a row", "Text.\n\n" + strings.Repeat("[r]: x.md\n", 1001), "p.md:1005:1: more than 1000 link definitions in a row; put a blank line between groups of [label]: definitions"},
		{"link definitions in groups", strings.Repeat(strings.Repeat("[r]: x.md\n", 500)+"\n", 5), ""},
		{"too many footnotes", "Text.\n\n" + strings.Repeat("[^n]: A note.\n", 1001), "p.md:1005:1: more than 1000 footnotes on one page; split the page, or turn notes into text"},
		{"marks in separate paragraphs", strings.Repeat("*a* _b_ [c](d.md)\n\n", 2000), ""},
		{"escaped marks", strings.Repeat("\\*a\\_ ", 2000) + "\n", ""},
		{"runs count once", strings.Repeat("*", 5000) + "\n", ""},
		{"marks in fenced code", "```\n" + strings.Repeat("*a_ ", 2000) + "\n```\n", ""},
		{"a long table with emphasis in every cell", "| a | b |\n| - | - |\n" + strings.Repeat("| *x* | **y** |\n", 2000), ""},
		{"a wide table over many rows", strings.Repeat("|a", 1001) + "|\n" + strings.Repeat("|-", 1001) + "|\n" + strings.Repeat("a\n", 1000), "p.md:1002:1: table of 1001 columns has more than 1000000 cells; split the table, or give it fewer columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := parseHostile(t, tt.body)
			got := ""
			for _, d := range diags.Items() {
				got += d.String()
			}
			switch {
			case tt.want == "" && strings.Contains(got, "nested"):
				t.Errorf("refused: %s", got)
			case tt.want != "" && !strings.HasPrefix(got, tt.want):
				t.Errorf("got %q, want it to start with %q", got, tt.want)
			}
		})
	}
}

// TestRefusedBodyIsEmpty: a refused body has no headings or links, so
// nothing later works on what goldmark never parsed.
func TestRefusedBodyIsEmpty(t *testing.T) {
	d, _ := parseHostile(t, "## Title\n\n[a](b.md)\n\n"+strings.Repeat("- ", 100)+"\n")
	if len(d.Headings) != 0 || len(d.Links) != 0 || d.root.ChildCount() != 0 {
		t.Errorf("refused body kept %d headings, %d links, %d nodes", len(d.Headings), len(d.Links), d.root.ChildCount())
	}
}

// TestDuplicateHeadingIDs: equal headings count up from the last number
// given, skipping numbers already taken by any heading.
func TestDuplicateHeadingIDs(t *testing.T) {
	d, _ := parseHostile(t, "## Same\n\n## Same {#same-2}\n\n## Same\n\n## Same\n\n## Same 1\n\n## Same\n")
	var got []string
	for _, h := range d.Headings {
		got = append(got, h.ID)
	}
	// goldmark takes the written id {#same-2} before it names the others.
	if want := "same same-2 same-1 same-3 same-1-1 same-4"; strings.Join(got, " ") != want {
		t.Errorf("ids %q, want %q", strings.Join(got, " "), want)
	}
}

// TestLinkPositionsOnOneLine: positions of many links on one line, with
// multi-byte text between them, are columns in runes, in document order
// and out of it.
func TestLinkPositionsOnOneLine(t *testing.T) {
	const n = 500
	d, _ := parseHostile(t, "Intro.\n\n"+strings.Repeat("é [ü](x.md) ", n)+"\n\n[last](y.md)\n")
	if len(d.Links) != n+1 {
		t.Fatalf("%d links, want %d", len(d.Links), n+1)
	}
	for i, l := range d.Links[:n] {
		if want := (diag.Pos{Line: 5, Col: 3 + 12*i}); l.Pos != want {
			t.Fatalf("link %d at %v, want %v", i, l.Pos, want)
		}
	}
	if want := (diag.Pos{Line: 7, Col: 1}); d.Links[n].Pos != want {
		t.Errorf("last link at %v, want %v", d.Links[n].Pos, want)
	}
	// Asked again out of order, positions are the same.
	if got := d.pos(d.offset(d.Links[3].node) - 1); got != d.Links[3].Pos {
		t.Errorf("position asked again: %v, want %v", got, d.Links[3].Pos)
	}
}

// TestGlossaryMarksEveryTermOnce: in one long text, each of many terms is
// marked at its first use only, longest match first, and the text between
// marks is kept whole.
func TestGlossaryMarksEveryTermOnce(t *testing.T) {
	const n = 300
	var terms []*Term
	var words []string
	for i := range n {
		terms = append(terms, &Term{Term: fmt.Sprintf("T%03d", i), Anchor: fmt.Sprintf("t%d", i)})
		words = append(words, fmt.Sprintf("T%03d", i))
	}
	terms = append(terms, &Term{Term: "T001X", Anchor: "long"})
	text := strings.Join(words, " ") + " T001X T000 " + strings.Join(words, " ")
	d, _ := parseHostile(t, text+"\n")
	used := d.ApplyGlossary(NewGlossary(terms), "../g/")
	if len(used) != n+1 {
		t.Fatalf("%d terms used, want %d", len(used), n+1)
	}
	r, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	html := r.Sections[0].HTML
	if got := strings.Count(html, "<abbr"); got != n+1 {
		t.Errorf("%d marks, want %d", got, n+1)
	}
	if !strings.Contains(html, `href="../g/#long"><abbr title="">T001X</abbr>`) {
		t.Errorf("the longer term T001X is not marked")
	}
	if plain := r.Sections[0].Text; plain != text {
		t.Errorf("text changed by marking:\n%q\nwant\n%q", plain[:80], text[:80])
	}
}

// TestTermLongerThanLimitIsNotMatched: terms over MaxTermLen are left out
// of matching (content reports them).
func TestTermLongerThanLimitIsNotMatched(t *testing.T) {
	long := strings.Repeat("A", MaxTermLen+1)
	d, _ := parseHostile(t, long+" and AB\n")
	used := d.ApplyGlossary(NewGlossary([]*Term{{Term: long}, {Term: "AB"}}), "")
	if len(used) != 1 || used[0].Term != "AB" {
		t.Errorf("used %v, want only AB", used)
	}
}

// FuzzParse parses and renders arbitrary bodies within the time budget:
// heading anchors stay unique, positions stay inside the file, and a body
// refused for its nesting has nothing in it.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"## Same\n\n## Same\n\n## Same {#same-1}\n",
		"é [ü](x.md) [b](#y) ![i](p.png)\n",
		"- a\n  - b\n    1. c\n> > q\n",
		strings.Repeat("- ", 40) + "x\n",
		strings.Repeat("[", 50) + "a" + strings.Repeat("]", 50) + "\n",
		strings.Repeat("*a **a ", 30) + "b\n",
		"| a | b |\n| - | - |\n| 1 | 2 |\n",
		"a[^1]\n\n[^1]: note\n",
		"> [!NOTE]\n> text\n",
		"```mermaid\ngraph TD\nA --> B\n```\n",
		"<div>raw</div>\n\n`code` <!-- x\n",
	} {
		f.Add(seed)
	}
	md := New(Options{})
	f.Fuzz(func(t *testing.T, body string) {
		file := "+++\n+++\n" + body
		var diags diag.List
		var d *Doc
		fuzzbudget.Run(t, len(body), func() {
			d = md.Parse("p.md", []byte(file), len("+++\n+++\n"), &diags)
			if _, err := md.Render(d); err != nil {
				t.Fatalf("render: %v", err)
			}
		})
		lines := strings.Count(file, "\n") + 1
		seen := map[string]bool{}
		for _, h := range d.Headings {
			if seen[h.ID] && !h.Explicit {
				t.Fatalf("anchor %q generated twice", h.ID)
			}
			seen[h.ID] = true
			if h.Pos.Line < 3 || h.Pos.Line > lines || h.Pos.Col < 1 {
				t.Fatalf("heading %q at %v, outside the body", h.Text, h.Pos)
			}
		}
		for _, l := range d.Links {
			if l.Pos.Line < 3 || l.Pos.Line > lines || l.Pos.Col < 1 {
				t.Fatalf("link %q at %v, outside the body", l.Dest, l.Pos)
			}
		}
	})
}

// TestHighlightingBudget: code blocks take from a budget of bytes to
// highlight, in order; once one does not fit, it and every later block
// show plain, and the first of them is reported.
func TestHighlightingBudget(t *testing.T) {
	block := "```go\n" + strings.Repeat("x := 1\n", 10) + "```\n\n" // 70 bytes of code
	d, _ := parseHostile(t, "Intro.\n\n"+block+block+"```\nno language\n```\n\n"+block+block)
	left, plain := d.LimitHighlighting(150)
	if left != 0 || plain == nil || *plain != (diag.Pos{Line: 35, Col: 1}) {
		t.Fatalf("left %d, first plain block at %v; want 0 and 35:1", left, plain)
	}
	r, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	html := r.Sections[0].HTML
	if got := strings.Count(html, `<span class="nx">x</span>`); got != 20 {
		t.Errorf("%d highlighted lines, want 20 (two blocks)", got)
	}
	if got := strings.Count(html, "<code>x := 1\n"); got != 2 {
		t.Errorf("%d plain blocks, want 2", got)
	}
	if left, plain := d.LimitHighlighting(1000); left != 1000-280 || plain != nil {
		t.Errorf("with room for all: left %d, plain at %v", left, plain)
	}
	if r, _ := New(Options{}).Render(d); strings.Contains(r.Sections[0].HTML, "<code>x := 1\n") {
		t.Error("a block stayed plain once the budget had room for it")
	}
}

// TestDiagramBudget: a page's diagrams share MaxDiagramPoints; the first
// that does not fit is an error at its block, the ones before are drawn.
func TestDiagramBudget(t *testing.T) {
	chain := "```mermaid\ngraph TD\n"
	for i := range 40 {
		chain += fmt.Sprintf("N%d --> N%d\nN%d --> Z\n", i, i+1, i)
	}
	chain += "```\n\n"
	// A chain of 40 with a shared end has 1,682 points.
	fits := MaxDiagramPoints / 1682
	body := strings.Repeat(chain, fits+1)
	d, diags := parseHostile(t, body)
	items := diags.Items()
	if len(items) != 1 || !strings.HasPrefix(items[0].String(), fmt.Sprintf("p.md:%d:1: the page's diagrams are too large to draw in all: more than 200000 points", 3+fits*84+1)) {
		t.Fatalf("diagnostics %v", items)
	}
	r, err := New(Options{}).Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(r.Sections[0].HTML, "<svg"); got != fits {
		t.Errorf("%d diagrams drawn, want %d", got, fits)
	}
}
