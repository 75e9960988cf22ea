package page

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/markdown"
)

func parsePage(t *testing.T, rel, src string) (*Page, []string) {
	t.Helper()
	cfg := config.Default()
	var diags diag.List
	p := Parse(markdown.New(markdown.Options{}), &cfg, "content/"+rel, rel, []byte(src), &diags)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	return p, got
}

func TestKindForPath(t *testing.T) {
	for rel, want := range map[string]Kind{
		"glossary.md":             KindGlossary,
		"about.md":                KindPage,
		"faq/tracking.md":         KindFAQ,
		"faq/_index.md":           KindFAQ,
		"motions/a/b.md":          KindMotion,
		"scenarios/01.md":         KindScenario,
		"trees/t.md":              KindTree,
		"roles/csa.md":            KindRole,
		"areas/data.md":           KindArea,
		"guides/faq/x.md":         KindPage, // only the top folder decides
		"glossary/extra-terms.md": KindGlossary,
	} {
		if got := KindForPath(rel); got != want {
			t.Errorf("KindForPath(%q) = %s, want %s", rel, got, want)
		}
	}
}

// TestParse: what one file gives, by kind, read against its schema.
func TestParse(t *testing.T) {
	tests := []struct {
		name, rel, src string
		check          func(t *testing.T, p *Page)
	}{
		{"common keys", "guides/a.md", "+++\ntitle = \"A\"\nsummary = \"S\"\nweight = 3\nslug = \"aa\"\ntags = [\"x\"]\nroles = [\"CSA\"]\nreviewed = 2026-01-02\n+++\nBody.\n",
			func(t *testing.T, p *Page) {
				if p.Title != "A" || p.Summary != "S" || p.Weight != 3 || !p.Weighted || p.Slug != "aa" ||
					strings.Join(p.Tags, ",") != "x" || strings.Join(p.Roles, ",") != "CSA" || p.Reviewed.Format("2006-01-02") != "2026-01-02" {
					t.Errorf("%+v", p)
				}
				if p.Kind != KindPage || p.IsSection || p.Dir() != "guides" || p.KeyPos("slug").Line != 5 {
					t.Errorf("kind %s, section %v, dir %q, slug at %v", p.Kind, p.IsSection, p.Dir(), p.KeyPos("slug"))
				}
			}},
		{"type overrides the folder", "guides/q.md", "+++\ntitle = \"Q\"\ntype = \"faq\"\n+++\n## Why?\n\nBecause.\n",
			func(t *testing.T, p *Page) {
				if p.Kind != KindFAQ {
					t.Errorf("kind %s", p.Kind)
				}
			}},
		{"section", "faq/_index.md", "+++\ntitle = \"FAQ\"\n+++\n",
			func(t *testing.T, p *Page) {
				if !p.IsSection || p.Kind != KindFAQ {
					t.Errorf("section %v kind %s", p.IsSection, p.Kind)
				}
			}},
		{"scenario weight from its number", "scenarios/s.md", "+++\ntitle = \"S\"\nnumber = 4\nsituation = \"When.\"\n+++\n## What the seller does\n\nA.\n\n## Seller mindset\n\nB.\n\n## What the partner does\n\nC.\n",
			func(t *testing.T, p *Page) {
				if p.Scenario == nil || p.Scenario.Number != 4 || p.Weight != 4 || !p.Weighted || p.Scenario.Situation != "When." {
					t.Errorf("scenario %+v weight %d", p.Scenario, p.Weight)
				}
			}},
		{"glossary terms and definition snippets", "glossary.md", "+++\ntitle = \"G\"\n[[terms]]\nterm = \"EA\"\nexpansion = \"Enterprise Agreement\"\ndefinition = \"See [x](faq/a.md).\"\n+++\n",
			func(t *testing.T, p *Page) {
				if len(p.Terms) != 1 || p.Terms[0].Term != "EA" || p.Terms[0].Expansion != "Enterprise Agreement" {
					t.Fatalf("terms %+v", p.Terms)
				}
				d := p.Snippet("definition:EA")
				if d == nil || len(d.Links) != 1 || d.Links[0].Dest != "faq/a.md" {
					t.Errorf("definition snippet %+v", d)
				}
			}},
		{"body links and headings keep what was written", "faq/a.md", "+++\ntitle = \"A\"\n+++\n## One? {#one}\n\nSee [b](b.md#x).\n",
			func(t *testing.T, p *Page) {
				if len(p.Body.Headings) != 1 || p.Body.Headings[0].ID != "one" || len(p.Body.Links) != 1 || p.Body.Links[0].Dest != "b.md#x" {
					t.Errorf("headings %+v links %+v", p.Body.Headings, p.Body.Links)
				}
				if pos := p.Body.Links[0].Pos; pos.Line != 6 {
					t.Errorf("link at %v, want line 6 of the file", pos)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := parsePage(t, tt.rel, tt.src)
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %q", diags)
			}
			tt.check(t, p)
		})
	}
}

// TestParseErrors: each mistake is reported at its file, line and column,
// with what to do.
func TestParseErrors(t *testing.T) {
	tests := []struct{ name, rel, src, want string }{
		{"unknown type", "a.md", "+++\ntitle = \"A\"\ntype = \"fqa\"\n+++\n", "content/a.md:3:1: unknown page type `fqa`; did you mean `faq`?"},
		{"missing title", "a.md", "+++\nsummary = \"S\"\n+++\n", "content/a.md:2:1: missing required `title`; add title = \"...\""},
		{"bad slug", "a.md", "+++\ntitle = \"A\"\nslug = \"a/b\"\n+++\n", "content/a.md:3:1: invalid slug \"a/b\"; a slug is one URL segment"},
		{"motion without program", "motions/m.md", "+++\ntitle = \"M\"\nsolution_area = \"Data\"\n+++\n", "content/motions/m.md:2:1: missing required `program`"},
		{"too deep", strings.Repeat("d/", MaxFolderDepth+1) + "a.md", "+++\ntitle = \"A\"\n+++\n", "folders deep; at most 16"},
		{"no front matter end", "a.md", "+++\ntitle = \"A\"\n", "content/a.md:1:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := parsePage(t, tt.rel, tt.src)
			if !strings.Contains(strings.Join(diags, "\n"), tt.want) {
				t.Errorf("diagnostics %q lack %q", diags, tt.want)
			}
		})
	}
}
