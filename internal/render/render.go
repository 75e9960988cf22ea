// Package render turns the site graph into output files through the theme:
// one HTML page per content page, plus 404.html, the search page, alias
// redirects, sitemap.xml and robots.txt. Pages render in parallel; the
// templates and the markdown renderer are shared and safe for that.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"html"
	"html/template"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/parallel"
	"github.com/fieldguide/fieldguide/internal/site"
	"github.com/fieldguide/fieldguide/internal/theme"
)

// Emit receives each output file (output-relative slash path). It must be
// safe for concurrent use. data is only valid during the call: page buffers
// are reused, so an Emit that keeps the bytes keeps a copy.
type Emit func(outPath string, data []byte) error

// Renderer renders one site.
type Renderer struct {
	site     *site.Site
	theme    *theme.Theme
	md       *markdown.Markdown
	partials partials
	// bodies are the rendered bodies, by page: every one once Prepare
	// ran (a build), else those rendered so far (a preview's step), so
	// that a body some pages show besides its own renders once.
	bodies sync.Map
	seed   maphash.Seed // hashes views for PagesIf
	// knownViews gives the view keys of pages the caller already has
	// (KnownViews), so keyed print documents need not build them again.
	knownViews func(*site.Page) (uint64, bool)
	// sectionPrints are printSections, worked out once: every section
	// page's view asks.
	sectionPrints func() []*site.Page
}

// New prepares a renderer.
func New(s *site.Site, th *theme.Theme, md *markdown.Markdown) *Renderer {
	return &Renderer{site: s, theme: th, md: md, partials: partials{theme: th},
		sectionPrints: sync.OnceValue(func() []*site.Page { return printSections(s) })}
}

// Prepare renders every page body once, for the theme, search and the
// glossary report. With release set it then drops the bodies' syntax
// trees: a one-shot build needs them no more, and they are most of its
// memory. Serve does not prepare: it renders a body when its page renders
// and keeps the trees, to re-mark and re-render pages after edits. A
// cancelled ctx stops it early with ctx's error.
func (r *Renderer) Prepare(ctx context.Context, release bool) error {
	pages := r.site.Pages
	out := make([]*markdown.Rendered, len(pages))
	errs := make([]error, len(pages))
	if err := parallel.ForContext(ctx, len(pages), func(i int) {
		p := pages[i]
		if p.Body == nil {
			return
		}
		out[i], errs[i] = r.md.Render(p.Body)
		if release && errs[i] == nil {
			p.Body.Release()
		}
	}); err != nil {
		return err
	}
	for i, p := range pages {
		if errs[i] != nil {
			return fmt.Errorf("%s: %w", p.Source, errs[i])
		}
		if out[i] != nil {
			r.bodies.Store(p, out[i])
		}
	}
	return nil
}

// Release drops the rendered bodies once nothing will render them again.
func (r *Renderer) Release() { r.bodies.Clear() }

// Body is p's rendered body, or nil when it has none.
func (r *Renderer) Body(p *site.Page) (*markdown.Rendered, error) {
	if b, ok := r.bodies.Load(p); ok {
		return b.(*markdown.Rendered), nil
	}
	if p.Body == nil {
		return nil, nil
	}
	b, err := r.md.Render(p.Body)
	if err != nil {
		return nil, err
	}
	r.bodies.Store(p, b)
	return b, nil
}

// Text is p's body as Body gives it when it was rendered, else rendered
// for its text alone (no HTML): what search units need.
func (r *Renderer) Text(p *site.Page) (*markdown.Rendered, error) {
	if b, ok := r.bodies.Load(p); ok {
		return b.(*markdown.Rendered), nil
	}
	if p.Body == nil {
		return nil, nil
	}
	return r.md.RenderText(p.Body)
}

// outline is p's body without its HTML and text (markdown.Outline), for
// a view that is hashed rather than rendered.
func (r *Renderer) outline(p *site.Page) (*markdown.Rendered, error) {
	if p.Body == nil {
		return nil, nil
	}
	return r.md.Outline(p.Body)
}

// Funcs are the helpers templates may call.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"kindLabel": func(kind any) string { return KindLabel(fmt.Sprint(kind)) },
		"join":      strings.Join,
		"title":     capitalize,
	}
}

// capitalize upper-cases the first letter of s (a rune, not a byte).
func capitalize(s string) string {
	first, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToTitle(first)) + s[size:]
}

// KindLabel is the reader-facing name of a page kind.
func KindLabel(kind string) string {
	switch kind {
	case "faq":
		return "FAQ"
	case "motion":
		return "Motion"
	case "scenario":
		return "Scenario"
	case "tree":
		return "Decision tree"
	case "role":
		return "Role"
	case "area":
		return "Solution area"
	case "glossary":
		return "Glossary"
	}
	return "Page"
}

// OutPath is the output file of a page URL.
func OutPath(url string) string { return url + "index.html" }

// Pages renders the given pages (all when pages is nil) and reports
// template problems. It returns how many pages were written; when ctx is
// cancelled it stops early and returns ctx's error.
func (r *Renderer) Pages(ctx context.Context, pages []*site.Page, emit Emit, diags *diag.List) (int, error) {
	return r.render(ctx, pages, nil, emit, diags)
}

// ViewKey identifies what a page's template was given: its view's Hash,
// and the other pages whose bodies the view shows (a scenarios section
// shows its scenarios'), which a change to those bodies alone changes.
type ViewKey struct {
	Hash  uint64
	Shows []*site.Page
}

// Select says whether to render page p, whose view is key. It is called
// on every core at once.
type Select func(p *site.Page, key ViewKey) bool

// PagesIf is Pages rendering only the pages sel selects, by their views,
// hashed with seed: a preview renders the pages whose views changed.
func (r *Renderer) PagesIf(ctx context.Context, pages []*site.Page, seed maphash.Seed, sel Select, emit Emit, diags *diag.List) (int, error) {
	r.seed = seed
	return r.render(ctx, pages, sel, emit, diags)
}

func (r *Renderer) render(ctx context.Context, pages []*site.Page, sel Select, emit Emit, diags *diag.List) (int, error) {
	if pages == nil {
		pages = r.site.Pages
	}
	lists := make([]diag.List, len(pages))
	var written atomic.Int64
	err := parallel.ForContext(ctx, len(pages), func(i int) {
		p := pages[i]
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer pageBuffers.Put(buf)
		buf.Reset()
		out, skip, d := r.selectedPageInto(buf, p, sel)
		switch {
		case skip:
		case d != nil:
			d.Message += " (rendering " + p.Source + ")"
			lists[i].Add(*d)
		case out == nil: // its layout is broken and already reported
		default:
			if err := emit(OutPath(p.URL), out); err != nil {
				lists[i].Errorf(p.Source, diag.Pos{}, "check the output folder", "cannot write output: %v", err)
				return
			}
			written.Add(1)
		}
	})
	for i := range lists {
		diags.Merge(&lists[i])
	}
	return int(written.Load()), err
}

// pageBuffers keeps grown page buffers: growing a fresh one for each page
// was a sixth of a large build's allocations.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pageInto renders one page into buf and returns its bytes, or nil when
// its layout is broken.
func (r *Renderer) pageInto(buf *bytes.Buffer, p *site.Page) ([]byte, *diag.Diagnostic) {
	out, _, d := r.selectedPageInto(buf, p, nil)
	return out, d
}

// selectedPageInto is pageInto for a page sel selects by its view (all
// when sel is nil); skip says sel did not.
func (r *Renderer) selectedPageInto(buf *bytes.Buffer, p *site.Page, sel Select) (out []byte, skip bool, d *diag.Diagnostic) {
	failed := func(err error) ([]byte, bool, *diag.Diagnostic) {
		return nil, false, &diag.Diagnostic{Path: p.Source, Severity: diag.Error, Message: err.Error()}
	}
	v, err := r.frame(p)
	if err != nil {
		return failed(err)
	}
	if sel != nil {
		keyed := *v // fillBodies sets fields of the frame, it changes none
		key, err := r.keyOf(&keyed, p)
		if err != nil {
			return failed(err)
		}
		if !sel(p, key) {
			return nil, true, nil
		}
	}
	if err := r.fillBodies(v, p, nil, r.Body); err != nil {
		return failed(err)
	}
	out, d = r.theme.ExecuteInto(buf, v.Layout+".html", v)
	return out, false, d
}

// KnownViews tells the renderer the view keys (ViewKey.Hash) it may take
// as current rather than build again: a preview has every page's, from
// this step's Select or from the step that last rendered the page.
func (r *Renderer) KnownViews(known func(*site.Page) (uint64, bool)) { r.knownViews = known }

// viewHash is p's ViewKey.Hash, known or built.
func (r *Renderer) viewHash(p *site.Page) (uint64, error) {
	if r.knownViews != nil {
		if h, ok := r.knownViews(p); ok {
			return h, nil
		}
	}
	key, err := r.viewKey(p)
	return key.Hash, err
}

// viewKey is what Select decides by: p's view built from the outlines of
// the bodies it shows, their keys standing for the rest (View.BodyKeys),
// so that deciding renders no body.
func (r *Renderer) viewKey(p *site.Page) (ViewKey, error) {
	v, err := r.frame(p)
	if err != nil {
		return ViewKey{}, err
	}
	return r.keyOf(v, p)
}

// keyOf fills p's frame v as viewKey does and hashes it.
func (r *Renderer) keyOf(v *View, p *site.Page) (ViewKey, error) {
	var shows []*site.Page
	if err := r.fillBodies(v, p, &shows, r.outline); err != nil {
		return ViewKey{}, err
	}
	for _, q := range append([]*site.Page{p}, shows...) {
		if q.Body != nil {
			v.BodyKeys = append(v.BodyKeys, q.Body.Key())
		}
	}
	return ViewKey{Hash: v.Hash(r.seed), Shows: shows}, nil
}

// layoutFor picks the template for a page.
func (r *Renderer) layoutFor(p *site.Page) string {
	switch {
	case p == r.site.Home:
		return "home"
	case p.IsSection && p.Kind == page.KindScenario && r.theme.Has("scenarios.html"):
		return "scenarios"
	case p.IsSection:
		return "section"
	}
	return string(p.Kind)
}

func (r *Renderer) baseView(p *site.Page, layout string) *View {
	s := r.site
	cfg := s.Config
	v := &View{
		shared:  &r.partials,
		Page:    pageInfo(p),
		Layout:  layout,
		Root:    p.Root,
		Offline: cfg.Offline,
		Site: SiteView{
			Title: cfg.Title, Description: cfg.Description, Language: cfg.Language,
			Classification: cfg.Classification, BaseURL: cfg.BaseURL,
			HomeHref:       s.Href(p, s.Home, ""),
			SearchHref:     p.Root + "search/" + indexFile(cfg.Offline),
			WhatsNewHref:   p.Root + WhatsNewURL + indexFile(cfg.Offline),
			PrintHref:      p.Root + PrintURL + indexFile(cfg.Offline),
			FeedbackURL:    cfg.FeedbackURL,
			OfflineReading: cfg.OfflineReading,
		},
	}
	if s.Glossary != nil {
		v.Site.GlossaryHref = s.Href(p, s.Glossary, "")
	}
	v.Title = p.Title
	if p != s.Home {
		v.Title = p.Title + " · " + cfg.Title
	}
	v.Description = p.Summary
	if v.Description == "" {
		v.Description = cfg.Description
	}
	if cfg.BaseURL != "" {
		v.Canonical = cfg.BaseURL + output.EscapePath(p.URL)
	}
	if cfg.EditURL != "" && !p.Generated {
		v.EditHref = cfg.EditURL + escapePath(p.Rel)
	}
	for _, top := range s.Home.Children {
		if top.IsSection {
			current := ""
			if isWithin(p, top) {
				current = "true"
			}
			v.Nav = append(v.Nav, makeLink(top.Title, s.Href(p, top, ""), string(top.Kind), top.Summary, current))
		}
	}
	return v
}

// escapePath escapes each segment of a slash path for a URL.
func escapePath(rel string) string {
	segments := strings.Split(rel, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return strings.Join(segments, "/")
}

func indexFile(offline bool) string {
	if offline {
		return "index.html"
	}
	return ""
}

func isWithin(p, section *site.Page) bool {
	for cur := p; cur != nil; cur = cur.Parent {
		if cur == section {
			return true
		}
	}
	return false
}

// maxSectionNav caps the sibling list in the sidebar: a section of
// thousands of pages would otherwise repeat them on every page.
const maxSectionNav = 60

// bodyFunc gives a page's body, nil when it has none: rendered, or its
// outline (Renderer.viewKey).
type bodyFunc func(*site.Page) (*markdown.Rendered, error)

// frame is what p's template is given but what comes from bodies
// (fillBodies).
func (r *Renderer) frame(p *site.Page) (*View, error) {
	s := r.site
	v := r.baseView(p, r.layoutFor(p))
	if !p.Reviewed.IsZero() {
		v.Reviewed = fmt.Sprintf("%d %s %d", p.Reviewed.Day(), p.Reviewed.Month(), p.Reviewed.Year())
		v.ReviewedISO = p.Reviewed.Format("2006-01-02")
		v.Stale = p.Stale
	}
	v.setDates(p)
	if p == s.Home {
		v.Changes = r.recentChanges(p, HomeChanges)
	}
	for cur := p.Parent; cur != nil; cur = cur.Parent {
		v.Breadcrumbs = append([]Link{r.link(p, cur)}, v.Breadcrumbs...)
	}
	if len(v.Breadcrumbs) > 0 {
		v.Breadcrumbs[0] = homeCrumb(v.Breadcrumbs[0].Href)
	}
	if p.Parent != nil && p.Parent != s.Home {
		v.SectionHref = s.Href(p, p.Parent, "")
		v.SectionTitle = p.Parent.Title
		if len(p.Parent.Children) <= maxSectionNav {
			for _, c := range p.Parent.Children {
				current := ""
				if c == p {
					current = "page"
				}
				v.SectionNav = append(v.SectionNav, makeLink(c.Title, s.Href(p, c, ""), string(c.Kind), c.Summary, current))
			}
		}
	}
	v.Prev, v.Next = r.linkPtr(p, p.Prev), r.linkPtr(p, p.Next)
	v.Backlinks = r.links(p, p.Backlinks)
	v.Related = r.links(p, p.RelatedTo)
	for _, ref := range p.ReachedFrom {
		v.ReachedFrom = append(v.ReachedFrom, r.link(p, ref.Tree))
	}
	for _, name := range p.Roles {
		if role := s.Role(name); role != nil {
			v.Roles = append(v.Roles, r.link(p, role))
		}
	}
	v.Tags = r.tagLinks(p)
	if p.IsSection {
		v.PrintSectionHref = r.printSectionHref(p)
		for _, c := range p.Children {
			if p == r.site.Home && slices.Contains(c.Backlinks, p) {
				// The home page's text already leads there: listing it
				// again below would show the reader the sections twice.
				v.LinkedAbove++
				continue
			}
			v.Children = append(v.Children, Child{Link: r.link(p, c), IsSection: c.IsSection})
		}
	}
	switch {
	case p.Kind == page.KindRole && !p.IsSection, p.Kind == page.KindArea && !p.IsSection:
		v.MemberGroups = r.groups(p, p.Members)
	case p.Kind == page.KindGlossary && !p.IsSection:
		v.Terms = r.terms(p)
	}
	if p.Motion != nil {
		v.Motion = r.motion(p)
	}
	if p.Tree != nil {
		tv, err := r.treeView(p)
		if err != nil {
			return nil, err
		}
		v.Tree = tv
	}
	return v, nil
}

// fillBodies adds to p's frame v what comes from the bodies it shows,
// taken from body. shows, when not nil, receives the other pages whose
// bodies it holds.
func (r *Renderer) fillBodies(v *View, p *site.Page, shows *[]*site.Page, body bodyFunc) error {
	b, err := body(p)
	if err != nil {
		return err
	}
	r.body(p, b, v)
	if v.Layout == "scenarios" {
		if err := r.scenarioMatrix(p, b, v, shows, body); err != nil {
			return err
		}
	}
	v.JSONLD = r.jsonLD(p, b)
	return nil
}

// link is the link from page from to page to.
func (r *Renderer) link(from, to *site.Page) Link {
	l := makeLink(to.Title, r.site.Href(from, to, ""), string(to.Kind), to.Summary, "")
	switch {
	case to == r.site.Home:
		l.KindLabel = "Home page"
	case to.IsSection:
		l.KindLabel = "Section" // /scenarios/ lists scenarios; it is not one
	}
	return l
}

// homeCrumb is the first breadcrumb: "Home" is shorter than a site's
// title and keeps the trail on one line on a phone.
func homeCrumb(href string) Link {
	return makeLink("Home", href, "home", "", "")
}

// makeLink builds a Link with its <a> element; current is the element's
// aria-current value, "" for none.
func makeLink(title, href, kind, summary, current string) Link {
	var a strings.Builder
	a.WriteString(`<a href="`)
	a.WriteString(html.EscapeString(normalizeURL(href)))
	a.WriteByte('"')
	if current != "" {
		a.WriteString(` aria-current="` + current + `"`)
	}
	a.WriteByte('>')
	a.WriteString(html.EscapeString(title))
	a.WriteString("</a>")
	return Link{Title: title, Href: href, Kind: kind, Summary: summary, Current: current != "", KindLabel: KindLabel(kind), HTML: template.HTML(a.String())}
}

// normalizeURL percent-encodes what html/template would in an href, so a
// prepared link reads as one the template wrote.
func normalizeURL(u string) string {
	keep := func(c byte) bool {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&*+,/:;=?@[]%-._~", c) >= 0
	}
	i := 0
	for i < len(u) && keep(u[i]) {
		i++
	}
	if i == len(u) {
		return u
	}
	var b strings.Builder
	b.WriteString(u[:i])
	for ; i < len(u); i++ {
		if c := u[i]; keep(c) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02x", c)
		}
	}
	return b.String()
}

func (r *Renderer) linkPtr(from, to *site.Page) *Link {
	if to == nil {
		return nil
	}
	l := r.link(from, to)
	return &l
}

func (r *Renderer) links(from *site.Page, to []*site.Page) []Link {
	var out []Link
	for _, t := range to {
		out = append(out, r.link(from, t))
	}
	return out
}

// groups lists pages by kind, in a fixed order readers learn.
func (r *Renderer) groups(from *site.Page, pages []*site.Page) []Group {
	order := []page.Kind{page.KindMotion, page.KindScenario, page.KindFAQ, page.KindTree, page.KindArea, page.KindRole, page.KindPage, page.KindGlossary}
	var out []Group
	for _, k := range order {
		var g Group
		g.Label = KindLabel(string(k))
		for _, p := range pages {
			if p.Kind == k {
				g.Links = append(g.Links, r.link(from, p))
			}
		}
		if len(g.Links) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// body lays out the rendered markdown as the intro and `##` sections.
func (r *Renderer) body(p *site.Page, b *markdown.Rendered, v *View) {
	if b == nil {
		return
	}
	for _, sec := range b.Sections {
		if sec.Level == 0 {
			v.Intro = template.HTML(sec.HTML)
			continue
		}
		link := makeLink(sec.Title, "#"+sec.ID, "", "", "").HTML
		v.Sections = append(v.Sections, Section{ID: sec.ID, Title: sec.Title, HeadingHTML: template.HTML(sec.HeadingHTML), Body: template.HTML(sec.HTML), Permalink: "#" + sec.ID, Link: link})
		v.TOC = append(v.TOC, TOCItem{ID: sec.ID, Title: sec.Title, Level: 2, Link: link})
		for _, h := range sec.Sub {
			if h.Level == 3 {
				v.TOC = append(v.TOC, TOCItem{ID: h.ID, Title: h.Title, Level: 3, Link: makeLink(h.Title, "#"+h.ID, "", "", "").HTML})
			}
		}
	}
	if p.Scenario != nil {
		sv := &ScenarioView{Number: p.Scenario.Number, Situation: p.Scenario.Situation}
		parts := []*Section{&sv.SellerActions, &sv.SellerMindset, &sv.PartnerRole}
		for _, sec := range v.Sections {
			matched := false
			for i, id := range p.Scenario.Parts {
				if sec.ID == id {
					*parts[i] = sec
					matched = true
				}
			}
			if !matched {
				sv.Other = append(sv.Other, sec)
			}
		}
		v.Scenario = sv
	}
}

func (r *Renderer) motion(p *site.Page) *MotionView {
	m := p.Motion
	mv := &MotionView{Program: m.Program, Outcomes: m.Outcomes, Wave: m.Wave, Partners: m.Partners}
	mv.SolutionArea = Link{Title: m.SolutionArea}
	for _, a := range r.site.Areas {
		if a.Title == m.SolutionArea {
			mv.SolutionArea.Href = r.site.Href(p, a, "")
		}
	}
	return mv
}

// scenarioMatrix puts the three parts of every scenario side by side on
// their section page p (own, p's body), each glossary term marked only at
// its first use on p.
func (r *Renderer) scenarioMatrix(p *site.Page, own *markdown.Rendered, v *View, shows *[]*site.Page, body bodyFunc) error {
	type row struct {
		ScenarioRow
		root  string
		parts [3]*markdown.RenderedSection
	}
	var rows []row
	for _, c := range p.Children {
		if c.Scenario == nil {
			continue
		}
		rw := row{ScenarioRow: ScenarioRow{Link: r.link(p, c), Number: c.Scenario.Number, Situation: c.Scenario.Situation}, root: c.Root}
		b, err := body(c)
		if err != nil {
			return err
		}
		if shows != nil {
			*shows = append(*shows, c)
		}
		for j := range b.Sections {
			sec := &b.Sections[j]
			for i, id := range c.Scenario.Parts {
				if sec.Level > 0 && sec.ID == id {
					rw.parts[i] = sec
				}
			}
		}
		rows = append(rows, rw)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Number < rows[j].Number })
	seen := map[string]bool{}
	if own != nil {
		for i := range own.Sections {
			termsMarked(seen, &own.Sections[i])
		}
	}
	for _, rw := range rows {
		cells := []*template.HTML{&rw.SellerActions, &rw.SellerMindset, &rw.PartnerRole}
		for i, sec := range rw.parts {
			if sec != nil {
				*cells[i] = template.HTML(shownElsewhere(seen, sec, rw.root, p.Root, html.EscapeString(rw.Href)))
			}
		}
		v.Scenarios = append(v.Scenarios, rw.ScenarioRow)
	}
	return nil
}

func (r *Renderer) terms(p *site.Page) []TermView {
	var out []TermView
	for _, t := range r.site.Terms {
		tv := TermView{Term: t.Term.Term, Anchor: t.Anchor, Expansion: t.Expansion}
		tv.Definition, _ = r.snippet(p, "definition:"+t.Term.Term)
		tv.UsedBy = r.links(p, t.UsedBy)
		out = append(out, tv)
	}
	return out
}

// snippet renders a front-matter snippet of p ("" when there is none).
func (r *Renderer) snippet(p *site.Page, key string) (template.HTML, error) {
	doc := p.Snippet(key)
	if doc == nil {
		return "", nil
	}
	html, err := r.md.RenderAll(doc)
	return template.HTML(html), err
}

// partials memoizes View.Shared across the pages of one render.
type partials struct {
	theme *theme.Theme
	cache sync.Map // cache key -> template.HTML
}

// pageInfo is what templates read of p itself.
func pageInfo(p *site.Page) PageInfo {
	info := PageInfo{Title: p.Title, Summary: p.Summary, Kind: p.Kind, URL: p.URL, Rel: p.Rel, IsSection: p.IsSection,
		Generated: p.Generated, Tags: p.Tags, Roles: p.Roles, ChangeNote: p.ChangeNote, Owner: p.Owner}
	if p.Area != nil {
		area := *p.Area
		info.Area = &area
	}
	return info
}

// Shared renders a partial whose output depends only on the page's depth
// and place in the navigation (the header, the asset links), once per
// distinct value across the whole site instead of once per page:
// {{.Shared "partials/header.html"}}. Executing template actions is the
// largest cost of a build, and these partials are most of a page's actions.
func (v *View) Shared(name string) (template.HTML, error) {
	current := -1
	for i, n := range v.Nav {
		if n.Current {
			current = i
		}
	}
	key := name + "\x00" + v.Root + "\x00" + v.Layout + "\x00" + strconv.Itoa(current)
	if html, ok := v.shared.cache.Load(key); ok {
		return html.(template.HTML), nil
	}
	out, d := v.shared.theme.ExecutePartial(name, v)
	if d != nil {
		return "", errors.New(d.String())
	}
	html := template.HTML(out)
	v.shared.cache.Store(key, html)
	return html, nil
}
