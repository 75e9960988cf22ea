package render

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
)

// renderFor renders body as the site does for a page with root "../../":
// links written from the root, the glossary terms CSP and EA marked.
func renderFor(t *testing.T, body string) *markdown.RenderedSection {
	t.Helper()
	md := markdown.New(markdown.Options{})
	var diags diag.List
	doc := md.Parse("content/x.md", []byte(body), 0, &diags)
	for _, l := range doc.Links {
		if !strings.HasPrefix(l.Dest, "https:") && !strings.HasPrefix(l.Dest, "#") { // as site.HrefFor writes them
			l.SetDest("../../" + l.Dest)
		}
	}
	g := markdown.NewGlossary([]*markdown.Term{
		{Term: "CSP", Expansion: "Cloud Solution Provider", Anchor: "csp"},
		{Term: "EA", Expansion: "Enterprise Agreement", Anchor: "ea"},
	})
	doc.ApplyGlossary(g, "../../glossary/")
	out, err := md.Render(doc)
	if err != nil || diags.Len() > 0 {
		t.Fatal(err, diags.Items())
	}
	return &out.Sections[0]
}

func TestShownElsewhere(t *testing.T) {
	seen := map[string]bool{}
	termsMarked(seen, renderFor(t, "An EA.\n"))
	sec := renderFor(t, "A CSP & an EA: see [the FAQ](faq/) and ![a chart](c.png), [out](https://example.com/../../), `href=\"../../x\"`, [step 2](#step-2).\n")
	if len(sec.Terms) != 2 || len(sec.Hrefs) != 6 {
		t.Fatalf("marks %+v, addresses %+v in %s", sec.Terms, sec.Hrefs, sec.HTML)
	}
	got := shownElsewhere(seen, sec, "../../", "../", "s/")
	want := `<p>A <a class="fg-term" href="../glossary/#csp"><abbr title="Cloud Solution Provider">CSP</abbr></a> &amp; an EA: ` +
		`see <a href="../faq/">the FAQ</a> and <img src="../c.png" alt="a chart">, <a href="https://example.com/../../">out</a>, <code>href=&quot;../../x&quot;</code>, <a href="s/#step-2">step 2</a>.</p>` + "\n"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if again := shownElsewhere(seen, sec, "../../", "../../", "s/"); again != `<p>A CSP &amp; an EA: see <a href="../../faq/">the FAQ</a> and <img src="../../c.png" alt="a chart">, <a href="https://example.com/../../">out</a>, <code>href=&quot;../../x&quot;</code>, <a href="s/#step-2">step 2</a>.</p>`+"\n" {
		t.Errorf("second time, same root: %s", again)
	}
}
