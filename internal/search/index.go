package search

import (
	"cmp"
	"context"
	"maps"
	"math"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// The fields of a unit, weighted for BM25F. The title is the question or
// section heading of a sub-unit and the page title of a page unit; a
// sub-unit also carries its page's title, weighted lower, so "tracking
// partner" finds the partner question of the tracking FAQ.
//
// The slug is the words of the unit's anchor, or of the last segment of a
// page's URL: authors name them for what the unit is about ("#child-tpids",
// "08-csp-to-ea-or-mca"), like a second, terse title.
const (
	fieldTitle = iota
	fieldPage
	fieldSummary
	fieldHeadings
	fieldSlug
	fieldFacets
	fieldBody
	numFields
)

func fieldWeights() [numFields]float64 { return [numFields]float64{6, 1.5, 2, 2.5, 2, 1.5, 1} }

// fieldB is BM25's length normalisation per field: short fields hardly
// normalise, so a long title is not punished much for being long.
func fieldB() [numFields]float64 { return [numFields]float64{0.5, 0.3, 0.5, 0.5, 0.3, 0.3, 0.75} }

const bm25K1 = 1.2

// Impacts are stored as 5 bits: 1..15 for the saturated BM25F weight, plus
// 16 when the term is in the unit's title (or a sub-unit's page title),
// which the browser ranks on: "seller mindset scenario 5" is then all title
// words for that section of scenario 5, and only half for the page.
const (
	impactLevels = 15
	impactTitle  = 16
)

// filterFacets are the facets whose values the manifest lists, for the
// search page's filter menus. Every facet is filterable through the
// dictionary; these are the small closed sets worth a menu.
func filterFacets() []string { return []string{"type", "role"} }

// typeWords are searched with a unit of that type ("faq tracking").
func typeWords(typ string) string {
	switch typ {
	case "tree":
		return "decision tree"
	case "area":
		return "solution area"
	case "page":
		return ""
	}
	return typ
}

type rawPosting struct {
	unit int32
	tf   [numFields]uint8 // half-occurrences per field, saturating
}

// unitTerm counts a term's half-occurrences in one unit.
type unitTerm struct {
	term int32
	tf   [numFields]uint8
}

type phrase struct {
	match  []int32 // terms to find in a field
	inject []int32 // terms added to the field where it is found
}

type termInfo struct {
	id   int32
	stem string
}

// indexer collects the postings of all units. Units are read in parallel
// by extractors, each over a contiguous range of units with its own word
// table and postings (so the hot lookups need no locks); the indexer then
// numbers their terms range by range, which is the order terms first occur
// in the units, so the result does not depend on the number of workers.
type indexer struct {
	surfaces map[string]int32 // word -> term
	terms    termTable        // stems and filter keys
	postings [][]rawPosting   // term -> units, in unit order
	lengths  [][numFields]uint16
	prior    []float64          // unit -> weight of all its fields (see unitPrior)
	nav      []bool             // unit -> it only links elsewhere (Doc.Nav)
	avg      [numFields]float64 // set by finish
	facets   map[string]map[string]bool
}

func newIndexer() *indexer {
	ix := &indexer{surfaces: map[string]int32{}, facets: map[string]map[string]bool{}}
	for _, k := range filterFacets() {
		ix.facets[k] = map[string]bool{}
	}
	return ix
}

// termTable numbers distinct terms in the order they are first seen.
type termTable struct {
	ids   map[string]int32 // term -> number
	stems []string         // number -> term
}

// id returns key's number, and whether key is new.
func (t *termTable) id(key string) (int32, bool) {
	if id, ok := t.ids[key]; ok {
		return id, false
	}
	if t.ids == nil {
		t.ids = map[string]int32{}
	}
	id := int32(len(t.stems))
	t.ids[key] = id
	t.stems = append(t.stems, key)
	return id, true
}

func (ix *indexer) term(key string) int32 {
	id, added := ix.terms.id(key)
	if added {
		ix.postings = append(ix.postings, nil)
	}
	return id
}

// addAll indexes the units; unit i gets id i.
func (ix *indexer) addAll(ctx context.Context, units []Doc, synonyms []Synonym) error {
	n := len(units)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/256))
	ix.lengths = make([][numFields]uint16, n)
	ix.prior = make([]float64, n)
	ix.nav = make([]bool, n)
	type part struct {
		ex       *extractor
		postings [][]rawPosting // local term -> its units in this range
	}
	parts := make([]part, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &parts[w]
			p.ex = newExtractor(synonyms)
			for i := w * n / workers; i < (w+1)*n/workers && ctx.Err() == nil; i++ {
				terms, lengths := p.ex.extract(&units[i])
				for len(p.postings) < len(p.ex.terms.stems) {
					p.postings = append(p.postings, nil)
				}
				for _, t := range terms {
					p.postings[t.term] = append(p.postings[t.term], rawPosting{unit: int32(i), tf: t.tf})
				}
				ix.lengths[i], ix.prior[i], ix.nav[i] = lengths, unitPrior(&units[i]), units[i].Nav
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	// The first range numbers its terms as the whole index would, so the
	// index takes its tables as they are; the others are renumbered.
	first := &parts[0]
	ix.terms, ix.postings = first.ex.terms, first.postings
	for len(ix.postings) < len(ix.terms.stems) {
		ix.postings = append(ix.postings, nil)
	}
	words := 0
	for _, p := range parts {
		words += len(p.ex.termOf)
	}
	ix.surfaces = make(map[string]int32, words)
	for w, p := range parts {
		global := make([]int32, len(p.ex.terms.stems))
		for local, stem := range p.ex.terms.stems {
			if w == 0 {
				global[local] = int32(local)
				continue
			}
			global[local] = ix.term(stem)
		}
		if w > 0 {
			for local, list := range p.postings {
				id := global[local]
				ix.postings[id] = append(ix.postings[id], list...)
			}
		}
		for i, word := range p.ex.words.words {
			if local := p.ex.termOf[i]; local != stopWord {
				ix.surfaces[word] = global[local]
			}
		}
	}
	for i := range units {
		for _, k := range filterFacets() {
			for _, v := range facetValues(&units[i], k) {
				ix.facets[k][v] = true
			}
		}
	}
	return nil
}

// unitPrior weighs a glossary entry below the pages about its term: "pdm"
// should lead to the PDM's role page first, with the definition next to it.
// A section that only links elsewhere weighs less than its page's content.
func unitPrior(d *Doc) float64 {
	switch {
	case d.Type == "glossary" && d.Anchor != "":
		return 0.4
	case d.Nav:
		return 0.3
	}
	return 1
}

func facetValues(d *Doc, key string) []string {
	if key == "type" {
		return []string{d.Type}
	}
	return d.Facets[key]
}

// extractor turns units into term counts with its own word table.
type extractor struct {
	words   wordTable           // the words seen
	termOf  []int32             // word index -> local term, or stopWord
	terms   termTable           // stems, by local term
	phrases [][]phrase          // local term -> glossary phrases that start with it
	filters map[[2]string]int32 // facet key and value -> local term, or -1

	// Scratch, reused between units.
	inUnit []int32 // local term -> 1 + index in cur, 0 when not in the unit
	cur    []unitTerm
	seq    []int32
	buf    []byte
}

const stopWord = -1

func newExtractor(synonyms []Synonym) *extractor {
	ex := &extractor{filters: map[[2]string]int32{}}
	// Stop words share the word map, so each token costs one lookup.
	for _, w := range stopWords() {
		ex.word(w, stopWord)
	}
	for _, s := range synonyms {
		term := slices.Clone(ex.sequence(s.Term))
		exp := slices.Clone(ex.sequence(withoutParentheses(s.Expansion)))
		if len(term) == 0 || len(exp) == 0 || slices.Equal(term, exp) {
			continue
		}
		ex.addPhrase(phrase{match: term, inject: exp})
		ex.addPhrase(phrase{match: exp, inject: term})
	}
	return ex
}

func (ex *extractor) addPhrase(p phrase) {
	first := p.match[0]
	for int(first) >= len(ex.phrases) {
		ex.phrases = append(ex.phrases, nil)
	}
	ex.phrases[first] = append(ex.phrases[first], p)
}

// phrasesFrom is a slice lookup, not a map's: it runs for every token.
func (ex *extractor) phrasesFrom(term int32) []phrase {
	if int(term) < len(ex.phrases) {
		return ex.phrases[term]
	}
	return nil
}

// withoutParentheses drops remarks such as "(of the fiscal year)" from a
// glossary expansion: they are not what people search for.
func withoutParentheses(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (ex *extractor) term(key string) int32 {
	id, added := ex.terms.id(key)
	if added {
		ex.inUnit = append(ex.inUnit, 0)
	}
	return id
}

// sequence returns the terms of the words of s, without stop words. The
// slice is reused by the next call.
func (ex *extractor) sequence(s string) []int32 {
	ex.seq = ex.seq[:0]
	ex.buf = scanTokens(s, ex.buf, func(tok []byte, hash uint32) {
		i := ex.words.find(tok, hash)
		if i < 0 {
			w := string(tok)
			i = ex.word(w, ex.term(stem(w)))
		}
		if id := ex.termOf[i]; id != stopWord {
			ex.seq = append(ex.seq, id)
		}
	})
	return ex.seq
}

// word records a new word and its term.
func (ex *extractor) word(w string, term int32) int32 {
	ex.termOf = append(ex.termOf, term)
	return ex.words.add(w, fnv1a(w))
}

// extract counts the terms of one unit, by local term number. The slice
// is reused by the next call.
func (ex *extractor) extract(d *Doc) ([]unitTerm, [numFields]uint16) {
	for _, c := range ex.cur {
		ex.inUnit[c.term] = 0
	}
	ex.cur = ex.cur[:0]
	var lengths [numFields]uint16
	addText := func(f int, s string) {
		seq := ex.sequence(s)
		lengths[f] = uint16(min(math.MaxUint16, int(lengths[f])+len(seq)))
		for i, id := range seq {
			ex.count(id, f, 2)
			// A glossary synonym counts half: "CSAM" in a heading answers
			// "customer success account manager", but less than the words.
			for _, p := range ex.phrasesFrom(id) {
				if hasPrefix(seq[i:], p.match) {
					for _, inj := range p.inject {
						ex.count(inj, f, 1)
					}
				}
			}
			// Word pairs of the title tell "CSP to EA" from "EA to CSP".
			if f == fieldTitle && i > 0 {
				ex.count(ex.term(pairKey(ex.terms.stems[seq[i-1]], ex.terms.stems[id])), f, 2)
			}
		}
	}
	if d.Heading != "" {
		addText(fieldTitle, d.Heading)
		addText(fieldPage, d.Page)
	} else {
		addText(fieldTitle, d.Page)
	}
	addText(fieldSummary, d.Summary)
	if d.Anchor != "" {
		addText(fieldSlug, d.Anchor)
	} else {
		addText(fieldSlug, path.Base(d.URL))
	}
	for _, h := range d.Headings {
		addText(fieldHeadings, h)
	}
	addText(fieldFacets, typeWords(d.Type))
	ex.filter("type", d.Type)
	for _, k := range slices.Sorted(maps.Keys(d.Facets)) {
		for _, v := range d.Facets[k] {
			addText(fieldFacets, v)
			ex.filter(k, v)
		}
	}
	addText(fieldBody, d.Text)

	return ex.cur, lengths
}

// count adds half-occurrences of a term to a field: 2 for a word, 1 for a
// synonym standing in for it.
func (ex *extractor) count(id int32, f int, halves uint8) {
	i := ex.inUnit[id] - 1
	if i < 0 {
		i = int32(len(ex.cur))
		ex.inUnit[id] = i + 1
		ex.cur = append(ex.cur, unitTerm{term: id})
	}
	ex.cur[i].tf[f] = uint8(min(math.MaxUint8, int(ex.cur[i].tf[f])+int(halves)))
}

// pairKey is the term of two adjacent title words; the browser looks it up
// for adjacent query words.
func pairKey(a, b string) string { return a + "_" + b }

// filter records that the unit has a facet value, as the term
// "=key:value_words" that the browser looks up to filter results.
func (ex *extractor) filter(key, value string) {
	id, ok := ex.filters[[2]string{key, value}]
	if !ok {
		id = -1
		if toks := tokenize(value); len(toks) > 0 {
			id = ex.term(filterKey(key, toks))
		}
		ex.filters[[2]string{key, value}] = id // a few values, repeated in every unit
	}
	if id >= 0 && ex.inUnit[id] == 0 {
		ex.count(id, fieldFacets, 2)
	}
}

func filterKey(key string, valueTokens []string) string {
	return "=" + key + ":" + strings.Join(valueTokens, "_")
}

func hasPrefix(s, prefix []int32) bool {
	return len(s) >= len(prefix) && slices.Equal(s[:len(prefix)], prefix)
}

// finish ends indexing and returns the terms that occur in some unit, by
// stem.
func (ix *indexer) finish() []termInfo {
	ix.avg = ix.averageLengths()
	var terms []termInfo
	for id, s := range ix.terms.stems {
		if len(ix.postings[id]) > 0 {
			terms = append(terms, termInfo{id: int32(id), stem: s})
		}
	}
	slices.SortFunc(terms, func(a, b termInfo) int { return strings.Compare(a.stem, b.stem) })
	return terms
}

// encodePostings writes a term's units and impacts as base-32 varints of
// (unit gap - 1) * 32 + (impact - 1) in a 64-letter alphabet: dense terms
// take one letter per unit.
func (ix *indexer) encodePostings(t termInfo) string {
	w, b := fieldWeights(), fieldB()
	var out []byte
	prev := int32(-1)
	for _, p := range ix.postings[t.id] {
		tf := 0.0
		for f := range numFields {
			if p.tf[f] > 0 {
				norm := 1 - b[f] + b[f]*float64(ix.lengths[p.unit][f])/ix.avg[f]
				tf += ix.prior[p.unit] * w[f] * float64(p.tf[f]) / 2 / norm
			}
		}
		impact := 1 + min(impactLevels-1, int(tf/(bm25K1+tf)*impactLevels))
		// A section that only links elsewhere is not titled by its page:
		// "back from CSP to an EA, see scenario 8" under scenario 6's title
		// would otherwise rank as scenario 6 itself.
		if p.tf[fieldTitle] > 0 || p.tf[fieldPage] > 0 && !ix.nav[p.unit] {
			impact += impactTitle
		}
		out = appendVarint(out, int(p.unit-prev-1)*32+impact-1)
		prev = p.unit
	}
	return string(out)
}

// averageLengths is the mean length of each field over the units that have
// it.
func (ix *indexer) averageLengths() [numFields]float64 {
	var sum, n [numFields]float64
	for _, l := range ix.lengths {
		for f := range numFields {
			if l[f] > 0 {
				sum[f] += float64(l[f])
				n[f]++
			}
		}
	}
	var avg [numFields]float64
	for f := range numFields {
		avg[f] = 1
		if n[f] > 0 {
			avg[f] = sum[f] / n[f]
		}
	}
	return avg
}

// varintDigits: 0-31 end a number, 32-63 carry 5 more bits. No quote or
// backslash, so the strings need no escaping in JSON.
const varintDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

func appendVarint(b []byte, v int) []byte {
	for v >= 32 {
		b = append(b, varintDigits[32+v&31])
		v >>= 5
	}
	return append(b, varintDigits[v])
}

// dictEntry is a key of the vocabulary.
type dictEntry struct {
	key    string
	term   int  // index in the sorted terms
	word   bool // a word seen in the text; else only a stem (or filter key), not offered as a completion or typo fix
	isStem bool // the key is the term's stem, where its postings live
}

// dictionary returns the vocabulary in key order: every word, plus the stem
// of each term that is not itself a word, so the browser can look up a
// variant it never saw.
func (ix *indexer) dictionary(terms []termInfo) []dictEntry {
	rank := make(map[int32]int, len(terms))
	for i, t := range terms {
		rank[t.id] = i
	}
	var entries []dictEntry
	for w, id := range ix.surfaces {
		// A word that is also another term's stem ("agre", the stem of
		// "agreed", whose own stem is "agr") addresses that term: the
		// browser looks stems up, and the word's own term has its stem.
		if other, ok := ix.terms.ids[w]; ok {
			if _, ok := rank[other]; ok {
				id = other
			}
		}
		if r, ok := rank[id]; ok { // a glossary word that no unit has is not a term
			entries = append(entries, dictEntry{key: w, term: r, word: true, isStem: w == terms[r].stem})
		}
	}
	for i, t := range terms {
		if _, ok := ix.surfaces[t.stem]; !ok {
			entries = append(entries, dictEntry{key: t.stem, term: i, isStem: true})
		}
	}
	slices.SortFunc(entries, func(a, b dictEntry) int { return compareKeys(a.key, b.key) })
	return entries
}

// compareKeys orders keys as JavaScript compares strings, by UTF-16 code
// unit, so search.js can binary-search the shard bounds with <. That is
// UTF-8 byte order except where a letter above U+FFFF (lead byte F0-F4,
// a surrogate in UTF-16) meets one in U+E000-U+FFFF (lead byte EE or EF).
// Keys are valid UTF-8, so the first differing bytes are both lead bytes or
// both continuation bytes of letters with the same lead byte.
func compareKeys(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == n {
		return cmp.Compare(len(a), len(b))
	}
	ca, cb := a[i], b[i]
	if ca >= 0xEE && cb >= 0xEE && (ca >= 0xF0) != (cb >= 0xF0) {
		return cmp.Compare(cb, ca)
	}
	return cmp.Compare(ca, cb)
}

func (ix *indexer) facetValues() map[string][]string {
	out := map[string][]string{}
	for k, vals := range ix.facets {
		out[k] = slices.Sorted(maps.Keys(vals))
	}
	return out
}
