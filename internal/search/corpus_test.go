package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// corpus generates n realistic units from a fixed seed: ~700-word bodies
// drawn from a Zipf-distributed vocabulary of invented words with English
// inflections and stop words, titles, headings, summaries and facets. The
// benchmarks and the browser size test measure the index on it.
type corpus struct {
	rng    *rand.Rand
	lemmas []string
	zipf   *rand.Zipf
	roles  []string
	stop   []string // with repeats: "the" is commoner than "when"
}

func newCorpus(seed uint64) *corpus {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	syllables := strings.Fields("ka ri to na mo sel en gag ment por tal vi da ter ion lo qua ble fin ops mar ket cus tom part ner sub scrip cloud ser vice ac count ra pid tem plat flow net work mi gra pro gram wave sol ar ea con sum")
	seen := map[string]bool{}
	var lemmas []string
	for len(lemmas) < 20000 {
		n := 2 + rng.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		w := b.String()
		// Keep lemmas whose inflections stem back to themselves, as real
		// English words mostly do.
		if !seen[w] && stem(w) == w && stem(w+"s") == w && stem(w+"ing") == w {
			seen[w] = true
			lemmas = append(lemmas, w)
		}
	}
	return &corpus{
		rng:    rng,
		lemmas: lemmas,
		zipf:   rand.NewZipf(rng, 1.07, 2, uint64(len(lemmas)-1)),
		roles:  []string{"CSA", "CSAM", "CE", "Seller", "Specialist", "Manager", "PDM", "Partner"},
		stop:   strings.Fields("the the the of of and and a a to to in is for on that with as by it be are this from or can when"),
	}
}

func (c *corpus) word() string {
	if c.rng.Float64() < 0.4 {
		return c.stop[c.rng.IntN(len(c.stop))]
	}
	w := c.lemmas[c.zipf.Uint64()]
	switch r := c.rng.IntN(20); {
	case r < 3:
		return w + "s"
	case r < 5:
		return w + "ing"
	case r < 6 && !strings.HasSuffix(w, "e"):
		return w + "ed"
	}
	return w
}

func (c *corpus) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = c.word()
	}
	return strings.Join(ws, " ")
}

// title uses mid-frequency words, as titles do.
func (c *corpus) title(n int) string {
	ws := make([]string, n)
	for i := range ws {
		w := c.lemmas[50+c.rng.IntN(5000)]
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

func (c *corpus) text(words int) string {
	var b strings.Builder
	for words > 0 {
		n := min(words, 8+c.rng.IntN(14))
		s := c.words(n)
		b.WriteString(strings.ToUpper(s[:1]) + s[1:] + ". ")
		if c.rng.IntN(30) == 0 {
			fmt.Fprintf(&b, "See KB%d. ", 100000+c.rng.IntN(900000))
		}
		words -= n
	}
	return strings.TrimSpace(b.String())
}

func (c *corpus) docs(n int) []Doc {
	types := []string{"page", "page", "faq", "motion", "scenario", "tree", "role", "area"}
	docs := make([]Doc, n)
	for i := range docs {
		headings := make([]string, 3+c.rng.IntN(4))
		for j := range headings {
			headings[j] = c.title(2 + c.rng.IntN(4))
		}
		roles := []string{c.roles[c.rng.IntN(len(c.roles))]}
		if c.rng.IntN(2) == 0 {
			roles = append(roles, c.roles[c.rng.IntN(len(c.roles))])
		}
		docs[i] = Doc{
			URL:      fmt.Sprintf("section-%d/page-%d/", i/100, i),
			Page:     c.title(3 + c.rng.IntN(5)),
			Type:     types[c.rng.IntN(len(types))],
			Summary:  c.text(15 + c.rng.IntN(15)),
			Headings: headings,
			Text:     c.text(650 + c.rng.IntN(100)),
			Facets: map[string][]string{
				"role": roles,
				"tag":  {c.lemmas[c.rng.IntN(60)], c.lemmas[c.rng.IntN(60)]},
				"area": {[]string{"Data and AI", "Infrastructure", "App Innovation", "Security", "Modern Work"}[c.rng.IntN(5)]},
			},
		}
	}
	return docs
}

// queryWords picks one-word queries across the vocabulary's frequency
// ranks, from common to rare, as people type them.
func (c *corpus) queryWords(n int) []string {
	out := make([]string, n)
	for i := range out {
		rank := int(math.Pow(float64(len(c.lemmas)-1), float64(i+1)/float64(n+1)))
		out[i] = c.lemmas[rank]
	}
	return out
}
