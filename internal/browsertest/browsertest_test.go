package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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
		// exception, a request to another origin, and three serious axe
		// violations (an image without alt text, an unlabelled input, faint
		// text).
		"broken.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">` + csp + `
<title>Broken page</title><link rel="stylesheet" href="broken.css"><script src="broken.js" defer></script></head>
<body><main><img src="pixel.png"><input id="unlabelled"><p class="faint">Faint</p></main></body></html>`,
		"broken.css": `.faint { color: #ccc; background: #fff }`,
		"broken.js": `console.error('deliberate error');
new Image().src = '` + otherOrigin + `/tracker.png';
setTimeout(() => { window.thrown = true; throw new Error('deliberate exception'); });`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestMain(m *testing.M) { os.Exit(Main(m)) }

func TestHarness(t *testing.T) {
	other := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(other.Close)
	dir := writeSite(t, other.URL)
	base := ServeAt(t, dir, "/guides/fieldguide/")
	if !strings.HasSuffix(base, "/guides/fieldguide/") {
		t.Fatalf("ServeAt base = %q", base)
	}

	t.Run("clean page", func(t *testing.T) {
		t.Parallel()
		p := NewPage(t)
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
		t.Parallel()
		p := NewPage(t)
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
		t.Parallel()
		p := NewPage(t)
		p.Navigate(t, base+"broken.html")
		p.WaitFor(t, `window.thrown`)
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
		for _, want := range []string{"image-alt", "label", "color-contrast"} {
			if !slices.Contains(ids, want) {
				t.Errorf("axe did not report %s under the CSP; got %v", want, ids)
			}
		}
		if vs := p.AxeColorViolations(t); len(vs) != 1 || vs[0].ID != "color-contrast" {
			t.Errorf("axe's colour rules: %+v, want the contrast violation alone", vs)
		}
		if vs := p.AxeViolations(t, "#unlabelled"); len(vs) != 1 || vs[0].ID != "label" {
			t.Errorf("axe on #unlabelled only: %+v, want the label violation alone", vs)
		}
		failing := &recorder{TB: t}
		p.CheckAxe(failing)
		if len(failing.errors) < 3 {
			t.Errorf("CheckAxe reported %d violations, want 3: %v", len(failing.errors), failing.errors)
		}
	})

	t.Run("file URL", func(t *testing.T) {
		t.Parallel()
		p := NewPage(t)
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

// TestScriptsOffAndBeforeLoad: a tab with JavaScript off shows the page
// without running its scripts, a script added before load sees the page's
// first events, and WaitFor follows a navigation that a click starts.
func TestScriptsOffAndBeforeLoad(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, "http://127.0.0.1:9")
	base := Serve(t, dir)

	off := NewPage(t)
	off.DisableJavaScript(t)
	off.Navigate(t, base+"broken.html")
	off.Navigate(t, base)
	if got := Eval[string](t, off, "document.title"); got != "Clean page" {
		t.Errorf("title = %q", got)
	}
	if errs := strings.Join(off.ConsoleErrors(), "\n"); strings.Contains(errs, "deliberate") {
		t.Errorf("scripts ran with JavaScript off:\n%s", errs)
	}
	off.Click(t, "a")
	off.WaitFor(t, `location.pathname.endsWith('/other.html')`)

	early := NewPage(t)
	early.AddScriptBeforeLoad(t, `window.seen = []; document.addEventListener('DOMContentLoaded', () => seen.push(document.title));`)
	early.Navigate(t, base+"other.html")
	early.WaitFor(t, `window.seen.length === 1`)
	if got := Eval[[]string](t, early, "window.seen"); !slices.Equal(got, []string{"Other"}) {
		t.Errorf("the script before load saw %v", got)
	}
}

func TestFindChromium(t *testing.T) {
	bin := t.TempDir()
	fake := filepath.Join(bin, "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "my-chromium")
	if err := os.WriteFile(other, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	missing := filepath.Join(t.TempDir(), "chromium")
	tests := []struct {
		name, env  string
		candidates []string
		want       string // "" for an error
	}{
		{"$CHROMIUM first", other, []string{fake}, other},
		{"$CHROMIUM as a command on $PATH", "chromium", []string{missing}, fake},
		{"$CHROMIUM missing is an error, not a fallback", missing, []string{fake}, ""},
		{"the fixed path", "", []string{other, "chromium"}, other},
		{"$PATH when the fixed path is missing", "", []string{missing, "chromium"}, fake},
		{"nothing found", "", []string{missing, "no-such-browser"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := findChromium(tt.env, tt.candidates)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("found %s, want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("findChromium = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestMissingChromium runs this package's browser test in a child process
// that cannot find Chromium: it skips, but fails on CI; and -short skips
// it whatever CI says.
func TestMissingChromium(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "chromium")
	tests := []struct {
		name string
		env  []string
		args []string
		want []string // in the child's output
		fail bool
	}{
		{"skips", []string{"CHROMIUM=" + missing, "CI="}, nil, []string{"--- SKIP: TestHarness", "Chromium not found", "$CHROMIUM is " + missing}, false},
		{"fails on CI", []string{"CHROMIUM=" + missing, "CI=true"}, nil, []string{"--- FAIL: TestHarness", "CI=true, so this is a failure"}, true},
		{"-short skips on CI", []string{"CI=true"}, []string{"-test.short"}, []string{"--- SKIP: TestHarness", "do not run with -short"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHarness$", "-test.v"}, tt.args...)...)
			cmd.Env = append(os.Environ(), tt.env...)
			out, err := cmd.CombinedOutput()
			if failed := err != nil; failed != tt.fail {
				t.Errorf("child failed = %v (%v), want %v", failed, err, tt.fail)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("child output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestFastForward: the page lives through the time asked, its timers
// firing and a fetch answered, without the test waiting that long.
func TestFastForward(t *testing.T) {
	t.Parallel()
	base := Serve(t, writeSite(t, "http://127.0.0.1:9"))
	p := NewPage(t)
	p.Navigate(t, base)
	Eval[chromedp.Void](t, p, `window.fired = []; window.t0 = performance.now();
		for (const d of [100, 5000]) setTimeout(() => fired.push(String(d)), d);
		fetch('other.html').then(r => r.text()).then(() => setTimeout(() => fired.push('fetched+50'), 50));
		void 0`)
	p.FastForward(t, 10*time.Second)
	got := Eval[[]string](t, p, "fired")
	slices.Sort(got)
	if !slices.Equal(got, []string{"100", "5000", "fetched+50"}) {
		t.Errorf("after 10 s the page ran %v, want the timers of 100 and 5000 ms and the answer", got)
	}
	if ms := Eval[float64](t, p, "performance.now() - t0"); ms < 10000 {
		t.Errorf("the page's clock moved %.0f ms, want 10 s", ms)
	}
	// The clock goes on: a WaitFor on a later timer ends.
	Eval[chromedp.Void](t, p, `setTimeout(() => fired.push('later'), 60000); void 0`)
	p.WaitFor(t, `fired.includes('later')`)
}

// TestDisableCache: with the cache off, loading a page again asks the
// server for everything unconditionally, as a first visit does.
func TestDisableCache(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var conditional []string
	files := http.FileServer(http.Dir(writeSite(t, "http://127.0.0.1:9")))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") != "" || r.Header.Get("If-None-Match") != "" {
			mu.Lock()
			conditional = append(conditional, r.URL.Path)
			mu.Unlock()
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p := NewPage(t)
	p.DisableCache(t)
	for range 2 {
		p.ResetRecording()
		p.Navigate(t, srv.URL+"/index.html")
		if reqs := p.Requests(); !slices.Contains(reqs, srv.URL+"/clean.js") {
			t.Errorf("the load did not ask for clean.js: %v", reqs)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(conditional) > 0 {
		t.Errorf("with the cache off, the second load revalidated %v", conditional)
	}
}

// TestServeAnswersRewrittenFiles: a file rewritten within the second the
// tab first loaded it is shown new on the next load. Last-Modified has
// whole seconds, so a server that honoured the browser's If-Modified-Since
// would answer "not modified" and the tab would show the old copy.
func TestServeAnswersRewrittenFiles(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, "http://127.0.0.1:9")
	base := Serve(t, dir)
	p := NewPage(t)
	page := filepath.Join(dir, "other.html")
	original, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, version := range []string{"First", "Second", "Third"} {
		html := strings.Replace(string(original), "<h1>Other</h1>", "<h1>"+version+"</h1>", 1)
		if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
		p.Navigate(t, base+"other.html")
		if got := Eval[string](t, p, `document.querySelector('h1').textContent`); got != version {
			t.Fatalf("after writing %q the tab shows %q", version, got)
		}
	}
}

// fakeTest stands in for a subtest of Tabs' users: it runs its cleanups
// when told, and fails when told, without failing the real test.
type fakeTest struct {
	testing.TB
	failed   bool
	cleanups []func()
}

func (f *fakeTest) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTest) Failed() bool      { return f.failed }
func (f *fakeTest) end() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

// TestTabs checks the pool: a tab goes back to it with its storage for the
// next test, but without the last test's recordings, viewport, media,
// scripts before load, or scripts turned off; a tab whose test failed or
// put it on virtual time is closed instead; and no more than n tabs are
// open at once.
func TestTabs(t *testing.T) {
	base := Serve(t, writeSite(t, "http://127.0.0.1:9/"))
	tabs := NewTabs(t, 1)

	first := &fakeTest{TB: t}
	p := tabs.Take(first)
	p.SetViewport(t, 333, 500, true)
	p.EmulateColorScheme(t, "dark")
	p.Navigate(t, base)
	Eval[chromedp.Void](t, p, `localStorage.setItem('kept', 'yes')`)
	first.end()

	second := &fakeTest{TB: t}
	if q := tabs.Take(second); q != p {
		t.Fatal("the pool opened a second tab while its only tab was idle")
	}
	if n := len(p.Requests()); n != 0 {
		t.Errorf("the next test sees %d requests of the last one", n)
	}
	type state struct {
		Width      int
		Dark, Kept bool
	}
	if got := Eval[state](t, p, `({Width: innerWidth, Dark: matchMedia('(prefers-color-scheme: dark)').matches, Kept: localStorage.getItem('kept') === 'yes'})`); got.Width == 333 || got.Dark || !got.Kept {
		t.Errorf("shared tab: %+v, want the default width, no dark scheme, and the storage kept", got)
	}
	second.failed = true
	second.end()

	third := &fakeTest{TB: t}
	q := tabs.Take(third)
	if q == p {
		t.Error("a failed test's tab was shared on")
	}
	q.DisableJavaScript(t)
	q.DisableCache(t)
	q.AddScriptBeforeLoad(t, `window.before = true`)
	third.end()

	// The next test gets the tab with scripts on and none run before load.
	fourth := &fakeTest{TB: t}
	r := tabs.Take(fourth)
	if r != q {
		t.Fatal("a tab whose scripts were turned off was not shared on")
	}
	r.Navigate(t, base)
	if Eval[bool](t, r, `!!window.before`) {
		t.Error("the last test's script before load still runs")
	}
	r.Type(t, "#q", "on")
	r.Press(t, kb.Enter)
	r.WaitFor(t, `document.getElementById('echo').textContent === 'enter:on'`)
	r.FastForward(t, time.Millisecond)
	fourth.end()

	fifth := &fakeTest{TB: t}
	last := tabs.Take(fifth)
	if last == r {
		t.Error("a tab on virtual time was shared on")
	}
	// A pool of one makes the next test wait for the tab in use, whenever
	// it asks: it never opens a second one.
	next := make(chan *Page)
	go func() { next <- tabs.Take(&fakeTest{TB: t}) }()
	fifth.end()
	if <-next != last {
		t.Error("a pool of one opened a second tab")
	}
}
