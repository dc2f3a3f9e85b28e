"""Guess an article's source (outlet) name when the file does not state it.

Cues, strongest first: an explicit ``Source:``/``Publisher:`` line, a copyright line,
an outlet named in a byline (``By A | Outlet``), a "Powered by" footer, the domain of a
byline e-mail address, an aggregator's self-description; otherwise the file's folder or
name.

The result is always one safe line: a name taken from a file or folder name, or from a
URL's host, carries none of the control, bidi or invisible characters such a name may hold.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.corpus.sanitize import clean_line

_NAME = r"([A-Z][\w&'’.\- ]{1,60}?)"
_PATTERNS = [
    re.compile(r"^(?:source|publisher|outlet|site)\s*:\s*(.{2,60}?)\s*$", re.I | re.M),
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?,?\s*" + _NAME + r"(?:[.,|]|\s+all rights|\s*$)", re.I | re.M),
    re.compile(r"^by\s+[^|\n]{2,60}\|\s*" + _NAME + r"\s*(?:\||$)", re.I | re.M),
    re.compile(r"^powered by\s+" + _NAME + r"\.?\s*$", re.I | re.M),
    re.compile(r"^" + _NAME + r" is an? (?:automatic )?(?:news )?aggregator", re.I | re.M),
]
_EMAIL = re.compile(r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\b")
_ID_LIKE = re.compile(r"^[\W\d_]*$|\d{3,}|[0-9a-f]{8,}", re.I)
_GENERIC_NAMES = {"article", "story", "index", "page", "text", "news", "item", "post", "untitled", "document"}
_GENERIC_DIRS = {"", ".", "seeds", "articles", "data", "tmp", "downloads", "news", "texts", "files"}


def infer_source(text: str, path: str = "") -> str:
    """The outlet's name, one safe line (``"unknown"`` when nothing names it)."""
    return clean_line(_infer(text, path)) or "unknown"


def _infer(text: str, path: str) -> str:
    tail = text[-4000:]
    for pattern in _PATTERNS:
        for m in pattern.finditer(tail):
            name = m.group(1).strip(" .,-|")
            if 2 <= len(name) <= 60 and not re.fullmatch(r"[\d\s]+", name) and name.lower() not in {"all", "the"}:
                return name
    m = _EMAIL.search(tail)
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
        p = Path(ref[0] if ref else path)
        stem, parent = clean_line(p.stem), clean_line(p.parent.name)  # judged as they will show
        if not _ID_LIKE.search(stem) and stem.lower() not in _GENERIC_NAMES:
            return stem
        if parent and parent.lower() not in _GENERIC_DIRS and not parent.startswith("tmp"):
            return parent
        return stem or "unknown"
    return "unknown"
