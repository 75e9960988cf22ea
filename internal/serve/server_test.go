package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fieldguide/fieldguide/internal/diag"
	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/sitetest"
)

func TestSitePath(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"/", "index.html", true},
		{"/faq/", "faq/index.html", true},
		{"/faq/tracking/", "faq/tracking/index.html", true},
		{"/assets/fieldguide.css", "assets/fieldguide.css", true},
		{"/faq", "faq", true},
		{"/../../etc/passwd", "", false},
		{"/..", "", false},
		{"/../", "", false},
		{"/faq/../../x", "", false},
		{"/./x", "", false},
		{"//etc/passwd", "", false},
		{"/faq//x", "", false},
		{`/..\..\windows`, "", false},
		{"/x\x00y", "", false},
		{"etc/passwd", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := SitePath(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SitePath(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func testServer(t *testing.T) (*Server, string) {
	t.Helper()
	s := NewServer(Options{})
	s.Publish(&pipeline.Report{Published: true, Files: map[string][]byte{
		"index.html":             []byte("<!doctype html><html><head><title>Home</title></head><body>home</body></html>"),
		"faq/index.html":         []byte("<html><head></head><body>faq</body></html>"),
		"404.html":               []byte("<html><head></head><body>not here</body></html>"),
		"assets/fieldguide.css":  []byte("body{}"),
		"search/idx/manifest.js": []byte("x()"),
	}})
	hs := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); hs.Close() })
	return s, hs.URL
}

// raw sends a request line as written: clients would clean these paths.
func raw(t *testing.T, base, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, strings.TrimPrefix(base, "http://"))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServesOnlyTheSite(t *testing.T) {
	_, base := testServer(t)
	for _, target := range []string{
		"/../../etc/passwd", "/%2e%2e/", "/%2e%2e/%2e%2e/etc/passwd", "/faq/../../../etc/passwd",
		"//etc/passwd", "/%2F%2Fetc/passwd", "/..%2f..%2fetc/passwd", "/..%5c..%5cetc/passwd",
		"/faq/%00", "/.fieldguide-output", "/__fieldguide/../index.html", "/__fieldguide/nope",
		base + "/../../etc/passwd", // absolute form: its host must be ours too
	} {
		code, body := raw(t, base, target)
		if code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, code)
		}
		if strings.Contains(body, "root:") {
			t.Errorf("GET %s leaked a system file", target)
		}
	}
}

func TestServesFilesWithReloadScript(t *testing.T) {
	_, base := testServer(t)
	get := func(path string) (*http.Response, string) {
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := get("/")
	if resp.StatusCode != 200 || !strings.Contains(body, `<meta name="fieldguide-preview" content="serve"><script src="/__fieldguide/reload.js" data-fg-output="index.html" defer></script></head>`) {
		t.Errorf("home: %d %q", resp.StatusCode, body)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("home is cacheable: %q", resp.Header.Get("Cache-Control"))
	}
	resp, body = get("/assets/fieldguide.css")
	if ct := resp.Header.Get("Content-Type"); ct != "text/css; charset=utf-8" || body != "body{}" {
		t.Errorf("css: %q %q", ct, body)
	}
	resp, _ = get("/search/idx/manifest.js")
	if ct := resp.Header.Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
		t.Errorf("js content type %q", ct)
	}
	resp, _ = get("/faq?x=1")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/faq/?x=1" {
		t.Errorf("/faq: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = get("/missing/")
	if resp.StatusCode != 404 || !strings.Contains(body, "not here") || !strings.Contains(body, `data-fg-output="404.html"`) {
		t.Errorf("missing page: %d %q", resp.StatusCode, body)
	}
	for _, name := range []string{"reload.js", "overlay.css"} {
		resp, body = get("/__fieldguide/" + name)
		if resp.StatusCode != 200 || len(body) < 100 {
			t.Errorf("%s: %d", name, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v", resp.StatusCode, err)
	}
}

// events reads one SSE stream.
func events(t *testing.T, base string) <-chan [2]string {
	t.Helper()
	resp, err := http.Get(base + "/__fieldguide/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	out := make(chan [2]string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = line[7:]
			case strings.HasPrefix(line, "data: "):
				data = line[6:]
			case line == "" && name != "":
				out <- [2]string{name, data}
				name, data = "", ""
			}
		}
		close(out)
	}()
	return out
}

func next(t *testing.T, ch <-chan [2]string, want string) string {
	t.Helper()
	timeout := time.After(time.Minute) // a hang, not a slow machine
	for {
		select {
		case ev := <-ch:
			if ev[0] == want {
				return ev[1]
			}
		case <-timeout:
			t.Fatalf("no %q event", want)
		}
	}
}

func TestEventStream(t *testing.T) {
	s, base := testServer(t)
	ch := events(t, base)
	if hello := next(t, ch, "hello"); !strings.Contains(hello, `"errors":null`) {
		t.Errorf("hello %s", hello)
	}
	s.Publish(&pipeline.Report{Published: true, Files: map[string][]byte{"faq/index.html": []byte("new")}, Changed: []string{"faq/index.html"}})
	if msg := next(t, ch, "reload"); msg != `{"changed":["faq/index.html"]}` {
		t.Errorf("reload %s", msg)
	}
	problems := Problems(t.TempDir(), []diag.Diagnostic{{Path: "content/x.md", Pos: diag.Pos{Line: 3, Col: 2}, Message: "bad", Hint: "fix it"}}, false)
	s.Fail(problems)
	if msg := next(t, ch, "errors"); !strings.Contains(msg, `"path":"content/x.md","line":3,"col":2,"severity":"error","message":"bad","hint":"fix it"`) {
		t.Errorf("errors %s", msg)
	}
	// A tab opened now gets the errors in its hello.
	if hello := next(t, events(t, base), "hello"); !strings.Contains(hello, `"message":"bad"`) {
		t.Errorf("late hello %s", hello)
	}
	s.Publish(&pipeline.Report{Published: true})
	next(t, ch, "ok")
	s.Close()
	if _, ok := <-ch; ok {
		// drain: the stream must end after Close
		for range ch {
		}
	}
}

func TestProblemsQuoteSource(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFile(t, dir, "content/x.md", "one\ntwo\n\tthree\nfour\nfive\nsix\n")
	ps := Problems(dir, []diag.Diagnostic{
		{Path: "content/x.md", Pos: diag.Pos{Line: 3, Col: 3}, Message: "bad"},
		{Path: "content/x.md", Pos: diag.Pos{Line: 6}, Message: "late", Severity: diag.Warning},
		{Path: "themes/default/layouts (built in)/base.html", Pos: diag.Pos{Line: 1}, Message: "tpl"},
		{Path: "../../etc/passwd", Pos: diag.Pos{Line: 1}, Message: "no"},
	}, false)
	if len(ps) != 3 {
		t.Fatalf("%d problems, want 3 (warnings left out)", len(ps))
	}
	if got := ps[0].Context; len(got) != 5 || got[0].N != 1 || got[2].Text != "\tthree" || got[4].N != 5 {
		t.Errorf("context %+v", got)
	}
	if ps[1].Context != nil || ps[2].Context != nil {
		t.Errorf("context read outside the site: %+v", ps[1:])
	}
	var b strings.Builder
	Print(&b, ps[:1])
	want := "content/x.md:3:3: bad\n    1 | one\n    2 | two\n  > 3 | \tthree\n      | \t ^\n    4 | four\n    5 | five\n"
	if b.String() != want {
		t.Errorf("printed\n%s\nwant\n%s", b.String(), want)
	}
}
