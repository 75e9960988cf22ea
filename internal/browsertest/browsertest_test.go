package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// csp is the policy the site ships; the self-test proves the harness works
// under it.
const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:">`

func writeSite(t *testing.T, otherOrigin string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">` + csp + `
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clean page</title><link rel="stylesheet" href="style.css"><script src="clean.js" defer></script></head>
<body><main id="main"><h1>Clean</h1><label for="q">Query</label> <input id="q">
<p id="echo"></p><a href="other.html">Other</a></main></body></html>`,
		"other.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other</title></head><body><main><h1>Other</h1></main></body></html>`,
		"style.css": `body { font-family: sans-serif } @media (prefers-color-scheme: dark) { body { background: #000; color: #fff } }
@media print { #q { display: none } }`,
		"clean.js": `document.getElementById('q').addEventListener('keydown', e => {
  if (e.key === 'Enter') document.getElementById('echo').textContent = 'enter:' + e.target.value;
});`,
		// The broken page errs on purpose: a console error, an uncaught
		// exception, a request to another origin, and two serious axe
		// violations (an image without alt text, an unlabelled input).
		"broken.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">` + csp + `
<title>Broken page</title><script src="broken.js" defer></script></head>
<body><main><img src="pixel.png"><input id="unlabelled"></main></body></html>`,
		"broken.js": `console.error('deliberate error');
new Image().src = '` + otherOrigin + `/tracker.png';
setTimeout(() => { throw new Error('deliberate exception'); });`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestHarness(t *testing.T) {
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	dir := writeSite(t, other.URL)
	b := New(t)
	base := ServeAt(t, dir, "/guides/fieldguide/")
	if !strings.HasSuffix(base, "/guides/fieldguide/") {
		t.Fatalf("ServeAt base = %q", base)
	}

	t.Run("clean page", func(t *testing.T) {
		p := b.NewPage(t)
		p.Navigate(t, base)
		if got := Eval[string](t, p, "document.title"); got != "Clean page" {
			t.Errorf("title = %q", got)
		}
		p.Type(t, "#q", "hello")
		p.Press(t, kb.Enter)
		p.WaitFor(t, `document.getElementById('echo').textContent === 'enter:hello'`)
		p.Press(t, kb.Tab)
		if got := Eval[string](t, p, "document.activeElement.textContent"); got != "Other" {
			t.Errorf("Tab moved the focus to %q, want the link", got)
		}
		p.AssertNoConsoleErrors(t)
		p.AssertRequestsWithin(t, base)
		p.CheckAxe(t)
		if reqs := p.Requests(); !slices.Contains(reqs, base+"clean.js") {
			t.Errorf("requests %v lack clean.js", reqs)
		}
	})

	t.Run("emulation", func(t *testing.T) {
		p := b.NewPage(t)
		p.Navigate(t, base)
		p.EmulateColorScheme(t, "dark")
		if got := Eval[string](t, p, "getComputedStyle(document.body).backgroundColor"); got != "rgb(0, 0, 0)" {
			t.Errorf("dark background = %q", got)
		}
		p.EmulatePrint(t, true)
		if got := Eval[string](t, p, "getComputedStyle(document.getElementById('q')).display"); got != "none" {
			t.Errorf("print display of #q = %q", got)
		}
		p.SetViewport(t, 320, 640, true)
		if got := Eval[int](t, p, "innerWidth"); got != 320 {
			t.Errorf("innerWidth = %d", got)
		}
	})

	t.Run("broken page is reported", func(t *testing.T) {
		p := b.NewPage(t)
		p.Navigate(t, base+"broken.html")
		p.WaitFor(t, `new Promise(r => setTimeout(() => r(true), 100))`)
		errs := strings.Join(p.ConsoleErrors(), "\n")
		for _, want := range []string{"deliberate error", "deliberate exception"} {
			if !strings.Contains(errs, want) {
				t.Errorf("console errors lack %q:\n%s", want, errs)
			}
		}
		if !slices.Contains(p.Requests(), other.URL+"/tracker.png") {
			t.Errorf("request to the other origin not recorded: %v", p.Requests())
		}
		outside := &recorder{TB: t}
		p.AssertRequestsWithin(outside, base)
		if !slices.ContainsFunc(outside.errors, func(e string) bool { return strings.Contains(e, "tracker.png") }) {
			t.Errorf("AssertRequestsWithin did not report the other origin: %v", outside.errors)
		}

		var ids []string
		for _, v := range p.AxeViolations(t) {
			if v.Impact == "serious" || v.Impact == "critical" {
				ids = append(ids, v.ID)
			}
		}
		for _, want := range []string{"image-alt", "label"} {
			if !slices.Contains(ids, want) {
				t.Errorf("axe did not report %s under the CSP; got %v", want, ids)
			}
		}
		if vs := p.AxeViolations(t, "#unlabelled"); len(vs) != 1 || vs[0].ID != "label" {
			t.Errorf("axe on #unlabelled only: %+v, want the label violation alone", vs)
		}
		failing := &recorder{TB: t}
		p.CheckAxe(failing)
		if len(failing.errors) < 2 {
			t.Errorf("CheckAxe reported %d violations, want 2: %v", len(failing.errors), failing.errors)
		}
	})

	t.Run("file URL", func(t *testing.T) {
		p := b.NewPage(t)
		root := FileURL(t, dir) + "/"
		p.Navigate(t, root+"index.html")
		p.Click(t, "a")
		p.WaitFor(t, `location.pathname.endsWith('/other.html')`)
		p.AssertRequestsWithin(t, root)
		if reqs := p.Requests(); !slices.Contains(reqs, root+"clean.js") {
			t.Errorf("file:// requests not recorded: %v", reqs)
		}
	})
}

// recorder stands in for a test so the self-test can check what the
// assertions report without failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Helper() {}
