"""Incremental rebuild figures for Signals: no-change rebuild, one lesson edited, one template changed,
one price row changed (real site). Each edit is undone afterwards (in a `finally`), and the undo is
rebuilt untimed so that every timed build starts from an up-to-date output.
"""
from __future__ import annotations

import csv
import glob
import io
import os
import shutil
import statistics

from generators import Signals
from measure import Run, fmt_s, run


class Scenario:
    def __init__(self, name: str, runs: list[Run], note: str = ""):
        self.name, self.runs, self.note = name, runs, note

    def row(self, site: str) -> str:
        if not self.runs:
            return f"| {site} | {self.name} | – | – | {self.note} |"
        w = [r.wall for r in self.runs]
        return (f"| {site} | {self.name} | {fmt_s(statistics.median(w))} | "
                f"{fmt_s(min(w))}–{fmt_s(max(w))} | {self.note} |")


def _build(sig: Signals, root: str, out: str) -> Run:
    r = run(sig.command(root, out))
    if not r.ok:
        raise BuildFailed(r)
    return r


class BuildFailed(Exception):
    def __init__(self, r: Run):
        super().__init__(f"exit {r.code}: {(r.stderr or r.stdout).strip()[:2000]}")


def _edited(path: str, edit, sig: Signals, root: str, out: str, runs: int) -> list[Run]:
    """Time `runs` builds, each after applying edit(original_text, i) to path; restore afterwards."""
    original = open(path, encoding="utf-8").read()
    timed = []
    try:
        for i in range(runs):
            with open(path, "w", encoding="utf-8") as f:
                f.write(edit(original, i))
            timed.append(_build(sig, root, out))
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
            _build(sig, root, out)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    return timed


def _bump_price(text: str, i: int) -> str:
    """Change the price (first usd/price column, else first number) of the first data row, and only that line."""
    lines = text.split("\n")
    header = [h.lower() for h in next(csv.reader([lines[0]]))]
    row = next(csv.reader([lines[1]]))
    priced = [j for j, h in enumerate(header) if "usd" in h or "price" in h]
    for j in priced + list(range(len(row))):
        try:
            value = float(row[j])
        except (ValueError, IndexError):
            continue
        row[j] = f"{value + 0.01 * (i + 1):.2f}"
        break
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(row)
    lines[1] = buf.getvalue()
    return "\n".join(lines)


def measure(sig: Signals, root: str, out: str, runs: int, lesson: str, template: str,
            prices: str | None = None) -> list[Scenario]:
    """All scenarios on one site root. Returns the figures, or one scenario holding the error."""
    sig.clean(root, out)
    try:
        full = _build(sig, root, out)
        result = [Scenario("full build (cold, for reference)", [full])]
        nochange = [_build(sig, root, out) for _ in range(runs)]
        med = statistics.median(r.wall for r in nochange)
        note = ("" if med < 0.5 * full.wall else
                "no faster than a full build: Signals does not rebuild incrementally yet")
        result.append(Scenario("no-change rebuild", nochange, note))
        result.append(Scenario(f"one lesson edited ({os.path.basename(lesson)})",
                               _edited(lesson, lambda t, i: t + f"\nEdited for the benchmark ({i}).\n",
                                       sig, root, out, runs)))
        result.append(Scenario(f"one template changed ({os.path.basename(template)})",
                               _edited(template, lambda t, i: t + f"\n<!-- bench edit {i} -->\n",
                                       sig, root, out, runs)))
        if prices:
            result.append(Scenario(f"one price row changed ({os.path.basename(prices)})",
                                   _edited(prices, _bump_price, sig, root, out, runs)))
        return result
    except BuildFailed as e:
        return [Scenario("build failed", [], str(e).replace("\n", " ")[:300])]


def copy_real_site(repo: str, dest: str) -> str | None:
    """Copy the repository's content/ and templates/ to dest (edits never touch the real files)."""
    pages = glob.glob(os.path.join(repo, "content", "**", "*.md"), recursive=True)
    if not pages or not os.path.isdir(os.path.join(repo, "templates")):
        return None
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    for part in ("content", "templates"):
        shutil.copytree(os.path.join(repo, part), os.path.join(dest, part))
    return dest


def find_prices(root: str) -> str | None:
    found = sorted(glob.glob(os.path.join(root, "content", "data", "**", "*price*.csv"), recursive=True))
    return found[0] if found else None


def find_template(root: str, name: str = "lesson.mustache") -> str | None:
    path = os.path.join(root, "templates", name)
    if os.path.exists(path):
        return path
    found = sorted(glob.glob(os.path.join(root, "templates", "*.mustache")))
    return found[0] if found else None
