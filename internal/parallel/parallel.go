// Package parallel runs independent steps of a build on every core.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(i) for every i in [0, n) on GOMAXPROCS goroutines and
// returns when all calls have. Calls for different i must not share
// unsynchronized state; results go into slots indexed by i.
func For(n int, fn func(i int)) {
	_ = ForContext(context.Background(), n, fn)
}

// ForContext is For for work that a cancelled build abandons: once ctx is
// done no further call starts, and it returns ctx's error after the calls
// under way return, so a stage stops within one step per core.
func ForContext(ctx context.Context, n int, fn func(i int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}
