package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/watch"
)

// Config is one preview session.
type Config struct {
	Build pipeline.Options
	Bind  string // address to listen on; default 127.0.0.1
	Port  int    // 0 picks a free port
	// Navigate sends tabs to the page just edited.
	Navigate bool
	// Write also publishes every good build to Build.Destination (by
	// default the preview touches no folder).
	Write bool
	// Open, when set, is called with the preview's address once it serves.
	Open func(url string) error
	// Ready, when set, is called with the address once it serves.
	Ready          func(url string)
	Stdout, Stderr io.Writer
	// Quiet is the watcher's batching delay (0: the watcher's default).
	Quiet time.Duration
}

// PortInUseError says the port is taken, and which one nearby is free.
type PortInUseError struct {
	Addr string
	Port int
	Free int // a port found free just now; 0 when none nearby was
}

func (e *PortInUseError) Error() string {
	if e.Free == 0 {
		return fmt.Sprintf("%s is already in use (is another fieldguide serve running?): stop that program, or use --port 0 to pick a free port", e.Addr)
	}
	return fmt.Sprintf("%s is already in use (is another fieldguide serve running?): stop that program, or use --port %d, which is free", e.Addr, e.Free)
}

// freePortAfter finds a port above port that can be listened on now, by
// listening on it; it tries a few, as neighbours are often taken together
// (two previews, a dev server's range).
func freePortAfter(bind string, port int) int {
	for p := port + 1; p <= min(port+20, 65535); p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			ln.Close()
			return p
		}
	}
	return 0
}

// Run builds the site, serves it, and rebuilds on every change until ctx
// is cancelled (Ctrl-C), then shuts down cleanly and returns nil. It
// returns an error when it cannot start: the port is taken, the site has no
// content/ folder, the destination may not be written.
func Run(ctx context.Context, c Config) error {
	if c.Stdout == nil {
		c.Stdout = io.Discard
	}
	if c.Stderr == nil {
		c.Stderr = io.Discard
	}
	if c.Bind == "" {
		c.Bind = "127.0.0.1"
	}
	addr := net.JoinHostPort(c.Bind, strconv.Itoa(c.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return &PortInUseError{Addr: addr, Port: c.Port, Free: freePortAfter(c.Bind, c.Port)}
		}
		return fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	defer ln.Close()
	url := siteURL(c.Bind, ln.Addr().(*net.TCPAddr).Port)
	if !isLoopback(c.Bind) {
		fmt.Fprintf(c.Stderr, "warning: serving on %s: anyone who can reach this machine can read the preview, drafts included; use --bind 127.0.0.1 to keep it private\n", c.Bind)
	}

	opts := c.Build
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.BaseURL == "" && config.Load(opts.Source, &diag.List{}).BaseURL != "" {
		// The site's absolute links (canonical, sitemap, the 404 page's
		// assets) must lead to the preview, not to the published site. A
		// site without a base URL has none, and gets none: the preview
		// holds exactly the files a build writes.
		opts.BaseURL = url
	}
	b := pipeline.NewBuilder(opts)
	defer b.Close()
	opts = b.Options()
	root := opts.Source
	skip := destinationFilter(root, opts.Destination)
	if c.Write {
		// Refuse a dangerous destination before the first build, not after.
		if err := output.CheckDestination(opts.Destination, root); err != nil {
			return fmt.Errorf("--write: %w", err)
		}
	}

	// Watch before building, so an edit made during the first build is not lost.
	w, err := watch.New(root, watch.Options{Quiet: c.Quiet, Skip: skip})
	if err != nil {
		return err
	}
	defer w.Close()

	srv := NewServer(Options{Navigate: c.Navigate, Bind: c.Bind, Port: ln.Addr().(*net.TCPAddr).Port})
	r := &runner{c: c, opts: opts, srv: srv, root: root}
	rep, err := b.Build(ctx)
	if ctx.Err() != nil {
		return nil // Ctrl-C during the first build
	}
	if err := r.handle(rep, err, nil); err != nil {
		return err
	}
	if c.Write && rep.Published {
		if err := writeAll(opts.Destination, root, srv.snapshot()); err != nil {
			return fmt.Errorf("--write: %w", err)
		}
		dest, err := filepath.Abs(opts.Destination)
		if err != nil {
			return err
		}
		r.disk = &disk{dest: dest}
	}

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(c.Stdout, "Serving %s at %s (press Ctrl-C to stop)\n", siteTitle(rep), url)
	if c.Ready != nil {
		c.Ready(url)
	}
	if c.Open != nil {
		if err := c.Open(url); err != nil {
			fmt.Fprintf(c.Stderr, "cannot open a browser: %v; open %s yourself\n", err, url)
		}
	}

	ix := newIndexer(b, r)
	defer ix.timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return r.shutdown(hs, served)
		case err := <-served:
			return fmt.Errorf("serving stopped: %w", err)
		case <-ix.timer.C:
			ix.start(ctx)
		case res := <-ix.results:
			ix.finished(ctx, res)
		case err := <-w.Errors():
			fmt.Fprintf(c.Stderr, "warning: %v\n", err)
		case batch, ok := <-w.Batches():
			if !ok {
				return r.shutdown(hs, served)
			}
			changed := batch.Paths
			if batch.Overflow {
				fmt.Fprintln(c.Stderr, "warning: too many file changes at once to follow one by one; rebuilding everything")
				changed = nil
			}
			rep, err := b.Rebuild(ctx, changed)
			if ctx.Err() != nil {
				return r.shutdown(hs, served)
			}
			if err := r.handle(rep, err, changed); err != nil {
				// Not fatal once serving: say so and keep the last good build.
				fmt.Fprintf(c.Stderr, "fieldguide: %v\n", err)
				srv.Fail([]Problem{{Path: "site", Severity: "error", Message: err.Error()}})
			} else if rep.IndexStale {
				ix.timer.Reset(indexDelay)
			}
		}
	}
}

// indexDelay is how long edits must pause before the search index is
// rebuilt, so a burst of saves does not compete with a long index job.
const indexDelay = 250 * time.Millisecond

// indexer keeps the search index following the pages, in the background:
// on big sites it takes far longer than rendering the pages an edit
// touched, and tabs must not wait for it. A job starts once edits pause
// (timer); one runs at a time, and edits made meanwhile get one more.
type indexer struct {
	b       *pipeline.Builder
	r       *runner
	timer   *time.Timer
	results chan indexResult
	running bool
	again   bool
}

type indexResult struct {
	job   *pipeline.IndexJob
	files map[string][]byte
	err   error
	took  time.Duration
}

func newIndexer(b *pipeline.Builder, r *runner) *indexer {
	ix := &indexer{b: b, r: r, timer: time.NewTimer(time.Hour), results: make(chan indexResult, 1)}
	ix.timer.Stop()
	return ix
}

func (ix *indexer) start(ctx context.Context) {
	if ix.running {
		ix.again = true
		return
	}
	ix.running = true
	job := ix.b.IndexJob()
	go func() {
		start := time.Now()
		files, err := job.Run(ctx)
		ix.results <- indexResult{job: job, files: files, err: err, took: time.Since(start)}
	}()
}

// finished publishes a job's index and starts the next one if asked.
func (ix *indexer) finished(ctx context.Context, res indexResult) {
	ix.running = false
	rep := ix.b.PublishIndex(res.job, res.files, res.err)
	r := ix.r
	diag.Print(r.c.Stderr, rep.Diagnostics)
	if rep.Published {
		r.srv.PublishIndex(rep)
		if r.disk != nil {
			if err := r.disk.apply(rep); err != nil {
				fmt.Fprintf(r.c.Stderr, "warning: --write: %v\n", err)
			}
		}
		if res.took > time.Second {
			// Say why search lags behind the pages on a big site.
			fmt.Fprintf(r.c.Stdout, "%s search index updated in %s\n", time.Now().Format("15:04:05"), res.took.Round(100*time.Millisecond))
		}
	}
	if ix.again {
		ix.again = false
		ix.start(ctx)
	}
}

// runner reports builds to the terminal, the tabs and the disk.
type runner struct {
	c      Config
	opts   pipeline.Options
	srv    *Server
	root   string
	disk   *disk
	builds int
}

// handle publishes a build and reports it. It returns errors that are not
// problems in the sources (no content folder, a cancelled build).
func (r *runner) handle(rep *pipeline.Report, err error, changed []string) error {
	var be *diag.BuildError
	if err != nil && !errors.As(err, &be) {
		return err
	}
	r.builds++
	first := r.builds == 1
	r.srv.Publish(rep)
	if r.disk != nil && rep.Published {
		if err := r.disk.apply(rep); err != nil {
			fmt.Fprintf(r.c.Stderr, "warning: --write: %v\n", err)
		}
	}
	stamp := time.Now().Format("15:04:05")
	if err != nil {
		problems := Problems(r.root, rep.Diagnostics, r.opts.Strict)
		Print(r.c.Stderr, problems)
		note := "still serving the last good build"
		if first {
			note = "serving what could be built"
		}
		fmt.Fprintf(r.c.Stderr, "%s build failed: %s; %s. Fix and save to rebuild.\n", stamp, diag.Summary(rep.Diagnostics), note)
		r.srv.Fail(problems)
		r.srv.Built(rep)
		return nil
	}
	// Warnings: all of them once, then only those of the files just edited.
	var warnings []diag.Diagnostic
	for _, d := range rep.Diagnostics {
		if d.Severity == diag.Warning && (first || containsPath(changed, d.Path)) {
			warnings = append(warnings, d)
		}
	}
	diag.Print(r.c.Stderr, warnings)
	if first {
		fmt.Fprintf(r.c.Stdout, "Built %s (%s) in %s\n", diag.Plural(rep.Pages, "page"), diag.Plural(len(rep.Changed), "file"), rep.Duration.Round(time.Millisecond))
	} else {
		what := diag.Printable(strings.Join(changed, ", "))
		if len(changed) > 3 {
			what = diag.Printable(strings.Join(changed[:3], ", ")) + fmt.Sprintf(" and %d more", len(changed)-3)
		}
		if changed == nil {
			what = "everything"
		}
		fmt.Fprintf(r.c.Stdout, "%s rebuilt in %s: %s rendered, %s changed, %d removed (%s)\n", stamp,
			rep.Duration.Round(100*time.Microsecond), diag.Plural(rep.Rendered, "page"), diag.Plural(len(rep.Changed), "file"), len(rep.Removed), what)
	}
	r.srv.Built(rep)
	return nil
}

func containsPath(paths []string, p string) bool {
	for _, x := range paths {
		if x == p || strings.HasPrefix(p, strings.TrimSuffix(x, "/")+"/") {
			return true
		}
	}
	return false
}

func (r *runner) shutdown(hs *http.Server, served <-chan error) error {
	r.srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		_ = hs.Close()
	}
	<-served
	fmt.Fprintln(r.c.Stdout, "Stopped.")
	return nil
}

func siteTitle(rep *pipeline.Report) string {
	if rep != nil && rep.Site != nil && rep.Site.Config != nil && rep.Site.Config.Title != "" {
		return strconv.Quote(rep.Site.Config.Title)
	}
	return "the site"
}

func siteURL(bind string, port int) string {
	host := bind
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		host = "localhost" // 0.0.0.0 is not an address a browser can open
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/"
}

func isLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}

// destinationFilter keeps the output folder's own changes (with --write)
// from triggering rebuilds when it lies inside a watched folder.
func destinationFilter(root, dest string) func(string) bool {
	absRoot, err1 := filepath.Abs(root)
	absDest, err2 := filepath.Abs(dest)
	if err1 != nil || err2 != nil {
		return nil
	}
	rel, err := filepath.Rel(absRoot, absDest)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return nil
	}
	prefix := filepath.ToSlash(rel)
	return func(p string) bool { return p == prefix || strings.HasPrefix(p, prefix+"/") }
}
