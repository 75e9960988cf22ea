package render

import (
	"html/template"

	"github.com/fieldguide/fieldguide/internal/page"
)

// View is what every template receives. It is a plain value (strings,
// numbers, slices of small structs, HTML), built for one page from the
// site graph (Renderer.frame, then fillBodies): a page's output is a
// function of its view and the theme, so a preview re-renders exactly the
// pages whose view's Hash changed. Keep it so: no pointers into the site, no maps, no
// functions. Shared, its one method, only memoizes partials of its data.
type View struct {
	shared      *partials // memo of Shared; not part of the view's value
	Site        SiteView
	Page        PageInfo
	Layout      string // layout name without .html: "faq", "motion", "search" ...
	Root        string // prefix for every internal URL
	Offline     bool
	Title       string // for <title>
	Description string
	Canonical   string // absolute URL when the site has a base URL
	EditHref    string // the page's file in the repository's web editor, when site.toml has edit_url
	Reviewed    string // e.g. "9 September 2021"
	ReviewedISO string
	Updated     string // last change from git history, like Reviewed
	UpdatedISO  string
	Stale       bool

	Nav          []Link // top-level sections
	Breadcrumbs  []Link
	SectionNav   []Link // pages of the current section (capped for huge sections)
	SectionHref  string
	SectionTitle string
	// PrintSectionHref links a section's page to its print document
	// (print/SECTION/); empty on other pages and sections without one.
	PrintSectionHref string

	Intro    template.HTML
	Sections []Section
	TOC      []TOCItem
	// BodyKeys stand for the HTML and text of the bodies a view shows when
	// it is built from their outlines, to be hashed rather than rendered
	// (markdown.Doc.Key); nil in a view that is rendered.
	BodyKeys []uint64

	Prev, Next   *Link
	Backlinks    []Link
	Related      []Link
	ReachedFrom  []Link
	Roles        []Link
	Tags         []Link // to the tags' pages (tags.go)
	Children     []Child
	LinkedAbove  int     // home: sections left out of Children, its text links to them
	MemberGroups []Group // role and area pages: who is listed here, by kind
	Motion       *MotionView
	Scenario     *ScenarioView
	Scenarios    []ScenarioRow // the CSP scenarios matrix on the section page
	Tree         *TreeView
	Terms        []TermView
	Changes      []Change      // recently changed pages (whats-new/, home)
	Print        *PrintView    // print/: the whole guide
	JSONLD       []template.JS // structured data, one <script type="application/ld+json"> each
}

// PageInfo is what a template reads of its page's own front matter and
// place (.Page.Title, .Page.Owner ...).
type PageInfo struct {
	Title, Summary string
	Kind           page.Kind
	URL            string // site-relative, "" for home
	Rel            string // source path within content/
	IsSection      bool
	Generated      bool // no file in content/
	Tags, Roles    []string
	ChangeNote     string
	Owner          string
	Area           *page.Area
}

// SiteView is site-wide data.
type SiteView struct {
	Title, Description, Language, Classification, BaseURL string
	HomeHref, SearchHref, GlossaryHref, WhatsNewHref      string
	PrintHref                                             string
	FeedbackURL                                           string // site.toml [feedback] url; empty: no "Was this helpful?"
	OfflineReading                                        bool   // pages register sw.js
}

// Link is a titled link with the page's kind for labels and icons.
type Link struct {
	Title, Href, Kind, Summary string
	Current                    bool
	KindLabel                  string // reader-facing kind: "FAQ", "Motion" ...
	// HTML is the link as an <a> element, marked aria-current when Current.
	// Lists of links are most of a page's template actions; one action per
	// link instead of four keeps rendering fast on large sites.
	HTML template.HTML
}

// Section is one `##` part of a body.
type Section struct {
	ID          string
	Title       string
	HeadingHTML template.HTML // the <h2> with its anchor and permalink
	Body        template.HTML
	Permalink   string
	Link        template.HTML // <a href="#ID">Title</a>
}

// TOCItem is an on-page table of contents entry.
type TOCItem struct {
	ID, Title string
	Level     int
	Link      template.HTML // <a href="#ID">Title</a>
}

// Child is one entry of a section listing.
type Child struct {
	Link
	IsSection bool
}

// Group is a labelled list of links.
type Group struct {
	Label string
	Links []Link
}

// MotionView is a motion's summary card.
type MotionView struct {
	SolutionArea Link
	Program      string
	Outcomes     []string
	Wave         int
	Partners     []string
}

// ScenarioView splits a scenario into its three required parts and the rest.
type ScenarioView struct {
	Number        int
	Situation     string
	SellerActions Section
	SellerMindset Section
	PartnerRole   Section
	Other         []Section
}

// ScenarioRow is a scenario in the side-by-side matrix.
type ScenarioRow struct {
	Link
	Number        int
	Situation     string
	SellerActions template.HTML
	SellerMindset template.HTML
	PartnerRole   template.HTML
}

// TreeView is a decision tree's document view and wizard data.
type TreeView struct {
	SVG         template.HTML
	StartAnchor string
	Questions   []QuestionView
	Outcomes    []OutcomeView
	Data        wizardData // JSON for the wizard script
}

// QuestionView is one question section.
type QuestionView struct {
	ID, Anchor, Text string
	Hint             template.HTML
	Answers          []AnswerView
}

// AnswerView links to the next step's section.
type AnswerView struct {
	ID, Label, Href, Target string
	IsOutcome               bool
}

// OutcomeView is one outcome section.
type OutcomeView struct {
	ID, Anchor, Title string
	Summary           template.HTML
	Page              *Link
}

// TermView is a glossary entry.
type TermView struct {
	Term, Anchor, Expansion string
	Definition              template.HTML
	UsedBy                  []Link
}
