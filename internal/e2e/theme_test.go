package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// themePage is one page type of the shipped guide, by its output path and
// the layout the theme renders it with (html[data-fg-layout]).
type themePage struct{ name, path, layout string }

var themePages = []themePage{
	{"home", "", "home"},
	{"section", "faq/", "section"},
	{"faq", "faq/tracking/", "faq"},
	{"motion", "motions/cosmos-db-cost-optimization/", "motion"},
	{"scenario", "scenarios/06-ea-to-csp-support-needs/", "scenario"},
	{"scenarios", "scenarios/", "scenarios"},
	{"role", "roles/csa/", "role"},
	{"area", "areas/data-ai/", "area"},
	{"glossary", "glossary/", "glossary"},
	{"tree", "trees/csp-scenario/", "tree"},
	{"404", "404.html", "404"},
	{"search", "search/", "search"},
	{"page", "authoring/diagrams/", "page"},
	{"code", "authoring/callouts/", "page"},
	{"tables", "authoring/tables/", "page"},
}

// url is the page's address under base; offline builds link to index.html.
func (tp themePage) url(base string, offline bool) string {
	if offline && (tp.path == "" || strings.HasSuffix(tp.path, "/")) {
		return base + tp.path + "index.html"
	}
	return base + tp.path
}

func themePageNamed(t *testing.T, name string) themePage {
	t.Helper()
	for _, tp := range themePages {
		if tp.name == name {
			return tp
		}
	}
	t.Fatalf("no page type %q", name)
	return themePage{}
}

// themeOpen loads a page and waits until it is the expected layout and the
// theme script has run (it unhides the toggle).
func themeOpen(t *testing.T, p *browsertest.Page, u, layout string) {
	t.Helper()
	p.Navigate(t, u)
	p.WaitFor(t, `document.readyState === 'complete' && !document.getElementById('fg-theme-toggle').hidden`)
	if got := browsertest.Eval[string](t, p, `document.documentElement.dataset.fgLayout || ''`); got != layout {
		t.Fatalf("%s: layout %q, want %q", u, got, layout)
	}
}

// themeLuminanceJS is the relative luminance (WCAG) of an element's
// computed background colour, walking up to the first opaque ancestor.
const themeLuminanceJS = `((sel) => {
	let el = document.querySelector(sel), c = 'rgba(0, 0, 0, 0)';
	while (el) {
		c = getComputedStyle(el).backgroundColor;
		if (!/rgba\(.*, 0\)$/.test(c) && c !== 'transparent') break;
		el = el.parentElement;
	}
	const m = c.match(/[\d.]+/g).map(Number);
	const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
	return 0.2126 * lin(m[0]) + 0.7152 * lin(m[1]) + 0.0722 * lin(m[2]);
})`

// themeIsDark reports whether the page body is painted dark.
func themeIsDark(t *testing.T, p *browsertest.Page) bool {
	t.Helper()
	return browsertest.Eval[float64](t, p, themeLuminanceJS+`('body')`) < 0.2
}

// themeAxe fails the test for every serious or critical violation of those
// an axe run found on the open page.
func themeAxe(t *testing.T, p *browsertest.Page, label string, found []browsertest.AxeViolation) {
	t.Helper()
	browsertest.ReportAxe(t, browsertest.Eval[string](t, p, "location.href")+" ["+label+"]", found)
}

// themeSettledJS resolves when the transitions running on the page (a theme
// change starts some) have ended.
const themeSettledJS = `Promise.all(document.getAnimations().map(a => a.finished))`

// themeColorsJS lists every element with the colours it is painted in
// (what axe's contrast rules read) once the transitions a theme change
// started have ended.
const themeColorsJS = themeSettledJS + `.then(() => [...document.querySelectorAll('body *')].map(e => {
	const s = getComputedStyle(e);
	return e.tagName + '.' + e.className + ': ' + [s.color, s.backgroundColor, s.backgroundImage, s.borderTopColor, s.borderRightColor,
		s.borderBottomColor, s.borderLeftColor, s.outlineColor, s.textDecorationColor, s.fill, s.stroke, s.opacity].join(' ');
}))`

// themeSameColors fails the test where the dark system setting paints an
// element otherwise than the toggled dark theme (at most five, listed).
func themeSameColors(t *testing.T, u string, toggled, system []string) {
	t.Helper()
	if len(toggled) != len(system) {
		t.Fatalf("%s: %d elements toggled dark, %d on a dark system", u, len(toggled), len(system))
	}
	var diffs []string
	for i := range toggled {
		if toggled[i] != system[i] && len(diffs) < 5 {
			diffs = append(diffs, "toggled "+toggled[i]+"\n\tsystem  "+system[i])
		}
	}
	if len(diffs) > 0 {
		t.Errorf("%s: the dark system setting paints elements otherwise than the toggled dark theme:\n\t%s", u, strings.Join(diffs, "\n\t"))
	}
}

// themeTerm is a glossary term as a page marks it.
type themeTerm struct {
	Href, Text, Title string
	Bad               bool
}

const themeTermsJS = `[...document.querySelectorAll('a.fg-term')].map(a => {
	const abbr = a.querySelector('abbr[title]');
	return {Href: a.href, Text: a.textContent, Title: abbr ? abbr.title : '',
		Bad: !abbr || !!a.parentElement.closest('h1, h2, h3, h4, h5, h6, a, code, pre, kbd, .fg-nav, .fg-breadcrumbs, .fg-sidebar, .fg-header, .fg-footer')};
})`

// themeChromeLinks are the theme's own navigation links on a page.
const themeChromeLinks = `.fg-brand, .fg-nav a, .fg-breadcrumbs a, .fg-sidebar a, .fg-prevnext a, .fg-cards a, .fg-links a,
	.fg-footer a, .fg-toc a, .fg-questions a, .fg-members a, .fg-az a, .fg-usedby a, .fg-matrix th a, .fg-404 a, .fg-facts a, .fg-reached a, .fg-tags a, .fg-roles a`

// themeCheckLinks checks the theme's links on the open page: each stays
// inside base and exists, and same-page anchors have a target.
func themeCheckLinks(t *testing.T, p *browsertest.Page, name, base string, offline bool) {
	t.Helper()
	links := browsertest.Eval[[]string](t, p, "[...document.querySelectorAll(`"+themeChromeLinks+"`)].map(a => a.href)")
	if len(links) < 5 {
		t.Errorf("%s: only %d navigation links", name, len(links))
	}
	checked := map[string]bool{}
	for _, l := range links {
		u, err := url.Parse(l)
		if err != nil || !strings.HasPrefix(l, base) {
			t.Errorf("%s: link %s leaves the site %s", name, l, base)
			continue
		}
		u.Fragment = ""
		if checked[u.String()] {
			continue
		}
		checked[u.String()] = true
		if offline {
			info, err := os.Stat(filepath.FromSlash(u.Path))
			if !strings.HasSuffix(u.Path, ".html") || err != nil || info.IsDir() {
				t.Errorf("%s: offline link %s is not a file of the site", name, l)
			}
			continue
		}
		resp, err := http.Get(u.String())
		if err == nil {
			resp.Body.Close()
		}
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("%s: link %s is broken (%v)", name, l, err)
		}
	}
	missing := browsertest.Eval[[]string](t, p, `[...document.querySelectorAll('.fg-toc a, .fg-questions a, .fg-az a, .fg-permalink, a.fg-skip')]
		.map(a => a.getAttribute('href')).filter(h => h.startsWith('#') && !document.getElementById(decodeURIComponent(h.slice(1))))`)
	for _, m := range missing {
		t.Errorf("%s: anchor %s has no target", name, m)
	}
}

// themeCheckNarrow fails when the open page scrolls sideways, or when a
// box that scrolls inside itself cannot be reached by keyboard.
func themeCheckNarrow(t *testing.T, p *browsertest.Page, u string) {
	t.Helper()
	type size struct{ Scroll, Inner, Screen int }
	s := browsertest.Eval[size](t, p, `({Scroll: document.documentElement.scrollWidth, Inner: window.innerWidth, Screen: screen.width})`)
	if s.Screen != 320 {
		t.Fatalf("%s: screen is %d px wide, want 320", u, s.Screen)
	}
	// A phone widens its layout viewport to fit content that is too wide,
	// so a page that would scroll sideways shows as innerWidth > 320 too.
	if s.Inner > 320 || s.Scroll > s.Inner {
		t.Errorf("%s at 320px: page scrolls sideways (content %d px, viewport %d px): %v", u, s.Scroll, s.Inner,
			browsertest.Eval[[]string](t, p, themeOverflowJS+"(320)"))
	}
	unreachable := browsertest.Eval[[]string](t, p, `[...document.querySelectorAll('main *')].filter(e => {
		const o = getComputedStyle(e).overflowX;
		return (o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1 && e.tabIndex < 0 && !e.querySelector('a[href], button, input, select, textarea, [tabindex]');
	}).map(e => e.tagName + '.' + e.className)`)
	if len(unreachable) > 0 {
		t.Errorf("%s at 320px: scrolling boxes without keyboard access: %v", u, unreachable)
	}
}

// TestThemePages opens every page type, served under a sub-path and from
// disk, and checks what the theme promises on each: its links resolve
// inside the site; glossary terms are marked once, as abbr, outside
// headings, links and code, and link to an entry that exists; axe-core
// finds nothing serious light and toggled dark, and the dark system setting
// paints every element as the toggle does; at 320 px (opened from disk)
// the page never scrolls sideways; no console errors; no request leaves
// the site.
//
// The page types share two tabs (go test runs two tests at a time on two
// cores), served pages first and then the ones from disk, so a tab's
// renderer stays on one site while it can.
func TestThemePages(t *testing.T) {
	t.Parallel()
	tabs := browsertest.NewTabs(t, 2)
	base := browsertest.ServeAt(t, guide(t, false), "/guides/fieldguide/")
	fileBase := browsertest.FileURL(t, guide(t, true)+string(filepath.Separator))
	var mu sync.Mutex
	expansions := map[string]string{} // glossary anchor -> expansion
	terms := 0
	t.Run("served", func(t *testing.T) {
		for _, tp := range themePages {
			t.Run(tp.name, func(t *testing.T) {
				t.Parallel()
				p := tabs.Take(t)
				p.SetViewport(t, 1280, 900, false)
				p.EmulateColorScheme(t, "light")
				u := tp.url(base, false)
				themeOpen(t, p, u, tp.layout)
				if themeIsDark(t, p) {
					t.Errorf("%s: dark on a light system", u)
				}
				themeCheckLinks(t, p, tp.name, base, false)

				if tp.layout != "glossary" {
					if n := browsertest.Eval[int](t, p, `document.querySelectorAll(':is(h1, h2, h3, h4, h5, h6, code, pre) abbr, :is(h1, h2, h3, h4, h5, h6) .fg-term').length`); n > 0 {
						t.Errorf("%s: %d glossary abbreviations inside headings or code", tp.name, n)
					}
					seen := map[string]bool{}
					for _, tm := range browsertest.Eval[[]themeTerm](t, p, themeTermsJS) {
						u, err := url.Parse(tm.Href)
						if err != nil || u.Fragment == "" || !strings.HasPrefix(tm.Href, base+"glossary/#") {
							t.Errorf("%s: term %q links to %s, not a glossary entry", tp.name, tm.Text, tm.Href)
							continue
						}
						if tm.Bad || strings.TrimSpace(tm.Title) == "" {
							t.Errorf("%s: term %q: no abbr with an expansion, or inside a heading, link or code", tp.name, tm.Text)
						}
						if seen[u.Fragment] {
							t.Errorf("%s: term %s is marked more than once (first use only)", tp.name, u.Fragment)
						}
						seen[u.Fragment] = true
						mu.Lock()
						terms++
						if prev, ok := expansions[u.Fragment]; ok && prev != tm.Title {
							t.Errorf("%s: term %s expands to %q here and %q elsewhere", tp.name, u.Fragment, tm.Title, prev)
						}
						expansions[u.Fragment] = tm.Title
						mu.Unlock()
					}
				}

				// Light, then toggled dark on a light system, then the dark
				// system setting with no choice stored. The toggle changes
				// colours only, so the dark theme needs axe's colour rules
				// alone.
				themeAxe(t, p, "light", p.AxeViolations(t))
				p.Click(t, "#fg-theme-toggle")
				browsertest.Eval[chromedp.Void](t, p, themeSettledJS)
				if !themeIsDark(t, p) || browsertest.Eval[string](t, p, `document.documentElement.dataset.theme`) != "dark" {
					t.Errorf("%s: toggled dark, still light", u)
				}
				themeAxe(t, p, "toggled dark on a light system", p.AxeColorViolations(t))
				toggled := browsertest.Eval[[]string](t, p, themeColorsJS)
				// Dark first, so that no colour passes through light (the
				// cards' borders are animated).
				p.EmulateColorScheme(t, "dark")
				browsertest.Eval[chromedp.Void](t, p, `localStorage.removeItem('fieldguide-theme'), document.documentElement.removeAttribute('data-theme')`)
				if !themeIsDark(t, p) {
					t.Errorf("%s: light on a dark system", u)
				}
				// The dark system setting paints every element as the
				// toggle did, so what axe found there holds here.
				themeSameColors(t, u, toggled, browsertest.Eval[[]string](t, p, themeColorsJS))
				p.AssertNoConsoleErrors(t)
				p.AssertRequestsWithin(t, base)
			})
		}
	})
	// The narrow check runs on the pages opened from disk: the offline
	// build differs from the served one only in its links, so one load at
	// 320 px covers both.
	t.Run("disk-320", func(t *testing.T) {
		for _, tp := range themePages {
			t.Run(tp.name, func(t *testing.T) {
				t.Parallel()
				p := tabs.Take(t)
				p.SetViewport(t, 320, 640, true)
				fu := tp.url(fileBase, true)
				themeOpen(t, p, fu, tp.layout)
				themeCheckNarrow(t, p, fu)
				themeCheckLinks(t, p, tp.name+" (file)", fileBase, true)
				p.AssertNoConsoleErrors(t)
				p.AssertRequestsWithin(t, fileBase)
			})
		}
	})
	if terms < 10 {
		t.Fatalf("only %d glossary terms marked across the page types", terms)
	}
	glossary := tabs.Take(t)
	themeOpen(t, glossary, base+"glossary/", "glossary")
	for anchor, exp := range expansions {
		got := browsertest.Eval[string](t, glossary, fmt.Sprintf(`(e => e ? ((e.querySelector('abbr[title]') || {}).title || '?') : '')(document.getElementById(%q))`, anchor))
		switch {
		case got == "":
			t.Errorf("glossary has no entry #%s", anchor)
		case got != exp:
			t.Errorf("glossary entry #%s expands to %q, pages say %q", anchor, got, exp)
		}
	}
}

// TestThemeNavigation clicks through the guide as a reader does, served
// under a sub-path and opened from disk: home, a section card, a page
// card, next, previous, a breadcrumb, the section nav, the sidebar, and on
// a phone the folded section list.
//
// The offline build's links are plain files, which TestThemePages opens
// for every page type (disk-320), so from disk it is clicked through on
// the phone only; the plain build opened from disk depends on the theme
// script to rewrite its links, so it is clicked through everywhere.
func TestThemeNavigation(t *testing.T) {
	t.Parallel()
	variants := []struct {
		name, base string
		offline    bool
		phoneOnly  bool
	}{
		{"subpath", browsertest.ServeAt(t, guide(t, false), "/guides/fieldguide/"), false, false},
		{"file", browsertest.FileURL(t, guide(t, true)+string(filepath.Separator)), true, true},
		// A build made without --offline, opened from disk: the theme
		// script points its folder links at index.html.
		{"file-plain", browsertest.FileURL(t, guide(t, false)+string(filepath.Separator)), true, false},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			p := browsertest.NewPage(t)
			follow := func(sel, wantLayout string) {
				t.Helper()
				href := browsertest.Eval[string](t, p, "(document.querySelector(`"+sel+"`) || {}).href || ''")
				if href == "" {
					t.Fatalf("%s: no link %s", browsertest.Eval[string](t, p, "location.href"), sel)
				}
				if !strings.HasPrefix(href, v.base) {
					t.Fatalf("%s leads out of the site: %s", sel, href)
				}
				p.Click(t, sel)
				p.WaitFor(t, fmt.Sprintf(`location.href === %q && document.readyState === 'complete' && !document.getElementById('fg-theme-toggle').hidden`, href))
				if got := browsertest.Eval[string](t, p, `document.documentElement.dataset.fgLayout`); wantLayout != "" && got != wantLayout {
					t.Errorf("%s: layout %q, want %q", href, got, wantLayout)
				}
				if browsertest.Eval[string](t, p, `(document.querySelector('main h1') || {}).textContent || ''`) == "" {
					t.Errorf("%s: no h1", href)
				}
			}
			if !v.phoneOnly {
				p.SetViewport(t, 1280, 900, false)
				themeOpen(t, p, themePageNamed(t, "home").url(v.base, v.offline), "home")
				follow(`.fg-content td:first-child a[href*="faq/"]`, "section")
				follow(`.fg-cards .fg-card-faq a`, "faq")
				topic := browsertest.Eval[string](t, p, "location.href")
				follow(`.fg-prevnext a[rel=next]`, "faq")
				follow(`.fg-prevnext a[rel=prev]`, "faq")
				if got := browsertest.Eval[string](t, p, "location.href"); got != topic {
					t.Errorf("next then previous led to %s, want %s", got, topic)
				}
				follow(`.fg-breadcrumbs li:nth-last-child(2) a`, "section")
				follow(`.fg-nav a[href*="scenarios/"]`, "scenarios")
				follow(`.fg-matrix th a`, "scenario")
				follow(`.fg-sidebar li:last-child a`, "")
				follow(`.fg-nav a[href*="glossary/"]`, "glossary")
				follow(`.fg-brand`, "home")
			}

			// On a phone the answer comes first: the section's pages are in
			// the header's menu, not above the page.
			p.SetViewport(t, 320, 640, true)
			themeOpen(t, p, themePageNamed(t, "faq").url(v.base, v.offline), "faq")
			if browsertest.Eval[bool](t, p, `document.querySelector('.fg-sidebar li a').checkVisibility()`) {
				t.Error("320px: the section list shows above the page")
			}
			p.Click(t, "#fg-menu-button")
			p.WaitFor(t, `document.querySelector('#fg-menu li a').checkVisibility()`)
			if !v.offline { // axe reads stylesheets with XHR, which file:// refuses
				themeAxe(t, p, "320px, menu open", p.AxeViolations(t))
			}
			follow(`#fg-menu ul:last-of-type li:first-child a`, "faq")
			p.AssertNoConsoleErrors(t)
			p.AssertRequestsWithin(t, v.base)
		})
	}
}

// TestThemeToggle switches light and dark with the header button and
// checks the choice survives navigation and reload, over HTTP and file://.
func TestThemeToggle(t *testing.T) {
	t.Parallel()
	variants := []struct {
		name, base string
		offline    bool
	}{
		{"http", browsertest.Serve(t, guide(t, false)), false},
		{"file", browsertest.FileURL(t, guide(t, true)+string(filepath.Separator)), true},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			p := browsertest.NewPage(t)
			p.SetViewport(t, 1280, 900, false)
			p.EmulateColorScheme(t, "light")
			home := themePageNamed(t, "home").url(v.base, v.offline)
			faq := themePageNamed(t, "faq").url(v.base, v.offline)
			type state struct {
				Theme, Label, Title, Stored string
				Width                       float64
				Visible, Pressed, Blocking  bool
			}
			var width float64
			check := func(when string, theme, stored string, dark bool) {
				t.Helper()
				s := browsertest.Eval[state](t, p, `(() => {
					const b = document.getElementById('fg-theme-toggle');
					const s = document.querySelector('head script[src$="fieldguide.js"]');
					return {Theme: document.documentElement.getAttribute('data-theme') || '', Label: b.textContent.trim(), Title: b.title,
						Width: b.getBoundingClientRect().width, Pressed: b.hasAttribute('aria-pressed'),
						Stored: localStorage.getItem('fieldguide-theme') || '', Visible: !!b.offsetParent && b.getBoundingClientRect().width > 0,
						Blocking: !!s && !s.defer && !s.async};
				})()`)
				// The toggle names the action it does, its title what shows.
				wantLabel, wantTitle := "Dark theme", "now light"
				if dark {
					wantLabel, wantTitle = "Light theme", "now dark"
				}
				if stored == "" {
					wantTitle += ", as your system is set"
				} else {
					wantTitle += ", as you chose"
				}
				if s.Theme != theme || s.Stored != stored || s.Label != wantLabel || !strings.Contains(s.Title, wantTitle) || s.Pressed || !s.Visible || !s.Blocking {
					t.Errorf("%s: %+v, want data-theme %q, stored %q, label %q, title saying %q, no aria-pressed (the label changes), a visible toggle and a blocking theme script", when, s, theme, stored, wantLabel, wantTitle)
				}
				// Switching moves nothing in the header.
				if width == 0 {
					width = s.Width
				} else if math.Abs(s.Width-width) > 0.5 {
					t.Errorf("%s: the toggle is %.1f px wide, was %.1f", when, s.Width, width)
				}
				if got := themeIsDark(t, p); got != dark {
					t.Errorf("%s: page dark = %v, want %v", when, got, dark)
				}
				// The code highlighting follows the same switch.
				if browsertest.Eval[bool](t, p, `!!document.querySelector('pre.chroma')`) {
					if got := browsertest.Eval[float64](t, p, themeLuminanceJS+`('pre.chroma')`) < 0.2; got != dark {
						t.Errorf("%s: code block dark = %v, want %v", when, got, dark)
					}
				}
			}
			themeOpen(t, p, home, "home")
			check("first visit, light system", "", "", false)
			p.Click(t, "#fg-theme-toggle")
			check("after toggling", "dark", "dark", true)
			themeOpen(t, p, faq, "faq")
			check("next page", "dark", "dark", true)
			themeOpen(t, p, faq, "faq")
			check("reload", "dark", "dark", true)
			authoring := strings.Replace(faq, "faq/tracking/", "authoring/callouts/", 1)
			p.Navigate(t, authoring)
			p.WaitFor(t, `document.readyState === 'complete'`)
			check("page with code", "dark", "dark", true)
			p.Click(t, "#fg-theme-toggle")
			check("toggled back", "light", "light", false)
			p.EmulateColorScheme(t, "dark")
			themeOpen(t, p, home, "home")
			check("stored light beats a dark system", "light", "light", false)
			browsertest.Eval[chromedp.Void](t, p, `localStorage.removeItem('fieldguide-theme')`)
			themeOpen(t, p, home, "home")
			check("no choice follows a dark system", "", "", true)
			p.EmulateColorScheme(t, "light")
			p.WaitFor(t, `document.getElementById('fg-theme-toggle').textContent.trim() === 'Dark theme'`)
			p.AssertNoConsoleErrors(t)
			p.AssertRequestsWithin(t, v.base)
		})
	}

	// Without JavaScript the toggle would be a dead control: it ships hidden.
	data, err := os.ReadFile(filepath.Join(guide(t, false), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`<button[^>]*id="fg-theme-toggle"[^>]*\shidden[\s>]`).Match(data) {
		t.Error("the theme toggle is not hidden until the script shows it")
	}
}

// TestThemePrint emulates print media: navigation and controls are gone,
// the page's URL is printed, external links show their address, and a
// decision tree prints its whole document view.
func TestThemePrint(t *testing.T) {
	t.Parallel()
	base := browsertest.Serve(t, guide(t, false))
	p := browsertest.NewPage(t)
	p.SetViewport(t, 1280, 900, false)
	shown := func(sel string) bool {
		t.Helper()
		return browsertest.Eval[bool](t, p, fmt.Sprintf(`(e => !!e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0)(document.querySelector(%q))`, sel))
	}
	hiddenInPrint := []string{".fg-nav", ".fg-search", "#fg-search-input", "#fg-theme-toggle", ".fg-sidebar", ".fg-skip", ".fg-prevnext", ".fg-breadcrumbs"}

	themeOpen(t, p, themePageNamed(t, "motion").url(base, false), "motion")
	for _, sel := range []string{".fg-nav", ".fg-search", "#fg-theme-toggle", ".fg-sidebar"} {
		if !shown(sel) {
			t.Errorf("screen: %s is not shown", sel)
		}
	}
	if shown(".fg-print-only") {
		t.Error("screen: the print-only footer line shows on screen")
	}
	p.EmulatePrint(t, true)
	for _, sel := range hiddenInPrint {
		if shown(sel) {
			t.Errorf("print: %s is shown", sel)
		}
	}
	for _, sel := range []string{"main h1", ".fg-content", ".fg-card-summary", ".fg-banner", ".fg-print-only"} {
		if !shown(sel) {
			t.Errorf("print: %s is not shown", sel)
		}
	}
	printed := browsertest.Eval[string](t, p, `document.querySelector('.fg-print-only').textContent.trim()`)
	want := "Printed from " + browsertest.Eval[string](t, p, `location.href.replace(/#.*$/, '')`)
	if printed != want {
		t.Errorf("print: footer says %q, want %q", printed, want)
	}
	ext := browsertest.Eval[[][2]string](t, p, `[...document.querySelectorAll('main a[href^="https:"]')].map(a => [a.href, getComputedStyle(a, '::after').content])`)
	if len(ext) == 0 {
		t.Error("the motion page has no external link to check")
	}
	for _, e := range ext {
		if !strings.Contains(e[1], "attr(href)") && !strings.Contains(e[1], e[0]) {
			t.Errorf("print: external link %s does not print its address (::after content %s)", e[0], e[1])
		}
	}
	internal := browsertest.Eval[[]string](t, p, `[...document.querySelectorAll('main a:not([href^="http"]):not(.fg-card a)')].map(a => getComputedStyle(a, '::after').content).filter(c => c !== 'none' && c !== 'normal')`)
	if len(internal) > 0 {
		t.Errorf("print: internal links print an address: %v", internal)
	}
	if got := browsertest.Eval[float64](t, p, themeLuminanceJS+`('main')`); got < 0.9 {
		t.Errorf("print: the page is not printed on white (luminance %.2f)", got)
	}
	p.EmulatePrint(t, false)
	if shown(".fg-print-only") || !shown(".fg-nav") {
		t.Error("back on screen: print styles still apply")
	}

	// Dark on screen still prints black on white.
	browsertest.Eval[chromedp.Void](t, p, `localStorage.setItem('fieldguide-theme', 'dark')`)
	themeOpen(t, p, base+"authoring/callouts/", "page")
	p.EmulatePrint(t, true)
	if got := browsertest.Eval[float64](t, p, themeLuminanceJS+`('main')`); got < 0.9 {
		t.Errorf("print from dark: not printed on white (luminance %.2f)", got)
	}
	if got := browsertest.Eval[float64](t, p, themeLuminanceJS+`('pre.chroma')`); got < 0.9 {
		t.Errorf("print from dark: code not printed on white (luminance %.2f)", got)
	}
	p.EmulatePrint(t, false)
	browsertest.Eval[chromedp.Void](t, p, `localStorage.removeItem('fieldguide-theme')`)

	// A decision tree prints every question and answer, not the wizard.
	themeOpen(t, p, themePageNamed(t, "tree").url(base, false), "tree")
	p.EmulatePrint(t, true)
	if !shown("#fg-tree-doc") || shown("#fg-wizard") {
		t.Error("print: a decision tree does not print its document view instead of the wizard")
	}
	if n := browsertest.Eval[int](t, p, `[...document.querySelectorAll('#fg-tree-doc .fg-step, #fg-tree-doc .fg-outcome')].filter(e => getComputedStyle(e).display === 'none').length`); n > 0 {
		t.Errorf("print: %d steps of the tree are hidden", n)
	}
	p.EmulatePrint(t, false)
	p.AssertNoConsoleErrors(t)
	p.AssertRequestsWithin(t, base)
}

// themeOverflowJS lists what sticks out of the viewport on the right and
// is not inside its own scroll container.
const themeOverflowJS = `((w) => {
	const out = [];
	for (const el of document.body.querySelectorAll('*')) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.right <= w + 1) continue;
		let p = el.parentElement, clipped = false;
		while (p && p !== document.body) {
			const o = getComputedStyle(p).overflowX;
			if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { clipped = true; break; }
			p = p.parentElement;
		}
		if (!clipped) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(r.right));
	}
	return out.slice(0, 8);
})`

// themeFocusJS describes how the focused element shows its focus: the
// outline (or, for a card's link, its card's outline; for a diagram's
// link, its shape's stroke) and its contrast with the page background.
const themeFocusJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body) return {Desc: 'body'};
	const parse = c => (c.match(/[\d.]+/g) || [0, 0, 0]).map(Number);
	const lum = c => { const m = parse(c); const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * lin(m[0]) + 0.7152 * lin(m[1]) + 0.0722 * lin(m[2]); };
	const bg = getComputedStyle(document.body).backgroundColor;
	let ring = el, width = 0, color = '';
	if (el.closest('.fg-card')) ring = el.closest('.fg-card');
	let cs = getComputedStyle(ring);
	if (cs.outlineStyle !== 'none') { width = parseFloat(cs.outlineWidth); color = cs.outlineColor; }
	else if (el instanceof SVGElement) {
		const shape = el.querySelector('rect, path');
		if (shape) { const s = getComputedStyle(shape); width = parseFloat(s.strokeWidth); color = s.stroke; }
	}
	const a = lum(bg), b = color ? lum(color) : a;
	const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	const r = el.getBoundingClientRect();
	return {Desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' ' + (el.textContent || '').trim().slice(0, 30),
		Width: width, Ratio: ratio, Visible: r.width > 0 && r.height > 0};
})()`

// TestThemeKeyboard tabs through pages in both themes: the skip link comes
// first and works, and every focused control shows a focus ring of at
// least 2 px with 3:1 contrast against the page.
func TestThemeKeyboard(t *testing.T) {
	t.Parallel()
	base := browsertest.Serve(t, guide(t, false))
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			t.Parallel()
			p := browsertest.NewPage(t)
			p.SetViewport(t, 1280, 900, false)
			p.EmulateColorScheme(t, scheme)
			names := []string{"faq", "scenarios", "home"}
			if scheme == "dark" {
				names = names[:2]
			}
			for _, name := range names {
				tp := themePageNamed(t, name)
				themeOpen(t, p, tp.url(base, false), tp.layout)
				type focus struct {
					Desc         string
					Width, Ratio float64
					Visible      bool
				}
				reached := map[string]bool{}
				for i := 0; i < 400; i++ {
					p.Press(t, kb.Tab)
					f := browsertest.Eval[focus](t, p, themeFocusJS)
					if i == 0 && (!strings.HasPrefix(f.Desc, "a.fg-skip") || !f.Visible) {
						t.Fatalf("%s: first Tab focuses %q (visible %v), want the skip link", name, f.Desc, f.Visible)
					}
					if f.Desc == "body" || (i > 0 && strings.HasPrefix(f.Desc, "a.fg-skip")) {
						break
					}
					reached[strings.Fields(f.Desc)[0]] = true
					if !f.Visible || f.Width < 2 || f.Ratio < 3 {
						t.Errorf("%s (%s): focus on %q is not visible enough (shown %v, ring %.1fpx, contrast %.2f:1)", name, scheme, f.Desc, f.Visible, f.Width, f.Ratio)
					}
				}
				for _, want := range []string{"input#fg-search-input.fg-search-input", "button#fg-theme-toggle.fg-theme-toggle", "a.fg-brand"} {
					if !reached[want] {
						t.Errorf("%s: Tab never reaches %s", name, want)
					}
				}
				if name == "scenarios" && !reached["div.fg-matrix-wrap"] {
					t.Errorf("scenarios: the matrix's scroll region is not reachable by keyboard")
				}
				// The skip link moves focus to the content.
				themeOpen(t, p, tp.url(base, false), tp.layout)
				p.Press(t, kb.Tab)
				p.Press(t, kb.Enter)
				p.WaitFor(t, `document.activeElement && document.activeElement.id === 'main' && location.hash === '#main'`)
			}
			p.AssertNoConsoleErrors(t)
			p.AssertRequestsWithin(t, base)
		})
	}
}

// Size budgets (gzip -9 bytes).
const (
	themeBudgetAssets     = 30 * 1024 // all theme CSS and JS together
	themeBudgetPage       = 60 * 1024 // a typical page with everything it loads
	themeBudgetOwnCSS     = 8 * 1024  // fieldguide.css
	themeBudgetOwnJS      = 3 * 1024  // fieldguide.js: theme toggle, phone menu, on-this-page rail
	themeBudgetPrintCSS   = 2 * 1024  // print.css
	themeBudgetMatrixPage = 80 * 1024 // the scenarios matrix repeats eight pages' bodies
)

func gzipSize(t *testing.T, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

var themeLoadRef = regexp.MustCompile(`<(?:link[^>]*\srel="(?:stylesheet|icon)"[^>]*\shref|script[^>]*\ssrc)="([^"]+)"`)

// TestThemeSizes measures the theme's CSS and JS and what each page type
// loads, gzipped, against the budgets of issue 3, and logs the figures.
func TestThemeSizes(t *testing.T) {
	t.Parallel()
	dir := guide(t, false)
	assets := filepath.Join(dir, "assets")
	total := 0
	for _, name := range []string{"fieldguide.css", "print.css", "fieldguide.js", "search.css", "search.js", "tree.css", "tree.js"} {
		data, err := os.ReadFile(filepath.Join(assets, name))
		if os.IsNotExist(err) && !strings.HasPrefix(name, "fieldguide") && name != "print.css" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		n := gzipSize(t, data)
		total += n
		t.Logf("%-15s %6d bytes, %5d gzipped", name, len(data), n)
		limit := map[string]int{"fieldguide.css": themeBudgetOwnCSS, "fieldguide.js": themeBudgetOwnJS, "print.css": themeBudgetPrintCSS}[name]
		if limit > 0 && n > limit {
			t.Errorf("%s is %d bytes gzipped, over its budget of %d", name, n, limit)
		}
	}
	t.Logf("theme CSS+JS: %d bytes gzipped (budget %d)", total, themeBudgetAssets)
	if total > themeBudgetAssets {
		t.Errorf("theme CSS and JS weigh %d bytes gzipped, over the budget of %d", total, themeBudgetAssets)
	}

	for _, tp := range themePages {
		file := filepath.Join(dir, filepath.FromSlash(tp.path))
		if tp.path == "" || strings.HasSuffix(tp.path, "/") {
			file = filepath.Join(file, "index.html")
		}
		html, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sum := gzipSize(t, html)
		parts := []string{fmt.Sprintf("html %d", sum)}
		for _, m := range themeLoadRef.FindAllSubmatch(html, -1) {
			ref := string(m[1])
			data, err := os.ReadFile(filepath.Join(filepath.Dir(file), filepath.FromSlash(path.Clean(ref))))
			if err != nil {
				t.Errorf("%s: loads %s: %v", tp.name, ref, err)
				continue
			}
			n := gzipSize(t, data)
			sum += n
			parts = append(parts, fmt.Sprintf("%s %d", path.Base(ref), n))
		}
		budget := themeBudgetPage
		if tp.layout == "scenarios" {
			budget = themeBudgetMatrixPage
		}
		t.Logf("%-9s %6d bytes gzipped with what it loads (%s)", tp.name, sum, strings.Join(parts, ", "))
		if sum > budget {
			t.Errorf("%s page weighs %d bytes gzipped with what it loads, over the budget of %d", tp.name, sum, budget)
		}
	}
}
