package markdown

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/fieldguide/fieldguide/internal/diag"
)

// Includes: a top-level paragraph that is exactly
//
//	{{< include "_snippets/unified-support.md" >}}
//
// is replaced by that file's markdown before the body is parsed. The path is
// relative to content/ and must lead into a folder whose name starts with
// "_" (never published, no front matter). Snippets may include snippets, up
// to MaxIncludeDepth deep; a cycle is an error naming the chain.
//
// The expanded body is parsed as one text whose lines come from several
// files. A line map takes every position back to the file and line it was
// written on, so problems, headings and links inside a snippet are placed
// in the snippet, and links in it are resolved from the snippet's folder.

// ReadInclude reads a snippet by its path within content/ (already checked
// to be local). It must refuse links that lead out of the site.
type ReadInclude func(rel string) ([]byte, error)

// MaxIncludeDepth bounds nested includes; MaxIncludedBytes bounds what a
// page's includes add to it, so a snippet included twice by a snippet
// included twice ... cannot grow a page without end.
// MaxIncludes bounds the directives a page's expansion follows: each one
// may read a file.
const (
	MaxIncludeDepth  = 8
	MaxIncludedBytes = 4 << 20
	MaxIncludes      = 1000
)

var (
	includeDirective = regexp.MustCompile(`^\{\{<\s*include\s+"([^"]*)"\s*>\}\}$`)
	shortcodeOpen    = []byte("{{<")
)

// lineSpan maps n lines of the expanded body, from virtual line virt, to
// the lines of source (a site path) from real on.
type lineSpan struct {
	virt, n, real int
	source        string
}

// IncludedBy is the note a problem in a snippet carries: the page whose
// build found it.
func IncludedBy(page string) string { return " (in text included by " + page + ")" }

// Where maps a position of the parsed body to the file it was written in:
// "" and pos for the page's own text, or a snippet's site path and its
// position there.
func (d *Doc) Where(pos diag.Pos) (source string, at diag.Pos) {
	for _, s := range d.lineMap {
		if pos.Line >= s.virt && pos.Line < s.virt+s.n {
			if s.source == d.Path {
				return "", diag.Pos{Line: s.real + pos.Line - s.virt, Col: pos.Col}
			}
			return s.source, diag.Pos{Line: s.real + pos.Line - s.virt, Col: pos.Col}
		}
	}
	return "", pos
}

// expansion is a body with its includes replaced.
type expansion struct {
	body    []byte
	lineMap []lineSpan
	// included are the site paths of every snippet the body names, at
	// any depth, found or not: editing or creating one changes the page.
	included []string
	bytes    int
}

// includer expands the includes of one page.
type includer struct {
	m     *Markdown
	page  string // the page's site path, named in problems found in snippets
	diags *diag.List
	exp   *expansion
	// lines is the number of lines written to exp.body so far.
	lines int
	// read are the snippets read so far, by path within content/: a
	// page that includes one several times reads it once.
	read     map[string][]byte
	includes int
}

// expand replaces the body's includes, or returns nil when it has none.
// Problems with the includes themselves are reported here, at the
// directive; problems in the included text are found when the expanded
// body is parsed.
func (m *Markdown) expand(d *Doc, diags *diag.List) *expansion {
	if m.include == nil || !bytes.Contains(d.body, shortcodeOpen) || checkLimits(d.body) != nil {
		return nil
	}
	firstLine := bytes.Count(d.file[:d.bodyOffset], []byte("\n")) + 1
	in := &includer{m: m, page: d.Path, diags: diags, exp: &expansion{}, lines: firstLine - 1}
	if !in.file(d.Path, d.body, firstLine, []string{d.Path}) {
		return nil
	}
	return in.exp
}

// file writes src (lines of source from line first on) to the expansion,
// replacing its include paragraphs. It reports whether it found any (or
// any problem with one): without, the page is parsed as it is.
func (in *includer) file(source string, src []byte, first int, chain []string) bool {
	root := in.m.md.Parser().Parse(text.NewReader(src))
	found := false
	done := 0 // bytes of src written
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		para, ok := n.(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		start, stop := para.Lines().At(0).Start, para.Lines().At(para.Lines().Len()-1).Stop
		raw := bytes.TrimSpace(src[start:stop])
		if !bytes.HasPrefix(raw, shortcodeOpen) {
			continue
		}
		found = true
		lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
		line := first + bytes.Count(src[:lineStart], []byte("\n"))
		at := diag.Pos{Line: line, Col: start - lineStart + 1}
		m := includeDirective.FindSubmatch(raw)
		if m == nil {
			in.errorf(source, at, `write {{< include "_snippets/name.md" >}} alone in its paragraph; include is the only shortcode`, "unknown shortcode `%s`", firstLineOf(raw))
			continue
		}
		in.write(source, src[done:lineStart], first+bytes.Count(src[:done], []byte("\n")))
		end := stop
		if end < len(src) && src[end] == '\n' {
			end++
		}
		done = end
		in.include(source, at, string(m[1]), chain)
	}
	if found {
		in.write(source, src[done:], first+bytes.Count(src[:done], []byte("\n")))
	}
	in.nestedDirectives(source, src, first, root)
	return found
}

// nestedDirectives reports includes written inside lists, quotes and
// other blocks, which are not replaced: a snippet's lines would lose the
// container's indentation.
func (in *includer) nestedDirectives(source string, src []byte, first int, root ast.Node) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		// Tight list items hold a TextBlock where others hold a Paragraph.
		isText := n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock
		if !entering || !isText || n.Parent() == root || n.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		start := n.Lines().At(0).Start
		if bytes.HasPrefix(bytes.TrimSpace(src[start:n.Lines().At(0).Stop]), []byte("{{< include")) {
			lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
			at := diag.Pos{Line: first + bytes.Count(src[:lineStart], []byte("\n")), Col: start - lineStart + 1}
			in.errorf(source, at, "move it out of the list or quote, with a blank line before and after it", "an include must be a paragraph of its own at the top level")
		}
		return ast.WalkSkipChildren, nil
	})
}

// include writes the snippet rel (named at source:at) to the expansion.
func (in *includer) include(source string, at diag.Pos, rel string, chain []string) {
	clean := path.Clean(rel)
	target := "content/" + clean
	if !fs.ValidPath(clean) || clean == "." || strings.HasPrefix(rel, "/") {
		in.errorf(source, at, `write a path inside content/, e.g. {{< include "_snippets/csp-support.md" >}}`, "include %q leads outside content/", rel)
		return
	}
	in.exp.included = appendNew(in.exp.included, target)
	switch {
	case !strings.HasSuffix(clean, ".md"):
		in.errorf(source, at, "include a markdown file (.md)", "include %q is not a markdown file", rel)
		return
	case !inUnderscoreFolder(clean):
		in.errorf(source, at, "move the shared text into a folder whose name starts with _, such as content/_snippets/: such folders are never published", "include %q is a page, not a snippet", rel)
		return
	}
	for i, c := range chain {
		if c == target {
			in.errorf(source, at, "an included file cannot include itself, directly or through others: remove one of these includes", "include cycle: %s", strings.Join(append(chain[i:len(chain):len(chain)], target), " includes "))
			return
		}
	}
	if len(chain) > MaxIncludeDepth {
		in.errorf(source, at, "include the text directly instead of through another snippet", "includes nested more than %d deep: %s", MaxIncludeDepth, strings.Join(append(chain[:len(chain):len(chain)], target), " includes "))
		return
	}
	if in.includes++; in.includes > MaxIncludes {
		in.errorf(source, at, "include fewer snippets, or merge some of them", "the page has more than %d includes", MaxIncludes)
		return
	}
	src, err := in.readSnippet(clean)
	if err != nil {
		hint := "fieldguide reads only regular files inside the site folder"
		if errors.Is(err, fs.ErrNotExist) {
			hint = "check the path: it is relative to content/, e.g. _snippets/csp-support.md"
		}
		in.errorf(source, at, hint, "cannot include %q: %v", rel, unwrapPath(err))
		return
	}
	if in.exp.bytes += len(src); in.exp.bytes > MaxIncludedBytes {
		in.errorf(source, at, "include less, or include the text once", "the page's includes add more than %d MB", MaxIncludedBytes>>20)
		return
	}
	if e := checkLimits(src); e != nil {
		in.errorf(target, diag.PosAt(src, e.offset), e.hint, "%s", e.msg)
		return
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		src = append(src[:len(src):len(src)], '\n')
	}
	nested := append(chain[:len(chain):len(chain)], target)
	if !in.file(target, src, 1, nested) {
		in.write(target, src, 1)
	}
	// A blank line ends the snippet's last block: the page's next line
	// must not continue a list or a paragraph the snippet ended with.
	in.write(source, []byte("\n"), at.Line)
}

// readSnippet reads a snippet once per page.
func (in *includer) readSnippet(rel string) ([]byte, error) {
	if src, ok := in.read[rel]; ok {
		return src, nil
	}
	src, err := in.m.include(rel)
	if err == nil {
		if in.read == nil {
			in.read = map[string][]byte{}
		}
		in.read[rel] = src
	}
	return src, err
}

// write appends text (lines of source from line first on) to the body.
func (in *includer) write(source string, text []byte, first int) {
	if len(text) == 0 {
		return
	}
	n := bytes.Count(text, []byte("\n"))
	if text[len(text)-1] != '\n' {
		n++ // the body's last line, without a newline
	}
	in.exp.body = append(in.exp.body, text...)
	in.exp.lineMap = append(in.exp.lineMap, lineSpan{virt: in.lines + 1, n: n, real: first, source: source})
	in.lines += n
}

// errorf reports a problem with an include written in source. One in a
// snippet names the page being built, which may be one of several that
// include it.
func (in *includer) errorf(source string, at diag.Pos, hint, format string, args ...any) {
	if source != in.page {
		format += IncludedBy(in.page)
	}
	in.diags.Errorf(source, at, hint, format, args...)
}

// inUnderscoreFolder reports whether a path within content/ is in a
// folder (at any depth) whose name starts with "_".
func inUnderscoreFolder(rel string) bool {
	dirs := strings.Split(path.Dir(rel), "/")
	for _, dir := range dirs {
		if strings.HasPrefix(dir, "_") {
			return true
		}
	}
	return false
}

// IsUnpublished reports whether a path within content/ is in a folder whose
// name starts with "_": snippets for includes, never pages nor copied.
func IsUnpublished(rel string) bool { return inUnderscoreFolder(rel) }

func firstLineOf(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
