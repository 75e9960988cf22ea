package site

import (
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/tree"
)

// collectAnchors records every id a link may target on the page.
func (s *Site) collectAnchors(p *Page) {
	if p.Body != nil {
		for _, h := range p.Body.Headings {
			p.Anchors[h.ID] = true
		}
	}
	if p.Tree != nil {
		for _, q := range p.Tree.Questions {
			p.Anchors[tree.Anchor(q.ID)] = true
		}
		for _, o := range p.Tree.Outcomes {
			p.Anchors[tree.Anchor(o.ID)] = true
		}
	}
}

// Target is where a written link leads.
type Target struct {
	Page   *Page  // a content page, or nil
	Asset  string // an output path of a copied file, or ""
	Anchor string
	// External links (with a scheme, or protocol-relative) are left as written.
	External bool
}

// LinkError explains why a link cannot be followed.
type LinkError struct {
	Message, Hint string
}

func (e *LinkError) Error() string { return e.Message }

// Resolve follows a link written on page from. dest is as written in the
// markdown: a relative path to a .md file or folder, optionally with an
// anchor; a site-absolute URL ("/faq/"); an anchor on the same page; or an
// external URL.
func (s *Site) Resolve(from *Page, dest string) (Target, *LinkError) {
	return s.resolveIn(from, from.Dir(), dest)
}

// ResolveLink follows a link of from's body: one written in a snippet the
// page includes is relative to the snippet's folder.
func (s *Site) ResolveLink(from *Page, l *markdown.Link) (Target, *LinkError) {
	if l.Source == "" {
		return s.Resolve(from, l.Dest)
	}
	dir := path.Dir(strings.TrimPrefix(l.Source, "content/"))
	if dir == "." {
		dir = ""
	}
	return s.resolveIn(from, dir, l.Dest)
}

// resolveIn follows dest, written in the folder dir of content/, for page from.
func (s *Site) resolveIn(from *Page, dir, dest string) (Target, *LinkError) {
	if dest == "" {
		return Target{}, &LinkError{"empty link", "write the path of the page to link, e.g. ../faq/tracking.md"}
	}
	if strings.HasPrefix(dest, "#") {
		anchor := dest[1:]
		if err := checkAnchor(from, anchor); err != nil {
			return Target{}, err
		}
		return Target{Page: from, Anchor: anchor}, nil
	}
	u, err := url.Parse(dest)
	if err != nil {
		return Target{}, &LinkError{"malformed link " + quote(dest), "check the brackets and spaces; spaces in a link must be written %20"}
	}
	if u.Scheme != "" || strings.HasPrefix(dest, "//") {
		return Target{External: true}, nil
	}
	p := u.Path
	var target Target
	target.Anchor = u.Fragment
	if strings.HasPrefix(p, "/") {
		t, lerr := s.resolveSiteURL(p)
		if lerr != nil {
			return Target{}, lerr
		}
		target.Page, target.Asset = t.Page, t.Asset
	} else {
		joined := path.Join(dir, p)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return Target{}, &LinkError{"link " + quote(dest) + " points outside content/", "link only to files inside the content folder"}
		}
		if joined == "." {
			joined = ""
		}
		switch {
		case strings.HasSuffix(joined, ".md"):
			target.Page = s.bySource[joined]
			if target.Page == nil {
				return Target{}, &LinkError{"link to missing page " + quote(dest), s.missingPageHint(from, dir, p)}
			}
		case s.isSection(joined):
			target.Page = s.sectionAt(joined)
		case s.assets[joined]:
			target.Asset = joined
		default:
			return Target{}, &LinkError{"link to missing file " + quote(dest), "link to a .md file, a folder with pages, or a file inside content/"}
		}
	}
	if target.Page != nil && target.Anchor != "" {
		if err := checkAnchor(target.Page, target.Anchor); err != nil {
			return Target{}, err
		}
	}
	return target, nil
}

func (s *Site) resolveSiteURL(p string) (Target, *LinkError) {
	rel := strings.TrimPrefix(p, "/")
	rel = strings.TrimSuffix(rel, "index.html")
	if page := s.byURL[rel]; page != nil {
		return Target{Page: page}, nil
	}
	if page := s.byURL[rel+"/"]; page != nil && rel != "" {
		return Target{Page: page}, nil
	}
	if s.assets[rel] {
		return Target{Asset: rel}, nil
	}
	return Target{}, &LinkError{"link to missing page " + quote(p), "prefer relative links to .md files, e.g. ../faq/tracking.md"}
}

func (s *Site) isSection(dir string) bool {
	return s.sectionAt(dir) != nil
}

func (s *Site) sectionAt(dir string) *Page {
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return s.Home
	}
	if p := s.bySource[dir+"/_index.md"]; p != nil {
		return p
	}
	return s.bySource[dir+"/index.md"]
}

// missingPageHint suggests the page a broken link on from probably meant,
// written as the author writes links (relative to from's folder) so it can
// be pasted as it is. Names are compared without ".md", which would make
// unrelated short names look alike, as paths within content/ among the
// pages near the target in the site's sorted paths (diag.Nearby), so
// thousands of broken links on a site of thousands of pages do not compare
// every pair.
func (s *Site) missingPageHint(from *Page, dir, written string) string {
	const fallback = "check the file name; links are relative to this file"
	target := strings.TrimSuffix(path.Join(dir, written), ".md")
	best := diag.SuggestSorted(target, s.sourcePaths())
	if best == "" || best+".md" == from.Rel {
		return fallback
	}
	// The best page within content/, accepted if it is also close to the
	// link as written: the folders both paths share would make any
	// name look close.
	link, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(best))
	link = filepath.ToSlash(link)
	if err != nil || diag.Suggest(strings.TrimSuffix(path.Clean(written), ".md"), []string{link}) == "" {
		return fallback
	}
	return "did you mean `" + link + ".md`?"
}

// sourcePaths is every page's path within content/ without ".md", sorted.
func (s *Site) sourcePaths() []string {
	s.suggest.once.Do(func() {
		for rel := range s.bySource {
			s.suggest.sources = append(s.suggest.sources, strings.TrimSuffix(rel, ".md"))
		}
		sort.Strings(s.suggest.sources)
	})
	return s.suggest.sources
}

func checkAnchor(p *Page, anchor string) *LinkError {
	if p.Anchors[anchor] {
		return nil
	}
	ids := p.sortedAnchors()
	hint := anchorList(ids)
	if best := diag.SuggestSorted(anchor, ids); best != "" {
		hint = "did you mean `" + best + "`?"
	}
	return &LinkError{"anchor #" + anchor + " does not exist on " + p.Source, hint}
}

// sortedAnchors is the page's anchors in order, made once: many broken
// links may point at one page with many headings.
func (p *Page) sortedAnchors() []string {
	p.anchorList.once.Do(func() {
		for id := range p.Anchors {
			p.anchorList.ids = append(p.anchorList.ids, id)
		}
		sort.Strings(p.anchorList.ids)
	})
	return p.anchorList.ids
}

// anchorList is the hint for an anchor with no close match: the anchors the
// page has, so the author can pick one without opening it.
func anchorList(ids []string) string {
	const shown = 8
	switch {
	case len(ids) == 0:
		return "that page has no headings to link to; link to the page without #"
	case len(ids) > shown:
		return "its anchors include #" + strings.Join(ids[:shown], ", #") + " and " + strconv.Itoa(len(ids)-shown) + " more (a heading \"## Seller mindset\" is #seller-mindset)"
	}
	return "its anchors are #" + strings.Join(ids, ", #")
}

func quote(s string) string { return "`" + s + "`" }

// HrefFor is the URL to put in the page for a resolved target.
func (s *Site) HrefFor(from *Page, t Target) string {
	switch {
	case t.Asset != "":
		return from.Root + output.EscapePath(t.Asset)
	case t.Page != nil && t.Page == from && t.Anchor != "":
		return "#" + t.Anchor
	case t.Page != nil:
		return s.Href(from, t.Page, t.Anchor)
	}
	return ""
}

func (s *Site) resolveRelated(p *Page, diags *diag.List) {
	for _, rel := range p.Related {
		t, err := s.Resolve(p, rel)
		if err == nil && t.Page == nil {
			err = &LinkError{"related " + quote(rel) + " is not a page", "list .md files, relative to this file"}
		}
		if err != nil {
			diags.Errorf(p.Source, p.KeyPos("related"), err.Hint, "%s", err.Message)
			continue
		}
		p.RelatedTo = append(p.RelatedTo, t.Page)
	}
}

func (s *Site) resolveTree(p *Page, diags *diag.List) {
	if p.Tree == nil {
		return
	}
	for _, o := range p.Tree.Outcomes {
		if o.Page == "" {
			continue
		}
		t, err := s.Resolve(p, o.Page)
		if err == nil && t.Page == nil {
			err = &LinkError{"outcome page " + quote(o.Page) + " is not a page", "link a .md file, relative to this file"}
		}
		if err != nil {
			diags.Errorf(p.Source, o.PagePos, err.Hint, "outcome `%s`: %s", o.ID, err.Message)
			continue
		}
		if n := len(t.Page.ReachedFrom); n == 0 || t.Page.ReachedFrom[n-1].Tree != p {
			t.Page.ReachedFrom = append(t.Page.ReachedFrom, TreeRef{Tree: p, Outcome: o.ID})
		}
	}
}

// OutcomePage is the page (and anchor) an outcome of tree page p leads to;
// the page is nil when the outcome links nowhere.
func (s *Site) OutcomePage(p *Page, o *tree.Outcome) (target *Page, anchor string) {
	if o.Page == "" {
		return nil, ""
	}
	t, err := s.Resolve(p, o.Page)
	if err != nil {
		return nil, ""
	}
	return t.Page, t.Anchor
}
