package search

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite themes/default/static/assets/search.js from themes/default/search/")

// searchParts are the files of themes/default/search, one job each, in
// the order search.js holds them: each adds its part to fieldguideSearch
// and may use the parts before it.
func searchParts() []string {
	return []string{"text", "index", "rank", "results", "box", "page", "start"}
}

// bundleHeader opens the generated search.js.
const bundleHeader = `// fieldguide search. GENERATED from themes/default/search/*.js, one job a
// file; edit those, then run: go test ./internal/search -run TestSearchBundle -update
// One classic script, not modules: a page opened from disk cannot load
// modules, and one file is one request.
`

// TestSearchBundle: the theme's search.js is its parts joined in order.
// Pages load that one file; node's ranking tests load the parts.
func TestSearchBundle(t *testing.T) {
	dir := filepath.Join("..", "..", "themes", "default")
	var b bytes.Buffer
	b.WriteString(bundleHeader)
	for _, name := range searchParts() {
		src, err := os.ReadFile(filepath.Join(dir, "search", name+".js"))
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n")
		b.Write(src)
	}
	out := filepath.Join(dir, "static", "assets", "search.js")
	if *update {
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, b.Bytes()) {
		t.Errorf("%s is not the join of themes/default/search/*.js: run go test ./internal/search -run TestSearchBundle -update", out)
	}
}
