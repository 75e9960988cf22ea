package pipeline

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

var editSeed = flag.Uint64("edit-seed", 0, "seed of TestEditSequence's random edits (0: seeds 1, 2 and one from the clock)")

// TestEditSequence is the preview's oracle: after every edit of a random
// sequence (page bodies, titles, weights, pages added, deleted, renamed and
// drafted, tree hints and outcome summaries with links, glossary terms and
// definitions, a layout override, theme CSS, static files, site.toml) the
// preview's output set is byte-identical to a fresh build of the same
// files. A failure names the seed; -edit-seed=N replays it.
func TestEditSequence(t *testing.T) {
	seeds := []uint64{1, 2, uint64(time.Now().UnixNano())} // 1 and 2 reach the snippet-link drift
	if *editSeed != 0 {
		seeds = []uint64{*editSeed}
	}
	steps := 70
	if testing.Short() {
		steps = 25
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			dir := t.TempDir()
			sitetest.WriteFiles(t, dir, incFixture)
			e := &editor{m: newIncMirror(t, dir), rng: rand.New(rand.NewPCG(seed, 0))}
			for i := range steps {
				name, changed := e.step()
				step := fmt.Sprintf("seed %d (replay: go test ./internal/pipeline -run TestEditSequence -edit-seed=%d), step %d: %s", seed, seed, i, name)
				e.m.t.Logf("%s", step)
				rep, err := e.m.b.Rebuild(t.Context(), changed)
				if err != nil {
					var all strings.Builder
					diag.Print(&all, rep.Diagnostics)
					t.Fatalf("%s: %v\n%s", step, err, all.String())
				}
				e.m.applyWithIndex(rep)
				e.m.check(step)
			}
		})
	}
}

// applyWithIndex applies a report and, as serve does in the background,
// builds and publishes the search index it says is stale.
func (m *incMirror) applyWithIndex(rep *Report) {
	m.t.Helper()
	m.apply(rep)
	if rep.IndexStale {
		j := m.b.IndexJob()
		files, err := j.Run(m.t.Context())
		m.apply(m.b.PublishIndex(j, files, err))
	}
}

// editor makes random edits that keep the fixture site valid, so every
// rebuild publishes and can be compared.
type editor struct {
	m       *incMirror
	rng     *rand.Rand
	n       int
	scratch []string // content/scratch pages that exist
	terms   []string // glossary terms added
}

var (
	titleLine  = regexp.MustCompile(`(?m)^title = ".*"$`)
	weightLine = regexp.MustCompile(`(?m)^weight = \d+$`)
)

func (e *editor) read(name string) string {
	src, err := os.ReadFile(filepath.Join(e.m.dir, filepath.FromSlash(name)))
	if err != nil {
		e.m.t.Fatal(err)
	}
	return string(src)
}

func (e *editor) save(name, data string) { sitetest.Save(e.m.t, e.m.dir, name, data) }

// setKey sets key in the front matter line after the line anchor.
func (e *editor) setKey(name, anchor, key, value string) {
	src := e.read(name)
	at := strings.Index(src, anchor+"\n")
	if at < 0 {
		e.m.t.Fatalf("%s lacks %q", name, anchor)
	}
	at += len(anchor) + 1
	rest := src[at:]
	if strings.HasPrefix(rest, key+" = ") {
		rest = rest[strings.IndexByte(rest, '\n')+1:]
	}
	e.save(name, src[:at]+key+" = "+fmt.Sprintf("%q", value)+"\n"+rest)
}

func (e *editor) pick(list []string) string { return list[e.rng.IntN(len(list))] }

// mention is a random piece of prose: plain, with a glossary term, or
// with a link that resolves from any page.
func (e *editor) mention() string {
	e.n++
	switch e.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("note %d", e.n)
	case 1:
		return fmt.Sprintf("note %d about the %s", e.n, e.pick(append([]string{"TPID", "CSA"}, e.terms...)))
	case 2:
		return fmt.Sprintf("note %d, see [the FAQ](/faq/)", e.n)
	}
	return fmt.Sprintf("note %d, see [tracking](/faq/a/#question-one)", e.n)
}

var editablePages = []string{"content/_index.md", "content/faq/a.md", "content/faq/b.md", "content/guides/g1.md",
	"content/guides/g2.md", "content/guides/g3.md", "content/trees/t.md", "content/scenarios/01-new.md",
	"content/motions/m1.md", "content/glossary.md", "content/roles/csa.md"}

// step makes one random edit and returns what it did and the changed paths.
func (e *editor) step() (string, []string) {
	e.n++
	switch e.rng.IntN(17) {
	case 0, 1, 2:
		name := e.pick(append(slices.Clone(editablePages), e.scratch...))
		e.save(name, e.read(name)+"\n"+e.mention()+".\n")
		return "body of " + name, []string{name}
	case 3:
		name := e.pick(append([]string{"content/faq/a.md", "content/guides/g2.md", "content/trees/t.md", "content/scenarios/01-new.md"}, e.scratch...))
		src := e.read(name)
		at := titleLine.FindStringIndex(src) // the page's, before a tree's outcome titles
		e.save(name, src[:at[0]]+fmt.Sprintf("title = \"Title %d\"", e.n)+src[at[1]:])
		return "title of " + name, []string{name}
	case 4:
		name := e.pick([]string{"content/guides/g1.md", "content/guides/g2.md", "content/guides/g3.md"})
		e.save(name, weightLine.ReplaceAllLiteralString(e.read(name), fmt.Sprintf("weight = %d", e.rng.IntN(5))))
		return "weight of " + name, []string{name}
	case 5:
		name := fmt.Sprintf("content/scratch/p%d.md", e.n)
		e.save(name, fmt.Sprintf("+++\ntitle = \"Scratch %d\"\nweight = %d\n+++\nA page, %s.\n", e.n, e.rng.IntN(3), e.mention()))
		e.scratch = append(e.scratch, name)
		return "new page " + name, []string{name}
	case 6:
		if len(e.scratch) == 0 {
			return e.step()
		}
		i := e.rng.IntN(len(e.scratch))
		name := e.scratch[i]
		e.m.remove(name)
		e.scratch = slices.Delete(e.scratch, i, i+1)
		return "delete " + name, []string{name}
	case 7:
		if len(e.scratch) == 0 {
			return e.step()
		}
		i := e.rng.IntN(len(e.scratch))
		old, name := e.scratch[i], fmt.Sprintf("content/scratch/r%d.md", e.n)
		if err := os.Rename(filepath.Join(e.m.dir, old), filepath.Join(e.m.dir, name)); err != nil {
			e.m.t.Fatal(err)
		}
		e.scratch[i] = name
		return "rename " + old + " to " + name, []string{old, name}
	case 8:
		if len(e.scratch) == 0 {
			return e.step()
		}
		name := e.pick(e.scratch)
		src := e.read(name)
		if strings.Contains(src, "draft = true\n") {
			src = strings.Replace(src, "draft = true\n", "", 1)
		} else {
			src = strings.Replace(src, "+++\n", "+++\ndraft = true\n", 1)
		}
		e.save(name, src)
		return "draft toggled on " + name, []string{name}
	case 9:
		links := []string{"[basics](../faq/b.md)", "[question one](../faq/a.md#question-one)", "the **tracking** page"}
		if e.rng.IntN(2) == 0 {
			e.setKey("content/trees/t.md", `question = "Tracking?"`, "hint", fmt.Sprintf("Hint %d: read %s.", e.n, e.pick(links)))
			return "tree hint", []string{"content/trees/t.md"}
		}
		e.setKey("content/trees/t.md", `title = "Read tracking"`, "summary", fmt.Sprintf("Summary %d: read %s.", e.n, e.pick(links)))
		return "tree outcome summary", []string{"content/trees/t.md"}
	case 10:
		if e.rng.IntN(3) > 0 || len(e.terms) == 3 {
			anchor := `expansion = "` + e.pick([]string{"Top Parent ID", "Cloud Solution Architect"}) + `"`
			e.setKey("content/glossary.md", anchor, "definition", fmt.Sprintf("Definition %d, see [the FAQ](faq/_index.md) and %s.", e.n, e.mention()))
			return "glossary definition", []string{"content/glossary.md"}
		}
		term := []string{"QRS", "WXY", "MACC"}[len(e.terms)]
		e.terms = append(e.terms, term)
		src := e.read("content/glossary.md")
		end := strings.Index(src[3:], "\n+++\n") + 3
		e.save("content/glossary.md", src[:end]+fmt.Sprintf("\n\n[[terms]]\nterm = %q\nexpansion = \"Term %d\"", term, e.n)+src[end:])
		return "glossary term " + term, []string{"content/glossary.md"}
	case 11:
		if e.rng.IntN(3) == 0 {
			e.m.remove("layouts")
			return "layout override removed", []string{"layouts"}
		}
		src, err := os.ReadFile("../../themes/default/layouts/page.html")
		if err != nil {
			e.m.t.Fatal(err)
		}
		e.save("layouts/page.html", strings.Replace(string(src), "{{define \"main\"}}", fmt.Sprintf("{{define \"main\"}}<p class=\"override-%d\"></p>", e.n), 1))
		return "layout override", []string{"layouts/page.html"}
	case 12:
		name := "themes/default/static/assets/fieldguide.css"
		if e.rng.IntN(3) == 0 {
			e.m.remove("themes")
			return "theme CSS override removed", []string{"themes"}
		}
		e.save(name, fmt.Sprintf("body { margin: %dpx }\n", e.n))
		return "theme CSS", []string{name}
	case 13:
		name := fmt.Sprintf("static/s%d.txt", e.rng.IntN(3))
		if e.rng.IntN(3) == 0 {
			e.m.remove(name)
			return "static file removed", []string{name}
		}
		e.save(name, fmt.Sprintf("static %d\n", e.n))
		return "static file " + name, []string{name}
	case 15:
		// Keys that move pages or change what other pages list.
		switch e.rng.IntN(4) {
		case 0:
			e.toggleKey("content/faq/b.md", "slug = \"basics\"")
			return "slug of content/faq/b.md", []string{"content/faq/b.md"}
		case 1:
			e.toggleKey("content/guides/g1.md", "aliases = [\"old/g1/\"]")
			return "alias of content/guides/g1.md", []string{"content/guides/g1.md"}
		case 2:
			e.toggleKey("content/guides/g2.md", "roles = [\"CSA\"]")
			return "role of content/guides/g2.md", []string{"content/guides/g2.md"}
		}
		e.toggleKey("content/guides/g3.md", "related = [\"../faq/a.md\"]")
		return "related of content/guides/g3.md", []string{"content/guides/g3.md"}
	case 16:
		src := e.read("content/trees/t.md")
		a, b := `page = "../faq/b.md"`, `page = "../guides/g2.md"`
		if !strings.Contains(src, a) {
			a, b = b, a
		}
		e.save("content/trees/t.md", strings.Replace(src, a, b, 1))
		return "tree outcome page", []string{"content/trees/t.md"}
	}
	e.save("site.toml", fmt.Sprintf("title = \"Test guide %d\"\n", e.n%3))
	return "site.toml", []string{"site.toml"}
}

// toggleKey adds line to the front matter of name, or removes it.
func (e *editor) toggleKey(name, line string) {
	src := e.read(name)
	if strings.Contains(src, "\n"+line+"\n") {
		src = strings.Replace(src, "\n"+line+"\n", "\n", 1)
	} else {
		src = strings.Replace(src, "+++\n", "+++\n"+line+"\n", 1)
	}
	e.save(name, src)
}
