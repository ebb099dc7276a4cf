package isolate

import (
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
// search, hash] as a JS array.
func (i *Isolate) components(u *weburl.URL) *v8go.Value {
	c := u.Components()
	arr, err := i.ctx.RunScript("[]", "nanod:url")
	if err != nil {
		return nil
	}
	o := arr.Object()
	for n, s := range []string{c.Href, c.Origin, c.Protocol, c.Username, c.Password, c.Host, c.Hostname, c.Port, c.Pathname, c.Search, c.Hash} {
		o.SetIdx(uint32(n), s)
	}
	return i.keep(arr)
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
	// queryParse(s) → [name0, value0, …] (application/x-www-form-urlencoded parsing).
	fn("queryParse", func(a []*v8go.Value) *v8go.Value {
		return i.headerArray(weburl.ParseQuery(arg(a, 0).String()))
	})
	// querySerialize([name0, value0, …]) → string.
	fn("querySerialize", func(a []*v8go.Value) *v8go.Value {
		return i.str(weburl.SerializeQuery(readHeaderArray(arg(a, 0))))
	})
	fn("domainToASCII", func(a []*v8go.Value) *v8go.Value {
		s, err := weburl.DomainToASCII(arg(a, 0).String())
		if err != nil {
			return i.str("")
		}
		return i.str(s)
	})
}
