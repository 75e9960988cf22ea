// Package sitetest writes site folders for tests: files from a map or a
// txtar archive, edits to them, and copies of the shipped guide. Names are
// slash-separated and relative to the site folder.
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// WriteFile writes one file, creating its folders.
func WriteFile(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Save writes one file the way most editors save: a hidden temporary file
// next to it, renamed over it. A watcher never sees it half written, as
// it can with WriteFile (truncate, then write), so a test of a running
// preview gets one change per save.
func Save(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
		t.Fatal(err)
	}
}

// WriteFiles writes every file of files (name -> content).
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		WriteFile(t, dir, name, data)
	}
}

// WriteArchive writes the files of a txtar archive.
func WriteArchive(t testing.TB, dir, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		WriteFile(t, dir, f.Name, string(f.Data))
	}
}

// Replace replaces the first old in a file by new, saving it as Save
// does; the test fails when the file lacks old, so an edit that silently
// does nothing cannot pass.
func Replace(t testing.TB, dir, name, old, new string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), old) {
		t.Fatalf("%s lacks %q", name, old)
	}
	Save(t, dir, name, strings.Replace(string(src), old, new, 1))
}

// CopySite copies the named files and folders of from (for example
// "site.toml" and "content" of the shipped guide) into to.
func CopySite(t testing.TB, from, to string, names ...string) {
	t.Helper()
	for _, name := range names {
		src := filepath.Join(from, filepath.FromSlash(name))
		info, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if info.IsDir() {
			err = os.CopyFS(filepath.Join(to, filepath.FromSlash(name)), os.DirFS(src))
		} else {
			var data []byte
			if data, err = os.ReadFile(src); err == nil {
				WriteFile(t, to, name, string(data))
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
