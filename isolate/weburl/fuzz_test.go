package weburl

import (
	"testing"
)

var fuzzSeeds = []string{
	"https://example.com/path?q=1#x",
	"http://user:pass@[::1]:8080/a/../b/./c?x=%zz#frag",
	"file:///C:/dir/../file.txt",
	"file://localhost/C|/x",
	"non-special:opaque  ?hi#there",
	"web+demo:/.//not-a-host/",
	"http://0x7f.1/",
	"http://faß.ExAmPle/",
	"http://xn--nxasmm1c.com/",
	"https://\u0646\u0627\u0645\u0647\u200c\u0627\u06cc.com/",
	"blob:https://example.com/uuid",
	"a:\t\n b",
	"//x/y",
	"?q",
	"\\\\server\\share",
	"http://[1:0:0:0:0:0:0:1]/",
	"http://[::ffff:1.2.3.4]/",
	"sc://ñ/x",
}

// FuzzParse checks that parsing never panics and that the serialization of
// any parsed URL is a fixed point (the standard's idempotence guarantee),
// also after running each setter with fuzzed input.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "http://example.org/foo/bar", "x")
	}
	f.Fuzz(func(t *testing.T, input, base, value string) {
		var b *URL
		if bu, err := Parse(base, nil); err == nil {
			b = bu
			checkReparse(t, "base", bu)
		}
		u, err := Parse(input, b)
		if err != nil {
			return
		}
		checkReparse(t, "parse", u)
		_ = u.Components()
		_ = u.SearchParams()
		setters := []func(*URL, string){
			(*URL).SetProtocol, (*URL).SetUsername, (*URL).SetPassword, (*URL).SetHost,
			(*URL).SetHostname, (*URL).SetPort, (*URL).SetPathname, (*URL).SetSearch, (*URL).SetHash,
		}
		for i, set := range setters {
			c := u.Clone()
			set(c, value)
			checkReparse(t, "setter "+string(rune('0'+i)), c)
		}
	})
}

func checkReparse(t *testing.T, what string, u *URL) {
	t.Helper()
	href := u.Href()
	again, err := Parse(href, nil)
	if err != nil {
		t.Fatalf("%s: href %q does not reparse", what, href)
	}
	if got := again.Href(); got != href {
		t.Fatalf("%s: href %q reparses to %q", what, href, got)
	}
}

func BenchmarkParse(b *testing.B) {
	b.Run("absolute", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse("https://example.com/path?q=1#x", nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	base, _ := Parse("https://example.com/a/b/c?q=1#x", nil)
	b.Run("relative", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse("../d/e?x=y#z", base); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("idna", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse("https://bücher.example/path", nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	u, _ := Parse("https://user:pw@example.com:8080/path?q=1#x", nil)
	b.Run("components", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = u.Components()
		}
	})
}
