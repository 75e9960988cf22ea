package serve

import (
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
)

// hostCheck decides which Host headers the preview answers. A page on the
// web can make the reader's browser reach the preview by DNS rebinding
// (pointing a name it owns at this machine), and would then read it as
// same-origin; such a request names the attacker's host, so only the names
// of the address the server is bound to are answered:
//
//   - always localhost (and names under .localhost, which browsers keep on
//     this machine), 127.0.0.1 and [::1];
//   - the bound address itself, when it is a specific one;
//   - bound to every interface (--bind 0.0.0.0, the user's opt-in to the
//     LAN): any IP address written as such, this machine's host name and
//     that name under .local. A rebinding page can only send a name it
//     owns, never an IP literal or this machine's own name.
//
// When the port is known, a Host that names another port is refused too.
type hostCheck struct {
	names map[string]bool
	anyIP bool
	port  string // "" accepts any port
}

func newHostCheck(bind string, port int) hostCheck {
	h := hostCheck{names: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	if port != 0 {
		h.port = strconv.Itoa(port)
	}
	ip := net.ParseIP(bind)
	switch {
	case ip != nil && ip.IsUnspecified():
		h.anyIP = true
		if name, err := os.Hostname(); err == nil && name != "" {
			name = strings.ToLower(name)
			h.names[name] = true
			h.names[strings.TrimSuffix(name, ".local")+".local"] = true
		}
	case bind != "":
		h.names[strings.ToLower(strings.Trim(bind, "[]"))] = true
	}
	return h
}

func (h hostCheck) allows(hostHeader string) bool {
	host, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		// No port (browsers always send ours; tools may not). The name is
		// what a rebinding page cannot fake.
		host, port = strings.Trim(hostHeader, "[]"), h.port
	}
	if h.port != "" && port != h.port {
		return false
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	switch {
	case h.names[host], strings.HasSuffix(host, ".localhost"):
		return true
	case h.anyIP:
		return net.ParseIP(host) != nil
	}
	return false
}

// String names the accepted hosts, for the refusal message.
func (h hostCheck) String() string {
	var names []string
	for name := range h.names {
		names = append(names, name)
	}
	sort.Strings(names)
	for i, name := range names {
		if h.port != "" {
			names[i] = net.JoinHostPort(name, h.port)
		} else if strings.Contains(name, ":") {
			names[i] = "[" + name + "]"
		}
	}
	s := strings.Join(names, ", ")
	if h.anyIP {
		s += " and this machine's IP addresses"
	}
	return s
}
