# Run "make help" for the list of targets.

GO       ?= go
VERSION  ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(if $(VERSION),$(VERSION),dev)
BIN      := bin

.DEFAULT_GOAL := help
.PHONY: help build demo test test-short lint bench bench-scale deploy-check update-golden clean ensure-chromium

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Build bin/cookieaudit, stamped with the git version
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/cookieaudit ./cmd/cookieaudit

ensure-chromium: ## Check for Chromium; install Debian's package "chromium" when root
	@./scripts/ensure-chromium.sh

# The demo audits the portal against its own cookie-policy page. The portal
# breaks its policy on purpose, so cookieaudit exits 1 (findings fail the
# gate): that is the demo's expected outcome, not a failure of make.
demo: ensure-chromium build ## Audit the bundled demo portal (https://www.portal.test/), served on loopback, against its own cookie-policy page
	$(GO) build -trimpath -o $(BIN)/demosite ./cmd/demosite
	status=0; $(BIN)/demosite -- $(BIN)/cookieaudit scan {url} --policy {url}pages/cookies-policy/ --max-pages 30 || status=$$?; \
	if [ $$status -eq 1 ]; then echo "(exit 1: findings fail the gate, as expected for the demo portal)"; \
	elif [ $$status -ne 0 ]; then exit $$status; fi

# -parallel 4: a browser test mostly waits for pages, banners and timers;
# with Go's default (one parallel test per core) the two cores stay half
# idle. More than 4 gains nothing alone and crowds a machine that runs two.
test: ensure-chromium ## Run every test, real-browser tests included, with the race detector
	$(GO) test -race -count=1 -parallel 4 -timeout 75m ./...

test-short: ## Run the tests that need no browser
	$(GO) test -short ./...

lint: ## Check formatting (gofmt -l), run go vet, and check that no Go file but a test has more than 450 lines
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt -l: these files need gofmt -w:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@./scripts/check-file-sizes.sh

bench: ## Run the benchmarks (3 iterations each)
	$(GO) test -run '^$$' -bench . -benchtime 3x ./...

bench-scale: ## Crawl 100 and 1,000 generated pages (4 and 8 tabs), and scan 10, 50 and 100 sites in one run each: time and memory; about 25 minutes
	COOKIEAUDIT_BENCH_SCALE=1 $(GO) test -run '^$$' -bench 'BenchmarkScale|BenchmarkSites' -benchtime 1x -timeout 90m ./crawler ./cmd/cookieaudit

deploy-check: ## Check the recipes in deploy/ and the Dockerfile: kustomize build, strict decoding with Kubernetes' types, the shard script, the seccomp profile, actionlint
	cd deploy/validate && $(GO) vet ./... && $(GO) test -count=1 ./...

update-golden: ## Rewrite the golden reports in report/testdata (review the diff)
	$(GO) test ./report -update

clean: ## Remove bin/
	rm -rf $(BIN)
