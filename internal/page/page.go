// Package page turns one source file into a Page: its kind, its front
// matter read against that kind's schema, and its parsed markdown body.
// Everything here depends on the file alone; relations between pages are the
// site package's job.
package page

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/config"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/frontmatter"
	"github.com/fieldguide/fieldguide/internal/markdown"
	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/tree"
)

// Kind is a page type; it selects the schema and the layout.
type Kind string

const (
	KindPage     Kind = "page"
	KindFAQ      Kind = "faq"
	KindMotion   Kind = "motion"
	KindScenario Kind = "scenario"
	KindTree     Kind = "tree"
	KindRole     Kind = "role"
	KindArea     Kind = "area"
	KindGlossary Kind = "glossary"
)

var kinds = []string{"page", "faq", "motion", "scenario", "tree", "role", "area", "glossary"}

// folderKinds maps a top-level content folder to the kind of its pages.
var folderKinds = map[string]Kind{
	"motions": KindMotion, "faq": KindFAQ, "scenarios": KindScenario, "trees": KindTree,
	"roles": KindRole, "areas": KindArea, "glossary": KindGlossary,
}

// Outcomes a motion may name.
var Outcomes = []string{"accelerate", "retain", "expand", "optimize"}

// Page is one parsed content file.
type Page struct {
	Source string // slash path from the site root, for diagnostics ("content/faq/x.md")
	Rel    string // slash path within content/ ("faq/x.md")
	Kind   Kind
	// IsSection is true for _index.md files, which describe their folder.
	IsSection bool

	Title, Summary, Slug string
	Weight               int
	Weighted             bool // weight is set: listings put the page before those without
	Draft                bool
	Tags, Roles, Aliases []string
	Related              []string
	Reviewed             time.Time
	// Updated is when the page last changed, from the site's git history
	// (set by the build, not front matter); zero when unknown.
	Updated    time.Time
	ChangeNote string // one line: what the last change was
	Owner      string // who keeps the page right: a person or a team

	Motion   *Motion
	Scenario *Scenario
	Area     *Area
	Terms    []*Term // glossary pages
	Tree     *tree.Tree

	Body *markdown.Doc
	// Snippets are markdown strings from front matter, parsed so their
	// links are checked and rewritten like the body's. Keys: "hint:ID",
	// "summary:ID" (tree questions and outcomes), "definition:TERM".
	Snippets map[string]*markdown.Doc
	keys     map[string]diag.Pos // where keys checked later (roles, related, ...) are written
}

// Snippet returns a parsed front-matter snippet, or nil.
func (p *Page) Snippet(key string) *markdown.Doc { return p.Snippets[key] }

// Motion is a consumption motion's card.
type Motion struct {
	SolutionArea string
	Program      string
	Outcomes     []string
	Wave         int
	Partners     []string
}

// Scenario is a CSP scenario: when it applies, and its three parts.
type Scenario struct {
	Number    int
	Numbered  bool // number is set; the site suggests the next free one when not
	Situation string
	// Section anchors of the three required parts, in the order
	// seller actions, seller mindset, partner role.
	Parts [3]string
}

// Area is a solution area.
type Area struct {
	ProgramPrefix string
}

// Term is a glossary entry.
type Term struct {
	Term, Expansion, Definition string
	Pos                         diag.Pos
}

// KeyPos is where a front-matter key is written (for later checks).
func (p *Page) KeyPos(key string) diag.Pos { return p.keys[key] }

// Dir is the page's folder within content/ ("" at the top).
func (p *Page) Dir() string {
	d := path.Dir(p.Rel)
	if d == "." {
		return ""
	}
	return d
}

// KindForPath is the kind a file gets from where it lives.
func KindForPath(rel string) Kind {
	if rel == "glossary.md" {
		return KindGlossary
	}
	top, _, nested := strings.Cut(rel, "/")
	if !nested {
		return KindPage
	}
	if k, ok := folderKinds[top]; ok {
		return k
	}
	return KindPage
}

// MaxFolderDepth is how many folders deep under content/ a page may be.
// Every page lists the sections above it, each linked by a path as long as
// the depth, so output grows with the cube of the depth: a page 1,500
// folders down, a few bytes of input, made gigabytes. Guides use three or
// four levels.
const MaxFolderDepth = 16

// Parse builds a Page from a file's bytes. Problems go to diags; the page
// is returned even when it has errors, so one run reports them all.
func Parse(md *markdown.Markdown, cfg *config.Config, source, rel string, src []byte, diags *diag.List) *Page {
	p := &Page{Source: source, Rel: rel, Kind: KindForPath(rel), keys: map[string]diag.Pos{}}
	base := path.Base(rel)
	p.IsSection = base == "_index.md" || base == "index.md"
	if depth := strings.Count(rel, "/"); depth > MaxFolderDepth {
		diags.Errorf(source, diag.Pos{Line: 1, Col: 1}, "move it up: readers find pages through a few levels of sections",
			"page is %d folders deep; at most %d", depth, MaxFolderDepth)
		return nil
	}
	if !checkEncoding(source, src, diags) {
		return nil
	}
	file, serr := frontmatter.Split(src)
	if serr != nil {
		diags.Errorf(source, serr.Pos, serr.Hint, "%s", serr.Message)
		return nil
	}
	fm := frontmatter.Decode(source, file.FrontMatter, file.FMLine, diags)
	if fm == nil {
		return nil
	}
	p.readCommon(fm)
	switch p.Kind {
	case KindMotion:
		p.readMotion(fm)
	case KindScenario:
		p.readScenario(fm)
	case KindArea:
		p.Area = &Area{ProgramPrefix: fm.String("program_prefix")}
	case KindGlossary:
		p.readGlossary(fm)
	case KindTree:
		if !p.IsSection {
			p.Tree = tree.Parse(fm)
			p.Tree.Validate(source, diags)
		}
	}
	what := string(p.Kind) + " page"
	if p.Kind == KindPage {
		what = "page" // not "a page page"
	}
	fm.Finish(article(what) + " " + what)
	p.parseSnippets(md, diags)
	p.Body = md.Parse(source, src, file.BodyOffset, diags)
	p.checkAnchors(diags)
	p.checkBody(cfg, diags, fm)
	p.checkPlaceholders(fm, diags)
	return p
}

// checkAnchors reports two headings with one anchor: a {#id} written
// twice, or equal to an anchor made from an earlier heading's text (made
// anchors never repeat one another), or to a decision-tree node's anchor.
// A link to it could lead to either, and search keeps one result per anchor.
func (p *Page) checkAnchors(diags *diag.List) {
	if p.Body == nil {
		return
	}
	first := make(map[string]int, len(p.Body.Headings)) // anchor -> line
	if p.Tree != nil {
		for _, q := range p.Tree.Questions {
			first[tree.Anchor(q.ID)] = -1
		}
		for _, o := range p.Tree.Outcomes {
			first[tree.Anchor(o.ID)] = -1
		}
	}
	for _, h := range p.Body.Headings {
		line, taken := first[h.ID]
		where, note := p.writtenIn(h.Source)
		switch {
		case !taken:
			first[h.ID] = h.Pos.Line
		case line < 0:
			diags.Errorf(where, h.Pos, "write another {#id} for this heading", "heading anchor #%s is also the anchor of a decision-tree question or outcome%s", h.ID, note)
		default:
			diags.Errorf(where, h.Pos, "give this heading another {#id}; links and search results need one place per anchor", "heading anchor #%s is also the anchor of the heading at line %d%s", h.ID, line, note)
		}
	}
}

// writtenIn is the file a part of the body was written in (source, from
// markdown: "" for the page itself) and, for a snippet the page includes,
// the note naming the page.
func (p *Page) writtenIn(source string) (file, note string) {
	if source == "" {
		return p.Source, ""
	}
	return source, markdown.IncludedBy(p.Source)
}

func article(word string) string {
	if strings.ContainsAny(word[:1], "aeiou") {
		return "an"
	}
	return "a"
}

func (p *Page) readCommon(fm *frontmatter.Table) {
	p.Title = fm.RequiredString("title")
	p.Summary = fm.String("summary")
	p.Weight = fm.Int("weight")
	p.Weighted = fm.Has("weight")
	p.Slug = fm.String("slug")
	p.Draft = fm.Bool("draft")
	p.Tags = fm.Strings("tags")
	p.Roles = fm.Strings("roles")
	p.Reviewed = fm.Date("reviewed")
	p.Owner = fm.String("owner")
	p.ChangeNote = fm.String("change_note")
	if why := changeNoteProblem(p.ChangeNote); why != "" {
		fm.Errorf("change_note", "say in one line, at most 200 characters, what changed; the page itself holds the detail", "change_note %s", why)
		p.ChangeNote = ""
	}
	p.Aliases = fm.Strings("aliases")
	p.Related = fm.Strings("related")
	for _, k := range []string{"roles", "related", "aliases", "slug", "solution_area", "title", "type", "number"} {
		p.keys[k] = fm.Pos(k)
	}
	if fm.Has("type") {
		t := fm.String("type")
		if !contains(kinds, t) {
			fm.Errorf("type", diag.DidYouMean(t, kinds, "types: "+strings.Join(kinds, ", ")), "unknown page type `%s`", t)
		} else {
			p.Kind = Kind(t)
		}
	}
	if fm.Has("slug") {
		if why := output.SegmentProblem(p.Slug); why != "" {
			fm.Errorf("slug", "a slug is one URL segment such as \"tracking-in-msx\": letters, digits and dashes; this one "+why, "invalid slug %q", p.Slug)
			p.Slug = ""
		}
	}
}

func (p *Page) readMotion(fm *frontmatter.Table) {
	m := &Motion{
		SolutionArea: fm.String("solution_area"),
		Program:      fm.String("program"),
		Outcomes:     fm.Strings("outcomes"),
		Wave:         fm.Int("wave"),
		Partners:     fm.Strings("partners"),
	}
	if p.IsSection {
		return
	}
	p.Motion = m
	if m.SolutionArea == "" {
		fm.RequiredString("solution_area")
	}
	if m.Program == "" {
		fm.RequiredString("program")
	}
	for _, o := range m.Outcomes {
		if !contains(Outcomes, o) {
			fm.Errorf("outcomes", diag.DidYouMean(o, Outcomes, "outcomes: "+strings.Join(Outcomes, ", ")), "unknown outcome `%s`", o)
		}
	}
}

func (p *Page) readScenario(fm *frontmatter.Table) {
	s := &Scenario{Number: fm.Int("number"), Numbered: fm.Has("number"), Situation: fm.String("situation")}
	if p.IsSection {
		return
	}
	p.Scenario = s
	if s.Situation == "" {
		fm.RequiredString("situation")
	}
	if !p.Weighted && s.Numbered {
		p.Weight, p.Weighted = s.Number, true
	}
}

func (p *Page) parseSnippets(md *markdown.Markdown, diags *diag.List) {
	p.Snippets = map[string]*markdown.Doc{}
	add := func(key, src string, at diag.Pos) {
		if src != "" {
			p.Snippets[key] = md.ParseSnippet(p.Source, src, at, diags)
		}
	}
	if p.Tree != nil {
		for _, q := range p.Tree.Questions {
			add("hint:"+q.ID, q.Hint, q.Pos)
		}
		for _, o := range p.Tree.Outcomes {
			add("summary:"+o.ID, o.Summary, o.Pos)
		}
	}
	for _, t := range p.Terms {
		add("definition:"+t.Term, t.Definition, t.Pos)
	}
}

func (p *Page) readGlossary(fm *frontmatter.Table) {
	seen := map[string]bool{}
	for _, t := range fm.Tables("terms") {
		term := &Term{Term: t.String("term"), Expansion: t.String("expansion"), Definition: t.String("definition"), Pos: t.Pos("term")}
		switch {
		case strings.TrimSpace(term.Term) == "":
			t.Errorf("term", `add term = "ABC"`, "glossary entry without a `term`")
			continue
		case strings.TrimSpace(term.Expansion) == "":
			t.Errorf("expansion", `add expansion = "what `+term.Term+` stands for"`, "glossary term `%s` has no `expansion`", term.Term)
		case seen[term.Term]:
			t.Errorf("term", "merge the two entries", "glossary term `%s` is defined twice", term.Term)
			continue
		case len(term.Term) > markdown.MaxTermLen:
			t.Errorf("term", fmt.Sprintf("a term is an abbreviation or a short name of at most %d bytes; put the rest in `expansion`", markdown.MaxTermLen),
				"glossary term is %d bytes long", len(term.Term))
			continue
		}
		seen[term.Term] = true
		t.Finish("a glossary term")
		p.Terms = append(p.Terms, term)
	}
}

// checkBody validates what a kind requires of the markdown body.
func (p *Page) checkBody(cfg *config.Config, diags *diag.List, fm *frontmatter.Table) {
	if p.IsSection {
		return
	}
	switch p.Kind {
	case KindFAQ:
		var questions int
		asked := map[string]*markdown.Heading{}
		for _, s := range p.Body.Sections() {
			if s.Heading == nil {
				continue
			}
			questions++
			where, note := p.writtenIn(s.Heading.Source)
			if s.Empty() {
				diags.Errorf(where, s.Heading.Pos, "write the answer below the question, before the next ##", "question %q has no answer%s", s.Heading.Text, note)
			}
			key := sameQuestion(s.Heading.Text)
			if first := asked[key]; first != nil {
				diags.Warnf(where, s.Heading.Pos, "merge the two answers under one question, or reword one of them",
					"the question %q is asked twice on this page (first at line %d)%s", s.Heading.Text, first.Pos.Line, note)
				continue
			}
			asked[key] = s.Heading
		}
		if questions == 0 {
			diags.Errorf(p.Source, fm.Pos("title"), "write each question as a ## heading with its answer below it", "FAQ topic has no questions")
		}
	case KindScenario:
		want := [3]string{cfg.Scenario.SellerActions, cfg.Scenario.SellerMindset, cfg.Scenario.PartnerRole}
		for i, title := range want {
			for _, s := range p.Body.Sections() {
				if s.Heading != nil && strings.EqualFold(strings.TrimSpace(s.Heading.Text), title) {
					p.Scenario.Parts[i] = s.Heading.ID
				}
			}
			if p.Scenario.Parts[i] == "" {
				diags.Errorf(p.Source, fm.Pos("title"), "add a section headed \"## "+title+"\" (names are set in site.toml [scenarios])", "scenario is missing the section %q", title)
			}
		}
	}
}

// sameQuestion is what two headings share when they ask one question:
// case, spacing and the closing punctuation aside.
func sameQuestion(text string) string {
	return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(text), " ")), "?!.: ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// MaxChangeNote is how long a change note may be, in characters: it is
// one line in lists of changes.
const MaxChangeNote = 200

func changeNoteProblem(note string) string {
	if strings.ContainsAny(note, "\r\n") {
		return "has more than one line"
	}
	if n := utf8.RuneCountInString(note); n > MaxChangeNote {
		return fmt.Sprintf("is %d characters long", n)
	}
	return ""
}
