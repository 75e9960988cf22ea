package flowchart

import (
	"math/rand/v2"
	"testing"
)

// quality: width, and mean |edge horizontal offset| between real endpoints.
func quality(t *testing.T, g Graph) (float64, float64) {
	d, err := Layout(g)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]float64{}
	for _, n := range d.Nodes {
		pos[n.ID] = n.Box.X + n.Box.W/2
		if g.Direction == LeftRight {
			pos[n.ID] = n.Box.Y + n.Box.H/2
		}
	}
	sum := 0.0
	for _, e := range d.Edges {
		sum += abs(pos[e.From] - pos[e.To])
	}
	w := d.Width
	if g.Direction == LeftRight {
		w = d.Height
	}
	return w, sum / float64(max(1, len(d.Edges)))
}

func TestZZQuality(t *testing.T) {
	for _, n := range []int{10, 30, 60, 200} {
		w, off := quality(t, tree(n, 7))
		t.Logf("tree %d: width %.0f, mean offset %.1f", n, w, off)
	}
	rng := rand.New(rand.NewPCG(2024, 42))
	tw, to := 0.0, 0.0
	for range 200 {
		w, off := quality(t, randomDAG(rng, 40))
		tw += w
		to += off
	}
	t.Logf("random: width %.0f, offset %.1f", tw/200, to/200)
}
