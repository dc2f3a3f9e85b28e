"""Load an article file into an :class:`Article`.

Every file is untrusted: it is decoded defensively, sanitised, split into paragraphs and
sentences, and never executed or interpreted. Problems raise :class:`LoadError` with a
one-line message naming the file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reader.corpus.model import Article, Sentence
from reader.corpus.sanitize import one_line, sanitize
from reader.corpus.source import infer_source
from reader.corpus.split import split_sentences

MAX_BYTES = 20 * 1024 * 1024
SUPPORTED = (".txt",)


class LoadError(Exception):
    """A file could not be read as an article; ``str(err)`` is a one-line message."""


def read_text(path: Path) -> tuple[str, str]:
    """Read and decode a file; returns (text, encoding name)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise LoadError(f"{path}: no such file") from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise LoadError(f"{path}: is a folder, not an article file")
    if size > MAX_BYTES:
        raise LoadError(f"{path}: {size:,} bytes is over the {MAX_BYTES // (1024 * 1024)} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode(data, str(path))


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise LoadError(f"{name}: invalid UTF-16 text") from None
    if b"\x00" in data:
        raise LoadError(f"{name}: looks like a binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


_TERMINAL = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs of plain text as (start, end) offsets, outer whitespace excluded.

    Blank lines always separate paragraphs. Inside a block each line is its own
    paragraph (news text often puts one paragraph per line) unless the line is visibly
    hard-wrapped: it ends without closing punctuation and the next line starts in
    lower case, in which case the two lines are one paragraph.
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lines.append((s, e))
    paras: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e in lines:
        if s == e:
            if cur:
                paras.append(cur)
            cur = None
            continue
        if cur is not None:
            prev = text[cur[0] : cur[1]]
            first = text[s]
            if paras and not _TERMINAL.search(prev) and (first.islower() or first.isdigit()):
                cur = (cur[0], e)
                continue
            paras.append(cur)
        cur = (s, e)
    if cur:
        paras.append(cur)
    return paras


def build_article(
    text: str,
    path: str = "",
    *,
    title: str | None = None,
    source: str | None = None,
    date: str | None = None,
    url: str | None = None,
    encoding: str | None = None,
) -> Article:
    """Make an Article from raw text: sanitise, find paragraphs and sentences.

    The first paragraph is the title line and becomes sentence 0 (headlines match too).
    """
    text = sanitize(text)
    paras = paragraph_spans(text)
    sentences: list[Sentence] = []
    for p_index, (ps, pe) in enumerate(paras):
        spans = [(ps, pe)] if p_index == 0 else [(ps + a, ps + b) for a, b in split_sentences(text[ps:pe])]
        for s, e in spans:
            sentences.append(Sentence(len(sentences), text[s:e], p_index, s, e))
    if title is None:
        title = one_line(text[paras[0][0] : paras[0][1]], 300) if paras else ""
    if source is None:
        source = infer_source(text, path)
    from reader.corpus.boilerplate import mark_boilerplate

    article = Article(
        path=path, title=title, source=source, text=text, paragraphs=paras,
        sentences=sentences, date=date, url=url, encoding=encoding,
    )
    mark_boilerplate(article)
    return article


def load_article(path: str | os.PathLike[str]) -> Article:
    """Load one article file. Raises LoadError with a one-line message."""
    p = Path(path)
    text, encoding = read_text(p)
    return build_article(text, str(p), encoding=encoding)
