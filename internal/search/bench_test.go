package search

import (
	"context"
	"strings"
	"testing"
)

// BenchmarkBuild indexes the generated 10,000-unit corpus (about 7 million
// words) with a 50-entry glossary, and reports the layout it produces.
func BenchmarkBuild(b *testing.B) {
	c := newCorpus(1)
	docs := c.docs(10000)
	var synonyms []Synonym
	for i := range 50 {
		w1, w2 := c.lemmas[100+2*i], c.lemmas[101+2*i]
		synonyms = append(synonyms, Synonym{Term: strings.ToUpper(w1[:2] + w2[:2]), Expansion: w1 + " " + w2})
	}
	var files map[string][]byte
	for b.Loop() {
		var err error
		if files, err = Build(context.Background(), docs, synonyms); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	index := 0
	for name, data := range files {
		if !strings.HasPrefix(name, Dir+"/c/") {
			index += gzipLen(data)
		}
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(index)/10/1e6, "index-MB-gz/1k-units")
	b.ReportMetric(float64(gzipLen(files[Dir+"/manifest.js"])), "manifest-B-gz")
}
