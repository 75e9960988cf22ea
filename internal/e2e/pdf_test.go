package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// maxScenarioSheets: a scenario goes into a meeting on at most two sheets.
const maxScenarioSheets = 2

// scenarioPages lists the shipped guide's scenario pages ("scenarios/x/").
func scenarioPages(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "scenarios"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		html, err := os.ReadFile(filepath.Join(dir, "scenarios", e.Name(), "index.html"))
		if err == nil && strings.Contains(string(html), `data-fg-layout="scenario"`) {
			out = append(out, "scenarios/"+e.Name()+"/")
		}
	}
	if len(out) < 8 {
		t.Fatalf("found %d scenario pages (%v), want the guide's eight", len(out), out)
	}
	return out
}

// printChecks: in print media, what must not print (navigation and
// controls) and the three parts of a scenario, each whole and readable.
const printChecks = `(() => {
	const shown = el => el && getComputedStyle(el).display !== "none" && el.getClientRects().length > 0;
	const chrome = Array.from(document.querySelectorAll(".fg-nav, .fg-tools, .fg-sidebar, .fg-breadcrumbs, .fg-menu, .fg-menu-button, .fg-prevnext, .fg-toc, .fg-feedback, .fg-visit, .fg-footer-links")).filter(shown).map(el => el.className);
	const parts = ["what-the-seller-does", "seller-mindset", "what-the-partner-does"].map(id => {
		const h = document.getElementById(id), part = h && (h.closest(".fg-part") || h.parentElement);
		const text = part ? Array.from(part.querySelectorAll("p, li")).filter(shown) : [];
		const small = text.filter(el => parseFloat(getComputedStyle(el).fontSize) < 12).length;
		return id + (shown(h) ? "" : " hidden") + (text.length ? "" : " empty") + (small ? " small" : "");
	});
	return {chrome, parts};
})()`

// TestScenarioPDF prints every scenario of the shipped guide as a reader's
// Save as PDF would (A4, default margins, print media) and counts its
// pages: at most two, without navigation, its three parts shown in
// readable type. It also prints print/ whole.
func TestScenarioPDF(t *testing.T) {
	t.Parallel()
	dir := guide(t, false)
	base := browsertest.Serve(t, dir)
	p := browsertest.NewPage(t)
	for _, page := range scenarioPages(t, dir) {
		p.Navigate(t, base+page)
		p.WaitFor(t, `document.readyState === "complete" && document.fonts.status === "loaded"`)
		n, err := browsertest.PDFPages(p.PDF(t))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		t.Logf("%s: %d A4 pages", page, n)
		if n > maxScenarioSheets {
			t.Errorf("%s prints on %d A4 pages, want at most %d", page, n, maxScenarioSheets)
		}
		p.EmulatePrint(t, true)
		got := browsertest.Eval[struct {
			Chrome []string
			Parts  []string
		}](t, p, printChecks)
		p.EmulatePrint(t, false)
		if len(got.Chrome) > 0 {
			t.Errorf("%s prints navigation or controls: %v", page, got.Chrome)
		}
		for _, part := range got.Parts {
			if strings.Contains(part, " ") {
				t.Errorf("%s: part %s", page, part)
			}
		}
	}
	p.AssertNoConsoleErrors(t)
}

// TestPrintDocumentPDF: print/ and print/scenarios/ render to PDF without
// error, each page of the guide starting a sheet, so a document has at
// least as many sheets as pages.
func TestPrintDocumentPDF(t *testing.T) {
	t.Parallel()
	dir := guide(t, false)
	base := browsertest.Serve(t, dir)
	p := browsertest.NewPage(t)
	for _, doc := range []string{"print/", "print/scenarios/"} {
		p.Navigate(t, base+doc)
		p.WaitFor(t, `document.readyState === "complete"`)
		parts := browsertest.Eval[int](t, p, `document.querySelectorAll(".fg-print-page").length`)
		n, err := browsertest.PDFPages(p.PDF(t))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		t.Logf("%s: %d guide pages on %d A4 pages", doc, parts, n)
		if parts < 2 || n < parts {
			t.Errorf("%s: %d guide pages printed on %d A4 pages, want at least one each", doc, parts, n)
		}
	}
	p.AssertNoConsoleErrors(t)
	p.AssertRequestsWithin(t, base)
}
