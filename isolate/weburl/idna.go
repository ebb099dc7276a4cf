package weburl

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// ErrInvalidDomain is returned by DomainToASCII for domains that fail UTS #46
// processing.
var ErrInvalidDomain = errors.New("weburl: invalid domain")

// DomainToASCII implements the URL Standard's "domain to ASCII" with beStrict
// false: an ASCII domain is only lowercased (so "xn--a" passes unchecked, as
// the standard and WPT require); anything else goes through UTS #46 ToASCII
// with CheckHyphens=false, CheckBidi=true, CheckJoiners=true,
// UseSTD3ASCIIRules=false, Transitional_Processing=false and
// VerifyDnsLength=false. It does not apply the host parser's forbidden domain
// code point check or IPv4 handling; parse a URL for that.
func DomainToASCII(domain string) (string, error) {
	var out string
	if isASCII(domain) {
		out = asciiLower(domain)
	} else {
		var ok bool
		if out, ok = uts46ToASCII(domain); !ok {
			return "", ErrInvalidDomain
		}
	}
	if out == "" {
		return "", ErrInvalidDomain
	}
	return out, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// uts46ToASCII runs UTS #46 processing (map, normalize, break, convert and
// validate) and then ToASCII with the URL Standard's flags; false means an
// error was recorded.
func uts46ToASCII(domain string) (string, bool) {
	// Map. Disallowed code points are kept; validation rejects them.
	var mapped strings.Builder
	mapped.Grow(len(domain))
	for _, r := range domain {
		switch st, m := idnaLookup(r); st {
		case idnaMapped:
			mapped.WriteString(m)
		case idnaIgnored:
		default:
			mapped.WriteRune(r)
		}
	}
	labels := strings.Split(nfc(mapped.String()), ".")

	ok := true
	for i, label := range labels {
		if strings.HasPrefix(label, "xn--") {
			if !isASCII(label) {
				return "", false
			}
			u, decoded := punycodeDecode(label[4:])
			if !decoded || u == "" || isASCII(u) {
				return "", false
			}
			// A decoded label is not normalized by the steps above, so it
			// must already be NFC.
			if nfc(u) != u {
				return "", false
			}
			labels[i] = u
		}
		if !validLabel(labels[i]) {
			ok = false
		}
	}
	if !ok || (isBidiDomain(labels) && !bidiLabelsOK(labels)) {
		return "", false
	}
	for i, label := range labels {
		if !isASCII(label) {
			enc, ok := punycodeEncode(label)
			if !ok {
				return "", false
			}
			labels[i] = "xn--" + enc
		}
	}
	return strings.Join(labels, "."), true
}

// validLabel checks the UTS #46 validity criteria (section 4.1) that apply
// with the URL Standard's flags, except NFC (checked by the caller for
// decoded labels, true by construction otherwise) and Bidi.
func validLabel(label string) bool {
	if label == "" {
		return true
	}
	// With CheckHyphens=false a label must still not start with "xn--"
	// (possible only for decoded Punycode).
	if strings.HasPrefix(label, "xn--") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(label)
	if lookupProps(first).isMark() {
		return false
	}
	var prev rune = -1
	for i, r := range label {
		if r == '.' {
			return false
		}
		if st, _ := idnaLookup(r); st != idnaValid {
			return false
		}
		// CheckJoiners: the ContextJ rules of RFC 5892 appendix A.
		if r == 0x200c || r == 0x200d {
			if prev < 0 || combiningClass(prev) != 9 { // 9 = Virama
				if r == 0x200d || !zwnjContextOK(label, i) {
					return false
				}
			}
		}
		prev = r
	}
	return true
}

// zwnjContextOK matches (Joining_Type:{L,D})(Joining_Type:T)*ZWNJ
// (Joining_Type:T)*(Joining_Type:{R,D}) around the ZWNJ at byte offset at.
func zwnjContextOK(label string, at int) bool {
	left := false
	for i := at; i > 0; {
		r, n := utf8.DecodeLastRuneInString(label[:i])
		i -= n
		j := lookupProps(r).joining()
		if j == joinT {
			continue
		}
		left = j == joinL || j == joinD
		break
	}
	if !left {
		return false
	}
	for _, r := range label[at+3:] { // U+200C is 3 bytes in UTF-8
		j := lookupProps(r).joining()
		if j == joinT {
			continue
		}
		return j == joinR || j == joinD
	}
	return false
}

// isBidiDomain reports whether any label holds an R, AL or AN character
// (RFC 5893 section 1.4).
func isBidiDomain(labels []string) bool {
	for _, l := range labels {
		for _, r := range l {
			if r < 0x590 {
				continue
			}
			if b := lookupProps(r).bidi(); b == bidiR || b == bidiAL || b == bidiAN {
				return true
			}
		}
	}
	return false
}

// bidiLabelsOK applies the six conditions of RFC 5893 section 2 to every
// non-empty label.
func bidiLabelsOK(labels []string) bool {
	for _, l := range labels {
		if l == "" {
			continue
		}
		rs := []rune(l)
		first := lookupProps(rs[0]).bidi()
		rtl := first == bidiR || first == bidiAL
		if !rtl && first != bidiL {
			return false
		}
		// The last character that is not NSM.
		end := len(rs) - 1
		for end >= 0 && lookupProps(rs[end]).bidi() == bidiNSM {
			end--
		}
		if end < 0 {
			return false
		}
		last := lookupProps(rs[end]).bidi()
		hasEN, hasAN := false, false
		for _, r := range rs {
			switch b := lookupProps(r).bidi(); b {
			case bidiEN:
				hasEN = true
			case bidiAN:
				hasAN = true
				if !rtl {
					return false
				}
			case bidiES, bidiCS, bidiET, bidiON, bidiBN, bidiNSM:
			case bidiL:
				if rtl {
					return false
				}
			case bidiR, bidiAL:
				if !rtl {
					return false
				}
			default:
				return false
			}
		}
		if rtl {
			if (last != bidiR && last != bidiAL && last != bidiEN && last != bidiAN) || (hasEN && hasAN) {
				return false
			}
		} else if last != bidiL && last != bidiEN {
			return false
		}
	}
	return true
}
