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
  body, title, site name, date and canonical URL (no hand-written HTML parsing). The headline
  loses the site's name around it ("… | Site", "… - The Paradigm"); when trafilatura's title is
  only the site's name, the page's own og:title, twitter:title or ``<h1>`` gives it. A page
  whose text stops in an ellipsis or asks the reader to subscribe to read on gets the warning
  "the text looks cut off (a paywall?)".
* ``.json``: one record ``{"title", "source", "date", "url", "text"}`` (``body`` or
  ``content`` may stand for ``text``). A JSON array of records is read like JSON Lines.
* ``.jsonl`` / ``.ndjson``: one record per non-blank line; each line is its own article,
  addressed as ``FILE.jsonl#N`` (N counts records from 1). ``collect_paths`` lists every
  record of a multi-record file this way; ``FILE.jsonl`` alone means record 1 (with a
  warning naming how many there are).
"""

from __future__ import annotations

import math
import os
import re

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


def resolve_record_ref(path: str) -> tuple[str, int | None]:
    """The file to read and the record ``path`` names: ``"a.jsonl#3"`` -> ``("a.jsonl", 3)``
    when ``a.jsonl`` exists and no file is named ``a.jsonl#3`` itself; else ``(path, None)``."""
    ref = split_record_ref(path)
    if ref is not None and not os.path.lexists(path) and os.path.lexists(ref[0]):
        return ref
    return path, None


def is_url(path: object) -> bool:
    """An http(s) address: the only kind reader fetches (any other string is a path)."""
    return isinstance(path, str) and path[:8].lower().startswith(("http://", "https://"))


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
        from trafilatura.utils import load_html
    except ImportError as exc:  # missing, or one of its own dependencies is
        raise LoadError(f"{name}: cannot read web pages: trafilatura failed to import ({exc})") from None
    try:
        tree = load_html(text)  # parsed once: the page's own metadata is read before extraction
        page = _page_meta(tree)
        doc = trafilatura.bare_extraction(
            text if tree is None else tree, url=url, with_metadata=True, include_comments=False,
            include_images=False, include_links=False, include_formatting=False,
        )
    except RecursionError:
        raise LoadError(f"{name}: web page nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - a broken page is a one-line problem, never a traceback
        raise LoadError(f"{name}: could not extract an article from this page ({type(exc).__name__})") from None
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        raise LoadError(f"{name}: no article text found in this page")
    found = _meta(doc, "title")
    sitename, host = _meta(doc, "sitename"), _meta(doc, "hostname") or _host(url)
    sites = _site_keys(page, sitename if sitename and not _same(sitename, found or "") else None, host)
    title = headline(found, page, sites)
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    for i, ln in enumerate(lines[:3]):  # the headline again at the top of the body
        if (title and _same(ln, title)) or (found and _same(ln, found)):
            del lines[i]
            break
    # (the CLI and the TUI put the article's name before each warning)
    warnings = [CUT_OFF] if looks_cut_off(lines) else []
    return Parsed(
        "\n\n".join(lines), title=title, source=sitename or _meta(doc, "hostname"),
        date=_meta(doc, "date"), url=_meta(doc, "url") or url, warnings=warnings,
    )


def _meta(doc, attr: str) -> str | None:
    value = getattr(doc, attr, None)
    return _line(value) if isinstance(value, str) else None


# ----------------------------------------------------- a web page's headline and site name
# Spaced separators between the parts of a page title ("Headline | Site", "Site - Headline").
_TITLE_SEP = r"\s+(?:\||-{1,2}|–|—|::|·|•|»|›|~|/)\s+"
_DOMAIN = r"(?i)^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}$"
_DATE_PART = r"^[\d\s./:-]{4,}$"
_HOME_HREF = r"(?i)^(?:(?:https?:)?//[^/?#]+)?/?(?:index\.\w{2,5})?$"
_LOGO_MARKS = ("logo", "brand", "site-title", "site-name", "sitename", "masthead", "website")
_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "ac", "gov", "go", "or", "ne", "edu"))
_PAGE_META = ("og:title", "twitter:title", "title", "og:site_name", "application-name", "twitter:site")


def _page_meta(tree) -> dict:
    """What a parsed page says of itself: its meta titles and site names, its ``<title>``, its
    ``<h1>`` headings, headings marked as the headline, and the headings that are the site's logo
    (marked so, or a link to the home page)."""
    meta: dict = {"h1": [], "heads": [], "logos": []}
    if tree is None:
        return meta
    try:
        for el in tree.iter("meta"):
            name = (el.get("property") or el.get("name") or "").strip().lower()
            if name in _PAGE_META and name not in meta:
                value = _line(el.get("content"))
                if value:
                    meta[name] = value
        t = tree.find(".//title")
        if t is not None:
            meta["<title>"] = _line(t.text_content())
        for el in tree.iter("h1", "h2"):
            text = _line(" ".join(el.itertext()))
            if not text:
                continue
            marks = " ".join(v for v in (el.get("class"), el.get("id"), el.get("itemprop")) if v).lower()
            parent = el.getparent()
            links = [a.get("href") or "" for a in el.iter("a")]
            if parent is not None and parent.tag == "a":
                links.append(parent.get("href") or "")
            home = any(h.strip() and re.match(_HOME_HREF, h.strip()) for h in links)
            if home or any(w in marks for w in _LOGO_MARKS):
                meta["logos"].append(text)
            elif el.tag == "h1":
                meta["h1"].append(text)
            elif "headline" in marks or "title" in marks:
                meta["heads"].append(text)
    except Exception:  # noqa: BLE001 - odd markup costs the page its metadata, never its text
        pass
    return meta


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _key(s: str) -> str:
    """Letters and digits only, case folded: "The Paradigm" -> "theparadigm"."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKC", s).casefold() if c.isalnum())


def _site_keys(page: dict, sitename: str | None, host: str | None) -> list[str]:
    """Keys (``_key``) of the names a page gives its site: og:site_name, application-name, the
    Twitter account, the extractor's site name, the logo heading, and the host ("sott.net" ->
    "sottnet" and "sott"; "en.yna.co.kr" -> "yna")."""
    names = [page.get("og:site_name"), page.get("application-name"), page.get("twitter:site"), sitename,
             *page.get("logos", ())]
    keys = [_key(n.lstrip("@")) for n in names if n]
    if host:
        labels = [x for x in host.lower().split(".") if x and x != "www"]
        if labels:
            keys.append(_key("".join(labels)))
            main = labels[-2] if len(labels) >= 2 else labels[0]
            if main in _SECOND_LEVEL and len(labels) >= 3:
                main = labels[-3]
            keys.append(_key(main))
    return list(dict.fromkeys(k for k in keys if len(k) >= 2))


def _site_like(part: str, keys: list[str]) -> bool:
    """Does ``part`` (a part of a title) name the site: one of its names, or one followed by at
    most two more words ("CNN Politics", "Ultima Hora Mallorca" on ultimahora.es), or a domain
    name ("Sott.net", "ประชาไท Prachatai.com")?"""
    words = [w for w in (_key(w) for w in part.split()) if w]
    if not words:
        return False
    last = part.split()[-1].strip("()[]")
    if len(words) <= 4 and re.match(_DOMAIN, last) and any(c.isalpha() for c in last):
        return True
    whole = "".join(words)
    for k in keys:
        if whole == k:
            return True
        acc = ""
        for i, w in enumerate(words[:-1]):
            acc += w
            if len(acc) >= len(k):
                if acc == k and len(words) - i - 1 <= 2:
                    return True
                break
    return False


def _headline_like(s: str) -> bool:
    return len(s.split()) >= 2 or (len(s) >= 4 and not s.isascii())


def strip_site(title: str, keys: list[str], names: tuple[str, ...] = ()) -> str:
    """``title`` without the site's name before or after it: "Headline - The Paradigm",
    "Headline | CNN Politics", "Headline -- Sott.net", "Site: Headline", "Headline | DW | 19.01.2020".

    A part is the site's name when it matches one the page gives (``keys``, ``names`` as written)
    or is a domain name; without any known name, a short part of capitalised words after " | "
    is taken for one too ("Headline | Daily Planet"). The headline kept has two words at least."""
    low = title.casefold()
    for name in names:  # a name that holds separators itself: "LinkNaija | Nigeria's popular news platform"
        n = name.casefold()
        if len(n) >= 3 and low.startswith(n):
            m = re.match(r"\s*(?:[|:：\-–—»·•~/]+)\s*(.+)$", title[len(name):])
            if m and _headline_like(m.group(1)):
                return strip_site(m.group(1), keys)
        if len(n) >= 3 and low.endswith(n):
            m = re.match(r"^(.+?)\s*[|:：\-–—»·•~/_]+\s*$", title[: len(title) - len(name)])
            if m and _headline_like(m.group(1)):
                return strip_site(m.group(1), keys)
    parts = re.split(f"({_TITLE_SEP})", title)  # text, separator, text, ...
    if len(parts) < 3:
        m = re.match(r"^(.{2,60}?)\s*[:：]\s+(.+)$", title)  # "Site: Headline"
        if m and _site_like(m.group(1), keys) and _headline_like(m.group(2)):
            return m.group(2)
        return title
    cut = False
    while len(parts) >= 3:
        last, sep = parts[-1].strip(), parts[-2].strip()
        head = "".join(parts[:-2]).strip()
        if not _headline_like(head):
            break
        if _site_like(last, keys) or (cut and re.match(_DATE_PART, last)) or (
                re.match(_DATE_PART, last) and len(parts) >= 5 and _site_like(parts[-3], keys)):
            parts, cut = parts[:-2], True
            continue
        if not cut and sep == "|" and not any(_site_like(p, keys) for p in parts[::2]) and len(head.split()) >= 3 \
                and 1 <= len(last.split()) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in last.split()):
            parts, cut = parts[:-2], True
        break
    if len(parts) >= 3 and _site_like(parts[0], keys) and _headline_like("".join(parts[2:]).strip()):
        parts = parts[2:]
    return "".join(parts).strip()


def headline(title: str | None, page: dict, keys: list[str]) -> str | None:
    """The page's headline: the extractor's title without the site's name around it; when that
    title is only the site's name (a logo in the page's one ``<h1>``, a site name in og:title)
    or missing, the first of the page's own og:title, twitter:title, meta title, heading marked
    as the headline, single ``<h1>``, ``<title>`` (less the site's name) and other ``<h1>`` that
    is not the site's name."""
    names = tuple(n for n in (page.get("og:site_name"), page.get("application-name")) if n)
    if not title or _site_like(title, keys):
        whole = page.get("<title>")
        stripped = strip_site(whole, keys, names) if whole else None
        h1 = page.get("h1", [])
        cands = [page.get("og:title"), page.get("twitter:title"), page.get("title"), *page.get("heads", ()),
                 *(h1 if len(h1) == 1 else ()), stripped if stripped != whole else None, *h1]
        for cand in cands:
            if not cand:
                continue
            c = strip_site(cand, keys, names)
            if c and _headline_like(c) and not _site_like(c, keys):
                return c
        return title
    return strip_site(title, keys, names)


CUT_OFF = "the text looks cut off (a paywall?)"
# The last lines of a page cut short: a call to subscribe or sign in to read on.
_PAYWALL = (
    r"(?i)\b(?:subscribe|subscription|sign in|sign up|log ?in|register|become a (?:member|subscriber)|start (?:your|a) "
    r"(?:free )?trial)\b.{0,60}?\b(?:to (?:continue|keep) reading|to read (?:the|this) (?:full|rest|whole|entire)"
    r"|to read (?:on|more)|to (?:access|unlock) (?:this|the full|the rest)|for (?:full|unlimited) access)"
    r"|\b(?:continue|keep) reading\b.{0,40}?\b(?:subscri|sign in|log ?in|register|members?\b)"
    r"|\bthis (?:article|story|content|post) is (?:only |exclusively )?(?:available )?(?:for|to) (?:our )?"
    r"(?:paid |paying |premium |digital )?(?:subscribers|members)"
    r"|\b(?:subscribers?|members?|premium)[- ]only\b|\balready a (?:subscriber|member)\b"
    r"|\byou(?:'|’)ve (?:reached|used|hit) (?:your|all (?:of )?your|the) (?:\w+ )?(?:free |monthly )?"
    r"(?:articles?|stories|limit)|\bthe rest of this (?:article|story) is\b"
    r"|\bunlock (?:this|the full) (?:article|story)"
)
# A last line stopping in an ellipsis right after a word ("... the team said. All...").
_CUT_WORD = r"\w(?:\.{3}|…)$"
_UI_ELLIPSIS = (r"(?i)^\W*(?:loading|read more|more|see more|show more|load more|view more|continue reading|continue"
                r"|expand|please wait|searching)\W*$")


def looks_cut_off(lines: list[str]) -> bool:
    """Does the text of a page look cut short, as a paywall leaves it: one of its last three
    lines asks the reader to subscribe or sign in to read on ("Subscribe to continue reading"),
    or the text stops in an ellipsis right after a word: a paragraph of prose ("… said on
    Tuesday. All...") or a word or three after one ("All...")? A title in brackets ending in an
    ellipsis, or a "Loading..." or "Read more..." is no cut."""
    if not lines:
        return False
    if any(len(ln) <= 400 and re.search(_PAYWALL, ln) for ln in lines[-3:]):
        return True
    last = lines[-1]
    if re.search(_CUT_WORD, last) is None or re.match(_UI_ELLIPSIS, last) is not None:
        return False
    n = len(last.split())
    return n >= 6 or (n <= 3 and len(lines) > 1 and lines[-2].rstrip()[-1:] in ".!?\"”’")


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


_last_lines: list = [None]  # [(the text, its record lines)]: held, so never confused with another


def _lines_of(text: str) -> list[str]:
    """The record lines of a JSON Lines text, split once while the same text is read record by
    record (the pair is replaced as one object: threads never see one text with another's lines)."""
    last = _last_lines[0]
    if last is not None and last[0] is text:
        return last[1]
    lines = record_lines(text)
    _last_lines[0] = (text, lines)
    return lines


def parse_record(text: str, kind: str, name: str, record: int | None) -> Parsed:
    if kind == "jsonl":
        lines = _lines_of(text)
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
