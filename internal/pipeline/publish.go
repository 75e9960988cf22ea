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
	newExtras := make(map[string]uint64, len(out.extras)+len(out.keptExtras))
	for path, data := range out.extras {
		newExtras[path] = hash(data)
	}
	for _, path := range out.keptExtras {
		newExtras[path] = b.extraHash[path] // unchanged, not made again
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
	b.extraHash, b.extraViews = newExtras, out.extraViews
	if newAssets != nil {
		b.assetHash = newAssets
	}
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
