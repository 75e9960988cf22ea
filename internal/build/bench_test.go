package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/source"
)

// BenchmarkBuild measures a full build of generated corpora, publish
// included: go test -bench Build -benchtime 3x ./internal/build
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			src := filepath.Join(dir, "site")
			if err := corpus.Generate(src, n, 1); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				res, err := Build(context.Background(), Options{Source: src, Destination: filepath.Join(dir, "out")})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Pages)/res.Duration.Seconds(), "pages/s")
			}
		})
	}
}

// BenchmarkMarkdown puts fieldguide's markdown stage next to its floor: the
// same 1,000 generated bodies through goldmark alone (same extensions, no
// highlighting, no sections, text or glossary) and through markdown.Parse
// and Render. Builds cannot beat the first; the gap is chroma and our own
// work on the trees.
func BenchmarkMarkdown(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Generate(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	type body struct {
		file   []byte
		offset int
	}
	var bodies []body
	var size int64
	for _, f := range source.Walk(dir, "content", &diag.List{}) {
		if !f.IsMarkdown() {
			continue
		}
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			b.Fatal(err)
		}
		split, splitErr := frontmatter.Split(src)
		if splitErr != nil {
			b.Fatalf("%s: %v", f.Path, splitErr.Message)
		}
		bodies = append(bodies, body{src, split.BodyOffset})
		size += int64(len(split.Body))
	}
	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New(
			goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		)
		b.SetBytes(size)
		var out bytes.Buffer
		for b.Loop() {
			for _, f := range bodies {
				out.Reset()
				if err := md.Convert(f.file[f.offset:], &out); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("fieldguide", func(b *testing.B) {
		md := markdown.New(markdown.Options{})
		b.SetBytes(size)
		for b.Loop() {
			for _, f := range bodies {
				var diags diag.List
				doc := md.Parse("bench.md", f.file, f.offset, &diags)
				if _, err := md.Render(doc); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
