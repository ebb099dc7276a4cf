# nanod — see README.md. `make run` serves a sample; `make test` runs every test.
GO        ?= go
BIN       := bin/nanod
SAMPLE    ?= samples/helloworld_esm/config.capnp
FUZZTIME  ?= 5m

.PHONY: build run test oracle bench fuzz lint generate clean

build:
	$(GO) build -o $(BIN) ./cmd/nanod

run: build
	./$(BIN) serve $(SAMPLE)

# oracle installs real workerd from npm for the differential tests; they skip cleanly without it.
oracle:
	@if [ -x node_modules/.bin/workerd ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1 \
			&& echo "oracle: workerd $$(node_modules/.bin/workerd --version 2>/dev/null)" \
			|| echo "oracle: npm install workerd failed; oracle tests will skip"; \
	else echo "oracle: npm not found; oracle tests will skip"; fi

test: oracle
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -run='^$$' -fuzz=FuzzCompile -fuzztime=15s ./capnp/compiler

# bench: nanod vs workerd vs raw Go (bench/cmd/nanobench; settings via BENCH_* env vars, see
# `go run ./bench/cmd/nanobench -help`), then the Go micro-benchmarks.
BENCH_FLAGS ?=
bench: oracle build
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get update && apt-get install -y wrk) >/dev/null 2>&1; } \
		|| echo "bench: wrk not installed; using the Go load generator"
	$(GO) run ./bench/cmd/nanobench $(BENCH_FLAGS)
	$(GO) test -run='^$$' -bench=. -benchtime=2s ./...

fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzCompile -fuzztime=$(FUZZTIME) ./capnp/compiler

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

generate:
	$(GO) generate ./capnp/... ./isolate

clean:
	rm -rf bin
