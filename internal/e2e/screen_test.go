package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// firstAnswers is, per page type, the element where the reader's answer
// starts: a scenario's seller section, a FAQ topic's first question, a
// tree's first choices.
var firstAnswers = []struct{ page, selector string }{
	{"faq", ".fg-question"},
	{"scenario", ".fg-part-actions"},
	{"tree", ".fg-wz-options"},
}

// clsJS sums the layout shifts not caused by input since the page began
// loading; the observer is installed before any script runs.
const clsJS = `window.__fgCLS = 0; window.__fgShifts = []; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) { window.__fgCLS += e.value; for (const s of e.sources || []) window.__fgShifts.push((s.node && s.node.nodeName + "." + (s.node.className || "")) + " " + JSON.stringify([s.previousRect.y, s.previousRect.height, s.currentRect.y, s.currentRect.height])); } }).observe({type: "layout-shift", buffered: true});`

// TestScreenAnswerFirst checks, on a 390x844 phone, that each page type's
// first answer starts on the first screen and that scripts do not move the
// page (cumulative layout shift at most 0.05).
func TestScreenAnswerFirst(t *testing.T) {
	t.Parallel()
	tabs := browsertest.NewTabs(t, 2)
	base := browsertest.ServeAt(t, guide(t, false), "/guides/fieldguide/")
	for _, fa := range firstAnswers {
		t.Run(fa.page, func(t *testing.T) {
			t.Parallel()
			tp := themePageNamed(t, fa.page)
			p := tabs.Take(t)
			p.SetViewport(t, 390, 844, true)
			p.AddScriptBeforeLoad(t, clsJS)
			themeOpen(t, p, tp.url(base, false), tp.layout)
			top := browsertest.Eval[float64](t, p, `(() => { const e = document.querySelector('`+fa.selector+`'); return e ? e.getBoundingClientRect().top + scrollY : -1; })()`)
			if top < 0 || top >= 844 {
				t.Errorf("%s at 390x844: first answer (%s) starts at %.0f px, want within the first 844 px", fa.page, fa.selector, top)
			}
			t.Logf("%s: first answer at %.0f px", fa.page, top)
		})
	}
	for _, name := range []string{"home", "faq", "scenario", "tree", "search"} {
		t.Run("cls-"+name, func(t *testing.T) {
			t.Parallel()
			tp := themePageNamed(t, name)
			p := tabs.Take(t)
			p.SetViewport(t, 390, 844, true)
			p.AddScriptBeforeLoad(t, clsJS)
			themeOpen(t, p, tp.url(base, false), tp.layout)
			// A frame after load, so shifts from the scripts' work are recorded.
			p.WaitFor(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
			cls := browsertest.Eval[float64](t, p, `window.__fgCLS`)
			t.Logf("%s: CLS %.3f", name, cls)
			if cls > 0.05 {
				t.Errorf("%s at 390x844: cumulative layout shift %.3f, want at most 0.05", name, cls)
			}
		})
	}
}

// TestScreenShots saves screenshots of every page type at phone and laptop
// sizes, light and dark, when FIELDGUIDE_SHOTS names a folder.
func TestScreenShots(t *testing.T) {
	dir := os.Getenv("FIELDGUIDE_SHOTS")
	if dir == "" {
		t.Skip("set FIELDGUIDE_SHOTS to a folder to save screenshots")
	}
	base := browsertest.ServeAt(t, guide(t, false), "/guides/fieldguide/")
	for _, tp := range themePages {
		for _, size := range []struct {
			w, h   int64
			mobile bool
		}{{390, 844, true}, {1366, 900, false}} {
			for _, scheme := range []string{"light", "dark"} {
				p := browsertest.NewPage(t)
				p.SetViewport(t, size.w, size.h, size.mobile)
				p.EmulateColorScheme(t, scheme)
				themeOpen(t, p, tp.url(base, false), tp.layout)
				f := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", tp.name, size.w, scheme))
				if err := os.WriteFile(f, p.Screenshot(t), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// navHiddenJS lists the header's section links not wholly in view.
const navHiddenJS = `(() => {
	const ul = document.querySelector('.fg-nav ul'), box = ul.getBoundingClientRect();
	return [...ul.querySelectorAll('a')].filter(a => {
		const r = a.getBoundingClientRect();
		return r.width === 0 || r.left < box.left || r.right > box.right || r.right > document.documentElement.clientWidth;
	}).map(a => a.textContent.trim());
})()`

// TestScreenHeaderAndMenu checks that the header stays in view after
// scrolling at phone and laptop sizes, that on a laptop the header lists
// every section in sight down to 960 px, and that on a phone the Menu button
// opens a drawer with a link to every section, which Escape closes,
// returning focus to the button.
func TestScreenHeaderAndMenu(t *testing.T) {
	t.Parallel()
	base := browsertest.ServeAt(t, guide(t, false), "/guides/fieldguide/")
	tp := themePageNamed(t, "faq")
	for _, size := range []struct {
		w, h   int64
		mobile bool
	}{{390, 844, true}, {1366, 900, false}} {
		t.Run(fmt.Sprint(size.w), func(t *testing.T) {
			t.Parallel()
			p := browsertest.NewPage(t)
			p.SetViewport(t, size.w, size.h, size.mobile)
			themeOpen(t, p, tp.url(base, false), tp.layout)
			p.WaitFor(t, `(scrollTo(0, 2000), scrollY >= 1500)`)
			if top := browsertest.Eval[float64](t, p, `document.querySelector('.fg-header').getBoundingClientRect().top`); top != 0 {
				t.Errorf("at %d px wide, after scrolling the header's top is at %.0f px, want 0", size.w, top)
			}
			if !size.mobile {
				// Every section stays in sight down to the narrowest
				// width that shows the header's list.
				p.SetViewport(t, 960, size.h, false)
				if hidden := browsertest.Eval[[]string](t, p, navHiddenJS); len(hidden) > 0 {
					t.Errorf("at 960 px the header's list hides %v", hidden)
				}
				// It takes two rows there; once the page has seen its
				// header grow, a question jumped to clears the header.
				p.WaitFor(t, `getComputedStyle(document.documentElement).getPropertyValue('--fg-header-h') === document.querySelector('.fg-header').offsetHeight + 'px'`)
				id := browsertest.Eval[string](t, p, `(location.hash = '#' + document.querySelectorAll('.fg-question')[1].getAttribute('aria-labelledby')).slice(1)`)
				p.WaitFor(t, `document.getElementById('`+id+`').getBoundingClientRect().top >= document.querySelector('.fg-header').getBoundingClientRect().bottom`)
				return
			}
			sections := browsertest.Eval[[]string](t, p, `[...document.querySelectorAll('.fg-nav a')].map(a => a.getAttribute('href'))`)
			if len(sections) < 5 {
				t.Fatalf("only %d sections in the header's list", len(sections))
			}
			p.Click(t, "#fg-menu-button")
			p.WaitFor(t, `document.getElementById('fg-menu-button').getAttribute('aria-expanded') === 'true'`)
			inDrawer := browsertest.Eval[[]string](t, p, `(() => {
				const d = document.getElementById(document.getElementById('fg-menu-button').getAttribute('aria-controls'));
				const r = d.getBoundingClientRect();
				if (r.height < 100 || r.top > innerHeight) return ['drawer not shown'];
				return [...d.querySelectorAll('a')].map(a => a.getAttribute('href'));
			})()`)
			for _, s := range sections {
				if !slices.Contains(inDrawer, s) {
					t.Errorf("the drawer has no link to section %s (has %v)", s, inDrawer)
				}
			}
			p.Press(t, kb.Escape)
			p.WaitFor(t, `document.getElementById('fg-menu-button').getAttribute('aria-expanded') === 'false' && document.activeElement.id === 'fg-menu-button' && getComputedStyle(document.getElementById('fg-menu')).display === 'none'`)
		})
	}
}

// TestScreenRail checks the on-this-page list of a FAQ topic at 1366 px:
// it sits beside the text, stays in view while reading and marks the
// question scrolled to.
func TestScreenRail(t *testing.T) {
	t.Parallel()
	base := browsertest.ServeAt(t, guide(t, false), "/guides/fieldguide/")
	tp := themePageNamed(t, "faq")
	p := browsertest.NewPage(t)
	p.SetViewport(t, 1366, 900, false)
	themeOpen(t, p, tp.url(base, false), tp.layout)
	type box struct{ Left, Right, Top, TextRight float64 }
	railBox := `(() => { const r = document.querySelector('.fg-questions').getBoundingClientRect(); return {Left: r.left, Right: r.right, Top: r.top, TextRight: document.querySelector('.fg-question').getBoundingClientRect().right}; })()`
	if b := browsertest.Eval[box](t, p, railBox); b.Left < b.TextRight {
		t.Fatalf("the questions list is not beside the text: %+v", b)
	}
	third := browsertest.Eval[string](t, p, `document.querySelectorAll('.fg-questions a')[2].getAttribute('href')`)
	browsertest.Eval[bool](t, p, `(document.getElementById(decodeURIComponent('`+third+`'.slice(1))).scrollIntoView(), true)`)
	p.WaitFor(t, `document.querySelector('.fg-questions a[aria-current="true"]')?.getAttribute('href') === '`+third+`'`)
	if b := browsertest.Eval[box](t, p, railBox); b.Top < 0 || b.Top > 900 {
		t.Errorf("after scrolling the questions list is out of view: %+v", b)
	}
}

// TestScreenHomeChanges checks where the home page shows what changed: on a
// laptop beside the introduction and on the first screen, on a phone
// after the guide's own text.
func TestScreenHomeChanges(t *testing.T) {
	t.Parallel()
	base := browsertest.ServeAt(t, guide(t, false), "/guides/fieldguide/")
	tp := themePageNamed(t, "home")
	p := browsertest.NewPage(t)
	themeOpen(t, p, tp.url(base, false), tp.layout)
	type boxes struct{ ChangesLeft, ChangesTop, ContentRight, ContentBottom, PageWidth, ViewWidth float64 }
	const boxesJS = `(() => {
		const c = document.querySelector('.fg-home-changes').getBoundingClientRect();
		const t = document.querySelector('.fg-home > .fg-content').getBoundingClientRect();
		return {ChangesLeft: c.left, ChangesTop: c.top + scrollY, ContentRight: t.right, ContentBottom: t.bottom + scrollY,
			PageWidth: document.documentElement.scrollWidth, ViewWidth: document.documentElement.clientWidth};
	})()`
	for _, size := range []struct {
		width, height  int64
		mobile, beside bool
	}{{1366, 900, false, true}, {1180, 800, false, true}, {390, 844, true, false}} {
		p.SetViewport(t, size.width, size.height, size.mobile)
		b := browsertest.Eval[boxes](t, p, boxesJS)
		switch {
		case b.PageWidth > b.ViewWidth:
			t.Errorf("%dx%d: the page is %.0f px wide in a %.0f px window", size.width, size.height, b.PageWidth, b.ViewWidth)
		case size.beside && (b.ChangesLeft < b.ContentRight || b.ChangesTop >= float64(size.height)):
			t.Errorf("%dx%d: recent changes not beside the text on the first screen: %+v", size.width, size.height, b)
		case !size.beside && b.ChangesTop < b.ContentBottom:
			t.Errorf("%dx%d: recent changes before the end of the text: %+v", size.width, size.height, b)
		}
	}
}
