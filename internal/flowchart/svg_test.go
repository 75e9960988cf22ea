package flowchart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files in testdata")

// decisionTree is a small guided question flow like the ones on tree pages.
var decisionTree = Graph{
	Title:       "Which scenario fits?",
	Description: "Answer two questions to find the scenario for the customer.",
	IDPrefix:    "tree",
	Nodes: []Node{
		{ID: "buying", Label: "How is the customer buying today?", Kind: Question},
		{ID: "partner-pitch", Label: "Is a partner already engaged?", Kind: Question},
		{ID: "scenario-1", Label: "Scenario 1: new logo with partner", Kind: Outcome, Href: "../scenarios/01-new-logo/"},
		{ID: "scenario-2", Label: "Scenario 2: upsell or cross-sell into a CSP customer", Kind: Outcome, Href: "../scenarios/02-upsell-cross-sell/?from=tree&step=2"},
		{ID: "scenario-3", Label: "Scenario 3: direct", Kind: Outcome},
	},
	Edges: []Edge{
		{From: "buying", To: "partner-pitch", Label: "Enterprise Agreement"},
		{From: "buying", To: "scenario-2", Label: "Through a CSP partner"},
		{From: "partner-pitch", To: "scenario-1", Label: "Yes"},
		{From: "partner-pitch", To: "scenario-3", Label: "No"},
		{From: "buying", To: "scenario-3", Label: "Not sure"},
	},
}

const leftRightMermaid = `flowchart LR
    Start([Request]) --> Triage{Urgent?}
    Triage -->|yes| Page[Page the on-call engineer]
    Triage -- no --> Queue[Add to the queue]
    Page --> Done((Closed))
    Queue --> Done
`

func goldenGraphs(t *testing.T) map[string]Graph {
	t.Helper()
	sample, err := ParseMermaid(sampleMermaid)
	if err != nil {
		t.Fatal(err)
	}
	sample.Title = "Support programs"
	leftRight, err := ParseMermaid(leftRightMermaid)
	if err != nil {
		t.Fatal(err)
	}
	leftRight.Title, leftRight.IDPrefix = "Incident flow", "mermaid-2"
	return map[string]Graph{"sample": sample, "decision-tree": decisionTree, "left-right": leftRight}
}

func TestGolden(t *testing.T) {
	for name, g := range goldenGraphs(t) {
		t.Run(name, func(t *testing.T) {
			got, err := Render(g)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Layout(g)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, g, d)
			path := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendering; review and run go test -update\ngot:\n%s", path, got)
			}
		})
	}
}

// TestStrictCSP checks what a strict Content-Security-Policy and the theme
// rely on: no inline styles, colours only via currentColor, and classes.
func TestStrictCSP(t *testing.T) {
	for name, g := range goldenGraphs(t) {
		svg, err := Render(g)
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(svg); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		s := string(svg)
		for _, banned := range []string{"style=", "<style", "<script", "<?xml", "xlink:"} {
			if strings.Contains(s, banned) {
				t.Errorf("%s: output contains %q", name, banned)
			}
		}
		for _, m := range regexp.MustCompile(`\b(fill|stroke)="([^"]*)"`).FindAllStringSubmatch(s, -1) {
			if m[2] != "currentColor" && m[2] != "none" {
				t.Errorf("%s: %s=%q hard-codes a colour", name, m[1], m[2])
			}
		}
		for _, class := range []string{`class="fg-flowchart"`, `class="fg-edge"`, `class="fg-arrow"`, `class="fg-node fg-node-`} {
			if !strings.Contains(s, class) {
				t.Errorf("%s: output lacks %s", name, class)
			}
		}
	}
}

// svgDoc is the part of the output structure that scripts and CSS rely on.
type svgDoc struct {
	ViewBox    string `xml:"viewBox,attr"`
	Width      string `xml:"width,attr"`
	Role       string `xml:"role,attr"`
	LabelledBy string `xml:"aria-labelledby,attr"`
	Title      struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"title"`
	Desc struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"desc"`
	Marker struct {
		ID string `xml:"id,attr"`
	} `xml:"defs>marker"`
	Groups []svgGroup `xml:"g"`
	Links  []struct {
		Href  string   `xml:"href,attr"`
		Group svgGroup `xml:"g"`
	} `xml:"a"`
}

type svgGroup struct {
	Class string `xml:"class,attr"`
	Node  string `xml:"data-node,attr"`
	From  string `xml:"data-from,attr"`
	To    string `xml:"data-to,attr"`
	Label string `xml:"data-label,attr"`
	Path  struct {
		D         string `xml:"d,attr"`
		MarkerEnd string `xml:"marker-end,attr"`
	} `xml:"path"`
	Text []string `xml:"text>tspan"`
}

func parseSVG(t *testing.T, svg []byte) svgDoc {
	t.Helper()
	var doc svgDoc
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("%v\n%s", err, svg)
	}
	return doc
}

func TestSVGStructure(t *testing.T) {
	svg, err := Render(decisionTree)
	if err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, svg)
	const id = "fg-tree-which-scenario-fits"
	// decisionTree's nodes link to their steps, so the chart is a group of links.
	if doc.Role != "group" || doc.LabelledBy != id+"-title "+id+"-desc" || doc.Title.ID != id+"-title" || doc.Desc.ID != id+"-desc" {
		t.Errorf("accessibility attributes: role %q, labelledby %q, title id %q, desc id %q", doc.Role, doc.LabelledBy, doc.Title.ID, doc.Desc.ID)
	}
	plain := decisionTree
	plain.Nodes = append([]Node(nil), decisionTree.Nodes...)
	for i := range plain.Nodes {
		plain.Nodes[i].Href = ""
	}
	if svg, _ := Render(plain); parseSVG(t, svg).Role != "img" {
		t.Error("a chart without links should be role=img")
	}
	if doc.Title.Text != decisionTree.Title || doc.Desc.Text != decisionTree.Description {
		t.Errorf("title %q, desc %q", doc.Title.Text, doc.Desc.Text)
	}
	if fields := strings.Fields(doc.ViewBox); len(fields) != 4 || fields[2] != doc.Width {
		t.Errorf("viewBox %q does not match width %q", doc.ViewBox, doc.Width)
	}
	if doc.Marker.ID != id+"-arrow" {
		t.Errorf("marker id %q", doc.Marker.ID)
	}
	var edges, nodes []svgGroup
	for _, g := range doc.Groups {
		switch {
		case g.Class == "fg-edge":
			edges = append(edges, g)
		case strings.HasPrefix(g.Class, "fg-node "):
			nodes = append(nodes, g)
		}
	}
	if len(edges) != len(decisionTree.Edges) {
		t.Fatalf("%d edge groups, want %d", len(edges), len(decisionTree.Edges))
	}
	for i, e := range decisionTree.Edges {
		got := edges[i]
		if got.From != e.From || got.To != e.To || got.Label != e.Label || got.Path.MarkerEnd != "url(#"+id+"-arrow)" || got.Path.D == "" {
			t.Errorf("edge %d = %+v, want %+v", i, got, e)
		}
	}
	if len(nodes) != 3 || nodes[0].Class != "fg-node fg-node-question" || nodes[0].Node != "buying" || nodes[2].Class != "fg-node fg-node-outcome" {
		t.Errorf("unlinked node groups = %+v", nodes)
	}
	if len(doc.Links) != 2 || doc.Links[1].Href != "../scenarios/02-upsell-cross-sell/?from=tree&step=2" || doc.Links[1].Group.Node != "scenario-2" {
		t.Errorf("linked nodes = %+v", doc.Links)
	}
	if got := strings.Join(nodes[0].Text, "|"); got != "How is the customer buying|today?" {
		t.Errorf("wrapped question text = %q", got)
	}
}

func TestSVGEscapesUserText(t *testing.T) {
	evil := `<script>alert("x")</script> & 'q'`
	g := Graph{
		Title:       evil,
		Description: evil,
		Nodes:       []Node{{ID: `a"b`, Label: evil, Href: `javascript:"x"&<y>`}, {ID: "c", Label: "bell\x07"}},
		Edges:       []Edge{{From: `a"b`, To: "c", Label: evil}},
	}
	svg, err := Render(g)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(svg), "<script") || strings.Contains(string(svg), "\x07") {
		t.Fatalf("unescaped user text:\n%s", svg)
	}
	doc := parseSVG(t, svg)
	if doc.Title.Text != evil || doc.Desc.Text != evil || doc.Links[0].Href != `javascript:"x"&<y>` || doc.Links[0].Group.Node != `a"b` {
		t.Errorf("text did not round-trip: %+v", doc)
	}
	if !strings.HasPrefix(doc.Title.ID, "fg-script-alert-x-script-q") {
		t.Errorf("title id %q is not a slug", doc.Title.ID)
	}
}

func TestSVGDefaults(t *testing.T) {
	g := Graph{Nodes: []Node{{ID: "a", Label: "Start"}, {ID: "b"}}, Edges: []Edge{{From: "a", To: "b", Label: "go"}}}
	doc := parseSVG(t, mustRender(t, g))
	if doc.Title.Text != "Flowchart" || doc.Title.ID != "fg-flowchart-title" {
		t.Errorf("default title %q id %q", doc.Title.Text, doc.Title.ID)
	}
	if want := "Start → b (go)."; doc.Desc.Text != want {
		t.Errorf("default description %q, want %q", doc.Desc.Text, want)
	}
	lone := parseSVG(t, mustRender(t, Graph{Nodes: []Node{{ID: "x", Label: "Only"}, {ID: "y"}}}))
	if want := "Steps: Only, y."; lone.Desc.Text != want {
		t.Errorf("description without edges %q, want %q", lone.Desc.Text, want)
	}
}

func TestSVGIDsDifferByPrefix(t *testing.T) {
	g := Graph{Title: "Same", Nodes: []Node{{ID: "a"}}}
	first := parseSVG(t, mustRender(t, g))
	g.IDPrefix = "Mermaid 2"
	second := parseSVG(t, mustRender(t, g))
	if first.Title.ID != "fg-same-title" || second.Title.ID != "fg-mermaid-2-same-title" || second.Marker.ID != "fg-mermaid-2-same-arrow" {
		t.Errorf("ids %q and %q (marker %q)", first.Title.ID, second.Title.ID, second.Marker.ID)
	}
}

func mustRender(t *testing.T, g Graph) []byte {
	t.Helper()
	svg, err := Render(g)
	if err != nil {
		t.Fatal(err)
	}
	return svg
}

func TestNum(t *testing.T) {
	tests := map[float64]string{0: "0", 12: "12", 12.5: "12.5", 12.345: "12.35", -0.001: "0", 1.10: "1.1", 100: "100"}
	for in, want := range tests {
		if got := num(in); got != want {
			t.Errorf("num(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{"": "", "Which scenario fits?": "which-scenario-fits", "  --A__B--  ": "a-b", "日本": "", strings.Repeat("ab", 30): strings.Repeat("ab", 20)}
	for in, want := range tests {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
