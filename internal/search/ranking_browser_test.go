package search

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// rankingSite is a site built so that each ranking rule decides the first
// result of a query; rankingRules are those queries.
func rankingSite() ([]testPage, []Doc, []Synonym) {
	many := func(word string, n int) string { return strings.Repeat(word+" ", n) }
	pages := []testPage{
		{url: "", title: "Partner field guide", typ: "page", text: "Start here."},
		{url: "roles/csa/", title: "Cloud Solution Architect (CSA)", typ: "role", text: "The csa is the architect of the solution."},
		{url: "roles/csam/", title: "Customer Success Account Manager (CSAM)", typ: "role", text: "The csam runs the account."},
		{url: "faq/roles/", title: "Working with roles", typ: "faq", sections: []testSection{
			{"csams", "How do CSAMs and CSAMs' managers take part?", many("CSAMs join every csam meeting;", 6)},
			{"child-tpids", "What about a TPID with many child TPIDs?", many("Each TPID has child TPIDs.", 6)},
		}},
		{url: "motions/", title: "Consumption motions", typ: "page", text: "Motions are plays."},
		{url: "motions/postgresql/", title: "Azure Database for PostgreSQL", typ: "motion", text: "Move databases to postgresql."},
		{url: "authoring/motions/", title: "Writing motions", typ: "page", text: many("A motions page lists motions; motions have outcomes.", 8)},
		{url: "authoring/glossary/", title: "Writing the glossary", typ: "page", text: many("The glossary holds terms; glossary entries explain them.", 8)},
		{url: "glossary/", title: "Glossary", typ: "glossary", text: "Terms used in this guide."},
		// Competitors that win when a rule is missing.
		{url: "playbooks/", title: "CSAM playbook", typ: "page", text: many("The csam plays.", 8)},
		{url: "terms/", title: "Glossary terms index", typ: "page", text: many("Every glossary term; the glossary index.", 8)},
		{url: "faq/ops/", title: "Operations", typ: "faq", text: "ops " + many("ops", 3), sections: []testSection{
			{"teams", "How do teams work together?", "The ops rota."},
			{"checklist", "Which checklist do partners follow?", many("opsec", 6)},
		}},
		{url: "faq/more/", title: "More", typ: "faq", text: many("ops", 4)},
		{url: "contracts/", title: "Contracts", typ: "page", text: "Sign the contract first."},
		{url: "contacts/", title: "Contacts", typ: "page", text: many("Whom to contact.", 4)},
		{url: "scenarios/s6/", title: "Scenario 6: moved from EA to CSP", typ: "scenario", text: "Support comes from the partner."},
		{url: "scenarios/s8/", title: "Scenario 8: the customer leaves CSP for an EA", typ: "scenario", text: "Leaving costs time."},
		{url: "scenarios/move/", title: "The customer wants to move", typ: "scenario", text: "Moving on."},
		{url: "scenarios/renewal/", title: "The customer renews", typ: "scenario", text: "Renew early."},
		{url: "notes/", title: "Notes", typ: "page", text: many("Renew each year.", 3)},
		{url: "offers/", title: "Offers", typ: "page", text: "Offers and offices."},
	}
	docs := unitsOf(pages)
	docs = append(docs, Doc{URL: "scenarios/s6/", Anchor: "related", Page: pages[len(pages)-6].title, Heading: "Related scenarios", Type: "scenario", Nav: true,
		Text: "If the customer goes back from CSP to an EA: scenario 8."})
	synonyms := []Synonym{{"CSA", "Cloud Solution Architect"}, {"CSAM", "Customer Success Account Manager"}, {"TPID", "Top Parent ID"}}
	for _, s := range synonyms {
		docs = append(docs, Doc{URL: "glossary/", Anchor: strings.ToLower(s.Term), Page: "Glossary", Heading: s.Term + ": " + s.Expansion, Type: "glossary", Text: s.Expansion + "."})
	}
	return pages, docs, synonyms
}

type rankingRule struct {
	rule, query, want string
	below             string // when set, want need only rank above it
	absent            string // when set, a result that must not be there
}

func rankingRules() []rankingRule {
	return []rankingRule{
		{"a completion never outranks the word typed", "ops", "faq/ops/#teams", "faq/ops/#checklist", ""},
		{`a title "Name (ABBR)" is titled as either`, "csam", "roles/csam/", "", ""},
		{"a question for a definition leads to the glossary entry", "what is tpid", "glossary/#tpid", "", ""},
		{"a longer form of a word finds the word", "architecture", "roles/csa/", "", ""},
		{"a word that matches nothing completes", "postgre sql", "motions/postgresql/", "", ""},
		{"a typo fix counts for title matches", "glosary", "glossary/", "", ""},
		{"the shallowest page with every query word in its title", "motions", "motions/", "", ""},
		{"a word of the guide is not a typo of another", "contract", "contracts/", "", "contacts/"},
		{"the word being typed completes before typo fixes", "contr", "contracts/", "contacts/", ""},
		{"a section that only links elsewhere is not titled by its page", "customer csp back to ea", "scenarios/s8/", "", ""},
		{"a word a question wraps around what it asks weighs little", "customer wants to renew", "scenarios/renewal/", "", ""},
		{"a particle is no word to complete", "leaves off csp", "scenarios/s8/", "", "offers/"},
	}
}

// checkRule reports a rule that the result links got break.
func checkRule(t *testing.T, tt rankingRule, got []string) {
	t.Helper()
	at := slices.Index(got, tt.want)
	switch {
	case tt.below == "" && at != 0:
		t.Errorf("%s: %q gives %v, want %s first", tt.rule, tt.query, got, tt.want)
	case tt.below != "" && (at < 0 || slices.Index(got, tt.below) < at):
		t.Errorf("%s: %q gives %v, want %s above %s", tt.rule, tt.query, got, tt.want, tt.below)
	case tt.absent != "" && slices.Contains(got, tt.absent):
		t.Errorf("%s: %q gives %v, want no %s", tt.rule, tt.query, got, tt.absent)
	}
}

// TestBrowserRankingRules runs each of the result page's ordering rules on
// a site built so that the rule decides the first result.
func TestBrowserRankingRules(t *testing.T) {
	t.Parallel()
	pages, docs, synonyms := rankingSite()
	index, err := Build(context.Background(), docs, synonyms)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeSite(t, dir, false, pages, index)
	base := browsertest.Serve(t, dir)
	p := browsertest.NewPage(t)
	for _, tt := range rankingRules() {
		p.Navigate(t, base+"search/?q="+url.QueryEscape(tt.query))
		var got []string
		resultHrefs(t, p)
		for _, h := range browsertest.Eval[[]string](t, p, `Array.from(document.querySelectorAll('#search-results a'), a => a.getAttribute('href'))`) {
			got = append(got, strings.TrimPrefix(h, "../"))
		}
		checkRule(t, tt, got)
	}
	p.AssertNoConsoleErrors(t)
}
