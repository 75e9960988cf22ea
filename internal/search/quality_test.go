package search_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fieldguide/fieldguide/internal/browsertest"
	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/search"
)

// The quality test is an external test: internal/pipeline imports search.

type qualityQuery struct {
	query, want string // want: site-relative URL, with #anchor for a question or section
	title       bool   // the query is the page's exact title: it must rank first
}

// qualityQueries are what sellers type, each with the unit that answers it:
// keywords, reworded questions, abbreviations, typos, prefixes and titles.
func qualityQueries() []qualityQuery {
	return []qualityQuery{
		// Reworded questions and keywords.
		{query: "child tpid", want: "faq/motion-details/#child-tpids"},
		{query: "tpid with many child tpids", want: "faq/motion-details/#child-tpids"},
		{query: "move customer from csp to ea", want: "scenarios/08-csp-to-ea-or-mca/"},
		{query: "csp to mca", want: "scenarios/08-csp-to-ea-or-mca/"},
		{query: "customer wants to switch csp partner", want: "scenarios/07-change-csp-partner/"},
		{query: "ea renewal", want: "scenarios/05-upcoming-ea-renewal/"},
		{query: "upsell cross-sell csp customer", want: "scenarios/02-upsell-cross-sell-csp-customer/"},
		{query: "partner can't support new workload", want: "scenarios/03-new-workload-partner-cannot-support/"},
		{query: "premier support on csp", want: "scenarios/06-ea-to-csp-support-needs/"},
		{query: "partner pitches csp deal to ea customer", want: "scenarios/01-new-csp-deal-for-ea-customer/"},
		{query: "sales program names", want: "faq/tracking/#sales-program-names"},
		{query: "add sales program to engagement", want: "faq/tracking/#sales-program-names"},
		{query: "sales program on milestone", want: "faq/tracking/#milestone-level"},
		{query: "should I open a new engagement", want: "faq/tracking/#new-engagement"},
		{query: "who creates the engagement in msx", want: "faq/working-across-roles/#who-creates-engagement"},
		{query: "size optimization milestone", want: "faq/tracking/#optimization-milestone"},
		{query: "milestone reduces pipeline", want: "faq/tracking/#optimization-milestone"},
		{query: "show I worked on a motion", want: "faq/tracking/#record-execution"},
		{query: "databricks login page", want: "faq/general/#databricks-login"},
		{query: "databricks migration partners", want: "faq/general/#databricks-partners"},
		{query: "why no ai in wave 1", want: "faq/general/#no-ai-in-wave-1"},
		{query: "industry priority scenarios", want: "faq/general/#industry-priority-scenarios"},
		{query: "macc commitments priority", want: "faq/general/#prioritization"},
		{query: "training for ces", want: "faq/general/#ce-training"},
		{query: "account with little consumption", want: "faq/general/#low-consumption-accounts"},
		{query: "execution guides", want: "faq/motion-details/#execution-guides"},
		{query: "list of target accounts", want: "faq/motion-details/#account-lists"},
		{query: "account grid", want: "faq/motion-details/#account-grid"},
		{query: "how were target tpids chosen", want: "faq/motion-details/#target-criteria"},
		{query: "pinned csa", want: "roles/csa/#pinned-csas"},
		{query: "do only pinned csas drive motions", want: "faq/orchestration/#pinned-csas"},
		{query: "ai rangers", want: "faq/working-across-roles/#ai-rangers"},
		{query: "where to give feedback", want: "faq/working-across-roles/#feedback"},
		{query: "csam training", want: "faq/working-across-roles/#csam-training"},
		{query: "time spent on a consumption play", want: "faq/working-across-roles/#time-commitment"},
		{query: "data avengers", want: "motions/hadoop-to-databricks/#data-avengers"},
		{query: "hadoop", want: "motions/hadoop-to-databricks/"},
		{query: "technical resource request", want: "trees/technical-resource-request/"},
		{query: "low consumption coverage", want: "trees/low-consumption-coverage/"},
		{query: "how much time will this take", want: "faq/working-across-roles/#time-commitment"},
		{query: "get csams to prioritize consumption", want: "faq/working-across-roles/#csam-priorities"},
		{query: "open new milestone for motion", want: "faq/tracking/#new-milestone"},
		{query: "customer moved to csp needs support", want: "scenarios/06-ea-to-csp-support-needs/"},
		{query: "milestone value", want: "trees/milestone-value/"},
		{query: "oneask", want: "trees/technical-resource-request/"},
		{query: "engagement or milestone", want: "trees/engagement-or-milestone/"},
		{query: "csp resources", want: "scenarios/resources/"},
		{query: "wave 1 ai", want: "faq/general/#no-ai-in-wave-1"},
		{query: "upsell", want: "scenarios/02-upsell-cross-sell-csp-customer/"},
		{query: "postgres", want: "motions/postgresql/"},
		{query: "m1 m2", want: "roles/manager/"},
		{query: "stu specialist", want: "roles/specialist/"},
		{query: "partner development manager", want: "roles/pdm/"},
		{query: "macc", want: "glossary/#macc"},
		{query: "consumtion motions", want: "motions/"},
		{query: "milstone value", want: "trees/milestone-value/"},
		{query: "swarming", want: "roles/csa/#swarming-csas"},
		{query: "partner incumbency", want: "scenarios/sellers-role/#partner-incumbency"},
		{query: "databricks login", want: "faq/general/#databricks-login"},
		{query: "give feedback on motions", want: "faq/working-across-roles/#feedback"},
		{query: "client executive", want: "roles/seller/"},
		// Abbreviations and their expansions.
		{query: "ips", want: "faq/general/#industry-priority-scenarios"},
		{query: "enterprise agreement renewal", want: "scenarios/05-upcoming-ea-renewal/"},
		{query: "cloud solution architect", want: "roles/csa/"},
		{query: "pdm", want: "roles/pdm/"},
		{query: "csa", want: "roles/csa/"},
		{query: "csam", want: "roles/csam/"},
		{query: "global parent id", want: "glossary/#gpid"},
		{query: "ww request", want: "trees/technical-resource-request/"},
		{query: "what is tpid", want: "glossary/#tpid"},
		{query: "what does CSU stand for?", want: "glossary/#csu"},
		{query: "architecture", want: "roles/csa/"}, // no word of the guide: "architect" is the nearest
		// Typos and prefixes.
		{query: "postgre", want: "motions/postgresql/"},
		{query: "cosmos", want: "motions/cosmos-db-cost-optimization/"},
		{query: "databriks partners", want: "faq/general/#databricks-partners"},
		{query: "renewl", want: "scenarios/05-upcoming-ea-renewal/"},
		{query: "glosary", want: "glossary/"},
		{query: "glossary of terms", want: "glossary/"},
		{query: "swich csp partner", want: "scenarios/07-change-csp-partner/"},
		{query: "postgre sql", want: "motions/postgresql/"}, // "postgre" is no word of the guide, but begins one
		{query: "glos", want: "glossary/"},
		{query: "scenarios", want: "scenarios/"},
		{query: "motions", want: "motions/"},
		{query: "which scenario", want: "trees/csp-scenario/"},
		// Exact titles.
		{query: "Tracking consumption motions in MSX", want: "faq/tracking/", title: true},
		{query: "Cosmos DB cost optimization", want: "motions/cosmos-db-cost-optimization/", title: true},
		{query: "PostgreSQL", want: "motions/postgresql/", title: true},
		{query: "Which CSP scenario am I in?", want: "trees/csp-scenario/", title: true},
		{query: "Scenario 7: the customer wants to switch CSP partners", want: "scenarios/07-change-csp-partner/", title: true},
		{query: "Working across roles in the CSU", want: "faq/working-across-roles/", title: true},
		{query: "Decision trees", want: "trees/", title: true},
		{query: "Glossary", want: "glossary/", title: true},
		{query: "Customer Success Account Manager (CSAM)", want: "roles/csam/", title: true},
	}
}

// guideBuild is the shipped guide, built once per test binary: the tests
// that use it only read it.
var guideBuild struct {
	once sync.Once
	dir  string
	err  error
}

// buildGuide returns the folder of the shipped guide, building it on the
// first call; the folder is removed when the test binary's tests are done.
func buildGuide(t *testing.T) string {
	t.Helper()
	guideBuild.once.Do(func() {
		repo, err := filepath.Abs("../..")
		if err != nil {
			guideBuild.err = err
			return
		}
		out, err := os.MkdirTemp("", "fieldguide-search-guide-")
		if err != nil {
			guideBuild.err = err
			return
		}
		search.AfterTests(func() { os.RemoveAll(out) })
		guideBuild.dir = out
		if _, err := pipeline.Build(context.Background(), pipeline.Options{Source: repo, Destination: out, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			guideBuild.err = fmt.Errorf("build the guide: %w", err)
			return
		}
		if _, err := os.Stat(filepath.Join(out, search.Dir, "manifest.js")); err != nil {
			guideBuild.err = fmt.Errorf("the build wrote no search index: %w", err)
		}
	})
	if guideBuild.err != nil {
		t.Fatal(guideBuild.err)
	}
	return guideBuild.dir
}

// TestGuideIndexWordsAreSourceWords: every word the shipped guide's index
// offers is a word of its sources. A word the build makes up is two words
// glued together, as "CSAMasks" was when a glossary term ended a line.
func TestGuideIndexWordsAreSourceWords(t *testing.T) {
	t.Parallel()
	out := buildGuide(t)
	source := map[string]bool{}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	read := func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range search.Tokenize(string(b)) {
			source[w] = true
		}
	}
	read(filepath.Join(root, "site.toml"))
	err = filepath.WalkDir(filepath.Join(root, "content"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			read(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(filepath.Join(out, search.Dir), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(out, path)
			files[filepath.ToSlash(rel)] = b
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	words := search.IndexWords(t, files)
	if len(words) < 1000 {
		t.Fatalf("the index offers %d words; the guide has thousands", len(words))
	}
	for _, w := range words {
		if !source[w] {
			t.Errorf("the index offers %q, which no source file has", w)
		}
	}
}

// TestQuality builds the shipped guide with the engine, serves it, runs
// every query through the real search page in Chromium and holds the
// ranking to the thresholds of the search issue.
func TestQuality(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the guide")
	}
	base := browsertest.Serve(t, buildGuide(t))
	p := browsertest.NewPage(t)
	p.Navigate(t, base+"search/")

	queries := qualityQueries()
	first, top3 := 0, 0
	for _, q := range queries {
		// The query goes through the search page's own form, as a reader
		// submitting it does: the same search and ordering as ?q= on load,
		// without loading the page for each query.
		browsertest.Eval[chromedp.Void](t, p, fmt.Sprintf(`document.getElementById('fg-search-page-input').value = %q;
			document.getElementById('fg-search-page-form').requestSubmit()`, q.query))
		p.WaitFor(t, fmt.Sprintf(`document.getElementById('fg-search-summary').textContent.includes('“' + %q + '”') &&
			(document.querySelector('#search-results > li') || /^No results/.test(document.getElementById('fg-search-summary').textContent))`, q.query))
		// Each page's results, its first result first.
		got := browsertest.Eval[[][]string](t, p, `Array.from(document.querySelectorAll('#search-results > li'),
			li => Array.from(li.querySelectorAll('a'), a => a.getAttribute('href').replace(/^\.\.\//, '')))`)
		rank := rankOf(got, q.want)
		switch {
		case len(got) == 0:
			t.Errorf("%q: no results", q.query)
		case rank < 0 || rank > 2:
			t.Logf("%q: %s not in the top 3: %v", q.query, q.want, got[:min(3, len(got))])
		case rank > 0:
			t.Logf("%q: %s at rank %d, after %v", q.query, q.want, rank+1, got[:rank])
		}
		if q.title && rank != 0 {
			t.Errorf("exact title %q: %s at rank %d, want 1", q.query, q.want, rank+1)
		}
		if rank == 0 {
			first++
		}
		if rank >= 0 && rank < 3 {
			top3++
		}
	}
	n := len(queries)
	t.Logf("%d queries: right hit at rank 1 for %d (%.0f%%), in the top 3 for %d (%.0f%%)", n, first, 100*float64(first)/float64(n), top3, 100*float64(top3)/float64(n))
	if roundedPercent(first, n) < 98 || top3 < n {
		t.Errorf("ranking below the thresholds: rank 1 %d/%d (want 98%%), top 3 %d/%d (want all)", first, n, top3, n)
	}
	checkSearchUI(t, p, base)
	p.AssertNoConsoleErrors(t)
	p.AssertRequestsWithin(t, base)
}

// checkSearchUI runs axe on the search UI inside the real theme: the
// results page the tab shows and the open header box, in both colour
// schemes. The open box covers part of the page, so axe checks the box
// there.
func checkSearchUI(t *testing.T, p *browsertest.Page, base string) {
	t.Helper()
	for _, scheme := range []string{"light", "dark"} {
		p.EmulateColorScheme(t, scheme)
		p.CheckAxe(t)
	}
	p.Navigate(t, base+"faq/tracking/")
	p.Click(t, "#fg-search-input")
	p.Type(t, "#fg-search-input", "child tpid")
	search.OptionHrefs(t, p)
	for _, scheme := range []string{"light", "dark"} {
		p.EmulateColorScheme(t, scheme)
		p.CheckAxe(t, ".fg-search")
	}
}
