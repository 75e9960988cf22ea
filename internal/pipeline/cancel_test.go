package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/sitetest"
	"github.com/fieldguide/fieldguide/internal/source"
)

// countdown is a context that is cancelled by its own checks: the first
// left calls of Err return nil, every later one context.Canceled. Every
// stage checks its context once per step of work (a file, a page, a
// search unit), so cancelling at the nth check lands at a known step of a
// known stage, whatever the scheduling.
type countdown struct {
	context.Context
	left, calls atomic.Int64
	done        chan struct{}
	once        sync.Once
}

func newCountdown(left int64) *countdown {
	c := &countdown{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(left)
	return c
}

func (c *countdown) Err() error {
	c.calls.Add(1)
	if c.left.Add(-1) >= 0 {
		return nil
	}
	c.once.Do(func() { close(c.done) })
	return context.Canceled
}

func (c *countdown) Done() <-chan struct{} { return c.done }

func (c *countdown) cancelled() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// stageLog records the stages a build finishes (from its timings) and how
// many context checks had been made when each ended.
type stageLog struct {
	ctx    *countdown
	mu     sync.Mutex
	stages []string
	checks []int64
}

func (l *stageLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stages = append(l.stages, strings.Fields(string(p))[0])
	l.checks = append(l.checks, l.ctx.calls.Load())
	return len(p), nil
}

// countingSink counts the files written, and those written after the
// context was cancelled.
type countingSink struct {
	ctx          *countdown
	files, after atomic.Int64
}

func (s *countingSink) Write(string, []byte) error {
	s.files.Add(1)
	if s.ctx.cancelled() {
		s.after.Add(1)
	}
	return nil
}

// TestCancelStopsEveryStage cancels a build in the middle of each stage
// in turn. The stage must return without finishing: its timing line never
// appears, nor any later one; no more than one page per core is written
// after the cancel; Build leaves the previous output as it was and removes
// its staging folder.
func TestCancelStopsEveryStage(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := corpus.Generate(src, 150, 1); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)

	// A full run, counting checks, finds where each stage starts and ends.
	full := &stageLog{ctx: newCountdown(1 << 62)}
	if _, err := Render(full.ctx, Options{Source: src, Timings: full}, &countingSink{ctx: full.ctx}); err != nil {
		t.Fatal(err)
	}
	start := int64(0)
	for i, stage := range full.stages {
		end := full.checks[i]
		if end-start < 2 {
			start = end
			continue // a stage without steps to stop between (extras)
		}
		t.Run(stage, func(t *testing.T) {
			mid := (start + end) / 2
			for _, build := range []bool{false, true} {
				ctx := newCountdown(mid)
				log := &stageLog{ctx: ctx}
				sink := &countingSink{ctx: ctx}
				var err error
				if build {
					_, err = Build(ctx, Options{Source: src, Destination: dest, Timings: log})
				} else {
					_, err = Render(ctx, Options{Source: src, Timings: log}, sink)
				}
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("build=%v: %v, want context.Canceled", build, err)
				}
				if got, want := strings.Join(log.stages, " "), strings.Join(full.stages[:i], " "); got != want {
					t.Errorf("build=%v: finished stages %q, want %q: the cancelled stage must not finish", build, got, want)
				}
				if workers := int64(runtime.GOMAXPROCS(0)); sink.after.Load() > workers {
					t.Errorf("%d files written after the cancel, want at most %d (one per core)", sink.after.Load(), workers)
				}
				if build {
					if after := snapshot(t, dest); after != before {
						t.Error("the previous output changed")
					}
					if entries, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(entries) != 0 {
						t.Errorf("staging left behind: %v", entries)
					}
				}
			}
		})
		start = end
	}
	if len(full.stages) < 6 {
		t.Fatalf("stages %v: the timings changed, and this test with them", full.stages)
	}
}

// snapshot lists a folder's files with their sizes and home page, enough
// to see that a build replaced it.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + " " + info.ModTime().String() + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	home, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return b.String() + string(bytes.TrimSpace(home[:min(len(home), 200)]))
}

// TestCancelStopsServeBuilds: serve's builder stops at any point of its
// first build too, and reports the cancel instead of a build.
func TestCancelStopsServeBuilds(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 100, 1); err != nil {
		t.Fatal(err)
	}
	full := newCountdown(1 << 62)
	if _, err := NewBuilder(Options{Source: src}).Build(full); err != nil {
		t.Fatal(err)
	}
	checks := full.calls.Load()
	for _, at := range []int64{1, checks / 5, checks / 2, checks * 4 / 5, checks - 1} {
		rep, err := NewBuilder(Options{Source: src}).Build(newCountdown(at))
		if !errors.Is(err, context.Canceled) || rep != nil {
			t.Errorf("cancelled at check %d of %d: report %v, error %v; want context.Canceled and no report", at, checks, rep != nil, err)
		}
	}
}

// TestSizeLimits: a site with more pages, or more files in all, than a
// build takes is refused; one at the limits is not.
func TestSizeLimits(t *testing.T) {
	file := func(rel string) source.File { return source.File{Path: rel, Rel: rel} }
	files := func(n int, ext string) []source.File {
		var fs []source.File
		for i := range n {
			fs = append(fs, file(fmt.Sprintf("p%d.%s", i, ext)))
		}
		return fs
	}
	if err := checkSize(files(MaxPages, "md"), files(MaxFiles-MaxPages, "png"), nil); err != nil {
		t.Errorf("at the limits: %v", err)
	}
	if err := checkSize(files(MaxPages+1, "md"), nil, nil); err == nil || !strings.Contains(err.Error(), "content/ holds 25001 pages; fieldguide builds at most 25000") {
		t.Errorf("too many pages: %v", err)
	}
	if err := checkSize(nil, files(MaxFiles, "png"), files(1, "css")); err == nil || !strings.Contains(err.Error(), "hold 50001 files") {
		t.Errorf("too many files: %v", err)
	}
}

// TestTooManyAliases: aliases are pages to write, at most MaxFiles.
func TestTooManyAliases(t *testing.T) {
	h, _ := corpus.LookupHostile("many-aliases")
	src := t.TempDir()
	for name, data := range h.Files(MaxFiles + 1) {
		sitetest.WriteFile(t, src, name, data)
	}
	_, err := Check(context.Background(), Options{Source: src})
	if err == nil || !strings.Contains(err.Error(), "the pages have 50001 aliases, each a page to write; fieldguide writes at most 50000") {
		t.Errorf("Check: %v", err)
	}
}
