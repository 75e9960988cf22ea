package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestHostileInputs pins the diagnostic, at file:line:col, for content a
// pull request may hold to break the build or the published site: every
// case must fail the check with exactly this message (issue #14).
func TestHostileInputs(t *testing.T) {
	cases := []struct {
		name, files string // txtar files added to base
		want        string
	}{
		// Messages and anchors.
		{"explicit anchor twice", "-- content/a.md --\n+++\ntitle = \"A\"\n+++\n## One {#same}\n\nx\n\n## Two {#same}\n\ny\n",
			"content/a.md:8:4: heading anchor #same is also the anchor of the heading at line 4; give this heading another {#id}; links and search results need one place per anchor"},
		{"explicit anchor equal to a made one", "-- content/a.md --\n+++\ntitle = \"A\"\n+++\n## Same\n\nx\n\n## Other {#same}\n\ny\n",
			"content/a.md:8:4: heading anchor #same is also the anchor of the heading at line 4"},
		{"heading anchor equal to a tree node's", "-- content/trees/t.md --\n+++\ntitle = \"T\"\nstart = \"q\"\n[[questions]]\nid = \"q\"\nquestion = \"Q?\"\n[[questions.answers]]\nid = \"a\"\nlabel = \"A\"\noutcome = \"o\"\n[[questions.answers]]\nid = \"b\"\nlabel = \"B\"\noutcome = \"o\"\n[[outcomes]]\nid = \"o\"\ntitle = \"O\"\n+++\n## Intro {#dt-q}\n\nx\n",
			"content/trees/t.md:19:4: heading anchor #dt-q is also the anchor of a decision-tree question or outcome"},
		{"reviewed is a time of day", "-- content/a.md --\n+++\ntitle = \"A\"\nreviewed = 10:00:00\n+++\nA.\n",
			"content/a.md:3:1: `reviewed` must be a date, not a time of day or the year 0; write a date such as reviewed = 2024-05-01"},
		{"theme outside themes/", "-- site.toml --\ntheme = \"../outside/x\"\n",
			"site.toml:1:1: invalid theme \"../outside/x\": it must name a folder inside themes/"},
		{"two role files with one key", "-- content/roles/sub/CSA.md --\n+++\ntitle = \"CSA again\"\n+++\nRole.\n",
			"content/roles/sub/CSA.md: role \"csa\" is also the role of content/roles/csa.md; rename one of the two files"},
		{"draft page names an unknown role", "-- content/faq/d.md --\n+++\ntitle = \"D\"\ndraft = true\nroles = [\"CAS\"]\n+++\n## Q\n\nA.\n",
			"content/faq/d.md:4:1: unknown role `CAS`; did you mean `CSA`?"},
		{"published page names a draft role", "-- content/roles/pm.md --\n+++\ntitle = \"PM\"\ndraft = true\n+++\nRole.\n-- content/faq/a.md --\n+++\ntitle = \"A\"\nroles = [\"PM\"]\n+++\n## Q\n\nA.\n",
			"content/faq/a.md:3:1: role `PM` is a draft, so this published page would name a role the site does not have; publish the role (remove draft = true from content/roles/pm.md) or remove it from this page"},

		// Output collisions (class 5): reported at the page's slug, the
		// alias or the copied file, naming the other party.
		{"slug takes the search page", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"search\"\n+++\nA.\n",
			"content/a.md:3:1: this page's address, /search/, is taken by fieldguide's search page; change the slug"},
		{"slug takes the what's-new page", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"whats-new\"\n+++\nA.\n",
			"content/a.md:3:1: this page's address, /whats-new/, is taken by fieldguide's what's-new page; change the slug"},
		{"file name takes the search page", "-- content/search.md --\n+++\ntitle = \"S\"\n+++\nS.\n",
			"content/search.md: this page's address, /search/, is taken by fieldguide's search page; rename the file, or give the page a slug"},
		{"alias takes the search page", "-- content/a.md --\n+++\ntitle = \"A\"\naliases = [\"old/\", \"/search/\"]\n+++\nA.\n",
			"content/a.md:3:1: alias /search/, is taken by fieldguide's search page; change or remove the alias"},
		{"slug in the theme's folder", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"assets\"\n+++\nA.\n",
			"content/a.md:3:1: this page's address, /assets/, is inside /assets/, which is kept for the theme's files; change the slug"},
		{"slug sitemap.xml", "-- site.toml --\nbase_url = \"https://example.com/\"\n-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"sitemap.xml\"\n+++\nA.\n",
			"content/a.md:3:1: this page's address, /sitemap.xml/, needs /sitemap.xml to be a folder, but that is a file, taken by fieldguide's sitemap; change the slug"},
		{"slug 404.html", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"404.html\"\n+++\nA.\n",
			"content/a.md:3:1: this page's address, /404.html/, needs /404.html to be a folder, but that is a file, taken by fieldguide's page-not-found page"},
		{"static file takes the 404 page", "-- static/404.html --\n<p>mine</p>\n",
			"static/404.html: this file, published as /404.html, is taken by fieldguide's page-not-found page; rename or move the file"},
		{"static file in the search index", "-- static/search/idx/manifest.js --\nx\n",
			"static/search/idx/manifest.js: this file, published as /search/idx/manifest.js, is inside /search/idx/, which is kept for fieldguide's search index"},
		{"static file in serve's folder", "-- static/__fieldguide/reload.js --\nx\n",
			"static/__fieldguide/reload.js: this file, published as /__fieldguide/reload.js, is inside /__fieldguide/, which is kept for fieldguide serve's own files"},
		{"content file takes a section page", "-- content/faq/index.html --\n<p>x</p>\n",
			"content/faq/index.html: this file, published as /faq/, is taken by the page fieldguide makes for content/faq/, which has no _index.md; rename or move the file"},
		{"pages differing in case", "-- content/guide/A.md --\n+++\ntitle = \"A\"\n+++\nA.\n-- content/guide/a.md --\n+++\ntitle = \"a\"\n+++\na.\n",
			"content/guide/a.md: this page's address, /guide/a/, differs only in case from /guide/A/, taken by content/guide/A.md: hosts that ignore case or Unicode normalization, such as Windows, macOS and many CDNs, keep only one of them"},
		{"folders differing in case", "-- content/Faq/b.md --\n+++\ntitle = \"B\"\n+++\n## Q\n\nA.\n",
			"content/faq: the folder's page, /faq/, differs only in case from /Faq/, taken by the page fieldguide makes for content/Faq/, which has no _index.md"},
		{"names differing in Unicode normalization", "-- content/caf\u00e9.md --\n+++\ntitle = \"C1\"\n+++\nC.\n-- content/cafe\u0301.md --\n+++\ntitle = \"C2\"\n+++\nC.\n",
			"content/caf\u00e9.md: this page's address, /caf\u00e9/, is the same text, written with other Unicode characters (composed or with combining accents), as /cafe\u0301/, taken by content/cafe\u0301.md"},
		{"static files differing in case", "-- static/Logo.png --\nx\n-- static/logo.png --\ny\n",
			"static/logo.png: this file, published as /logo.png, differs only in case from /Logo.png, taken by static/Logo.png"},
		{"content file and static file", "-- static/faq/chart.png --\nx\n-- content/faq/chart.png --\ny\n",
			"content/faq/chart.png: this file, published as /faq/chart.png, is taken by static/faq/chart.png"},
		{"page where a static file is", "-- static/guide --\nx\n-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"guide\"\n+++\nA.\n",
			"content/a.md:3:1: this page's address, /guide/, needs /guide to be a folder, but that is a file, taken by static/guide; change the slug"},
		{"alias differing in case from a page", "-- content/a.md --\n+++\ntitle = \"A\"\naliases = [\"FAQ/Known/\"]\n+++\nA.\n",
			"content/a.md:3:1: alias /FAQ/Known/, differs only in case from /faq/known/, taken by content/faq/known.md"},

		// Links made from names (class 7).
		{"scheme slug", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"javascript:alert(1)\"\n+++\nA.\n",
			"content/a.md:3:1: invalid slug \"javascript:alert(1)\"; a slug is one URL segment such as \"tracking-in-msx\": letters, digits and dashes; this one contains ':'"},
		{"dot slug", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \".\"\n+++\nA.\n", "content/a.md:3:1: invalid slug \".\"; a slug is one URL segment such as \"tracking-in-msx\": letters, digits and dashes; this one is ."},
		{"hidden slug", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \".well-known\"\n+++\nA.\n", "content/a.md:3:1: invalid slug \".well-known\""},
		{"two-segment slug", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"a/b\"\n+++\nA.\n", "content/a.md:3:1: invalid slug \"a/b\"; a slug is one URL segment such as \"tracking-in-msx\": letters, digits and dashes; this one contains '/'"},
		{"encoded dots slug", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"%2e%2e\"\n+++\nA.\n", "content/a.md:3:1: invalid slug \"%2e%2e\""},
		{"empty slug", "-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"\"\n+++\nA.\n", "content/a.md:3:1: invalid slug \"\""},
		{"scheme file name", "-- content/javascript:alert(1).md --\n+++\ntitle = \"A\"\n+++\nA.\n",
			"content/javascript:alert(1).md: the file name \"javascript:alert(1)\" cannot be part of a web address: it contains ':'; rename the file, or give the page a slug such as slug = \"javascript-alert-1\""},
		{"fragment in a file name", "-- content/x#y.md --\n+++\ntitle = \"A\"\n+++\nA.\n", "content/x#y.md: the file name \"x#y\" cannot be part of a web address: it contains '#'"},
		{"query in a file name", "-- content/why?.md --\n+++\ntitle = \"A\"\n+++\nA.\n", "content/why?.md: the file name \"why?\" cannot be part of a web address: it contains '?'"},
		{"percent in a file name", "-- content/100%.md --\n+++\ntitle = \"A\"\n+++\nA.\n", "content/100%.md: the file name \"100%\" cannot be part of a web address: it contains '%'"},
		{"Windows device name", "-- content/con.md --\n+++\ntitle = \"A\"\n+++\nA.\n",
			"content/con.md: the file name \"con\" cannot be part of a web address: it is a name Windows reserves for a device; rename the file, or give the page a slug such as slug = \"con-page\""},
		{"bidi override in a file name", "-- content/evil\u202efdp.md --\n+++\ntitle = \"A\"\n+++\nA.\n",
			`content/evil\u202efdp.md: the file name "evil\u202efdp" cannot be part of a web address: it contains the control character U+202E`},
		{"folder name, reported once", "-- content/a:b/x.md --\n+++\ntitle = \"X\"\n+++\nX.\n-- content/a:b/y.md --\n+++\ntitle = \"Y\"\n+++\nY.\n",
			"content/a:b: the folder name \"a:b\" cannot be part of a web address: it contains ':'; rename the folder"},
		{"static file name", "-- static/a#b.css --\nx\n", "static/a#b.css: the name \"a#b.css\" cannot be part of a web address: it contains '#'"},
		{"alias leaving the site", "-- content/a.md --\n+++\ntitle = \"A\"\naliases = [\"../x\"]\n+++\nA.\n", "content/a.md:3:1: invalid alias \"../x\": the part \"..\" is .."},
		{"alias with encoded dots", "-- content/a.md --\n+++\ntitle = \"A\"\naliases = [\"%2e%2e/x\"]\n+++\nA.\n", "content/a.md:3:1: invalid alias \"%2e%2e/x\": the part \"%2e%2e\" contains '%'"},
		{"alias with a scheme", "-- content/a.md --\n+++\ntitle = \"A\"\naliases = [\"https://evil.example/\"]\n+++\nA.\n", "content/a.md:3:1: invalid alias \"https://evil.example/\": the part \"https:\" contains ':'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := diagnostics(t, base+c.files)
			for _, d := range got {
				if strings.HasPrefix(d, c.want) {
					return
				}
			}
			t.Errorf("want a diagnostic starting\n  %s\ngot:\n  %s", c.want, strings.Join(got, "\n  "))
		})
	}
}

// TestRolesCheckedWhenOnlyDraftsDefineThem checks a site whose role pages
// are all drafts still checks role names without --drafts, as it does with.
func TestRolesCheckedWhenOnlyDraftsDefineThem(t *testing.T) {
	site := `-- content/_index.md --
+++
title = "Home"
+++
Home.
-- content/roles/pm.md --
+++
title = "PM"
draft = true
+++
Role.
-- content/roles/seller.md --
+++
title = "Seller"
draft = true
+++
Role.
-- content/faq/a.md --
+++
title = "A"
draft = true
roles = ["Sellr"]
+++
## Q

A.
`
	want := "content/faq/a.md:4:1: unknown role `Sellr`; did you mean `SELLER`?"
	if got := diagnostics(t, site); len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want [%q]", got, want)
	}
}

// TestGlossaryAnchorsAvoidHeadings checks a glossary term takes an anchor
// no heading of the glossary page has (it was a search-index error).
func TestGlossaryAnchorsAvoidHeadings(t *testing.T) {
	public := mustBuild(t, base+`-- content/glossary.md --
+++
title = "Glossary"
[[terms]]
term = "TPID"
expansion = "Top parent ID"
+++
## TPID {#tpid}

About TPIDs.
`)
	page := readOut(t, public, "glossary/index.html")
	if !strings.Contains(page, `id="tpid-2"`) {
		t.Errorf("the term should be at #tpid-2, #tpid being the heading's")
	}
}

// TestLinksOutOfTheSiteFailTheBuild is the example: a pull request
// linking static files to the runner's environment, its passwords and its
// git credentials, and content/ to the whole disk. The build fails naming
// each link, publishes nothing, and reads no further (it used to walk /).
func TestLinksOutOfTheSiteFailTheBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs Unix symbolic links")
	}
	dir := writeSite(t, base+"-- .git/config --\n[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n-- static/ok.txt --\nok\n")
	for name, target := range map[string]string{
		"static/env.txt": "/proc/self/environ", "static/passwd": "/etc/passwd",
		"static/git.txt": "../.git/config", "content/root": "/",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skip("symlinks unsupported:", err)
		}
	}
	res, err := buildSite(t, dir, Options{})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	for _, want := range []string{"content/root: symbolic link to / leads outside the site folder",
		"static/env.txt: symbolic link to /proc/", "static/passwd: symbolic link to /etc/passwd leads outside the site folder",
		"static/git.txt: symbolic link to " + filepath.Join(realPath(t, dir), ".git", "config") + " leads into a hidden file or folder (.git)"} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("no diagnostic starting %q in:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if len(got) != 4 {
		t.Errorf("want 4 diagnostics, got:\n%s", strings.Join(got, "\n"))
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed build published: %v", err)
	}
}

func realPath(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestNamesAreEncodedInLinks: names that can be published but are not
// plain ASCII (spaces, accents, apostrophes) reach every href percent-
// encoded, segment by segment, from page links, listings, the sitemap,
// canonical links, alias redirects and links to copied files.
func TestNamesAreEncodedInLinks(t *testing.T) {
	public := mustBuild(t, base+`-- site.toml --
base_url = "https://example.com/guide/"
-- content/Études de cas/O'Brien & co.md --
+++
title = "OBrien"
aliases = ["old name/"]
+++
See ![chart](<big chart+1.png>).
-- content/Études de cas/big chart+1.png --
png
-- content/faq/a.md --
+++
title = "A"
+++
## Q

[the case](<../Études de cas/O'Brien & co.md>)
`)
	// html/template writes the apostrophe %27 in attributes it checks.
	enc := "%C3%89tudes%20de%20cas/O'Brien%20&amp;%20co/"
	for file, want := range map[string][]string{
		"faq/a/index.html":                      {`href="../../` + enc + `"`},
		"index.html":                            {`href="` + "%C3%89tudes%20de%20cas/" + `"`},
		"Études de cas/O'Brien & co/index.html": {`src="../../%C3%89tudes%20de%20cas/big%20chart%2B1.png"`, `href="https://example.com/guide/%C3%89tudes%20de%20cas/O%27Brien%20&amp;%20co/"`},
		"sitemap.xml":                           {"<loc>https://example.com/guide/%C3%89tudes%20de%20cas/O&#39;Brien%20&amp;%20co/</loc>"},
		"old name/index.html":                   {`url=../%C3%89tudes%20de%20cas/O&#39;Brien%20&amp;%20co/"`},
	} {
		page := readOut(t, public, file)
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
}

// TestNamesTxtarCannotHold: names with a newline, an escape or bytes that
// are not UTF-8 are errors at the file, printed escaped.
func TestNamesTxtarCannotHold(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows refuses these names itself")
	}
	dir := writeSite(t, base)
	page := []byte("+++\ntitle = \"X\"\n+++\nX.\n")
	for _, name := range []string{"new\nline.md", "esc\x1b[31m.md", "bad\xff.md"} {
		if err := os.WriteFile(filepath.Join(dir, "content", name), page, 0o644); err != nil {
			t.Skip("the file system refuses the name:", err)
		}
	}
	res, err := Check(t.Context(), Options{Source: dir, Now: fixedNow})
	if err == nil {
		t.Fatal("the check passed")
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`content/new\nline.md: the file name "new\nline" cannot be part of a web address: it contains the control character U+000A`,
		`content/esc\x1b[31m.md: the file name "esc\x1b[31m" cannot be part of a web address: it contains the control character U+001B`,
		`content/bad\xff.md: the name is not valid UTF-8 text; rename it`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in:\n%s", want, all)
		}
	}
}

// TestBuilderReportsCollisions: serve's rebuilds find a collision an edit
// makes (a static file over a page), publish nothing, and publish again
// once it is gone.
func TestBuilderReportsCollisions(t *testing.T) {
	dir := writeSite(t, base)
	b := NewBuilder(Options{Source: dir, Now: fixedNow})
	if _, err := b.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	sitetest.WriteFile(t, dir, "static/faq/known/index.html", "<p>mine</p>")
	rep, err := b.Rebuild(t.Context(), []string{"static/faq/known/index.html"})
	if err == nil || rep.Published {
		t.Fatalf("a static file over a page was published: %v", err)
	}
	want := "content/faq/known.md: this page's address, /faq/known/, is taken by static/faq/known/index.html; rename the file, or give the page a slug"
	if len(rep.Diagnostics) != 1 || rep.Diagnostics[0].String() != want {
		t.Errorf("got %v, want [%s]", rep.Diagnostics, want)
	}
	if err := os.RemoveAll(filepath.Join(dir, "static")); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.Rebuild(t.Context(), []string{"static"}); err != nil || !rep.Published {
		t.Fatalf("after the fix: %v", err)
	}
}

// TestTemplateLinkOutOfTheSite: a layout linked to a system file is one
// error naming the link (its text would be published in every page), not
// a cascade of missing layouts.
func TestTemplateLinkOutOfTheSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs Unix symbolic links")
	}
	dir := writeSite(t, base)
	if err := os.MkdirAll(filepath.Join(dir, "layouts", "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/hostname", filepath.Join(dir, "layouts", "partials", "header.html")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	res, _ := Check(t.Context(), Options{Source: dir, Now: fixedNow})
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	want := "layouts/partials/header.html: cannot read template: it is a symbolic link to /etc/hostname, which leads outside the site folder; fieldguide reads only regular files inside the site folder"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestCollisionsOnly: a build with collisions reports them, and no
// follow-on errors about output paths it could not write.
func TestCollisionsOnly(t *testing.T) {
	dir := writeSite(t, base+"-- content/a.md --\n+++\ntitle = \"A\"\nslug = \"404.html\"\n+++\nA.\n-- static/404.html --\nx\n")
	res, err := buildSite(t, dir, Options{})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	if len(got) != 2 {
		t.Errorf("want the two collisions alone, got:\n%s", strings.Join(got, "\n"))
	}
}
