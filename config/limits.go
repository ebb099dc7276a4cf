package config

import (
	"fmt"
	"time"

	"github.com/nanod-runtime/nanod/capnp/compiler"
)

// Limits bound what one service may use. Zero values mean "no limit" (Isolates: every loop).
type Limits struct {
	CPU      time.Duration // CPU time per request
	MemoryMB int           // V8 heap plus ArrayBuffers per isolate
	Isolates int           // event loops that may host the service
	Queue    int           // requests in flight per service; more get 503 at once
	Timeout  time.Duration // wall-clock time per request
}

// RuntimeSettings are nanod's settings around the workerd config (Nanod.Runtime).
type RuntimeSettings struct {
	Defaults       Limits
	Admin          string // admin listener address; "" = off
	MemoryBudgetMB int
	perService     map[string]Limits
}

// LimitsFor returns the limits of a service: its own entry, else the defaults.
func (c *Config) LimitsFor(service string) Limits {
	if l, ok := c.Runtime.perService[service]; ok {
		return l
	}
	return c.Runtime.Defaults
}

// SetLimits sets the limits of a service (for front ends and flags).
func (c *Config) SetLimits(service string, l Limits) {
	if c.Runtime.perService == nil {
		c.Runtime.perService = map[string]Limits{}
	}
	c.Runtime.perService[service] = l
}

func uintField(sv *compiler.StructValue, name string) int {
	if fv := sv.Get(name); fv != nil {
		return int(fv.Value.Uint)
	}
	return 0
}

func limitsFrom(sv *compiler.StructValue, base Limits) Limits {
	l := base
	if sv.Get("cpuMs") != nil {
		l.CPU = time.Duration(uintField(sv, "cpuMs")) * time.Millisecond
	}
	if sv.Get("memoryMb") != nil {
		l.MemoryMB = uintField(sv, "memoryMb")
	}
	if sv.Get("isolates") != nil {
		l.Isolates = uintField(sv, "isolates")
	}
	if sv.Get("queue") != nil {
		l.Queue = uintField(sv, "queue")
	}
	if sv.Get("timeoutMs") != nil {
		l.Timeout = time.Duration(uintField(sv, "timeoutMs")) * time.Millisecond
	}
	return l
}

// runtimeSettings reads the Nanod.Runtime wrapper, checking that limits name real services.
func (b *builder) runtimeSettings() {
	rv := b.enc.runtime
	if rv == nil {
		return
	}
	rs := &b.cfg.Runtime
	sv := rv.Struct
	if d := sv.Get("defaults"); d != nil {
		rs.Defaults = limitsFrom(d.Value.Struct, Limits{})
	}
	if a := sv.Get("admin"); a != nil {
		if addr := a.Value.Struct.Get("address"); addr != nil {
			rs.Admin = addr.Value.Text
			if _, err := ParseAddress(rs.Admin, ""); err != nil {
				b.errs = append(b.errs, &Error{Pos: valuePos(addr.Value), Msg: fmt.Sprintf("admin address: %v", err)})
			}
		}
	}
	rs.MemoryBudgetMB = uintField(sv, "memoryBudgetMb")
	if ls := sv.Get("limits"); ls != nil {
		for _, item := range ls.Value.List {
			name := ""
			if f := item.Struct.Get("service"); f != nil {
				name = f.Value.Text
			}
			if b.cfg.byName[name] == nil {
				b.errs = append(b.errs, &Error{Pos: valuePos(item), Msg: fmt.Sprintf("limits name a service %q, but no such service is defined.", name)})
				continue
			}
			b.cfg.SetLimits(name, limitsFrom(item.Struct, rs.Defaults))
		}
	}
}

func valuePos(v *compiler.Value) string {
	if v.File == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", v.File.Path, v.Span.Start.Line, v.Span.Start.Col)
}
