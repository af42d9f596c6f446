# Signals: `make build` builds the site into public/, `make test` runs every test.
# Both install what is missing first (Debian packages, via apt-get; sudo when not root).

SWIFT      ?= swift
APT_PKGS   := libcmark-gfm-dev libcmark-gfm-extensions-dev
SUDO       := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
RELEASE    := .build/release/signals
DEBUG      := .build/debug/signals

.PHONY: build test serve bench fuzz browser-check deps clean stress

## deps: install the C libraries Signals links (cmark-gfm), when missing
deps:
	@if [ ! -f /usr/include/cmark-gfm.h ] || [ ! -f /usr/include/cmark-gfm-core-extensions.h ]; then \
		echo "installing $(APT_PKGS)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PKGS); \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "error: swift not found; install Swift 6 from swift.org and put it on PATH" >&2; exit 1; }

## build: compile Signals (release) and build the site from content/ and templates/ into public/
build: deps
	$(SWIFT) build -c release --product signals
	$(RELEASE) build

## test: run every test (Swift Testing and XCTest)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## stress: kill 500 builds at random points; after each, the next build must equal a --no-cache build
stress: deps
	$(SWIFT) build --build-tests
	SIGNALS_KILL_TRIALS=500 $(SWIFT) test --skip-build --filter KilledIncrementalBuildTests

## serve: build and preview the site on http://127.0.0.1:8080 with live reload
serve: deps
	$(SWIFT) build --product signals
	$(DEBUG) serve

## bench: compare build speed with Hugo on the same corpus (see bench/README.md)
bench: deps
	bash bench/run.sh

## fuzz: build the libFuzzer targets in fuzz/ and run each for FUZZ_SECONDS (default 600); not part of `make test`
## (FUZZ_TARGETS="front-matter price-file directives markdown", FUZZ_FLAGS="-fork=2 -ignore_crashes=1")
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= front-matter price-file directives markdown
FUZZ_FLAGS   ?=
fuzz: deps
	SWIFT=$(SWIFT) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" FUZZ_FLAGS="$(FUZZ_FLAGS)" bash fuzz/run.sh

clean:
	rm -rf .build public .signals-cache

## browser-check: build the site, open every page in headless Chromium at 390 and 1280 px, light and dark;
## fails on console errors, serious/critical axe-core violations, horizontal scroll on the phone width, a table cut
## off at 1024/1280 px or in print, and a price row whose price, date or source is out of view at 390 px
browser-check: deps
	bash tools/browser-check/run.sh
