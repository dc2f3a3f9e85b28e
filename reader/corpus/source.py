"""Guess an article's source (outlet) name when the file does not state it.

Cues where the text credits itself, strongest first: an explicit ``Source:``/``Publisher:``
line, a dateline credit at the start (``(CNN) —``, ``WASHINGTON (Reuters) -``), a site
credit (``This article originally appeared on …``, ``Published by …``, ``Read the original
article on …``), a copyright line (``© 2023 Nexstar Media Inc.``, ``Copyright The Associated
Press``), an outlet named in a byline (``By A | Outlet``), a "Powered by" footer, an
aggregator's self-description, the domain of a byline e-mail address. An outlet the story
merely mentions ("Reuters reported", "according to CNN") is none of these. Otherwise the
file's name or folder (or a URL's host): :func:`find_source` says when it fell back to the
file's name or folder, so a view can show that source as a guess.

The result is always one safe line: a name taken from a file or folder name, or from a
URL's host, carries none of the control, bidi or invisible characters such a name may hold.
"""

from __future__ import annotations

import functools
import os
import re

from reader.corpus.sanitize import clean_line

_NAME = r"([A-Z][\w&'’.\- ]{1,60}?)"
# An outlet's name as a credit writes it (case-sensitive inside case-insensitive patterns):
# capitalised words, lower-case joiners between them ("Times of India", "Diário do Litoral"),
# dots only inside a word ("TheHill.com"; "Inc. All rights" ends at "Inc"); never a day or month
# ("First published on Tue 5 Sep 2023"), nor a year after the name ("© Diário do Litoral 2025").
_CREDITED = (
    r"(?-i:(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
    r"((?:[Tt]he[ \t]+)?[A-Z0-9][\w&'’\-]*(?:\.[\w&'’\-]+)*"
    r"(?:[ \t]+(?:(?:of|and|for|the|de|la|le|du|des|do|da|di|del|della|el|y|van|von|der|den|und)[ \t]+)*"
    r"(?!\d{4}\b)[A-Z0-9&][\w&'’\-]*(?:\.[\w&'’\-]+)*){0,7}))"
)
# A site credit: the text says where it was published, at the start of a line ("This article
# originally appeared on …", "Originally published at …", "Republished with permission from …",
# a short "Published by …" line, WordPress's "The post … appeared first on …", "Read the
# original article on …"). "The report was first published by …" is a story about a report.
_SITE_CREDIT = (
    r"^[^\w\n]{0,3}(?:"
    r"(?:this[ \t]+(?:article|story|post|piece|report|column|essay|interview)[ \t]+(?:was[ \t]+|is[ \t]+|has[ \t]+been[ \t]+)?)?"
    r"(?:(?:originally|first)[ \t]+(?:appeared|published|posted|ran)[ \t]+(?:on|in|at|by|from)"
    r"|(?:appeared|published)[ \t]+(?:originally|first)[ \t]+(?:on|in|at|by)"
    r"|republished(?:[ \t]+with[ \t]+permission)?[ \t]+(?:from|by)"
    r"|published[ \t]+by(?=[^\n]{0,70}$))"
    r"|the[ \t]+post[ \t][^\n]{1,300}?[ \t]appeared[ \t]+first[ \t]+on"
    r"|read[ \t]+the[ \t]+original(?:[ \t]+(?:article|story|post))?[ \t]+(?:on|at)"
    r")[ \t]+(?:the[ \t]+website[ \t]+of[ \t]+)?" + _CREDITED
)
_CREDIT = (("originally appeared", "originally published", "originally posted", "originally ran", "first appeared",
            "first published", "first posted", "first ran", "appeared originally", "appeared first",
            "published originally", "published first", "republished", "published by", "read the original"),
           _SITE_CREDIT)
# A dateline credit opening a paragraph: "(CNN) —", "WASHINGTON (Reuters) -", "LONDON, Sept 5
# (AP) —", "Washington (CNN)The …" and "(CNN) The …" (a scraped page loses the dash; after a
# place, only the space too). Not an acronym of the words before it ("The European Union (EU) —
# …"), a party and state ("(R-Ohio)") or a label ("(Video)").
_DATELINE = (
    r"^[ \t]*([A-Z][^\n()\"“”:;?!]{0,60}?)?\(([A-Z][\w&'’.]*(?:[ \t-][A-Za-z][\w&'’.]*){0,4})\)"
    r"([ \t]*[—–-]{1,2}|[ \t]*(?=[A-Z]))"
)
_HEAD = 2000  # characters at the start searched for a dateline or a site credit
_LABELS = {"photo", "photos", "video", "audio", "update", "updated", "opinion", "analysis", "editorial", "file",
           "watch", "listen", "live", "exclusive", "graphic", "map", "sponsored", "advertisement", "ad"}
# (words one of which the text must hold, pattern): a pattern is compiled only when a text
# could match it (compiling all of them cost ~1.4 ms of every `reader compare`). A word
# after "\n" must start a line (the text is searched with a "\n" before it), as "^" does;
# spaces and tabs between words are one space there.
_PATTERNS = [
    (("\nsource", "\npublisher", "\noutlet", "\nsite"), r"^(?:source|publisher|outlet|site)\s*:\s*(.{2,60}?)\s*$"),
    _CREDIT,  # a site credit near the end (near the start: _HEAD_PATTERNS), before the page's copyright
    # a copyright line: at the start of a line (or after a "|" in a footer); the word alone
    # needs a year, a "©" or a short line ("Copyright The Associated Press"), so that a story
    # about copyright ("Copyright Office officials said …") names no outlet
    (("©", "(c)", "copyright"),
     r"(?:^|\|)[^\w\n]{0,3}(?:©[ \t]*(?:copyright[ \t]*)?|copyright[ \t]*©[ \t]*|copyright[ \t]*(?=\d{4})"
     r"|copyright[ \t]+(?=[^\n]{2,60}$)|\(c\)[ \t]*(?=\d{4}))"
     r"(?:\d{4}(?:[ \t]*[-–][ \t]*\d{2,4})?[ \t,]*)?(?:by[ \t]+)?" + _CREDITED),
    (("|",), r"^by\s+[^|\n]{2,60}\|\s*" + _NAME + r"\s*(?:\||$)"),
    (("\npowered by",), r"^powered by\s+" + _NAME + r"\.?\s*$"),
    (("aggregator",), r"^" + _NAME + r" is an? (?:automatic )?(?:news )?aggregator"),
]
_HEAD_PATTERNS = [_CREDIT]
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_EMAIL = r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\b"
_ID_LIKE = r"^[\W\d_]*$|\d{3,}|[0-9a-f]{8,}"
_GENERIC_NAMES = {"article", "story", "index", "page", "text", "news", "item", "post", "untitled", "document"}
_GENERIC_DIRS = {"", ".", "seeds", "articles", "data", "tmp", "downloads", "news", "texts", "files"}


def infer_source(text: str, path: str = "") -> str:
    """The outlet's name, one safe line (``"unknown"`` when nothing names it)."""
    return find_source(text, path)[0]


def find_source(text: str, path: str = "") -> tuple[str, bool]:
    """(the outlet's name as one safe line, whether it is a guess): the name the text credits
    itself with, else the file's name or folder (a guess, as is ``"unknown"``), or the host of
    a URL (where the page came from: not a guess)."""
    name = clean_line(source_in_text(text) or "")
    if name:
        return name, False
    fallback = clean_line(_from_path(path)) or "unknown"
    return fallback, not ("://" in path and fallback != "unknown")


def source_in_text(text: str) -> str | None:
    """The outlet the text credits itself with (see the module's cues), or None."""
    tail = text[-4000:]
    head = text[:_HEAD]
    labelled = _search(_PATTERNS[:1], tail)  # an explicit "Source:" line
    if labelled:
        return labelled
    dated = _dateline(head)
    later = _search(_HEAD_PATTERNS, head) or _search(_PATTERNS[1:], tail)
    if dated and not (later and dated.isupper() and _initials(later) == dated):
        return dated  # ("AP" spelled out by "Copyright The Associated Press": the credit's name)
    return later or _email(tail)


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _search(patterns: list[tuple[tuple[str, ...], str]], region: str) -> str | None:
    lower = "\n" + region.lower()
    if "  " in lower or "\t" in lower:
        lower = _compiled(r"[ \t]+", 0).sub(" ", lower)
    # (re.I matches "İ", "ı", "ſ" and the Kelvin sign to ASCII letters, lower() does not:
    # with one of them in the text, every pattern runs)
    folds = not region.isascii() and any(c in region for c in _FOLDS_TO_ASCII)
    for triggers, pattern in patterns:
        if not folds and not any(t in lower for t in triggers):
            continue
        for m in _compiled(pattern, re.I | re.M).finditer(region):
            name = m.group(1).strip(" .,-|")
            if (2 <= len(name) <= 60 and not re.fullmatch(r"[\d\s]+", name) and name.lower() not in {"all", "the"}
                    and not name.lower().startswith("all rights")):
                return name
    return None


def _dateline(head: str) -> str | None:
    if not _dash_or_capital_after_paren(head):
        return None  # (compiling the pattern costs ~0.4 ms; most texts have no dateline)
    for m in _compiled(_DATELINE, re.M).finditer(head):
        before, name = m.group(1) or "", m.group(2).strip(" .-")
        if before and m.group(3)[:1] in (" ", "\t") and m.group(3).strip() == "":
            continue  # "Senator Smith (Ohio) Tuesday said …": after a place, the dash or no space
        initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'’]*", before))
        if (len(name) < 2 or name.lower() in _LABELS or re.match(r"[RDI]-[A-Z]", name)
                or (name.isupper() and len(initials) >= 2 and name.replace(".", "") in initials)):
            continue
        return name
    return None


def _dash_or_capital_after_paren(head: str) -> bool:
    """Whether some ")" is followed by a dash or a capital letter, as every dateline's is."""
    i = head.find(")")
    while i != -1:
        j = i + 1
        while head[j : j + 1] in (" ", "\t"):
            j += 1
        after = head[j : j + 1]
        if after in ("—", "–", "-") or after.isupper():
            return True
        i = head.find(")", j)
    return False


def _initials(name: str) -> str:
    """ "The Associated Press" -> "AP", "Cable News Network" -> "CNN"."""
    words = [w for w in re.findall(r"[A-Z][\w'’]*", name) if w != "The"]
    return "".join(w[0] for w in words)


def _email(tail: str) -> str | None:
    m = _compiled(_EMAIL, 0).search(tail) if "@" in tail else None
    if m:
        host = m.group(1).lower()
        if host.split(".")[0] not in {"gmail", "yahoo", "hotmail", "outlook", "example", "mail", "email", "protected"}:
            return host
    return None


def _from_path(path: str) -> str:
    """The source a path suggests: a URL's host, else the file's name or its folder."""
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
