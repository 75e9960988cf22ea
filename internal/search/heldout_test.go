package search_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/search"
)

// heldOutQueries are seller questions written from what the guide's pages
// mean, reworded, misspelt and colloquial, kept apart from qualityQueries:
// ranking changes are tuned on neither alone. Each names the unit that
// answers it.
func heldOutQueries() []qualityQuery {
	return []qualityQuery{
		// Reworded.
		{query: "partner wants to sell csp to my ea account", want: "scenarios/01-new-csp-deal-for-ea-customer/"},
		{query: "customer on csp wants to buy more", want: "scenarios/02-upsell-cross-sell-csp-customer/"},
		{query: "current partner supports the new product", want: "scenarios/04-new-workload-partner-supports/"},
		{query: "customer went from ea to csp who handles support", want: "scenarios/06-ea-to-csp-support-needs/"},
		{query: "change the partner for a csp customer", want: "scenarios/07-change-csp-partner/"},
		{query: "get customer off csp back to enterprise agreement", want: "scenarios/08-csp-to-ea-or-mca/"},
		{query: "where do i put the program name in msx", want: "faq/tracking/#sales-program-names"},
		{query: "can the sales program go on the milestone level", want: "faq/tracking/#milestone-level"},
		{query: "is a new milestone needed for a motion", want: "faq/tracking/#new-milestone"},
		{query: "how do i get credit for motion work", want: "faq/tracking/#record-execution"},
		{query: "databricks site asks me to log in", want: "faq/general/#databricks-login"},
		{query: "hadoop migration partner offers", want: "motions/hadoop-to-databricks/#partner-offers"},
		{query: "ai workloads not in the first wave", want: "faq/general/#no-ai-in-wave-1"},
		{query: "are motions ranked above macc work", want: "faq/general/#prioritization"},
		{query: "customer barely consumes azure how do i land a motion", want: "faq/general/#low-consumption-accounts"},
		{query: "where is the content for each motion", want: "faq/motion-details/#execution-guides"},
		{query: "when do managers get the target list", want: "faq/motion-details/#account-lists"},
		{query: "is the target list pulled from account grid", want: "faq/motion-details/#account-grid"},
		{query: "selection criteria for target accounts", want: "faq/motion-details/#target-criteria"},
		{query: "gpid or tpid on the lists", want: "faq/motion-details/#child-tpids"},
		{query: "is a motion different from my normal job", want: "faq/orchestration/#different-from-day-to-day"},
		{query: "do motions connect to sales plays", want: "faq/orchestration/#relation-to-sales-plays"},
		{query: "how often do new motions come out", want: "faq/sales-plays/#aligned-to-sales-plays"},
		{query: "request help from the ai rangers", want: "faq/working-across-roles/#ai-rangers"},
		{query: "how do customer engineers help with motions", want: "faq/working-across-roles/#ce-engagement"},
		{query: "training for account managers on consumption plays", want: "faq/working-across-roles/#csam-training"},
		{query: "feedback form for data and ai", want: "faq/working-across-roles/#feedback"},
		{query: "who is supposed to open the engagement", want: "faq/working-across-roles/#who-creates-engagement"},
		{query: "postgres starting milestone value", want: "motions/postgresql/"},
		{query: "avenger partners", want: "motions/hadoop-to-databricks/#data-avengers"},
		{query: "csas covering 70% of ads revenue", want: "roles/csa/#pinned-csas"},
		{query: "swarming csa coverage", want: "roles/csa/#swarming-csas"},
		{query: "role of the stu specialist in msx", want: "roles/specialist/"},
		{query: "partner to partner transition on new commerce", want: "scenarios/07-change-csp-partner/#what-the-partner-does"},
		{query: "cloud purchasing options resources", want: "scenarios/resources/"},
		{query: "respect the incumbent partner", want: "scenarios/sellers-role/#partner-incumbency"},
		{query: "sales program prefix for infrastructure", want: "areas/infrastructure/"},
		{query: "microsoft 365 e5 upsell by the partner", want: "scenarios/02-upsell-cross-sell-csp-customer/#what-the-partner-does"},
		// Colloquial.
		{query: "reseller cant handle the new workload", want: "scenarios/03-new-workload-partner-cannot-support/"},
		{query: "ea expiring soon", want: "scenarios/05-upcoming-ea-renewal/"},
		{query: "csams dont report to us how do we get them to prioritise motions", want: "faq/working-across-roles/#csam-priorities"},
		{query: "whats ips", want: "glossary/#ips"},
		{query: "only pinned architects run motions?", want: "faq/orchestration/#pinned-csas"},
		{query: "where do i send a tech resource ask", want: "trees/technical-resource-request/"},
		// Misspelt.
		{query: "do i need a new engagment", want: "faq/tracking/#new-engagement"},
		{query: "ce trainng", want: "faq/general/#ce-training"},
		{query: "customr wants to leave csp", want: "scenarios/08-csp-to-ea-or-mca/"},
		{query: "renewel of the enterprise agreemnt", want: "scenarios/05-upcoming-ea-renewal/"},
		{query: "databrick partner offers", want: "motions/hadoop-to-databricks/#partner-offers"},
		{query: "optimisation milestone reduces pipline", want: "faq/tracking/#optimization-milestone"},
	}
}

// validationQueries were written after the ranking was tuned on
// heldOutQueries, and never tuned on: they tell whether the tuning holds
// for questions it has not seen.
func validationQueries() []qualityQuery {
	return []qualityQuery{
		{query: "who takes care of billing questions after moving to csp", want: "scenarios/06-ea-to-csp-support-needs/"},
		{query: "customer unhappy with csp partner wants a different one", want: "scenarios/07-change-csp-partner/"},
		{query: "is moving from breadth to enterprise a last resort", want: "scenarios/08-csp-to-ea-or-mca/"},
		{query: "register with microsoft email for databricks", want: "faq/general/#databricks-login"},
		{query: "six time bound offers", want: "motions/hadoop-to-databricks/"},
		{query: "cosmos db milestone minus five percent", want: "motions/cosmos-db-cost-optimization/"},
		{query: "readme with targeting criteria", want: "faq/motion-details/#target-criteria"},
		{query: "lists use tpid not gpid", want: "faq/motion-details/#child-tpids"},
		{query: "curated repeatable content vs everyday work", want: "faq/orchestration/#different-from-day-to-day"},
		{query: "stu counterpart for msx", want: "roles/specialist/"},
		{query: "sales program enabled only at engagement level until 2q", want: "faq/tracking/#milestone-level"},
		{query: "set sales program name to motion code", want: "faq/tracking/#record-execution"},
		{query: "value solution selling with partner", want: "scenarios/02-upsell-cross-sell-csp-customer/"},
		{query: "commercial marketplace sell another partners ip", want: "scenarios/03-new-workload-partner-cannot-support/#what-the-partner-does"},
		{query: "purchasing guidance before ea renewal", want: "scenarios/05-upcoming-ea-renewal/"},
		{query: "mca through account team direct markets", want: "scenarios/08-csp-to-ea-or-mca/"},
	}
}

// freshQueries were written from the guide's pages before the ranking was
// tuned for issue #16's held-out target, and never tuned on: a second
// check that changes made for heldOutQueries generalise. Where two units
// answer, the one named is the more direct answer.
func freshQueries() []qualityQuery {
	return []qualityQuery{
		// Reworded.
		{query: "partner brings a csp offer to a customer on an enterprise agreement", want: "scenarios/01-new-csp-deal-for-ea-customer/"},
		{query: "sell more to a customer who buys through csp", want: "scenarios/02-upsell-cross-sell-csp-customer/"},
		{query: "where do i see what the customer bought from the partner", want: "scenarios/06-ea-to-csp-support-needs/"},
		{query: "can a csam create the milestone in msx", want: "faq/working-across-roles/#csam-engagement"},
		{query: "how do i find the partner development manager for a partner", want: "roles/pdm/"},
		{query: "steps to add a sales program in msx", want: "faq/tracking/#sales-program-names"},                     // its steps are a subsection,
		{query: "marketing material for each databricks offer", want: "motions/hadoop-to-databricks/#partner-offers"}, // the collateral subsection,
		{query: "are motions the same for every industry", want: "faq/general/#industry-priority-scenarios"},
		{query: "when will ai motions arrive", want: "faq/general/#no-ai-in-wave-1"},
		{query: "feedback link for infrastructure", want: "faq/working-across-roles/#feedback"},
		// Colloquial.
		{query: "partner wont support the new thing the customer wants", want: "scenarios/03-new-workload-partner-cannot-support/"},
		{query: "customer happy with their partner for a new workload", want: "scenarios/04-new-workload-partner-supports/"},
		{query: "my ea customer is going csp can they keep premier", want: "scenarios/06-ea-to-csp-support-needs/"},
		{query: "no csa capacity for a small account", want: "trees/low-consumption-coverage/"},
		{query: "whos the csas msx counterpart", want: "roles/specialist/"},
		{query: "cant log into the databricks stuff", want: "faq/general/#databricks-login"},
		{query: "whats gpid mean", want: "glossary/#gpid"},
		// Misspelt, and British spellings.
		{query: "optimzation milestone cosmos", want: "motions/cosmos-db-cost-optimization/"},
		{query: "partner incumbancy", want: "scenarios/sellers-role/#partner-incumbency"},
		{query: "swarmming csa", want: "roles/csa/#swarming-csas"},
		{query: "execution guide locaton", want: "faq/motion-details/#execution-guides"},
		{query: "sales progam on the milstone", want: "faq/tracking/#milestone-level"},
		{query: "acount grid targets", want: "faq/motion-details/#account-grid"},
		{query: "prioritisation of consumption plays", want: "faq/general/#prioritization"},
		{query: "technical resouce request for ww", want: "trees/technical-resource-request/"},
		{query: "umbrela program support contract", want: "faq/working-across-roles/#ce-engagement"},
	}
}

// rankOf returns the rank of want among the page groups of the results
// (-1 when absent): a page is found by its group, a question or section
// (#anchor) among the first three results of its group, which the header
// box shows too.
func rankOf(groups [][]string, want string) int {
	return slices.IndexFunc(groups, func(g []string) bool {
		page, _, _ := strings.Cut(g[0], "#")
		return page == want || slices.Contains(g[:min(3, len(g))], want)
	})
}

// roundedPercent is n out of total in whole percent, as reported.
func roundedPercent(n, total int) int { return int(math.Round(100 * float64(n) / float64(total))) }

// TestHeldOutQuality runs the held-out questions and the quality set
// through the theme's ranking in node, on the shipped guide's index, and
// holds them to issue #16's thresholds: held-out rank 1 at least 90% (47 of
// 50 today); the quality set rank 1 at least 98% and top 3 100%. The
// validation and fresh sets, never tuned on, must not drop below what they
// scored when the held-out target was met.
func TestHeldOutQuality(t *testing.T) {
	t.Parallel()
	out := buildGuide(t)
	for _, set := range []struct {
		name          string
		queries       []qualityQuery
		first, within int // percent at rank 1, in the top 3
	}{
		{"held-out", heldOutQueries(), 90, 100},
		{"validation", validationQueries(), 90, 0},
		{"fresh", freshQueries(), 81, 100},
		{"quality", qualityQueries(), 98, 100},
	} {
		var texts []string
		for _, q := range set.queries {
			texts = append(texts, q.query)
		}
		got := search.RankInNode(t, out, texts)
		first, top3 := 0, 0
		for i, q := range set.queries {
			var heads []string
			for _, g := range got[i] {
				heads = append(heads, g[0])
			}
			r := rankOf(got[i], q.want)
			if r == 0 {
				first++
			} else {
				t.Logf("%s %q: %s at rank %d, top 3 %v", set.name, q.query, q.want, r+1, heads[:min(3, len(heads))])
			}
			if r >= 0 && r < 3 {
				top3++
			}
		}
		n := len(set.queries)
		t.Logf("%s: %d queries, rank 1 for %d (%.1f%%), top 3 for %d (%.1f%%)", set.name, n, first, 100*float64(first)/float64(n), top3, 100*float64(top3)/float64(n))
		if roundedPercent(first, n) < set.first || roundedPercent(top3, n) < set.within {
			t.Errorf("%s below the thresholds: rank 1 %d/%d (want %d%%), top 3 %d/%d (want %d%%)", set.name, first, n, set.first, top3, n, set.within)
		}
	}
}
