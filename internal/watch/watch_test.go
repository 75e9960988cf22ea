package watch

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content/faq", "static", "layouts"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sitetest.WriteFile(t, dir, "content/faq/x.md", "+++\ntitle = \"X\"\n+++\nOld.\n")
	sitetest.WriteFile(t, dir, "site.toml", "title = \"T\"\n")
	return dir
}

func rename(t *testing.T, dir, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T, dir string) *Watcher {
	t.Helper()
	w, err := New(dir, Options{Quiet: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// collect returns the batches that arrive until quiet has passed without
// one (after the first, which must come within 3 s).
func collect(t *testing.T, w *Watcher, quiet time.Duration) []Batch {
	t.Helper()
	var out []Batch
	timeout := time.After(3 * time.Second)
	for {
		select {
		case b := <-w.Batches():
			out = append(out, b)
			timeout = time.After(quiet)
		case <-timeout:
			return out
		}
	}
}

// TestEditorSavePatterns: however an editor saves, one batch names the
// file, and its temporary files are never mentioned.
func TestEditorSavePatterns(t *testing.T) {
	const x = "content/faq/x.md"
	const body = "+++\ntitle = \"X\"\n+++\nNew.\n"
	tests := []struct {
		name string
		save func(t *testing.T, dir string)
	}{
		{"write in place", func(t *testing.T, dir string) { sitetest.WriteFile(t, dir, x, body) }},
		{"temporary file and rename", func(t *testing.T, dir string) {
			sitetest.WriteFile(t, dir, "content/faq/.x.md.tmp.4711", body)
			rename(t, dir, "content/faq/.x.md.tmp.4711", x)
		}},
		{"delete and recreate", func(t *testing.T, dir string) {
			remove(t, dir, x)
			time.Sleep(5 * time.Millisecond)
			sitetest.WriteFile(t, dir, x, body)
		}},
		{"vim with backup and swap files", func(t *testing.T, dir string) {
			sitetest.WriteFile(t, dir, "content/faq/.x.md.swp", "swap")
			sitetest.WriteFile(t, dir, "content/faq/4913", "")
			remove(t, dir, "content/faq/4913")
			rename(t, dir, x, "content/faq/x.md~")
			sitetest.WriteFile(t, dir, x, body)
			remove(t, dir, "content/faq/x.md~")
			sitetest.WriteFile(t, dir, "content/faq/.x.md.swp", "swap again")
		}},
		{"VS Code safe write", func(t *testing.T, dir string) {
			sitetest.WriteFile(t, dir, "content/faq/x.md.tmp", body)
			rename(t, dir, "content/faq/x.md.tmp", x)
		}},
		{"JetBrains safe write", func(t *testing.T, dir string) {
			sitetest.WriteFile(t, dir, "content/faq/x.md___jb_tmp___", body)
			rename(t, dir, x, "content/faq/x.md___jb_old___")
			rename(t, dir, "content/faq/x.md___jb_tmp___", x)
			remove(t, dir, "content/faq/x.md___jb_old___")
		}},
		{"emacs lock and backup", func(t *testing.T, dir string) {
			if err := os.Symlink("user@host.1234", filepath.Join(dir, "content/faq/.#x.md")); err != nil {
				t.Fatal(err)
			}
			sitetest.WriteFile(t, dir, "content/faq/#x.md#", "autosave")
			sitetest.WriteFile(t, dir, x, body)
			remove(t, dir, "content/faq/.#x.md")
			remove(t, dir, "content/faq/#x.md#")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t)
			w := start(t, dir)
			tt.save(t, dir)
			batches := collect(t, w, 300*time.Millisecond)
			if len(batches) != 1 || !reflect.DeepEqual(batches[0].Paths, []string{x}) {
				t.Fatalf("batches = %+v, want one naming %s", batches, x)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, x)); string(got) != body {
				t.Fatalf("final content %q", got)
			}
		})
	}
}

func TestIgnoredChangesMakeNoBatch(t *testing.T) {
	dir := newSite(t)
	w := start(t, dir)
	sitetest.WriteFile(t, dir, "content/faq/.x.md.swp", "swap")
	sitetest.WriteFile(t, dir, "public/index.html", "out")
	sitetest.WriteFile(t, dir, "README.md", "readme")
	sitetest.WriteFile(t, dir, "content/.git/HEAD", "ref")
	if err := os.Chtimes(filepath.Join(dir, "content/faq/x.md"), time.Now(), time.Now()); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-w.Batches():
		t.Fatalf("unexpected batch %+v", b)
	case <-time.After(300 * time.Millisecond):
	}
}

// TestNewFoldersAreWatched: a folder created after start is watched, files
// written into it at once are reported, and later changes in it too.
func TestNewFoldersAreWatched(t *testing.T) {
	dir := newSite(t)
	w := start(t, dir)
	// Created and filled faster than a watch can be added.
	sitetest.WriteFile(t, dir, "content/new/deep/a.md", "a")
	got := paths(collect(t, w, 200*time.Millisecond))
	if !got["content/new/deep/a.md"] && !got["content/new"] {
		t.Fatalf("new folder not reported: %v", got)
	}
	sitetest.WriteFile(t, dir, "content/new/deep/b.md", "b")
	if got := paths(collect(t, w, 200*time.Millisecond)); !got["content/new/deep/b.md"] {
		t.Fatalf("file in new folder not reported: %v", got)
	}
	// A watched folder created after start: themes/ did not exist.
	sitetest.WriteFile(t, dir, "themes/corp/layouts/base.html", "x")
	collect(t, w, 200*time.Millisecond)
	sitetest.WriteFile(t, dir, "themes/corp/layouts/page.html", "y")
	if got := paths(collect(t, w, 200*time.Millisecond)); !got["themes/corp/layouts/page.html"] {
		t.Fatalf("file in new themes folder not reported: %v", got)
	}
	// A folder moved away and back in under a new name reports its new paths.
	rename(t, dir, "content/new", "content/moved")
	collect(t, w, 200*time.Millisecond)
	sitetest.WriteFile(t, dir, "content/moved/deep/c.md", "c")
	if got := paths(collect(t, w, 200*time.Millisecond)); !got["content/moved/deep/c.md"] {
		t.Fatalf("file in moved folder not reported under its new name: %v", got)
	}
}

func paths(batches []Batch) map[string]bool {
	out := map[string]bool{}
	for _, b := range batches {
		for _, p := range b.Paths {
			out[p] = true
		}
	}
	return out
}

// TestSaveStorm: 100 writes in a second make one or two batches.
func TestSaveStorm(t *testing.T) {
	dir := newSite(t)
	w := start(t, dir)
	start := time.Now()
	for i := range 100 {
		sitetest.WriteFile(t, dir, "content/faq/x.md", strings.Repeat("x", i))
		time.Sleep(time.Until(start.Add(time.Duration(i+1) * 10 * time.Millisecond)))
	}
	took := time.Since(start)
	batches := collect(t, w, 500*time.Millisecond)
	allowed := 2 + int(took/(2*time.Second)) // the cap on holding a batch
	if len(batches) < 1 || len(batches) > allowed {
		t.Fatalf("%d batches for a save storm of %s, want 1 to %d", len(batches), took, allowed)
	}
}

// TestSymlinkLoop: a link loop created while watching neither hangs nor
// stops the watcher.
func TestSymlinkLoop(t *testing.T) {
	dir := newSite(t)
	w := start(t, dir)
	if err := os.Symlink("..", filepath.Join(dir, "content/faq/loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self", filepath.Join(dir, "content/faq/self")); err != nil {
		t.Fatal(err)
	}
	if got := paths(collect(t, w, 200*time.Millisecond)); !got["content/faq/loop"] {
		t.Fatalf("link not reported: %v", got)
	}
	sitetest.WriteFile(t, dir, "content/faq/x.md", "still watching")
	if got := paths(collect(t, w, 200*time.Millisecond)); !got["content/faq/x.md"] {
		t.Fatalf("watcher stopped after a link loop: %v", got)
	}
}

// TestBatchWaitsForReceiver: changes made while the receiver is busy (a
// rebuild) are merged into one batch.
func TestBatchWaitsForReceiver(t *testing.T) {
	dir := newSite(t)
	w := start(t, dir)
	sitetest.WriteFile(t, dir, "content/faq/a.md", "a")
	time.Sleep(150 * time.Millisecond) // a's batch is ready, nobody takes it
	sitetest.WriteFile(t, dir, "content/faq/b.md", "b")
	time.Sleep(150 * time.Millisecond)
	batches := collect(t, w, 200*time.Millisecond)
	if len(batches) != 1 || !reflect.DeepEqual(batches[0].Paths, []string{"content/faq/a.md", "content/faq/b.md"}) {
		t.Fatalf("batches = %+v, want one with both files", batches)
	}
}

func TestCloseEndsBatches(t *testing.T) {
	dir := newSite(t)
	w, err := New(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, ok := <-w.Batches(); ok {
		t.Fatal("batch after Close")
	}
	w.Close() // twice is fine
}

// TestLinksOutOfTheSiteAreNotWatched: content/root -> / would otherwise
// add a watch for every folder of the disk; a link inside the site is
// watched.
func TestLinksOutOfTheSiteAreNotWatched(t *testing.T) {
	dir := newSite(t)
	outside := t.TempDir()
	if err := os.Mkdir(filepath.Join(outside, "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "content", "out")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	if err := os.Symlink("/", filepath.Join(dir, "content", "root")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("faq", filepath.Join(dir, "content", "in")); err != nil {
		t.Fatal(err)
	}
	w := start(t, dir)
	w.mu.Lock()
	defer w.mu.Unlock()
	for p, real := range w.watched {
		if !strings.HasPrefix(real, w.realRoot) {
			t.Errorf("watching %s (%s), outside the site", p, real)
		}
	}
	if len(w.watched) > 10 {
		t.Errorf("%d folders watched for a site of 4", len(w.watched))
	}
}
