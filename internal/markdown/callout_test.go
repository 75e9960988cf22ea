package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// parseBody parses src as a whole file whose body starts after "+++\n+++\n"
// (two lines), so positions are file positions from line 3.
func parseBody(t *testing.T, body string) (*Doc, []string) {
	t.Helper()
	file := "+++\n+++\n" + body
	var diags diag.List
	d := New(Options{}).Parse("a.md", []byte(file), len("+++\n+++\n"), &diags)
	var got []string
	for _, x := range diags.Items() {
		got = append(got, x.String())
	}
	return d, got
}

// TestCallouts: a misspelt marker is an error at the marker, naming the
// callout it most likely means; the callout is still made, so the preview
// shows it, and the marker never reaches the text (where "NOTES" would
// read as an abbreviation the glossary lacks).
func TestCallouts(t *testing.T) {
	const list = "[!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION]"
	cases := []struct {
		name, body string
		variant    string // the callout made, "" for none
		want       string
	}{
		{"note", "> [!NOTE]\n> Read this.\n", "note", ""},
		{"lower case, as GitHub allows", "> [!warning]\n> Careful.\n", "warning", ""},
		{"plural", "> [!NOTES]\n> Read this.\n", "note",
			"a.md:3:3: unknown callout `[!NOTES]`; did you mean `[!NOTE]`? The callouts are " + list},
		{"abbreviated", "Intro.\n\n> [!WARN]\n> Careful.\n", "warning",
			"a.md:5:3: unknown callout `[!WARN]`; did you mean `[!WARNING]`? The callouts are " + list},
		{"lower-case misspelling", ">   [!importnt]\n> Must know.\n", "important",
			"a.md:3:5: unknown callout `[!importnt]`; did you mean `[!IMPORTANT]`? The callouts are " + list},
		{"another tool's name", "> [!INFO]\n> Background.\n", "note",
			"a.md:3:3: unknown callout `[!INFO]`; did you mean `[!NOTE]`? The callouts are " + list},
		{"nothing close", "> [!BANANA]\n> Text.\n", "",
			"a.md:3:3: unknown callout `[!BANANA]`; the callouts are " + list},
		{"no exclamation mark", "> [TIP]\n> A shortcut.\n", "tip",
			"a.md:3:3: a callout marker starts with `[!`: `[TIP]` shows as text; write `[!TIP]`"},
		{"text on the marker's line", "> [!NOTE] Read this.\n", "note",
			"a.md:3:3: the callout marker `[!NOTE]` must be alone on its line; put the text on the next line, which starts with > too"},
		{"a word in brackets is not a callout", "> [Draft]\n> Text.\n", "", ""},
		{"inside a list", "- Item\n\n  > [!CAUTON]\n  > Risky.\n", "caution",
			"a.md:5:5: unknown callout `[!CAUTON]`; did you mean `[!CAUTION]`? The callouts are " + list},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, got := parseBody(t, c.body)
			if strings.Join(got, "\n") != c.want {
				t.Errorf("diagnostics:\n  %s\nwant\n  %s", strings.Join(got, "\n  "), c.want)
			}
			var variant string
			_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if cl, ok := n.(*Callout); ok && entering {
					variant = cl.Variant
				}
				return ast.WalkContinue, nil
			})
			if variant != c.variant {
				t.Errorf("callout %q, want %q", variant, c.variant)
			}
			r, err := New(Options{}).Render(d)
			if err != nil {
				t.Fatal(err)
			}
			var html strings.Builder
			for _, s := range r.Sections {
				html.WriteString(s.HTML)
			}
			if c.variant != "" && !strings.Contains(html.String(), "fg-callout-"+c.variant) {
				t.Errorf("no %s callout in %s", c.variant, html.String())
			}
			if c.variant != "" && !strings.Contains(html.String(), "<p>Read this.</p>") && strings.Contains(c.body, "Read this.") {
				t.Errorf("the callout lost its text: %s", html.String())
			}
			if c.want != "" && c.variant != "" && strings.Contains(html.String(), "[") {
				t.Errorf("the marker stayed in the page: %s", html.String())
			}
			for _, a := range r.Abbreviations {
				if strings.Contains(strings.ToUpper(c.body), "[!"+a+"]") {
					t.Errorf("the marker %s reads as an abbreviation", a)
				}
			}
		})
	}
}
