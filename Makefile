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
# How long fuzz may spend minimising a new input (a duration, or a count Nx).
FUZZMINIMIZETIME ?= 5s
# The syntax model: UD English EWT in $(SHARED)/ud, the model embedded from
# classifier/lexicon/data (its file header: classifier/lexicon/syntax/model.go).
UD          ?= $(SHARED)/ud
PARSER_MODEL := classifier/lexicon/data/syntax/en_ewt.model
# Address of `make run`.
LISTEN   ?= :50051

# The proto file whose first commit is the API.md contract baseline.
API_PROTO := proto/stance/v1/stance.proto

.DEFAULT_GOAL := help
.PHONY: deps help run build generate lint lint-go tidy-check check-generated breaking test unit e2e eval posts-lexicon lexicon-fit lexicon-fit-check bench fuzz clean \
        ts-deps ts-client-generate ts-check-generated ts-test client-example \
        bench-compare loadtest soak profile rss instr java-check java-example \
        python-generate python-check-generated python-test rules-test \
        parser-model parser-eval parser-model-check

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  %-19s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

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

# golangci-lint v2, pinned in tools/go.mod; .golangci.yml says which linters
# run and why. Its first run builds it and fills its cache (386 s wall, 205 s
# of CPU, with empty caches on the busy 2-core machine); later runs take a few
# seconds, checking only the packages that changed.
lint-go: ## golangci-lint run ./... (.golangci.yml)
	$(TOOL) golangci-lint run ./...

# Both modules: the service (go.mod) and the pinned tools (tools/go.mod, whose
# module root is tools/: run from here with -modfile, tidy would take this
# repository's packages for the tools module's).
tidy-check: ## fail if go mod tidy would change go.mod/go.sum or tools/go.mod/go.sum
	@status=0; \
	for dir in . tools; do \
	  if ! out="$$(cd $$dir && $(GO) mod tidy -diff 2>&1)"; then \
	    echo "$$dir/go.mod is not tidy: run 'cd $$dir && go mod tidy' and commit the result:"; \
	    echo "$$out"; status=1; \
	  fi; \
	done; exit $$status

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

test: deps tidy-check check-generated lint lint-go breaking unit e2e ts-test python-test rules-test ## everything CI runs: tidy modules, generated code (Go, TS, Python), lint (buf, gofmt, vet, golangci-lint), breaking, unit tests with -race, e2e, TS and Python client tests, promtool rule tests

unit: ## go test -race for every package but e2e
	$(GO) test -race $$($(GO) list ./... | grep -v '/e2e$$')

e2e: ## build the binary, serve, and drive it with grpcurl and the analyze CLI
	$(GO) test -count=1 -v ./e2e/

eval: ## score the classifier on SHARED/eval/*.jsonl (SHARED defaults to ../shared) and the repo's own eval/sets/*.jsonl
	$(GO) run ./cmd/stancetag eval $(SHARED)/eval/*.jsonl eval/sets/*.jsonl

lexicon-fit: ## fit classifier/lexicon/data/stance/fitted.tsv to SHARED/eval/newsmtsc-train.jsonl (a few seconds; pinned rows kept)
	$(GO) run ./cmd/stancetag fit --train $(SHARED)/eval/newsmtsc-train.jsonl --out classifier/lexicon/data/stance/fitted.tsv

lexicon-fit-check: ## refit into memory and fail unless the committed fitted.tsv is what comes out (also a unit test)
	$(GO) run ./cmd/stancetag fit --train $(SHARED)/eval/newsmtsc-train.jsonl --check classifier/lexicon/data/stance/fitted.tsv

posts-lexicon: ## regenerate classifier/lexicon/data/sentiment/posts.tsv from SHARED/lexicons/vader
	$(GO) run ./classifier/lexicon/sentiment/internal/postsgen -vader $(SHARED)/lexicons/vader > classifier/lexicon/data/sentiment/posts.tsv

# The syntax model (issue 10). Training takes a few minutes on 2 cores and is
# deterministic: the same data, flags and seed give the same bytes, which
# parser-model-check verifies. CI trains only a tiny model (cmd/stancetag
# TestParserTrain); parser-model-check is too slow for it: run it by hand
# after changing the trainer or the data.
parser-model: ## train the syntax model on UD/en_ewt-ud-train.conllu (UD defaults to SHARED/ud) into classifier/lexicon/data/syntax/en_ewt.model; a few minutes
	@mkdir -p $(dir $(PARSER_MODEL))
	$(GO) run ./cmd/stancetag parser-train --ud $(UD) --out $(PARSER_MODEL)

parser-eval: ## UPOS, UAS, LAS and words/s of the embedded syntax model on UD/en_ewt-ud-dev.conllu, gold tokens
	$(GO) run ./cmd/stancetag parser-eval --ud $(UD)

parser-model-check: ## retrain into a temp file and cmp it with the committed model; a few minutes, not part of CI
	@tmp="$$(mktemp)"; trap 'rm -f "$$tmp"' EXIT; \
	$(GO) run ./cmd/stancetag parser-train --ud $(UD) --out "$$tmp" || exit 1; \
	if cmp "$$tmp" $(PARSER_MODEL); then \
	  echo "$(PARSER_MODEL) is the model the committed trainer makes from $(UD)"; \
	else \
	  echo "$(PARSER_MODEL) differs from a fresh training: run 'make parser-model' and commit it"; exit 1; \
	fi

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
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) "$$pkg" || { status=1; break; }; \
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

# Java (clients/java/): Debian's gRPC-Java, not part of `make test`. Needs
# `apt-get install protobuf-compiler protobuf-compiler-grpc-java-plugin
# libgrpc-java libgoogle-common-protos-java libgeronimo-annotation-1.3-spec-java
# libnetty-java libperfmark-java` and a JDK (17 here).
J := /usr/share/java
space := $(subst ,, )
JAVA_CP := $(J)/protobuf.jar:$(J)/grpc-api.jar:$(J)/grpc-stub.jar:$(J)/grpc-protobuf.jar:$(J)/grpc-protobuf-lite.jar:$(J)/guava.jar:$(J)/proto-google-common-protos.jar:$(J)/geronimo-annotation-1.3-spec.jar
# What a call needs at run time besides JAVA_CP: a transport (Netty) and grpc-core.
JAVA_RUN_CP := $(JAVA_CP):$(J)/grpc-core.jar:$(J)/grpc-context.jar:$(J)/grpc-netty.jar:$(subst $(space),:,$(foreach n,common buffer transport resolver codec codec-http codec-http2 codec-socks handler handler-proxy,$(J)/netty-$(n).jar)):$(J)/perfmark-api.jar

java-check: ## generate the Java stubs into bin/java/gen (buf.gen.java.yaml) and javac them with clients/java against Debian's jars
	$(BUF) generate --template buf.gen.java.yaml
	rm -rf bin/java/classes && mkdir -p bin/java/classes
	javac -Xlint:-options -d bin/java/classes -cp '$(JAVA_CP)' $$(find bin/java/gen clients/java/src -name '*.java')

java-example: java-check ## one Analyze call from Java: make java-example ADDR=host:port TEXT='Paris backed the plan.'
	$(if $(ADDR),,$(error usage: make java-example ADDR=host:port TEXT='...'))
	java -cp 'bin/java/classes:$(JAVA_RUN_CP)' dev.stancetag.example.Example '$(ADDR)' '$(subst ','\'',$(value TEXT))'

# Python client (clients/python/): Debian's python3-grpcio and python3-protobuf,
# and Debian's protoc and grpc_python_plugin to generate it (.ci/debian-packages
# installs them all).
PY_DIR := clients/python
PYTHON ?= /usr/bin/python3
PY_GEN := $(PY_DIR)/gen $(PY_DIR)/src/stancetag/_googleapis

python-generate: ## regenerate clients/python's stubs (buf.gen.python.yaml, buf.gen.python-rpc.yaml)
	$(BUF) generate --template buf.gen.python.yaml
	@img="$$(mktemp)"; trap 'rm -f "$$img"' EXIT; \
	echo "$(GO) run ./$(PY_DIR)/rpcimage IMAGE && $(BUF) generate IMAGE --template buf.gen.python-rpc.yaml --path google/rpc"; \
	$(GO) run ./$(PY_DIR)/rpcimage "$$img" && \
	$(BUF) generate "$$img#format=binpb" --template buf.gen.python-rpc.yaml --path google/rpc

python-check-generated: python-generate ## fail if clients/python's generated stubs differ from what buf generates
	@if [ -n "$$(git status --porcelain -- $(PY_GEN))" ]; then \
	  echo "$(PY_GEN) out of date with proto/: run 'make python-generate' and commit it"; \
	  git status --porcelain -- $(PY_GEN); exit 1; \
	fi

python-test: python-check-generated ## unittest the Python client against a freshly built server, from the source tree and pip-installed
	$(GO) build -o bin/stancetag ./cmd/stancetag
	cd $(PY_DIR) && STANCETAG_BIN=$(CURDIR)/bin/stancetag PYTHONPATH=src:gen:tests PYTHONDONTWRITEBYTECODE=1 \
	  $(PYTHON) -m unittest discover -s tests -v
	@# The same tests against what `pip install` makes of pyproject.toml, in a
	@# throw-away virtualenv that sees Debian's grpcio and protobuf.
	@venv="$$(mktemp -d)"; trap 'rm -rf "$$venv" $(CURDIR)/$(PY_DIR)/build $(CURDIR)/$(PY_DIR)/src/*.egg-info' EXIT; \
	echo "pip install $(PY_DIR) (virtualenv with --system-site-packages) and unittest"; \
	$(PYTHON) -m venv --system-site-packages "$$venv" && \
	"$$venv/bin/pip" install -q --no-deps --no-build-isolation --no-index $(PY_DIR) && \
	cd "$$venv" && "$$venv/bin/python" -c 'import stancetag; print("testing", stancetag.__file__)' && \
	STANCETAG_BIN=$(CURDIR)/bin/stancetag PYTHONPATH=$(CURDIR)/$(PY_DIR)/tests PYTHONDONTWRITEBYTECODE=1 \
	  "$$venv/bin/python" -m unittest discover -s $(CURDIR)/$(PY_DIR)/tests

# Monitoring (deploy/prometheus, deploy/grafana). promtool: the one on PATH, or
# Debian's, which .ci/debian-packages extracts into bin/.
PROMTOOL ?= $(or $(shell command -v promtool 2>/dev/null),$(CURDIR)/bin/promtool)

deps: ## install what make test needs from Debian (protoc, Python gRPC, promtool): .ci/debian-packages, idempotent, quiet when all is there
	.ci/debian-packages

rules-test: ## promtool: check and unit-test the alert rules in deploy/prometheus, parse the Grafana dashboard's queries
	@if [ ! -x "$(PROMTOOL)" ]; then \
	  echo "no promtool at $(PROMTOOL): run .ci/debian-packages (it extracts Debian's into bin/) or set PROMTOOL"; exit 1; \
	fi
	$(PROMTOOL) check rules deploy/prometheus/stancetag.rules.yaml
	cd deploy/prometheus && $(PROMTOOL) test rules stancetag.rules.test.yaml
	PROMTOOL=$(PROMTOOL) $(GO) test -count=1 -run '^TestDashboardQueriesParse$$' ./deploy/
