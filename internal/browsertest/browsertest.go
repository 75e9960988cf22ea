// Package browsertest drives headless Chromium from Go tests through the
// DevTools protocol (chromedp). A test opens a tab with [NewPage], serves a
// built site with [Serve] or [ServeAt] (or opens it with [FileURL]) and
// checks what a reader would see.
//
// A test binary starts one Chromium, at the first [NewPage], and stops it
// when its tests are done: a package with browser tests runs them through
// [Main] from its TestMain. Every tab has a browser context of its own, like
// a fresh incognito window, so tests share no cookies, storage, service
// workers or cache, and can run in parallel (t.Parallel). A test that checks
// many pages the same way shares a few tabs between its subtests ([Tabs]):
// a tab costs about as much as a page load.
//
// Every page records its console errors, uncaught exceptions and the URL of
// every request it makes, so a test can assert that a page is clean and
// stays inside the site ([Page.AssertNoConsoleErrors],
// [Page.AssertRequestsWithin]). [Page.CheckAxe] runs axe-core against the
// current document.
//
// Browser tests are skipped with go test -short. When Chromium or axe-core
// is missing they are skipped too, except when the environment has CI=true:
// there a missing tool fails the test, so CI cannot pass by skipping.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// actionTimeout bounds every single page action, so a broken page fails the
// test instead of hanging it until the go test deadline.
const actionTimeout = 30 * time.Second

// browser is the test binary's Chromium, started by the first NewPage.
var browser struct {
	running bool // Main is running the tests
	once    sync.Once
	ctx     context.Context
	stop    func()
	path    string
	err     error // why it did not start
	missing bool  // err is a missing Chromium, not a failed start
}

// Main runs the package's tests and then stops the browser, if a test
// started it, and returns the exit code. Call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
func Main(m *testing.M) int {
	browser.running = true
	defer func() {
		if browser.stop != nil {
			browser.stop()
		}
	}()
	return m.Run()
}

// chromiumCandidates are tried in order when $CHROMIUM is not set: Debian's
// chromium-headless-shell, then its chromium, then the same commands on
// $PATH (other distributions, a developer's machine). The headless shell
// is the same Blink without the desktop browser around it, and runs the
// browser tests on half the CPU time of the full browser in headless mode.
var chromiumCandidates = []string{"/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "chromium-headless-shell", "chromium", "chromium-browser"}

// findChromium returns the Chromium to run: env ($CHROMIUM, a path or a
// command name) when set, which must then exist, else the first of
// candidates that is an executable file or a command on $PATH.
func findChromium(env string, candidates []string) (string, error) {
	if env != "" {
		path, err := exec.LookPath(env)
		if err != nil {
			return "", fmt.Errorf("$CHROMIUM is %s: %w", env, err)
		}
		return path, nil
	}
	for _, c := range candidates {
		if path, err := exec.LookPath(c); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("none of %s: install the chromium package or set $CHROMIUM", strings.Join(candidates, ", "))
}

func startBrowser() {
	path, err := findChromium(os.Getenv("CHROMIUM"), chromiumCandidates)
	if err != nil {
		browser.err, browser.missing = fmt.Errorf("Chromium not found (%w)", err), true
		return
	}
	browser.path = path
	// The flags keep Chromium off the network on its own account: this
	// machine's closed network refuses its background connections, which
	// otherwise show up as slow starts and stray requests. chromedp gives the
	// process a fresh temporary --user-data-dir and removes it afterwards.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	browser.stop = func() { cancel(); cancelAlloc() }
	// Start the browser now, without a deadline: the first Run binds the
	// browser's life to the context it gets.
	if err := chromedp.Do(ctx); err != nil {
		browser.err = fmt.Errorf("start %s: %w", path, err)
		return
	}
	browser.ctx = ctx
}

// unavailable skips the test for a missing tool, or fails it on CI.
func unavailable(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal("browsertest: " + msg + " (CI=true, so this is a failure)")
	} else {
		t.Skip("browsertest: " + msg)
	}
}

// Page is one browser tab. It records console errors and requests from the
// moment it opens.
type Page struct {
	ctx context.Context
	// documents gets a value when a JavaScript context is created in the
	// tab, as a navigation does; WaitFor waits for it to check again.
	documents chan struct{}

	close func()

	// What Tabs.Take undoes before it shares the tab on. A tab serves one
	// test at a time, and Tabs hands it over through a channel, so these
	// need no lock.
	clockSet            bool                    // the tab runs on virtual time, which cannot be undone
	scripts             []page.ScriptIdentifier // AddScriptBeforeLoad
	scriptOff, cacheOff bool

	mu            sync.Mutex
	consoleErrors []string
	requests      []string
}

// NewPage opens a tab in the test binary's browser, starting the browser on
// first use, and closes it when the test ends. Each page has its own
// browser context, like a fresh incognito window: no cache, cookies,
// storage or service workers are shared with other pages. It skips the
// test with -short.
func NewPage(t testing.TB) *Page {
	t.Helper()
	p, err := openTab(t)
	if err != nil {
		t.Fatalf("browsertest: open tab: %v", err)
	}
	t.Cleanup(p.close)
	return p
}

// openTab checks that the browser can run (skipping or failing t when it
// cannot) and opens a tab that the caller closes.
func openTab(t testing.TB) (*Page, error) {
	t.Helper()
	if testing.Short() {
		t.Skip("browsertest: browser tests do not run with -short")
	}
	if !browser.running {
		t.Fatal("browsertest: the package's TestMain must run its tests with browsertest.Main, which stops the browser")
	}
	browser.once.Do(startBrowser)
	if browser.missing {
		unavailable(t, browser.err.Error())
	}
	if browser.err != nil {
		t.Fatalf("browsertest: %v", browser.err)
	}
	p := &Page{documents: make(chan struct{}, 1)}
	// WithListener records from the tab's first event on, and records an
	// event before the command that caused it returns, so assertions right
	// after an action see it.
	ctx, cancel := chromedp.NewContext(browser.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(p.record))
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, err
	}
	p.ctx, p.close = ctx, cancel
	return p, nil
}

// Tabs is a pool of at most n tabs shared by the subtests of one test. A
// tab costs about as much browser CPU as a page load, and the first axe run
// in a renderer process costs more than the next ones, so a test that
// checks many pages the same way (one subtest per page) runs them through a
// few tabs rather than one tab each.
//
// Subtests that share a tab share its browser context: a page's storage and
// cache stay for the next user of the tab. Share tabs between subtests that
// set up what they depend on.
type Tabs struct {
	idle  chan *Page    // tabs waiting for a test
	slots chan struct{} // one token per tab that may still be opened
}

// NewTabs makes a pool of at most n tabs for the subtests of t. The tabs
// open when first taken and close when t ends.
func NewTabs(t testing.TB, n int) *Tabs {
	ts := &Tabs{idle: make(chan *Page, n), slots: make(chan struct{}, n)}
	for range n {
		ts.slots <- struct{}{}
	}
	t.Cleanup(func() {
		for {
			select {
			case p := <-ts.idle:
				p.close()
			default:
				return
			}
		}
	})
	return ts
}

// Take gives the test a tab of the pool, waiting while all n are in use.
// The tab's recordings start empty; its viewport, touch and emulated media
// are the browser's defaults; scripts and the cache are on, and no script
// runs before load. When the test ends the tab goes back to the pool, unless
// the test failed or put the tab on virtual time (FastForward, PauseClock):
// then it is closed, and a fresh one opens for the next test.
func (ts *Tabs) Take(t testing.TB) *Page {
	t.Helper()
	var p *Page
	select {
	case p = <-ts.idle:
	case <-ts.slots:
		var err error
		if p, err = openTab(t); err != nil {
			ts.slots <- struct{}{}
			t.Fatalf("browsertest: open tab: %v", err)
		}
	}
	t.Cleanup(func() {
		if t.Failed() || p.clockSet {
			p.close()
			ts.slots <- struct{}{}
			return
		}
		ts.idle <- p
	})
	p.ResetRecording()
	p.do(t, "reset the tab", p.undo())
	return p
}

// undo takes back the settings a test made on the tab, for Tabs.Take.
func (p *Page) undo() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			return err
		}
		for _, id := range p.scripts {
			if _, err := cdp.Call(ctx, tg, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: id}); err != nil {
				return err
			}
		}
		p.scripts = nil
		if p.scriptOff {
			if _, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
				return err
			}
			p.scriptOff = false
		}
		if p.cacheOff {
			if _, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: false}); err != nil {
				return err
			}
			p.cacheOff = false
		}
		return nil
	})
}

func (p *Page) record(ev any) {
	if _, ok := ev.(*runtime.EventExecutionContextCreated); ok {
		select {
		case p.documents <- struct{}{}:
		default: // one pending signal is enough
		}
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if !isFaviconGuess(ev.Request.URL) {
			p.requests = append(p.requests, ev.Request.URL)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == "error" || ev.Type == "assert" {
			p.consoleErrors = append(p.consoleErrors, "console."+string(ev.Type)+": "+argsText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		p.consoleErrors = append(p.consoleErrors, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		// The browser log carries failed loads and CSP violations.
		if ev.Entry.Level == log.EntryLevelError && !isFaviconGuess(ev.Entry.URL) {
			p.consoleErrors = append(p.consoleErrors, fmt.Sprintf("%s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

// isFaviconGuess reports the browser's own request for /favicon.ico at the
// root of an http origin: the site did not ask for it, so it is neither an
// error of the site nor a request that leaves it.
func isFaviconGuess(rawURL string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Path == "/favicon.ico" && u.RawQuery == ""
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		var s string
		switch {
		case len(a.Value) > 0 && json.Unmarshal(a.Value, &s) == nil:
		case a.Description != "":
			s = a.Description
		default:
			s = string(a.Value)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// ConsoleErrors returns the console errors, uncaught exceptions and browser
// log errors recorded so far.
func (p *Page) ConsoleErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.consoleErrors...)
}

// Requests returns the URL of every request the tab made so far, in order,
// including navigations, file:// loads and data: URLs.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// ResetRecording forgets the recorded console errors and requests, so a test
// can measure one interaction on its own.
func (p *Page) ResetRecording() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.consoleErrors, p.requests = nil, nil
}

// AssertNoConsoleErrors fails the test for every recorded console error.
func (p *Page) AssertNoConsoleErrors(t testing.TB) {
	t.Helper()
	for _, e := range p.ConsoleErrors() {
		t.Errorf("console error: %s", e)
	}
}

// AssertRequestsWithin fails the test for every recorded request whose URL
// does not start with one of the prefixes: pass the site's base URL (an
// http:// origin and path, or the file:// URL of the output folder). data:
// URLs are always allowed; they never leave the page.
func (p *Page) AssertRequestsWithin(t testing.TB, prefixes ...string) {
	t.Helper()
next:
	for _, u := range p.Requests() {
		if strings.HasPrefix(u, "data:") {
			continue
		}
		for _, prefix := range prefixes {
			if strings.HasPrefix(u, prefix) {
				continue next
			}
		}
		t.Errorf("request outside %v: %s", prefixes, u)
	}
}

// run runs one action on the tab under actionTimeout.
func run[T any](p *Page, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

func (p *Page) do(t testing.TB, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if _, err := run(p, chromedp.Steps(steps...)); err != nil {
		t.Fatalf("browsertest: %s: %v", what, err)
	}
}

// Navigate loads url (http:// or file://) and waits for its load event.
func (p *Page) Navigate(t testing.TB, url string) {
	t.Helper()
	p.do(t, "navigate to "+url, chromedp.Navigate(url))
}

// Eval evaluates a JavaScript expression in the page and decodes its value
// into T (awaiting it when it is a promise). Use chromedp.Void to ignore it.
func Eval[T any](t testing.TB, p *Page, js string) T {
	t.Helper()
	v, err := run(p, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("browsertest: eval %q: %v", js, err)
	}
	return v
}

// waitJS evaluates an expression (%s) in the page until it is truthy,
// awaiting it when it is a promise, and resolves then. A throw counts as
// false: the element it reads may not exist yet.
const waitJS = `new Promise(resolve => {
	const check = () => {
		let v;
		try { v = (%s); } catch (e) { v = false; }
		Promise.resolve(v).then(ok => ok ? resolve(true) : setTimeout(check, 10), () => setTimeout(check, 10));
	};
	check();
})`

// WaitFor waits until the JavaScript expression is truthy (awaiting a
// promise), and fails the test after actionTimeout. The page checks it
// itself, every 10 ms, so a wait ends as soon as the page gets there. It
// keeps waiting across navigations, so it can wait for a page that a click
// opens.
func (p *Page) WaitFor(t testing.TB, js string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	wait := chromedp.Evaluate[bool](fmt.Sprintf(waitJS, js), chromedp.EvalAwaitPromise)
	for {
		ok, err := chromedp.Run(ctx, wait)
		if ok {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("browsertest: wait for %q: still false after %v (last error: %v)", js, actionTimeout, err)
		}
		// A navigation destroyed the document that was checking: check
		// again in the next one once it is there.
		p.waitDocument(ctx)
	}
}

// waitDocument returns when a document has been created in the tab since
// the last call (at once if one was), or when ctx ends.
func (p *Page) waitDocument(ctx context.Context) {
	select {
	case <-p.documents:
	case <-ctx.Done():
	}
}

// FastForward runs the page's clock d ahead as fast as the page can go:
// its timers fire in order without waiting, and the clock stands still
// while a fetch is under way, so an answer the page waits for arrives at
// the time it would on a fast network. It returns when the page has lived
// through d. A test uses it to see what a page does "later" (after a
// debounce, an answer, an animation) without sleeping.
//
// From then on the tab keeps that clock: whenever the page has nothing
// else to do, its clock jumps to its next timer.
//
// A load under way holds the clock, and on a busy machine a script the
// page adds while the clock is held has been seen not to finish within
// the action timeout: load what the page will fetch before fast-forwarding.
func (p *Page) FastForward(t testing.TB, d time.Duration) {
	t.Helper()
	p.clockSet = true
	ms := float64(d.Milliseconds())
	if _, err := run(p, chromedp.WaitEvent(emulation.VirtualTimeBudgetExpired, nil,
		setPolicy(emulation.VirtualTimePolicyPauseIfNetworkFetchesPending, &ms))); err != nil {
		t.Fatalf("browsertest: fast-forward %v: %v", d, err)
	}
	p.do(t, "keep the page's clock going", setPolicy(emulation.VirtualTimePolicyAdvance, nil))
}

// PauseClock stops the page's clock until the next FastForward: its
// timers wait, so what a test does meanwhile (typing, then a key) happens
// at one instant for the page however slowly the machine runs it.
func (p *Page) PauseClock(t testing.TB) {
	t.Helper()
	p.clockSet = true
	p.do(t, "pause the page's clock", setPolicy(emulation.VirtualTimePolicyPause, nil))
}

// setPolicy sets the tab's virtual time policy, with a budget or nil.
func setPolicy(policy emulation.VirtualTimePolicy, budget *float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetVirtualTimePolicy, emulation.SetVirtualTimePolicyParams{Policy: policy, Budget: budget})
		return err
	})
}

// WaitVisible waits until an element matching the CSS selector is visible.
func (p *Page) WaitVisible(t testing.TB, selector string) {
	t.Helper()
	p.do(t, "wait visible "+selector, chromedp.WaitVisible(chromedp.CSS(selector)))
}

// Click clicks the first element matching the CSS selector, like a mouse.
func (p *Page) Click(t testing.TB, selector string) {
	t.Helper()
	p.do(t, "click "+selector, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
}

// Focus focuses the first element matching the CSS selector.
func (p *Page) Focus(t testing.TB, selector string) {
	t.Helper()
	p.do(t, "focus "+selector, chromedp.Focus(chromedp.CSS(selector)))
}

// Type focuses the element matching the CSS selector and types text into it,
// key by key.
func (p *Page) Type(t testing.TB, selector, text string) {
	t.Helper()
	p.do(t, "type into "+selector, chromedp.SendKeys(chromedp.CSS(selector), text))
}

// Press sends keys to the focused element, one after the other, the way a
// keyboard does: a printable key's text is typed only when the page does
// not cancel its keydown (chromedp's KeyEvent types it regardless). Special
// keys are the constants of github.com/chromedp/chromedp/kb (kb.ArrowDown,
// kb.Enter, kb.Escape, ...); modifiers are chromedp.ModifierCtrl and
// friends, and a key with Ctrl, Alt or Meta types no text.
func (p *Page) Press(t testing.TB, keys string, modifiers ...chromedp.Modifier) {
	t.Helper()
	var mods int64
	for _, m := range modifiers {
		mods |= int64(m)
	}
	shortcut := mods&int64(chromedp.ModifierCtrl|chromedp.ModifierAlt|chromedp.ModifierMeta) != 0
	p.do(t, fmt.Sprintf("press %q", keys), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, r := range keys {
			var down, up input.DispatchKeyEventParams
			for _, ev := range kb.Encode(r) {
				switch ev.Type {
				case input.DispatchKeyEventTypeKeyDown:
					down = *ev
				case input.DispatchKeyEventTypeKeyUp:
					up = *ev
				case input.DispatchKeyEventTypeChar:
					if !shortcut {
						down.Text, down.UnmodifiedText = ev.Text, ev.UnmodifiedText
					}
				}
			}
			if down.Text == "" {
				down.Type = input.DispatchKeyEventTypeRawKeyDown
			}
			down.Modifiers |= mods
			up.Modifiers |= mods
			for _, ev := range []input.DispatchKeyEventParams{down, up} {
				if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, ev); err != nil {
					return err
				}
			}
		}
		return nil
	}))
}

// SetViewport sets the window size in CSS pixels; mobile also turns on
// touch and the mobile meta-viewport handling.
func (p *Page) SetViewport(t testing.TB, width, height int64, mobile bool) {
	t.Helper()
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	p.do(t, "set viewport", chromedp.EmulateViewport(width, height, opts...))
}

// EmulateColorScheme makes prefers-color-scheme match scheme ("dark" or
// "light"; "" removes the override).
func (p *Page) EmulateColorScheme(t testing.TB, scheme string) {
	t.Helper()
	p.emulateMedia(t, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
}

// EmulatePrint switches the page to print media (true) or back to screen.
func (p *Page) EmulatePrint(t testing.TB, print bool) {
	t.Helper()
	media := ""
	if print {
		media = "print"
	}
	p.emulateMedia(t, emulation.SetEmulatedMediaParams{Media: media})
}

func (p *Page) emulateMedia(t testing.TB, params emulation.SetEmulatedMediaParams) {
	t.Helper()
	p.do(t, "emulate media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, params)
		return err
	}))
}

// DisableJavaScript turns the page's scripts off, as a reader who blocks
// them has it, for the documents the tab loads from now on. The test's
// own Eval and WaitFor still run.
func (p *Page) DisableJavaScript(t testing.TB) {
	t.Helper()
	p.do(t, "disable JavaScript", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		p.scriptOff = true
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
}

// DisableCache makes every load of the tab ask the server, as a first
// visit does, so a test can load a page afresh in the same tab.
func (p *Page) DisableCache(t testing.TB) {
	t.Helper()
	p.do(t, "disable the cache", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		p.cacheOff = true
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	}))
}

// AddScriptBeforeLoad runs js in every document the tab loads from now on,
// before the page's own scripts: a listener set up there sees the page's
// first events.
func (p *Page) AddScriptBeforeLoad(t testing.TB, js string) {
	t.Helper()
	p.do(t, "add a script before load", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		r, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
		if err == nil {
			p.scripts = append(p.scripts, r.Identifier)
		}
		return err
	}))
}

// Serve serves dir over HTTP on 127.0.0.1 for the test and returns its base
// URL with a trailing slash.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	return ServeAt(t, dir, "/")
}

// ServeAt serves dir under the path prefix (such as "/guides/fieldguide/"),
// to prove that a site works when it is not at the root of its host. Every
// other path is 404. It returns the base URL, ending in the prefix.
func ServeAt(t testing.TB, dir, prefix string) string {
	t.Helper()
	base, _ := StartServer(t, dir, prefix)
	return base
}

// StartServer is ServeAt that also returns the server, for a test that
// takes the site offline by closing it.
//
// Its answers say Cache-Control: no-cache, and it answers every request in
// full, as if the browser's copy were unknown. Without the header the
// browser may reuse a file without asking for as long as a tenth of the
// time since the file was written; without the full answer a file
// rewritten within the second it was first served would be "not modified"
// (Last-Modified has whole seconds). Either way what a test sees after
// changing a file would depend on how fast the machine ran.
func StartServer(t testing.TB, dir, prefix string) (base string, srv *httptest.Server) {
	t.Helper()
	prefix = "/" + strings.Trim(prefix, "/") + "/"
	if prefix == "//" {
		prefix = "/"
	}
	files := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	mux := http.NewServeMux()
	mux.Handle(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		r.Header.Del("If-Modified-Since")
		r.Header.Del("If-None-Match")
		files.ServeHTTP(w, r)
	}))
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + prefix, srv
}

// FileURL returns the file:// URL of a local path (made absolute), as a
// reader opening an offline build from disk would have.
func FileURL(t testing.TB, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		u.Path += "/"
	}
	return u.String()
}

// Screenshot returns a PNG of the visible part of the page.
func (p *Page) Screenshot(t testing.TB) []byte {
	t.Helper()
	png, err := run(p, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return png
}

// pdfTimeout bounds printing to PDF, longer than other actions: a whole
// guide as one document is a hundred sheets and more.
const pdfTimeout = 3 * time.Minute

// PDF prints the page as the browser's Save as PDF does by default: A4
// paper, portrait, the default margins (1 cm, or the page's own @page
// margins), print media, no header, footer or backgrounds. It returns the
// PDF file.
func (p *Page) PDF(t testing.TB) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, pdfTimeout)
	defer cancel()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4),
		func(p *page.PrintToPDFParams) { p.TransferMode = page.PrintToPDFTransferModeReturnAsStream }))
	if err != nil {
		t.Fatalf("browsertest: print to PDF: %v", err)
	}
	return pdf
}
