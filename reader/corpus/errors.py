"""The corpus layer's exception and the helpers that make its messages safe to print."""

from __future__ import annotations

import re


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


_SURROGATES = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """Lone surrogates (JSON ``"\\ud800"``, undecodable file names) become U+FFFD: they
    cannot be encoded for a terminal or a file and would crash whoever prints them."""
    return _SURROGATES.sub("\ufffd", text)


def one_line(text: str, limit: int = 200) -> str:
    """:func:`reader.corpus.sanitize.one_line`, safe for any str (file names included)."""
    from reader.corpus.sanitize import one_line as _one_line

    return _one_line(no_surrogates(str(text)), limit)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``"1 sentence"``, ``"2 sentences"`` (``words``: an irregular plural)."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"
