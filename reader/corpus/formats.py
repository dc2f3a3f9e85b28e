"""Every input format in one place: file suffix (or HTTP content type) -> parser -> Parsed.

A parser turns decoded, untrusted text into a :class:`Parsed`: the article body as plain
text (paragraphs separated by blank lines) and whatever metadata the format states. The
loader (``reader.corpus.load``) puts the title line first and builds the Article, so
sentence 0 is always the headline.

Heavy libraries are imported only inside the parser that needs them: markdown-it-py for
Markdown, trafilatura (with lxml) for HTML. Plain text never pays for either.

Formats:

* ``.txt`` (and any directly named file with another suffix): the text as it is.
* ``.md`` / ``.markdown``: parsed with markdown-it-py; optional front matter
  (``---`` / ``key: value`` lines / ``---``) gives title, source, date, url; otherwise the
  first heading is the title. Paragraphs, headings, quotes, list items and code blocks
  become paragraphs of plain text; links keep their text; images and raw HTML are dropped.
* ``.html`` / ``.htm`` / ``.xhtml``: a saved web page; trafilatura extracts the article
  body, title, site name, date and canonical URL (no hand-written HTML parsing).
* ``.json``: one record ``{"title", "source", "date", "url", "text"}`` (``body`` or
  ``content`` may stand for ``text``). A JSON array of records is read like JSON Lines.
* ``.jsonl`` / ``.ndjson``: one record per non-blank line; each line is its own article,
  addressed as ``FILE.jsonl#N`` (N counts records from 1). ``collect_paths`` lists every
  record of a multi-record file this way; ``FILE.jsonl`` alone means record 1 (with a
  warning naming how many there are).
"""

from __future__ import annotations

import re

import math

from reader.corpus.errors import LoadError
from reader.corpus.sanitize import UNSAFE, clean_line, sanitize
from reader.record import Record

KINDS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SUPPORTED = tuple(KINDS)
RECORD_KINDS = ("json", "jsonl")
# (the patterns kept as strings compile on first use, which most runs never reach: compiling
# them at import cost ~0.2 ms of every reader compare)
_RECORD_REF = r"(?is)(.+\.(?:jsonl|ndjson|json))#(\d{1,9})"  # re.S: a name may hold "\n"


class Parsed(Record):
    """A parsed article: ``body`` as the format gave it (sanitised when the Article is
    built), metadata already one safe line each (None when the format states nothing)."""

    __slots__ = ("body", "title", "source", "date", "url", "warnings")

    def __init__(self, body: str, title: str | None = None, source: str | None = None, date: str | None = None,
                 url: str | None = None, warnings: list[str] | None = None):
        self.body = body
        self.title = _line(title)
        self.source = _line(source)
        self.date = _line(date)
        self.url = _line(url)
        self.warnings = [] if warnings is None else warnings


def _line(value: object) -> str | None:
    """An outside metadata value as one safe line: control, bidi and invisible characters
    dropped, whitespace folded; None when nothing is left."""
    if value is None:
        return None
    return clean_line(value) or None


def kind_for(name: str) -> str | None:
    """The format of a file name by its suffix, or None when it is not a supported one."""
    dot = name.rfind(".")
    if dot <= 0 or "/" in name[dot:] or "\\" in name[dot:]:
        return None
    return KINDS.get(name[dot:].lower())


def split_record_ref(path: str) -> tuple[str, int] | None:
    """``"a.jsonl#3"`` -> ``("a.jsonl", 3)``; None when ``path`` names no record."""
    m = re.fullmatch(_RECORD_REF, path) if "#" in path else None
    return (m.group(1), int(m.group(2))) if m else None


def kind_for_content_type(content_type: str | None, url: str = "") -> str | None:
    """The format of a fetched page from its Content-Type (and URL suffix for text/plain)."""
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if ct in ("application/json", "text/json"):
        return "json"
    if ct in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return "jsonl"
    if ct in ("text/markdown", "text/x-markdown"):
        return "markdown"
    if ct in ("", "text/plain", "application/octet-stream"):
        path = url.split("?")[0].split("#")[0]
        return kind_for(path.rsplit("/", 1)[-1]) or ("" if ct == "application/octet-stream" else "text")
    return None


def sniff(text: str) -> str:
    """Format of a file whose suffix says nothing: a web page, or plain text."""
    head = text[:1024].lstrip().lower()
    return "html" if head.startswith(("<!doctype html", "<html")) else "text"


def parse(text: str, kind: str, name: str, *, url: str | None = None, record: int | None = None) -> Parsed:
    """Parse decoded ``text`` of format ``kind``; raises LoadError with a one-line message."""
    if kind == "text":
        return Parsed(text)
    if kind == "markdown":
        return parse_markdown(text, name)
    if kind == "html":
        return parse_html(text, name, url=url)
    if kind in RECORD_KINDS:
        return parse_record(text, kind, name, record)
    raise LoadError(f"{name}: unsupported format")


# ------------------------------------------------------------------ Markdown
_FRONT = r"(?s)\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)"
_META_KEYS = {
    "title": "title", "headline": "title",
    "source": "source", "publisher": "source", "site": "source", "site_name": "source",
    "sitename": "source", "outlet": "source", "publication": "source",
    "date": "date", "published": "date", "published_at": "date", "pubdate": "date",
    "url": "url", "link": "url", "canonical": "url", "canonical_url": "url", "source_url": "url",
}


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` front matter (the YAML subset clippers write) and the rest."""
    m = re.match(_FRONT, text) if text.startswith("---") else None
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not key or line[:1].isspace():
            continue
        value = clean_line(value)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = clean_line(value[1:-1])
        field_name = _META_KEYS.get(key)
        if field_name and value and field_name not in meta:
            meta[field_name] = value
    return meta, text[m.end():]


def _inline_text(token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        t = child.type
        if t in ("text", "code_inline"):
            parts.append(child.content)
        elif t == "softbreak":
            parts.append(" ")
        elif t == "hardbreak":
            parts.append("\n")
        # images, raw inline HTML and link markup carry no article text
    return "".join(parts).strip()


def parse_markdown(text: str, name: str = "<markdown>") -> Parsed:
    from markdown_it import MarkdownIt

    meta, rest = front_matter(text)
    try:
        tokens = MarkdownIt("commonmark").parse(rest)
    except RecursionError:
        raise LoadError(f"{name}: Markdown nested too deeply") from None
    blocks: list[tuple[bool, str]] = []  # (is heading, text)
    heading = False
    for tok in tokens:
        if tok.type == "heading_open":
            heading = True
        elif tok.type == "heading_close":
            heading = False
        elif tok.type == "inline":
            s = _inline_text(tok)
            if s:
                blocks.append((heading, s))
        elif tok.type in ("fence", "code_block"):
            s = tok.content.strip("\n")
            if s.strip():
                blocks.append((False, s))
    title = meta.get("title")
    first_heading = next((i for i, (h, _) in enumerate(blocks) if h), None)
    if first_heading is not None:
        h_text = blocks[first_heading][1]
        if title is None or _same(title, h_text):
            title = title or h_text
            del blocks[first_heading]
    return Parsed(
        "\n\n".join(s for _, s in blocks), title=title, source=meta.get("source"),
        date=meta.get("date"), url=meta.get("url"),
    )


def _same(a: str, b: str) -> bool:
    norm = lambda s: " ".join(re.sub(r"[^\w\s]", "", s.lower()).split())  # noqa: E731
    return norm(a) == norm(b)


# ---------------------------------------------------------------------- HTML
_CHAR_REF = r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?"
_UNSAFE_CHAR = f"[{UNSAFE}]"  # (both compiled for HTML only: ~0.3 ms that plain text saves)


def _drop_unsafe_refs(html: str) -> str:
    """Raw control, bidi and format characters, and numeric references to them
    (``&#x1b;``, ``&#8238;``), removed from a page before it is parsed: lxml refuses a
    document holding one (no text at all would be found) and none of them is text.
    References to 0x80–0x9F stay: HTML reads them as Windows-1252 quotes and dashes."""

    def ref(m: re.Match[str]) -> str:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
            return ""
        if 0x80 <= code <= 0x9F:
            return m.group()
        return "" if unsafe.match(chr(code)) else m.group()

    unsafe = re.compile(_UNSAFE_CHAR)
    return re.compile(_CHAR_REF).sub(ref, sanitize(html))


def parse_html(text: str, name: str, *, url: str | None = None) -> Parsed:
    """Extract the article of a saved or fetched page with trafilatura (imported here)."""
    text = _drop_unsafe_refs(text)
    try:
        import trafilatura
    except ImportError as exc:  # missing, or one of its own dependencies is
        raise LoadError(f"{name}: cannot read web pages: trafilatura failed to import ({exc})") from None
    try:
        doc = trafilatura.bare_extraction(
            text, url=url, with_metadata=True, include_comments=False, include_images=False,
            include_links=False, include_formatting=False,
        )
    except RecursionError:
        raise LoadError(f"{name}: web page nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - a broken page is a one-line problem, never a traceback
        raise LoadError(f"{name}: could not extract an article from this page ({type(exc).__name__})") from None
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        raise LoadError(f"{name}: no article text found in this page")
    title = _meta(doc, "title")
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    if title and lines and _same(lines[0], title):
        lines = lines[1:]
    return Parsed(
        "\n\n".join(lines), title=title, source=_meta(doc, "sitename") or _meta(doc, "hostname"),
        date=_meta(doc, "date"), url=_meta(doc, "url") or url,
    )


def _meta(doc, attr: str) -> str | None:
    value = getattr(doc, attr, None)
    return _line(value) if isinstance(value, str) else None


# ------------------------------------------------------------------ records
def _field(rec: dict, *names: str) -> str | None:
    """The first of ``names`` that holds a string with something printable in it (or a
    finite number, as text), one safe line. Other JSON types (true/false, null, lists,
    objects) say nothing about an article and are passed over."""
    for n in names:
        v = rec.get(n)
        if isinstance(v, bool) or (isinstance(v, float) and not math.isfinite(v)):
            continue
        if isinstance(v, (str, int, float)):
            line = _line(v)
            if line:
                return line
    return None


def record_to_parsed(rec: object, name: str) -> Parsed:
    if not isinstance(rec, dict):
        raise LoadError(f"{name}: not an article record (expected an object with a \"text\" field)")
    body = rec.get("text", rec.get("body", rec.get("content")))
    if body is None:
        raise LoadError(f"{name}: the record has no \"text\" field")
    if not isinstance(body, str):
        raise LoadError(f"{name}: the record's \"text\" is not a string")
    return Parsed(
        body, title=_field(rec, "title", "headline"), source=_field(rec, "source", "publisher", "site_name", "sitename"),
        date=_field(rec, "date", "published", "published_at"), url=_field(rec, "url", "link"),
    )


def _loads(s: str, name: str) -> object:
    import json

    try:
        return json.loads(s)
    except RecursionError:
        raise LoadError(f"{name}: JSON nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        msg = f"line {exc.lineno} column {exc.colno}" if hasattr(exc, "lineno") else "bad value"
        raise LoadError(f"{name}: not valid JSON ({msg})") from None


def record_lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


def count_records(data: bytes) -> int:
    """How many records a JSON Lines file holds (non-blank lines; nothing is parsed)."""
    return sum(1 for ln in data.split(b"\n") if ln.strip())


def parse_record(text: str, kind: str, name: str, record: int | None) -> Parsed:
    if kind == "jsonl":
        lines = record_lines(text)
        total = len(lines)
        if total == 0:
            return Parsed("")
        index = 1 if record is None else record
        if not 1 <= index <= total:
            raise LoadError(f"{name}: no record {index} (the file has {total})")
        parsed = record_to_parsed(_loads(lines[index - 1], name), name)
    else:
        if not text.strip():
            return Parsed("")
        value = _loads(text, name)
        if isinstance(value, list):
            total = len(value)
            index = 1 if record is None else record
            if not 1 <= index <= total:
                raise LoadError(f"{name}: no record {index} (the file has {total})")
            parsed = record_to_parsed(value[index - 1], name)
        else:
            total = 1
            if record not in (None, 1):
                raise LoadError(f"{name}: no record {record} (the file has 1)")
            parsed = record_to_parsed(value, name)
    if record is None and total > 1:
        others = f"{name}#2" if total == 2 else f"{name}#2 … {name}#{total}"
        parsed.warnings.append(f"{total} records: showing the first; open {others} for the others")
    return parsed
