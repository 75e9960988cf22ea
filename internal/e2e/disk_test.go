package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// TestPlainBuildFromDisk: a build made without --offline, opened from
// disk, still reads like the site: searching from the header opens the
// search page, not a folder listing, its results lead to index.html files,
// and a result opens its page.
func TestPlainBuildFromDisk(t *testing.T) {
	t.Parallel()
	base := browsertest.FileURL(t, guide(t, false)+string(filepath.Separator))
	p := browsertest.NewPage(t)
	p.SetViewport(t, 1280, 900, false)
	themeOpen(t, p, base+"faq/tracking/index.html", "faq")
	if n := browsertest.Eval[int](t, p, `[...document.querySelectorAll('a[href]')].filter(a => a.protocol === 'file:' && a.pathname.endsWith('/')).length`); n != 0 {
		t.Errorf("%d links still lead to folders", n)
	}
	p.Type(t, "#fg-search-input", "milestone")
	p.Press(t, kb.Enter)
	p.WaitFor(t, `document.documentElement.dataset.fgLayout === 'search' && document.querySelectorAll('#search-results > li a').length > 0`)
	if !strings.HasSuffix(browsertest.Eval[string](t, p, `location.pathname`), "/search/index.html") {
		t.Errorf("the search opened %s", browsertest.Eval[string](t, p, `location.href`))
	}
	first := browsertest.Eval[string](t, p, `document.querySelector('#search-results > li a').href`)
	if !strings.Contains(first, "/index.html") {
		t.Errorf("a search result leads to %s, not to an index.html", first)
	}
	p.Click(t, "#search-results > li a")
	p.WaitFor(t, `location.href !== '' && !location.pathname.endsWith('/search/index.html') && document.readyState === 'complete'`)
	if browsertest.Eval[string](t, p, `(document.querySelector('main h1') || {}).textContent || ''`) == "" {
		t.Errorf("the result %s did not open a page", browsertest.Eval[string](t, p, `location.href`))
	}
	p.AssertNoConsoleErrors(t)
}
