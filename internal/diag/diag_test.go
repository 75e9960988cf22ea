package diag

import (
	"fmt"
	"strings"
	"testing"
)

func TestPrintable(t *testing.T) {
	cases := []struct{ in, want string }{
		{"content/faq/a.md", "content/faq/a.md"},
		{"étude/übersicht — 日本", "étude/übersicht — 日本"},
		{"tab\tkept", "tab\tkept"},
		{"red\x1b[31mtext\x1b[0m", `red\x1b[31mtext\x1b[0m`},
		{"two\nlines\r", `two\nlines\r`},
		{"bell\a nul\x00 del\x7f", `bell\a nul\x00 del\x7f`},
		{"c1 \u009b31m csi", `c1 \u009b31m csi`},
		{"evil\u202efdp.exe", `evil\u202efdp.exe`},
		{"isolate\u2066x\u2069", `isolate\u2066x\u2069`},
		{"bad \xff utf8", `bad \xff utf8`},
		{"sep\u2028line", `sep\u2028line`},
	}
	for _, c := range cases {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestStringEscapes checks a diagnostic cannot write terminal escapes or a
// fake extra line through its path, message or hint.
func TestStringEscapes(t *testing.T) {
	var l List
	l.Errorf("content/x\x1b]0;owned\a.md", Pos{Line: 2, Col: 1}, "rename\n/etc/passwd:1:1: fake", "bad title %q", "\x1b[2J")
	got := l.Items()[0].String()
	if strings.ContainsAny(got, "\x1b\a\n") {
		t.Fatalf("raw control characters in %q", got)
	}
	want := `content/x\x1b]0;owned\a.md:2:1: bad title "\x1b[2J"; rename\n/etc/passwd:1:1: fake`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestPrintCapsRepeats checks that a mistake repeated thousands of times
// prints MaxPerKind lines and a count, other kinds still print, and the
// summary counts everything.
func TestPrintCapsRepeats(t *testing.T) {
	var l List
	for i := range 10000 {
		l.Errorf(fmt.Sprintf("content/p%05d.md", i), Pos{Line: 3, Col: 1}, "did you mean `summary`?", "unknown key `%s`", "sumary")
	}
	l.Warnf("content/p00001.md", Pos{Line: 9, Col: 1}, "", "raw HTML dropped")
	l.Errorf("content/p00002.md", Pos{Line: 9, Col: 1}, "", "link to missing page `%s`", "x.md")
	var b strings.Builder
	ds := l.Items()
	Print(&b, ds)
	out := b.String()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != MaxPerKind+3 {
		t.Fatalf("printed %d lines, want %d:\n%s", len(lines), MaxPerKind+3, out)
	}
	for _, want := range []string{"raw HTML dropped", "link to missing page `x.md`",
		"... and 9980 more errors like this one, not shown: content/p00020.md:3:1: unknown key `sumary`"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got := Summary(ds); got != "10001 errors, 1 warning" {
		t.Errorf("summary %q", got)
	}
	if got := (&BuildError{Diagnostics: ds}).Error(); len(got) > 5000 {
		t.Errorf("a BuildError of 10,000 repeats is %d bytes: it is not capped", len(got))
	}
}
