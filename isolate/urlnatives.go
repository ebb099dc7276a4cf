package isolate

import (
	"encoding/json"
	"github.com/nanod-runtime/nanod/isolate/weburl"
	"rogchap.com/v8go"
)

// URL parsing is native Go (isolate/weburl); the JS URL class keeps only the serialised href and
// asks Go for the components after parsing or setting. One call returns all components.

var urlSetters = map[string]func(*weburl.URL, string){
	"protocol": (*weburl.URL).SetProtocol, "username": (*weburl.URL).SetUsername,
	"password": (*weburl.URL).SetPassword, "host": (*weburl.URL).SetHost,
	"hostname": (*weburl.URL).SetHostname, "port": (*weburl.URL).SetPort,
	"pathname": (*weburl.URL).SetPathname, "search": (*weburl.URL).SetSearch, "hash": (*weburl.URL).SetHash,
}

// components returns [href, origin, protocol, username, password, host, hostname, port, pathname,
// search, hash], packed.
func (i *Isolate) components(u *weburl.URL) *v8go.Value {
	c := u.Components()
	return i.packed([]string{c.Href, c.Origin, c.Protocol, c.Username, c.Password, c.Host, c.Hostname, c.Port, c.Pathname, c.Search, c.Hash})
}

func (i *Isolate) urlNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// urlParse(input, base?) → components, or null when parsing fails.
	fn("urlParse", func(a []*v8go.Value) *v8go.Value {
		base := arg(a, 1)
		u, err := weburl.ParseWithBase(arg(a, 0).String(), base.String(), !base.IsUndefined())
		if err != nil {
			return v8go.Null(i.iso)
		}
		return i.components(u)
	})
	// urlSet(href, name, value) → components after the setter (href is always valid).
	fn("urlSet", func(a []*v8go.Value) *v8go.Value {
		u, err := weburl.Parse(arg(a, 0).String(), nil)
		if err != nil {
			return v8go.Null(i.iso)
		}
		name, value := arg(a, 1).String(), arg(a, 2).String()
		if name == "href" {
			if err := u.SetHref(value); err != nil {
				return v8go.Null(i.iso)
			}
		} else if set := urlSetters[name]; set != nil {
			set(u, value)
		}
		return i.components(u)
	})
	// Query names and values may contain NUL, so query lists cross as JSON [name0, value0, …].
	// queryParse(s) → JSON (application/x-www-form-urlencoded parsing).
	fn("queryParse", func(a []*v8go.Value) *v8go.Value {
		pairs := weburl.ParseQuery(arg(a, 0).String())
		flat := make([]string, 0, 2*len(pairs))
		for _, p := range pairs {
			flat = append(flat, p[0], p[1])
		}
		b, _ := json.Marshal(flat)
		return i.str(string(b))
	})
	// querySerialize(JSON [name0, value0, …]) → string.
	fn("querySerialize", func(a []*v8go.Value) *v8go.Value {
		var flat []string
		json.Unmarshal([]byte(arg(a, 0).String()), &flat)
		pairs := make([][2]string, 0, len(flat)/2)
		for k := 0; k+1 < len(flat); k += 2 {
			pairs = append(pairs, [2]string{flat[k], flat[k+1]})
		}
		return i.str(weburl.SerializeQuery(pairs))
	})
	fn("domainToASCII", func(a []*v8go.Value) *v8go.Value {
		s, err := weburl.DomainToASCII(arg(a, 0).String())
		if err != nil {
			return i.str("")
		}
		return i.str(s)
	})
}
