package tree_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/tree"
)

const file = "content/trees/t.md"

// base is a valid tree as an author writes it. Cases edit it, so the
// positions they expect are its line numbers (line 1 is the opening +++).
// Its shape: buying -ea-> partner, buying -csp-> need, need -new-> partner,
// need -more/support-> scenario-2, partner -yes-> scenario-1, -no-> scenario-5.
const base = `+++
start = "buying"

[[questions]]
id = "buying"
question = "How does the customer buy?"
hint = "Check **Partner Center**."
  [[questions.answers]]
  id = "ea"
  label = "Enterprise Agreement"
  next = "partner"
  [[questions.answers]]
  id = "csp"
  label = "Through a CSP partner"
  next = "need"

[[questions]]
id = "need"
question = "What does the customer want?"
  [[questions.answers]]
  id = "more"
  label = "More of the same"
  outcome = "scenario-2"
  [[questions.answers]]
  id = "new"
  label = "A new workload"
  next = "partner"
  [[questions.answers]]
  id = "support"
  label = "Support"
  outcome = "scenario-2"

[[questions]]
id = "partner"
question = "Does a partner lead?"
  [[questions.answers]]
  id = "yes"
  label = "Yes"
  outcome = "scenario-1"
  [[questions.answers]]
  id = "no"
  label = "No"
  outcome = "scenario-5"

[[outcomes]]
id = "scenario-1"
title = "Scenario 1"
summary = "Co-sell with the partner."

[[outcomes]]
id = "scenario-2"
title = "Scenario 2"

[[outcomes]]
id = "scenario-5"
title = "Scenario 5"
page = "../scenarios/05.md"
+++
Introduction.
`

// baseTests cover every answer of base.
const baseTests = `[[tests]]
name = "EA, partner leads"
steps = ["buying=ea", "partner=yes"]
outcome = "scenario-1"

[[tests]]
name = "EA, no partner"
steps = ["buying=ea", "partner=no"]
outcome = "scenario-5"

[[tests]]
name = "CSP, more"
steps = ["buying=csp", "need=more"]
outcome = "scenario-2"

[[tests]]
name = "CSP, support"
steps = ["buying=csp", "need=support"]
outcome = "scenario-2"

[[tests]]
name = "CSP, new workload, partner"
steps = ["buying=csp", "need=new", "partner=yes"]
outcome = "scenario-1"
`

// extraAnswers is n more answers of distinct ids for a question of base.
func extraAnswers(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "  [[questions.answers]]\n  id = \"extra-%d\"\n  label = \"Extra %d\"\n  outcome = \"scenario-1\"\n", i+1, i+1)
	}
	return b.String()
}

// edit is a change to base: old must occur exactly once.
type edit struct{ old, new string }

// source applies edits to base and appends tail (more TOML) before the
// closing +++.
func source(t testing.TB, edits []edit, tail string) string {
	t.Helper()
	src := base
	for _, e := range edits {
		if n := strings.Count(src, e.old); n != 1 {
			t.Fatalf("edit %q occurs %d times in base", e.old, n)
		}
		src = strings.Replace(src, e.old, e.new, 1)
	}
	if tail != "" {
		i := strings.LastIndex(src, "+++\n")
		src = src[:i] + "\n" + tail + src[i:]
	}
	return src
}

// check reads src as the build does (split, decode, parse, validate) and
// returns its diagnostics as `path:line:col: message; hint`.
func check(t testing.TB, src string) (*tree.Tree, []string) {
	t.Helper()
	f, serr := frontmatter.Split([]byte(src))
	if serr != nil {
		t.Fatalf("split: %v", serr)
	}
	var diags diag.List
	fm := frontmatter.Decode(file, f.FrontMatter, f.FMLine, &diags)
	if fm == nil {
		t.Fatalf("decode: %v", diags.Items())
	}
	tr := tree.Parse(fm)
	tr.Validate(file, &diags)
	var out []string
	for _, d := range diags.Items() {
		out = append(out, d.String())
	}
	return tr, out
}

func TestValidBase(t *testing.T) {
	for name, tail := range map[string]string{"without tests": "", "with tests": baseTests} {
		tr, got := check(t, source(t, nil, tail))
		if len(got) != 0 {
			t.Errorf("%s: %s", name, strings.Join(got, "\n"))
		}
		if tr.Start != "buying" || len(tr.Questions) != 3 || len(tr.Outcomes) != 3 {
			t.Errorf("%s: parsed %+v", name, tr)
		}
	}
	tr, _ := check(t, source(t, nil, baseTests))
	if q := tr.Questions[0]; q.ID != "buying" || q.Hint != "Check **Partner Center**." || q.Pos != (diag.Pos{Line: 5, Col: 1}) ||
		len(q.Answers) != 2 || q.Answers[1].Target() != "need" || q.Answers[1].Pos != (diag.Pos{Line: 13, Col: 3}) {
		t.Errorf("question parsed as %+v", q)
	}
	if o := tr.Outcomes[2]; o.ID != "scenario-5" || o.Page != "../scenarios/05.md" || o.PagePos != (diag.Pos{Line: 57, Col: 1}) {
		t.Errorf("outcome parsed as %+v", o)
	}
	if len(tr.Tests) != 5 || tr.Tests[4].Steps[2] != "partner=yes" || tr.Tests[0].Pos.Line != 60 {
		t.Errorf("tests parsed as %+v", tr.Tests)
	}
}

// TestValidate covers every error class and warning, with the exact
// position, message and hint the author sees.
func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []edit
		tail  string
		want  []string
	}{
		// start
		{
			name:  "missing start",
			edits: []edit{{`start = "buying"`, `# start = "buying"`}},
			want:  []string{file + ":2:1: the tree has no `start`; add start = \"buying\" naming the first question"},
		},
		{
			name:  "unknown start, did you mean",
			edits: []edit{{`start = "buying"`, `start = "buyng"`}},
			want:  []string{file + ":2:1: `start` names `buyng`, which is not a question; did you mean `buying`? The questions are `buying`, `need`, `partner`"},
		},
		{
			name:  "start names an outcome",
			edits: []edit{{`start = "buying"`, `start = "scenario-1"`}},
			want:  []string{file + ":2:1: `start` names `scenario-1`, which is not a question; the questions are `buying`, `need`, `partner`"},
		},
		{
			name:  "no questions",
			edits: []edit{{base[strings.Index(base, "[[questions]]"):strings.Index(base, "[[outcomes]]")], ""}},
			want:  []string{file + ":2:1: a decision tree needs at least one question; add [[questions]] with answers; see the authoring guide"},
		},

		// ids
		{
			name:  "malformed question id",
			edits: []edit{{`id = "need"`, `id = "Need_Help"`}, {`next = "need"`, `next = "Need_Help"`}},
			want:  []string{file + `:18:1: malformed id ` + "`Need_Help`" + `; use lowercase letters, digits and single dashes, e.g. "need-help"`},
		},
		{
			name:  "malformed outcome id",
			edits: []edit{{`id = "scenario-5"`, `id = "Scenario 5"`}, {`outcome = "scenario-5"`, `outcome = "Scenario 5"`}},
			want:  []string{file + `:55:1: malformed id ` + "`Scenario 5`" + `; use lowercase letters, digits and single dashes, e.g. "scenario-5"`},
		},
		{
			name:  "malformed answer id",
			edits: []edit{{`id = "support"`, `id = "--support"`}},
			want:  []string{file + ":29:3: malformed answer id `--support`; use lowercase letters, digits and single dashes, e.g. \"support\""},
		},
		{
			name:  "question without id",
			edits: []edit{{`id = "need"`, `# id = "need"`}},
			want: []string{
				// No knock-on: scenario-2, reached only through the
				// question without an id, is not called unreachable.
				file + ":15:3: answer `csp` leads to unknown question `need`; the questions are `buying`, `partner`",
				file + ":17:1: a question without an `id`; add id = \"...\" (lowercase letters, digits and dashes)",
			},
		},
		{
			name:  "answer without id",
			edits: []edit{{`id = "support"`, `# id = "support"`}},
			want:  []string{file + ":28:3: an answer of `need` has no `id`; add id = \"...\" to the answer"},
		},
		{
			name: "duplicate id",
			tail: "[[outcomes]]\nid = \"partner\"\ntitle = \"Same id as a question\"\n",
			want: []string{file + ":60:1: duplicate id `partner`; every question and outcome needs its own id"},
		},
		{
			name:  "duplicate answer id",
			edits: []edit{{`id = "support"`, `id = "more"`}},
			want:  []string{file + ":29:3: duplicate answer id `more` in question `need`; answers of one question need different ids"},
		},

		// answers
		{
			name:  "question with no answers",
			edits: []edit{{base[strings.Index(base, "  [[questions.answers]]\n  id = \"more\""):strings.Index(base, "\n[[questions]]\nid = \"partner\"")], ""}},
			want: []string{
				file + ":18:1: question `need` has no answers; add [[questions.answers]] entries under it",
				file + ":39:1: outcome `scenario-2` cannot be reached from the start; point an answer at it with outcome = \"scenario-2\", or delete it",
			},
		},
		{
			name:  "both next and outcome",
			edits: []edit{{"  next = \"need\"\n", "  next = \"need\"\n  outcome = \"scenario-2\"\n"}},
			want:  []string{file + ":15:3: answer `csp` has both `next` and `outcome`; keep one: next leads to a question, outcome ends the tree"},
		},
		{
			name:  "neither next nor outcome",
			edits: []edit{{"  label = \"Support\"\n  outcome = \"scenario-2\"\n", "  label = \"Support\"\n"}},
			want:  []string{file + ":29:3: answer `support` leads nowhere; add next = \"question-id\" or outcome = \"outcome-id\""},
		},
		{
			name:  "unknown question, did you mean",
			edits: []edit{{"  label = \"A new workload\"\n  next = \"partner\"", "  label = \"A new workload\"\n  next = \"partnr\""}},
			want:  []string{file + ":27:3: answer `new` leads to unknown question `partnr`; did you mean `partner`? The questions are `buying`, `need`, `partner`"},
		},
		{
			name:  "unknown outcome, did you mean",
			edits: []edit{{"  label = \"Support\"\n  outcome = \"scenario-2\"", "  label = \"Support\"\n  outcome = \"scenario2\""}},
			want:  []string{file + ":31:3: answer `support` leads to unknown outcome `scenario2`; did you mean `scenario-2`? The outcomes are `scenario-1`, `scenario-2`, `scenario-5`"},
		},
		{
			name:  "unknown target, nothing close",
			edits: []edit{{"  label = \"Support\"\n  outcome = \"scenario-2\"", "  label = \"Support\"\n  outcome = \"escalate\""}},
			want:  []string{file + ":31:3: answer `support` leads to unknown outcome `escalate`; the outcomes are `scenario-1`, `scenario-2`, `scenario-5`"},
		},
		{
			// The typo cuts need off from the start, and two tests walk
			// through it: the typo is still the only problem reported.
			name:  "unknown question, no knock-on errors",
			edits: []edit{{"  label = \"Through a CSP partner\"\n  next = \"need\"", "  label = \"Through a CSP partner\"\n  next = \"ned\""}},
			tail:  "[[tests]]\nname = \"CSP, typo\"\nsteps = [\"buying=csp\", \"need=more\"]\noutcome = \"scenario-2\"\n",
			want:  []string{file + ":15:3: answer `csp` leads to unknown question `ned`; did you mean `need`? The questions are `buying`, `need`, `partner`"},
		},
		{
			name:  "unknown question, nothing close, no knock-on errors",
			edits: []edit{{"  label = \"Through a CSP partner\"\n  next = \"need\"", "  label = \"Through a CSP partner\"\n  next = \"ask-the-partner-team\""}},
			tail:  "[[tests]]\nname = \"CSP, typo\"\nsteps = [\"buying=csp\", \"need=more\"]\noutcome = \"scenario-2\"\n",
			want:  []string{file + ":15:3: answer `csp` leads to unknown question `ask-the-partner-team`; the questions are `buying`, `need`, `partner`"},
		},
		{
			name:  "next names an outcome",
			edits: []edit{{"  label = \"Support\"\n  outcome = \"scenario-2\"", "  label = \"Support\"\n  next = \"scenario-2\""}},
			want:  []string{file + ":31:3: answer `support` leads to unknown question `scenario-2`; `scenario-2` is an outcome: write outcome = \"scenario-2\""},
		},
		{
			name:  "outcome names a question",
			edits: []edit{{"  label = \"A new workload\"\n  next = \"partner\"", "  label = \"A new workload\"\n  outcome = \"partner\""}},
			want:  []string{file + ":27:3: answer `new` leads to unknown outcome `partner`; `partner` is a question: write next = \"partner\""},
		},

		// shape
		{
			name:  "cycle",
			edits: []edit{{"  label = \"No\"\n  outcome = \"scenario-5\"", "  label = \"No\"\n  next = \"need\""}},
			want:  []string{file + ":34:1: the tree loops: partner -> need -> partner; a tree must always move forward; point one of these answers elsewhere"},
		},
		{
			name:  "cycle to the start",
			edits: []edit{{"  label = \"Yes\"\n  outcome = \"scenario-1\"", "  label = \"Yes\"\n  next = \"buying\""}},
			want:  []string{file + ":5:1: the tree loops: buying -> partner -> buying; a tree must always move forward; point one of these answers elsewhere"},
		},
		{
			name: "unreachable question and outcome",
			tail: "[[questions]]\nid = \"orphan\"\nquestion = \"Nobody asks this?\"\n  [[questions.answers]]\n  id = \"a\"\n  label = \"A\"\n  outcome = \"scenario-1\"\n  [[questions.answers]]\n  id = \"b\"\n  label = \"B\"\n  outcome = \"scenario-9\"\n\n[[outcomes]]\nid = \"scenario-9\"\ntitle = \"Scenario 9\"\n",
			want: []string{
				file + ":60:1: question `orphan` cannot be reached from the start; point an answer at it with next = \"orphan\", or delete it",
				file + ":72:1: outcome `scenario-9` cannot be reached from the start; point an answer at it with outcome = \"scenario-9\", or delete it",
			},
		},
		{
			name:  "a cut-off branch",
			edits: []edit{{"  label = \"Through a CSP partner\"\n  next = \"need\"", "  label = \"Through a CSP partner\"\n  next = \"partner\""}},
			want: []string{
				file + ":5:1: warning: every answer of `buying` leads to the same place; the question doesn't change the path; remove it or route answers differently",
				file + ":18:1: question `need` cannot be reached from the start; point an answer at it with next = \"need\", or delete it",
				file + ":51:1: outcome `scenario-2` cannot be reached from the start; point an answer at it with outcome = \"scenario-2\", or delete it",
			},
		},

		// fields (read by Parse)
		{
			name:  "question without text, answer without label, outcome without title",
			edits: []edit{{`question = "Does a partner lead?"`, ``}, {`label = "Yes"`, ``}, {`title = "Scenario 2"`, ``}},
			want: []string{
				// A missing key is placed at the header of its table.
				file + ":33:1: question `partner` has no `question` text; add question = \"...\" with the text to ask",
				file + ":36:3: answer `yes` has no `label`; add label = \"...\" with the answer's text",
				file + ":50:1: outcome `scenario-2` has no `title`; add title = \"...\"",
			},
		},
		{
			name:  "unknown key in an answer",
			edits: []edit{{"  label = \"Support\"\n  outcome = \"scenario-2\"", "  label = \"Support\"\n  outcomes = \"scenario-2\""}},
			want: []string{
				file + ":29:3: answer `support` leads nowhere; add next = \"question-id\" or outcome = \"outcome-id\"",
				file + ":31:3: unknown key `outcomes`; did you mean `outcome`?",
			},
		},

		// scenario tests
		{
			name: "test step not question=answer",
			tail: "[[tests]]\nname = \"bad step\"\nsteps = [\"buying\"]\noutcome = \"scenario-1\"\n",
			want: []string{file + ":60:1: test \"bad step\": step 1 `buying` is not question=answer; write each step as \"question=answer\""},
		},
		{
			name: "test step after the outcome",
			tail: "[[tests]]\nname = \"too long\"\nsteps = [\"buying=csp\", \"need=more\", \"partner=yes\"]\noutcome = \"scenario-2\"\n",
			want: []string{file + ":60:1: test \"too long\": step 3 `partner=yes` comes after the walk already reached outcome `scenario-2`; remove the extra steps or fix the expected outcome"},
		},
		{
			name: "test step answers the wrong question",
			tail: "[[tests]]\nname = \"skips\"\nsteps = [\"buying=ea\", \"need=more\"]\noutcome = \"scenario-2\"\n",
			want: []string{file + ":60:1: test \"skips\": step 2 answers `need`, but the walk is at question `partner`; steps must follow the path the answers take"},
		},
		{
			name: "test step with an unknown answer, did you mean",
			tail: "[[tests]]\nname = \"typo\"\nsteps = [\"buying=cps\", \"need=more\"]\noutcome = \"scenario-2\"\n",
			want: []string{file + ":60:1: test \"typo\": question `buying` has no answer `cps`; did you mean `csp`?"},
		},
		{
			name: "test step with an unknown answer, listing them",
			tail: "[[tests]]\nname = \"unknown\"\nsteps = [\"buying=through-a-partner\"]\noutcome = \"scenario-2\"\n",
			want: []string{file + ":60:1: test \"unknown\": question `buying` has no answer `through-a-partner`; answers of `buying`: ea, csp"},
		},
		{
			name: "test stops at a question",
			tail: "[[tests]]\nname = \"short\"\nsteps = [\"buying=ea\"]\noutcome = \"scenario-1\"\n",
			want: []string{file + ":60:1: test \"short\" stops at question `partner` instead of reaching outcome `scenario-1`; add the missing steps"},
		},
		{
			name: "test reaches another outcome",
			tail: "[[tests]]\nname = \"wrong\"\nsteps = [\"buying=ea\", \"partner=no\"]\noutcome = \"scenario-1\"\n",
			want: []string{file + ":60:1: test \"wrong\" reaches outcome `scenario-5`, expected `scenario-1`; fix the steps or the expected outcome"},
		},
		{
			name: "test expects an unknown outcome",
			tail: "[[tests]]\nname = \"typo outcome\"\nsteps = [\"buying=ea\", \"partner=no\"]\noutcome = \"scenario5\"\n",
			want: []string{file + ":60:1: test \"typo outcome\" expects unknown outcome `scenario5`; did you mean `scenario-5`?"},
		},
		{
			name: "test without an outcome",
			tail: "[[tests]]\nname = \"open\"\nsteps = [\"buying=ea\", \"partner=no\"]\n",
			want: []string{file + ":60:1: test \"open\" has no `outcome`; add outcome = \"...\" naming the outcome the steps must reach"},
		},

		// warnings
		{
			name: "one answer",
			edits: []edit{
				{base[strings.Index(base, "  [[questions.answers]]\n  id = \"no\""):strings.Index(base, "\n[[outcomes]]")], ""},
				{"  label = \"Support\"\n  outcome = \"scenario-2\"", "  label = \"Support\"\n  outcome = \"scenario-5\""},
			},
			want: []string{file + ":34:1: warning: question `partner` has only one answer; a question with one answer asks nothing; fold it into the next step"},
		},
		{
			name:  "all answers lead to the same place",
			edits: []edit{{"  label = \"A new workload\"\n  next = \"partner\"", "  label = \"A new workload\"\n  outcome = \"scenario-2\""}},
			tail:  "",
			want:  []string{file + ":18:1: warning: every answer of `need` leads to the same place; the question doesn't change the path; remove it or route answers differently"},
		},
		{
			name:  "more than 7 answers",
			edits: []edit{{"  label = \"Support\"\n  outcome = \"scenario-2\"\n", "  label = \"Support\"\n  outcome = \"scenario-2\"\n" + extraAnswers(5)}},
			want:  []string{file + ":18:1: warning: question `need` has 8 answers (more than 7); readers choose faster among fewer options; split the question"},
		},
		{
			name: "no test covers these answers",
			tail: "[[tests]]\nname = \"EA, partner leads\"\nsteps = [\"buying=ea\", \"partner=yes\"]\noutcome = \"scenario-1\"\n",
			want: []string{
				file + ":13:3: warning: no test covers answer `buying=csp`; add a [[tests]] entry that takes this answer",
				file + ":21:3: warning: no test covers answer `need=more`; add a [[tests]] entry that takes this answer",
				file + ":25:3: warning: no test covers answer `need=new`; add a [[tests]] entry that takes this answer",
				file + ":29:3: warning: no test covers answer `need=support`; add a [[tests]] entry that takes this answer",
				file + ":41:3: warning: no test covers answer `partner=no`; add a [[tests]] entry that takes this answer",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tail := tc.tail
			if strings.HasPrefix(tail, "[[tests]]") && !strings.Contains(tc.name, "no test covers") {
				tail += "\n" + baseTests // cover every answer, so only the failure shows
			}
			_, got := check(t, source(t, tc.edits, tail))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
