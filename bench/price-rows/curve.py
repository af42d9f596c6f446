#!/usr/bin/env python3
"""The price-row curve: how `signals build` grows with rows appended to prices.csv.

usage: curve.py SIGNALS_BINARY [ROWS ...]   (default rows: 0 10000 100000 1000000; RUNS=3)

For each row count it copies the repository's content/ and templates/ into a fresh folder under
/dev/shm (or $TMPDIR), appends that many distinct valid rows (generate.py), and times RUNS cold builds
(`--no-cache`, output removed first) with wait4: wall, CPU and peak RSS. It prints a Markdown table with
each size's extra wall time over the build without extra rows.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
from measure import run  # noqa: E402


def site_with_rows(rows: int, base: Path) -> Path:
    root = base / f"rows-{rows}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    if rows:
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(root), str(rows)], check=True)
    return root


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    sizes = [int(x) for x in sys.argv[2:]] or [0, 10_000, 100_000, 1_000_000]
    runs = int(os.environ.get("RUNS", "3"))
    base = Path(tempfile.mkdtemp(prefix="signals-rows-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    results = []
    try:
        for size in sizes:
            root = site_with_rows(size, base)
            walls, cpus, rss = [], [], []
            for _ in range(runs):
                shutil.rmtree(root / "public", ignore_errors=True)
                shutil.rmtree(root / ".signals-cache", ignore_errors=True)
                r = run([binary, "build", "--source", str(root), "--no-cache"])
                if not r.ok:
                    print(f"build with {size} rows failed:\n{r.stderr[-2000:]}", file=sys.stderr)
                    return 1
                walls.append(r.wall)
                cpus.append(r.cpu)
                rss.append(r.rss_mb)
            results.append((size, statistics.median(walls), statistics.median(cpus), max(rss)))
            shutil.rmtree(root)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    baseline = results[0][1] if results and results[0][0] == 0 else None
    print("| extra rows | wall (median) | over 0 rows | CPU | peak RSS |")
    print("|---:|---:|---:|---:|---:|")
    for size, wall, cpu, rss in results:
        extra = f"+{wall - baseline:.2f} s" if baseline is not None else "–"
        print(f"| {size:,} | {wall:.2f} s | {extra} | {cpu:.2f} s | {rss:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
