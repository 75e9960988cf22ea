package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestNewStaysInsideContent checks `new` never writes outside content/:
// not through "..", an absolute name, nor a symbolic link to a folder
// elsewhere; and that a link to a folder inside the site still works.
func TestNewStaysInsideContent(t *testing.T) {
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	sitetest.WriteFile(t, site, "content/_index.md", "+++\ntitle = \"Home\"\n+++\nHi.\n")
	sitetest.WriteFile(t, site, "shared/keep.txt", "x")
	outside := filepath.Join(parent, "outside")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(site, "content", "out")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	if err := os.Symlink(filepath.Join("..", "shared"), filepath.Join(site, "content", "in")); err != nil {
		t.Fatal(err)
	}
	refused := []struct {
		name string
		code int
	}{
		{"../x", 2}, {"a/../../y", 2}, {"a/../../../z", 2}, {filepath.Join(parent, "abs"), 2},
		{"out/leak", 1}, {"out/deeper/leak", 1},
	}
	for _, c := range refused {
		_, errs, code := runCLI(t, "new", "--source", site, "page", c.name)
		if code != c.code || !strings.Contains(errs, "outside") {
			t.Errorf("new page %s: exit %d, want %d with an error saying it leads outside:\n%s", c.name, code, c.code, errs)
		}
	}
	var written []string
	_ = filepath.WalkDir(parent, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			written = append(written, p)
		}
		return nil
	})
	if len(written) != 1 {
		t.Errorf("refused names wrote files: %v", written)
	}
	if out, errs, code := runCLI(t, "new", "--source", site, "page", "in/ok"); code != 0 || !strings.Contains(out, "content/in/ok.md") {
		t.Errorf("a link to a folder inside the site should work: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(site, "shared", "ok.md")); err != nil {
		t.Error(err)
	}
	if out, errs, code := runCLI(t, "new", "--source", site, "page", "a/../b/c"); code != 0 || !strings.Contains(out, filepath.Join("content", "b", "c.md")) {
		t.Errorf("a name that stays inside after cleaning is fine: %d %q %q", code, out, errs)
	}
}

// TestDestinationInsideContentRefused: --destination inside content/ used
// to copy the last build into itself on every run (out/out/out).
func TestDestinationInsideContentRefused(t *testing.T) {
	site := t.TempDir()
	sitetest.WriteFile(t, site, "content/_index.md", "+++\ntitle = \"Home\"\n+++\nHi.\n")
	for _, dest := range []string{"content/out", "content", "static/out"} {
		_, errs, code := runCLI(t, "build", "--source", site, "--destination", filepath.Join(site, dest))
		if code != 1 || !strings.Contains(errs, "refusing to write the site into") {
			t.Errorf("--destination %s: exit %d, %q", dest, code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content", "out")); !os.IsNotExist(err) {
		t.Errorf("content/out was written: %v", err)
	}
}
