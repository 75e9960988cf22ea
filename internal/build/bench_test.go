package build

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/fieldguide/fieldguide/internal/corpus"
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
