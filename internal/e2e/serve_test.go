package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fieldguide/fieldguide/internal/browsertest"
	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/serve"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// previewSite has a long page to scroll, another page, and a theme folder
// for stylesheet changes.
func previewSite() map[string]string {
	var long strings.Builder
	long.WriteString("+++\ntitle = \"Long guide\"\n+++\n")
	for i := 1; i <= 80; i++ {
		fmt.Fprintf(&long, "Paragraph %d original text, long enough to take a line or two of the page when it is rendered.\n\n", i)
	}
	return map[string]string{
		"site.toml":               "title = \"Preview test\"\n",
		"content/_index.md":       "+++\ntitle = \"Preview test\"\n+++\nRead the [long guide](guides/long.md).\n",
		"content/guides/long.md":  long.String(),
		"content/guides/other.md": "+++\ntitle = \"Other guide\"\n+++\nOther text.\n",
	}
}

// startPreview runs `fieldguide serve` on a site made of files and returns
// the site folder and the preview's address.
func startPreview(t *testing.T, files map[string]string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, files)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Config{Build: pipeline.Options{Source: dir}, Ready: func(url string) { ready <- url }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case url := <-ready:
		return dir, url
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(time.Minute):
		t.Fatal("serve did not start")
	}
	return "", ""
}

// liveProbe runs before the page's scripts. It counts the rebuilds the
// reload script's own event stream reports: the server sends a build's
// "reload" before its "built", so once window.fgBuilt counts a build, the
// reload script has acted on it. And it notes a navigation the moment one
// starts (fgNavigating), before the document goes away.
const liveProbe = `window.fgBuilt = 0;
window.EventSource = class extends EventSource {
	constructor(url, opts) {
		super(url, opts);
		this.addEventListener("built", () => { window.fgBuilt++; });
	}
};
navigation.addEventListener("navigate", () => { window.fgNavigating = true; });`

// openLive opens a page and waits until its reload script is connected.
// The page counts finished rebuilds (see liveProbe), so a test can tell
// "the event came and was ignored" from "no event yet".
func openLive(t *testing.T, url string) *browsertest.Page {
	t.Helper()
	p := browsertest.NewPage(t)
	p.SetViewport(t, 1000, 700, false)
	p.AddScriptBeforeLoad(t, liveProbe)
	p.Navigate(t, url)
	p.WaitFor(t, `document.documentElement.getAttribute("data-fg-live") === "connected"`)
	return p
}

// TestPreviewReloadKeepsScroll: editing the open page reloads it with the
// new text at the same scroll position; editing another page does not
// reload it; a stylesheet change is applied without a reload.
func TestPreviewReloadKeepsScroll(t *testing.T) {
	t.Parallel()
	dir, url := startPreview(t, previewSite())
	p := openLive(t, url+"guides/long/")

	y := browsertest.Eval[float64](t, p, `window.scrollTo(0, 1500); window.fgMarker = "before"; window.scrollY`)
	if y < 1400 {
		t.Fatalf("page too short to scroll: %v", y)
	}
	sitetest.Replace(t, dir, "content/guides/long.md", "Paragraph 40 original", "Paragraph 40 edited")
	p.WaitFor(t, `!window.fgMarker && document.readyState === "complete" && document.body.textContent.includes("Paragraph 40 edited")`)
	p.WaitFor(t, `Math.abs(window.scrollY - 1500) < 2`)

	// Another page's edit: the event arrives and this tab stays as it is.
	p.WaitFor(t, `document.documentElement.getAttribute("data-fg-live") === "connected"`)
	browsertest.Eval[chromedp.Void](t, p, `window.fgMarker = "kept"`)
	sitetest.Replace(t, dir, "content/guides/other.md", "Other text.", "Other text, edited.")
	p.WaitFor(t, `window.fgBuilt >= 1`)
	if got := browsertest.Eval[string](t, p, `String(window.fgMarker) + (window.fgNavigating ? ", navigating" : "")`); got != "kept" {
		t.Fatalf("an edit of another page reloaded this one (%s)", got)
	}

	// A CSS-only change swaps the stylesheet in place.
	css, err := os.ReadFile("../../themes/default/static/assets/fieldguide.css")
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Save(t, dir, "themes/default/static/assets/fieldguide.css", string(css)+"\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
	p.WaitFor(t, `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
	if got := browsertest.Eval[string](t, p, `String(window.fgMarker) + (window.fgNavigating ? ", navigating" : "")`); got != "kept" {
		t.Errorf("a stylesheet change reloaded the page (%s)", got)
	}
	if y := browsertest.Eval[float64](t, p, `window.scrollY`); y < 1490 || y > 1510 {
		t.Errorf("scroll position moved to %v", y)
	}
	p.AssertNoConsoleErrors(t)
}

// TestPreviewErrorOverlay: a broken edit shows an overlay in the open tab
// naming the file and line with the source around it, styled under the
// page's Content-Security-Policy; the fix removes it and reloads.
func TestPreviewErrorOverlay(t *testing.T) {
	t.Parallel()
	dir, url := startPreview(t, previewSite())
	p := openLive(t, url+"guides/other/")

	sitetest.Replace(t, dir, "content/guides/other.md", "Other text.", "Other text, see [missing](missing.md).")
	p.WaitFor(t, `document.getElementById("fieldguide-overlay") !== null`)
	text := browsertest.Eval[string](t, p, `document.getElementById("fieldguide-overlay").innerText`)
	for _, want := range []string{"content/guides/other.md:4:17", "link to missing page", "missing.md", "4 Other text, see [missing](missing.md)."} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay lacks %q:\n%s", want, text)
		}
	}
	// Styled by the served stylesheet (inline styles would be blocked).
	p.WaitFor(t, `getComputedStyle(document.getElementById("fieldguide-overlay")).position === "fixed"`)
	p.WaitVisible(t, "#fieldguide-overlay .fgs-panel")
	if body := browsertest.Eval[string](t, p, `document.querySelector("main").textContent`); !strings.Contains(body, "Other text.") {
		t.Error("the last good page is gone")
	}
	p.CheckAxe(t)

	sitetest.Replace(t, dir, "content/guides/other.md", "see [missing](missing.md)", "now fixed")
	p.WaitFor(t, `document.getElementById("fieldguide-overlay") === null && document.body.textContent.includes("Other text, now fixed.")`)
	p.AssertNoConsoleErrors(t)
}
