package isolate

import (
	"strconv"
	"strings"

	"github.com/nanod-runtime/nanod/isolate/weburl"
	"rogchap.com/v8go"
)

// URLPattern compiles its regexps with the "v" flag, as workerd's does. The V8 that v8go ships
// (10.9) has it behind a harmony flag; flags are process-wide and must be set before isolates
// exist, so this runs at package initialisation. User code gets the "v" flag too, as in workerd.
func init() { v8go.SetFlags("--harmony-regexp-unicode-sets") }

// URLPattern (isolate/js/urlpattern.js) parses and canonicalizes URL components through the same
// Go URL parser as URL does; the tokenizer, pattern parser and regexps are JS.
func (i *Isolate) urlPatternNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// urlPatternCanon(kind, value, protocol) → the canonical string, or null where the
	// URLPattern standard throws.
	fn("urlPatternCanon", func(a []*v8go.Value) *v8go.Value {
		s, ok := weburl.PatternCanonicalize(arg(a, 0).String(), arg(a, 1).String(), arg(a, 2).String())
		if !ok {
			return v8go.Null(i.iso)
		}
		return i.str(s)
	})
	// urlPatternGroupOrder(packed names) → packed indices: the order workerd's groups objects
	// list the names in (see groupOrder).
	fn("urlPatternGroupOrder", func(a []*v8go.Value) *v8go.Value {
		names := strings.Split(arg(a, 0).String(), "\x00")
		order := groupOrder(names)
		out := make([]string, len(order))
		for k, idx := range order {
			out[k] = strconv.Itoa(idx)
		}
		return i.packed(out)
	})
	// urlPatternParse(input, lenient, base?) → packed [protocol, username, password, hostname,
	// port, pathname, search, hash, opaque ("1" or "")] without separators, or null on failure.
	fn("urlPatternParse", func(a []*v8go.Value) *v8go.Value {
		base := arg(a, 2)
		u, ok := weburl.ParseForPattern(arg(a, 0).String(), base.String(), !base.IsUndefined(), arg(a, 1).Boolean())
		if !ok {
			return v8go.Null(i.iso)
		}
		opaque := ""
		if u.Opaque {
			opaque = "1"
		}
		return i.packed([]string{u.Protocol, u.Username, u.Password, u.Hostname, u.Port, u.Pathname, u.Search, u.Hash, opaque})
	})
}
