package flowchart

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestLayoutErrors(t *testing.T) {
	n := func(ids ...string) []Node {
		var nodes []Node
		for _, id := range ids {
			nodes = append(nodes, Node{ID: id})
		}
		return nodes
	}
	tests := []struct {
		name  string
		graph Graph
		want  string
	}{
		{"empty", Graph{}, "graph has no nodes"},
		{"empty id", Graph{Nodes: n("a", "")}, "node 1 has an empty id"},
		{"duplicate id", Graph{Nodes: n("a", "b", "a")}, `duplicate node id "a"`},
		{"unknown target", Graph{Nodes: n("a"), Edges: []Edge{{"a", "b", ""}}}, `unknown node "b"`},
		{"unknown source", Graph{Nodes: n("a"), Edges: []Edge{{"x", "a", ""}}}, `unknown node "x"`},
		{"self loop", Graph{Nodes: n("a"), Edges: []Edge{{"a", "a", ""}}}, "cycle a -> a"},
		{"two-cycle", Graph{Nodes: n("a", "b"), Edges: []Edge{{"a", "b", ""}, {"b", "a", ""}}}, "cycle a -> b -> a"},
		{"cycle below a source", Graph{Nodes: n("s", "a", "b", "c"), Edges: []Edge{{"s", "a", ""}, {"a", "b", ""}, {"b", "c", ""}, {"c", "a", ""}}}, "cycle a -> b -> c -> a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Layout(tt.graph)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Layout error = %v, want it to contain %q", err, tt.want)
			}
			if _, err := Render(tt.graph); err == nil {
				t.Fatal("Render succeeded where Layout failed")
			}
		})
	}
	var cycle *CycleError
	if _, err := Layout(tests[6].graph); !errors.As(err, &cycle) || strings.Join(cycle.Path, ",") != "a,b,a" {
		t.Errorf("cycle error = %#v, want *CycleError with path a,b,a", err)
	}
	if _, err := Layout(Graph{}); !errors.Is(err, ErrEmptyGraph) {
		t.Errorf("empty graph error = %v, want ErrEmptyGraph", err)
	}
}

// checkInvariants fails t for any overlap, upstream edge, or edge that runs
// through a box it does not belong to.
func checkInvariants(t *testing.T, g Graph, d *Diagram) {
	t.Helper()
	inside := func(b Box) bool { return b.X >= 0 && b.Y >= 0 && b.X+b.W <= d.Width && b.Y+b.H <= d.Height }
	whole := func(b Box) bool { return b == Box{math.Round(b.X), math.Round(b.Y), math.Round(b.W), math.Round(b.H)} }
	for i, a := range d.Nodes {
		if !inside(a.Box) {
			t.Errorf("node %s box %+v outside %gx%g", a.ID, a.Box, d.Width, d.Height)
		}
		if !whole(a.Box) {
			t.Errorf("node %s box %+v is not on whole pixels", a.ID, a.Box)
		}
		for _, b := range d.Nodes[i+1:] {
			if overlap(a.Box, b.Box) {
				t.Errorf("nodes %s %+v and %s %+v overlap", a.ID, a.Box, b.ID, b.Box)
			}
		}
	}
	for i, e := range d.Edges {
		if len(e.LabelLines) > 0 {
			if !inside(e.LabelBox) || !whole(e.LabelBox) {
				t.Errorf("edge %d label box %+v is outside the diagram or off whole pixels", i, e.LabelBox)
			}
			for _, n := range d.Nodes {
				if overlap(e.LabelBox, n.Box) {
					t.Errorf("edge %d label %+v overlaps node %s %+v", i, e.LabelBox, n.ID, n.Box)
				}
			}
			for j, f := range d.Edges[i+1:] {
				if len(f.LabelLines) > 0 && overlap(e.LabelBox, f.LabelBox) {
					t.Errorf("labels of edges %d and %d overlap", i, i+1+j)
				}
			}
		} else if strings.TrimSpace(e.Label) != "" {
			t.Errorf("edge %d label %q was dropped", i, e.Label)
		}
		checkRoute(t, d, i)
	}
}

// checkRoute verifies that edge i starts on its source, ends on its target,
// always advances with the layers, and crosses no other node or label.
func checkRoute(t *testing.T, d *Diagram, i int) {
	t.Helper()
	e := d.Edges[i]
	along := func(p Point) float64 { return p.Y }
	if d.Direction == LeftRight {
		along = func(p Point) float64 { return p.X }
	}
	if len(e.Points) < 2 {
		t.Fatalf("edge %d has %d points", i, len(e.Points))
	}
	var from, to Box
	for _, n := range d.Nodes {
		if n.ID == e.From {
			from = n.Box
		}
		if n.ID == e.To {
			to = n.Box
		}
	}
	first, last := e.Points[0], e.Points[len(e.Points)-1]
	if !onBorder(first, from) || !onBorder(last, to) {
		t.Errorf("edge %d runs %v..%v, not from %+v to %+v", i, first, last, from, to)
	}
	if along(last) <= along(first) {
		t.Errorf("edge %d does not advance: %v -> %v", i, first, last)
	}
	for k := 1; k < len(e.Points); k++ {
		p, q := e.Points[k-1], e.Points[k]
		if along(q) < along(p) {
			t.Errorf("edge %d goes backwards at point %d: %v -> %v", i, k, p, q)
		}
		seg := Box{X: min(p.X, q.X), Y: min(p.Y, q.Y), W: abs(p.X - q.X), H: abs(p.Y - q.Y)}
		for _, n := range d.Nodes {
			if n.ID != e.From && n.ID != e.To && overlap(seg, n.Box) {
				t.Errorf("edge %d segment %v -> %v crosses node %s", i, p, q, n.ID)
			}
		}
		for j, f := range d.Edges {
			if j != i && len(f.LabelLines) > 0 && overlap(seg, f.LabelBox) {
				t.Errorf("edge %d segment %v -> %v crosses the label of edge %d", i, p, q, j)
			}
		}
	}
}

// overlap reports whether the closed box a meets the interior of b. Touching
// sides do not count; a zero-width box (a straight segment) does count when
// it runs through b.
func overlap(a, b Box) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

func onBorder(p Point, b Box) bool {
	inX := p.X >= b.X && p.X <= b.X+b.W
	inY := p.Y >= b.Y && p.Y <= b.Y+b.H
	return inX && (p.Y == b.Y || p.Y == b.Y+b.H) || inY && (p.X == b.X || p.X == b.X+b.W)
}

func abs(v float64) float64 { return max(v, -v) }

func TestOverlap(t *testing.T) {
	box := Box{X: 10, Y: 10, W: 10, H: 10}
	tests := []struct {
		name string
		a    Box
		want bool
	}{
		{"inside", Box{12, 12, 2, 2}, true},
		{"touching side", Box{20, 10, 5, 10}, false},
		{"apart", Box{30, 30, 5, 5}, false},
		{"vertical segment through", Box{15, 0, 0, 30}, true},
		{"vertical segment along side", Box{20, 0, 0, 30}, false},
		{"vertical segment ending on top", Box{15, 0, 0, 10}, false},
		{"horizontal segment through", Box{0, 15, 30, 0}, true},
		{"point inside", Box{15, 15, 0, 0}, true},
	}
	for _, tt := range tests {
		if got := overlap(tt.a, box); got != tt.want {
			t.Errorf("%s: overlap(%+v, %+v) = %v, want %v", tt.name, tt.a, box, got, tt.want)
		}
	}
}

// tree builds a deterministic decision tree of n nodes: questions with two
// to four labelled answers, leaves as outcomes.
func tree(n int, seed uint64) Graph {
	rng := rand.New(rand.NewPCG(seed, 1))
	g := Graph{Title: fmt.Sprintf("Tree %d", n)}
	g.Nodes = append(g.Nodes, Node{ID: "q0", Label: "Where does the customer buy today?", Kind: Question})
	open := []int{0}
	for len(g.Nodes) < n {
		parent := open[0]
		open = open[1:]
		for a := 0; a < 2+rng.IntN(3) && len(g.Nodes) < n; a++ {
			id := fmt.Sprintf("q%d", len(g.Nodes))
			g.Nodes = append(g.Nodes, Node{ID: id, Label: strings.Repeat("Option text ", 1+rng.IntN(4)), Kind: Question})
			g.Edges = append(g.Edges, Edge{From: g.Nodes[parent].ID, To: id, Label: []string{"Yes", "No", "Through a CSP partner", "Not sure yet"}[a]})
			open = append(open, len(g.Nodes)-1)
		}
	}
	for _, leaf := range open {
		g.Nodes[leaf].Kind = Outcome
	}
	return g
}

func TestTree30(t *testing.T) {
	for _, dir := range []Direction{TopDown, LeftRight} {
		g := tree(30, 7)
		g.Direction = dir
		d, err := Layout(g)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, g, d)
		if c := crossingsOf(t, g); c != 0 {
			t.Errorf("direction %d: a tree was drawn with %d crossings", dir, c)
		}
	}
}

// crossingsOf counts the crossings left in the final layer order of g.
func crossingsOf(t *testing.T, g Graph) int {
	t.Helper()
	l, err := ordered(g)
	if err != nil {
		t.Fatal(err)
	}
	return l.crossings()
}

func TestTreeParentsCentredOverChildren(t *testing.T) {
	g := Graph{
		Nodes: []Node{{ID: "p"}, {ID: "a"}, {ID: "b"}, {ID: "c"}},
		Edges: []Edge{{"p", "a", ""}, {"p", "b", ""}, {"p", "c", ""}},
	}
	d, err := Layout(g)
	if err != nil {
		t.Fatal(err)
	}
	centre := func(b Box) float64 { return b.X + b.W/2 }
	p, a, c := d.Nodes[0].Box, d.Nodes[1].Box, d.Nodes[3].Box
	if mid := (centre(a) + centre(c)) / 2; abs(centre(p)-mid) > 1 {
		t.Errorf("parent centre %g, children span centre %g", centre(p), mid)
	}
	if !(centre(a) < centre(d.Nodes[2].Box) && centre(d.Nodes[2].Box) < centre(c)) {
		t.Errorf("children are not in input order: %v", d.Nodes)
	}
}

func TestLongestPathLayers(t *testing.T) {
	// a -> c directly and via b: c must sit below b, and a's edge to c must
	// pass b's layer rather than point sideways.
	g := Graph{Nodes: []Node{{ID: "a"}, {ID: "b"}, {ID: "c"}}, Edges: []Edge{{"a", "c", "skip"}, {"a", "b", ""}, {"b", "c", ""}}}
	d, err := Layout(g)
	if err != nil {
		t.Fatal(err)
	}
	if !(d.Nodes[0].Box.Y < d.Nodes[1].Box.Y && d.Nodes[1].Box.Y < d.Nodes[2].Box.Y) {
		t.Errorf("layers out of order: a %v, b %v, c %v", d.Nodes[0].Box, d.Nodes[1].Box, d.Nodes[2].Box)
	}
	checkInvariants(t, g, d)
}

// randomDAG builds a seeded random DAG of up to maxNodes nodes with nodes
// listed in shuffled order, so input order is not a topological order.
func randomDAG(rng *rand.Rand, maxNodes int) Graph {
	n := 1 + rng.IntN(maxNodes)
	density := rng.Float64() * 0.3
	labels := []string{"", "", "yes", "no", "maybe later", "a much longer answer that needs wrapping", "日本語のラベル", "x"}
	g := Graph{Direction: Direction(rng.IntN(2))}
	for i := range n {
		label := strings.Repeat("word ", rng.IntN(12))
		g.Nodes = append(g.Nodes, Node{ID: fmt.Sprint("n", i), Label: label, Kind: NodeKind(rng.IntN(3))})
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if rng.Float64() < density {
				g.Edges = append(g.Edges, Edge{From: g.Nodes[i].ID, To: g.Nodes[j].ID, Label: labels[rng.IntN(len(labels))]})
			}
		}
	}
	if len(g.Edges) > 1 && rng.IntN(4) == 0 {
		g.Edges = append(g.Edges, g.Edges[0]) // a parallel edge
	}
	rng.Shuffle(len(g.Nodes), func(i, j int) { g.Nodes[i], g.Nodes[j] = g.Nodes[j], g.Nodes[i] })
	rng.Shuffle(len(g.Edges), func(i, j int) { g.Edges[i], g.Edges[j] = g.Edges[j], g.Edges[i] })
	return g
}

func TestRandomDAGInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(2024, 42))
	graphs := 400
	if testing.Short() {
		graphs = 50
	}
	for i := range graphs {
		g := randomDAG(rng, 40)
		d, err := Layout(g)
		if err != nil {
			t.Fatalf("graph %d: %v", i, err)
		}
		checkInvariants(t, g, d)
		if t.Failed() {
			t.Fatalf("graph %d failed: %+v", i, g)
		}
		again, err := Render(g)
		if err != nil || !bytes.Equal(d.SVG(), again) {
			t.Fatalf("graph %d: rendering twice differs (err %v)", i, err)
		}
	}
}

func TestCrossingReductionHelps(t *testing.T) {
	// Input order draws a1-b2 and a2-b1 crossed; reordering must untangle it.
	g := Graph{
		Nodes: []Node{{ID: "r"}, {ID: "a1"}, {ID: "a2"}, {ID: "b1"}, {ID: "b2"}},
		Edges: []Edge{{"r", "a1", ""}, {"r", "a2", ""}, {"a1", "b2", ""}, {"a2", "b1", ""}, {"r", "b1", ""}},
	}
	if c := crossingsOf(t, g); c != 0 {
		t.Errorf("crossings = %d, want 0", c)
	}
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want []string
	}{
		{"", 10, nil},
		{"  spaced   out\ttext  ", 28, []string{"spaced out text"}},
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"a\nb", 10, []string{"a", "b"}},
		{"bell\x07 and \uFFFE gone", 28, []string{"bell and gone"}},
		{"日本語のラベル", 4, []string{"日本語の", "ラベル"}},
		{"bad \xff byte", 28, []string{"bad \uFFFD byte"}},
	}
	for _, tt := range tests {
		got := wrapText(tt.in, tt.max)
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestTextWidth(t *testing.T) {
	if narrow, wide := textWidth("iiii"), textWidth("WWWW"); narrow >= wide {
		t.Errorf("narrow %g >= wide %g", narrow, wide)
	}
	if latin, cjk := textWidth("ab"), textWidth("日本"); latin >= cjk {
		t.Errorf("latin %g >= cjk %g", latin, cjk)
	}
}

func BenchmarkLayout200(b *testing.B) {
	g := tree(200, 3)
	for b.Loop() {
		if _, err := Layout(g); err != nil {
			b.Fatal(err)
		}
	}
}
