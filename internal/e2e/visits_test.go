package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// visitsSite builds a guide outside git, so pages are dated by their
// reviewed dates: "fresh" after the last visit (5 March 2026), "sameday"
// on its day, "before" the day before and "old" long ago.
func visitsSite(t *testing.T, title string, offline bool) string {
	t.Helper()
	src := t.TempDir()
	page := func(title, reviewed string) string {
		return "+++\ntitle = \"" + title + "\"\nsummary = \"The " + title + " widget play.\"\nreviewed = " + reviewed + "\n+++\nHow the widget play " + title + " goes.\n"
	}
	sitetest.WriteFiles(t, src, map[string]string{
		"site.toml":                "title = \"" + title + "\"\n",
		"content/_index.md":        "+++\ntitle = \"" + title + "\"\n+++\nRead [the plays](plays/_index.md).\n",
		"content/plays/_index.md":  "+++\ntitle = \"Plays\"\n+++\nThe plays.\n",
		"content/plays/old.md":     page("Old", "2020-01-01"),
		"content/plays/before.md":  page("Before", "2026-03-04"),
		"content/plays/sameday.md": page("Same day", "2026-03-05"),
		"content/plays/fresh.md":   page("Fresh", "2026-03-10"),
	})
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: src, Destination: out, Offline: offline}); err != nil {
		t.Fatal(err)
	}
	return out
}

// visitsKey is the page's localStorage key of the visits state, once
// visits.js has run.
const visitsKey = `Object.keys(localStorage).find(k => k.startsWith("fieldguide-visits:"))`

// hrefs lists the pages ("plays/fresh/") of the links matching selector.
func markedPages(t *testing.T, p *browsertest.Page, selector string) []string {
	t.Helper()
	got := browsertest.Eval[[]string](t, p, `Array.from(document.querySelectorAll(`+"`"+selector+"`"+`), a => {
		const root = new URL(document.documentElement.dataset.fgRoot, location.href).pathname;
		return decodeURIComponent(new URL(a.getAttribute("href"), location.href).pathname.slice(root.length)).replace(/index\.html$/, "");
	})`)
	slices.Sort(got)
	return got
}

// TestNewSinceLastVisit: over http and from file://, a first visit marks
// nothing and loads nothing more; after a visit on 5 March 2026, the pages
// changed on or after that day are marked in section lists, the sidebar
// and search results, with a count linking to whats-new/; the marks last
// through the session, a page read loses its mark, and "Mark all as seen"
// clears them for good.
func TestNewSinceLastVisit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		offline bool
	}{{"http", false}, {"file", true}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := visitsSite(t, "Visits test", tc.offline)
			at := func(page string) string { // page: "plays/fresh/"
				return browsertest.FileURL(t, filepath.Join(out, filepath.FromSlash(page), "index.html"))
			}
			if !tc.offline {
				base := browsertest.Serve(t, out)
				at = func(page string) string { return base + page }
			}
			p := browsertest.NewPage(t)

			// The first visit: nothing marked, no count, no dates loaded.
			p.Navigate(t, at("plays/"))
			p.WaitFor(t, visitsKey+` !== undefined`)
			if n := browsertest.Eval[int](t, p, `document.querySelectorAll(".fg-new, .fg-visit").length`); n != 0 {
				t.Errorf("first visit: %d marks or counts", n)
			}
			for _, r := range p.Requests() {
				if strings.Contains(r, "changes.js") {
					t.Errorf("first visit loaded %s", r)
				}
			}

			// The last visit began on 5 March 2026 (local time); this tab
			// starts a new session.
			browsertest.Eval[bool](t, p, `(() => {
				const t = new Date(2026, 2, 5, 9, 30).getTime();
				localStorage.setItem(`+visitsKey+`, JSON.stringify({start: t, last: t}));
				sessionStorage.clear();
				return true; })()`)
			p.Navigate(t, at("plays/"))
			p.WaitFor(t, `document.querySelector(".fg-visit")`)
			want := []string{"plays/fresh/", "plays/sameday/"}
			if got := markedPages(t, p, ".fg-card.fg-new > a"); !slices.Equal(got, want) {
				t.Errorf("section list marks %v, want %v", got, want)
			}
			if got := browsertest.Eval[string](t, p, `document.querySelector(".fg-visit-text").textContent`); got != "2 pages changed since your last visit" {
				t.Errorf("count says %q", got)
			}
			if got, want := browsertest.Eval[string](t, p, `document.querySelector(".fg-visit-link").href`), at("whats-new/"); got != want {
				t.Errorf("count links to %q, want %q", got, want)
			}

			// Another page of the same session: still marked, in the sidebar.
			p.Navigate(t, at("plays/old/"))
			p.WaitFor(t, `document.querySelector(".fg-visit")`)
			if got := markedPages(t, p, ".fg-sidebar li.fg-new > a"); !slices.Equal(got, want) {
				t.Errorf("sidebar marks %v, want %v", got, want)
			}

			// Search results are marked as they appear.
			p.Click(t, "#fg-search-input")
			p.Type(t, "#fg-search-input", "widget")
			p.WaitFor(t, `document.querySelectorAll("#fg-search-listbox [role=option]").length >= 4`)
			if got := markedPages(t, p, "#fg-search-listbox li.fg-new > a"); !slices.Equal(got, want) {
				t.Errorf("search result marks %v, want %v", got, want)
			}

			// Reading a page unmarks it.
			p.Navigate(t, at("plays/fresh/"))
			p.WaitFor(t, `document.querySelector(".fg-visit")`)
			p.Navigate(t, at("plays/"))
			p.WaitFor(t, `document.querySelector(".fg-visit")`)
			if got := markedPages(t, p, ".fg-card.fg-new > a"); !slices.Equal(got, []string{"plays/sameday/"}) {
				t.Errorf("after reading fresh, marks %v", got)
			}
			if got := browsertest.Eval[string](t, p, `document.querySelector(".fg-visit-text").textContent`); got != "1 page changed since your last visit" {
				t.Errorf("after reading fresh, count says %q", got)
			}

			// Mark all as seen: gone, and gone after a reload.
			p.Click(t, ".fg-visit-seen")
			p.WaitFor(t, `!document.querySelector(".fg-visit, .fg-new, .fg-new-mark")`)
			p.Navigate(t, at("plays/"))
			p.WaitFor(t, `document.documentElement.dataset.fgChanged === "0"`)
			if n := browsertest.Eval[int](t, p, `document.querySelectorAll(".fg-new, .fg-visit").length`); n != 0 {
				t.Errorf("after Mark all as seen: %d marks or counts", n)
			}
			p.AssertNoConsoleErrors(t)
			if !tc.offline {
				p.AssertRequestsWithin(t, at(""))
			}
		})
	}
}

// TestVisitsPerGuide: two guides opened from disk share file://'s storage,
// not their visits: a reader's history with one marks nothing in the other.
func TestVisitsPerGuide(t *testing.T) {
	t.Parallel()
	a, b := visitsSite(t, "Guide A", true), visitsSite(t, "Guide B", true)
	p := browsertest.NewPage(t)
	p.Navigate(t, browsertest.FileURL(t, filepath.Join(a, "plays", "index.html")))
	p.WaitFor(t, visitsKey+` !== undefined`)
	browsertest.Eval[bool](t, p, `(() => {
		const t = new Date(2026, 2, 5, 9, 30).getTime();
		localStorage.setItem(`+visitsKey+`, JSON.stringify({start: t, last: t}));
		sessionStorage.clear();
		return true; })()`)
	p.Navigate(t, browsertest.FileURL(t, filepath.Join(b, "plays", "index.html")))
	p.WaitFor(t, `Object.keys(localStorage).filter(k => k.startsWith("fieldguide-visits:")).length === 2`)
	if n := browsertest.Eval[int](t, p, `document.querySelectorAll(".fg-new, .fg-visit").length`); n != 0 {
		t.Errorf("guide B's first visit shows %d marks or counts from guide A's history", n)
	}
	p.Navigate(t, browsertest.FileURL(t, filepath.Join(a, "plays", "index.html")))
	p.WaitFor(t, `document.querySelector(".fg-visit")`)
}

// TestVisitsSize: visits.js loads on every page, so it stays small; the
// shipped guide's dates file too.
func TestVisitsSize(t *testing.T) {
	t.Parallel()
	dir := guide(t, false)
	for _, f := range []struct {
		path   string
		budget int
	}{{"assets/visits.js", 3 * 1024}, {"whats-new/changes.js", 2 * 1024}} {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.path)))
		if err != nil {
			t.Fatal(err)
		}
		n := gzipSize(t, data)
		t.Logf("%s: %d bytes, %d gzipped", f.path, len(data), n)
		if n > f.budget {
			t.Errorf("%s is %d bytes gzipped, over its budget of %d", f.path, n, f.budget)
		}
	}
}

// TestVisitsNoLayoutShift: the marks and the count arrive after the page
// is painted, and move nothing: on a phone and on a laptop, the section
// list and a page with the sidebar shift by nothing.
func TestVisitsNoLayoutShift(t *testing.T) {
	t.Parallel()
	base := browsertest.Serve(t, visitsSite(t, "Visits test", false))
	for _, v := range []struct {
		w, h   int64
		mobile bool
		page   string
	}{{390, 844, true, "plays/"}, {1366, 900, false, "plays/"}, {1366, 900, false, "plays/old/"}, {390, 844, true, "plays/old/"}} {
		p := browsertest.NewPage(t)
		p.SetViewport(t, v.w, v.h, v.mobile)
		p.Navigate(t, base)
		p.WaitFor(t, visitsKey+` !== undefined`)
		browsertest.Eval[bool](t, p, `(() => {
			const t = new Date(2026, 2, 5, 9, 30).getTime();
			localStorage.setItem(`+visitsKey+`, JSON.stringify({start: t, last: t}));
			sessionStorage.clear();
			return true; })()`)
		p.AddScriptBeforeLoad(t, clsJS)
		p.Navigate(t, base+v.page)
		p.WaitFor(t, `document.documentElement.dataset.fgChanged === "2" && document.querySelector(".fg-new-mark")`)
		p.WaitFor(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
		if cls := browsertest.Eval[float64](t, p, `window.__fgCLS`); cls > 0.001 {
			t.Errorf("%s at %dx%d: marks and count shift the layout by %.3f, want 0", v.page, v.w, v.h, cls)
		}
	}
}
