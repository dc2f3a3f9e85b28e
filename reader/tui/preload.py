"""Start loading articles (and the first comparison) before Textual is even imported.

No textual here: ``run_tui`` starts this thread first, so reading, splitting and comparing
the first pair overlap with Textual's start-up instead of following it.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass, field

from reader.corpus.model import Article
from reader.engine.types import Comparison


@dataclass
class Loaded:
    articles: list[Article] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    first: Comparison | None = None


def load_all(paths: list[str], compare_first: bool = True) -> Loaded:
    from reader.corpus import boilerplate
    from reader.corpus.load import LoadError, load_article

    out = Loaded()
    for path in paths:
        try:
            out.articles.append(load_article(path))
        except LoadError as exc:
            out.skipped.append(str(exc))
        except (OSError, ValueError) as exc:  # defensive: a bad file never kills the app
            out.skipped.append(f"{path}: {type(exc).__name__}: {exc}")
    mark_corpus = getattr(boilerplate, "mark_corpus", None)
    if mark_corpus is not None and len(out.articles) > 1:
        mark_corpus(out.articles)
    if compare_first and out.articles:
        from reader.engine.compare import compare

        arts = out.articles
        out.first = compare(arts[0], arts[min(1, len(arts) - 1)])
    return out


def start(paths: list[str]) -> Future[Loaded]:
    """Load in a daemon thread; the future carries the result (or the exception)."""
    future: Future[Loaded] = Future()

    def run() -> None:
        try:
            future.set_result(load_all(paths))
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
            future.set_exception(exc)

    threading.Thread(target=run, name="reader-preload", daemon=True).start()
    return future
