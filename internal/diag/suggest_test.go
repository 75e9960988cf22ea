package diag

import (
	"fmt"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"tracknig", []string{"tracking", "milestones", "trick"}, "tracking"},
		{"CSA", []string{"csa", "csam"}, "csa"},
		{"b", []string{"c", "a"}, "a"},           // ties go to the first in order
		{"xyz", []string{"tracking", "abc"}, ""}, // nothing close enough
		{"", []string{"a", "bb"}, "a"},
		{"café", []string{"cafe", "caffè"}, "cafe"},
		{strings.Repeat("a", 65), []string{strings.Repeat("a", 64)}, ""}, // too long to be a typo
		{"seller-mindset", []string{"seller-mindest", strings.Repeat("x", 5000)}, "seller-mindest"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%.20q, ...) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestDistanceBound: the bounded distance is exact up to the bound and
// above the bound past it.
func TestDistanceBound(t *testing.T) {
	words := []string{"", "a", "ab", "kitten", "sitting", "flaw", "lawn", "café", "cafe", "intention", "execution"}
	for _, a := range words {
		for _, b := range words {
			full, _ := distance([]rune(a), []rune(b), 1<<30, nil)
			for bound := range 6 {
				got, _ := distance([]rune(a), []rune(b), bound, nil)
				if (full <= bound && got != full) || (full > bound && got <= bound) {
					t.Errorf("distance(%q, %q, %d) = %d, exact %d", a, b, bound, got, full)
				}
			}
		}
	}
	if d, _ := distance([]rune("kitten"), []rune("sitting"), 100, nil); d != 3 {
		t.Errorf("kitten/sitting: %d, want 3", d)
	}
}

// TestSuggestSkipsFarCandidates: candidates whose length alone puts them
// too far are not compared, so many long candidates cost little: the
// allocations of one suggestion do not grow with their length.
func TestSuggestSkipsFarCandidates(t *testing.T) {
	var many []string
	for i := range 2000 {
		many = append(many, fmt.Sprintf("%d-%s", i, strings.Repeat("x", 500)))
	}
	if allocs := testing.AllocsPerRun(5, func() { Suggest("trackign", many) }); allocs > 5 {
		t.Errorf("%.0f allocations for 2000 far candidates", allocs)
	}
}

// TestSuggestSorted: among many sorted candidates, the word's neighbours
// in sort order are compared, so a typo late in the word is found and
// one at its start may not be.
func TestSuggestSorted(t *testing.T) {
	var ids []string
	for i := range 10000 {
		ids = append(ids, fmt.Sprintf("heading-%05d", i))
	}
	if got := SuggestSorted("heading-0512x", ids); got != "heading-00512" && got != "heading-05120" {
		t.Errorf("typo at the end: %q", got)
	}
	if got := SuggestSorted("heading-07777", ids); got != "heading-07777" {
		t.Errorf("exact: %q", got)
	}
	if got, want := SuggestSorted("abc", []string{"abd", "xyz"}), Suggest("abc", []string{"abd", "xyz"}); got != want {
		t.Errorf("few candidates: %q, want Suggest's %q", got, want)
	}
}
