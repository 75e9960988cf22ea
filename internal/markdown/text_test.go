package markdown

import "testing"

func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"   ":                  "",
		" a  b\n\tc ":          "a b c",
		"one":                  "one",
		"x\u00a0\u2003y  ":     "x y",
		"\n\nheading\n\nbody ": "heading body",
	} {
		if got := collapseSpace(in); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
