package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestBuildHeap: the command caps the heap from the graph stage on and
// lifts the cap when the build is done; the library never does.
func TestBuildHeap(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: the user's limit wins")
	}
	var h buildHeap
	h.afterStage("parse")
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Fatal("a limit before the graph is built")
	}
	h.afterStage("graph")
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		t.Fatal("no limit after the graph")
	}
	h.done()
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Fatal("the limit outlives the build")
	}
}
