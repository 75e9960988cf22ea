package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// TestScreenNoShiftFromLateScripts: the scripts that draw part of a page
// (the tree wizard, search results) are deferred, so on a slow phone the
// page is painted before they run. The server here holds them back until
// the page has painted, then lets them run: what they draw must not move
// what the reader already sees (layout shift at most 0.05), at a phone's
// and a laptop's size.
func TestScreenNoShiftFromLateScripts(t *testing.T) {
	t.Parallel()
	files := http.FileServer(http.Dir(guide(t, false)))
	var mu sync.Mutex
	gates := map[string]chan struct{}{}
	gate := func(page string) chan struct{} {
		mu.Lock()
		defer mu.Unlock()
		if gates[page] == nil {
			gates[page] = make(chan struct{})
		}
		return gates[page]
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/assets/tree.js") || strings.HasSuffix(r.URL.Path, "/assets/search.js") {
			// Held until the test has seen the page that asked painted.
			select {
			case <-gate(r.Header.Get("Referer")):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	base := srv.URL + "/"

	for _, pg := range []struct{ name, path, ready string }{
		{"tree", "trees/csp-scenario/", `document.querySelector('.fg-wz-options')`},
		{"search", "search/?q=milestone", `document.querySelector('#search-results > li')`},
		{"faq", "faq/tracking/", `true`},
	} {
		for _, size := range []struct {
			w, h   int64
			mobile bool
		}{{390, 844, true}, {1366, 900, false}} {
			t.Run(fmt.Sprintf("%s-%d", pg.name, size.w), func(t *testing.T) {
				t.Parallel()
				p := browsertest.NewPage(t)
				p.SetViewport(t, size.w, size.h, size.mobile)
				p.AddScriptBeforeLoad(t, clsJS)
				// A page per subtest and size, so each has its own gate.
				u := base + pg.path
				if strings.Contains(u, "?") {
					u += fmt.Sprintf("&w=%d", size.w)
				} else {
					u += fmt.Sprintf("?w=%d", size.w)
				}
				browsertest.Eval[bool](t, p, fmt.Sprintf(`(location.href = %q, true)`, u))
				p.WaitFor(t, fmt.Sprintf(`location.href === %q && performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')`, u))
				close(gate(u))
				p.WaitFor(t, `document.readyState === 'complete' && `+pg.ready)
				p.WaitFor(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
				cls := browsertest.Eval[float64](t, p, `window.__fgCLS`)
				t.Logf("%s at %d px, scripts run after the first paint: CLS %.3f", pg.path, size.w, cls)
				if cls > 0.05 {
					t.Errorf("%s at %dx%d: the late scripts shift the page by %.3f, want at most 0.05: %v", pg.path, size.w, size.h, cls, browsertest.Eval[[]string](t, p, `window.__fgShifts`))
				}
			})
		}
	}
}
