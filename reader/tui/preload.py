"""Open the story layer (and compare the first pair) before Textual is even imported.

No textual here, and no corpus work of its own: this module only decides *where* the story
layer does its opening work (:func:`prepare`) — in a forked process or a thread — and hands the
result to the App. ``run_tui`` starts it first, so finding, reading, splitting, grouping and
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

    from reader.engine.types import Comparison
    from reader.story.grouping import Story
    from reader.story.library import Library


class Loaded:
    """What the preload hands the App: the library (articles, problems, stubs still pending,
    the first comparison in its cache), its stories when they could be grouped already (every
    article loaded), and the pair to show first (indexes into ``library.articles``)."""

    def __init__(self, library: Library, pair: tuple[int, int] | None = None,
                 stories: list[Story] | None = None) -> None:
        self.library = library
        self.pair = pair
        self.stories = stories

    @classmethod
    def showing(cls, comparison: Comparison) -> Loaded:
        """A library of the comparison's two articles, the comparison in its cache (tests and
        benchmarks hand the App a comparison made elsewhere)."""
        from reader.story.library import Library

        library = Library([comparison.left, comparison.right])
        library.remember(comparison)
        return cls(library, (0, 1))

    @property
    def first(self) -> Comparison | None:
        """The comparison of the first pair, if it was made."""
        if self.pair is None:
            return None
        a, b = self.pair
        arts = self.library.articles
        return self.library.cached(arts[a], arts[b])


def first_pair(library: Library, stories: list[Story] | None) -> tuple[int, int] | None:
    """The pair shown first: the first two articles of the first story that has two or more
    (stories list the biggest first; articles by date where known); without stories (a big
    folder still being read) or without such a story, the first two readable articles."""
    arts = library.articles
    if not arts:
        return None
    index = {id(a): k for k, a in enumerate(arts)}
    for story in stories or ():
        if len(story.articles) >= 2 and all(id(a) in index for a in story.articles[:2]):
            return index[id(story.articles[0])], index[id(story.articles[1])]
    loaded = [k for k, a in enumerate(arts) if library.is_loaded(a) and a.sentences]
    loaded = loaded or [k for k, a in enumerate(arts) if library.is_loaded(a)] or [0]
    return loaded[0], loaded[min(1, len(loaded) - 1)]


def prepare(files: list[str], compare_first: bool = True) -> Loaded:
    """Open ``files`` in the story layer: every article read (above its lazy threshold, the
    first two read and the others listed), grouped into stories when all are read and the
    first pair depends on it (three articles or more: two are the first pair whatever their
    stories, and grouping two very long articles takes a second, so the screen groups them
    after its first paint), and the first pair compared through the library (so it is in its
    cache)."""
    from reader.story.library import Library

    library = Library.of_files(files)
    stories = library.stories() if not library.pending and len(library.articles) > 2 else None
    pair = first_pair(library, stories)
    if compare_first and pair is not None:
        arts = library.articles
        warm_diffs(library.compare(arts[pair[0]], arts[pair[1]]))
    return Loaded(library, pair, stories)


FIRST_SCREEN_ROWS = 120
"""Rows whose word diffs are computed ahead (more than fit on a tall terminal)."""


def warm_diffs(comparison: Comparison, rows: int = FIRST_SCREEN_ROWS) -> None:
    """Compute the word diffs the first screen shows (``Match.diff`` is lazy).

    Done where the comparison is made (the preload process or a worker thread), so the UI
    thread paints the first screen without importing the diff code or running it.
    """
    for row in comparison.rows[:rows]:
        if row.match is not None:
            match = comparison.matches[row.match]
            if match.kind != "verbatim":
                match.diff  # noqa: B018 - computed and kept on the match


def start(paths: list[str]) -> Future[Loaded]:
    """Prepare in a daemon thread; the future carries the result (or the exception)."""
    import threading
    from concurrent.futures import Future

    future: Future[Loaded] = Future()

    def run() -> None:
        try:
            future.set_result(prepare(paths))
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
    """In the forked child: find, prepare; send two messages; never return."""
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
            # One pickle: the stories and the cached comparison share the library's articles.
            _send(fd, ("loaded", prepare(files) if files else None))
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
    """Fork a child that expands ``args`` and prepares them (:func:`prepare`).

    ``args`` are files and folders; None means the bundled seed articles. ``loaded`` carries
    None when nothing was found.

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
