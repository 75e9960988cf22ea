package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/newsite"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// TestInit: a new guide builds, passes check --strict, and its workflow
// checks pull requests and publishes main to GitHub Pages.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "guide")
	out, errs, code := runCLI(t, "init", dir)
	if code != 0 || !strings.HasPrefix(out, "Created a guide in "+dir) {
		t.Fatalf("init: exit %d\n%s%s", code, out, errs)
	}
	if out, errs, code := runCLI(t, "check", "--strict", "--source", dir); code != 0 || errs != "" || !strings.Contains(out, "0 errors, 0 warnings") {
		t.Fatalf("a new guide must pass check --strict: exit %d\n%s%s", code, out, errs)
	}
	// Every page is linked from another: check's report lists none.
	if out, _, _ := runCLI(t, "check", "--source", dir); strings.Contains(out, "not linked") || strings.Contains(out, "not in the glossary") {
		t.Errorf("check's report on a new guide:\n%s", out)
	}
	if out, errs, code := runCLI(t, "build", "--strict", "--source", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	for _, page := range []string{"index.html", "faq/writing-this-guide/index.html", "motions/example-motion/index.html",
		"scenarios/01-example-scenario/index.html", "trees/which-page/index.html", "about/index.html",
		"roles/seller/index.html", "areas/example-area/index.html", "glossary/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", page)); err != nil {
			t.Errorf("the built guide lacks %s: %v", page, err)
		}
	}
	if ignore, err := os.ReadFile(filepath.Join(dir, ".gitignore")); err != nil || !strings.Contains(string(ignore), "/public/\n") {
		t.Errorf(".gitignore should leave out public/: %v %q", err, ignore)
	}
	// Each kind's front matter is explained where it is written.
	faq, _ := os.ReadFile(filepath.Join(dir, "content/faq/writing-this-guide.md"))
	if !strings.Contains(string(faq), "# When someone last checked the page") {
		t.Errorf("the FAQ page does not explain its front matter:\n%s", faq)
	}

	wf, err := os.ReadFile(filepath.Join(dir, newsite.WorkflowPath))
	if err != nil {
		t.Fatal(err)
	}
	checkWorkflow(t, string(wf))

	// init never writes into a folder that holds anything.
	before, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	sitetest.WriteFile(t, dir, "site.toml", "title = \"Mine\"\n")
	if out, errs, code := runCLI(t, "init", dir); code != 1 || out != "" || !strings.Contains(errs, "is not empty") || !strings.Contains(errs, "never overwrites") {
		t.Errorf("init into a guide: exit %d, %q %q", code, out, errs)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "site.toml")); string(after) != "title = \"Mine\"\n" || len(before) == 0 {
		t.Errorf("init changed an existing file: %q", after)
	}
	empty := t.TempDir()
	if _, errs, code := runCLI(t, "init", empty); code != 0 {
		t.Errorf("init into an empty folder: exit %d %s", code, errs)
	}
	if _, errs, code := runCLI(t, "init"); code != 2 || !strings.Contains(errs, "init needs one folder") {
		t.Errorf("init without a folder: exit %d %q", code, errs)
	}
}

// TestNewRoleAreaTerm: new makes roles and areas, and adds glossary terms
// to an existing glossary (creating it when there is none), refusing a
// term it has.
func TestNewRoleAreaTerm(t *testing.T) {
	site := t.TempDir()
	sitetest.WriteFile(t, site, "content/_index.md", "+++\ntitle = \"Home\"\n+++\nHi.\n")
	for _, c := range []struct{ kind, name, file, title string }{
		{"role", "CSA", "content/roles/csa.md", `title = "CSA"`},
		{"area", "Data and AI", "content/areas/data-and-ai.md", `title = "Data and AI"`},
		{"term", "MSX", "content/glossary.md", `term = "MSX"`},
		{"term", "ACR", "content/glossary.md", `term = "ACR"`},
	} {
		if out, errs, code := runCLI(t, "new", "--source", site, c.kind, c.name); code != 0 {
			t.Fatalf("new %s %s: exit %d %q %q", c.kind, c.name, code, out, errs)
		}
		src, err := os.ReadFile(filepath.Join(site, c.file))
		if err != nil || !strings.Contains(string(src), c.title+"\n") {
			t.Errorf("new %s %s: %v\n%s", c.kind, c.name, err, src)
		}
	}
	if _, errs, code := runCLI(t, "new", "--source", site, "term", "MSX"); code != 1 || !strings.Contains(errs, "already defines MSX at line ") {
		t.Errorf("a second MSX: exit %d %q", code, errs)
	}
	out, errs, code := runCLI(t, "check", "--source", site)
	if code != 0 {
		t.Fatalf("new files must build: %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"content/roles/csa.md:12:1: warning: \"What this role does, in a few lines.\" is the template's placeholder text",
		"content/areas/data-and-ai.md:10:1: warning: `program_prefix` still holds the template's placeholder",
		"content/glossary.md:13:1: warning: `expansion` still holds the template's placeholder",
		"content/glossary.md:18:1: warning: `expansion` still holds the template's placeholder",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("check lacks\n  %s\nin\n%s", want, errs)
		}
	}
}

// checkWorkflow checks the workflow's structure. There is no YAML library
// among our dependencies, so yamlTree reads the block subset the workflow
// uses and fails on anything else (tabs, odd indentation, a line that is
// neither a key nor a list item).
func checkWorkflow(t *testing.T, src string) {
	t.Helper()
	root, err := parseYAML(src)
	if err != nil {
		t.Fatalf("workflow: %v\n%s", err, src)
	}
	if _, ok := root.get("on", "pull_request"); !ok {
		t.Error("workflow does not run on pull requests")
	}
	if b, _ := root.get("on", "push", "branches"); b == nil || b.scalar != "[main]" {
		t.Error("workflow does not run on pushes to main")
	}
	jobs, _ := root.get("jobs")
	if jobs == nil || strings.Join(jobs.keys, ",") != "check,publish" {
		t.Fatalf("jobs: want check and publish, got %v", jobs)
	}
	runs := func(job string) string {
		steps, _ := root.get("jobs", job, "steps")
		if steps == nil || len(steps.list) == 0 {
			t.Fatalf("job %s has no steps", job)
		}
		var all []string
		for _, s := range steps.list {
			if u, ok := s.get("uses"); ok {
				all = append(all, "uses "+u.scalar)
			}
			if r, ok := s.get("run"); ok {
				all = append(all, "run "+r.scalar)
			}
		}
		if r, _ := root.get("jobs", job, "runs-on"); r == nil || r.scalar == "" {
			t.Errorf("job %s has no runs-on", job)
		}
		return strings.Join(all, "\n")
	}
	install := "run go install " + newsite.Module + "@"
	if c := runs("check"); !strings.Contains(c, install) || !strings.Contains(c, "run fieldguide check --strict --format github") {
		t.Errorf("check job:\n%s", c)
	}
	if c, _ := root.get("jobs", "check", "if"); c == nil || !strings.Contains(c.scalar, "pull_request") {
		t.Error("the check job should run on pull requests")
	}
	p := runs("publish")
	for _, want := range []string{install, "uses actions/configure-pages@", "run fieldguide build", "uses actions/upload-pages-artifact@", "uses actions/deploy-pages@"} {
		if !strings.Contains(p, want) {
			t.Errorf("publish job lacks %q:\n%s", want, p)
		}
	}
	if i, j := strings.Index(p, "run fieldguide build"), strings.Index(p, "upload-pages-artifact"); i > j {
		t.Error("publish uploads before it builds")
	}
	for perm, want := range map[string]string{"pages": "write", "id-token": "write"} {
		if v, _ := root.get("jobs", "publish", "permissions", perm); v == nil || v.scalar != want {
			t.Errorf("publish needs permissions %s: %s", perm, want)
		}
	}
	if c, _ := root.get("jobs", "publish", "if"); c == nil || !strings.Contains(c.scalar, "refs/heads/main") {
		t.Error("the publish job should run on main only")
	}
}

// yamlNode is a block-style YAML value: a scalar, a mapping or a list.
type yamlNode struct {
	scalar string
	keys   []string
	m      map[string]*yamlNode
	list   []*yamlNode
}

func (n *yamlNode) get(path ...string) (*yamlNode, bool) {
	for _, k := range path {
		if n == nil || n.m == nil || n.m[k] == nil {
			return nil, false
		}
		n = n.m[k]
	}
	return n, true
}

func (n *yamlNode) String() string {
	if n == nil {
		return "<none>"
	}
	return fmt.Sprintf("keys %v, %d items, %q", n.keys, len(n.list), n.scalar)
}

type yamlLine struct {
	indent int
	text   string
	num    int
}

func parseYAML(src string) (*yamlNode, error) {
	var lines []yamlLine
	for i, l := range strings.Split(src, "\n") {
		if strings.Contains(l, "\t") {
			return nil, fmt.Errorf("line %d: a tab", i+1)
		}
		text := strings.TrimLeft(l, " ")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		lines = append(lines, yamlLine{len(l) - len(text), text, i + 1})
	}
	n, rest, err := parseBlock(lines, 0)
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("line %d: unexpected indentation", rest[0].num)
	}
	return n, err
}

// parseBlock reads the lines indented exactly indent: a mapping or a list.
func parseBlock(lines []yamlLine, indent int) (*yamlNode, []yamlLine, error) {
	n := &yamlNode{}
	for len(lines) > 0 && lines[0].indent >= indent {
		l := lines[0]
		if l.indent != indent {
			return nil, nil, fmt.Errorf("line %d: indented %d, want %d", l.num, l.indent, indent)
		}
		if item, ok := strings.CutPrefix(l.text, "- "); ok {
			if n.m != nil {
				return nil, nil, fmt.Errorf("line %d: a list item in a mapping", l.num)
			}
			// The item's first key sits two columns in; its other keys follow at that indentation.
			lines[0] = yamlLine{indent + 2, item, l.num}
			child, rest, err := parseBlock(lines, indent+2)
			if err != nil {
				return nil, nil, err
			}
			n.list = append(n.list, child)
			lines = rest
			continue
		}
		key, value, ok := strings.Cut(l.text, ":")
		if !ok || key == "" || strings.ContainsAny(key, " \"'{}[]") {
			return nil, nil, fmt.Errorf("line %d: neither a key nor a list item: %q", l.num, l.text)
		}
		if n.list != nil {
			return nil, nil, fmt.Errorf("line %d: a key in a list", l.num)
		}
		if n.m == nil {
			n.m = map[string]*yamlNode{}
		}
		if n.m[key] != nil {
			return nil, nil, fmt.Errorf("line %d: %s twice", l.num, key)
		}
		lines = lines[1:]
		var child *yamlNode
		if value = strings.TrimSpace(value); value != "" {
			child = &yamlNode{scalar: value}
		} else if len(lines) > 0 && lines[0].indent > indent {
			var err error
			if child, lines, err = parseBlock(lines, lines[0].indent); err != nil {
				return nil, nil, err
			}
		} else {
			child = &yamlNode{}
		}
		n.keys = append(n.keys, key)
		n.m[key] = child
	}
	return n, lines, nil
}
