"""Turn command-line arguments (files and folders) into article paths."""

from __future__ import annotations

import os
from pathlib import Path

from reader.corpus.load import SUPPORTED


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED


def collect_paths(args: list[str]) -> tuple[list[Path], list[str]]:
    """Files named directly, and supported files found (recursively) in folders.

    Returns (paths, problems): hidden files and folders are skipped, unsupported files
    in folders are skipped silently, a missing path is a problem (one line each).
    """
    paths: list[Path] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            paths.append(p)

    for arg in args:
        p = Path(arg)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    fp = Path(root) / name
                    if is_supported(fp):
                        found.append(fp)
            if not found:
                problems.append(f"{p}: no supported article files ({', '.join(SUPPORTED)}) in this folder")
            for fp in found:
                add(fp)
        elif p.exists():
            add(p)
        elif p.is_symlink():
            problems.append(f"{p}: broken symbolic link")
        else:
            problems.append(f"{p}: no such file or folder")
    return paths, problems
