package output

import (
	"net/url"
	"strings"
	"testing"
)

func TestSegmentProblem(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"tracking-in-msx", ""},
		{"Études de cas", ""},
		{"O'Brien & co (2)", ""},
		{"report.v2.pdf", ""},
		{"日本語", ""},
		{"", "is empty"},
		{".", "is ."},
		{"..", "is .."},
		{".well-known", "starts with a dot"},
		{"javascript:alert(1)", "contains ':'"},
		{"a#b", "contains '#'"},
		{"why?", "contains '?'"},
		{"100%", "contains '%'"},
		{"%2e%2e", "contains '%'"},
		{"a/b", "contains '/'"},
		{`a\b`, `contains '\\'`},
		{"a<b>", "contains '<'"},
		{"a|b", "contains '|'"},
		{"a*b", "contains '*'"},
		{`say "hi"`, `contains '"'`},
		{"new\nline", "contains the control character U+000A"},
		{"esc\x1b", "contains the control character U+001B"},
		{"c1\u0085", "contains the control character U+0085"},
		{"evil\u202efdp", "contains the control character U+202E"},
		{"bad\xff", "is not valid UTF-8"},
		{" lead", "starts or ends with a space"},
		{"trail ", "starts or ends with a space"},
		{"dot.", "ends with a dot"},
		{"con", "is a name Windows reserves"},
		{"NUL.txt", "is a name Windows reserves"},
		{"com1.md", "is a name Windows reserves"},
		{"Lpt9", "is a name Windows reserves"},
		{"console", ""},
		{strings.Repeat("a", 255), ""},
		{strings.Repeat("a", 256), "is longer than 255 bytes"},
	} {
		got := SegmentProblem(c.name)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("SegmentProblem(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestEscapePath(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"faq/tracking/", "faq/tracking/"},
		{"", ""},
		{"Études de cas/", "%C3%89tudes%20de%20cas/"},
		{"a+b/c&d/", "a%2Bb/c&d/"},
		{"javascript:alert(1)/", "javascript%3Aalert(1)/"},
		{"x#y?z%/", "x%23y%3Fz%25/"},
	} {
		if got := EscapePath(c.in); got != c.want {
			t.Errorf("EscapePath(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzEscapePath: an escaped path decodes to itself, keeps its slashes,
// and holds nothing that could end it or start a scheme, query or fragment.
func FuzzEscapePath(f *testing.F) {
	for _, s := range []string{"faq/x/", "Études/", "a:b/#c?d%e", "\x00\xff/ /"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got := EscapePath(p)
		back, err := url.PathUnescape(got)
		if err != nil || back != p {
			t.Fatalf("EscapePath(%q) = %q decodes to %q, %v", p, got, back, err)
		}
		if strings.Count(got, "/") != strings.Count(p, "/") || strings.ContainsAny(got, ":#?\"<> \\") {
			t.Fatalf("EscapePath(%q) = %q", p, got)
		}
	})
}

func TestKey(t *testing.T) {
	for _, c := range [][2]string{
		{"faq/A/index.html", "faq/a/index.html"},
		{"caf\u00e9/", "cafe\u0301/"},
		{"CAF\u00c9/", "cafe\u0301/"},
		{"Straße", "straße"},
	} {
		if Key(c[0]) != Key(c[1]) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want equal", c[0], Key(c[0]), c[1], Key(c[1]))
		}
	}
	if Key("a/b") == Key("a-b") || Key("ß") == Key("ss") {
		t.Error("distinct paths share a key")
	}
}

func TestClaims(t *testing.T) {
	c := NewClaims(0)
	gen := Party{Kind: Generated, Name: "search page"}
	c.Reserve("search/idx", Party{Kind: Generated, Name: "search index"}, nil)
	c.Reserve("assets", Party{Kind: Theme, Name: "theme"}, func(k Kind) bool { return k == File || k == Theme })
	steps := []struct {
		path  string
		party Party
		how   How // -1: no conflict
	}{
		{"search/index.html", gen, -1},
		{"robots.txt", Party{Kind: Generated, Name: "robots", Replaceable: true}, -1},
		{"assets/app.css", Party{Kind: Theme, Name: "theme css", Replaceable: true}, -1},
		{"assets/app.css", Party{Kind: File, Name: "static/assets/app.css"}, -1}, // replaces the theme's
		{"robots.txt", Party{Kind: File, Name: "static/robots.txt"}, -1},
		{"Robots.txt", Party{Kind: File, Name: "static/Robots.txt"}, SameOnHost},
		{"assets/x/index.html", Party{Kind: Page, Name: "content/x.md"}, Reserved},
		{"search/idx/a.js", Party{Kind: File, Name: "static/search/idx/a.js"}, Reserved},
		{"search/index.html", Party{Kind: Page, Name: "content/search.md"}, SamePath},
		{"faq/index.html", Party{Kind: Page, Name: "content/faq/_index.md"}, -1},
		{"faq", Party{Kind: File, Name: "static/faq"}, IsFolder},
		{"FAQ/x/index.html", Party{Kind: Page, Name: "content/FAQ/x.md"}, -1}, // a folder may be shared
		{"robots.txt/index.html", Party{Kind: Alias, Name: "alias"}, NeedsFolder},
		{"search/index.html/x", Party{Kind: File, Name: "static/search/index.html/x"}, NeedsFolder},
	}
	for _, st := range steps {
		got := c.Claim(st.path, st.party)
		switch {
		case st.how < 0 && got != nil:
			t.Errorf("Claim(%s) by %s: unexpected conflict with %s (%d)", st.path, st.party.Name, got.Other.Name, got.How)
		case st.how >= 0 && (got == nil || got.How != st.how):
			t.Errorf("Claim(%s) by %s = %+v, want how %d", st.path, st.party.Name, got, st.how)
		}
	}
}
