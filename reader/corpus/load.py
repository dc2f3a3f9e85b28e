"""Load an article (a file of any supported format, a JSON Lines record, or a URL).

Every input is untrusted: it is read with a size cap (never blocking on FIFOs or devices),
decoded defensively (``reader.corpus.decode``), parsed by its format
(``reader.corpus.formats``), sanitised, split into paragraphs and sentences, and never
executed or interpreted. Problems raise :class:`LoadError` with a one-line message naming
the file; nothing else escapes :func:`load_article`.

Loaded articles are cached in-process by (real path, record, mtime, size), so reopening a
file (the TUI choosing another pair, a second ``compare``) skips the parse.
"""

from __future__ import annotations

import _thread  # (its lock is threading.Lock: importing threading costs ~0.5 ms)
import errno
import os
import stat
from collections import OrderedDict

from reader.corpus.decode import Decoded, decode_bytes
from reader.corpus.errors import LoadError, cap_text, display_path, no_surrogates, one_line, over_cap
from reader.corpus.formats import SUPPORTED, Parsed, is_url, kind_for, parse, resolve_record_ref, sniff
from reader.corpus.model import Article, Sentence
from reader.corpus.sanitize import optional_line, sanitize
from reader.corpus.source import find_source
from reader.corpus.split import split_sentences

MAX_BYTES = 10 * 1024 * 1024
CACHE_SIZE = 4096
TITLE_LINE_MAX = 600  # characters: a longer first paragraph is not a headline
EMPTY = "empty"

__all__ = [
    "MAX_BYTES", "SUPPORTED", "LoadError", "build_article", "load_article", "load_articles",
    "paragraph_spans", "read_text", "decode", "is_url", "cap_text",
]


def _os_problem(name: str, exc: OSError, path: str) -> LoadError:
    if exc.errno == errno.ENOENT:
        return LoadError(f"{name}: broken symbolic link" if os.path.islink(path) else f"{name}: no such file")
    if exc.errno == errno.ELOOP:
        return LoadError(f"{name}: symbolic link loop")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return LoadError(f"{name}: permission denied")
    if exc.errno == errno.EISDIR:
        return LoadError(f"{name}: is a folder, not an article file")
    return LoadError(f"{name}: cannot read ({exc.strerror or type(exc).__name__})")


def read_bytes(path: str | os.PathLike[str]) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, at most ``MAX_BYTES``; raises LoadError otherwise.

    The file is opened non-blocking and checked with fstat before reading, so a FIFO or
    a device named like an article never hangs the reader.
    """
    path = os.fspath(path)
    name = display_path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_problem(name, exc, path) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise LoadError(f"{name}: is a folder, not an article file")
        if not stat.S_ISREG(st.st_mode):
            raise LoadError(f"{name}: not a regular file, skipped")
        cap = MAX_BYTES
        if st.st_size > cap:
            raise LoadError(over_cap(name, st.st_size, cap))
        chunks: list[bytes] = []
        got = 0
        while True:
            chunk = os.read(fd, min(1 << 20, cap + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            if got > cap:
                raise LoadError(over_cap(name, got, cap))
        return b"".join(chunks), st
    except OSError as exc:
        raise _os_problem(name, exc, path) from None
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Read and decode a file; returns (text, encoding name)."""
    data, _ = read_bytes(path)
    d = decode_bytes(data, display_path(path))
    return d.text, d.encoding


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode bytes of an article file; returns (text, encoding name)."""
    d = decode_bytes(data, name)
    return d.text, d.encoding


# What ends a line that is not hard-wrapped (a class of these compiled to a pattern cost
# ~0.25 ms of every process).
_TERMINAL = (".", "!", "?", ":", ";", '"', "'", "\u201d", "\u2019", ")", "]")


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
            if paras and not prev.rstrip().endswith(_TERMINAL) and (first.islower() or first.isdigit()):
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

    The first paragraph is the title line and becomes sentence 0 (headlines match too),
    unless it is far too long for a headline (text pasted as one long line), in which
    case it is split into sentences like any other paragraph.
    """
    text = sanitize(no_surrogates(text))
    # metadata is one safe line each, whatever the format (or a caller) handed in
    title = None if title is None else one_line(title, 300)
    source = optional_line(source, 120)
    date = optional_line(date, 80)
    url = optional_line(url, 2000)
    encoding = optional_line(encoding, 40)
    paras = paragraph_spans(text)
    sentences: list[Sentence] = []
    for p_index, (ps, pe) in enumerate(paras):
        whole = p_index == 0 and pe - ps <= TITLE_LINE_MAX  # a headline stays one sentence
        spans = [(ps, pe)] if whole else [(ps + a, ps + b) for a, b in split_sentences(text[ps:pe])]
        for s, e in spans:
            sentences.append(Sentence(len(sentences), text[s:e], p_index, s, e))
    if title is None:
        title = one_line(text[paras[0][0] : paras[0][1]], 300) if paras else ""
    guessed = False
    if source is None:  # from the text, else the file's name or folder: sanitised like any field
        source, guessed = find_source(text, path)
        source = one_line(source, 120) or "unknown"
    from reader.corpus.boilerplate import mark_boilerplate

    article = Article(
        path=path, title=title, source=source, text=text, paragraphs=paras,
        sentences=sentences, date=date, url=url, encoding=encoding, source_guessed=guessed,
    )
    mark_boilerplate(article)
    return article


def load_article(path: str | os.PathLike[str]) -> Article:
    """Load one article: a file, ``FILE.jsonl#N`` (one record), or an http(s) URL.

    Raises LoadError with a one-line message; never anything else. An empty file gives
    an Article without sentences whose warnings include ``"empty"``.
    """
    raw = path if isinstance(path, str) else os.fspath(path)
    try:
        if is_url(raw):
            return _load_url(raw)
        return _load_file(raw)
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(f"{display_path(raw)}: nested too deeply to read") from None
    except MemoryError:
        raise LoadError(f"{display_path(raw)}: too large to read") from None
    except Exception as exc:  # noqa: BLE001 - a hostile file is a one-line problem, never a traceback
        raise LoadError(f"{display_path(raw)}: could not be read ({type(exc).__name__})") from None


def load_articles(path: str | os.PathLike[str]) -> list[Article]:
    """Every article a path holds: all records of a JSON Lines file, else just one."""
    raw = path if isinstance(path, str) else os.fspath(path)
    if not is_url(raw) and kind_for(raw) in ("jsonl", "json") and os.path.isfile(raw):
        from reader.corpus.formats import count_records

        data, _ = read_bytes(raw)
        n = count_records(data) if kind_for(raw) == "jsonl" else 1
        if n > 1:
            return [load_article(f"{plain_path(raw)}#{k}") for k in range(1, n + 1)]
    return [load_article(raw)]


# ------------------------------------------------------------------ cache
_cache: OrderedDict[tuple, Article] = OrderedDict()
_cache_lock = _thread.allocate_lock()


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def refresh_urls() -> None:
    """Fetch every URL loaded from now on again, once, rather than read its cached copy
    (``--refresh``): pages kept on disk or in this process before now are not used."""
    from reader.corpus.fetch import refresh

    refresh()
    with _cache_lock:
        for key in [k for k in _cache if k[0] == "url"]:
            del _cache[key]


def _cache_get(key: tuple) -> Article | None:
    with _cache_lock:
        art = _cache.get(key)
        if art is not None:
            _cache.move_to_end(key)
    return _copy(art) if art is not None else None


def _cache_put(key: tuple, article: Article) -> None:
    with _cache_lock:
        _cache[key] = _copy(article)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def _copy(a: Article) -> Article:
    """A copy safe to mutate (boilerplate flags are re-marked per corpus)."""
    return Article(
        path=a.path, title=a.title, source=a.source, text=a.text, paragraphs=list(a.paragraphs),
        sentences=[Sentence(s.id, s.text, s.paragraph, s.start, s.end, s.boilerplate) for s in a.sentences],
        date=a.date, url=a.url, encoding=a.encoding, warnings=list(a.warnings), source_guessed=a.source_guessed,
    )


# ---------------------------------------------------------------- loaders
def plain_path(path: str) -> str:
    """A path written the way ``str(pathlib.Path(path))`` writes it (no "." parts, repeated or
    trailing slashes), without importing pathlib (and urllib) on the ``reader compare`` path."""
    if os.sep != "/" or not path:
        return os.path.normpath(path) if path else "."
    parts = [x for x in path.split("/") if x not in ("", ".")]
    lead = "//" if path.startswith("//") and not path.startswith("///") else "/" if path.startswith("/") else ""
    return lead + "/".join(parts) if parts else (lead or ".")


def _load_file(raw: str) -> Article:
    file_path, record = resolve_record_ref(raw)
    p = plain_path(file_path)
    name = p if record is None else f"{p}#{record}"
    shown = display_path(name)
    data, st = read_bytes(p)
    key = ("file", os.path.realpath(p), record, st.st_mtime_ns, st.st_size, st.st_ino)
    cached = _cache_get(key)
    if cached is not None:
        return cached
    if not data:
        article = _empty(name, encoding=None)
    else:
        decoded = _decoded_file(key[:2] + key[3:], data, shown) if record is not None else decode_bytes(data, shown)
        kind = kind_for(os.path.basename(p)) or sniff(decoded.text)
        if record is not None and kind not in ("json", "jsonl"):
            raise LoadError(f"{shown}: only JSON and JSON Lines files hold numbered records")
        parsed = parse(decoded.text, kind, shown, record=record)
        article = _from_parsed(parsed, name, decoded)
    _cache_put(key, article)
    return article


_last_decoded: list = [None]  # [(file key, Decoded)] of the last file read for its records


def _decoded_file(key: tuple, data: bytes, shown: str) -> Decoded:
    """A records file decoded once for all its records (reading record N of a JSON Lines file
    of thousands no longer decodes the whole file N times)."""
    last = _last_decoded[0]
    if last is not None and last[0] == key:
        return last[1]
    decoded = decode_bytes(data, shown)
    _last_decoded[0] = (key, decoded)
    return decoded


def _load_url(url: str) -> Article:
    from reader.corpus.fetch import fetch
    from reader.corpus.formats import kind_for_content_type

    key = ("url", url)
    cached = _cache_get(key)
    if cached is not None:
        return cached
    shown = display_path(url)
    fetched = fetch(url, max_bytes=MAX_BYTES)
    if not fetched.data:
        raise LoadError(f"{shown}: the server sent an empty page")
    decoded = decode_bytes(fetched.data, shown, declared=fetched.charset)
    kind = kind_for_content_type(fetched.content_type, fetched.final_url)
    if kind is None:
        raise LoadError(f"{shown}: cannot read {one_line(fetched.content_type or 'this', 60)} content")
    if kind == "":
        kind = sniff(decoded.text)
    parsed = parse(decoded.text, kind, shown, url=fetched.final_url)
    if parsed.url is None:
        parsed.url = fetched.final_url
    if parsed.source is None:  # the outlet the text credits, else the host it came from
        from urllib.parse import urlsplit

        from reader.corpus.source import source_in_text

        parsed.source = source_in_text(parsed.body) or urlsplit(fetched.final_url).hostname or None
    article = _from_parsed(parsed, url, decoded)
    if fetched.warning:  # --refresh could not fetch it again: the old copy
        article.warnings.append(fetched.warning)
    _cache_put(key, article)
    return article


def _from_parsed(parsed: Parsed, path: str, decoded: Decoded) -> Article:
    """Title line first (sentence 0), then the body; metadata from the format."""
    title = one_line(parsed.title, 300) if parsed.title else None
    body = parsed.body
    text = f"{title}\n\n{body}" if title else body
    if not sanitize(text).strip():
        return _empty(path, encoding=decoded.encoding, warnings=decoded.warnings + parsed.warnings)
    article = build_article(
        text, path, title=title, source=parsed.source, date=parsed.date, url=parsed.url,
        encoding=decoded.encoding,
    )
    article.warnings.extend(decoded.warnings + parsed.warnings)
    return article


def _empty(path: str, *, encoding: str | None, warnings: list[str] = ()) -> Article:  # type: ignore[assignment]
    article = build_article("", path, encoding=encoding)
    article.title = "(empty file)"
    article.warnings.extend([*warnings, EMPTY])
    return article
