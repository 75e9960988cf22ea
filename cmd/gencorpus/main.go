// Command gencorpus writes a realistic generated site for benchmarks, or a
// hostile one built to cost far more than its size (see internal/corpus):
//
//	go run ./cmd/gencorpus -pages 10000 -out /tmp/corpus10k
//	go run ./cmd/gencorpus -hostile list
//	go run ./cmd/gencorpus -hostile same-headings [-n 20000] -out /tmp/same
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
	hostile := flag.String("hostile", "", "write the hostile site `name` instead (\"list\" lists them)")
	n := flag.Int("n", 0, "scale of the hostile site (default: its own, a few MB)")
	flag.Parse()
	if *hostile == "list" {
		for _, h := range corpus.HostileInputs {
			fmt.Printf("%-24s %8d  %s\n", h.Name, h.Default, h.About)
		}
		return
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out is required")
		os.Exit(2)
	}
	var err error
	if *hostile != "" {
		err = corpus.WriteHostile(*out, *hostile, *n)
	} else {
		err = corpus.Generate(*out, *pages, *seed)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
