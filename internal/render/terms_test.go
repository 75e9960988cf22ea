package render

import (
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
)

// renderMarked renders body with the glossary terms CSP and EA marked.
func renderMarked(t *testing.T, body string) *markdown.RenderedSection {
	t.Helper()
	md := markdown.New(markdown.Options{})
	var diags diag.List
	doc := md.Parse("content/x.md", []byte(body), 0, &diags)
	g := markdown.NewGlossary([]*markdown.Term{
		{Term: "CSP", Expansion: "Cloud Solution Provider", Anchor: "csp"},
		{Term: "EA", Expansion: "Enterprise Agreement", Anchor: "ea"},
	})
	doc.ApplyGlossary(g, "../glossary/")
	out, err := md.Render(doc)
	if err != nil || diags.Len() > 0 {
		t.Fatal(err, diags.Items())
	}
	return &out.Sections[0]
}

func TestUnmarkRepeatedTerms(t *testing.T) {
	seen := map[string]bool{}
	termsMarked(seen, renderMarked(t, "An EA.\n"))
	sec := renderMarked(t, "A CSP & an EA, then a CSP.\n")
	if len(sec.Terms) != 2 {
		t.Fatalf("marks %+v in %s", sec.Terms, sec.HTML)
	}
	got := unmarkRepeatedTerms(seen, sec)
	want := `<p>A <a class="fg-term" href="../glossary/#csp"><abbr title="Cloud Solution Provider">CSP</abbr></a> &amp; an EA, then a CSP.</p>` + "\n"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if again := unmarkRepeatedTerms(seen, sec); again != "<p>A CSP &amp; an EA, then a CSP.</p>\n" {
		t.Errorf("second body: %s", again)
	}
}
