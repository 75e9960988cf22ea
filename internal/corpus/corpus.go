// Package corpus generates realistic sites for benchmarks: FAQ
// topics with about five questions each, motions, scenarios, roles,
// solution areas, a glossary and decision trees, cross-linked, with tables
// and code blocks, about 700 words a page. The output is deterministic for
// a given page count and seed. cmd/gencorpus is its command line.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var roles = []string{"csa", "csam", "ce", "specialist", "manager", "partner", "pdm", "seller"}

var areas = []string{"Data and AI", "Digital and Application Innovation", "Azure Infrastructure"}

var glossary = [][2]string{
	{"CSA", "Cloud Solution Architect"}, {"CSAM", "Customer Success Account Manager"}, {"CE", "Customer Engineer"},
	{"MSX", "Microsoft Sales Experience"}, {"TPID", "Top Parent ID"}, {"ACR", "Azure Consumed Revenue"},
	{"CSP", "Cloud Solution Provider"}, {"EA", "Enterprise Agreement"}, {"MCA", "Microsoft Customer Agreement"},
	{"PDM", "Partner Development Manager"}, {"MACC", "Microsoft Azure Consumption Commitment"}, {"STU", "Solution Technology Unit"},
}

// page is one file to write, known before writing so links can target it.
type page struct {
	rel     string // path within content/
	kind    string
	anchors []string
}

// Generate writes the corpus.
func Generate(out string, n int, seed uint64) error {
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", out)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	w := newWords(rng)
	var all []page
	for _, r := range roles {
		all = append(all, page{rel: "roles/" + r + ".md", kind: "role"})
	}
	for i := range areas {
		all = append(all, page{rel: fmt.Sprintf("areas/area-%d.md", i+1), kind: "area"})
	}
	trees := max(1, n/2000)
	for i := range trees {
		all = append(all, page{rel: fmt.Sprintf("trees/tree-%d.md", i+1), kind: "tree"})
	}
	rest := n - len(all) - 1 // the glossary is one page
	kinds := []struct {
		kind, folder string
		share        float64
	}{{"faq", "faq", 0.4}, {"motion", "motions", 0.2}, {"scenario", "scenarios", 0.1}, {"page", "guides", 0.3}}
	for ki, k := range kinds {
		count := int(float64(rest) * k.share)
		if ki == len(kinds)-1 {
			count = n - len(all) - 1
		}
		for i := range count {
			p := page{rel: fmt.Sprintf("%s/group-%03d/%s-%05d.md", k.folder, i/200+1, k.kind, i+1), kind: k.kind}
			if k.kind == "faq" {
				for q := range 5 {
					p.anchors = append(p.anchors, fmt.Sprintf("q%d", q+1))
				}
			}
			all = append(all, p)
		}
	}
	files := map[string]string{
		"site.toml": "title = \"Generated corpus\"\nclassification = \"Generated for benchmarks.\"\n\n[freshness]\nmax_age_days = 365\n",
	}
	files["content/_index.md"] = "+++\ntitle = \"Generated corpus\"\n+++\n\n" + w.paragraph(60) + "\n"
	files["content/glossary.md"] = glossaryPage()
	sections := map[string]bool{}
	for i, p := range all {
		dir := filepath.Dir(p.rel)
		for d := dir; d != "." && !sections[d]; d = filepath.Dir(d) {
			sections[d] = true
			files["content/"+d+"/_index.md"] = fmt.Sprintf("+++\ntitle = %q\n+++\n\n%s\n", strings.ToUpper(filepath.Base(d)[:1])+filepath.Base(d)[1:], w.paragraph(40))
		}
		files["content/"+p.rel] = render(rng, w, p, i, all)
	}
	return writeFiles(out, files)
}

// writeFiles writes a site given as slash paths and their contents.
func writeFiles(out string, files map[string]string) error {
	for name, body := range files {
		path := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func glossaryPage() string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Glossary\"\n")
	for _, g := range glossary {
		fmt.Fprintf(&b, "\n[[terms]]\nterm = %q\nexpansion = %q\n", g[0], g[1])
	}
	b.WriteString("+++\n\nAbbreviations used in this corpus.\n")
	return b.String()
}

func render(rng *rand.Rand, w *words, p page, index int, all []page) string {
	var b strings.Builder
	title := w.title(4 + rng.IntN(4))
	fmt.Fprintf(&b, "+++\ntitle = %q\nsummary = %q\nweight = %d\nreviewed = 2026-0%d-1%d\n", title, w.sentence(12), index%50, 1+rng.IntN(9), rng.IntN(9))
	if p.kind != "role" && p.kind != "area" {
		fmt.Fprintf(&b, "roles = [%q, %q]\ntags = [%q]\n", strings.ToUpper(roles[rng.IntN(len(roles))]), strings.ToUpper(roles[rng.IntN(len(roles))]), w.word())
	}
	switch p.kind {
	case "motion":
		fmt.Fprintf(&b, "solution_area = %q\nprogram = \"Consumption | DAI | %s\"\noutcomes = [\"accelerate\", \"optimize\"]\nwave = %d\npartners = [%q]\n", areas[rng.IntN(len(areas))], title, 1+rng.IntN(3), w.title(2))
	case "scenario":
		fmt.Fprintf(&b, "number = %d\nsituation = %q\n", index, w.sentence(10))
	case "area":
		fmt.Fprintf(&b, "title_note = \"\"\n")
	case "tree":
		b.WriteString(treeFrontMatter(rng, w, all))
	}
	if p.kind == "area" {
		// areas need their exact titles for motions to find them
		s := b.String()
		s = strings.Replace(s, fmt.Sprintf("title = %q", title), fmt.Sprintf("title = %q", areas[index%len(areas)]), 1)
		s = strings.Replace(s, "title_note = \"\"\n", "program_prefix = \"Consumption | DAI\"\n", 1)
		b.Reset()
		b.WriteString(s)
	}
	b.WriteString("+++\n\n")
	b.WriteString(w.paragraph(80) + " " + link(rng, p, all) + "\n\n")
	switch p.kind {
	case "faq":
		for q := range 5 {
			fmt.Fprintf(&b, "## %s? {#q%d}\n\n%s %s\n\n%s\n\n", w.sentence(8), q+1, w.paragraph(60), link(rng, p, all), w.paragraph(50))
		}
		b.WriteString(table(w))
	case "scenario":
		for _, h := range []string{"What the seller does", "Seller mindset", "What the partner does"} {
			fmt.Fprintf(&b, "## %s\n\n- %s\n- %s %s\n- %s\n\n%s\n\n", h, w.sentence(14), w.sentence(12), link(rng, p, all), w.sentence(10), w.paragraph(70))
		}
	default:
		for s := range 4 {
			fmt.Fprintf(&b, "## %s\n\n%s %s\n\n%s\n\n", w.title(3), w.paragraph(70), link(rng, p, all), w.paragraph(60))
			if s == 1 {
				b.WriteString(table(w))
			}
			if s == 2 {
				b.WriteString("```go\nfunc main() {\n\tfmt.Println(\"" + w.word() + "\")\n}\n```\n\n")
			}
		}
		b.WriteString("> [!NOTE]\n> " + w.sentence(16) + "\n")
	}
	return b.String()
}

func table(w *words) string {
	var b strings.Builder
	b.WriteString("| Step | Who | What |\n| --- | --- | --- |\n")
	for i := range 4 {
		fmt.Fprintf(&b, "| %d | %s | %s |\n", i+1, glossary[i][0], w.sentence(8))
	}
	return b.String() + "\n"
}

// link writes a relative markdown link to another generated page.
func link(rng *rand.Rand, from page, all []page) string {
	to := all[rng.IntN(len(all))]
	rel, _ := filepath.Rel(filepath.Dir(from.rel), to.rel)
	anchor := ""
	if len(to.anchors) > 0 && rng.IntN(2) == 0 {
		anchor = "#" + to.anchors[rng.IntN(len(to.anchors))]
	}
	return fmt.Sprintf("See [the related %s](%s%s).", to.kind, filepath.ToSlash(rel), anchor)
}

func treeFrontMatter(rng *rand.Rand, w *words, all []page) string {
	var b strings.Builder
	b.WriteString("start = \"q1\"\n")
	const questions = 6
	for q := 1; q <= questions; q++ {
		fmt.Fprintf(&b, "\n[[questions]]\nid = \"q%d\"\nquestion = %q\n", q, w.sentence(8)+"?")
		for a := 1; a <= 2; a++ {
			fmt.Fprintf(&b, "\n  [[questions.answers]]\n  id = \"a%d\"\n  label = %q\n", a, w.title(2))
			next := q*2 + a - 1
			if next <= questions {
				fmt.Fprintf(&b, "  next = \"q%d\"\n", next)
			} else {
				fmt.Fprintf(&b, "  outcome = \"o%d-%d\"\n", q, a)
			}
		}
	}
	for q := 1; q <= questions; q++ {
		for a := 1; a <= 2; a++ {
			if q*2+a-1 > questions {
				target := all[rng.IntN(len(all))]
				fmt.Fprintf(&b, "\n[[outcomes]]\nid = \"o%d-%d\"\ntitle = %q\nsummary = %q\npage = \"../%s\"\n", q, a, w.title(3), w.sentence(10), target.rel)
			}
		}
	}
	return b.String()
}

// words draws from a Zipf-distributed vocabulary of real domain words and
// generated ones, so the text has realistic repetition for the search index.
type words struct {
	rng   *rand.Rand
	vocab []string
	zipf  *rand.Zipf
}

var domainWords = strings.Fields(`the a to of and in for on with is are be that this customer partner seller account
motion consumption engagement milestone program sales workload azure data migration support plan team role architect
manager partner opportunity deal renewal agreement purchase license pipeline revenue usage expand retain accelerate optimize
cosmos postgresql databricks hadoop analytics security infrastructure application innovation guidance scenario question answer`)

func newWords(rng *rand.Rand) *words {
	w := &words{rng: rng, vocab: append([]string(nil), domainWords...)}
	syll := []string{"ka", "lo", "mi", "ter", "pro", "sta", "vel", "ri", "on", "gra", "dex", "ul", "tan", "mer", "so", "plex", "ven", "ta"}
	for len(w.vocab) < 20000 {
		n := 2 + rng.IntN(3)
		var s strings.Builder
		for range n {
			s.WriteString(syll[rng.IntN(len(syll))])
		}
		w.vocab = append(w.vocab, s.String())
	}
	w.zipf = rand.NewZipf(rng, 1.1, 2, uint64(len(w.vocab)-1))
	return w
}

func (w *words) word() string { return w.vocab[w.zipf.Uint64()] }

func (w *words) sentence(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = w.word()
	}
	s := strings.Join(parts, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (w *words) title(n int) string {
	s := strings.TrimSuffix(w.sentence(n), ".")
	return s
}

func (w *words) paragraph(n int) string {
	var parts []string
	for n > 0 {
		k := min(n, 8+w.rng.IntN(10))
		parts = append(parts, w.sentence(k))
		n -= k
	}
	return strings.Join(parts, " ")
}
