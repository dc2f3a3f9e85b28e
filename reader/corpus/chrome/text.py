"""Words and shape of a text unit (a line or a sentence), computed once per distinct text.

Patterns compile on first use (importing compiles nothing). The fast paths here give exactly
what the plain patterns give (``tests/test_boilerplate.py`` checks them on tricky and random
text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.corpus.chrome.lexicon import lexicon

__all__ = ["LazyRe", "Text", "Texts", "WORD_RE", "clean", "content", "is_sentence_like", "key",
           "terminal", "tokens", "unspaced", "words"]


class LazyRe:
    """A regex compiled on first use, so importing the module compiles nothing.

    After the first call the compiled pattern's methods are stored on the instance, so later
    calls cost no more than calling the compiled pattern.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str):  # only reached before the first compile
        rx = re.compile(self.pattern, self.flags)
        for meth in ("search", "match", "fullmatch", "findall", "finditer", "sub", "split"):
            setattr(self, meth, getattr(rx, meth))
        return getattr(rx, name)


WORD_RE = LazyRe(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*|\d+(?:[.,:/h-]\d+)*(?:st|nd|rd|th)?", re.U)
MDLINK_RE = LazyRe(r"(!?)\[([^\]\n]*)\]\([^)\n]*\)")
MD_STRIP_RE = LazyRe(r"[*_#`~]+")
# (white space may sit between the mark and its closers: "disturbing . ”" in tokenised text)
TERMINAL_RE = LazyRe(r"[.!?…][\"'’”»)\]*_ \t\n\r\x0b\x0c]*$")
_TERMINAL_CLOSERS = "\"'’”»)]*_ \t\n\r\x0b\x0c"  # what TERMINAL_RE allows after the terminal mark
# Text in which lower-casing may change how WORD_RE splits words: characters outside ASCII,
# Latin-1 and Latin Extended-A up to U+012F and General Punctuation (for all those, lower()
# gives one character of the same class; "İ" gives two), and a digit before a letter that
# WORD_RE reads after digits only in lower case ("10H30", "1ST").
_LOWER_UNSAFE_CHAR = LazyRe(r"[^\x00-\u012f\u2000-\u206f]")
_DIGIT_CASED = LazyRe(r"\d[HSNRThsnrt]")
# Characters that never belong to a word token (no letters, digits or case): stripped from
# the ends of a whitespace-separated chunk before the fast path of tokens().
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~’‘“”«»—–…•·›‹„‚"
DIGITS = str.maketrans("123456789", "000000000")
# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK ideographs.
_UNSPACED_RE = LazyRe(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def clean(text: str) -> tuple[str, int]:
    """Text with Markdown links/emphasis flattened, and its links: 2 = an image, 1 = a link."""
    links = 0
    if "](" in text:
        def repl(m: re.Match[str]) -> str:
            nonlocal links
            links = max(links, 2 if m.group(1) else 1)
            return m.group(2)
        text = MDLINK_RE.sub(repl, text)
    if "*" in text or "_" in text or "#" in text or "`" in text or "~" in text:
        text = MD_STRIP_RE.sub(" ", text)
    return text, links


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def tokens(chunks: list[str]) -> tuple[list[str], list[str], str | None]:
    """(``WORD_RE.findall(text)``, ``WORD_RE.findall(text.lower())``, joined) for
    ``chunks = text.split()``; ``joined`` is ``" ".join`` of the second list when every word
    is letters only (so none holds a digit), else None.

    Word tokens never span white space, so each chunk is tokenised on its own; a chunk that
    is letters only (or digits only) between punctuation is one token, lower-cased as one
    token; the regex runs only on the other chunks ("U.S.", "don't", "10h30", "e-mail").
    """
    cores = [c.strip(_PUNCT) for c in chunks]
    if "".join(cores).isalpha():  # every chunk: letters between punctuation (or no letters)
        ws = [c for c in cores if c] if "" in cores else cores
        joined = " ".join(ws).lower()
        low = joined.split()
        if len(low) == len(ws) and "".join(low).isalpha():
            return ws, low, joined
    ws: list[str] = []
    joined = " ".join(chunks)
    if (not joined or max(joined) <= "\u012f" or not _LOWER_UNSAFE_CHAR.search(joined)) \
            and not _DIGIT_CASED.search(joined):
        # lower-casing keeps these words apart exactly as they are: the words of the
        # lower-cased text are the lower-cased words
        for c, core in zip(chunks, cores):
            if core.isalpha() or core.isdecimal():
                ws.append(core)
            elif core:
                ws += WORD_RE.findall(c)
        return ws, " ".join(ws).lower().split(), None
    low = []
    for c, core in zip(chunks, cores):
        if core.isalpha():
            lc = core.lower()
            if lc.isalpha():
                ws.append(core)
                low.append(lc)
                continue
        elif core.isdecimal():
            ws.append(core)
            low.append(core)
            continue
        elif not core:
            continue
        ws += WORD_RE.findall(c)
        low += WORD_RE.findall(c.lower())
    return ws, low, None


def unspaced(text: str) -> bool:
    """Is a third of ``text`` (spaces aside) or more in a script written without spaces between
    words? Its words cannot be counted by spaces."""
    if text.isascii():
        return False
    return len(_UNSPACED_RE.findall(text)) * 3 >= len(text) - text.count(" ")


def terminal(text: str) -> bool:
    """``TERMINAL_RE.search(text)`` for a text without trailing white space."""
    end = text.rstrip(_TERMINAL_CLOSERS)
    return bool(end) and end[-1] in ".!?…"


def is_sentence_like(text: str, ws: list[str], funcs: int | None = None) -> bool:
    """Reads as prose: ends like a sentence and has a lower-case function word."""
    n = len(ws)
    if n == 0:
        return False
    if funcs is None:
        funcs = sum(map(lexicon().function.__contains__, ws))  # lower-case tokens only
    end = text.rstrip()
    if n <= 4 and end.endswith(("...", "…")):
        return False  # an input placeholder or a truncated link: "Type your email..."
    if n >= 2 and terminal(end) and (funcs >= 1 or (
            end[:1].isupper() and any(w.islower() and len(w) > 2 for w in ws[1:]))):
        return True  # "Nobody wanted this." / "It's over."
    return n >= 12 and funcs >= 3


class Text:
    """Tokens and shape of one text unit, computed once per distinct text in a marking run.

    ``clean, links = clean(text)``; ``words``/``low``: the word tokens of ``clean`` and of
    ``clean.lower()``; ``lower``: ``" ".join(clean.lower().split())``; ``funcs``: how many
    words are (lower-case) function words; ``sl``: ``is_sentence_like(clean, words)``.
    """

    __slots__ = ("clean", "links", "words", "low", "lower", "alpha", "n", "funcs", "sl",
                 "_content", "_exact", "_key")

    def __init__(self, text: str) -> None:
        if "](" in text or "*" in text or "_" in text or "#" in text or "`" in text or "~" in text:
            cl, self.links = clean(text)
        else:
            cl, self.links = text, 0
        self.clean = cl
        chunks = cl.split()
        self.lower = " ".join(chunks).lower()
        ws, self.low, self._exact = tokens(chunks)
        self.words = ws
        self.alpha = self._exact is not None  # every word is letters only
        self.n = n = len(ws)
        self.funcs = funcs = sum(map(lexicon().function.__contains__, ws)) if n else 0
        self.sl = is_sentence_like(cl, ws, funcs)
        self._content = self._key = None

    @property
    def content(self) -> set[str]:
        """``content(words)`` (shared: do not mutate)."""
        if self._content is None:
            self._content = content(self.words)
        return self._content

    @property
    def exact(self) -> str:
        """``" ".join(WORD_RE.findall(clean.lower()))``."""
        if self._exact is None:
            self._exact = " ".join(self.low)
        return self._exact

    @property
    def key(self) -> str:
        """``key(text)``: the words of the cleaned text equal those of the raw text, except
        for Markdown links, which key() cleans too."""
        if self._key is None:
            self._key = self.exact if self.alpha else self.exact.translate(DIGITS)
        return self._key


class Texts(dict):
    """text -> Text, filled on demand (one marking run's cache)."""

    def __missing__(self, text: str) -> Text:
        t = self[text] = Text(text)
        return t


_CONTENT_MEMO: dict[str, str] = {}  # word token -> content form ("" = not a content word)
_CONTENT_MEMO_MAX = 200_000


def _content_word(w: str) -> str:
    lw = w.lower().replace("’", "'")
    if lw.endswith("'s"):
        lw = lw[:-2]
    if len(lw) < 3 or lw in lexicon().stop:
        return ""
    if len(lw) > 4 and lw.endswith("s") and not lw.endswith("ss"):
        lw = lw[:-1]
    return lw


def content(ws: Iterable[str]) -> set[str]:
    """Content words (no stop words, light plural folding) of a list of word tokens."""
    ws = ws if isinstance(ws, list) else list(ws)
    memo = _CONTENT_MEMO
    out = set(map(memo.get, ws))
    if None in out:
        if len(memo) > _CONTENT_MEMO_MAX:
            memo.clear()
        out = set()
        for w in ws:
            c = memo.get(w)
            if c is None:
                c = memo[w] = _content_word(w)
            out.add(c)
    out.discard("")
    return out


def key(text: str) -> str:
    """Normalised text for repetition checks (case, digits, punctuation, Markdown ignored)."""
    if "](" in text or "*" in text or "_" in text or "#" in text:
        text, _ = clean(text)
    return " ".join(tokens(text.split())[1]).translate(DIGITS)
