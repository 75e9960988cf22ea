package diag

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
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
	w := lowerRunes(nil, word)
	if len(w) > maxSuggestRunes {
		return ""
	}
	limit := len(w)/3 + 1
	best, bestDist := "", limit+1
	var c []rune   // the candidate, lowercased
	var rows []int // the distance's two rows
	for _, cand := range candidates {
		if n := utf8.RuneCountInString(cand); n-len(w) > bestDist || len(w)-n > bestDist {
			continue
		}
		c = lowerRunes(c[:0], cand)
		var d int
		d, rows = distance(w, c, bestDist, rows)
		if d < bestDist || (d == bestDist && cand < best) {
			best, bestDist = cand, d
		}
	}
	return best
}

// lowerRunes appends s's runes, lowercased, to dst.
func lowerRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, unicode.ToLower(r))
	}
	return dst
}

// nearWindow is how many sorted neighbours of a word are compared with
// it, on each side, when there are too many candidates to compare all.
const nearWindow = 256

// Nearby narrows candidates sorted in byte order, as many as a site's pages
// or a page's anchors, to those worth comparing with word: all of them up
// to 4 × nearWindow, past that the word's nearest neighbours in that
// order. A typo after the first few letters is still found, and thousands
// of broken links to thousands of pages do not compare every pair.
func Nearby(word string, sorted []string) []string {
	if len(sorted) <= 4*nearWindow {
		return sorted
	}
	at := sort.SearchStrings(sorted, word)
	return sorted[max(at-nearWindow, 0):min(at+nearWindow, len(sorted))]
}

// SuggestSorted is Suggest among the Nearby candidates.
func SuggestSorted(word string, sorted []string) string {
	return Suggest(word, Nearby(word, sorted))
}

// DidYouMeanSorted is DidYouMean among the Nearby candidates.
func DidYouMeanSorted(word string, sorted []string, fallback string) string {
	return DidYouMean(word, Nearby(word, sorted), fallback)
}

// Listing joins the first few items of a list for a hint, and says how
// many more there are: a hint repeated for every error must stay short.
func Listing(items []string) string {
	const shown = 8
	if len(items) <= shown {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:shown], ", ") + " and " + strconv.Itoa(len(items)-shown) + " more"
}

// DidYouMean formats Suggest's answer as a hint, or returns fallback.
func DidYouMean(word string, candidates []string, fallback string) string {
	if s := Suggest(word, candidates); s != "" {
		return "did you mean `" + s + "`?"
	}
	return fallback
}

// distance is the Levenshtein edit distance between a and b, or some
// value above bound once it is sure to exceed it. rows is scratch space,
// returned for the next call.
func distance(a, b []rune, bound int, rows []int) (int, []int) {
	if cap(rows) < 2*(len(b)+1) {
		rows = make([]int, 2*(len(b)+1))
	}
	prev, cur := rows[:len(b)+1], rows[len(b)+1:2*(len(b)+1)]
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
			return rowMin, rows
		}
		prev, cur = cur, prev
	}
	return prev[len(b)], rows
}
