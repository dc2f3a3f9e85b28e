"""A set of articles opened together: loading, comparisons cached by content, stories.

Loading: up to :data:`LAZY_THRESHOLD` files are loaded whole; above it, the first two readable
ones are loaded and the others listed from a cheap peek (title and source from the head and
tail of the file, ~0.5 ms a file) as *stubs*, loaded when asked (:meth:`Library.load`).

Cross-article boilerplate: once every article of a set of three or more is read, each is
re-marked with the others as context (:func:`reader.corpus.boilerplate.mark_corpus`: a line
also found in articles about other stories is site chrome — a desk's sign-off, a recurring
promo). Two articles alone are judged each on its own, as ``reader compare`` judges them.

Comparisons: ``Library.compare(a, b)`` computes a pair once, whoever asks (the pair view, the
story overview, a notes export); the cache is keyed by the content of both articles (title,
text, date and which sentences are boilerplate), so an article edited on disk, or re-marked in
context, is compared afresh and a copy under another name is not compared twice.

The user's corrections of a pair (links made, unlinked, "not the same": see
:mod:`reader.engine.corrections`) apply to every comparison the library gives. They come from
``Library.corrections`` — by default the notes database (:class:`reader.notes.lookup.StoredCorrections`:
read only when the database file exists, re-read only when it changes), None for none — and
are part of the cache key: a correction made in the TUI, or in another reader, shows the next
time the pair is asked for. The engine's own comparison is cached too and corrected again
(cheap); it is never computed twice for a new correction.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from reader.corpus.model import Article

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.listing import Listing
    from reader.engine.corrections import Correction
    from reader.engine.types import Comparison
    from reader.story.grouping import Story
    from reader.story.overview import Overview

LAZY_THRESHOLD = 20
"""Up to this many files, every article is loaded at once."""

NOT_READ = "not read yet"
"""The warning a stub carries (never shown as a problem)."""

CONTEXT_MIN = 3
"""From this many read articles on, boilerplate is judged with the others as context."""

CACHE_SIZE = 512
"""Comparisons kept (a story of 20 articles has 190 pairs)."""

_CACHE_LOCK = threading.Lock()
"""Guards the comparison caches' bookkeeping: the TUI compares in worker threads (the pair
view's and the story overview's at once), and one thread's eviction must not pull a pair from
under another's ``move_to_end``. Comparing itself runs outside it. (Module-level, so a Library
still pickles.)"""

_CONTEXT_LOCK = threading.Lock()
"""Guards re-marking boilerplate in context (it changes the articles the comparisons read)."""


def content_key(article: Article) -> str:
    """What a comparison of this article depends on: its title, text, date and which of its
    sentences are boilerplate."""
    h = hashlib.blake2b(digest_size=16)
    for part in (article.title, article.text, article.date or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(bytes(s.boilerplate for s in article.sentences))
    return h.hexdigest()


def stub_article(listing: Listing) -> Article:
    """An unloaded article for the list: title and source only (both one line)."""
    from reader.corpus.errors import one_line

    title = one_line(listing.title, 300)
    if listing.empty and listing.size:  # peek saw no text in the head: binary, or odd bytes
        title = one_line(listing.path.rsplit("/", 1)[-1], 300)
    warnings = ["empty"] if listing.size == 0 else [NOT_READ]
    return Article(path=listing.path, title=title, source=one_line(listing.source, 120), text="",
                   warnings=warnings)


def is_empty(article: Article) -> bool:
    return not article.sentences and "empty" in article.warnings


def load_one(path: str) -> tuple[Article | None, str | None]:
    """(article, None) or (None, one-line reason): never raises."""
    from reader.corpus.errors import one_line
    from reader.corpus.load import LoadError, load_article

    try:
        return load_article(path), None
    except LoadError as exc:
        return None, one_line(str(exc), 600)
    except Exception as exc:  # noqa: BLE001 - defensive: a bad file never kills the app
        return None, one_line(f"{path}: {type(exc).__name__}: {exc}", 600)


class Library:
    """The articles opened together, and what is computed across them."""

    def __init__(self, articles: Iterable[Article] = (), problems: Iterable[str] = (),
                 pending: Iterable[str] = ()) -> None:
        self.articles: list[Article] = list(articles)
        self.problems: list[str] = list(problems)
        """One line per file that could not be read (or listed)."""
        self.pending: set[str] = set(pending)
        """Paths of stubs: listed from a peek, not loaded yet."""
        self.failed: dict[str, str] = {}
        """Path -> why a listed article could not be loaded when asked for."""
        self.cache_size = CACHE_SIZE
        """Comparisons kept (a library restored from a corpus keeps every pair of its story)."""
        self._comparisons: OrderedDict[tuple[str, str, bool, tuple], Comparison] = OrderedDict()
        """Keyed (left content, right content, same_event, corrections' fingerprint); the
        engine's own comparison under an empty fingerprint."""
        from reader.notes.lookup import StoredCorrections

        self.corrections: Callable[[Article, Article], list[Correction]] | None = StoredCorrections()
        """Where the user's corrections of a pair come from: ``(left, right) -> [Correction]`` in
        that orientation (when it has a ``revision()``, its answers are kept until that changes);
        None: no corrections."""
        self._fixes: dict[tuple[str, str, str, str], tuple[object, tuple[Correction, ...]]] = {}
        self._stories: list[Story] | None = None
        self._in_context = False
        """Whether boilerplate was re-marked across the current set of read articles."""

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, paths: Iterable[str], *, lazy: bool = True) -> Library:
        """Files, folders (recursively) and URLs, as the command line gives them."""
        from reader.corpus.discover import collect_paths

        found, problems = collect_paths(list(paths))
        lib = cls.of_files([str(p) for p in found], lazy=lazy)
        lib.problems[:0] = problems
        return lib

    @classmethod
    def of_files(cls, files: list[str], *, lazy: bool = True, wanted: int = 2) -> Library:
        """Every file loaded; above LAZY_THRESHOLD files (when ``lazy``), the first ``wanted``
        readable ones loaded and the others listed from a peek."""
        lib = cls()
        if lazy and len(files) > LAZY_THRESHOLD:
            lib._list_lazily(files, wanted)
        else:
            for path in files:
                article, problem = load_one(path)
                if article is None:
                    lib.problems.append(problem or path)
                else:
                    lib.articles.append(article)
        # Empty files stay listed (marked empty) but go last, so the first pair shown has text.
        lib.articles.sort(key=lambda a: a.path not in lib.pending and not a.sentences)
        return lib

    def _list_lazily(self, paths: list[str], wanted: int) -> None:
        from reader.corpus.errors import LoadError, one_line
        from reader.corpus.listing import peek

        loaded = 0
        for path in paths:
            if loaded < wanted:
                article, problem = load_one(path)
                if article is None:
                    self.problems.append(problem or one_line(path, 300))
                    continue
                self.articles.append(article)
                loaded += 1
                continue
            try:
                listing = peek(path)
            except LoadError as exc:
                self.problems.append(one_line(str(exc), 600))
                continue
            except Exception as exc:  # noqa: BLE001
                self.problems.append(one_line(f"{path}: {type(exc).__name__}: {exc}", 600))
                continue
            self.articles.append(stub_article(listing))
            self.pending.add(listing.path)

    # ------------------------------------------------------------------ loading
    def is_loaded(self, article: Article) -> bool:
        return article.path not in self.pending

    @property
    def loaded(self) -> list[Article]:
        """The articles read so far (stubs left out)."""
        return [a for a in self.articles if a.path not in self.pending]

    def load(self, index: int) -> Article | None:
        """The article at ``index``, read now if it is a stub; None if it cannot be read (the
        reason is in ``failed``)."""
        article = self.articles[index]
        if article.path not in self.pending:
            return article
        if article.path in self.failed:
            return None
        loaded, problem = load_one(article.path)
        self.settle(index, loaded, problem)
        return loaded

    def settle(self, index: int, article: Article | None, problem: str | None) -> bool:
        """Record the outcome of loading the stub at ``index`` (loaded here or elsewhere, e.g.
        in a worker thread). Returns whether anything changed."""
        stub = self.articles[index]
        if stub.path not in self.pending:
            return False
        if article is None:
            self.failed[stub.path] = problem or stub.path  # still listed, never loaded
            return True
        self.pending.discard(stub.path)
        self.articles[index] = article
        self._stories = None
        self._in_context = False
        return True

    def load_all(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Read every stub (``progress(done, total)`` after each)."""
        todo = [k for k, a in enumerate(self.articles) if a.path in self.pending and a.path not in self.failed]
        for n, k in enumerate(todo, 1):
            self.load(k)
            if progress is not None:
                progress(n, len(todo))

    # ------------------------------------------------------------------ boilerplate in context
    def mark_in_context(self) -> bool:
        """Re-mark boilerplate across the read articles, once every listed article is read (or
        failed) and at least :data:`CONTEXT_MIN` are; idempotent. Returns whether it ran now.
        Called before any comparison or grouping, so every view sees the same marks."""
        if self._in_context:
            return False
        with _CONTEXT_LOCK:
            if self._in_context or any(p not in self.failed for p in self.pending):
                return False
            loaded = self.loaded
            if len(loaded) >= CONTEXT_MIN:
                from reader.corpus.boilerplate import mark_corpus

                mark_corpus(loaded)
                self._stories = None
            self._in_context = True
            return len(loaded) >= CONTEXT_MIN

    # ------------------------------------------------------------------ comparing
    def compare(self, left: Article, right: Article, same_event: bool = False) -> Comparison:
        """The comparison of two loaded articles with the user's corrections, computed once
        (cached by content and corrections)."""
        self.mark_in_context()
        kl, kr = content_key(left), content_key(right)
        fixes = self._corrections_of(left, right, kl, kr)
        found = self._lookup(left, right, kl, kr, same_event, fixes)
        if found is not None:
            return found
        from reader.engine.compare import compare

        result = compare(left, right, same_event=same_event)
        self._keep((kl, kr, same_event, ()), result)
        return self._corrected(result, kl, kr, same_event, fixes)

    def cached(self, left: Article, right: Article, same_event: bool = False) -> Comparison | None:
        """The comparison if it was computed already (with the corrections as they are now:
        applying them is cheap), else None (never compares)."""
        kl, kr = content_key(left), content_key(right)
        return self._lookup(left, right, kl, kr, same_event, self._corrections_of(left, right, kl, kr))

    def remember(self, comparison: Comparison, same_event: bool = False) -> None:
        """Keep an engine comparison computed elsewhere (a preload process) as if computed here."""
        self._comparisons[(content_key(comparison.left), content_key(comparison.right), same_event, ())] = comparison

    def _lookup(self, left: Article, right: Article, kl: str, kr: str, same_event: bool,
                fixes: tuple[Correction, ...]) -> Comparison | None:
        """The cached comparison with ``fixes`` applied; from the cached engine comparison when
        only that is there; else None. (Without corrections, nothing of the engine is imported:
        the TUI asks before its first paint.)"""

        def get(key: tuple) -> Comparison | None:
            with _CACHE_LOCK:
                c = self._comparisons.get(key)
                if c is not None and c.left.path == left.path and c.right.path == right.path:
                    self._comparisons.move_to_end(key)
                    return c
            return None

        found = get((kl, kr, same_event, tuple(c.key() for c in fixes)))
        if found is not None or not fixes:
            return found
        raw = get((kl, kr, same_event, ()))
        return None if raw is None else self._corrected(raw, kl, kr, same_event, fixes)

    def _corrected(self, raw: Comparison, kl: str, kr: str, same_event: bool,
                   fixes: tuple[Correction, ...]) -> Comparison:
        if not fixes:
            return raw
        from reader.engine.corrections import apply_corrections

        result = apply_corrections(raw, fixes)
        self._keep((kl, kr, same_event, tuple(c.key() for c in fixes)), result)
        return result

    def _keep(self, key: tuple, comparison: Comparison) -> None:
        with _CACHE_LOCK:
            self._comparisons[key] = comparison
            while len(self._comparisons) > self.cache_size:
                self._comparisons.popitem(last=False)

    def _corrections_of(self, left: Article, right: Article, kl: str, kr: str) -> tuple[Correction, ...]:
        """The user's corrections of the pair (kept while the source's revision stands). Trouble
        reading them never stops a comparison: it is then shown as the engine made it."""
        source = self.corrections
        if source is None:
            return ()
        revision = getattr(source, "revision", None)
        token = revision() if revision is not None else None
        memo = (left.path, right.path, kl, kr)
        if token is not None:
            hit = self._fixes.get(memo)
            if hit is not None and hit[0] == token:
                return hit[1]
        try:
            fixes = tuple(source(left, right))
        except Exception:  # noqa: BLE001 - a broken notes database: the engine's links
            fixes = ()
        if token is not None:
            self._fixes[memo] = (token, fixes)
        return fixes

    # ------------------------------------------------------------------ stories
    def stories(self) -> list[Story]:
        """The loaded articles grouped into stories (articles about one event), computed once
        until an article is added or loaded."""
        self.mark_in_context()
        if self._stories is None:
            from reader.story.grouping import group

            self._stories = group(self.loaded)
        return self._stories

    def story_of(self, article: Article) -> Story | None:
        for story in self.stories():
            if any(a.path == article.path for a in story.articles):
                return story
        return None

    def overview(self, story: Story, progress: Callable[[int, int], None] | None = None) -> Overview:
        """Pairs, facts and coverage of one story (its pairs compared through this library)."""
        from reader.story.overview import build_overview

        return build_overview(self.compare, story, progress)
