#!/usr/bin/env bash
# 200 concurrent clients for 10 s against a running `signals serve` (loopback only), twice,
# with the server's resident memory before, between and after. Needs wrk (apt-get install wrk).
#
#   bench/preview/load.sh PID [URL]
#   e.g. bench/preview/load.sh "$(cat .serve.pid)" http://127.0.0.1:8080/learn/what-is-ai-compute/
set -euo pipefail
pid=${1:?usage: load.sh PID-of-signals-serve [URL]}
url=${2:-http://127.0.0.1:8080/}
case "$url" in http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;; *) echo "error: loopback URLs only" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install wrk)" >&2; exit 2; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

echo "RSS before:        $(rss) kB"
status=0
for round in 1 2; do
  out=$(wrk -t2 -c200 -d10s --latency "$url")
  echo "$out"
  if grep -qE "Non-2xx or 3xx responses|Socket errors" <<<"$out"; then status=1; fi
  echo "RSS after round $round: $(rss) kB"
done
sleep 5
echo "RSS 5 s later:     $(rss) kB"
[ "$status" = 0 ] && echo "no errors" || echo "ERRORS (see above)"
exit $status
