module github.com/nanod-runtime/nanod

go 1.26.8

require (
	capnproto.org/go/capnp/v3 v3.1.0-alpha.2
	github.com/evanw/esbuild v0.28.2
	golang.org/x/net v0.62.0
	golang.org/x/sys v0.49.0
	rogchap.com/v8go v0.9.0
)

require (
	github.com/colega/zeropool v0.0.0-20230505084239-6fb4a4f75381 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
