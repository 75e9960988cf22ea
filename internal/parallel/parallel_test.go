package parallel

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		seen := make([]atomic.Int32, n)
		For(n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, got)
			}
		}
	}
}

// TestForStopsWhenCancelled: after the context is cancelled, only the
// calls already under way on the other cores finish; none starts.
func TestForStopsWhenCancelled(t *testing.T) {
	const n, cancelAt = 10000, 100
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls, after atomic.Int64
	var cancelled atomic.Bool
	err := ForContext(ctx, n, func(i int) {
		if cancelled.Load() {
			after.Add(1)
		}
		if calls.Add(1) == cancelAt {
			cancel()
			cancelled.Store(true)
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ForContext returned %v, want context.Canceled", err)
	}
	// Each other worker may have passed its check just before the cancel.
	if workers := int64(runtime.GOMAXPROCS(0)); after.Load() > workers-1 {
		t.Errorf("%d calls started after the cancel, want at most %d (one per other core)", after.Load(), workers-1)
	}
}
