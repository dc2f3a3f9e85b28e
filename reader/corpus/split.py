"""Sentence splitting for news text: fast, rule-based, dependency-free.

Approach. One precompiled regex finds every *candidate* end: a run of terminal
punctuation (``. ! ? …``, including spaced ellipses ``. . .``) plus any closing quotes or
brackets right after it, followed by whitespace. Each candidate is then decided from a
little context: the token before it (is it a known abbreviation, an initial, an acronym
such as ``U.S.``, a time such as ``a.m.``, a list marker?) and the token after it
(lower case, a digit, or a capitalised word that commonly starts a sentence).

* ``?``/``!`` end a sentence unless the next word is lower case (``Yahoo! in``).
* A plain word + ``.`` ends a sentence unless the next word is lower case.
* Titles (``Mr.``, ``Sen.``, ``Gov.``, ``Mt.`` ...) and ``e.g.``/``i.e.``/``vs.`` never do.
* Other abbreviations, initials and acronyms (``Inc.``, ``Jr.``, ``Sept.``, ``E.``,
  ``U.S.``) do only when the next word is a typical sentence opener (``The``, ``He``,
  ``How`` ...) or an opening quote; before a digit they never do (``No. 5``, ``Jan. 6``).
* State abbreviations (``Calif.``, ``Mass.``) end it before any capitalised word.
* A short word in capitals inside a name does not end it when the word before it is part of the
  name and the next one goes on with it in capitals (``The VW ID. SPACE VIZZION``, ``VW ID. Buzz``)
  unless that is a sentence opener (``He works at the UN. NATO said``: "the" is no name).
* ``a.m.``/``p.m.`` end a sentence before a capitalised word other than a day, month or
  time zone, unless the sentence so far is only an introductory phrase (``At 5 a.m.``).
* Spaced ellipses follow the usual style rules: ``. . .`` is an omission, ``. . . .`` ends
  the sentence, and ``word. . . . Next`` ends it after ``word.``.

Besides punctuation, some breaks are forced: before each numbered/lettered item of a list
that opens the paragraph (``1.) a 2.) b``, ``a. x b. y``), before each bullet when the
paragraph starts with one (``• 9. x • 10. y``), and at a newline after a heading-like or
list-like line with no final punctuation (other newlines are plain whitespace).

The spans always partition the text's non-whitespace content: nothing is ever dropped.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_CLOSERS = "'\"\u2019\u201d\u00bb\u203a)\\]}"
_OPENERS = "\"'\u201c\u2018\u00ab\u2039(\\[{\u00bf\u00a1*_"
_STRONG = "!?\u203c\u2047\u2048\u2049\uff01\uff1f"
_BULLETS = "\u2022\u2043\u25aa\u25e6\u25cf\u25a0\u2023"

# Candidate sentence ends: terminal punctuation (maybe a spaced ellipsis), closers, space.
_CAND = re.compile(
    r"(?P<p>[.!?\u2026\u203c\u2047\u2048\u2049\u3002\uff01\uff1f]+"
    r"(?:[ \u00a0][.\u2026]+(?=[\s" + _CLOSERS + r"]|\Z))*)"
    r"[" + _CLOSERS + r"]*"
    r"(?=\s|\Z)"
)
_NEXT = re.compile(r"\s*([" + _OPENERS + r"]*)(\S*)")
_LEAD = re.compile(r"[A-Za-z]+")
_ACRONYM = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}\Z")
_INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)*\Z")
# The patterns kept as strings are compiled on first use (re caches them): most texts never
# need them, and compiling them all cost ~0.5 ms of every process that splits anything.
_MARKER_ONLY = r"\s*[" + _BULLETS + r"*\-\u2013]?\s*(?:\d{1,3}|[A-Za-z]|[ivx]{1,5}|[IVX]{1,5})\Z"
# A list item at the start of a paragraph, and later items of the same list.
_LIST_HEAD = re.compile(r"(\d{1,3}|[A-Za-z])(\.\)|\)|\.)\s")
_LIST_ITEM = r"(?<=\s)(\d{1,3}|[A-Za-z])(\.\)|\)|\.)(?=\s)"
_LIST_LINE = r"(?:[" + _BULLETS + r"*\-\u2013]\s*\S|(?:\d{1,3}|[A-Za-z])(?:\.\)|\)|\.)\s)"
_LIST_MARKS = _BULLETS + "*-\u2013"
_CRUMB = r"\s(?:>|\u00bb|\u203a|\||/)\s"
_CRUMB_SEPS = (">", "\u00bb", "\u203a", "|", "/")
_NONSPACE = re.compile(r"\S")
# What may follow a sentence end on its own and still belong to it (see _trailing_only).
_TRAILING = frozenset(_CLOSERS.replace("\\", "") + ".!?\u2026\u203c\u2047\u2048\u2049,;:")
_WORD_STRIP = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}*_"


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Titles and other words that precede a name: never a sentence end (case-sensitive).
_PREPOSITIVE = _words(
    "Mr Mrs Ms Mmes Messrs Mx Dr Drs Prof Profs Sen Sens Rep Reps Gov Govs Gen Lt Col Maj "
    "Capt Cpt Cmdr Cdr Adm Brig Sgt Cpl Pvt Spc Rev Fr Msgr Hon Pres Supt Det Insp Atty "
    "Amb Sec Secs Mt Ft Pt Gens Lieut Comdr Ens Sra Mme Mlle Rt"
)
# Never a sentence end whatever follows (compared lower-cased).
_NEVER = _words("e.g eg i.e ie cf viz vs vol vols pp")
# Abbreviations that may end a sentence (decided by the next word). Compared as written.
_ABBREV = _words(
    "Inc Co Corp Ltd Bros Jr Sr St Ave Blvd Rd Hwy Ste Dept Univ Assn Inst Intl Natl Govt "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri "
    "Sat Sun No Nos Nr Vol Fig Figs Art Ch Para Ref Tel Ext Est Approx Misc Mfg Cos Dist "
    "inc co corp ltd bros jr sr st ave blvd rd hwy ste dept univ assn intl natl govt "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos nr fig figs art ch para ref "
    "tel ext est approx misc mfg cos dist etc al ca yr yrs hr hrs mos wk wks sec secs mins "
    "ft lb lbs oz pt pts qt gal mi sq cu mt p N\u00b0 N\u00ba n\u00b0 n\u00ba"
)
# US state / Canadian province abbreviations (AP style, "Sacramento, Calif."): a sentence
# normally goes on after them with a comma, so before a capitalised word they end it.
_STATES = _words(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss "
    "Mo Mont Neb Nebr Nev Okla Ore Oreg Pa Penn Tenn Tex Vt Va Wash Wis Wisc Wyo Alta Ont Que "
    "Sask Man"
)
_TIME = _words("a.m p.m")
# Capitalised words after "10 a.m." that continue the sentence.
_TIME_NEXT = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur "
    "Thurs Fri Sat Sun January February March April May June July August September "
    "October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT BST UTC CET CEST EET EEST "
    "IST JST KST HKT SGT AEST AEDT AWST NZST WIB Eastern Central Pacific Mountain "
    "Atlantic Local Greenwich Moscow Beijing Tokyo Seoul"
)
# Capitalised words that typically open a sentence (after an ambiguous abbreviation).
_STARTERS = _words(
    "The A An He She It They We I You His Her Its Their Our My Your This That These Those "
    "There Here But And Or So Yet Nor Then Now Still Also However Meanwhile Moreover "
    "Furthermore Nevertheless Instead Indeed Thus Therefore Otherwise Besides In On At For "
    "From With By After Before During Since Until Under Over As If When While Where What "
    "Why How Who Whom Whose Which Although Though Because Despite Some Many Most Several "
    "Few All Both Each Every Neither Either Not Only Other Another Such Is Are Was Were Do "
    "Does Did Has Have Had Can Could Would Should Must Shall Might Last Earlier Later Today "
    "Yesterday Tomorrow Tonight According Asked Even Just Nearly About More Less Please "
    "Let Yes Once Sometimes Perhaps Maybe Unlike Like Among Amid Following Unless "
    "Whether Whatever Whenever Everyone Everything Nobody Nothing Someone Something None "
    "Officials Experts Critics Analysts Police Authorities Researchers Scientists"
)
_FUNCTION = _words(
    "a an the of to in on at for from with by and or but nor as than that which who whose "
    "whom is are was were be been has have had will would can could should may might must "
    "his her its their our my your this these those into onto over under about after before "
    "during between among per via not no mr mrs ms dr"
)
_SMALL = _words("a an the of to in on at for from with by and or but nor as vs v via de la le von van")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in `text`, outer whitespace excluded."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return _split(text)
    except Exception:  # pragma: no cover - a safety net: never fail on odd input
        return _one_span(text)


def _one_span(text: str) -> list[tuple[int, int]]:
    s, e = 0, len(text)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return [(s, e)] if e > s else []


def _split(text: str) -> list[tuple[int, int]]:
    m = _NONSPACE.search(text)
    if m is None:
        return []
    first = m.start()
    forced = _forced_breaks(text, first)
    nf = len(forced)
    fi = 0
    cuts: list[int] = []
    sent_start = first
    for m in _CAND.finditer(text):
        ps = m.start()
        while fi < nf and forced[fi] <= ps:
            if forced[fi] > sent_start:
                sent_start = forced[fi]
            fi += 1
        cut = _decide(text, m, ps, sent_start)
        if cut is not None and sent_start < cut < len(text):
            cuts.append(cut)
            sent_start = cut
    if forced:
        cuts = sorted(set(cuts).union(c for c in forced if first < c < len(text)))
    out: list[tuple[int, int]] = []
    start = first
    n = len(text)
    for cut in cuts + [n]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            if out and _trailing_only(text, s, e):
                out[-1] = (out[-1][0], e)  # a lone '”' or ')' after a sentence end belongs to it
            else:
                out.append((s, e))
        start = cut
    return out


def _trailing_only(text: str, s: int, e: int) -> bool:
    """Is text[s:e] only closing quotes, closing brackets and punctuation (and spaces)?

    Tokenised text puts spaces before punctuation ("he said . ”", "( AP )"), so a closing
    quote or bracket can follow a sentence end on its own.
    """
    return all(c in _TRAILING or c.isspace() for c in text[s:e])


def _decide(text: str, m: re.Match, ps: int, sent_start: int) -> int | None:
    """Where the sentence ends for candidate ``m`` (an index into text), or None."""
    end = m.end()
    nxt = _NEXT.match(text, end)
    opener, tok = nxt.group(1), nxt.group(2)
    if not tok and not opener:
        return None  # end of text: nothing to split
    fc = tok[0] if tok else ""
    if fc.islower():
        return None  # "U.S. officials", "Yahoo! in", '"Great." she said'
    p = m.group("p")
    pe = m.end("p")
    if any(c in _STRONG for c in p):
        return end
    prev = text[ps - 1] if ps > 0 else " "
    after_space = prev.isspace()
    ndots = p.count(".") + 3 * p.count("\u2026")
    if ndots >= 3:
        if prev in "[(" and text.startswith("])"[prev == "("], pe):
            return None  # "[...]" marks an omission
        if " " in p or "\u00a0" in p:
            if after_space:
                # ". . ." is an omission; ". . . ." ends the sentence.
                return end if ndots >= 4 else None
            head = p.replace("\u00a0", " ").split(" ", 1)[0]
            if ndots - head.count(".") >= 3 and pe == end:
                return ps + len(head)  # "word. . . . Next": the ellipsis opens the next one
            return end
        if after_space and ndots < 4:
            return None  # "really ... Well" (an omission inside a sentence)
        return end
    if after_space or ps == 0:
        return end  # a stray " . "
    if ps - sent_start <= 8 and re.compile(_MARKER_ONLY).match(text, sent_start, ps):
        return None  # "1. The first item", "a. The", "1.) The"
    # The token before the period.
    lo = ps - 48 if ps > 48 else 0
    seg = text[lo:ps]
    word = seg.rsplit(None, 1)[-1] if not seg[-1].isspace() else ""
    word = word.strip(_WORD_STRIP)
    if "-" in word:
        word = word.rsplit("-", 1)[-1]
    if not word:
        return end
    if word in _PREPOSITIVE:
        return None
    low = word.lower()
    if low in _NEVER:
        return None
    digit_next = fc.isdigit() or fc in "$\u20ac\u00a3\u00a5#"
    if low in _TIME:
        if digit_next:
            return None
        lead = _LEAD.match(tok)
        lw = lead.group() if lead else ""
        if lw in _TIME_NEXT:
            return None  # "10 a.m. Tuesday", "9 p.m. ET"
        if lw in _STARTERS or _opens_quote(opener):
            return end
        if ps - sent_start <= 60 and len(text[sent_start:ps].split()) <= 4:
            return None  # "At 5 a.m. Mr. Smith went ..."
        return end
    if word in _STATES:
        return None if digit_next else end
    single = len(word) == 1 and word.isalpha()
    if single or word in _ABBREV or _ACRONYM.match(word):
        if digit_next:
            return None  # "p. 55", "No. 10", "Sept. 11"
        if _INITIAL.match(tok):
            return None  # "J. K. Rowling"
        if _opens_quote(opener):
            return end
        lead = _LEAD.match(tok)
        if lead and lead.group() in _STARTERS and (len(tok) == lead.end() or tok[lead.end()] != "."):
            return end  # "I live in the U.S. How about you?"
        return None  # "U.S. Government", "Jonas E. Smith", "St. Michael's"
    if _name_goes_on(text, word, tok, lo, ps, sent_start):
        return None  # "The VW ID. SPACE VIZZION", "Volkswagen's ID. Buzz"
    return end


def _name_goes_on(text: str, word: str, tok: str, lo: int, ps: int, sent_start: int) -> bool:
    """Is ``word.`` a short abbreviation in capitals inside a product or brand name that the next
    word continues ("The VW ID. SPACE VIZZION", "VW ID. Buzz")? The word before it is part of the
    name (it starts with a capital), and the next word is in capitals too, or capitalised after
    two words in capitals; a usual sentence opener ("The", "THE") still ends the sentence, and so
    does anything in a sentence written all in capitals (a headline in capitals: no name to see)."""
    if not (2 <= len(word) <= 4 and word.isalpha() and word.isupper()):
        return False
    lead = _LEAD.match(tok)
    nxt = lead.group() if lead else ""
    if len(nxt) < 2 or nxt.capitalize() in _STARTERS or nxt in _STARTERS:
        return False
    before = text[max(lo, sent_start):ps].split()
    if len(before) < 2:
        return False
    prev = before[-2].strip(_WORD_STRIP)
    if not prev[:1].isupper() or not any(c.islower() for c in text[sent_start:ps]):
        return False
    if nxt.isupper():
        return True
    return nxt[0].isupper() and prev.isupper() and prev.isalpha() and len(prev) >= 2


def _opens_quote(opener: str) -> bool:
    return '"' in opener or "\u201c" in opener


def _forced_breaks(text: str, first: int) -> list[int]:
    """Break positions not marked by punctuation: lists, bullets, heading lines."""
    forced: list[int] = []
    c = text[first]
    if c in _BULLETS:
        j = text.find(c, first + 1)
        while j != -1:
            if text[j - 1].isspace():
                forced.append(j)
            j = text.find(c, j + 1)
    elif c.isalnum():
        head = _LIST_HEAD.match(text, first)
        if head is not None:
            forced.extend(_list_chain(text, head))
    if "\n" in text:
        forced.extend(_newline_breaks(text))
    if len(forced) > 1:
        forced = sorted(set(forced))
    return forced


def _marker_value(tok: str) -> tuple[str, int]:
    if tok.isdigit():
        return "d", int(tok)
    return ("l" if tok.islower() else "u"), ord(tok)


def _list_chain(text: str, head: re.Match) -> list[int]:
    """Starts of the items after the first of a list that opens the paragraph.

    Items must count on from the first (lettered lists start at a/A) in the same style,
    each with some text of its own: "J. K. Rowling" and "a. b." are not lists.
    """
    kind, value = _marker_value(head.group(1))
    if kind != "d" and value not in (97, 65):
        return []
    style = head.group(2)
    out = []
    last_end = head.end()
    for m in re.compile(_LIST_ITEM).finditer(text, head.end()):
        if m.group(2) != style:
            continue
        k, v = _marker_value(m.group(1))
        if k == kind and v == value + 1 and text[last_end : m.start()].strip():
            out.append(m.start())
            value = v
            last_end = m.end()
    return out


def _newline_breaks(text: str) -> list[int]:
    out = []
    lines = text.split("\n")
    pos = 0
    for i in range(len(lines) - 1):
        before = lines[i].strip()
        pos += len(lines[i]) + 1
        after = lines[i + 1].strip()
        if not before or not after or _is_break_line(before, after):
            out.append(pos)
    return out


def _list_line(line: str) -> bool:
    """Does the line start like a list item (``_LIST_LINE``)? The pattern runs only when the
    line starts with a bullet or has "." or ")" right after a marker of 1-3 characters."""
    return (line[:1] in _LIST_MARKS or "." in line[1:4] or ")" in line[1:4]) \
        and re.compile(_LIST_LINE).match(line) is not None


def _is_break_line(before: str, after: str) -> bool:
    """Is the newline between these two lines a sentence break? (Lines are stripped.)"""
    last = before[-1]
    if last in ".!?\u2026" or (last in _CLOSERS and len(before) > 1 and before[-2] in ".!?\u2026"):
        return False  # punctuation decides
    if after[0] in _BULLETS or _list_line(after):
        return True  # the next line is a list item
    if last in ":;,-\u2013\u2014(/&+=":
        return False
    if before[0] in _BULLETS or _list_line(before):
        return True
    if any(sep in before for sep in _CRUMB_SEPS) and re.compile(_CRUMB).search(" " + before + " "):
        return True
    k = 0
    while k < len(after) and after[k] in _OPENERS:
        k += 1
    if k < len(after) and after[k].islower():
        return False
    words = before.split()
    if words[-1].lower().strip(_WORD_STRIP) in _FUNCTION:
        return False
    if len(words) <= 3 or (before.isupper() and len(words) <= 20):
        return True
    if len(words) > 15:
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return caps >= 0.7 * len(content) and (words[0][0].isupper() or words[0][0].isdigit())
