// Package weburl implements the WHATWG URL Standard: the URL parser, the URL
// API's getters and setters, application/x-www-form-urlencoded, and "domain
// to ASCII" (UTS #46 over generated Unicode 17 tables). It backs the
// runtime's JS URL and URLSearchParams classes and passes the WPT vectors in
// testdata/wpt.
package weburl

import (
	"errors"
	"strconv"
	"strings"
)

// ErrInvalidURL is returned when parsing fails (a TypeError in JS).
var ErrInvalidURL = errors.New("weburl: invalid URL")

// URL is a URL record (URL Standard 4.1). The zero value is not a valid URL;
// use Parse.
type URL struct {
	scheme   string
	username string
	password string
	host     string // serialized host; meaningful when hasHost
	hasHost  bool
	port     int // -1 when null
	// path is serialized: "/seg/seg" for a list of segments ("" for the
	// empty list), or the opaque path itself when opaque is set.
	path        string
	opaque      bool
	query       string
	hasQuery    bool
	fragment    string
	hasFragment bool
}

// Parse runs the basic URL parser on input against an optional base.
func Parse(input string, base *URL) (*URL, error) {
	u := &URL{port: -1}
	if !basicParse(input, base, u, stateNone) {
		return nil, ErrInvalidURL
	}
	return u, nil
}

// ParseWithBase parses base (when hasBase) and then input against it, as the
// JS constructor new URL(input, base) does, in a single call.
func ParseWithBase(input, base string, hasBase bool) (*URL, error) {
	var b *URL
	if hasBase {
		var err error
		if b, err = Parse(base, nil); err != nil {
			return nil, err
		}
	}
	return Parse(input, b)
}

// CanParse implements URL.canParse(input, base).
func CanParse(input, base string, hasBase bool) bool {
	_, err := ParseWithBase(input, base, hasBase)
	return err == nil
}

// Clone returns an independent copy.
func (u *URL) Clone() *URL { c := *u; return &c }

func (u *URL) includesCredentials() bool { return u.username != "" || u.password != "" }

// cannotHaveCredentialsOrPort is the standard's "cannot have a
// username/password/port".
func (u *URL) cannotHaveCredentialsOrPort() bool {
	return !u.hasHost || u.host == "" || u.scheme == "file"
}

// Scheme returns the scheme without ':'.
func (u *URL) Scheme() string { return u.scheme }

// HasOpaquePath reports whether the path is opaque (e.g. "mailto:x").
func (u *URL) HasOpaquePath() bool { return u.opaque }

// Query returns the raw query (without '?') and whether it is non-null; it is
// what URLSearchParams is initialized from.
func (u *URL) Query() (string, bool) { return u.query, u.hasQuery }

// Href is the URL serializer.
func (u *URL) Href() string { return u.serialize(false) }

// String returns Href.
func (u *URL) String() string { return u.Href() }

func (u *URL) serialize(excludeFragment bool) string {
	var b strings.Builder
	b.Grow(len(u.scheme) + len(u.username) + len(u.password) + len(u.host) + len(u.path) + len(u.query) + len(u.fragment) + 16)
	b.WriteString(u.scheme)
	b.WriteByte(':')
	if u.hasHost {
		b.WriteString("//")
		if u.includesCredentials() {
			b.WriteString(u.username)
			if u.password != "" {
				b.WriteByte(':')
				b.WriteString(u.password)
			}
			b.WriteByte('@')
		}
		b.WriteString(u.host)
		if u.port >= 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(u.port))
		}
	} else if !u.opaque && strings.HasPrefix(u.path, "//") {
		// Keeps "web+demo:/.//not-a-host/" from reparsing with a host.
		b.WriteString("/.")
	}
	b.WriteString(u.path)
	if u.hasQuery {
		b.WriteByte('?')
		b.WriteString(u.query)
	}
	if !excludeFragment && u.hasFragment {
		b.WriteByte('#')
		b.WriteString(u.fragment)
	}
	return b.String()
}

// Origin returns the serialized origin ("null" for opaque origins).
func (u *URL) Origin() string {
	switch u.scheme {
	case "blob":
		// The blob URL store is the embedder's; without an entry the origin
		// comes from the URL in the path.
		if inner, err := Parse(u.Pathname(), nil); err == nil && (inner.scheme == "http" || inner.scheme == "https") {
			return inner.Origin()
		}
		return "null"
	case "ftp", "http", "https", "ws", "wss":
		s := u.scheme + "://" + u.host
		if u.port >= 0 {
			s += ":" + strconv.Itoa(u.port)
		}
		return s
	}
	return "null"
}

// Protocol returns the scheme followed by ':'.
func (u *URL) Protocol() string { return u.scheme + ":" }

// Username returns the percent-encoded username.
func (u *URL) Username() string { return u.username }

// Password returns the percent-encoded password.
func (u *URL) Password() string { return u.password }

// Host returns host[:port], or "" for a null host.
func (u *URL) Host() string {
	if !u.hasHost {
		return ""
	}
	if u.port < 0 {
		return u.host
	}
	return u.host + ":" + strconv.Itoa(u.port)
}

// Hostname returns the serialized host, or "" for a null host.
func (u *URL) Hostname() string { return u.host }

// Port returns the port, or "" when null.
func (u *URL) Port() string {
	if u.port < 0 {
		return ""
	}
	return strconv.Itoa(u.port)
}

// Pathname returns the serialized path.
func (u *URL) Pathname() string { return u.path }

// Search returns "?query", or "" when the query is null or empty.
func (u *URL) Search() string {
	if u.query == "" {
		return ""
	}
	return "?" + u.query
}

// Hash returns "#fragment", or "" when the fragment is null or empty.
func (u *URL) Hash() string {
	if u.fragment == "" {
		return ""
	}
	return "#" + u.fragment
}

// Components holds every getter's value, so that a JS wrapper can fetch a
// whole URL in one call into Go.
type Components struct {
	Href, Origin, Protocol, Username, Password, Host, Hostname, Port, Pathname, Search, Hash string
}

// Components returns all getter values at once.
func (u *URL) Components() Components {
	return Components{
		Href: u.Href(), Origin: u.Origin(), Protocol: u.Protocol(),
		Username: u.username, Password: u.password,
		Host: u.Host(), Hostname: u.host, Port: u.Port(),
		Pathname: u.path, Search: u.Search(), Hash: u.Hash(),
	}
}

// SetHref replaces the whole URL; on failure u is unchanged and the error
// becomes a TypeError in JS.
func (u *URL) SetHref(v string) error {
	n, err := Parse(v, nil)
	if err != nil {
		return err
	}
	*u = *n
	return nil
}

// The remaining setters never fail: like the JS setters they leave the URL
// unchanged (or partly updated, where the standard says so) on bad input.

// SetProtocol implements the protocol setter.
func (u *URL) SetProtocol(v string) { basicParse(v+":", nil, u, stateSchemeStart) }

// SetUsername implements the username setter.
func (u *URL) SetUsername(v string) {
	if !u.cannotHaveCredentialsOrPort() {
		u.username = percentEncode(v, userinfoSet)
	}
}

// SetPassword implements the password setter.
func (u *URL) SetPassword(v string) {
	if !u.cannotHaveCredentialsOrPort() {
		u.password = percentEncode(v, userinfoSet)
	}
}

// SetHost implements the host setter.
func (u *URL) SetHost(v string) {
	if !u.opaque {
		basicParse(v, nil, u, stateHost)
	}
}

// SetHostname implements the hostname setter.
func (u *URL) SetHostname(v string) {
	if !u.opaque {
		basicParse(v, nil, u, stateHostname)
	}
}

// SetPort implements the port setter: leading digits are used, the rest is
// ignored; "" clears the port.
func (u *URL) SetPort(v string) {
	if u.cannotHaveCredentialsOrPort() {
		return
	}
	if v == "" {
		u.port = -1
		return
	}
	basicParse(v, nil, u, statePort)
}

// SetPathname implements the pathname setter (a no-op for opaque paths).
func (u *URL) SetPathname(v string) {
	if u.opaque {
		return
	}
	u.path = ""
	basicParse(v, nil, u, statePathStart)
}

// SetSearch implements the search setter. A JS wrapper must then refresh its
// URLSearchParams list from Query.
func (u *URL) SetSearch(v string) {
	if v == "" {
		u.query, u.hasQuery = "", false
		return
	}
	v = strings.TrimPrefix(v, "?")
	u.query, u.hasQuery = "", true
	basicParse(v, nil, u, stateQuery)
}

// SetHash implements the hash setter.
func (u *URL) SetHash(v string) {
	if v == "" {
		u.fragment, u.hasFragment = "", false
		return
	}
	v = strings.TrimPrefix(v, "#")
	u.fragment, u.hasFragment = "", true
	basicParse(v, nil, u, stateFragment)
}

// SearchParams returns the query parsed as application/x-www-form-urlencoded.
func (u *URL) SearchParams() [][2]string { return ParseQuery(u.query) }

// SetSearchParams runs URLSearchParams' update steps: the list is serialized
// into the query, and an empty result makes the query null.
func (u *URL) SetSearchParams(pairs [][2]string) {
	q := SerializeQuery(pairs)
	u.query, u.hasQuery = q, q != ""
}
