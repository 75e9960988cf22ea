package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// problemSite has an error in front matter (a key with the characters
// GitHub's workflow commands escape), a broken link and a warning.
const problemSite = `-- site/content/_index.md --
+++
title = "Home"
"50%: a, b" = 1
+++
See [the FAQ](faq/missing.md) and [tracking](faq/tracking.md).
-- site/content/faq/tracking.md --
+++
title = "Tracking"
summary = ""
+++
## Where?

In MSX.
`

// TestCheckFormats compares check's machine formats with
// testdata/check.FORMAT.golden. Paths start from the current folder (the
// repository root in CI), so --source site prefixes them with site/.
// After an intended change: go test ./cmd/fieldguide -run CheckFormats -update
func TestCheckFormats(t *testing.T) {
	testdata, err := filepath.Abs("testdata") // before Chdir
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sitetest.WriteArchive(t, dir, problemSite)
	t.Chdir(dir)
	for _, format := range []string{"github", "json"} {
		t.Run(format, func(t *testing.T) {
			out, errs, code := runCLI(t, "check", "--source", "site", "--format", format)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if want := "check: 2 errors, 1 warning\n"; errs != want {
				t.Errorf("stderr = %q, want only the count %q", errs, want)
			}
			golden(t, filepath.Join(testdata, "check."+format+".golden"), out)
		})
	}
	// build prints its problems the same way.
	out, _, code := runCLI(t, "build", "--source", "site", "--format", "github")
	if code != 1 || out != readGolden(t, filepath.Join(testdata, "check.github.golden")) {
		t.Errorf("build --format github: exit %d, output\n%s", code, out)
	}
	// The default stays the text people read, on stderr.
	out, errs, _ := runCLI(t, "check", "--source", "site")
	if strings.Contains(out, "content/_index.md") || !strings.HasPrefix(errs, "content/_index.md:3:1: unknown key `50%: a, b`") {
		t.Errorf("default format changed:\nstdout %s\nstderr %s", out, errs)
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readGolden(t, name); got != want {
		t.Errorf("output differs from %s (run with -update after an intended change)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func readGolden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	return string(b)
}
