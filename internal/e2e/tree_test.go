package e2e

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fieldguide/fieldguide/internal/browsertest"
)

// treeData is the wizard's data as the page embeds it (#fg-tree-data).
type treeData struct {
	Start     string `json:"start"`
	Questions []struct {
		ID      string `json:"id"`
		Text    string `json:"text"`
		Answers []struct {
			ID     string `json:"id"`
			Label  string `json:"label"`
			Target string `json:"target"`
		} `json:"answers"`
	} `json:"questions"`
	Outcomes []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"outcomes"`
}

// walk is one way through a tree: the answers taken, in order, and where
// they end.
type walk struct {
	steps   [][2]string // question id, answer id
	outcome string
}

// hash is the wizard's URL hash for the walk.
func (w walk) hash() string {
	var b strings.Builder
	b.WriteString("#dt")
	for _, s := range w.steps {
		b.WriteString("/" + s[0] + "=" + s[1])
	}
	return b.String()
}

// walks lists every path from the start to an outcome, depth first in
// answer order.
func (d *treeData) walks() []walk {
	questions := map[string]int{}
	for i, q := range d.Questions {
		questions[q.ID] = i
	}
	var out []walk
	var visit func(at string, steps [][2]string)
	visit = func(at string, steps [][2]string) {
		i, ok := questions[at]
		if !ok {
			out = append(out, walk{steps: slices.Clone(steps), outcome: at})
			return
		}
		for _, a := range d.Questions[i].Answers {
			visit(a.Target, append(steps, [2]string{at, a.ID}))
		}
	}
	visit(d.Start, nil)
	return out
}

func (d *treeData) question(id string) (text string, labels map[string]string) {
	for _, q := range d.Questions {
		if q.ID == id {
			labels = map[string]string{}
			for _, a := range q.Answers {
				labels[a.ID] = a.Label
			}
			return q.Text, labels
		}
	}
	return "", nil
}

func (d *treeData) outcomeTitle(id string) string {
	for _, o := range d.Outcomes {
		if o.ID == id {
			return o.Title
		}
	}
	return ""
}

var (
	reTreeData = regexp.MustCompile(`(?s)<script type="application/json" id="fg-tree-data">(.*?)</script>`)
	reSection  = regexp.MustCompile(`(?s)<section class="fg-(step|outcome)" id="([^"]+)"[^>]*>(.*?)</section>`)
	reID       = regexp.MustCompile(`\sid="([^"]+)"`)
	reHref     = regexp.MustCompile(`<a href="([^"]*)"[^>]*>`)
	reAnswer   = regexp.MustCompile(`<a href="([^"]*)" data-answer="([^"]*)">`)
	reTag      = regexp.MustCompile(`<[^>]*>`)
)

// treePages lists the built decision-tree pages (trees/<name>/index.html).
func treePages(t *testing.T, dir string) []string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(dir, "trees", "*", "index.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no tree pages under %s (%v)", dir, err)
	}
	return pages
}

func readTreeData(t *testing.T, src string) *treeData {
	t.Helper()
	m := reTreeData.FindStringSubmatch(src)
	if m == nil {
		t.Fatal("no #fg-tree-data script")
	}
	var d treeData
	if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
		t.Fatalf("#fg-tree-data: %v", err)
	}
	return &d
}

func text(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(reTag.ReplaceAllString(s, " "))), " ")
}

// TestTreeNoJSWalk reads each built tree page as a reader without
// JavaScript would: from the start node's section it follows the answer
// links, and every section must be reached, every link must land on an id
// of the page (or on a page of the site), and the document view must carry
// the same tree as the wizard's data.
func TestTreeNoJSWalk(t *testing.T) {
	t.Parallel()
	for _, offline := range []bool{false, true} {
		dir := guide(t, offline)
		for _, file := range treePages(t, dir) {
			name := fmt.Sprintf("%s/offline=%v", filepath.Base(filepath.Dir(file)), offline)
			t.Run(name, func(t *testing.T) {
				b, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				src := string(b)
				data := readTreeData(t, src)
				ids := map[string]int{}
				for _, m := range reID.FindAllStringSubmatch(src, -1) {
					ids[html.UnescapeString(m[1])]++
				}
				for id, n := range ids {
					if n > 1 {
						t.Errorf("id %q appears %d times", id, n)
					}
				}

				// The order of the document: introduction, chart, steps.
				intro, chart, steps := strings.Index(src, `class="fg-content"`), strings.Index(src, `<svg`), strings.Index(src, `id="fg-tree-doc"`)
				if intro < 0 || chart < 0 || steps < 0 || !(intro < chart && chart < steps) {
					t.Errorf("want introduction, flowchart, then the steps; at %d, %d, %d", intro, chart, steps)
				}

				type section struct {
					outcome bool
					body    string
					links   []string // every link, in order
					answers []string // the answer links of a question
				}
				sections := map[string]*section{}
				var order []string
				for _, m := range reSection.FindAllStringSubmatch(src, -1) {
					s := &section{outcome: m[1] == "outcome", body: m[3]}
					for _, l := range reHref.FindAllStringSubmatch(m[3], -1) {
						s.links = append(s.links, html.UnescapeString(l[1]))
					}
					for _, l := range reAnswer.FindAllStringSubmatch(m[3], -1) {
						s.answers = append(s.answers, html.UnescapeString(l[1]))
					}
					sections[m[2]] = s
					order = append(order, m[2])
				}
				if want := len(data.Questions) + len(data.Outcomes); len(sections) != want {
					t.Fatalf("%d sections, want one per node (%d)", len(sections), want)
				}

				// Every link must land somewhere real.
				checkLink := func(from, href string) {
					switch {
					case strings.HasPrefix(href, "#"):
						if ids[href[1:]] == 0 {
							t.Errorf("%s: link %s: no such id on the page", from, href)
						}
					case strings.Contains(href, "://"):
						// An author's external link in a hint or summary.
					default:
						p, _, _ := strings.Cut(href, "#")
						target := filepath.Join(filepath.Dir(file), filepath.FromSlash(p))
						if strings.HasSuffix(p, "/") || p == "" {
							if offline {
								t.Errorf("%s: link %s: an offline build must name index.html", from, href)
							}
							target = filepath.Join(target, "index.html")
						}
						if _, err := os.Stat(target); err != nil {
							t.Errorf("%s: link %s: %v", from, href, err)
						}
					}
				}

				// The walk: breadth first from the start's section.
				start := "dt-" + data.Start
				if sections[start] == nil || sections[start].outcome {
					t.Fatalf("no question section %s for the start", start)
				}
				reached := map[string]bool{start: true}
				queue := []string{start}
				for len(queue) > 0 {
					id := queue[0]
					queue = queue[1:]
					s := sections[id]
					if !s.outcome && len(s.answers) == 0 {
						t.Errorf("%s: a question without answer links", id)
					}
					for _, href := range s.links {
						checkLink(id, href)
					}
					for _, href := range s.answers {
						next, inPage := strings.CutPrefix(href, "#")
						if !inPage || sections[next] == nil {
							t.Errorf("%s: answer link %s is not a step of the tree", id, href)
						} else if !reached[next] {
							reached[next] = true
							queue = append(queue, next)
						}
					}
					if s.outcome && !slices.Contains(s.links, "#"+start) {
						t.Errorf("%s: outcome has no Start again link to #%s (links %v)", id, start, s.links)
					}
				}
				for _, id := range order {
					if !reached[id] {
						t.Errorf("section %s cannot be reached by following links from the start", id)
					}
				}

				// The document view says what the wizard data says.
				for _, q := range data.Questions {
					s := sections["dt-"+q.ID]
					if s == nil || s.outcome {
						t.Errorf("question %s has no section", q.ID)
						continue
					}
					if !strings.Contains(text(s.body), strings.Join(strings.Fields(q.Text), " ")) {
						t.Errorf("section dt-%s does not show the question %q", q.ID, q.Text)
					}
					var want []string
					for _, a := range q.Answers {
						want = append(want, "#dt-"+a.Target)
						if !strings.Contains(text(s.body), a.Label) {
							t.Errorf("section dt-%s does not show the answer %q", q.ID, a.Label)
						}
					}
					if !slices.Equal(s.answers, want) {
						t.Errorf("section dt-%s answers link to %v, want %v", q.ID, s.answers, want)
					}
				}
				for _, o := range data.Outcomes {
					if s := sections["dt-"+o.ID]; s == nil || !s.outcome || !strings.Contains(text(s.body), o.Title) {
						t.Errorf("outcome %s has no section titled %q", o.ID, o.Title)
					}
				}

				// The flowchart's boxes link to the sections too.
				svg := src[chart:strings.Index(src, "</svg>")]
				for _, m := range reHref.FindAllStringSubmatch(svg, -1) {
					checkLink("flowchart", html.UnescapeString(m[1]))
				}
				if n := strings.Count(svg, `class="fg-node `); n != len(sections) {
					t.Errorf("flowchart has %d nodes, want %d", n, len(sections))
				}
			})
		}
	}
}

// cspTree is the tree the browser tests drive.
const cspTree = "trees/csp-scenario/"

type wizardState struct {
	Hash     string   `json:"hash"`
	Title    string   `json:"title"`
	Focused  string   `json:"focused"`
	Checked  string   `json:"checked"`
	Radios   []string `json:"radios"`
	DocShown bool     `json:"docShown"`
	Wizard   bool     `json:"wizard"`
	Outcome  bool     `json:"outcome"`
	Notice   string   `json:"notice"`
	Live     string   `json:"live"`
	Path     []string `json:"path"`  // flowchart nodes highlighted
	Edges    []string `json:"edges"` // flowchart edges highlighted, from>to
	Current  string   `json:"current"`
}

const stateJS = `(() => {
  const q = s => document.querySelector(s), all = s => [...document.querySelectorAll(s)];
  const doc = q('#fg-tree-doc'), wz = q('#fg-wizard'), ae = document.activeElement;
  return {
    hash: location.hash,
    title: (q('#fg-wz-title') || {}).textContent || '',
    focused: ae ? (ae.id || ae.tagName) : '',
    checked: (q('#fg-wizard input:checked') || {}).value || '',
    radios: all('#fg-wizard input[type=radio]').map(r => r.value),
    docShown: !!doc && doc.getClientRects().length > 0,
    wizard: !!wz && wz.getClientRects().length > 0,
    outcome: !!q('.fg-wz-answers'),
    notice: (q('.fg-wz-notice') || {}).textContent || '',
    live: (q('#fg-wz-live') || {}).textContent || '',
    path: all('.fg-tree-chart g.fg-node.fg-path').map(g => g.dataset.node),
    edges: all('.fg-tree-chart g.fg-edge.fg-path').map(g => g.dataset.from + '>' + g.dataset.to),
    current: (q('.fg-tree-chart g.fg-node.fg-current') || {dataset: {}}).dataset.node || '',
  };
})()`

func state(t *testing.T, p *browsertest.Page) wizardState {
	t.Helper()
	return browsertest.Eval[wizardState](t, p, stateJS)
}

// answer picks an answer by clicking its label and presses Continue.
func answer(t *testing.T, p *browsertest.Page, answerID string) {
	t.Helper()
	p.Click(t, `label[for="fg-wz-a-`+answerID+`"]`)
	p.Click(t, ".fg-wz-continue")
}

// nodeAt is the node a wizard hash leads to ("" when it does not fit).
func (d *treeData) nodeAt(hash string) string {
	at := d.Start
	for _, seg := range strings.Split(strings.TrimPrefix(hash, "#dt"), "/") {
		if seg == "" {
			continue
		}
		q, a, ok := strings.Cut(seg, "=")
		pre := false
		if !ok {
			q, a, pre = strings.Cut(seg, "?")
		}
		_, labels := d.question(q)
		if q != at || labels[a] == "" {
			return ""
		}
		if pre {
			return at
		}
		for _, qq := range d.Questions {
			for _, aa := range qq.Answers {
				if qq.ID == q && aa.ID == a {
					at = aa.Target
				}
			}
		}
	}
	return at
}

// waitStep waits until the URL has hash and the wizard shows the step it
// names (hashchange is handled after the hash changes).
func waitStep(t *testing.T, p *browsertest.Page, d *treeData, hash string) {
	t.Helper()
	node := d.nodeAt(hash)
	if node == "" {
		t.Fatalf("%s does not fit the tree", hash)
	}
	p.WaitFor(t, fmt.Sprintf(`location.hash === %q && document.getElementById('fg-wizard').dataset.node === %q`, hash, node))
}

// checkAxe runs axe on the page and fails on serious and critical problems.
func checkAxe(t *testing.T, p *browsertest.Page) {
	t.Helper()
	p.CheckAxe(t)
}

// openTree loads the CSP tree's page at hash in a fresh tab.
func openTree(t *testing.T, base, hash string) *browsertest.Page {
	t.Helper()
	p := browsertest.NewPage(t)
	reopenTree(t, p, base, hash)
	return p
}

// reopenTree loads the CSP tree afresh in p at hash, as a shared link
// opens it: by way of a blank page, since a change of hash alone would not
// load the page again.
func reopenTree(t *testing.T, p *browsertest.Page, base, hash string) {
	t.Helper()
	p.Navigate(t, "about:blank")
	p.Navigate(t, base+cspTree+hash)
	p.WaitFor(t, `document.querySelector('#fg-wz-title')`)
}

func pageTreeData(t *testing.T, p *browsertest.Page) *treeData {
	t.Helper()
	src := browsertest.Eval[string](t, p, `document.getElementById('fg-tree-data').textContent`)
	var d treeData
	if err := json.Unmarshal([]byte(src), &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

// TestTreeWizard clicks through the CSP tree as a reader would: the error
// on an empty Continue, each question with focus on it, the hash per step,
// back and forward, reload, Change and Start again.
func TestTreeWizard(t *testing.T) {
	t.Parallel()
	base := browsertest.Serve(t, guide(t, false))
	p := openTree(t, base, "")
	data := pageTreeData(t, p)
	startText, startLabels := data.question(data.Start)

	s := state(t, p)
	if s.DocShown || !s.Wizard {
		t.Fatalf("with JavaScript the wizard replaces the document view: %+v", s)
	}
	if s.Title != startText || len(s.Radios) != len(startLabels) || s.Checked != "" {
		t.Fatalf("first view: %+v, want the start question %q with %d unchecked answers", s, startText, len(startLabels))
	}
	if got := browsertest.Eval[string](t, p, `document.querySelector('#fg-wizard legend #fg-wz-title') ? 'ok' : ''`); got != "ok" {
		t.Error("the question is not the fieldset's legend")
	}
	if got := browsertest.Eval[string](t, p, `(document.querySelector('#fg-wizard .fg-hint') || {}).textContent || ''`); !strings.Contains(got, "Partner Center") {
		t.Errorf("the start question's hint is missing: %q", got)
	}
	if got := browsertest.Eval[string](t, p, `document.querySelector('#fg-wizard fieldset').getAttribute('aria-describedby')`); got != "fg-wz-hint" {
		t.Errorf("fieldset aria-describedby = %q, want the hint", got)
	}
	if s.Current != data.Start || len(s.Edges) != 0 {
		t.Errorf("flowchart at the start: current %q, path edges %v", s.Current, s.Edges)
	}
	checkAxe(t, p)

	// Continue with nothing chosen.
	p.Click(t, ".fg-wz-continue")
	p.WaitFor(t, `!document.getElementById('fg-wz-error').hidden`)
	if got := browsertest.Eval[string](t, p, `document.querySelector('#fg-wizard fieldset').getAttribute('aria-describedby')`); !slices.Contains(strings.Fields(got), "fg-wz-error") {
		t.Errorf("the error is not linked to the group: aria-describedby=%q", got)
	}
	if got := browsertest.Eval[string](t, p, `document.activeElement.name + '=' + document.activeElement.value`); got != "fg-wz-answer=through-ea" {
		t.Errorf("focus after the error is on %q, want the first answer", got)
	}
	if s := state(t, p); s.Hash != "" {
		t.Errorf("an empty Continue changed the hash to %q", s.Hash)
	}
	checkAxe(t, p)

	// Through to scenario 4: three questions.
	route := walk{steps: [][2]string{{"buying-today", "through-csp"}, {"csp-need", "new-workload"}, {"partner-supports", "partner-yes"}}, outcome: "scenario-4"}
	for i, step := range route.steps {
		answer(t, p, step[1])
		w := walk{steps: route.steps[:i+1]}
		waitStep(t, p, data, w.hash())
		s := state(t, p)
		if s.Focused != "fg-wz-title" {
			t.Errorf("step %d: focus is on %q, want the new heading", i+1, s.Focused)
		}
		if i+1 < len(route.steps) {
			text, _ := data.question(route.steps[i+1][0])
			if s.Title != text || s.Outcome {
				t.Errorf("step %d: showing %q, want the question %q", i+1, s.Title, text)
			}
			if !strings.Contains(s.Live, text) {
				t.Errorf("step %d: live region says %q", i+1, s.Live)
			}
		}
	}
	s = state(t, p)
	if !s.Outcome || s.Title != data.outcomeTitle("scenario-4") {
		t.Fatalf("at the end: %+v, want outcome scenario-4", s)
	}
	if want := []string{"buying-today", "csp-need", "partner-supports", "scenario-4"}; !sameSet(s.Path, want) || s.Current != "scenario-4" {
		t.Errorf("flowchart path %v (current %q), want %v", s.Path, s.Current, want)
	}
	if want := []string{"buying-today>csp-need", "csp-need>partner-supports", "partner-supports>scenario-4"}; !sameSet(s.Edges, want) {
		t.Errorf("flowchart edges %v, want %v", s.Edges, want)
	}
	type row struct{ Q, A, Href string }
	rows := browsertest.Eval[[]row](t, p, `[...document.querySelectorAll('.fg-wz-answers > div')].map(d => ({Q: d.querySelector('dt').textContent, A: d.querySelector('dd').textContent, Href: d.querySelector('.fg-wz-change a').getAttribute('href')}))`)
	if len(rows) != 3 {
		t.Fatalf("your answers: %+v, want 3 rows", rows)
	}
	for i, step := range route.steps {
		text, labels := data.question(step[0])
		if rows[i].Q != text || rows[i].A != labels[step[1]] {
			t.Errorf("your answers row %d: %+v, want %q / %q", i, rows[i], text, labels[step[1]])
		}
	}
	outcomeLink := browsertest.Eval[string](t, p, `(document.querySelector('#fg-wizard .fg-outcome-link a') || {}).textContent || ''`)
	if !strings.Contains(outcomeLink, "Scenario 4") {
		t.Errorf("the outcome does not link its page: %q", outcomeLink)
	}
	if got := browsertest.Eval[string](t, p, `(document.querySelector('#fg-wizard .fg-wz-printinfo') || {}).textContent || ''`); !strings.Contains(got, base+cspTree+route.hash()) || !strings.Contains(got, fmt.Sprint(time.Now().Year())) {
		t.Errorf("print line %q lacks the URL or date", got)
	}
	checkAxe(t, p)

	// Back and forward walk the steps.
	browsertest.Eval[chromedp.Void](t, p, `history.back()`)
	waitStep(t, p, data, walk{steps: route.steps[:2]}.hash())
	if s := state(t, p); s.Title != "Does the customer's current partner support the new workload, product or service?" || s.Checked != "partner-yes" || s.Focused != "fg-wz-title" {
		t.Errorf("after back: %+v, want the last question with its answer kept", s)
	}
	browsertest.Eval[chromedp.Void](t, p, `history.back()`)
	waitStep(t, p, data, walk{steps: route.steps[:1]}.hash())
	browsertest.Eval[chromedp.Void](t, p, `history.forward()`)
	waitStep(t, p, data, walk{steps: route.steps[:2]}.hash())
	browsertest.Eval[chromedp.Void](t, p, `history.forward()`)
	waitStep(t, p, data, route.hash())
	if s := state(t, p); !s.Outcome {
		t.Errorf("forward again: %+v, want the outcome", s)
	}

	// Reload restores the outcome.
	browsertest.Eval[chromedp.Void](t, p, `window.fgBeforeReload = 1, setTimeout(() => location.reload(), 0)`)
	p.WaitFor(t, `!window.fgBeforeReload && document.readyState === 'complete' && document.querySelector('.fg-wz-answers')`)
	if s := state(t, p); s.Hash != route.hash() || s.Title != data.outcomeTitle("scenario-4") || len(s.Edges) != 3 {
		t.Errorf("after reload: %+v", s)
	}

	// Change the second answer: its question comes back with the answer chosen.
	p.Click(t, `.fg-wz-answers > div:nth-child(2) .fg-wz-change a`)
	waitStep(t, p, data, rows[1].Href)
	s = state(t, p)
	if want, _ := data.question("csp-need"); s.Title != want || s.Checked != "new-workload" || s.Focused != "fg-wz-title" || s.Outcome {
		t.Errorf("change: %+v, want csp-need with new-workload chosen and focused", s)
	}
	answer(t, p, "upsell")
	waitStep(t, p, data, "#dt/buying-today=through-csp/csp-need=upsell")
	if s := state(t, p); s.Title != data.outcomeTitle("scenario-2") {
		t.Errorf("after changing the answer: %+v, want scenario 2", s)
	}

	// Start again.
	p.Click(t, ".fg-wz-restart")
	waitStep(t, p, data, "#dt")
	if s := state(t, p); s.Title != startText || s.Checked != "" || s.Focused != "fg-wz-title" || len(s.Edges) != 0 {
		t.Errorf("start again: %+v, want the start question, nothing chosen", s)
	}

	p.AssertNoConsoleErrors(t)
	p.AssertRequestsWithin(t, base)
}

func sameSet(got, want []string) bool {
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	return slices.Equal(g, w)
}

// TestTreeWizardAllOutcomes drives every shipped tree through every path
// from its data, by clicking, and checks each lands on its outcome; the CSP
// tree must reach all eight scenarios.
func TestTreeWizardAllOutcomes(t *testing.T) {
	t.Parallel()
	tabs := browsertest.NewTabs(t, 2)
	dir := guide(t, false)
	base := browsertest.Serve(t, dir)
	for _, file := range treePages(t, dir) {
		name := filepath.Base(filepath.Dir(file))
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := tabs.Take(t)
			p.Navigate(t, base+"trees/"+name+"/")
			p.WaitFor(t, `document.querySelector('#fg-wz-title')`)
			data := pageTreeData(t, p)
			reached := map[string]bool{}
			for _, w := range data.walks() {
				browsertest.Eval[chromedp.Void](t, p, `location.hash = '#dt'`)
				waitStep(t, p, data, "#dt")
				for _, step := range w.steps {
					answer(t, p, step[1])
				}
				waitStep(t, p, data, w.hash())
				if s := state(t, p); !s.Outcome || s.Title != data.outcomeTitle(w.outcome) {
					t.Errorf("%s: %+v, want outcome %s", w.hash(), s, w.outcome)
				}
				reached[w.outcome] = true
			}
			for _, o := range data.Outcomes {
				if !reached[o.ID] {
					t.Errorf("outcome %s not reached", o.ID)
				}
			}
			if name == "csp-scenario" {
				for n := 1; n <= 8; n++ {
					if !reached[fmt.Sprintf("scenario-%d", n)] {
						t.Errorf("CSP scenario %d not reachable", n)
					}
				}
			}
			p.AssertNoConsoleErrors(t)
		})
	}
}

// TestTreeWizardLinks opens shared links: a stale one stops at the first
// answer that no longer fits, a Change link's pre-selection survives, and
// the document view's plain anchors still work with JavaScript on.
func TestTreeWizardLinks(t *testing.T) {
	t.Parallel()
	base := browsertest.Serve(t, guide(t, false))

	p := openTree(t, base, "#dt/buying-today=through-csp/csp-need=gone/partner-supports=partner-yes")
	data := pageTreeData(t, p)
	s := state(t, p)
	if s.Title != "What does the CSP customer want?" || !strings.Contains(s.Notice, "csp-need=gone") || s.Hash != "#dt/buying-today=through-csp" || s.Focused != "fg-wz-title" {
		t.Errorf("stale link: %+v, want csp-need, focused, with a notice and the hash cut to the answers that fit", s)
	}
	checkAxe(t, p)

	reopenTree(t, p, base, "#dt/buying-today=through-ea/ea-situation?ea-renewal")
	if s := state(t, p); s.Title != "What is happening with this EA customer?" || s.Checked != "ea-renewal" {
		t.Errorf("pre-selected link: %+v", s)
	}

	// A plain anchor of the document view shows the document view there.
	reopenTree(t, p, base, "#dt-csp-need")
	s = state(t, p)
	if !s.DocShown {
		t.Errorf("#dt-csp-need: the document view is hidden: %+v", s)
	}
	if top := browsertest.Eval[float64](t, p, `document.getElementById('dt-csp-need').getBoundingClientRect().top`); top < -1 || top > 200 {
		t.Errorf("#dt-csp-need is not scrolled into view (top %v)", top)
	}
	// Its links walk the document; a flowchart box too.
	p.Click(t, `#dt-csp-need a[data-answer="new-workload"]`)
	p.WaitFor(t, `location.hash === '#dt-partner-supports'`)
	if top := browsertest.Eval[float64](t, p, `document.getElementById('dt-partner-supports').getBoundingClientRect().top`); top < -1 || top > 200 {
		t.Errorf("#dt-partner-supports is not scrolled into view (top %v)", top)
	}
	// And the wizard takes over again from a wizard link.
	browsertest.Eval[chromedp.Void](t, p, `location.hash = '#dt/buying-today=through-csp'`)
	waitStep(t, p, data, "#dt/buying-today=through-csp")
	if s := state(t, p); s.DocShown || s.Title != "What does the CSP customer want?" {
		t.Errorf("back in the wizard: %+v", s)
	}
	// Another anchor on the page (the skip link) leaves the wizard alone.
	browsertest.Eval[chromedp.Void](t, p, `location.hash = '#main'`)
	p.WaitFor(t, `location.hash === '#main'`)
	if s := state(t, p); s.DocShown || s.Title != "What does the CSP customer want?" {
		t.Errorf("after #main: %+v", s)
	}
	p.AssertNoConsoleErrors(t)
}

// TestTreeWizardCopyAndPrint checks Copy link (clipboard, or a selected
// field when the clipboard is refused) and the print views: the path at an
// outcome, the whole guide elsewhere.
func TestTreeWizardCopyAndPrint(t *testing.T) {
	t.Parallel()
	base := browsertest.Serve(t, guide(t, false))
	hash := "#dt/buying-today=through-ea/ea-situation=ea-renewal"
	p := openTree(t, base, hash)
	data := pageTreeData(t, p)

	p.Click(t, ".fg-wz-actions button:nth-of-type(1)")
	p.WaitFor(t, `!document.querySelector('.fg-wz-copy').hidden`)
	if got := browsertest.Eval[string](t, p, `document.getElementById('fg-wz-url').value`); got != base+cspTree+hash {
		t.Errorf("copy field holds %q", got)
	}

	// Print opens the browser's print dialog (a no-op when headless) with
	// the URL and date of the path filled in.
	browsertest.Eval[chromedp.Void](t, p, `document.querySelector('.fg-wz-printurl').textContent = ''`)
	p.Click(t, ".fg-wz-actions button:nth-of-type(2)")
	if got := browsertest.Eval[string](t, p, `document.querySelector('.fg-wz-printinfo').textContent`); !strings.Contains(got, base+cspTree+hash) {
		t.Errorf("print line after Print: %q", got)
	}

	visible := func(sel string) bool {
		return browsertest.Eval[bool](t, p, `(e => !!e && e.getClientRects().length > 0)(document.querySelector('`+sel+`'))`)
	}
	p.EmulatePrint(t, true)
	if !visible(".fg-wz-answers") || visible("#fg-tree-doc") || visible(".fg-wz-actions") || !visible(".fg-wz-printinfo") {
		t.Error("printing at an outcome should print the path (answers, URL and date), not the whole guide")
	}
	p.EmulatePrint(t, false)
	p.Click(t, ".fg-wz-restart")
	waitStep(t, p, data, "#dt")
	p.EmulatePrint(t, true)
	if visible("#fg-wizard") || !visible("#fg-tree-doc") || !visible("#dt-scenario-8") {
		t.Error("printing at a question should print the whole guide")
	}
	p.EmulatePrint(t, false)
	p.AssertNoConsoleErrors(t)
}

// TestTreeWizardOffline clicks through the offline build from file://.
func TestTreeWizardOffline(t *testing.T) {
	t.Parallel()
	dir := guide(t, true)
	root := browsertest.FileURL(t, dir+string(filepath.Separator))
	p := browsertest.NewPage(t)
	p.Navigate(t, root+cspTree+"index.html")
	p.WaitFor(t, `document.querySelector('#fg-wz-title')`)
	data := pageTreeData(t, p)
	answer(t, p, "through-csp")
	waitStep(t, p, data, "#dt/buying-today=through-csp")
	answer(t, p, "switch-partner")
	waitStep(t, p, data, "#dt/buying-today=through-csp/csp-need=switch-partner")
	if s := state(t, p); s.Title != "Scenario 7: switching CSP partners" {
		t.Errorf("offline: %+v", s)
	}
	browsertest.Eval[chromedp.Void](t, p, `history.back()`)
	waitStep(t, p, data, "#dt/buying-today=through-csp")
	browsertest.Eval[chromedp.Void](t, p, `window.fgBeforeReload = 1, setTimeout(() => location.reload(), 0)`)
	p.WaitFor(t, `!window.fgBeforeReload && document.readyState === 'complete' && document.querySelector('#fg-wz-title')`)
	if s := state(t, p); s.Title != "What does the CSP customer want?" || s.Hash != "#dt/buying-today=through-csp" {
		t.Errorf("offline reload: %+v", s)
	}
	p.Click(t, `#fg-wizard .fg-wz-back a`)
	waitStep(t, p, data, "#dt")
	browsertest.Eval[chromedp.Void](t, p, `location.hash = '#dt/buying-today=through-ea/ea-situation=ea-renewal'`)
	waitStep(t, p, data, "#dt/buying-today=through-ea/ea-situation=ea-renewal")
	p.Click(t, "#fg-wizard .fg-outcome-link a")
	p.WaitFor(t, `location.pathname.endsWith('/scenarios/05-upcoming-ea-renewal/index.html') && document.readyState === 'complete'`)
	p.AssertNoConsoleErrors(t)
	p.AssertRequestsWithin(t, root)
}

// TestTreeNoScript opens the CSP tree with JavaScript disabled: the page is
// the complete document, its answer links walk the steps, and back works.
func TestTreeNoScript(t *testing.T) {
	t.Parallel()
	base := browsertest.Serve(t, guide(t, false))
	p := browsertest.NewPage(t)
	p.DisableJavaScript(t)
	p.Navigate(t, base+cspTree)
	eval := func(js string) string { return browsertest.Eval[string](t, p, js) }
	if got := eval(`[document.getElementById('fg-wizard').getClientRects().length, document.getElementById('fg-tree-doc').getClientRects().length, document.querySelectorAll('.fg-step, .fg-outcome').length].join(',')`); got != "0,1,12" {
		t.Errorf("no-JS document (wizard boxes, document boxes, sections) = %s, want 0,1,12", got)
	}
	if got := eval(`String(document.getElementById('fg-tree-doc').hidden) + ' ' + (document.getElementById('fg-wz-title') ? 'wizard' : 'no wizard')`); got != "false no wizard" {
		t.Errorf("scripts ran: %s", got)
	}
	p.Click(t, `#dt-buying-today a[data-answer="through-csp"]`)
	p.Click(t, `#dt-csp-need a[data-answer="new-workload"]`)
	p.Click(t, `#dt-partner-supports a[data-answer="partner-no"]`)
	if got := eval(`location.hash`); got != "#dt-scenario-3" {
		t.Errorf("after three answer links the hash is %q", got)
	}
	browsertest.Eval[chromedp.Void](t, p, `history.back()`)
	p.WaitFor(t, `location.hash === '#dt-partner-supports'`)
	// It prints as the whole guide.
	p.EmulatePrint(t, true)
	if got := eval(`[...document.querySelectorAll('#fg-tree-doc section')].filter(s => s.getClientRects().length).length + ''`); got != "12" {
		t.Errorf("print shows %s of 12 sections", got)
	}
}

// TestTreeWizardEvents records the CustomEvents a host could send to its
// analytics, from the first one on.
func TestTreeWizardEvents(t *testing.T) {
	t.Parallel()
	base := browsertest.Serve(t, guide(t, false))
	p := browsertest.NewPage(t)
	p.AddScriptBeforeLoad(t, `window.fgEvents = []; document.addEventListener('fieldguide:tree', e => fgEvents.push([e.detail.type, e.detail.node || '', e.detail.answer || '', e.detail.path.join('/')].join(' ')));`)
	p.Navigate(t, base+cspTree)
	p.Click(t, `label[for="fg-wz-a-through-ea"]`)
	p.Click(t, ".fg-wz-continue")
	p.WaitFor(t, `location.hash === '#dt/buying-today=through-ea'`)
	p.Click(t, `label[for="fg-wz-a-ea-renewal"]`)
	p.Click(t, ".fg-wz-continue")
	p.WaitFor(t, `!!document.querySelector('.fg-wz-answers')`)
	p.Click(t, `.fg-wz-change a`)
	p.WaitFor(t, `location.hash === '#dt/buying-today?through-ea'`)
	p.Click(t, `label[for="fg-wz-a-through-csp"]`)
	p.Click(t, ".fg-wz-continue")
	p.WaitFor(t, `location.hash === '#dt/buying-today=through-csp'`)
	p.Click(t, `label[for="fg-wz-a-upsell"]`)
	p.Click(t, ".fg-wz-continue")
	p.WaitFor(t, `!!document.querySelector('.fg-wz-restart')`)
	p.Click(t, ".fg-wz-restart")
	p.WaitFor(t, `location.hash === '#dt'`)
	got := browsertest.Eval[[]string](t, p, `fgEvents`)
	want := []string{
		"start buying-today  ",
		"answer buying-today through-ea buying-today=through-ea",
		"answer ea-situation ea-renewal buying-today=through-ea/ea-situation=ea-renewal",
		"outcome scenario-5  buying-today=through-ea/ea-situation=ea-renewal",
		"change buying-today through-ea ",
		"answer buying-today through-csp buying-today=through-csp",
		"answer csp-need upsell buying-today=through-csp/csp-need=upsell",
		"outcome scenario-2  buying-today=through-csp/csp-need=upsell",
		"restart buying-today  ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
