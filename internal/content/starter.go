package content

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
)

// Starter is the file `fieldguide new` writes for one kind: front matter
// that already builds, and placeholder text for the author to replace.
// Parse reads the placeholders from these same files, so a page that still
// holds one gets a warning whatever the templates come to say.
type Starter struct {
	Kind   string
	Folder string // under content/; "" for a page at the top
	text   string // {title}, {reviewed} and {number} are filled in
	// keepHeadings are the template's headings a finished page keeps.
	keepHeadings []string
}

// Starters are the kinds `fieldguide new` creates, in the order its help
// lists them.
var Starters = []Starter{
	{Kind: "faq", Folder: "faq", text: `+++
title = "{title}"
summary = ""
reviewed = {reviewed}
roles = []
+++

## First question?

Its answer. Every ## heading is a question; the text below it is the answer.
`},
	{Kind: "motion", Folder: "motions", keepHeadings: []string{"Sizing the milestone"}, text: `+++
title = "{title}"
summary = ""
reviewed = {reviewed}
solution_area = "Data and AI"
program = "Consumption DAI ..."
outcomes = ["accelerate"]
wave = 1
roles = ["CSA"]
partners = []
+++

## Sizing the milestone

How to size the MSX milestone for this motion.
`},
	{Kind: "scenario", Folder: "scenarios", keepHeadings: []string{"What the seller does", "Seller mindset", "What the partner does"}, text: `+++
title = "{title}"
number = {number}
situation = "When this scenario applies, in one line."
reviewed = {reviewed}
roles = ["Seller"]
+++

## What the seller does

- 

## Seller mindset

- 

## What the partner does

- 
`},
	{Kind: "tree", Folder: "trees", text: `+++
title = "{title}"
summary = ""
reviewed = {reviewed}
start = "first"

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

[[outcomes]]
id = "done"
title = "First outcome"
summary = "What to do."

[[outcomes]]
id = "other"
title = "Second outcome"
summary = "What to do instead."

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
`},
	{Kind: "page", text: `+++
title = "{title}"
summary = ""
reviewed = {reviewed}
+++

Write the page here. Use ## headings for sections.
`},
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

// nameKeys hold names and references (ids, roles, an area), not prose: a
// finished page may well keep the template's values for them. The page's
// title comes from the name given to `fieldguide new`.
var nameKeys = map[string]bool{
	"title": true, "start": true, "solution_area": true, "outcomes": true, "roles": true, "partners": true,
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
		if ph.headings[h.Text] {
			diags.Warnf(p.Source, h.Pos, "replace it with your own heading", "the heading %q is the template's placeholder", h.Text)
		}
	}
	for _, m := range p.Body.ParagraphsStarting(ph.sentences) {
		diags.Warnf(p.Source, m.Pos, "replace it with your own words", "%q is the template's placeholder text", m.Prefix)
	}
}
