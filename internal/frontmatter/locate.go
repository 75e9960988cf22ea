package frontmatter

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// keyPositions maps every key of a TOML document to where it is written.
// Paths index arrays of tables: "questions[0].answers[1].next". The TOML
// library reports no key positions, so this scanner recovers them; it only
// needs to be right for documents the library has already accepted.
func keyPositions(src string) map[string]diag.Pos {
	pos := map[string]diag.Pos{}
	prefix := ""
	arrayLen := map[string]int{} // indexed path of an array of tables -> elements so far
	depth := 0                   // bracket depth of a multi-line value
	inMulti := ""                // closing delimiter of a multi-line string we are inside
	for n, line := range strings.Split(src, "\n") {
		lineNo := n + 1
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDelta(line)
			continue
		}
		trimmed := strings.TrimLeft(line, " \t")
		indent := line[:len(line)-len(trimmed)]
		col := utf8.RuneCountInString(indent) + 1
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			end := strings.Index(trimmed, "]]")
			if end < 0 {
				continue
			}
			segs := splitKey(trimmed[2:end])
			parent := resolve(segs[:len(segs)-1], arrayLen)
			p := join(parent, segs[len(segs)-1])
			i := arrayLen[p]
			arrayLen[p] = i + 1
			prefix = p + "[" + strconv.Itoa(i) + "]"
			setOnce(pos, prefix, diag.Pos{Line: lineNo, Col: col})
			setOnce(pos, p, diag.Pos{Line: lineNo, Col: col})
		case trimmed[0] == '[':
			end := strings.Index(trimmed, "]")
			if end < 0 {
				continue
			}
			prefix = resolve(splitKey(trimmed[1:end]), arrayLen)
			setOnce(pos, prefix, diag.Pos{Line: lineNo, Col: col})
		default:
			eq := keyEnd(trimmed)
			if eq < 0 {
				continue
			}
			p := prefix
			for _, seg := range splitKey(trimmed[:eq]) {
				p = join(p, seg)
			}
			setOnce(pos, p, diag.Pos{Line: lineNo, Col: col})
			value := strings.TrimSpace(trimmed[eq+1:])
			for _, delim := range []string{`"""`, `'''`} {
				if strings.HasPrefix(value, delim) && !strings.Contains(value[3:], delim) {
					inMulti = delim
				}
			}
			if inMulti == "" {
				depth = bracketDelta(value)
			}
		}
	}
	return pos
}

func setOnce(m map[string]diag.Pos, k string, p diag.Pos) {
	if _, ok := m[k]; !ok {
		m[k] = p
	}
}

// resolve turns header segments into an indexed path: a segment naming an
// array of tables refers to its last element, as TOML specifies.
func resolve(segs []string, arrayLen map[string]int) string {
	p := ""
	for _, s := range segs {
		p = join(p, s)
		if n, ok := arrayLen[p]; ok && n > 0 {
			p += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return p
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// keyEnd finds the '=' that ends the key part of a key/value line, skipping
// quoted keys.
func keyEnd(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		}
	}
	return -1
}

// splitKey splits a dotted key into its segments, unquoting quoted ones.
func splitKey(s string) []string {
	var segs []string
	var cur strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			segs = append(segs, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(segs, strings.TrimSpace(cur.String()))
}

// bracketDelta counts unclosed [ and { in a value, ignoring strings and
// comments, so multi-line arrays are skipped as one value.
func bracketDelta(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[' || c == '{':
			d++
		case c == ']' || c == '}':
			d--
		}
	}
	return d
}
