package pipeline

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// timings reports how long each stage of a build took, the CPU time the
// process used in it (a stage that uses less than its length times the
// cores leaves cores idle) and the process's peak memory so far, where the
// system tells them, for --timings.
type timings struct {
	w           io.Writer
	start, last time.Time
	lastCPU     time.Duration
}

func newTimings(w io.Writer, start time.Time) *timings {
	t := &timings{w: w, start: start, last: start}
	if w != nil {
		t.lastCPU = processCPU()
	}
	return t
}

// stage reports the stage that just ended.
func (t *timings) stage(name string) {
	if t.w == nil {
		return
	}
	now, cpu := time.Now(), processCPU()
	line := fmt.Sprintf("%-8s %7.0f ms  (at %5.0f ms)", name, ms(now.Sub(t.last)), ms(now.Sub(t.start)))
	if cpu > 0 {
		line += fmt.Sprintf("  cpu %6.0f ms", ms(cpu-t.lastCPU))
	}
	if peak := peakMemory(); peak != "" {
		line += "  peak memory " + peak
	}
	fmt.Fprintln(t.w, line)
	t.last, t.lastCPU = now, cpu
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// peakMemory is the process's peak resident memory (VmHWM), or "".
func peakMemory() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			var kb int
			if _, err := fmt.Sscan(v, &kb); err == nil {
				return fmt.Sprintf("%d MiB", kb/1024)
			}
		}
	}
	return ""
}
