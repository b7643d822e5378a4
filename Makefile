# The project's two commands: `make serve` and `make test` (both set the machine up first).
# `make bench` writes bench/report.md and bench/report.json; `make build` writes dist/.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c
# Browsers for the page tests, in order (tests/run.mjs reads it from the environment).
export BROWSERS ?= chromium,firefox

.PHONY: setup serve build test test-native lint test-page bench clean

# Where the page is served by `make serve` (trunk serve, with COOP/COEP from Trunk.toml).
PORT ?= 8080

setup:
	scripts/setup.sh

## Build the release page into dist/ and serve it at http://127.0.0.1:$(PORT)/ with the isolation headers.
serve: setup
	trunk serve --release --port $(PORT)

## Release build into dist/ (what a host serves).
build: setup
	trunk build --release
	# trunk leaves its build lock in the output; a host should not serve it.
	rm -f dist/.trunk-lock

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings
	if [ -x ../shared/tools/seed-overlap ]; then ../shared/tools/seed-overlap .; fi

test-native:
	cargo test --lib --bins
	python3 -m unittest discover -s tests/py

## The page tests in each browser of BROWSERS (default chromium,firefox; e.g. `make test-page BROWSERS=firefox`).
test-page:
	trunk build --release
	node tests/run.mjs

## Everything CI runs: set-up, format and lint checks, native tests, the page tests in headless
## Chromium and Firefox (BROWSERS=chromium or BROWSERS=firefox runs them in one).
test: setup
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-page

## The benchmark report (not part of `make test`: timings on shared machines are for reading, not gating).
bench: setup
	trunk build --release
	cargo build --release --bin native-bench
	node bench/bench.mjs

clean:
	cargo clean
	rm -rf dist tests/artifacts
