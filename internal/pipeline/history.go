package pipeline

import (
	"context"
	"time"

	"github.com/fieldguide/fieldguide/internal/history"
	"github.com/fieldguide/fieldguide/internal/source"
)

// readDates starts reading the last-change dates of the content pages from
// the site's git history, beside parsing; the function it returns waits for
// them. Keys are the pages' Source paths ("content/faq/x.md").
func readDates(ctx context.Context, dir string, files []source.File) func() map[string]time.Time {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	done := make(chan map[string]time.Time, 1)
	go func() { done <- history.Dates(ctx, dir, paths) }()
	return func() map[string]time.Time { return <-done }
}

// trackDates gives re-read pages their dates as a build of the same folder
// would: read from git once, at the first build; a page whose bytes changed
// since serve read them has uncommitted changes, so it loses its date. (A
// commit made while serve runs shows on its next start.) It reports whether
// a page lost its date: lists of recent changes on other pages then differ,
// which takes a graph rebuild to find.
func (b *Builder) trackDates(swaps []swapped) (dropped bool) {
	for _, sw := range swaps {
		if _, ok := b.dates[sw.sp.file.Path]; ok && sw.old != nil {
			delete(b.dates, sw.sp.file.Path)
			dropped = true
		}
		if sw.sp.page != nil {
			sw.sp.page.Updated = b.dates[sw.sp.file.Path]
		}
	}
	return dropped
}
