package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// TestScreenPhoneHeader: on a phone the header shows the whole site name
// (wrapped, never cut; below 384 px the logo alone, the name kept for
// screen readers), search and Menu on one row, and the theme switch is in
// the menu, naming what it does.
func TestScreenPhoneHeader(t *testing.T) {
	t.Parallel()
	base := browsertest.ServeAt(t, guide(t, false), "/g/")
	for _, w := range []int64{414, 390, 360} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			p := browsertest.NewPage(t)
			p.SetViewport(t, w, 844, true)
			p.EmulateColorScheme(t, "light")
			tp := themePageNamed(t, "faq")
			themeOpen(t, p, tp.url(base, false), tp.layout)
			type header struct {
				Name                  string
				Cut, Hidden           bool
				Rows, SearchW, Height float64
			}
			h := browsertest.Eval[header](t, p, `(() => {
				const n = document.querySelector('.fg-brand-name'), s = document.querySelector('.fg-header .fg-search-input'), m = document.getElementById('fg-menu-button');
				const tops = new Set([n, s, m].map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
				return {Name: n.textContent, Cut: n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1, Hidden: n.getBoundingClientRect().width < 2,
					Rows: Math.max(...tops) - Math.min(...tops), SearchW: s.getBoundingClientRect().width, Height: document.querySelector('.fg-header').getBoundingClientRect().height};
			})()`)
			if h.Hidden && w >= 384 || !h.Hidden && h.Cut {
				t.Errorf("at %d px the site name %q is cut or hidden: %+v", w, h.Name, h)
			}
			if h.Rows > 4 || h.SearchW < 90 || h.Height > 64 {
				t.Errorf("at %d px the header is not one compact row with room to search: %+v", w, h)
			}
			p.Click(t, "#fg-menu-button")
			p.WaitFor(t, `document.querySelector('#fg-menu .fg-theme-toggle')?.checkVisibility()`)
			if got := browsertest.Eval[string](t, p, `document.querySelector('#fg-menu .fg-theme-toggle').textContent.trim()`); got != "Dark theme" {
				t.Errorf("the menu's theme switch says %q on a light page, want %q", got, "Dark theme")
			}
			p.Click(t, "#fg-menu .fg-theme-toggle")
			if !themeIsDark(t, p) || browsertest.Eval[string](t, p, `document.querySelector('#fg-menu .fg-theme-toggle').textContent.trim()`) != "Light theme" {
				t.Error("the menu's theme switch did not switch to dark, or does not then offer the light theme")
			}
		})
	}
}

// TestScreenListingsOnce: section index pages say they are sections, not
// one of their pages (/scenarios/ is not a "Scenario"), so do the lists
// linking to them, and the home page,
// whose text links every section, does not list them again.
func TestScreenListingsOnce(t *testing.T) {
	t.Parallel()
	base := browsertest.ServeAt(t, guide(t, false), "/g/")
	p := browsertest.NewPage(t)
	for _, path := range []string{"scenarios/", "faq/", "trees/", "motions/", "roles/"} {
		p.Navigate(t, base+path)
		if got := browsertest.Eval[string](t, p, `document.querySelector('.fg-page-header .fg-kind').textContent`); got != "Section" {
			t.Errorf("%s: badge %q, want Section", path, got)
		}
	}
	// Lists of related pages badge a section as one too.
	p.Navigate(t, base+"trees/csp-scenario/")
	if got := browsertest.Eval[[]string](t, p, `[...document.querySelectorAll('main li')].filter(li => li.querySelector('a[href$="scenarios/"]') && li.querySelector('.fg-badge')).map(li => li.querySelector('.fg-badge').textContent)`); len(got) == 0 || slices.ContainsFunc(got, func(b string) bool { return b != "Section" }) {
		t.Errorf("trees/csp-scenario/: the link to the scenarios section is badged %q, want Section", got)
	}
	p.Navigate(t, base)
	type link struct{ Href, Where string }
	links := browsertest.Eval[[]link](t, p, `[...document.querySelectorAll('main a')].map(a => ({Href: a.getAttribute('href'), Where: a.closest('.fg-cards') ? 'cards' : 'text'}))`)
	sections := browsertest.Eval[[]string](t, p, `[...document.querySelectorAll('.fg-nav a')].map(a => a.getAttribute('href'))`)
	for _, s := range sections {
		if s == "whats-new/" {
			continue
		}
		n := 0
		for _, l := range links {
			if l.Href == s || strings.TrimSuffix(l.Href, "index.html") == s {
				n++
			}
		}
		if n != 1 {
			t.Errorf("home: section %s is listed %d times in the page, want once", s, n)
		}
	}
}
