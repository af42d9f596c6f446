#!/usr/bin/env python3
"""Appends N valid, distinct price rows to a copy of a Signals site's content/data/prices.csv.

usage: generate.py SITE_ROOT N [--seed 7]

Rows look like a year of daily observations: 50 providers x a few offers of every accelerator in the
site's accelerators.yaml, on-demand/spot/reserved-1y, dated up to yesterday, each with a source. Every
row is distinct (date, provider, offer, gpu, type, region), so the build accepts all of them.
"""
import argparse
import datetime
import random
import re
import sys
from pathlib import Path


def accelerator_ids(root: Path) -> list[str]:
    text = (root / "content/data/accelerators.yaml").read_text()
    return re.findall(r"^\s*-?\s*id:\s*([a-z0-9-]+)\s*$", text, flags=re.M)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("rows", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    random.seed(args.seed)
    gpus = accelerator_ids(args.root) or ["h100-sxm"]
    prices_file = args.root / "content/data/prices.csv"
    header = prices_file.read_text().splitlines()[0].split(",")
    expected = ["date", "provider", "offer", "gpu", "gpus", "usd_per_hour", "type", "region", "source_url", "source", "confidence", "note"]
    if header != expected:
        print(f"unexpected columns {header}", file=sys.stderr)
        return 2
    existing = prices_file.read_text()
    source = re.search(r"https?://[^,]+,(R-[A-Z0-9-]+)", existing)
    source_code = source.group(1) if source else "R-LAMBDA"
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    types = ["on-demand", "spot", "reserved-1y"]
    lines = []
    for i in range(args.rows):
        day = yesterday - datetime.timedelta(days=(i // 500) % 1000)
        gpu = gpus[i % len(gpus)]
        kind = types[(i // len(gpus)) % len(types)]
        provider = f"Bench provider {i % 50:02d}"
        per_gpu = round(random.uniform(1.5, 9.5), 2)
        # The region makes every row distinct even when a provider lists the same offer twice a day.
        lines.append(f"{day},{provider},8x {gpu},{gpu},8,{per_gpu * 8:.2f},{kind},r{i},https://example.org/{i % 50},{source_code},S,")
    with prices_file.open("a") as out:
        if not existing.endswith("\n"):
            out.write("\n")
        out.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
