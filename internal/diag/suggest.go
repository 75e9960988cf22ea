package diag

import (
	"strings"
	"unicode/utf8"
)

// maxSuggestRunes is the longest word Suggest compares. A typo is a slip
// in a name, and comparing a long word costs its length times each
// candidate's: errors can be many and candidates too.
const maxSuggestRunes = 64

// Suggest returns the candidate closest to word, for "did you mean" hints,
// or "" when nothing is close enough to be a plausible typo. Candidates
// whose length alone puts them too far are skipped without comparing.
func Suggest(word string, candidates []string) string {
	w := []rune(strings.ToLower(word))
	if len(w) > maxSuggestRunes {
		return ""
	}
	limit := len(w)/3 + 1
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if n := utf8.RuneCountInString(c); n-len(w) > bestDist || len(w)-n > bestDist {
			continue
		}
		d := distance(w, []rune(strings.ToLower(c)), bestDist)
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean formats Suggest's answer as a hint, or returns fallback.
func DidYouMean(word string, candidates []string, fallback string) string {
	if s := Suggest(word, candidates); s != "" {
		return "did you mean `" + s + "`?"
	}
	return fallback
}

// distance is the Levenshtein edit distance between a and b, or some
// value above bound once it is sure to exceed it.
func distance(a, b []rune, bound int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > bound {
			return rowMin
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
