package tree_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/flowchart"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
	"github.com/fieldguide/fieldguide/internal/tree"
)

// FuzzParse feeds arbitrary front matter to the tree reader: Parse and
// Validate never panic, and a tree they accept without errors can always
// be drawn and always leads from the start to an outcome.
func FuzzParse(f *testing.F) {
	frontMatter := func(src string) string {
		file, err := frontmatter.Split([]byte(src))
		if err != nil {
			f.Fatalf("seed: %v", err)
		}
		return string(file.FrontMatter)
	}
	f.Add(frontMatter(base))
	f.Add(frontMatter(strings.Replace(base, "+++\nIntro", "\n"+baseTests+"+++\nIntro", 1)))
	shipped, _ := filepath.Glob("../../content/trees/*.md")
	for _, path := range shipped {
		if src, err := os.ReadFile(path); err == nil && !strings.HasSuffix(path, "_index.md") {
			f.Add(frontMatter(string(src)))
		}
	}
	for _, seed := range []string{
		``,
		`start = "a"`,
		"start = 3\nquestions = 4",
		"start = \"a\"\n[[questions]]\nid = \"a\"\nquestion = \"A?\"\n[[questions.answers]]\nid = \"x\"\nlabel = \"X\"\nnext = \"a\"\n",
		"start = \"a\"\n[[questions]]\nid = \"a\"\nquestion = \"A?\"\nanswers = [{id = \"x\", label = \"X\", outcome = \"o\"}, {id = \"y\", label = \"Y\", outcome = \"o\"}]\n[[outcomes]]\nid = \"o\"\ntitle = \"O\"\n[[tests]]\nname = \"t\"\nsteps = \"a=x\"\noutcome = \"o\"\n",
		"start = \"\"\n[[questions]]\n[[outcomes]]\n[[tests]]\nsteps = [\"=\", \"a=\", \"=b\"]\n",
		"[questions]\nid = \"a\"\n[[outcomes]]\nid = [1]\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		var tr *tree.Tree
		var layoutErr error
		fuzzbudget.Run(t, len(src), func() {
			fm := frontmatter.Decode(file, []byte(src), 2, &diags)
			if fm == nil {
				return
			}
			tr = tree.Parse(fm)
			tr.Validate(file, &diags)
			if !diags.HasErrors(false) {
				_, layoutErr = flowchart.Layout(tr.Graph("Fuzz"))
			}
		})
		if tr == nil || diags.HasErrors(false) {
			return
		}
		var tooLarge *flowchart.TooLargeError
		if errors.As(layoutErr, &tooLarge) && strings.Contains(fmt.Sprint(diags.Items()), "too large to draw") {
			layoutErr = nil // warned: the page goes without its chart
		}
		if layoutErr != nil {
			t.Fatalf("a valid tree cannot be drawn: %v\n%s", layoutErr, src)
		}
		// Every walk ends at an outcome.
		questions := map[string]*tree.Question{}
		for _, q := range tr.Questions {
			questions[q.ID] = q
		}
		var walk func(id string, depth int)
		walk = func(id string, depth int) {
			q := questions[id]
			if q == nil {
				if !slices.ContainsFunc(tr.Outcomes, func(o *tree.Outcome) bool { return o.ID == id }) {
					t.Fatalf("a walk ends at %q, which is not an outcome", id)
				}
				return
			}
			if depth > len(questions) {
				t.Fatalf("a walk loops through %q", id)
			}
			for _, a := range q.Answers {
				walk(a.Target(), depth+1)
			}
		}
		walk(tr.Start, 0)
	})
}

// bigTree is the front matter of a tree of n questions and n outcomes:
// question i asks to choose between questions 2i+1 and 2i+2 (or outcomes
// once those run out) and a shortcut to outcome i, so the graph has cross
// edges to lay out; one scenario test per outcome reached through the
// binary part.
func bigTree(n int) string {
	var b strings.Builder
	b.WriteString("start = \"q-0\"\n")
	next := 0 // next outcome for the binary part
	parent := map[string][2]string{}
	for i := range n {
		fmt.Fprintf(&b, "\n[[questions]]\nid = \"q-%d\"\nquestion = \"Question number %d: which way does the customer go from here?\"\n", i, i)
		for k, child := range []int{2*i + 1, 2*i + 2} {
			id := fmt.Sprintf("a-%d", k)
			if child < n {
				fmt.Fprintf(&b, "  [[questions.answers]]\n  id = %q\n  label = \"Towards %d\"\n  next = \"q-%d\"\n", id, child, child)
				parent[fmt.Sprintf("q-%d", child)] = [2]string{fmt.Sprintf("q-%d", i), id}
			} else if next < n {
				fmt.Fprintf(&b, "  [[questions.answers]]\n  id = %q\n  label = \"Ends at %d\"\n  outcome = \"o-%d\"\n", id, next, next)
				parent[fmt.Sprintf("o-%d", next)] = [2]string{fmt.Sprintf("q-%d", i), id}
				next++
			}
		}
		fmt.Fprintf(&b, "  [[questions.answers]]\n  id = \"shortcut\"\n  label = \"Straight to outcome %d\"\n  outcome = \"o-%d\"\n", i, i)
	}
	for i := range n {
		fmt.Fprintf(&b, "\n[[outcomes]]\nid = \"o-%d\"\ntitle = \"Outcome %d\"\nsummary = \"What to do in case %d.\"\n", i, i, i)
	}
	for i := range n {
		node := fmt.Sprintf("o-%d", i)
		if _, ok := parent[node]; !ok {
			continue
		}
		var steps []string
		for at := node; at != "q-0"; {
			p := parent[at]
			steps = append([]string{fmt.Sprintf("%q", p[0]+"="+p[1])}, steps...)
			at = p[0]
		}
		fmt.Fprintf(&b, "\n[[tests]]\nname = \"to %s\"\nsteps = [%s]\noutcome = %q\n", node, strings.Join(steps, ", "), node)
	}
	return b.String()
}

func TestBigTreeIsValid(t *testing.T) {
	var diags diag.List
	fm := frontmatter.Decode(file, []byte(bigTree(100)), 2, &diags)
	tr := tree.Parse(fm)
	tr.Validate(file, &diags)
	if errs, _ := diags.Count(); errs > 0 || len(tr.Questions)+len(tr.Outcomes) != 200 {
		t.Fatalf("%d nodes, %d errors: %v", len(tr.Questions)+len(tr.Outcomes), errs, diags.Items()[:min(5, diags.Len())])
	}
	if _, err := flowchart.Render(tr.Graph("Big")); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkValidateAndLayout200 validates a 200-node tree (100 questions,
// 100 outcomes, 300 answers, 50 scenario tests) and draws its flowchart,
// as the build does for a tree page. The target is under 50 ms.
func BenchmarkValidateAndLayout200(b *testing.B) {
	var diags diag.List
	fm := frontmatter.Decode(file, []byte(bigTree(100)), 2, &diags)
	tr := tree.Parse(fm)
	for b.Loop() {
		var d diag.List
		tr.Validate(file, &d)
		if _, err := flowchart.Render(tr.Graph("Big")); err != nil {
			b.Fatal(err)
		}
	}
}
