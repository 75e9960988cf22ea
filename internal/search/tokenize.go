package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer and the stemmer have twins in themes/default/search/text.js,
// which must give the same tokens for the same text; the browser tests
// compare them (TestTextMatchesJS, FuzzQueryParser).

// maxTokenRunes drops longer "words": they are hashes, URLs or noise, and
// nobody types them.
const maxTokenRunes = 40

// notHash is the hash of "not", the token "t" and "cannot" become.
var notHash = fnv1a("not")

// scanTokens calls emit with each token of s: a maximal run of Unicode
// letters and numbers, lowercased rune by rune, and its FNV-1a hash. The "t"
// of "can't" or "doesn't", "cannot" and "cant" become "not" (isNegation):
// negation tells "the partner can't support it" from "the partner supports
// it". The slice passed
// to emit is only valid during the call.
func scanTokens(s string, buf []byte, emit func(tok []byte, hash uint32)) []byte {
	buf = buf[:0]
	runes, h := 0, uint32(fnvOffset)
	flush := func() {
		if isNegation(buf) {
			buf, h = append(buf[:0], "not"...), notHash
		}
		if len(buf) > 0 && runes <= maxTokenRunes {
			emit(buf, h)
		}
		buf, runes, h = buf[:0], 0, fnvOffset
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				flush()
				continue
			}
			buf = append(buf, c)
			h = (h ^ uint32(c)) * fnvPrime
			runes++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n := len(buf)
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			for _, c := range buf[n:] {
				h = (h ^ uint32(c)) * fnvPrime
			}
			runes++
		} else {
			flush()
		}
	}
	flush()
	return buf
}

// isNegation reports whether tok stands for "not": the "t" of "can't",
// "cannot", and the negations typed without an apostrophe ("cant",
// "dont"), as on a phone.
func isNegation(tok []byte) bool {
	n := len(tok)
	if n == 0 || tok[n-1] != 't' || n > 1 && tok[n-2] != 'n' && tok[n-2] != 'o' {
		return false
	}
	switch string(tok) {
	case "t", "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont",
		"wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt":
		return true
	}
	return false
}

// tokenize returns the tokens of s (stop words included).
func tokenize(s string) []string {
	var toks []string
	scanTokens(s, nil, func(tok []byte, _ uint32) { toks = append(toks, string(tok)) })
	return toks
}

// stopWords are left out of the index and of queries: they are in nearly
// every unit, so they cost much and rank nothing. The list ships in the
// manifest so the browser drops the same words. Contractions typed without
// the apostrophe ("whos", "ive") are stop words as their parts are.
func stopWords() []string {
	return strings.Fields(`a about after also am an and any are aren as at be been
being but by can could couldn did didn do does doesn doing don for from had
hadn has hasn have haven he her here heres his how hows i if im in into is isn it its
ive just ll me more most my no of off on or our out over re s she shouldn so
some such than that thats the their them then there theres these they theyre
this those through to too up ve very was wasn we were weren weve what whats when
where wheres which while who whom whos why will with won would wouldn you youre
your`)
}

// stem folds English word variants onto one key ("engagement",
// "engagements", "engaged", "engaging" -> "engag"). It is deliberately
// light: it strips plural and verb endings and a few derivational ones, and
// leaves short words, numbers and non-ASCII words alone. Stems need not be
// words; they only have to agree between variants.
func stem(w string) string {
	if base, ok := irregularForms[w]; ok {
		w = base
	}
	if len(w) < 4 || !isLowerASCII(w) {
		return w
	}
	w = americanSpelling(w)
	// Plurals and third person.
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies"):
		if len(w) > 4 {
			w = w[:len(w)-3] + "y"
		} else {
			w = w[:len(w)-1]
		}
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	// Past and progressive; afterwards a final "e" stays, so that "agreed"
	// and "agree" both end up as "agre".
	verb := false
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w, verb = w[:len(w)-3]+"y", true
	case strings.HasSuffix(w, "ed"):
		if r := w[:len(w)-2]; len(r) >= 3 && hasVowel(r) {
			w, verb = undouble(r), true
		}
	case strings.HasSuffix(w, "ing"):
		if r := w[:len(w)-3]; len(r) >= 3 && hasVowel(r) {
			w, verb = undouble(r), true
		}
	}
	// Derivations that keep the meaning.
	switch {
	case strings.HasSuffix(w, "ization"):
		w = w[:len(w)-7] + "ize"
	case strings.HasSuffix(w, "ation") && len(w) >= 8:
		w = w[:len(w)-5] + "ate"
	case strings.HasSuffix(w, "ment") && len(w) >= 8:
		w = w[:len(w)-4]
	}
	if !verb && len(w) >= 4 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

// irregularForms maps irregular past forms to the verb, which the suffix
// rules cannot: "a customer who bought through CSP" answers "buy".
var irregularForms = func() map[string]string {
	pairs := strings.Fields(`bought buy sold sell brought bring paid pay made make took take taken take
gave give given give went go gone go chose choose chosen choose wrote write written write sent send
spent spend built build kept keep held hold met meet ran run began begin begun begin knew know
known know thought think taught teach found find left leave lost lose saw see seen see shown show
told tell understood understand meant mean led lead got get gotten get`)
	m := make(map[string]string, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}()

// americanSpelling folds the British "-ise", "-isation" and "-yse" endings
// and "programme" onto the American ones, which stem alike: the guide
// writes "prioritised" and "prioritization", and sellers type either.
// Four letters must come before "is", so "raise" and "wise" stay.
func americanSpelling(w string) string {
	// No ending contains "is" or "ys", so only the last can start one.
	if i := strings.LastIndex(w, "is"); i >= 4 {
		switch w[i+2:] {
		case "e", "es", "ed", "ing", "er", "ers", "ation", "ations":
			return w[:i] + "iz" + w[i+2:]
		}
	}
	if i := strings.LastIndex(w, "ys"); i >= 3 {
		switch w[i+2:] {
		case "e", "es", "ed", "ing":
			return w[:i] + "yz" + w[i+2:]
		}
	}
	if strings.HasSuffix(w, "mme") || strings.HasSuffix(w, "mmes") {
		return strings.TrimSuffix(strings.TrimSuffix(w, "s"), "me")
	}
	return w
}

func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func hasVowel(w string) bool {
	return strings.ContainsAny(w, "aeiouy")
}

// undouble turns "stopp" (from "stopped") into "stop", but keeps "sell" and
// "pass".
func undouble(w string) string {
	n := len(w)
	if n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}
