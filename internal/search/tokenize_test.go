package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
)

func TestTokenize(t *testing.T) {
	for in, want := range map[string][]string{
		"Tracking motions in MSX":             {"tracking", "motions", "in", "msx"},
		"CSP→EA, the customer's TPID (child)": {"csp", "ea", "the", "customer", "s", "tpid", "child"},
		"can't, doesn't, cannot; T":           {"can", "not", "doesn", "not", "not", "not"},
		"Dynamics 365 / M365 2Q":              {"dynamics", "365", "m365", "2q"},
		"Café ÉTÉ naïve Straße ΟΔΟΣ":          {"café", "été", "naïve", "straße", "οδοσ"},
		"İstanbul":                            {"istanbul"}, // one rune per rune, as search.js does
		"e\u0301":                             {"e"},        // a combining mark splits, in both languages
		"  \t\n":                              nil,
		strings.Repeat("x", 41) + " ok":       {"ok"}, // too long to be a word
		"\xff\xfeab":                          {"ab"},
	} {
		if got := tokenize(in); !slices.Equal(got, want) {
			t.Errorf("tokenize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStem is the table of variants that must fold together, and of words
// that must stay apart.
func TestStem(t *testing.T) {
	together := [][]string{
		{"engagement", "engagements", "engaged", "engaging", "engage", "engages"},
		{"track", "tracks", "tracked", "tracking"},
		{"partner", "partners", "partnered", "partnering"},
		{"policy", "policies"},
		{"apply", "applies", "applied", "applying"},
		{"create", "creates", "created", "creating", "creation", "creations"},
		{"optimize", "optimizes", "optimized", "optimizing", "optimization", "optimizations"},
		{"migrate", "migrated", "migrating", "migration", "migrations"},
		{"agree", "agreed", "agreement", "agreements"},
		{"stop", "stops", "stopped", "stopping"},
		{"run", "runs", "running"},
		{"plan", "plans", "planned", "planning"},
		{"sell", "sells", "selling"},
		{"require", "required", "requirement", "requirements"},
		{"business", "businesses"},
		{"service", "services", "serviced"},
		{"milestone", "milestones"},
		{"renewal", "renewals"},
		{"prioritize", "prioritise", "prioritised", "prioritises", "prioritising", "prioritisation", "prioritization"},
		{"optimization", "optimisation", "optimise", "optimised"},
		{"analyze", "analyse", "analysed", "analysing"},
		{"program", "programs", "programme", "programmes"},
		{"buy", "buys", "bought"},
		{"sell", "sold"},
		{"take", "takes", "took", "taken"},
		{"leave", "leaving", "left"},
	}
	for _, group := range together {
		for _, w := range group[1:] {
			if stem(w) != stem(group[0]) {
				t.Errorf("stem(%q) = %q, stem(%q) = %q: want the same", w, stem(w), group[0], stem(group[0]))
			}
		}
	}
	apart := [][2]string{{"customer", "custom"}, {"status", "statue"}, {"business", "busy"}, {"comment", "com"}, {"partner", "part"},
		{"raise", "raze"}, {"wise", "wize"}, {"comma", "comme"}}
	for _, p := range apart {
		if stem(p[0]) == stem(p[1]) {
			t.Errorf("stem(%q) == stem(%q) == %q", p[0], p[1], stem(p[0]))
		}
	}
	for _, w := range []string{"csp", "ea", "tpid", "msx", "m365", "2q", "café", "analysis", "status"} {
		if stem(w) != w {
			t.Errorf("stem(%q) = %q, want it unchanged", w, stem(w))
		}
	}
}

// TestCompareKeys: the dictionary's order must be JavaScript's.
func TestCompareKeys(t *testing.T) {
	words := []string{"", "a", "ab", "b", "z", "é", "ｚ", "\U00020000", "\U00020001x", "\uffff", "\ue000", "\ud7ff", "a\U0001d400", "a\uff41", "=type:faq", "2q"}
	for _, a := range words {
		for _, b := range words {
			checkCompareKeys(t, a, b)
		}
	}
}

func checkCompareKeys(t *testing.T, a, b string) {
	t.Helper()
	want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
	if got := compareKeys(a, b); got != want {
		t.Errorf("compareKeys(%q, %q) = %d, want %d", a, b, got, want)
	}
}

func FuzzCompareKeys(f *testing.F) {
	f.Add("a\uffff", "a\U00010000")
	f.Add("café", "cafe")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip("keys are tokens and front matter values: valid UTF-8")
		}
		checkCompareKeys(t, a, b)
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Tracking motions in MSX", "CSP→EA, TPID", "Café ΟΔΟΣ İ", "a\u0301b", "\xff", "x1-y2_z3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var toks []string
		fuzzbudget.Run(t, len(s), func() { toks = tokenize(s) })
		for _, tok := range toks {
			if tok == "" || !utf8.ValidString(tok) || utf8.RuneCountInString(tok) > maxTokenRunes {
				t.Fatalf("bad token %q from %q", tok, s)
			}
			for _, r := range tok {
				if !unicode.IsLetter(r) && !unicode.IsNumber(r) || unicode.ToLower(r) != r {
					t.Fatalf("token %q from %q has %q", tok, s, r)
				}
			}
			st := stem(tok)
			if st == "" || len(st) > len(tok) {
				t.Fatalf("stem(%q) = %q", tok, st)
			}
		}
		// Tokens are what remains when everything else is a separator.
		if again := tokenize(strings.Join(toks, " ")); !slices.Equal(again, toks) {
			t.Fatalf("tokenize(join(tokenize(%q))) = %q, want %q", s, again, toks)
		}
	})
}

// TestContractionsWithoutApostrophe: a contraction of stop words is a stop
// word however it is typed, "who's" or "whos". ("we'll" is not: "well" is
// a word.)
func TestContractionsWithoutApostrophe(t *testing.T) {
	stop := map[string]bool{}
	for _, w := range stopWords() {
		stop[w] = true
	}
	for _, c := range []string{"who's", "what's", "where's", "how's", "that's", "there's", "here's", "I've", "you're", "we've", "they're", "I'm"} {
		parts := tokenize(c)
		if c != "I'm" { // "m" is no stop word: "$500/M"
			for _, p := range parts {
				if !stop[p] {
					t.Errorf("%q: %q is not a stop word", c, p)
				}
			}
		}
		if joined := strings.Join(parts, ""); !stop[joined] {
			t.Errorf("%q typed as %q is not a stop word", c, joined)
		}
	}
}
