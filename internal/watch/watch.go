package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/fieldguide/fieldguide/internal/source"
)

// Options tune batching.
type Options struct {
	// Quiet is how long no event may arrive before a batch is sent. Editors
	// finish a save (temp file, renames, deletes) within a millisecond or
	// two; bursts from scripts keep extending the batch. Default 20 ms.
	Quiet time.Duration
	// Storm is the quiet period used instead while events keep coming
	// (a checkout, a script, a save storm), so a burst makes one or two
	// rebuilds rather than one per pause. Default 250 ms.
	Storm time.Duration
	// MaxDelay caps how long a batch is held while events keep coming, so a
	// process that never stops writing still gets previews. Default 2 s.
	MaxDelay time.Duration
	// Skip drops extra paths (site-relative, slash separated), such as an
	// output folder inside content/.
	Skip func(rel string) bool
}

// Batch is one set of changes to rebuild for.
type Batch struct {
	// Paths are site-relative slash paths that changed (files or folders),
	// sorted, each once. Only paths Classify does not ignore are included.
	Paths []string
	// Overflow means the system dropped events: rebuild everything.
	Overflow bool
}

// Watcher watches one site folder.
type Watcher struct {
	root     string // absolute
	realRoot string // root with symbolic links resolved
	opts     Options
	fs       *fsnotify.Watcher
	batches  chan Batch
	errs     chan error
	done     chan struct{}
	closing  sync.Once
	wg       sync.WaitGroup

	mu      sync.Mutex
	watched map[string]string // watched folder (absolute, as added) -> its real path
	reals   map[string]bool   // real paths watched, so a link loop is watched once
}

// New starts watching the site folder root.
func New(root string, opts Options) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	// A generous buffer: a checkout or a folder copy produces thousands of
	// events at once, and dropped events would cost a full rebuild.
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, fmt.Errorf("cannot watch files: %w", err)
	}
	realRoot, err := filepath.EvalSymlinks(abs)
	if err != nil {
		fw.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", abs, err)
	}
	w := newWatcher(abs, opts)
	w.realRoot = realRoot
	w.fs = fw
	if err := w.fs.Add(abs); err != nil {
		fw.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", abs, err)
	}
	// The folders a build reads, recursively. site.toml is seen through
	// the watch on the site folder itself, which also notices these
	// folders being created after the start.
	for _, dir := range []string{"content", "layouts", "themes", "static"} {
		w.addTree(filepath.Join(abs, dir), nil)
	}
	w.start(fw.Events, fw.Errors)
	return w, nil
}

// newWatcher is a Watcher of the folder abs without its system watches:
// New adds them, and the batching tests feed events of their own.
func newWatcher(abs string, opts Options) *Watcher {
	if opts.Quiet <= 0 {
		opts.Quiet = 20 * time.Millisecond
	}
	if opts.Storm <= 0 {
		opts.Storm = 250 * time.Millisecond
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = 2 * time.Second
	}
	return &Watcher{root: abs, opts: opts, batches: make(chan Batch), errs: make(chan error, 16),
		done: make(chan struct{}), watched: map[string]string{}, reals: map[string]bool{}}
}

// start turns events and errors into batches until Close.
func (w *Watcher) start(events <-chan fsnotify.Event, errs <-chan error) {
	w.wg.Add(1)
	go w.loop(events, errs)
}

// Batches delivers batches of changes. A batch waits, merging later events,
// until it is received: a slow rebuild is followed by one rebuild for all
// that changed meanwhile.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems with watching (a folder that cannot be watched,
// the system's watch limit). They do not stop the watcher.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching; Batches is closed when the watcher has stopped.
func (w *Watcher) Close() error {
	var err error
	w.closing.Do(func() {
		close(w.done)
		if w.fs != nil {
			err = w.fs.Close()
		}
		w.wg.Wait()
	})
	return err
}

// addTree watches dir and every folder below it, following symbolic links
// as source.Walk does. A link loop is watched once. When found is not nil,
// the files found are appended to it as site-relative paths.
func (w *Watcher) addTree(dir string, found *[]string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return
	}
	w.watchTree(dir, real, strings.Count(w.rel(dir), "/"), found)
}

// watchTree is addTree for a folder whose resolved path is known, depth
// folders below the site's root: each child's is its parent's and its
// name, unless it is a link, so a deep tree costs its size, not the cube
// of its depth. Like source.Walk, it stops at source.MaxDepth.
func (w *Watcher) watchTree(dir, real string, depth int, found *[]string) {
	if depth > source.MaxDepth+1 || source.LinkProblem(real, w.realRoot) != "" {
		// Gone already, a broken or looping link, or a link out of the
		// site folder (content/root -> / would watch the whole disk): the
		// build reports it, and never reads there.
		return
	}
	info, err := os.Stat(real)
	if err != nil || !info.IsDir() {
		return
	}
	w.mu.Lock()
	seen := w.reals[real]
	if !seen {
		w.watched[dir] = real
		w.reals[real] = true
	}
	w.mu.Unlock()
	if seen {
		return
	}
	if err := w.fs.Add(dir); err != nil {
		w.report(fmt.Errorf("cannot watch %s: %w%s", w.rel(dir), err, limitHint(err)))
		w.mu.Lock()
		delete(w.watched, dir)
		delete(w.reals, real)
		w.mu.Unlock()
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if source.Ignored(e.Name()) {
			continue
		}
		child := filepath.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(child); err == nil && info.IsDir() {
				w.addTree(child, found)
				continue
			}
		}
		if e.IsDir() {
			w.watchTree(child, filepath.Join(real, e.Name()), depth+1, found)
		} else if found != nil {
			*found = append(*found, w.rel(child))
		}
	}
}

func limitHint(err error) string {
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if strings.Contains(err.Error(), "no space left") || strings.Contains(err.Error(), "too many open files") {
		return " (the system's limit on watched folders is reached: raise fs.inotify.max_user_watches)"
	}
	return ""
}

// forget drops the watches of dir and below after it was removed or
// renamed (a moved folder's watch would report events under its old name).
func (w *Watcher) forget(dir string) {
	w.mu.Lock()
	var gone []string
	for p, real := range w.watched {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			gone = append(gone, p)
			delete(w.watched, p)
			delete(w.reals, real)
		}
	}
	w.mu.Unlock()
	for _, p := range gone {
		_ = w.fs.Remove(p) // often already removed by the system
	}
}

func (w *Watcher) rel(abs string) string {
	r, err := filepath.Rel(w.root, abs)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default: // nobody listening: the build reports what matters
	}
}

// stormSpan: a batch whose events keep coming for longer than this is a
// burst, not an editor's save (which takes a few milliseconds).
const stormSpan = 100 * time.Millisecond

// loop turns events into batches: a batch is ready when no event came for
// the quiet period (or MaxDelay after its first event), and it waits,
// absorbing new ready batches, until the receiver takes it.
//
// The quiet period is short for a lone save, so previews are fast, and
// long (Storm) during bursts: when a batch's events span stormSpan, or it
// starts right after the previous batch was cut.
func (w *Watcher) loop(events <-chan fsnotify.Event, errs <-chan error) {
	defer w.wg.Done()
	defer close(w.batches)
	pending := map[string]bool{}
	overflow := false
	var first, lastCut time.Time
	storm := false
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var ready *Batch
	arm := func() {
		d := w.opts.Quiet
		if storm || time.Since(first) > stormSpan {
			storm, d = true, w.opts.Storm
		}
		if limit := time.Until(first.Add(w.opts.MaxDelay)); d > limit {
			d = max(limit, 0)
		}
		timer.Reset(d)
	}
	begin := func() {
		first = time.Now()
		storm = !lastCut.IsZero() && first.Sub(lastCut) < stormSpan
	}
	for {
		var out chan Batch
		var next Batch
		if ready != nil {
			out, next = w.batches, *ready
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			rel := w.handle(ev)
			if len(rel) == 0 {
				continue
			}
			if len(pending) == 0 && !overflow {
				begin()
			}
			for _, r := range rel {
				pending[r] = true
			}
			arm()
		case err, ok := <-errs:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				if len(pending) == 0 && !overflow {
					begin()
				}
				overflow = true
				arm()
				continue
			}
			w.report(err)
		case <-timer.C:
			if w.missing(pending) && time.Since(first) < 5*w.opts.Quiet {
				// A path is gone: most likely an editor between deleting and
				// recreating it. Give it a moment rather than flash errors.
				timer.Reset(w.opts.Quiet)
				continue
			}
			ready = merge(ready, pending, overflow)
			pending, overflow, lastCut = map[string]bool{}, false, time.Now()
		case out <- next:
			ready = nil
		}
	}
}

func (w *Watcher) missing(paths map[string]bool) bool {
	for p := range paths {
		if _, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(p))); err != nil {
			return true
		}
	}
	return false
}

func merge(ready *Batch, pending map[string]bool, overflow bool) *Batch {
	if ready == nil {
		ready = &Batch{}
	}
	ready.Overflow = ready.Overflow || overflow
	for _, p := range ready.Paths {
		pending[p] = true
	}
	ready.Paths = ready.Paths[:0]
	for p := range pending {
		ready.Paths = append(ready.Paths, p)
	}
	sort.Strings(ready.Paths)
	return ready
}

// handle updates the watches for one event and returns the site paths it
// changed (none when it is irrelevant).
func (w *Watcher) handle(ev fsnotify.Event) []string {
	rel := w.rel(ev.Name)
	if rel == "" || rel == "." || strings.HasPrefix(rel, "../") {
		return nil
	}
	if Classify(rel) == Ignored || (w.opts.Skip != nil && w.opts.Skip(rel)) {
		return nil
	}
	switch {
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		w.forget(ev.Name)
		return []string{rel}
	case ev.Has(fsnotify.Create):
		out := []string{rel}
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			// Files may have been created in the new folder before its
			// watch existed: report them too.
			var found []string
			w.addTree(ev.Name, &found)
			for _, f := range found {
				if Classify(f) != Ignored && (w.opts.Skip == nil || !w.opts.Skip(f)) {
					out = append(out, f)
				}
			}
		}
		return out
	case ev.Has(fsnotify.Write):
		return []string{rel}
	}
	// Chmod alone: attributes (touch, indexers) do not change a build.
	return nil
}
