package site

import (
	"sort"
	"strings"
)

// UndefinedTerms lists abbreviations used in content that the glossary does
// not define, with the pages using each: a report for content owners.
// abbreviations gives the abbreviation-like words of a page's prose.
func (s *Site) UndefinedTerms(abbreviations func(*Page) []string) map[string][]*Page {
	if s.Glossary == nil {
		return nil
	}
	known := map[string]bool{}
	for _, t := range s.Terms {
		known[t.Term.Term] = true
	}
	out := map[string][]*Page{}
	for _, p := range s.Pages {
		if p == s.Glossary {
			continue
		}
		seen := map[string]bool{}
		for _, w := range abbreviations(p) {
			singular := strings.TrimSuffix(w, "s")
			if known[w] || known[singular] || seen[singular] || len(singular) < 2 {
				continue
			}
			seen[singular] = true
			out[singular] = append(out[singular], p)
		}
	}
	return out
}

// Orphans are pages no other page links to (section listings aside): a
// reader can only find them by browsing or searching.
func (s *Site) Orphans() []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.IsSection || p == s.Home || len(p.Backlinks) > 0 || len(p.ReachedFrom) > 0 {
			continue
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}
