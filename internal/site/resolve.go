package site

import (
	"context"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/parallel"
)

// resolved is what one page's own content refers to.
type resolved struct {
	targets []*Page // other pages it links to, in first-link order
	terms   []*Term // glossary terms it uses, in first-use order
}

// resolve resolves everything the content cp of page p refers to: it
// rewrites the links of its body and of its front-matter snippets (tree
// hints, outcome summaries, glossary definitions) to output URLs and marks
// glossary terms in its body. Build and Swap both resolve pages here, so a
// full build and a page swapped in by a rebuild cannot differ.
func (s *Site) resolve(p *Page, cp *page.Page, diags *diag.List) resolved {
	var r resolved
	if cp.Body == nil {
		return r
	}
	seen := map[*Page]bool{}
	links := cp.Body.Links
	for _, snippet := range cp.Snippets {
		links = append(links[:len(links):len(links)], snippet.Links...)
	}
	for _, l := range links {
		t, err := s.ResolveLink(p, l)
		if err != nil {
			if l.Source != "" { // written in an included snippet
				diags.Errorf(l.Source, l.Pos, err.Hint, "%s%s", err.Message, markdown.IncludedBy(cp.Source))
			} else {
				diags.Errorf(cp.Source, l.Pos, err.Hint, "%s", err.Message)
			}
			continue
		}
		if t.External {
			continue
		}
		l.SetDest(s.HrefFor(p, t))
		if t.Page != nil && t.Page != p && !seen[t.Page] {
			seen[t.Page] = true
			r.targets = append(r.targets, t.Page)
		}
	}
	if s.glossary != nil && p != s.Glossary {
		for _, t := range cp.Body.ApplyGlossary(s.glossary, s.Href(p, s.Glossary, "")) {
			r.terms = append(r.terms, s.byMD[t])
		}
	}
	return r
}

// resolvePages resolves every page on every core, then records backlinks
// and term uses in page order so the result is deterministic.
func (s *Site) resolvePages(ctx context.Context, diags *diag.List) error {
	if s.Glossary != nil && len(s.Terms) > 0 {
		mdTerms := make([]*markdown.Term, len(s.Terms))
		s.byMD = make(map[*markdown.Term]*Term, len(s.Terms))
		for i, t := range s.Terms {
			mdTerms[i] = t.mdTerm
			s.byMD[t.mdTerm] = t
		}
		s.glossary = markdown.NewGlossary(mdTerms)
	}
	results := make([]resolved, len(s.Pages))
	lists := make([]diag.List, len(s.Pages))
	if err := parallel.ForContext(ctx, len(s.Pages), func(i int) {
		results[i] = s.resolve(s.Pages[i], s.Pages[i].Page, &lists[i])
	}); err != nil {
		return err
	}
	for i, p := range s.Pages {
		diags.Merge(&lists[i])
		for _, t := range results[i].targets {
			t.Backlinks = append(t.Backlinks, p)
		}
		p.TermsUsed = results[i].terms
		for _, t := range p.TermsUsed {
			t.UsedBy = append(t.UsedBy, p)
		}
	}
	return nil
}

// Swap tries to put cp, a new parse of page p's file, in place of p's
// content without rebuilding the graph. It succeeds when nothing the graph
// holds about p changes: the caller has checked that the front matter, the
// heading anchors and the links as written are the same, and Swap checks
// that the links still resolve without problems and that the page uses
// the same glossary terms. cp is resolved either way; it is swapped in
// only when Swap reports true.
func (s *Site) Swap(p *Page, cp *page.Page) bool {
	var diags diag.List
	r := s.resolve(p, cp, &diags)
	if diags.Len() > 0 || len(r.terms) != len(p.TermsUsed) {
		return false
	}
	for i := range r.terms {
		if r.terms[i] != p.TermsUsed[i] {
			return false
		}
	}
	p.Page = cp
	return true
}
