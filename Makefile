# Everyday tasks for iamlab contributors. Only Go (and git) is needed;
# `make generate` also needs npm. The whole CI is `make ci` (.ci/run).
GO ?= go
FUZZTIME ?= 10s
include .ci/tools.env

.PHONY: build test race lint generate generate-check fuzz-smoke ci extras snapshot

## build: the iamlab binary in the current folder
build:
	$(GO) build -o iamlab .

## test: the README's test command
test:
	$(GO) test ./...

## race: every test under the race detector (slow: several minutes)
race:
	$(GO) test -race ./...

## lint: tidy modules, gofmt, goimports, go vet and staticcheck, as CI runs them
lint:
	$(GO) mod tidy -diff
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt:"; echo "$$out"; exit 1; fi
	@out=$$($(GO) run $(GOIMPORTS) -local github.com/iamlab/iamlab -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "goimports:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@for g in $$(git grep -l '^//go:build ignore' -- '*.go'); do $(GO) vet $$g || exit 1; done
	$(GO) run $(STATICCHECK) ./...

## generate: regenerate the data files from their pinned sources (needs npm)
generate:
	$(GO) generate ./...

## generate-check: fail unless every generator reproduces its committed file byte for byte (needs npm)
# Every //go:generate line of the form `go run FILE.go` names a build-ignored
# generator that takes -check; each is run from its package's folder.
generate-check:
	@git grep -E '^//go:generate go run [A-Za-z0-9_]+\.go$$' -- '*.go' | while IFS=: read -r file directive; do \
		gen=$${directive##* }; dir=$$(dirname $$file); \
		echo "== $$dir: go run $$gen -check"; (cd $$dir && $(GO) run $$gen -check) || exit 1; \
	done

## fuzz-smoke: every fuzz target for FUZZTIME (default 10s) each
fuzz-smoke:
	@git grep -h -o '^func Fuzz[A-Za-z0-9_]*' -- '*_test.go' >/dev/null || { echo "no fuzz targets"; exit 1; }
	@git grep -o '^func Fuzz[A-Za-z0-9_]*' -- '*_test.go' | while IFS=: read -r file fn; do \
		name=$${fn#func }; dir=$$(dirname $$file); \
		echo "== $$name in ./$$dir ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) ./$$dir || exit 1; \
	done

## ci: everything CI runs
ci:
	bash .ci/run

## extras: shell completions and the man page, in dist-extras/
extras:
	bash packaging/extras.sh dist-extras

## snapshot: a local release build of every target with goreleaser, if installed
snapshot:
	goreleaser release --snapshot --clean

.PHONY: help
## help: this list
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
