package pipeline

import (
	"context"
	"fmt"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/site"
)

// graph brings the site graph up to date with what read found: edited
// pages are swapped into the graph when their edit cannot change it,
// else the graph is rebuilt from every parsed page. Output paths are then
// checked again when the graph, the theme or static/ changed.
func (b *Builder) graph(ctx context.Context, p *plan, c changes, rep *Report) error {
	for _, sp := range c.gone {
		// Vanished between the event and the read: gone, unless it returns
		// (then its own event brings it back).
		delete(b.pages, sp.file.Path)
	}
	if c.structural || len(c.gone) > 0 || !b.swap(c.swaps) {
		if err := b.buildSite(ctx); err != nil {
			return err
		}
		rep.Graph, p.graph = true, true
	}
	if p.graph || p.theme || p.walkStatic {
		var d diag.List
		checkOutputs(b.site, b.theme, b.static, &d)
		b.outputDiags = d
		if b.stream != nil && d.Len() > 0 {
			// Two parties for one path: writing both would only add
			// errors about output paths. The build fails; render to find
			// the rest.
			b.stream.sink = discard{}
		}
	}
	b.ready = true
	return nil
}

// buildSite rebuilds the whole graph from the parsed pages.
func (b *Builder) buildSite(ctx context.Context) error {
	pages := make([]*page.Page, 0, len(b.pages))
	for _, path := range b.order {
		if sp := b.pages[path]; sp != nil {
			pages = append(pages, sp.page)
		}
	}
	var d diag.List
	b.site = site.Build(ctx, &b.cfg, pages, b.assets, site.Options{Drafts: b.opts.Drafts, Now: b.opts.Now}, &d)
	b.siteDiags = d
	if err := ctx.Err(); err != nil {
		return err
	}
	if n := len(b.site.Aliases); n > MaxFiles {
		return fmt.Errorf("the pages have %d aliases, each a page to write; fieldguide writes at most %d: keep the old addresses people still use", n, MaxFiles)
	}
	if n := len(b.site.Tags); n > MaxFiles {
		return fmt.Errorf("the pages have %d different tags, each a page to write; fieldguide writes at most %d: tag pages with a few words readers browse by", n, MaxFiles)
	}
	return nil
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
		page *page.Page
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
