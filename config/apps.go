package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The JSON app format of the NANO runtime, accepted as a front end that builds the same service
// graph as a capnp config: each app is a worker service (its entrypoint an ES module or a
// service-worker script, relative to the JSON file), routed by the request's Host header.
//
//	{"server": {"host": "127.0.0.1", "port": 8080, "admin_port": 8889},
//	 "apps": [{"hostname": "api.example.com", "entrypoint": "./api.js",
//	           "limits": {"workers": 4, "memory_mb": 128, "timeout_secs": 30, "cpu_ms": 50},
//	           "env_vars": {"KEY": "value"}}]}

type appsFile struct {
	Server struct {
		Host      string `json:"host"`
		Port      int    `json:"port"`
		AdminPort int    `json:"admin_port"`
	} `json:"server"`
	Apps []struct {
		Hostname   string            `json:"hostname"`
		Entrypoint string            `json:"entrypoint"`
		EnvVars    map[string]string `json:"env_vars"`
		Limits     struct {
			Workers     int     `json:"workers"`
			MemoryMB    int     `json:"memory_mb"`
			TimeoutSecs float64 `json:"timeout_secs"`
			CPUMs       int     `json:"cpu_ms"`
			CPUTimeMs   int     `json:"cpu_time_ms"` // newer NANO spelling
		} `json:"limits"`
	} `json:"apps"`
}

// AppsCompatDate is the compatibility date of apps from the JSON format, which has none.
const AppsCompatDate = "2024-09-23"

// IsAppsFile reports whether path looks like a NANO JSON app file rather than a capnp config.
func IsAppsFile(path string) bool {
	if strings.HasSuffix(path, ".json") {
		return true
	}
	b, err := os.ReadFile(path)
	return err == nil && strings.HasPrefix(strings.TrimSpace(string(b)), "{")
}

var esmSyntax = regexp.MustCompile(`(?m)^\s*(export\s|import\s+[\w{*"'])`)

// LoadApps reads a NANO JSON app file into a validated service graph.
func LoadApps(path string, opts Options) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, ErrorList{{Pos: path, Msg: "No such file."}}
	}
	var f appsFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		// Unknown fields of the wider NANO format (logging, vfs, sliver…) are fine; re-read leniently.
		if err2 := json.Unmarshal(data, &f); err2 != nil {
			return nil, ErrorList{{Pos: path, Msg: "invalid JSON app file: " + err2.Error()}}
		}
	}
	var errs ErrorList
	cfg := &Config{Path: path, byName: map[string]*Service{}}
	router := &Service{Name: "router", Kind: KindRouter, Router: &Router{Routes: map[string]string{}}}
	dir := filepath.Dir(path)
	for n, app := range f.Apps {
		pos := fmt.Sprintf("%s: apps[%d]", path, n)
		host := strings.ToLower(app.Hostname)
		if host == "" {
			errs = append(errs, &Error{Pos: pos, Msg: "app has no hostname"})
			continue
		}
		if _, dup := router.Router.Routes[host]; dup {
			errs = append(errs, &Error{Pos: pos, Msg: fmt.Sprintf("two apps for hostname %q", host)})
			continue
		}
		entry := app.Entrypoint
		if !filepath.IsAbs(entry) {
			entry = filepath.Join(dir, entry)
		}
		src, err := os.ReadFile(entry)
		if err != nil {
			errs = append(errs, &Error{Pos: pos, Msg: fmt.Sprintf("entrypoint %q: %v", app.Entrypoint, err)})
			continue
		}
		w := &Worker{CompatibilityDate: AppsCompatDate, GlobalOutbound: Designator{Service: "internet"}}
		if esmSyntax.Match(src) {
			w.Modules = []Module{{Name: filepath.Base(entry), Kind: ModuleESM, Source: src}}
		} else {
			w.ServiceWorkerScript = src
		}
		keys := make([]string, 0, len(app.EnvVars))
		for k := range app.EnvVars {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			w.Bindings = append(w.Bindings, &Binding{Name: k, Kind: BindText, Text: app.EnvVars[k]})
		}
		name := "app:" + host
		s := &Service{Name: name, Kind: KindWorker, Worker: w, Pos: pos}
		cfg.Services = append(cfg.Services, s)
		cfg.byName[name] = s
		router.Router.Routes[host] = name
		l := app.Limits
		cpu := l.CPUMs
		if cpu == 0 {
			cpu = l.CPUTimeMs
		}
		cfg.SetLimits(name, Limits{CPU: time.Duration(cpu) * time.Millisecond, MemoryMB: l.MemoryMB,
			Isolates: l.Workers, Timeout: time.Duration(l.TimeoutSecs * float64(time.Second))})
	}
	cfg.Services = append(cfg.Services, router, &Service{Name: "internet", Kind: KindNetwork, Implicit: true, Network: &Network{Allow: []string{"public"}}})
	cfg.byName["router"] = router
	cfg.byName["internet"] = cfg.Services[len(cfg.Services)-1]
	host := f.Server.Host
	if host == "" {
		host = "127.0.0.1"
	}
	port := f.Server.Port
	if port == 0 {
		port = 8080
	}
	addr := host + ":" + strconv.Itoa(port)
	if a, ok := opts.SocketAddrs["http"]; ok {
		addr = a
	}
	parsed, err := ParseAddress(addr, "80")
	if err != nil {
		errs = append(errs, &Error{Pos: path, Msg: fmt.Sprintf("server: %v", err)})
	} else {
		addr = parsed.String()
	}
	cfg.Sockets = []*Socket{{Name: "http", Address: addr, Kind: SocketHTTP, Service: Designator{Service: "router"}}}
	if f.Server.AdminPort != 0 {
		cfg.Runtime.Admin = host + ":" + strconv.Itoa(f.Server.AdminPort)
	}
	if len(f.Apps) == 0 {
		errs = append(errs, &Error{Pos: path, Msg: "no apps defined"})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return cfg, nil
}
