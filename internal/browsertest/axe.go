package browsertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeViolation is one axe-core rule that failed on the page.
type AxeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Targets []string `json:"targets"` // CSS selectors of the failing elements
}

// axeTags are the rule sets of WCAG 2.2 level AA (which includes 2.0 and 2.1
// A and AA).
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']`

// axeColorRules are the rules of axeTags whose outcome depends on colours
// alone.
const axeColorRules = `['color-contrast', 'link-in-text-block']`

// axeRun runs axe on a context (the first %s: the document, or the
// elements a list of selectors matches) with the rules of the second %s,
// and keeps only what a test needs.
const axeRun = `axe.run(%s, {
	runOnly: %s,
	resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
	targets: v.nodes.map(n => n.target.flat().join(' ')),
})))`

// AxeViolations runs axe-core on the current document, or only on the
// elements matching the CSS selectors when there are any, and returns every
// WCAG 2.0/2.1/2.2 A and AA violation, whatever its impact. The script comes
// from $AXE_CORE_JS or <repo root>/.cache/npm/node_modules/axe-core/axe.min.js;
// when it is missing the test is skipped (failed when CI=true).
//
// The source is evaluated through the DevTools protocol (Runtime.evaluate),
// which a page's Content-Security-Policy does not govern, so axe runs on pages
// with script-src 'self'.
func (p *Page) AxeViolations(t testing.TB, selectors ...string) []AxeViolation {
	t.Helper()
	return p.axe(t, "{type: 'tag', values: "+axeTags+"}", selectors)
}

// AxeColorViolations runs only the rules of AxeViolations whose outcome
// depends on colours alone (contrast, and links told apart by colour): the
// second look a page needs after a change of colour theme, which leaves
// its structure, names and roles as they were. It costs about half a full
// run.
func (p *Page) AxeColorViolations(t testing.TB) []AxeViolation {
	t.Helper()
	return p.axe(t, "{type: 'rule', values: "+axeColorRules+"}", nil)
}

func (p *Page) axe(t testing.TB, runOnly string, selectors []string) []AxeViolation {
	t.Helper()
	path, err := axePath()
	if err != nil {
		unavailable(t, "axe-core not found ("+err.Error()+"): run npm install --no-save --prefix .cache/npm axe-core@4.14.1 or set $AXE_CORE_JS")
	}
	// The library is half a megabyte of script: it is sent and compiled
	// only when the document does not have it yet.
	if !Eval[bool](t, p, "!!window.axe") {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("browsertest: %v", err)
		}
		// The trailing void 0 keeps the completion value of the library
		// out of the protocol reply.
		Eval[chromedp.Void](t, p, string(src)+"\nvoid 0")
	}
	context := "document"
	if len(selectors) > 0 {
		include, err := json.Marshal(selectors)
		if err != nil {
			t.Fatalf("browsertest: %v", err)
		}
		context = fmt.Sprintf("{include: %s.map(s => [s])}", include)
	}
	return Eval[[]AxeViolation](t, p, fmt.Sprintf(axeRun, context, runOnly))
}

// CheckAxe fails the test for each axe-core violation of serious or critical
// impact on the current document (or the elements matching selectors),
// listing the rule, its help text and the failing elements. Call it after
// the page reached the state to check, for example with a menu open; limit
// it to the menu when the menu covers links that axe would then find too
// small.
func (p *Page) CheckAxe(t testing.TB, selectors ...string) {
	t.Helper()
	ReportAxe(t, Eval[string](t, p, "location.href"), p.AxeViolations(t, selectors...))
}

// ReportAxe fails t for each serious or critical violation of found, the
// result of an axe run on the page at where.
func ReportAxe(t testing.TB, where string, found []AxeViolation) {
	t.Helper()
	for _, v := range found {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe %s (%s) on %s: %s\n\t%s\n\tat %s", v.ID, v.Impact, where, v.Help, v.HelpURL, strings.Join(v.Targets, "\n\tat "))
		}
	}
}

func axePath() (string, error) {
	if p := os.Getenv("AXE_CORE_JS"); p != "" {
		_, err := os.Stat(p)
		return p, err
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, ".cache", "npm", "node_modules", "axe-core", "axe.min.js")
	_, err = os.Stat(p)
	return p, err
}

// repoRoot is the nearest folder at or above the working directory (the
// test's package folder) that holds go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
