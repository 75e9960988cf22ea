package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), exitCode(err)
}

func TestCLI(t *testing.T) {
	site := t.TempDir()
	sitetest.WriteFile(t, site, "content/_index.md", "+++\ntitle = \"Home\"\n+++\nHi.\n")
	dest := filepath.Join(t.TempDir(), "out")

	out, _, code := runCLI(t, "build", "--source", site, "--destination", dest)
	if code != 0 || !regexp.MustCompile(`^Built 1 page \(\d+ files\) in \d+(\.\d+)?[µm]?s into `).MatchString(out) {
		t.Fatalf("build: code %d, output %q", code, out)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Fatal(err)
	}
	if out, _, code := runCLI(t, "--source", site, "--destination", dest); code != 0 || !strings.HasPrefix(out, "Built") {
		t.Errorf("no subcommand should build: %d %q", code, out)
	}

	for _, kind := range []string{"faq", "motion", "scenario", "tree", "page"} {
		if out, errs, code := runCLI(t, "new", "--source", site, kind, "My "+kind); code != 0 || !strings.Contains(out, "Created") {
			t.Fatalf("new %s: %d %q %q", kind, code, out, errs)
		}
	}
	// new never overwrites a page, and says why.
	sitetest.WriteFile(t, site, "content/faq/my-faq.md", "+++\ntitle = \"Mine\"\n+++\n## Q\n\nA.\n")
	if out, errs, code := runCLI(t, "new", "--source", site, "faq", "My faq"); code != 1 || out != "" ||
		errs != "fieldguide: content/faq/my-faq.md already exists; edit it, or choose another name\n" {
		t.Errorf("new over an existing file: exit %d, %q %q", code, out, errs)
	}
	if src, _ := os.ReadFile(filepath.Join(site, "content/faq/my-faq.md")); !strings.Contains(string(src), "Mine") {
		t.Errorf("new overwrote an existing page:\n%s", src)
	}
	// A second scenario takes the next number: the check below rejects two
	// scenarios with one number.
	if _, errs, code := runCLI(t, "new", "--source", site, "scenario", "Another scenario"); code != 0 {
		t.Fatalf("new scenario: %d %q", code, errs)
	}
	if src, err := os.ReadFile(filepath.Join(site, "content/scenarios/another-scenario.md")); err != nil || !strings.Contains(string(src), "\nnumber = 2\n") {
		t.Errorf("the second new scenario should have number 2: %v\n%s", err, src)
	}
	sitetest.WriteFile(t, site, "content/areas/data.md", "+++\ntitle = \"Data and AI\"\n+++\nArea.\n")
	sitetest.WriteFile(t, site, "content/roles/csa.md", "+++\ntitle = \"CSA\"\n+++\nRole.\n")
	sitetest.WriteFile(t, site, "content/roles/seller.md", "+++\ntitle = \"Seller\"\n+++\nRole.\n")
	out, errs, code := runCLI(t, "check", "--source", site)
	if code != 0 || !strings.Contains(out, "0 errors") {
		t.Fatalf("new files must pass check: %d\n%s\n%s", code, out, errs)
	}
	// ... with a warning for each placeholder left (the content package
	// checks every starter; these are what a new author reads).
	for _, want := range []string{
		"content/motions/my-motion.md:12:1: warning: `program` still holds the template's placeholder \"Consumption DAI ...\"; replace it with your own words",
		"content/scenarios/my-scenario.md:18:1: warning: empty list item; write something after the bullet, or delete the line",
		"content/trees/my-tree.md:17:1: warning: `question` still holds the template's placeholder \"What is the first question?\"; replace it with your own words",
		"content/my-page.md:13:1: warning: \"Write the page here.\" is the template's placeholder text; replace it with your own words",
	} {
		if !strings.Contains(errs, want+"\n") {
			t.Errorf("check after new lacks\n  %s\nin\n%s", want, errs)
		}
	}

	// The content owners' report says who should review a stale page.
	sitetest.WriteFile(t, site, "content/faq/old.md", "+++\ntitle = \"Old\"\nreviewed = 2020-01-02\nowner = \"Partner team\"\n+++\n## Q\n\nA.\n")
	if out, errs, code := runCLI(t, "check", "--source", site); code != 0 || !strings.Contains(out, "  content/faq/old.md (last reviewed 2020-01-02, owner Partner team)\n") {
		t.Errorf("check's review report: exit %d\n%s\n%s", code, out, errs)
	}

	sitetest.WriteFile(t, site, "content/faq/broken.md", "+++\ntitle = \"B\"\ncolour = 1\n+++\n## Q\n\n[x](missing.md)\n")
	_, errs, code = runCLI(t, "check", "--source", site)
	if code != 1 || !strings.Contains(errs, "content/faq/broken.md:3:1: unknown key `colour`") || !strings.Contains(errs, "content/faq/broken.md:7:1: link to missing page") ||
		!strings.HasSuffix(errs, "\ncheck: 2 errors, 22 warnings\n") {
		t.Errorf("check with errors: exit %d\n%s", code, errs)
	}
	if _, errs, code := runCLI(t, "build", "--source", site, "--destination", dest); code != 1 || !strings.HasSuffix(errs, "\nbuild: 2 errors, 22 warnings; nothing was written\n") {
		t.Errorf("build with errors: exit %d\n%s", code, errs)
	}
}

// TestHelp: --help, -h and help print the overview; help COMMAND and
// COMMAND --help print that command's help, once, on stdout.
func TestHelp(t *testing.T) {
	overview, _, _ := runCLI(t, "help")
	for _, name := range []string{"build", "check", "serve", "new", "version", "help"} {
		if !strings.Contains(overview, "\n  fieldguide "+name+" ") {
			t.Errorf("the overview does not list %s:\n%s", name, overview)
		}
	}
	cases := []struct {
		args []string
		want string // the start of stdout
		once string // a line that must appear exactly once
	}{
		{[]string{"--help"}, overview, "Usage:"},
		{[]string{"-h"}, overview, "Usage:"},
		{[]string{"help", "serve"}, "Usage: fieldguide serve [flags]\n\nBuild the site, serve it from memory", "  -port port\n"},
		{[]string{"serve", "--help"}, "Usage: fieldguide serve [flags]\n\nBuild the site, serve it from memory", "  -port port\n"},
		{[]string{"new", "--help"}, "Usage: fieldguide new [flags] KIND NAME\n\nCreate a content file from a template", "Usage:"},
		{[]string{"help", "new"}, "Usage: fieldguide new [flags] KIND NAME\n", "Usage:"},
		{[]string{"build", "-h"}, "Usage: fieldguide build [flags]\n", "  -destination folder\n"},
		{[]string{"check", "--help"}, "Usage: fieldguide check [flags]\n", "  -strict\n"},
		{[]string{"version", "--help"}, "Usage: fieldguide version\n\nPrint fieldguide's version and the source revision it was built from.\n", "Usage:"},
		{[]string{"help", "help"}, overview, "Usage:"},
	}
	for _, c := range cases {
		out, errs, code := runCLI(t, c.args...)
		if code != 0 || errs != "" || !strings.HasPrefix(out, c.want) || strings.Count(out, c.once) != 1 {
			t.Errorf("%v: exit %d, stderr %q, stdout:\n%s", c.args, code, errs, out)
		}
	}
	if out, _, _ := runCLI(t, "version", "--help"); strings.Contains(out, "Flags:") {
		t.Errorf("version has no flags to list:\n%s", out)
	}
}

// TestUsageErrors: a mistake on the command line prints its message and a
// short usage once, on stderr, and exits 2.
func TestUsageErrors(t *testing.T) {
	const more = "Run \"fieldguide help\" for the commands.\n"
	usage := func(cmd, synopsis string) string {
		return "Usage: fieldguide " + cmd + synopsis + "\nRun \"fieldguide help " + cmd + "\" for its flags.\n"
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"biuld"}, "fieldguide: unknown command \"biuld\"; did you mean \"build\"?\n" + more},
		{[]string{"serv"}, "fieldguide: unknown command \"serv\"; did you mean \"serve\"?\n" + more},
		{[]string{"frobnicate"}, "fieldguide: unknown command \"frobnicate\"\n" + more},
		{[]string{"help", "chek"}, "fieldguide: unknown command \"chek\"; did you mean \"check\"?\n" + more},
		{[]string{"help", "serve", "build"}, "fieldguide: help takes one command, not 2: fieldguide help serve\n" + more},
		{[]string{"build", "--nope"}, "fieldguide: unknown flag --nope\n" + usage("build", " [flags]")},
		{[]string{"build", "--drafs"}, "fieldguide: unknown flag --drafs; did you mean --drafts?\n" + usage("build", " [flags]")},
		{[]string{"--strikt"}, "fieldguide: unknown flag --strikt; did you mean --strict?\n" + usage("build", " [flags]")},
		{[]string{"build", "extra-arg"}, "fieldguide: unexpected argument \"extra-arg\"\n" + usage("build", " [flags]")},
		{[]string{"check", "--source"}, "fieldguide: flag needs an argument: -source\n" + usage("check", " [flags]")},
		{[]string{"serve", "--port", "70000"}, "fieldguide: --port 70000: choose a port between 1 and 65535 (0 picks a free one)\n" + usage("serve", " [flags]")},
		{[]string{"new", "faq"}, "fieldguide: new needs a kind and a name, e.g. fieldguide new faq \"Tracking in MSX\"\n" + usage("new", " [flags] KIND NAME")},
		{[]string{"new", "widget", "x"}, "fieldguide: unknown kind \"widget\"; use faq, motion, scenario, tree, page, role, area, term\n" + usage("new", " [flags] KIND NAME")},
		{[]string{"new", "fqa", "x"}, "fieldguide: unknown kind \"fqa\"; did you mean `faq`?\n" + usage("new", " [flags] KIND NAME")},
		{[]string{"new", "faq", "My", "Topic"}, "fieldguide: a name with spaces needs quotes: fieldguide new faq \"My Topic\"\n" + usage("new", " [flags] KIND NAME")},
		{[]string{"new", "faq", "x", "--source", "site"}, "fieldguide: flags go before the kind: fieldguide new --source faq x\n" + usage("new", " [flags] KIND NAME")},
		{[]string{"version", "--short"}, "fieldguide: unknown flag --short\n" + usage("version", "")},
	}
	for _, c := range cases {
		out, errs, code := runCLI(t, c.args...)
		if code != 2 || out != "" || errs != c.want {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, out, errs, c.want)
		}
	}
}

// TestVersion: the module version and the revision the toolchain recorded.
func TestVersion(t *testing.T) {
	info := func(v string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Version: v}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	const rev = "1a3deb27f812de8cde3c4b236fdb60ad5f7a2571"
	cases := []struct {
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{info("v1.2.0", "vcs.revision", rev, "vcs.time", "2026-12-04T15:14:31Z", "vcs.modified", "false"), true,
			"v1.2.0, revision " + rev + " (2026-12-04T15:14:31Z)"},
		{info("(devel)", "vcs.revision", rev, "vcs.modified", "true"), true, "devel, revision " + rev + ", with uncommitted changes"},
		{info("v0.0.0-20261204151431-1a3deb27f812"), true, "v0.0.0-20261204151431-1a3deb27f812 (no source revision recorded: go run, and builds outside a git checkout, record none)"},
		{nil, false, "devel"},
	}
	for _, c := range cases {
		if got := version(c.info, c.ok); got != c.want {
			t.Errorf("version = %q, want %q", got, c.want)
		}
	}
	if out, errs, code := runCLI(t, "version"); code != 0 || errs != "" || !strings.HasPrefix(out, "fieldguide devel") || strings.Count(out, "\n") != 1 {
		t.Errorf("version: %d %q %q", code, out, errs)
	}
}

// TestCounts: every count is printed with its noun agreeing, "1 page".
func TestCounts(t *testing.T) {
	site := t.TempDir()
	sitetest.WriteFiles(t, site, map[string]string{
		"content/_index.md":   "+++\ntitle = \"Home\"\n+++\nSee the [glossary](glossary.md).\n",
		"content/glossary.md": "+++\ntitle = \"Glossary\"\n\n[[terms]]\nterm = \"EA\"\nexpansion = \"Enterprise Agreement\"\n+++\nTerms.\n",
		"content/old.md":      "+++\ntitle = \"Old\"\nreviewed = 2020-01-02\n+++\nAn EA and one MACC.\n",
		"site.toml":           "[freshness]\nmax_age_days = 1\n",
	})
	out, errs, code := runCLI(t, "check", "--source", site)
	want := "1 page is due for review (older than 1 day):\n  content/old.md (last reviewed 2020-01-02)\n" +
		"1 page is not linked from any other page:\n  content/old.md\n" +
		"1 abbreviation is used but not in the glossary:\n  MACC (content/old.md)\n" +
		"check: 3 pages, 0 errors, 0 warnings\n"
	if code != 0 || out != want {
		t.Errorf("check: exit %d\n%s\nwant\n%s\n%s", code, out, want, errs)
	}
	if out, _, _ := runCLI(t, "build", "--source", site, "--destination", filepath.Join(t.TempDir(), "out")); !strings.HasPrefix(out, "Built 3 pages (") {
		t.Errorf("build: %q", out)
	}
}

// TestTimings: --timings reports every stage of a build on stderr, in
// order, and check reports the stages it runs.
func TestTimings(t *testing.T) {
	site := t.TempDir()
	sitetest.WriteFile(t, site, "content/_index.md", "+++\ntitle = \"Home\"\n+++\nHi.\n")
	_, errs, code := runCLI(t, "build", "--timings", "--source", site, "--destination", filepath.Join(t.TempDir(), "out"))
	line := `(?m)^(\w+) +\d+ ms  \(at +\d+ ms\)`
	if runtime.GOOS != "windows" {
		line += `  cpu +\d+ ms` // from getrusage
	}
	stages := regexp.MustCompile(line).FindAllStringSubmatch(errs, -1)
	var names []string
	for _, m := range stages {
		names = append(names, m[1])
	}
	if code != 0 || strings.Join(names, " ") != "parse graph bodies pages extras search publish" {
		t.Errorf("build --timings: exit %d, stages %v in\n%s", code, names, errs)
	}
	if _, errs, _ := runCLI(t, "check", "--timings", "--source", site); !strings.Contains(errs, "search ") || strings.Contains(errs, "publish") {
		t.Errorf("check --timings:\n%s", errs)
	}
	if _, errs, _ := runCLI(t, "build", "--source", site, "--destination", filepath.Join(t.TempDir(), "out")); errs != "" {
		t.Errorf("build without --timings wrote to stderr: %q", errs)
	}
}
