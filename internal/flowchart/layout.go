package flowchart

import (
	"cmp"
	"errors"
	"math"
	"slices"
)

// Spacing in pixels. Box sizes are rounded up to even numbers so that centres,
// and therefore every coordinate except text baselines, are whole pixels.
const (
	margin         = 8
	bandGap        = 20 // between layer bands; node layers are two bands apart
	nodePadX       = 12
	nodePadY       = 8
	labelPadX      = 5
	labelPadY      = 2
	minNodeWidth   = 48
	gapNodeNode    = 28 // within a layer, between neighbouring boxes' sides
	gapNodeOther   = 14
	gapLabelOther  = 10
	gapDummyDummy  = 8
	questionRadius = 10

	maxOrderSweeps  = 24
	staleSweepLimit = 4 // give up after this many sweeps without fewer crossings
	transposeRounds = 8
	placementRounds = 4
	dummyWeight     = 4    // keeps long edges straight when aligning
	looseWeight     = 0.01 // for vertices with nothing to align with
)

// Layout cost grows with a graph's points: its nodes plus one point for
// every layer an arrow crosses. An arrow from near the top to an outcome at
// the bottom crosses every layer between, so a chain of n questions that can
// each end at one shared outcome has n² points from 3n nodes and arrows.
// A chart may have pointsPerElement points per node and arrow, and never
// more than maxPoints (about 50 ms to lay out): a chain of 40 such
// questions fits, and the build's cost stays proportional to the size of
// its input.
const (
	pointsPerElement = 16
	maxPoints        = 50_000
)

// pointLimit is the most points g may have.
func pointLimit(g Graph) int {
	return min(pointsPerElement*(len(g.Nodes)+len(g.Edges)), maxPoints)
}

// Box is an axis-aligned rectangle; X, Y is its top-left corner.
type Box struct{ X, Y, W, H float64 }

// Point is a position in the diagram.
type Point struct{ X, Y float64 }

// PlacedNode is a node with its box and wrapped label lines.
type PlacedNode struct {
	Node
	Box   Box
	Lines []string
}

// PlacedEdge is an edge routed as a polyline from the source's border to the
// target's border. The drawn curve stays inside the bounding box of each
// segment, so the polyline is a faithful stand-in for geometric checks.
type PlacedEdge struct {
	Edge
	Points     []Point
	LabelBox   Box // meaningful only when LabelLines is non-empty
	LabelLines []string
}

// Diagram is a laid-out graph, ready to serialise with SVG.
type Diagram struct {
	Title, Description, IDPrefix string
	Direction                    Direction
	Width, Height                float64
	Nodes                        []PlacedNode // in input order
	Edges                        []PlacedEdge // in input order
}

// vertex is a node of the layered graph: a real node, or a dummy that carries
// an edge across a layer (possibly holding the edge's label).
type vertex struct {
	layer    int
	order    int     // index within its layer
	pos      float64 // centre on the breadth axis
	breadth  float64 // extent across the layer direction
	depth    float64 // extent along the layer direction
	up, down []int   // neighbours in the layers above and below
	node     int     // index into Graph.Nodes, or -1 for dummies
	label    bool    // dummy holding an edge label
}

// layered is the working state of one layout.
type layered struct {
	verts      []vertex
	layers     [][]int
	chains     [][]int // per edge: vertex ids from source to target
	labelAt    []int   // per edge: the vertex holding its label, or -1
	nodeLines  [][]string
	edgeLines  [][]string
	bandStart  []float64
	bandDepth  []float64
	totalDepth float64

	// scratch, reused across layers
	orderA, orderB            []int // inversions
	targets, weights, offsets []float64
	blocks                    []block
}

// CheckSize reports a *TooLargeError when g is too large to lay out, in time
// proportional to its nodes and edges. Other problems (those Layout would
// report) are not its business: it returns nil for them.
func CheckSize(g Graph) error {
	_, err := Points(g)
	return err
}

// Points is how many points g's layout has, the measure of its cost, or a
// *TooLargeError; other problems (those Layout would report) count as 0.
func Points(g Graph) (int, error) {
	r, err := ranked(g)
	var tooLarge *TooLargeError
	if errors.As(err, &tooLarge) {
		return 0, err
	}
	return r.points, nil
}

// Layout lays out g. It fails on an empty graph, an empty or duplicate node
// id, an edge to an unknown node, a cycle (*CycleError), or a graph too large
// to draw (*TooLargeError).
func Layout(g Graph) (*Diagram, error) {
	l, err := ordered(g)
	if err != nil {
		return nil, err
	}
	l.placeAcross()
	l.placeAlong()
	return l.diagram(g), nil
}

// ordered validates g and builds its layered graph, with every layer in its
// final order.
func ordered(g Graph) (*layered, error) {
	r, err := ranked(g)
	if err != nil {
		return nil, err
	}
	l := newLayered(g, r.index, r.rank, r.points)
	l.orderInitially()
	l.reduceCrossings()
	return l, nil
}

// ranking is where a graph's nodes go, before any vertex is made.
type ranking struct {
	index  map[string]int // node index by id
	rank   []int
	points int // vertices of the layered graph: nodes, and dummies of arrows
}

// ranked validates g, ranks its nodes and counts its points, refusing a
// graph with too many.
func ranked(g Graph) (ranking, error) {
	index, err := validate(g)
	if err != nil {
		return ranking{}, err
	}
	out := make([][]int, len(g.Nodes)) // edge indices by source node
	for i, e := range g.Edges {
		out[index[e.From]] = append(out[index[e.From]], i)
	}
	rank, err := longestPathRanks(g, index, out)
	if err != nil {
		return ranking{}, err
	}
	points := len(g.Nodes)
	for _, e := range g.Edges {
		points += 2*(rank[index[e.To]]-rank[index[e.From]]) - 1
	}
	if limit := pointLimit(g); points > limit {
		return ranking{}, &TooLargeError{Points: points, Limit: limit}
	}
	return ranking{index: index, rank: rank, points: points}, nil
}

// longestPathRanks gives each node its longest distance from a source, or a
// *CycleError naming the first loop found in input order.
func longestPathRanks(g Graph, index map[string]int, out [][]int) ([]int, error) {
	const (
		unvisited = iota
		active
		done
	)
	state := make([]int, len(g.Nodes))
	postorder := make([]int, 0, len(g.Nodes))
	for root := range g.Nodes {
		if state[root] != unvisited {
			continue
		}
		stack := []dfsFrame{{node: root}}
		state[root] = active
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == len(out[top.node]) {
				state[top.node] = done
				postorder = append(postorder, top.node)
				stack = stack[:len(stack)-1]
				continue
			}
			target := index[g.Edges[out[top.node][top.next]].To]
			top.next++
			switch state[target] {
			case active:
				return nil, cycleAt(g, stack, target)
			case unvisited:
				state[target] = active
				stack = append(stack, dfsFrame{node: target})
			}
		}
	}
	rank := make([]int, len(g.Nodes))
	for i := len(postorder) - 1; i >= 0; i-- { // reverse postorder is topological
		u := postorder[i]
		for _, e := range out[u] {
			v := index[g.Edges[e].To]
			rank[v] = max(rank[v], rank[u]+1)
		}
	}
	return rank, nil
}

// dfsFrame is a node on the depth-first search stack and its next out-edge.
type dfsFrame struct{ node, next int }

// cycleAt builds the loop from target along the DFS stack and back to target.
func cycleAt(g Graph, stack []dfsFrame, target int) *CycleError {
	start := slices.IndexFunc(stack, func(f dfsFrame) bool { return f.node == target })
	path := make([]string, 0, len(stack)-start+1)
	for _, f := range stack[start:] {
		path = append(path, g.Nodes[f.node].ID)
	}
	return &CycleError{Path: append(path, g.Nodes[target].ID)}
}

// newLayered builds the layered graph. Real nodes sit on even layers; every
// edge crosses at least one odd layer, where its label (if any) becomes a
// vertex with the label's size, so labels get space like nodes do. points
// is the number of vertices it will hold: they, their chains and their
// neighbour lists are allocated once.
func newLayered(g Graph, index map[string]int, rank []int, points int) *layered {
	l := &layered{
		verts:     make([]vertex, 0, points),
		chains:    make([][]int, len(g.Edges)),
		labelAt:   make([]int, len(g.Edges)),
		nodeLines: make([][]string, len(g.Nodes)),
		edgeLines: make([][]string, len(g.Edges)),
	}
	for i, n := range g.Nodes {
		lines := wrapText(n.Label, nodeWrapChars)
		if len(lines) == 0 {
			lines = wrapText(n.ID, nodeWrapChars)
		}
		l.nodeLines[i] = lines
		w, h := nodeSize(lines, n.Kind)
		l.verts = append(l.verts, oriented(g.Direction, vertex{layer: 2 * rank[i], node: i}, w, h))
	}
	// Every vertex of a chain but its ends is a dummy with one neighbour
	// each way; the ends get one per edge. All lists share one array.
	segments := points - len(g.Nodes) + len(g.Edges)
	chainSpace := make([]int, 0, points-len(g.Nodes)+2*len(g.Edges))
	neighbours := make([]int, 2*segments)
	ups, downs := make([]int, len(g.Nodes)), make([]int, len(g.Nodes))
	for _, e := range g.Edges {
		downs[index[e.From]]++
		ups[index[e.To]]++
	}
	for i := range g.Nodes {
		l.verts[i].up, neighbours = neighbours[:0:ups[i]], neighbours[ups[i]:]
		l.verts[i].down, neighbours = neighbours[:0:downs[i]], neighbours[downs[i]:]
	}
	for i, e := range g.Edges {
		from, to := index[e.From], index[e.To]
		first, last := l.verts[from].layer, l.verts[to].layer
		lines := wrapText(e.Label, edgeWrapChars)
		l.edgeLines[i] = lines
		l.labelAt[i] = -1
		labelLayer := -1
		if len(lines) > 0 {
			crossings := (last - first) / 2 // odd layers on the way
			labelLayer = first + 1 + 2*((crossings-1)/2)
		}
		start := len(chainSpace)
		chainSpace = append(chainSpace, from)
		for layer := first + 1; layer < last; layer++ {
			v := vertex{layer: layer, node: -1}
			if layer == labelLayer {
				v.label = true
				w, h := labelSize(lines)
				v = oriented(g.Direction, v, w, h)
				l.labelAt[i] = len(l.verts)
			}
			v.up, v.down, neighbours = neighbours[:0:1], neighbours[1:1:2], neighbours[2:]
			chainSpace = append(chainSpace, len(l.verts))
			l.verts = append(l.verts, v)
		}
		chainSpace = append(chainSpace, to)
		chain := chainSpace[start:len(chainSpace):len(chainSpace)]
		for k := 1; k < len(chain); k++ {
			a, b := chain[k-1], chain[k]
			l.verts[a].down = append(l.verts[a].down, b)
			l.verts[b].up = append(l.verts[b].up, a)
		}
		l.chains[i] = chain
	}
	layers := 0
	for _, v := range l.verts {
		layers = max(layers, v.layer+1)
	}
	l.layers = make([][]int, layers)
	return l
}

// oriented sets v's sizes from a width and height: layers advance along y for
// TopDown and along x for LeftRight.
func oriented(dir Direction, v vertex, w, h float64) vertex {
	v.breadth, v.depth = w, h
	if dir == LeftRight {
		v.breadth, v.depth = h, w
	}
	return v
}

func nodeSize(lines []string, kind NodeKind) (w, h float64) {
	h = evenCeil(float64(len(lines))*lineHeight + 2*nodePadY)
	w = max(minNodeWidth, linesWidth(lines)+2*nodePadX)
	if kind == Outcome {
		w += h / 2 // room for the pill's round ends
	}
	return evenCeil(w), h
}

func labelSize(lines []string) (w, h float64) {
	return evenCeil(linesWidth(lines) + 2*labelPadX), evenCeil(float64(len(lines))*lineHeight + 2*labelPadY)
}

func evenCeil(v float64) float64 { return 2 * math.Ceil(v/2) }

// orderInitially fills the layers in depth-first preorder from the sources, in
// input order, so a tree starts out with no crossings at all.
func (l *layered) orderInitially() {
	seen := make([]bool, len(l.verts))
	var visit func(v int)
	visit = func(v int) {
		seen[v] = true
		layer := l.verts[v].layer
		l.verts[v].order = len(l.layers[layer])
		l.layers[layer] = append(l.layers[layer], v)
		for _, w := range l.verts[v].down {
			if !seen[w] {
				visit(w)
			}
		}
	}
	for i := range l.nodeLines { // real vertices come first, in input order
		if l.verts[i].layer == 0 && !seen[i] {
			visit(i)
		}
	}
}

// reduceCrossings alternates barycenter sweeps down and up, each followed by
// adjacent swaps, and keeps the best order seen.
func (l *layered) reduceCrossings() {
	best := l.crossings()
	bestOrder := l.snapshot()
	for sweep, stale := 0, 0; sweep < maxOrderSweeps && stale < staleSweepLimit && best > 0; sweep++ {
		if sweep%2 == 0 {
			for i := 1; i < len(l.layers); i++ {
				l.sortByBarycenter(l.layers[i], func(v *vertex) []int { return v.up })
			}
		} else {
			for i := len(l.layers) - 2; i >= 0; i-- {
				l.sortByBarycenter(l.layers[i], func(v *vertex) []int { return v.down })
			}
		}
		l.transpose()
		if c := l.crossings(); c < best {
			best, bestOrder, stale = c, l.snapshot(), 0
		} else {
			stale++
		}
	}
	l.layers = bestOrder
	for _, layer := range l.layers {
		for i, v := range layer {
			l.verts[v].order = i
		}
	}
}

func (l *layered) snapshot() [][]int {
	copied := make([][]int, len(l.layers))
	for i, layer := range l.layers {
		copied[i] = slices.Clone(layer)
	}
	return copied
}

// sortByBarycenter orders a layer by the mean position of each vertex's
// neighbours. Vertices without neighbours keep their slot, and the stable sort
// breaks ties by the current order, which descends from input order.
func (l *layered) sortByBarycenter(layer []int, neighbours func(*vertex) []int) {
	type keyed struct {
		v   int
		key float64
	}
	movable := make([]keyed, 0, len(layer))
	for _, v := range layer {
		ns := neighbours(&l.verts[v])
		if len(ns) == 0 {
			continue
		}
		sum := 0
		for _, n := range ns {
			sum += l.verts[n].order
		}
		movable = append(movable, keyed{v, float64(sum) / float64(len(ns))})
	}
	slices.SortStableFunc(movable, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
	next := 0
	for i, v := range layer {
		if len(neighbours(&l.verts[v])) == 0 {
			continue
		}
		layer[i] = movable[next].v
		next++
	}
	for i, v := range layer {
		l.verts[v].order = i
	}
}

// transpose swaps neighbours within a layer while that removes crossings.
func (l *layered) transpose() {
	for round, improved := 0, true; improved && round < transposeRounds; round++ {
		improved = false
		for _, layer := range l.layers {
			for i := 0; i+1 < len(layer); i++ {
				v, w := layer[i], layer[i+1]
				if l.pairCrossings(v, w) > l.pairCrossings(w, v) {
					layer[i], layer[i+1] = w, v
					l.verts[w].order, l.verts[v].order = i, i+1
					improved = true
				}
			}
		}
	}
}

// pairCrossings counts crossings between the edges of v and w when v is left of w.
func (l *layered) pairCrossings(v, w int) int {
	return l.inversions(l.verts[v].up, l.verts[w].up) + l.inversions(l.verts[v].down, l.verts[w].down)
}

// inversions counts the pairs of a vertex in a and one in b where a's is
// further right. Small lists compare every pair; large ones (a question
// with hundreds of answers) are sorted and merged.
func (l *layered) inversions(a, b []int) int {
	n := 0
	if len(a)*len(b) <= 64 {
		for _, x := range a {
			for _, y := range b {
				if l.verts[x].order > l.verts[y].order {
					n++
				}
			}
		}
		return n
	}
	l.orderA, l.orderB = l.orders(l.orderA[:0], a), l.orders(l.orderB[:0], b)
	i := 0
	for _, y := range l.orderB {
		for i < len(l.orderA) && l.orderA[i] <= y {
			i++
		}
		n += len(l.orderA) - i
	}
	return n
}

// orders appends the sorted orders of ids to dst.
func (l *layered) orders(dst, ids []int) []int {
	for _, id := range ids {
		dst = append(dst, l.verts[id].order)
	}
	slices.Sort(dst)
	return dst
}

// crossings counts edge crossings between all adjacent layers as inversions
// of the lower endpoints, using a Fenwick tree.
func (l *layered) crossings() int {
	total := 0
	for i := 0; i+1 < len(l.layers); i++ {
		tree := make([]int, len(l.layers[i+1])+1)
		seen := 0
		for _, v := range l.layers[i] {
			l.orderA = l.orders(l.orderA[:0], l.verts[v].down)
			for _, end := range l.orderA {
				notGreater := 0
				for k := end + 1; k > 0; k -= k & -k {
					notGreater += tree[k]
				}
				total += seen - notGreater
				for k := end + 1; k < len(tree); k += k & -k {
					tree[k]++
				}
				seen++
			}
		}
	}
	return total
}

// gap is the free space required between two neighbouring vertices.
func gap(a, b *vertex) float64 {
	switch {
	case a.node >= 0 && b.node >= 0:
		return gapNodeNode
	case a.node >= 0 || b.node >= 0:
		return gapNodeOther
	case a.label || b.label:
		return gapLabelOther
	default:
		return gapDummyDummy
	}
}

// placeAcross assigns breadth positions. Starting from packed layers, it
// repeatedly pulls each vertex toward the median of its neighbours in the
// layer just placed (downward, then upward), which centres parents over their
// children; dummies, weighted higher, follow their single neighbour there so
// edges run straight.
func (l *layered) placeAcross() {
	for _, layer := range l.layers {
		x := 0.0
		for i, v := range layer {
			if i > 0 {
				x += l.separation(layer[i-1], v)
			}
			l.verts[v].pos = x
		}
	}
	for range placementRounds {
		for i := 1; i < len(l.layers); i++ {
			l.align(l.layers[i], func(v *vertex) []int { return v.up })
		}
		for i := len(l.layers) - 2; i >= 0; i-- {
			l.align(l.layers[i], func(v *vertex) []int { return v.down })
		}
	}
	leftmost := math.Inf(1)
	for _, v := range l.verts {
		leftmost = min(leftmost, v.pos-v.breadth/2)
	}
	// Separations are whole numbers, so rounding positions relative to them
	// (and never letting that decrease) keeps every gap exact despite float
	// noise.
	for _, layer := range l.layers {
		offset, floor := 0.0, math.Inf(-1)
		for i, id := range layer {
			if i > 0 {
				offset += l.separation(layer[i-1], id)
			}
			floor = max(floor, math.Round(l.verts[id].pos-offset-leftmost+margin))
			l.verts[id].pos = floor + offset
		}
	}
}

func (l *layered) separation(a, b int) float64 {
	va, vb := &l.verts[a], &l.verts[b]
	return (va.breadth+vb.breadth)/2 + gap(va, vb)
}

// align moves a layer's vertices as close as the required separations allow
// to their targets, minimising the weighted squared distance exactly.
func (l *layered) align(layer []int, neighbours func(*vertex) []int) {
	l.targets, l.weights, l.offsets = l.targets[:0], l.weights[:0], l.offsets[:0]
	for i, id := range layer {
		v := &l.verts[id]
		target, weight := v.pos, looseWeight
		switch {
		case v.node < 0:
			target, weight = l.verts[neighbours(v)[0]].pos, dummyWeight
		case len(neighbours(v)) > 0:
			target, weight = l.medianPos(neighbours(v)), 1
		}
		// A vertex with nothing to align with here stays put, but gives way
		// to neighbours that have something to align with.
		offset := 0.0
		if i > 0 {
			offset = l.offsets[i-1] + l.separation(layer[i-1], id)
		}
		l.targets, l.weights, l.offsets = append(l.targets, target), append(l.weights, weight), append(l.offsets, offset)
	}
	l.blocks = isotonic(l.blocks[:0], l.targets, l.weights, l.offsets)
	i := 0
	for _, b := range l.blocks {
		for range b.count {
			l.verts[layer[i]].pos = b.mean + l.offsets[i]
			i++
		}
	}
}

// medianPos is the median neighbour position (the mean of the middle two for
// an even count), which for a tree parent is the middle of its children.
func (l *layered) medianPos(ids []int) float64 {
	if len(ids) == 1 {
		return l.verts[ids[0]].pos
	}
	ps := make([]float64, len(ids))
	for i, id := range ids {
		ps[i] = l.verts[id].pos
	}
	slices.Sort(ps)
	mid := len(ps) / 2
	if len(ps)%2 == 1 {
		return ps[mid]
	}
	return (ps[mid-1] + ps[mid]) / 2
}

// block is a run of vertices that isotonic places together.
type block struct {
	mean, weight float64
	count        int
}

// isotonic finds x minimising Σ w[i]·(x[i]−t[i])² subject to
// x[i+1] − x[i] ≥ offsets[i+1] − offsets[i]. Substituting y = x − offsets
// turns the constraints into y non-decreasing: a weighted isotonic
// regression, solved by pooling adjacent violators. It appends the pooled
// blocks to dst: x[i] is its block's mean + offsets[i].
func isotonic(dst []block, targets, weights, offsets []float64) []block {
	for i := range targets {
		b := block{mean: targets[i] - offsets[i], weight: weights[i], count: 1}
		for len(dst) > 0 && dst[len(dst)-1].mean >= b.mean {
			prev := dst[len(dst)-1]
			dst = dst[:len(dst)-1]
			w := prev.weight + b.weight
			b = block{mean: (prev.mean*prev.weight + b.mean*b.weight) / w, weight: w, count: prev.count + b.count}
		}
		dst = append(dst, b)
	}
	return dst
}

// placeAlong stacks the layer bands: each is as deep as its deepest vertex
// (zero for layers of bare dummies), with bandGap between bands.
func (l *layered) placeAlong() {
	l.bandStart = make([]float64, len(l.layers))
	l.bandDepth = make([]float64, len(l.layers))
	at := float64(margin)
	for i, layer := range l.layers {
		for _, v := range layer {
			l.bandDepth[i] = max(l.bandDepth[i], l.verts[v].depth)
		}
		l.bandStart[i] = at
		at += l.bandDepth[i] + bandGap
	}
	l.totalDepth = at - bandGap + margin
}

// point maps breadth and depth coordinates to the diagram's axes.
func point(dir Direction, breadth, depth float64) Point {
	if dir == LeftRight {
		return Point{X: depth, Y: breadth}
	}
	return Point{X: breadth, Y: depth}
}

// box returns the box of vertex v, centred in its band.
func (l *layered) box(dir Direction, id int) Box {
	v := &l.verts[id]
	centre := l.bandStart[v.layer] + l.bandDepth[v.layer]/2
	corner := point(dir, v.pos-v.breadth/2, centre-v.depth/2)
	size := point(dir, v.breadth, v.depth)
	return Box{X: corner.X, Y: corner.Y, W: size.X, H: size.Y}
}

// route runs an edge straight along the layer direction inside every band,
// so segments that change breadth lie only in the gaps between bands, where
// there are no boxes. Empty bands (dummies only) are no obstacle, so the
// edge sweeps through them in one curve.
func (l *layered) route(dir Direction, chain []int) []Point {
	var pts []Point
	var last [2]float64 // breadth and depth of the last point
	straight := false   // whether the last point continues a straight run
	add := func(breadth, depth float64) {
		switch {
		case len(pts) > 0 && last == [2]float64{breadth, depth}:
			return
		case len(pts) > 0 && last[0] == breadth && straight:
			pts[len(pts)-1] = point(dir, breadth, depth) // extend the run
		default:
			straight = len(pts) > 0 && last[0] == breadth
			pts = append(pts, point(dir, breadth, depth))
		}
		last = [2]float64{breadth, depth}
	}
	src, dst := &l.verts[chain[0]], &l.verts[chain[len(chain)-1]]
	srcCentre := l.bandStart[src.layer] + l.bandDepth[src.layer]/2
	add(src.pos, srcCentre+src.depth/2)
	add(src.pos, l.bandStart[src.layer]+l.bandDepth[src.layer])
	for _, id := range chain[1 : len(chain)-1] {
		v := &l.verts[id]
		if l.bandDepth[v.layer] == 0 {
			continue
		}
		add(v.pos, l.bandStart[v.layer])
		add(v.pos, l.bandStart[v.layer]+l.bandDepth[v.layer])
	}
	dstCentre := l.bandStart[dst.layer] + l.bandDepth[dst.layer]/2
	add(dst.pos, l.bandStart[dst.layer])
	add(dst.pos, dstCentre-dst.depth/2)
	return pts
}

func (l *layered) diagram(g Graph) *Diagram {
	d := &Diagram{
		Title:       g.Title,
		Description: g.Description,
		IDPrefix:    g.IDPrefix,
		Direction:   g.Direction,
		Nodes:       make([]PlacedNode, len(g.Nodes)),
		Edges:       make([]PlacedEdge, len(g.Edges)),
	}
	breadth := 0.0
	for _, v := range l.verts {
		breadth = max(breadth, v.pos+v.breadth/2+margin)
	}
	size := point(g.Direction, breadth, l.totalDepth)
	d.Width, d.Height = size.X, size.Y
	for i, n := range g.Nodes {
		d.Nodes[i] = PlacedNode{Node: n, Box: l.box(g.Direction, i), Lines: l.nodeLines[i]}
	}
	for i, e := range g.Edges {
		pe := PlacedEdge{Edge: e, Points: l.route(g.Direction, l.chains[i])}
		if at := l.labelAt[i]; at >= 0 {
			pe.LabelBox, pe.LabelLines = l.box(g.Direction, at), l.edgeLines[i]
		}
		d.Edges[i] = pe
	}
	return d
}
