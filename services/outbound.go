package services

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// loopBody adapts a BodySource (read on a loop) to the io.Reader an http.Client sends.
type loopBody struct {
	l   *isolate.Loop
	src isolate.BodySource
	buf []byte
	err error
}

func (b *loopBody) Read(p []byte) (int, error) {
	for len(b.buf) == 0 {
		if b.err != nil {
			return 0, b.err
		}
		ch := make(chan struct{})
		b.l.Post(func() {
			b.src.Read(b.l, func(chunk []byte, err error) {
				b.buf, b.err = chunk, err
				close(ch)
			})
		})
		<-ch
	}
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
}

func (b *loopBody) Close() error {
	b.l.Post(b.src.Close)
	return nil
}

// sendHTTP performs req with client (to the given URL) and streams the response into sink on l.
func sendHTTP(client *http.Client, l *isolate.Loop, req *isolate.Request, target string, sink isolate.ResponseSink) {
	if isWebSocketRequest(req.Header) {
		dialWebSocket(client, l, req, target, sink) // websocket.go
		return
	}
	var body io.ReadCloser
	if req.Body != nil {
		body = &loopBody{l: l, src: req.Body}
	}
	hr, err := http.NewRequest(req.Method, target, body)
	if err != nil {
		if body != nil {
			body.Close()
		}
		sink.End(fmt.Errorf("invalid request: %w", err))
		return
	}
	for _, kv := range req.Header {
		if strings.EqualFold(kv[0], "host") {
			hr.Host = kv[1]
			continue
		}
		hr.Header.Add(kv[0], kv[1])
	}
	if req.Body == nil {
		hr.ContentLength = 0
	} else if cl := hr.Header.Get("Content-Length"); cl != "" {
		fmt.Sscan(cl, &hr.ContentLength)
	} else {
		hr.ContentLength = -1
	}
	go func() {
		resp, err := client.Do(hr)
		if err != nil {
			l.Post(func() { sink.End(err) })
			return
		}
		var header [][2]string
		for name, values := range resp.Header {
			for _, v := range values {
				header = append(header, [2]string{strings.ToLower(name), v})
			}
		}
		status := resp.StatusCode
		text := strings.TrimSpace(strings.TrimPrefix(resp.Status, fmt.Sprint(status)))
		l.Post(func() { sink.Start(status, text, header) })
		pumpBody(l, resp.Body, sink)
	}()
}

// pumpBody copies r into sink chunk by chunk, waiting for each write to be taken (backpressure).
func pumpBody(l *isolate.Loop, r io.ReadCloser, sink isolate.ResponseSink) {
	defer r.Close()
	for {
		buf := make([]byte, bodyChunk)
		n, err := r.Read(buf)
		if n > 0 {
			werr := make(chan error, 1)
			chunk := buf[:n]
			l.Post(func() { sink.Write(chunk, func(e error) { werr <- e }) })
			if e := <-werr; e != nil {
				l.Post(func() { sink.End(e) })
				return
			}
		}
		if err == io.EOF {
			l.Post(func() { sink.End(nil) })
			return
		}
		if err != nil {
			l.Post(func() { sink.End(err) })
			return
		}
	}
}

// networkService sends requests to the host named in their URL, if its addresses are allowed.
type networkService struct {
	name   string
	client *http.Client
	dial   func(ctx context.Context, network, addr string) (net.Conn, error) // honours the rules
}

func newNetworkService(s *config.Service) (Service, error) {
	rules, err := parseRules(s.Network.Allow, s.Network.Deny)
	if err != nil {
		return nil, err
	}
	dialer := &net.Dialer{Timeout: 30 * time.Second}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, err
		}
		var lastErr error = fmt.Errorf("%s: no allowed address", host)
		for _, ip := range ips {
			if !rules.allowed(ip) {
				lastErr = fmt.Errorf("network service %q does not allow %s (%s)", s.Name, host, ip)
				continue
			}
			c, err := dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
			if err == nil {
				return c, nil
			}
			lastErr = err
		}
		return nil, lastErr
	}
	tr := &http.Transport{DialContext: dial, ForceAttemptHTTP2: true, MaxIdleConnsPerHost: 64,
		TLSHandshakeTimeout: 10 * time.Second}
	client := &http.Client{Transport: tr, CheckRedirect: noRedirects}
	return &networkService{name: s.Name, client: client, dial: dial}, nil
}

// noRedirects leaves redirects to the worker's fetch(), which follows them itself.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func (n *networkService) Name() string { return n.name }

func (n *networkService) Fetch(l *isolate.Loop, req *isolate.Request, sink isolate.ResponseSink) {
	u, err := url.Parse(req.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		if req.Body != nil {
			req.Body.Close()
		}
		sink.End(fmt.Errorf("fetch to %q is not supported (only http and https)", req.URL))
		return
	}
	sendHTTP(n.client, l, req, req.URL, sink)
}

// netRules is a network service's allow and deny lists.
type netRules struct {
	allow, deny []netRule
}

type netRule struct {
	word   string // public, private, local, network
	prefix netip.Prefix
}

func parseRules(allow, deny []string) (*netRules, error) {
	parse := func(list []string) ([]netRule, error) {
		var out []netRule
		for _, r := range list {
			switch r {
			case "public", "private", "local", "network", "unix", "unix-abstract":
				out = append(out, netRule{word: r})
				continue
			}
			p, err := netip.ParsePrefix(r)
			if err != nil {
				a, aerr := netip.ParseAddr(r)
				if aerr != nil {
					return nil, fmt.Errorf("bad network rule %q", r)
				}
				p = netip.PrefixFrom(a, a.BitLen())
			}
			out = append(out, netRule{prefix: p})
		}
		return out, nil
	}
	a, err := parse(allow)
	if err != nil {
		return nil, err
	}
	d, err := parse(deny)
	if err != nil {
		return nil, err
	}
	return &netRules{allow: a, deny: d}, nil
}

// classify says whether an address is local (loopback), private (RFC 1918, link-local, ULA,
// CGNAT and other non-routable ranges) or public, as workerd's network rules do.
func classify(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback() || ip.IsUnspecified():
		return "local"
	case ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsMulticast() ||
		netip.MustParsePrefix("100.64.0.0/10").Contains(ip) || netip.MustParsePrefix("0.0.0.0/8").Contains(ip) ||
		netip.MustParsePrefix("192.0.0.0/24").Contains(ip) || netip.MustParsePrefix("198.18.0.0/15").Contains(ip) ||
		netip.MustParsePrefix("240.0.0.0/4").Contains(ip) || netip.MustParsePrefix("64:ff9b:1::/48").Contains(ip):
		return "private"
	}
	return "public"
}

func (r *netRules) allowed(ip netip.Addr) bool {
	match := func(list []netRule) bool {
		cls := classify(ip)
		for _, rule := range list {
			switch {
			case rule.word == "network":
				if cls != "local" {
					return true
				}
			case rule.word != "":
				if rule.word == cls {
					return true
				}
			case rule.prefix.Contains(ip.Unmap()) || rule.prefix.Contains(ip):
				return true
			}
		}
		return false
	}
	return match(r.allow) && !match(r.deny)
}

// externalService sends every request to one configured server, whatever the URL's host.
type externalService struct {
	name   string
	base   string // scheme://address
	client *http.Client
	tcp    bool
}

func newExternalService(s *config.Service) (Service, error) {
	e := s.External
	scheme := "http"
	tr := &http.Transport{ForceAttemptHTTP2: true, MaxIdleConnsPerHost: 64}
	if e.HTTPS {
		scheme = "https"
		tr.TLSClientConfig = &tls.Config{ServerName: e.CertificateHost}
	}
	addr, err := config.ParseAddress(e.Address, map[bool]string{true: "443", false: "80"}[e.HTTPS])
	if err != nil {
		return nil, err
	}
	host := addr.ListenAddr()
	if addr.Network == "unix" {
		path := addr.Path
		tr.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", path)
		}
		host = "localhost"
	}
	return &externalService{name: s.Name, base: scheme + "://" + host, tcp: e.TCP,
		client: &http.Client{Transport: tr, CheckRedirect: noRedirects}}, nil
}

func (e *externalService) Name() string { return e.name }

func (e *externalService) Fetch(l *isolate.Loop, req *isolate.Request, sink isolate.ResponseSink) {
	if e.tcp {
		if req.Body != nil {
			req.Body.Close()
		}
		sink.End(errors.New("this external service only supports connect(), not fetch()"))
		return
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		sink.End(err)
		return
	}
	sendHTTP(e.client, l, req, e.base+u.RequestURI(), sink)
}
