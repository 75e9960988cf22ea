package pipeline

import (
	"testing"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestRebuildAfterErrors: a rebuild that finds errors rebuilds the graph
// but publishes nothing; the fix that follows must render what that graph
// changed (here: c is no longer linked from a), not only the fixed page.
func TestRebuildAfterErrors(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, map[string]string{
		"content/_index.md": "+++\ntitle = \"Home\"\n+++\nSee [a](faq/a.md) and [c](faq/c.md).\n",
		"content/faq/a.md":  "+++\ntitle = \"A\"\n+++\n## Who?\n\nSee [c](c.md).\n",
		"content/faq/c.md":  "+++\ntitle = \"C\"\n+++\n## What?\n\nC.\n",
	})
	m := newIncMirror(t, dir)
	m.edit("content/faq/a.md", "See [c](c.md).", "Gone.\n\n> [!WARN]\n> x")
	if _, err := m.rebuild("content/faq/a.md"); err == nil {
		t.Fatal("want an error")
	}
	m.edit("content/faq/a.md", "[!WARN]", "[!WARNING]")
	if _, err := m.rebuild("content/faq/a.md"); err != nil {
		t.Fatal(err)
	}
	m.check("fixed")
}
