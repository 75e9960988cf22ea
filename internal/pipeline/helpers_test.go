package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// fixedNow makes freshness notices, and so output bytes, reproducible.
var fixedNow = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// writeSite writes a txtar archive into a new temporary site folder.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteArchive(t, dir, archive)
	return dir
}

// buildSite builds a site into dir/public and returns the result.
func buildSite(t testing.TB, dir string, opts Options) (*Result, error) {
	t.Helper()
	opts.Source = dir
	if opts.Destination == "" {
		opts.Destination = filepath.Join(dir, "public")
	}
	if opts.Now.IsZero() {
		opts.Now = fixedNow
	}
	return Build(context.Background(), opts)
}

// mustBuild builds and fails the test on any error.
func mustBuild(t testing.TB, archive string) string {
	t.Helper()
	dir := writeSite(t, archive)
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return filepath.Join(dir, "public")
}

// diagnostics builds and returns the formatted diagnostics (errors and warnings).
func diagnostics(t testing.TB, archive string) []string {
	t.Helper()
	dir := writeSite(t, archive)
	res, err := Check(context.Background(), Options{Source: dir, Now: fixedNow})
	var be *diag.BuildError
	if err != nil && !errors.As(err, &be) {
		t.Fatalf("check failed: %v", err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, d.String())
	}
	return out
}

func readOut(t testing.TB, public, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("missing output %s: %v", rel, err)
	}
	return string(data)
}

// mainElement cuts a page down to its <main> element, so golden files and
// assertions ignore the surrounding chrome.
func mainElement(html string) string {
	start := strings.Index(html, "<main")
	end := strings.LastIndex(html, "</main>")
	if start < 0 || end < 0 {
		return html
	}
	return html[start : end+len("</main>")]
}
