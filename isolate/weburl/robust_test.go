package weburl

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestLinearTime guards against quadratic paths on long attacker-controlled
// input. Each shape takes milliseconds; the quadratic versions these replaced
// took seconds at this size, so the bound leaves ample room for slow machines.
func TestLinearTime(t *testing.T) {
	const n = 40000
	var cjk strings.Builder
	for i := 0; i < n; i++ {
		cjk.WriteRune(rune(0x4e00 + i%20000))
	}
	label, _ := punycodeEncode(cjk.String())
	shapes := map[string]string{
		"many @":            "http://" + strings.Repeat("a@", n) + "x/",
		"many ..":           "http://x/" + strings.Repeat("a/", n) + strings.Repeat("../", n),
		"long mark run":     "http://a" + strings.Repeat("\u0301\u0316", n) + "/",
		"distinct CJK":      "http://" + cjk.String() + "/",
		"long A-label":      "http://xn--" + label + "/",
		"many labels":       "http://" + strings.Repeat("\u05d0.", n) + "x/",
		"many ZWNJ":         "http://" + strings.Repeat("\u0628\u064b\u200c", n) + "\u0628/",
		"long path & query": "http://x/" + strings.Repeat("ab%2e/\\", n) + "?" + strings.Repeat("a=b&", n),
	}
	for name, in := range shapes {
		start := time.Now()
		u, err := Parse(in, nil)
		if err == nil {
			_ = u.Components()
			_ = u.SearchParams()
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: %d bytes took %v", name, len(in), d)
		}
	}
}

// naivePunycodeEncode and naivePunycodeDecode transcribe RFC 3492's
// pseudocode directly, as a reference for the O(n log n) versions.
func naivePunycodeEncode(s string) (string, bool) {
	rs := []rune(s)
	var out []byte
	for _, r := range rs {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	n, delta, bias := pcInitialN, 0, pcInitialBias
	for h < len(rs) {
		m := pcMaxInt
		for _, r := range rs {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		if m-n > (pcMaxInt-delta)/(h+1) {
			return "", false
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range rs {
			if int(r) < n {
				if delta++; delta > pcMaxInt {
					return "", false
				}
			}
			if int(r) == n {
				q := delta
				for k := pcBase; ; k += pcBase {
					t := pcThreshold(k, bias)
					if q < t {
						break
					}
					out = append(out, pcEncodeDigit(t+(q-t)%(pcBase-t)))
					q = (q - t) / (pcBase - t)
				}
				out = append(out, pcEncodeDigit(q))
				bias = pcAdapt(delta, h+1, h == b)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return string(out), true
}

func naivePunycodeDecode(s string) (string, bool) {
	var out []rune
	b := strings.LastIndexByte(s, '-')
	in := 0
	if b > 0 {
		for i := 0; i < b; i++ {
			if s[i] >= 0x80 {
				return "", false
			}
			out = append(out, rune(s[i]))
		}
		in = b + 1
	}
	n, bias, i := pcInitialN, pcInitialBias, 0
	for in < len(s) {
		oldi, w := i, 1
		for k := pcBase; ; k += pcBase {
			if in >= len(s) {
				return "", false
			}
			d, ok := pcDigit(s[in])
			in++
			if !ok || d > (pcMaxInt-i)/w {
				return "", false
			}
			i += d * w
			t := pcThreshold(k, bias)
			if d < t {
				break
			}
			if w > pcMaxInt/(pcBase-t) {
				return "", false
			}
			w *= pcBase - t
		}
		bias = pcAdapt(i-oldi, len(out)+1, oldi == 0)
		if i/(len(out)+1) > pcMaxInt-n {
			return "", false
		}
		n += i / (len(out) + 1)
		i %= len(out) + 1
		if n > 0x10ffff || n >= 0xd800 && n <= 0xdfff {
			return "", false
		}
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = rune(n)
		i++
	}
	return string(out), true
}

func TestPunycodeMatchesRFCReference(t *testing.T) {
	// Overflow must fail exactly where the RFC's does.
	for _, s := range []string{strings.Repeat("a", 1926) + "\U0010ffff", strings.Repeat("a", 1927) + "\U0010ffff", strings.Repeat("\u00e9", 3000) + "\U0010ffff"} {
		got, ok := punycodeEncode(s)
		want, wok := naivePunycodeEncode(s)
		if got != want || ok != wok {
			t.Errorf("encode(len %d) = %v, reference %v", len(s), ok, wok)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pools := [][2]rune{{'a', 'z'}, {0x80, 0x2ff}, {0x4e00, 0x4e40}, {0x10000, 0x10100}, {0xe000, 0xe010}, {0x10fff0, 0x10ffff}}
	for iter := 0; iter < 20000; iter++ {
		var sb strings.Builder
		for j, n := 0, rng.IntN(40); j < n; j++ {
			p := pools[rng.IntN(len(pools))]
			sb.WriteRune(p[0] + rune(rng.IntN(int(p[1]-p[0]+1))))
		}
		s := sb.String()
		got, ok := punycodeEncode(s)
		want, wok := naivePunycodeEncode(s)
		if got != want || ok != wok {
			t.Fatalf("encode(%+q) = %q %v, reference %q %v", s, got, ok, want, wok)
		}
		// Decode both the valid encoding and a mangled variant.
		for _, in := range []string{got, got[:rng.IntN(len(got)+1)] + string(rune('a'+rng.IntN(36)%26))} {
			d, ok := punycodeDecode(in)
			rd, rok := naivePunycodeDecode(in)
			if d != rd || ok != rok {
				t.Fatalf("decode(%q) = %+q %v, reference %+q %v", in, d, ok, rd, rok)
			}
		}
	}
}
