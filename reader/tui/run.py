"""Entry point used by ``reader [PATH...]``."""

from __future__ import annotations

import sys


def run_tui(paths: list[str], *, headless: bool = False) -> int:
    """Open the TUI on files and folders (the bundled seeds when none are given)."""
    from reader.corpus.discover import collect_paths
    from reader.resources import seeds_dir

    args = list(paths) if paths else [str(seeds_dir())]
    found, problems = collect_paths(args)
    if not found:
        for line in problems or ["reader: no article files to open"]:
            print(f"reader: {line}", file=sys.stderr)
        return 2
    from reader.tui.preload import start

    files = [str(p) for p in found]
    preload = start(files)  # reading and comparing overlap with importing Textual
    from reader.tui.app import ReaderApp

    app = ReaderApp(files, problems=problems, preload=preload)
    app.run(headless=headless)
    return app.return_code or 0
