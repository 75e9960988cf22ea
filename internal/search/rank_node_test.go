package search

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rankInNode runs the theme's ranking scripts in node on the index of
// docs, for each query, and returns the result links in the order the
// search page shows them. Without node the test is skipped (failed when
// CI=true: CI installs node with npm).
func rankInNode(t *testing.T, docs []Doc, synonyms []Synonym, queries []nodeQuery) [][]string {
	t.Helper()
	index, err := Build(context.Background(), docs, synonyms)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range index {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var flat [][]string
	for _, groups := range rankSiteInNode(t, dir, queries) {
		var links []string
		for _, g := range groups {
			links = append(links, g...)
		}
		flat = append(flat, links)
	}
	return flat
}

// rankSiteInNode runs queries on the index of the site in dir and returns
// for each the result links grouped by page.
func rankSiteInNode(t testing.TB, dir string, queries []nodeQuery) [][][]string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node not found: %v", err)
		}
		t.Skip("node not found")
	}
	in, err := json.Marshal(queries)
	if err != nil {
		t.Fatal(err)
	}
	assets, err := filepath.Abs("../../themes/default/search")
	if err != nil {
		t.Fatal(err)
	}
	parts, err := json.Marshal(searchParts()[:4]) // text, index, rank, results: no DOM
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "testdata/rank.cjs", assets, dir, string(parts))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got [][][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node printed %q: %v", out, err)
	}
	return got
}

type nodeQuery struct {
	Query   string            `json:"query"`
	Filters map[string]string `json:"filters,omitempty"`
}

// TestRankingInNode holds the ranking rules outside the browser, in
// search-rank.js and the grouping of search-results.js as node runs them.
func TestRankingInNode(t *testing.T) {
	t.Parallel()
	_, docs, synonyms := rankingSite()
	rules := rankingRules()
	var queries []nodeQuery
	for _, r := range rules {
		queries = append(queries, nodeQuery{Query: r.query})
	}
	got := rankInNode(t, docs, synonyms, queries)
	for i, r := range rules {
		checkRule(t, r, got[i])
	}
}

// TestGroupingInNode: results come grouped by page, each page once with its
// matching sections beneath, and a section that only links elsewhere comes
// after its page's content sections, however well it matches.
func TestGroupingInNode(t *testing.T) {
	t.Parallel()
	docs := []Doc{
		{URL: "scenarios/s1/", Page: "Scenario 1: a new deal", Type: "scenario", Text: "A partner pitches a deal."},
		{URL: "scenarios/s1/", Anchor: "seller", Page: "Scenario 1: a new deal", Heading: "What the seller does", Type: "scenario", Text: "Check the renewal date before the deal."},
		{URL: "scenarios/s1/", Anchor: "partner", Page: "Scenario 1: a new deal", Heading: "What the partner does", Type: "scenario", Text: "The partner prepares the renewal quote."},
		{URL: "scenarios/s1/", Anchor: "related", Page: "Scenario 1: a new deal", Heading: "Related scenarios", Type: "scenario", Nav: true, Text: "Renewal instead: renewal scenario. Renewal support: renewal."},
		{URL: "scenarios/s5/", Page: "Scenario 5: an upcoming renewal", Type: "scenario", Text: "The renewal is near."},
		{URL: "faq/", Page: "FAQ", Type: "faq", Text: "Questions."},
		{URL: "faq/", Anchor: "when", Page: "FAQ", Heading: "When is the renewal?", Type: "faq", Text: "Each renewal has a date."},
	}
	got := rankInNode(t, docs, nil, []nodeQuery{{Query: "renewal"}, {Query: "renewal", Filters: map[string]string{"type": "faq"}}})
	pages := map[string]int{}
	last := ""
	for _, link := range got[0] {
		page, _, _ := strings.Cut(link, "#")
		if page != last {
			pages[page]++
			last = page
		}
	}
	for page, n := range pages {
		if n > 1 {
			t.Errorf("%s appears in %d places: %v", page, n, got[0])
		}
	}
	nav, content := slices.Index(got[0], "scenarios/s1/#related"), slices.Index(got[0], "scenarios/s1/#seller")
	if nav < 0 || content < 0 || nav < content || nav < slices.Index(got[0], "scenarios/s1/#partner") {
		t.Errorf("the navigation section ranks above its page's content: %v", got[0])
	}
	if !slices.Equal(got[1], []string{"faq/#when"}) && !slices.Equal(got[1], []string{"faq/#when", "faq/"}) {
		t.Errorf("type=faq: %v", got[1])
	}
}
