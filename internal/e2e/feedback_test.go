package e2e

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// feedbackSite builds a small site whose site.toml holds extra, opened from
// disk (file://) so the test also proves it works there.
func feedbackSite(t *testing.T, extra string) string {
	t.Helper()
	src := t.TempDir()
	sitetest.WriteFiles(t, src, map[string]string{
		"site.toml":             "title = \"Feedback test\"\n" + extra,
		"content/_index.md":     "+++\ntitle = \"Feedback test\"\n+++\nRead [the play](plays/q&a.md).\n",
		"content/plays/q&a.md":  "+++\ntitle = \"Q&A: fees & credits\"\n+++\nThe play.\n",
		"content/faq/_index.md": "+++\ntitle = \"FAQ\"\n+++\nQuestions.\n",
		"content/faq/money.md":  "+++\ntitle = \"Money questions\"\n+++\nAbout money.\n\n## Who pays? {#who-pays}\n\nThe customer.\n\n## Can I share fees & credits? {#fees}\n\nYes.\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: src, Destination: out, Offline: true}); err != nil {
		t.Fatal(err)
	}
	return out
}

// record makes window.open and the fieldguide:feedback event observable.
const feedbackProbe = `window.fgOpened = []; window.open = function (u) { window.fgOpened.push(String(u)); return null; };
document.addEventListener("fieldguide:feedback", function (e) { window.fgEvent = e.detail; });`

// TestFeedback: with [feedback] url, "Was this helpful?" opens the address
// with the page's URL and title filled in, encoded, and dispatches
// fieldguide:feedback; from file:// too. The page requests nothing.
func TestFeedback(t *testing.T) {
	t.Parallel()
	out := feedbackSite(t, "\n[feedback]\nurl = \"https://forms.example.com/r?page={url}&title={title}&a={answer}\"\n")
	p := browsertest.NewPage(t)
	page := browsertest.FileURL(t, filepath.Join(out, "plays", "q&a", "index.html"))
	p.Navigate(t, page)
	p.WaitFor(t, `document.querySelector(".fg-feedback") && !document.querySelector(".fg-feedback").hidden && document.readyState === "complete"`)
	browsertest.Eval[bool](t, p, feedbackProbe+"; true")
	p.Click(t, `.fg-feedback button[data-fg-answer="no"]`)
	p.WaitFor(t, `window.fgEvent !== undefined`)

	opened := browsertest.Eval[[]string](t, p, `window.fgOpened`)
	if len(opened) != 1 {
		t.Fatalf("window.open called %d times (%v), want once", len(opened), opened)
	}
	u, err := url.Parse(opened[0])
	if err != nil || u.Host != "forms.example.com" || u.Path != "/r" {
		t.Fatalf("opened %q, want the feedback address", opened[0])
	}
	q := u.Query()
	location := browsertest.Eval[string](t, p, `location.href`)
	if q.Get("page") != location || q.Get("title") != "Q&A: fees & credits" || q.Get("a") != "no" {
		t.Errorf("opened %q: page %q (want %q), title %q, answer %q", opened[0], q.Get("page"), location, q.Get("title"), q.Get("a"))
	}
	detail := browsertest.Eval[map[string]string](t, p, `window.fgEvent`)
	if detail["answer"] != "no" || detail["title"] != "Q&A: fees & credits" || detail["href"] != opened[0] || detail["url"] != location {
		t.Errorf("fieldguide:feedback detail %v", detail)
	}
	p.AssertRequestsWithin(t, "file://")
	p.AssertNoConsoleErrors(t)
}

// TestFeedbackMailto: a mailto: address gets the page in its subject and body.
func TestFeedbackMailto(t *testing.T) {
	t.Parallel()
	out := feedbackSite(t, "\n[feedback]\nurl = \"mailto:guide-team@example.com\"\n")
	p := browsertest.NewPage(t)
	p.Navigate(t, browsertest.FileURL(t, filepath.Join(out, "plays", "q&a", "index.html")))
	p.WaitFor(t, `document.querySelector(".fg-feedback") && !document.querySelector(".fg-feedback").hidden`)
	browsertest.Eval[bool](t, p, feedbackProbe+"; true")
	p.Click(t, `.fg-feedback button[data-fg-answer="yes"]`)
	p.WaitFor(t, `window.fgEvent !== undefined`)
	href := browsertest.Eval[string](t, p, `window.fgEvent.href`)
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "mailto" || u.Opaque != "guide-team@example.com" {
		t.Fatalf("href %q, want a mailto: to guide-team@example.com", href)
	}
	q := u.Query()
	if q.Get("subject") != "Feedback: Q&A: fees & credits" || !strings.HasPrefix(q.Get("body"), "Was this helpful? Yes\n") {
		t.Errorf("mailto subject %q, body %q", q.Get("subject"), q.Get("body"))
	}
}

// TestNoFeedbackWithoutSetting: nothing asks without [feedback] url.
func TestNoFeedbackWithoutSetting(t *testing.T) {
	t.Parallel()
	out := feedbackSite(t, "")
	p := browsertest.NewPage(t)
	p.Navigate(t, browsertest.FileURL(t, filepath.Join(out, "plays", "q&a", "index.html")))
	p.WaitFor(t, `document.readyState === "complete"`)
	if n := browsertest.Eval[int](t, p, `document.querySelectorAll(".fg-feedback, script[src*='feedback.js']").length`); n != 0 {
		t.Errorf("%d feedback elements without the setting", n)
	}
}

// contentShiftJS sums the layout shifts that move the page's content (the
// footer of a page shorter than the window may move on its own).
const contentShiftJS = `window.__fgContentCLS = 0; new PerformanceObserver(l => {
	for (const e of l.getEntries()) {
		const inMain = e.sources.some(s => { const el = s.node && (s.node.nodeType === 1 ? s.node : s.node.parentElement); return el && el.closest("main"); });
		if (!e.hadRecentInput && inMain) window.__fgContentCLS += e.value;
	}
}).observe({type: "layout-shift", buffered: true});`

// TestFeedbackPerQuestion: every FAQ question has its own one-line "Was
// this answer helpful?"; an answer opens the address with the question's
// #anchor URL and text, and the event names the page and the question.
// Without JavaScript the lines do not show.
func TestFeedbackPerQuestion(t *testing.T) {
	t.Parallel()
	out := feedbackSite(t, "\n[feedback]\nurl = \"https://forms.example.com/r?page={url}&title={title}&a={answer}\"\n")
	p := browsertest.NewPage(t)
	p.SetViewport(t, 390, 844, true)
	p.AddScriptBeforeLoad(t, contentShiftJS)
	page := browsertest.FileURL(t, filepath.Join(out, "faq", "money", "index.html"))
	p.Navigate(t, page)
	p.WaitFor(t, `document.readyState === "complete"`)
	p.WaitFor(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	if cls := browsertest.Eval[float64](t, p, `window.__fgContentCLS`); cls > 0.001 {
		t.Errorf("the page's content shifts by %.3f at 390x844 (the feedback lines?), want 0", cls)
	}
	lines := browsertest.Eval[[]string](t, p, `Array.from(document.querySelectorAll(".fg-question .fg-feedback-line"), l => l.closest(".fg-question").querySelector("h2").id + " " + Math.round(l.getBoundingClientRect().height) + " " + getComputedStyle(l).display)`)
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "who-pays ") || !strings.HasPrefix(lines[1], "fees ") {
		t.Fatalf("feedback lines %v, want one under each of who-pays and fees", lines)
	}
	for _, l := range lines {
		var id, display string
		var h int
		if _, err := fmt.Sscan(l, &id, &h, &display); err != nil || display == "none" || h == 0 || h > 40 {
			t.Errorf("feedback line of %s: %dpx high, display %s; want one small visible line", id, h, display)
		}
	}
	browsertest.Eval[bool](t, p, feedbackProbe+"; true")
	p.Click(t, `.fg-question:has(#fees) .fg-feedback-line button[data-fg-answer="yes"]`)
	p.WaitFor(t, `window.fgEvent !== undefined`)
	opened := browsertest.Eval[[]string](t, p, `window.fgOpened`)
	if len(opened) != 1 {
		t.Fatalf("window.open called %d times (%v), want once", len(opened), opened)
	}
	u, err := url.Parse(opened[0])
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	location := browsertest.Eval[string](t, p, `location.href`)
	if q.Get("page") != location+"#fees" || q.Get("title") != "Can I share fees & credits?" || q.Get("a") != "yes" {
		t.Errorf("opened %q: page %q (want %q), title %q, answer %q", opened[0], q.Get("page"), location+"#fees", q.Get("title"), q.Get("a"))
	}
	detail := browsertest.Eval[map[string]string](t, p, `window.fgEvent`)
	if detail["question"] != "Can I share fees & credits?" || detail["page"] != "Money questions" || detail["url"] != location+"#fees" || detail["href"] != opened[0] {
		t.Errorf("fieldguide:feedback detail %v", detail)
	}
	p.AssertRequestsWithin(t, "file://")
	p.AssertNoConsoleErrors(t)

	// Without JavaScript the buttons could do nothing: they do not show.
	nojs := browsertest.NewPage(t)
	nojs.DisableJavaScript(t)
	nojs.Navigate(t, page)
	if n := browsertest.Eval[int](t, nojs, `Array.from(document.querySelectorAll(".fg-feedback, .fg-feedback-line")).filter(e => getComputedStyle(e).display !== "none").length`); n != 0 {
		t.Errorf("without JavaScript, %d feedback boxes show", n)
	}
}
