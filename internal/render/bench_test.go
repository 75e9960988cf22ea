package render_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/build"
	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/theme"
)

// BenchmarkRenderPage renders one generated FAQ page through the theme:
// go test -bench RenderPage ./internal/render
func BenchmarkRenderPage(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Generate(dir, 200, 1); err != nil {
		b.Fatal(err)
	}
	res, err := build.Check(context.Background(), build.Options{Source: dir, Now: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	s := res.Site
	th := theme.Load(dir, "default", render.Funcs(), nil)
	r := render.New(s, th, markdown.New(markdown.Options{}))
	p := s.BySource(filepath.ToSlash("faq/group-001/faq-00001.md"))
	if p == nil {
		b.Fatal("no page")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, d := r.Page(p); d != nil {
			b.Fatal(d)
		}
	}
}
