// Package serve previews a site while its sources are edited: it serves the
// build from memory, rebuilds what an edit touched (pipeline.Builder), and
// tells open browser tabs over Server-Sent Events to reload, to swap a
// stylesheet, or to show the build's errors over the page.
//
// Pages run under the theme's Content-Security-Policy (script-src 'self',
// style-src 'self', connect-src 'self'), so the reload script and the error
// overlay's styles are files served under /__fieldguide/, and the page gets
// only a <script src> tag.
package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fieldguide/fieldguide/internal/output"
	"github.com/fieldguide/fieldguide/internal/pipeline"
	"github.com/fieldguide/fieldguide/internal/render"
)

// Prefix is where the server's own files live; a build refuses any output
// there (output.ServePrefix).
const Prefix = "/" + output.ServePrefix

//go:embed assets
var assets embed.FS

// Server is the HTTP side of a preview: the last good build in memory,
// the connected tabs, and the current build errors.
type Server struct {
	id       string // this process: tabs reload when they reconnect to another
	navigate bool
	hosts    hostCheck

	mu       sync.RWMutex
	files    map[string][]byte
	notFound []byte    // pipeline.Report.NotFound
	problems []Problem // the failed build shown in tabs; nil after a good one
	clients  map[*client]bool
	closed   bool
}

type client struct {
	events chan []byte
	done   chan struct{} // closed when the server drops the client
}

// Options configure a Server.
type Options struct {
	// Navigate sends tabs to the page just edited.
	Navigate bool
	// Bind and Port are the address the server listens on: requests must
	// name it (or localhost) in their Host header. An empty Bind means a
	// loopback address; Port 0 accepts any port.
	Bind string
	Port int
}

// NewServer returns a server with nothing to serve yet.
func NewServer(opts Options) *Server {
	return &Server{id: strconv.FormatInt(time.Now().UnixNano(), 36), navigate: opts.Navigate,
		hosts: newHostCheck(opts.Bind, opts.Port), files: map[string][]byte{}, clients: map[*client]bool{}}
}

// maxClients caps the live-reload streams: each holds a connection and a
// goroutine. Tabs beyond it get 503 and keep working, without live reload.
const maxClients = 64

// File returns a served file as the build wrote it (without the reload
// script), and whether it exists.
func (s *Server) File(path string) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, ok := s.files[path]
	return data, ok
}

// Publish applies a published build and tells the tabs: the overlay goes
// away, and tabs whose page (or one of its scripts, images or stylesheets)
// changed reload or swap stylesheets. Reports that were not published
// change nothing.
func (s *Server) Publish(rep *pipeline.Report) {
	if !rep.Published {
		return
	}
	s.mu.Lock()
	s.apply(rep)
	hadProblems := s.problems != nil
	s.problems = nil
	s.mu.Unlock()
	if hadProblems {
		s.broadcast("ok", struct{}{})
	}
	if len(rep.Changed) == 0 && len(rep.Removed) == 0 {
		return
	}
	msg := reloadMessage{Changed: rep.Changed, Removed: rep.Removed}
	if len(rep.Changed)+len(rep.Removed) > maxListed {
		// A template change touches every page: no need to ship the list.
		msg = reloadMessage{All: true}
	}
	if s.navigate && len(rep.Edited) > 0 {
		msg.Navigate = "/" + output.EscapePath(rep.Edited[0])
	}
	s.broadcast("reload", msg)
}

func (s *Server) apply(rep *pipeline.Report) {
	for path, data := range rep.Files {
		s.files[path] = data
	}
	for _, path := range rep.Removed {
		delete(s.files, path)
	}
	if rep.NotFound != nil {
		s.notFound = rep.NotFound
	}
}

// PublishIndex applies a search index update. Tabs are not reloaded: pages
// do not change, and search.js asks for the files a query needs, tagged
// with the manifest's version. They get an "indexed" event (for tests and
// tools).
func (s *Server) PublishIndex(rep *pipeline.Report) {
	if !rep.Published {
		return
	}
	s.mu.Lock()
	s.apply(rep)
	s.mu.Unlock()
	s.broadcast("indexed", map[string]any{"changed": len(rep.Changed) + len(rep.Removed)})
}

// maxListed caps the paths named in a reload message.
const maxListed = 2000

type reloadMessage struct {
	Changed  []string `json:"changed,omitempty"`
	Removed  []string `json:"removed,omitempty"`
	All      bool     `json:"all,omitempty"`
	Navigate string   `json:"navigate,omitempty"`
}

// Fail shows a failed build's problems in every tab (and in tabs opened
// later) until a build is published.
func (s *Server) Fail(problems []Problem) {
	if problems == nil {
		problems = []Problem{}
	}
	s.mu.Lock()
	s.problems = problems
	s.mu.Unlock()
	s.broadcast("errors", errorsMessage{Errors: problems})
}

type errorsMessage struct {
	Errors []Problem `json:"errors"`
}

// Built tells the tabs a rebuild finished (tests and tools wait for it;
// the reload script ignores it).
func (s *Server) Built(rep *pipeline.Report) {
	s.broadcast("built", map[string]any{"published": rep.Published, "rendered": rep.Rendered,
		"changed": len(rep.Changed) + len(rep.Removed), "ms": rep.Duration.Milliseconds()})
}

// Close disconnects every tab (they reconnect to the next server) so an
// http.Server can shut down.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for c := range s.clients {
		close(c.done)
		delete(s.clients, c)
	}
}

func (s *Server) broadcast(event string, data any) {
	payload, err := json.Marshal(data)
	if err != nil {
		return
	}
	msg := []byte("event: " + event + "\ndata: " + string(payload) + "\n\n")
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c.events <- msg:
		default:
			// A tab that stopped reading (a frozen background tab) is
			// dropped; its EventSource reconnects and gets a fresh hello.
			close(c.done)
			delete(s.clients, c)
		}
	}
}

// ServeHTTP serves the site and the server's own files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !s.hosts.allows(r.Host) {
		// A web page can reach this server by DNS rebinding (its own name
		// made to resolve to this machine): it then sends its own name.
		http.Error(w, fmt.Sprintf("fieldguide serve answers only requests for %s; this one was for %q, which may be a web page trying to read the preview. Open the preview at one of those addresses.", s.hosts, r.Host), http.StatusForbidden)
		return
	}
	if strings.HasPrefix(r.URL.Path, Prefix) {
		s.serveOwn(w, r, strings.TrimPrefix(r.URL.Path, Prefix))
		return
	}
	rel, ok := SitePath(r.URL.Path)
	if !ok {
		s.answerNotFound(w, r)
		return
	}
	s.mu.RLock()
	data, found := s.files[rel]
	_, isDir := s.files[rel+"/index.html"]
	s.mu.RUnlock()
	switch {
	case found:
		s.send(w, r, rel, data, http.StatusOK)
	case isDir:
		// Pages link relatively: /faq must become /faq/ for them to work.
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	default:
		s.answerNotFound(w, r)
	}
}

// SitePath maps a request path to an output file, refusing anything that
// is not a plain path inside the site: "..", ".", empty segments (so
// "//etc/passwd"), backslashes and NUL. "/faq/" is "faq/index.html".
func SitePath(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	rel := urlPath[1:]
	if rel == "" {
		return "index.html", true
	}
	for _, seg := range strings.Split(strings.TrimSuffix(rel, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	if strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel, true
}

// answerNotFound answers an address the site does not have with its
// not-found page: the one made for the preview when the build made one
// (links absolute from "/", so that its assets and links work at any
// depth), else the published one.
func (s *Server) answerNotFound(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	page, published := s.files[render.NotFoundPath]
	if published && s.notFound != nil {
		page = s.notFound
	}
	s.mu.RUnlock()
	if page == nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	s.send(w, r, render.NotFoundPath, page, http.StatusNotFound)
}

// send writes a site file; HTML gets the reload script.
func (s *Server) send(w http.ResponseWriter, r *http.Request, rel string, data []byte, status int) {
	ctype := contentType(rel)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, rel)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	// Always fresh: a reload must show the new build, not a cached one.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

func contentType(rel string) string {
	ext := path.Ext(rel)
	switch ext {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// inject adds the preview's meta element and the reload script before
// </head> (or at the start when a page has no head). The meta element tells
// the theme's scripts they run in the preview (which must, for one, register
// no service worker). data-fg-output tells the reload script which file it
// is on, which the URL alone does not say for a 404 page.
func inject(page []byte, rel string) []byte {
	tag := `<meta name="fieldguide-preview" content="serve"><script src="` + Prefix + `reload.js" data-fg-output="` + htmlAttr(rel) + `" defer></script>`
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = bytes.Index(page, []byte("</HEAD>"))
	}
	if i < 0 {
		i = 0
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

func htmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "events":
		s.events(w, r)
	case "reload.js", "overlay.css":
		data, err := assets.ReadFile("assets/" + name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", contentType(name))
		w.Header().Set("Cache-Control", "no-store")
		if r.Method != http.MethodHead {
			_, _ = w.Write(data)
		}
	default:
		http.NotFound(w, r)
	}
}

// helloMessage starts every event stream: which server this is and the
// current errors, so a tab opened while the build is broken shows them.
type helloMessage struct {
	Server string    `json:"server"`
	Errors []Problem `json:"errors"`
}

// events streams Server-Sent Events to one tab.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := &client{events: make(chan []byte, 64), done: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	if len(s.clients) >= maxClients {
		s.mu.Unlock()
		http.Error(w, fmt.Sprintf("too many open tabs (%d) follow this preview; close some and reload to get live reload back", maxClients), http.StatusServiceUnavailable)
		return
	}
	hello, _ := json.Marshal(helloMessage{Server: s.id, Errors: s.problems})
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.clients[c] {
			delete(s.clients, c)
			close(c.done)
		}
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// retry: how soon a tab reconnects after the server restarts.
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %s\n\n", hello)
	flusher.Flush()
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c.done:
			return
		case msg := <-c.events:
			if _, err := w.Write(msg); err != nil {
				return
			}
			flusher.Flush()
		case <-keepAlive.C:
			if _, err := w.Write([]byte(": keep-alive\n\n")); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// snapshot returns the served files (the map is a copy; the bytes are
// shared and never modified).
func (s *Server) snapshot() map[string][]byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string][]byte, len(s.files))
	for k, v := range s.files {
		out[k] = v
	}
	return out
}
