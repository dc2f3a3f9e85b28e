"""How common a word is in general English (Zipf scale), for rarity weights.

The table (``data/rarity_en.txt``) is written by ``benchmarks/build_rarity.py`` from wordfreq;
words not in it (Zipf < 3, or not English) count as rare. It is searched in place (sorted
words, bisect) rather than loaded into a dict: ~1.5 ms instead of ~5 ms on every ``reader compare``.
"""

from __future__ import annotations

import os
from bisect import bisect_left

RARE = 2.5  # the Zipf value of any word not in the table
_PATH = os.path.join(os.path.dirname(__file__), "data", "rarity_en.txt")
_WORDS: list[bytes] = []
_CODES = b""
_SEEN: dict[str, float] = {}


def _load() -> None:
    global _CODES
    with open(_PATH, "rb") as fh:
        lines = fh.read().split(b"\n")
    _WORDS[:] = lines[2].split(b" ")
    _CODES = lines[3]


def zipf(word: str) -> float:
    """The Zipf frequency of a folded word (RARE when not in the table)."""
    z = _SEEN.get(word)
    if z is None:
        if not _WORDS:
            _load()
        key = word.encode("utf-8", "replace")
        k = bisect_left(_WORDS, key)
        z = (_CODES[k] - 32) / 10.0 if k < len(_WORDS) and _WORDS[k] == key else RARE
        if len(_SEEN) > 200_000:
            _SEEN.clear()
        _SEEN[word] = z
    return z


def weight(z: float) -> float:
    """A word's general rarity weight: 0 for the commonest words, 4.5 for rare ones."""
    return 7.0 - z if z < 7.0 else 0.0
