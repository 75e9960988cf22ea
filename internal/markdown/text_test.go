package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"   ":                  "",
		" a  b\n\tc ":          "a b c",
		"one":                  "one",
		"x\u00a0\u2003y  ":     "x y",
		"\n\nheading\n\nbody ": "heading body",
	} {
		if got := collapseSpace([]byte(in)); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCollapseSpaceMatchesFields: collapsing is joining the fields of s
// with single spaces, on random text of spaces, words and non-ASCII.
func TestCollapseSpaceMatchesFields(t *testing.T) {
	parts := []string{" ", "\n", "\t", "\u00a0", "\u2003", "a", "bc", "é", "日本", "x\u0085", "\xff", "\xe2\x80"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if got, want := collapseSpace([]byte(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
