// Package frontmatter splits a content file into its TOML front matter and
// markdown body, and reads the front matter against a schema so that every
// unknown key, wrong type and missing field is reported with its line and
// column, all at once.
package frontmatter

import (
	"bytes"

	"github.com/fieldguide/fieldguide/internal/diag"
)

const delimiter = "+++"

// File is a content file split into its parts. Offsets let later stages map
// positions in the body back to lines of the whole file.
type File struct {
	FrontMatter []byte
	FMLine      int // file line of the first front-matter line
	Body        []byte
	BodyOffset  int // byte offset of Body within the file
}

// SplitError is a problem with the file's overall shape.
type SplitError struct {
	Pos     diag.Pos
	Message string
	Hint    string
}

func (e *SplitError) Error() string { return e.Message }

// Split separates front matter from body. The file must open with a line
// holding only +++ and the front matter ends at the next such line.
func Split(src []byte) (*File, *SplitError) {
	rest := src
	offset := 0
	if bytes.HasPrefix(rest, []byte("\xef\xbb\xbf")) { // a BOM some editors add
		rest = rest[3:]
		offset = 3
	}
	first, _, hasNL := cutLine(rest)
	switch {
	case len(bytes.TrimSpace(src)) == 0:
		return nil, &SplitError{Pos: diag.Pos{Line: 1, Col: 1}, Message: "the file is empty",
			Hint: "start it with front matter: a line +++, then title = \"...\", then +++"}
	case string(bytes.TrimRight(first, " \t\r")) == "---":
		return nil, &SplitError{Pos: diag.Pos{Line: 1, Col: 1}, Message: "front matter must be TOML between +++ lines, not YAML between ---",
			Hint: "replace both --- lines with +++ and write keys as key = \"value\""}
	case string(bytes.TrimRight(first, " \t\r")) != delimiter:
		return nil, &SplitError{Pos: diag.Pos{Line: 1, Col: 1}, Message: "the file does not start with front matter",
			Hint: "add a line +++, then title = \"...\", then +++ at the top of the file"}
	case !hasNL:
		return nil, &SplitError{Pos: diag.Pos{Line: 1, Col: 1}, Message: "front matter opened with +++ is never closed",
			Hint: "add a line holding only +++ after the last front-matter line"}
	}
	offset += len(first) + 1
	fmStart := offset
	line := 2
	for {
		l, _, nl := cutLine(src[offset:])
		if string(bytes.TrimRight(l, " \t\r")) == delimiter {
			f := &File{FrontMatter: src[fmStart:offset], FMLine: 2}
			offset += len(l)
			if nl {
				offset++
			}
			f.Body = src[offset:]
			f.BodyOffset = offset
			return f, nil
		}
		if !nl {
			return nil, &SplitError{Pos: diag.Pos{Line: 1, Col: 1}, Message: "front matter opened with +++ is never closed",
				Hint: "add a line holding only +++ after the last front-matter line"}
		}
		offset += len(l) + 1
		line++
	}
}

// cutLine returns the first line of b (without its newline), the rest, and
// whether a newline was found.
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}
