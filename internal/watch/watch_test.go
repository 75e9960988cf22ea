package watch

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/fsnotify/fsnotify"

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

// The batching tests run the watcher's loop on events they send, in a
// synctest bubble: its clock moves only when every goroutine in it waits,
// so quiet periods, storms and caps are exact, whatever the machine's load.

// timedBatch is a batch and when it was received, from the first event.
type timedBatch struct {
	At    time.Duration
	Paths []string
	Over  bool
}

// fakeSite feeds a watcher events for changes it makes to a site folder.
type fakeSite struct {
	t      *testing.T
	dir    string
	w      *Watcher
	events chan fsnotify.Event
	errs   chan error
	start  time.Time

	mu  sync.Mutex
	got []timedBatch
}

// startFake starts a watcher of dir on the test's events; receive says
// whether a receiver takes its batches at once (a serve loop that is not
// rebuilding) or the test takes them with take.
func startFake(t *testing.T, dir string, receive bool) *fakeSite {
	f := &fakeSite{t: t, dir: dir, w: newWatcher(dir, Options{}), events: make(chan fsnotify.Event), errs: make(chan error), start: time.Now()}
	f.w.start(f.events, f.errs)
	t.Cleanup(func() { f.w.Close() })
	if receive {
		go func() {
			for b := range f.w.Batches() {
				f.record(b)
			}
		}()
	}
	return f
}

func (f *fakeSite) record(b Batch) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, timedBatch{At: time.Since(f.start), Paths: b.Paths, Over: b.Overflow})
}

func (f *fakeSite) send(op fsnotify.Op, name string) {
	f.events <- fsnotify.Event{Name: filepath.Join(f.dir, filepath.FromSlash(name)), Op: op}
}

// write writes a file that exists, as an editor saving in place does.
func (f *fakeSite) write(name string) {
	sitetest.WriteFile(f.t, f.dir, name, "+++\ntitle = \"X\"\n+++\nNew.\n")
	f.send(fsnotify.Write, name)
}

func (f *fakeSite) create(name string) {
	sitetest.WriteFile(f.t, f.dir, name, "+++\ntitle = \"X\"\n+++\nNew.\n")
	f.send(fsnotify.Create, name)
}

func (f *fakeSite) remove(name string) {
	remove(f.t, f.dir, name)
	f.send(fsnotify.Remove, name)
}

// take receives the batch that is ready, if there is one.
func (f *fakeSite) take() {
	synctest.Wait()
	select {
	case b := <-f.w.Batches():
		f.record(b)
	default:
	}
}

// batches returns what was received once the watcher has been idle long
// past any quiet period.
func (f *fakeSite) batches() []timedBatch {
	time.Sleep(time.Minute)
	synctest.Wait()
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.got
}

const x = "content/faq/x.md"

func TestBatching(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	tests := []struct {
		name    string
		receive bool
		changes func(f *fakeSite)
		want    []timedBatch
	}{
		{"a save is one batch after the quiet period", true, func(f *fakeSite) {
			f.write(x)
		}, []timedBatch{{At: ms(20), Paths: []string{x}}}},
		{"a save's events within the quiet period make one batch", true, func(f *fakeSite) {
			f.create("content/faq/new.md")
			time.Sleep(ms(15))
			f.write("content/faq/new.md")
		}, []timedBatch{{At: ms(35), Paths: []string{"content/faq/new.md"}}}},
		{"ignored files make no batch", true, func(f *fakeSite) {
			f.create("content/faq/.x.md.swp")
			f.create("public/index.html")
			f.create("README.md")
		}, nil},
		{"delete and recreate is one batch when the file is back", true, func(f *fakeSite) {
			f.remove(x)
			time.Sleep(ms(5))
			f.create(x)
		}, []timedBatch{{At: ms(25), Paths: []string{x}}}},
		{"a deleted file waits a moment to come back", true, func(f *fakeSite) {
			f.remove(x)
			time.Sleep(ms(70))
			f.create(x)
		}, []timedBatch{{At: ms(90), Paths: []string{x}}}},
		{"a deleted file is reported after 5 quiet periods", true, func(f *fakeSite) {
			f.remove(x)
		}, []timedBatch{{At: ms(100), Paths: []string{x}}}},
		{"100 saves in a second are one batch, a storm's quiet period after the last", true, func(f *fakeSite) {
			for range 100 {
				f.write(x)
				time.Sleep(ms(10))
			}
		}, []timedBatch{{At: ms(990 + 250), Paths: []string{x}}}},
		{"a storm longer than MaxDelay is cut at MaxDelay", true, func(f *fakeSite) {
			for range 300 {
				f.write(x)
				time.Sleep(ms(10))
			}
		}, []timedBatch{{At: ms(2000), Paths: []string{x}}, {At: ms(2990 + 250), Paths: []string{x}}}},
		{"saves a second apart are a batch each", true, func(f *fakeSite) {
			f.write(x)
			time.Sleep(time.Second)
			f.write(x)
		}, []timedBatch{{At: ms(20), Paths: []string{x}}, {At: ms(1020), Paths: []string{x}}}},
		{"a save right after a batch was cut starts a storm", true, func(f *fakeSite) {
			f.write(x)
			time.Sleep(ms(50))
			f.write(x)
		}, []timedBatch{{At: ms(20), Paths: []string{x}}, {At: ms(50 + 250), Paths: []string{x}}}},
		{"a batch waits for its receiver and takes in later changes", false, func(f *fakeSite) {
			f.create("content/faq/a.md")
			time.Sleep(ms(150)) // a's batch is ready; nobody takes it
			f.create("content/faq/b.md")
			time.Sleep(ms(150))
			f.take()
		}, []timedBatch{{At: ms(300), Paths: []string{"content/faq/a.md", "content/faq/b.md"}}}},
		{"dropped events ask for a full rebuild", true, func(f *fakeSite) {
			f.errs <- fsnotify.ErrEventOverflow
		}, []timedBatch{{At: ms(20), Over: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t)
			synctest.Test(t, func(t *testing.T) {
				f := startFake(t, dir, tt.receive)
				tt.changes(f)
				if got := f.batches(); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("batches:\n%s\nwant:\n%s", show(got), show(tt.want))
				}
			})
		})
	}
}

func show(bs []timedBatch) string {
	var s string
	for _, b := range bs {
		s += fmt.Sprintf("\tat %v: %v overflow=%v\n", b.At, b.Paths, b.Over)
	}
	return s
}

// The tests below watch real folders through the system. A test does not
// wait for quiet: after its changes it writes a sentinel file and takes
// batches until one names it, so every event before it has been batched.

func start(t *testing.T, dir string) *Watcher {
	t.Helper()
	w, err := New(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// settle writes a sentinel and returns the paths of the batches up to the
// one that names it, the sentinel left out.
func settle(t *testing.T, w *Watcher, dir string) map[string]bool {
	t.Helper()
	sentinel := fmt.Sprintf("content/sentinel-%d.md", time.Now().UnixNano())
	sitetest.WriteFile(t, dir, sentinel, "s")
	got := map[string]bool{}
	deadline := time.After(time.Minute) // a hung watcher, not a slow one
	for !got[sentinel] {
		select {
		case b := <-w.Batches():
			for _, p := range b.Paths {
				got[p] = true
			}
		case <-deadline:
			t.Fatalf("the watcher never reported %s; got %v", sentinel, got)
		}
	}
	delete(got, sentinel)
	return got
}

func only(paths ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range paths {
		m[p] = true
	}
	return m
}

// TestEditorSavePatterns: however an editor saves, the watcher names the
// file, and never its temporary files.
func TestEditorSavePatterns(t *testing.T) {
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
			t.Parallel()
			dir := newSite(t)
			w := start(t, dir)
			tt.save(t, dir)
			if got := settle(t, w, dir); !reflect.DeepEqual(got, only(x)) {
				t.Fatalf("changed %v, want only %s", slices.Sorted(maps.Keys(got)), x)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, x)); string(got) != body {
				t.Fatalf("final content %q", got)
			}
		})
	}
}

func TestIgnoredChangesMakeNoBatch(t *testing.T) {
	t.Parallel()
	dir := newSite(t)
	w := start(t, dir)
	sitetest.WriteFile(t, dir, "content/faq/.x.md.swp", "swap")
	sitetest.WriteFile(t, dir, "public/index.html", "out")
	sitetest.WriteFile(t, dir, "README.md", "readme")
	sitetest.WriteFile(t, dir, "content/.git/HEAD", "ref")
	if err := os.Chtimes(filepath.Join(dir, x), time.Now(), time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := settle(t, w, dir); len(got) != 0 {
		t.Fatalf("ignored changes reported: %v", got)
	}
}

// TestNewFoldersAreWatched: a folder created after start is watched, files
// written into it at once are reported, and later changes in it too.
func TestNewFoldersAreWatched(t *testing.T) {
	t.Parallel()
	dir := newSite(t)
	w := start(t, dir)
	// Created and filled faster than a watch can be added.
	sitetest.WriteFile(t, dir, "content/new/deep/a.md", "a")
	if got := settle(t, w, dir); !got["content/new/deep/a.md"] && !got["content/new"] {
		t.Fatalf("new folder not reported: %v", got)
	}
	sitetest.WriteFile(t, dir, "content/new/deep/b.md", "b")
	if got := settle(t, w, dir); !got["content/new/deep/b.md"] {
		t.Fatalf("file in new folder not reported: %v", got)
	}
	// A watched folder created after start: themes/ did not exist.
	sitetest.WriteFile(t, dir, "themes/corp/layouts/base.html", "x")
	settle(t, w, dir)
	sitetest.WriteFile(t, dir, "themes/corp/layouts/page.html", "y")
	if got := settle(t, w, dir); !got["themes/corp/layouts/page.html"] {
		t.Fatalf("file in new themes folder not reported: %v", got)
	}
	// A folder moved away and back in under a new name reports its new paths.
	rename(t, dir, "content/new", "content/moved")
	settle(t, w, dir)
	sitetest.WriteFile(t, dir, "content/moved/deep/c.md", "c")
	if got := settle(t, w, dir); !got["content/moved/deep/c.md"] {
		t.Fatalf("file in moved folder not reported under its new name: %v", got)
	}
}

// TestSymlinkLoop: a link loop created while watching neither hangs nor
// stops the watcher.
func TestSymlinkLoop(t *testing.T) {
	t.Parallel()
	dir := newSite(t)
	w := start(t, dir)
	if err := os.Symlink("..", filepath.Join(dir, "content/faq/loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self", filepath.Join(dir, "content/faq/self")); err != nil {
		t.Fatal(err)
	}
	if got := settle(t, w, dir); !got["content/faq/loop"] {
		t.Fatalf("link not reported: %v", got)
	}
	sitetest.WriteFile(t, dir, x, "still watching")
	if got := settle(t, w, dir); !got[x] {
		t.Fatalf("watcher stopped after a link loop: %v", got)
	}
}

func TestCloseEndsBatches(t *testing.T) {
	t.Parallel()
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
