package config

import (
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// Address is a parsed socket or external-server address.
type Address struct {
	Network string // "tcp" or "unix"
	Host    string // "" = all interfaces ("*")
	Port    string
	Path    string // unix socket path; "@name" for an abstract socket
}

// String renders the address in workerd's syntax.
func (a Address) String() string {
	if a.Network == "unix" {
		if strings.HasPrefix(a.Path, "@") {
			return "unix-abstract:" + a.Path[1:]
		}
		return "unix:" + a.Path
	}
	host := a.Host
	if host == "" {
		host = "*"
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if a.Port == "" {
		return host
	}
	return host + ":" + a.Port
}

// ListenAddr is the host:port form net.Listen takes ("" host = all interfaces).
func (a Address) ListenAddr() string {
	if a.Network == "unix" {
		return a.Path
	}
	return net.JoinHostPort(a.Host, a.Port)
}

// ParseAddress parses workerd's address syntax: "*:80", "1.2.3.4:80", "[::1]:80", "host:port",
// "unix:/path", "unix-abstract:name"; a missing port takes defPort (none for "").
func ParseAddress(s, defPort string) (Address, error) {
	switch {
	case strings.HasPrefix(s, "unix:"):
		p := s[len("unix:"):]
		if p == "" {
			return Address{}, fmt.Errorf("invalid address %q: empty unix socket path", s)
		}
		return Address{Network: "unix", Path: p}, nil
	case strings.HasPrefix(s, "unix-abstract:"):
		return Address{Network: "unix", Path: "@" + s[len("unix-abstract:"):]}, nil
	}
	host, port := s, ""
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return Address{}, fmt.Errorf("invalid address %q: missing ']'", s)
		}
		host = s[1:end]
		rest := s[end+1:]
		if rest != "" {
			if !strings.HasPrefix(rest, ":") {
				return Address{}, fmt.Errorf("invalid address %q", s)
			}
			port = rest[1:]
		}
		if _, err := netip.ParseAddr(host); err != nil {
			return Address{}, fmt.Errorf("invalid address %q: bad IPv6 address", s)
		}
	} else if i := strings.LastIndexByte(s, ':'); i >= 0 {
		if strings.Count(s, ":") > 1 {
			return Address{}, fmt.Errorf("invalid address %q: IPv6 addresses must be in brackets", s)
		}
		host, port = s[:i], s[i+1:]
	}
	if port == "" {
		if defPort == "" {
			return Address{}, fmt.Errorf("invalid address %q: a port is required", s)
		}
		port = defPort
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return Address{}, fmt.Errorf("invalid address %q: bad port %q", s, port)
	}
	if host == "*" {
		host = ""
	} else if host == "" {
		return Address{}, fmt.Errorf("invalid address %q: missing host", s)
	} else if !validHost(host) {
		return Address{}, fmt.Errorf("invalid address %q: bad host %q", s, host)
	}
	return Address{Network: "tcp", Host: host, Port: strconv.Itoa(n)}, nil
}

func validHost(h string) bool {
	if _, err := netip.ParseAddr(h); err == nil {
		return true
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// checkNetworkRule validates one entry of Network.allow/deny.
func checkNetworkRule(r string) error {
	switch r {
	case "public", "private", "local", "network", "unix", "unix-abstract":
		return nil
	}
	if _, err := netip.ParsePrefix(r); err == nil {
		return nil
	}
	if _, err := netip.ParseAddr(r); err == nil {
		return nil
	}
	return fmt.Errorf("%q is not a CIDR or one of public, private, local, network, unix, unix-abstract", r)
}
