package markdown

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
)

// FuzzIncludes parses a page that may include a snippet (which may include
// itself or the missing one) and checks every position lands in the file
// it names: problems, headings and links.
func FuzzIncludes(f *testing.F) {
	for _, seed := range [][2]string{
		{"Top.\n\n{{< include \"_s/a.md\" >}}\n\nBottom [x](y.md).\n", "## Shared\n\nSee [z](../z.md).\n"},
		{"{{< include \"_s/a.md\" >}}", "{{< include \"_s/a.md\" >}}\n"},
		{"- {{< include \"_s/a.md\" >}}\n\n{{< include \"_s/missing.md\" >}}\n", "> [!WARN]\n> x\n"},
		{"```\n{{< include \"_s/a.md\" >}}\n```\n{{< nope >}}\n", "- a\n- b"},
		{"## H\n{{< include \"_s/a.md\" >}}\ntext after\n", "text\n\n{{< include \"../x.md\" >}}\n"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, body, snippet string) {
		md := New(Options{Include: func(rel string) ([]byte, error) {
			if rel == "_s/a.md" {
				return []byte(snippet), nil
			}
			return nil, fs.ErrNotExist
		}})
		file := "+++\ntitle = \"P\"\n+++\n" + body
		lines := map[string]int{
			"content/p.md":    strings.Count(file, "\n") + 1,
			"content/_s/a.md": strings.Count(snippet, "\n") + 1,
		}
		var diags diag.List
		var d *Doc
		fuzzbudget.Run(t, len(body)+len(snippet), func() {
			d = md.Parse("content/p.md", []byte(file), len("+++\ntitle = \"P\"\n+++\n"), &diags)
			if _, err := md.Render(d); err != nil {
				t.Fatalf("render: %v", err)
			}
		})
		check := func(what, source string, pos diag.Pos) {
			if source == "" {
				source = "content/p.md"
			}
			n, ok := lines[source]
			if !ok || pos.Line > n || pos.Line < 0 {
				t.Fatalf("%s at %s:%d, which has %d lines", what, source, pos.Line, n)
			}
		}
		for _, p := range diags.Items() {
			check("problem "+p.Message, p.Path, p.Pos)
		}
		for _, h := range d.Headings {
			check("heading "+h.Text, h.Source, h.Pos)
		}
		for _, l := range d.Links {
			check("link "+l.Dest, l.Source, l.Pos)
		}
	})
}

func TestWhere(t *testing.T) {
	md := New(Options{Include: func(rel string) ([]byte, error) {
		return []byte("Line one.\n\n## Snippet heading\n"), nil
	}})
	file := "+++\ntitle = \"P\"\n+++\nIntro.\n\n{{< include \"_s/a.md\" >}}\n\n## Page heading\n"
	var diags diag.List
	d := md.Parse("content/p.md", []byte(file), len("+++\ntitle = \"P\"\n+++\n"), &diags)
	if diags.Len() != 0 {
		t.Fatalf("problems: %v", diags.Items())
	}
	want := []struct {
		text, source string
		line         int
	}{{"Snippet heading", "content/_s/a.md", 3}, {"Page heading", "", 8}}
	if len(d.Headings) != len(want) {
		t.Fatalf("headings %d, want %d", len(d.Headings), len(want))
	}
	for i, w := range want {
		h := d.Headings[i]
		if h.Text != w.text || h.Source != w.source || h.Pos.Line != w.line {
			t.Errorf("heading %d = %q in %q line %d, want %q in %q line %d", i, h.Text, h.Source, h.Pos.Line, w.text, w.source, w.line)
		}
	}
	if strings.Join(d.Includes, ",") != "content/_s/a.md" {
		t.Errorf("Includes = %v", d.Includes)
	}
}

// TestIncludeLimits: a snippet included many times is read once per page,
// and a page follows at most MaxIncludes directives.
func TestIncludeLimits(t *testing.T) {
	reads := 0
	md := New(Options{Include: func(rel string) ([]byte, error) {
		reads++
		return []byte("Shared."), nil
	}})
	parse := func(n int) []diag.Diagnostic {
		body := strings.Repeat("{{< include \"_s/a.md\" >}}\n\n", n)
		var diags diag.List
		md.Parse("content/p.md", []byte("+++\n+++\n"+body), len("+++\n+++\n"), &diags)
		return diags.Items()
	}
	if got := parse(5); len(got) != 0 || reads != 1 {
		t.Errorf("5 includes of one snippet: %d reads, problems %v", reads, got)
	}
	got := parse(MaxIncludes + 1)
	if len(got) != 1 || got[0].String() != "content/p.md:2003:1: the page has more than 1000 includes; include fewer snippets, or merge some of them" {
		t.Errorf("over the limit: %v", got)
	}
}
