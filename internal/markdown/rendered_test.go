package markdown

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"testing"

	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
)

// abbreviationRE is the definition abbreviations implements by hand.
var abbreviationRE = regexp.MustCompile(`\b[A-Z][A-Z0-9&]+s?\b`)

func abbreviationsByRE(text string) []string {
	var out []string
	for _, w := range abbreviationRE.FindAllString(text, -1) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func TestAbbreviations(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Ask the CSA or the CSAM about the TPID.", []string{"CSA", "CSAM", "TPID"}},
		{"CSAs and CSAs again", []string{"CSAs"}},
		{"D&AI, L100 and AT& then AT&T", []string{"D&AI", "L100", "AT", "AT&T"}},
		{"A I x ABc aBC _AB AB_ ÉAB", []string{"AB"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := abbreviations([]byte(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("abbreviations(%q) = %q, want %q", tt.text, got, tt.want)
		}
		if got := abbreviationsByRE(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("regexp disagrees with the table on %q: %q", tt.text, got)
		}
	}
}

// TestAbbreviationsMatchRegexp compares the scanner with the regular
// expression on random text made of the characters that matter.
func TestAbbreviationsMatchRegexp(t *testing.T) {
	const alphabet = "ABZ09&s_ a.é"
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]rune, r.IntN(12))
		for i := range b {
			b[i] = []rune(alphabet)[r.IntN(len([]rune(alphabet)))]
		}
		text := string(b)
		if got, want := abbreviations([]byte(text)), abbreviationsByRE(text); !slices.Equal(got, want) {
			t.Fatalf("abbreviations(%q) = %q, regexp finds %q", text, got, want)
		}
	}
}

func FuzzAbbreviations(f *testing.F) {
	f.Add("The TPID of a CSP deal, D&AI and AT&.")
	f.Fuzz(func(t *testing.T, text string) {
		var got []string
		fuzzbudget.Run(t, len(text), func() { got = abbreviations([]byte(text)) })
		if want := abbreviationsByRE(text); !slices.Equal(got, want) {
			t.Fatalf("abbreviations(%q) = %q, regexp finds %q", text, got, want)
		}
	})
}
