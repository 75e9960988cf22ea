// Package site builds the site graph from parsed pages: every page's URL,
// the section tree, cross-links resolved to output URLs and checked,
// backlinks, related pages, role and solution-area listings, the glossary
// and where its terms are used, and which decision trees lead to a page.
//
// Build takes pages that are already parsed and never reads files, so a
// rebuild after one edit re-parses one file and calls Build again.
package site

import (
	"context"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/source"
)

// Site is the whole graph, ready to render.
type Site struct {
	Config *config.Config
	Pages  []*Page // every published page, sorted by URL
	Home   *Page
	// Glossary is the glossary page, or nil when the site has none.
	Glossary *Page
	Terms    []*Term
	Roles    []*Page // role pages, by title
	Areas    []*Page
	Trees    []*Page
	Aliases  []Alias
	Tags     []*Tag        // every tag of a published page, by name (tags.go)
	Assets   []source.File // non-markdown files under content/, copied beside their pages
	Now      time.Time

	glossary *markdown.Glossary // the terms as markdown marks them
	byMD     map[*markdown.Term]*Term
	byURL    map[string]*Page
	bySource map[string]*Page
	roles    map[string]*Page // by RoleKey
	assets   map[string]bool
	// Lookups for checks and "did you mean" hints, made when first needed.
	suggest struct {
		once       sync.Once // sources are made while links resolve in parallel
		sources    []string  // page paths within content/, without .md, sorted
		roles      []string  // role keys, sorted
		areas      map[string]*Page
		areaTitles []string // sorted
	}
}

// Page is a content page placed in the site.
type Page struct {
	*page.Page
	URL  string // site-relative, "" for home, else ending in "/"
	Root string // path from this page back to the site root: "", "../", "../../" ...

	Parent   *Page
	Children []*Page // sections: their pages and subsections, in reading order
	Prev     *Page
	Next     *Page

	Backlinks   []*Page
	RelatedTo   []*Page
	Members     []*Page   // role: pages naming the role; area: its motions
	ReachedFrom []TreeRef // trees whose outcomes lead here
	TermsUsed   []*Term   // glossary terms on this page, first use order
	Anchors     map[string]bool
	Stale       bool // reviewed longer ago than the site's limit
	Generated   bool // no file in content/: a folder without _index.md, the 404 or search page

	anchorList struct { // Anchors sorted, made at the first broken link to the page
		once sync.Once
		ids  []string
	}
}

// TreeRef is a decision tree outcome that leads to a page.
type TreeRef struct {
	Tree    *Page
	Outcome string
}

// Term is a glossary entry with the pages that use it.
type Term struct {
	*page.Term
	Anchor string
	UsedBy []*Page
	mdTerm *markdown.Term
}

// Alias is an old URL that redirects to a page.
type Alias struct {
	URL    string
	Target *Page
}

// Options change what Build includes.
type Options struct {
	Drafts bool      // publish pages marked draft
	Now    time.Time // "today", for freshness; fixed so builds are reproducible
}

// Page returns the page at a site-relative URL, or nil.
func (s *Site) Page(url string) *Page { return s.byURL[url] }

// BySource returns the page built from a content-relative path, or nil.
func (s *Site) BySource(rel string) *Page { return s.bySource[rel] }

// Build assembles the graph and checks everything that spans pages. When
// ctx is cancelled it stops early and returns an incomplete site: the
// caller must check ctx before using it.
func Build(ctx context.Context, cfg *config.Config, pages []*page.Page, assets []source.File, opts Options, diags *diag.List) *Site {
	s := &Site{Config: cfg, Assets: assets, Now: opts.Now, byURL: map[string]*Page{}, bySource: map[string]*Page{}, roles: map[string]*Page{}, assets: map[string]bool{}}
	for _, a := range assets {
		s.assets[a.Rel] = true
	}
	var drafts []*Page // left out of the site, but checked like its pages
	for _, cp := range pages {
		if cp == nil {
			continue
		}
		if cp.Draft && !opts.Drafts {
			drafts = append(drafts, &Page{Page: cp})
			continue
		}
		p := &Page{Page: cp, Anchors: map[string]bool{}}
		p.URL = urlFor(cp)
		p.Root = rootFor(p.URL)
		s.Pages = append(s.Pages, p)
		s.bySource[cp.Rel] = p
	}
	s.ensureSections()
	s.checkNames(diags)
	s.assignURLs(diags)
	s.linkSections(diags)
	for _, p := range s.Pages {
		s.collectAnchors(p)
	}
	s.collectKinds(diags) // after the anchors: glossary terms take anchors no heading has
	if s.resolvePages(ctx, diags) != nil {
		return s
	}
	draftRoles := s.draftRoles(drafts)
	for _, p := range drafts {
		s.checkRoles(p, draftRoles, diags)
	}
	for _, p := range s.Pages {
		s.resolveRelated(p, diags)
		s.resolveTree(p, diags)
		s.checkRoles(p, draftRoles, diags)
		s.checkArea(p, diags)
		if cfg.StaleDays > 0 && !p.Reviewed.IsZero() && opts.Now.Sub(p.Reviewed) > time.Duration(cfg.StaleDays)*24*time.Hour {
			p.Stale = true
		}
	}
	s.collectAliases(diags)
	s.collectTags()
	s.limitHighlighting(diags)
	s.sortLists()
	return s
}

// limitHighlighting shares markdown.MaxHighlightedBytes of highlighted code
// among the pages, in page order, and warns on each page whose code goes
// plain.
func (s *Site) limitHighlighting(diags *diag.List) {
	left := markdown.MaxHighlightedBytes
	for _, p := range s.Pages {
		if p.Body == nil {
			continue
		}
		var plain *diag.Pos
		if left, plain = p.Body.LimitHighlighting(left); plain != nil {
			diags.Warnf(p.Source, *plain, "shorten long code blocks, or link to the files instead",
				"code shown without colours: the site's code blocks pass %d MB, the most one build highlights", markdown.MaxHighlightedBytes>>20)
		}
	}
}

// urlFor maps a content path to its pretty URL.
func urlFor(p *page.Page) string {
	dir := p.Dir()
	if p.IsSection {
		if dir == "" {
			return ""
		}
		return dir + "/"
	}
	name := strings.TrimSuffix(path.Base(p.Rel), ".md")
	if p.Slug != "" {
		name = p.Slug
	}
	if dir == "" {
		return name + "/"
	}
	return dir + "/" + name + "/"
}

func rootFor(url string) string {
	return strings.Repeat("../", strings.Count(url, "/"))
}

// ensureSections adds a page for every folder without an _index.md, and a
// home page, so every page has a parent listing it.
func (s *Site) ensureSections() {
	have := map[string]bool{}
	for _, p := range s.Pages {
		if p.IsSection {
			have[p.Dir()] = true
		}
	}
	var missing []string
	need := func(dir string) {
		if !have[dir] {
			have[dir] = true
			missing = append(missing, dir)
		}
	}
	need("")
	for _, p := range s.Pages {
		dir := p.Dir()
		if p.IsSection {
			dir = parentDir(dir)
			if p.Dir() == "" {
				continue
			}
		}
		for {
			need(dir)
			if dir == "" {
				break
			}
			dir = parentDir(dir)
		}
	}
	for _, dir := range missing {
		rel := "_index.md"
		if dir != "" {
			rel = dir + "/_index.md"
		}
		cp := &page.Page{Source: "content/" + rel, Rel: rel, Kind: page.KindForPath(rel), IsSection: true, Title: titleFromDir(dir, s.Config.Title)}
		p := &Page{Page: cp, URL: urlFor(cp), Anchors: map[string]bool{}, Generated: true}
		p.Root = rootFor(p.URL)
		s.Pages = append(s.Pages, p)
		s.bySource[rel] = p
	}
}

func parentDir(dir string) string {
	d := path.Dir(dir)
	if d == "." {
		return ""
	}
	return d
}

func titleFromDir(dir, siteTitle string) string {
	if dir == "" {
		return siteTitle
	}
	name := strings.ReplaceAll(path.Base(dir), "-", " ")
	if name == "faq" {
		return "FAQ"
	}
	first, size := utf8.DecodeRuneInString(name) // "étude" is "Étude", not a split é
	return string(unicode.ToTitle(first)) + name[size:]
}

// checkNames reports the folder and file names that cannot become a URL
// segment (output.SegmentProblem): each folder once, at the folder, and a
// page's own name at the page. Slugs were checked with the front matter.
func (s *Site) checkNames(diags *diag.List) {
	folders := map[string]bool{}
	for _, p := range s.Pages {
		for dir := p.Dir(); dir != "" && !folders[dir]; dir = parentDir(dir) {
			folders[dir] = true
			name := path.Base(dir)
			if why := output.SegmentProblem(name); why != "" {
				diags.Errorf("content/"+dir, diag.Pos{}, "rename the folder: its name is part of the address of every page in it; use letters, digits and dashes, such as \""+suggestSlug(name)+"\"",
					"the folder name %q cannot be part of a web address: it %s", name, why)
			}
		}
		if p.IsSection || p.Slug != "" {
			continue
		}
		name := strings.TrimSuffix(path.Base(p.Rel), ".md")
		if why := output.SegmentProblem(name); why != "" {
			diags.Errorf(p.Source, diag.Pos{}, "rename the file, or give the page a slug such as slug = \""+suggestSlug(name)+"\"",
				"the file name %q cannot be part of a web address: it %s", name, why)
		}
	}
}

// suggestSlug is a name that can be published, made from one that cannot.
func suggestSlug(name string) string {
	slug := markdown.Slug(name)
	if output.SegmentProblem(slug) != "" {
		slug += "-page" // "con" is reserved on Windows
	}
	return slug
}

// describeSegment says which part of a path is wrong.
func describeSegment(whole, seg, why string) string {
	if seg == whole {
		return "it " + why
	}
	return fmt.Sprintf("the part %q %s", seg, why)
}

func (s *Site) assignURLs(diags *diag.List) {
	sort.Slice(s.Pages, func(i, j int) bool {
		return s.Pages[i].URL < s.Pages[j].URL || s.Pages[i].URL == s.Pages[j].URL && s.Pages[i].Rel < s.Pages[j].Rel
	})
	for _, p := range s.Pages {
		if other, taken := s.byURL[p.URL]; taken {
			// Blame the page whose slug caused the clash, if one has a slug.
			culprit, owner := p, other
			if p.Slug == "" && other.Slug != "" {
				culprit, owner = other, p
				s.byURL[p.URL] = p
			}
			diags.Errorf(culprit.Source, culprit.KeyPos("slug"), "change this page's slug or file name", "this page and %s both publish to /%s", owner.Source, p.URL)
			continue
		}
		s.byURL[p.URL] = p
	}
	s.Home = s.byURL[""]
}

func (s *Site) linkSections(diags *diag.List) {
	for _, p := range s.Pages {
		if p == s.Home {
			continue
		}
		dir := p.Dir()
		if p.IsSection {
			dir = parentDir(dir)
		}
		rel := "_index.md"
		if dir != "" {
			rel = dir + "/_index.md"
		}
		parent := s.bySource[rel]
		if parent == nil && dir == "" {
			parent = s.Home
		}
		if parent == nil {
			parent = s.bySource[dir+"/index.md"]
		}
		p.Parent = parent
		if parent != nil {
			parent.Children = append(parent.Children, p)
		}
	}
	for _, p := range s.Pages {
		sortPages(p.Children)
		checkTitles(p.Children, diags)
		var siblings []*Page
		for _, c := range p.Children {
			if !c.IsSection {
				siblings = append(siblings, c)
			}
		}
		for i, c := range siblings {
			if i > 0 {
				c.Prev = siblings[i-1]
			}
			if i+1 < len(siblings) {
				c.Next = siblings[i+1]
			}
		}
	}
}

// sortPages orders a listing by weight, then title: the contract authors
// use to control reading order. Pages without a weight come after those
// with one, so adding a page never pushes it above ordered ones.
func sortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Weighted != b.Weighted {
			return a.Weighted
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.URL < b.URL
	})
}

// checkTitles warns about pages of one section that share a title: the
// menu, the section listing and search results could not tell them apart.
func checkTitles(children []*Page, diags *diag.List) {
	byTitle := map[string][]*Page{}
	var titles []string
	for _, c := range children {
		key := strings.ToLower(strings.Join(strings.Fields(c.Title), " "))
		if key == "" {
			continue
		}
		if byTitle[key] == nil {
			titles = append(titles, key)
		}
		byTitle[key] = append(byTitle[key], c)
	}
	for _, key := range titles {
		same := byTitle[key]
		if len(same) < 2 {
			continue
		}
		// The first file keeps its title; a made-up section page never
		// gets the warning, having no title to change.
		sort.SliceStable(same, func(i, j int) bool {
			if same[i].Generated != same[j].Generated {
				return same[i].Generated
			}
			return same[i].Source < same[j].Source
		})
		first := same[0]
		for _, p := range same[1:] {
			switch {
			case p.Generated:
			case first.Generated:
				diags.Warnf(p.Source, p.KeyPos("title"), "give this page another title, or give the folder its own in "+first.Source,
					"the folder %s/ is listed in this section with the same title %q", path.Dir(first.Source), p.Title)
			default:
				diags.Warnf(p.Source, p.KeyPos("title"), "give each page its own title: readers choose between them in menus and search results",
					"another page in this section, %s, has the same title %q", first.Source, p.Title)
			}
		}
	}
}

func (s *Site) collectKinds(diags *diag.List) {
	seenTerms := map[string]*page.Term{}
	nextAnchor := map[string]int{} // by slug: the suffix to try next
	scenarios := map[int]*Page{}
	var unnumbered []*Page
	for _, p := range s.Pages {
		if p.IsSection {
			continue
		}
		switch p.Kind {
		case page.KindScenario:
			if p.Scenario == nil {
				break
			}
			if !p.Scenario.Numbered {
				unnumbered = append(unnumbered, p)
				break
			}
			if first := scenarios[p.Scenario.Number]; first != nil {
				diags.Errorf(p.Source, p.KeyPos("number"), fmt.Sprintf("give each scenario its own number; the next free one is %d", nextFree(scenarios)),
					"scenario number %d is also the number of %s", p.Scenario.Number, first.Source)
				break
			}
			scenarios[p.Scenario.Number] = p
		case page.KindRole:
			if first := s.roles[RoleKey(p)]; first != nil {
				diags.Errorf(p.Source, diag.Pos{}, "rename one of the two files: pages name a role by its file name, whatever its case or folder", "role %q is also the role of %s", RoleKey(p), first.Source)
				continue
			}
			s.Roles = append(s.Roles, p)
			s.roles[RoleKey(p)] = p
		case page.KindArea:
			s.Areas = append(s.Areas, p)
		case page.KindTree:
			s.Trees = append(s.Trees, p)
		case page.KindGlossary:
			if s.Glossary != nil {
				diags.Errorf(p.Source, diag.Pos{Line: 1, Col: 1}, "keep all terms in one glossary page", "a second glossary page (the first is %s)", s.Glossary.Source)
				continue
			}
			s.Glossary = p
		}
	}
	next := nextFree(scenarios)
	for _, p := range unnumbered { // in URL order, each gets its own suggestion
		diags.Errorf(p.Source, p.KeyPos("number"), fmt.Sprintf("add number = %d, the next free number", next), "missing required `number`")
		next++
	}
	if s.Glossary != nil {
		for _, t := range s.Glossary.Terms {
			if prev, dup := seenTerms[t.Term]; dup {
				diags.Errorf(s.Glossary.Source, t.Pos, "merge the two entries", "glossary term `%s` is defined twice (also at line %d)", t.Term, prev.Pos.Line)
				continue
			}
			seenTerms[t.Term] = t
			base := markdown.Slug(t.Term)
			anchor := base
			for n := max(nextAnchor[base], 2); s.Glossary.Anchors[anchor]; n++ {
				anchor = base + "-" + strconv.Itoa(n)
				nextAnchor[base] = n + 1 // terms that slug alike count on, not from 2 again
			}
			s.Glossary.Anchors[anchor] = true
			s.Terms = append(s.Terms, &Term{Term: t, Anchor: anchor, mdTerm: &markdown.Term{Term: t.Term, Expansion: t.Expansion, Anchor: anchor}})
		}
	}
	sortPages(s.Roles)
	sortPages(s.Areas)
	sortPages(s.Trees)
}

// nextFree is one more than the highest number taken.
func nextFree(taken map[int]*Page) int {
	highest := 0
	for n := range taken {
		highest = max(highest, n)
	}
	return highest + 1
}

// RoleKey is how pages name a role: its file name, case-insensitive.
func RoleKey(p *Page) string { return strings.ToLower(strings.TrimSuffix(path.Base(p.Rel), ".md")) }

// draftRoles are the role pages left out as drafts, by RoleKey: pages may
// name them, and they count when deciding whether the site has roles, so
// a build without --drafts checks role names as one with it does.
func (s *Site) draftRoles(drafts []*Page) map[string]*Page {
	out := map[string]*Page{}
	for _, p := range drafts {
		if p.Kind == page.KindRole && !p.IsSection && s.roles[RoleKey(p)] == nil && out[RoleKey(p)] == nil {
			out[RoleKey(p)] = p
		}
	}
	return out
}

// checkRoles checks the roles a page names and lists the page on each
// role's page. Draft pages (not in s.Pages) are checked and listed nowhere.
func (s *Site) checkRoles(p *Page, draftRoles map[string]*Page, diags *diag.List) {
	if len(s.Roles) == 0 && len(draftRoles) == 0 {
		return
	}
	published := s.bySource[p.Rel] == p
	for _, name := range p.Roles {
		role := s.Role(name)
		if role == nil {
			if d := draftRoles[strings.ToLower(name)]; d != nil {
				if published {
					diags.Errorf(p.Source, p.KeyPos("roles"), "publish the role (remove draft = true from "+d.Source+") or remove it from this page", "role `%s` is a draft, so this published page would name a role the site does not have", name)
				}
				continue
			}
			if s.suggest.roles == nil {
				for _, r := range s.Roles {
					s.suggest.roles = append(s.suggest.roles, strings.ToUpper(RoleKey(r)))
				}
				for k := range draftRoles {
					s.suggest.roles = append(s.suggest.roles, strings.ToUpper(k))
				}
				slices.Sort(s.suggest.roles)
			}
			keys := s.suggest.roles
			diags.Errorf(p.Source, p.KeyPos("roles"), diag.DidYouMeanSorted(name, keys, "roles are the files in content/roles/: "+diag.Listing(keys)), "unknown role `%s`", name)
			continue
		}
		if published {
			role.Members = append(role.Members, p)
		}
	}
}

// Role is the role page a page's `roles` entry names, or nil.
func (s *Site) Role(name string) *Page { return s.roles[strings.ToLower(name)] }

func (s *Site) checkArea(p *Page, diags *diag.List) {
	if p.Motion == nil || len(s.Areas) == 0 {
		return
	}
	if s.suggest.areas == nil {
		s.suggest.areas = make(map[string]*Page, len(s.Areas))
		for _, a := range s.Areas {
			if s.suggest.areas[a.Title] == nil {
				s.suggest.areas[a.Title] = a // the first, in the areas' order
				s.suggest.areaTitles = append(s.suggest.areaTitles, a.Title)
			}
		}
		slices.Sort(s.suggest.areaTitles)
	}
	if a := s.suggest.areas[p.Motion.SolutionArea]; a != nil {
		a.Members = append(a.Members, p)
		return
	}
	titles := s.suggest.areaTitles
	diags.Errorf(p.Source, p.KeyPos("solution_area"), diag.DidYouMeanSorted(p.Motion.SolutionArea, titles, "use the title of a page in content/areas/: "+diag.Listing(titles)), "unknown solution area %q", p.Motion.SolutionArea)
}

func (s *Site) collectAliases(diags *diag.List) {
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			u := strings.Trim(a, "/")
			if seg, why := output.PathProblem(u); why != "" {
				diags.Errorf(p.Source, p.KeyPos("aliases"), "write an old address inside the site, such as \"old/faq/\", of letters, digits and dashes", "invalid alias %q: %s", a, describeSegment(u, seg, why))
				continue
			}
			u += "/"
			if other := s.byURL[u]; other != nil {
				diags.Errorf(p.Source, p.KeyPos("aliases"), "remove the alias or move the other page", "alias /%s is already the address of %s", u, other.Source)
				continue
			}
			s.Aliases = append(s.Aliases, Alias{URL: u, Target: p})
			s.byURL[u] = nil // reserve, so two aliases cannot claim it
		}
	}
	sort.Slice(s.Aliases, func(i, j int) bool { return s.Aliases[i].URL < s.Aliases[j].URL })
	for _, a := range s.Aliases {
		delete(s.byURL, a.URL)
	}
}

func (s *Site) indexFile() string {
	if s.Config.Offline {
		return "index.html"
	}
	return ""
}

// Href is the link from page from to page to (with an optional anchor),
// relative so the site works at any sub-path and, offline, from disk.
func (s *Site) Href(from, to *Page, anchor string) string {
	h := from.Root + output.EscapePath(to.URL) + s.indexFile()
	if h == "" {
		h = "./"
	}
	if anchor != "" {
		h += "#" + anchor
	}
	return h
}

func (s *Site) sortLists() {
	for _, p := range s.Pages {
		sortByTitle(p.Backlinks)
		sortPages(p.Members)
	}
	for _, t := range s.Terms {
		sortByTitle(t.UsedBy)
	}
}

func sortByTitle(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Title != ps[j].Title {
			return ps[i].Title < ps[j].Title
		}
		return ps[i].URL < ps[j].URL
	})
}
