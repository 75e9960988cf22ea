package build

import (
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestPrintPage: print/ holds every page of the site once, in navigation
// order, and links between pages became links within the document, to
// ids it has.
func TestPrintPage(t *testing.T) {
	public := mustBuild(t, smallSite+`-- content/trees/pick.md --
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
`)
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
