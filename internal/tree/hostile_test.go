package tree_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/tree"
)

// hostileTree reads the tree of a hostile site from internal/corpus.
func hostileTree(t *testing.T, name string, n int) (*tree.Tree, *diag.List) {
	t.Helper()
	h, ok := corpus.LookupHostile(name)
	if !ok {
		t.Fatalf("no hostile input %q", name)
	}
	var src string
	for _, s := range h.Files(n) {
		src = s
	}
	file, err := frontmatter.Split([]byte(src))
	if err != nil {
		t.Fatal(err.Message)
	}
	var diags diag.List
	fm := frontmatter.Decode("t.md", file.FrontMatter, file.FMLine, &diags)
	return tree.Parse(fm), &diags
}

// TestTooLargeToDraw: a tree whose chart would be too large to lay out is
// valid, with a warning at its questions saying the page goes without the
// chart; a smaller tree of the same shape gets no warning.
func TestTooLargeToDraw(t *testing.T) {
	tr, diags := hostileTree(t, "tree-chain", 100)
	tr.Validate("t.md", diags)
	got := diags.Items()
	if len(got) != 1 || got[0].Severity != diag.Warning ||
		!strings.HasPrefix(got[0].String(), "t.md:5:1: warning: the tree is too large to draw as a chart (its arrows cross rows 10202 times, at most 4832 for a tree of its size)") {
		t.Errorf("diagnostics %v", got)
	}
	tr, diags = hostileTree(t, "tree-chain", 30)
	tr.Validate("t.md", diags)
	if items := diags.Items(); len(items) != 0 {
		t.Errorf("a chain of 30: %v", items)
	}
}

// TestManyTestsLinear: checking n tests against a question of n answers
// allocates in proportion to n, not n² (each step once listed every
// answer of its question).
func TestManyTestsLinear(t *testing.T) {
	allocated := func(n int) uint64 {
		tr, diags := hostileTree(t, "tree-many-tests", n)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		tr.Validate("t.md", diags)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocated(500), allocated(2000)
	if ratio := float64(large) / float64(small); ratio > 6 {
		t.Errorf("4 times the tests and answers allocated %.1f times as much (%d to %d bytes)", ratio, small, large)
	}
}
