package render_test

import (
	"context"
	"hash/maphash"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/page"
	"github.com/fieldguide/fieldguide/internal/render"
	"github.com/fieldguide/fieldguide/internal/site"
	"github.com/fieldguide/fieldguide/internal/source"
	"github.com/fieldguide/fieldguide/internal/theme"
)

// generatedRenderer builds the graph of a generated site of n pages, as
// build does, and a renderer for it.
func generatedRenderer(b *testing.B, n int) (*render.Renderer, *site.Site) {
	dir := b.TempDir()
	if err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	var diags diag.List
	cfg := config.Load(dir, &diags)
	md := markdown.New(markdown.Options{})
	var pages []*page.Page
	var assets []source.File
	for _, f := range source.Walk(dir, "content", &diags) {
		if !f.IsMarkdown() {
			assets = append(assets, f)
			continue
		}
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, page.Parse(md, &cfg, f.Path, f.Rel, src, &diags))
	}
	s := site.Build(context.Background(), &cfg, pages, assets, site.Options{Now: time.Now()}, &diags)
	if err := diags.Err(false); err != nil {
		b.Fatal(err)
	}
	root, err := source.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { root.Close() })
	th := theme.Load(root, "default", render.Funcs(), nil)
	return render.New(s, th, md), s
}

// BenchmarkRenderPage renders one generated FAQ page, its body already
// rendered, through the theme: go test -bench RenderPage ./internal/render
func BenchmarkRenderPage(b *testing.B) {
	r, s := generatedRenderer(b, 200)
	if err := r.Prepare(context.Background(), false); err != nil {
		b.Fatal(err)
	}
	p := s.BySource("faq/group-001/faq-00001.md")
	if p == nil {
		b.Fatal("no page")
	}
	b.ReportAllocs()
	one := []*site.Page{p}
	emit := func(string, []byte) error { return nil }
	for b.Loop() {
		var diags diag.List
		if _, err := r.Pages(context.Background(), one, emit, &diags); err != nil || diags.HasErrors(false) {
			b.Fatal(err, diags.Items())
		}
	}
}

// BenchmarkPrepare renders the markdown bodies of 200 generated pages.
func BenchmarkPrepare(b *testing.B) {
	r, _ := generatedRenderer(b, 200)
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Prepare(context.Background(), false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViews builds and hashes the view of every page of a generated
// 2,000-page site (from the bodies' outlines) and renders none: what a preview does
// after an edit that rebuilt the graph, to find the pages to render
// (ns/page; compare with BenchmarkRenderPage, a page's whole render).
//
//	go test -bench Views -run '^$' ./internal/render
func BenchmarkViews(b *testing.B) {
	r, _ := generatedRenderer(b, 2000)
	seed := maphash.MakeSeed()
	var viewed atomic.Int64
	none := func(*site.Page, render.ViewKey) bool { viewed.Add(1); return false }
	emit := func(string, []byte) error { return nil }
	b.ReportAllocs()
	for b.Loop() {
		var diags diag.List
		if _, err := r.PagesIf(context.Background(), nil, seed, none, emit, &diags); err != nil || diags.HasErrors(false) {
			b.Fatal(err, diags.Items())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(viewed.Load()), "ns/page")
}
