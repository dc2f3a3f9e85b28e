"""Make untrusted text safe to keep, show, print and export.

Every string that enters reader from outside (article text, file and folder names, URL
parts, JSON and front-matter fields, web-page metadata, note text, pair ids) passes
through one of these functions where it enters:

* :func:`sanitize` for multi-line text (article bodies, note text): line ends become
  ``\\n``; newline and tab are the only control characters kept.
* :func:`clean_line` / :func:`one_line` for single-line fields (titles, sources, dates,
  URLs, ids): no control characters at all, whitespace runs become one space, and the
  invisible characters that make two different names look the same are dropped too.
* :func:`display_path` for a path shown in a message or on screen: each unsafe character
  becomes ``?`` (as ``ls`` shows it), so the name stays recognisable and two different
  names never look the same. The real path is still what is opened (and what JSON holds).

Always removed: C0 controls (except ``\\n``/``\\t`` in multi-line text), DEL, C1 controls,
the bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
U+200E, U+200F, U+061C), and other format characters that change how text is displayed
without being text: deprecated format controls (U+206A–U+206F), invisible operators
(U+2061–U+2064), U+180E, the byte-order mark U+FEFF, interlinear annotation marks
(U+FFF9–U+FFFB), shorthand and musical format controls, and the invisible tag characters
(U+E0000–U+E007F). Joiners (ZWJ/ZWNJ), which Indic and Arabic scripts and emoji need,
are kept. What remains is shown as plain text everywhere (never parsed as markup).
"""

from __future__ import annotations

import os
import re

_NEWLINES = r"\r\n?|[\u2028\u2029\x85]"

# Characters never kept anywhere, as a regex character-class body (\n and \t excepted).
UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except \t \n, DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u180e\u2061-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"  # other invisible format controls
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"  # shorthand, musical, tags
)
# Also dropped from single-line fields: invisible characters that let two different
# names look alike (zero-width space, word joiner, soft hyphen, Hangul fillers).
INVISIBLE = "\u00ad\u200b\u2060\u115f\u1160\u3164\uffa0"

# Every character any function here changes, except "\t" and "\n": text without one of
# them is returned as it is (or, by clean_line, only has its whitespace collapsed). It
# holds "\r" (in C0), U+0085 (in C1), U+2028, U+2029 and the surrogates. Only this pattern
# is compiled in the common case: a class of this size costs ~0.25 ms to compile, and the
# five exact patterns below are compiled on the first text that needs them.
_SUSPECT = re.compile(f"[{UNSAFE}{INVISIBLE}\u2028\u2029\ud800-\udfff]")

_PATTERNS = {
    "newlines": _NEWLINES,
    "controls": f"[{UNSAFE}]",
    "line_drop": f"[{UNSAFE}{INVISIBLE}]",
    "surrogates": "[\ud800-\udfff]",
    # In a displayed path every one of these shows as "?", whitespace controls included.
    "path_unsafe": f"[{UNSAFE}{INVISIBLE}\t\n\u2028\u2029]",
    # What json.dumps(ensure_ascii=False) leaves raw but a terminal acts on (it escapes C0 itself).
    "json_unsafe": f"[{UNSAFE}{INVISIBLE}\u2028\u2029]",
}
_COMPILED: dict[str, re.Pattern[str]] = {}


def _rx(name: str) -> re.Pattern[str]:
    rx = _COMPILED.get(name)
    if rx is None:
        rx = _COMPILED[name] = re.compile(_PATTERNS[name])
    return rx


def no_surrogates(text: str) -> str:
    """Lone surrogates (JSON ``"\\ud800"``, undecodable file names) become U+FFFD: they
    cannot be encoded for a terminal or a file and would crash whoever prints them."""
    if text.isascii() or not _SUSPECT.search(text):
        return text
    return _rx("surrogates").sub("\ufffd", text)


def sanitize(text: str) -> str:
    """Multi-line text: normalise line ends and drop control, bidi and format characters."""
    if not _SUSPECT.search(text):
        return text
    return _rx("controls").sub("", _rx("newlines").sub("\n", text))


def clean_line(value: object) -> str:
    """Any value as one safe line of text: unsafe and invisible characters dropped,
    line breaks and whitespace runs collapsed to one space, lone surrogates replaced."""
    text = value if isinstance(value, str) else str(value)
    if not _SUSPECT.search(text):
        return " ".join(text.split())
    text = no_surrogates(text)
    return " ".join(_rx("line_drop").sub("", _rx("newlines").sub("\n", text)).split())


def one_line(text: object, limit: int = 200, breaks: bool = False) -> str:
    """:func:`clean_line`, shortened to ``limit`` characters (for messages and labels); with
    ``breaks``, line breaks show as ``⏎`` (a note's preview) instead of vanishing."""
    if breaks and isinstance(text, str) and "\n" in text.strip():
        flat = " ⏎ ".join(line for line in (clean_line(part) for part in text.strip().splitlines()) if line)
    else:
        flat = clean_line(text)
    return flat if len(flat) <= limit else flat[: max(0, limit - 1)].rstrip() + "…"


def optional_line(value: object, limit: int) -> str | None:
    """A metadata field as one safe line, or None when nothing printable is left."""
    if value is None:
        return None
    return one_line(value, limit) or None


def display_path(path: object, limit: int = 300) -> str:
    """A path (or URL) as it may be shown: every control, bidi or invisible character is a
    ``?``, other whitespace is kept as it is, and a long path is cut with an ellipsis."""
    raw = path if isinstance(path, str) else os.fspath(path) if isinstance(path, os.PathLike) else str(path)
    if isinstance(raw, bytes):
        raw = os.fsdecode(raw)
    if "\t" in raw or "\n" in raw or _SUSPECT.search(raw):
        shown = _rx("path_unsafe").sub("?", no_surrogates(raw.replace("\r\n", "\n").replace("\r", "\n")))
    else:
        shown = raw
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def json_safe(text: str) -> str:
    """JSON text (already dumped) with the characters ``json.dumps(ensure_ascii=False)``
    leaves raw but a terminal would act on (C1, DEL, bidi and format controls, line and
    paragraph separators) written as ``\\uXXXX`` escapes. The document means the same."""

    def esc(m: re.Match[str]) -> str:
        code = ord(m.group())
        if code <= 0xFFFF:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return _rx("json_unsafe").sub(esc, text) if _SUSPECT.search(text) else text
