package frontmatter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// syntaxHint explains a TOML syntax error in the words of someone who
// writes documents, not code: the mistakes content owners make (curly
// quotes pasted from a word processor, a quote inside a text, a date
// written 04/12/2026, a text never closed) get a message saying what is
// wrong and the corrected line. at is the byte offset the TOML library
// blamed. It returns the offset of the mistake itself, or ok false when
// the error is none of these.
func syntaxHint(src string, at int) (offset int, msg, hint string, ok bool) {
	at = min(max(at, 0), len(src))
	if o, opener, found := unclosedMultiline(src, at); found {
		return o, fmt.Sprintf("the text opened with %s is never closed", opener),
			fmt.Sprintf("end it with %s, on the line after its last line", opener), true
	}
	lineStart := strings.LastIndexByte(src[:at], '\n') + 1
	lineEnd := strings.IndexByte(src[lineStart:], '\n')
	if lineEnd < 0 {
		lineEnd = len(src)
	} else {
		lineEnd += lineStart
	}
	line := strings.TrimRight(src[lineStart:lineEnd], "\r")
	eq := keyEnd(line)
	if eq < 0 || strings.HasPrefix(strings.TrimSpace(line), "[") {
		return 0, "", "", false
	}
	key := strings.TrimSpace(line[:eq])
	valueAt := eq + 1 + len(line[eq+1:]) - len(strings.TrimLeft(line[eq+1:], " \t"))
	value := strings.TrimRight(line[valueAt:], " \t")
	pos := at - lineStart // where the library stopped, within the line

	if i := strings.IndexAny(value, curlyQuotes); i >= 0 && curlyBreaks(value, i) {
		fixed := key + " = " + straighten(value)
		return lineStart + valueAt + i, fmt.Sprintf("`%s` has curly quotes %s", key, quotePair(value[i:])),
			"TOML needs straight quotes, as a plain-text editor types them: " + fixed, true
	}
	if datePattern.MatchString(value) {
		return lineStart + valueAt, fmt.Sprintf("`%s = %s` is not a date TOML can read", key, value), dateHint(key, value), true
	}
	if value != "" && value[0] == '"' {
		if closeAt, closed := closingQuote(value); closed && valueAt+closeAt+1 == pos && strings.Contains(value[closeAt+1:], `"`) {
			inner := value[1:strings.LastIndexByte(value, '"')]
			fixed := key + ` = "` + strings.ReplaceAll(inner, `"`, `\"`) + `"`
			if !strings.Contains(inner, "'") {
				fixed = key + " = '" + inner + "'"
			}
			return lineStart + valueAt + closeAt, fmt.Sprintf("the quote inside the text of `%s` ends it early", key),
				"put the text in single quotes, or write each quote inside it as \\\": " + fixed, true
		}
	}
	if open, quote := unclosedText(value); open >= 0 {
		fixed := value + quote
		if value[0] == '[' && strings.HasSuffix(value, "]") {
			fixed = value[:len(value)-1] + quote + "]"
		}
		what := "the text of `" + key + "`"
		if value[0] == '[' {
			what = "a text in `" + key + "`"
		}
		return lineStart + valueAt + open, what + " has no closing quote",
			"end it with a " + quote + " on the same line: " + key + " = " + fixed, true
	}
	if bareText.MatchString(value) && pos == valueAt {
		return lineStart + valueAt, fmt.Sprintf("the text of `%s` needs quotes", key),
			"write " + key + ` = "` + strings.ReplaceAll(value, `"`, `\"`) + `"`, true
	}
	return 0, "", "", false
}

const curlyQuotes = "“”„‘’‚"

// curlyBreaks reports whether the curly quote at i is a delimiter, not a
// character inside a straight-quoted text ("Don’t" is fine).
func curlyBreaks(value string, i int) bool {
	if value[0] != '"' && value[0] != '\'' && value[0] != '[' {
		return true
	}
	if value[0] == '[' {
		return strings.IndexAny(strings.TrimLeft(value[1:], " \t"), curlyQuotes) == 0
	}
	_, closed := closingQuote(value)
	return !closed
}

// straighten replaces the curly quotes that open and close texts with
// straight ones, keeping apostrophes inside a text.
func straighten(value string) string {
	r := strings.NewReplacer("“", `"`, "”", `"`, "„", `"`)
	v := r.Replace(value)
	for _, open := range []string{"‘", "‚"} {
		if rest, ok := strings.CutPrefix(v, open); ok {
			v = `"` + rest
			if i := strings.LastIndex(v, "’"); i > 0 {
				v = v[:i] + `"` + v[i+len("’"):]
			}
		}
	}
	return v
}

func quotePair(s string) string {
	if strings.HasPrefix(s, "‘") || strings.HasPrefix(s, "’") || strings.HasPrefix(s, "‚") {
		return "‘…’"
	}
	return "“…”"
}

// closingQuote finds the quote that closes the basic string value opens,
// skipping escapes.
func closingQuote(value string) (int, bool) {
	for i := 1; i < len(value); i++ {
		switch value[i] {
		case '\\':
			i++
		case '"':
			return i, true
		}
	}
	return 0, false
}

// unclosedText finds the opening quote of a text the line never closes,
// or -1.
func unclosedText(value string) (open int, quote string) {
	open = -1
	var q byte
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case q == 0 && (c == '"' || c == '\''):
			q, open = c, i
		case q == 0 && c == '#':
			return -1, ""
		case q == '"' && c == '\\':
			i++
		case q != 0 && c == q:
			q, open = 0, -1
		}
	}
	return open, string(q)
}

// unclosedMultiline finds a multi-line text (in triple quotes) still open
// where the library stopped: an error at the end of the file means the
// text swallowed the rest.
func unclosedMultiline(src string, at int) (offset int, opener string, found bool) {
	if strings.TrimSpace(src[at:]) != "" {
		return 0, "", false
	}
	open := -1
	var delim string
	for i := 0; i+3 <= len(src); i++ {
		switch {
		case open < 0 && (strings.HasPrefix(src[i:], `"""`) || strings.HasPrefix(src[i:], "'''")):
			open, delim = i, src[i:i+3]
			i += 2
		case open >= 0 && strings.HasPrefix(src[i:], delim):
			open = -1
			i += 2
		case open >= 0 && delim == `"""` && src[i] == '\\':
			i++
		}
	}
	if open < 0 {
		return 0, "", false
	}
	return open, delim, true
}

var (
	// datePattern is a date written with slashes, dots or dashes in some
	// order other than TOML's year-month-day with two-digit parts.
	datePattern = regexp.MustCompile(`^"?(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})"?$`)
	// bareText is a value that is words, not a number, date, list or
	// true/false: text without its quotes.
	bareText = regexp.MustCompile(`^[\p{L}][\p{L}\p{N} ,.;:!?&()'’/-]*$`)
)

// dateHint says how to write a date key that was written another way,
// naming both readings of an ambiguous day/month ("04/12/2026").
func dateHint(key, value string) string {
	m := datePattern.FindStringSubmatch(value)
	if m == nil {
		return "write dates year-month-day without quotes, e.g. " + key + " = 2026-04-12"
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	c, _ := strconv.Atoi(m[3])
	valid := func(y, mo, d int) bool {
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		return y >= 1000 && t.Year() == y && int(t.Month()) == mo && t.Day() == d
	}
	iso := func(y, mo, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, mo, d) }
	long := func(y, mo, d int) string { return fmt.Sprintf("%d %s %d", d, time.Month(mo), y) }
	switch {
	case len(m[1]) == 4: // year first
		if valid(a, b, c) {
			return "write dates year-month-day with two-digit months and days, without quotes: " + key + " = " + iso(a, b, c)
		}
	case len(m[3]) == 4: // day and month first, in an order only the author knows
		dayFirst, monthFirst := valid(c, b, a), valid(c, a, b)
		switch {
		case dayFirst && monthFirst && a != b:
			return fmt.Sprintf("write dates year-month-day, without quotes: %s = %s for %s, or %s = %s for %s (%s means either, depending on the country)",
				key, iso(c, b, a), long(c, b, a), key, iso(c, a, b), long(c, a, b), value)
		case dayFirst:
			return "write dates year-month-day, without quotes: " + key + " = " + iso(c, b, a)
		case monthFirst:
			return "write dates year-month-day, without quotes: " + key + " = " + iso(c, a, b)
		}
	}
	return "write dates year-month-day with a four-digit year, without quotes, e.g. " + key + " = 2026-04-12"
}
