package pipeline

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/parallel"
	"github.com/fieldguide/fieldguide/internal/render"

	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/search"
	"github.com/fieldguide/fieldguide/internal/site"
)

// A page is long enough for each `##` section to be its own search result
// when it has at least minSectionsForUnits sections and minWordsForUnits
// words. Shorter pages are one result: splitting them only multiplies the
// index (every section repeats the page title) without better answers.
// FAQ questions and scenario parts are always their own results, and so
// is any section whose heading has an anchor the author wrote ({#id}): the
// author made it a place to link to.
const (
	minSectionsForUnits = 3
	minWordsForUnits    = 1000
)

// searchDocs turns the site into search units: one per page, one per FAQ
// question, one per section of long pages and one per glossary term, so a
// hit can deep-link to the exact answer. A build and the preview both make
// them here; the preview passes a cache, which keeps each page's units
// while its parse and its address are the same, and is refilled with the
// units of the current pages.
func searchDocs(ctx context.Context, r *render.Renderer, s *site.Site, cache unitCache) ([]search.Doc, []search.Synonym, error) {
	perPage := make([][]search.Doc, len(s.Pages))
	if err := parallel.ForContext(ctx, len(s.Pages), func(i int) {
		p := s.Pages[i]
		if c, ok := cache[p.Page]; ok && c.url == p.URL {
			perPage[i] = c.docs
			return
		}
		body, _ := r.Text(p) // a body that cannot render was reported with its page
		perPage[i] = pageDocs(s, p, body)
	}); err != nil {
		return nil, nil, err
	}
	if cache != nil {
		clear(cache)
		for i, p := range s.Pages {
			cache[p.Page] = cachedUnits{url: p.URL, docs: perPage[i]}
		}
	}
	var docs []search.Doc
	for _, d := range perPage {
		docs = append(docs, d...)
	}
	docs, synonyms := appendGlossaryUnits(s, docs)
	labelUnits(s, docs)
	return docs, synonyms, nil
}

// unitCache keeps the preview's search units by parsed page.
type unitCache map[*page.Page]cachedUnits

// cachedUnits are one page's search units and the address they were made for.
type cachedUnits struct {
	url  string
	docs []search.Doc
}

// labelUnits gives the units the reader's names of their types and roles,
// one map for all, so search shows "FAQ" and "Cloud Solution Architect
// (CSA)" where the index has "faq" and "CSA".
func labelUnits(s *site.Site, docs []search.Doc) {
	labels := map[string]string{}
	for _, k := range []page.Kind{page.KindPage, page.KindFAQ, page.KindMotion, page.KindScenario, page.KindTree, page.KindRole, page.KindArea, page.KindGlossary} {
		labels[string(k)] = render.KindLabel(string(k))
	}
	for _, r := range s.Roles {
		labels[strings.ToUpper(site.RoleKey(r))] = r.Title
	}
	for i := range docs {
		docs[i].Labels = labels
	}
}

// appendGlossaryUnits adds one unit per glossary term to docs and returns
// the terms as synonyms, so "TPID" also finds "Top Parent ID".
func appendGlossaryUnits(s *site.Site, docs []search.Doc) ([]search.Doc, []search.Synonym) {
	var synonyms []search.Synonym
	for _, t := range s.Terms {
		synonyms = append(synonyms, search.Synonym{Term: t.Term.Term, Expansion: t.Expansion})
		docs = append(docs, search.Doc{
			URL: s.Glossary.URL, Anchor: t.Anchor, Page: s.Glossary.Title, Type: string(page.KindGlossary),
			Heading: t.Term.Term + ": " + t.Expansion, Text: t.Definition,
		})
	}
	return docs, synonyms
}

func pageDocs(s *site.Site, p *site.Page, body *markdown.Rendered) []search.Doc {
	kind := string(p.Kind)
	if p.IsSection {
		kind = string(page.KindPage)
	}
	pageUnit := search.Doc{URL: p.URL, Page: p.Title, Type: kind, Summary: p.Summary, Facets: facets(s, p), Tags: tagLinks(p)}
	if body == nil {
		return []search.Doc{pageUnit}
	}
	var headed []*markdown.RenderedSection
	words := 0
	for i := range body.Sections {
		sec := &body.Sections[i]
		words += countWords(sec.Text)
		if sec.Level == 0 {
			pageUnit.Text = sec.Text
		} else {
			headed = append(headed, sec)
		}
	}
	split := !p.IsSection && (p.Kind == page.KindFAQ || p.Kind == page.KindScenario) ||
		len(headed) >= minSectionsForUnits && words >= minWordsForUnits
	// A section is its own unit once per anchor: a repeated anchor is an
	// error reported at its heading, and its text stays with the page.
	own := make([]bool, len(headed))
	var taken map[string]bool
	for i, sec := range headed {
		if (split || sec.Explicit) && !taken[sec.ID] {
			own[i] = true
			if taken == nil {
				taken = map[string]bool{}
			}
			taken[sec.ID] = true
		}
	}
	var units []search.Doc
	var text strings.Builder // the page's own text: the sections that are not units
	size := len(pageUnit.Text)
	for i, sec := range headed {
		if !own[i] {
			size += 1 + len(sec.Text)
		}
	}
	text.Grow(size)
	text.WriteString(pageUnit.Text)
	for i, sec := range headed {
		var subs []string
		for _, h := range sec.Sub {
			subs = append(subs, h.Title)
		}
		if own[i] {
			units = append(units, search.Doc{URL: p.URL, Anchor: sec.ID, Page: p.Title, Heading: sec.Title, Headings: subs, Type: kind, Text: sec.Text, Facets: pageUnit.Facets, Nav: sec.Nav, Tags: pageUnit.Tags})
			continue
		}
		pageUnit.Headings = append(pageUnit.Headings, sec.Title)
		pageUnit.Headings = append(pageUnit.Headings, subs...)
		text.WriteString(" ")
		text.WriteString(sec.Text)
	}
	pageUnit.Text = text.String()
	if p.Scenario != nil {
		pageUnit.Summary = strings.TrimSpace(p.Scenario.Situation + " " + pageUnit.Summary)
	}
	if p.Tree != nil {
		var steps []string
		for _, q := range p.Tree.Questions {
			steps = append(steps, q.Text)
		}
		for _, o := range p.Tree.Outcomes {
			steps = append(steps, o.Title)
		}
		pageUnit.Text += " " + strings.Join(steps, " ")
	}
	return append([]search.Doc{pageUnit}, units...)
}

// facets are the front-matter facts readers filter and search by.
func facets(s *site.Site, p *site.Page) map[string][]string {
	f := map[string][]string{}
	for _, r := range p.Roles {
		f["role"] = append(f["role"], strings.ToUpper(r))
	}
	if p.Kind == page.KindRole && !p.IsSection {
		f["role"] = append(f["role"], strings.ToUpper(site.RoleKey(p)))
	}
	if len(p.Tags) > 0 {
		f["tag"] = p.Tags
	}
	if p.Motion != nil {
		f["area"] = []string{p.Motion.SolutionArea}
		f["program"] = []string{p.Motion.Program}
	}
	if p.Area != nil && p.Area.ProgramPrefix != "" {
		f["program"] = []string{p.Area.ProgramPrefix}
	}
	return f
}

// writeSearchIndex adds the index of the given units to the output, its
// files written on every core: at 10,000 pages they are thousands. It
// returns only ctx's error; other problems are reported.
func writeSearchIndex(ctx context.Context, docs []search.Doc, synonyms []search.Synonym, emit render.Emit, diags *diag.List) error {
	files, err := search.Build(ctx, docs, synonyms)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	if err != nil {
		diags.Errorf(search.Dir, diag.Pos{}, "", "cannot build the search index: %v", err)
		return nil
	}
	paths := slices.Sorted(maps.Keys(files))
	errs := make([]error, len(paths))
	if err := parallel.ForContext(ctx, len(paths), func(i int) { errs[i] = emit(paths[i], files[paths[i]]) }); err != nil {
		return err
	}
	for i, err := range errs {
		if err != nil {
			diags.Errorf(paths[i], diag.Pos{}, "check the output folder", "cannot write: %v", err)
		}
	}
	return nil
}

// countWords counts space-separated words of text whose white space is
// already collapsed to single spaces.
func countWords(text string) int {
	if text == "" {
		return 0
	}
	return strings.Count(text, " ") + 1
}

// tagLinks are the page's tags with their tag pages, shown under its results.
func tagLinks(p *site.Page) []search.Tag {
	var tags []search.Tag
	for _, name := range p.Tags {
		tags = append(tags, search.Tag{Name: name, URL: site.TagURL(name)})
	}
	return tags
}
