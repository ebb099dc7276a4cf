// Package config turns a workerd config (Cap'n Proto text or binary) into a validated service
// graph: services with their kinds, worker code and bindings, and sockets routed to services.
//
// The text front end is capnp/compiler; the message is read through the generated types in
// capnp/workerd, so text and binary configs go through exactly the same code. Errors carry the
// source position of the offending value (file:line:col) when the config came from text.
package config

import "github.com/nanod-runtime/nanod/capnp/workerd"

// Config is a loaded, validated config.
type Config struct {
	Path     string
	Services []*Service // in config order, including the implicit "internet" service
	Sockets  []*Socket
	V8Flags  []string
	Logging  Logging
	Raw      workerd.Config // the underlying message
	Runtime  RuntimeSettings
	byName   map[string]*Service
}

// Service returns the service of that name, or nil.
func (c *Config) Service(name string) *Service { return c.byName[name] }

// Logging is Config.logging (and the deprecated top-level structuredLogging).
type Logging struct {
	Structured   bool
	StdoutPrefix string
	StderrPrefix string
}

// ServiceKind says what a service serves.
type ServiceKind int

const (
	KindWorker ServiceKind = iota
	KindNetwork
	KindExternal
	KindDisk
	KindOther  // a kind nanod does not serve yet (assets, bucket, …)
	KindRouter // routes by Host header (the JSON app format's front door)
)

func (k ServiceKind) String() string {
	return [...]string{"worker", "network", "external", "disk", "other", "router"}[k]
}

// Router sends each request to the service named for its Host header (port ignored).
type Router struct {
	Routes map[string]string // lower-case hostname -> service
}

// Service is one named service.
type Service struct {
	Name     string
	Kind     ServiceKind
	Implicit bool // the "internet" service added when the config defines none
	Worker   *Worker
	Network  *Network
	External *External
	Disk     *Disk
	Router   *Router
	Pos      string // file:line:col of its definition, when known
	path     string // value path in the config, e.g. "services[2]"
}

// Designator names a service, optionally an entrypoint and props (ServiceDesignator).
type Designator struct {
	Service    string
	Entrypoint string // "" = default export
	PropsJSON  string // "" = no props
}

// ModuleKind is the type of a worker module.
type ModuleKind int

const (
	ModuleESM ModuleKind = iota
	ModuleCommonJS
	ModuleText
	ModuleData
	ModuleWasm
	ModuleJSON
	ModulePython
	ModuleOther
)

func (k ModuleKind) String() string {
	return [...]string{"esModule", "commonJsModule", "text", "data", "wasm", "json", "pythonModule", "other"}[k]
}

// Module is one module of a modules-syntax worker; the first is the main module.
type Module struct {
	Name         string
	Kind         ModuleKind
	Source       []byte
	NamedExports []string
}

// Worker is a worker service's code and environment.
type Worker struct {
	Modules             []Module // nil for service-worker syntax
	ServiceWorkerScript []byte   // non-nil for service-worker syntax
	Inherit             string
	CompatibilityDate   string
	CompatibilityFlags  []string
	Bindings            []*Binding
	GlobalOutbound      Designator
	CacheAPIOutbound    *Designator
	DurableObjects      []DurableObjectNamespace
	Raw                 workerd.Worker
	// EffectiveDate is the compatibility date in force (--compat-date overrides the config's);
	// CompatEnabled says, for every enable-flag name, whether that feature is on.
	EffectiveDate string
	CompatEnabled map[string]bool
}

// IsModules reports whether the worker uses ES-modules syntax.
func (w *Worker) IsModules() bool { return w.ServiceWorkerScript == nil }

// DurableObjectNamespace is Worker.durableObjectNamespaces[i].
type DurableObjectNamespace struct {
	ClassName    string
	UniqueKey    string
	Ephemeral    bool
	PreventEvict bool
	EnableSQL    bool
}

// BindingKind is the type of a binding.
type BindingKind int

const (
	BindText BindingKind = iota
	BindData
	BindJSON
	BindWasm
	BindCryptoKey
	BindService
	BindDurableObjectNamespace
	BindKV
	BindR2
	BindQueue
	BindFromEnvironment
	BindUnsafeEval
	BindOther // a binding kind nanod does not provide yet
)

var bindingKindNames = [...]string{"text", "data", "json", "wasmModule", "cryptoKey", "service",
	"durableObjectNamespace", "kvNamespace", "r2Bucket", "queue", "fromEnvironment", "unsafeEval", "other"}

func (k BindingKind) String() string { return bindingKindNames[k] }

// Binding is one entry of a worker's env.
type Binding struct {
	Name    string
	Kind    BindingKind
	Text    string     // text, json, fromEnvironment (variable name)
	Data    []byte     // data, wasmModule
	Service Designator // service, kvNamespace, r2Bucket, queue
	Other   string     // the schema name of a BindOther kind
	Key     *CryptoKey // cryptoKey
	Raw     workerd.Worker_Binding
	Pos     string
}

// Network is a network service: outbound HTTP to addresses the allow/deny lists permit.
type Network struct {
	Allow []string
	Deny  []string
}

// External is an external HTTP server.
type External struct {
	Address string
	HTTPS   bool
	TCP     bool
	HTTP    HTTPOptions
	// CertificateHost is https.certificateHost: the name the server's certificate must have.
	CertificateHost string
}

// Disk is a directory on disk served over HTTP.
type Disk struct {
	Path          string
	Writable      bool
	AllowDotfiles bool
}

// SocketKind is the protocol a socket speaks.
type SocketKind int

const (
	SocketHTTP SocketKind = iota
	SocketHTTPS
	SocketTCP
	SocketOther
)

func (k SocketKind) String() string { return [...]string{"http", "https", "tcp", "other"}[k] }

// Socket is a listening socket routed to a service.
type Socket struct {
	Name    string
	Address string // as configured or overridden, with the default port applied
	Kind    SocketKind
	HTTP    HTTPOptions
	TLS     *TLSOptions
	Service Designator
	Pos     string
	path    string
}

// HTTPOptions are a socket's or external server's HTTP settings.
type HTTPOptions struct {
	ProxyStyle            bool // style = proxy: request lines carry absolute URLs
	ForwardedProtoHeader  string
	CfBlobHeader          string
	InjectRequestHeaders  []Header
	InjectResponseHeaders []Header
}

// Header is an injected header; Remove means the value was null (delete the header).
type Header struct {
	Name, Value string
	Remove      bool
}

// TLSOptions are the TLS settings of an https socket.
type TLSOptions struct {
	PrivateKey          string
	CertificateChain    string
	RequireClientCerts  bool
	TrustBrowserCAs     bool
	TrustedCertificates []string
	MinVersion          string // enumerant name, e.g. "tls1Dot2"; "" = goodDefault
	CipherList          string
}
