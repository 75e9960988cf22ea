package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
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
