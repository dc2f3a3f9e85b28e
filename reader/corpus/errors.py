"""The corpus layer's exception and the helpers that make its messages safe to print.

A path or URL is named in a message with :func:`display_path` (unsafe characters shown as
``?``); any other outside text with :func:`one_line`.
"""

from __future__ import annotations

from reader.corpus.sanitize import display_path, no_surrogates
from reader.corpus.sanitize import one_line  # noqa: F401 (one definition, re-exported for its callers)

__all__ = ["LoadError", "cap_text", "display_path", "no_surrogates", "one_line", "over_cap", "plural"]


class LoadError(Exception):
    """A file or URL could not be read as an article; ``str(err)`` is a one-line message."""


def cap_text(cap: int) -> str:
    """A size limit for messages: ``10 MB``, ``64 KB`` or ``1,000-byte``."""
    mib = 1024 * 1024
    if cap >= mib and cap % mib == 0:
        return f"{cap // mib} MB"
    if cap >= 1024 and cap % 1024 == 0:
        return f"{cap // 1024} KB"
    return f"{cap:,}-byte"


def over_cap(name: str, size: int, cap: int) -> str:
    return f"{name}: {size:,} bytes is over the {cap_text(cap)} size limit, refused"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``"1 sentence"``, ``"2 sentences"`` (``words``: an irregular plural)."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def read_user_file(path: str, name: str, what: str, limit: int | None = None) -> bytes:
    """The bytes of a file the user named (at most ``limit`` + 1 of them), or LoadError with one
    line saying why not, starting with ``name`` (``what``: the kind of file expected, for "is a
    folder, not …")."""
    try:
        with open(path, "rb") as fh:
            return fh.read() if limit is None else fh.read(limit + 1)
    except FileNotFoundError:
        raise LoadError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise LoadError(f"{name}: is a folder, not {what}") from None
    except OSError as exc:
        raise LoadError(f"{name}: cannot read ({exc.strerror or type(exc).__name__})") from None
    except ValueError:  # an embedded NUL
        raise LoadError(f"{name}: not a valid path") from None
