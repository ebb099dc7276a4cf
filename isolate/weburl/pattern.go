package weburl

import (
	"strconv"
	"strings"
)

// URLPattern support (URLPattern Standard, "canonicalize a …" and the URL parsing of its match
// steps). The behaviour follows workerd's, which uses ada-url's URLPattern: where ada's steps
// differ from the standard's wording (fast paths that skip the parser, "file" left out of the
// special-scheme check, the base a string input is parsed against), these functions do as ada.

// PatternCanonicalize runs the named canonicalization on value; ok is false where the standard
// throws a TypeError. protocol is used only by "port-with-protocol".
func PatternCanonicalize(kind, value, protocol string) (string, bool) {
	if value == "" {
		return "", true
	}
	switch kind {
	case "protocol":
		return canonProtocol(value)
	case "username", "password":
		return percentEncode(value, userinfoSet), true
	case "hostname":
		return canonHostname(value)
	case "ipv6hostname":
		for i := 0; i < len(value); i++ {
			if c := value[i]; c != '[' && c != ']' && c != ':' && !isHexDigit(c) {
				return "", false
			}
		}
		return strings.ToLower(value), true
	case "port":
		return canonPort(value)
	case "port-with-protocol":
		return canonPortWithProtocol(value, protocol)
	case "pathname":
		return canonPathname(value)
	case "opaque-pathname":
		u, err := Parse("fake:"+value, nil)
		if err != nil {
			return "", false
		}
		return u.path, true
	case "search":
		v := removeTabNewline(value)
		return percentEncode(v, querySet), true
	case "hash":
		v := removeTabNewline(value)
		return percentEncode(v, fragmentSet), true
	}
	return "", false
}

func isHexDigit(c byte) bool {
	return isDigit(int(c)) || c|0x20 >= 'a' && c|0x20 <= 'f'
}

func isSchemeByte(c byte) bool {
	return isAlpha(int(c)) || isDigit(int(c)) || c == '+' || c == '-' || c == '.'
}

func canonProtocol(v string) (string, bool) {
	v = strings.TrimSuffix(v, ":")
	if isSpecialScheme(v) {
		return v, true
	}
	if v == "" || !isAlpha(int(v[0])) {
		return "", false
	}
	for i := 1; i < len(v); i++ {
		if !isSchemeByte(v[i]) {
			return "", false
		}
	}
	return strings.ToLower(v), true
}

func canonHostname(v string) (string, bool) {
	simple := true
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || isDigit(int(c)) || c == '-' || c == '.') {
			simple = false
			break
		}
	}
	if simple && !endsInNumber(v) {
		return v, true
	}
	// The hostname setter on a special URL (ada uses https://dummy.test): domain to ASCII,
	// IPv4 and IPv6 parsing, and failure on forbidden code points or ':'.
	u, _ := Parse("https://dummy.test", nil)
	if !basicParse(v, nil, u, stateHostname) {
		return "", false
	}
	return u.host, true
}

// leadingDigits returns the tab/newline-free value's leading ASCII digits; ok is false when it
// does not start with a digit. empty reports a value that is empty once tabs and newlines go.
func leadingDigits(v string) (digits string, empty, ok bool) {
	v = removeTabNewline(v)
	if v == "" {
		return "", true, true
	}
	if !isDigit(int(v[0])) {
		return "", false, false
	}
	n := 1
	for n < len(v) && isDigit(int(v[n])) {
		n++
	}
	return v[:n], false, true
}

func canonPort(v string) (string, bool) {
	d, empty, ok := leadingDigits(v)
	if !ok || empty {
		return "", ok
	}
	d = strings.TrimLeft(d, "0")
	switch {
	case d == "":
		return "0", true
	case len(d) > 5 || len(d) == 5 && d > "65535":
		return "", false
	}
	return d, true
}

func canonPortWithProtocol(v, protocol string) (string, bool) {
	protocol = strings.TrimSuffix(protocol, ":")
	d, empty, ok := leadingDigits(v)
	if !ok || empty {
		return "", ok
	}
	n, err := strconv.ParseUint(d, 10, 16)
	if err != nil {
		return "", false
	}
	if def, special := specialPort(protocol); special && def > 0 && def == int(n) {
		return "", true
	}
	return strconv.FormatUint(n, 10), true
}

func canonPathname(v string) (string, bool) {
	simple := true
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(isAlpha(int(c)) || isDigit(int(c)) || c == '/' || c == '-' || c == '_' || c == '~') {
			simple = false
			break
		}
	}
	if simple {
		return v, true
	}
	leading := v[0] == '/'
	if !leading {
		v = "/-" + v
	}
	u, _ := Parse("fake://fake-url", nil)
	u.SetPathname(v)
	if !leading {
		if len(u.path) < 2 {
			return "", false
		}
		return u.path[2:], true
	}
	return u.path, true
}

// PatternURL holds the components URLPattern matches against, without the separators the URL
// getters add, and whether the path is opaque.
type PatternURL struct {
	Protocol, Username, Password, Hostname, Port, Pathname, Search, Hash string
	Opaque                                                               bool
}

// emptyBase stands in for a missing base URL: workerd (through ada-url) parses a string input
// given without a base URL against an empty URL record rather than against none, so relative
// inputs such as "/foo" match with an empty protocol and hostname.
var emptyBase = &URL{port: -1}

// ParseForPattern parses input as URLPattern's match steps do. With hasBase, base is parsed
// first (failure fails); lenient selects the empty-base behaviour above when there is no base.
func ParseForPattern(input, base string, hasBase, lenient bool) (PatternURL, bool) {
	var b *URL
	if hasBase {
		var err error
		if b, err = Parse(base, nil); err != nil {
			return PatternURL{}, false
		}
	} else if lenient {
		b = emptyBase
	}
	u, err := Parse(input, b)
	if err != nil {
		return PatternURL{}, false
	}
	return PatternURL{
		Protocol: u.scheme, Username: u.username, Password: u.password, Hostname: u.host,
		Port: u.Port(), Pathname: u.path, Search: u.query, Hash: u.fragment,
		Opaque: u.opaque,
	}, true
}
