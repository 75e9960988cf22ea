package page

import (
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
)

// Starter is the file `fieldguide new` writes for one kind: front matter
// that already builds, each key explained in a comment, and placeholder
// text for the author to replace. Parse reads the placeholders from these
// same files, so a page that still holds one gets a warning whatever the
// templates come to say. `fieldguide init` writes each starter's Example:
// the same template with every placeholder replaced.
type Starter struct {
	Kind   string
	Folder string // under content/; "" for a page at the top
	// File is the file name for kinds that have one fixed file (the
	// glossary); "" names the file after the page.
	File string
	text string // {title}, {reviewed} and {number} are filled in
	// keepHeadings are the template's headings a finished page keeps.
	keepHeadings []string
	example      example
}

// example is a finished page made from a starter: its file name, its
// title, and edits (old, new, old, new ...) replacing each placeholder.
type example struct {
	slug, title string
	edits       []string
}

// Comments shared by the templates: the keys every kind has.
const (
	titleComment    = "# The page's title: headings, listings, search results and the browser tab show it.\n"
	summaryComment  = "# One line saying what the page is about; listings and search results show it.\n"
	reviewedComment = "# When someone last checked the page against its sources (year-month-day).\n" +
		"# `fieldguide check` lists pages older than site.toml's [freshness] max_age_days.\n"
	rolesComment = "# Who the page is for: role pages' file names (roles/seller.md is Seller).\n" +
		"# Each role's page lists the pages that name it.\n"
	tagsComment = "# Optional: words that group pages across sections; each tag gets a page.\n"
)

// Starters are the kinds `fieldguide new` creates, in the order its help
// lists them.
var Starters = []Starter{
	{Kind: "faq", Folder: "faq", text: `+++
` + titleComment + `title = "{title}"
` + summaryComment + `summary = ""
` + reviewedComment + `reviewed = {reviewed}
` + rolesComment + `roles = []
` + tagsComment + `tags = []
+++

## First question?

Its answer. Every ## heading is a question; the text below it is the answer.
`, example: example{slug: "writing-this-guide", title: "Writing this guide", edits: []string{
		`summary = ""`, `summary = "How to change this guide, preview it and publish it."`,
		`roles = []`, `roles = ["Seller"]`,
		`tags = []`, `tags = ["getting-started"]`,
		"## First question?\n\nIts answer. Every ## heading is a question; the text below it is the answer.\n",
		"## How do I preview my changes?\n\nRun `fieldguide serve` in the guide's folder and open the address it prints.\n" +
			"Every page you save is rebuilt and reloaded.\n\n" +
			"## How do I know a change is right?\n\nRun `fieldguide check`. It names the file, line and column of each problem\n" +
			"and says how to fix it. Pull requests run it too.\n",
	}}},
	{Kind: "motion", Folder: "motions", keepHeadings: []string{"Sizing the milestone"}, text: `+++
` + titleComment + `title = "{title}"
` + summaryComment + `summary = ""
` + reviewedComment + `reviewed = {reviewed}
# The title of the solution area's page in content/areas/.
solution_area = "Data and AI"
# The MSX sales program, as the Master List names it.
program = "Consumption DAI ..."
# What the motion does for the customer's consumption: any of
# accelerate, retain, expand and optimize.
outcomes = ["accelerate"]
# The wave the motion belongs to.
wave = 1
` + rolesComment + `roles = ["CSA"]
# Partners with an offer for this motion (optional).
partners = []
` + tagsComment + `tags = []
+++

## Sizing the milestone

How to size the MSX milestone for this motion.
`, example: example{slug: "example-motion", title: "Example motion", edits: []string{
		`summary = ""`, `summary = "A motion, to show what a motion page holds."`,
		`solution_area = "Data and AI"`, `solution_area = "Example area"`,
		`program = "Consumption DAI ..."`, `program = "Consumption Example Motion"`,
		`roles = ["CSA"]`, `roles = ["Seller"]`,
		`tags = []`, `tags = ["getting-started"]`,
		"How to size the MSX milestone for this motion.\n",
		"Say here how the milestone's value is worked out, and who enters it.\n",
	}}},
	{Kind: "scenario", Folder: "scenarios", keepHeadings: []string{"What the seller does", "Seller mindset", "What the partner does"}, text: `+++
` + titleComment + `title = "{title}"
# The scenario's number: unique, it orders the scenarios.
number = {number}
# When this scenario applies, in one line (the scenario list shows it).
situation = "When this scenario applies, in one line."
` + reviewedComment + `reviewed = {reviewed}
` + rolesComment + `roles = ["Seller"]
+++

## What the seller does

- 

## Seller mindset

- 

## What the partner does

- 
`, example: example{slug: "01-example-scenario", title: "Scenario 1: an example", edits: []string{
		`situation = "When this scenario applies, in one line."`, `situation = "A partner asks you how a scenario page is written."`,
		"## What the seller does\n\n- \n", "## What the seller does\n\n- Read the three sections every scenario has.\n",
		"## Seller mindset\n\n- \n", "## Seller mindset\n\n- The partner leads; you help where asked.\n",
		"## What the partner does\n\n- \n", "## What the partner does\n\n- Drives the deal.\n",
	}}},
	{Kind: "tree", Folder: "trees", text: `+++
` + titleComment + `title = "{title}"
` + summaryComment + `summary = ""
` + reviewedComment + `reviewed = {reviewed}
# The id of the first question.
start = "first"

# Each question has an id (lowercase letters, digits and dashes), the
# question, an optional hint (markdown) and two or more answers. Each
# answer leads to the next question's id or to an outcome's id.
[[questions]]
id = "first"
question = "What is the first question?"

  [[questions.answers]]
  id = "yes"
  label = "Yes"
  outcome = "done"

  [[questions.answers]]
  id = "no"
  label = "No"
  outcome = "other"

# Where the answers lead: a title, a summary (markdown) and optionally
# the page to read next (a relative link to its .md file).
[[outcomes]]
id = "done"
title = "First outcome"
summary = "What to do."

[[outcomes]]
id = "other"
title = "Second outcome"
summary = "What to do instead."

# Tests walk the tree (steps are question=answer) and name the outcome
# they must reach; the build fails when one does not.
[[tests]]
name = "yes leads to the first outcome"
steps = ["first=yes"]
outcome = "done"

[[tests]]
name = "no leads to the second outcome"
steps = ["first=no"]
outcome = "other"
+++

Introduce the decision this tree helps with.
`, example: example{slug: "which-page", title: "Which page do I write?", edits: []string{
		`summary = ""`, `summary = "Two questions that pick the kind of page for what you want to write."`,
		`question = "What is the first question?"`, `question = "Is it a question readers ask?"`,
		`title = "First outcome"`, `title = "An FAQ answer"`,
		`summary = "What to do."`, `summary = "Add it to a topic in [the FAQ](../faq/writing-this-guide.md)."`,
		`title = "Second outcome"`, `title = "A page"`,
		`summary = "What to do instead."`, `summary = "Write a page, such as [About this guide](../about.md)."`,
		`name = "yes leads to the first outcome"`, `name = "a question readers ask goes in the FAQ"`,
		`name = "no leads to the second outcome"`, `name = "anything else is a page"`,
		"Introduce the decision this tree helps with.\n", "Answer the question to find where new text belongs.\n",
	}}},
	{Kind: "page", text: `+++
` + titleComment + `title = "{title}"
` + summaryComment + `summary = ""
` + reviewedComment + `reviewed = {reviewed}
# Optional: who keeps the page right, a person or a team.
# owner = "Partner team"
+++

Write the page here. Use ## headings for sections.
`, example: example{slug: "about", title: "About this guide", edits: []string{
		`summary = ""`, `summary = "Who writes this guide and how it is published."`,
		"Write the page here. Use ## headings for sections.\n",
		"This guide is markdown in `content/`, built by fieldguide. Every pull request is\n" +
			"checked, and every change to main is published.\n\n## Where things go\n\n" +
			"Each folder under `content/` holds one kind of page: FAQ topics in `faq/`,\n" +
			"motions in `motions/`, scenarios in `scenarios/`, decision trees in `trees/`,\n" +
			"roles in `roles/` and solution areas in `areas/`. The glossary is `glossary.md`.\n",
	}}},
	{Kind: "role", Folder: "roles", text: `+++
# The role's name as readers know it. Pages name the role by this file's
# name, in any case: roles/csa.md is the role CSA.
title = "{title}"
` + summaryComment + `summary = ""
` + reviewedComment + `reviewed = {reviewed}
+++

What this role does, in a few lines. The page lists every page that names the role.
`, example: example{slug: "seller", title: "Seller", edits: []string{
		`summary = ""`, `summary = "The Microsoft seller: owns the customer relationship."`,
		"What this role does, in a few lines. The page lists every page that names the role.\n",
		"Sellers own the customer relationship and work with partners on their deals.\n",
	}}},
	{Kind: "area", Folder: "areas", text: `+++
# The solution area's name: motions name it in solution_area.
title = "{title}"
` + summaryComment + `summary = ""
` + reviewedComment + `reviewed = {reviewed}
# How the MSX sales programs of this area's motions start.
program_prefix = "Consumption ..."
+++

What the area covers. The page lists every motion whose solution_area is its title.
`, example: example{slug: "example-area", title: "Example area", edits: []string{
		`summary = ""`, `summary = "A solution area, to show what an area page holds."`,
		`program_prefix = "Consumption ..."`, `program_prefix = "Consumption Example"`,
		"What the area covers. The page lists every motion whose solution_area is its title.\n",
		"Name the workloads the area covers and where its target accounts are listed.\n",
	}}},
	{Kind: "term", File: "glossary.md", text: `+++
title = "Glossary"
` + summaryComment + `summary = ""
` + reviewedComment + `reviewed = {reviewed}

# One [[terms]] entry for each abbreviation. Its first use on every page
# is marked and linked here. The definition is optional (markdown).
[[terms]]
term = "{title}"
expansion = "What the abbreviation stands for"
definition = "What it means in this guide, in one line."
+++

The abbreviations this guide uses.
`, example: example{slug: "glossary", title: "FAQ", edits: []string{
		`summary = ""`, `summary = "The abbreviations this guide uses, spelt out."`,
		`expansion = "What the abbreviation stands for"`, `expansion = "Frequently asked questions"`,
		`definition = "What it means in this guide, in one line."`, `definition = "A page of questions, each with its answer."`,
		"The abbreviations this guide uses.\n", "Every abbreviation in this guide, spelt out.\n",
	}}},
}

// TermEntry is the [[terms]] entry `fieldguide new term` adds to an
// existing glossary: the glossary starter's own entry.
func TermEntry(term string) string {
	s, _ := StarterFor("term")
	text := s.Fill(term, "2000-01-01", 0)
	i := strings.Index(text, "\n[[terms]]") + 1
	j := strings.LastIndex(text, "+++")
	return text[i:j]
}

// StarterFor returns the starter of a kind.
func StarterFor(kind string) (Starter, bool) {
	for _, s := range Starters {
		if s.Kind == kind {
			return s, true
		}
	}
	return Starter{}, false
}

// Fill is the starter's text for a page: title goes in as a TOML string,
// reviewed is a date (2006-01-02), number a scenario's number.
func (s Starter) Fill(title, reviewed string, number int) string {
	quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(title)
	return strings.NewReplacer("{title}", quoted, "{reviewed}", reviewed, "{number}", strconv.Itoa(number)).Replace(s.text)
}

// Example is the finished page `fieldguide init` writes for the kind: its
// path under content/ and its text.
func (s Starter) Example(reviewed string) (rel, text string) {
	text = s.Fill(s.example.title, reviewed, 1)
	for i := 0; i+1 < len(s.example.edits); i += 2 {
		text = strings.Replace(text, s.example.edits[i], s.example.edits[i+1], 1)
	}
	name := s.File
	if name == "" {
		name = s.example.slug + ".md"
	}
	return path.Join(s.Folder, name), text
}

// nameKeys hold names and references (ids, roles, an area), not prose: a
// finished page may well keep the template's values for them. The page's
// title comes from the name given to `fieldguide new`.
var nameKeys = map[string]bool{
	"title": true, "start": true, "terms.term": true, "solution_area": true, "outcomes": true, "roles": true, "partners": true,
	"questions.id": true, "questions.answers.id": true, "questions.answers.label": true,
	"questions.answers.next": true, "questions.answers.outcome": true,
	"outcomes.id": true, "tests.steps": true, "tests.outcome": true,
}

// placeholders is what the starters hold for authors to replace.
type placeholders struct {
	values    map[string]map[string]bool // front-matter key path (no indexes) -> template values
	headings  map[string]bool
	sentences []string // the first sentence of each template paragraph
}

var starterPlaceholders = sync.OnceValue(func() *placeholders {
	ph := &placeholders{values: map[string]map[string]bool{}, headings: map[string]bool{}}
	for _, s := range Starters {
		file, err := frontmatter.Split([]byte(s.Fill("Title", "2000-01-01", 1)))
		if err != nil {
			panic("starter " + s.Kind + ": " + err.Message)
		}
		var problems diag.List
		fm := frontmatter.Decode("starter", file.FrontMatter, file.FMLine, &problems)
		if fm == nil {
			panic("starter " + s.Kind + " has invalid front matter")
		}
		fm.EachString(func(key, value string, _ diag.Pos) {
			if !nameKeys[key] {
				if ph.values[key] == nil {
					ph.values[key] = map[string]bool{}
				}
				ph.values[key][value] = true
			}
		})
		for _, line := range strings.Split(string(file.Body), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "" || line == "-":
			case strings.HasPrefix(line, "#"):
				if h := strings.TrimSpace(strings.TrimLeft(line, "#")); !contains(s.keepHeadings, h) {
					ph.headings[h] = true
				}
			default:
				ph.sentences = append(ph.sentences, firstSentence(line))
			}
		}
	}
	sort.Strings(ph.sentences)
	return ph
})

func firstSentence(s string) string {
	if i := strings.IndexAny(s, ".?!"); i >= 0 {
		return s[:i+1]
	}
	return s
}

// checkPlaceholders warns about text a starter left for the author that is
// still in the page: an empty summary, the template's example question.
func (p *Page) checkPlaceholders(fm *frontmatter.Table, diags *diag.List) {
	ph := starterPlaceholders()
	fm.EachString(func(key, value string, pos diag.Pos) {
		if !ph.values[key][value] {
			return
		}
		leaf := key[strings.LastIndex(key, ".")+1:]
		if value == "" {
			diags.Warnf(p.Source, pos, "write one line saying what the page is about (listings and search results show it), or delete the line", "`%s` is empty", leaf)
			return
		}
		diags.Warnf(p.Source, pos, "replace it with your own words", "`%s` still holds the template's placeholder %q", leaf, value)
	})
	if p.Body == nil {
		return
	}
	for _, h := range p.Body.Headings {
		if ph.headings[h.Text] && h.Source == "" {
			diags.Warnf(p.Source, h.Pos, "replace it with your own heading", "the heading %q is the template's placeholder", h.Text)
		}
	}
	for _, m := range p.Body.ParagraphsStarting(ph.sentences) {
		diags.Warnf(p.Source, m.Pos, "replace it with your own words", "%q is the template's placeholder text", m.Prefix)
	}
}
