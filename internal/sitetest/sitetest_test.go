package sitetest

import (
	"os"
	"path/filepath"
	"testing"
)

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteSaveReplace(t *testing.T) {
	dir := t.TempDir()
	WriteArchive(t, dir, "-- site.toml --\ntitle = \"T\"\n-- content/faq/a.md --\nold text\n")
	Save(t, dir, "content/faq/a.md", "saved text\n")
	Replace(t, dir, "content/faq/a.md", "saved", "replaced")
	if got := read(t, dir, "content/faq/a.md"); got != "replaced text\n" {
		t.Errorf("a.md = %q", got)
	}
	Save(t, dir, "content/new/b.md", "new\n") // creates its folder
	if got := read(t, dir, "content/new/b.md"); got != "new\n" {
		t.Errorf("b.md = %q", got)
	}
	// Save leaves no temporary file behind, and the file readable.
	for _, folder := range []string{"content/faq", "content/new"} {
		entries, err := os.ReadDir(filepath.Join(dir, folder))
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			t.Errorf("%s holds %d files, want 1", folder, len(entries))
		}
		info, err := entries[0].Info()
		if err != nil || info.Mode().Perm() != 0o644 {
			t.Errorf("%s/%s: mode %v, %v", folder, entries[0].Name(), info.Mode(), err)
		}
	}
	// Save replaces the file (a new inode, as editors' safe writes do).
	before, _ := os.Stat(filepath.Join(dir, "content/faq/a.md"))
	Save(t, dir, "content/faq/a.md", "again\n")
	after, _ := os.Stat(filepath.Join(dir, "content/faq/a.md"))
	if os.SameFile(before, after) {
		t.Error("Save wrote in place")
	}
}

func TestCopySite(t *testing.T) {
	from, to := t.TempDir(), t.TempDir()
	WriteFiles(t, from, map[string]string{"site.toml": "title = \"T\"\n", "content/_index.md": "home\n", "public/x.html": "out"})
	CopySite(t, from, to, "site.toml", "content")
	if read(t, to, "site.toml") != "title = \"T\"\n" || read(t, to, "content/_index.md") != "home\n" {
		t.Error("copy differs")
	}
	if _, err := os.Stat(filepath.Join(to, "public")); !os.IsNotExist(err) {
		t.Error("copied a folder it was not asked for")
	}
}
