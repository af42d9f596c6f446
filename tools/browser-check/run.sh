#!/usr/bin/env bash
# make browser-check: build the site, serve public/ on 127.0.0.1, and open every page in headless
# Chromium at 390 and 1280 px, light and dark (see check.py for what fails the check).
# Environment: SCRATCH (SwiftPM scratch folder, default .build), SHOTS (screenshot folder, default screenshots),
# SITE (built site to serve, default public), SKIP_BUILD=1 (serve SITE as it is).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
HERE="$ROOT/tools/browser-check"
SCRATCH=${SCRATCH:-.build}
SHOTS=${SHOTS:-screenshots}
SITE=${SITE:-public}
SUDO=""
[ "$(id -u)" = "0" ] || SUDO=sudo

# 1. Debian's chromium and chromium-driver, when missing.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "browser-check: installing chromium and chromium-driver"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# 2. selenium + selenium-axe-python (maintained fork of axe-selenium-python) in a venv of their own.
VENV="$HERE/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import selenium, selenium_axe_python" 2>/dev/null; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"
fi

# 3. Build the site.
if [ -z "${SKIP_BUILD:-}" ]; then
  swift build --scratch-path "$SCRATCH" --product signals
  "$SCRATCH/debug/signals" build
fi
[ -f "$SITE/index.html" ] || { echo "browser-check: $SITE/index.html missing; the build did not produce a site" >&2; exit 1; }

# 4. Serve public/ on a free loopback port.
PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$VENV/bin/python" -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
"$VENV/bin/python" - "$PORT" <<'PY'
import socket, sys, time
deadline = time.monotonic() + 15
while True:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.5).close()
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("browser-check: the static server did not start")
        time.sleep(0.1)
PY

# 5. Open every page.
"$VENV/bin/python" "$HERE/check.py" --base "http://127.0.0.1:$PORT" --public "$SITE" --out "$SHOTS" --signals "$SCRATCH/debug/signals" "$@"
