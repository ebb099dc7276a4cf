package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

const header = "using Workerd = import \"/workerd/workerd.capnp\";\n"

func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "c.capnp")
}

func TestLoadGraph(t *testing.T) {
	p := write(t, map[string]string{
		"c.capnp": header + `
const app :Workerd.Config = (
  services = [
    (name = "front", worker = .front),
    (name = "back", worker = (modules = [(name = "b.js", esModule = "export default {}")], compatibilityDate = "2024-01-01")),
    (name = "files", disk = (path = "/srv", writable = true)),
    (name = "api", external = (address = "10.0.0.1:8443", https = ())),
  ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "front"),
              (name = "alt", address = "127.0.0.1", http = (style = proxy), service = (name = "back", entrypoint = "admin")) ],
);
const front :Workerd.Worker = (
  serviceWorkerScript = embed "front.js",
  compatibilityDate = "2023-02-28",
  bindings = [ (name = "BACK", service = "back"), (name = "GREETING", text = "hi"),
               (name = "CFG", json = "{\"a\":1}"), (name = "HOME", fromEnvironment = "HOME") ],
);`,
		"front.js": "addEventListener('fetch', e => e.respondWith(new Response('x')))",
	})
	cfg, err := config.Load(p, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range cfg.Services {
		names = append(names, s.Name+":"+s.Kind.String())
	}
	if got := strings.Join(names, " "); got != "front:worker back:worker files:disk api:external internet:network" {
		t.Errorf("services = %s", got)
	}
	f := cfg.Service("front").Worker
	if f.IsModules() || string(f.ServiceWorkerScript) == "" || len(f.Bindings) != 4 {
		t.Fatalf("front worker = %+v", f)
	}
	if b := f.Bindings[0]; b.Kind != config.BindService || b.Service.Service != "back" {
		t.Errorf("BACK binding = %+v", b)
	}
	if b := f.Bindings[2]; b.Kind != config.BindJSON || b.Text != `{"a":1}` {
		t.Errorf("CFG binding = %+v", b)
	}
	if s := cfg.Sockets[1]; s.Address != "127.0.0.1:80" || !s.HTTP.ProxyStyle || s.Service.Entrypoint != "admin" {
		t.Errorf("alt socket = %+v", s)
	}
	if e := cfg.Service("api").External; !e.HTTPS || e.Address != "10.0.0.1:8443" {
		t.Errorf("api = %+v", e)
	}
	if d := cfg.Service("files").Disk; d.Path != "/srv" || !d.Writable {
		t.Errorf("disk = %+v", d)
	}
	if !cfg.Service("internet").Implicit {
		t.Error("internet service should be implicit")
	}
}

func TestValidationErrors(t *testing.T) {
	p := write(t, map[string]string{"c.capnp": header + `const c :Workerd.Config = (
  services = [
    (name = "a", worker = (modules = [], compatibilityDate = "2023-01-01")),
    (name = "a", worker = (serviceWorkerScript = "x", compatibilityDate = "2023-01-01")),
    (name = "b", worker = (serviceWorkerScript = "x", compatibilityDate = "2023-01-01",
       bindings = [(name = "X", service = "nope"), (name = "Y")])),
    (name = "c", worker = (serviceWorkerScript = "x")),
    (name = "d"),
  ],
  sockets = [
    (name = "s", address = "*:99999", http = (), service = "a"),
    (name = "s", address = "*:80", http = (), service = "a"),
    (name = "t", http = (), service = "zz"),
  ],
);`})
	_, err := config.Load(p, config.Options{})
	if err == nil {
		t.Fatal("expected errors")
	}
	got := err.Error()
	want := []string{
		p + `:4:27: Worker "a" has no code: its modules list is empty.`,
		p + `:5:13: Config defines multiple services named "a".`,
		p + `:7:43: Worker "b"'s binding "X" refers to a service "nope", but no such service is defined.`,
		p + `:7:52: Worker "b"'s binding "Y" does not specify any binding value.`,
		p + `:8:27: Worker "c" must specify compatibilityDate.`,
		p + `:9:5: Service named "d" does not specify what to serve.`,
		p + `:12:28: Socket "s": invalid address "*:99999": bad port "99999"`,
		p + `:14:5: Socket "t" has no address in the config, so must be specified on the command line with ` + "`--socket-addr`.",
		p + `:14:39: Socket "t" refers to a service "zz", but no such service is defined.`,
	}
	lines := strings.Split(got, "\n")
	if len(lines) != len(want) {
		t.Errorf("got %d errors, want %d:\n%s", len(lines), len(want), got)
	}
	for i := range min(len(lines), len(want)) {
		if lines[i] != want[i] {
			t.Errorf("error %d:\n got  %s\n want %s", i, lines[i], want[i])
		}
	}
}

func TestConstSelection(t *testing.T) {
	p := write(t, map[string]string{"c.capnp": header + `
const one :Workerd.Config = (services = [(name = "x", external = (address = "1.2.3.4:80", http = ()))]);
const two :Workerd.Config = ();
const notConfig :Workerd.Worker = ();
`})
	if _, err := config.Load(p, config.Options{}); err == nil || !strings.Contains(err.Error(), "multiple top-level constants of type 'Config', so you must specify which one to use. The options are: one, two") {
		t.Errorf("err = %v", err)
	}
	cfg, err := config.Load(p, config.Options{Const: "one"})
	if err != nil || cfg.Service("x") == nil {
		t.Errorf("const one: %v", err)
	}
	for c, msg := range map[string]string{"nope": "No such constant is defined in the config file.", "notConfig": "Constant is not of type 'Config'."} {
		if _, err := config.Load(p, config.Options{Const: c}); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("const %s: %v", c, err)
		}
	}
}

func TestOverridesAndBinary(t *testing.T) {
	p := write(t, map[string]string{"c.capnp": header + `const c :Workerd.Config = (
  services = [(name = "d", disk = ()), (name = "e", external = (http = ()))],
  sockets = [(name = "http", http = (), service = "d")]);`})
	if _, err := config.Load(p, config.Options{}); err == nil {
		t.Fatal("expected missing-address errors")
	}
	opts := config.Options{SocketAddrs: map[string]string{"http": "localhost:9000"},
		DirectoryPaths: map[string]string{"d": "/tmp"}, ExternalAddrs: map[string]string{"e": "[::1]:81"}}
	cfg, err := config.Load(p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Sockets[0].Address != "localhost:9000" || cfg.Service("d").Disk.Path != "/tmp" || cfg.Service("e").External.Address != "[::1]:81" {
		t.Errorf("overrides not applied: %+v %+v %+v", cfg.Sockets[0], cfg.Service("d").Disk, cfg.Service("e").External)
	}
	// The same config through its binary encoding.
	enc, err := config.Compile(p, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := enc.Msg.Marshal()
	bin := filepath.Join(t.TempDir(), "c.bin")
	os.WriteFile(bin, data, 0o644)
	opts.Binary = true
	cfg2, err := config.Load(bin, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg2.Services) != len(cfg.Services) || cfg2.Sockets[0].Address != "localhost:9000" {
		t.Errorf("binary config differs: %+v", cfg2)
	}
	if _, err := config.Load(p, config.Options{SocketAddrs: map[string]string{"nope": "*:1"}, DirectoryPaths: opts.DirectoryPaths, ExternalAddrs: opts.ExternalAddrs}); err == nil ||
		!strings.Contains(err.Error(), `Config did not define any socket named "nope"`) {
		t.Errorf("unknown socket override: %v", err)
	}
}

func TestParseAddress(t *testing.T) {
	good := map[string]string{"*:8080": "*:8080", "1.2.3.4": "1.2.3.4:80", "[::1]:99": "[::1]:99",
		"localhost:1": "localhost:1", "unix:/tmp/s": "unix:/tmp/s", "unix-abstract:x": "unix-abstract:x", "*": "*:80"}
	for in, want := range good {
		a, err := config.ParseAddress(in, "80")
		if err != nil || a.String() != want {
			t.Errorf("ParseAddress(%q) = %v, %v; want %s", in, a, err, want)
		}
	}
	for _, bad := range []string{"", "::1:80", "host:http", "*:70000", "[::1", "bad host:80", ":80"} {
		if _, err := config.ParseAddress(bad, "80"); err == nil {
			t.Errorf("ParseAddress(%q) accepted", bad)
		}
	}
}

func TestCompatValidation(t *testing.T) {
	p := write(t, map[string]string{"c.capnp": header + `const c :Workerd.Config = (services = [
  (name = "future", worker = (serviceWorkerScript = "x", compatibilityDate = "2999-01-01")),
  (name = "flags", worker = (serviceWorkerScript = "x", compatibilityDate = "2024-01-01", compatibilityFlags = ["nodejs_compat", "no_such_flag"])),
  (name = "bad", worker = (serviceWorkerScript = "x", compatibilityDate = "2024-13-01")),
  (name = "ok", worker = (serviceWorkerScript = "x", compatibilityDate = "2024-09-23", compatibilityFlags = ["nodejs_compat"])),
]);`})
	_, err := config.Load(p, config.Options{})
	if err == nil {
		t.Fatal("expected errors")
	}
	for _, want := range []string{
		`service future: This Worker requires compatibility date "2999-01-01", but the newest date supported by this server binary is "` + config.MaxCompatDate + `".`,
		`service future: Can't set compatibility date in the future: "2999-01-01".`,
		`service flags: No such compatibility flag: no_such_flag`,
		`service bad: Invalid compatibility date: 2024-13-01`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%s", want, err)
		}
	}
	if strings.Contains(err.Error(), "service ok:") {
		t.Errorf("valid worker reported: %s", err)
	}
	// --compat-date: workers must not set a date, and any well-formed date is accepted.
	q := write(t, map[string]string{"c.capnp": header + `const c :Workerd.Config = (services = [
  (name = "t", worker = (serviceWorkerScript = "x", compatibilityFlags = ["nodejs_compat"]))]);`})
	cfg, err := config.Load(q, config.Options{CompatDate: "2999-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if w := cfg.Service("t").Worker; w.EffectiveDate != "2999-12-31" || !w.CompatEnabled["nodejs_compat"] {
		t.Errorf("worker = %+v", w)
	}
	if _, err := config.Load(p, config.Options{CompatDate: "2000-01-01"}); err == nil || !strings.Contains(err.Error(), "Worker specifies compatibilityDate but --compat-date was provided.") {
		t.Errorf("--compat-date with dated workers: %v", err)
	}
}
