package markdown

import (
	"strings"
	"testing"
)

// TestGlossaryKeepsLineBreaks: a term that ends a line keeps the break
// after it, in the HTML and in the plain text search indexes, so the word
// on the next line stays a word of its own ("CSA reporting", never
// "CSAreporting"); marking twice changes nothing.
func TestGlossaryKeepsLineBreaks(t *testing.T) {
	terms := []*Term{{Term: "CSA", Expansion: "Cloud Solution Architect", Anchor: "csa"}, {Term: "CE", Anchor: "ce"}}
	tests := []struct {
		name, body, text, html string
	}{
		{"soft break", "The CSA\nreporting line.\n", "The CSA reporting line.", "</abbr></a>\nreporting"},
		{"plural before a soft break", "Two CSAs\nand more.\n", "Two CSAs and more.", "</abbr></a>\nand"},
		{"hard break", "The CSA  \nreporting line.\n", "The CSA reporting line.", "</abbr></a><br>\nreporting"},
		{"backslash break", "The CE\\\nand the CSA.\n", "The CE and the CSA.", "</abbr></a><br>\nand"},
		{"two terms on two lines", "CSA\nCE\nend\n", "CSA CE end", "</abbr></a>\n<a"},
		{"no break", "The CSA reports.\n", "The CSA reports.", "</abbr></a> reports"},
		{"list item", "- a CSA\n  helps\n", "a CSA helps", "</abbr></a>\nhelps"},
	}
	m := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, diags := parseHostile(t, tt.body)
			if diags.Len() > 0 {
				t.Fatalf("parse: %v", diags)
			}
			g := NewGlossary(terms)
			for range 2 {
				if used := d.ApplyGlossary(g, "../g/"); len(used) == 0 {
					t.Fatal("no term marked")
				}
				r, err := m.Render(d)
				if err != nil {
					t.Fatal(err)
				}
				if got := r.Sections[0].Text; got != tt.text {
					t.Errorf("text %q, want %q", got, tt.text)
				}
				if got := r.Sections[0].HTML; !strings.Contains(got, tt.html) {
					t.Errorf("HTML %q lacks %q", got, tt.html)
				}
				rt, err := m.RenderText(d)
				if err != nil {
					t.Fatal(err)
				}
				if got := rt.Sections[0].Text; got != tt.text {
					t.Errorf("RenderText %q, want %q", got, tt.text)
				}
			}
		})
	}
}

// TestNavSections: a "Related", "See also" section whose every paragraph
// and list item links elsewhere is navigation; prose without a link, code,
// or another heading makes it content.
func TestNavSections(t *testing.T) {
	for body, want := range map[string]bool{
		"## Related\n\n- One: [a](a.md).\n- Two: [b](b.md).\n":             true,
		"## Related\n\n1. [a](a.md)\n2. See <https://example.com>\n":       true,
		"## See also\n\n- [a](a.md)\n":                                     true,
		"## Related\n\n- Do [a](a.md).\n- Then wait.\n":                    false,
		"## Pinned\n\n- Cover 70% ([rules](a.md)).\n- More ([b](b.md)).\n": false,
		"## Related work\n\nSome prose.\n\n- [a](a.md)\n":                  false,
		"## Prose\n\nRead [a](a.md).\n":                                    false,
		"## Empty\n":                                                       false,
	} {
		d, _ := parseHostile(t, body)
		r, err := New(Options{}).Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Sections[len(r.Sections)-1].Nav; got != want {
			t.Errorf("%q: Nav %v, want %v", body, got, want)
		}
	}
}
