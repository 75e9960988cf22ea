package page

import (
	"path"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
)

func parse(t *testing.T, rel, src string) []string {
	t.Helper()
	cfg := config.Default()
	var diags diag.List
	Parse(markdown.New(markdown.Options{}), &cfg, "content/"+rel, rel, []byte(src), &diags)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	return got
}

// TestStarterPlaceholders: every starter fresh from `fieldguide new` warns
// about each placeholder it holds, and once they are all replaced, the
// page has no problem left: what a finished page keeps of its template
// (ids, labels, required headings) is never mistaken for a placeholder.
func TestStarterPlaceholders(t *testing.T) {
	ph := starterPlaceholders()
	for _, s := range Starters {
		t.Run(s.Kind, func(t *testing.T) {
			name := s.File
			if name == "" {
				name = "x.md"
			}
			rel := path.Join(s.Folder, name)
			src := s.Fill("My page", "2026-01-02", 1)
			var want int
			count := func(old string) int {
				n := strings.Count(src, old)
				want += n
				return n
			}
			finished := src
			for key, values := range ph.values {
				leaf := key[strings.LastIndex(key, ".")+1:]
				for v := range values {
					old := leaf + ` = "` + v + `"`
					if count(old) > 0 {
						finished = strings.ReplaceAll(finished, old, leaf+` = "Own words for `+leaf+`."`)
					}
				}
			}
			for h := range ph.headings {
				if count("## "+h+"\n") > 0 {
					finished = strings.ReplaceAll(finished, "## "+h+"\n", "## Own heading?\n")
				}
			}
			for _, sentence := range ph.sentences {
				if count("\n"+sentence) > 0 {
					finished = strings.ReplaceAll(finished, "\n"+sentence, "\nOwn words.")
				}
			}
			if n := count("- \n"); n > 0 {
				finished = strings.ReplaceAll(finished, "- \n", "- A point.\n")
			}
			got := parse(t, rel, src)
			if len(got) != want || want == 0 {
				t.Errorf("fresh starter: %d warnings for %d placeholders:\n%s", len(got), want, strings.Join(got, "\n"))
			}
			for _, d := range got {
				if !strings.Contains(d, ": warning: ") {
					t.Errorf("a fresh starter must build: %s", d)
				}
			}
			if got := parse(t, rel, finished); len(got) != 0 {
				t.Errorf("finished page:\n%s\n%s", strings.Join(got, "\n"), finished)
			}
		})
	}
}

// TestDuplicateQuestions: one FAQ question twice on a page is a warning at
// the second, case, spacing and closing punctuation aside.
func TestDuplicateQuestions(t *testing.T) {
	src := "+++\ntitle = \"A\"\n+++\n## How do I track it?\n\nOne.\n\n## Who pays?\n\nTwo.\n\n##  how do I  track it\n\nThree.\n"
	want := "content/faq/a.md:12:5: warning: the question \"how do I track it\" is asked twice on this page (first at line 4); merge the two answers under one question, or reword one of them"
	if got := parse(t, "faq/a.md", src); strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestStarterExamples: the page `fieldguide init` writes for each kind is
// its template with every placeholder replaced: each edit finds its text,
// and the page has no problem left. (The site's checks across pages run
// in cmd/fieldguide's init test.)
func TestStarterExamples(t *testing.T) {
	for _, s := range Starters {
		t.Run(s.Kind, func(t *testing.T) {
			filled := s.Fill(s.example.title, "2026-01-02", 1)
			for i := 0; i+1 < len(s.example.edits); i += 2 {
				if !strings.Contains(filled, s.example.edits[i]) {
					t.Errorf("edit %d finds nothing to replace: %q", i/2, s.example.edits[i])
				}
			}
			rel, text := s.Example("2026-01-02")
			if !strings.HasPrefix(text, "+++\n") || path.Dir(rel) != path.Clean(s.Folder+"/.") && s.Folder != "" {
				t.Errorf("example at %s:\n%s", rel, text)
			}
			if got := parse(t, rel, text); len(got) != 0 {
				t.Errorf("example %s:\n%s\n%s", rel, strings.Join(got, "\n"), text)
			}
		})
	}
}

func TestTermEntry(t *testing.T) {
	want := "[[terms]]\nterm = \"A\\\"B\"\nexpansion = \"What the abbreviation stands for\"\ndefinition = \"What it means in this guide, in one line.\"\n"
	if got := TermEntry(`A"B`); got != want {
		t.Errorf("TermEntry = %q, want %q", got, want)
	}
}
