package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/corpus"
	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// fixture is a small site with every page type and relation a rebuild must
// keep right: glossary, roles, areas, motions, FAQ, scenarios, a decision
// tree, a section with neighbours, a file beside a page and static files.
var incFixture = map[string]string{
	"site.toml": "title = \"Test guide\"\n",
	"content/_index.md": `+++
title = "Test guide"
+++
Welcome. Start with the [FAQ](faq/_index.md).
`,
	"content/glossary.md": `+++
title = "Glossary"

[[terms]]
term = "TPID"
expansion = "Top Parent ID"

[[terms]]
term = "CSA"
expansion = "Cloud Solution Architect"
+++
Terms used in this guide.
`,
	"content/roles/_index.md": "+++\ntitle = \"Roles\"\n+++\nWho does what.\n",
	"content/roles/csa.md":    "+++\ntitle = \"CSA\"\n+++\nArchitects.\n",
	"content/roles/seller.md": "+++\ntitle = \"Seller\"\n+++\nSellers.\n",
	"content/areas/data.md":   "+++\ntitle = \"Data and AI\"\nprogram_prefix = \"Consumption | DAI\"\n+++\nData.\n",
	"content/motions/m1.md": `+++
title = "Motion one"
solution_area = "Data and AI"
program = "Consumption | DAI | One"
roles = ["CSA"]
+++
Run the motion. See the [tracking FAQ](../faq/a.md#question-one).
`,
	"content/faq/_index.md": "+++\ntitle = \"FAQ\"\nsummary = \"Questions.\"\n+++\nAll questions.\n",
	"content/faq/a.md": `+++
title = "Tracking"
summary = "Tracking questions."
weight = 1
+++
Intro about the TPID.

## Question one?

Answer one, with [motion one](../motions/m1.md).

## Question two?

Answer two.
`,
	"content/faq/b.md": `+++
title = "Basics"
weight = 2
roles = ["Seller"]
+++
## What is a CSA?

See [question one](a.md#question-one).
`,
	"content/scenarios/01-new.md": `+++
title = "New deal"
number = 1
situation = "A new deal."
+++
## What the seller does

Sell.

## Seller mindset

Think.

## What the partner does

Partner.
`,
	"content/trees/t.md": `+++
title = "Which FAQ?"
start = "q1"

[[questions]]
id = "q1"
question = "Tracking?"

  [[questions.answers]]
  id = "yes"
  label = "Yes"
  outcome = "o1"

  [[questions.answers]]
  id = "no"
  label = "No"
  outcome = "o2"

[[outcomes]]
id = "o1"
title = "Read tracking"
page = "../faq/a.md"

[[outcomes]]
id = "o2"
title = "Read basics"
page = "../faq/b.md"
+++
Pick one.
`,
	"content/guides/g1.md":     "+++\ntitle = \"Guide one\"\nweight = 1\n+++\nFirst. ![chart](chart.png)\n",
	"content/guides/g2.md":     "+++\ntitle = \"Guide two\"\nweight = 2\n+++\nSecond, for a CSA.\n",
	"content/guides/g3.md":     "+++\ntitle = \"Guide three\"\nweight = 3\n+++\nThird.\n",
	"content/guides/chart.png": "\x89PNG fake",
	"static/extra.txt":         "extra\n",
}

// incSink collects a Render.
type incSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *incSink) Write(path string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[path] = append([]byte(nil), data...)
	return nil
}

// incMirror is what a server holds: every published report applied.
type incMirror struct {
	t     *testing.T
	dir   string
	opts  Options
	b     *Builder
	files map[string][]byte
}

func newIncMirror(t *testing.T, dir string) *incMirror {
	opts := Options{Source: dir, BaseURL: "https://example.com/guide/", Now: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	m := &incMirror{t: t, dir: dir, opts: opts, b: NewBuilder(opts), files: map[string][]byte{}}
	t.Cleanup(func() { m.b.Close() })
	rep, err := m.b.Build(context.Background())
	if err != nil {
		t.Fatalf("first build: %v", err)
	}
	m.apply(rep)
	m.check("first build")
	return m
}

func (m *incMirror) apply(rep *Report) {
	if !rep.Published {
		return
	}
	for path, data := range rep.Files {
		m.files[path] = data
	}
	for _, path := range rep.Removed {
		delete(m.files, path)
	}
}

// check compares the incMirror with a fresh full Render of the same sources.
func (m *incMirror) check(step string) {
	m.t.Helper()
	want := &incSink{files: map[string][]byte{}}
	if _, err := Render(context.Background(), m.opts, want); err != nil {
		m.t.Fatalf("%s: full render: %v", step, err)
	}
	var problems []string
	for path, data := range want.files {
		got, ok := m.files[path]
		switch {
		case !ok:
			problems = append(problems, "missing "+path)
		case !bytes.Equal(got, data):
			problems = append(problems, "stale "+path+": "+incFirstDiff(got, data))
		}
	}
	for path := range m.files {
		if _, ok := want.files[path]; !ok {
			problems = append(problems, "extra "+path)
		}
	}
	sort.Strings(problems)
	if len(problems) > 0 {
		m.t.Fatalf("%s: incremental output differs from a full build:\n%s", step, strings.Join(problems, "\n"))
	}
}

func incFirstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(i-60, 0)
	return "got …" + string(got[lo:min(i+60, len(got))]) + "… want …" + string(want[lo:min(i+60, len(want))]) + "…"
}

func (m *incMirror) write(name, data string) {
	m.t.Helper()
	sitetest.WriteFiles(m.t, m.dir, map[string]string{name: data})
}

func (m *incMirror) edit(name, old, new string) {
	m.t.Helper()
	sitetest.Replace(m.t, m.dir, name, old, new)
}

func (m *incMirror) remove(name string) {
	m.t.Helper()
	if err := os.RemoveAll(filepath.Join(m.dir, filepath.FromSlash(name))); err != nil {
		m.t.Fatal(err)
	}
}

func (m *incMirror) rebuild(changed ...string) (*Report, error) {
	m.t.Helper()
	rep, err := m.b.Rebuild(context.Background(), changed)
	if rep == nil {
		m.t.Fatalf("rebuild %v: %v", changed, err)
	}
	m.apply(rep)
	if rep.IndexStale {
		// What serve does in the background.
		j := m.b.IndexJob()
		files, err := j.Run(context.Background())
		irep := m.b.PublishIndex(j, files, err)
		if !irep.Published {
			m.t.Fatalf("index not published: %v", irep.Diagnostics)
		}
		m.apply(irep)
	}
	return rep, err
}

func TestBuilderMatchesRender(t *testing.T) {
	type expect struct {
		maxRendered int      // 0: any
		graph       bool     // the site graph had to be rebuilt
		fast        bool     // the site graph must not have been rebuilt
		changed     []string // outputs that must be among the changed
		removed     []string
	}
	steps := []struct {
		name    string
		do      func(m *incMirror)
		changed []string
		want    expect
	}{
		{"body edit", func(m *incMirror) { m.edit("content/faq/a.md", "Answer two.", "Answer two, revised.") },
			[]string{"content/faq/a.md"}, expect{fast: true, maxRendered: 2, changed: []string{"faq/a/index.html"}}},
		{"same bytes saved again", func(m *incMirror) { m.edit("content/faq/a.md", "revised", "revised") },
			[]string{"content/faq/a.md"}, expect{maxRendered: 0}},
		{"body edit using a new glossary term", func(m *incMirror) { m.edit("content/guides/g3.md", "Third.", "Third, by TPID.") },
			[]string{"content/guides/g3.md"}, expect{graph: true, changed: []string{"guides/g3/index.html", "glossary/index.html"}}},
		{"title edit", func(m *incMirror) { m.edit("content/guides/g2.md", "Guide two", "Guide 2") },
			[]string{"content/guides/g2.md"}, expect{graph: true, changed: []string{"guides/g1/index.html", "guides/g3/index.html", "guides/index.html"}}},
		{"weight edit reorders neighbours", func(m *incMirror) { m.edit("content/guides/g1.md", "weight = 1", "weight = 9") },
			[]string{"content/guides/g1.md"}, expect{graph: true}},
		{"new link adds a backlink", func(m *incMirror) { m.edit("content/guides/g3.md", "Third,", "Third, see [basics](../faq/b.md),") },
			[]string{"content/guides/g3.md"}, expect{graph: true, changed: []string{"faq/b/index.html"}}},
		{"slug change moves a page and its links", func(m *incMirror) { m.edit("content/faq/b.md", "weight = 2", "weight = 2\nslug = \"basics\"") },
			[]string{"content/faq/b.md"}, expect{graph: true, changed: []string{"faq/basics/index.html", "guides/g3/index.html", "trees/t/index.html"}, removed: []string{"faq/b/index.html"}}},
		{"add a page", func(m *incMirror) {
			m.write("content/guides/g4.md", "+++\ntitle = \"Guide four\"\nweight = 4\n+++\nFourth.\n")
		},
			[]string{"content/guides/g4.md"}, expect{graph: true, changed: []string{"guides/g4/index.html"}}},
		{"add a folder with pages", func(m *incMirror) {
			m.write("content/extra/x.md", "+++\ntitle = \"X\"\n+++\nX.\n")
			m.write("content/extra/y.md", "+++\ntitle = \"Y\"\n+++\nY links [x](x.md).\n")
		}, []string{"content/extra"}, expect{graph: true, changed: []string{"extra/x/index.html", "extra/y/index.html", "extra/index.html"}}},
		{"rename a page", func(m *incMirror) {
			if err := os.Rename(filepath.Join(m.dir, "content/extra/x.md"), filepath.Join(m.dir, "content/extra/z.md")); err != nil {
				m.t.Fatal(err)
			}
			m.edit("content/extra/y.md", "(x.md)", "(z.md)")
		}, []string{"content/extra/x.md", "content/extra/z.md", "content/extra/y.md"}, expect{graph: true, removed: []string{"extra/x/index.html"}}},
		{"delete a folder", func(m *incMirror) { m.remove("content/extra") },
			[]string{"content/extra"}, expect{graph: true, removed: []string{"extra/z/index.html", "extra/index.html"}}},
		{"glossary term changes every use", func(m *incMirror) { m.edit("content/glossary.md", "Top Parent ID", "Top parent identifier") },
			[]string{"content/glossary.md"}, expect{graph: true, changed: []string{"faq/a/index.html", "glossary/index.html"}}},
		{"role added to a page", func(m *incMirror) { m.edit("content/guides/g3.md", "weight = 3", "weight = 3\nroles = [\"CSA\"]") },
			[]string{"content/guides/g3.md"}, expect{graph: true, changed: []string{"roles/csa/index.html"}}},
		{"area title change", func(m *incMirror) {
			m.edit("content/areas/data.md", "Data and AI", "Data & AI")
			m.edit("content/motions/m1.md", "Data and AI", "Data & AI")
		}, []string{"content/areas/data.md", "content/motions/m1.md"}, expect{graph: true}},
		{"tree outcome moves", func(m *incMirror) {
			m.edit("content/trees/t.md", "page = \"../faq/b.md\"", "page = \"../guides/g3.md\"")
		},
			[]string{"content/trees/t.md"}, expect{graph: true, changed: []string{"guides/g3/index.html", "faq/basics/index.html"}}},
		{"scenario body shows on its section", func(m *incMirror) { m.edit("content/scenarios/01-new.md", "Think.", "Think twice.") },
			[]string{"content/scenarios/01-new.md"}, expect{fast: true, changed: []string{"scenarios/01-new/index.html", "scenarios/index.html"}}},
		{"draft page appears only with drafts", func(m *incMirror) {
			m.write("content/guides/d.md", "+++\ntitle = \"Draft\"\ndraft = true\n+++\nSoon.\n")
		},
			[]string{"content/guides/d.md"}, expect{graph: true}},
		{"draft edited", func(m *incMirror) { m.edit("content/guides/d.md", "Soon.", "Sooner.") },
			[]string{"content/guides/d.md"}, expect{maxRendered: 0}},
		{"asset beside a page", func(m *incMirror) { m.write("content/guides/chart.png", "\x89PNG changed") },
			[]string{"content/guides/chart.png"}, expect{fast: true, changed: []string{"guides/chart.png"}}},
		{"static file added", func(m *incMirror) { m.write("static/robots-extra.txt", "hello\n") },
			[]string{"static/robots-extra.txt"}, expect{fast: true, changed: []string{"robots-extra.txt"}}},
		{"static file replaces a theme file", func(m *incMirror) { m.write("static/assets/fieldguide.css", "body{}\n") },
			[]string{"static/assets/fieldguide.css"}, expect{changed: []string{"assets/fieldguide.css"}}},
		{"replacing file removed", func(m *incMirror) { m.remove("static/assets") },
			[]string{"static/assets"}, expect{changed: []string{"assets/fieldguide.css"}}},
		{"template override", func(m *incMirror) {
			src, err := os.ReadFile("../../themes/default/layouts/page.html")
			if err != nil {
				m.t.Fatal(err)
			}
			m.write("layouts/page.html", strings.Replace(string(src), "{{define \"main\"}}", "{{define \"main\"}}<p class=\"override\"></p>", 1))
		}, []string{"layouts/page.html"}, expect{fast: true}},
		{"config change", func(m *incMirror) { m.edit("site.toml", "Test guide", "Test guide 2") },
			[]string{"site.toml"}, expect{graph: true}},
		{"body edit after everything", func(m *incMirror) { m.edit("content/guides/g2.md", "Second", "The second") },
			[]string{"content/guides/g2.md"}, expect{fast: true, maxRendered: 2}},
	}
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, incFixture)
	m := newIncMirror(t, dir)
	for _, st := range steps {
		st.do(m)
		rep, err := m.rebuild(st.changed...)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		m.check(st.name)
		if st.want.maxRendered > 0 && rep.Rendered > st.want.maxRendered {
			t.Errorf("%s: rendered %d pages, want at most %d", st.name, rep.Rendered, st.want.maxRendered)
		}
		if st.want.maxRendered == 0 && st.name == "same bytes saved again" && (rep.Rendered != 0 || len(rep.Changed) != 0) {
			t.Errorf("%s: rendered %d pages and changed %v, want nothing", st.name, rep.Rendered, rep.Changed)
		}
		if (st.want.graph && !rep.Graph) || (st.want.fast && rep.Graph) {
			t.Errorf("%s: graph rebuilt = %v", st.name, rep.Graph)
		}
		for _, p := range st.want.changed {
			if _, ok := rep.Files[p]; !ok {
				t.Errorf("%s: %s not among the changed outputs %v", st.name, p, rep.Changed)
			}
		}
		for _, p := range st.want.removed {
			if !incContains(rep.Removed, p) {
				t.Errorf("%s: %s not among the removed outputs %v", st.name, p, rep.Removed)
			}
		}
	}
}

func incContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestBuilderKeepsLastGoodBuild: a rebuild with errors publishes nothing
// and reports every error; fixing it publishes the difference from the last
// good build.
func TestBuilderKeepsLastGoodBuild(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, incFixture)
	m := newIncMirror(t, dir)
	before := string(m.files["faq/a/index.html"])

	m.edit("content/faq/a.md", "Answer two.", "Answer two, see [nothing](missing.md).")
	m.edit("content/guides/g1.md", "+++\nFirst", "+++\nFirst [x](nope.md)")
	rep, err := m.rebuild("content/faq/a.md", "content/guides/g1.md")
	var be *diag.BuildError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a build error", err)
	}
	if rep.Published || len(rep.Files) != 0 {
		t.Fatalf("a failed rebuild published %v", rep.Changed)
	}
	var where []string
	for _, d := range rep.Diagnostics {
		where = append(where, d.String())
	}
	for _, want := range []string{"content/faq/a.md:14:17:", "content/guides/g1.md:5:7:"} {
		if !strings.Contains(strings.Join(where, "\n"), want) {
			t.Errorf("diagnostics %q lack %s", where, want)
		}
	}
	if got := string(m.files["faq/a/index.html"]); got != before {
		t.Fatal("the last good page changed")
	}

	// A theme with a syntax error fails too, and is reported by file.
	m.write("layouts/page.html", "{{define \"main\"}}{{if}}")
	rep, err = m.rebuild("layouts/page.html")
	if err == nil || rep.Published {
		t.Fatal("a broken template published")
	}
	if !strings.Contains(rep.Diagnostics[len(rep.Diagnostics)-1].Path+rep.Diagnostics[0].Path, "layouts/page.html") {
		t.Errorf("template error not reported by file: %v", rep.Diagnostics)
	}

	m.remove("layouts")
	m.edit("content/faq/a.md", "(missing.md)", "(b.md)")
	m.edit("content/guides/g1.md", "[x](nope.md)", "")
	rep, err = m.rebuild("content/faq/a.md", "content/guides/g1.md", "layouts")
	if err != nil {
		t.Fatalf("fixed rebuild: %v", err)
	}
	if !incContains(rep.Changed, "faq/a/index.html") {
		t.Errorf("fixed page not republished; changed %v", rep.Changed)
	}
	m.check("after the fix")
}

// TestBuilderVanishingAndUnreadable: files that disappear or cannot be
// read are reported, never fatal.
func TestBuilderVanishingAndUnreadable(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, incFixture)
	m := newIncMirror(t, dir)

	// An event for a file that is already gone again.
	rep, err := m.rebuild("content/guides/ghost.md")
	if err != nil || !rep.Published {
		t.Fatalf("ghost file: %v", err)
	}
	m.check("ghost")

	if os.Getuid() != 0 { // root reads anything
		p := filepath.Join(dir, "content/guides/g2.md")
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		rep, err = m.rebuild("content/guides/g2.md")
		if err == nil || !strings.Contains(rep.Diagnostics[0].String(), "cannot read") {
			t.Fatalf("unreadable file: err %v, diagnostics %v", err, rep.Diagnostics)
		}
		_ = os.Chmod(p, 0o644)
	}

	// A symbolic link loop created while running.
	if err := os.Symlink("..", filepath.Join(dir, "content/guides/loop")); err != nil {
		t.Fatal(err)
	}
	rep, err = m.rebuild("content/guides/loop")
	if err == nil || !strings.Contains(diag.Summary(rep.Diagnostics), "error") {
		t.Fatalf("symlink loop not reported: %v", err)
	}
	m.remove("content/guides/loop")
	if _, err := m.rebuild("content/guides/loop"); err != nil {
		t.Fatalf("after removing the loop: %v", err)
	}
	m.check("loop removed")
}

// TestBuilderShippedGuide checks the incremental build against Render on
// the real guide, with its theme and every page type.
func TestBuilderShippedGuide(t *testing.T) {
	dir := t.TempDir()
	sitetest.CopySite(t, "../..", dir, "site.toml", "content")
	m := newIncMirror(t, dir)
	m.edit("content/faq/tracking.md", "\n\n", "\n\nAn added paragraph about the TPID.\n\n")
	rep, err := m.rebuild("content/faq/tracking.md")
	if err != nil {
		t.Fatal(err)
	}
	m.check("paragraph added")
	if rep.Rendered > 3 {
		t.Errorf("a paragraph edit rendered %d pages", rep.Rendered)
	}
	m.edit("content/faq/tracking.md", "title = \"", "title = \"Renamed: ")
	if _, err := m.rebuild("content/faq/tracking.md"); err != nil {
		t.Fatal(err)
	}
	m.check("title changed")
}

// BenchmarkRebuildEdit measures Builder.Rebuild after a paragraph edit of
// one page of a generated corpus (what serve does on a save, without the
// file watcher): go test -bench RebuildEdit -run '^$' ./internal/pipeline
func BenchmarkRebuildEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			benchmarkRebuild(b, n, func(orig []byte, i int) []byte {
				return fmt.Appendf(append([]byte(nil), orig...), "\nLive edit number %d.\n", i)
			}, false)
		})
	}
}

// BenchmarkRebuildTitle measures a title edit: the graph is rebuilt and
// the view of every page built and hashed to find those to render again.
func BenchmarkRebuildTitle(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			benchmarkRebuild(b, n, func(orig []byte, i int) []byte {
				return bytes.Replace(orig, []byte("title = \""), fmt.Appendf(nil, "title = \"Edit %d ", i), 1)
			}, true)
		})
	}
}

func benchmarkRebuild(b *testing.B, n int, edit func(orig []byte, i int) []byte, graph bool) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	bld := NewBuilder(Options{Source: dir})
	if _, err := bld.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(dir, "content/faq/group-001/faq-00001.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	b.ResetTimer()
	for b.Loop() {
		i++
		if err := os.WriteFile(page, edit(orig, i), 0o644); err != nil {
			b.Fatal(err)
		}
		rep, err := bld.Rebuild(context.Background(), []string{"content/faq/group-001/faq-00001.md"})
		if err != nil || rep.Graph != graph || len(rep.Changed) == 0 {
			b.Fatalf("rebuild: err %v, graph %v, changed %v", err, rep.Graph, rep.Changed)
		}
	}
	// What serve holds between edits: the builder's state. -memprofile
	// cannot see it (the builder is gone when the profile is written), so
	// FIELDGUIDE_HEAP_PROFILE=file writes a heap profile of it here.
	b.StopTimer()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "live-MiB")
	if name := os.Getenv("FIELDGUIDE_HEAP_PROFILE"); name != "" {
		f, err := os.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			b.Fatal(err)
		}
	}
	runtime.KeepAlive(bld)
}

// TestBuilderPublishesEditsMadeWhileBroken: an edit made while another
// file keeps the build failing is published once the build is fixed.
func TestBuilderPublishesEditsMadeWhileBroken(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, incFixture)
	m := newIncMirror(t, dir)
	m.edit("content/faq/b.md", "## What is a CSA?\n\n", "## What is a CSA?\n\n## Empty question\n\n")
	if _, err := m.rebuild("content/faq/b.md"); err == nil {
		t.Fatal("an unanswered question built")
	}
	m.edit("content/guides/g2.md", "Second,", "Second (edited while broken),")
	if rep, _ := m.rebuild("content/guides/g2.md"); rep.Published {
		t.Fatal("published while broken")
	}
	m.edit("content/faq/b.md", "## Empty question\n\n", "")
	rep, err := m.rebuild("content/faq/b.md")
	if err != nil {
		t.Fatal(err)
	}
	if !incContains(rep.Changed, "guides/g2/index.html") {
		t.Errorf("edit made while broken not published: %v", rep.Changed)
	}
	m.check("fixed")
}

// TestPublishIndexDropsOlderJobs: a slow job finishing after a newer one
// does not bring back its older index.
func TestPublishIndexDropsOlderJobs(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, incFixture)
	m := newIncMirror(t, dir)
	old := m.b.IndexJob()
	m.edit("content/faq/a.md", "Answer two.", "Answer two, with searchable zebras.")
	if _, err := m.rebuild("content/faq/a.md"); err != nil {
		t.Fatal(err)
	}
	files, err := old.Run(context.Background())
	if rep := m.b.PublishIndex(old, files, err); rep.Published {
		t.Fatal("an older index was published over a newer one")
	}
	m.check("after the late job")
}

// TestThemeFileEditKeepsPages: a theme's CSS changes no page, so the title
// edit after it re-renders the pages that show the title, not the site.
func TestThemeFileEditKeepsPages(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, incFixture)
	m := newIncMirror(t, dir)
	m.write("themes/default/static/assets/fieldguide.css", "body { margin: 0 }\n")
	if _, err := m.rebuild("themes/default/static/assets/fieldguide.css"); err != nil {
		t.Fatal(err)
	}
	m.check("theme CSS")
	m.edit("content/guides/g2.md", "Guide two", "Guide 2")
	rep, err := m.rebuild("content/guides/g2.md")
	if err != nil {
		t.Fatal(err)
	}
	m.check("title edit")
	if rep.Rendered >= rep.Pages/2 {
		t.Errorf("a title edit after a theme CSS edit rendered %d of %d pages", rep.Rendered, rep.Pages)
	}
}

// TestRebuildRendersChangedViews counts what an edit re-renders, as Hugo's
// rebuild tests do: exactly the pages whose view changed, which are the
// pages whose output changed. A title shows in its section's listing, its
// neighbours' sidebars, the tree leading to it and the glossary's uses; a
// paragraph only on its page, and a scenario's also in its section's
// matrix; theme CSS on no page.
func TestRebuildRendersChangedViews(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, incFixture)
	m := newIncMirror(t, dir)
	tests := []struct {
		name        string
		file        string
		old, new    string
		wantChanged []string // pages among those whose output changed
		maxRendered int
		maxExtras   int // site-wide pages (print documents...) made again
	}{
		{"title", "content/faq/a.md", `title = "Tracking"`, `title = "Tracking deals"`,
			[]string{"faq/a/index.html", "faq/index.html", "faq/b/index.html", "trees/t/index.html", "glossary/index.html"}, 8, 4},
		{"paragraph", "content/faq/a.md", "Answer two.", "Answer two, edited.", []string{"faq/a/index.html"}, 1, 2},
		{"scenario part", "content/scenarios/01-new.md", "Think.", "Think twice.", []string{"scenarios/01-new/index.html", "scenarios/index.html"}, 2, 2},
		{"theme CSS", "themes/default/static/assets/fieldguide.css", "", "body { margin: 0 }\n", nil, 0, 0},
	}
	for _, tt := range tests {
		if tt.old == "" {
			m.write(tt.file, tt.new)
		} else {
			m.edit(tt.file, tt.old, tt.new)
		}
		rep, err := m.rebuild(tt.file)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		m.check(tt.name)
		var pages, extras []string
		for _, path := range rep.Changed {
			if url, ok := strings.CutSuffix(path, "index.html"); ok && rep.Site.Page(url) != nil {
				pages = append(pages, path)
			} else if strings.HasSuffix(path, ".html") {
				extras = append(extras, path)
			}
		}
		if rep.RenderedExtras != len(extras) || len(extras) > tt.maxExtras {
			t.Errorf("%s: made %d site-wide pages, want the %d whose output changed (%v), at most %d",
				tt.name, rep.RenderedExtras, len(extras), extras, tt.maxExtras)
		}
		for _, want := range tt.wantChanged {
			if !slices.Contains(pages, want) {
				t.Errorf("%s: %s did not change; pages changed: %v", tt.name, want, pages)
			}
		}
		if rep.Rendered != len(pages) || rep.Rendered > tt.maxRendered {
			t.Errorf("%s: rendered %d pages of %d, want the %d whose output changed (%v), at most %d",
				tt.name, rep.Rendered, rep.Pages, len(pages), pages, tt.maxRendered)
		}
	}
}
