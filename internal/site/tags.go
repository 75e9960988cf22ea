package site

import (
	"sort"
	"strings"

	"github.com/fieldguide/fieldguide/internal/markdown"
)

// TagsURL is the page that lists every tag.
const TagsURL = "tags/"

// Tag is a word pages share in their `tags`, with the pages that have it.
// Tags are told apart by their slug: "CSP" and "csp" are one tag, named as
// the first page in URL order writes it.
type Tag struct {
	Name  string
	Slug  string
	URL   string // "tags/SLUG/"
	Pages []*Page
}

// TagURL is the page of the tag name.
func TagURL(name string) string { return TagsURL + markdown.Slug(name) + "/" }

// collectTags makes s.Tags from the published pages, sorted by name, each
// tag's pages in reading order (the order of site listings).
func (s *Site) collectTags() {
	bySlug := map[string]*Tag{}
	for _, p := range s.Pages {
		if p.Generated {
			continue
		}
		for _, name := range p.Tags {
			slug := markdown.Slug(name)
			t := bySlug[slug]
			if t == nil {
				t = &Tag{Name: name, Slug: slug, URL: TagsURL + slug + "/"}
				bySlug[slug] = t
				s.Tags = append(s.Tags, t)
			}
			if n := len(t.Pages); n == 0 || t.Pages[n-1] != p {
				t.Pages = append(t.Pages, p)
			}
		}
	}
	sort.Slice(s.Tags, func(i, j int) bool {
		a, b := strings.ToLower(s.Tags[i].Name), strings.ToLower(s.Tags[j].Name)
		if a != b {
			return a < b
		}
		return s.Tags[i].Slug < s.Tags[j].Slug
	})
	for _, t := range s.Tags {
		sortPages(t.Pages)
	}
}
