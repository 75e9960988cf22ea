package render

import (
	"html/template"
	"strings"
	"testing"
)

// TestMakeLinkMatchesTemplate: a prepared link is the element html/template
// writes for <a href="{{.Href}}">{{.Title}}</a>, so themes may use either.
func TestMakeLinkMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("a").Parse(`<a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a>`))
	tests := []struct{ title, href string }{
		{"Tracking", "../../faq/tracking/"},
		{"Offline", "../faq/index.html#q-1"},
		{"<img src=x onerror=alert(1)>", "../a b/c'd\"e/"},
		{"Café & co", "../café/(draft)/?q=a&b=c"},
		{"Percent", "../100%25/~x/[y]/"},
		{"Absolute", "https://example.com/guides/field/"},
	}
	for _, tt := range tests {
		for _, current := range []string{"", "page"} {
			var want strings.Builder
			if err := tmpl.Execute(&want, map[string]any{"Href": tt.href, "Title": tt.title, "Current": current != ""}); err != nil {
				t.Fatal(err)
			}
			if got := makeLink(tt.title, tt.href, "faq", "", current).HTML; string(got) != want.String() {
				t.Errorf("makeLink(%q, %q)\n got %s\nwant %s", tt.title, tt.href, got, want.String())
			}
		}
	}
}
