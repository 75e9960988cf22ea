//go:build unix

package serve

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestProblemsNeverQuoteThroughLinksOrFIFOs: the overlay shows source
// lines in the browser, so a diagnostic on a link out of the site (its
// target would be a secret) or on a FIFO (reading it would block the
// server) shows none; control characters in the source are escaped in the
// terminal.
func TestProblemsNeverQuoteThroughLinksOrFIFOs(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret")
	sitetest.WriteFile(t, filepath.Dir(secret), "secret", "TOKEN=1\n")
	sitetest.WriteFile(t, dir, "content/x.md", "one \x1b[2Jtwo\n")
	if err := os.Symlink(secret, filepath.Join(dir, "content", "leak.md")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "pipe.md"), 0o644); err != nil {
		t.Skip("FIFOs unsupported:", err)
	}
	ps := Problems(dir, []diag.Diagnostic{
		{Path: "content/leak.md", Pos: diag.Pos{Line: 1}, Message: "link"},
		{Path: "content/pipe.md", Pos: diag.Pos{Line: 1}, Message: "fifo"},
		{Path: "content/x.md", Pos: diag.Pos{Line: 1, Col: 2}, Message: "bad \x1b]0;title\a"},
	}, false)
	if ps[0].Context != nil || ps[1].Context != nil {
		t.Errorf("context read through a link or a FIFO: %+v", ps[:2])
	}
	var b strings.Builder
	Print(&b, ps[2:])
	if strings.ContainsAny(b.String(), "\x1b\a") {
		t.Errorf("raw escapes printed: %q", b.String())
	}
}
