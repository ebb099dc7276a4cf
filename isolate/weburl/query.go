package weburl

import "strings"

// ParseQuery is the application/x-www-form-urlencoded parser: '&'-separated
// name=value pairs, '+' as space, percent-decoded, invalid UTF-8 replaced.
func ParseQuery(s string) [][2]string {
	var out [][2]string
	for len(s) > 0 {
		var seq string
		if i := strings.IndexByte(s, '&'); i >= 0 {
			seq, s = s[:i], s[i+1:]
		} else {
			seq, s = s, ""
		}
		if seq == "" {
			continue
		}
		name, value, _ := strings.Cut(seq, "=")
		out = append(out, [2]string{decodeFormComponent(name), decodeFormComponent(value)})
	}
	return out
}

func decodeFormComponent(s string) string {
	if strings.IndexByte(s, '+') >= 0 {
		s = strings.ReplaceAll(s, "+", " ")
	}
	return utf8Decode(percentDecode(s))
}

// SerializeQuery is the application/x-www-form-urlencoded serializer.
func SerializeQuery(pairs [][2]string) string {
	var b []byte
	for i, p := range pairs {
		if i > 0 {
			b = append(b, '&')
		}
		b = appendEncoded(b, p[0], formSet, true)
		b = append(b, '=')
		b = appendEncoded(b, p[1], formSet, true)
	}
	return string(b)
}

// PercentEncodeComponent UTF-8 percent-encodes s with the component
// percent-encode set (what encodeURIComponent-like callers need).
func PercentEncodeComponent(s string) string { return percentEncode(s, componentSet) }
