"""What an article list needs, without parsing the article: title, source, size, format.

``peek(path)`` reads at most the first and last few kilobytes of a file (JSON records are
parsed, they are small), so a folder of thousands of articles can be listed at once and
each article loaded (``load_article``, cached) only when it is shown or compared. No
sentence splitting, no boilerplate marking, no trafilatura: a web page is listed under
its file name until it is loaded.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

from reader.corpus.errors import LoadError, display_path, one_line, over_cap
from reader.corpus.formats import front_matter, is_url, kind_for, resolve_record_ref

HEAD = 8192
TAIL = 1536
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)


@dataclass(slots=True)
class Listing:
    path: str
    title: str
    source: str
    kind: str
    size: int
    empty: bool = False


def peek(path: str | os.PathLike[str]) -> Listing:
    """A cheap look at one listed path. Raises LoadError for what ``load_article`` would
    refuse by its metadata alone (missing, not a regular file, over the cap); content
    problems (binary bytes, bad JSON) may only show when the article is loaded."""
    from reader.corpus import load as _load
    from reader.corpus.source import infer_source

    raw = os.fspath(path)
    if is_url(raw):
        return Listing(raw, one_line(raw, 300), _host(raw), "url", 0)
    file_path, _ = resolve_record_ref(raw)
    name = display_path(raw)
    try:
        st = os.stat(file_path)
    except OSError as exc:
        raise _load._os_problem(name, exc, file_path) from None
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(f"{name}: not a regular file, skipped")
    if st.st_size > _load.MAX_BYTES:
        raise LoadError(over_cap(name, st.st_size, _load.MAX_BYTES))
    kind = kind_for(os.path.basename(file_path)) or "text"
    stem = os.path.splitext(os.path.basename(file_path))[0]
    if st.st_size == 0:
        return Listing(raw, "(empty file)", one_line(infer_source("", file_path), 120), kind, 0, True)
    if kind in ("json", "jsonl"):
        article = _load.load_article(raw)  # records are small; parsing one is cheap
        return Listing(raw, article.title, article.source, kind, st.st_size, not article.sentences)
    head, tail = _ends(file_path, st.st_size)
    title = ""
    source = None
    if kind == "markdown":
        meta, rest = front_matter(head)
        m = _HEADING.search(rest)
        title = meta.get("title") or (m.group(1) if m else "")
        source = meta.get("source")
        head = rest
    if kind == "html":
        title = stem
        source = ""
    if not title:
        title = next((ln for ln in head.split("\n") if ln.strip()), "")
    if source is None:
        source = infer_source(tail, file_path)
    title = one_line(title, 300)
    return Listing(raw, title or "(empty file)", one_line(source or "", 120), kind, st.st_size, not title)


def _ends(path: str, size: int) -> tuple[str, str]:
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
        if size > HEAD + TAIL:
            fh.seek(size - TAIL)
            tail = fh.read(TAIL)
        else:
            tail = head + fh.read(TAIL)
    return _text(head), _text(tail)


def _text(data: bytes) -> str:
    from reader.corpus.decode import decode_bytes

    try:
        return decode_bytes(data).text.replace("\r\n", "\n").replace("\r", "\n")
    except LoadError:
        return ""
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return one_line(urlsplit(url).hostname or "", 120)
    except ValueError:
        return ""
