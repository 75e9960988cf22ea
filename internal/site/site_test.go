package site

import (
	"context"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/content"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/source"
)

// testSite builds a graph from inline files (content-relative path -> text).
func testSite(t testing.TB, files map[string]string) (*Site, *diag.List) {
	t.Helper()
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	var diags diag.List
	var pages []*content.Page
	for rel, src := range files {
		pages = append(pages, content.Parse(md, &cfg, "content/"+rel, rel, []byte(src), &diags))
	}
	assets := []source.File{{Path: "content/faq/chart.png", Rel: "faq/chart.png"}}
	return Build(context.Background(), &cfg, pages, assets, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, &diags), &diags
}

var graphFiles = map[string]string{
	"_index.md":        "+++\ntitle = \"Home\"\n+++\nSee [FAQ](faq/).\n",
	"faq/_index.md":    "+++\ntitle = \"FAQ\"\n+++\nQuestions.\n",
	"faq/tracking.md":  "+++\ntitle = \"Tracking\"\nweight = 2\n+++\n## How? {#how}\n\n[Scenario](../scenarios/one.md#seller-mindset) and ![chart](chart.png).\n",
	"faq/general.md":   "+++\ntitle = \"General\"\nweight = 1\nrelated = [\"tracking.md\"]\n+++\n## Why?\n\n[Tracking](tracking.md#how), [home](/), [same](#why).\n",
	"scenarios/one.md": "+++\ntitle = \"One\"\nnumber = 1\nsituation = \"x\"\nroles = [\"csa\"]\n+++\n## What the seller does\n\nA.\n\n## Seller mindset\n\nB.\n\n## What the partner does\n\nC.\n",
	"roles/csa.md":     "+++\ntitle = \"CSA\"\n+++\nArchitect.\n",
	"trees/which.md":   "+++\ntitle = \"Which?\"\nstart = \"q\"\n[[questions]]\nid = \"q\"\nquestion = \"Q?\"\n[[questions.answers]]\nid = \"a\"\nlabel = \"A\"\noutcome = \"o1\"\n[[questions.answers]]\nid = \"b\"\nlabel = \"B\"\noutcome = \"o2\"\n[[outcomes]]\nid = \"o1\"\ntitle = \"O1\"\npage = \"../scenarios/one.md\"\n[[outcomes]]\nid = \"o2\"\ntitle = \"O2\"\n+++\nIntro.\n",
}

func TestGraph(t *testing.T) {
	s, diags := testSite(t, graphFiles)
	if diags.Len() != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags.Items())
	}
	tracking, general, one := s.BySource("faq/tracking.md"), s.BySource("faq/general.md"), s.BySource("scenarios/one.md")
	faq := s.BySource("faq/_index.md")
	if tracking.URL != "faq/tracking/" || tracking.Root != "../../" {
		t.Errorf("tracking URL %q root %q", tracking.URL, tracking.Root)
	}
	if got := titles(faq.Children); got != "General,Tracking" {
		t.Errorf("section order by weight: %s", got)
	}
	if general.Next != tracking || tracking.Prev != general {
		t.Error("prev/next not linked within the section")
	}
	if got := titles(tracking.Backlinks); got != "General" {
		t.Errorf("tracking backlinks: %s", got)
	}
	if got := titles(one.Backlinks); got != "Tracking" {
		t.Errorf("scenario backlinks: %s", got)
	}
	if got := titles(general.RelatedTo); got != "Tracking" {
		t.Errorf("related: %s", got)
	}
	if len(one.ReachedFrom) != 1 || one.ReachedFrom[0].Tree.Title != "Which?" {
		t.Errorf("reached from: %+v", one.ReachedFrom)
	}
	if got := titles(s.BySource("roles/csa.md").Members); got != "One" {
		t.Errorf("role members: %s", got)
	}
	if s.Home == nil || s.Page("scenarios/") == nil {
		t.Error("missing home or synthesized scenarios section")
	}
}

func titles(ps []*Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return strings.Join(out, ",")
}

func TestResolve(t *testing.T) {
	s, _ := testSite(t, graphFiles)
	from := s.BySource("faq/tracking.md")
	cases := []struct{ dest, href, err string }{
		{"../scenarios/one.md", "../../scenarios/one/", ""},
		{"../scenarios/one.md#seller-mindset", "../../scenarios/one/#seller-mindset", ""},
		{"general.md", "../../faq/general/", ""},
		{"./", "../../faq/", ""},
		{"..", "../../", ""},
		{"/faq/general/", "../../faq/general/", ""},
		{"#how", "#how", ""},
		{"chart.png", "../../faq/chart.png", ""},
		{"https://example.com/x", "", ""},
		{"mailto:someone@example.com", "", ""},
		{"nope.md", "", "link to missing page `nope.md`"},
		{"general.md#nope", "", "anchor #nope does not exist"},
		{"../../outside.md", "", "points outside content/"},
		{"#missing", "", "anchor #missing does not exist"},
		{"/no/such/", "", "link to missing page"},
		{"", "", "empty link"},
	}
	for _, c := range cases {
		target, err := s.Resolve(from, c.dest)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Message, c.err) {
				t.Errorf("Resolve(%q): got %v, want error %q", c.dest, err, c.err)
			}
		case err != nil:
			t.Errorf("Resolve(%q): %s", c.dest, err.Message)
		case s.HrefFor(from, target) != c.href:
			t.Errorf("Resolve(%q) = %q, want %q", c.dest, s.HrefFor(from, target), c.href)
		}
	}
}

// FuzzResolve checks link resolution never panics, never produces a link
// that leaves the site, and only succeeds for real targets.
func FuzzResolve(f *testing.F) {
	for _, d := range []string{"../scenarios/one.md#seller-mindset", "/", "#how", "%zz", "../../../x.md", "chart.png?x=1#y", "//host/x", ".md", "faq/../../..", "?q#", "a\x00b"} {
		f.Add(d)
	}
	s, _ := testSite(f, graphFiles)
	from := s.BySource("faq/tracking.md")
	f.Fuzz(func(t *testing.T, dest string) {
		var target Target
		var err *LinkError
		fuzzbudget.Run(t, len(dest), func() { target, err = s.Resolve(from, dest) })
		if err != nil {
			if err.Message == "" {
				t.Fatal("error without a message")
			}
			return
		}
		if target.External {
			return
		}
		if target.Page == nil && target.Asset == "" {
			t.Fatalf("Resolve(%q) succeeded without a target", dest)
		}
		href := s.HrefFor(from, target)
		if strings.HasPrefix(href, "/") || strings.Contains(href, "://") {
			t.Fatalf("Resolve(%q) gave non-relative %q", dest, href)
		}
		clean := strings.SplitN(href, "#", 2)[0]
		if joined := path.Join(path.Dir(from.URL+"x"), clean); strings.HasPrefix(joined, "..") {
			t.Fatalf("Resolve(%q) gave %q, which leaves the site", dest, href)
		}
	})
}

func TestAnchorList(t *testing.T) {
	many := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	for _, c := range []struct {
		ids  []string
		want string
	}{
		{nil, "that page has no headings to link to; link to the page without #"},
		{[]string{"intro", "steps"}, "its anchors are #intro, #steps"},
		{many, "its anchors include #a, #b, #c, #d, #e, #f, #g, #h and 2 more (a heading \"## Seller mindset\" is #seller-mindset)"},
	} {
		if got := anchorList(c.ids); got != c.want {
			t.Errorf("anchorList(%v) = %q, want %q", c.ids, got, c.want)
		}
	}
}
