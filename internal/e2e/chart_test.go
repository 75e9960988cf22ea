package e2e

import (
	"fmt"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// chartFitJS lists, for every flowchart on the page, the labels whose text
// overflows its box as drawn with the fonts this machine has (Debian's
// Chromium falls back to DejaVu Sans, wider than the faces the layout was
// first tuned on), and whether the chart is clipped in a box narrower than
// the space the page has for it.
const chartFitJS = `(() => {
	const out = {Overflows: [], Clipped: [], Charts: 0};
	for (const svg of document.querySelectorAll('svg.fg-flowchart')) {
		out.Charts++;
		for (const g of svg.querySelectorAll('g.fg-node, g.fg-edge-label')) {
			const box = g.querySelector('rect, path'), text = g.querySelector('text');
			if (!box || !text) continue;
			const b = box.getBBox(), tb = text.getBBox();
			if (tb.x < b.x - 0.5 || tb.x + tb.width > b.x + b.width + 0.5 || tb.y < b.y - 0.5 || tb.y + tb.height > b.y + b.height + 0.5)
				out.Overflows.push(text.textContent + ': text ' + Math.round(tb.width) + 'x' + Math.round(tb.height) + ' in a box ' + Math.round(b.width) + 'x' + Math.round(b.height));
		}
		const fig = svg.parentElement, main = document.querySelector('.fg-main');
		if (fig.scrollWidth > fig.clientWidth + 1 && fig.getBoundingClientRect().width < main.clientWidth - 2)
			out.Clipped.push('a chart ' + fig.scrollWidth + ' px wide in a ' + Math.round(fig.getBoundingClientRect().width) + ' px box, the column being ' + main.clientWidth + ' px');
	}
	return out;
})()`

// TestChartsFit: on every decision tree and on a page with diagrams, at a
// phone's and a laptop's width, no label's text overflows its box, and a
// chart scrolls inside its box only when it is wider than the whole column.
func TestChartsFit(t *testing.T) {
	t.Parallel()
	base := browsertest.ServeAt(t, guide(t, false), "/g/")
	pages := []string{"trees/csp-scenario/", "trees/engagement-or-milestone/", "trees/low-consumption-coverage/", "trees/milestone-value/", "trees/technical-resource-request/", "authoring/diagrams/", "faq/working-across-roles/"}
	for _, size := range []struct {
		w, h   int64
		mobile bool
	}{{390, 844, true}, {1366, 900, false}} {
		t.Run(fmt.Sprint(size.w), func(t *testing.T) {
			t.Parallel()
			p := browsertest.NewPage(t)
			p.SetViewport(t, size.w, size.h, size.mobile)
			for _, path := range pages {
				p.Navigate(t, base+path)
				p.WaitFor(t, `document.readyState === 'complete' && document.fonts.status === 'loaded'`)
				type fit struct {
					Overflows, Clipped []string
					Charts             int
				}
				f := browsertest.Eval[fit](t, p, chartFitJS)
				if f.Charts == 0 {
					t.Errorf("%s: no chart", path)
				}
				for _, o := range f.Overflows {
					t.Errorf("%s at %d px: label overflows: %s", path, size.w, o)
				}
				for _, c := range f.Clipped {
					t.Errorf("%s at %d px: clipped with space beside it: %s", path, size.w, c)
				}
			}
		})
	}
}
