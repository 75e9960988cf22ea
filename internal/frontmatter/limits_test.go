package frontmatter

import (
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// TestNestingLimit: arrays and inline tables nested deeper than
// MaxNesting are refused before the TOML decoder sees them, at the bracket
// that goes too deep; brackets inside strings and comments do not count.
func TestNestingLimit(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	tests := []struct {
		name, src string
		want      string // the problem, or "" for none
	}{
		{"deep array", "title = \"A\"\nx = " + deep("[", "]", 1000) + "\n", "f.md:3:37: arrays and tables nested more than 32 deep; front matter needs a few levels at most; write nested data as [table] sections"},
		{"deep inline table", "x = " + deep("{a=", "}", 100), "f.md:2:101: arrays and tables nested more than 32 deep"},
		{"deep but allowed", "x = " + deep("[", "]", MaxNesting), ""},
		{"brackets in strings", "title = \"" + strings.Repeat("[", 100) + "\"\nt = '" + strings.Repeat("{", 100) + "'\nm = \"\"\"\n" + strings.Repeat("[", 100) + "\n\"\"\"\nl = '''" + strings.Repeat("[", 100) + "'''\ne = \"\\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n", ""},
		{"brackets in comments", "# " + strings.Repeat("[", 100) + "\ntitle = \"A\"\n", ""},
		{"tables of arrays", "[[questions]]\nid = \"a\"\n  [[questions.answers]]\n  id = \"b\"\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			tbl := Decode("f.md", []byte(tt.src), 2, &diags)
			got := ""
			for _, d := range diags.Items() {
				got += d.String()
			}
			switch {
			case tt.want == "" && strings.Contains(got, "nested"):
				t.Errorf("refused: %s", got)
			case tt.want != "" && (!strings.HasPrefix(got, tt.want) || tbl != nil):
				t.Errorf("got %q (table %v), want it to start with %q and no table", got, tbl != nil, tt.want)
			}
		})
	}
}
