// Command gencorpus writes a realistic generated site for benchmarks (see
// internal/corpus):
//
//	go run ./cmd/gencorpus -pages 10000 -out /tmp/corpus10k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/fieldguide/fieldguide/internal/corpus"
)

func main() {
	pages := flag.Int("pages", 1000, "number of content pages to write")
	out := flag.String("out", "", "output `folder` (must not exist or be empty)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out is required")
		os.Exit(2)
	}
	if err := corpus.Generate(*out, *pages, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
