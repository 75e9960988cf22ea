package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// testIndex reads Build's output back the way search.js does.
type testIndex struct {
	t      testing.TB
	files  map[string][]byte
	m      manifest
	shards map[int]testShard
}

func readIndex(t testing.TB, files map[string][]byte) *testIndex {
	t.Helper()
	ix := &testIndex{t: t, files: files, shards: map[int]testShard{}}
	ix.load("manifest", &ix.m)
	return ix
}

// load decodes the data of the classic script Dir/name.js, checking that it
// calls fieldguideSearch.load with its own name.
func (ix *testIndex) load(name string, v any) {
	ix.t.Helper()
	b, ok := ix.files[Dir+"/"+name+".js"]
	if !ok {
		ix.t.Fatalf("no file %s.js", name)
	}
	prefix := fmt.Sprintf("fieldguideSearch.load(%q,", name)
	s := string(b)
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, ");\n") {
		ix.t.Fatalf("%s.js is not a load call: %.80s", name, s)
	}
	if err := json.Unmarshal([]byte(s[len(prefix):len(s)-3]), v); err != nil {
		ix.t.Fatalf("%s.js: %v", name, err)
	}
}

type testShard struct {
	keys []string
	refs []int // source (shard, or -1-file), slot, df (negative for a stem)
	post []string
}

func (ix *testIndex) shard(key string) testShard {
	return ix.shardAt(sort.Search(len(ix.m.Bounds), func(i int) bool { return ix.m.Bounds[i] > key }) - 1)
}

func (ix *testIndex) shardAt(i int) testShard {
	if sh, ok := ix.shards[i]; ok {
		return sh
	}
	var raw []json.RawMessage
	ix.load(fmt.Sprintf("d/%d", i), &raw)
	var sh testShard
	var keys, refs string
	json.Unmarshal(raw[0], &keys)
	json.Unmarshal(raw[1], &refs)
	json.Unmarshal(raw[2], &sh.post)
	sh.keys = strings.Split(keys, " ")
	v := varints(refs)
	for j := 0; j+2 < len(v); j += 3 {
		src := i
		if v[j]%2 == 1 {
			src = -1 - v[j]/2
		} else if v[j] > 0 {
			src = v[j]/2 - 1
		}
		df := v[j+2] / 2
		if v[j+2]%2 == 1 {
			df = -df
		}
		sh.refs = append(sh.refs, src, v[j+1], df)
	}
	ix.shards[i] = sh
	return sh
}

func varints(s string) []int {
	var out []int
	v, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(varintDigits, s[i])
		v |= (d & 31) << shift
		shift += 5
		if d < 32 {
			out = append(out, v)
			v, shift = 0, 0
		}
	}
	return out
}

type testPosting struct{ unit, impact int }

// postings returns the postings of the term of key (a word, a stem or a
// filter key), or nil.
func (ix *testIndex) postings(key string) []testPosting {
	ix.t.Helper()
	sh := ix.shard(key)
	j := slices.Index(sh.keys, key)
	if j < 0 {
		return nil
	}
	src, slot := sh.refs[3*j], sh.refs[3*j+1]
	var enc string
	if src >= 0 {
		enc = ix.shardAt(src).post[slot]
	} else {
		var slots []string
		ix.load(fmt.Sprintf("p/%d", -1-src), &slots)
		enc = slots[slot]
	}
	var out []testPosting
	unit := -1
	for _, v := range varints(enc) {
		unit += v/32 + 1
		out = append(out, testPosting{unit, v%32 + 1})
	}
	if df := sh.refs[3*j+2]; len(out) != max(df, -df) {
		ix.t.Fatalf("%s: df %d, %d postings", key, df, len(out))
	}
	return out
}

// unitsWith returns the sorted URL#anchor of the units that have key.
func (ix *testIndex) unitsWith(units []Doc, key string) []string {
	var out []string
	for _, p := range ix.postings(key) {
		out = append(out, units[p.unit].URL+"#"+units[p.unit].Anchor)
	}
	return out
}

func buildIndex(t testing.TB, docs []Doc, syn []Synonym) (*testIndex, []Doc) {
	t.Helper()
	files, err := Build(context.Background(), docs, syn)
	if err != nil {
		t.Fatal(err)
	}
	units, err := sortedUnits(docs)
	if err != nil {
		t.Fatal(err)
	}
	return readIndex(t, files), units
}

func TestBuildLayout(t *testing.T) {
	files, err := Build(context.Background(), unitsOf(testPages()), testSynonyms())
	if err != nil {
		t.Fatal(err)
	}
	ix := readIndex(t, files)
	for name := range files {
		if !strings.HasPrefix(name, Dir+"/") || !strings.HasSuffix(name, ".js") {
			t.Errorf("file %s outside %s", name, Dir)
		}
		ix.load(strings.TrimSuffix(strings.TrimPrefix(name, Dir+"/"), ".js"), new(any))
	}
	if ix.m.Units != len(unitsOf(testPages())) || ix.m.PerChunk < 1 || ix.m.Bounds[0] != "" || len(ix.m.Version) != 12 {
		t.Errorf("manifest %+v", ix.m)
	}
	if !slices.Equal(ix.m.Facets["role"], []string{"CSA", "Seller"}) || !slices.Contains(ix.m.Facets["type"], "scenario") {
		t.Errorf("facet values %v", ix.m.Facets)
	}
	// The shipped guide's index is a few KB: this small site's is tiny.
	total := 0
	for name, b := range files {
		if !strings.Contains(name, "/c/") {
			total += gzipLen(b)
		}
	}
	if total > 8<<10 {
		t.Errorf("index of a 5-page site is %d bytes gzipped", total)
	}
}

func TestVariantsShareATerm(t *testing.T) {
	ix, units := buildIndex(t, []Doc{
		{URL: "a/", Page: "Engagements", Text: "x"},
		{URL: "b/", Page: "B", Text: "We engaged the customer."},
		{URL: "c/", Page: "C", Text: "Unrelated."},
	}, nil)
	for _, w := range []string{"engagements", "engaged", "engag"} {
		if got := ix.unitsWith(units, w); !slices.Equal(got, []string{"a/#", "b/#"}) {
			t.Errorf("%s finds %v", w, got)
		}
	}
	if got := ix.postings("engagement"); got != nil {
		t.Errorf("a word no unit has is in the dictionary: %v", got)
	}
}

func TestSynonymsBothWays(t *testing.T) {
	ix, units := buildIndex(t, []Doc{
		{URL: "abbr/", Page: "Find the child TPID", Text: "Use MSX."},
		{URL: "long/", Page: "Hierarchy", Text: "The top parent ID of an account."},
		{URL: "csp/", Page: "Partners", Text: "A Cloud Solution Provider resells."},
		{URL: "none/", Page: "Other", Text: "The parent company is on top."},
	}, []Synonym{{"TPID", "Top Parent ID"}, {"CSP", "Cloud Solution Provider (reseller program)"}})
	for key, want := range map[string][]string{
		"tpid":     {"abbr/#", "long/#"},
		"top":      {"abbr/#", "long/#", "none/#"},
		"id":       {"abbr/#", "long/#"},
		"csp":      {"csp/#"},
		"reseller": nil, // parenthetical remarks are not expansions
	} {
		if got := ix.unitsWith(units, key); !slices.Equal(got, want) {
			t.Errorf("%s finds %v, want %v", key, got, want)
		}
	}
	// The abbreviation in a title counts as the expansion in the title.
	for _, p := range ix.postings("parent") {
		if units[p.unit].URL == "abbr/" && p.impact <= impactTitle {
			t.Errorf("parent in abbr/ has impact %d, want a title impact", p.impact)
		}
	}
}

func TestImpacts(t *testing.T) {
	ix, units := buildIndex(t, []Doc{
		{URL: "faq/", Page: "Tracking FAQ", Text: "How do I track a wave? Waves are tracked in MSX."},
		{URL: "faq/", Anchor: "wave", Page: "Tracking FAQ", Heading: "Which wave is my motion in?", Text: "Each motion belongs to a wave."},
		{URL: "long/", Page: "Everything", Text: strings.Repeat("Filler words about many other things. ", 40) + "A wave."},
		{URL: "many/", Page: "Notes", Text: "wave wave wave wave wave wave."},
	}, nil)
	impact := map[string]int{}
	for _, p := range ix.postings("wave") {
		impact[units[p.unit].URL+"#"+units[p.unit].Anchor] = p.impact
	}
	if impact["faq/#wave"] <= impactTitle {
		t.Errorf("question unit's title impact %d, want > %d", impact["faq/#wave"], impactTitle)
	}
	if !(impact["many/#"] > impact["long/#"] && impact["faq/#"] < impactTitle) {
		t.Errorf("impacts %v: want many > long (frequency and length), and no title flag for the page", impact)
	}
	// Filters: every unit has its type; role values from facets.
	if got := ix.unitsWith(units, "=type:page"); len(got) != 4 {
		t.Errorf("=type:page finds %v", got)
	}
}

// TestEveryKeyDecodes reads every key's postings back: each must be where
// its reference says, with as many units as its document frequency.
func TestEveryKeyDecodes(t *testing.T) {
	docs := newCorpus(5).docs(400)
	// "agre" is a word here and the stem of "agreed"; stem("agre") is "agr".
	docs = append(docs, Doc{URL: "odd/", Page: "Agre", Text: "agreed agree agre agr engag"})
	files, err := Build(context.Background(), docs, testSynonyms())
	if err != nil {
		t.Fatal(err)
	}
	ix := readIndex(t, files)
	keys := 0
	for i := range ix.m.Bounds {
		for _, k := range ix.shardAt(i).keys {
			if len(ix.postings(k)) == 0 {
				t.Errorf("key %q has no postings", k)
			}
			keys++
		}
	}
	if keys < 1000 {
		t.Errorf("only %d keys", keys)
	}
	units, _ := sortedUnits(docs)
	for _, k := range []string{"agreed", "agree", stem("agreed")} {
		if got := ix.unitsWith(units, k); !slices.Equal(got, []string{"odd/#"}) {
			t.Errorf("%s finds %v", k, got)
		}
	}
	// Each term's postings live at exactly one key, its stem.
	indexer := newIndexer()
	indexer.addAll(context.Background(), units, testSynonyms())
	terms := indexer.finish()
	homes := make([]int, len(terms))
	for _, e := range indexer.dictionary(terms) {
		if e.isStem {
			homes[e.term]++
		}
	}
	for i, n := range homes {
		if n != 1 {
			t.Errorf("term %q has %d stem keys", terms[i].stem, n)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	docs := newCorpus(7).docs(300)
	a, err := Build(context.Background(), docs, testSynonyms())
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := Build(context.Background(), shuffled, testSynonyms())
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func TestBuildRejects(t *testing.T) {
	for _, docs := range [][]Doc{
		{{URL: "a/", Page: "A"}, {URL: "a/", Page: "A again"}},
		{{URL: "/a/", Page: "A"}},
		{{URL: "a", Page: "A"}},
	} {
		if _, err := Build(context.Background(), docs, nil); err == nil {
			t.Errorf("Build(%v) succeeded", docs)
		}
	}
	if files, err := Build(context.Background(), nil, nil); err != nil || len(files) == 0 {
		t.Errorf("Build of no units: %v, %d files", err, len(files))
	}
}

// TestLayoutAtScale checks the size and file limits on the generated
// 10,000-unit corpus.
func TestLayoutAtScale(t *testing.T) {
	t.Parallel()
	files, _ := indexAtScale(t)
	index, snippets, manifestGz := 0, 0, gzipLen(files[Dir+"/manifest.js"])
	for name, b := range files {
		if strings.HasPrefix(name, Dir+"/c/") {
			snippets += gzipLen(b)
		} else {
			index += gzipLen(b)
		}
	}
	t.Logf("10,000 units: %d files; index %d B gzipped (%.3f MB per 1,000 pages); manifest %d B gzipped; result data %d B gzipped",
		len(files), index, float64(index)/10/1e6, manifestGz, snippets)
	if len(files) >= 4000 {
		t.Errorf("%d files, limit 4000", len(files))
	}
	if index >= 6_000_000 {
		t.Errorf("index %d B gzipped, limit 0.6 MB per 1,000 pages", index)
	}
	if manifestGz >= 5000 {
		t.Errorf("manifest %d B gzipped, limit 5000", manifestGz)
	}
}

// atScale is the index of the generated 10,000-unit corpus, built once
// per test binary for the tests that measure it.
var atScale struct {
	once  sync.Once
	files map[string][]byte
	words []string // one-word queries, from rare to common words
	err   error
}

// indexAtScale returns the 10,000-unit index (not to be modified) and 20
// query words; it skips with -short.
func indexAtScale(t testing.TB) (map[string][]byte, []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the 10,000-unit corpus")
	}
	atScale.once.Do(func() {
		c := newCorpus(1)
		atScale.files, atScale.err = Build(context.Background(), c.docs(10000), nil)
		atScale.words = c.queryWords(20)
	})
	if atScale.err != nil {
		t.Fatal(atScale.err)
	}
	return atScale.files, atScale.words
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}
