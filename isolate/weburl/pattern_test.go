package weburl

import "testing"

// The canonicalizations URLPattern compiles and matches with, including the places where
// workerd (ada-url) departs from the standard's text.
func TestPatternCanonicalize(t *testing.T) {
	for _, c := range []struct {
		kind, value, protocol, want string
		ok                          bool
	}{
		{"protocol", "HTTP", "", "http", true},
		{"protocol", "http:", "", "http", true},
		{"protocol", "a+b-c.d", "", "a+b-c.d", true},
		{"protocol", "1abc", "", "", false},
		{"protocol", "ht tp", "", "", false},
		{"username", "u s:@", "", "u%20s%3A%40", true},
		{"hostname", "EXAMPLE.com", "", "example.com", true},
		{"hostname", "münchen.de", "", "xn--mnchen-3ya.de", true},
		{"hostname", "0x7f.1", "", "127.0.0.1", true},
		{"hostname", "a b", "", "", false},
		{"hostname", "a:b", "", "", false},
		{"hostname", "a/b", "", "a", true},
		{"ipv6hostname", "[::AB]", "", "[::ab]", true},
		{"ipv6hostname", "[::x]", "", "", false},
		{"port", "0080", "", "80", true},
		{"port", "0000", "", "0", true},
		{"port", "8080x", "", "8080", true},
		{"port", "65536", "", "", false},
		{"port", "x80", "", "", false},
		{"port-with-protocol", "443", "https", "", true},
		{"port-with-protocol", "0443x", "https:", "", true},
		{"port-with-protocol", "80", "", "80", true},
		{"port-with-protocol", "99999", "http", "", false},
		{"pathname", "/a/./b/../c", "", "/a/c", true},
		{"pathname", "a b", "", "a%20b", true},
		{"pathname", "/Simple-Path_~", "", "/Simple-Path_~", true},
		{"opaque-pathname", "a/../b c", "", "a/../b c", true},
		{"opaque-pathname", "/a/../b", "", "/b", true},
		{"search", "a b'\t", "", "a%20b'", true},
		{"hash", "a b`", "", "a%20b%60", true},
		{"pathname", "", "", "", true},
	} {
		got, ok := PatternCanonicalize(c.kind, c.value, c.protocol)
		if got != c.want || ok != c.ok {
			t.Errorf("%s(%q, %q) = %q, %v; want %q, %v", c.kind, c.value, c.protocol, got, ok, c.want, c.ok)
		}
	}
}

func TestParseForPattern(t *testing.T) {
	for _, c := range []struct {
		input, base      string
		hasBase, lenient bool
		protocol, host   string
		pathname, search string
		ok               bool
	}{
		{"https://EX.com/a?b#c", "", false, true, "https", "ex.com", "/a", "b", true},
		{"/foo", "", false, false, "", "", "", "", false},
		// workerd parses a string input without a base against an empty URL record.
		{"/foo", "", false, true, "", "", "/foo", "", true},
		{"foo?x", "", false, true, "", "", "/foo", "x", true},
		{"//h/p", "", false, true, "", "h", "/p", "", true},
		{"x", "https://b/a/", true, true, "https", "b", "/a/x", "", true},
		{"x", "nope", true, true, "", "", "", "", false},
	} {
		u, ok := ParseForPattern(c.input, c.base, c.hasBase, c.lenient)
		if ok != c.ok || ok && (u.Protocol != c.protocol || u.Hostname != c.host || u.Pathname != c.pathname || u.Search != c.search) {
			t.Errorf("ParseForPattern(%q, %q) = %+v, %v", c.input, c.base, u, ok)
		}
	}
}
