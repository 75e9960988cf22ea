package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestIncludes builds each site in testdata/includes. Besides the site,
// an archive holds what to expect: want/diagnostics, every problem (the
// build must fail when there are any); want/output, lines "PATH: text"
// that the built PATH must contain; want/absent, output paths that must
// not exist.
func TestIncludes(t *testing.T) {
	archives, err := filepath.Glob(filepath.Join("testdata", "includes", "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no archives: %v", err)
	}
	for _, name := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			want := map[string]string{}
			for _, f := range a.Files {
				if rest, ok := strings.CutPrefix(f.Name, "want/"); ok {
					want[rest] = string(f.Data)
					continue
				}
				sitetest.WriteFile(t, dir, f.Name, string(f.Data))
			}
			res, err := buildSite(t, dir, Options{})
			if res == nil {
				t.Fatalf("build: %v", err)
			}
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.String()+"\n")
			}
			if g := strings.Join(got, ""); g != want["diagnostics"] {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", g, want["diagnostics"])
			}
			if (err != nil) != (want["diagnostics"] != "") {
				t.Fatalf("build error %v, but want diagnostics %q", err, want["diagnostics"])
			}
			public := filepath.Join(dir, "public")
			for _, line := range lines(want["output"]) {
				path, text, _ := strings.Cut(line, ": ")
				if page := readOut(t, public, path); !strings.Contains(page, text) {
					t.Errorf("%s lacks %q:\n%s", path, text, mainElement(page))
				}
			}
			for _, path := range lines(want["absent"]) {
				if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(path))); err == nil {
					t.Errorf("%s was published", path)
				}
			}
		})
	}
}

func lines(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' })
}

// TestBuilderSnippetEdits: editing a snippet re-renders every page that
// includes it, directly or through another snippet, and no other page; a
// problem in a snippet is placed in it; the result always matches a full
// build. serve rebuilds through this path.
func TestBuilderSnippetEdits(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, map[string]string{
		"content/_index.md":          "+++\ntitle = \"Home\"\n+++\nSee [a](faq/a.md), [b](faq/b.md) and [c](faq/c.md).\n",
		"content/faq/a.md":           "+++\ntitle = \"A\"\n+++\n## Who?\n\n{{< include \"_snippets/s.md\" >}}\n",
		"content/faq/b.md":           "+++\ntitle = \"B\"\n+++\n## Why?\n\n{{< include \"_snippets/outer.md\" >}}\n",
		"content/faq/c.md":           "+++\ntitle = \"C\"\n+++\n## What?\n\nNo includes here.\n",
		"content/_snippets/outer.md": "Outer text.\n\n{{< include \"_snippets/s.md\" >}}\n",
		"content/_snippets/s.md":     "Shared text.\n",
	})
	m := newIncMirror(t, dir)
	steps := []struct {
		name    string
		do      func()
		changed string
		want    []string // pages re-rendered
		problem string   // the build's one problem, if any
	}{
		{"edit the inner snippet", func() { m.edit("content/_snippets/s.md", "Shared text.", "Shared text, edited.") },
			"content/_snippets/s.md", []string{"faq/a/index.html", "faq/b/index.html"}, ""},
		{"edit the outer snippet", func() { m.edit("content/_snippets/outer.md", "Outer text.", "Outer text, edited.") },
			"content/_snippets/outer.md", []string{"faq/b/index.html"}, ""},
		{"a broken link in the snippet", func() { m.edit("content/_snippets/s.md", "edited.", "edited, see [x](../faq/x.md).") },
			"content/_snippets/s.md", nil, "content/_snippets/s.md:1:26: link to missing page `../faq/x.md` (in text included by content/faq/a.md)"},
		{"fixed", func() { m.edit("content/_snippets/s.md", "../faq/x.md", "../faq/c.md") },
			"content/_snippets/s.md", []string{"faq/a/index.html", "faq/b/index.html", "faq/c/index.html"}, ""},
		{"snippet removed", func() { m.remove("content/_snippets/s.md") },
			"content/_snippets/s.md", nil, "content/_snippets/outer.md:3:1: cannot include \"_snippets/s.md\": no such file or directory (in text included by content/faq/b.md)"},
		{"snippet back", func() { m.write("content/_snippets/s.md", "Shared again, see [c](../faq/c.md).\n") },
			"content/_snippets/s.md", []string{"faq/a/index.html", "faq/b/index.html"}, ""},
	}
	for _, st := range steps {
		st.do()
		rep, err := m.rebuild(st.changed)
		if st.problem != "" {
			if err == nil || len(rep.Diagnostics) == 0 || !strings.HasPrefix(rep.Diagnostics[0].String(), st.problem) {
				t.Fatalf("%s: want the problem\n  %s\ngot %v", st.name, st.problem, rep.Diagnostics)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		for _, page := range st.want {
			if !slices.Contains(rep.Changed, page) {
				t.Errorf("%s: %s not re-rendered; changed %v", st.name, page, rep.Changed)
			}
		}
		if !slices.Contains(st.want, "faq/c/index.html") && slices.Contains(rep.Changed, "faq/c/index.html") {
			t.Errorf("%s: a page without the snippet was re-rendered", st.name)
		}
		m.check(st.name)
	}
}
