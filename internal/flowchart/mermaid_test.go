package flowchart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/fieldguide/fieldguide/internal/fuzzbudget"
)

// sampleMermaid is a real block from our source documents.
const sampleMermaid = `graph TD
    UP[Umbrella Program] --> MI[Microsoft Investment]
    UP --> SC[Support Contract]
    SC --> UE[Unified Entitlements]
    SC --> PA[Proactive Accelerators*]
    SC --> DSE[Designated Support Engineering DSE]
`

var validMermaid = []struct {
	name string
	src  string
	want Graph
}{
	{
		name: "sample",
		src:  sampleMermaid,
		want: Graph{
			Nodes: []Node{
				{ID: "UP", Label: "Umbrella Program"}, {ID: "MI", Label: "Microsoft Investment"},
				{ID: "SC", Label: "Support Contract"}, {ID: "UE", Label: "Unified Entitlements"},
				{ID: "PA", Label: "Proactive Accelerators*"}, {ID: "DSE", Label: "Designated Support Engineering DSE"},
			},
			Edges: []Edge{{"UP", "MI", ""}, {"UP", "SC", ""}, {"SC", "UE", ""}, {"SC", "PA", ""}, {"SC", "DSE", ""}},
		},
	},
	{
		name: "shapes and kinds",
		src:  "flowchart LR\nA[rect] --> B(round)\nB --> C([stadium])\nC --> D{decide}\nD --> E((circle))",
		want: Graph{
			Direction: LeftRight,
			Nodes: []Node{
				{ID: "A", Label: "rect"}, {ID: "B", Label: "round"}, {ID: "C", Label: "stadium", Kind: Outcome},
				{ID: "D", Label: "decide", Kind: Question}, {ID: "E", Label: "circle", Kind: Outcome},
			},
			Edges: []Edge{{"A", "B", ""}, {"B", "C", ""}, {"C", "D", ""}, {"D", "E", ""}},
		},
	},
	{
		name: "labelled links and chains",
		src:  "graph TB\n  Q{Buying how?} -->|Enterprise Agreement| P[Pitch]\n  Q -- Through a CSP, maybe? --> C --> D\n  Q-->|\"quoted | pipe\"|D",
		want: Graph{
			Nodes: []Node{{ID: "Q", Label: "Buying how?", Kind: Question}, {ID: "P", Label: "Pitch"}, {ID: "C"}, {ID: "D"}},
			Edges: []Edge{{"Q", "P", "Enterprise Agreement"}, {"Q", "C", "Through a CSP, maybe?"}, {"C", "D", ""}, {"Q", "D", "quoted | pipe"}},
		},
	},
	{
		name: "semicolons comments and blank lines",
		src:  "\n%% a comment\n  graph TD;\n\nA-->B;B-->C; %% trailing comment\n;;\n   %% indented comment\nC",
		want: Graph{
			Nodes: []Node{{ID: "A"}, {ID: "B"}, {ID: "C"}},
			Edges: []Edge{{"A", "B", ""}, {"B", "C", ""}},
		},
	},
	{
		name: "header with statements after semicolon",
		src:  "graph LR; A --> B",
		want: Graph{Direction: LeftRight, Nodes: []Node{{ID: "A"}, {ID: "B"}}, Edges: []Edge{{"A", "B", ""}}},
	},
	{
		name: "first label wins and later bare use keeps it",
		src:  "graph\nA --> B[first]\nB[second] --> A2\nA{late}",
		want: Graph{
			Nodes: []Node{{ID: "A", Label: "late", Kind: Question}, {ID: "B", Label: "first"}, {ID: "A2"}},
			Edges: []Edge{{"A", "B", ""}, {"B", "A2", ""}},
		},
	},
	{
		name: "quoted labels entities and breaks",
		src:  "graph TD\nA[\"x (y) [z]\"] --> B[&quot;Tom&quot; &amp; #quot;Jerry#quot; &lt;3 &gt; #35;1 &#x41;]\nB --> C[line one<br>line two<br/>three]\nC --> D[not &ampx; an entity; #12abc; issue #5; &#7;]",
		want: Graph{
			Nodes: []Node{
				{ID: "A", Label: "x (y) [z]"}, {ID: "B", Label: `"Tom" & "Jerry" <3 > #1 A`},
				{ID: "C", Label: "line one\nline two\nthree"}, {ID: "D", Label: "not &ampx; an entity; #12abc; issue #5; &#7;"},
			},
			Edges: []Edge{{"A", "B", ""}, {"B", "C", ""}, {"C", "D", ""}},
		},
	},
	{
		name: "ids with digits underscores hyphens and long arrows",
		src:  "graph TD\nstep_1 ---> step-2\r\nstep-2-->|go|3",
		want: Graph{
			Nodes: []Node{{ID: "step_1"}, {ID: "step-2"}, {ID: "3"}},
			Edges: []Edge{{"step_1", "step-2", ""}, {"step-2", "3", "go"}},
		},
	},
	{
		name: "keyword prefixes are ordinary ids",
		src:  "graph TD\nendpoint --> classes\nstyled",
		want: Graph{Nodes: []Node{{ID: "endpoint"}, {ID: "classes"}, {ID: "styled"}}, Edges: []Edge{{"endpoint", "classes", ""}}},
	},
}

func TestParseMermaid(t *testing.T) {
	for _, tt := range validMermaid {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMermaid(tt.src)
			if err != nil {
				t.Fatalf("ParseMermaid: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseMermaid =\n%+v\nwant\n%+v", got, tt.want)
			}
			if _, err := Render(got); err != nil {
				t.Errorf("Render: %v", err)
			}
		})
	}
}

var invalidMermaid = []struct {
	name      string
	src       string
	line, col int
	msg       string
}{
	{"empty", "", 1, 1, "empty diagram; supported:"},
	{"only comments", "%% nothing\n\n", 1, 1, "empty diagram"},
	{"sequence diagram", "sequenceDiagram\nA->>B: hi", 1, 1, `unsupported diagram "sequenceDiagram"`},
	{"statement before header", "  A --> B", 1, 3, `unsupported diagram "A"`},
	{"flowchart-elk", "flowchart-elk TD", 1, 1, `unsupported diagram "flowchart-elk"`},
	{"bottom-up", "graph BT\nA-->B", 1, 7, "direction BT is not supported; use TD, TB or LR"},
	{"bad direction", "graph XY", 1, 7, "expected direction TD, TB or LR"},
	{"junk after direction", "graph TD A-->B", 1, 10, "expected end of line after the direction"},
	{"no nodes", "graph TD\n%% later", 1, 1, "has no nodes"},
	{"one line sample", "graph TD\n    UP[Umbrella Program] --> MI[Microsoft Investment]    UP --> SC[Support Contract]", 2, 58, `unexpected 'U' after a complete statement; start each statement on a new line or separate statements with ";"`},
	{"subgraph", "graph TD\nsubgraph one\nA-->B\nend", 2, 1, `"subgraph" is not supported; supported:`},
	{"end", "graph TD\nA-->B\nend", 3, 1, `"end" is not supported`},
	{"keyword before semicolon", "graph TD\nA-->B; end; C", 2, 8, `"end" is not supported`},
	{"style", "graph TD\nA-->B\n  style A fill:#f9f", 3, 3, `"style" is not supported`},
	{"classDef", "graph TD\nclassDef green fill:#9f6", 2, 1, `"classDef" is not supported`},
	{"click", "graph TD\nA-->B\nclick A callback", 3, 1, `"click" is not supported`},
	{"dotted link", "graph TD\nA -.-> B", 2, 3, `unsupported link "-.->"; supported:`},
	{"thick link", "graph TD\nA ==> B", 2, 3, `unsupported link "==>"`},
	{"open link", "graph TD\nA --- B", 2, 3, `unsupported link "---"`},
	{"circle end", "graph TD\nA --o B", 2, 3, `unsupported link "--o"`},
	{"bidirectional", "graph TD\nA <--> B", 2, 3, `unsupported link "<-->"`},
	{"text link without arrow", "graph TD\nA -- yes --- B", 2, 10, `unsupported link "---"; link text must end with "-->"`},
	{"text link never closed", "graph TD\nA -- yes B", 2, 3, `link text after "--" must end with "-->"`},
	{"ampersand", "graph TD\nA & B --> C", 2, 3, `"&" (several nodes in one link) is not supported`},
	{"missing target", "graph TD\nA -->", 2, 6, "expected a node id at the end of the line"},
	{"bad target", "graph TD\nA --> [x]", 2, 7, `expected a node id (letters, digits, _), found '['`},
	{"unclosed label", "graph TD\nA[open --> B", 2, 2, `unclosed label: expected "]" on the same line`},
	{"unclosed quote", "graph TD\nA[\"open] --> B", 2, 3, "unclosed quote in label"},
	{"junk after quote", "graph TD\nA[\"q\" x] --> B", 2, 7, `expected "]" after the quoted label`},
	{"empty label", "graph TD\nA[ ] --> B", 2, 2, "empty label"},
	{"empty edge label", "graph TD\nA -->|| B", 2, 6, "empty label"},
	{"bracket in round label", "graph TD\nA(x (y)) --> B", 2, 8, `unexpected ')'; quote labels that contain brackets, as in A["x (y)"]`},
	{"quote after node", "graph TD\nA \"x\"", 2, 3, `unexpected '"' after a complete statement`},
	{"subroutine shape", "graph TD\nA[[sub]]", 2, 2, `unsupported node shape "[["`},
	{"hexagon shape", "graph TD\nA{{hex}}", 2, 2, `unsupported node shape "{{"`},
	{"asymmetric shape", "graph TD\nA>flag]", 2, 2, `unsupported node shape ">"`},
	{"class shorthand", "graph TD\nA:::hot --> B", 2, 2, "node classes (:::) are not supported"},
	{"tab counts as one column", "graph TD\n\tA ==> B", 2, 4, "unsupported link"},
}

func TestParseMermaidErrors(t *testing.T) {
	for _, tt := range invalidMermaid {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMermaid(tt.src)
			var perr *ParseError
			if !errors.As(err, &perr) {
				t.Fatalf("error = %v, want *ParseError", err)
			}
			if perr.Line != tt.line || perr.Col != tt.col || !strings.Contains(perr.Msg, tt.msg) {
				t.Errorf("error = %d:%d %q, want %d:%d containing %q", perr.Line, perr.Col, perr.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestParseErrorString(t *testing.T) {
	err := &ParseError{Line: 3, Col: 7, Msg: "bad"}
	if got, want := err.Error(), "mermaid: line 3, col 7: bad"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func FuzzParseMermaid(f *testing.F) {
	for _, tt := range validMermaid {
		f.Add(tt.src)
	}
	for _, tt := range invalidMermaid {
		f.Add(tt.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var g Graph
		var err error
		fuzzbudget.Run(t, len(src), func() { g, err = ParseMermaid(src) })
		if err != nil {
			var perr *ParseError
			if !errors.As(err, &perr) || perr.Line < 1 || perr.Col < 1 {
				t.Fatalf("error %v is not a positioned *ParseError", err)
			}
			return
		}
		declared := map[string]bool{}
		for _, n := range g.Nodes {
			declared[n.ID] = true
		}
		for _, e := range g.Edges {
			if !declared[e.From] || !declared[e.To] {
				t.Fatalf("edge %v uses an undeclared node", e)
			}
		}
		svg, err := Render(g)
		if err != nil {
			var cycle *CycleError
			if !errors.As(err, &cycle) {
				t.Fatalf("Render: %v", err)
			}
			return
		}
		if err := wellFormed(svg); err != nil {
			t.Fatalf("invalid XML: %v\n%s", err, svg)
		}
	})
}

// wellFormed parses svg as XML from start to end.
func wellFormed(svg []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
