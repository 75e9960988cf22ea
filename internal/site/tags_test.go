package site

import (
	"testing"

	"github.com/fieldguide/fieldguide/internal/page"
)

func TestCollectTags(t *testing.T) {
	page := func(url, title string, weight int, tags ...string) *Page {
		return &Page{Page: &page.Page{Title: title, Weight: weight, Weighted: weight > 0, Tags: tags}, URL: url}
	}
	a := page("a/", "A", 2, "MSX", "csp", "msx")
	b := page("b/", "B", 1, "CSP")
	gen := page("c/", "C", 0, "never")
	gen.Generated = true
	s := &Site{Pages: []*Page{a, b, gen}}
	s.collectTags()
	type want struct {
		name, slug, url string
		pages           []*Page
	}
	wants := []want{{"csp", "csp", "tags/csp/", []*Page{b, a}}, {"MSX", "msx", "tags/msx/", []*Page{a}}}
	if len(s.Tags) != len(wants) {
		t.Fatalf("got %d tags, want %d", len(s.Tags), len(wants))
	}
	for i, w := range wants {
		g := s.Tags[i]
		if g.Name != w.name || g.Slug != w.slug || g.URL != w.url || len(g.Pages) != len(w.pages) {
			t.Errorf("tag %d = %+v, want %+v", i, g, w)
			continue
		}
		for j := range w.pages {
			if g.Pages[j] != w.pages[j] {
				t.Errorf("tag %s page %d = %s, want %s", g.Name, j, g.Pages[j].Title, w.pages[j].Title)
			}
		}
	}
	if TagURL("Partner Center") != "tags/partner-center/" {
		t.Errorf("TagURL = %q", TagURL("Partner Center"))
	}
}
