"""Guess an article's source (outlet) name when the file does not state it.

Cues, strongest first: an explicit ``Source:``/``Publisher:`` line, a copyright line,
an outlet named in a byline (``By A | Outlet``), a "Powered by" footer, the domain of a
byline e-mail address, an aggregator's self-description; otherwise the file's folder or
name.
"""

from __future__ import annotations

import re
from pathlib import Path

_NAME = r"([A-Z][\w&'’.\- ]{1,60}?)"
_PATTERNS = [
    re.compile(r"^(?:source|publisher|outlet|site)\s*:\s*(.{2,60}?)\s*$", re.I | re.M),
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?,?\s*" + _NAME + r"(?:[.,|]|\s+all rights|\s*$)", re.I | re.M),
    re.compile(r"^by\s+[^|\n]{2,60}\|\s*" + _NAME + r"\s*(?:\||$)", re.I | re.M),
    re.compile(r"^powered by\s+" + _NAME + r"\.?\s*$", re.I | re.M),
    re.compile(r"^" + _NAME + r" is an? (?:automatic )?(?:news )?aggregator", re.I | re.M),
]
_EMAIL = re.compile(r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\b")
_GENERIC_DIRS = {"", ".", "seeds", "articles", "data", "tmp", "downloads", "news", "texts", "files"}


def infer_source(text: str, path: str = "") -> str:
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
        p = Path(path)
        parent = p.parent.name
        if parent.lower() not in _GENERIC_DIRS and not parent.startswith("tmp"):
            return parent
        return p.stem
    return "unknown"
