package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestOfflineReading: with [build] offline_reading, a page the reader has
// opened is still there when the server is gone, a page they never opened
// is not, and while online a published change shows at once (the network
// answers first). The site is served under a sub-path, as a host would.
func TestOfflineReading(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	sitetest.WriteFiles(t, src, map[string]string{
		"site.toml":              "title = \"Offline test\"\n\n[build]\noffline_reading = true\n",
		"content/_index.md":      "+++\ntitle = \"Offline test\"\n+++\nRead [the play](plays/first.md).\n",
		"content/plays/first.md": "+++\ntitle = \"First play\"\n+++\nFirst version of the play.\n",
		"content/plays/other.md": "+++\ntitle = \"Other play\"\n+++\nNever opened.\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: src, Destination: out}); err != nil {
		t.Fatal(err)
	}
	base, srv := browsertest.StartServer(t, out, "/guide/")

	p := browsertest.NewPage(t)
	p.Navigate(t, base)
	p.WaitFor(t, `navigator.serviceWorker.controller !== null`)
	if scope := browsertest.Eval[string](t, p, `navigator.serviceWorker.ready.then(r => r.scope)`); scope != base {
		t.Errorf("service worker scope %q, want the site's root %q", scope, base)
	}
	p.Navigate(t, base+"plays/first/")
	if !strings.Contains(browsertest.Eval[string](t, p, `document.querySelector('main').textContent`), "First version") {
		t.Fatal("the play did not load online")
	}

	// Online, a published change shows at once.
	page := filepath.Join(out, "plays", "first", "index.html")
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte(strings.Replace(string(html), "First version", "Second version", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	p.Navigate(t, base+"plays/first/")
	if !strings.Contains(browsertest.Eval[string](t, p, `document.querySelector('main').textContent`), "Second version") {
		t.Error("online, the reader sees a kept copy instead of the published page")
	}

	// A search made online can be made again offline: its index files are kept.
	searchResults := func() string {
		p.WaitFor(t, `/result|No results|not available/.test(document.getElementById('fg-search-summary').textContent)`)
		return browsertest.Eval[string](t, p, `document.getElementById('fg-search-summary').textContent + ' ' + Array.from(document.querySelectorAll('#search-results > li a'), a => a.getAttribute('href')).join(' ')`)
	}
	p.Navigate(t, base+"search/?q=play")
	online := searchResults()
	if !strings.Contains(online, "plays/first/") {
		t.Fatalf("online search for play: %q", online)
	}

	srv.CloseClientConnections()
	srv.Close()
	p.Navigate(t, base+"search/?q=play")
	if got := searchResults(); got != online {
		t.Errorf("offline, the same search gives %q, online it gave %q", got, online)
	}
	p.Navigate(t, base+"plays/first/?highlight=play")
	if got := browsertest.Eval[string](t, p, `document.querySelector('main') ? document.querySelector('main').textContent : ''`); !strings.Contains(got, "Second version") {
		t.Errorf("offline, the play the reader opened is gone: main = %q", got)
	}
	if !browsertest.Eval[bool](t, p, `getComputedStyle(document.body).fontFamily !== '' && document.styleSheets.length > 0 && [...document.styleSheets].some(s => s.href && s.href.endsWith('fieldguide.css'))`) {
		t.Error("offline, the kept page lost its stylesheet")
	}
	p.Navigate(t, base+"plays/other/")
	if got := browsertest.Eval[string](t, p, `document.title + ': ' + document.body.textContent`); !strings.HasPrefix(got, "Offline: You are offline") {
		t.Errorf("offline, a page never opened should say so; got %q", got)
	}
}

// TestOfflineReadingNotInPreview: the serve preview must always show the
// latest build, so its pages register no service worker.
func TestOfflineReadingNotInPreview(t *testing.T) {
	t.Parallel()
	files := previewSite()
	files["site.toml"] = "title = \"Preview test\"\n\n[build]\noffline_reading = true\n"
	_, url := startPreview(t, files)
	p := openLive(t, url+"guides/other/")
	if !browsertest.Eval[bool](t, p, `document.documentElement.hasAttribute('data-fg-sw')`) {
		t.Fatal("the page does not ask for offline reading; the test proves nothing")
	}
	p.WaitFor(t, `document.readyState === 'complete'`)
	if n := browsertest.Eval[int](t, p, `navigator.serviceWorker.getRegistrations().then(r => r.length)`); n != 0 {
		t.Errorf("the preview registered %d service workers", n)
	}
}
