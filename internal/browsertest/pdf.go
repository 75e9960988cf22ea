package browsertest

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

var (
	pdfPageObject = regexp.MustCompile(`/Type\s*/Page\b`)
	pdfPagesTree  = regexp.MustCompile(`/Type\s*/Pages\b`)
	pdfCount      = regexp.MustCompile(`/Count\s+(\d+)`)
)

// PDFPages counts the pages of a PDF as Chromium writes it (objects in the
// clear, not in compressed object streams): its /Type /Page objects, which
// must agree with the /Count of its page tree's root, the largest /Count
// of a /Type /Pages node. Disagreement, or no pages, is an error: the file
// is not one this counter can read.
func PDFPages(pdf []byte) (int, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, fmt.Errorf("not a PDF file")
	}
	objects := bytes.Split(pdf, []byte("endobj"))
	pages, root := 0, -1
	for _, obj := range objects {
		pages += len(pdfPageObject.FindAll(obj, -1))
		if pdfPagesTree.Match(obj) {
			if m := pdfCount.FindSubmatch(obj); m != nil {
				n, err := strconv.Atoi(string(m[1]))
				if err != nil {
					return 0, fmt.Errorf("page tree count %q: %v", m[1], err)
				}
				root = max(root, n)
			}
		}
	}
	switch {
	case pages == 0:
		return 0, fmt.Errorf("no /Type /Page object")
	case root < 0:
		return 0, fmt.Errorf("no /Type /Pages tree with a /Count")
	case root != pages:
		return 0, fmt.Errorf("%d /Type /Page objects, but the page tree counts %d", pages, root)
	}
	return pages, nil
}
