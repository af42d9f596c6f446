#!/usr/bin/env bash
# Profile one cold Signals build of a benchmark corpus with perf (cpu-clock sampling, frame-pointer
# call graphs; `perf stat -e instructions` is not supported on this VM and valgrind 3.19 cannot read
# Swift 6.3's DWARF 5). Prints the top inclusive (children) and self entries, demangled.
#   bash bench/profile.sh [PAGES] [SIGNALS_BINARY]      (default 10000, .build/release/signals)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
bin=${2:-.build/release/signals}
root=bench/corpus/$pages
[ -d "$root/content" ] || { echo "no corpus at $root: run SIZES=$pages make bench first" >&2; exit 1; }
command -v perf >/dev/null || { echo "perf not found (Debian: apt-get install linux-perf)" >&2; exit 1; }
out=$(mktemp -d /dev/shm/signals-profile.XXXXXX)
data=bench/out/perf-$pages.data
mkdir -p bench/out
rm -rf "$root/.signals-cache"
perf record -q -e cpu-clock -F 999 -g -o "$data" "$bin" build --source "$root" --output "$out/site"
rm -rf "$out" "$root/.signals-cache"
demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
echo "== inclusive (children), top 45"
perf report -i "$data" --children --sort symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' \
	| head -45 | demangle | cut -c1-150
echo "== self, top 25"
perf report -i "$data" --no-children --sort symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' \
	| head -25 | demangle | cut -c1-150
echo "(perf data: $data; callers of X: perf report -i $data --children -S X -G)"
