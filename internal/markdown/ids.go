package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// Slug turns heading text into an anchor: lowercase ASCII letters and digits
// kept, every other run of characters becomes one '-'. The rule is part of
// the authoring contract, so links written by hand keep working.
func Slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// ids gives each heading of one document a unique anchor, and remembers
// which anchors the author wrote ({#id}): goldmark puts those and generates
// the others.
type ids struct {
	explicit map[string]bool // every anchor in use: true when the author wrote it
	// next is the suffix to try first for a base that was taken, so n equal
	// headings cost n lookups, not n²/2.
	next map[string]int
}

func newIDs() *ids { return &ids{explicit: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slug(stripInlineMarkup(string(value)))
	id := base
	for i := max(s.next[base], 1); s.used(id); i++ {
		id = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.explicit[id] = false
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.explicit[string(value)] = true }

func (s *ids) used(id string) bool {
	_, ok := s.explicit[id]
	return ok
}

// stripInlineMarkup removes the markdown punctuation of a heading line so
// "`code` and [link](x.md)" slugs as "code and link".
func stripInlineMarkup(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '`', '*', '_', '[', '~':
			continue
		case ']':
			// skip a following (destination)
			if i+1 < len(s) && s[i+1] == '(' {
				if end := strings.IndexByte(s[i:], ')'); end > 0 {
					i += end
				}
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
