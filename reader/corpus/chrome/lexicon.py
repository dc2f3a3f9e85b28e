"""The site-chrome lexicon: word and phrase lists kept as data (``lexicon.json``).

Loaded on first use (importing this module reads nothing). The lists:

* ``words`` / ``phrases`` — chrome vocabulary (sharing, accounts, legal, credits, navigation,
  teasers), matched on lower-cased word tokens / normalised lower-case text;
* ``labels`` — words that label a chrome item when followed by a colon ("Related:", "Photo:");
* ``teaser_words`` — the vocabulary of teaser headings ("More Articles Like This");
* ``block_words`` — words of headings that open a footer block ("Disclaimer", "Media contact");
* ``caption_verbs`` — present-tense verbs of photo captions ("speaks", "passes", "march");
* ``prompt_verbs`` / ``prompt_objects`` — a prompt addressed to the reader: its imperative
  ("listen", "follow", "sign") and what it points to ("here", "newsletter", "twitter");
* ``function_words``, ``stop_words``, ``months``, ``date_words``, ``particles`` (prepositions
  and adverb particles), ``past_forms`` (irregular past tenses), ``auxiliaries`` (words before a
  participle), ``not_after_verb`` (words that follow a noun, not a verb: auxiliaries, modals,
  relative pronouns, "and", "of"), ``clause_openers`` ("as", "while", "that") — general English.

Every chrome entry has to be earned from more than one labelled or seed file
(``benchmarks/check_lexicon.py``; ``tests/test_boilerplate.py`` checks the in-repo part).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
import os

__all__ = ["Lexicon", "lexicon", "LEXICON_PATH"]

LEXICON_PATH = os.path.join(os.path.dirname(__file__), "lexicon.json")


class Lexicon:
    """The lists of ``lexicon.json`` as frozensets, and the phrase matcher built from them."""

    def __init__(self, data: dict) -> None:
        fs = frozenset
        self.words = fs(data["words"])
        self.phrases = fs(data["phrases"])
        self.labels = fs(data["labels"])
        self.teaser = fs(data["teaser_words"])
        self.block_words = tuple(data["block_words"])
        self.caption_verbs = fs(data["caption_verbs"])
        self.prompt_verbs = fs(data["prompt_verbs"])
        self.prompt_objects = fs(data["prompt_objects"])
        self.particles = fs(data["particles"])
        self.past_forms = fs(data["past_forms"])
        self.auxiliaries = fs(data["auxiliaries"])
        self.not_after_verb = fs(data["not_after_verb"])
        self.clause_openers = fs(data["clause_openers"])
        self.function = fs(data["function_words"])
        self.stop = self.function | fs(data["stop_words"])
        self.months = fs(data["months"])
        self.months_ago = self.months | {"ago"}
        self.date_words = self.months | fs(data["date_words"])
        self._phrase_re: re.Pattern[str] | None = None
        self._phrase_words: tuple[frozenset, frozenset, frozenset] | None = None

    def phrase_re(self) -> re.Pattern[str]:
        """The phrase alternation (a character trie, longest match first), compiled on first use."""
        if self._phrase_re is None:
            self._phrase_re = re.compile(r"(?<![\w-])" + trie_alternation(self.phrases) + r"(?![\w-])")
        return self._phrase_re

    def phrase_words(self, tokenize) -> tuple[frozenset, frozenset, frozenset]:
        """(one-word phrases, first words of longer phrases, their first word pairs)."""
        if self._phrase_words is None:
            toks = [tokenize(ph) for ph in self.phrases]
            pairs = frozenset((w[0], w[1]) for w in toks if len(w) >= 2)
            self._phrase_words = (frozenset(w[0] for w in toks if len(w) == 1),
                                  frozenset(a for a, _ in pairs), pairs)
        return self._phrase_words


_cache: list[Lexicon] = []


def lexicon() -> Lexicon:
    """The lexicon, read from ``lexicon.json`` on the first call."""
    if not _cache:
        with open(LEXICON_PATH, encoding="utf-8") as fh:
            _cache.append(Lexicon(json.load(fh)))
    return _cache[0]


def trie_alternation(phrases: Iterable[str]) -> str:
    """Regex source matching the same strings as ``a|b|...`` tried longest first.

    A character trie: the branches of a node start with distinct characters, so at most one
    can match, and the "phrase ends here" option comes last; backtracking therefore yields
    the longest phrase for which the rest of the pattern matches, exactly like the flat
    alternation sorted by length (but with a handful of tests per position, not hundreds).
    """
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append("")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return build(trie) if trie else "(?!)"
