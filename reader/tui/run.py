"""Entry point used by ``reader [PATH...]``."""

from __future__ import annotations

import sys


def run_tui(paths: list[str], *, headless: bool = False) -> int:
    """Open the TUI on files and folders (the bundled seeds when none are given)."""
    import gc

    # Start-up creates a few hundred thousand objects (Textual's modules, CSS, widgets)
    # that live as long as the app. Collecting while they are created only rescans them
    # (measured: ~35 ms more than a bare Textual app spends in GC, one full collection
    # included); frozen after the imports, they are never scanned again.
    gc.disable()
    from reader.tui import preload as preloading

    # Fork the loader first: it finds, reads and compares on another core while this
    # process imports Textual (see reader/tui/preload.py for why not a thread).
    child = preloading.start_process(list(paths) if paths else None)
    if child is not None:
        from reader.tui.app import ReaderApp

        try:
            files, problems = child.found.result()
            preload = child.loaded
        except Exception:  # the child failed: do it all here
            child = None
    if child is None:
        from reader.corpus.discover import collect_paths
        from reader.resources import seeds_dir

        found, problems = collect_paths(list(paths) if paths else [str(seeds_dir())])
        files = [str(p) for p in found]
        preload = preloading.start(files) if files else None
    from reader.tui.app import ReaderApp

    if files:
        # Nothing readable at all (a folder of binaries, say): say why on stderr, one line
        # a problem, rather than open an empty TUI. The preload is usually done by now
        # (it ran while Textual was imported), so waiting here costs nothing.
        try:
            loaded = preload.result()
        except Exception:  # the app loads again (in a worker) and reports there
            loaded = None
        if loaded is not None and not loaded.library.articles:
            problems = list(problems) + list(loaded.library.problems)
            files = []
    if not files:
        for line in problems or ["no article files to open"]:
            print(f"reader: {line}", file=sys.stderr)
        gc.enable()
        return 2

    gc.freeze()
    gc.enable()
    app = ReaderApp(files, problems=problems, preload=preload)
    app.run(headless=headless)
    return app.return_code or 0
