package render

import (
	"strings"

	"github.com/fieldguide/fieldguide/internal/markdown"
)

// termsMarked adds the anchors of a section's marked terms to seen.
func termsMarked(seen map[string]bool, sec *markdown.RenderedSection) {
	for _, m := range sec.Terms {
		seen[m.Anchor] = true
	}
}

// shownElsewhere is a section rendered for one page (root fromRoot) as
// another page (root toRoot) shows it, as in the scenarios matrix: its
// relative addresses moved to the other page's root, and each glossary
// term marked only where it is the first on the page (seen holds the terms
// marked before; later uses become plain text). The markdown stage says
// where every mark and address is, so nothing searches the HTML. A link to
// an anchor of its own page ("#step-2") gets that page's address, pageHref
// (HTML-escaped), in front: the anchor is not on the other page.
func shownElsewhere(seen map[string]bool, sec *markdown.RenderedSection, fromRoot, toRoot, pageHref string) string {
	html := sec.HTML
	var b strings.Builder
	b.Grow(len(html))
	at := 0
	marks := sec.Terms
	unmark := func(upTo int) {
		for len(marks) > 0 && marks[0].Start <= upTo {
			m := marks[0]
			marks = marks[1:]
			if !seen[m.Anchor] {
				seen[m.Anchor] = true
				continue
			}
			b.WriteString(html[at:m.Start])
			b.WriteString(m.Plain)
			at = m.End
		}
	}
	for _, h := range sec.Hrefs {
		unmark(h.Start)
		if h.Start < at {
			continue // inside a mark made plain
		}
		if strings.HasPrefix(html[h.Start:h.End], "#") {
			b.WriteString(html[at:h.Start])
			b.WriteString(pageHref)
			at = h.Start
		} else if fromRoot != toRoot && strings.HasPrefix(html[h.Start:h.End], fromRoot) {
			b.WriteString(html[at:h.Start])
			b.WriteString(toRoot)
			at = h.Start + len(fromRoot)
		}
	}
	unmark(len(html))
	if at == 0 {
		return html
	}
	b.WriteString(html[at:])
	return b.String()
}
