package pipeline

import (
	"bytes"
	"context"
	"strings"
	"sync"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/site"
)

// rendered is one rebuild's output before it is compared and published.
type rendered struct {
	pages  map[string][]byte // page output path -> bytes, for the pages rendered
	extras map[string][]byte
	// extraViews are the views of the site-wide pages among the extras
	// (render.SiteFiles), by output path; keptExtras those not made again
	// because their views are unchanged.
	extraViews map[string]view
	keptExtras map[string]bool
	notFound   []byte              // Report.NotFound
	assets     map[string][]byte   // nil when the copied files were not redone
	index      map[string][]byte   // the search index, on the first build only
	views      map[string]view     // page output path -> its view, for the pages viewed
	all        bool                // views holds every page of the site
	selected   []string            // pages selected to render
	forced     map[*site.Page]bool // pages rendered whatever their view (renderClaimed)
	failed     []string            // pages selected to render that did not
	rendered   int
	// renderedExtras counts the site-wide pages made (not kept).
	renderedExtras int
	mu             sync.Mutex // guards the maps while files come in from every core
}

// view is what a page was last rendered from: its view's hash, the
// templates' generation, and the pages whose bodies it shows.
type view struct {
	hash, theme uint64
	shows       []string // output paths
}

// render renders the pages whose view changed since the last published
// step, the extras, the copied files when they may have changed, and on
// the first step the search index, in the order a build writes them
// (later layers win: copied files over extras over pages).
//
// After a graph rebuild, or when everything renders, that takes the view
// of every page. When re-parsed pages were only swapped into the graph
// (front matter, anchors, links and terms unchanged), only their bodies
// changed: the views to look at are theirs and those that showed their
// bodies when last rendered.
func (b *Builder) render(ctx context.Context, p *plan, diags *diag.List) (*rendered, error) {
	s := b.site
	r := render.New(s, b.theme, b.md)
	out := &rendered{pages: map[string][]byte{}, views: map[string]view{}}
	if b.stream != nil {
		// Nothing is kept for a next step: render every body now and drop
		// its syntax tree, most of a build's memory.
		if err := r.Prepare(ctx, true); err != nil {
			return nil, err
		}
	}
	b.lap("bodies")
	todo, sel := b.pagesToRender(p, out)
	var err error
	if out.rendered, err = r.PagesIf(ctx, todo, b.seed, sel, b.layer(out, &out.pages, true), diags); err != nil {
		return nil, err
	}
	b.lap("pages")
	if b.stream == nil {
		r.KnownViews(b.knownViews(out))
	}
	r.ExtrasIf(b.seed, b.extrasToMake(p, out), b.layer(out, &out.extras, false), diags)
	if b.stream == nil && out.extras[render.NotFoundPath] != nil {
		out.notFound = r.NotFoundPage("/")
	}
	if p.assets || !b.published {
		if err := writeAssets(ctx, b.root, b.theme, &b.cfg, b.assets, b.static, b.layer(out, &out.assets, false), diags); err != nil {
			return nil, err
		}
	}
	if b.stream == nil {
		if err := b.renderClaimed(ctx, r, out, sel, diags); err != nil {
			return nil, err
		}
		countExtras(out)
	}
	b.lap("extras")
	if !b.published {
		b.undefined = s.UndefinedTerms(func(p *site.Page) []string {
			if body, _ := r.Body(p); body != nil {
				return body.Abbreviations
			}
			return nil
		})
		// The first step's index is complete, as a build's; later ones
		// come from IndexJob, through the unit cache this fills.
		docs, synonyms, err := searchDocs(ctx, r, s, b.units)
		if err != nil {
			return nil, err
		}
		r.Release() // the search units hold the text they need
		if err := writeSearchIndex(ctx, docs, synonyms, b.layer(out, &out.index, false), diags); err != nil {
			return nil, err
		}
	}
	b.lap("search")
	return out, nil
}

// layer is where a step's files of one kind go: to the stream of a
// one-shot build, or into files, to be compared with the last published
// ones. Rendered pages come in buffers the renderer reuses (clone).
func (b *Builder) layer(out *rendered, files *map[string][]byte, clone bool) render.Emit {
	if b.stream != nil {
		return b.stream.Write
	}
	if *files == nil {
		*files = map[string][]byte{}
	}
	return func(path string, data []byte) error {
		if clone {
			data = bytes.Clone(data)
		}
		out.mu.Lock()
		(*files)[path] = data // later files win, as they overwrite in a build
		out.mu.Unlock()
		return nil
	}
}

// pagesToRender lists the pages whose views to look at, and the Select
// that renders those whose view changed, recording every view in out.
// A one-shot build renders every page and records nothing.
func (b *Builder) pagesToRender(p *plan, out *rendered) ([]*site.Page, render.Select) {
	s := b.site
	all := p.renderAll || !b.published
	if b.stream != nil {
		return s.Pages, nil
	}
	var todo []*site.Page
	if p.graph || all {
		out.all = true
		todo = s.Pages
	} else {
		seen := map[*site.Page]bool{}
		add := func(pg *site.Page) {
			if pg != nil && !seen[pg] {
				seen[pg] = true
				todo = append(todo, pg)
			}
		}
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
	sel := func(pg *site.Page, key render.ViewKey) bool {
		path := render.OutPath(pg.URL)
		v := view{hash: key.Hash, theme: b.themeGen}
		for _, shown := range key.Shows {
			v.shows = append(v.shows, render.OutPath(shown.URL))
		}
		old, ok := b.views[path]
		changed := all || out.forced[pg] || !ok || old.hash != v.hash || old.theme != v.theme
		out.mu.Lock()
		defer out.mu.Unlock()
		out.views[path] = v
		if changed {
			out.selected = append(out.selected, path)
		}
		return changed
	}
	return todo, sel
}

// knownViews gives a page's view key from this step's views, or, for a
// page this step did not view (it only swapped edited pages in, so the
// others' views are as they were), from the step that last rendered it.
func (b *Builder) knownViews(out *rendered) func(*site.Page) (uint64, bool) {
	return func(pg *site.Page) (uint64, bool) {
		path := render.OutPath(pg.URL)
		if v, ok := out.views[path]; ok {
			return v.hash, true
		}
		if out.all {
			return 0, false // viewed, and failed
		}
		v, ok := b.views[path]
		return v.hash, ok
	}
}

// extrasToMake is the SelectExtra that makes the site-wide pages whose
// views changed, recording every view in out. A one-shot build makes
// every one and records nothing.
func (b *Builder) extrasToMake(p *plan, out *rendered) render.SelectExtra {
	if b.stream != nil {
		return nil
	}
	all := p.renderAll || !b.published
	out.extraViews, out.keptExtras = map[string]view{}, map[string]bool{}
	return func(path string, hash uint64) bool {
		v := view{hash: hash, theme: b.themeGen}
		old, ok := b.extraViews[path]
		_, claimed := b.files.assets[path] // its bytes are needed if the claim goes
		changed := all || claimed || !ok || old.hash != v.hash || old.theme != v.theme
		out.mu.Lock()
		defer out.mu.Unlock()
		out.extraViews[path] = v
		out.keptExtras[path] = !changed
		return changed
	}
}

// renderClaimed renders the pages not rendered yet whose output path a
// copied file or an extra claims, now or at the last publish, so their
// bytes are at hand when the claim goes away (sites almost never have
// such a page). Pages selected that did not render are recorded as failed.
func (b *Builder) renderClaimed(ctx context.Context, r *render.Renderer, out *rendered, sel render.Select, diags *diag.List) error {
	out.forced = map[*site.Page]bool{}
	var claimed []*site.Page
	claim := func(path string) {
		if pg := b.pageAt(path); pg != nil && !out.forced[pg] && out.pages[render.OutPath(pg.URL)] == nil {
			out.forced[pg] = true
			claimed = append(claimed, pg)
		}
	}
	for _, layer := range []map[string][]byte{out.extras, out.assets} {
		for path := range layer {
			claim(path)
		}
	}
	for _, layer := range []map[string]uint64{b.files.extras, b.files.assets, b.files.index} {
		for path := range layer {
			claim(path)
		}
	}
	if len(claimed) > 0 {
		n, err := r.PagesIf(ctx, claimed, b.seed, sel, b.layer(out, &out.pages, true), diags)
		if err != nil {
			return err
		}
		out.rendered += n
	}
	for _, path := range out.selected {
		if _, ok := out.pages[path]; !ok {
			// Failed: have it rendered again by the next step.
			delete(out.views, path)
			out.failed = append(out.failed, path)
		}
	}
	return nil
}

// countExtras counts the site-wide pages made, and forgets the views of
// those that failed, to make them again in the next step.
func countExtras(out *rendered) {
	for path := range out.extraViews {
		switch _, made := out.extras[path]; {
		case out.keptExtras[path]:
		case made:
			out.renderedExtras++
		default:
			delete(out.extraViews, path)
		}
	}
}

// pageAt is the page whose output is path, or nil.
func (b *Builder) pageAt(path string) *site.Page {
	url, ok := strings.CutSuffix(path, "index.html")
	if !ok {
		return nil
	}
	return b.site.Page(url)
}
