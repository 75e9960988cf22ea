package pipeline

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pickTree is a decision tree whose outcome links to a page of another section.
const pickTree = `-- content/trees/pick.md --
+++
title = "Pick one"
start = "q1"

[[questions]]
id = "q1"
question = "Is it big?"
[[questions.answers]]
id = "yes"
label = "Yes"
outcome = "big"
[[questions.answers]]
id = "no"
label = "No"
outcome = "small"

[[outcomes]]
id = "big"
title = "Big"
summary = "Go big, see [tracking](../faq/tracking.md#track)."

[[outcomes]]
id = "small"
title = "Small"
+++
Pick.
`

// TestPrintPage: print/ holds every page of the site once, in navigation
// order, and links between pages became links within the document, to
// ids it has.
func TestPrintPage(t *testing.T) {
	public := mustBuild(t, smallSite+pickTree)
	if home := readOut(t, public, "index.html"); !strings.Contains(home, `href="print/"`) {
		t.Error("the home page does not link to print/")
	}
	page := readOut(t, public, "print/index.html")
	start := strings.Index(page, `<div class="fg-print-doc">`)
	end := strings.LastIndex(page, "</main>")
	if start < 0 || end < start {
		t.Fatalf("print/ has no document:\n%s", page)
	}
	doc := page[start:end]

	// Every page once, home first, each section before its pages.
	pageIDs := regexp.MustCompile(`<section class="fg-print-page" id="([^"]+)">`).FindAllStringSubmatch(doc, -1)
	want := []string{"page-home", "page-faq", "page-faq-tracking", "page-glossary", "page-roles", "page-roles-csa", "page-scenarios", "page-scenarios-01-first", "page-trees", "page-trees-pick"}
	got := map[string]int{}
	var order []string
	for _, m := range pageIDs {
		got[m[1]]++
		order = append(order, m[1])
	}
	for _, id := range want {
		if got[id] != 1 {
			t.Errorf("page %s is in print/ %d times, want once (pages: %v)", id, got[id], order)
		}
	}
	if len(order) > 0 && order[0] != "page-home" {
		t.Errorf("print/ starts with %s, want the home page", order[0])
	}
	pos := func(id string) int { return strings.Index(doc, `id="`+id+`"`) }
	if pos("page-scenarios") > pos("page-scenarios-01-first") || pos("page-faq") > pos("page-faq-tracking") {
		t.Error("a section comes after its pages")
	}

	// No link leaves the document for a page it holds, and every link
	// within it has its target.
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(doc, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times in print/", id, n)
		}
	}
	inDoc := map[string]bool{}
	for _, id := range want {
		u := strings.ReplaceAll(strings.TrimPrefix(id, "page-"), "-", "/") + "/"
		inDoc[u] = true
	}
	links := 0
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(doc, -1) {
		href := m[1]
		switch {
		case strings.HasPrefix(href, "#"):
			links++
			if ids[href[1:]] == 0 {
				t.Errorf("link %s has no target in print/", href)
			}
		case strings.Contains(href, "://"):
		default:
			u := strings.TrimPrefix(path.Join("/print/", strings.SplitN(href, "#", 2)[0]), "/")
			u = strings.TrimSuffix(u, "index.html")
			if !strings.HasSuffix(u, "/") {
				u += "/"
			}
			if u == "/" || inDoc[u] || inDoc[strings.ReplaceAll(u, "-", "/")] {
				t.Errorf("print/ links to %s, a page it holds", href)
			}
		}
	}
	if links < len(want) {
		t.Errorf("only %d links within print/; the contents list alone has %d", links, len(want))
	}
	// A link with an anchor to another page lands on that heading.
	if !strings.Contains(doc, `href="#page-faq-tracking--track"`) || ids["page-faq-tracking--track"] != 1 {
		t.Error("the link to tracking#track is not rewritten to the heading's place in print/")
	}
	// Decision trees print in their complete no-JS form.
	if !strings.Contains(doc, "Is it big?") || !strings.Contains(doc, "Go big") {
		t.Error("the decision tree's questions or outcomes are missing from print/")
	}
}

// TestPrintSection: print/SECTION/ holds the section's pages once each, in
// navigation order; links within the section lead within the document,
// links to other pages to those pages, from print/SECTION/; the section's
// page links to it.
func TestPrintSection(t *testing.T) {
	public := mustBuild(t, smallSite+pickTree+`-- content/scenarios/02-second.md --
+++
title = "Second scenario"
number = 2
situation = "A customer renews."
+++
## What the seller does

Renew. See [the first](01-first.md#seller-mindset) and [tracking](../faq/tracking.md#track).

## Seller mindset

Keep.

## What the partner does

Quotes.
`)
	if page := readOut(t, public, "scenarios/index.html"); !strings.Contains(page, `<a href="../print/scenarios/">Print this section</a>`) {
		t.Error("the scenarios section does not link to print/scenarios/")
	}
	if page := readOut(t, public, "scenarios/01-first/index.html"); strings.Contains(page, "Print this section") {
		t.Error("a scenario, not a section, links to a section print")
	}
	for _, tc := range []struct {
		section string
		ids     []string // in order
		inside  []string // hrefs that must stay in the document
		outside []string // hrefs that must leave it, relative to print/SECTION/
		text    []string
	}{
		{"scenarios", []string{"page-scenarios", "page-scenarios-01-first", "page-scenarios-02-second"},
			[]string{"#page-scenarios-01-first--seller-mindset"}, []string{"../../faq/tracking/#track"}, nil},
		{"trees", []string{"page-trees", "page-trees-pick"}, nil, []string{"../../faq/tracking/#track"}, []string{"Is it big?", "Go big", "Small"}},
	} {
		page := readOut(t, public, "print/"+tc.section+"/index.html")
		start, end := strings.Index(page, `<div class="fg-print-doc">`), strings.LastIndex(page, "</main>")
		if start < 0 || end < start {
			t.Fatalf("print/%s/ has no document", tc.section)
		}
		doc := page[start:end]
		var got []string
		for _, m := range regexp.MustCompile(`<section class="fg-print-page" id="([^"]+)">`).FindAllStringSubmatch(doc, -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != strings.Join(tc.ids, " ") {
			t.Errorf("print/%s/ holds %v, want %v", tc.section, got, tc.ids)
		}
		ids := map[string]int{}
		for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(doc, -1) {
			ids[m[1]]++
		}
		for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(doc, -1) {
			href := m[1]
			switch {
			case strings.HasPrefix(href, "#"):
				if ids[href[1:]] != 1 {
					t.Errorf("print/%s/: link %s has no target", tc.section, href)
				}
			case !strings.Contains(href, "://"):
				// Every other link leads to a file of the site.
				file := path.Join("print", tc.section, strings.SplitN(href, "#", 2)[0])
				if strings.HasSuffix(href, "/") || strings.Contains(href, "/#") || !strings.Contains(path.Base(file), ".") {
					file += "/index.html"
				}
				readOut(t, public, file)
				if strings.HasPrefix(file, tc.section+"/") {
					t.Errorf("print/%s/ links to %s, which it holds", tc.section, href)
				}
			}
		}
		for _, want := range append(tc.inside, tc.outside...) {
			if !strings.Contains(doc, `href="`+want+`"`) {
				t.Errorf("print/%s/: no link %s", tc.section, want)
			}
		}
		for _, want := range tc.text {
			if !strings.Contains(doc, want) {
				t.Errorf("print/%s/: missing %q", tc.section, want)
			}
		}
	}
}

// TestPrintSectionBudget: each page printed is rendered again, so section
// documents stop at 200 pages in all, in the site's order; a section past
// that gets neither a document nor a link to one.
func TestPrintSectionBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- site.toml --\ntitle = \"Budget\"\n-- content/_index.md --\n+++\ntitle = \"Home\"\n+++\nHome.\n")
	for _, sec := range []struct {
		name  string
		pages int
	}{{"a", 149}, {"b", 99}, {"c", 39}} {
		fmt.Fprintf(&b, "-- content/%s/_index.md --\n+++\ntitle = %q\n+++\nSection.\n", sec.name, strings.ToUpper(sec.name))
		for i := range sec.pages {
			fmt.Fprintf(&b, "-- content/%s/p%03d.md --\n+++\ntitle = \"Page %d\"\n+++\nText.\n", sec.name, i, i)
		}
	}
	public := mustBuild(t, b.String())
	for _, tc := range []struct {
		section string
		printed bool
	}{{"a", true}, {"b", false}, {"c", true}} {
		_, err := os.Stat(filepath.Join(public, "print", tc.section, "index.html"))
		linked := strings.Contains(readOut(t, public, tc.section+"/index.html"), "Print this section")
		if (err == nil) != tc.printed || linked != tc.printed {
			t.Errorf("section %s: print document %v, link %v; want %v", tc.section, err == nil, linked, tc.printed)
		}
	}
}
