module github.com/nanod-runtime/nanod

go 1.26.8

require (
	capnproto.org/go/capnp/v3 v3.1.0-alpha.2 // indirect
	github.com/coder/websocket v1.8.15 // indirect
	github.com/colega/zeropool v0.0.0-20230505084239-6fb4a4f75381 // indirect
	github.com/evanw/esbuild v0.28.2 // indirect
	github.com/prometheus/client_golang v1.25.0 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/sync v0.7.0 // indirect
	rogchap.com/v8go v0.9.0 // indirect
)
