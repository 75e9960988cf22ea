// Package fuzzbudget holds fuzz targets of parsers to a time budget per
// input, so that an input that is slow to parse is a failure the fuzzer
// keeps and minimises, like a panic. A parser of user input must take time
// in proportion to its input: the budget is a base plus a cost per byte,
// far above what a linear parser needs.
//
// The budget applies only while fuzzing (go test -fuzz): as a plain test
// the seed corpus runs on shared, loaded machines, where a wall-clock
// limit would fail for reasons that have nothing to do with the input.
package fuzzbudget

import (
	"flag"
	"testing"
	"time"
)

const (
	base    = 200 * time.Millisecond
	perByte = 2 * time.Microsecond
)

// Budget is the time an input of size bytes may take.
func Budget(size int) time.Duration { return base + time.Duration(size)*perByte }

// Run calls fn, and while fuzzing fails t when fn took longer than the
// budget for an input of size bytes.
func Run(t testing.TB, size int, fn func()) {
	t.Helper()
	run(t, size, fn, time.Now)
}

func run(t testing.TB, size int, fn func(), now func() time.Time) {
	t.Helper()
	start := now()
	fn()
	if took := now().Sub(start); fuzzing() && took > Budget(size) {
		t.Fatalf("slow input: %d bytes took %s, over the budget of %s", size, took, Budget(size))
	}
}

func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}
