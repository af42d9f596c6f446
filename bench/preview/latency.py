#!/usr/bin/env python3
"""Save-to-reload-event latency of a running `signals serve`.

Subscribes to /__signals/events, then N times: saves a source file, and times how long it takes
until a `reload` event arrives (naming --expect, when given). Prints every sample and the median.
The file is restored afterwards. Standard library only.

  # one-lesson edit
  python3 bench/preview/latency.py --file content/learn/what-is-ai-compute.md --expect /learn/what-is-ai-compute/
  # one-price edit: toggles a value back and forth so every save changes the output
  python3 bench/preview/latency.py --file content/data/prices.csv --replace 2.49 2.51
"""
import argparse
import os
import socket
import statistics
import sys
import time
from urllib.parse import urlparse


def open_stream(url):
    u = urlparse(url)
    sock = socket.create_connection((u.hostname, u.port or 80), timeout=10)
    sock.sendall(f"GET /__signals/events HTTP/1.1\r\nHost: {u.netloc}\r\nAccept: text/event-stream\r\n\r\n".encode())
    buf = b""
    while b": connected" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit("error: event stream closed before it was confirmed; is `signals serve` running?")
        buf += chunk
    return sock


def drain(sock):
    sock.setblocking(False)
    try:
        while sock.recv(65536):
            pass
    except BlockingIOError:
        pass
    finally:
        sock.setblocking(True)


def wait_for_event(sock, expect, deadline):
    """Returns (kind, data) of the first reload/build-error event (matching `expect` for reloads)."""
    buf = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return None
        if not chunk:
            sys.exit("error: event stream closed by the server")
        buf += chunk
        # One event per write, so an event never straddles HTTP chunks; chunk-size lines are ignored.
        for kind in (b"reload", b"build-error"):
            marker = b"event: " + kind + b"\ndata: "
            start = buf.find(marker)
            if start < 0:
                continue
            end = buf.find(b"\n", start + len(marker))
            if end < 0:
                continue
            data = buf[start + len(marker):end].decode().replace("\\/", "/")
            if kind == b"reload" and expect and expect not in data and '"*"' not in data:
                buf = buf[end:]
                continue
            return kind.decode(), data


def save(path, text, atomic):
    if atomic:  # how many editors save: write a temporary file, then rename it over the original
        tmp = path + ".tmp-bench"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    else:
        with open(path, "w") as f:
            f.write(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="http://127.0.0.1:8080")
    p.add_argument("--file", required=True, help="source file to save (relative to the current folder)")
    p.add_argument("--expect", help="URL path the reload event must name, e.g. /learn/x/")
    p.add_argument("--replace", nargs=2, metavar=("OLD", "NEW"),
                   help="toggle OLD<->NEW on each save (for data files); default: append a line")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--atomic", action="store_true", help="save via temp file + rename")
    p.add_argument("--settle", type=float, default=0.3, help="seconds to wait between saves")
    args = p.parse_args()

    with open(args.file) as f:
        original = f.read()
    if args.replace and args.replace[0] not in original:
        sys.exit(f"error: '{args.replace[0]}' does not occur in {args.file}")

    sock = open_stream(args.url)
    samples, failures = [], []
    try:
        for i in range(args.runs):
            if args.replace:
                text = original.replace(args.replace[0], args.replace[1], 1) if i % 2 == 0 else original
            else:
                text = original + f"\n\nBenchmark edit {i}.\n"
            time.sleep(args.settle)
            drain(sock)
            t0 = time.monotonic()
            save(args.file, text, args.atomic)
            event = wait_for_event(sock, args.expect, t0 + 10)
            ms = (time.monotonic() - t0) * 1000
            if event is None:
                failures.append(f"run {i + 1}: no reload event within 10 s")
            elif event[0] == "build-error":
                failures.append(f"run {i + 1}: build error {event[1]}")
            else:
                samples.append(ms)
                print(f"run {i + 1:2d}: {ms:7.1f} ms  {event[1]}")
    finally:
        save(args.file, original, False)
        sock.close()

    for line in failures:
        print(line, file=sys.stderr)
    if samples:
        s = sorted(samples)
        print(f"\n{args.file}: median {statistics.median(s):.1f} ms, min {s[0]:.1f}, "
              f"p90 {s[int(0.9 * (len(s) - 1))]:.1f}, max {s[-1]:.1f} ({len(s)}/{args.runs} runs)")
    sys.exit(1 if failures or not samples else 0)


if __name__ == "__main__":
    main()
