"""Guess an article's source (outlet) name when the file does not state it.

Cues, strongest first: an explicit ``Source:``/``Publisher:`` line, a copyright line,
an outlet named in a byline (``By A | Outlet``), a "Powered by" footer, the domain of a
byline e-mail address, an aggregator's self-description; otherwise the file's folder or
name.

The result is always one safe line: a name taken from a file or folder name, or from a
URL's host, carries none of the control, bidi or invisible characters such a name may hold.
"""

from __future__ import annotations

import functools
import os
import re

from reader.corpus.sanitize import clean_line

_NAME = r"([A-Z][\w&'’.\- ]{1,60}?)"
# (words one of which the text must hold, pattern): a pattern is compiled only when a text
# could match it (compiling all of them cost ~1.4 ms of every `reader compare`). A word
# after "\n" must start a line (the text is searched with a "\n" before it), as "^" does.
_PATTERNS = [
    (("\nsource", "\npublisher", "\noutlet", "\nsite"), r"^(?:source|publisher|outlet|site)\s*:\s*(.{2,60}?)\s*$"),
    (("©", "(c)", "copyright"), r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?,?\s*" + _NAME + r"(?:[.,|]|\s+all rights|\s*$)"),
    (("|",), r"^by\s+[^|\n]{2,60}\|\s*" + _NAME + r"\s*(?:\||$)"),
    (("\npowered by",), r"^powered by\s+" + _NAME + r"\.?\s*$"),
    (("aggregator",), r"^" + _NAME + r" is an? (?:automatic )?(?:news )?aggregator"),
]
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_EMAIL = r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\b"
_ID_LIKE = r"^[\W\d_]*$|\d{3,}|[0-9a-f]{8,}"
_GENERIC_NAMES = {"article", "story", "index", "page", "text", "news", "item", "post", "untitled", "document"}
_GENERIC_DIRS = {"", ".", "seeds", "articles", "data", "tmp", "downloads", "news", "texts", "files"}


def infer_source(text: str, path: str = "") -> str:
    """The outlet's name, one safe line (``"unknown"`` when nothing names it)."""
    return clean_line(_infer(text, path)) or "unknown"


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _infer(text: str, path: str) -> str:
    tail = text[-4000:]
    lower = "\n" + tail.lower()
    # (re.I matches "İ", "ı", "ſ" and the Kelvin sign to ASCII letters, lower() does not:
    # with one of them in the text, every pattern runs)
    folds = not tail.isascii() and any(c in tail for c in _FOLDS_TO_ASCII)
    for triggers, pattern in _PATTERNS:
        if not folds and not any(t in lower for t in triggers):
            continue
        for m in _compiled(pattern, re.I | re.M).finditer(tail):
            name = m.group(1).strip(" .,-|")
            if 2 <= len(name) <= 60 and not re.fullmatch(r"[\d\s]+", name) and name.lower() not in {"all", "the"}:
                return name
    m = _compiled(_EMAIL, 0).search(tail) if "@" in tail else None
    if m:
        host = m.group(1).lower()
        if host.split(".")[0] not in {"gmail", "yahoo", "hotmail", "outlook", "example", "mail", "email", "protected"}:
            return host
    if path:
        # The file's own name says more than its folder (files of one story from several
        # outlets share a folder: "story/reuters.txt", "story/bbc.txt"), unless the name is
        # an id or a generic word, where an outlet's folder ("nyt/0042.txt") says more.
        if "://" in path:  # a fetched page: its host ("www." dropped)
            host = clean_line(path.split("://", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0].lower())
            return host[4:] if host.startswith("www.") else (host or "unknown")
        from reader.corpus.formats import split_record_ref

        ref = split_record_ref(path)  # FILE.jsonl#N: the file's name ("a#b.txt" keeps its "#")
        p = (ref[0] if ref else path).rstrip(os.sep) or os.sep
        base = os.path.basename(p)
        root, ext = os.path.splitext(base)
        stem = root if len(ext) > 1 and root.strip(".") else base  # as pathlib's Path.stem
        parent = os.path.basename(os.path.dirname(p))
        stem, parent = clean_line(stem), clean_line(parent)  # judged as they will show
        if not _compiled(_ID_LIKE, re.I).search(stem) and stem.lower() not in _GENERIC_NAMES:
            return stem
        if parent and parent.lower() not in _GENERIC_DIRS and not parent.startswith("tmp"):
            return parent
        return stem or "unknown"
    return "unknown"
