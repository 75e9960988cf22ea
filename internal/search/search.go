// Package search builds the client-side search index of a site.
//
// [Build] turns the site's search units into files under search/idx/ that
// the theme's search.js loads on demand. The layout is made for static hosts
// and for offline builds opened from disk:
//
//   - Every file is a classic script that calls
//     window.fieldguideSearch.load(name, data), so it loads with a <script>
//     element over http:// and file:// alike (no fetch, modules or WASM).
//   - manifest.js is tiny and has no per-page data: the first key of each
//     vocabulary shard, the unit count, the stop words and the values of the
//     filter menus.
//   - d/N.js are vocabulary shards: sorted words (and the stems of
//     variants), each with where its term's postings are and the term's
//     document frequency (see appendRef), plus the postings of the shard's
//     rarer terms. A query loads the shards of its words; completions and
//     typo fixes come from the same shards.
//   - p/N.js hold the postings of frequent terms.
//   - c/N.js hold what a result shows (URL, titles, type, summary, text for
//     the snippet) for a fixed run of units, loaded for visible results only.
//
// A postings list holds, for each unit that has the term, a quantized BM25F
// impact; see encodePostings. Glossary synonyms and word variants are folded
// in at build time, so the browser does no more than look up words.
package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/fieldguide/fieldguide/internal/parallel"
)

// Doc is one search unit: a page, one FAQ question, or one section of a long
// page.
type Doc struct {
	URL      string              // site-relative page URL with trailing slash, e.g. "faq/tracking/" ("" = home)
	Anchor   string              // "" for a page unit; a heading/question id for a sub-unit
	Page     string              // page title
	Heading  string              // question text or section heading ("" for a page unit)
	Type     string              // "faq", "motion", "scenario", "tree", "role", "area", "glossary", "page"
	Summary  string              // page summary (plain text) — may be empty
	Headings []string            // sub-headings inside this unit
	Text     string              // plain text of the unit's body
	Facets   map[string][]string // "role": ["CSA"], "tag": [...], "area": ["Data and AI"], "program": ["Consumption DAI ..."]
	// Labels are the reader's names of Type and of facet values ("faq":
	// "FAQ", "CSA": "Cloud Solution Architect (CSA)"), for result badges and
	// filter menus. Units may share one map.
	Labels map[string]string
	// Nav marks a section that only links elsewhere ("Related scenarios"):
	// it ranks below the content of its page.
	Nav bool
	// Tags are the page's tags with their pages, for links under a result.
	Tags []Tag
}

// Tag is a tag's name and its page's site-relative URL ("tags/msx/").
type Tag struct{ Name, URL string }

// Synonym is a glossary entry: a query for either side also finds the other
// ("TPID" <-> "Top Parent ID").
type Synonym struct{ Term, Expansion string }

// Dir is the folder, relative to the output root, that holds the index.
const Dir = "search/idx"

// Layout targets. A file of about these many bytes (before gzip) is what a
// query downloads per shard; they trade request count against bytes.
const (
	shardBytes          = 16 << 10
	inlinePostingsBytes = 1500
	postingsFileBytes   = 10 << 10
	chunkBytes          = 16 << 10
	// snippetRunes caps the text kept per unit for snippets. Long pages are
	// also split into section units, which carry their own text.
	snippetRunes = 700
)

// Build returns the index files for docs, keyed by their path relative to
// the output root (all under [Dir]). The bytes depend only on the input.
// When ctx is cancelled it stops early and returns ctx's error.
func Build(ctx context.Context, docs []Doc, synonyms []Synonym) (map[string][]byte, error) {
	units, err := sortedUnits(docs)
	if err != nil {
		return nil, err
	}
	ix := newIndexer()
	if err := ix.addAll(ctx, units, synonyms); err != nil {
		return nil, err
	}
	out := output{}
	bounds, err := out.vocabulary(ctx, ix, ix.finish())
	if err != nil {
		return nil, err
	}
	perChunk, err := out.chunks(ctx, units)
	if err != nil {
		return nil, err
	}
	m := manifest{
		Units:     len(units),
		PerChunk:  perChunk,
		Bounds:    bounds,
		StopWords: strings.Join(stopWords(), " "),
		Facets:    ix.facetValues(),
		Labels:    labels(units),
	}
	m.Version = version(out)
	if err := out.write(ctx, "manifest", m); err != nil {
		return nil, err
	}
	return out, nil
}

// output collects the index files.
type output map[string][]byte

// write adds Dir/name.js, a script that hands data to search.js.
func (o output) write(ctx context.Context, name string, data any) error {
	return o.writeAll(ctx, []script{{name, data}})
}

// script is an index file's name and data, before encoding.
type script struct {
	name string
	data any
}

// writeAll adds the scripts, encoded on every core: at 10,000 pages the
// dictionary and postings files are a thousand, megabytes in all.
func (o output) writeAll(ctx context.Context, scripts []script) error {
	files := make([][]byte, len(scripts))
	errs := make([]error, len(scripts))
	if err := parallel.ForContext(ctx, len(scripts), func(i int) { files[i], errs[i] = loadScript(scripts[i].name, scripts[i].data) }); err != nil {
		return err
	}
	for i, s := range scripts {
		if errs[i] != nil {
			return errs[i]
		}
		o[path.Join(Dir, s.name+".js")] = files[i]
	}
	return nil
}

// loadScript is the file for name: a script that hands data to search.js.
func loadScript(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "fieldguideSearch.load(%q,", name)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		return nil, fmt.Errorf("search: encode %s: %w", name, err)
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	b.WriteString(");\n")
	return b.Bytes(), nil
}

// vocabulary writes the d/ and p/ files and returns the shard bounds.
func (o output) vocabulary(ctx context.Context, ix *indexer, terms []termInfo) ([]string, error) {
	// The dictionary is sorted on one core while the postings are encoded
	// on the others: neither needs the other.
	dict := make(chan []dictEntry, 1)
	go func() { dict <- ix.dictionary(terms) }()
	postings := make([]string, len(terms))
	err := parallel.ForContext(ctx, len(terms), func(i int) { postings[i] = ix.encodePostings(terms[i]) })
	entries := <-dict
	if err != nil {
		return nil, err
	}

	// Cut the sorted entries into shards. A term with short postings keeps
	// them in the shard of its stem, next to its words, so most lookups need
	// one file; long ones go to p/ files.
	inline := func(term int) bool { return len(postings[term]) <= inlinePostingsBytes }
	shardOf := make([]int, len(entries))
	homeShard, homeSlot := make([]int, len(terms)), make([]int, len(terms))
	shards, size, homed := 0, 0, 0
	for i, e := range entries {
		if size > shardBytes {
			shards, size, homed = shards+1, 0, 0
		}
		shardOf[i] = shards
		size += len(e.key) + 12
		if e.isStem && inline(e.term) {
			homeShard[e.term], homeSlot[e.term] = shards, homed
			homed++
			size += len(postings[e.term]) + 3
		}
	}
	shards++

	// Long postings, in term order, a few per file.
	var scripts []script
	var slots []string
	files := 0
	flush := func() {
		if len(slots) > 0 {
			scripts = append(scripts, script{fmt.Sprintf("p/%d", files), slots})
			files, slots, size = files+1, nil, 0
		}
	}
	size = 0
	for i := range terms {
		if inline(i) {
			continue
		}
		if len(slots) > 0 && size+len(postings[i]) > postingsFileBytes {
			flush()
		}
		homeShard[i], homeSlot[i] = -1-files, len(slots) // negative: a p/ file
		slots = append(slots, postings[i])
		size += len(postings[i])
	}
	flush()

	bounds, lasts := make([]string, shards), make([]string, shards)
	for start := 0; start < len(entries); {
		s, end := shardOf[start], start
		var keys, inlined []string
		var refs []byte
		for ; end < len(entries) && shardOf[end] == s; end++ {
			e := entries[end]
			keys = append(keys, e.key)
			refs = appendRef(refs, s, homeShard[e.term], homeSlot[e.term], len(ix.postings[terms[e.term].id]), e.word)
			if e.isStem && inline(e.term) {
				inlined = append(inlined, postings[e.term])
			}
		}
		bounds[s], lasts[s] = keys[0], keys[len(keys)-1]
		scripts = append(scripts, script{fmt.Sprintf("d/%d", s), []any{strings.Join(keys, " "), string(refs), inlined}})
		start = end
	}
	if len(entries) == 0 { // an empty site still has a shard to look in
		scripts = append(scripts, script{"d/0", []any{"", "", []string{}}})
	}
	return shortestBounds(bounds, lasts), o.writeAll(ctx, scripts)
}

// chunks writes the c/ files, a fixed number of units each so the browser
// computes the chunk of a unit without a table, and returns that number.
func (o output) chunks(ctx context.Context, units []Doc) (int, error) {
	perChunk := unitsPerChunk(units)
	n := (len(units) + perChunk - 1) / perChunk
	scripts := make([]script, n)
	if err := parallel.ForContext(ctx, n, func(c int) {
		var chunk [][]string
		for _, u := range units[c*perChunk : min((c+1)*perChunk, len(units))] {
			row := []string{u.URL, u.Anchor, u.Page, u.Heading, u.Type, u.Summary, clip(u.Text, snippetRunes)}
			if u.Nav || len(u.Tags) > 0 {
				row = append(row, map[bool]string{true: "1"}[u.Nav]) // "1": a section that only links elsewhere
			}
			if len(u.Tags) > 0 {
				row = append(row, tagRow(u.Tags))
			}
			chunk = append(chunk, row)
		}
		scripts[c] = script{fmt.Sprintf("c/%d", c), chunk}
	}); err != nil {
		return 0, err
	}
	if err := o.writeAll(ctx, scripts); err != nil {
		return 0, err
	}
	return perChunk, nil
}

// appendRef writes where a key's postings are, as three varints: the
// source (0 for this shard, 2 * shard + 2 for another, 2 * file + 1 for a
// p/ file), the slot there, and 2 * df, plus 1 for a stem that is not a
// word.
func appendRef(b []byte, shard, home, slot, df int, word bool) []byte {
	switch {
	case home == shard:
		b = appendVarint(b, 0)
	case home >= 0:
		b = appendVarint(b, 2*home+2)
	default:
		b = appendVarint(b, 2*(-1-home)+1)
	}
	b = appendVarint(b, slot)
	if word {
		return appendVarint(b, 2*df)
	}
	return appendVarint(b, 2*df+1)
}

// manifest is the first file the browser loads.
type manifest struct {
	Version   string              `json:"v"` // appended as ?v= to every other file, so caches never mix builds
	Units     int                 `json:"n"`
	PerChunk  int                 `json:"k"`
	Bounds    []string            `json:"d"` // Bounds[i] <= every key of dictionary shard i
	StopWords string              `json:"stop"`
	Facets    map[string][]string `json:"f"` // values of filterFacets, for the filter menus
	Labels    map[string]string   `json:"l"` // reader's names of types and of the values in Facets
}

// labels are the names of the types and filter values the units have.
func labels(units []Doc) map[string]string {
	out := map[string]string{}
	for i := range units {
		u := &units[i]
		for _, k := range filterFacets() {
			for _, v := range facetValues(u, k) {
				if l, ok := u.Labels[v]; ok && l != v {
					out[v] = l
				}
			}
		}
	}
	return out
}

func sortedUnits(docs []Doc) ([]Doc, error) {
	units := slices.Clone(docs)
	for i := range units {
		u := &units[i]
		if u.URL != "" && (!strings.HasSuffix(u.URL, "/") || strings.HasPrefix(u.URL, "/")) {
			return nil, fmt.Errorf("search: unit URL %q must be site-relative and end in /", u.URL)
		}
		if u.Type == "" {
			u.Type = "page"
		}
	}
	// Sorting makes the output independent of the caller's order, and keeps
	// the units of one page next to each other, in the same chunk.
	slices.SortStableFunc(units, func(a, b Doc) int {
		return cmp.Or(strings.Compare(a.URL, b.URL), strings.Compare(a.Anchor, b.Anchor))
	})
	for i := 1; i < len(units); i++ {
		if units[i].URL == units[i-1].URL && units[i].Anchor == units[i-1].Anchor {
			return nil, fmt.Errorf("search: two units for %s#%s", units[i].URL, units[i].Anchor)
		}
	}
	return units, nil
}

func unitsPerChunk(units []Doc) int {
	if len(units) == 0 {
		return 1
	}
	total := 0
	for _, u := range units {
		total += len(u.URL) + len(u.Anchor) + len(u.Page) + len(u.Heading) + len(u.Summary) + min(len(u.Text), snippetRunes) + 24
	}
	return max(1, int(math.Round(float64(chunkBytes)/(float64(total)/float64(len(units))))))
}

// clip cuts s to at most n runes, at a word boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			s = s[:j]
			break
		}
		i++
	}
	if k := strings.LastIndexByte(s, ' '); k > len(s)/2 {
		s = s[:k]
	}
	return s + " …"
}

// shortestBounds shortens each shard's first key to the shortest prefix that
// still sorts after the last key of the shard before; the browser only needs
// to know where a key falls.
func shortestBounds(firsts, lasts []string) []string {
	out := make([]string, len(firsts))
	for i := 1; i < len(firsts); i++ { // shard 0 starts at the beginning: ""
		k := firsts[i]
		for n := range k {
			if n > 0 && compareKeys(k[:n], lasts[i-1]) > 0 {
				out[i] = k[:n]
				break
			}
		}
		if out[i] == "" {
			out[i] = k
		}
	}
	return out
}

// version is a hash of the files, which the browser appends to their URLs.
func version(files output) string {
	names := slices.Sorted(maps.Keys(files))
	// Each file is hashed on its own, on every core: at 10,000 pages the
	// index is tens of megabytes.
	digests := make([][sha256.Size]byte, len(names))
	parallel.For(len(names), func(i int) { digests[i] = sha256.Sum256(files[names[i]]) })
	h := sha256.New()
	for i, name := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(files[name]))
		h.Write(digests[i][:])
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// tagRow writes tags as "URL\tname" lines, the shape search/index.js reads.
func tagRow(tags []Tag) string {
	var b strings.Builder
	for i, t := range tags {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(t.URL)
		b.WriteByte('\t')
		b.WriteString(t.Name)
	}
	return b.String()
}
