package render

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"encoding/xml"
	"hash/maphash"
	"html/template"
	"strings"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/parallel"
	"github.com/fieldguide/fieldguide/internal/site"
)

// Structured data types; structs marshal faster than maps and keep keys
// in a fixed order.
type (
	breadcrumbList struct {
		Context string     `json:"@context"`
		Type    string     `json:"@type"`
		Items   []listItem `json:"itemListElement"`
	}
	listItem struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		Name     string `json:"name"`
		Item     string `json:"item,omitempty"`
	}
	faqPage struct {
		Context string        `json:"@context"`
		Type    string        `json:"@type"`
		Entity  []faqQuestion `json:"mainEntity"`
	}
	faqQuestion struct {
		Type   string    `json:"@type"`
		Name   string    `json:"name"`
		URL    string    `json:"url,omitempty"`
		Answer faqAnswer `json:"acceptedAnswer"`
	}
	faqAnswer struct {
		Type string `json:"@type"`
		Text string `json:"text"`
	}
)

// jsonLD is the page's structured data: breadcrumbs everywhere but home,
// and FAQPage on FAQ topics (one entry per question). encoding/json escapes
// <, > and &, so the result is safe inside a script element.
func (r *Renderer) jsonLD(p *site.Page, body *markdown.Rendered) []template.JS {
	var objects []any
	base := r.site.Config.BaseURL
	if p != r.site.Home {
		list := breadcrumbList{Context: "https://schema.org", Type: "BreadcrumbList"}
		for i, c := range append(ancestors(p), p) {
			item := listItem{Type: "ListItem", Position: i + 1, Name: c.Title}
			if base != "" {
				item.Item = base + output.EscapePath(c.URL)
			}
			list.Items = append(list.Items, item)
		}
		objects = append(objects, list)
	}
	if p.Kind == page.KindFAQ && !p.IsSection && body != nil {
		faq := faqPage{Context: "https://schema.org", Type: "FAQPage"}
		for _, sec := range body.Sections {
			if sec.Level == 0 {
				continue
			}
			q := faqQuestion{Type: "Question", Name: sec.Title, Answer: faqAnswer{Type: "Answer", Text: sec.Text}}
			if base != "" {
				q.URL = base + output.EscapePath(p.URL) + "#" + sec.ID
			}
			faq.Entity = append(faq.Entity, q)
		}
		objects = append(objects, faq)
	}
	out := make([]template.JS, 0, len(objects))
	for _, o := range objects {
		data, err := json.Marshal(o)
		if err == nil {
			out = append(out, template.JS(data))
		}
	}
	return out
}

func ancestors(p *site.Page) []*site.Page {
	var out []*site.Page
	for cur := p.Parent; cur != nil; cur = cur.Parent {
		out = append([]*site.Page{cur}, out...)
	}
	return out
}

// virtualPage is a page the site does not have a source for (404, search).
func (r *Renderer) virtualPage(url, title, layout string) (*View, *site.Page) {
	cp := &page.Page{Source: "layouts/" + layout + ".html", Rel: url + "index.md", Title: title, Kind: page.KindPage}
	p := &site.Page{Page: cp, URL: url, Root: strings.Repeat("../", strings.Count(url, "/")), Parent: r.site.Home, Generated: true}
	v := r.baseView(p, layout)
	v.Breadcrumbs = []Link{homeCrumb(r.site.Href(p, r.site.Home, ""))}
	return v, p
}

// ExtraFile is one site-wide file the renderer writes: the list output
// checks use (build's collision check), so it stays the one list of them.
type ExtraFile struct {
	Path string
	What string // for messages, after "fieldguide's": "search page"
	// Replaceable says a file in static/ may take its place on purpose.
	Replaceable bool
	// A page is made from its view by its layout; with keyed set, view may
	// leave out what is costly to make and put a key in its place, as
	// Renderer.viewKey does for bodies. Other files are made by make.
	view func(r *Renderer, keyed bool) *View
	// keyedPartial says view(r, true) leaves parts out: it is hashed, and
	// the view to render is made again. Other keyed views are complete.
	keyedPartial bool
	make         func(r *Renderer) []byte
}

// NotFoundPath is the not-found page, which static hosts serve for any
// address they do not have.
const NotFoundPath = "404.html"

// ExtraFiles lists the site-wide files a site with this configuration gets.
func ExtraFiles(cfg *config.Config) []ExtraFile {
	files := []ExtraFile{
		{Path: NotFoundPath, What: "page-not-found page", view: func(r *Renderer, _ bool) *View { return r.notFound() }},
		{Path: "search/index.html", What: "search page", view: func(r *Renderer, _ bool) *View { v, _ := r.virtualPage("search/", "Search", "search"); return v }},
		{Path: OutPath(WhatsNewURL), What: "what's-new page", view: func(r *Renderer, _ bool) *View { return r.whatsNew() }},
		{Path: ChangesPath, What: "dates of changes (for marks of what is new since a reader's last visit)", make: (*Renderer).changesScript},
		{Path: OutPath(PrintURL), What: "print page", view: func(r *Renderer, keyed bool) *View { return r.printDocument(r.site.Home, keyed) }, keyedPartial: true},
		{Path: "robots.txt", What: "robots.txt", Replaceable: true, make: (*Renderer).robots},
	}
	if cfg.BaseURL != "" {
		files = append(files, ExtraFile{Path: "sitemap.xml", What: "sitemap", make: (*Renderer).sitemap})
		files = append(files, ExtraFile{Path: FeedPath, What: "Atom feed of changes", make: (*Renderer).feed})
	}
	if cfg.OfflineReading {
		// At the site's root, so it may keep every page of the site.
		files = append(files, ExtraFile{Path: "sw.js", What: "offline-reading service worker", make: func(*Renderer) []byte { return serviceWorker }})
	}
	return files
}

// Extras writes the files that do not come from content pages: SiteFiles
// and the alias redirects.
func (r *Renderer) Extras(emit Emit, diags *diag.List) {
	r.ExtrasIf(maphash.Seed{}, nil, emit, diags)
}

// SelectExtra says whether to make the site-wide page at path, whose
// view hashes to view. It is called on every core at once.
type SelectExtra func(path string, view uint64) bool

// ExtrasIf is Extras making only the pages among SiteFiles that sel
// selects by their views, hashed with seed (every other file is made): a
// preview makes those whose views changed.
func (r *Renderer) ExtrasIf(seed maphash.Seed, sel SelectExtra, emit Emit, diags *diag.List) {
	cfg := r.site.Config
	r.seed = seed // for the pages' views in keyed print documents
	write := func(path string, data []byte) {
		if err := emit(path, data); err != nil {
			diags.Errorf(path, diag.Pos{}, "check the output folder", "cannot write output: %v", err)
		}
	}
	// On every core: a site may have thousands of tag pages.
	files := SiteFiles(r.site)
	made := make([][]byte, len(files))
	lists := make([]diag.List, len(files))
	parallel.For(len(files), func(i int) { made[i] = r.extra(files[i], seed, sel, &lists[i]) })
	for i, f := range files {
		diags.Merge(&lists[i])
		if made[i] != nil {
			write(f.Path, made[i])
		}
	}
	for _, a := range r.site.Aliases {
		from := &site.Page{URL: a.URL, Root: strings.Repeat("../", strings.Count(a.URL, "/"))}
		href := from.Root + output.EscapePath(a.Target.URL) + indexFile(cfg.Offline)
		write(OutPath(a.URL), aliasPage(href, a.Target.Title))
	}
}

// extra makes f, or returns nil when sel does not select it or its layout
// failed (reported in diags).
func (r *Renderer) extra(f ExtraFile, seed maphash.Seed, sel SelectExtra, diags *diag.List) []byte {
	if f.view == nil {
		return f.make(r)
	}
	v := f.view(r, sel != nil)
	if sel != nil {
		if !sel(f.Path, v.Hash(seed)) {
			return nil
		}
		if f.keyedPartial {
			v = f.view(r, false)
		}
	}
	out, d := r.theme.Execute(v.Layout+".html", v)
	if d != nil {
		diags.Add(*d)
		return nil
	}
	return out
}

// notFound is the view of 404.html, which hosts serve at any depth. With
// a base URL its links are absolute, so its assets and links work there.
// Without one they are relative to the site's root, and the page says in
// words how to reach the home page.
func (r *Renderer) notFound() *View {
	return r.notFoundAt(r.site.Config.BaseURL)
}

// NotFoundPage is the not-found page with every link absolute from root
// ("/": a preview's, which serves it at any depth), or nil when its
// layout fails (reported when 404.html is made).
func (r *Renderer) NotFoundPage(root string) []byte {
	out, _ := r.theme.Execute("404.html", r.notFoundAt(root))
	return out
}

// notFoundAt is the not-found page's view, its links absolute from root,
// or relative to the site's root when root is "".
func (r *Renderer) notFoundAt(root string) *View {
	v, p := r.virtualPage("", "Page not found", "404")
	if root != "" {
		v.Root = root
		v.Site.HomeHref = root
		v.Site.SearchHref = root + "search/"
		v.Site.WhatsNewHref, v.Site.PrintHref = root+WhatsNewURL, root+PrintURL
		if v.Site.GlossaryHref != "" {
			v.Site.GlossaryHref = root + strings.TrimPrefix(v.Site.GlossaryHref, p.Root)
		}
		v.Breadcrumbs[0] = homeCrumb(root)
		for i, n := range v.Nav {
			v.Nav[i] = makeLink(n.Title, root+strings.TrimPrefix(n.Href, p.Root), n.Kind, n.Summary, "")
		}
	}
	return v
}

func (r *Renderer) robots() []byte {
	robots := "User-agent: *\nAllow: /\n"
	if base := r.site.Config.BaseURL; base != "" {
		robots += "Sitemap: " + base + "sitemap.xml\n"
	}
	return []byte(robots)
}

//go:embed sw.js
var serviceWorker []byte

var aliasTemplate = template.Must(template.New("alias").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<meta name="robots" content="noindex"><link rel="canonical" href="{{.Href}}">
<meta http-equiv="refresh" content="0; url={{.Href}}"></head>
<body><p>This page has moved to <a href="{{.Href}}">{{.Title}}</a>.</p></body></html>
`))

func aliasPage(href, title string) []byte {
	var b bytes.Buffer
	_ = aliasTemplate.Execute(&b, struct{ Href, Title string }{href, title})
	return b.Bytes()
}

func (r *Renderer) sitemap() []byte {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range r.site.Pages {
		u := url{Loc: r.site.Config.BaseURL + output.EscapePath(p.URL)}
		if !p.Reviewed.IsZero() {
			u.LastMod = p.Reviewed.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	out, _ := xml.MarshalIndent(set, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}
