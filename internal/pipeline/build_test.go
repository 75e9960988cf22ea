package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/output"
)

const smallSite = `
-- site.toml --
title = "Test guide"
base_url = "https://example.com/guides/field/"
classification = "Internal use only"
-- content/_index.md --
+++
title = "Home"
+++
Start with the [FAQ](faq/) or [scenario one](scenarios/01-first.md#seller-mindset).
-- content/faq/tracking.md --
+++
title = "Tracking"
roles = ["CSA"]
reviewed = 2021-09-09
owner = "Field enablement"
aliases = ["old/tracking/"]
+++
Intro text about MSX.

## How do I track it? {#track}

Use the **MSX** engagement. See [the scenario](../scenarios/01-first.md).

## What about milestones?

A new milestone is likely.
-- content/scenarios/_index.md --
+++
title = "Scenarios"
+++
All scenarios.
-- content/scenarios/01-first.md --
+++
title = "First scenario"
number = 1
situation = "A partner pitches a deal."
roles = ["CSA"]
+++
## What the seller does

- Co-sell with the partner. Back to [tracking](../faq/tracking.md#track).

## Seller mindset

Partners drive growth.

## What the partner does

Crafts the deal.
-- content/roles/csa.md --
+++
title = "Cloud Solution Architect"
+++
Architects.
-- content/glossary.md --
+++
title = "Glossary"

[[terms]]
term = "MSX"
expansion = "Microsoft Sales Experience"
definition = "The CRM; see [tracking](faq/tracking.md#track)."
+++
Terms.
-- static/robots-extra.txt --
static file
`

func TestBuildSmallSite(t *testing.T) {
	public := mustBuild(t, smallSite)
	for _, rel := range []string{
		"index.html", "faq/index.html", "faq/tracking/index.html", "scenarios/index.html",
		"scenarios/01-first/index.html", "roles/csa/index.html", "glossary/index.html",
		"404.html", "sitemap.xml", "robots.txt", "search/index.html", "old/tracking/index.html",
		"robots-extra.txt", "assets/syntax.css", "assets/fieldguide.css", output.Marker,
	} {
		readOut(t, public, rel)
	}
	tracking := readOut(t, public, "faq/tracking/index.html")
	checks := []struct{ name, want string }{
		{"rewritten cross-link", `href="../../scenarios/01-first/"`},
		{"question anchor", `id="track"`},
		{"generated anchor", `id="what-about-milestones"`},
		{"glossary abbr", `<a class="fg-term" href="../../glossary/#msx"><abbr title="Microsoft Sales Experience">MSX</abbr></a>`},
		{"backlink from scenario", `First scenario</a>`},
		{"role link", `href="../../roles/csa/"`},
		{"canonical", `<link rel="canonical" href="https://example.com/guides/field/faq/tracking/">`},
		{"FAQ JSON-LD", `"@type":"FAQPage"`},
		{"classification banner", `Internal use only`},
		{"stale notice", `May be out of date`},
		{"stale notice names the owner", `<li class="fg-stale"><strong>May be out of date:</strong> reviewed <time datetime=`},
		{"owner", `; check with Field enablement</li>`},
	}
	for _, c := range checks {
		if !strings.Contains(tracking, c.want) {
			t.Errorf("%s: faq/tracking/index.html lacks %s", c.name, c.want)
		}
	}
	if n := strings.Count(mainElement(tracking), `class="fg-term"`); n != 1 {
		t.Errorf("glossary term marked %d times, want only its first use", n)
	}
	if g := readOut(t, public, "glossary/index.html"); !strings.Contains(g, `href="../faq/tracking/#track"`) {
		t.Errorf("link in a glossary definition not rewritten")
	}
	if home := readOut(t, public, "index.html"); !strings.Contains(home, `href="scenarios/01-first/#seller-mindset"`) {
		t.Errorf("home page link to a scenario anchor not rewritten")
	}
	if role := readOut(t, public, "roles/csa/index.html"); !strings.Contains(role, "First scenario") || !strings.Contains(role, "Tracking") {
		t.Errorf("role page does not list the pages naming it")
	}
	if alias := readOut(t, public, "old/tracking/index.html"); !strings.Contains(alias, `url=../../faq/tracking/`) {
		t.Errorf("alias does not redirect: %s", alias)
	}
	if sm := readOut(t, public, "sitemap.xml"); !strings.Contains(sm, "<loc>https://example.com/guides/field/faq/tracking/</loc>") {
		t.Errorf("sitemap lacks page: %s", sm)
	}
}

// TestRelocatable checks every internal reference is relative, so the output
// works at any sub-path without rebuilding.
func TestRelocatable(t *testing.T) {
	public := mustBuild(t, smallSite)
	_ = filepath.WalkDir(public, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") || strings.HasSuffix(path, "404.html") {
			return err
		}
		data, _ := os.ReadFile(path)
		for _, attr := range []string{`href="/`, `src="/`, `action="/`} {
			if i := bytes.Index(data, []byte(attr)); i >= 0 {
				t.Errorf("%s has a root-absolute reference: %s", path, data[i:min(len(data), i+60)])
			}
		}
		return nil
	})
}

func TestOfflineLinksPointAtIndexFiles(t *testing.T) {
	dir := writeSite(t, smallSite)
	if _, err := buildSite(t, dir, Options{Offline: true}); err != nil {
		t.Fatal(err)
	}
	page := readOut(t, filepath.Join(dir, "public"), "faq/tracking/index.html")
	for _, want := range []string{`href="../../scenarios/01-first/index.html"`, `data-fg-offline="true"`, `href="../../index.html"`} {
		if !strings.Contains(page, want) {
			t.Errorf("offline page lacks %s", want)
		}
	}
}

// TestEditLinks: with edit_url set, each page with a file links to that file
// in the repository's editor; pages without one (a folder without
// _index.md, 404, search) do not.
func TestEditLinks(t *testing.T) {
	public := mustBuild(t, `
-- site.toml --
edit_url = "https://git.example.com/guide/edit/main/content"
-- content/_index.md --
+++
title = "Home"
+++
Home.
-- content/plays/first play.md --
+++
title = "First play"
+++
A play.
`)
	edit := func(html string) string {
		if m := regexp.MustCompile(`<a href="([^"]*)" class="fg-edit">Edit this page</a>`).FindStringSubmatch(html); m != nil {
			return m[1]
		}
		return ""
	}
	for rel, want := range map[string]string{
		"index.html":                  "https://git.example.com/guide/edit/main/content/_index.md",
		"plays/first play/index.html": "https://git.example.com/guide/edit/main/content/plays/first%20play.md",
		"plays/index.html":            "",
		"404.html":                    "",
		"search/index.html":           "",
	} {
		if got := edit(readOut(t, public, rel)); got != want {
			t.Errorf("%s: edit link %q, want %q", rel, got, want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	dir := writeSite(t, smallSite)
	var trees [2]map[string][]byte
	for i := range trees {
		dest := filepath.Join(dir, "out"+string(rune('a'+i)))
		if _, err := buildSite(t, dir, Options{Destination: dest}); err != nil {
			t.Fatal(err)
		}
		trees[i] = readTree(t, dest)
	}
	if len(trees[0]) != len(trees[1]) {
		t.Fatalf("builds wrote %d and %d files", len(trees[0]), len(trees[1]))
	}
	for path, data := range trees[0] {
		if !bytes.Equal(data, trees[1][path]) {
			t.Errorf("%s differs between two builds of the same input", path)
		}
	}
}

func readTree(t testing.TB, root string) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestFailedBuildLeavesOutputUntouched proves the atomic publish: a build
// with an error writes nothing and leaves the previous output as it was.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dir := writeSite(t, smallSite)
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	before := readTree(t, public)
	broken := filepath.Join(dir, "content", "faq", "broken.md")
	if err := os.WriteFile(broken, []byte("+++\ntitle = \"Broken\"\n+++\nSee [missing](nowhere.md).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := buildSite(t, dir, Options{})
	var be *diag.BuildError
	if !errors.As(err, &be) {
		t.Fatalf("build with a broken link: got %v, want a BuildError", err)
	}
	after := readTree(t, public)
	if len(before) != len(after) {
		t.Fatalf("output changed from %d to %d files after a failed build", len(before), len(after))
	}
	for path, data := range before {
		if !bytes.Equal(data, after[path]) {
			t.Errorf("%s changed after a failed build", path)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

func TestRefusesDangerousDestinations(t *testing.T) {
	dir := writeSite(t, smallSite)
	foreign := filepath.Join(t.TempDir(), "someone-elses")
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "precious.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	home, _ := os.UserHomeDir()
	cases := map[string]string{
		"the site folder":                 dir,
		"a parent of the site":            filepath.Dir(dir),
		"the filesystem root":             "/",
		"the home folder":                 home,
		"a folder fieldguide didn't make": foreign,
		"content/":                        filepath.Join(dir, "content", ".."),
	}
	for name, dest := range cases {
		t.Run(name, func(t *testing.T) {
			if dest == "" {
				t.Skip("no home folder")
			}
			if _, err := buildSite(t, dir, Options{Destination: dest}); err == nil || !strings.Contains(err.Error(), "refusing") && !strings.Contains(err.Error(), "not created by fieldguide") {
				t.Fatalf("build into %s: got %v, want a refusal", dest, err)
			}
		})
	}
	if data, err := os.ReadFile(filepath.Join(foreign, "precious.txt")); err != nil || string(data) != "keep" {
		t.Fatal("a refused destination was modified")
	}
	// A folder fieldguide made can be rebuilt.
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatalf("rebuilding into its own output: %v", err)
	}
}

func TestDraftsOnlyWithFlag(t *testing.T) {
	archive := smallSite + `-- content/faq/wip.md --
+++
title = "Work in progress"
draft = true
+++
## Is it done?

No.
`
	dir := writeSite(t, archive)
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "faq", "wip", "index.html")); err == nil {
		t.Error("draft published without --drafts")
	}
	if _, err := buildSite(t, dir, Options{Drafts: true}); err != nil {
		t.Fatal(err)
	}
	readOut(t, filepath.Join(dir, "public"), "faq/wip/index.html")
}

func TestSiteWithoutThemesFolderUsesEmbeddedTheme(t *testing.T) {
	public := mustBuild(t, "-- content/index.md --\n+++\ntitle = \"Only page\"\n+++\nHello.\n")
	if page := readOut(t, public, "index.html"); !strings.Contains(page, "Only page") || !strings.Contains(page, "assets/fieldguide.css") {
		t.Errorf("embedded theme not used:\n%s", page)
	}
}

func TestLayoutOverride(t *testing.T) {
	public := mustBuild(t, smallSite+`-- layouts/faq.html --
{{define "main"}}<p id="custom">custom FAQ layout for {{.Page.Title}}</p>{{end}}
`)
	if page := readOut(t, public, "faq/tracking/index.html"); !strings.Contains(page, `<p id="custom">custom FAQ layout for Tracking</p>`) {
		t.Error("layouts/faq.html did not override the theme's")
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := writeSite(t, smallSite)
	if _, err := Check(context.Background(), Options{Source: dir, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("check created public/: %v", err)
	}
}

// TestUndefinedTerms: the glossary report lists abbreviations of the prose
// the glossary lacks (code aside), once per page, singular, with the
// pages using each; defined terms and their plurals are not listed.
func TestUndefinedTerms(t *testing.T) {
	dir := writeSite(t, smallSite+`-- content/plain.md --
+++
title = "Plain"
+++
The TPID and TPIDs of MSXs, with an ATU and `+"`CODE`"+`.

    INDENTED code
`)
	res, err := Check(context.Background(), Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for term, pages := range res.UndefinedTerms {
		for _, p := range pages {
			got[term] = append(got[term], p.Source)
		}
	}
	want := map[string][]string{"TPID": {"content/plain.md"}, "ATU": {"content/plain.md"}, "FAQ": {"content/_index.md"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("undefined terms = %v, want %v", got, want)
	}
}
