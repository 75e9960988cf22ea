package pipeline

import (
	"strings"
	"testing"
)

const taggedSite = `-- content/_index.md --
+++
title = "Home"
+++
See [tracking](faq/tracking.md), [basics](faq/basics.md) and [a guide](guides/g.md).
-- content/faq/tracking.md --
+++
title = "Tracking"
summary = "Where motions are tracked."
tags = ["MSX", "csp"]
+++
## Where?

In MSX.
-- content/faq/basics.md --
+++
title = "Basics"
weight = 1
tags = ["CSP"]
+++
## What?

Basics.
-- content/guides/g.md --
+++
title = "Guide"
tags = ["msx"]
+++
Text.
-- content/guides/draft.md --
+++
title = "Draft"
draft = true
tags = ["draft-only"]
+++
Soon.
`

// TestTagPages: tags/ lists every tag with its count, tags/SLUG/ its pages
// in reading order, and each page's tags link there. Tags that differ in
// case are one; a draft's tags make no page.
func TestTagPages(t *testing.T) {
	public := mustBuild(t, taggedSite)
	index := mainElement(readOut(t, public, "tags/index.html"))
	for _, want := range []string{`<a href="csp/">CSP</a>`, "<p>2 pages</p>", `<a href="msx/">MSX</a>`} {
		if !strings.Contains(index, want) {
			t.Errorf("tags/ lacks %s:\n%s", want, index)
		}
	}
	if strings.Count(index, `<li class="fg-card`) != 2 || strings.Contains(index, "draft-only") {
		t.Errorf("tags/ should list csp and msx only:\n%s", index)
	}
	csp := mainElement(readOut(t, public, "tags/csp/index.html"))
	basics, tracking := strings.Index(csp, `href="../../faq/basics/"`), strings.Index(csp, `href="../../faq/tracking/"`)
	if basics < 0 || tracking < 0 || basics > tracking || strings.Contains(csp, "guides/g/") {
		t.Errorf("tags/csp/ should list basics (weight 1), then tracking:\n%s", csp)
	}
	if !strings.Contains(csp, "<h1>Pages tagged CSP</h1>") || !strings.Contains(csp, `<a href="../../tags/">Tags</a>`) {
		t.Errorf("tags/csp/ title or breadcrumb:\n%s", csp)
	}
	page := readOut(t, public, "faq/tracking/index.html")
	if !strings.Contains(page, `<a href="../../tags/msx/">MSX</a>, <a href="../../tags/csp/">csp</a>`) {
		t.Errorf("a page's tags should link to their pages:\n%s", mainElement(page))
	}
}

// TestTagPagesOffline: opened from disk, tag links name index.html.
func TestTagPagesOffline(t *testing.T) {
	dir := writeSite(t, taggedSite)
	if _, err := buildSite(t, dir, Options{Offline: true}); err != nil {
		t.Fatal(err)
	}
	public := dir + "/public"
	if page := readOut(t, public, "faq/tracking/index.html"); !strings.Contains(page, `href="../../tags/csp/index.html"`) {
		t.Error("offline tag link without index.html")
	}
	if index := readOut(t, public, "tags/index.html"); !strings.Contains(index, `href="csp/index.html"`) {
		t.Error("offline tags/ link without index.html")
	}
}

// TestTagPagesClaimTheirPaths: a page at tags/ or at a tag's page is an
// error naming fieldguide's page, as for any other generated file.
func TestTagPagesClaimTheirPaths(t *testing.T) {
	got := strings.Join(diagnostics(t, taggedSite+`-- content/tags.md --
+++
title = "My tags"
+++
Mine.
-- content/tags/msx.md --
+++
title = "MSX tag"
+++
Mine.
`), "\n")
	for _, want := range []string{
		"content/tags.md: this page's address, /tags/, is taken by fieldguide's list of tags; rename the file, or give the page a slug",
		"content/tags/msx.md: this page's address, /tags/msx/, is taken by fieldguide's page of the tag \"MSX\"; rename the file, or give the page a slug",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want\n  %s\nin\n%s", want, got)
		}
	}
}

// TestBuilderTagEdits: serve's rebuilds keep tag pages as a full build
// makes them when tags are added, renamed and removed, and when a tagged
// page's title changes.
func TestBuilderTagEdits(t *testing.T) {
	dir := writeSite(t, taggedSite)
	m := newIncMirror(t, dir)
	for _, st := range []struct {
		name, file, old, new string
	}{
		{"tag added", "content/guides/g.md", `tags = ["msx"]`, `tags = ["msx", "partner center"]`},
		{"title of a tagged page", "content/faq/basics.md", `title = "Basics"`, `title = "The basics"`},
		{"tag renamed", "content/faq/basics.md", `tags = ["CSP"]`, `tags = ["cloud solution provider"]`},
		{"tags removed", "content/guides/g.md", `tags = ["msx", "partner center"]`, `tags = []`},
	} {
		m.edit(st.file, st.old, st.new)
		if _, err := m.rebuild(st.file); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		m.check(st.name)
	}
	if _, ok := m.files["tags/partner-center/index.html"]; ok {
		t.Error("the page of a tag no page has is still served")
	}
}
