package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPDFPages(t *testing.T) {
	t.Parallel()
	tree := func(count string, kids ...string) string {
		return "1 0 obj\n<</Type /Pages\n/Count " + count + "\n/Kids [" + strings.Join(kids, " ") + "]>>\nendobj\n"
	}
	page := func(n string) string {
		return n + " 0 obj\n<</Type /Page\n/Parent 1 0 R\n/MediaBox [0 0 595 842]>>\nendobj\n"
	}
	for _, tc := range []struct {
		name string
		pdf  string
		want int // 0: an error
	}{
		{"one page", "%PDF-1.4\n" + tree("1", "2 0 R") + page("2"), 1},
		{"three pages", "%PDF-1.4\n" + tree("3", "2 0 R", "3 0 R", "4 0 R") + page("2") + page("3") + page("4"), 3},
		{"no space after /Type", "%PDF-1.4\n1 0 obj <</Type/Pages/Count 2>> endobj 2 0 obj <</Type/Page>> endobj 3 0 obj <</Type/Page/Parent 1 0 R>> endobj", 2},
		{"nested page tree", "%PDF-1.4\n" + tree("2", "5 0 R") + "5 0 obj\n<</Type /Pages /Parent 1 0 R /Count 2>>\nendobj\n" + page("2") + page("3"), 2},
		{"count disagrees", "%PDF-1.4\n" + tree("3", "2 0 R") + page("2") + page("3"), 0},
		{"no page tree", "%PDF-1.4\n" + page("2"), 0},
		{"no pages", "%PDF-1.4\n" + tree("0"), 0},
		{"not a PDF", "<html>/Type /Page</html>", 0},
	} {
		got, err := PDFPages([]byte(tc.pdf))
		if tc.want == 0 && err == nil {
			t.Errorf("%s: %d pages, want an error", tc.name, got)
		}
		if tc.want != 0 && (err != nil || got != tc.want) {
			t.Errorf("%s: %d pages (%v), want %d", tc.name, got, err, tc.want)
		}
	}
}

// TestPDF: Chromium's own PDFs count right: one sheet, and three sheets
// forced by page breaks.
func TestPDF(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	doc := func(sheets int) string {
		body := strings.Repeat(`<p style="break-after: page">A sheet.</p>`, sheets-1) + "<p>The last sheet.</p>"
		return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PDF</title></head><body>` + body + `</body></html>`
	}
	for _, n := range []int{1, 3} {
		name := filepath.Join(dir, strings.Repeat("x", n)+".html")
		if err := os.WriteFile(name, []byte(doc(n)), 0o644); err != nil {
			t.Fatal(err)
		}
		p := NewPage(t)
		p.Navigate(t, FileURL(t, name))
		got, err := PDFPages(p.PDF(t))
		if err != nil || got != n {
			t.Errorf("a document of %d sheets prints on %d pages (%v)", n, got, err)
		}
	}
}
