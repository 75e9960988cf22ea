package pipeline

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// isBuildError reports content problems, which a hostile site is expected
// to have, as opposed to a build that could not run.
func isBuildError(err error) bool {
	var be *diag.BuildError
	return errors.As(err, &be)
}

// writeHostile writes a hostile site of internal/corpus at scale n.
func writeHostile(t testing.TB, name string, n int) string {
	t.Helper()
	h, ok := corpus.LookupHostile(name)
	if !ok {
		t.Fatalf("no hostile input %q", name)
	}
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, h.Files(n))
	return dir
}

// allocated is the bytes a check of the site allocates.
func allocated(t *testing.T, dir string) uint64 {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Check(context.Background(), Options{Source: dir}); err != nil && !isBuildError(err) {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileInputsScaleLinearly checks the hostile sites whose cost was
// super-linear in our own code at two sizes: four times the input may
// allocate at most six times as much (linear is four, the quadratic code
// they caught allocated sixteen times as much). Bytes allocated, unlike
// time, do not depend on the machine's load.
func TestHostileInputsScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sites of thousands of elements")
	}
	for _, tt := range []struct {
		name string
		n    int // the small size; the large one is 4n
	}{
		{"same-headings", 1000},          // heading ids counted up from 1
		{"glossary-paragraph", 250},      // every mark copied the rest of the paragraph
		{"many-broken-anchors", 1000},    // anchors sorted again for every broken link
		{"broken-links-many-pages", 500}, // a relative path to every page for every broken link
		{"tree-unknown-targets", 1000},   // every unknown target compared with every question
		{"tree-many-tests", 1000},        // every step listed every answer
		{"many-headings", 2000},
		{"links-one-line", 5000},
	} {
		t.Run(tt.name, func(t *testing.T) {
			small := allocated(t, writeHostile(t, tt.name, tt.n))
			large := allocated(t, writeHostile(t, tt.name, 4*tt.n))
			ratio := float64(large) / float64(small)
			t.Logf("n=%d: %d KiB, 4n: %d KiB (%.1f times)", tt.n, small>>10, large>>10, ratio)
			if ratio > 6 {
				t.Errorf("4 times the input allocated %.1f times as much: cost grows faster than the input", ratio)
			}
		})
	}
}

// BenchmarkHostile checks each hostile site at an eighth of its full size
// (the full size is for /usr/bin/time: go run ./cmd/gencorpus -hostile).
// Sites refused by a limit show the time to refuse them.
func BenchmarkHostile(b *testing.B) {
	for _, h := range corpus.HostileInputs {
		b.Run(h.Name, func(b *testing.B) {
			n := max(h.Default/8, 1)
			dir := b.TempDir()
			sitetest.WriteFiles(b, dir, h.Files(n))
			b.ReportMetric(float64(n), "n")
			for b.Loop() {
				if _, err := Check(context.Background(), Options{Source: dir}); err != nil && !isBuildError(err) {
					b.Fatal(err)
				}
			}
		})
	}
}
