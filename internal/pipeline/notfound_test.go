package pipeline

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/sitetest"
)

// hostWith404 serves public at /guide/ as static hosts do: a missing file
// gets 404.html, whatever its depth.
func hostWith404(public string) http.Handler {
	files := http.StripPrefix("/guide", http.FileServer(http.Dir(public)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel := strings.TrimPrefix(r.URL.Path, "/guide/")
		if strings.HasSuffix(rel, "/") || rel == "" {
			rel += "index.html"
		}
		if _, err := os.Stat(filepath.Join(public, filepath.FromSlash(rel))); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			data, _ := os.ReadFile(filepath.Join(public, "404.html"))
			_, _ = w.Write(data)
			return
		}
		files.ServeHTTP(w, r)
	})
}

var linkRE = regexp.MustCompile(`(?:href|src|action)="([^"]*)"`)

// TestNotFoundPageAtAnyDepth: with a base URL, the built 404.html, served
// for a missing page at any depth below a sub-path, links only to
// absolute addresses that exist (its stylesheet, scripts, home, sections);
// without one it tells the reader in words how to get home.
func TestNotFoundPageAtAnyDepth(t *testing.T) {
	archive := `-- site.toml --
title = "Depth"
-- content/_index.md --
+++
title = "Depth"
+++
Home text.
-- content/guides/a.md --
+++
title = "A"
+++
A.
-- content/glossary.md --
+++
title = "Glossary"
+++
CSP
: Cloud Solution Provider
`
	var host http.Handler
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { host.ServeHTTP(w, r) }))
	defer hs.Close()
	base := hs.URL + "/guide/"
	dir := writeSite(t, archive)
	if _, err := buildSite(t, dir, Options{BaseURL: base}); err != nil {
		t.Fatal(err)
	}
	host = hostWith404(filepath.Join(dir, "public"))

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
	for _, path := range []string{"nope", "guides/nope/", "guides/a/b/c/d/"} {
		code, body := get(base + path)
		if code != http.StatusNotFound || !strings.Contains(body, "Page not found") {
			t.Fatalf("GET %s: %d, not the not-found page", path, code)
		}
		links := 0
		for _, m := range linkRE.FindAllStringSubmatch(body, -1) {
			href := m[1]
			if strings.HasPrefix(href, "#") {
				continue // this page's own parts
			}
			if !strings.HasPrefix(href, base) {
				t.Errorf("GET %s: link %q is not absolute under the base URL", path, href)
				continue
			}
			links++
			if code, _ := get(href); code != http.StatusOK {
				t.Errorf("GET %s: link %q answers %d", path, href, code)
			}
		}
		for _, want := range []string{base + "assets/fieldguide.css", base + "assets/fieldguide.js", `class="fg-brand" href="` + base + `"`, base + "glossary/"} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: no %s", path, want)
			}
		}
		if links < 10 {
			t.Errorf("GET %s: only %d links checked", path, links)
		}
		if strings.Contains(body, "fg-404-plain") {
			t.Errorf("GET %s: with a base URL the page needs no words on how to get home", path)
		}
	}

	// Without a base URL the page's links work only from the root, and it
	// says so, and how to get home, in words that need no stylesheet.
	plain := readOut(t, mustBuild(t, archive), "404.html")
	for _, want := range []string{`class="fg-404-plain"`, "To get to the guide's home page", `<a href="./">Go to the start page</a>`} {
		if !strings.Contains(plain, want) {
			t.Errorf("404.html without a base URL: no %q", want)
		}
	}
}

// TestReportNotFound: a preview's step hands over the not-found page with
// every link absolute from "/" whenever it made 404.html, and only then.
func TestReportNotFound(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, incFixture)
	b := NewBuilder(Options{Source: dir})
	t.Cleanup(func() { b.Close() })
	for _, st := range []struct {
		name, file, old, new string
		want                 string // in Report.NotFound; "" for none
	}{
		{"first", "", "", "", `<a class="fg-brand" href="/">`},
		{"paragraph", "content/faq/a.md", "Answer two.", "Answer two, edited.", ""},
		{"site title", "site.toml", `title = "`, `title = "Renamed `, `Renamed `},
	} {
		var changed []string
		if st.file != "" {
			name := filepath.Join(dir, st.file)
			data, err := os.ReadFile(name)
			if err != nil || !strings.Contains(string(data), st.old) {
				t.Fatalf("%s: %q not in %s (%v)", st.name, st.old, st.file, err)
			}
			if err := os.WriteFile(name, []byte(strings.Replace(string(data), st.old, st.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			changed = []string{st.file}
		}
		rep, err := b.Rebuild(context.Background(), changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		switch page := string(rep.NotFound); {
		case st.want == "" && page != "":
			t.Errorf("%s: a not-found page though 404.html was not made", st.name)
		case st.want != "" && !strings.Contains(page, st.want):
			t.Errorf("%s: the not-found page lacks %q:\n%.400s", st.name, st.want, page)
		case st.want != "" && (!strings.Contains(page, `data-fg-root="/"`) || !strings.Contains(page, `href="/assets/`)):
			t.Errorf("%s: the not-found page is not anchored at /:\n%.400s", st.name, page)
		}
	}
}
