package site

import (
	"context"
	"fmt"
	"path"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/source"
)

// testSite builds a graph from inline files (content-relative path -> text).
func testSite(t testing.TB, files map[string]string) (*Site, *diag.List) {
	t.Helper()
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	var diags diag.List
	var pages []*page.Page
	for rel, src := range files {
		pages = append(pages, page.Parse(md, &cfg, "content/"+rel, rel, []byte(src), &diags))
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

// TestOrderWithoutWeight: pages without a weight come after weighted ones,
// by title, in a section's listing (sidebar, prev/next) and in the lists of
// roles, areas and trees; a scenario's number is its weight.
func TestOrderWithoutWeight(t *testing.T) {
	page := func(title string, weight int) string {
		w := ""
		if weight != 0 {
			w = fmt.Sprintf("weight = %d\n", weight)
		}
		return fmt.Sprintf("+++\ntitle = %q\n%s+++\nText.\n", title, w)
	}
	scenario := func(title string, number int) string {
		return fmt.Sprintf("+++\ntitle = %q\nnumber = %d\nsituation = \"x\"\n+++\n## What the seller does\n\nA.\n\n## Seller mindset\n\nB.\n\n## What the partner does\n\nC.\n", title, number)
	}
	s, diags := testSite(t, map[string]string{
		"_index.md":          page("Home", 0),
		"guide/_index.md":    page("Guide", 0),
		"guide/added.md":     page("Added later", 0),
		"guide/zulu.md":      page("Zulu", 0),
		"guide/second.md":    page("Second", 20),
		"guide/first.md":     page("First", 10),
		"guide/minus.md":     page("Minus", -5),
		"guide/zero.md":      strings.Replace(page("Zero", 0), "+++\n", "+++\nweight = 0\n", 1), // written, so weighted
		"roles/b.md":         page("Bee", 0),
		"roles/a.md":         page("Ay", 0),
		"roles/z.md":         page("Zed", 1),
		"scenarios/two.md":   scenario("Two", 2),
		"scenarios/one.md":   scenario("One", 1),
		"scenarios/extra.md": strings.Replace(page("About scenarios", 0), "+++\n", "+++\ntype = \"page\"\n", 1),
		"scenarios/first.md": strings.Replace(page("Before all", -1), "+++\n", "+++\ntype = \"page\"\n", 1),
	})
	if diags.Len() != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags.Items())
	}
	if got := titles(s.BySource("guide/_index.md").Children); got != "Minus,Zero,First,Second,Added later,Zulu" {
		t.Errorf("section order: %s", got)
	}
	if zulu := s.BySource("guide/zulu.md"); zulu.Prev.Title != "Added later" || zulu.Next != nil {
		t.Errorf("prev/next follow the listing: %v %v", zulu.Prev, zulu.Next)
	}
	if got := titles(s.Roles); got != "Zed,Ay,Bee" {
		t.Errorf("roles: %s", got)
	}
	if got := titles(s.Page("scenarios/").Children); got != "Before all,One,Two,About scenarios" {
		t.Errorf("scenarios: %s", got)
	}
	if got := titles(s.Home.Children); got != "Guide,Roles,Scenarios" {
		t.Errorf("home: %s", got)
	}
}

// TestSectionTitleClash: two pages of one section with one title is a
// warning on the second file at its title; pages of different sections,
// and a folder's made-up section page, may share a title.
func TestSectionTitleClash(t *testing.T) {
	_, diags := testSite(t, map[string]string{
		"faq/a.md":              "+++\ntitle = \"Tracking\"\n+++\n## Q\n\nA.\n",
		"faq/b.md":              "+++\nsummary = \"x\"\ntitle = \"tracking \"\n+++\n## Q\n\nA.\n",
		"faq/c.md":              "+++\ntitle = \"Other\"\n+++\n## Q\n\nA.\n",
		"guide/tracking.md":     "+++\ntitle = \"Tracking\"\n+++\nText.\n",
		"guide/other.md":        "+++\ntitle = \"Other\"\n+++\nText.\n",
		"guide/more.md":         "+++\ntitle = \"Next steps\"\n+++\nText.\n",
		"guide/next-steps/x.md": "+++\ntitle = \"X\"\n+++\nText.\n",
	})
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	want := []string{
		"content/faq/b.md:3:1: warning: another page in this section, content/faq/a.md, has the same title \"tracking \"; give each page its own title: readers choose between them in menus and search results",
		"content/guide/more.md:2:1: warning: the folder content/guide/next-steps/ is listed in this section with the same title \"Next steps\"; give this page another title, or give the folder its own in content/guide/next-steps/_index.md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestScenarioWithoutNumber: a scenario without `number` is an error that
// suggests the next free number, a different one for each such scenario.
func TestScenarioWithoutNumber(t *testing.T) {
	body := "situation = \"x\"\n+++\n## What the seller does\n\nA.\n\n## Seller mindset\n\nB.\n\n## What the partner does\n\nC.\n"
	_, diags := testSite(t, map[string]string{
		"scenarios/a.md": "+++\ntitle = \"A\"\nnumber = 4\n" + body,
		"scenarios/b.md": "+++\ntitle = \"B\"\nnumber = 7\n" + body,
		"scenarios/c.md": "+++\ntitle = \"C\"\n" + body,
		"scenarios/d.md": "+++\ntitle = \"D\"\n" + body,
	})
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	want := []string{
		"content/scenarios/c.md:2:1: missing required `number`; add number = 8, the next free number",
		"content/scenarios/d.md:2:1: missing required `number`; add number = 9, the next free number",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTitleFromDir(t *testing.T) {
	for _, c := range []struct{ dir, want string }{
		{"", "Site"}, {"faq", "FAQ"}, {"getting-started", "Getting started"},
		{"guides/étude", "Étude"}, {"über-uns", "Über uns"}, {"ǆ", "ǅ"}, {"日本", "日本"},
	} {
		got := titleFromDir(c.dir, "Site")
		if got != c.want || !utf8.ValidString(got) {
			t.Errorf("titleFromDir(%q) = %q, want %q", c.dir, got, c.want)
		}
	}
}
