package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// buildHeap tunes the garbage collector to the phases of one build, through
// pipeline.Options.AfterStage. After the graph, what is alive is mostly syntax
// trees; while bodies render, the trees and their HTML and text are all
// alive, and the GC's default pacing would let the heap reach twice that
// (10,000 pages: 0.8 GB). A limit from the live heap makes the GC work
// harder only near it, which costs less than tightening it for the whole
// build did (GOGC 25: 0.55 GB and 5-10% more CPU; this: 0.51 GB). Once
// bodies are rendered the trees are garbage: collecting them at once sets
// the heap's next target by what rendering keeps. A GOMEMLIMIT set by the
// user wins. Call done when the build returns.
type buildHeap struct {
	limited bool
}

func (h *buildHeap) afterStage(stage string) {
	switch stage {
	case "graph":
		if debug.SetMemoryLimit(-1) != math.MaxInt64 {
			return // the user's GOMEMLIMIT
		}
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		live := int64(sample[0].Value.Uint64())
		debug.SetMemoryLimit(max(live*8/5, live+128<<20))
		h.limited = true
	case "bodies":
		runtime.GC()
	}
}

func (h *buildHeap) done() {
	if h.limited {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}
