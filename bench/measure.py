"""Run one command and measure it: wall time, CPU time (user+sys) and peak RSS of that child.

The child's resource usage comes from os.wait4 (getrusage of exactly that child and the children
it waited for), so no /usr/bin/time is needed and Python's own usage is never counted.
"""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field


@dataclass
class Run:
    """One measured run of a command."""
    wall: float          # seconds
    cpu: float           # user + sys seconds
    rss_mb: float        # peak resident set size, MB (10^6 bytes)
    code: int            # exit code
    stdout: str = ""
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.code == 0


def run(cmd: list[str], cwd: str | None = None, env: dict | None = None) -> Run:
    """Start cmd, wait for it with wait4, and return its wall time and rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err,
                             stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall=wall, cpu=ru.ru_utime + ru.ru_stime, rss_mb=ru.ru_maxrss * 1024 / 1e6,
                   code=p.returncode, stdout=out.read().decode(errors="replace"),
                   stderr=err.read().decode(errors="replace"))


@dataclass
class Series:
    """Several runs of one generator on one corpus and output target."""
    runs: list[Run] = field(default_factory=list)

    def walls(self) -> list[float]:
        return [r.wall for r in self.runs]

    def median_wall(self) -> float:
        return statistics.median(self.walls())

    def median_cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    def median_rss(self) -> float:
        return statistics.median(r.rss_mb for r in self.runs)


def paired_ratio(a: Series, b: Series, key) -> float | None:
    """Median over pairs (a_i, b_i) of key(a_i) / key(b_i); None without complete pairs."""
    ratios = [key(x) / key(y) for x, y in zip(a.runs, b.runs) if key(y) > 0]
    return statistics.median(ratios) if ratios else None


BUILT_RE = re.compile(r"built (\d+) pages in ([0-9.]+) ?(m?s)")


def signals_report(text: str) -> tuple[int, float] | None:
    """Parse Signals' `built N pages in X s` line: (pages, seconds)."""
    m = BUILT_RE.search(text)
    if not m:
        return None
    secs = float(m.group(2)) / (1000 if m.group(3) == "ms" else 1)
    return int(m.group(1)), secs


def fmt_s(x: float) -> str:
    """Seconds with three significant figures, in ms below one second."""
    if x < 1:
        return f"{x * 1000:.0f} ms" if x >= 0.01 else f"{x * 1000:.1f} ms"
    return f"{x:.2f} s"


def fmt_mb(x: float) -> str:
    return f"{x / 1000:.2f} GB" if x >= 1000 else f"{x:.0f} MB"
