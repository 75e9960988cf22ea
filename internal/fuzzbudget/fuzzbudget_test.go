package fuzzbudget

import (
	"flag"
	"testing"
	"time"
)

func TestBudgetGrowsWithInput(t *testing.T) {
	if Budget(0) != base || Budget(1<<20) <= Budget(1<<10) {
		t.Errorf("budgets: %s for nothing, %s for 1 KiB, %s for 1 MiB", Budget(0), Budget(1<<10), Budget(1<<20))
	}
}

// TestRunFailsSlowInputWhileFuzzing: with -test.fuzz set, an input over
// its budget fails the test; without it, Run only runs fn.
func TestRunFailsSlowInputWhileFuzzing(t *testing.T) {
	// A clock that a slow parse moves on by more than the budget.
	var clock time.Time
	now := func() time.Time { return clock }
	slow := func() { clock = clock.Add(Budget(100) + time.Millisecond) }
	calls := 0
	Run(t, 0, func() { calls++ })
	if calls != 1 {
		t.Fatalf("fn called %d times", calls)
	}
	f := flag.Lookup("test.fuzz")
	old := f.Value.String()
	if err := f.Value.Set("FuzzSomething"); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Value.Set(old) }()
	rec := &recorder{TB: t}
	run(rec, 100, slow, now)
	if !rec.failed {
		t.Error("a slow input passed while fuzzing")
	}
	rec = &recorder{TB: t}
	run(rec, 1000, slow, now)
	if rec.failed {
		t.Error("an input within the budget of its size failed")
	}
}

// recorder records a fatal failure instead of stopping the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
