package weburl

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// TestNFCAgainstICU compares nfc with vectors that gen.mjs computed with
// ICU's Unicode 17 normalizer (testdata/nfc_icu.json).
func TestNFCAgainstICU(t *testing.T) {
	b, err := os.ReadFile("testdata/nfc_icu.json")
	if err != nil {
		t.Fatal(err)
	}
	var vecs [][2]string
	if err := json.Unmarshal(b, &vecs); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, v := range vecs {
		if got := nfc(v[0]); got != v[1] {
			failed++
			if failed < 10 {
				t.Errorf("nfc(%+q) = %+q, want %+q", v[0], got, v[1])
			}
		}
	}
	t.Logf("nfc_icu.json: %d passed, %d failed", len(vecs)-failed, failed)
}

func TestPunycode(t *testing.T) {
	for _, c := range []struct{ in, out string }{
		{"bücher", "bcher-kva"},
		{"ß", "zca"},
		{"☃-⌘", "--dqo34k"},
		{"\u0646\u0627\u0645\u0647\u200c\u0627\u06cc", "mgba3gch31f060k"},
	} {
		enc, ok := punycodeEncode(c.in)
		if !ok || enc != c.out {
			t.Errorf("encode(%q) = %q, %v; want %q", c.in, enc, ok, c.out)
		}
		dec, ok := punycodeDecode(c.out)
		if !ok || dec != c.in {
			t.Errorf("decode(%q) = %q, %v; want %q", c.out, dec, ok, c.in)
		}
	}
	for _, bad := range []string{"-", "99999999999", "ü", "a-!"} {
		if s, ok := punycodeDecode(bad); ok {
			t.Errorf("decode(%q) = %q, want failure", bad, s)
		}
	}
}

func TestUTF8Decode(t *testing.T) {
	for _, c := range []struct{ in, out string }{
		{"a\xe2\x82b", "a\ufffdb"},             // truncated sequence: one U+FFFD
		{"\xff\xfe", "\ufffd\ufffd"},           // two invalid bytes: two
		{"\xed\xa0\x80", "\ufffd\ufffd\ufffd"}, // surrogate: each byte
		{"\xf0\x90\x80", "\ufffd"},             // truncated 4-byte sequence
		{"\xef\xbb\xbfx", "\ufeffx"},           // BOM kept ("without BOM")
	} {
		if got := utf8Decode(c.in); got != c.out {
			t.Errorf("utf8Decode(%+q) = %+q, want %+q", c.in, got, c.out)
		}
	}
}

// The WPT IDNA file excludes Bidi cases, so the RFC 5893 rules get their
// own checks here.
func TestDomainToASCIIBidi(t *testing.T) {
	for _, c := range []struct {
		in, out string
		ok      bool
	}{
		{"\u05d0\u05d1.com", "xn--4dbc.com", true},            // RTL label, LTR label
		{"\u05d01", "xn--1-zhc", true},                        // RTL may end in EN
		{"1\u05d0", "", false},                                // must start with L, R or AL
		{"\u05d0a", "", false},                                // L inside an RTL label
		{"a\u05d0", "", false},                                // R inside an LTR label
		{"\u0627\u0661\u06f1", "", false},                     // AN and EN together
		{"\u05d0.1com", "", false},                            // Bidi domain: "1com" starts with EN
		{"\u05d0\u0300", "xn--ksa35l", true},                  // trailing NSM allowed
		{"a\u200db", "", false},                               // ZWJ needs a virama before it
		{"\u0915\u094d\u200d\u0937", "xn--11b2ezcw70k", true}, // ...like here
	} {
		got, err := DomainToASCII(c.in)
		if (err == nil) != c.ok || got != c.out {
			t.Errorf("DomainToASCII(%+q) = %q, %v; want %q, ok=%v", c.in, got, err, c.out, c.ok)
		}
	}
}

func TestHostSerialization(t *testing.T) {
	for in, want := range map[string]string{
		"http://[0:0:0:0:0:0:0:1]/":    "[::1]",
		"http://[1:0:0:2:0:0:0:3]/":    "[1:0:0:2::3]",
		"http://[1:0:0:2:0:0:3:4]/":    "[1::2:0:0:3:4]",
		"http://[1:2:3:4:5:6:7:8]/":    "[1:2:3:4:5:6:7:8]",
		"http://[::ffff:192.168.0.1]/": "[::ffff:c0a8:1]",
		"http://0x7F.0.0.1/":           "127.0.0.1",
		"http://0300.0250.0.1/":        "192.168.0.1",
		"http://4294967295/":           "255.255.255.255",
		"http://1.2.3.0x10./":          "1.2.3.16",
		"http://EXAMPLE.com./":         "example.com.",
		"http://%65xample.com/":        "example.com",
		"file://LOCALHOST/x":           "",
		"sc://%C3%B1/":                 "%C3%B1",
	} {
		u, err := Parse(in, nil)
		if err != nil || u.Hostname() != want {
			t.Errorf("%q: hostname %v, %v; want %q", in, u, err, want)
		}
	}
	for _, bad := range []string{"http://4294967296/", "http://1.2.3.4.5/", "http://0x100.0.0.0/", "http://[::1:2:3:4:5:6:7:8]/", "http://a.b.09/", "http://[1::2::3]/"} {
		if u, err := Parse(bad, nil); err == nil {
			t.Errorf("%q parsed as %q, want failure", bad, u.Href())
		}
	}
}

func TestQuery(t *testing.T) {
	pairs := ParseQuery("a=1&b=%20x+y&&c&=d&e=%zz&f=%E2%82")
	want := [][2]string{{"a", "1"}, {"b", " x y"}, {"c", ""}, {"", "d"}, {"e", "%zz"}, {"f", "\ufffd"}}
	if !reflect.DeepEqual(pairs, want) {
		t.Errorf("ParseQuery = %q, want %q", pairs, want)
	}
	if got, w := SerializeQuery([][2]string{{"a b", "~!'()*-._"}, {"ü", "&="}}), "a+b=%7E%21%27%28%29*-._&%C3%BC=%26%3D"; got != w {
		t.Errorf("SerializeQuery = %q, want %q", got, w)
	}
	u, _ := Parse("https://x/?a=1#f", nil)
	u.SetSearchParams(nil)
	if u.Href() != "https://x/#f" {
		t.Errorf("empty search params: %q", u.Href())
	}
	u.SetSearchParams([][2]string{{"q", "a b"}})
	if u.Href() != "https://x/?q=a+b#f" {
		t.Errorf("search params: %q", u.Href())
	}
}

func TestAPI(t *testing.T) {
	if !CanParse("/path", "https://example.com", true) || CanParse("/path", "", false) || CanParse("x", "bad base", true) {
		t.Error("CanParse")
	}
	u, err := ParseWithBase("../c?x#y", "https://user:pw@example.com:8443/a/b/", true)
	if err != nil {
		t.Fatal(err)
	}
	want := Components{
		Href: "https://user:pw@example.com:8443/a/c?x#y", Origin: "https://example.com:8443",
		Protocol: "https:", Username: "user", Password: "pw", Host: "example.com:8443",
		Hostname: "example.com", Port: "8443", Pathname: "/a/c", Search: "?x", Hash: "#y",
	}
	if got := u.Components(); got != want {
		t.Errorf("Components = %+v\nwant %+v", got, want)
	}
	if err := u.SetHref("not a url"); err == nil || u.Href() != want.Href {
		t.Error("SetHref must fail and leave the URL unchanged")
	}
	if q, ok := u.Query(); q != "x" || !ok || u.Scheme() != "https" || u.HasOpaquePath() {
		t.Error("record accessors")
	}
	m, _ := Parse("mailto:someone@example.com", nil)
	m.SetPathname("/x")
	if !m.HasOpaquePath() || m.Pathname() != "someone@example.com" || m.Origin() != "null" {
		t.Errorf("opaque path: %q", m.Href())
	}
	u.SetPort("80x")
	if u.Port() != "80" {
		t.Errorf("port setter takes leading digits: %q", u.Port())
	}
	u.SetPort("443")
	if u.Port() != "" || u.Host() != "example.com" {
		t.Errorf("default port must become null: %q", u.Host())
	}
	if got := PercentEncodeComponent("a b/ü"); got != "a%20b%2F%C3%BC" {
		t.Errorf("PercentEncodeComponent = %q", got)
	}
}
