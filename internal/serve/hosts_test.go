package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHostCheck(t *testing.T) {
	hostname, _ := os.Hostname()
	for _, c := range []struct {
		bind string
		port int
		host string
		ok   bool
	}{
		{"127.0.0.1", 1313, "127.0.0.1:1313", true},
		{"127.0.0.1", 1313, "localhost:1313", true},
		{"127.0.0.1", 1313, "LOCALHOST.:1313", true},
		{"127.0.0.1", 1313, "[::1]:1313", true},
		{"127.0.0.1", 1313, "docs.localhost:1313", true},
		{"127.0.0.1", 1313, "localhost:8080", false},
		{"127.0.0.1", 1313, "localhost", true},
		{"127.0.0.1", 1313, "[::1]", true},
		{"127.0.0.1", 1313, "evil.example", false},
		{"127.0.0.1", 1313, "evil.example:1313", false},
		{"127.0.0.1", 1313, "localhost.evil.example:1313", false},
		{"127.0.0.1", 1313, "192.168.1.5:1313", false},
		{"127.0.0.1", 1313, "", false},
		{"192.168.1.5", 1313, "192.168.1.5:1313", true},
		{"192.168.1.5", 1313, "10.0.0.1:1313", false},
		{"::1", 1313, "[::1]:1313", true},
		{"0.0.0.0", 1313, "192.168.1.5:1313", true},
		{"0.0.0.0", 1313, "[fe80::1]:1313", true},
		{"0.0.0.0", 1313, "evil.example:1313", false},
		{"0.0.0.0", 1313, hostname + ":1313", hostname != ""},
		{"", 0, "127.0.0.1:54321", true},
		{"", 0, "evil.example:54321", false},
	} {
		if got := newHostCheck(c.bind, c.port).allows(c.host); got != c.ok {
			t.Errorf("bound to %s:%d, Host %q: allowed %v, want %v", c.bind, c.port, c.host, got, c.ok)
		}
	}
}

// request sends GET path with the given Host header.
func request(t *testing.T, base, host, path string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK && strings.HasSuffix(path, "/events") {
		return resp.StatusCode, "" // a stream: do not read to the end
	}
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestForeignHostRefused: a DNS-rebinding page (Host: its own name) gets
// neither the pages nor the live event stream.
func TestForeignHostRefused(t *testing.T) {
	_, base := testServer(t)
	for _, path := range []string{"/", "/faq/", "/search/idx/manifest.js", Prefix + "events", Prefix + "reload.js", "/nope"} {
		code, body := request(t, base, "rebind.evil.example", path)
		if code != http.StatusForbidden || !strings.Contains(body, `this one was for "rebind.evil.example"`) {
			t.Errorf("%s with a foreign Host: %d %q", path, code, body)
		}
	}
	port := base[strings.LastIndex(base, ":")+1:]
	for _, host := range []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port} {
		if code, _ := request(t, base, host, "/"); code != http.StatusOK {
			t.Errorf("Host %s: %d", host, code)
		}
	}
}

// TestLiveReloadClientsCapped: beyond maxClients event streams, a tab
// gets 503 (its page still loads); a closed stream frees its place.
func TestLiveReloadClientsCapped(t *testing.T) {
	s, base := testServer(t)
	host := strings.TrimPrefix(base, "http://")
	var conns []net.Conn
	var mu sync.Mutex
	open := func() int {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %sevents HTTP/1.1\r\nHost: %s\r\n\r\n", Prefix, host)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		conns = append(conns, conn)
		mu.Unlock()
		return resp.StatusCode
	}
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	for i := range maxClients {
		if code := open(); code != http.StatusOK {
			t.Fatalf("stream %d: %d", i+1, code)
		}
	}
	if clients(s) != maxClients {
		t.Fatalf("%d clients", clients(s))
	}
	if code := open(); code != http.StatusServiceUnavailable {
		t.Errorf("stream %d: %d, want 503", maxClients+1, code)
	}
	if code, _ := request(t, base, host, "/"); code != http.StatusOK {
		t.Errorf("a page while streams are full: %d", code)
	}
	conns[0].Close()
	// The server sees the tab go (its request's context ends).
	deadline := time.Now().Add(10 * time.Second)
	for clients(s) == maxClients && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if code := open(); code != http.StatusOK {
		t.Errorf("after a tab closed: %d", code)
	}
}

// clients is how many tabs are connected to s.
func clients(s *Server) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.clients)
}
