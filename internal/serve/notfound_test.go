package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// previewOf builds a site without a base URL, as serve does, and serves it.
func previewOf(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, files)
	b := pipeline.NewBuilder(pipeline.Options{Source: dir})
	t.Cleanup(func() { b.Close() })
	rep, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(Options{})
	s.Publish(rep)
	hs := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); hs.Close() })
	return hs.URL
}

var (
	baseRE  = regexp.MustCompile(`<base href="([^"]*)">`)
	cssRE   = regexp.MustCompile(`<link rel="stylesheet" href="([^"]*fieldguide\.css)">`)
	homeRE  = regexp.MustCompile(`<a class="fg-brand" href="([^"]*)">`)
	crumbRE = regexp.MustCompile(`<li><a href="([^"]*)">Home</a></li>`)
	skipRE  = regexp.MustCompile(`<a class="fg-skip" href="([^"]*)">`)
)

// TestNotFoundWorksAtAnyDepth: the preview answers a missing page below
// the root (a mistyped address, a page just renamed) with the site's
// not-found page, and its stylesheet and home links lead where they
// should, as a browser resolves them.
func TestNotFoundWorksAtAnyDepth(t *testing.T) {
	base := previewOf(t, map[string]string{
		"site.toml":           "title = \"Depth\"\n",
		"content/_index.md":   "+++\ntitle = \"Depth\"\n+++\nHome text.\n",
		"content/guides/a.md": "+++\ntitle = \"A\"\n+++\nA.\n",
	})
	get := func(u string) (int, string) {
		t.Helper()
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for _, path := range []string{"/nope/", "/faq/nope/deeper/", "/guides/a/old-name"} {
		page, _ := url.Parse(base + path)
		code, body := get(page.String())
		if code != http.StatusNotFound || !strings.Contains(body, "Page not found") {
			t.Fatalf("GET %s: %d, not the site's not-found page:\n%.300s", path, code, body)
		}
		// Links resolve against <base>, as in a browser.
		docBase := page
		if m := baseRE.FindStringSubmatch(body); m != nil {
			docBase = page.ResolveReference(mustURL(t, m[1]))
		}
		for _, link := range []struct {
			name string
			re   *regexp.Regexp
			want string // what the fetched file holds
		}{
			{"stylesheet", cssRE, ".fg-header"},
			{"header home link", homeRE, "Home text."},
			{"breadcrumb home link", crumbRE, "Home text."},
		} {
			m := link.re.FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("GET %s: no %s in the page", path, link.name)
			}
			target := docBase.ResolveReference(mustURL(t, m[1]))
			code, got := get(target.String())
			if code != http.StatusOK || !strings.Contains(got, link.want) {
				t.Errorf("GET %s: %s %q resolves to %s: %d", path, link.name, m[1], target.Path, code)
			}
		}
		// The skip link stays on this page rather than going home.
		if m := skipRE.FindStringSubmatch(body); m == nil {
			t.Errorf("GET %s: no skip link", path)
		} else if target := docBase.ResolveReference(mustURL(t, m[1])); target.Path != page.Path || target.Fragment != "main" {
			t.Errorf("GET %s: the skip link leads to %s", path, target)
		}
		if !strings.Contains(body, `data-fg-root="/"`) {
			t.Errorf("GET %s: scripts are not told the site's root", path)
		}
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
