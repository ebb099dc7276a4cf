package config

import (
	"fmt"

	capnp "capnproto.org/go/capnp/v3"
	"github.com/nanod-runtime/nanod/capnp/workerd"
)

// builder reads the message into the model and collects every error it finds.
type builder struct {
	enc  *Encoded
	opts Options
	errs ErrorList
	cfg  *Config
}

func (b *builder) errorf(path, format string, args ...any) {
	b.errs = append(b.errs, &Error{Pos: b.enc.position(path), Msg: fmt.Sprintf(format, args...)})
}

func text(get func() (string, error)) string {
	s, _ := get()
	return s
}

func textList(l capnp.TextList, err error) []string {
	if err != nil {
		return nil
	}
	out := make([]string, l.Len())
	for i := range out {
		out[i], _ = l.At(i)
	}
	return out
}

// Build validates an encoded config and returns its service graph. All errors found are returned
// together, sorted by position.
func Build(enc *Encoded, opts Options) (*Config, error) {
	b := &builder{enc: enc, opts: opts, cfg: &Config{Path: enc.Path, Raw: enc.Root, byName: map[string]*Service{}}}
	b.build()
	if len(b.errs) > 0 {
		sortErrors(b.errs)
		return nil, b.errs
	}
	return b.cfg, nil
}

func (b *builder) build() {
	root := b.enc.Root
	cfg := b.cfg
	cfg.V8Flags = textList(root.V8Flags())
	cfg.Logging.Structured = root.StructuredLogging()
	if root.HasLogging() {
		lg, _ := root.Logging()
		cfg.Logging.Structured = cfg.Logging.Structured || lg.StructuredLogging()
		cfg.Logging.StdoutPrefix = text(lg.StdoutPrefix)
		cfg.Logging.StderrPrefix = text(lg.StderrPrefix)
	}

	services, _ := root.Services()
	for i := 0; i < services.Len(); i++ {
		path := fmt.Sprintf("services[%d]", i)
		s := b.service(path, services.At(i))
		if s == nil {
			continue
		}
		if _, dup := cfg.byName[s.Name]; dup {
			b.errorf(path+".name", "Config defines multiple services named \"%s\".", s.Name)
			continue
		}
		cfg.byName[s.Name] = s
		cfg.Services = append(cfg.Services, s)
	}
	if _, ok := cfg.byName["internet"]; !ok {
		// workerd adds a network service for the global fetch() that reaches public addresses.
		s := &Service{Name: "internet", Kind: KindNetwork, Implicit: true, Network: &Network{Allow: []string{"public"}}}
		cfg.byName[s.Name] = s
		cfg.Services = append(cfg.Services, s)
	}
	for name := range b.opts.DirectoryPaths {
		if s := cfg.byName[name]; s == nil || s.Kind != KindDisk {
			b.errs = append(b.errs, &Error{Msg: fmt.Sprintf("Config did not define any disk service named \"%s\" to match the override provided on the command line.", name)})
		}
	}
	for name := range b.opts.ExternalAddrs {
		if s := cfg.byName[name]; s == nil || s.Kind != KindExternal {
			b.errs = append(b.errs, &Error{Msg: fmt.Sprintf("Config did not define any external service named \"%s\" to match the override provided on the command line.", name)})
		}
	}

	sockets, _ := root.Sockets()
	// As in workerd, socket names need not be unique; a --socket-addr override applies to the
	// first socket of its name.
	seen := map[string]bool{}
	for i := 0; i < sockets.Len(); i++ {
		s := b.socket(fmt.Sprintf("sockets[%d]", i), sockets.At(i), !seen[text(sockets.At(i).Name)])
		seen[s.Name] = true
		cfg.Sockets = append(cfg.Sockets, s)
	}
	for name := range b.opts.SocketAddrs {
		if !seen[name] {
			b.errs = append(b.errs, &Error{Msg: fmt.Sprintf("Config did not define any socket named \"%s\" to match the override provided on the command line.", name)})
		}
	}

	b.runtimeSettings()

	// Designators are checked once every service is known.
	for _, s := range cfg.Services {
		if s.Worker != nil {
			b.checkWorkerRefs(s.path+".worker", s)
		}
	}
	for _, s := range cfg.Sockets {
		b.checkDesignator(s.path+".service", fmt.Sprintf("Socket \"%s\"", s.Name), s.Service)
	}
}

func (b *builder) service(path string, s workerd.Service) *Service {
	out := &Service{Name: text(s.Name), Pos: b.enc.position(path), path: path}
	switch s.Which() {
	case workerd.Service_Which_worker:
		out.Kind = KindWorker
		w, _ := s.Worker()
		out.Worker = b.worker(path+".worker", out.Name, w)
	case workerd.Service_Which_network:
		out.Kind = KindNetwork
		n, _ := s.Network()
		out.Network = &Network{Allow: []string{"public"}, Deny: textList(n.Deny())}
		if n.HasAllow() {
			out.Network.Allow = textList(n.Allow())
		}
		for j, a := range append(append([]string(nil), out.Network.Allow...), out.Network.Deny...) {
			if err := checkNetworkRule(a); err != nil {
				b.errorf(fmt.Sprintf("%s.network", path), "Network service \"%s\": rule %d: %v", out.Name, j, err)
			}
		}
	case workerd.Service_Which_external:
		out.Kind = KindExternal
		e, _ := s.External()
		out.External = b.external(path+".external", out.Name, e)
	case workerd.Service_Which_disk:
		out.Kind = KindDisk
		d, _ := s.Disk()
		out.Disk = &Disk{Path: text(d.Path), Writable: d.Writable(), AllowDotfiles: d.AllowDotfiles()}
		if p, ok := b.opts.DirectoryPaths[out.Name]; ok {
			out.Disk.Path = p
		}
		if out.Disk.Path == "" {
			b.errorf(path, "Directory \"%s\" has no path in the config, so must be specified on the command line with `--directory-path`.", out.Name)
		}
	case workerd.Service_Which_unspecified:
		b.errorf(path, "Service named \"%s\" does not specify what to serve.", out.Name)
		return nil
	default:
		out.Kind = KindOther
	}
	return out
}

func designator(d workerd.ServiceDesignator) Designator {
	out := Designator{Service: text(d.Name), Entrypoint: text(d.Entrypoint)}
	if d.Props().Which() == workerd.ServiceDesignator_props_Which_json {
		out.PropsJSON = text(d.Props().Json)
	}
	return out
}

func (b *builder) checkDesignator(path, context string, d Designator) {
	t := b.cfg.byName[d.Service]
	switch {
	case t == nil:
		b.errorf(path, "%s refers to a service \"%s\", but no such service is defined.", context, d.Service)
	case t.Kind != KindWorker && d.Entrypoint != "":
		b.errorf(path, "%s refers to service \"%s\" with a named entrypoint \"%s\", but \"%s\" is not a Worker, so does not have any named entrypoints.", context, d.Service, d.Entrypoint, d.Service)
	case t.Kind != KindWorker && d.PropsJSON != "":
		b.errorf(path, "%s refers to service \"%s\" and provides a `props` value, but \"%s\" is not a Worker, so cannot accept `props`", context, d.Service, d.Service)
	}
}

func (b *builder) external(path, name string, e workerd.ExternalServer) *External {
	out := &External{Address: text(e.Address)}
	if a, ok := b.opts.ExternalAddrs[name]; ok {
		out.Address = a
	}
	defPort := "80"
	switch e.Which() {
	case workerd.ExternalServer_Which_http:
		o, _ := e.Http()
		out.HTTP = httpOptions(o)
	case workerd.ExternalServer_Which_https:
		h := e.Https()
		o, _ := h.Options()
		out.HTTP = httpOptions(o)
		out.HTTPS = true
		out.CertificateHost = text(h.CertificateHost)
		defPort = "443"
	case workerd.ExternalServer_Which_tcp:
		out.TCP = true
		defPort = ""
	}
	if out.Address == "" {
		b.errorf(path, "External service \"%s\" has no address in the config, so must be specified on the command line with `--external-addr`.", name)
		return out
	}
	addr, err := ParseAddress(out.Address, defPort)
	if err != nil {
		b.errorf(path+".address", "External service \"%s\": %v", name, err)
		return out
	}
	out.Address = addr.String()
	return out
}

func httpOptions(o workerd.HttpOptions) HTTPOptions {
	out := HTTPOptions{
		ProxyStyle:           o.Style() == workerd.HttpOptions_Style_proxy,
		ForwardedProtoHeader: text(o.ForwardedProtoHeader),
		CfBlobHeader:         text(o.CfBlobHeader),
	}
	headers := func(l workerd.HttpOptions_Header_List, err error) []Header {
		if err != nil {
			return nil
		}
		hs := make([]Header, l.Len())
		for i := range hs {
			h := l.At(i)
			hs[i] = Header{Name: text(h.Name), Value: text(h.Value), Remove: !h.HasValue()}
		}
		return hs
	}
	out.InjectRequestHeaders = headers(o.InjectRequestHeaders())
	out.InjectResponseHeaders = headers(o.InjectResponseHeaders())
	return out
}

func (b *builder) socket(path string, s workerd.Socket, first bool) *Socket {
	out := &Socket{Name: text(s.Name), Address: text(s.Address), Pos: b.enc.position(path), path: path}
	if a, ok := b.opts.SocketAddrs[out.Name]; ok && first {
		out.Address = a
	}
	sd, _ := s.Service()
	out.Service = designator(sd)
	defPort := "80"
	switch s.Which() {
	case workerd.Socket_Which_http:
		out.Kind = SocketHTTP
		o, _ := s.Http()
		out.HTTP = httpOptions(o)
	case workerd.Socket_Which_https:
		out.Kind = SocketHTTPS
		defPort = "443"
		h := s.Https()
		o, _ := h.Options()
		out.HTTP = httpOptions(o)
		t, _ := h.TlsOptions()
		out.TLS = tlsOptions(t)
		if out.TLS.PrivateKey == "" || out.TLS.CertificateChain == "" {
			b.errorf(path+".https", "Socket \"%s\" uses https but its tlsOptions has no keypair.", out.Name)
		}
	case workerd.Socket_Which_tcp:
		out.Kind = SocketTCP
		defPort = ""
	default:
		out.Kind = SocketOther
	}
	if out.Address == "" {
		if !b.opts.SkipAddressCheck {
			b.errorf(path, "Socket \"%s\" has no address in the config, so must be specified on the command line with `--socket-addr`.", out.Name)
		}
		return out
	}
	addr, err := ParseAddress(out.Address, defPort)
	if err != nil {
		b.errorf(path+".address", "Socket \"%s\": %v", out.Name, err)
		return out
	}
	out.Address = addr.String()
	return out
}

func tlsOptions(t workerd.TlsOptions) *TLSOptions {
	out := &TLSOptions{
		RequireClientCerts:  t.RequireClientCerts(),
		TrustBrowserCAs:     t.TrustBrowserCas(),
		TrustedCertificates: textList(t.TrustedCertificates()),
		CipherList:          text(t.CipherList),
	}
	if t.HasKeypair() {
		kp, _ := t.Keypair()
		out.PrivateKey = text(kp.PrivateKey)
		out.CertificateChain = text(kp.CertificateChain)
	}
	if v := t.MinVersion(); v != workerd.TlsOptions_Version_goodDefault {
		out.MinVersion = v.String()
	}
	return out
}
