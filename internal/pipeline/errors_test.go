package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// base is a valid site that each error case adds one broken file to.
const base = `
-- content/_index.md --
+++
title = "Home"
+++
Home.
-- content/roles/csa.md --
+++
title = "CSA"
+++
Role.
-- content/areas/data.md --
+++
title = "Data and AI"
program_prefix = "Consumption | DAI"
+++
Area.
-- content/faq/known.md --
+++
title = "Known"
+++
## Known question

Known answer.
`

// TestErrorPositions pins the exact message and file:line:col of every
// class of content error; content owners jump to these positions.
func TestErrorPositions(t *testing.T) {
	cases := []struct {
		name, file, content string
		want                string
	}{
		{"unknown key", "content/faq/a.md", "+++\ntitle = \"A\"\nsumary = \"x\"\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:1: unknown key `sumary`; did you mean `summary`?"},
		{"wrong type", "content/faq/a.md", "+++\ntitle = \"A\"\nweight = \"heavy\"\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:1: `weight` must be a whole number, not the text \"heavy\"; write it as key = 3"},
		{"missing title", "content/faq/a.md", "+++\nsummary = \"x\"\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:2:1: missing required `title`; add title = \"...\""},
		{"malformed TOML", "content/faq/a.md", "+++\ntitle = \"A\"\nsummary = = 3\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:11: invalid front matter: expected value but found '=' instead; front matter is TOML: strings need quotes, e.g. title = \"My page\""},
		{"never closed", "content/faq/a.md", "+++\ntitle = \"A\"\n## Q\n",
			"content/faq/a.md:1:1: front matter opened with +++ is never closed; add a line holding only +++ after the last front-matter line"},
		{"yaml", "content/faq/a.md", "---\ntitle: A\n---\n",
			"content/faq/a.md:1:1: front matter must be TOML between +++ lines, not YAML between ---; replace both --- lines with +++ and write keys as key = \"value\""},
		{"empty file", "content/faq/a.md", "",
			"content/faq/a.md:1:1: the file is empty; start it with front matter: a line +++, then title = \"...\", then +++"},
		{"not UTF-8", "content/faq/a.md", "+++\ntitle = \"A\xff\"\n+++\n",
			"content/faq/a.md:2:11: the file is not valid UTF-8; save the file as UTF-8 in your editor"},
		{"NUL byte", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\nx\x00y\n",
			"content/faq/a.md:4:2: the file contains a NUL byte; content files must be plain UTF-8 text; is this a binary file saved as .md?"},
		{"missing page link", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q\n\nSee [it](knwon.md).\n",
			"content/faq/a.md:6:5: link to missing page `knwon.md`; did you mean `known.md`?"},
		{"missing page link in another folder", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q\n\nSee [it](../role/csa.md).\n",
			"content/faq/a.md:6:5: link to missing page `../role/csa.md`; did you mean `../roles/csa.md`?"},
		{"missing page link, nothing close", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q\n\nSee [it](nope.md).\n",
			"content/faq/a.md:6:5: link to missing page `nope.md`; check the file name; links are relative to this file"},
		{"missing anchor", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q\n\nSee [it](known.md#known-questoin).\n",
			"content/faq/a.md:6:5: anchor #known-questoin does not exist on content/faq/known.md; did you mean `known-question`?"},
		{"missing anchor, nothing close", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q\n\nSee [it](known.md#zzz).\n",
			"content/faq/a.md:6:5: anchor #zzz does not exist on content/faq/known.md; its anchors are #known-question"},
		{"link outside content", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q\n\nSee [it](../../etc/passwd).\n",
			"content/faq/a.md:6:5: link `../../etc/passwd` points outside content/; link only to files inside the content folder"},
		{"change note on two lines", "content/faq/a.md", "+++\ntitle = \"A\"\nchange_note = \"\"\"\nOne.\nTwo.\"\"\"\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:1: change_note has more than one line; say in one line, at most 200 characters, what changed; the page itself holds the detail"},
		{"change note too long", "content/faq/a.md", "+++\ntitle = \"A\"\nchange_note = \"" + strings.Repeat("é", 201) + "\"\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:1: change_note is 201 characters long; say in one line, at most 200 characters, what changed; the page itself holds the detail"},
		{"bad slug", "content/faq/a.md", "+++\ntitle = \"A\"\nslug = \"../../etc\"\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:1: invalid slug \"../../etc\"; a slug is one URL segment such as \"tracking-in-msx\""},
		{"duplicate URL", "content/faq/b.md", "+++\ntitle = \"B\"\nslug = \"known\"\n+++\n## Q\n\nA.\n",
			"content/faq/b.md:3:1: this page and content/faq/known.md both publish to /faq/known/; change this page's slug or file name"},
		{"unknown role", "content/faq/a.md", "+++\ntitle = \"A\"\nroles = [\"CAS\"]\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:1: unknown role `CAS`; did you mean `CSA`?"},
		{"unknown type", "content/a.md", "+++\ntitle = \"A\"\ntype = \"fqa\"\n+++\nA.\n",
			"content/a.md:3:1: unknown page type `fqa`; did you mean `faq`?"},
		{"unknown area", "content/motions/m.md", "+++\ntitle = \"M\"\nsolution_area = \"Data & AI\"\nprogram = \"Consumption | DAI | M\"\n+++\nM.\n",
			"content/motions/m.md:3:1: unknown solution area \"Data & AI\"; did you mean `Data and AI`?"},
		{"unknown outcome", "content/motions/m.md", "+++\ntitle = \"M\"\nsolution_area = \"Data and AI\"\nprogram = \"P\"\noutcomes = [\"optimise\"]\n+++\nM.\n",
			"content/motions/m.md:5:1: unknown outcome `optimise`; did you mean `optimize`?"},
		{"motion without program", "content/motions/m.md", "+++\ntitle = \"M\"\nsolution_area = \"Data and AI\"\n+++\nM.\n",
			"content/motions/m.md:2:1: missing required `program`; add program = \"...\""},
		{"scenario missing section", "content/scenarios/s.md", "+++\ntitle = \"S\"\nnumber = 1\nsituation = \"When.\"\n+++\n## What the seller does\n\nX.\n\n## What the partner does\n\nY.\n",
			"content/scenarios/s.md:2:1: scenario is missing the section \"Seller mindset\"; add a section headed \"## Seller mindset\" (names are set in site.toml [scenarios])"},
		{"scenario number taken", "content/scenarios/a.md", "+++\ntitle = \"A\"\nnumber = 3\nsituation = \"When.\"\n+++\n## What the seller does\n\nX.\n\n## Seller mindset\n\nY.\n\n## What the partner does\n\nZ.\n" +
			"-- content/scenarios/b.md --\n+++\ntitle = \"B\"\nnumber = 3\nsituation = \"When.\"\n+++\n## What the seller does\n\nX.\n\n## Seller mindset\n\nY.\n\n## What the partner does\n\nZ.\n",
			"content/scenarios/b.md:3:1: scenario number 3 is also the number of content/scenarios/a.md; give each scenario its own number; the next free one is 4"},
		{"FAQ without questions", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\nJust text.\n",
			"content/faq/a.md:2:1: FAQ topic has no questions; write each question as a ## heading with its answer below it"},
		{"question without answer", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q one\n\n## Q two\n\nA.\n",
			"content/faq/a.md:4:4: question \"Q one\" has no answer; write the answer below the question, before the next ##"},
		{"glossary without expansion", "content/glossary.md", "+++\ntitle = \"G\"\n\n[[terms]]\nterm = \"TPID\"\n+++\nG.\n",
			"content/glossary.md:4:1: glossary term `TPID` has no `expansion`; add expansion = \"what TPID stands for\""},
		{"glossary duplicate", "content/glossary.md", "+++\ntitle = \"G\"\n\n[[terms]]\nterm = \"EA\"\nexpansion = \"Enterprise Agreement\"\n\n[[terms]]\nterm = \"EA\"\nexpansion = \"Again\"\n+++\nG.\n",
			"content/glossary.md:9:1: glossary term `EA` is defined twice; merge the two entries"},
		{"glossary term too long", "content/glossary.md", "+++\ntitle = \"G\"\n\n[[terms]]\nterm = \"" + strings.Repeat("A", 65) + "\"\nexpansion = \"E\"\n+++\nG.\n",
			"content/glossary.md:5:1: glossary term is 65 bytes long; a term is an abbreviation or a short name of at most 64 bytes; put the rest in `expansion`"},
		{"page too deep", "content/" + strings.Repeat("a/", 17) + "p.md", "+++\ntitle = \"P\"\n+++\nP.\n",
			"content/" + strings.Repeat("a/", 17) + "p.md:1:1: page is 17 folders deep; at most 16; move it up: readers find pages through a few levels of sections"},
		{"raw HTML", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q\n\n<div>raw</div>\n",
			"content/faq/a.md:6:1: warning: raw HTML dropped; write it in markdown, or set [markdown] unsafe_html = true in site.toml"},
		{"mermaid outside subset", "content/a.md", "+++\ntitle = \"A\"\n+++\n```mermaid\ngraph TD\n  A --> B\n  A -.-> C\n```\n",
			"content/a.md:7:"},
		{"broken link in a tree hint", "content/trees/t.md", "+++\ntitle = \"T\"\nstart = \"q\"\n\n[[questions]]\nid = \"q\"\nquestion = \"Q?\"\nhint = \"See [the FAQ](../faq/nope.md).\"\n[[questions.answers]]\nid = \"a\"\nlabel = \"A\"\noutcome = \"o\"\n[[questions.answers]]\nid = \"b\"\nlabel = \"B\"\noutcome = \"o2\"\n\n[[outcomes]]\nid = \"o\"\ntitle = \"O\"\n[[outcomes]]\nid = \"o2\"\ntitle = \"O2\"\n+++\nIntro.\n",
			"content/trees/t.md:6:1: link to missing page `../faq/nope.md`"},
		{"related missing", "content/a.md", "+++\ntitle = \"A\"\nrelated = [\"faq/nope.md\"]\n+++\nA.\n",
			"content/a.md:3:1: link to missing page `faq/nope.md`"},
		{"curly quotes", "content/faq/a.md", "+++\ntitle = \"A\"\nsummary = “Short”\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:11: `summary` has curly quotes “…”; TOML needs straight quotes, as a plain-text editor types them: summary = \"Short\""},
		{"date written day/month", "content/faq/a.md", "+++\ntitle = \"A\"\nreviewed = 04/12/2026\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:12: `reviewed = 04/12/2026` is not a date TOML can read; write dates year-month-day, without quotes: reviewed = 2026-12-04 for 4 December 2026, or reviewed = 2026-04-12 for 12 April 2026 (04/12/2026 means either, depending on the country)"},
		{"misspelt callout", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Q\n\n> [!NOTES]\n> Read this.\n",
			"content/faq/a.md:6:3: unknown callout `[!NOTES]`; did you mean `[!NOTE]`? The callouts are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION]"},
		{"question asked twice", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Who pays?\n\nA.\n\n## Who pays?\n\nB.\n",
			"content/faq/a.md:8:4: warning: the question \"Who pays?\" is asked twice on this page (first at line 4); merge the two answers under one question, or reword one of them"},
		{"title taken in the section", "content/faq/a.md", "+++\ntitle = \"Known\"\n+++\n## Q\n\nA.\n",
			"content/faq/known.md:2:1: warning: another page in this section, content/faq/a.md, has the same title \"Known\"; give each page its own title: readers choose between them in menus and search results"},
		{"template text left", "content/faq/a.md", "+++\ntitle = \"A\"\nsummary = \"\"\n+++\n## First question?\n\nIts answer. Every ## heading is a question.\n",
			"content/faq/a.md:3:1: warning: `summary` is empty; write one line saying what the page is about (listings and search results show it), or delete the line"},
		{"template heading left", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## First question?\n\nIts answer.\n",
			"content/faq/a.md:4:4: warning: the heading \"First question?\" is the template's placeholder; replace it with your own heading"},
		{"template answer left", "content/faq/a.md", "+++\ntitle = \"A\"\n+++\n## Real question?\n\nIts answer. Every ## heading is a question; the text below it is the answer.\n",
			"content/faq/a.md:6:1: warning: \"Its answer.\" is the template's placeholder text; replace it with your own words"},
		{"empty bullet", "content/scenarios/s.md", "+++\ntitle = \"S\"\nnumber = 1\nsituation = \"When.\"\n+++\n## What the seller does\n\n- Acts.\n- \n\n## Seller mindset\n\nY.\n\n## What the partner does\n\nZ.\n",
			"content/scenarios/s.md:9:1: warning: empty list item; write something after the bullet, or delete the line"},
		{"scenario without number", "content/scenarios/s.md", "+++\ntitle = \"S\"\nsituation = \"When.\"\n+++\n## What the seller does\n\nX.\n\n## Seller mindset\n\nY.\n\n## What the partner does\n\nZ.\n",
			"content/scenarios/s.md:2:1: missing required `number`; add number = 1, the next free number"},
		{"tree answer to an unknown id", "content/trees/t.md", "+++\ntitle = \"T\"\nstart = \"q\"\n\n[[questions]]\nid = \"q\"\nquestion = \"Q?\"\n[[questions.answers]]\nid = \"a\"\nlabel = \"A\"\nnext = \"q2x\"\n[[questions.answers]]\nid = \"b\"\nlabel = \"B\"\noutcome = \"o2\"\n\n[[questions]]\nid = \"q2\"\nquestion = \"Q2?\"\n[[questions.answers]]\nid = \"c\"\nlabel = \"C\"\noutcome = \"o\"\n[[questions.answers]]\nid = \"d\"\nlabel = \"D\"\noutcome = \"o2\"\n\n[[outcomes]]\nid = \"o\"\ntitle = \"O\"\n[[outcomes]]\nid = \"o2\"\ntitle = \"O2\"\n+++\nIntro.\n",
			"content/trees/t.md:11:1: answer `a` leads to unknown question `q2x`; did you mean `q2`? The questions are `q`, `q2`"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := diagnostics(t, base+"-- "+c.file+" --\n"+c.content)
			for _, d := range got {
				if strings.HasPrefix(d, c.want) {
					return
				}
			}
			t.Errorf("want a diagnostic starting\n  %s\ngot:\n  %s", c.want, strings.Join(got, "\n  "))
		})
	}
}

// TestAllProblemsReportedAtOnce checks one build lists every problem, not
// only the first.
func TestAllProblemsReportedAtOnce(t *testing.T) {
	got := diagnostics(t, base+`-- content/faq/a.md --
+++
title = "A"
sumary = "x"
+++
## Q

[x](missing.md)
-- content/faq/b.md --
+++
title = 3
+++
## Q

[y](#nope)
`)
	if len(got) != 4 {
		t.Fatalf("got %d diagnostics, want 4:\n%s", len(got), strings.Join(got, "\n"))
	}
}

func TestSymlinkLoop(t *testing.T) {
	dir := writeSite(t, base)
	loop := filepath.Join(dir, "content", "faq", "loop")
	if err := os.Symlink("..", loop); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	res, err := Check(t.Context(), Options{Source: dir, Now: fixedNow})
	if err == nil {
		t.Fatal("a symlink loop should fail the check")
	}
	found := false
	for _, d := range res.Diagnostics {
		if strings.HasPrefix(d.String(), "content/faq/loop: symbolic link loop") {
			found = true
		}
	}
	if !found {
		t.Errorf("no symlink loop diagnostic in %v", res.Diagnostics)
	}
}

// TestTemplateErrors checks broken site templates are reported with their
// file and line, for every page that uses them, and never panic.
func TestTemplateErrors(t *testing.T) {
	cases := []struct{ name, layout, want string }{
		{"parse error", "{{define \"main\"}}\n<p>{{.Page.Title}</p>{{end}}\n", "layouts/faq.html:2: template: bad character U+007D '}'; fix the template syntax"},
		{"execution error", "{{define \"main\"}}\n<p>{{.Page.NoSuchField}}</p>{{end}}\n", "layouts/faq.html:2:10: template: executing \"main\" at <.Page.NoSuchField>: can't evaluate field NoSuchField"},
		{"missing partial", "{{define \"main\"}}{{template \"partials/nope.html\" .}}{{end}}\n", "layouts/faq.html:1:28: template: no such template \"partials/nope.html\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := diagnostics(t, base+"-- layouts/faq.html --\n"+c.layout)
			if len(got) != 1 {
				t.Errorf("want one diagnostic for one broken template, got %d", len(got))
			}
			for _, d := range got {
				if strings.HasPrefix(d, c.want) {
					return
				}
			}
			t.Errorf("want a diagnostic starting\n  %s\ngot:\n  %s", c.want, strings.Join(got, "\n  "))
		})
	}
}
