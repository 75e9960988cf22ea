package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/content"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/search"
	"github.com/fieldguide/fieldguide/internal/site"
	"github.com/fieldguide/fieldguide/internal/source"
	"github.com/fieldguide/fieldguide/internal/theme"
	"github.com/fieldguide/fieldguide/internal/watch"
)

// Builder is a build kept in memory between edits, for fieldguide serve.
//
// It keeps every parsed page (with its file's size, time and content hash),
// the markdown pipeline, the theme, the site graph and a hash of every
// output file it last published. Rebuild re-reads only the files that
// changed, rebuilds the graph, and renders only the pages whose output can
// change: those whose template view (render.View) hashes differently from
// the one they were last rendered from. Template and configuration
// changes render everything.
//
// A rebuild that finds errors publishes nothing: the caller keeps showing
// the last good build, and the next rebuild is compared with that one. Only
// the very first build publishes despite errors, so a preview exists.
type Builder struct {
	mu   sync.Mutex
	opts Options
	seed maphash.Seed
	// root is the site folder, opened by the first rebuild and kept open
	// until Close: the theme reads its static files through it when a
	// later rebuild copies them again.
	root *source.Root

	ready        bool
	dates        map[string]time.Time // pages' last-change dates from git (trackDates)
	cfg          config.Config
	cfgDiags     diag.List
	md           *markdown.Markdown
	theme        *theme.Theme
	themeDiags   diag.List
	themeGen     uint64                 // bumped when templates may have changed
	pages        map[string]*sourcePage // content markdown, by site path
	assets       []source.File          // other files under content/
	static       []source.File
	contentDiags diag.List // from walking content/
	staticDiags  diag.List
	site         *site.Site
	siteDiags    diag.List
	outputDiags  diag.List // output paths two parties claim (checkOutputs)
	gen          uint64
	unpublished  map[*sourcePage]bool // parsed again since the last publish
	units        unitCache
	bodies       *render.Bodies // rendered bodies, kept while their resolution holds
	indexGen     uint64         // generation of the last IndexJob handed out
	indexDone    uint64         // generation of the last index published
	indexBehind  bool           // sources changed since the index was last asked for
	graphBehind  bool           // the graph changed since the last publish

	// The last published build.
	published bool
	outputs   map[string]uint64 // every output path -> hash of its bytes
	pageHash  map[string]uint64 // page output path -> hash
	extraHash map[string]uint64
	assetHash map[string]uint64
	indexHash map[string]uint64 // the search index files, over every other layer
	views     map[string]view   // page output path -> the view it was rendered from
}

// sourcePage is one content markdown file and what parsing it gave.
type sourcePage struct {
	file  source.File
	size  int64
	mod   time.Time
	sum   uint64 // hash of the bytes; 0 when never read
	fm    uint64 // hash of the bytes before the body (front matter and its position)
	page  *content.Page
	diags diag.List
	gen   uint64 // bumped on every re-parse
}

// Report is what one build or rebuild produced.
type Report struct {
	// Files are the output files that are new or changed since the last
	// published build, by output path; Changed lists their paths, sorted.
	Files   map[string][]byte
	Changed []string
	// Removed are output paths the site no longer has.
	Removed []string
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
	IndexStale  bool
	Pages       int // pages in the site
	Rendered    int // pages rendered by this build
	Parsed      int // source files parsed by this build
	Diagnostics []diag.Diagnostic
	Duration    time.Duration
	Site        *site.Site
}

// NewBuilder prepares a builder; nothing is read until Build.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: withDefaults(opts), seed: maphash.MakeSeed(), unpublished: map[*sourcePage]bool{},
		units: unitCache{}, bodies: render.NewBodies()}
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

// Rebuild brings the build up to date after the given paths changed. Paths
// are relative to the site folder (slash separated) or absolute; folders
// are allowed. A nil list means "anything may have changed" (the first
// build, or lost file events) and rebuilds everything. It returns
// *diag.BuildError when the sources have errors, like Render; the report
// then carries the diagnostics.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*Report, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	start := time.Now()
	if b.root == nil {
		root, err := source.OpenRoot(b.opts.Source)
		if err != nil {
			return nil, err
		}
		b.root = root
	}
	p := b.plan(changed)
	rep := &Report{Full: p.renderAll}
	if err := b.update(ctx, &p, rep); err != nil {
		return nil, err
	}
	// A graph rebuilt by a rebuild that published nothing (it found
	// errors) was never rendered: the next one renders from it.
	p.graph = p.graph || b.graphBehind
	b.graphBehind = p.graph
	if rep.Graph || rep.Parsed > 0 {
		b.indexBehind = true
	}
	var diags diag.List
	b.collect(&diags)
	if b.published && diags.HasErrors(b.opts.Strict) {
		rep.Diagnostics = diags.Items()
		rep.Pages, rep.Site = len(b.site.Pages), b.site
		rep.Duration = time.Since(start)
		return rep, diags.Err(b.opts.Strict)
	}
	out, err := b.render(ctx, &p, &diags)
	if err != nil {
		return nil, err
	}
	rep.Rendered = out.rendered
	if b.published && diags.HasErrors(b.opts.Strict) {
		rep.Diagnostics = diags.Items()
		rep.Pages, rep.Site = len(b.site.Pages), b.site
		rep.Duration = time.Since(start)
		return rep, diags.Err(b.opts.Strict)
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
	rep.Diagnostics = diags.Items()
	rep.Pages, rep.Site = len(b.site.Pages), b.site
	rep.Duration = time.Since(start)
	return rep, diags.Err(b.opts.Strict)
}

// plan is what a rebuild has to redo.
type plan struct {
	config      bool // re-read site.toml (and so everything)
	theme       bool // re-load templates and theme files
	templates   bool // templates may have changed (not only theme files)
	renderAll   bool
	assets      bool // copy static, theme and content files again
	walkContent bool // the set of content files may have changed
	walkStatic  bool
	graph       bool            // the site graph was rebuilt (set by update)
	modified    map[string]bool // content markdown to re-read, by site path
	edited      []string        // content markdown paths named in the change list
}

func (b *Builder) plan(changed []string) plan {
	p := plan{modified: map[string]bool{}}
	if !b.ready || changed == nil {
		return plan{config: true, theme: true, templates: true, renderAll: true, assets: true, walkContent: true, walkStatic: true, modified: p.modified}
	}
	for _, c := range changed {
		rel := b.siteRel(c)
		abs := filepath.Join(b.opts.Source, filepath.FromSlash(rel))
		switch watch.Classify(rel) {
		case watch.Config:
			p.config, p.theme, p.templates, p.renderAll, p.assets, p.walkContent, p.walkStatic = true, true, true, true, true, true, true
		case watch.Template:
			// A theme folder appearing or vanishing changes its files too.
			p.theme, p.templates, p.renderAll, p.assets = true, true, true, true
		case watch.ThemeStatic:
			p.theme, p.assets = true, true
		case watch.SiteStatic:
			p.walkStatic, p.assets = true, true
		case watch.Content:
			if b.planIncluders(rel, &p) {
				continue
			}
			if strings.HasSuffix(rel, ".md") {
				p.edited = append(p.edited, rel)
			}
			switch {
			case b.pages[rel] != nil && isRegular(abs):
				p.modified[rel] = true // an edit: the common case, no walk
			case b.isAsset(rel) && isRegular(abs):
				p.assets = true
			default:
				// Added, removed or renamed files and folders.
				p.walkContent, p.assets = true, true
			}
		}
	}
	return p
}

// planIncluders plans a re-parse of every page that includes the snippet
// (or a snippet in the folder) at rel, at any depth, and reports whether
// rel is in an unpublished folder, which nothing else reads. The pages'
// own bytes are unchanged: their hash is forgotten so they are parsed.
func (b *Builder) planIncluders(rel string, p *plan) bool {
	for path, sp := range b.pages {
		if sp.page == nil || sp.page.Body == nil {
			continue
		}
		for _, inc := range sp.page.Body.Includes {
			if inc == rel || strings.HasPrefix(inc, rel+"/") {
				p.modified[path], sp.sum = true, 0
				break
			}
		}
	}
	return markdown.IsUnpublished(strings.TrimPrefix(rel, "content/"))
}

func (b *Builder) siteRel(p string) string {
	if !filepath.IsAbs(p) {
		return filepath.ToSlash(filepath.Clean(filepath.FromSlash(p)))
	}
	abs, err := filepath.Abs(b.opts.Source)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(abs, p)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(rel)
}

func (b *Builder) isAsset(rel string) bool {
	for _, a := range b.assets {
		if a.Path == rel {
			return true
		}
	}
	return false
}

func isRegular(abs string) bool {
	info, err := os.Stat(abs)
	return err == nil && info.Mode().IsRegular()
}

// update brings config, theme, sources and the site graph up to date.
func (b *Builder) update(ctx context.Context, p *plan, rep *Report) error {
	if p.config {
		var d diag.List
		cfg, err := loadConfig(b.opts, &d)
		if err != nil {
			return err
		}
		if !b.ready || !reflect.DeepEqual(cfg, b.cfg) {
			// Parsing depends on the configuration: nothing parsed is reusable.
			b.cfg, b.md, b.pages = cfg, newMarkdown(&cfg, b.opts.Source), map[string]*sourcePage{}
		}
		b.cfgDiags = d
	}
	if p.theme {
		var d diag.List
		b.theme = theme.Load(b.root, b.cfg.Theme, render.Funcs(), &d)
		b.themeDiags = d
		if p.templates {
			// A theme file (CSS, scripts) changes no page: pages rendered
			// before it stay valid.
			b.themeGen++
		}
	}
	if p.walkStatic {
		var d diag.List
		b.static = source.Walk(b.opts.Source, "static", &d)
		b.staticDiags = d
	}
	structural := !b.ready
	var toRead []*sourcePage
	if p.walkContent {
		if _, err := os.Stat(filepath.Join(b.opts.Source, "content")); err != nil {
			return fmt.Errorf("no content/ folder in %s: create it, or pass --source with the folder that has one", b.opts.Source)
		}
		var d diag.List
		files := source.Walk(b.opts.Source, "content", &d)
		b.contentDiags = d
		mdFiles, assets := splitSources(files)
		if err := checkSize(mdFiles, assets, b.static); err != nil {
			return err
		}
		if !sameFiles(assets, b.assets) {
			structural = true // links to files beside pages resolve differently
		}
		b.assets = assets
		seen := make(map[string]bool, len(mdFiles))
		for _, f := range mdFiles {
			seen[f.Path] = true
			sp := b.pages[f.Path]
			if sp == nil {
				sp = &sourcePage{file: f}
				b.pages[f.Path] = sp
				structural = true
			}
			sp.file = f
			if p.config || p.modified[f.Path] || sp.statChanged() {
				toRead = append(toRead, sp)
			}
		}
		for path := range b.pages {
			if !seen[path] {
				delete(b.pages, path)
				structural = true
			}
		}
	} else {
		for path := range p.modified {
			toRead = append(toRead, b.pages[path])
		}
	}
	sort.Slice(toRead, func(i, j int) bool { return toRead[i].file.Path < toRead[j].file.Path })

	swaps, gone, err := b.readAll(ctx, toRead)
	if err != nil {
		return err
	}
	structural = b.trackDates(ctx, swaps) || structural
	rep.Parsed = len(swaps)
	for _, sw := range swaps {
		b.unpublished[sw.sp] = true
	}
	for _, sp := range gone {
		// Vanished between the event and the read: gone, unless it returns
		// (then its own event brings it back).
		delete(b.pages, sp.file.Path)
		structural = true
	}
	if structural || len(gone) > 0 || !b.swap(swaps) {
		if err := b.buildSite(ctx); err != nil {
			return err
		}
		rep.Graph, p.graph = true, true
	}
	if p.graph || p.theme || p.walkStatic {
		var d diag.List
		checkOutputs(b.site, b.theme, b.static, &d)
		b.outputDiags = d
	}
	b.ready = true
	return nil
}

func sameFiles(a, b []source.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Path != b[i].Path {
			return false
		}
	}
	return true
}

func (sp *sourcePage) statChanged() bool {
	info, err := os.Stat(sp.file.Abs)
	return err != nil || sp.sum == 0 || info.Size() != sp.size || !info.ModTime().Equal(sp.mod)
}

// swapped is a page parsed again, with what it replaced.
type swapped struct {
	sp  *sourcePage
	old *content.Page
	fm  uint64 // the old front-matter hash
}

// readAll re-reads files on every core and parses those whose bytes
// changed. Files that no longer exist are returned in gone.
func (b *Builder) readAll(ctx context.Context, list []*sourcePage) (swaps []swapped, gone []*sourcePage, err error) {
	type result struct {
		changed, gone bool
		old           *content.Page
		fm            uint64
	}
	results := make([]result, len(list))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(list), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(list) || ctx.Err() != nil {
					return
				}
				sp := list[i]
				old, fm := sp.page, sp.fm
				changed, isGone := b.read(sp)
				results[i] = result{changed: changed, gone: isGone, old: old, fm: fm}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for i, r := range results {
		switch {
		case r.gone:
			gone = append(gone, list[i])
		case r.changed:
			swaps = append(swaps, swapped{sp: list[i], old: r.old, fm: r.fm})
		}
	}
	return swaps, gone, nil
}

// read re-reads one file and parses it when its bytes changed.
func (b *Builder) read(sp *sourcePage) (changed, gone bool) {
	f := sp.file
	info, statErr := os.Stat(f.Abs)
	src, err := b.root.Read(f)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(statErr, fs.ErrNotExist) {
		return false, true
	}
	if err == nil && statErr != nil {
		err = statErr
	}
	if err != nil {
		sp.page, sp.sum, sp.fm, sp.gen = nil, 0, 0, b.nextGen()
		sp.diags = diag.List{}
		sp.diags.Errorf(f.Path, diag.Pos{}, readHint(err), "cannot read: %v", unwrapPath(err))
		return true, false
	}
	sp.size, sp.mod = info.Size(), info.ModTime()
	sum := maphash.Bytes(b.seed, src) | 1 // never 0, which means "not read"
	if sum == sp.sum {
		return false, false // saved without a change, or only touched
	}
	var d diag.List
	sp.page = content.Parse(b.md, &b.cfg, f.Path, f.Rel, src, &d)
	sp.diags, sp.sum, sp.gen = d, sum, b.nextGen()
	sp.fm = 0
	if split, err := frontmatter.Split(src); err == nil {
		sp.fm = maphash.Bytes(b.seed, src[:split.BodyOffset])
	}
	return true, false
}

func (b *Builder) nextGen() uint64 {
	// Called from parse workers.
	return atomic.AddUint64(&b.gen, 1)
}

// buildSite rebuilds the whole graph from the parsed pages.
func (b *Builder) buildSite(ctx context.Context) error {
	paths := make([]string, 0, len(b.pages))
	for path := range b.pages {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	pages := make([]*content.Page, 0, len(paths))
	for _, path := range paths {
		pages = append(pages, b.pages[path].page)
	}
	var d diag.List
	b.site = site.Build(ctx, &b.cfg, pages, b.assets, site.Options{Drafts: b.opts.Drafts, Now: b.opts.Now}, &d)
	b.siteDiags = d
	return ctx.Err()
}

// swap puts re-parsed pages into the existing graph when their edit cannot
// change it: same front matter, same heading anchors, same links, same
// glossary terms used, and no graph problem reported for the page. That is
// the usual edit of a paragraph, and it skips rebuilding the graph of the
// whole site. It reports false when the graph must be rebuilt.
func (b *Builder) swap(swaps []swapped) bool {
	if len(swaps) == 0 || b.site == nil {
		return len(swaps) == 0 && b.site != nil
	}
	troubled := map[string]bool{}
	for _, d := range b.siteDiags.Items() {
		troubled[d.Path] = true
	}
	s := b.site
	type change struct {
		sp   *site.Page
		page *content.Page
	}
	var changes []change
	for _, sw := range swaps {
		cp, old := sw.sp.page, sw.old
		if cp == nil || old == nil || cp.Body == nil || old.Body == nil || sw.fm == 0 || sw.fm != sw.sp.fm ||
			troubled[sw.sp.file.Path] || !sameAnchorsAndLinks(old.Body, cp.Body) {
			return false
		}
		sp := s.BySource(cp.Rel)
		if sp == nil {
			if cp.Draft && !b.opts.Drafts {
				continue // not published, before or after
			}
			return false
		}
		if sp.Page != old {
			return false
		}
		changes = append(changes, change{sp: sp, page: cp})
	}
	for _, c := range changes {
		if !s.Swap(c.sp, c.page) {
			return false // the graph is rebuilt from the new parses
		}
	}
	return true
}

func sameAnchorsAndLinks(a, b *markdown.Doc) bool {
	if len(a.Headings) != len(b.Headings) || len(a.Links) != len(b.Links) {
		return false
	}
	for i := range a.Headings {
		if a.Headings[i].ID != b.Headings[i].ID {
			return false
		}
	}
	for i := range a.Links {
		if a.Links[i].Dest != b.Links[i].Dest || a.Links[i].IsImage != b.Links[i].IsImage || a.Links[i].Source != b.Links[i].Source {
			return false
		}
	}
	return true
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

// rendered is one rebuild's output before it is compared and published.
type rendered struct {
	pages    map[string][]byte // page output path -> bytes, for the pages rendered
	extras   map[string][]byte
	assets   map[string][]byte // nil when the copied files were not redone
	index    map[string][]byte // the search index, on the first build only
	views    map[string]view   // page output path -> its view, for the pages viewed
	all      bool              // views holds every page of the site
	failed   []string          // pages selected to render that did not
	rendered int
}

// view is what a page was last rendered from: its view's hash, the
// templates' generation, and the pages whose bodies it shows.
type view struct {
	hash, theme uint64
	shows       []string // output paths
}

// render renders the extras, the copied files when needed, and the pages
// whose view changed since the last published build.
//
// After a graph rebuild, or when everything renders, that takes the view
// of every page. When re-parsed pages were only swapped into the graph
// (front matter, anchors, links and terms unchanged), only their bodies
// changed: the views to look at are theirs and those that showed their
// bodies when last rendered.
func (b *Builder) render(ctx context.Context, p *plan, diags *diag.List) (*rendered, error) {
	s := b.site
	r := render.New(s, b.theme, b.md)
	r.Keep(b.bodies)
	out := &rendered{pages: map[string][]byte{}, views: map[string]view{}}
	var err error
	out.extras = collectFiles(func(emit render.Emit) { r.Extras(emit, diags) })
	if p.assets || !b.published {
		out.assets = collectFiles(func(emit render.Emit) {
			err = writeAssets(ctx, b.root, b.theme, &b.cfg, b.assets, b.static, emit, diags)
		})
	}
	if !b.published && err == nil {
		// The first build is complete, as a build's output; later search
		// indexes come from IndexJob.
		out.index = collectFiles(func(emit render.Emit) {
			// Through the unit cache, which it fills for the IndexJobs that follow.
			var docs []search.Doc
			var synonyms []search.Synonym
			if docs, synonyms, err = searchDocs(ctx, r, s, b.units); err == nil {
				err = writeSearchIndex(ctx, docs, synonyms, emit, diags)
			}
		})
	}
	if err != nil {
		return nil, err
	}
	var todo []*site.Page
	seen := map[*site.Page]bool{}
	add := func(pg *site.Page) {
		if pg != nil && !seen[pg] {
			seen[pg] = true
			todo = append(todo, pg)
		}
	}
	all := p.renderAll || !b.published
	if p.graph || all {
		out.all = true
		todo = s.Pages
		for _, pg := range todo {
			seen[pg] = true
		}
	} else {
		edited := map[string]bool{}
		for sp := range b.unpublished {
			if sp.page == nil {
				continue
			}
			if pg := s.BySource(sp.page.Rel); pg != nil && pg.Page == sp.page {
				add(pg)
				edited[render.OutPath(pg.URL)] = true
			}
		}
		for path, v := range b.views {
			for _, shown := range v.shows {
				if edited[shown] {
					add(b.pageAt(path))
				}
			}
		}
	}
	// A page whose output path a copied file or an extra claims (now or
	// before) is rendered every time, so its bytes are at hand when the
	// claim goes away. Sites almost never have such a page.
	forced := map[*site.Page]bool{}
	for _, layer := range []map[string][]byte{out.extras, out.assets, out.index} {
		for path := range layer {
			if pg := b.pageAt(path); pg != nil {
				forced[pg] = true
				add(pg)
			}
		}
	}
	for _, layer := range []map[string]uint64{b.extraHash, b.assetHash, b.indexHash} {
		for path := range layer {
			if pg := b.pageAt(path); pg != nil {
				forced[pg] = true
				add(pg)
			}
		}
	}
	var mu sync.Mutex
	selected := map[string]bool{}
	sel := func(pg *site.Page, key render.ViewKey) bool {
		path := render.OutPath(pg.URL)
		v := view{hash: key.Hash, theme: b.themeGen}
		for _, shown := range key.Shows {
			v.shows = append(v.shows, render.OutPath(shown.URL))
		}
		old, ok := b.views[path]
		yes := all || forced[pg] || !ok || old.hash != v.hash || old.theme != v.theme
		mu.Lock()
		defer mu.Unlock()
		out.views[path] = v
		if yes {
			selected[path] = true
		}
		return yes
	}
	out.rendered, err = r.PagesIf(ctx, todo, b.seed, sel, func(path string, data []byte) error {
		data = bytes.Clone(data) // the renderer reuses its buffer
		mu.Lock()
		out.pages[path] = data
		mu.Unlock()
		return nil
	}, diags)
	if err != nil {
		return nil, err
	}
	for path := range selected {
		if _, ok := out.pages[path]; !ok {
			// Failed: have it rendered again by the next rebuild.
			delete(out.views, path)
			out.failed = append(out.failed, path)
		}
	}
	b.bodies.Prune(s)
	return out, nil
}

// pageAt is the page whose output is path, or nil.
func (b *Builder) pageAt(path string) *site.Page {
	url, ok := strings.CutSuffix(path, "index.html")
	if !ok {
		return nil
	}
	return b.site.Page(url)
}

func collectFiles(fn func(render.Emit)) map[string][]byte {
	files := map[string][]byte{}
	var mu sync.Mutex
	fn(func(path string, data []byte) error {
		mu.Lock()
		files[path] = data // later files win, as they overwrite in a build
		mu.Unlock()
		return nil
	})
	return files
}

// publish compares the new output with the published one, reports the
// difference and records the new state. Copied files win over extras,
// which win over pages, as in Render, where they are written in that order.
func (b *Builder) publish(out *rendered, rep *Report) {
	hash := func(data []byte) uint64 { return maphash.Bytes(b.seed, data) }
	if b.outputs == nil {
		b.outputs, b.pageHash, b.extraHash, b.assetHash, b.indexHash, b.views =
			map[string]uint64{}, map[string]uint64{}, map[string]uint64{}, map[string]uint64{}, map[string]uint64{}, map[string]view{}
	}
	newIndex := make(map[string]uint64, len(out.index))
	for path, data := range out.index {
		newIndex[path] = hash(data)
		b.indexHash[path] = newIndex[path]
	}
	// Page layer: rendered pages get new hashes; pages gone from the site
	// (only after a graph rebuild) leave.
	newPages := make(map[string]uint64, len(out.pages))
	for path, data := range out.pages {
		newPages[path] = hash(data)
	}
	var goneViews []string
	affected := map[string]bool{}
	if out.all {
		for path := range b.pageHash {
			if _, ok := out.views[path]; !ok {
				if _, rendered := newPages[path]; !rendered {
					affected[path] = true // gone, or failed to render
				}
			}
		}
		for path := range b.views {
			if _, ok := out.views[path]; !ok {
				goneViews = append(goneViews, path)
			}
		}
	}
	newExtras := make(map[string]uint64, len(out.extras))
	for path, data := range out.extras {
		newExtras[path] = hash(data)
	}
	var newAssets map[string]uint64
	if out.assets != nil {
		newAssets = make(map[string]uint64, len(out.assets))
		for path, data := range out.assets {
			newAssets[path] = hash(data)
		}
	}
	for _, m := range []map[string]uint64{newPages, newExtras, b.extraHash, newAssets, newIndex} {
		for path := range m {
			affected[path] = true
		}
	}
	if newAssets != nil {
		for path := range b.assetHash {
			affected[path] = true
		}
	}
	assets := b.assetHash
	if newAssets != nil {
		assets = newAssets
	}

	rep.Files = map[string][]byte{}
	outputs := map[string]uint64{} // changes to b.outputs; absent paths are removed
	for path := range affected {
		var h uint64
		var data []byte
		var ok bool
		if h, ok = b.indexHash[path]; ok {
			data = out.index[path]
		} else if h, ok = assets[path]; ok {
			data = out.assets[path]
		} else if h, ok = newExtras[path]; ok {
			data = out.extras[path]
		} else if h, ok = newPages[path]; ok {
			data = out.pages[path]
		} else if _, current := out.views[path]; !out.all || current {
			h, ok = b.pageHash[path] // a page not rendered again, still there
		}
		old, had := b.outputs[path]
		switch {
		case !ok && had:
			rep.Removed = append(rep.Removed, path)
		case ok && (!had || old != h):
			if data == nil {
				// Only a page not rendered this round lacks bytes, and its
				// hash is the one published.
				panic("build: publishing " + path + ", changed but not rendered")
			}
			rep.Files[path] = data
			rep.Changed = append(rep.Changed, path)
		}
		if ok {
			outputs[path] = h
		}
	}
	sort.Strings(rep.Changed)
	sort.Strings(rep.Removed)

	// Commit.
	for path := range affected {
		if h, ok := outputs[path]; ok {
			b.outputs[path] = h
		} else {
			delete(b.outputs, path)
		}
	}
	for path, h := range newPages {
		b.pageHash[path] = h
	}
	if out.all {
		for path := range b.pageHash {
			if _, ok := out.views[path]; !ok {
				delete(b.pageHash, path)
			}
		}
	}
	for _, path := range append(goneViews, out.failed...) {
		delete(b.views, path)
	}
	maps.Copy(b.views, out.views)
	b.extraHash = newExtras
	if newAssets != nil {
		b.assetHash = newAssets
	}
	b.unpublished = map[*sourcePage]bool{}
	rep.Published = true
	b.published = true
}

// IndexJob is a search index build over the search units of the last
// published pages. Building the index (Run) reads only the snapshot, so it
// may run in the background while the builder goes on rebuilding pages.
type IndexJob struct {
	gen      uint64
	docs     []search.Doc
	synonyms []search.Synonym
}

// IndexJob snapshots the search units of the current site. It is quick:
// units of pages that were not parsed again are reused.
func (b *Builder) IndexJob() *IndexJob {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.indexGen++
	j := &IndexJob{gen: b.indexGen}
	if b.site == nil {
		return j
	}
	// Units are cached for every page but those edited: quick, and not
	// worth stopping.
	j.docs, j.synonyms, _ = searchDocs(context.Background(), render.New(b.site, b.theme, b.md), b.site, b.units)
	return j
}

// Run builds the index files. It touches no builder state, and stops
// early with ctx's error when ctx is cancelled.
func (j *IndexJob) Run(ctx context.Context) (map[string][]byte, error) {
	return search.Build(ctx, j.docs, j.synonyms)
}

// PublishIndex publishes the files of a finished job: the report holds
// the index files that changed and those that are gone. A job older than
// one already published is dropped (Published false).
func (b *Builder) PublishIndex(j *IndexJob, files map[string][]byte, err error) *Report {
	b.mu.Lock()
	defer b.mu.Unlock()
	rep := &Report{Files: map[string][]byte{}}
	if err != nil {
		var d diag.List
		d.Errorf(search.Dir, diag.Pos{}, "", "cannot build the search index: %v", err)
		rep.Diagnostics = d.Items()
		return rep
	}
	if !b.published || j.gen <= b.indexDone {
		return rep
	}
	b.indexDone = j.gen
	for path, data := range files {
		h := maphash.Bytes(b.seed, data)
		if old, ok := b.outputs[path]; !ok || old != h {
			rep.Files[path] = data
			rep.Changed = append(rep.Changed, path)
		}
		b.outputs[path] = h
	}
	for path := range b.indexHash {
		if _, ok := files[path]; !ok {
			// Index file names never collide with pages or copied files.
			delete(b.outputs, path)
			rep.Removed = append(rep.Removed, path)
		}
	}
	b.indexHash = make(map[string]uint64, len(files))
	for path := range files {
		b.indexHash[path] = b.outputs[path]
	}
	sort.Strings(rep.Changed)
	sort.Strings(rep.Removed)
	rep.Published = true
	if b.site != nil {
		rep.Pages, rep.Site = len(b.site.Pages), b.site
	}
	return rep
}
