package flowchart

import (
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseError is a syntax error in a Mermaid block.
type ParseError struct {
	Line int // 1-based; line 1 is the block's first line
	Col  int // 1-based, in characters
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("mermaid: line %d, col %d: %s", e.Line, e.Col, e.Msg)
}

// supportedSyntax ends messages about unsupported syntax, so authors can fix
// a block without looking anything up.
const supportedSyntax = `supported: "graph TD|TB|LR" or "flowchart TD|TB|LR" first, ` +
	`then one statement per line (or separated by ";") using nodes A, A[text], A(text), A([text]), A{text}, A((text)) ` +
	`and links A --> B, A -->|text| B, A -- text --> B; %% starts a comment`

// ParseMermaid parses a Mermaid flowchart written in the subset described in
// the package documentation. Errors are *ParseError.
func ParseMermaid(src string) (Graph, error) {
	p := &mermaidParser{index: map[string]int{}}
	headerLine := 0
	for i, text := range strings.Split(src, "\n") {
		s := &scanner{text: []rune(strings.TrimSuffix(text, "\r")), line: i + 1}
		s.skipSpace()
		if s.atEnd() {
			continue
		}
		if headerLine == 0 {
			if err := p.header(s); err != nil {
				return Graph{}, err
			}
			headerLine = s.line
		}
		if err := p.statements(s); err != nil {
			return Graph{}, err
		}
	}
	if headerLine == 0 {
		return Graph{}, &ParseError{Line: 1, Col: 1, Msg: "empty diagram; " + supportedSyntax}
	}
	if len(p.g.Nodes) == 0 {
		return Graph{}, &ParseError{Line: headerLine, Col: 1, Msg: "the flowchart has no nodes; add a statement such as A --> B"}
	}
	return p.g, nil
}

type mermaidParser struct {
	g        Graph
	index    map[string]int // position in g.Nodes by ID
	labelled []bool         // whether a node's label and kind are settled
}

// scanner walks one line; positions are rune indices.
type scanner struct {
	text []rune
	pos  int
	line int
}

func (s *scanner) errorf(pos int, format string, args ...any) *ParseError {
	return &ParseError{Line: s.line, Col: pos + 1, Msg: fmt.Sprintf(format, args...)}
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.text) && unicode.IsSpace(s.text[s.pos]) {
		s.pos++
	}
}

// atEnd reports the end of the line or the start of a %% comment.
func (s *scanner) atEnd() bool {
	return s.pos >= len(s.text) || s.hasPrefix("%%")
}

func (s *scanner) hasPrefix(p string) bool {
	return strings.HasPrefix(string(s.text[s.pos:min(len(s.text), s.pos+len(p))]), p)
}

func (s *scanner) peek() rune {
	if s.pos >= len(s.text) {
		return 0
	}
	return s.text[s.pos]
}

// nodeID reads letters, digits and underscores, with single hyphens inside
// (a hyphen followed by another or by ">" starts a link instead).
func (s *scanner) nodeID() string {
	isIDRune := func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	start := s.pos
	for s.pos < len(s.text) {
		r := s.text[s.pos]
		if isIDRune(r) || (r == '-' && s.pos > start && s.pos+1 < len(s.text) && isIDRune(s.text[s.pos+1])) {
			s.pos++
			continue
		}
		break
	}
	return string(s.text[start:s.pos])
}

// header reads "graph" or "flowchart" and an optional direction.
func (p *mermaidParser) header(s *scanner) error {
	start := s.pos
	for s.pos < len(s.text) && !unicode.IsSpace(s.peek()) && s.peek() != ';' {
		s.pos++
	}
	if kind := string(s.text[start:s.pos]); kind != "graph" && kind != "flowchart" {
		return s.errorf(start, "unsupported diagram %q: the first line must be \"graph\" or \"flowchart\" followed by TD, TB or LR", kind)
	}
	s.skipSpace()
	if s.atEnd() || s.peek() == ';' {
		return nil // Mermaid's default direction is top-down
	}
	at := s.pos
	switch dir := s.nodeID(); dir {
	case "TD", "TB":
		p.g.Direction = TopDown
	case "LR":
		p.g.Direction = LeftRight
	case "BT", "RL":
		return s.errorf(at, "direction %s is not supported; use TD, TB or LR", dir)
	default:
		return s.errorf(at, "expected direction TD, TB or LR")
	}
	s.skipSpace()
	if !s.atEnd() && s.peek() != ';' {
		return s.errorf(s.pos, "expected end of line after the direction; put statements on the following lines")
	}
	return nil
}

// statements parses the rest of a line: statements separated by ";".
func (p *mermaidParser) statements(s *scanner) error {
	for {
		s.skipSpace()
		switch {
		case s.atEnd():
			return nil
		case s.peek() == ';':
			s.pos++
			continue
		}
		if err := p.statement(s); err != nil {
			return err
		}
		s.skipSpace()
		if s.atEnd() || s.peek() == ';' {
			continue
		}
		if strings.ContainsRune(")]}|", s.peek()) {
			return s.errorf(s.pos, "unexpected %q; quote labels that contain brackets, as in A[\"x (y)\"]", s.peek())
		}
		return s.errorf(s.pos, "unexpected %q after a complete statement; start each statement on a new line or separate statements with \";\"; %s", s.peek(), supportedSyntax)
	}
}

// statement parses a node followed by any number of links to further nodes.
func (p *mermaidParser) statement(s *scanner) error {
	start := s.pos
	keyword := s.nodeID()
	if s.atEnd() || unicode.IsSpace(s.peek()) || s.peek() == ';' {
		switch keyword {
		case "subgraph", "end", "style", "classDef", "class", "click", "linkStyle", "direction":
			return s.errorf(start, "%q is not supported; %s", keyword, supportedSyntax)
		}
	}
	s.pos = start
	from, err := p.node(s)
	if err != nil {
		return err
	}
	for {
		before := s.pos
		s.skipSpace()
		if s.peek() == '&' {
			return s.errorf(s.pos, "\"&\" (several nodes in one link) is not supported; write one link per statement")
		}
		if s.atEnd() || !strings.ContainsRune("-=.~<", s.peek()) {
			s.pos = before
			return nil
		}
		label, err := s.link()
		if err != nil {
			return err
		}
		s.skipSpace()
		to, err := p.node(s)
		if err != nil {
			return err
		}
		p.g.Edges = append(p.g.Edges, Edge{From: from, To: to, Label: label})
		from = to
	}
}

// shape is a node bracket pair and the kind it declares.
type shape struct {
	open, close string
	kind        NodeKind
}

// node reads a node ID and optional shaped label, declaring the node on first
// sight; the first label given settles its label and kind.
func (p *mermaidParser) node(s *scanner) (string, error) {
	id := s.nodeID()
	if id == "" {
		if s.atEnd() {
			return "", s.errorf(s.pos, "expected a node id at the end of the line")
		}
		return "", s.errorf(s.pos, "expected a node id (letters, digits, _), found %q; %s", s.peek(), supportedSyntax)
	}
	i, known := p.index[id]
	if !known {
		i = len(p.g.Nodes)
		p.index[id] = i
		p.g.Nodes = append(p.g.Nodes, Node{ID: id})
		p.labelled = append(p.labelled, false)
	}
	for _, bad := range []string{"(((", "[[", "[(", "[/", "[\\", "{{", ">"} {
		if s.hasPrefix(bad) {
			return "", s.errorf(s.pos, "unsupported node shape %q after %q; %s", bad, id, supportedSyntax)
		}
	}
	shapes := []shape{{"([", "])", Outcome}, {"((", "))", Outcome}, {"(", ")", Plain}, {"[", "]", Plain}, {"{", "}", Question}}
	for _, sh := range shapes {
		if !s.hasPrefix(sh.open) {
			continue
		}
		open := s.pos
		s.pos += len(sh.open)
		label, err := s.label(open, sh.close)
		if err != nil {
			return "", err
		}
		if !p.labelled[i] {
			p.g.Nodes[i].Label, p.g.Nodes[i].Kind = label, sh.kind
			p.labelled[i] = true
		}
		break
	}
	if s.pos < len(s.text) && s.peek() == ':' {
		return "", s.errorf(s.pos, "node classes (:::) are not supported; %s", supportedSyntax)
	}
	return id, nil
}

// label reads text up to close, or a quoted string followed by close; the
// opening bracket at open has just been consumed.
func (s *scanner) label(open int, close string) (string, error) {
	textStart := s.pos
	s.skipSpace()
	if s.peek() == '"' {
		quote := s.pos
		end := indexFrom(s.text, quote+1, `"`)
		if end < 0 {
			return "", s.errorf(quote, "unclosed quote in label")
		}
		s.pos = end + 1
		s.skipSpace()
		if !s.hasPrefix(close) {
			return "", s.errorf(s.pos, "expected %q after the quoted label", close)
		}
		s.pos += len(close)
		return decodedLabel(s, quote, string(s.text[quote+1:end]))
	}
	end := indexFrom(s.text, textStart, close)
	if end < 0 {
		return "", s.errorf(open, "unclosed label: expected %q on the same line", close)
	}
	s.pos = end + len(close)
	return decodedLabel(s, open, string(s.text[textStart:end]))
}

// decodedLabel decodes entities and line breaks and rejects empty labels.
func decodedLabel(s *scanner, at int, raw string) (string, error) {
	label := strings.TrimSpace(decodeEntities(raw))
	if label == "" {
		return "", s.errorf(at, "empty label")
	}
	return label, nil
}

// link reads an arrow and its optional label: "-->", "-->|label|" or
// "-- label -->" (longer arrows such as "--->" draw the same).
func (s *scanner) link() (string, error) {
	start := s.pos
	for s.peek() == '-' {
		s.pos++
	}
	dashes := s.pos - start
	// "--o" and "--x" are Mermaid's circle and cross ends, not link text.
	specialEnd := strings.ContainsRune("ox", s.peek()) && (s.pos+1 == len(s.text) || unicode.IsSpace(s.text[s.pos+1]))
	switch {
	case dashes >= 2 && s.peek() == '>':
		s.pos++
		afterArrow := s.pos
		s.skipSpace()
		if s.peek() != '|' {
			s.pos = afterArrow
			return "", nil
		}
		s.pos++
		return s.label(s.pos-1, "|")
	case dashes == 2 && !specialEnd:
		return s.linkText(start)
	}
	end := s.pos
	for end < len(s.text) && end-start < 5 && strings.ContainsRune("-=.~<>ox", s.text[end]) {
		end++
	}
	return "", s.errorf(start, "unsupported link %q; %s", string(s.text[start:max(end, start+1)]), supportedSyntax)
}

// linkText reads the label of "-- label -->"; the link began at start and
// its opening "--" has been consumed.
func (s *scanner) linkText(start int) (string, error) {
	textStart := s.pos
	for i := textStart; i+1 < len(s.text); i++ {
		if s.text[i] != '-' || s.text[i+1] != '-' {
			continue
		}
		j := i
		for j < len(s.text) && s.text[j] == '-' {
			j++
		}
		if j == len(s.text) || s.text[j] != '>' {
			return "", s.errorf(i, "unsupported link %q; link text must end with \"-->\"; %s", string(s.text[i:j]), supportedSyntax)
		}
		s.pos = j + 1
		return decodedLabel(s, textStart, string(s.text[textStart:i]))
	}
	return "", s.errorf(start, "link text after \"--\" must end with \"-->\"; %s", supportedSyntax)
}

// indexFrom finds sub in text at or after from, or returns -1.
func indexFrom(text []rune, from int, sub string) int {
	want := []rune(sub)
	for i := from; i+len(want) <= len(text); i++ {
		if string(text[i:i+len(want)]) == sub {
			return i
		}
	}
	return -1
}

// decodeEntities turns <br> into a line break and decodes HTML entities in
// both their usual form (&quot;) and Mermaid's (#quot;, #35;), in one pass so
// decoded text is never decoded again.
func decodeEntities(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if tag := brTag(s[i:]); tag > 0 {
			b.WriteByte('\n')
			i += tag
			continue
		}
		if s[i] == '&' || s[i] == '#' {
			if decoded, n := entity(s[i:]); n > 0 {
				b.WriteString(decoded)
				i += n
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// brTag returns the length of a leading <br>, <br/> or <br />, or 0.
func brTag(s string) int {
	for _, tag := range []string{"<br>", "<br/>", "<br />"} {
		if len(s) >= len(tag) && strings.EqualFold(s[:len(tag)], tag) {
			return len(tag)
		}
	}
	return 0
}

// entity decodes a leading "&name;", "&#65;", "#name;" or "#65;" and returns
// the text and the bytes consumed, or 0 when s does not start with one.
func entity(s string) (string, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 12 {
		return "", 0
	}
	body := s[1:end]
	if s[0] == '#' {
		if body[0] == '#' {
			return "", 0
		}
		if strings.Trim(body, "0123456789") == "" {
			body = "#" + body // Mermaid writes numeric entities as #65;
		}
	}
	for _, r := range body {
		if r != '#' && !(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') && !(r >= '0' && r <= '9') {
			return "", 0
		}
	}
	candidate := "&" + body + ";"
	decoded := html.UnescapeString(candidate)
	// An entity decodes to one or two runes; more means html decoded only a
	// legacy prefix such as "&amp" of "&ampx;". Control characters would
	// vanish from the drawing, so "#5;" stays literal text.
	if decoded == candidate || utf8.RuneCountInString(decoded) > 2 || strings.IndexFunc(decoded, unicode.IsControl) >= 0 {
		return "", 0
	}
	return decoded, end + 1
}
