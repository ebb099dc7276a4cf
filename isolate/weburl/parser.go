package weburl

import (
	"bytes"
	"strings"
)

// state is a state of the basic URL parser (URL Standard 4.4).
type state int

const (
	stateNone state = iota
	stateSchemeStart
	stateScheme
	stateNoScheme
	stateSpecialRelativeOrAuthority
	statePathOrAuthority
	stateRelative
	stateRelativeSlash
	stateSpecialAuthoritySlashes
	stateSpecialAuthorityIgnoreSlashes
	stateAuthority
	stateHost
	stateHostname
	statePort
	stateFile
	stateFileSlash
	stateFileHost
	statePathStart
	statePath
	stateOpaquePath
	stateQuery
	stateFragment
)

const eof = -1

func isAlpha(c int) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c int) bool { return c >= '0' && c <= '9' }

func lowerByte(c int) byte {
	if c >= 'A' && c <= 'Z' {
		return byte(c + 'a' - 'A')
	}
	return byte(c)
}

// specialPort maps each special scheme to its default port (-1: none, for file).
func specialPort(scheme string) (int, bool) {
	switch scheme {
	case "http", "ws":
		return 80, true
	case "https", "wss":
		return 443, true
	case "ftp":
		return 21, true
	case "file":
		return -1, true
	}
	return -1, false
}

// internScheme avoids allocating for the common schemes.
func internScheme(b []byte) string {
	switch string(b) {
	case "http":
		return "http"
	case "https":
		return "https"
	case "file":
		return "file"
	case "ws":
		return "ws"
	case "wss":
		return "wss"
	case "ftp":
		return "ftp"
	case "blob":
		return "blob"
	case "data":
		return "data"
	case "mailto":
		return "mailto"
	}
	return string(b)
}

func isSpecialScheme(s string) bool { _, ok := specialPort(s); return ok }

func defaultPort(scheme string) int { p, _ := specialPort(scheme); return p }

// isWindowsDriveLetter: an ASCII alpha followed by ':' or '|'; normalized
// means ':' only.
func isWindowsDriveLetter(s string, normalized bool) bool {
	return len(s) == 2 && isAlpha(int(s[0])) && (s[1] == ':' || !normalized && s[1] == '|')
}

func startsWithWindowsDriveLetter(s string) bool {
	if len(s) < 2 || !isWindowsDriveLetter(s[:2], false) {
		return false
	}
	if len(s) == 2 {
		return true
	}
	switch s[2] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}

func isSingleDot(s []byte) bool {
	return len(s) == 1 && s[0] == '.' || len(s) == 3 && strings.EqualFold(string(s), "%2e")
}

func isDoubleDot(s []byte) bool {
	switch len(s) {
	case 2:
		return s[0] == '.' && s[1] == '.'
	case 4:
		l := strings.ToLower(string(s))
		return l == ".%2e" || l == "%2e."
	case 6:
		return strings.EqualFold(string(s), "%2e%2e")
	}
	return false
}

// trimControlAndSpace strips leading and trailing C0 controls and spaces.
func trimControlAndSpace(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= 0x20 {
		i++
	}
	for j > i && s[j-1] <= 0x20 {
		j--
	}
	return s[i:j]
}

func removeTabNewline(s string) string {
	if strings.IndexAny(s, "\t\n\r") < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\t' && c != '\n' && c != '\r' {
			b = append(b, c)
		}
	}
	return string(b)
}

// parser carries one run of the basic URL parser. The path is built in a
// byte slice, in serialized form ("/seg/seg", or the opaque path itself).
type parser struct {
	in       string
	base     *URL
	u        *URL
	override state
	path     []byte
	spec     bool // isSpecialScheme(u.scheme), cached: checked per code point
}

// basicParse runs the basic URL parser over input into u. It reports false
// for failure; with a state override u may still have been partly updated,
// as the standard specifies.
func basicParse(input string, base, u *URL, override state) bool {
	if override == stateNone {
		input = trimControlAndSpace(input)
	}
	input = removeTabNewline(input)
	if !isASCII(input) {
		input = utf8Decode(input) // JS strings arrive valid; guard raw Go input
	}
	p := parser{in: input, base: base, u: u, override: override, path: append([]byte(nil), u.path...), spec: isSpecialScheme(u.scheme)}
	ok := p.run()
	u.path = string(p.path)
	return ok
}

func (ps *parser) special() bool { return ps.spec }

func (ps *parser) setScheme(s string) {
	ps.u.scheme = s
	ps.spec = isSpecialScheme(s)
}

// shortenPath removes the last segment, except a lone normalized drive letter
// of a file URL.
func (ps *parser) shortenPath() {
	p := ps.path
	if ps.u.scheme == "file" && len(p) == 3 && p[0] == '/' && isWindowsDriveLetter(string(p[1:]), true) {
		return
	}
	if i := bytes.LastIndexByte(p, '/'); i >= 0 {
		ps.path = p[:i]
	}
}

func (ps *parser) copyBase(withPath bool) {
	u, b := ps.u, ps.base
	u.username, u.password = b.username, b.password
	u.host, u.hasHost, u.port = b.host, b.hasHost, b.port
	if withPath {
		ps.path = append(ps.path[:0], b.path...)
		u.query, u.hasQuery = b.query, b.hasQuery
	}
}

func (ps *parser) run() bool {
	in, u, base, override := ps.in, ps.u, ps.base, ps.override
	st := override
	if st == stateNone {
		st = stateSchemeStart
	}
	var buf, user, pass []byte
	atSignSeen, insideBrackets, passwordTokenSeen := false, false, false
	next := func(p int) int {
		if p+1 < len(in) {
			return int(in[p+1])
		}
		return eof
	}
	for p := 0; p <= len(in); p++ {
		c := eof
		if p < len(in) {
			c = int(in[p])
		}
		switch st {
		case stateSchemeStart:
			switch {
			case isAlpha(c):
				buf = append(buf, lowerByte(c))
				st = stateScheme
			case override == stateNone:
				st = stateNoScheme
				p--
			default:
				return false
			}

		case stateScheme:
			switch {
			case isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.':
				buf = append(buf, lowerByte(c))
			case c == ':':
				scheme := internScheme(buf)
				if override != stateNone {
					if ps.special() != isSpecialScheme(scheme) {
						return true
					}
					if (u.includesCredentials() || u.port >= 0) && scheme == "file" {
						return true
					}
					if u.scheme == "file" && u.hasHost && u.host == "" {
						return true
					}
				}
				ps.setScheme(scheme)
				if override != stateNone {
					if u.port >= 0 && u.port == defaultPort(scheme) {
						u.port = -1
					}
					return true
				}
				buf = buf[:0]
				switch {
				case scheme == "file":
					st = stateFile
				case ps.special() && base != nil && base.scheme == scheme:
					st = stateSpecialRelativeOrAuthority
				case ps.special():
					st = stateSpecialAuthoritySlashes
				case next(p) == '/':
					st = statePathOrAuthority
					p++
				default:
					u.opaque = true
					ps.path = ps.path[:0]
					st = stateOpaquePath
				}
			case override == stateNone:
				buf = buf[:0]
				st = stateNoScheme
				p = -1 // start over from the first code point
			default:
				return false
			}

		case stateNoScheme:
			switch {
			case base == nil || base.opaque && c != '#':
				return false
			case base.opaque && c == '#':
				ps.setScheme(base.scheme)
				u.opaque = true
				ps.path = append(ps.path[:0], base.path...)
				u.query, u.hasQuery = base.query, base.hasQuery
				u.fragment, u.hasFragment = "", true
				st = stateFragment
			case base.scheme != "file":
				st = stateRelative
				p--
			default:
				st = stateFile
				p--
			}

		case stateSpecialRelativeOrAuthority:
			if c == '/' && next(p) == '/' {
				st = stateSpecialAuthorityIgnoreSlashes
				p++
			} else {
				st = stateRelative
				p--
			}

		case statePathOrAuthority:
			if c == '/' {
				st = stateAuthority
			} else {
				st = statePath
				p--
			}

		case stateRelative:
			ps.setScheme(base.scheme)
			if c == '/' || ps.special() && c == '\\' {
				st = stateRelativeSlash
				break
			}
			ps.copyBase(true)
			switch c {
			case '?':
				u.query, u.hasQuery = "", true
				st = stateQuery
			case '#':
				u.fragment, u.hasFragment = "", true
				st = stateFragment
			case eof:
			default:
				u.query, u.hasQuery = "", false
				ps.shortenPath()
				st = statePath
				p--
			}

		case stateRelativeSlash:
			switch {
			case ps.special() && (c == '/' || c == '\\'):
				st = stateSpecialAuthorityIgnoreSlashes
			case c == '/':
				st = stateAuthority
			default:
				ps.copyBase(false)
				st = statePath
				p--
			}

		case stateSpecialAuthoritySlashes:
			st = stateSpecialAuthorityIgnoreSlashes
			if c == '/' && next(p) == '/' {
				p++
			} else {
				p--
			}

		case stateSpecialAuthorityIgnoreSlashes:
			if c != '/' && c != '\\' {
				st = stateAuthority
				p--
			}

		case stateAuthority:
			switch {
			case c == '@':
				if atSignSeen {
					buf = append([]byte("%40"), buf...)
				}
				atSignSeen = true
				for i := 0; i < len(buf); i++ {
					if buf[i] == ':' && !passwordTokenSeen {
						passwordTokenSeen = true
						continue
					}
					if passwordTokenSeen {
						pass = appendEncoded(pass, string(buf[i:i+1]), userinfoSet, false)
					} else {
						user = appendEncoded(user, string(buf[i:i+1]), userinfoSet, false)
					}
				}
				buf = buf[:0]
			case c == eof || c == '/' || c == '?' || c == '#' || ps.special() && c == '\\':
				if atSignSeen && len(buf) == 0 {
					return false // host-missing
				}
				// Credentials were collected locally so that many '@' stay
				// linear; the authority state is never entered with an override.
				if atSignSeen {
					u.username, u.password = string(user), string(pass)
				}
				p -= len(buf) + 1
				buf = buf[:0]
				st = stateHost
			default:
				buf = append(buf, byte(c))
			}

		case stateHost, stateHostname:
			switch {
			case override != stateNone && u.scheme == "file":
				p--
				st = stateFileHost
			case c == ':' && !insideBrackets:
				if len(buf) == 0 || override == stateHostname {
					return false
				}
				host, ok := parseHost(string(buf), !ps.special())
				if !ok {
					return false
				}
				u.host, u.hasHost = host, true
				buf = buf[:0]
				st = statePort
			case c == eof || c == '/' || c == '?' || c == '#' || ps.special() && c == '\\':
				p--
				if ps.special() && len(buf) == 0 {
					return false // host-missing
				}
				if override != stateNone && len(buf) == 0 && (u.includesCredentials() || u.port >= 0) {
					return true
				}
				host, ok := parseHost(string(buf), !ps.special())
				if !ok {
					return false
				}
				u.host, u.hasHost = host, true
				buf = buf[:0]
				st = statePathStart
				if override != stateNone {
					return true
				}
			default:
				if c == '[' {
					insideBrackets = true
				} else if c == ']' {
					insideBrackets = false
				}
				buf = append(buf, byte(c))
			}

		case statePort:
			switch {
			case isDigit(c):
				buf = append(buf, byte(c))
			case c == eof || c == '/' || c == '?' || c == '#' || ps.special() && c == '\\' || override != stateNone:
				if len(buf) != 0 {
					port := 0
					for _, d := range buf {
						port = port*10 + int(d-'0')
						if port > 65535 {
							return false // port-out-of-range
						}
					}
					if port == defaultPort(u.scheme) {
						u.port = -1
					} else {
						u.port = port
					}
					buf = buf[:0]
					if override != stateNone {
						return true
					}
				}
				if override != stateNone {
					return false
				}
				st = statePathStart
				p--
			default:
				return false // port-invalid
			}

		case stateFile:
			ps.setScheme("file")
			u.host, u.hasHost = "", true
			switch {
			case c == '/' || c == '\\':
				st = stateFileSlash
			case base != nil && base.scheme == "file":
				u.host, u.hasHost = base.host, base.hasHost
				ps.path = append(ps.path[:0], base.path...)
				u.query, u.hasQuery = base.query, base.hasQuery
				switch c {
				case '?':
					u.query, u.hasQuery = "", true
					st = stateQuery
				case '#':
					u.fragment, u.hasFragment = "", true
					st = stateFragment
				case eof:
				default:
					u.query, u.hasQuery = "", false
					if !startsWithWindowsDriveLetter(in[p:]) {
						ps.shortenPath()
					} else {
						ps.path = ps.path[:0]
					}
					st = statePath
					p--
				}
			default:
				st = statePath
				p--
			}

		case stateFileSlash:
			if c == '/' || c == '\\' {
				st = stateFileHost
				break
			}
			if base != nil && base.scheme == "file" {
				u.host, u.hasHost = base.host, base.hasHost
				if !startsWithWindowsDriveLetter(in[p:]) {
					if first := firstSegment(base.path); isWindowsDriveLetter(first, true) {
						ps.path = append(append(ps.path, '/'), first...)
					}
				}
			}
			st = statePath
			p--

		case stateFileHost:
			if !(c == eof || c == '/' || c == '\\' || c == '?' || c == '#') {
				buf = append(buf, byte(c))
				break
			}
			p--
			switch {
			case override == stateNone && isWindowsDriveLetter(string(buf), false):
				// The buffer is kept: it becomes the first path segment.
				st = statePath
			case len(buf) == 0:
				u.host, u.hasHost = "", true
				if override != stateNone {
					return true
				}
				st = statePathStart
			default:
				host, ok := parseHost(string(buf), !ps.special())
				if !ok {
					return false
				}
				if host == "localhost" {
					host = ""
				}
				u.host, u.hasHost = host, true
				if override != stateNone {
					return true
				}
				buf = buf[:0]
				st = statePathStart
			}

		case statePathStart:
			switch {
			case ps.special():
				st = statePath
				if c != '/' && c != '\\' {
					p--
				}
			case override == stateNone && c == '?':
				u.query, u.hasQuery = "", true
				st = stateQuery
			case override == stateNone && c == '#':
				u.fragment, u.hasFragment = "", true
				st = stateFragment
			case c != eof:
				st = statePath
				if c != '/' {
					p--
				}
			case override != stateNone && !u.hasHost:
				ps.path = append(ps.path, '/')
			}

		case statePath:
			slash := c == '/' || ps.special() && c == '\\'
			if !(c == eof || slash || override == stateNone && (c == '?' || c == '#')) {
				buf = appendEncoded(buf, in[p:p+1], pathSet, false)
				break
			}
			switch {
			case isDoubleDot(buf):
				ps.shortenPath()
				if !slash {
					ps.path = append(ps.path, '/')
				}
			case isSingleDot(buf):
				if !slash {
					ps.path = append(ps.path, '/')
				}
			default:
				if u.scheme == "file" && len(ps.path) == 0 && isWindowsDriveLetter(string(buf), false) {
					buf[1] = ':'
				}
				ps.path = append(append(ps.path, '/'), buf...)
			}
			buf = buf[:0]
			if c == '?' {
				u.query, u.hasQuery = "", true
				st = stateQuery
			} else if c == '#' {
				u.fragment, u.hasFragment = "", true
				st = stateFragment
			}

		case stateOpaquePath:
			// The rest up to '?' or '#' at once; a space right before either
			// is encoded so that it survives a later removal of query or
			// fragment.
			end := p + strings.IndexAny(in[p:], "?#")
			if end < p {
				end = len(in)
			}
			seg := in[p:end]
			trailingSpace := end < len(in) && strings.HasSuffix(seg, " ")
			if trailingSpace {
				seg = seg[:len(seg)-1]
			}
			ps.path = appendEncoded(ps.path, seg, c0ControlSet, false)
			if trailingSpace {
				ps.path = append(ps.path, "%20"...)
			}
			p = end
			switch {
			case end == len(in):
			case in[end] == '?':
				u.query, u.hasQuery = "", true
				st = stateQuery
			default:
				u.fragment, u.hasFragment = "", true
				st = stateFragment
			}

		case stateQuery:
			end := len(in)
			if override == stateNone {
				if i := strings.IndexByte(in[p:], '#'); i >= 0 {
					end = p + i
				}
			}
			set := querySet
			if ps.special() {
				set = specialQuerySet
			}
			if p < end {
				u.query += percentEncode(in[p:end], set)
			}
			u.hasQuery = true
			p = end
			if end < len(in) {
				u.fragment, u.hasFragment = "", true
				st = stateFragment
			}

		case stateFragment:
			if p < len(in) {
				u.fragment += percentEncode(in[p:], fragmentSet)
			}
			u.hasFragment = true
			p = len(in)
		}
	}
	return true
}

// firstSegment returns the first segment of a serialized non-opaque path.
func firstSegment(path string) string {
	if path == "" {
		return ""
	}
	s := path[1:]
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	return s
}
