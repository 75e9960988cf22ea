package render

import (
	"strconv"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/site"
)

// SiteFiles are every site-wide file the renderer writes for s:
// ExtraFiles, the tag pages when pages have tags, and print/SECTION/ for
// each section. Output checks claim these paths, so a page or file cannot
// take one.
func SiteFiles(s *site.Site) []ExtraFile {
	return append(append(ExtraFiles(s.Config), tagFiles(s)...), printSectionFiles(s)...)
}

// tagFiles are tags/, listing every tag with its count, and tags/SLUG/
// for each tag, listing its pages.
func tagFiles(s *site.Site) []ExtraFile {
	if len(s.Tags) == 0 {
		return nil
	}
	files := make([]ExtraFile, 0, len(s.Tags)+1)
	files = append(files, ExtraFile{Path: OutPath(site.TagsURL), What: "list of tags", view: func(r *Renderer, _ bool) *View { return r.tagIndex() }})
	for _, t := range s.Tags {
		files = append(files, ExtraFile{Path: OutPath(t.URL), What: "page of the tag " + strconv.Quote(t.Name), view: func(r *Renderer, _ bool) *View { return r.tagPage(t) }})
	}
	return files
}

// tagLinks are the links from p to the pages of its tags.
func (r *Renderer) tagLinks(p *site.Page) []Link {
	if len(p.Tags) == 0 {
		return nil
	}
	links := make([]Link, 0, len(p.Tags))
	for _, name := range p.Tags {
		links = append(links, makeLink(name, p.Root+site.TagURL(name)+indexFile(r.site.Config.Offline), "tag", "", ""))
	}
	return links
}

func (r *Renderer) tagIndex() *View {
	v, _ := r.virtualPage(site.TagsURL, "Tags", "tags")
	v.Page.Summary = "Every tag of the guide's pages, with how many pages have it."
	for _, t := range r.site.Tags {
		v.Children = append(v.Children, Child{Link: makeLink(t.Name, t.Slug+"/"+indexFile(r.site.Config.Offline), "tag", diag.Plural(len(t.Pages), "page"), ""), IsSection: true})
	}
	return v
}

func (r *Renderer) tagPage(t *site.Tag) *View {
	v, p := r.virtualPage(t.URL, "Pages tagged "+t.Name, "tags")
	v.Page.Summary = diag.Plural(len(t.Pages), "page") + " with this tag."
	tags := makeLink("Tags", p.Root+site.TagsURL+indexFile(r.site.Config.Offline), "page", "", "")
	v.Breadcrumbs = append(v.Breadcrumbs, tags)
	for _, page := range t.Pages {
		v.Children = append(v.Children, Child{Link: r.link(p, page)})
	}
	return v
}
