package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestServeSnippetEdit: saving a snippet reloads every page that includes
// it, directly or through another snippet, and serves the new text; a
// mistake in it is shown at the snippet's line.
func TestServeSnippetEdit(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, serveSite)
	sitetest.WriteFiles(t, dir, map[string]string{
		"content/faq/csp.md":           "+++\ntitle = \"CSP\"\n+++\n## Support?\n\n{{< include \"_snippets/support.md\" >}}\n",
		"content/faq/renewal.md":       "+++\ntitle = \"Renewal\"\n+++\n## Support after renewal?\n\n{{< include \"_snippets/outer.md\" >}}\n",
		"content/_snippets/outer.md":   "Before the renewal:\n\n{{< include \"_snippets/support.md\" >}}\n",
		"content/_snippets/support.md": "Unified or Premier Support is not available for CSP purchases.\n",
	})
	s := startServe(t, dir)
	events := s.subscribe()
	if _, body := s.get("/faq/renewal/"); !strings.Contains(body, "not available for CSP purchases") {
		t.Fatal("the nested snippet is not in the page")
	}
	if code, _ := s.get("/_snippets/support/"); code != 404 {
		t.Errorf("a snippet is served as a page: %d", code)
	}

	s.replace("content/_snippets/support.md", "not available", "never available")
	r, _ := waitReload(t, events, "faq/csp/index.html", deadline)
	if !r.All && !slices.Contains(r.Changed, "faq/renewal/index.html") {
		waitReload(t, events, "faq/renewal/index.html", deadline)
	}
	if slices.Contains(r.Changed, "faq/tracking/index.html") {
		t.Errorf("a page without the snippet reloads: %v", r.Changed)
	}
	for _, page := range []string{"/faq/csp/", "/faq/renewal/"} {
		if _, body := s.get(page); !strings.Contains(body, "never available for CSP purchases") {
			t.Errorf("%s does not show the edited snippet", page)
		}
	}

	s.replace("content/_snippets/support.md", "purchases.", "purchases: see [scenario 6](../faq/nope.md).")
	waitEvent(t, events, "errors", deadline)
	if !strings.Contains(s.stderr.String(), "content/_snippets/support.md:1:") || !strings.Contains(s.stderr.String(), "(in text included by content/faq/") {
		t.Errorf("the terminal does not place the error in the snippet:\n%s", s.stderr)
	}
}
