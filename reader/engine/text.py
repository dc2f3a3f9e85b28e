"""Normalising sentence text into the tokens the matcher compares.

Cheap and dependency-free: case folding, quote/dash unification, number normalisation
("3,200" -> "3200", "eleven" -> "11"), a small English stop-word list and a light
suffix stemmer (plural, -ed, -ing, -ly, ...) good enough to pair "wages"/"wage",
"voted"/"vote", "supplying"/"supplies".
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-",
    }
)
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_QUOTED = re.compile(r'"([^"]{8,})"')
_NEEDS_FIX = re.compile(r"\d[.,]\d|'s")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves s t don shall may might must upon via per whose whether
    yet ago amid among around within without across along toward towards onto says said
    say saying told tell according""".split()
)

NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "million", "billion": "billion",
    "first": "1st", "second": "2nd", "third": "3rd", "half": "half", "dozen": "12",
    "percent": "percent", "per cent": "percent", "%": "percent",
}


def fold(text: str) -> str:
    """Case-fold and unify quotes and dashes (length-preserving except NFKC expansions)."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


def words(text: str, folded: str | None = None) -> list[str]:
    """All word tokens of ``text``, folded, numbers normalised ("3,200" -> "3200")."""
    if folded is None:
        folded = text.lower() if text.isascii() else fold(text)
    out = _WORD.findall(folded)
    if _NEEDS_FIX.search(folded):
        for k, w in enumerate(out):
            if w[0].isdigit():
                w = w.replace(",", "")
                out[k] = w[:-2] if w.endswith(".0") else w
            elif w.endswith("'s"):
                out[k] = w[:-2]
    return out


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Word tokens with their (start, end) offsets in ``text`` (folded, for diffs)."""
    folded = text.translate(_QUOTES).casefold()
    if len(folded) != len(text):  # rare: case folding changed the length (e.g. ß)
        folded = text.translate(_QUOTES).lower()
    if len(folded) != len(text):
        folded = text
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(folded)]


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A light English suffix stemmer (cached; not Porter: fewer, safer rules)."""
    s = _STEMS.get(word)
    if s is None:
        if len(_STEMS) > 200_000:
            _STEMS.clear()
        s = _STEMS[word] = _stem(word)
    return s


def _stem(word: str) -> str:
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    if len(word) <= 3 or word[0].isdigit():
        return word
    for suffix, repl, min_len in (
        ("ies", "y", 4), ("sses", "ss", 4), ("ingly", "", 5), ("ings", "", 4), ("ing", "", 4), ("edly", "", 4), ("ied", "y", 4),
        ("ed", "", 4), ("ly", "", 4), ("es", "", 5), ("s", "", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= min_len - 1:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + repl
            if suffix in ("ing", "ed", "ings") and len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stopped -> stop, planning -> plan
            if suffix in ("es",) and not base.endswith(("sh", "ch", "x", "ss", "z", "o")):
                base = base + "e"  # "issues" -> "issue" like "issue"
            return _strip_e(base)
    return _strip_e(word)


def _strip_e(word: str) -> str:
    stripped = word.rstrip("e")
    return stripped if len(stripped) >= 3 else word


_LEX: dict[str, str | None] = {}


def lexeme(word: str) -> str | None:
    """The stem of a content word, None for a stop word (cached)."""
    try:
        return _LEX[word]
    except KeyError:
        if len(_LEX) > 200_000:
            _LEX.clear()
        s = _LEX[word] = None if word in STOPWORDS else stem(word)
        return s


def quotations(text: str, folded: str | None = None) -> list[str]:
    """Quoted passages (8+ chars), folded."""
    if folded is None:
        folded = fold(text)
    return _QUOTED.findall(folded) if '"' in folded else []


def normalized(text: str) -> str:
    """Words joined by single spaces: equal for texts that differ only in case/punctuation."""
    return " ".join(words(text))
