#!/usr/bin/env bash
# Builds the libFuzzer targets (a separate package: the main `swift build` / `swift test` never see them)
# and runs each for FUZZ_SECONDS. Usage: make fuzz [FUZZ_SECONDS=600] [FUZZ_TARGETS="front-matter price-file"]
# [FUZZ_FLAGS="-fork=2 -ignore_crashes=1"]. New corpus entries go to fuzz/.build-fuzz/work/<name>/, crashes to
# fuzz/.build-fuzz/artifacts/; fuzz/corpus/<name>/ is the seed corpus kept in git (copy finds worth keeping there).
set -euo pipefail
cd "$(dirname "$0")"
SWIFT="${SWIFT:-swift}"
SECONDS_EACH="${FUZZ_SECONDS:-600}"
TARGETS="${FUZZ_TARGETS:-front-matter price-file directives markdown}"
SCRATCH=.build-fuzz
# Debug configuration: release builds hit a compiler crash (SIL ownership verifier) in Site with these flags.
"$SWIFT" build -c debug --scratch-path "$SCRATCH" -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
BIN="$SCRATCH/debug"
status=0
for name in $TARGETS; do
    case "$name" in
        front-matter) exe=FuzzFrontMatter ;;
        price-file) exe=FuzzPriceFile ;;
        directives) exe=FuzzDirectives ;;
        markdown) exe=FuzzMarkdown ;;
        *) echo "unknown fuzz target '$name' (front-matter, price-file, directives, markdown)" >&2; exit 2 ;;
    esac
    mkdir -p "$SCRATCH/work/$name" "$SCRATCH/artifacts"
    echo "== $name: $SECONDS_EACH s"
    # -timeout: an input taking over 10 s is a hang; -rss_limit_mb: growing memory is a leak.
    if ! "$BIN/$exe" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$SCRATCH/artifacts/$name-" ${FUZZ_FLAGS:-} "$SCRATCH/work/$name" "corpus/$name"; then
        echo "!! $name found a problem: see $SCRATCH/artifacts/$name-*" >&2
        status=1
    fi
done
exit $status
