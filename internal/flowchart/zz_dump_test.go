package flowchart

import (
	"math/rand/v2"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	css := `<style>body{font-family:sans-serif;background:#fff;color:#222} svg{max-width:none !important;border:1px solid #ddd;margin:4px;max-width:100%;height:auto}
.fg-node rect{fill:#eef3ff;stroke:#4466aa}.fg-node-outcome rect{fill:#e8f7ec;stroke:#2a7a3a}.fg-node-plain rect{fill:#f6f6f6}
.fg-edge path{stroke:#888}.fg-arrow{fill:#888}.fg-edge-label rect{fill:#fff}</style>`
	out := "<html><body>" + css
	for _, g := range goldenGraphs(t) {
		out += string(mustRender(t, g))
	}
	out += string(mustRender(t, tree(30, 7))) + string(mustRender(t, tree(12, 5)))
	rng := rand.New(rand.NewPCG(2024, 42))
	n := 0
	for n < 2 {
		g := randomDAG(rng, 25)
		if len(g.Nodes) > 14 && len(g.Edges) > 18 {
			out += string(mustRender(t, g))
			n++
		}
	}
	os.WriteFile("/tmp/fc/index.html", []byte(out+"</body></html>"), 0o644)
}
