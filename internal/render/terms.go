package render

import (
	"html/template"
	"regexp"
	"strings"
)

// markedTerm is a glossary term as the markdown renderer marks it:
// <a class="fg-term" href="...#anchor"><abbr title="...">Written</abbr></a>.
var markedTerm = regexp.MustCompile(`<a class="fg-term" href="[^"]*#([^"]+)"><abbr title="[^"]*">([^<]*)</abbr></a>`)

// termsMarked adds the anchors of the terms marked in html to seen.
func termsMarked(seen map[string]bool, html template.HTML) {
	for _, m := range markedTerm.FindAllStringSubmatch(string(html), -1) {
		seen[m[1]] = true
	}
}

// unmarkRepeatedTerms keeps a term's mark only where it is the first on the
// page: a page assembled from several bodies (the scenarios matrix) would
// otherwise mark each term once per body. Later uses become plain text.
func unmarkRepeatedTerms(seen map[string]bool, html template.HTML) template.HTML {
	if !strings.Contains(string(html), `class="fg-term"`) {
		return html
	}
	return template.HTML(markedTerm.ReplaceAllStringFunc(string(html), func(s string) string {
		m := markedTerm.FindStringSubmatch(s)
		if seen[m[1]] {
			return m[2]
		}
		seen[m[1]] = true
		return s
	}))
}
