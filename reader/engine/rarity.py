"""How common a word is in general English (Zipf scale), for rarity weights.

The table (``data/rarity_en.txt``) is written by ``benchmarks/build_rarity.py`` from wordfreq;
words not in it (Zipf < 3, or not English) count as rare.
"""

from __future__ import annotations

import os

RARE = 2.5  # the Zipf value of any word not in the table
_PATH = os.path.join(os.path.dirname(__file__), "data", "rarity_en.txt")
_TABLE: dict[str, str] | None = None


def _table() -> dict[str, str]:
    global _TABLE
    if _TABLE is None:
        with open(_PATH, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        _TABLE = dict(zip(lines[2].split(" "), lines[3]))
    return _TABLE


def zipf(word: str) -> float:
    """The Zipf frequency of a folded word (RARE when not in the table)."""
    c = _table().get(word)
    return RARE if c is None else (ord(c) - 32) / 10.0


def weight(z: float) -> float:
    """A word's general rarity weight: 0 for the commonest words, 4.5 for rare ones."""
    return 7.0 - z if z < 7.0 else 0.0
