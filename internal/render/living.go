package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"time"

	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/site"
)

// What changed, and when: the page's own dates, whats-new/ and feed.xml.

const (
	// WhatsNewURL is the page listing the most recently changed pages.
	WhatsNewURL = "whats-new/"
	// FeedPath is the Atom feed of the same changes (only with base_url).
	FeedPath = "feed.xml"
	// maxChanges is how many pages whats-new/ and the feed list.
	maxChanges = 30
	// HomeChanges is how many the home page shows.
	HomeChanges = 5
)

// Change is one page in a list of recent changes.
type Change struct {
	Link    Link
	Kind    string
	Date    string // "9 September 2021"
	ISO     string // "2021-09-09"
	Updated bool   // the date is the last change; otherwise the last review
	Summary string
	Note    string // the page's change_note
}

// humanDate is a date as pages show it.
func humanDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
}

// setDates fills the view's last-change date beside its review date.
func (v *View) setDates(p *site.Page) {
	if !p.Updated.IsZero() {
		v.Updated = humanDate(p.Updated)
		v.UpdatedISO = p.Updated.Format("2006-01-02")
	}
}

// changeDate is the date a page is listed by among recent changes: its
// last commit, or its last review when history has none.
func changeDate(p *site.Page) (when time.Time, updated bool) {
	if !p.Updated.IsZero() {
		return p.Updated, true
	}
	return p.Reviewed, false
}

// RecentChanges returns the n pages changed last, newest first, by
// changeDate. Pages with neither date are not listed.
func RecentChanges(s *site.Site, n int) []*site.Page {
	var out []*site.Page
	for _, p := range s.Pages {
		if when, _ := changeDate(p); !p.Generated && !when.IsZero() {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, _ := changeDate(out[i])
		b, _ := changeDate(out[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return out[i].URL < out[j].URL
	})
	return out[:min(n, len(out))]
}

// recentChanges is RecentChanges as the templates show them, linked from
// the page from.
func (r *Renderer) recentChanges(from *site.Page, n int) []Change {
	pages := RecentChanges(r.site, n)
	out := make([]Change, len(pages))
	for i, p := range pages {
		when, updated := changeDate(p)
		out[i] = Change{Link: r.link(from, p), Updated: updated, Summary: p.Summary, Note: p.ChangeNote, Kind: string(p.Kind),
			Date: humanDate(when), ISO: when.Format("2006-01-02")}
	}
	return out
}

// whatsNew is the view of whats-new/.
func (r *Renderer) whatsNew() *View {
	v, p := r.virtualPage(WhatsNewURL, "What's new", "whats-new")
	v.Description = "The pages of " + r.site.Config.Title + " changed most recently."
	v.Changes = r.recentChanges(p, maxChanges)
	return v
}

// Atom (RFC 4287) elements the feed uses.
type (
	atomFeed struct {
		XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string      `xml:"id"`
		Title   string      `xml:"title"`
		Updated string      `xml:"updated"`
		Links   []atomLink  `xml:"link"`
		Author  atomAuthor  `xml:"author"`
		Entries []atomEntry `xml:"entry"`
	}
	atomLink struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
	}
	atomAuthor struct {
		Name string `xml:"name"`
	}
	atomEntry struct {
		ID      string    `xml:"id"`
		Title   string    `xml:"title"`
		Updated string    `xml:"updated"`
		Link    atomLink  `xml:"link"`
		Summary string    `xml:"summary,omitempty"`
		Content *atomText `xml:"content,omitempty"`
		Cats    []atomCat `xml:"category"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
	atomCat struct {
		Term string `xml:"term,attr"`
	}
)

// feed renders feed.xml: the entries of whats-new/ with absolute links,
// so only a site with base_url has one. Its date is its newest entry's,
// so a build of the same commit writes the same bytes.
func (r *Renderer) feed() []byte {
	cfg := r.site.Config
	base := cfg.BaseURL
	f := atomFeed{
		ID: base, Title: cfg.Title,
		Links: []atomLink{
			{Href: base + FeedPath, Rel: "self", Type: "application/atom+xml"},
			{Href: base + WhatsNewURL, Rel: "alternate", Type: "text/html"},
		},
		Author:  atomAuthor{Name: cfg.Title},
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
	}
	for i, p := range RecentChanges(r.site, maxChanges) {
		changed, _ := changeDate(p)
		when := changed.Format(time.RFC3339)
		if i == 0 {
			f.Updated = when
		}
		href := base + output.EscapePath(p.URL)
		e := atomEntry{ID: href, Title: p.Title, Updated: when, Link: atomLink{Href: href}, Summary: p.Summary, Cats: []atomCat{{Term: KindLabel(string(p.Kind))}}}
		if p.ChangeNote != "" {
			e.Content = &atomText{Type: "text", Text: p.ChangeNote}
		}
		f.Entries = append(f.Entries, e)
	}
	out, _ := xml.MarshalIndent(f, "", "  ")
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.Write(out)
	b.WriteByte('\n')
	return b.Bytes()
}
