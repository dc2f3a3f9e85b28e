"""Start loading articles (and the first comparison) before Textual is even imported.

No textual here. ``run_tui`` starts this first, so finding, reading, splitting and
comparing the first pair overlap with Textual's start-up instead of following it.

Two ways to run it:

* :func:`start_process` (POSIX): fork a child *before* Textual is imported. The child does
  the whole job on another CPU core and sends the result back through a pipe as a pickle.
  A thread cannot do this: importing Textual and comparing are both CPU-bound Python, so
  under the GIL a preload thread only takes turns with the main thread (measured: it
  delays the first paint by about as much as it does).
* :func:`start` (anywhere, used by tests and as the fallback): a daemon thread.
"""

from __future__ import annotations

import os
import sys
TYPE_CHECKING = False  # not ``from typing``: importing typing alone costs ~15 ms before the fork
if TYPE_CHECKING:  # imported lazily: the fork happens before anything heavy is loaded
    from concurrent.futures import Future

    from reader.corpus.model import Article
    from reader.engine.types import Comparison


class Loaded:
    """What the preload produces: the articles, files skipped (one line each), the first comparison."""

    def __init__(self, articles: list[Article] | None = None, skipped: list[str] | None = None,
                 first: Comparison | None = None, pending: set[str] | None = None) -> None:
        self.articles: list[Article] = articles if articles is not None else []
        self.skipped: list[str] = skipped if skipped is not None else []
        self.first = first
        self.pending: set[str] = pending if pending is not None else set()
        """Paths of articles listed from a peek, not loaded yet (see reader/tui/lazy.py)."""


def load_all(paths: list[str], compare_first: bool = True) -> Loaded:
    """Every article loaded; above ``LAZY_THRESHOLD`` files, the first two loaded and the
    others listed from a peek (``Loaded.pending``), so a big folder opens in about a second."""
    from reader.corpus.load import LoadError, load_article
    from reader.tui.lazy import LAZY_THRESHOLD, list_lazily

    out = Loaded()
    if len(paths) > LAZY_THRESHOLD:
        out.articles, out.skipped, out.pending = list_lazily(paths)
        paths = []
    for path in paths:
        try:
            out.articles.append(load_article(path))
        except LoadError as exc:
            out.skipped.append(str(exc))
        except (OSError, ValueError) as exc:  # defensive: a bad file never kills the app
            out.skipped.append(f"{path}: {type(exc).__name__}: {exc}")
    # Empty files stay listed (marked empty) but go last, so the first pair shown has text.
    out.articles.sort(key=lambda a: a.path not in out.pending and not a.sentences)
    # Boilerplate is marked per article when it loads (its own text only), so a pair
    # compares the same here, in `reader compare` and in a notes export.
    loaded = [a for a in out.articles if a.path not in out.pending]
    if compare_first and loaded:
        from reader.engine.compare import compare

        arts = loaded
        out.first = compare(arts[0], arts[min(1, len(arts) - 1)])
        warm_diffs(out.first)
    return out


FIRST_SCREEN_ROWS = 120
"""Rows whose word diffs are computed ahead (more than fit on a tall terminal)."""


def warm_diffs(comparison: Comparison, rows: int = FIRST_SCREEN_ROWS) -> None:
    """Compute the word diffs the first screen shows (``Match.diff`` is lazy).

    Done where the comparison is made (the preload process or thread), so the UI thread
    paints the first screen without importing the diff code or running it.
    """
    for row in comparison.rows[:rows]:
        if row.match is not None:
            match = comparison.matches[row.match]
            if match.kind != "verbatim":
                match.diff  # noqa: B018 - computed and kept on the match


def start(paths: list[str]) -> Future[Loaded]:
    """Load in a daemon thread; the future carries the result (or the exception)."""
    import threading
    from concurrent.futures import Future

    future: Future[Loaded] = Future()

    def run() -> None:
        try:
            future.set_result(load_all(paths))
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
            future.set_exception(exc)

    threading.Thread(target=run, name="reader-preload", daemon=True).start()
    return future


# ------------------------------------------------------------------ child process
class Preload:
    """Handles on a forked preload: the paths found, then everything loaded."""

    def __init__(self) -> None:
        from concurrent.futures import Future

        self.found: Future[tuple[list[str], list[str]]] = Future()
        """(article files, problems) from expanding the command-line arguments."""
        self.loaded: Future[Loaded] = Future()


def _send(fd: int, obj: object) -> None:
    import pickle

    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view):]


def _recv(stream) -> object:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("the preload process ended without an answer")
    size = int.from_bytes(head, "little")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the preload process's answer was cut short")
    import pickle

    return pickle.loads(data)


def _child(args: list[str] | None, fd: int) -> None:
    """In the forked child: find, load, compare; send two messages; never return."""
    code = 0
    try:
        import gc

        gc.freeze()  # what the parent had (never scanned, never copied on write)
        gc.enable()  # run_tui disables it during start-up
        from reader.corpus.discover import collect_paths

        if args is None:
            from reader.resources import seeds_dir

            args = [str(seeds_dir())]

        try:
            found, problems = collect_paths(args)
            files = [str(p) for p in found]
            _send(fd, ("found", (files, problems)))
            _send(fd, ("loaded", load_all(files) if files else Loaded()))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            try:
                _send(fd, ("error", exc))
            except Exception:  # unpicklable exception
                _send(fd, ("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    except BaseException:  # noqa: BLE001 - the parent sees EOF and falls back
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's stdio buffers


def start_process(args: list[str] | None) -> Preload | None:
    """Fork a child that expands ``args``, loads the articles and compares the first pair.

    ``args`` are files and folders; None means the bundled seed articles.

    Call it before importing Textual (nothing but the standard library and our data
    types should be loaded, and no threads started). Returns None where fork is not
    available (the caller falls back to :func:`start`).
    """
    if not hasattr(os, "fork") or sys.platform in ("darwin", "win32", "emscripten", "wasi"):
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # child
        os.close(read_fd)
        _child(args, write_fd)
    os.close(write_fd)
    import threading

    preload = Preload()

    def receive() -> None:
        futures = [preload.found, preload.loaded]
        try:
            with os.fdopen(read_fd, "rb") as stream:
                while futures:
                    kind, value = _recv(stream)
                    if kind == "error":
                        raise value  # type: ignore[misc]
                    futures.pop(0).set_result(value)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
            for f in futures:
                f.set_exception(exc)
        finally:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass

    threading.Thread(target=receive, name="reader-preload-receive", daemon=True).start()
    return preload
