"""Big corpora: list every article from a cheap peek, load only what is shown.

No textual here (the preload child uses it before Textual is imported).

A folder of a few articles is loaded whole, as before. Above :data:`LAZY_THRESHOLD`
files, the article list is built from :func:`reader.corpus.listing.peek` (title and
source from the first and last few kilobytes, ~0.5 ms a file): each unloaded article is
a *stub*, an :class:`Article` without text or sentences whose path is in the pending
set. Only the first two readable articles are loaded (and compared) before the first
paint; the rest load when chosen, or in a background worker after the first paint.
``load_article`` caches by path, mtime and size, so loading twice is cheap.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.listing import Listing
    from reader.corpus.model import Article

LAZY_THRESHOLD = 20
"""Up to this many files, every article is loaded before the first paint."""

NOT_READ = "not read yet"
"""The warning a stub carries (never shown as a problem)."""


def stub_article(listing: Listing) -> Article:
    """An unloaded article for the list: title and source only (both one line)."""
    from reader.corpus.errors import one_line
    from reader.corpus.model import Article

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


def list_lazily(paths: list[str], wanted: int = 2) -> tuple[list[Article], list[str], set[str]]:
    """(articles, skipped, pending): the first ``wanted`` readable articles loaded, the
    others peeked. Files that fail before the first ``wanted`` load are skipped (not
    listed), as when everything is loaded; later failures show when those load."""
    from reader.corpus.errors import LoadError, one_line
    from reader.corpus.listing import peek

    articles: list[Article] = []
    skipped: list[str] = []
    pending: set[str] = set()
    loaded = 0
    for path in paths:
        if loaded < wanted:
            article, problem = load_one(path)
            if article is None:
                skipped.append(problem or one_line(path, 300))
                continue
            articles.append(article)
            loaded += 1
            continue
        try:
            listing = peek(path)
        except LoadError as exc:
            skipped.append(one_line(str(exc), 600))
            continue
        except Exception as exc:  # noqa: BLE001
            skipped.append(one_line(f"{path}: {type(exc).__name__}: {exc}", 600))
            continue
        articles.append(stub_article(listing))
        pending.add(listing.path)
    return articles, skipped, pending
