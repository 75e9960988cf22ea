package diag

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestGitHubCommand(t *testing.T) {
	cases := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"error with position and hint",
			Diagnostic{Path: "content/faq/a.md", Pos: Pos{3, 7}, Message: "unknown key `x`", Hint: "remove it"},
			"::error file=content/faq/a.md,line=3,col=7::unknown key `x`; remove it"},
		{"warning without column",
			Diagnostic{Path: "site.toml", Pos: Pos{Line: 2}, Severity: Warning, Message: "old"},
			"::warning file=site.toml,line=2::old"},
		{"no position",
			Diagnostic{Path: "content", Message: "no pages"},
			"::error file=content::no pages"},
		{"no file",
			Diagnostic{Message: "too many files"},
			"::error::too many files"},
		{"percent in message, colon and comma in file",
			Diagnostic{Path: "content/a:b,c%.md", Pos: Pos{1, 1}, Message: "5% of ACR: a, b", Hint: "50%"},
			"::error file=content/a%3Ab%2Cc%25.md,line=1,col=1::5%25 of ACR: a, b; 50%25"},
		{"a newline cannot start a second command",
			Diagnostic{Path: "content/x\n::error file=y::z.md", Pos: Pos{1, 1}, Message: "bad\n::warning::forged\r"},
			`::error file=content/x\n%3A%3Aerror file=y%3A%3Az.md,line=1,col=1::bad\n::warning::forged\r`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.d.GitHubCommand(); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestEscapeGitHub(t *testing.T) {
	cases := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"%25", "%2525", "%2525"}, // escaped once, so GitHub shows %25
	}
	for _, c := range cases {
		if got := escapeData(c.in); got != c.data {
			t.Errorf("escapeData(%q) = %q, want %q", c.in, got, c.data)
		}
		if got := escapeProperty(c.in); got != c.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", c.in, got, c.prop)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	ds := []Diagnostic{
		{Path: "content/faq/a.md", Pos: Pos{3, 7}, Message: "unknown key `x`", Hint: "remove <it>"},
		{Path: "content/b.md", Severity: Warning, Message: "red\x1b[31m"},
	}
	var b bytes.Buffer
	Write(&b, JSON, ds)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(ds) {
		t.Fatalf("want one line per diagnostic, got %d:\n%s", len(lines), b.String())
	}
	want := []jsonDiagnostic{
		{File: "content/faq/a.md", Line: 3, Col: 7, Severity: "error", Message: "unknown key `x`", Hint: "remove <it>"},
		{File: "content/b.md", Severity: "warning", Message: `red\x1b[31m`},
	}
	for i, line := range lines {
		var got jsonDiagnostic
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, line)
		}
		if got != want[i] {
			t.Errorf("line %d = %+v, want %+v", i+1, got, want[i])
		}
	}
	if !strings.Contains(lines[0], `"hint":"remove <it>"`) {
		t.Errorf("HTML characters should be kept as they are: %s", lines[0])
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	_, err := ParseFormat("jsno")
	if err == nil || !strings.Contains(err.Error(), "did you mean `json`") {
		t.Errorf("ParseFormat(jsno) = %v, want a suggestion", err)
	}
}
