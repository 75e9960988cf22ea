package flowchart

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text metrics. No fonts exist at build time, so widths are estimates, made
// on the wide side so that labels fit whatever sans-serif face the reader's
// browser picks; the padding around text absorbs what is left.
const (
	fontSize      = 14.0
	lineHeight    = 18.0
	nodeWrapChars = 28
	edgeWrapChars = 20
)

// asciiWidth holds the advances, in em, of DejaVu Sans's printable ASCII
// characters (' ' to '~'). Linux browsers, Debian's Chromium among them,
// fall back to it for system-ui, and it is wider than Arial, Helvetica,
// Liberation Sans, Segoe UI and Roboto: a box sized by it holds its label
// in any of them.
var asciiWidth = [95]float64{
	0.318, 0.401, 0.460, 0.838, 0.636, 0.950, 0.780, 0.275,
	0.390, 0.390, 0.500, 0.838, 0.318, 0.361, 0.318, 0.337,
	0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636,
	0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531,
	1.000, 0.684, 0.686, 0.698, 0.770, 0.632, 0.575, 0.775,
	0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787,
	0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989,
	0.685, 0.611, 0.685, 0.390, 0.337, 0.390, 0.838, 0.500,
	0.500, 0.613, 0.635, 0.550, 0.635, 0.615, 0.352, 0.635,
	0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,
	0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818,
	0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
}

// charWidth estimates the advance of r in em.
func charWidth(r rune) float64 {
	switch {
	case r >= ' ' && r <= '~':
		return asciiWidth[r-' ']
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0 // combining marks and format characters take no space
	case isWide(r):
		return 1
	case unicode.IsUpper(r):
		return 0.8
	default:
		return 0.68
	}
}

// isWide reports East Asian wide and emoji runes, which render about 1em wide.
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF, // CJK radicals to Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1FAFF, // emoji and pictographs
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions
		return true
	}
	return false
}

// textWidth estimates the rendered width of s in pixels.
func textWidth(s string) float64 {
	em := 0.0
	for _, r := range s {
		em += charWidth(r)
	}
	return em * fontSize
}

// isXMLChar reports whether r may appear in an XML 1.0 document at all;
// escaping cannot rescue the others.
func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// wrapText splits user text into display lines of at most maxChars
// characters: "\n" forces a break, runs of whitespace collapse, words longer
// than a line are cut, and characters XML cannot carry are dropped.
func wrapText(s string, maxChars int) []string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var lines []string
	for paragraph := range strings.SplitSeq(s, "\n") {
		paragraph = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return ' '
			}
			if !isXMLChar(r) || unicode.IsControl(r) {
				return -1
			}
			return r
		}, paragraph)
		line := ""
		for word := range strings.FieldsSeq(paragraph) {
			for utf8.RuneCountInString(word) > maxChars {
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				cut := runeOffset(word, maxChars)
				lines = append(lines, word[:cut])
				word = word[cut:]
			}
			switch {
			case line == "":
				line = word
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= maxChars:
				line += " " + word
			default:
				lines = append(lines, line)
				line = word
			}
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// runeOffset returns the byte offset of the n-th rune of s.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// linesWidth is the width of the widest line.
func linesWidth(lines []string) float64 {
	widest := 0.0
	for _, l := range lines {
		widest = max(widest, textWidth(l))
	}
	return widest
}
