package services

import (
	"net"
	"strings"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// routerService sends each request to the service its Host header names (the JSON app
// format's front door); unknown hosts get 404.
type routerService struct {
	name   string
	rt     *Runtime
	routes map[string]string
}

func newRouterService(rt *Runtime, s *config.Service) Service {
	return &routerService{name: s.Name, rt: rt, routes: s.Router.Routes}
}

func (r *routerService) Name() string { return r.name }

func (r *routerService) Fetch(l *isolate.Loop, req *isolate.Request, sink isolate.ResponseSink) {
	host := ""
	for _, kv := range req.Header {
		if kv[0] == "host" {
			host = kv[1]
			break
		}
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	target := r.routes[strings.ToLower(strings.TrimSuffix(host, "."))]
	svc := r.rt.services[target]
	if svc == nil {
		if req.Body != nil {
			req.Body.Close()
		}
		respondText(sink, 404, "no app for host "+host+"\n")
		return
	}
	svc.Fetch(l, req, sink)
}
