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
