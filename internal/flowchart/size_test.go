package flowchart

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// chainToSink is n questions in a chain, each also answered by one shared
// outcome at the bottom: 3n nodes and edges, about n² points.
func chainToSink(n int) Graph {
	g := Graph{Title: "Chain"}
	for i := range n {
		id, next := fmt.Sprint("q", i), fmt.Sprint("q", i+1)
		if i == n-1 {
			next = "done"
		}
		g.Nodes = append(g.Nodes, Node{ID: id, Label: "Question?", Kind: Question})
		g.Edges = append(g.Edges, Edge{id, next, "Yes"}, Edge{id, "stop", "No"})
	}
	g.Nodes = append(g.Nodes, Node{ID: "done", Kind: Outcome}, Node{ID: "stop", Kind: Outcome})
	return g
}

// TestTooLarge: a graph whose arrows would cross more rows than its size
// allows is refused before any vertex is made, by Layout and by
// CheckSize alike; one just inside the limit is drawn.
func TestTooLarge(t *testing.T) {
	fits, tooLarge := chainToSink(40), chainToSink(3000)
	if err := CheckSize(fits); err != nil {
		t.Fatalf("a chain of 40: %v", err)
	}
	if _, err := Layout(fits); err != nil {
		t.Fatalf("a chain of 40: %v", err)
	}
	for name, check := range map[string]func(Graph) error{
		"CheckSize": CheckSize,
		"Layout":    func(g Graph) error { _, err := Layout(g); return err },
	} {
		var e *TooLargeError
		if err := check(tooLarge); !errors.As(err, &e) || e.Points != 9006002 || e.Limit != maxPoints {
			t.Errorf("%s of a chain of 3000: %v, want a *TooLargeError of 9006002 points, limit %d", name, err, maxPoints)
		}
	}
	if err := CheckSize(Graph{}); err != nil {
		t.Errorf("CheckSize reported %v; other problems are Layout's", err)
	}
	// The limit follows the graph's size: a chain of 60 is small in
	// absolute terms but crosses rows 19 times per node and edge.
	var e *TooLargeError
	if err := CheckSize(chainToSink(60)); !errors.As(err, &e) || e.Limit != pointsPerElement*(62+120) {
		t.Errorf("chain of 60: %v, want the limit %d", err, pointsPerElement*(62+120))
	}
}

// TestLayoutAllocationsLinear: layout allocates in proportion to the
// layered graph, not more: four times the points cost at most about four
// times the allocations.
func TestLayoutAllocationsLinear(t *testing.T) {
	bytes := func(g Graph) (points int, allocated uint64) {
		r, err := ranked(g)
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := Layout(g); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return r.points, after.TotalAlloc - before.TotalAlloc
	}
	p1, b1 := bytes(chainToSink(20))
	p4, b4 := bytes(chainToSink(40))
	if ratio := float64(b4) / float64(b1); ratio > 1.5*float64(p4)/float64(p1) {
		t.Errorf("points grew %.1f times, allocated bytes %.1f times (%d to %d)", float64(p4)/float64(p1), ratio, b1, b4)
	}
}

// TestInversions: the merge count of crossings between two vertices'
// neighbours equals the pairwise count, for small and large lists.
func TestInversions(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 3, 8, 9, 50, 300} {
		l := &layered{verts: make([]vertex, 2*size+2)}
		for i := range l.verts {
			l.verts[i].order = r.IntN(2*size + 1)
		}
		var a, b []int
		for i := range size {
			a, b = append(a, i), append(b, size+i)
		}
		b = append(b, len(l.verts)-1)
		want := 0
		for _, x := range a {
			for _, y := range b {
				if l.verts[x].order > l.verts[y].order {
					want++
				}
			}
		}
		if got := l.inversions(a, b); got != want {
			t.Errorf("size %d: %d inversions, want %d", size, got, want)
		}
	}
}
