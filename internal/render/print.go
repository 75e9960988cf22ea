package render

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/site"
)

// The whole guide, or one section, as one document, for the browser's
// Save as PDF.

const (
	// PrintURL is the whole guide as one document.
	PrintURL = "print/"
	// maxPrintPages bounds the print document: each page is rendered again
	// into it, and a document of thousands of pages helps no one on paper.
	maxPrintPages = 400
	// maxSectionPrintPages bounds the pages of all section documents
	// together: each is rendered again, and on a large site that work must
	// stay a small part of the build (200 pages: about 2% of a 10,000-page
	// build).
	maxSectionPrintPages = 200
)

// PrintView is the print document: a contents list and each page once.
type PrintView struct {
	Parts []PrintPart
	// Section is the title of the section printed; empty for the whole guide.
	Section string
	// TooMany is the page count of a site too large for one document.
	TooMany int
}

// PrintPart is one page of the guide inside the print document.
type PrintPart struct {
	ID, Title string
	Depth     int           // 0 for the home page, 1 for top-level sections...
	HTML      template.HTML // the page's article, its links and ids rewritten
	Key       uint64        // in place of HTML in a keyed view (printDocument)
}

// printOrder lists the pages in navigation order: top and its pages,
// each section followed by its pages, depth first. For the whole guide
// (top is the home page) pages no section lists come last.
func printOrder(s *site.Site, top *site.Page) (order []*site.Page, depth map[*site.Page]int) {
	depth = map[*site.Page]int{}
	var walk func(p *site.Page, d int)
	walk = func(p *site.Page, d int) {
		if _, seen := depth[p]; seen {
			return
		}
		depth[p] = d
		order = append(order, p)
		for _, c := range p.Children {
			walk(c, d+1)
		}
	}
	walk(top, 0)
	if top != s.Home {
		return order, depth
	}
	for _, p := range s.Pages {
		if s.Page(p.URL) == p {
			walk(p, 1)
		}
	}
	return order, depth
}

// printSectionFiles are print/SECTION/ for the sections printSections picks.
func printSectionFiles(s *site.Site) []ExtraFile {
	var files []ExtraFile
	for _, p := range printSections(s) {
		files = append(files, ExtraFile{Path: OutPath(printURLOf(s, p)), What: "print page of the section " + strconv.Quote(p.Title),
			view: func(r *Renderer, keyed bool) *View { return r.printDocument(p, keyed) }, keyedPartial: true})
	}
	return files
}

// printSections are the sections that get a print document: those with
// pages, in the site's order, while their pages total at most
// maxSectionPrintPages (a large site gets them for its first small
// sections only).
func printSections(s *site.Site) []*site.Page {
	var out []*site.Page
	budget := maxSectionPrintPages
	for _, p := range s.Pages {
		if !p.IsSection || p == s.Home || len(p.Children) == 0 || s.Page(p.URL) != p {
			continue
		}
		if n := printSize(p, budget); n <= budget {
			out = append(out, p)
			budget -= n
		}
	}
	return out
}

// printSize counts p and the pages under it, up to limit+1.
func printSize(p *site.Page, limit int) int {
	n := 1
	for _, c := range p.Children {
		if n > limit {
			break
		}
		n += printSize(c, limit-n)
	}
	return n
}

// printURLOf is the address of p's print document: print/ for the home
// page, print/SECTION/ for a section.
func printURLOf(s *site.Site, p *site.Page) string {
	if p == s.Home {
		return PrintURL
	}
	return PrintURL + p.URL
}

// printSectionHref links section page p to its print document; empty for
// sections without one (see printSections).
func (r *Renderer) printSectionHref(p *site.Page) string {
	s := r.site
	if !p.IsSection || !slices.Contains(r.sectionPrints(), p) {
		return ""
	}
	return p.Root + output.EscapePath(printURLOf(s, p)) + indexFile(s.Config.Offline)
}

// printDocument is the view of top's print document: the whole guide for
// the home page, else top's section. Keyed, each part holds the key of
// its page's view (Renderer.viewHash) in place of its HTML.
func (r *Renderer) printDocument(top *site.Page, keyed bool) *View {
	s := r.site
	docURL := printURLOf(s, top)
	title, what := "The whole guide", "Every page of "+s.Config.Title
	if top != s.Home {
		title, what = top.Title, "The pages of "+top.Title+", a section of "+s.Config.Title+","
	}
	v, vp := r.virtualPage(docURL, title, "print")
	v.Description = what + " in one document, for printing."
	order, depth := printOrder(s, top)
	pv := &PrintView{}
	if top != s.Home {
		pv.Section = top.Title
	}
	if len(order) > maxPrintPages {
		pv.TooMany = len(order)
	} else {
		ids := make(map[*site.Page]string, len(order))
		taken := map[string]bool{}
		for _, p := range order {
			id := "page-" + strings.ReplaceAll(strings.Trim(p.URL, "/"), "/", "-")
			if p == s.Home {
				id = "page-home"
			}
			for n := 2; taken[id]; n++ {
				id = strings.TrimSuffix(id, "-"+strconv.Itoa(n-1)) + "-" + strconv.Itoa(n)
			}
			taken[id] = true
			ids[p] = id
		}
		doc := printDoc{r: r, ids: ids, root: vp.Root}
		for _, p := range order {
			part := PrintPart{ID: ids[p], Title: p.Title, Depth: depth[p]}
			if keyed {
				h, err := r.viewHash(p)
				if err != nil {
					continue // reported when the page itself is rendered
				}
				part.Key = h
			} else {
				out, d := r.pageInto(new(bytes.Buffer), p)
				if d != nil || out == nil {
					continue // reported when the page itself is rendered
				}
				part.HTML = template.HTML(doc.printable(p, article(out)))
			}
			pv.Parts = append(pv.Parts, part)
		}
	}
	v.Print = pv
	return v
}

// printDoc is one print document being written: the ids of the pages it
// holds, and the way from its address to the site's root.
type printDoc struct {
	r    *Renderer
	ids  map[*site.Page]string
	root string // "../" for print/, "../../" for print/faq/
}

// article cuts a rendered page down to its <article> element, or its
// <main> element's content when the layout has none.
func article(page []byte) []byte {
	if start := bytes.Index(page, []byte("<article")); start >= 0 {
		if end := bytes.LastIndex(page, []byte("</article>")); end > start {
			return page[start : end+len("</article>")]
		}
	}
	start := bytes.Index(page, []byte("<main"))
	end := bytes.LastIndex(page, []byte("</main>"))
	if start < 0 || end < start {
		return nil
	}
	if gt := bytes.IndexByte(page[start:], '>'); gt >= 0 {
		return page[start+gt+1 : end]
	}
	return nil
}

// printable rewrites one page's HTML for the print document: its ids get
// the page's id as a prefix (pages share heading names); links to a page in
// the document become links to its place in it; other relative links are
// made relative to the document.
func (doc printDoc) printable(p *site.Page, page []byte) string {
	own := doc.ids[p]
	return rewriteAttrs(page, func(name, value string) string {
		switch name {
		case "href", "src":
			return doc.printLink(p, value, own)
		}
		fields := strings.Fields(value)
		for i, f := range fields {
			fields[i] = own + "--" + f
		}
		return strings.Join(fields, " ")
	})
}

// rewrittenAttrs are the attributes printable rewrites: those that hold
// an address or name an id.
var rewrittenAttrs = map[string]bool{"href": true, "src": true, "id": true, "for": true,
	"aria-labelledby": true, "aria-describedby": true, "aria-controls": true}

// rewriteAttrs replaces the value of every rewrittenAttrs attribute in
// page by rewrite(name, unescaped value), escaped again. It reads
// fieldguide's own HTML, where every attribute value is double-quoted and
// escaped, so a value never holds a quote and text never holds ="; a
// scan for them is several times faster than a regular expression.
func rewriteAttrs(page []byte, rewrite func(name, value string) string) string {
	var out strings.Builder
	out.Grow(len(page) + len(page)/8)
	done := 0
	for at := 0; ; {
		eq := bytes.Index(page[at:], []byte(`="`))
		if eq < 0 {
			break
		}
		eq += at
		end := bytes.IndexByte(page[eq+2:], '"')
		if end < 0 {
			break
		}
		end += eq + 2
		start := eq
		for start > 0 && (page[start-1] >= 'a' && page[start-1] <= 'z' || page[start-1] == '-') {
			start--
		}
		if start > 0 && isHTMLSpace(page[start-1]) && rewrittenAttrs[string(page[start:eq])] {
			out.Write(page[done:eq])
			out.WriteString(`="`)
			out.WriteString(html.EscapeString(rewrite(string(page[start:eq]), html.UnescapeString(string(page[eq+2:end])))))
			out.WriteByte('"')
			done = end + 1
		}
		at = end + 1
	}
	out.Write(page[done:])
	return out.String()
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func (doc printDoc) printLink(from *site.Page, href, own string) string {
	if strings.HasPrefix(href, "#") {
		if href == "#" || href == "#main" {
			return "#" + own
		}
		return "#" + own + "--" + href[1:]
	}
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
		return href // absolute: the same from anywhere
	}
	target := strings.TrimPrefix(path.Join("/"+from.URL, u.Path), "/")
	if u.Path == "" || strings.HasSuffix(u.Path, "/") || path.Base(u.Path) == "index.html" {
		key := strings.TrimSuffix(strings.TrimSuffix(target, "index.html"), "/")
		if key != "" {
			key += "/"
		}
		if id, ok := doc.ids[doc.r.site.Page(key)]; ok {
			if u.Fragment != "" {
				return "#" + id + "--" + u.Fragment
			}
			return "#" + id
		}
	}
	// A file, or a page not in the document: relative to the document.
	rel := doc.root + output.EscapePath(target)
	if strings.HasSuffix(u.Path, "/") && !strings.HasSuffix(rel, "/") {
		rel += "/"
	}
	if u.Fragment != "" {
		rel += "#" + u.Fragment
	}
	return rel
}
