//go:build !unix

package pipeline

import "time"

// processCPU is unknown here: --timings leaves the CPU column out.
func processCPU() time.Duration { return 0 }
