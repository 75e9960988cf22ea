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

// compact drops the parts' whole-line comments and indentation: readers
// download search.js on every page. The parts hold no multi-line strings.
func compact(src []byte) []byte {
	var out []byte
	for _, line := range bytes.SplitAfter(src, []byte("\n")) {
		line = bytes.TrimLeft(line, " \t")
		if !bytes.HasPrefix(line, []byte("//")) {
			out = append(out, line...)
		}
	}
	return out
}

// bundleHeader opens the generated search.js.
const bundleHeader = `// fieldguide search. GENERATED from themes/default/search/*.js (one job a
// file, with comments); edit those, then run:
// go test ./internal/search -run TestSearchBundle -update
// One classic script, not modules: a page opened from disk cannot load
// modules, and one file is one request.
`

// TestSearchBundle: the theme's search.js is its parts joined in order,
// without their comments.
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
		if bytes.ContainsRune(src, '`') {
			t.Errorf("%s.js has a template literal, which may span lines that compact would change", name)
		}
		b.WriteString("\n")
		b.Write(compact(src))
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
