"""Benchmark corpora: generated once per size by ../shared/bench/gen_corpus.py, cached in bench/corpus/N/.

Layout of bench/corpus/N/ (a Signals source ROOT):
    content/     the generated lessons; Hugo reads this same folder via --contentDir
    content/site.yaml   copied from bench/signals/site.yaml (Hugo ignores it, see bench/hugo/hugo.toml)
    templates/   copied from bench/signals/templates/ on every run
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
CORPUS_ROOT = os.path.join(BENCH, "corpus")
SEED = 42


def generator_path() -> str:
    """gen_corpus.py lives outside the repo (../shared/bench/); BENCH_GEN overrides."""
    path = os.environ.get("BENCH_GEN") or os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        sys.exit(f"error: corpus generator not found at {path}; set BENCH_GEN=/path/to/gen_corpus.py")
    return path


def _stamp(gen: str, pages: int) -> str:
    with open(gen, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    return f"gen_corpus.py sha256:{digest} --pages {pages} --seed {SEED}\n"


def ensure(pages: int) -> str:
    """Return bench/corpus/<pages>, generating the lessons if missing or stale."""
    root = os.path.join(CORPUS_ROOT, str(pages))
    content = os.path.join(root, "content")
    stamp_file = os.path.join(root, ".stamp")
    gen = generator_path()
    stamp = _stamp(gen, pages)
    current = open(stamp_file).read() if os.path.exists(stamp_file) else ""
    if current != stamp:
        print(f"generating corpus: {pages} pages -> {content}", flush=True)
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
        # Run the generator where it lives (it is never copied into the repo).
        subprocess.run([sys.executable, gen, "--pages", str(pages), "--seed", str(SEED),
                        "--out", content], check=True, cwd=os.path.dirname(gen))
        with open(stamp_file, "w") as f:
            f.write(stamp)
    sync_signals_files(root)
    return root


def sync_signals_files(root: str) -> None:
    """Copy the Signals templates and site.yaml into the corpus root (fresh each run)."""
    templates = os.path.join(root, "templates")
    shutil.rmtree(templates, ignore_errors=True)
    shutil.copytree(os.path.join(BENCH, "signals", "templates"), templates)
    shutil.copyfile(os.path.join(BENCH, "signals", "site.yaml"),
                    os.path.join(root, "content", "site.yaml"))


def lesson_files(root: str) -> list[str]:
    """Every lesson (not _index.md) of a corpus, sorted."""
    out = []
    for dirpath, _, files in os.walk(os.path.join(root, "content")):
        out += [os.path.join(dirpath, f) for f in files if f.endswith(".md") and f != "_index.md"]
    return sorted(out)
