package pipeline

import (
	"context"
	"hash/maphash"
	"sync"
	"time"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/site"
	"github.com/fieldguide/fieldguide/internal/source"
	"github.com/fieldguide/fieldguide/internal/theme"
)

// Builder is the state one build step leaves for the next, and Rebuild is
// the step: from this state and the paths that changed to the next state
// and its output. A full build is the step from a new Builder. fieldguide
// build takes that one step (Render), streaming every file to its sink
// and keeping nothing for a next one; fieldguide serve takes one step per
// batch of edits, and publishes the files that changed. Both run the same
// stages, one file each: plan (what the changed paths touch), read
// (configuration, theme, files, parses), graph (rebuilt, or edited pages
// swapped in), pages (render what changed) and publish (compare with the
// output last published).
//
// The state is every parsed page (with its file's size, time and content
// hash), the markdown pipeline, the theme, the site graph, the view each
// page was rendered from and a hash of every output file last published.
// A step re-reads only the files that changed and renders only the pages
// whose template view (render.View) hashes differently from the one they
// were last rendered from.
//
// A step that finds errors publishes nothing: the caller keeps showing the
// last good build, and the next step is compared with that one. Only the
// very first step publishes despite errors, so a preview exists.
type Builder struct {
	mu   sync.Mutex
	opts Options
	seed maphash.Seed
	// root is the site folder, opened by the first rebuild and kept open
	// until Close: the theme reads its static files through it when a
	// later rebuild copies them again.
	root *source.Root
	// stream, for a one-shot build, receives every output file as it is
	// made; the builder then keeps no output state (Render).
	stream  *countingStream
	timings *timings

	ready        bool
	dates        map[string]time.Time // pages' last-change dates from git (trackDates)
	cfg          config.Config
	cfgDiags     diag.List
	md           *markdown.Markdown
	theme        *theme.Theme
	themeDiags   diag.List
	themeGen     uint64                 // bumped when templates may have changed
	pages        map[string]*sourcePage // content markdown, by site path
	order        []string               // their paths in the order the walk found them, which the graph is built in
	assets       []source.File          // other files under content/
	static       []source.File
	contentDiags diag.List // from walking content/
	staticDiags  diag.List
	site         *site.Site
	siteDiags    diag.List
	outputDiags  diag.List            // output paths two parties claim (checkOutputs)
	unpublished  map[*sourcePage]bool // parsed again since the last publish
	units        unitCache
	undefined    map[string][]*site.Page // terms the glossary lacks (the first step's)
	indexGen     uint64                  // generation of the last IndexJob handed out
	indexDone    uint64                  // generation of the last index published
	indexBehind  bool                    // sources changed since the index was last asked for
	graphBehind  bool                    // the graph changed since the last publish

	// The last published build.
	published bool
	files     layers          // hashes of the files
	views     map[string]view // page output path -> the view it was rendered from
	// extraViews are the views the site-wide pages among the extras were
	// last made from, by output path.
	extraViews map[string]view
}

// sourcePage is one content markdown file and what parsing it gave.
type sourcePage struct {
	file  source.File
	size  int64
	mod   time.Time
	sum   uint64 // hash of the bytes; 0 when never read
	fm    uint64 // hash of the bytes before the body (front matter and its position)
	page  *page.Page
	diags diag.List
}

// Report is what one build or rebuild produced.
type Report struct {
	// Files are the output files that are new or changed since the last
	// published build, by output path; Changed lists their paths, sorted.
	Files   map[string][]byte
	Changed []string
	// Removed are output paths the site no longer has.
	Removed []string
	// NotFound is the not-found page with its links absolute from "/",
	// for a preview to answer unknown addresses with at any depth (the
	// published 404.html links from the site's root). It is made when
	// 404.html is, and nil otherwise.
	NotFound []byte
	// Edited are the URLs ("faq/x/", "" for home) of pages whose source
	// files were in the rebuild's change list.
	Edited []string
	// Published is false when errors kept this build from replacing the
	// last good one (Files and Removed are then empty).
	Published bool
	Full      bool // every page was rendered
	Graph     bool // the site graph was rebuilt (not only pages swapped in)
	// IndexStale says the published search index predates this build's
	// pages: run an IndexJob (serve does, in the background).
	IndexStale bool
	Pages      int // pages in the site
	Rendered   int // pages rendered by this build
	// RenderedExtras counts the site-wide pages (print documents, tag
	// pages, search...) a rebuild made again because their views changed.
	RenderedExtras int
	Parsed         int // source files parsed by this build
	Diagnostics    []diag.Diagnostic
	Duration       time.Duration
	Site           *site.Site
}

// NewBuilder prepares a builder; nothing is read until Build.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: withDefaults(opts), seed: maphash.MakeSeed(), unpublished: map[*sourcePage]bool{},
		units: unitCache{}, files: layers{map[string]uint64{}, map[string]uint64{}, map[string]uint64{}, map[string]uint64{}}}
}

// Close releases the site folder. The builder must not be used after.
func (b *Builder) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.root == nil {
		return nil
	}
	err := b.root.Close()
	b.root = nil
	return err
}

// Options returns the builder's options, defaults applied.
func (b *Builder) Options() Options { return b.opts }

// Build builds everything, reading every file. The first Build publishes
// all output files; a later one publishes the difference.
func (b *Builder) Build(ctx context.Context) (*Report, error) {
	return b.Rebuild(ctx, nil)
}

// Rebuild is the step: it brings the build up to date after the given
// paths changed. Paths are relative to the site folder (slash separated)
// or absolute; folders are allowed. A nil list means "anything may have
// changed" (the first build, or lost file events) and rebuilds everything.
// It returns *diag.BuildError when the sources have errors, like Render;
// the report then carries the diagnostics.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*Report, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	start := time.Now()
	if b.stream == nil {
		b.timings = newTimings(b.opts.Timings, start) // Render sets its own
	}
	p := b.plan(changed)
	rep := &Report{Full: p.renderAll}
	c, err := b.read(ctx, &p, rep)
	if err != nil {
		return nil, err
	}
	b.lap("parse")
	if err := b.graph(ctx, &p, c, rep); err != nil {
		return nil, err
	}
	b.lap("graph")
	// A graph rebuilt by a rebuild that published nothing (it found
	// errors) was never rendered: the next one renders from it.
	p.graph = p.graph || b.graphBehind
	b.graphBehind = p.graph
	if rep.Graph || rep.Parsed > 0 {
		b.indexBehind = true
	}
	var diags diag.List
	b.collect(&diags)
	finish := func() (*Report, error) {
		rep.Diagnostics = diags.Items()
		rep.Pages, rep.Site = len(b.site.Pages), b.site
		rep.Duration = time.Since(start)
		return rep, diags.Err(b.opts.Strict)
	}
	if b.published && diags.HasErrors(b.opts.Strict) {
		return finish()
	}
	out, err := b.render(ctx, &p, &diags)
	if err != nil {
		return nil, err
	}
	rep.Rendered, rep.RenderedExtras = out.rendered, out.renderedExtras
	if b.stream != nil || b.published && diags.HasErrors(b.opts.Strict) {
		return finish() // streamed, or not to publish
	}
	first := !b.published
	b.publish(out, rep)
	b.graphBehind = false
	if !first && b.indexBehind {
		// Search units come from page text: the index must follow. It is
		// not built here because on big sites it takes far longer than
		// the pages an edit touches.
		rep.IndexStale = true
	}
	b.indexBehind = false
	for _, path := range p.edited {
		if sp := b.pages[path]; sp != nil && sp.page != nil {
			if pg := b.site.BySource(sp.page.Rel); pg != nil && pg.Page == sp.page {
				rep.Edited = append(rep.Edited, pg.URL)
			}
		}
	}
	return finish()
}

// lap ends a stage of the step: for --timings, and for the command's
// AfterStage.
func (b *Builder) lap(stage string) {
	b.timings.stage(stage)
	if b.opts.AfterStage != nil {
		b.opts.AfterStage(stage)
	}
}

// collect gathers every current diagnostic, as one Render would report.
func (b *Builder) collect(diags *diag.List) {
	diags.Merge(&b.cfgDiags)
	diags.Merge(&b.contentDiags)
	diags.Merge(&b.staticDiags)
	for _, sp := range b.pages {
		diags.Merge(&sp.diags)
	}
	diags.Merge(&b.siteDiags)
	diags.Merge(&b.outputDiags)
	diags.Merge(&b.themeDiags)
}
