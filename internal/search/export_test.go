package search

import (
	"sync"
	"testing"
)

// afterTests holds what TestMain does when the tests are done, such as
// removing a fixture the tests shared.
var afterTests struct {
	sync.Mutex
	funcs []func()
}

// AfterTests has TestMain call f when the test binary's tests are done.
func AfterTests(f func()) {
	afterTests.Lock()
	defer afterTests.Unlock()
	afterTests.funcs = append(afterTests.funcs, f)
}

// OptionHrefs lets the external quality test wait for the header box's
// results the same way the browser tests do.
var OptionHrefs = optionHrefs

// Tokenize is the index's tokenizer, for the external tests.
var Tokenize = tokenize

// IndexWords returns every word the index files offer (not stems, pair or
// filter keys), read back as search.js reads them.
func IndexWords(t testing.TB, files map[string][]byte) []string {
	t.Helper()
	ix := readIndex(t, files)
	var words []string
	for i := range ix.m.Bounds {
		sh := ix.shardAt(i)
		for j, k := range sh.keys {
			if sh.refs[3*j+2] > 0 {
				words = append(words, k)
			}
		}
	}
	return words
}

// RankInNode runs queries through the theme's ranking in node on the index
// of the site in dir, and returns the result links of each grouped by page
// as the search page shows them.
func RankInNode(t testing.TB, dir string, queries []string) [][][]string {
	var qs []nodeQuery
	for _, q := range queries {
		qs = append(qs, nodeQuery{Query: q})
	}
	return rankSiteInNode(t, dir, qs)
}
