# stancetag: `make help` lists the targets.
#
# Every tool runs through `go tool -modfile=tools/go.mod` (versions pinned in
# tools/go.mod), so nothing has to be installed besides Go and git.

GO       ?= go
TOOL     := $(GO) tool -modfile=tools/go.mod
BUF      := $(TOOL) buf
# Where the shared evaluation sets live (../shared/eval/*.jsonl).
SHARED   ?= ../shared
# How long each fuzz target runs in `make fuzz`.
FUZZTIME ?= 30s
# Address of `make run`.
LISTEN   ?= :50051

# The proto file whose first commit is the API.md contract baseline.
API_PROTO := proto/stance/v1/stance.proto

.DEFAULT_GOAL := help
.PHONY: help run build generate lint check-generated breaking test unit e2e eval bench fuzz clean \
        ts-deps ts-client-generate ts-check-generated ts-test client-example \
        bench-compare loadtest soak profile rss instr

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# Build, then exec: the server is make's child itself, so the SIGTERM make
# passes on when it is killed stops the server (under `go run` it stopped
# only go, and the server kept the port).
run: ## serve the gRPC API on LISTEN (default :50051) with the embedded lexicon
	$(GO) build -o bin/stancetag ./cmd/stancetag
	exec bin/stancetag serve --listen $(LISTEN)

build: ## build bin/stancetag
	$(GO) build -trimpath -buildvcs=auto -o bin/stancetag ./cmd/stancetag

generate: ## regenerate gen/ from proto/ (buf generate)
	$(BUF) generate

lint: ## buf lint, buf format, gofmt and go vet
	$(BUF) lint
	$(BUF) format -d --exit-code
	@out="$$(gofmt -l $$($(GO) list -e -f '{{.Dir}}' ./...) | sed "s|^$(CURDIR)/||" | sort -u)"; \
	if [ -n "$$out" ]; then echo "gofmt -l: these files need gofmt -w:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

check-generated: generate ## fail if gen/ differs from what buf generates
	@if [ -n "$$(git status --porcelain -- gen/)" ] || ! git diff --quiet -- gen/; then \
	  echo "gen/ is out of date with proto/ (or edited by hand): run 'make generate' and commit gen/"; \
	  git status --porcelain -- gen/; git --no-pager diff --stat -- gen/; exit 1; \
	fi

breaking: ## buf breaking against HEAD~1 and against the API contract baseline
	@if git rev-parse -q --verify 'HEAD~1^{commit}' >/dev/null && git cat-file -e 'HEAD~1:proto' 2>/dev/null; then \
	  echo "buf breaking --against .git#ref=HEAD~1"; \
	  $(BUF) breaking --against '.git#ref=HEAD~1' || exit 1; \
	else \
	  echo "buf breaking against HEAD~1: skipped (no parent commit with proto/)"; \
	fi
	@if [ "$$(git rev-parse --is-shallow-repository)" = true ]; then \
	  echo "buf breaking against the contract baseline: skipped (shallow clone: history incomplete)"; exit 0; \
	fi; \
	base="$$(git log --diff-filter=A --format=%H -- $(API_PROTO) | tail -n 1)"; \
	if [ -z "$$base" ]; then \
	  echo "buf breaking against the contract baseline: skipped ($(API_PROTO) not committed yet)"; \
	else \
	  echo "buf breaking --against .git#ref=$$base (first commit of $(API_PROTO): the API.md contract)"; \
	  $(BUF) breaking --against ".git#ref=$$base"; \
	fi

test: check-generated lint breaking unit e2e ts-test ## everything CI runs: generated code (Go and TS), lint, breaking, unit tests with -race, e2e, TS client tests

unit: ## go test -race for every package but e2e
	$(GO) test -race $$($(GO) list ./... | grep -v '/e2e$$')

e2e: ## build the binary, serve, and drive it with grpcurl and the analyze CLI
	$(GO) test -count=1 -v ./e2e/

eval: ## score the classifier on SHARED/eval/*.jsonl (SHARED defaults to ../shared)
	$(GO) run ./cmd/stancetag eval $(SHARED)/eval/*.jsonl

bench: ## run every benchmark, with allocations
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz: ## run every Fuzz target for FUZZTIME (default 30s) each
	@$(GO) test -list '^Fuzz' ./... | awk '\
	  /^Fuzz/ { names[n++] = $$1; next } \
	  /^ok/   { for (i = 0; i < n; i++) print $$2, names[i]; n = 0; next } \
	          { n = 0 }' > .fuzz-targets; \
	if [ ! -s .fuzz-targets ]; then echo "no Fuzz targets"; fi; \
	status=0; \
	while read -r pkg name; do \
	  echo "== $$pkg $$name"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s "$$pkg" || { status=1; break; }; \
	done < .fuzz-targets; \
	rm -f .fuzz-targets; exit $$status

clean: ## remove build output and the test cache
	rm -rf bin/ .fuzz-targets
	$(GO) clean -testcache

# Speed, load and memory measurements (bench/). Each script builds what it
# needs into BENCH_DIR and takes its settings from the environment (see the
# comment at the top of each script), e.g. `ROUNDS=2 make bench-compare`.
# Quote medians and side-by-side ratios, not single runs: shared/MEASURING.md.
BENCH_DIR ?= $(or $(TMPDIR),/tmp)/stancetag-bench
export BENCH_DIR
# Statements piped through `stancetag analyze` by `make rss`.
RSS_N ?= 1000000

bench-compare: ## stancetag analyze vs govader over 100,000 generated statements, alternating, ROUNDS (5) rounds
	bench/compare.sh

loadtest: ## serve on loopback; ghz unary + batch-100, Go client batch + stream; SOAK=60s soaks instead
	bench/loadtest.sh

soak: ## SOAK (60s) of mixed load, server RSS sampled every 5 s; fails on any error
	SOAK=$${SOAK:-60s} bench/loadtest.sh

profile: ## CPU profile of BenchmarkAnalyze25Words (classifier/lexicon) and the top of pprof -top
	bench/profile.sh

instr: ## instructions per op of the classifier benchmarks, counted by callgrind (repeatable on a busy machine)
	bench/instr.sh

rss: ## peak RSS of stancetag analyze over RSS_N (1,000,000) statements piped from the generator
	bench/rss.sh $(RSS_N)

# TypeScript client (clients/typescript/): Node and npm only; protoc-gen-es and
# the runtime are pinned in clients/typescript/package-lock.json.
TS_DIR := clients/typescript

ts-deps: ## npm ci in clients/typescript (once per lockfile change)
	@if [ ! -d $(TS_DIR)/node_modules ] || [ $(TS_DIR)/package-lock.json -nt $(TS_DIR)/node_modules/.package-lock.json ]; then \
	  cd $(TS_DIR) && npm ci --no-audit --no-fund; \
	fi

ts-client-generate: ts-deps ## regenerate clients/typescript/src/gen from proto/ (local protoc-gen-es)
	$(BUF) generate --template buf.gen.ts.yaml

ts-check-generated: ts-client-generate ## fail if clients/typescript/src/gen differs from what buf generates
	@if [ -n "$$(git status --porcelain -- $(TS_DIR)/src/gen)" ]; then \
	  echo "$(TS_DIR)/src/gen is out of date with proto/: run 'make ts-client-generate' and commit it"; \
	  git status --porcelain -- $(TS_DIR)/src/gen; exit 1; \
	fi

ts-test: ts-check-generated ## type-check the TS client and run its node --test suite against a freshly built server
	$(GO) build -o bin/stancetag ./cmd/stancetag
	cd $(TS_DIR) && npm run --silent typecheck && STANCETAG_BIN=$(CURDIR)/bin/stancetag node --test test/*.test.mjs

client-example: ts-deps ## print an Analysis from the TS client: make client-example ADDR=host:port TEXT='Paris backed the plan.'
	$(if $(ADDR),,$(error usage: make client-example ADDR=host:port TEXT='...'))
	$(if $(value TEXT),,$(error usage: make client-example ADDR=host:port TEXT='...'))
	cd $(TS_DIR) && node example.mjs '$(ADDR)' '$(subst ','\'',$(value TEXT))'
