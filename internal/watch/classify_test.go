package watch

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		want Change
	}{
		{"site.toml", Config},
		{"content", Content},
		{"content/faq/tracking.md", Content},
		{"content/faq", Content},
		{"content/guides/chart.png", Content},
		{"content/_index.md", Content},
		{"layouts", Template},
		{"layouts/page.html", Template},
		{"layouts/partials/toc.html", Template},
		{"themes", Template},
		{"themes/corporate", Template},
		{"themes/corporate/layouts/base.html", Template},
		{"themes/corporate/static", ThemeStatic},
		{"themes/corporate/static/assets/site.css", ThemeStatic},
		{"themes/corporate/README.md", Ignored},
		{"static", SiteStatic},
		{"static/img/logo.svg", SiteStatic},

		// Editors' temporary and backup files.
		{"content/faq/tracking.md.swp", Ignored},
		{"content/faq/.tracking.md.swp", Ignored},
		{"content/faq/.tracking.md.swx", Ignored},
		{"content/faq/tracking.md~", Ignored},
		{"content/faq/4913", Ignored},
		{"content/faq/#tracking.md#", Ignored},
		{"content/faq/.#tracking.md", Ignored},
		{"content/faq/tracking.md___jb_tmp___", Ignored},
		{"content/faq/tracking.md___jb_old___", Ignored},
		{"content/faq/tracking.md.tmp", Ignored},
		{"content/faq/.tracking.md.tmp.1234", Ignored},
		{"site.toml~", Ignored},
		{"layouts/.page.html.swp", Ignored},
		{"static/.DS_Store", Ignored},
		{"content/.git/HEAD", Ignored},

		// Not site input.
		{"public/index.html", Ignored},
		{"public", Ignored},
		{"README.md", Ignored},
		{"site.toml/x", Ignored},
		{"go.mod", Ignored},
		{"", Ignored},
		{".", Ignored},
		{"..", Ignored},
		{"../content/x.md", Ignored},
		{"/etc/passwd", Ignored},
		{"content/../site.toml", Ignored},
		{"content//x.md", Ignored},
		{`content\x.md`, Ignored},
		{"Content/x.md", Ignored},
	}
	for _, tt := range tests {
		if got := Classify(tt.path); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
