// Package pipeline runs fieldguide's build, one stage after another:
//
//	config (site.toml) -> source files -> parsed pages -> site graph
//	-> validation -> rendered output through the theme -> search index
//	-> atomic publish
//
// Each stage lives in its own package; this one wires them, runs the
// parallel ones on every core, and collects every problem of a build so
// they are reported together.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/site"
	"github.com/fieldguide/fieldguide/internal/source"
	"github.com/fieldguide/fieldguide/internal/theme"
)

// Options say what to build and where.
type Options struct {
	Source      string // site folder (holds site.toml and content/)
	Destination string // output folder; default Source/public
	BaseURL     string // overrides site.toml base_url
	Drafts      bool
	Offline     bool // force offline links (site.toml can also set it)
	Strict      bool // warnings fail the build
	Now         time.Time
	Timings     io.Writer // when set, receives each stage's duration and the peak memory
	// AfterStage, when set, is called after each stage of a build with its
	// name ("parse", "graph", "bodies", "pages", "extras", "search"), in
	// the goroutine that runs the build. The command uses it to tune the
	// garbage collector to the build's phases; the library itself never
	// changes process-wide settings.
	AfterStage func(stage string)
}

// Result describes a finished build.
type Result struct {
	Pages       int // HTML pages from content
	Files       int // every file written
	Duration    time.Duration
	Diagnostics []diag.Diagnostic
	Site        *site.Site
	// UndefinedTerms are abbreviations the content uses and the glossary
	// does not define, with the pages that use each.
	UndefinedTerms map[string][]*site.Page
}

// Sink receives output files; it must be safe for concurrent use.
type Sink interface {
	Write(path string, data []byte) error
}

// Build builds the site and publishes it atomically to the destination.
// A build with errors writes nothing and returns a *diag.BuildError.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	opts = withDefaults(opts)
	if err := output.CheckDestination(opts.Destination, opts.Source); err != nil {
		return nil, err
	}
	staging, err := output.Stage(opts.Destination)
	if err != nil {
		return nil, err
	}
	t := newTimings(opts.Timings, start)
	res, err := renderOnce(ctx, opts, staging, t)
	if err != nil {
		staging.Abort()
		return res, err
	}
	if err := staging.Commit(); err != nil {
		return res, err
	}
	t.stage("publish")
	res.Duration = time.Since(start)
	return res, nil
}

// Check runs every stage and validation but writes nothing.
func Check(ctx context.Context, opts Options) (*Result, error) {
	return Render(ctx, withDefaults(opts), discard{})
}

type discard struct{}

func (discard) Write(string, []byte) error { return nil }

func withDefaults(opts Options) Options {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	return opts
}

// Render runs the pipeline and sends every output file to sink.
func Render(ctx context.Context, opts Options, sink Sink) (*Result, error) {
	opts = withDefaults(opts)
	return renderOnce(ctx, opts, sink, newTimings(opts.Timings, time.Now()))
}

// renderOnce is the step from nothing of a Builder that streams its
// output to sink and keeps no state for a next step.
func renderOnce(ctx context.Context, opts Options, sink Sink, t *timings) (*Result, error) {
	b := NewBuilder(opts)
	defer b.Close()
	b.stream, b.timings, b.units = &countingStream{sink: sink}, t, nil
	rep, err := b.Rebuild(ctx, nil)
	if rep == nil {
		return nil, err
	}
	res := &Result{Pages: rep.Rendered, Files: int(b.stream.files.Load()), Diagnostics: rep.Diagnostics, Site: rep.Site, UndefinedTerms: b.undefined}
	res.Duration = time.Since(t.start)
	return res, err
}

// countingStream passes files on to a sink, counting them.
type countingStream struct {
	sink  Sink
	files atomic.Int64
}

func (c *countingStream) Write(path string, data []byte) error {
	c.files.Add(1)
	return c.sink.Write(path, data)
}

// loadConfig reads site.toml and applies the options that override it. It
// fails when there is no content/ folder to build.
func loadConfig(opts Options, diags *diag.List) (config.Config, error) {
	cfg := config.Load(opts.Source, diags)
	if opts.BaseURL != "" {
		base, err := config.NormalizeFolderURL(opts.BaseURL)
		if err != nil {
			return cfg, fmt.Errorf("--base-url: %w", err)
		}
		cfg.BaseURL = base
	}
	cfg.Offline = cfg.Offline || opts.Offline
	if _, err := os.Stat(filepath.Join(opts.Source, "content")); err != nil {
		return cfg, fmt.Errorf("no content/ folder in %s: create it, or pass --source with the folder that has one", opts.Source)
	}
	return cfg, nil
}

// newMarkdown is the site's markdown pipeline. Includes are read from the
// site folder dir at each parse, as source reads every file: nothing
// through a link that leads out of the site.
func newMarkdown(cfg *config.Config, dir string) *markdown.Markdown {
	return markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, Include: func(rel string) ([]byte, error) {
		return source.ReadFile(dir, "content/"+rel)
	}})
}

// A build costs about a millisecond of CPU for every page it writes, and
// less for every file it copies, however small: 5 MB of one-line pages
// would be 250,000 pages and minutes. A site may have MaxPages pages and
// MaxFiles files in all (content/ and static/), checked before any is
// read: twice and five times the 10,000-page site the build is measured
// on. Aliases are pages to write too: at most MaxFiles of them.
const (
	MaxPages = 25_000
	MaxFiles = 50_000
)

// checkSize refuses a site with more pages or files than a build takes.
func checkSize(pages, assets, static []source.File) error {
	if len(pages) > MaxPages {
		return fmt.Errorf("content/ holds %d pages; fieldguide builds at most %d: split the guide into several sites", len(pages), MaxPages)
	}
	if n := len(pages) + len(assets) + len(static); n > MaxFiles {
		return fmt.Errorf("content/ and static/ hold %d files; fieldguide builds at most %d: move large collections of files to their own site", n, MaxFiles)
	}
	return nil
}

// splitSources separates content pages from the files copied beside them.
// Files in folders whose name starts with _ are neither: pages include
// them, and they are never published.
func splitSources(files []source.File) (pages, assets []source.File) {
	for _, f := range files {
		if markdown.IsUnpublished(f.Rel) {
			continue
		}
		if f.IsMarkdown() {
			pages = append(pages, f)
		} else {
			assets = append(assets, f)
		}
	}
	return pages, assets
}

// writeAssets copies theme files, the code-highlighting stylesheet, files
// beside content pages, and the site's static/ folder (last, so it wins).
// A cancelled ctx stops it between files.
func writeAssets(ctx context.Context, root *source.Root, th *theme.Theme, cfg *config.Config, assets, static []source.File, emit render.Emit, diags *diag.List) error {
	if err := th.StaticFiles(emit); err != nil {
		diags.Errorf("themes", diag.Pos{}, "", "cannot copy theme files: %v", err)
	}
	if css, err := markdown.SyntaxCSS(cfg.SyntaxLight, cfg.SyntaxDark); err == nil {
		if err := emit(syntaxCSS, css); err != nil {
			diags.Errorf(syntaxCSS, diag.Pos{}, "", "cannot write: %v", err)
		}
	}
	for _, group := range [][]source.File{assets, static} {
		for _, f := range group {
			if err := ctx.Err(); err != nil {
				return err
			}
			data, err := root.Read(f)
			if err != nil {
				diags.Errorf(f.Path, diag.Pos{}, readHint(err), "cannot copy: %v", unwrapPath(err))
				continue
			}
			if err := emit(f.Rel, data); err != nil {
				diags.Errorf(f.Path, diag.Pos{}, "check the output folder", "cannot copy: %v", err)
			}
		}
	}
	return nil
}

// readHint is what to do about a file that could not be read.
func readHint(err error) string {
	if errors.Is(err, fs.ErrPermission) {
		return "check the file's permissions"
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "check that the file exists"
	}
	return "fieldguide reads only regular files inside the site folder"
}

// unwrapPath drops a PathError's operation and path: the diagnostic names
// the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
