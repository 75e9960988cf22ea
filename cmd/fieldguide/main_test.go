package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
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
	if code != 0 || !regexp.MustCompile(`^Built 1 pages \(\d+ files\) in \d+(\.\d+)?[µm]?s into `).MatchString(out) {
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
	if _, _, code := runCLI(t, "new", "--source", site, "faq", "My faq"); code != 1 {
		t.Errorf("new over an existing file: exit %d, want 1", code)
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
	if out, errs, code := runCLI(t, "check", "--source", site); code != 0 || !strings.Contains(out, "0 errors") {
		t.Fatalf("new files must pass check: %d\n%s\n%s", code, out, errs)
	}

	// The content owners' report says who should review a stale page.
	sitetest.WriteFile(t, site, "content/faq/old.md", "+++\ntitle = \"Old\"\nreviewed = 2020-01-02\nowner = \"Partner team\"\n+++\n## Q\n\nA.\n")
	if out, errs, code := runCLI(t, "check", "--source", site); code != 0 || !strings.Contains(out, "  content/faq/old.md (last reviewed 2020-01-02, owner Partner team)\n") {
		t.Errorf("check's review report: exit %d\n%s\n%s", code, out, errs)
	}

	sitetest.WriteFile(t, site, "content/faq/broken.md", "+++\ntitle = \"B\"\ncolour = 1\n+++\n## Q\n\n[x](missing.md)\n")
	_, errs, code := runCLI(t, "check", "--source", site)
	if code != 1 || !strings.Contains(errs, "content/faq/broken.md:3:1: unknown key `colour`") || !strings.Contains(errs, "content/faq/broken.md:7:1: link to missing page") || !strings.Contains(errs, "2 errors") {
		t.Errorf("check with errors: exit %d\n%s", code, errs)
	}

	usage := [][]string{{"frobnicate"}, {"build", "--nope"}, {"build", "extra-arg"}, {"new", "faq"}, {"new", "widget", "x"}}
	for _, args := range usage {
		if _, _, code := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if out, _, code := runCLI(t, "version"); code != 0 || !strings.HasPrefix(out, "fieldguide ") {
		t.Errorf("version: %d %q", code, out)
	}
	if out, _, code := runCLI(t, "help"); code != 0 || !strings.Contains(out, "fieldguide check") {
		t.Errorf("help: %d %q", code, out)
	}
	if _, errs, code := runCLI(t, "build", "--help"); code != 0 || !strings.Contains(errs, "-destination folder") {
		t.Errorf("build --help: %d %q", code, errs)
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
