package pipeline

import (
	"context"
	"hash/maphash"
	"maps"
	"sort"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/search"
)

// layers are the hashes of the published output files, by output path,
// in the layers a build writes one after the other: where two write one
// path, the later wins (the search index over copied files over extras
// over pages).
type layers struct {
	pages, extras, assets, index map[string]uint64
}

// published is the hash of the file at path, and its layer (0 for
// pages ... 3 for the index); ok is false when no layer has it.
func (l *layers) published(path string) (hash uint64, layer int, ok bool) {
	for layer, m := range []map[string]uint64{l.index, l.assets, l.extras, l.pages} {
		if hash, ok := m[path]; ok {
			return hash, 3 - layer, true
		}
	}
	return 0, 0, false
}

// publish compares a step's output with the published one, reports the
// difference (files changed and removed) and records the new state.
func (b *Builder) publish(out *rendered, rep *Report) {
	hashes := func(files map[string][]byte) map[string]uint64 {
		m := make(map[string]uint64, len(files))
		for path, data := range files {
			m[path] = maphash.Bytes(b.seed, data)
		}
		return m
	}
	old := b.files
	next := layers{pages: maps.Clone(old.pages), extras: hashes(out.extras), assets: old.assets, index: old.index}
	for path, kept := range out.keptExtras {
		if kept {
			next.extras[path] = old.extras[path] // unchanged, not made again
		}
	}
	if out.assets != nil {
		next.assets = hashes(out.assets)
	}
	if out.index != nil {
		next.index = hashes(out.index)
	}
	rendered := hashes(out.pages)
	maps.Copy(next.pages, rendered)
	if out.all {
		// Pages not viewed are gone from the site (or failed to render).
		maps.DeleteFunc(next.pages, func(path string, _ uint64) bool { _, ok := out.views[path]; return !ok })
	}

	// Only paths some layer wrote or dropped can have changed.
	affected := map[string]bool{}
	add := func(m map[string]uint64) {
		for path := range m {
			affected[path] = true
		}
	}
	add(rendered)
	for path := range old.pages {
		if _, ok := next.pages[path]; !ok {
			affected[path] = true
		}
	}
	add(old.extras)
	add(next.extras)
	if out.assets != nil {
		add(old.assets)
		add(next.assets)
	}
	if out.index != nil {
		add(old.index)
		add(next.index)
	}
	rep.Files = map[string][]byte{}
	for path := range affected {
		was, _, had := old.published(path)
		h, layer, ok := next.published(path)
		switch {
		case !ok && had:
			rep.Removed = append(rep.Removed, path)
		case ok && (!had || was != h):
			data, made := [...]map[string][]byte{out.pages, out.extras, out.assets, out.index}[layer][path]
			if !made {
				// Only a page not rendered this round lacks bytes, and it
				// is published (renderClaimed).
				panic("pipeline: publishing " + path + ", changed but not rendered")
			}
			rep.Files[path] = data
			rep.Changed = append(rep.Changed, path)
		}
	}
	sort.Strings(rep.Changed)
	sort.Strings(rep.Removed)

	b.files = next
	if out.all {
		b.views = out.views // every page's, but those that failed
	} else {
		for _, path := range out.failed {
			delete(b.views, path)
		}
		maps.Copy(b.views, out.views)
	}
	b.extraViews = out.extraViews
	b.unpublished = map[*sourcePage]bool{}
	rep.NotFound = out.notFound
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
	r := render.New(b.site, b.theme, b.md)
	j.docs, j.synonyms, _ = searchDocs(context.Background(), r, b.site, b.units)
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
	index := make(map[string]uint64, len(files))
	for path, data := range files {
		h := maphash.Bytes(b.seed, data)
		if old, ok := b.files.index[path]; !ok || old != h {
			rep.Files[path] = data
			rep.Changed = append(rep.Changed, path)
		}
		index[path] = h
	}
	// The index's files are in a folder of their own (checkOutputs), so no
	// other layer has their paths.
	for path := range b.files.index {
		if _, ok := index[path]; !ok {
			rep.Removed = append(rep.Removed, path)
		}
	}
	b.files.index = index
	sort.Strings(rep.Changed)
	sort.Strings(rep.Removed)
	rep.Published = true
	if b.site != nil {
		rep.Pages, rep.Site = len(b.site.Pages), b.site
	}
	return rep
}
