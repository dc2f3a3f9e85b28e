"""Direct quotations across a story: who said what, which outlets carry it, and whose wording differs.

1. **Extraction** (:func:`extract`): the words inside quotation marks (straight ``"…"``, curly
   ``“…”`` and, opened at a word start, ``‘…’``), per paragraph; a quotation left open at a
   paragraph's end closes there (the next paragraph reopens it, as news style does). Pieces of
   one quotation interrupted by its attribution (``"…," Sullivan said. "…"``) are one quotation.
   Quotations of fewer than :data:`MIN_WORDS` words (scare quotes, titles) are left out. The
   speaker is the name the attribution gives next to the quotation (``"…," Sullivan said``,
   ``Sullivan said: "…"``, ``according to …``); a pronoun ("he said") takes the article's last
   named speaker.
2. **Grouping** (:func:`build_quotes`): occurrences in different articles are one quote when one's
   words are an excerpt of the other's, or nearly so (a changed word or two); the pieces an
   article splits a quote into join its one occurrence.
3. **Wording**: an occurrence is *consistent* with another when each of its pieces is a run of
   the other's words (an excerpt is not a change). The wording most outlets carry is that of the
   occurrences consistent with the most others; an occurrence that is not consistent with it is
   ``altered`` — on a tie, every occurrence that differs from another. ``changes`` shows the word
   difference against that wording. A quote attributed to two different people is flagged too.

Nothing here needs the engine's links: quotations are compared by their own words. No textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.engine.text import NUMBER_WORDS, stem, words
from reader.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article

MIN_WORDS = 4
"""Shorter quotations (scare quotes, titles, slogans of two words) are not listed."""
GROUP_MIN = 88
"""How close (rapidfuzz partial ratio of the normalised words, 0-100) two quotations must be
to be one quote when neither is an exact excerpt of the other."""

GROUP_SHARE = 0.8
"""Or: this share of the shorter quotation's word stems appear, in order, in the longer one."""

_OPEN = {'"': '"', "“": "”", "„": "”", "«": "»", "‘": "’"}
_SAY = (r"said|says|say|told|tells|added|adds|wrote|writes|tweeted|argued|argues|noted|notes|stated|explained|"
        r"insisted|warned|declared|asked|continued|recalled|acknowledged|claimed|charged|responded|replied|"
        r"concluded|announced|posted|testified|conceded|admitted|joked|quipped|remarked|observed|complained|"
        r"urged|stressed|emphasized|cautioned|predicted|suggested|contended|maintained|affirmed|reiterated|"
        r"confirmed|explains|insists|warns|writes|recounted|vowed|pledged")
_NAME = r"((?:[A-Z][\w'’.-]*\.?\s+){0,4}[A-Z][\w'’-]+)"
_PRONOUN = r"(he|she|they|He|She|They)"
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "governor", "judge",
                "secretary", "minister", "prime", "chief", "justice", "mayor", "speaker", "leader", "former",
                "the", "house", "senate", "white", "press", "state", "vice", "attorney", "general", "spokesman",
                "spokeswoman", "u.s.", "national", "security", "advisor", "adviser", "director", "ceo", "chairman",
                "representative", "sens", "reps", "lt", "col", "sgt", "capt", "rev", "st"}
_AUX = r"(?:(?:had|has|have|reportedly|also|later|then|once|previously|publicly|privately)\s+){0,2}"
_AFTER = re.compile(r"^[\s,.;:—–-]*(?:" + _NAME + r"\s+" + _AUX + r"(?:" + _SAY + r")\b|(?:" + _SAY + r")\s+" + _NAME
                    + r"|" + _PRONOUN + r"\s+" + _AUX + r"(?:" + _SAY + r")\b|(?:" + _SAY + r")\s+" + _PRONOUN + r"\b)")
_BEFORE = re.compile(r"(?:" + _NAME + r"|" + _PRONOUN + r")\s+" + _AUX + r"(?:" + _SAY + r")\b")
_BEFORE_GAP = 6
"""An attribution before a quotation is at most this many words before its opening mark."""
_ACCORDING = re.compile(r"^[\s,]*according to " + _NAME)
_GLUE_MAX_WORDS = 6
"""Text between two quoted pieces of at most this many words (an attribution: "…," he said,
"…") joins them."""
_NOT_GLUE = {"and", "but", "while", "as", "then", "before", "after", "adding", "also"}
"""A gap starting so goes on to another statement ("… and said Collins had been “…”")."""


class Quotation(Record):
    """One quotation in one article: ``pieces`` (the quoted words, as printed), the sentence ids
    they lie in, the ``speaker`` named for it (or ""), and where it starts (``start``)."""

    __slots__ = ("article", "pieces", "sentences", "speaker", "start")

    def __init__(self, article: int, pieces: list[str], sentences: list[int], speaker: str, start: int):
        self.article = article
        self.pieces = pieces
        self.sentences = sentences
        self.speaker = speaker
        self.start = start

    @property
    def text(self) -> str:
        return " … ".join(self.pieces)


class Change(Record):
    """One word difference of an occurrence against the quote's majority wording:
    ``was`` (the majority's words) became ``now`` (this outlet's); either may be empty."""

    __slots__ = ("was", "now")

    def __init__(self, was: str, now: str):
        self.was = was
        self.now = now

    def as_dict(self) -> dict[str, str]:
        return {"was": self.was, "now": self.now}

    def describe(self) -> str:
        """“a” → “the”, adds “x”, drops “y”, moves “z”."""
        if self.was and self.was == self.now:
            return f"moves “{self.was}”"
        if self.was and self.now:
            return f"“{self.was}” → “{self.now}”"
        return f"adds “{self.now}”" if self.now else f"drops “{self.was}”"


def describe_changes(o: Occurrence, limit: int = 0) -> str:
    """How an occurrence's wording differs: "worded differently: drops “single”; “a” → “the”"."""
    if not o.altered:
        return ""
    if not o.changes:
        return "worded differently"
    shown = o.changes[:limit] if limit else o.changes
    more = f" (+{len(o.changes) - len(shown)})" if len(shown) < len(o.changes) else ""
    return "worded differently: " + "; ".join(c.describe() for c in shown) + more


class Occurrence(Record):
    """A quote as one article carries it. ``altered``: its words differ from the wording most
    outlets carry (``changes`` says how); ``speaker_differs``: it names another speaker than
    most outlets do."""

    __slots__ = ("article", "sentences", "text", "speaker", "altered", "speaker_differs", "changes", "pieces",
                 "against")

    def __init__(self, article: int, sentences: list[int], pieces: list[str], speaker: str):
        self.article = article
        self.sentences = sentences
        self.pieces = pieces
        self.text = " … ".join(pieces)
        self.speaker = speaker
        self.altered = False
        self.speaker_differs = False
        self.changes: list[Change] = []
        self.against: int | None = None
        """The article whose wording ``changes`` are against (the majority's fullest)."""


class Quote(Record):
    """One quotation across the story: its ``text`` (the majority wording, the fullest of it),
    ``speaker``, and one occurrence per article that carries it."""

    __slots__ = ("id", "text", "speaker", "occurrences")

    def __init__(self, id: int, text: str, speaker: str, occurrences: list[Occurrence]):
        self.id = id
        self.text = text
        self.speaker = speaker
        self.occurrences = occurrences

    @property
    def articles(self) -> list[int]:
        return [o.article for o in self.occurrences]

    @property
    def flagged(self) -> bool:
        return any(o.altered or o.speaker_differs for o in self.occurrences)


# ---------------------------------------------------------------------------------------------
# Extraction


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted passages of one paragraph (inside the marks)."""
    out: list[tuple[int, int]] = []
    k, n = 0, len(text)
    while k < n:
        ch = text[k]
        close = _OPEN.get(ch)
        if close is None or (ch == "‘" and k > 0 and text[k - 1].isalnum()):
            k += 1
            continue
        if ch == '"' and k > 0 and not text[k - 1].isspace() and text[k - 1] not in "([—–-" \
                and (k + 1 == n or text[k + 1].isspace()):
            k += 1  # a closing mark whose opening one is missing (the quote began in an earlier paragraph)
            continue
        start = k + 1
        j = start
        while j < n:
            c = text[j]
            if c == close and not (close == "’" and j + 1 < n and text[j + 1].isalpha()) \
                    and not (close == '"' and j == start):
                break
            if (close == '"' and c in "“”") or (close == "”" and c == '"'):
                break  # mixed marks: “…" or "…”
            j += 1
        out.append((start, j))
        k = j + 1
    return out


def _name(raw: str) -> str:
    """The person's name of an attribution, without titles ("Sen. Ted Cruz" -> "Ted Cruz"); "" for
    a pronoun or a possessive."""
    if raw.strip().lower() in _PRONOUNS:
        return ""
    parts = raw.replace("’", "'").split()
    while parts and parts[0].lower().rstrip(".") in _TITLE_WORDS:
        parts.pop(0)
    if parts and parts[-1].endswith("'s"):
        return ""
    return " ".join(p.rstrip(".,") for p in parts)


def _attribution(before: str, after: str, last: str) -> str:
    m = _AFTER.match(after)
    if m:
        name = m.group(1) or m.group(2)
        if name:
            n = _name(name)
            if n:
                return n
            if name.strip().lower() in _PRONOUNS:
                return last
        if m.group(3) or m.group(4):
            return last
    m = _ACCORDING.match(after)
    if m:
        n = _name(m.group(1))
        if n:
            return n
    tail = before[-200:]
    if re.search(r"\b(?:he|she|they|it|him|her|them)\s*[:,]?\s*$", tail, re.IGNORECASE) is None:
        # The attribution closest to the quotation ("Ruiz said Ortiz had told him, “…”": Ortiz).
        for m in reversed(list(_BEFORE.finditer(tail))):
            gap = tail[m.end():]
            if len(gap.split()) > _BEFORE_GAP or re.search(r"[.!?]\s", gap):
                continue
            if m.group(1):
                n = _name(m.group(1))
                if n:
                    return n
                if m.group(1).strip().lower() in _PRONOUNS:
                    return last
            elif m.group(2):
                return last
            break
    return ""


def _last_named(before: str) -> str:
    """The last person named in the text before a quotation (its paragraph): "Ortiz praised the
    vote. “…,” she said" — she is Ortiz."""
    from reader.engine.details import details

    names = [d for d in details(before[-300:]) if d.kind == "name" and d.text[:1].isupper()]
    return _name(names[-1].text) if names else ""


def extract(article: Article, index: int = 0) -> list[Quotation]:
    """Every quotation of ``article`` of :data:`MIN_WORDS` words or more, in order
    (``index``: the article's place in the story, carried by each quotation)."""
    out: list[Quotation] = []
    last_speaker = ""
    sentences = [s for s in article.sentences if not s.boilerplate]
    by_para: dict[int, list] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    for para in sorted(by_para):
        ss = by_para[para]
        base = ss[0].start
        text = article.text[base:ss[-1].end]
        if not any(c in text for c in _OPEN):
            continue
        spans = _spans(text)
        if not spans:
            continue
        # Join pieces separated only by a short attribution.
        groups: list[list[tuple[int, int]]] = []
        for sp in spans:
            if groups:
                gap = text[groups[-1][-1][1] + 1:sp[0] - 1]
                gw = gap.strip(" ,.;:—–-").split()
                if len(gw) <= _GLUE_MAX_WORDS and re.search(r"\b(?:" + _SAY + r")\b", gap) \
                        and gw and gw[0].lower() not in _NOT_GLUE \
                        and len(words(text[groups[-1][-1][0]:groups[-1][-1][1]])) >= 3 \
                        and len(words(text[sp[0]:sp[1]])) >= 3:  # not a title or a name in quotes
                    groups[-1].append(sp)
                    continue
            groups.append([sp])
        for g in groups:
            pieces = [text[a:b].strip() for a, b in g]
            pieces = [p.strip(" ,;") for p in pieces if p.strip(" ,;")]
            if sum(len(words(p)) for p in pieces) < MIN_WORDS:
                continue
            first, end = g[0][0], g[-1][1]
            speaker = ""
            for a, b in g:  # the attribution next to any piece
                named = _last_named(text[:a - 1]) or last_speaker  # whom "he said" means here
                speaker = _attribution(text[:a - 1], text[b + 1:b + 200], named)
                if speaker:
                    break
            if speaker:
                last_speaker = speaker
            ids = [s.id for s in ss if s.end - base > first and s.start - base < end]
            out.append(Quotation(index, pieces, ids, speaker, base + first))
    return out


# ---------------------------------------------------------------------------------------------
# Comparing wordings

_DROP = {"percent", "per", "cent"}


_IS_BEFORE = {"it", "that", "he", "she", "there", "here", "what", "who", "where", "this", "let", "how", "everything",
              "nothing", "everyone", "somebody", "nobody"}
_IS = re.compile(r"\b(" + "|".join(sorted(_IS_BEFORE)) + r")'s\b", re.IGNORECASE)
""""it's" = "it is", "let's" = "let us" (after a noun, "'s" is a possessive and goes)."""
_HYPHEN = re.compile(r"(?<=\w)\s?-\s?(?=\w)")
_SPLIT_CONTRACTION = re.compile(r"\s+(?='(?:re|s|m|ve|ll|d)\b)|\s+(?=n't\b)")
_CONTRACTED = {"n't": "not", "'re": "are", "'m": "am", "'ve": "have", "'ll": "will", "'d": "would"}
_IRREGULAR = {"won't": ["will", "not"], "can't": ["can", "not"], "n't": ["not"], "'re": ["are"], "'m": ["am"],
              "'ve": ["have"], "'ll": ["will"], "'d": ["would"], "'s": []}


def _norm(text: str) -> list[str]:
    """The words a wording is compared by: folded, numbers as digits ("eleven" = "11"), "%" =
    "percent" (dropped), contractions spelled out ("we're" = "we are", "don't" = "do not")."""
    out: list[str] = []
    text = _SPLIT_CONTRACTION.sub("", text.replace("’", "'"))  # "we 're" (tokenised text) = "we're"
    text = _HYPHEN.sub("", text)  # "e-mails" = "emails", "pro - life" = "pro-life" = "prolife"
    text = _IS.sub(lambda m: m.group(1) + (" us" if m.group(1).lower() == "let" else " is"), text)
    for w in words(text):
        if w in _DROP or w == "s":  # "%", and a split-off "’s" ("that ’s")
            continue
        if "'" in w:
            if w in _IRREGULAR:
                out.extend(_IRREGULAR[w])
                continue
            for tail, full in _CONTRACTED.items():
                if w.endswith(tail) and len(w) > len(tail):
                    out.extend([w[: -len(tail)], full])
                    break
            else:
                out.append(w.removesuffix("'s"))
            continue
        out.append(_spelling(NUMBER_WORDS.get(w, w)))
    return out


def _spelling(w: str) -> str:
    """British and American spellings alike: "neighbourhood" = "neighborhood", "apologise" =
    "apologize", "centre" = "center"."""
    if len(w) > 5:
        if "our" in w[2:]:
            w = w[:2] + w[2:].replace("our", "or")
        if w.endswith(("ise", "ised", "ises", "ising", "isation")):
            i = w.rfind("is")
            w = w[:i] + "iz" + w[i + 2:]
        if w.endswith("tre"):
            w = w[:-3] + "ter"
    return w


def _contains(big: Sequence[str], small: Sequence[str]) -> bool:
    """``small`` is a contiguous run of ``big``."""
    n, m = len(big), len(small)
    if m == 0:
        return True
    if m > n:
        return False
    first = small[0]
    for k in range(n - m + 1):
        if big[k] == first and list(big[k:k + m]) == list(small):
            return True
    return False


def _consistent(a: list[list[str]], b: list[list[str]]) -> bool:
    """Every piece of one is a run of the other's words (excerpts, in either direction)."""
    fa = [w for p in a for w in p]
    fb = [w for p in b for w in p]
    return all(_contains(fb, p) for p in a) or all(_contains(fa, p) for p in b)


def _same_quote(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if _contains(long_, short):
        return True
    if len(short) < MIN_WORDS:
        return False
    if fuzz.partial_ratio(" ".join(short), " ".join(long_)) >= GROUP_MIN:
        return True
    # Reworded inside ("will we stand up" / "are we going to stand up"): most of the shorter's
    # word stems, in order, are the longer's.
    if len(short) >= 6:
        ss, ls = [stem(w) for w in short], [stem(w) for w in long_]
        common = (len(ss) + len(ls) - Indel.distance(ss, ls)) // 2
        return common >= GROUP_SHARE * len(ss)
    return False


def _changes(piece_words: list[list[str]], pieces: list[str], ref: list[str], ref_text: str) -> list[Change]:
    """Word changes of each piece against the run of the reference wording it lines up with
    (from the reference word matching its first shared word, less the piece's words before
    that, to the one matching its last, plus the piece's words after): an excerpt's missing
    start and end are not changes."""
    out: list[Change] = []
    rtoks = ref_text.replace(" … ", " ").split()
    if len(rtoks) != len(ref):  # tokenisation differs: show normalised words
        rtoks = ref
    for pw, ptext in zip(piece_words, pieces):
        if not pw:
            continue
        ptoks = ptext.split()
        if len(ptoks) != len(pw):
            ptoks = pw
        equal = [op for op in _opcodes(ref, pw) if op[0] == "equal"]
        if not equal:
            continue
        lo = max(0, equal[0][1] - equal[0][3])
        hi = min(len(ref), equal[-1][2] + (len(pw) - equal[-1][4]))
        window = ref[lo:hi]
        ops = _opcodes(window, pw)
        for k, (tag, a0, a1, b0, b1) in enumerate(ops):
            if tag == "equal":
                continue
            if tag in ("insert", "delete") and (k == 0 or k == len(ops) - 1):
                continue  # the excerpt starts sooner or later, ends sooner or later: not a change
            was = " ".join(rtoks[lo + a0:lo + a1]) if a1 > a0 else ""
            now = " ".join(ptoks[b0:b1]) if b1 > b0 else ""
            out.append(Change(was.strip(".,;:\"“”'"), now.strip(".,;:\"“”'")))
    return _moves([c for c in out if c.was or c.now])


def _moves(changes: list[Change]) -> list[Change]:
    """A word dropped in one place and added in another is one move ("take away your guns" /
    "take your guns away"), shown as such."""
    out = list(changes)
    for c in changes:
        if c.was and not c.now:
            twin = next((d for d in out if d.now == c.was and not d.was), None)
            if twin is not None and c in out:
                out.remove(twin)
                out[out.index(c)] = Change(c.was, c.was)
    return out


def _opcodes(a: list[str], b: list[str]):
    ops = []
    for tag, a0, a1, b0, b1 in Indel.opcodes(a, b):
        if ops and {ops[-1][0], tag} == {"delete", "insert"}:
            p = ops.pop()
            d, i = (p, (tag, a0, a1, b0, b1)) if p[0] == "delete" else ((tag, a0, a1, b0, b1), p)
            ops.append(("replace", d[1], d[2], i[3], i[4]))
        else:
            ops.append((tag, a0, a1, b0, b1))
    return ops


def _speaker_key(name: str) -> str:
    return name.split()[-1].lower().replace("’", "'") if name else ""


def build_quotes(articles: Sequence[Article]) -> list[Quote]:
    """The story's quotes: every quotation of every article, grouped across articles and
    checked for altered wording and speaker. Ordered by how many articles carry them, then
    where they first appear."""
    found: list[Quotation] = []
    for k, a in enumerate(articles):
        found.extend(extract(a, k))
    norms = [[_norm(p) for p in q.pieces] for q in found]
    flat = [[w for p in ps for w in p] for ps in norms]
    parent = list(range(len(found)))
    # Only quotations that share a pair of consecutive words can be one quote (one changed word
    # in four leaves one pair): an index keeps a long article's hundreds of quotations cheap.
    by_bigram: dict[tuple[str, str], set[int]] = {}
    for i, ws in enumerate(flat):
        for bg in zip(ws, ws[1:]):
            by_bigram.setdefault(bg, set()).add(i)
    candidates: dict[int, set[int]] = {}
    for members in by_bigram.values():
        if len(members) > 1:
            for i in members:
                candidates.setdefault(i, set()).update(j for j in members if j > i)

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(found)):
        for j in sorted(candidates.get(i, ())):
            if found[i].article == found[j].article:
                continue
            if root(i) != root(j) and (_same_quote(flat[i], flat[j])
                                       or any(_same_quote(p, flat[j]) for p in norms[i] if len(p) >= MIN_WORDS)
                                       or any(_same_quote(p, flat[i]) for p in norms[j] if len(p) >= MIN_WORDS)):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(found)):
        groups.setdefault(root(i), []).append(i)
    quotes: list[Quote] = []
    evicted: list[int] = []
    pending = list(groups.values())
    while pending:
        members = pending.pop(0)
        by_article: dict[int, list[int]] = {}
        for i in members:
            by_article.setdefault(found[i].article, []).append(i)
        occs: list[Occurrence] = []
        occ_norms: list[list[list[str]]] = []
        for art in sorted(by_article):
            idx = sorted(by_article[art], key=lambda i: found[i].start)
            # An article that repeats the quote (headline and body) keeps the fullest; pieces of a
            # split quote join in order.
            keep = [i for i in idx if not any(j != i and len(flat[j]) > len(flat[i]) and _contains(flat[j], flat[i])
                                              for j in idx)]
            kept: list[int] = []
            for i in keep:
                if not any(flat[j] == flat[i] for j in kept):
                    kept.append(i)
            others = [flat[j] for j in members if found[j].article != art]
            kept, apart = _one_run(kept, found, flat, others)
            evicted.extend(apart)
            pieces = [p for i in kept for p in found[i].pieces]
            pnorm = [p for i in kept for p in norms[i]]
            sents = sorted({s for i in kept for s in found[i].sentences})
            speaker = next((found[i].speaker for i in kept if found[i].speaker), "")
            occs.append(Occurrence(art, sents, pieces, speaker))
            occ_norms.append(pnorm)
        ref = _judge(occs, occ_norms)
        # The quote reads as its fullest wording that agrees with the majority's; each altered
        # occurrence's changes are shown against it (on a tie, against the fullest other wording).
        full = [i for i, o in enumerate(occs) if not o.altered] or [ref]
        best = max(full, key=lambda i: (sum(len(p) for p in occ_norms[i]), -i))
        text = occs[best].text
        for i, o in enumerate(occs):
            if o.altered:
                other = best if best != i else max((t for t in range(len(occs)) if t != i),
                                                   key=lambda t: sum(len(p) for p in occ_norms[t]), default=i)
                if other != i:
                    o.against = occs[other].article
                    o.changes = _changes(occ_norms[i], o.pieces, [w for p in occ_norms[other] for w in p],
                                         " ".join(occs[other].pieces))
        names = [o.speaker for o in occs if o.speaker]
        speaker = max(names, key=lambda s: (sum(1 for x in names if _speaker_key(x) == _speaker_key(s)), len(s))) \
            if names else ""
        quotes.append(Quote(0, text, speaker, occs))
        if not pending and evicted:  # quotations apart from their article's run: quotes of their own
            pending, evicted = [[i] for i in evicted], []
    quotes.sort(key=lambda q: (-len(q.occurrences), min(o.article for o in q.occurrences),
                               _first_sentence(q)))
    for k, q in enumerate(quotes, 1):
        q.id = k
    return quotes


RUN_GAP = 2
"""Quotations of one article at most this many sentences apart are pieces of one quote."""


def _one_run(idx: list[int], found: list[Quotation], flat: list[list[str]],
             others: list[list[str]]) -> tuple[list[int], list[int]]:
    """Of an article's quotations in one quote (in order), the run of neighbouring ones whose
    words the other outlets' quotations share most, and the others: an outlet that quotes two different statements sharing a phrase
    ("freedom means freedom for everyone", said by a father in 2004 and echoed by his daughter) does
    not make them one quote."""
    if len(idx) <= 1:
        return idx, []
    runs: list[list[int]] = [[idx[0]]]
    for i in idx[1:]:
        prev = found[runs[-1][-1]]
        near = prev.sentences and found[i].sentences and found[i].sentences[0] - prev.sentences[-1] <= RUN_GAP
        if near:
            runs[-1].append(i)
        else:
            runs.append([i])
    def shared(run: list[int]) -> int:
        ws = [w for i in run for w in flat[i]]
        return sum((len(ws) + len(o) - Indel.distance(ws, o)) // 2 for o in others)

    best = max(runs, key=lambda r: (shared(r), sum(len(flat[i]) for i in r)))
    return best, [i for r in runs if r is not best for i in r]


def _first_sentence(q: Quote) -> int:
    o = q.occurrences[0]
    return o.sentences[0] if o.sentences else 0


def _judge(occs: list[Occurrence], norms: list[list[list[str]]]) -> int:
    """Flag altered wording and differing speakers; return an occurrence of the majority wording."""
    n = len(occs)
    ok = [[i == j or _consistent(norms[i], norms[j]) for j in range(n)] for i in range(n)]
    support = [sum(row) for row in ok]
    best = max(support)
    tops = [i for i in range(n) if support[i] == best]
    length = [sum(len(p) for p in ns) for ns in norms]
    ref = max(tops, key=lambda i: (length[i], -i))
    if all(ok[a][b] for a in tops for b in tops):
        for i in range(n):
            occs[i].altered = not all(ok[i][t] for t in tops)
    else:  # a tie between wordings: every occurrence that differs from another is flagged
        for i in range(n):
            occs[i].altered = not all(ok[i])
    keys = [_speaker_key(o.speaker) for o in occs]
    named = [k for k in keys if k]
    if len(set(named)) > 1:
        counts = {k: named.count(k) for k in set(named)}
        top = max(counts.values())
        leaders = [k for k, c in counts.items() if c == top]
        for o, k in zip(occs, keys):
            o.speaker_differs = bool(k) and (len(leaders) > 1 or k != leaders[0])
    return ref


def pair_quotes(left: Article, right: Article) -> list[Quote]:
    """The quotes two articles both carry whose wording or speaker differs between them
    (the pair view's marks: with two outlets a difference is a tie, so both are flagged)."""
    return [q for q in build_quotes([left, right]) if len(q.occurrences) == 2 and q.flagged]
