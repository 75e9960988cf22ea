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

// unmarkRepeatedTerms is a section's HTML keeping a term's mark only where
// it is the first on the page: a page assembled from several bodies (the
// scenarios matrix) would otherwise mark each term once per body. Later
// uses become plain text. The markdown stage says where each mark is.
func unmarkRepeatedTerms(seen map[string]bool, sec *markdown.RenderedSection) string {
	if len(sec.Terms) == 0 {
		return sec.HTML
	}
	var b strings.Builder
	b.Grow(len(sec.HTML))
	at := 0
	for _, m := range sec.Terms {
		if !seen[m.Anchor] {
			seen[m.Anchor] = true
			continue
		}
		b.WriteString(sec.HTML[at:m.Start])
		b.WriteString(m.Plain)
		at = m.End
	}
	b.WriteString(sec.HTML[at:])
	return b.String()
}
