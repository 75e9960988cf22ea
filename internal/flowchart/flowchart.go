// Package flowchart draws flowcharts at build time as deterministic,
// self-contained inline SVG, so that no page has to ship a diagram library.
//
// It serves two callers: decision-tree pages (question nodes whose answers are
// labelled edges, ending at outcome nodes) and fenced ```mermaid blocks, which
// ParseMermaid turns into a Graph.
//
// # Drawing
//
// Render lays out a Graph and returns an <svg> element; Layout returns the
// same geometry as a Diagram for callers and tests that need coordinates, and
// Diagram.SVG serialises it. The layout is a layered (Sugiyama-style) one:
//
//   - every node sits on the layer given by its longest path from a source,
//     so the graph must be acyclic;
//   - edges that span layers are routed through dummy points, and every edge
//     crosses an intermediate "label layer" where its label box is placed, so
//     labels never overlap nodes or each other;
//   - layer orders are improved by barycenter sweeps plus adjacent swaps,
//     ties broken by input order;
//   - positions within a layer minimise the squared distance to the median
//     neighbour (a weighted isotonic regression), which centres parents over
//     their children and keeps long edges straight.
//
// There are no fonts at build time, so text width is estimated from a
// per-character width table at 14px; node labels wrap at 28 characters and
// edge labels at 20. A label containing "\n" breaks the line there. A node
// with an empty Label shows its ID.
//
// The same Graph always produces the same bytes.
//
// # SVG and styling
//
// Pages run under a strict Content-Security-Policy, so the SVG carries no
// style attribute and no <style> element. Shapes use only fill="none" and
// stroke="currentColor" (text uses fill="currentColor"), which renders
// legibly without any CSS; the theme colours everything through classes:
//
//	svg.fg-flowchart            the root element
//	g.fg-node                   every node, plus one of
//	  .fg-node-plain            Plain: rectangle
//	  .fg-node-question         Question: rounded rectangle
//	  .fg-node-outcome          Outcome: pill (stadium)
//	g.fg-edge                   every edge: its path and optional label
//	g.fg-edge-label             an edge label: a background rect and text
//	path.fg-arrow               the arrowhead marker
//
// Node groups carry data-node="ID"; edge groups carry data-from, data-to and,
// when labelled, data-label, so a script can highlight the path taken. A node
// with an Href is wrapped in <a href>. Element ids (title, desc, arrowhead) are
// "fg-" + IDPrefix + "-" + a slug of Title, so two charts on one page need
// distinct IDPrefix values or titles. An empty Title becomes "Flowchart"; an
// empty Description becomes a text listing of the edges, the only text
// alternative a screen reader gets from role="img".
//
// # Mermaid
//
// ParseMermaid accepts the flowchart subset of Mermaid:
//
//	graph TD | graph TB | graph LR | flowchart TD|TB|LR   (first line; "graph" alone means TD)
//	A  A[label]  A(label)  A([label])  A{label}  A((label))  A["quoted (label)"]
//	A --> B   A -->|label| B   A -- label --> B   A --> B --> C
//	%% comments, and ";" between statements
//
// {label} declares a Question, ([label]) and ((label)) declare an Outcome, and
// the rest are Plain. A node takes the label and shape of its first declaration
// that has a label. Labels may use the entities &amp; &lt; &gt; &quot; (and
// Mermaid's #quot; form) and <br> for a line break. Anything else, such as
// subgraph, style, classDef, click, -.-> or ==>, is a *ParseError naming the
// line and column.
package flowchart

import (
	"errors"
	"fmt"
	"strings"
)

// Direction is the way layers advance.
type Direction int

const (
	// TopDown puts sources at the top; every edge points down.
	TopDown Direction = iota
	// LeftRight puts sources on the left; every edge points right.
	LeftRight
)

// NodeKind selects a node's shape and CSS class.
type NodeKind int

const (
	// Plain is a rectangle (fg-node-plain).
	Plain NodeKind = iota
	// Question is a rounded rectangle (fg-node-question).
	Question
	// Outcome is a pill (fg-node-outcome).
	Outcome
)

// Node is a box in the chart.
type Node struct {
	ID    string
	Label string // shown text; the ID when empty
	Kind  NodeKind
	Href  string // optional final URL; the node becomes a link
}

// Edge is an arrow From one node ID To another, with an optional label.
type Edge struct {
	From, To, Label string
}

// Graph is a flowchart to draw. It must be non-empty and acyclic.
type Graph struct {
	Title       string // accessible name; also seeds element ids
	Description string // accessible description; generated when empty
	// IDPrefix keeps element ids unique when one page holds several charts.
	IDPrefix  string
	Direction Direction
	Nodes     []Node
	Edges     []Edge
}

// ErrEmptyGraph is returned for a graph without nodes.
var ErrEmptyGraph = errors.New("flowchart: graph has no nodes")

// CycleError reports a loop; the layered layout needs an acyclic graph.
type CycleError struct {
	// Path lists node IDs around the loop; the first is repeated at the end.
	Path []string
}

func (e *CycleError) Error() string {
	return fmt.Sprintf("flowchart: cycle %s (a flowchart must not loop back)", strings.Join(e.Path, " -> "))
}

// TooLargeError reports a graph whose layered form would need more points
// than its size allows (see pointLimit): drawing it would cost time and
// memory out of proportion to its source.
type TooLargeError struct {
	Points, Limit int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("flowchart: too large to draw: its arrows cross layers %d times, the limit for a chart of its size is %d", e.Points, e.Limit)
}

// Render lays out g and returns a self-contained <svg> element (no XML prolog).
func Render(g Graph) ([]byte, error) {
	d, err := Layout(g)
	if err != nil {
		return nil, err
	}
	return d.SVG(), nil
}

// validate checks ids and endpoints and returns each node's index by ID.
func validate(g Graph) (map[string]int, error) {
	if len(g.Nodes) == 0 {
		return nil, ErrEmptyGraph
	}
	index := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if n.ID == "" {
			return nil, fmt.Errorf("flowchart: node %d has an empty id", i)
		}
		if _, dup := index[n.ID]; dup {
			return nil, fmt.Errorf("flowchart: duplicate node id %q", n.ID)
		}
		index[n.ID] = i
	}
	for _, e := range g.Edges {
		for _, end := range []string{e.From, e.To} {
			if _, ok := index[end]; !ok {
				return nil, fmt.Errorf("flowchart: edge %q -> %q: unknown node %q", e.From, e.To, end)
			}
		}
	}
	return index, nil
}
