// Package tree reads and checks decision trees: guided question flows that
// end at an outcome. A tree is plain data in a page's front matter (see
// docs/content-model.md); the build validates it like code, so a published
// tree always has a start, no dead ends, no loops and passing tests.
package tree

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/flowchart"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
)

// Tree is one decision tree.
type Tree struct {
	Start     string
	StartPos  diag.Pos
	Questions []*Question
	Outcomes  []*Outcome
	Tests     []*Test
	Pos       diag.Pos // where the tree's data starts, for tree-wide problems
}

// Question is a node that asks something and branches on the answer.
type Question struct {
	ID, Text, Hint string
	Answers        []*Answer
	Pos            diag.Pos
}

// Answer leads to exactly one of Next (a question) or Outcome.
type Answer struct {
	ID, Label     string
	Next, Outcome string
	Pos           diag.Pos
	TargetPos     diag.Pos
}

// Target is the id of the node the answer leads to.
func (a *Answer) Target() string {
	if a.Next != "" {
		return a.Next
	}
	return a.Outcome
}

// Outcome ends a walk; Page optionally links a content page.
type Outcome struct {
	ID, Title, Summary string
	Page               string // relative .md link as written
	Pos, PagePos       diag.Pos
}

// Test is an author's scenario: answers in order, and where they must lead.
type Test struct {
	Name    string
	Steps   []string // "question=answer"
	Outcome string
	Pos     diag.Pos
}

// Keys are the front-matter keys a tree page adds to the common ones.
var Keys = []string{"start", "questions", "outcomes", "tests"}

// Parse reads a tree from front matter. Shape problems (types, unknown keys)
// are recorded through the table; structure is checked by Validate.
func Parse(t *frontmatter.Table) *Tree {
	tr := &Tree{Start: t.String("start"), StartPos: t.Pos("start"), Pos: t.Pos("questions")}
	for _, q := range t.Tables("questions") {
		question := &Question{ID: q.String("id"), Text: q.String("question"), Hint: q.String("hint"), Pos: q.Pos("id")}
		if question.Text == "" {
			q.Errorf("question", `add question = "..." with the text to ask`, "question `%s` has no `question` text", question.ID)
		}
		for _, a := range q.Tables("answers") {
			answer := &Answer{ID: a.String("id"), Label: a.String("label"), Next: a.String("next"), Outcome: a.String("outcome"), Pos: a.Pos("id")}
			answer.TargetPos = a.Pos("next")
			if answer.Next == "" {
				answer.TargetPos = a.Pos("outcome")
			}
			if answer.Label == "" {
				a.Errorf("label", `add label = "..." with the answer's text`, "answer `%s` has no `label`", answer.ID)
			}
			a.Finish("an answer")
			question.Answers = append(question.Answers, answer)
		}
		q.Finish("a question")
		tr.Questions = append(tr.Questions, question)
	}
	for _, o := range t.Tables("outcomes") {
		outcome := &Outcome{ID: o.String("id"), Title: o.String("title"), Summary: o.String("summary"), Page: o.String("page"), Pos: o.Pos("id"), PagePos: o.Pos("page")}
		if outcome.Title == "" {
			o.Errorf("title", `add title = "..."`, "outcome `%s` has no `title`", outcome.ID)
		}
		o.Finish("an outcome")
		tr.Outcomes = append(tr.Outcomes, outcome)
	}
	for _, s := range t.Tables("tests") {
		test := &Test{Name: s.String("name"), Steps: s.Strings("steps"), Outcome: s.String("outcome"), Pos: s.Pos("name")}
		s.Finish("a test")
		tr.Tests = append(tr.Tests, test)
	}
	return tr
}

var validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks the tree's structure and runs its tests, recording every
// problem found.
func (tr *Tree) Validate(path string, diags *diag.List) {
	questions := map[string]*Question{}
	outcomes := map[string]*Outcome{}
	var allIDs []string
	checkID := func(id, what string, pos diag.Pos) bool {
		switch {
		case id == "":
			diags.Errorf(path, pos, `add id = "..." (lowercase letters, digits and dashes)`, "%s without an `id`", what)
			return false
		case !validID.MatchString(id):
			diags.Errorf(path, pos, "use lowercase letters, digits and single dashes, e.g. "+suggestID(id), "malformed id `%s`", id)
		}
		if questions[id] != nil || outcomes[id] != nil {
			diags.Errorf(path, pos, "every question and outcome needs its own id", "duplicate id `%s`", id)
			return false
		}
		allIDs = append(allIDs, id)
		return true
	}
	for _, q := range tr.Questions {
		if checkID(q.ID, "a question", q.Pos) {
			questions[q.ID] = q
		}
	}
	for _, o := range tr.Outcomes {
		if checkID(o.ID, "an outcome", o.Pos) {
			outcomes[o.ID] = o
		}
	}
	if len(tr.Questions) == 0 {
		diags.Errorf(path, tr.Pos, "add [[questions]] with answers; see the authoring guide", "a decision tree needs at least one question")
		return
	}

	// Sorted, for hints that list them and suggestions among many.
	var questionIDs, outcomeIDs []string
	for _, q := range tr.Questions {
		if questions[q.ID] == q {
			questionIDs = append(questionIDs, q.ID)
		}
	}
	for _, o := range tr.Outcomes {
		if outcomes[o.ID] == o {
			outcomeIDs = append(outcomeIDs, o.ID)
		}
	}
	slices.Sort(questionIDs)
	slices.Sort(outcomeIDs)

	switch {
	case tr.Start == "":
		diags.Errorf(path, tr.StartPos, `add start = "`+tr.Questions[0].ID+`" naming the first question`, "the tree has no `start`")
	case questions[tr.Start] == nil:
		diags.Errorf(path, tr.StartPos, idHint(tr.Start, "question", questionIDs), "`start` names `%s`, which is not a question", tr.Start)
	}

	// An answer pointing at an unknown id is reported once: the walks
	// below follow it to the id it most likely meant, and when there is
	// none, they stop rather than blame other nodes for the typo.
	meant := map[*Answer]string{}
	guessed := true
	for _, q := range tr.Questions {
		tr.validateAnswers(path, q, questions, outcomes, questionIDs, outcomeIDs, meant, diags)
	}
	for _, id := range meant {
		guessed = guessed && id != ""
	}
	if questions[tr.Start] == nil {
		return
	}
	if loop := findCycle(tr.Start, questions); loop != nil {
		q := questions[loop[0]]
		diags.Errorf(path, q.Pos, "a tree must always move forward; point one of these answers elsewhere", "the tree loops: %s", strings.Join(loop, " -> "))
		return
	}
	if !guessed {
		return
	}
	reached := reachable(tr.Start, questions, meant)
	for _, q := range tr.Questions {
		if q.ID != "" && !reached[q.ID] {
			diags.Errorf(path, q.Pos, "point an answer at it with next = \""+q.ID+"\", or delete it", "question `%s` cannot be reached from the start", q.ID)
		}
	}
	for _, o := range tr.Outcomes {
		if o.ID != "" && !reached[o.ID] {
			diags.Errorf(path, o.Pos, "point an answer at it with outcome = \""+o.ID+"\", or delete it", "outcome `%s` cannot be reached from the start", o.ID)
		}
	}
	tr.runTests(path, questions, outcomes, meant, diags)
	if err := flowchart.CheckSize(tr.Graph("")); err != nil {
		var tooLarge *flowchart.TooLargeError
		errors.As(err, &tooLarge)
		diags.Warnf(path, tr.Pos, "split it into smaller trees whose outcomes link to each other, or end fewer deep questions at one shared outcome",
			"the tree is too large to draw as a chart (its arrows cross rows %d times, at most %d for a tree of its size); its page shows the questions without the chart", tooLarge.Points, tooLarge.Limit)
	}
}

// idHint suggests the id a typo meant and lists the ids there are.
func idHint(id, what string, ids []string) string {
	list := "the " + what + "s are " + listIDs(ids)
	if len(ids) == 0 {
		list = "the tree has no " + what + "s yet"
	}
	if s := diag.SuggestSorted(id, ids); s != "" {
		return "did you mean `" + s + "`? " + strings.ToUpper(list[:1]) + list[1:]
	}
	return list
}

// listIDs quotes the first few ids: a hint repeated for every error stays short.
func listIDs(ids []string) string {
	const shown = 8
	quoted := make([]string, min(len(ids), shown))
	for i := range quoted {
		quoted[i] = "`" + ids[i] + "`"
	}
	list := strings.Join(quoted, ", ")
	if len(ids) > shown {
		list += " and " + strconv.Itoa(len(ids)-shown) + " more"
	}
	return list
}

// validateAnswers checks one question's answers. An answer leading to an
// unknown id goes into meant, with the id it most likely meant or "".
func (tr *Tree) validateAnswers(path string, q *Question, questions map[string]*Question, outcomes map[string]*Outcome, questionIDs, outcomeIDs []string, meant map[*Answer]string, diags *diag.List) {
	if len(q.Answers) == 0 {
		diags.Errorf(path, q.Pos, "add [[questions.answers]] entries under it", "question `%s` has no answers", q.ID)
		return
	}
	seen := map[string]bool{}
	targets := map[string]bool{}
	for _, a := range q.Answers {
		switch {
		case a.ID == "":
			diags.Errorf(path, a.Pos, `add id = "..." to the answer`, "an answer of `%s` has no `id`", q.ID)
		case !validID.MatchString(a.ID):
			diags.Errorf(path, a.Pos, "use lowercase letters, digits and single dashes, e.g. "+suggestID(a.ID), "malformed answer id `%s`", a.ID)
		case seen[a.ID]:
			diags.Errorf(path, a.Pos, "answers of one question need different ids", "duplicate answer id `%s` in question `%s`", a.ID, q.ID)
		}
		seen[a.ID] = true
		switch {
		case a.Next != "" && a.Outcome != "":
			diags.Errorf(path, a.TargetPos, "keep one: next leads to a question, outcome ends the tree", "answer `%s` has both `next` and `outcome`", a.ID)
		case a.Next == "" && a.Outcome == "":
			diags.Errorf(path, a.Pos, `add next = "question-id" or outcome = "outcome-id"`, "answer `%s` leads nowhere", a.ID)
		case a.Next != "" && questions[a.Next] == nil:
			hint := idHint(a.Next, "question", questionIDs)
			meant[a] = diag.SuggestSorted(a.Next, questionIDs)
			if outcomes[a.Next] != nil {
				hint = "`" + a.Next + "` is an outcome: write outcome = \"" + a.Next + "\""
				meant[a] = a.Next
			}
			diags.Errorf(path, a.TargetPos, hint, "answer `%s` leads to unknown question `%s`", a.ID, a.Next)
		case a.Outcome != "" && outcomes[a.Outcome] == nil:
			hint := idHint(a.Outcome, "outcome", outcomeIDs)
			meant[a] = diag.SuggestSorted(a.Outcome, outcomeIDs)
			if questions[a.Outcome] != nil {
				hint = "`" + a.Outcome + "` is a question: write next = \"" + a.Outcome + "\""
				meant[a] = a.Outcome
			}
			diags.Errorf(path, a.TargetPos, hint, "answer `%s` leads to unknown outcome `%s`", a.ID, a.Outcome)
		}
		targets[a.Target()] = true
	}
	switch {
	case len(q.Answers) == 1:
		diags.Warnf(path, q.Pos, "a question with one answer asks nothing; fold it into the next step", "question `%s` has only one answer", q.ID)
	case len(targets) == 1:
		diags.Warnf(path, q.Pos, "the question doesn't change the path; remove it or route answers differently", "every answer of `%s` leads to the same place", q.ID)
	}
	if len(q.Answers) > 7 {
		diags.Warnf(path, q.Pos, "readers choose faster among fewer options; split the question", "question `%s` has %d answers (more than 7)", q.ID, len(q.Answers))
	}
}

// findCycle returns a loop reachable from start as "a", "b", "a", or nil.
func findCycle(start string, questions map[string]*Question) []string {
	const (
		unvisited = iota
		onStack
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(id string) []string
	visit = func(id string) []string {
		q := questions[id]
		if q == nil {
			return nil
		}
		state[id] = onStack
		stack = append(stack, id)
		for _, a := range q.Answers {
			if a.Next == "" || questions[a.Next] == nil {
				continue
			}
			switch state[a.Next] {
			case onStack:
				for i, s := range stack {
					if s == a.Next {
						return append(append([]string(nil), stack[i:]...), a.Next)
					}
				}
			case unvisited:
				if loop := visit(a.Next); loop != nil {
					return loop
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = done
		return nil
	}
	return visit(start)
}

// reachable is every node a walk from start can reach, following a
// broken answer to the node it meant.
func reachable(start string, questions map[string]*Question, meant map[*Answer]string) map[string]bool {
	seen := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		q := questions[queue[0]]
		queue = queue[1:]
		if q == nil {
			continue
		}
		for _, a := range q.Answers {
			t := a.Target()
			if m, broken := meant[a]; broken {
				t = m
			}
			if t != "" && !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	return seen
}

// answerIndex finds a question's answers by id for the tests: built for a
// question when a test first reaches it, it keeps a question with many
// answers and many tests linear.
type answerIndex map[*Question]*answerIDs

type answerIDs struct {
	byID            map[string]*Answer
	inOrder, sorted []string // for hints, made at the first failing step
}

// of is q's first answer with the id, as the page's wizard takes it.
func (x answerIndex) of(q *Question, id string) *Answer {
	ids := x[q]
	if ids == nil {
		ids = &answerIDs{byID: make(map[string]*Answer, len(q.Answers))}
		for _, a := range slices.Backward(q.Answers) {
			ids.byID[a.ID] = a
		}
		x[q] = ids
	}
	return ids.byID[id]
}

// ids lists q's answer ids, in order and sorted.
func (x answerIndex) ids(q *Question) *answerIDs {
	ids := x[q]
	if ids.inOrder == nil {
		for _, a := range q.Answers {
			ids.inOrder = append(ids.inOrder, a.ID)
		}
		ids.sorted = slices.Sorted(slices.Values(ids.inOrder))
	}
	return ids
}

// runTests walks each test's steps and checks where they end. It also
// warns about answers no test takes, once the tree has tests at all.
// A test whose walk takes a broken answer stops there quietly: the answer
// is already reported, and would only fail the test again.
func (tr *Tree) runTests(path string, questions map[string]*Question, outcomes map[string]*Outcome, meant map[*Answer]string, diags *diag.List) {
	covered := map[*Answer]bool{}
	answers := answerIndex{}
	var outcomeIDs []string
	for _, o := range tr.Outcomes {
		if outcomes[o.ID] == o {
			outcomeIDs = append(outcomeIDs, o.ID)
		}
	}
	sortedOutcomes := slices.Sorted(slices.Values(outcomeIDs))
	for _, test := range tr.Tests {
		at := tr.Start
		failed := false
		expected := true
		switch {
		case test.Outcome == "":
			diags.Errorf(path, test.Pos, `add outcome = "..." naming the outcome the steps must reach`, "test %q has no `outcome`", test.Name)
			expected = false
		case outcomes[test.Outcome] == nil:
			diags.Errorf(path, test.Pos, diag.DidYouMeanSorted(test.Outcome, sortedOutcomes, "outcomes: "+diag.Listing(outcomeIDs)), "test %q expects unknown outcome `%s`", test.Name, test.Outcome)
			expected = false
		}
		for i, step := range test.Steps {
			qid, aid, ok := strings.Cut(step, "=")
			q := questions[at]
			switch {
			case !ok:
				diags.Errorf(path, test.Pos, `write each step as "question=answer"`, "test %q: step %d `%s` is not question=answer", test.Name, i+1, step)
				failed = true
			case q == nil:
				diags.Errorf(path, test.Pos, "remove the extra steps or fix the expected outcome", "test %q: step %d `%s` comes after the walk already reached outcome `%s`", test.Name, i+1, step, at)
				failed = true
			case qid != at:
				diags.Errorf(path, test.Pos, "steps must follow the path the answers take", "test %q: step %d answers `%s`, but the walk is at question `%s`", test.Name, i+1, qid, at)
				failed = true
			}
			if failed {
				break
			}
			chosen := answers.of(q, aid)
			if chosen == nil {
				ids := answers.ids(q)
				diags.Errorf(path, test.Pos, diag.DidYouMeanSorted(aid, ids.sorted, "answers of `"+qid+"`: "+diag.Listing(ids.inOrder)), "test %q: question `%s` has no answer `%s`", test.Name, qid, aid)
				failed = true
				break
			}
			covered[chosen] = true
			if _, broken := meant[chosen]; broken {
				failed = true
				break
			}
			at = chosen.Target()
		}
		if failed || !expected {
			continue
		}
		switch {
		case outcomes[at] == nil:
			diags.Errorf(path, test.Pos, "add the missing steps", "test %q stops at question `%s` instead of reaching outcome `%s`", test.Name, at, test.Outcome)
		case at != test.Outcome:
			diags.Errorf(path, test.Pos, "fix the steps or the expected outcome", "test %q reaches outcome `%s`, expected `%s`", test.Name, at, test.Outcome)
		}
	}
	if len(tr.Tests) == 0 || len(meant) > 0 {
		return
	}
	for _, q := range tr.Questions {
		for _, a := range q.Answers {
			if !covered[a] && a.Target() != "" {
				diags.Warnf(path, a.Pos, "add a [[tests]] entry that takes this answer", "no test covers answer `%s=%s`", q.ID, a.ID)
			}
		}
	}
}

func suggestID(id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(id) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return `"step-1"`
	}
	return `"` + b.String() + `"`
}

// Graph is the tree as a flowchart, nodes linking to their sections of the
// page (anchor prefix "dt-").
func (tr *Tree) Graph(title string) flowchart.Graph {
	g := flowchart.Graph{Title: title, Description: "Flowchart of the decision tree: " + title + ". The sections below the chart give the same steps as text.", IDPrefix: "tree"}
	for _, q := range tr.Questions {
		g.Nodes = append(g.Nodes, flowchart.Node{ID: q.ID, Label: q.Text, Kind: flowchart.Question, Href: "#" + Anchor(q.ID)})
		for _, a := range q.Answers {
			g.Edges = append(g.Edges, flowchart.Edge{From: q.ID, To: a.Target(), Label: a.Label})
		}
	}
	for _, o := range tr.Outcomes {
		g.Nodes = append(g.Nodes, flowchart.Node{ID: o.ID, Label: o.Title, Kind: flowchart.Outcome, Href: "#" + Anchor(o.ID)})
	}
	return g
}

// Anchor is the id of a node's section in the page's document view.
func Anchor(nodeID string) string { return "dt-" + nodeID }
