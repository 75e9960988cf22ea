package theme

import (
	"html/template"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/sitetest"
	"github.com/fieldguide/fieldguide/internal/source"
)

func load(t *testing.T, themeName string, files map[string]string) (*Theme, []string) {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteFiles(t, dir, files)
	root, err := source.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	var diags diag.List
	th := Load(root, themeName, template.FuncMap{"kindLabel": func(any) string { return "" }, "join": strings.Join, "title": strings.ToUpper}, &diags)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	return th, got
}

// TestLookupOrder: a template in layouts/ wins over the site's theme,
// which wins over the built-in default; base.html and partials come from
// wherever they win too.
func TestLookupOrder(t *testing.T) {
	th, diags := load(t, "mine", map[string]string{
		"site.toml":                       "",
		"layouts/page.html":               `{{define "main"}}site layout{{end}}`,
		"themes/mine/layouts/page.html":   `{{define "main"}}theme layout{{end}}`,
		"themes/mine/layouts/faq.html":    `{{define "main"}}theme faq{{end}}`,
		"themes/mine/layouts/base.html":   `<main>{{block "main" .}}{{end}}</main>`,
		"themes/mine/static/assets/x.css": "x",
	})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, tt := range []struct{ layout, want string }{
		{"page.html", "<main>site layout</main>"},
		{"faq.html", "<main>theme faq</main>"},
	} {
		got, d := th.Execute(tt.layout, nil)
		if d != nil || string(got) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.layout, got, d, tt.want)
		}
	}
	if !th.Has("motion.html") {
		t.Error("the built-in motion layout is missing under a theme that lacks one")
	}
	origins := map[string]string{}
	for _, f := range th.StaticPaths() {
		origins[f.Path] = f.Origin
	}
	if origins["assets/x.css"] != "themes/mine/static/assets/x.css" {
		t.Errorf("theme file from %q", origins["assets/x.css"])
	}
	if !strings.HasSuffix(origins["assets/fieldguide.css"], "(built in)/assets/fieldguide.css") {
		t.Errorf("built-in file from %q", origins["assets/fieldguide.css"])
	}
}

// TestStaticOverride: a theme file of the site's theme replaces the
// built-in one of the same path, and StaticFiles writes each path once.
func TestStaticOverride(t *testing.T) {
	th, diags := load(t, "default", map[string]string{
		"themes/default/static/assets/fieldguide.css": "body{}",
	})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	written := map[string]int{}
	var css string
	if err := th.StaticFiles(func(p string, data []byte) error {
		written[p]++
		if p == "assets/fieldguide.css" {
			css = string(data)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if css != "body{}" {
		t.Errorf("fieldguide.css = %.40q, want the site's theme's", css)
	}
	for p, n := range written {
		if n != 1 {
			t.Errorf("%s written %d times", p, n)
		}
	}
	if len(written) != len(th.StaticPaths()) {
		t.Errorf("StaticFiles wrote %d files, StaticPaths lists %d", len(written), len(th.StaticPaths()))
	}
}

// TestErrors: every theme problem is reported with its file and line, and
// a broken layout renders nothing rather than an error per page.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, theme string
		files       map[string]string
		want        string
	}{
		{"unknown theme", "nope", map[string]string{"site.toml": ""}, `site.toml: theme "nope" not found; create themes/nope/ or remove the theme setting`},
		{"syntax error", "default", map[string]string{"layouts/faq.html": "{{define \"main\"}}\n{{if}}{{end}}"}, "layouts/faq.html:2: template: missing value for if"},
		{"broken partial", "default", map[string]string{"layouts/partials/toc.html": "{{end}}"}, "layouts/partials/toc.html:1: template: unexpected {{end}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, diags := load(t, tt.theme, tt.files)
			if !strings.Contains(strings.Join(diags, "\n"), tt.want) {
				t.Fatalf("diagnostics %q lack %q", diags, tt.want)
			}
			if tt.name == "syntax error" {
				if out, d := th.Execute("faq.html", nil); out != nil || d != nil {
					t.Errorf("a broken layout rendered %q, %v", out, d)
				}
			}
		})
	}
}
