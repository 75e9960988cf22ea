package pipeline

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"time"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/parallel"
	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/source"
	"github.com/fieldguide/fieldguide/internal/theme"
)

// changes are what reading found: pages parsed again, pages gone, and
// whether the set of files changed (the graph must then be rebuilt).
type changes struct {
	swaps      []swapped
	gone       []*sourcePage
	structural bool
}

// read brings configuration, theme and sources up to date: it reads the
// files the plan names, and parses those whose bytes changed.
func (b *Builder) read(ctx context.Context, p *plan, rep *Report) (changes, error) {
	var c changes
	if p.config {
		var d diag.List
		cfg, err := loadConfig(b.opts, &d)
		if err != nil {
			return c, err
		}
		if !b.ready || !reflect.DeepEqual(cfg, b.cfg) {
			// Parsing depends on the configuration: nothing parsed is reusable.
			b.cfg, b.md, b.pages = cfg, newMarkdown(&cfg, b.opts.Source), map[string]*sourcePage{}
		}
		b.cfgDiags = d
	}
	if b.root == nil {
		root, err := source.OpenRoot(b.opts.Source)
		if err != nil {
			return c, err
		}
		b.root = root
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
	c.structural = !b.ready
	var toRead []*sourcePage
	var dates func() map[string]time.Time
	if p.walkContent {
		if _, err := os.Stat(filepath.Join(b.opts.Source, "content")); err != nil {
			return c, fmt.Errorf("no content/ folder in %s: create it, or pass --source with the folder that has one", b.opts.Source)
		}
		var d diag.List
		files := source.Walk(b.opts.Source, "content", &d)
		b.contentDiags = d
		mdFiles, assets := splitSources(files)
		if err := checkSize(mdFiles, assets, b.static); err != nil {
			return c, err
		}
		if !b.ready {
			// Dates come from git, read beside the parses: once, at the
			// first step (trackDates).
			dates = readDates(ctx, b.opts.Source, mdFiles)
		}
		if !sameFiles(assets, b.assets) {
			c.structural = true // links to files beside pages resolve differently
		}
		b.assets = assets
		seen := make(map[string]bool, len(mdFiles))
		b.order = b.order[:0]
		for _, f := range mdFiles {
			seen[f.Path] = true
			b.order = append(b.order, f.Path)
			sp := b.pages[f.Path]
			if sp == nil {
				sp = &sourcePage{file: f}
				b.pages[f.Path] = sp
				c.structural = true
			}
			sp.file = f
			if p.config || p.modified[f.Path] || sp.statChanged() {
				toRead = append(toRead, sp)
			}
		}
		for path := range b.pages {
			if !seen[path] {
				delete(b.pages, path)
				c.structural = true
			}
		}
	} else {
		for path := range p.modified {
			toRead = append(toRead, b.pages[path])
		}
	}
	sort.Slice(toRead, func(i, j int) bool { return toRead[i].file.Path < toRead[j].file.Path })

	swaps, gone, err := b.readAll(ctx, toRead)
	if dates != nil {
		b.dates = dates()
	}
	if err != nil {
		return c, err
	}
	c.structural = b.trackDates(swaps) || c.structural
	rep.Parsed = len(swaps)
	for _, sw := range swaps {
		b.unpublished[sw.sp] = true
	}
	c.swaps, c.gone = swaps, gone
	return c, nil
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
	old *page.Page
	fm  uint64 // the old front-matter hash
}

// readAll re-reads files on every core and parses those whose bytes
// changed. Files that no longer exist are returned in gone.
func (b *Builder) readAll(ctx context.Context, list []*sourcePage) (swaps []swapped, gone []*sourcePage, err error) {
	type result struct {
		changed, gone bool
		old           *page.Page
		fm            uint64
	}
	results := make([]result, len(list))
	if err := parallel.ForContext(ctx, len(list), func(i int) {
		sp := list[i]
		old, fm := sp.page, sp.fm
		changed, isGone := b.readPage(sp)
		results[i] = result{changed: changed, gone: isGone, old: old, fm: fm}
	}); err != nil {
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

// readPage re-reads one file and parses it when its bytes changed.
func (b *Builder) readPage(sp *sourcePage) (changed, gone bool) {
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
		sp.page, sp.sum, sp.fm = nil, 0, 0
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
	sp.page = page.Parse(b.md, &b.cfg, f.Path, f.Rel, src, &d)
	sp.diags, sp.sum = d, sum
	sp.fm = 0
	if split, err := frontmatter.Split(src); err == nil {
		sp.fm = maphash.Bytes(b.seed, src[:split.BodyOffset])
	}
	return true, false
}
