package pipeline

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitSite writes smallSite into a git repository, its site in a subfolder,
// and commits its pages on the dates given (page path -> date; the rest
// first, on the oldest date).
func gitSite(t *testing.T, dated []struct{ path, date, text string }) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	repo := t.TempDir()
	site := filepath.Join(repo, "guide")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_NOSYSTEM=1", "HOME="+repo)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("", "init", "-q")
	writeArchive(t, site, smallSite)
	git("", "add", "-A")
	git("2024-01-01T12:00:00Z", "commit", "-q", "-m", "first")
	for _, d := range dated {
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(d.path)), []byte(d.text), 0o644); err != nil {
			t.Fatal(err)
		}
		git(d.date, "add", "-A")
		git(d.date, "commit", "-q", "-m", "change "+d.path)
	}
	return site
}

func writeArchive(t *testing.T, dir, archive string) {
	t.Helper()
	src := writeSite(t, archive)
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

func TestDatesFromHistory(t *testing.T) {
	site := gitSite(t, []struct{ path, date, text string }{
		{"content/faq/tracking.md", "2024-03-10T09:00:00Z", "+++\ntitle = \"Tracking\"\nreviewed = 2021-09-09\nchange_note = \"Milestones are now weekly.\"\n+++\nMSX.\n\n## How do I track it? {#track}\n\nWeekly.\n"},
		{"content/scenarios/01-first.md", "2024-02-05T09:00:00Z", "+++\ntitle = \"First scenario\"\nsummary = \"The first one.\"\nnumber = 1\nsituation = \"A partner pitches a deal.\"\n+++\n## What the seller does\n\nSell.\n\n## Seller mindset\n\nGrow.\n\n## What the partner does\n\nCraft.\n"},
	})
	// An uncommitted edit: the page gets no date from history.
	edited := filepath.Join(site, "content", "roles", "csa.md")
	if err := os.WriteFile(edited, []byte("+++\ntitle = \"Cloud Solution Architect\"\n+++\nEdited.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, site, Options{}); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(site, "public")

	tracking := readOut(t, public, "faq/tracking/index.html")
	for _, want := range []string{
		`eviewed <time datetime="2021-09-09">9 September 2021</time>`, // "Reviewed", or "May be out of date: reviewed"
		`Updated <time datetime="2024-03-10">10 March 2024</time>: <span class="fg-change-note">Milestones are now weekly.</span>`,
	} {
		if !strings.Contains(tracking, want) {
			t.Errorf("faq/tracking: missing %q", want)
		}
	}
	if csa := readOut(t, public, "roles/csa/index.html"); strings.Contains(csa, "fg-updated") {
		t.Error("roles/csa has uncommitted changes, yet shows an Updated date")
	}
	if home := readOut(t, public, "index.html"); !strings.Contains(home, `Updated <time datetime="2024-01-01">`) {
		t.Error("home: no Updated date from the first commit")
	}

	// The 404 page is served at any depth: its link is absolute.
	if nf := readOut(t, public, "404.html"); !strings.Contains(nf, `href="https://example.com/guides/field/whats-new/"`) {
		t.Error("404.html: the What's new link is not absolute")
	}

	// whats-new/: newest first.
	news := mainElement(readOut(t, public, "whats-new/index.html"))
	if i := strings.Index(news, `class="fg-changes"`); i >= 0 {
		news = news[i:] // past the breadcrumbs
	}
	order := []string{`href="../faq/tracking/"`, `href="../scenarios/01-first/"`, `href="../"`}
	last := -1
	for _, href := range order {
		i := strings.Index(news, href)
		if i < 0 {
			t.Fatalf("whats-new: no link %s in\n%s", href, news)
		}
		if i < last {
			t.Errorf("whats-new: %s is out of order (want newest first: %v)", href, order)
		}
		last = i
	}
	if !strings.Contains(news, "Milestones are now weekly.") || !strings.Contains(news, "The first one.") {
		t.Error("whats-new: missing change note or summary")
	}
	if strings.Contains(news, `href="../roles/csa/"`) {
		t.Error("whats-new lists roles/csa, which has no date")
	}

	// whats-new/changes.js: every dated page by day, newest first, for the
	// marks of what is new since a reader's last visit.
	changes := readOut(t, public, "whats-new/changes.js")
	if want := `fieldguideChanges([["2024-03-10",1,"faq/tracking/"],["2024-02-05",1,"scenarios/01-first/"],["2024-01-01",`; !strings.HasPrefix(changes, want) {
		t.Errorf("whats-new/changes.js begins %.200q, want %q", changes, want)
	}
	if strings.Contains(changes, `"roles/csa/"`) || !strings.Contains(changes, `,""`) {
		t.Errorf("whats-new/changes.js: want the home page (\"\") and not roles/csa (no date) in %s", changes)
	}

	// feed.xml: valid Atom, absolute links, the same order.
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	data := []byte(readOut(t, public, "feed.xml"))
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&feed); err != nil {
		t.Fatalf("feed.xml is not XML: %v", err)
	}
	const base = "https://example.com/guides/field/"
	if feed.ID != base || feed.Title != "Test guide" || feed.Updated != "2024-03-10T09:00:00Z" {
		t.Errorf("feed: id %q title %q updated %q", feed.ID, feed.Title, feed.Updated)
	}
	if len(feed.Entries) < 3 {
		t.Fatalf("feed: %d entries, want at least 3", len(feed.Entries))
	}
	wantEntries := []struct{ href, updated string }{
		{base + "faq/tracking/", "2024-03-10T09:00:00Z"},
		{base + "scenarios/01-first/", "2024-02-05T09:00:00Z"},
	}
	for i, w := range wantEntries {
		e := feed.Entries[i]
		if e.Link.Href != w.href || e.ID != w.href || e.Updated != w.updated {
			t.Errorf("feed entry %d: link %q id %q updated %q, want %s at %s", i, e.Link.Href, e.ID, e.Updated, w.href, w.updated)
		}
	}
	if feed.Entries[0].Content != "Milestones are now weekly." {
		t.Errorf("feed entry 0 content %q, want the change note", feed.Entries[0].Content)
	}
	for i := 1; i < len(feed.Entries); i++ {
		if feed.Entries[i].Updated > feed.Entries[i-1].Updated {
			t.Errorf("feed entries %d and %d are not newest first", i-1, i)
		}
	}

	// The same commit builds the same bytes.
	again := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: site, Destination: again, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"whats-new/index.html", "whats-new/changes.js", "feed.xml", "faq/tracking/index.html"} {
		if readOut(t, public, rel) != readOut(t, again, rel) {
			t.Errorf("%s differs between two builds of one commit", rel)
		}
	}
}

func TestNoFeedWithoutBaseURL(t *testing.T) {
	public := mustBuild(t, strings.Replace(smallSite, `base_url = "https://example.com/guides/field/"`, "", 1))
	if _, err := os.Stat(filepath.Join(public, "feed.xml")); !os.IsNotExist(err) {
		t.Errorf("feed.xml written without base_url (stat: %v)", err)
	}
	readOut(t, public, "whats-new/index.html")
}

// TestServeDates: serve publishes what a build of the same folder does,
// also after a page is edited while it runs: uncommitted, it loses its
// date, as it would in a build.
func TestServeDates(t *testing.T) {
	site := gitSite(t, []struct{ path, date, text string }{
		{"content/roles/csa.md", "2024-03-10T09:00:00Z", "+++\ntitle = \"Cloud Solution Architect\"\nchange_note = \"Renamed.\"\n+++\nArchitects.\n"},
	})
	m := newIncMirror(t, site) // compares serve's output with a full build's
	if !strings.Contains(string(m.files["roles/csa/index.html"]), `Updated <time datetime="2024-03-10">`) {
		t.Fatal("serve: roles/csa has no Updated date")
	}
	m.write("content/roles/csa.md", "+++\ntitle = \"Cloud Solution Architect\"\n+++\nArchitects, edited.\n")
	if _, err := m.rebuild("content/roles/csa.md"); err != nil {
		t.Fatal(err)
	}
	m.check("after an uncommitted edit")
	if strings.Contains(string(m.files["roles/csa/index.html"]), "fg-updated") {
		t.Error("serve: an edited, uncommitted page keeps its Updated date")
	}
}
