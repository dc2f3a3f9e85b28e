"""Concrete details a sentence states, and the ones two linked sentences disagree on.

A *detail* is a number with its unit ("$2.5 billion", "eleven people", "40%"), a date
(weekday, month and day, month, year) or a time of day, a name ("Jake Sullivan"), a place
("in Kyiv") or the key verb of an event ("resigned", "approved"). :func:`conflicts` compares
the details of the two sides of one link and keeps only disagreements a journalist would call
real — precision first:

* a detail one side leaves out is never a conflict;
* numbers are compared by value and unit ("$2.5 billion" = "2.5 billion dollars",
  "eleven" = 11); a hedged number ("about", "more than") or a rounding of the other is not
  a conflict;
* two details conflict when they fill the *same slot*: either the word diff replaces one
  with the other between shared words ("apologized Saturday" / "apologized Friday"), or each
  side states exactly one detail of that sort (one weekday, one count of people) in a link
  that reports one fact (not a ``partial`` one) and neither side states the other's value;
* names and places only through the word diff, and only when neither side mentions the
  other's name anywhere; event verbs through the diff, or as a known contradiction
  (approved / rejected) each side states once, never under a negation.

No textual, no rich here; the details of a sentence are plain records.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz

from reader.engine.text import STOPWORDS, stem
from reader.record import Record


class Detail(Record):
    """One detail of a text: ``kind`` (number, date, name, place, event), the words as
    written (``text``, at ``span`` in the text), ``key`` (what is compared) and ``slot`` (what
    it is about: a unit, a sort of date, "name", an event family)."""

    __slots__ = ("kind", "text", "span", "key", "slot", "hedged", "negated")

    def __init__(self, kind: str, text: str, span: tuple[int, int], key: object, slot: str,
                 hedged: str = "", negated: bool = False):
        self.kind = kind
        self.text = text
        self.span = span
        self.key = key
        self.slot = slot
        self.hedged = hedged
        self.negated = negated


class Conflict(Record):
    """A detail both sides of a link state and that differs: ``kind`` and each side's words
    (``left``/``right``), at ``left_span``/``right_span`` in the link's texts."""

    __slots__ = ("kind", "left", "right", "left_span", "right_span")

    def __init__(self, kind: str, left: str, right: str, left_span: tuple[int, int], right_span: tuple[int, int]):
        self.kind = kind
        self.left = left
        self.right = right
        self.left_span = left_span
        self.right_span = right_span

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "left": self.left, "right": self.right}


# ---------------------------------------------------------------------------------------------
# Tokens

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[$£€]|%|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?|[^\W\d_]+(?:['’][^\W\d_]+)*(?:\.(?=[A-Z]))?|[^\s\w]",
                    re.UNICODE)


class _Tok:
    __slots__ = ("text", "low", "start", "end")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.low = text.lower().replace("’", "'")
        self.start = start
        self.end = end


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "bn": 1_000_000_000}
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000,
                  "tn": 1_000_000_000_000}
_CURRENCY_SIGNS = {"$": "dollar", "£": "pound", "€": "euro"}
_CURRENCY_WORDS = {"dollar": "dollar", "dollars": "dollar", "pound": "pound", "pounds": "pound", "euro": "euro",
                   "euros": "euro"}
_PERCENT = {"%", "percent", "pct"}
_HEDGES = {"tops", "topped", "exceeds", "exceeded", "upward", "nearing", "about", "around", "nearly", "almost", "approximately", "roughly", "some", "over", "under", "more",
           "less", "fewer", "least", "most", "up", "estimated", "approx", "than", "just", "close", "upwards",
           "several", "dozens", "hundreds", "thousands", "millions", "possibly", "perhaps", "maybe", "or"}
_NEGATIONS = {"not", "n't", "never", "no", "didn't", "did't", "wasn't", "won't", "hasn't", "haven't", "isn't",
              "aren't", "weren't", "doesn't", "don't", "cannot", "can't", "refused", "without", "declined"}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12, "jan.": 1, "feb.": 2, "aug.": 8,
          "sept.": 9, "sep.": 9, "oct.": 10, "nov.": 11, "dec.": 12, "jan": 1, "feb": 2, "aug": 8, "sept": 9,
          "oct": 10, "nov": 11, "dec": 12}
_MONTH_ABBR_NEED_DOT = {"jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec"}
_TIME_SUFFIX = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m"}

# Key event verbs: surface form -> event family. Families that contradict each other when
# each side states one of them once about the same thing (no diff needed):
_EVENT_FORMS = {
    "resign": "resign", "resigned": "resign", "resigns": "resign", "resigning": "resign", "quit": "resign",
    "quits": "resign",
    "fired": "fire", "sacked": "fire", "ousted": "fire", "dismissed": "fire",
    "apologized": "apologize", "apologised": "apologize", "apologizes": "apologize", "apologises": "apologize",
    "apologize": "apologize", "apologise": "apologize",
    "approved": "approve", "approves": "approve", "approve": "approve", "passed": "approve", "ratified": "approve",
    "rejected": "reject", "rejects": "reject", "reject": "reject", "vetoed": "veto", "vetoes": "veto",
    "veto": "veto", "signed": "sign", "signs": "sign",
    "won": "win", "wins": "win", "win": "win", "lost": "lose", "loses": "lose", "lose": "lose",
    "convicted": "convict", "acquitted": "acquit",
    "killed": "kill", "injured": "injure", "wounded": "injure", "hurt": "injure",
    "died": "die", "survived": "survive",
    "rose": "rise", "risen": "rise", "rises": "rise", "increased": "rise", "climbed": "rise", "grew": "rise",
    "jumped": "rise", "surged": "rise",
    "fell": "fall", "fallen": "fall", "falls": "fall", "decreased": "fall", "declined": "fall", "dropped": "fall",
    "plunged": "fall", "shrank": "fall", "slowed": "fall",
    "surge": "rise", "increase": "rise", "jump": "rise", "decline": "fall", "decrease": "fall", "drop": "fall",
    "resignation": "resign", "firing": "fire", "ouster": "fire", "approval": "approve", "rejection": "reject",
    "conviction": "convict", "acquittal": "acquit", "victory": "win", "defeat": "lose",
    "confirmed": "confirm", "confirms": "confirm", "denied": "deny", "denies": "deny",
    "accepted": "accept", "accepts": "accept", "refused": "refuse",
    "arrested": "arrest", "released": "release", "freed": "release",
    "announced": "announce", "cancelled": "cancel", "canceled": "cancel", "postponed": "postpone",
    "banned": "ban", "allowed": "allow", "blocked": "block", "upheld": "uphold", "overturned": "overturn",
    "struck": "overturn",
}
_CAP_OR_DIGIT = re.compile(r"[\dA-Z]")
_KEY_WORDS = frozenset({*_EVENT_FORMS, *_UNITS_WORDS, *_TENS_WORDS, "am", "pm", "a.m", "p.m"})
_LOWER_WORD = re.compile(r"[a-z]+(?:\.[a-z])?")
"""What a conflict needs among the words that differ: a digit or capital (a number, date, name,
place), a number word, a time, or a key event verb; without one a link has nothing to compare."""
_CONTRADICT = {frozenset(p) for p in (
    ("resign", "fire"), ("approve", "reject"), ("approve", "veto"), ("sign", "veto"), ("win", "lose"),
    ("convict", "acquit"), ("kill", "injure"), ("die", "survive"), ("rise", "fall"), ("confirm", "deny"),
    ("accept", "refuse"), ("accept", "reject"), ("arrest", "release"), ("ban", "allow"), ("uphold", "overturn"),
    ("block", "allow"), ("announce", "cancel"), ("postpone", "cancel"), ("resign", "apologize"),
    ("fire", "apologize"),
)}
"""Key verbs that contradict each other about one event (as a set of two families). Verbs of one
event told two ways ("died" / "were killed", "arrested" / "charged") are not among them."""

_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "governor", "judge",
           "secretary", "minister", "prime", "chief", "justice", "king", "queen", "prince", "pope", "mayor", "lt",
           "col", "sgt", "capt", "speaker", "leader", "rev", "st", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.",
           "gov.", "gen.", "lt.", "col.", "sgt.", "capt.", "rev.", "st.", "sir", "lord", "lady", "attorney",
           "general", "director", "chairman", "chairwoman", "commissioner", "officer", "spokesman", "spokeswoman",
           "vice", "former", "u.s.", "state", "house", "senate", "white"}
REGIONS = frozenset(n.strip() for n in """
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia,
hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts,
michigan, minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey,
new mexico, new york, north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania,
rhode island, south carolina, south dakota, tennessee, texas, utah, vermont, virginia, washington,
west virginia, wisconsin, wyoming, puerto rico, guam, afghanistan, albania, algeria, angola,
argentina, armenia, australia, austria, azerbaijan, bahrain, bangladesh, belarus, belgium, bolivia,
bosnia, brazil, bulgaria, cambodia, cameroon, canada, chile, china, colombia, congo, croatia, cuba,
cyprus, czechia, denmark, ecuador, egypt, england, estonia, ethiopia, finland, france, germany,
ghana, greece, guatemala, haiti, honduras, hungary, iceland, india, indonesia, iran, iraq, ireland,
israel, italy, jamaica, japan, jordan, kazakhstan, kenya, korea, kosovo, kuwait, laos, latvia,
lebanon, libya, lithuania, luxembourg, madagascar, malaysia, mali, mexico, moldova, mongolia,
montenegro, morocco, mozambique, myanmar, nepal, netherlands, nicaragua, niger, nigeria, norway,
oman, pakistan, palestine, panama, paraguay, peru, philippines, poland, portugal, qatar, romania,
russia, rwanda, saudi arabia, scotland, senegal, serbia, singapore, slovakia, slovenia, somalia,
south africa, spain, sri lanka, sudan, sweden, switzerland, syria, taiwan, tajikistan, tanzania,
thailand, tunisia, turkey, uganda, ukraine, united kingdom, united states, uruguay, uzbekistan,
venezuela, vietnam, wales, yemen, zambia, zimbabwe, britain, america, europe, asia, africa, gaza,
crimea, donbas, alberta, ontario, quebec, british columbia, manitoba, saskatchewan, nova scotia,
bavaria, catalonia, siberia, kashmir, tibet, xinjiang
""".split(","))
"""US states, countries and large regions: a city may lie in one, so a region on one side and a
city on the other ("Houston" / "Texas") is never a place conflict; two regions are."""
_SAYS = {"said", "says", "told", "added", "wrote", "argued", "noted", "tweeted", "announced", "stated"}
_PLACE_PREPS = {"in", "at", "near", "outside", "across", "into", "inside"}
_NOT_NAMES = set(WEEKDAYS) | {m for m in MONTHS if "." not in m} | {
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you", "his", "her",
    "their", "our", "its", "but", "and", "or", "if", "when", "while", "after", "before", "as", "in", "on", "at",
    "for", "with", "by", "from", "to", "of", "there", "here", "what", "who", "why", "how", "where", "some", "many",
    "more", "most", "all", "no", "not", "yes", "one", "two", "three", "last", "next", "new", "today", "yesterday",
    "tomorrow", "tonight", "mr", "mrs", "ms", "dr"}


def _hedged(toks: list[_Tok], k: int) -> str:
    """The hedge word within the three tokens before position ``k`` ("about", "more than"), or ""."""
    for j in range(k - 1, max(0, k - 3) - 1, -1):
        w = toks[j].low
        if w in _HEDGES:
            if w == "than" and j > 0:  # "more than", "fewer than"
                return toks[j - 1].low if toks[j - 1].low in _HEDGES else "more"
            return w
    return ""


def _negated(toks: list[_Tok], k: int) -> bool:
    for j in range(max(0, k - 3), k):
        if toks[j].low in _NEGATIONS or toks[j].low.endswith("n't"):
            return True
    return False


def _number_value(tok: str) -> Decimal | None:
    t = tok.replace(",", "")
    if t.endswith(("st", "nd", "rd", "th")):
        return None  # an ordinal ("5th") is a rank or a day, not an amount
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def _word_number(toks: list[_Tok], k: int) -> tuple[int, int] | None:
    """A number written in words at ``k`` ("eleven", "twenty-five", "forty two"): (value, tokens used)."""
    w = toks[k].low
    if "-" in w:
        a, _, b = w.partition("-")
        if a in _TENS_WORDS and b in _UNITS_WORDS and _UNITS_WORDS[b] < 10:
            return _TENS_WORDS[a] + _UNITS_WORDS[b], 1
        return None
    if w in _TENS_WORDS:
        if k + 2 < len(toks) and toks[k + 1].text == "-" and toks[k + 2].low in _UNITS_WORDS \
                and _UNITS_WORDS[toks[k + 2].low] < 10:  # "Forty - six" (tokenised text)
            return _TENS_WORDS[w] + _UNITS_WORDS[toks[k + 2].low], 3
        if k + 1 < len(toks) and toks[k + 1].low in _UNITS_WORDS and _UNITS_WORDS[toks[k + 1].low] < 10:
            return _TENS_WORDS[w] + _UNITS_WORDS[toks[k + 1].low], 2
        return _TENS_WORDS[w], 1
    if w in _UNITS_WORDS:
        return _UNITS_WORDS[w], 1
    return None


def details(text: str) -> list[Detail]:
    """Every detail of ``text`` (numbers, dates, times, names, places, event verbs), in order."""
    toks = _tokens(text)
    out: list[Detail] = []
    used: set[int] = set()
    n = len(toks)
    k = 0
    while k < n:
        t = toks[k]
        low = t.low
        # Dates: "May 5", "May 5, 2021", "5 May", weekday, month, year; times "3 p.m.", "10:30 a.m."
        month = MONTHS.get(low)
        if month is not None and (low not in _MONTH_ABBR_NEED_DOT or t.text[0].isupper()) and t.text[0].isupper() \
                and not (low == "may" and not _date_follows(toks, k)):
            end = k + 1
            key: object = ("month", month)
            slot = "month"
            if end < n and toks[end].text == "." and low in _MONTH_ABBR_NEED_DOT:
                end += 1  # "Sept. 27"
            if end < n and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", toks[end].text):
                day = int(re.match(r"\d+", toks[end].text).group(0))  # type: ignore[union-attr]
                if 1 <= day <= 31:
                    key, slot, end = ("day", month, day), "day", end + 1
                    if end + 1 < n and toks[end].text == "," and re.fullmatch(r"(?:19|20)\d\d", toks[end + 1].text):
                        end += 2
            out.append(_detail("date", text, toks, k, end, key, slot))
            used.update(range(k, end))
            k = end
            continue
        if low in WEEKDAYS and t.text[0].isupper():
            out.append(_detail("date", text, toks, k, k + 1, ("weekday", WEEKDAYS[low]), "weekday"))
            k += 1
            continue
        if t.text[0].isdigit() or t.text in _CURRENCY_SIGNS or low in _UNITS_WORDS or low in _TENS_WORDS \
                or ("-" in low and low.split("-")[0] in _TENS_WORDS):
            d, end = _number(text, toks, k)
            if d is not None:
                out.append(d)
                used.update(range(k, end))
                k = end
                continue
        ev = _EVENT_FORMS.get(low)
        if ev is not None:
            out.append(Detail("event", t.text, (t.start, t.end), ev, "event", negated=_negated(toks, k)))
            k += 1
            continue
        if t.text[0].isupper() and low not in _NOT_NAMES and low.rstrip(".") not in _TITLES:
            end = k
            while end < n:
                w = toks[end].text
                if len(w) == 1 and w.isupper() and end + 1 < n and toks[end + 1].text == "." and end > k:
                    end += 2  # a middle initial: "Charles E. Schumer"
                    continue
                if not (w[:1].isupper() and toks[end].low not in _NOT_NAMES
                        and w.replace("'", "").replace("’", "").replace("-", "").replace(".", "").isalpha()):
                    break
                end += 1
            if end > k and (k > 0 or end - k > 1 or _rare(low) or (end < n and toks[end].low in _SAYS)):
                # (a common word capitalised at the start of the sentence is not a name)
                words = [toks[j].text.rstrip(".") for j in range(k, end) if toks[j].text != "."]
                while words and words[-1].lower() in _TITLES:
                    words.pop()
                key = tuple(w.lower().replace("’", "'").removesuffix("'s") for w in words if len(w) > 1)
                if key:
                    prev = toks[k - 1].low if k > 0 else ""
                    kind = "place" if prev in _PLACE_PREPS else "name"
                    out.append(Detail(kind, text[toks[k].start:toks[end - 1].end], (toks[k].start, toks[end - 1].end),
                                      key, kind))
                k = end
                continue
        k += 1
    return out


def _rare(word: str) -> bool:
    """Rare in general English (a surname like "Sullivan", not "Officials")."""
    from reader.engine import rarity

    return rarity.zipf(word) < 4.3


def _date_follows(toks: list[_Tok], k: int) -> bool:
    """"May" is a month only before a day number or a year, or after "in"/"since"/"until"/"of"."""
    if k + 1 < len(toks) and re.fullmatch(r"\d{1,4}(?:st|nd|rd|th)?", toks[k + 1].text):
        return True
    return k > 0 and toks[k - 1].low in {"in", "since", "until", "of", "early", "late", "mid", "through", "by"}


def _detail(kind: str, text: str, toks: list[_Tok], k: int, end: int, key: object, slot: str) -> Detail:
    return Detail(kind, text[toks[k].start:toks[end - 1].end], (toks[k].start, toks[end - 1].end), key, slot,
                  negated=_negated(toks, k))


def _modifier(word: str) -> bool:
    """A capitalised adjective before a counted noun: "U.S.", "American", "Democratic", "British"."""
    if not word[:1].isupper():
        return False
    bare = word.replace(".", "")
    if bare.isupper() and len(bare) <= 4:
        return True
    return not word.endswith("s") and word.lower().endswith(("an", "ish", "ese", "ic", "i"))


def _number(text: str, toks: list[_Tok], k: int) -> tuple[Detail | None, int]:
    n = len(toks)
    start = k
    unit = ""
    if toks[k].text in _CURRENCY_SIGNS:
        unit = _CURRENCY_SIGNS[toks[k].text]
        k += 1
        if k >= n or not toks[k].text[0].isdigit():
            return None, start + 1
    t = toks[k]
    value: Decimal | None
    if t.text[0].isdigit():
        if ":" in t.text:  # a time "10:30"
            m = re.fullmatch(r"(\d{1,2}):(\d\d)", t.text)
            end = k + 1
            if m and end < n and toks[end].low.rstrip(".") in {"a.m", "p.m", "am", "pm"}:
                h = int(m.group(1)) % 12 + (12 if toks[end].low.startswith("p") else 0)
                return Detail("date", text[t.start:toks[end].end], (t.start, toks[end].end), ("time", h * 60 + int(m.group(2))),
                              "time"), end + 1
            return None, k + 1
        if t.low.endswith("s") and not t.low.endswith(("st",)) and t.text[:-1].isdigit():
            return None, k + 1  # "1990s"
        value = _number_value(t.text)
        if value is None:
            return None, k + 1
        # A tally or score "220-212", "52 - 48" (a vote, a game): compared whole.
        if not unit and k + 2 < n and toks[k + 1].text in "-–" and toks[k + 2].text.isdigit():
            end = k + 3
            return Detail("number", text[t.start:toks[k + 2].end], (t.start, toks[k + 2].end),
                          (Decimal(f"{t.text}.{toks[k + 2].text}"), 9), "tally", negated=_negated(toks, k)), end
        used = 1
        # A time "3 p.m."
        if not unit and k + 1 < n and toks[k + 1].low.rstrip(".") in {"a.m", "p.m", "am", "pm"} and value <= 12 \
                and value == int(value):
            h = int(value) % 12 + (12 if toks[k + 1].low.startswith("p") else 0)
            return Detail("date", text[t.start:toks[k + 1].end], (t.start, toks[k + 1].end), ("time", h * 60), "time"), k + 2
        # A year
        if not unit and re.fullmatch(r"(?:1[7-9]|20)\d\d", t.text) and not (k + 1 < n and toks[k + 1].low in _SCALES) \
                and not (k + 1 < n and toks[k + 1].low in _PERCENT):
            return Detail("date", t.text, (t.start, t.end), ("year", int(t.text)), "year",
                          negated=_negated(toks, k)), k + 1
    else:
        wn = _word_number(toks, k)
        if wn is None:
            return None, k + 1
        value, used = Decimal(wn[0]), wn[1]
        if value == 1 and not (k + 1 < n and toks[k + 1].low in _SCALES):
            return None, k + 1  # "one" is more often a pronoun than a count
    end = k + used
    decimals = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0  # type: ignore[operator]
    if end < n and toks[end].low in _SCALES:
        value *= _SCALES[toks[end].low]
        end += 1
    elif end < n and toks[end].low in _SUFFIX_SCALES and (toks[end].start == toks[end - 1].end or unit in
                                                          ("dollar", "pound", "euro")):
        value *= _SUFFIX_SCALES[toks[end].low]  # "$1.6M", "$400B", "10bn"
        end += 1
    if end < n and toks[end].low in _PERCENT:
        unit = unit or "percent"
        end += 1
    elif end + 1 < n and toks[end].low == "per" and toks[end + 1].low == "cent":
        unit = unit or "percent"
        end += 2
    elif end < n and toks[end].low in _CURRENCY_WORDS:
        unit = unit or _CURRENCY_WORDS[toks[end].low]
        end += 1
    elif not unit:
        # The noun counted is the unit ("12 people", "three years"), past a capitalised modifier
        # ("5,200 U.S. troops", "40 Democratic senators").
        u = end
        while u < min(n, end + 2) and _modifier(toks[u].text) and u + 1 < n and toks[u + 1].text[0].isalpha():
            u += 1
        if u < n and toks[u].text[0].isalpha() and toks[u].low not in STOPWORDS:
            unit = stem(toks[u].low)
            end = u
    if not unit:
        return None, end  # a bare number: what it counts is unknown, too weak to compare
    # The words as written: up to the unit noun (included when it was read after the number).
    stop = end
    if unit and end < n and toks[end].low not in STOPWORDS and toks[end].text[0].isalpha() \
            and stem(toks[end].low) == unit:
        stop = end + 1
    span = (toks[start].start, toks[stop - 1].end)
    return Detail("number", text[span[0]:span[1]], span, (value, decimals), unit,
                  hedged=_hedged(toks, start), negated=_negated(toks, start)), end


# ---------------------------------------------------------------------------------------------
# Comparing two sides


_ABOUT = {"about", "around", "approximately", "roughly", "some", "estimated", "approx", "circa"}
_BELOW = {"nearly", "almost", "under", "less", "fewer", "up", "close", "just"}
_ABOVE = {"over", "more", "least", "upwards", "upward", "exceeding", "exceeds", "exceeded", "plus", "tops", "topped"}


def _interval(d: Detail) -> tuple[Decimal, Decimal]:
    """The values a number as stated allows: exact, "about" ± half its rounding unit (3% to 10%), "nearly" up to 5% below,
    "more than" anything above."""
    v = abs(d.key[0])  # type: ignore[index]
    h = d.hedged
    if not h:
        return v, v
    if h in _ABOUT:  # "about 30": 27-33; "about 5,200": 5,044-5,356 (half its rounding unit, 3% to 10%)
        unit = Decimal(1).scaleb(len(str(int(v))) - len(str(int(v)).rstrip("0"))) if v >= 1 else Decimal(0)
        w = min(Decimal("0.10"), max(Decimal("0.03"), unit / 2 / v if v else Decimal(0)))
        return v * (1 - w), v * (1 + w)
    if h in _BELOW:
        return v * Decimal("0.95"), v
    if h in _ABOVE:
        return v, Decimal("Infinity")
    return Decimal(0), Decimal("Infinity")  # "several", "dozens": anything


def _same_number(a: Detail, b: Detail) -> bool:
    va, da = a.key  # type: ignore[misc]
    vb, db = b.key  # type: ignore[misc]
    if va == vb:
        return True
    # One side rounds the other ("39.5%" / "40%"): equal at the coarser precision.
    if da != db:
        q = Decimal(1).scaleb(-min(da, db))
        try:
            if va.quantize(q) == vb.quantize(q):
                return True
        except InvalidOperation:
            return False
    if _direction(a.hedged) == _direction(b.hedged) and _direction(a.hedged) in ("above", "below"):
        return False  # bounded alike ("over $550 billion" / "over $450 billion"): the figures disagree
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    return alo <= bhi and blo <= ahi  # the hedges overlap: no contradiction


def _direction(hedge: str) -> str:
    if hedge in _ABOUT:
        return "about"
    if hedge in _BELOW:
        return "below"
    if hedge in _ABOVE:
        return "above"
    return "any"


def _same(a: Detail, b: Detail) -> bool:
    if a.kind == "number":
        return a.slot == b.slot and _same_number(a, b)
    if a.kind in ("name", "place"):  # "Joe Biden" and "Biden" are one person
        x, y = set(a.key), set(b.key)  # type: ignore[call-overload]
        return x <= y or y <= x
    return a.key == b.key


def _slot(d: Detail) -> tuple[str, str]:
    return ("name", "") if d.kind in ("name", "place") else (d.kind, d.slot)


OFF_SPINE_MIN_SCORE = 0.9
"""A link that is not one of the aligned rows shows conflicts only at this confidence."""
SLOT_MIN_SCORE = 0.6
"""A link must be at least this confident before a detail stated once on each side is
compared without the word diff lining the two up."""
_SLOT_SORTS = {"weekday", "day", "year", "time"}
"""Dates compared by slot (a month alone only through the word diff)."""


def conflicts(left: str, right: str, kind: str, score: float = 1.0, diff: list | None = None) -> list[Conflict]:
    """The details the two sides of a link (texts ``left``/``right``, link ``kind`` and
    confidence ``score``; ``diff`` its word diff when known) state differently. Verbatim links
    have none."""
    if kind == "verbatim" or not left or not right:
        return []
    from reader.engine.diff import word_diff

    ops = word_diff(left, right) if diff is None else diff
    changed = [left[o.left[0]:o.left[1]] + " " + right[o.right[0]:o.right[1]] for o in ops if o.op != "equal"]
    if not any(_CAP_OR_DIGIT.search(t) or not _KEY_WORDS.isdisjoint(_LOWER_WORD.findall(t)) for t in changed):
        return []  # the words that differ hold no number, name, date or key verb: nothing to compare
    ld, rd = details(left), details(right)
    if not ld or not rd:
        return []
    names = kind == "near" and not _title_case(left) and not _title_case(right)
    if not names:
        ld = [d for d in ld if d.kind not in ("name", "place")]
        rd = [d for d in rd if d.kind not in ("name", "place")]
    found: list[Conflict] = []
    taken: set[tuple[int, int]] = set()

    def add(a: Detail, b: Detail) -> None:
        if (0, a.span[0]) in taken or (1, b.span[0]) in taken:
            return
        taken.update({(0, a.span[0]), (1, b.span[0])})
        k = "place" if "place" in (a.kind, b.kind) else a.kind
        found.append(Conflict(k, a.text, b.text, a.span, b.span))

    # 1. Same slot by the word diff: a replaced run holds one detail on each side (in an edited
    #    copy; in a reworded one only when the link is confident and each side states one such).
    if kind == "near":
        pairs = list(_diff_slots(left, right, ld, rd, 1, ops))
    elif score >= SLOT_MIN_SCORE:
        single = _numbers(left) == 1 and _numbers(right) == 1
        pairs = [(a, b) for a, b in _diff_slots(left, right, ld, rd, 2, ops)
                 if _count(ld, a) == 1 and _count(rd, b) == 1 and (a.kind != "number" or single)]
        if pairs and _other_places(_tokens(left), _tokens(right)):
            pairs = []  # each side is about a place the other does not name: different facts
    else:
        pairs = []
    for a, b in pairs:
        if _conflicting(a, b, ld, rd, left, right):
            add(a, b)
    # 2. One detail of a sort on each side, about the same thing (a shared word next to both),
    #    in a confident link that reports one fact.
    if kind in ("near", "paraphrase") and score >= SLOT_MIN_SCORE:
        lt, rt = _tokens(left), _tokens(right)
        places: bool | None = None
        for a in ld:
            if a.kind in ("name", "place") or (a.kind == "date" and a.slot not in _SLOT_SORTS):
                continue
            if a.kind == "event":
                cands = [d for d in rd if d.kind == "event" and frozenset((a.key, d.key)) in _CONTRADICT]
                if len(cands) != 1 or sum(1 for d in ld if d.key == a.key) != 1 \
                        or sum(1 for d in rd if d.key == cands[0].key) != 1:
                    continue
            else:
                cands = [d for d in rd if _slot(d) == _slot(a)]
                if len(cands) != 1 or sum(1 for d in ld if _slot(d) == _slot(a)) != 1:
                    continue
            b = cands[0]
            if places is None:
                places = _other_places(lt, rt)
            if places:
                continue  # each side is about a place the other does not name: different facts
            if _anchored(a, b, lt, rt) and _conflicting(a, b, ld, rd, left, right):
                add(a, b)
    found.sort(key=lambda c: c.left_span)
    return found


def _count(ds: list[Detail], d: Detail) -> int:
    return sum(1 for x in ds if _slot(x) == _slot(d))


_NUMBER_WORDS = frozenset({*_UNITS_WORDS, *_TENS_WORDS})
_DIGIT_START = re.compile(r"\b\d")
_ALPHA_WORD = re.compile(r"[A-Za-z]+")


def _numbers(text: str) -> int:
    """How many numbers (digits or number words, with or without a unit) ``text`` holds."""
    return len(_DIGIT_START.findall(text)) + sum(1 for w in _ALPHA_WORD.findall(text) if w.lower() in _NUMBER_WORDS)


def _title_case(text: str) -> bool:
    """A headline in Title Case: capitals say nothing about names there."""
    ws = [w for w in text.split() if w[:1].isalpha()]
    return len(ws) >= 3 and sum(1 for w in ws if w[0].isupper()) > 0.6 * len(ws)


_OF_PLACE = _PLACE_PREPS | {"of", "from", "to"}


def _other_places(lt: list[_Tok], rt: list[_Tok]) -> bool:
    """Both sides name a place (a capitalised word after in/of/at/from…) the other does not mention."""
    def places(toks: list[_Tok]) -> set[str]:
        return {toks[k].low.removesuffix("'s") for k in range(1, len(toks))
                if toks[k].text[0].isupper() and toks[k - 1].low in _OF_PLACE and toks[k].low not in _NOT_NAMES}

    lw = {t.low.removesuffix("'s") for t in lt}
    rw = {t.low.removesuffix("'s") for t in rt}
    return bool(places(lt) - rw) and bool(places(rt) - lw)


def _near_stems(toks: list[_Tok], span: tuple[int, int], reach: int = 2, window: int = 3) -> set[str]:
    """The stems of the ``reach`` content words closest to a detail on each side (within
    ``window`` words; not the detail's own words, not hedges, weekdays or verbs of saying)."""
    inside = [k for k, t in enumerate(toks) if t.start >= span[0] and t.end <= span[1]]
    if not inside:
        return set()
    lo, hi = inside[0], inside[-1]
    words = [k for k, t in enumerate(toks) if t.text[0].isalnum()]
    before = [k for k in words if k < lo][-window:][::-1]
    after = [k for k in words if k > hi][:window]
    out = set()
    for side in (before, after):
        taken = 0
        for k in side:
            w = toks[k].low
            if w in STOPWORDS or w[0].isdigit() or w in _SAYS or w in WEEKDAYS or w in _HEDGES:
                continue
            out.add(stem(w))
            taken += 1
            if taken == reach:
                break
    return out


def _anchored(a: Detail, b: Detail, lt: list[_Tok], rt: list[_Tok]) -> bool:
    """The two details sit next to a word both sides share: they are about the same thing. A
    weekday or a time must share its closest word ("apologized Saturday" / "apologized Friday"):
    it is said of the verb next to it, and a story has many days."""
    reach = 1 if a.slot in ("weekday", "time") else 2
    return bool(_near_stems(lt, a.span, reach) & _near_stems(rt, b.span, reach))


def _conflicting(a: Detail, b: Detail, ld: list[Detail], rd: list[Detail], left: str, right: str) -> bool:
    if a.kind != b.kind and {a.kind, b.kind} != {"name", "place"}:
        return False
    if a.negated or b.negated:
        return False
    if a.kind == "number" and a.slot != b.slot:
        return False
    if a.kind == "date" and a.slot != b.slot:
        return False
    if _same(a, b):
        return False
    # Neither side states the other's value anywhere (then it is a different fact, not a disagreement).
    if any(_same(a, d) for d in rd if _slot(d) == _slot(a)) or any(_same(b, d) for d in ld if _slot(d) == _slot(b)):
        return False
    if a.kind in ("name", "place"):
        lw, rw = _words_of(left), _words_of(right)
        if set(a.key) <= rw or set(b.key) <= lw:  # type: ignore[call-overload]
            return False  # the other side names it too
        if _acronym(a.text) or _acronym(b.text):
            return False  # "GOP" / "Republicans", "DOJ" / "the Justice Department"
        if (" ".join(a.key) in REGIONS) != (" ".join(b.key) in REGIONS):  # type: ignore[arg-type]
            return False  # "Houston" / "Texas", "Berlin" / "Germany": one may lie in the other
        x, y = a.key[-1], b.key[-1]  # type: ignore[index]
        if len(x) < 3 or len(y) < 3 or x.startswith(y) or y.startswith(x) or fuzz.ratio(x, y) >= 75:
            return False  # an abbreviation ("Md." / "Maryland") or a misspelling, not another name
    return True


def _acronym(name: str) -> bool:
    bare = name.replace(".", "").replace(" ", "")
    return bare.isupper() and len(bare) <= 5


def _words_of(text: str) -> set[str]:
    return {t.low.removesuffix("'s") for t in _tokens(text)}


def _diff_slots(left: str, right: str, ld: list[Detail], rd: list[Detail], need: int, ops: list):
    """Pairs (left detail, right detail) that a word-diff ``replace`` swaps one for the other
    between shared words: the unchanged words right next to it (three each way, outside both
    details) hold at least ``need`` content words, and no other change touches it."""
    for k, op in enumerate(ops):
        if op.op != "replace":
            continue
        if len(left[op.left[0]:op.left[1]].split()) > 4 or len(right[op.right[0]:op.right[1]].split()) > 4:
            continue
        la = [d for d in ld if d.span[0] < op.left[1] and d.span[1] > op.left[0]]
        rb = [d for d in rd if d.span[0] < op.right[1] and d.span[1] > op.right[0]]
        if len(la) != 1 or len(rb) != 1 or _slot(la[0]) != _slot(rb[0]):
            continue
        a, b = la[0], rb[0]
        if a.kind == "event" and frozenset((a.key, b.key)) not in _CONTRADICT:
            continue
        before = ops[k - 1] if k > 0 else None
        after = ops[k + 1] if k + 1 < len(ops) else None
        if any(nb is not None and nb.op != "equal" for nb in (before, after)):
            continue  # another change right next to it: the slot is not clear
        content = 0
        for nb, last in ((before, True), (after, False)):
            if nb is None:
                continue
            toks = [t for t in _tokens(left[nb.left[0]:nb.left[1]]) if t.text[0].isalnum()]
            toks = toks[-3:] if last else toks[:3]
            for t in toks:
                pos = nb.left[0] + t.start
                if a.span[0] <= pos < a.span[1]:
                    continue
                if t.low not in STOPWORDS and not t.low[0].isdigit():
                    content += 1
        if content >= need:
            yield a, b


