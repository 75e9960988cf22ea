package frontmatter

// MaxNesting is how deep arrays and inline tables may nest in front
// matter. The TOML decoder's time and memory grow far faster than the
// input with nesting (an inline table 500,000 deep took over 40 s and
// 1.7 GB); front matter needs three or four levels.
const MaxNesting = 32

// nestingAt returns the byte offset in src where arrays and inline tables
// first nest deeper than MaxNesting, or -1. It skips strings and comments,
// so brackets written in a title do not count.
func nestingAt(src []byte) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '[', '{':
			if depth++; depth > MaxNesting {
				return i
			}
		case ']', '}':
			depth = max(depth-1, 0)
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '"', '\'':
			i = stringEnd(src, i)
		}
	}
	return -1
}

// stringEnd returns the offset of the last byte of the TOML string that
// opens at src[i]: basic "…" and literal '…' strings end at their line,
// multi-line ones at their closing triple quote.
func stringEnd(src []byte, i int) int {
	q := src[i]
	escapes := q == '"'
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		for j := i + 3; j < len(src); j++ {
			switch {
			case escapes && src[j] == '\\':
				j++
			case src[j] == q && j+2 < len(src) && src[j+1] == q && src[j+2] == q:
				return j + 2
			}
		}
		return len(src)
	}
	for j := i + 1; j < len(src); j++ {
		switch {
		case escapes && src[j] == '\\':
			j++
		case src[j] == q || src[j] == '\n':
			return j
		}
	}
	return len(src)
}
