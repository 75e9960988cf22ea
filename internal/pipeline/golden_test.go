package pipeline

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// TestGoldenPages compares the <main> element of one page per layout with
// testdata/golden. After an intended change: go test ./internal/pipeline -run Golden -update
func TestGoldenPages(t *testing.T) {
	public := mustBuild(t, smallSite+`-- content/motions/cosmos.md --
+++
title = "Cosmos DB cost optimization"
solution_area = "Data and AI"
program = "Consumption | DAI | Cosmos DB"
outcomes = ["optimize", "retain"]
wave = 1
roles = ["CSA"]
reviewed = 2021-09-09
+++
Start with 5% of ACR as a negative milestone.

> [!WARNING]
> Size it again after the assessment.

| Step | Who |
| --- | --- |
| Assess | CSA |

`+"```go\nfmt.Println(\"hi\")\n```"+`
-- content/areas/data.md --
+++
title = "Data and AI"
program_prefix = "Consumption | DAI"
+++
Data.
`)
	for name, rel := range map[string]string{
		"faq":       "faq/tracking/index.html",
		"scenario":  "scenarios/01-first/index.html",
		"scenarios": "scenarios/index.html",
		"motion":    "motions/cosmos/index.html",
		"glossary":  "glossary/index.html",
		"role":      "roles/csa/index.html",
	} {
		t.Run(name, func(t *testing.T) {
			got := mainElement(readOut(t, public, rel))
			golden := filepath.Join("testdata", "golden", name+".html")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run with -update if intended):\n%s", rel, golden, firstDiff(string(want), got))
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}
