package e2e

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/pipeline"
)

// TestScreenAnswerFirstGenerated makes TestScreenAnswerFirst's promise on a
// site the tool generates (cmd/gencorpus's corpus), not only on the guide
// the theme was tuned with: at 390x844 a FAQ topic's first question, a
// scenario's seller section and a tree's first choices start on the first
// screen, and the page does not shift as its scripts run.
func TestScreenAnswerFirstGenerated(t *testing.T) {
	t.Parallel()
	tabs := browsertest.NewTabs(t, 2)
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	if err := corpus.Generate(src, 120, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: src, Destination: out}); err != nil {
		t.Fatal(err)
	}
	base := browsertest.ServeAt(t, out, "/generated/")
	pages := []struct{ path, layout, selector string }{
		{"faq/group-001/faq-00001/", "faq", ".fg-question"},
		{"scenarios/group-001/scenario-00001/", "scenario", ".fg-part-actions"},
		{"trees/tree-1/", "tree", ".fg-wz-options"},
	}
	for _, pg := range pages {
		t.Run(pg.layout, func(t *testing.T) {
			t.Parallel()
			p := tabs.Take(t)
			p.SetViewport(t, 390, 844, true)
			p.AddScriptBeforeLoad(t, clsJS)
			themeOpen(t, p, base+pg.path, pg.layout)
			top := browsertest.Eval[float64](t, p, `(() => { const e = document.querySelector('`+pg.selector+`'); return e ? e.getBoundingClientRect().top + scrollY : -1; })()`)
			if top < 0 || top >= 844 {
				t.Errorf("%s at 390x844: first answer (%s) starts at %.0f px, want within the first 844 px", pg.path, pg.selector, top)
			}
			p.WaitFor(t, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
			cls := browsertest.Eval[float64](t, p, `window.__fgCLS`)
			if cls > 0.05 {
				t.Errorf("%s at 390x844: cumulative layout shift %.3f, want at most 0.05", pg.path, cls)
			}
			t.Logf("%s: first answer at %.0f px, CLS %.3f", pg.path, top, cls)
		})
	}
}
