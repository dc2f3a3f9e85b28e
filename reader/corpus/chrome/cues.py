"""Cues: small named functions of a text unit (a line or a sentence) that say "site chrome".

:func:`local_cues` gives the vector of every local cue, in the order of :data:`LOCAL`; the
context cues (:data:`CONTEXT`: a line that repeats the headline or an earlier line, a pull
quote) are computed by ``passes.py``, which sees the whole article. The weights of all of
them are fitted (``benchmarks/fit_boilerplate.py``) — training and serving both call these
functions, so a cue has one definition.

Cost: the costly patterns sit behind cheap tests that are necessary for them to match, so
every shortcut gives exactly what the plain pattern gives.
"""

from __future__ import annotations

import math
import re

from reader.corpus.chrome.lexicon import lexicon
from reader.corpus.chrome.text import WORD_RE, LazyRe, Text, Texts, tokens, words

__all__ = ["CONTEXT", "EVIDENCE", "FEATURES", "LOCAL", "NAMES", "credit_cue", "date_line", "feature_vector",
           "local_cues"]

# --------------------------------------------------------------------------- patterns
EMAIL_RE = LazyRe(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[\s*email\s*protected\s*\]", re.I)
# ([\w-]++ is possessive: giving characters back could never let "\." match, so the matches
# are those of [\w-]+, without the quadratic backtracking on every word)
URL_RE = LazyRe(
    r"https?://|\bwww\.|\b[\w-]++\.(?:com|org|net|co|io|info|news|example|gov|edu|uk|de|fr)\b(?!\.\w)",
    re.I,
)
# Cheap necessary conditions for some costly patterns: each finds a part that every match of
# the full pattern contains, and the full pattern runs only on a hit. They are plain
# substrings, searched in the lower-cased text (see may_hold_ci).
_URL_DOT = (".co", ".org", ".net", ".io", ".info", ".news", ".example", ".gov", ".edu", ".uk", ".de", ".fr")
_URL_PRE = ("://", "www.") + _URL_DOT
HANDLE_RE = LazyRe(r"(?<![\w@])@[A-Za-z_]\w{2,}")
COPY_RE = LazyRe(r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©\s*)?\d{4}", re.I)
COUNTER_RE = LazyRe(r"\(\s*\d+\s*/\s*\d+\s*[^\s\d()]{0,3}\s*\)")
GALLERY_RE = LazyRe(r"^\W*(?:(?:photo|image|slide|picture)s?\s*)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\W*$", re.I)
BRACKET_CREDIT_RE = LazyRe(r"\[[A-Z][A-Z0-9 .,'&/-]{1,40}\]")
PAREN_CREDIT_RE = LazyRe(
    r"\((?:[A-Z]{2,}\s+)?(?:pool\s+|file\s+)?(?:photo|photograph|image|picture)s?\b[^)]{0,60}\)", re.I)
INLINE_CREDIT_RE = LazyRe(
    r"(?:^|[.!?\])]\s+|\s[|/–—-]\s*)\W*(?:photo|photograph|image|picture|credit|illustration)s?\s*(?:by\b|:)",
    re.I,
)
END_CREDIT_RE = LazyRe(r"[.!?]\s*[(\[](?:[A-Z][\w.&'’-]*)(?:[ /][A-Z][\w.&'’-]*){0,3}[)\]]\s*$")
AGENCY_SLASH_RE = LazyRe(r"\b[A-Z]{2,}(?:\s[A-Z]{2,})?\s*/\s*[A-Z][A-Za-z]+")
# a short credit line: "Rogelio V. Solis/AP", "Isaiah Campbell/U.S.", "Marine Corps via Getty"
CREDIT_LINE_RE = LazyRe(r"^\W*(?:[A-Z][\w.'’-]*\s+){0,4}(?:[A-Z][\w.'’-]*\s?/\s?[A-Z]|via\s+[A-Z])")
# a credit at the end of a caption, after its last word: "... in Kabul, Afghanistan UGC via AP"
END_VIA_RE = LazyRe(r"\svia\s[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*){0,2}$")
SEP_RE = LazyRe(r"\s(?:>|<|»|›|\||·|•|∙|/|::)\s|[»›|·•∙]")
BYLINE_RE = LazyRe(
    r"^\W*(?i:by|written by|words by|text by|story by|posted by|author|authors)\s*:?\s+"
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:[\s,]+(?:[A-Z][\w'’.-]*|and|&|de|da|van|von|der|del|la|le|al|bin|el))+"
)
BYLINE_NAME_RE = LazyRe(
    r"^\W*(?i:by|written by|words by|text by|story by|author|authors)\s*:?\s+"
    r"((?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|del|la|le|al|bin|el)){1,3})"
)
BYLINE_ONE_RE = LazyRe(r"^\W*(?i:by|author)\s*:?\s+[A-Z][\w'’.-]+\W*$")
# the first words BYLINE_RE / BYLINE_ONE_RE / BYLINE_NAME_RE, DATEPREFIX_RE and EDITOR_NOTE_RE
# can start with (see lead_may_be)
_BYLINE_LEADS = frozenset({"by", "written", "words", "text", "story", "posted", "author", "authors"})
_BYLINE_ONE_LEADS = frozenset({"by", "author"})
_BYLINE_NAME_LEADS = _BYLINE_LEADS - {"posted"}
_DATEPREFIX_LEADS = frozenset({"posted", "published", "updated", "last", "first", "modified", "created"})
_EDITOR_NOTE_LEADS = frozenset({"update", "updated", "correction", "clarification", "editor", "editors", "this"})
DATEPREFIX_RE = LazyRe(
    r"^\W*(?:posted|published|updated|last updated|first published|modified|created)\b"
    r"(?:\s+(?:on|at))?\s*:?.{0,40}\d",
    re.I,
)
PHONE_RE = LazyRe(r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\b\d{3}-\d{4}\b")
_PHONE_PRE = LazyRe(r"\d\d\d\)?[\s.-]\d\d\d")
_PHONE_PRE_A = LazyRe(r"[0-9][0-9][0-9]\)?[\s.-][0-9][0-9][0-9]")
UI_TOKEN_RE = LazyRe(
    r"\b\w+[-_](?:image|img|icon|btn|button|logo|banner|thumb|thumbnail|svg|png)\b"
    r"|\.(?:jpe?g|png|gif|svg|webp)\b",
    re.I,
)
_UI_TAILS_A1 = ("im", "ic", "bt", "bu", "lo", "ba", "th", "sv", "pn")
_UI_PRE_A1 = tuple(c + w for c in "-_" for w in _UI_TAILS_A1)
_UI_PRE_A2 = (".jp", ".pn", ".gi", ".sv", ".we")
_UI_PRE = _UI_PRE_A1 + _UI_PRE_A2
_URL_TAILS = tuple(d[1:] for d in _URL_DOT)
_UI_TAILS_A2 = tuple(d[1:] for d in _UI_PRE_A2)
LABEL_RE = LazyRe(r"^\W*([^\W\d_]+(?:['’][^\W\d_]+)?)(?:\s+([^\W\d_]+))?\s*:")
QUOTE_START = tuple("\"“‘'«„")
QUOTE_END = tuple("\"”’'»")
REPORT_RE = LazyRe(r"\b(?:said|says|told|added|explained|according to|asked|warned)\b")
DATE_ANCHOR_RE = LazyRe(r"^\d{1,2}[:.h]\d{2}$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|^(?:19|20)\d\d$")
DAY_RE = LazyRe(r"^\d{1,2}(?:st|nd|rd|th)?$")
SEP_CHARS = frozenset("<>»›|·•∙/:")
ABOUT_RE = LazyRe(r"^\W*(?:About|ABOUT)\s+(?:the\s+|The\s+)?[A-Z0-9]")
QUOTED_RE = LazyRe(r"[\"“”]([^\"“”]{12,}?)[\"“”]")
# an embedded post's attribution: "— Jane Doe (@jdoe) March 2, 2019", or its picture link
EMBED_RE = LazyRe(r"pic\.twitter\.com/|[—–-]\s*[^—–()]{1,80}\(\s*@\w{1,30}\s*\)\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*,\s*\d{4}")
# a teaser glued to its label: "'He'll never see her grow up':George Floyd mourned", "More:What ..."
TEASER_JOINT_RE = LazyRe(r"[\"'’”]\s?:[A-Z]|^\W*More\s?:\s?[A-Z‘'\"“]")
# an item of a reading list: a headline ending in its outlet, "Trump’s Deal ..., Explained (Washington Post)"
OUTLET_END_RE = LazyRe(r"\s\([A-Z][\w.&'’ -]{1,30}\)\s*$")
# a news-agency caption header: "UNITED STATES - MARCH 09:", "WASHINGTON , DC - JULY 29 :"
CAPTION_HEAD_RE = LazyRe(r"^[A-Z][A-Z .,'’-]{1,40}\s[-–—]\s[A-Z]{3,9}\s\d{1,2}\s?:")
# an editor's note: "Update: ...", "—Updated at 3:09 p.m.", "This post has been updated to ...",
# "Correction: ...", "Editor's note: ..."
EDITOR_NOTE_RE = LazyRe(
    r"^\W*(?:(?:update|updated|correction|clarification|editor[’']?s note)\b\s*(?::|at\b|on\b)"
    r"|this (?:post|article|story|report|piece) (?:has been|was) (?:updated|corrected|changed)\b)", re.I)
# an editor's note anywhere in the text: "This article has been corrected to reflect ...",
# "It's also been updated with ...", "An earlier version of this story ..."
UPDATE_NOTE_RE = LazyRe(
    r"\b(?:(?:this|the|that) (?:post|article|story|report|piece|column|headline|item|version|op-ed|editorial)|it|this)"
    r"(?:\s*['’]s|\s+(?:has|had|have|was|is))(?:\s+also)?\s+been\s+"
    r"(?:updated|corrected|amended|changed|clarified|edited|revised)\b"
    r"|\b(?:an?|the) (?:earlier|previous|prior) version of this\b"
    r"|\bhas been (?:updated|corrected|amended|revised) to (?:reflect|note|include|clarify|correct)\b", re.I)
# an opinion disclaimer: "This is an opinion piece.", "The views expressed in this article are
# those of the author.", "... are the author's own", "... do not necessarily reflect the views of ..."
DISCLAIMER_RE = LazyRe(
    r"\b(?:this|the following) is an? (?:opinion|op-ed|commentary|editorial|column|analysis)\b"
    r"|\bviews expressed (?:(?:in|on) this|here)\b|\bthose of the (?:author|writer)s?\b"
    r"|\b(?:author|writer)['’]s own\b"
    r"|\bdo(?:es)? not (?:necessarily )?reflect (?:those|the views|the opinions|the position)\b", re.I)
# what a contact line asks besides its e-mail address: "X can be reached at x@example.com",
# "please contact licensing@...", "Send tips to ..."
CONTACT_VERB_RE = LazyRe(r"\b(?:reach(?:ed)?|contact(?:ed)?|e-?mail(?:ed)?|write to|send|tips?)\b", re.I)
# a teaser headline quoting somebody: "McConnell: ‘There will not be a government shutdown’"
QUOTE_HEADLINE_RE = LazyRe(r"^[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}\s?:\s?[‘'\"“]")
# a caption's opening: "FILE - ...", "In this handout provided by ...", "In this Oct. 3 photo, ..."
CAPTION_OPEN_RE = LazyRe(
    r"^\W*(?:FILE(?: PHOTO)?\s?[-–—:]\s|In this (?:[\w.,-]+\s){0,3}"
    r"(?:photo|photograph|image|picture|handout|screenshot|screengrab|still)s?\b)")
# an author's bio: a name, an appositive naming a post ("Jane Doe, a fellow at the Atlantic
# Council, ..."), and a career ("most recently served as ...", "is the author of ...")
BIO_RE = LazyRe(
    r"^[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){1,3}\s?(?:,\s?(?:also\s)?|\sis\s(?:also\s)?)"
    r"(?:a|an|the)\s(?:[\w-]+\s){0,3}"
    r"(?:fellow|columnist|contributor|professor|author|writer|editor|scholar|analyst|director|president|partner"
    r"|host|correspondent|reporter|chair|chairman|adviser|advisor|lecturer|researcher)\b")
CAREER_RE = LazyRe(
    r"\b(?:served|serves|previously|formerly|most recently|is the author|author of|writes (?:about|on|for)|worked)\b")
# a contribution line: "Jane Doe contributed reporting.", "... contributed to this report."
CONTRIBUTION_RE = LazyRe(r"\bcontributed (?:reporting|(?:additional )?research|to this (?:report|story|article))\b", re.I)
# a full date: "March 22, 2022", "Sept. 15, 2022"
FULL_DATE_RE = LazyRe(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}\s?,\s?(?:1[89]|20)\d\d\b")
MONTH_DAY_RE = LazyRe(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}\b")

# --------------------------------------------------------------------------- the cues
LOCAL = ("phrases", "words", "contact", "credit", "byline", "legal", "item_label", "layout",
         "caps_headline", "post_embed", "teaser_joint", "editor_note", "contribution", "contact_line",
         "disclaimer", "prompt", "author_bio", "caption",
         "headline_shape",
         "fragment", "prose", "length", "quoted", "reported")
CONTEXT = ("repeated", "pull_quote", "novel", "at_start", "at_end")
NAMES = LOCAL + CONTEXT
# The model weighs features; a feature is one cue, or the sum of a group of cues that share
# a weight. The structural patterns are each rare in real articles (a credit line here, a
# "— Name (@handle) date" there), so they share one weight: what the labelled articles teach
# about one of them carries to the others.
PATTERN = ("credit", "byline", "legal", "item_label", "layout", "caps_headline", "post_embed",
           "teaser_joint", "editor_note", "contribution", "contact_line", "disclaimer", "prompt", "author_bio")
FEATURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("phrases", ("phrases",)), ("words", ("words",)), ("contact", ("contact",)),
    ("pattern", PATTERN), ("caption", ("caption",)), ("headline_shape", ("headline_shape",)),
    ("fragment", ("fragment",)), ("prose", ("prose",)), ("length", ("length",)),
    ("quoted", ("quoted",)), ("reported", ("reported",)),
) + tuple((n, (n,)) for n in CONTEXT)
assert sorted(c for _, cs in FEATURES for c in cs) == sorted(NAMES)
# The cues that are evidence *for* chrome (the others describe shape); the passes ask how much
# of a unit's score comes from these.
EVIDENCE = frozenset(LOCAL[:LOCAL.index("headline_shape")]) | {"repeated", "pull_quote"}

TOPIC_FACTOR = 0.2  # a chrome word that is the article's own subject counts this much


class _Unit:
    """What the cues of one text unit look at (computed once per unit)."""

    __slots__ = ("raw", "t", "lower", "ascii_low", "ci_low", "no_digit", "topic", "rest_words", "phrases")

    def __init__(self, raw: str, t: Text, topic: frozenset[str]) -> None:
        self.raw = raw
        self.t = t
        self.lower = t.lower
        if raw.isascii():
            self.ascii_low = self.ci_low = raw.lower()
        else:
            self.ascii_low = None
            # raw.lower(), unless raw holds a letter that re.I matches to an ASCII one but
            # lower() does not (then a re.I pattern may match what the lower-cased text lacks)
            self.ci_low = None if ("\u0130" in raw or "\u0131" in raw or "\u017f" in raw or "\u212a" in raw) \
                else raw.lower()
        # words of letters only and no Markdown link: the text has no digit at all
        self.no_digit = t.alpha and "](" not in raw
        self.topic = topic
        self.rest_words = t.low  # the words outside the lexicon phrases (set by cue_phrases)
        self.phrases: set[str] = set()


def cue_phrases(u: _Unit) -> float:
    """Lexicon phrases in the text ("leave a reply", "all rights reserved"), each counted once;
    a phrase whose words are the article's subject counts little. At most 3."""
    lex = lexicon()
    lower = u.lower
    if not _may_hold_phrase(u.t):
        return 0.0
    pieces: list[str] = []
    pos = 0
    for m in lex.phrase_re().finditer(lower):
        u.phrases.add(m.group(0))
        pieces.append(lower[pos:m.start()])
        pos = m.end()
    if not u.phrases:
        return 0.0
    pieces.append(lower[pos:])
    u.rest_words = tokens(" ".join(pieces).split())[0]  # = WORD_RE.findall(...)
    total = 0.0
    for ph in u.phrases:
        on_topic = u.topic and any(w in u.topic for w in ph.split() if w not in lex.function)
        total += TOPIC_FACTOR if on_topic else 1.0
    return min(total, 3.0)


def cue_words(u: _Unit) -> float:
    """Lexicon words outside the phrases ("facebook", "subscribe", "copyright"), each once;
    the article's own subject words count little. At most 4."""
    vocab = lexicon().words
    seen: set[str] = set()
    total = 0.0
    for w in u.rest_words:
        if w in vocab and w not in seen:
            seen.add(w)
            total += TOPIC_FACTOR if w in u.topic else 1.0
    return min(total, 4.0)


def cue_contact(u: _Unit) -> float:
    """E-mail addresses, URLs, @handles and phone numbers (how many kinds)."""
    raw, lower, ascii_low = u.raw, u.lower, u.ascii_low
    n = 0
    if ("@" in raw or "protected" in lower) and EMAIL_RE.search(raw):
        n += 1
    if "." in raw and (
        ("://" in raw or "www." in ascii_low or _after(ascii_low, ".", _URL_TAILS)) if ascii_low is not None
        else may_hold_ci(raw, _URL_PRE)
    ) and may_be_url(raw) and URL_RE.search(raw):
        n += 1
    if "@" in raw and may_be_handle(raw) and HANDLE_RE.search(raw):
        n += 1
    # a phone number has at least 7 decimal digits
    if not u.no_digit and (may_be_phone(u.t.words) if "](" not in raw
                           else _PHONE_PRE_A.search(raw) if ascii_low is not None else _PHONE_PRE.search(raw)) \
            and PHONE_RE.search(raw):
        n += 1
    return float(n)


def cue_credit(u: _Unit) -> float:
    """A photo or agency credit: "[REUTERS/YONHAP]", "(AP Photo/...)", "Photo: ...",
    "AFP / Getty Images", a short "Name/AGENCY" line, "... via AP" at the very end."""
    raw, lower = u.raw, u.lower
    if ("[" in raw and BRACKET_CREDIT_RE.search(raw)) or (
            "(" in raw and may_be_paren_credit(raw) and PAREN_CREDIT_RE.search(raw)):
        return 1.0
    if ("photo" in lower or "image" in lower or "picture" in lower or "credit" in lower
            or "illustration" in lower) and INLINE_CREDIT_RE.search(u.t.clean):
        return 1.0
    if "/" in raw and may_be_agency_slash(raw) and AGENCY_SLASH_RE.search(raw):
        return 1.0
    if u.t.n <= 8 and ("/" in raw or "via " in raw) and may_be_credit_line(raw) and CREDIT_LINE_RE.search(raw):
        return 1.0
    if "via" in raw and END_VIA_RE.search(raw):
        return 1.0
    return 0.0


def cue_byline(u: _Unit) -> float:
    """A byline ("By Jane Doe"), a dated line ("Updated 6:42 p.m."), or a date alone."""
    t = u.t
    if t.n > 14 or not t.n:
        return 0.0
    # these patterns start with ^\W* and one of a few words: the text's first word
    lead = lead_word(t.clean)
    if lead_may_be(lead, _BYLINE_LEADS) and (
            BYLINE_RE.match(t.clean) or (lead_may_be(lead, _BYLINE_ONE_LEADS) and BYLINE_ONE_RE.match(t.clean))):
        return 1.0
    if lead_may_be(lead, _DATEPREFIX_LEADS) and DATEPREFIX_RE.match(t.clean):
        return 1.0
    # (a date line of letters-only words needs a month name or "ago"; it has no function word
    # other than a date's: "Enrollment will last until Jan. 15" is a sentence)
    lex = lexicon()
    if (not t.alpha or not lex.months_ago.isdisjoint(t.low)) and date_line(t.words) \
            and all(w in lex.date_words or w not in lex.function for w in t.low):
        return 1.0
    return 0.0


def cue_legal(u: _Unit) -> float:
    """A copyright line: "©", "(c) 2024", "Copyright 2024"."""
    raw = u.raw
    return 1.0 if ("©" in raw or "(c" in u.lower or "copyright" in u.lower) and COPY_RE.search(raw) else 0.0


def cue_item_label(u: _Unit) -> float:
    """A chrome label before a colon: "Related:", "Read more:", "Photo:", "Tags:"."""
    if ":" not in u.raw:
        return 0.0
    m = LABEL_RE.match(u.t.clean)
    if not m:
        return 0.0
    lex = lexicon()
    w1 = m.group(1).lower()
    if w1 not in lex.labels:
        return 0.0
    w2 = m.group(2)
    if w2 is None or w1 in ("read", "see", "media", "press", "filed", "posted", "next", "suggested", "more") \
            or w2.lower() in lex.teaser or w2.lower() in lex.labels:
        return 1.0
    return 0.0


def cue_layout(u: _Unit) -> float:
    """Page furniture: breadcrumbs ("Home > News"), gallery counters ("3 of 12"), UI tokens
    ("help-image", "logo.png"), Markdown links and images, a stray letter or punctuation line."""
    raw, t, ascii_low = u.raw, u.t, u.ascii_low
    n = float(t.links)
    letters = sum(map(str.isalpha, raw)) if len(raw) < 8 else 8
    if letters <= 2 and t.n <= 3 and not any(ch.isdigit() for ch in raw):
        n += 2.0  # a stray letter or a line of punctuation
    if ("/" in raw and COUNTER_RE.search(raw)) or (
            t.n <= 6 and not u.no_digit and may_hold_ci(raw, _GALLERY_PRE) and GALLERY_RE.match(raw)):
        n += 1.0
    if ("-" in raw or "_" in raw or "." in raw) and (
        ((("-" in raw and _after(ascii_low, "-", _UI_TAILS_A1))
          or ("_" in raw and _after(ascii_low, "_", _UI_TAILS_A1)))
         or ("." in raw and _after(ascii_low, ".", _UI_TAILS_A2))) if ascii_low is not None
        else may_hold_ci(raw, _UI_PRE)
    ) and UI_TOKEN_RE.search(raw):
        n += 1.0
    if not t.sl and t.n <= 16 and not SEP_CHARS.isdisjoint(raw) and breadcrumb(t.clean, t.n):
        n += 1.0
    return min(n, 3.0)


def cue_caps_headline(u: _Unit) -> float:
    """A headline in capitals between paragraphs ("INFLATION SOARS 8.3% IN APRIL"): a teaser."""
    t = u.t
    if t.n < 4 or u.raw.rstrip()[-1:] in ".,;":
        return 0.0
    letters = [c for c in u.raw if c.isalpha()]
    if len(letters) < 12:
        return 0.0
    upper = sum(map(str.isupper, letters))
    return 1.0 if upper >= 0.9 * len(letters) else 0.0


def cue_post_embed(u: _Unit) -> float:
    """An embedded post: "— Name (@handle) March 2, 2019", "pic.twitter.com/..."."""
    raw = u.raw
    return 1.0 if ("pic.twitter" in raw or "(@" in raw or "( @" in raw) and EMBED_RE.search(raw) else 0.0


def cue_teaser_joint(u: _Unit) -> float:
    """A link to another story: a teaser glued to its label ("'Quote':Headline", "More:What ..."),
    a reading-list item ending in its outlet ("... Explained (Washington Post)"), or a headline
    quoting somebody, not a sentence ("McConnell: ‘There will not be a shutdown’")."""
    raw = u.raw
    if ":" in raw and may_be_teaser_joint(raw) and TEASER_JOINT_RE.search(raw):
        return 1.0
    if u.t.sl:
        return 0.0
    if raw.endswith(")") and may_end_in_outlet(raw) and OUTLET_END_RE.search(raw):
        return 1.0
    if ":" in raw and may_be_quote_headline(raw) and QUOTE_HEADLINE_RE.match(raw):
        return 1.0
    return 0.0


def cue_editor_note(u: _Unit) -> float:
    """An editor's note: "Update: ...", "This post has been updated to ...", "Correction: ...",
    and anywhere in the text "It's also been updated with ...", "An earlier version of this story ..."."""
    raw, lower = u.raw, u.lower
    if ("updat" in lower or "correct" in lower or "clarif" in lower or "note" in lower) \
            and lead_may_be(lead_word(raw), _EDITOR_NOTE_LEADS) and EDITOR_NOTE_RE.search(raw):
        return 1.0
    low = u.ci_low
    return 1.0 if (low is None or may_be_update_note(raw, low)) and UPDATE_NOTE_RE.search(raw) else 0.0


def cue_contribution(u: _Unit) -> float:
    """A contribution line: "Jane Doe contributed reporting.", "... contributed to this report."."""
    return 1.0 if "contributed" in u.lower and CONTRIBUTION_RE.search(u.raw) else 0.0


def cue_contact_line(u: _Unit) -> float:
    """A contact line: an e-mail address and a word asking to write to it ("X can be reached at
    x@example.com", "please contact licensing@...")."""
    raw = u.raw
    return 1.0 if "@" in raw and EMAIL_RE.search(raw) and may_be_contact_verb(raw) \
        and CONTACT_VERB_RE.search(raw) else 0.0


def cue_disclaimer(u: _Unit) -> float:
    """An opinion disclaimer: "This is an opinion piece.", "The views expressed in this article
    are those of the author", "... are the author's own", "... do not necessarily reflect the
    views of ..."."""
    raw, low = u.raw, u.ci_low
    return 1.0 if (low is None or may_be_disclaimer(raw, low)) and DISCLAIMER_RE.search(raw) else 0.0


def cue_prompt(u: _Unit) -> float:
    """A prompt addressed to the reader: it starts with an imperative of the lexicon's prompt
    verbs ("Listen to ...", "Follow X on Twitter", "Click here ..."; or after an opening "For
    more on X," clause), quotes nobody, and points to the site's own things ("here", "below",
    "our", "newsletter", "app", "twitter"), unless it is five words or fewer."""
    low = u.t.low
    n = len(low)
    if not n or n > 30:
        return 0.0
    lex = lexicon()
    i = 0
    w0 = low[0]
    if w0 != "for" and w0 not in lex.prompt_verbs:
        return 0.0
    if w0 == "for":
        if n < 4 or low[1] != "more":
            return 0.0
        clean = u.t.clean
        k = clean.find(",")
        if k < 0:
            return 0.0
        i = n - len(WORD_RE.findall(clean[k + 1:]))
        if not 2 <= i < n or low[i] not in lex.prompt_verbs:
            return 0.0
    raw = u.raw
    if '"' in raw or "“" in raw or "”" in raw:
        return 0.0
    return 1.0 if n <= 5 or not lex.prompt_objects.isdisjoint(low[i + 1:]) else 0.0


def cue_author_bio(u: _Unit) -> float:
    """An author's bio: "Jane Doe, a fellow at the Atlantic Council, most recently served as ...",
    "John Roe is a columnist ... and the author of ..." — a name, an appositive naming a post, a
    career, and nobody's words reported (a source introduced the same way says or tells)."""
    raw, lower = u.raw, u.lower
    if not "A" <= raw[:1] <= "Z" or u.t.funcs < 2 or not may_be_bio(raw) or not may_be_career(lower):
        return 0.0
    if not BIO_RE.match(raw) or not CAREER_RE.search(lower):
        return 0.0
    return 0.0 if cue_reported(u) or ("argue" in lower or "agree" in lower or "noted" in lower) else 1.0


def cue_caption(u: _Unit) -> float:
    """A photo caption: an agency caption header ("WASHINGTON, DC - JULY 29:"), a caption's
    opening ("FILE - ...", "In this handout provided by ..."), or a subject doing something in
    the present tense on a date or during an event ("X speaks during ...", "Migrants march
    along ...", "An asylum seeker from Mexico waits outside ... on March 22, 2022")."""
    raw, t = u.raw, u.t
    if "-" in raw[:48] and ":" in raw and CAPTION_HEAD_RE.match(raw):
        return 1.0
    if ("FILE" in raw or "In this" in raw) and lead_word(raw) in ("FILE", "In") and CAPTION_OPEN_RE.match(raw):
        return 1.0
    if t.n < 6 or raw.startswith(QUOTE_START):
        return 0.0
    lex = lexicon()
    verbs = lex.caption_verbs
    head = t.words[:16]
    for i in range(1, len(head)):
        if head[i] in verbs:
            prev = head[i - 1]
            if prev.lower() in lex.function and prev not in ("he", "she", "they"):
                continue  # "The march", "to speak", "will hold"
            if "during" in head[i + 1:i + 4] or MONTH_DAY_RE.search(raw):
                return 1.0
    # (the anchor first: "during", or a full date, as captions give it)
    during = "during" in u.lower and "during" in t.low
    may_be_dated = not t.alpha and "," in raw and not lex.months.isdisjoint(t.low)
    if not during and not may_be_dated:
        return 0.0
    i = present_verb(t.words, words_before_comma(t))
    if i <= 0:
        return 0.0
    if during and "during" in t.words[i + 1:]:
        return 1.0
    return 1.0 if may_be_dated and FULL_DATE_RE.search(raw) else 0.0


def cue_headline_shape(u: _Unit) -> float:
    """Shaped like a headline, not a sentence: 3 to 16 words, a capital first, no final full
    stop (a link to another story, or a subheading)."""
    t, raw = u.t, u.raw
    if t.sl or not 3 <= t.n <= 16 or not raw[:1].isupper() or raw[-1:] in ".,;:":
        return 0.0
    return 1.0


def cue_fragment(u: _Unit) -> float:
    """A fragment: not sentence-like and at most four words (or at most three)."""
    t = u.t
    return 1.0 if (not t.sl and t.n <= 4) or t.n <= 3 else 0.0


def cue_prose(u: _Unit) -> float:
    """Reads as prose: ends like a sentence and has lower-case function words."""
    return 1.0 if u.t.sl else 0.0


def cue_length(u: _Unit) -> float:
    """log(1 + words): longer text needs more evidence."""
    return math.log1p(u.t.n)


def cue_quoted(u: _Unit) -> float:
    """Starts or ends with a quotation mark (three words or more): somebody's words — unless it
    is in capitals (a headline) or a teaser quotes them ("'Quote':Headline", "Name: 'Quote'")."""
    raw = u.raw
    if u.t.n < 3 or not (raw.startswith(QUOTE_START) or raw.endswith(QUOTE_END)):
        return 0.0
    if raw.upper() == raw:
        return 0.0
    if ":" in raw and ((may_be_teaser_joint(raw) and TEASER_JOINT_RE.search(raw)) or (
            not u.t.sl and may_be_quote_headline(raw) and QUOTE_HEADLINE_RE.match(raw))):
        return 0.0
    return 1.0


def cue_reported(u: _Unit) -> float:
    """A reporting verb: "said", "told", "according to"."""
    lower = u.lower
    return 1.0 if ("said" in lower or "says" in lower or "told" in lower or "added" in lower
                   or "explained" in lower or "according to" in lower or "asked" in lower
                   or "warned" in lower) and REPORT_RE.search(lower) else 0.0


_LOCAL_FUNCS = (cue_phrases, cue_words, cue_contact, cue_credit, cue_byline, cue_legal,
                cue_item_label, cue_layout, cue_caps_headline, cue_post_embed, cue_teaser_joint,
                cue_editor_note, cue_contribution, cue_contact_line, cue_disclaimer, cue_prompt, cue_author_bio,
                cue_caption,
                cue_headline_shape, cue_fragment, cue_prose, cue_length, cue_quoted, cue_reported)
assert tuple(f.__name__[4:] for f in _LOCAL_FUNCS) == LOCAL


def credit_cue(text: str, texts: Texts) -> float:
    """:func:`cue_credit` of one text unit (``texts``: the marking run's cache)."""
    raw = text.strip()
    return cue_credit(_Unit(raw, texts[raw], frozenset())) if raw else 0.0


def local_cues(text: str, topic: frozenset[str] = frozenset(), texts: Texts | None = None) -> list[float] | None:
    """The local cue vector of one text unit (order: :data:`LOCAL`); None for blank text.

    ``topic``: lower-case words the article is about; ``texts``: the marking run's cache.
    """
    raw = text.strip()
    if not raw:
        return None
    t = texts[raw] if texts is not None else Text(raw)
    u = _Unit(raw, t, topic)
    return [f(u) for f in _LOCAL_FUNCS]


def feature_vector(cues: list[float]) -> list[float]:
    """The model's features (order: :data:`FEATURES`) from a cue vector (order: :data:`NAMES`)."""
    return [sum(cues[_INDEX[c]] for c in members) for _, members in FEATURES]


_INDEX = {n: i for i, n in enumerate(NAMES)}


# --------------------------------------------------------------------------- helpers
def _may_hold_phrase(t: Text) -> bool:
    """False only if no phrase can match in ``t.lower`` (a cheap test before the regex).

    A phrase starts after a character that is neither a word character nor "-", and ends
    before one. Unless a word of the text holds an inner "'", "’" or "." (then the words at
    the phrase's ends may run on past it), the words of the phrase are consecutive words of
    the text: its first two words, or its only word, are then among them.
    """
    singles, firsts, pairs = lexicon().phrase_words(WORD_RE.findall)
    low = t.low
    if not t.alpha:
        exact = t.exact
        if "'" in exact or "’" in exact or "." in exact:
            return True
    if not singles.isdisjoint(low):
        return True
    return not firsts.isdisjoint(low) and not pairs.isdisjoint(zip(low, low[1:]))


def date_line(ws: list[str]) -> bool:
    """A line that is (almost) only a date or time: "Updated 6:42 p.m.", "Tue 8 Apr 2025"."""
    if not ws or len(ws) > 12:
        return False
    lex = lexicon()
    # (a word can count only if it is a month, "ago", a date word, "a.m"/"p.m" or starts with
    # a digit: when too few are, the patterns below need not run)
    could = 0
    for w in ws:
        lw = w.lower().rstrip(".")
        if lw[:1].isdecimal() or lw in lex.months or lw == "ago" or lw in lex.date_words or lw in ("a.m", "p.m"):
            could += 1
    if could == 0 or could < 0.6 * len(ws):
        return False
    anchors = hits = 0
    for w in ws:
        lw = w.lower().rstrip(".")
        digit = lw[:1].isdecimal()  # both patterns start with \d
        if lw in lex.months or lw == "ago" or (digit and DATE_ANCHOR_RE.match(lw)):
            anchors += 1
            hits += 1
        elif lw in lex.date_words or lw in ("a.m", "p.m") or (digit and DAY_RE.match(lw)):
            hits += 1
    return anchors > 0 and hits >= 0.6 * len(ws)


def finite_past(ws: list[str], end: int | None = None) -> bool:
    """Whether the word tokens ``ws[:end]`` hold a finite verb in the past tense: an irregular
    past form ("said", "spoke", "was"), or a lower-case word of five letters or more ending in
    "ed" that is no participle (after an auxiliary, "has been lifted", or before "by",
    "provided by")."""
    lex = lexicon()
    n = len(ws)
    for j in range(n if end is None else end):
        x = ws[j]
        if x.lower() in lex.past_forms:
            return True
        if len(x) >= 5 and x.endswith("ed") and x.islower() \
                and not (j and ws[j - 1].lower() in lex.auxiliaries) and not (j + 1 < n and ws[j + 1] == "by"):
            return True
    return False


def caption_like(t: Text) -> bool:
    """A text that reads like a photo caption (besides its credit): no finite verb in the past
    tense, and "during", a full date or a verb in the present tense after a name."""
    ws = t.words
    if finite_past(ws):
        return False
    if "during" in t.low or present_verb(ws, words_before_comma(t)) > 0:
        return True
    return not t.alpha and "," in t.clean and FULL_DATE_RE.search(t.clean) is not None


def present_verb(ws: list[str], limit: int = 18) -> int:
    """The index of a caption's verb among the first ``limit`` word tokens ``ws`` (at most 18;
    -1 if none): a lower-case word ending in "s" ("speaks", "waits", "announces") right after a
    capitalised word that is not a function word (the subject's name: "Mike Huckabee gestures",
    "(MEU) passes"), before a function word, a particle, a capitalised word or a number
    ("during", "the", "House") — not "to"/"that" and a lower-case word ("plans to present") nor
    a word that follows nouns ("Democratic leaders have", "troops are", "news and"). The words
    before it are the subject: no word that opens a clause ("... as Russia turns to ...") and no
    finite verb in the past tense ("... on Monday said Ireland respects"; a participle after an
    auxiliary or before "by" does not count). ``limit``: the words before the text's first comma
    (a caption's subject and verb come before it)."""
    lex = lexicon()
    func, stop, openers = lex.function, lex.stop, lex.clause_openers
    n = len(ws)
    for i in range(1, min(n - 1, limit, 18)):
        w = ws[i]
        if ws[i - 1].lower() in openers:
            return -1
        if len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s", "’s")) or not w.islower() \
                or w in stop:
            continue
        prev = ws[i - 1]
        if not prev[:1].isupper() or prev.lower() in func:
            continue
        nxt = ws[i + 1]
        if nxt in lex.not_after_verb:
            continue
        if not (nxt in func or nxt in lex.particles or nxt[:1].isupper() or nxt[:1].isdecimal()):
            continue
        if nxt in ("to", "that") and i + 2 < n and ws[i + 2].islower():
            continue
        if not finite_past(ws, i):
            return i
    return -1


def words_before_comma(t: Text) -> int:
    """How many word tokens of ``t`` come before its first comma (all if none)."""
    k = t.clean.find(",")
    return t.n if k < 0 else len(WORD_RE.findall(t.clean[:k]))


def breadcrumb(text: str, nwords: int) -> bool:
    """Short items between separators: "Home > News > World", "Home » Section » A headline"."""
    if nwords > 16 or "\n" in text.strip():
        return False
    parts = [p for p in SEP_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    seps = len(parts) - 1
    lens = [len(words(p)) for p in parts]
    if any(ln == 0 for ln in lens[:-1]):
        return False
    if all(ln <= 5 for ln in lens):
        return True
    # "Home » Section » A long headline": short crumbs, long last item
    return seps >= 2 and all(ln <= 4 for ln in lens[:-1])


# --------------------------------------------------------------------------- cheap checks
# Necessary conditions of costly patterns: each is true wherever its pattern matches, so a
# pattern runs (and compiles) only when its check passes, and the result is the pattern's own.
# ``tests/test_boilerplate.py`` checks each against its pattern (GUARDS).

# the letters other than A-Z and a-z that re.I matches to an ASCII letter: "İ" and "ı" (i),
# "ſ" (s) and the Kelvin sign (k)
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_GALLERY_PRE = ("/", "of")
_CREDIT_WORDS = ("photo", "image", "picture")  # ("photograph" holds "photo")


def _after(text: str, ch: str, tails: tuple[str, ...]) -> bool:
    """Whether ``text`` holds ``ch`` followed by one of ``tails``: ``any(ch + t in text for t in
    tails)``, one C call per ``ch`` found."""
    i = text.find(ch)
    while i >= 0:
        if text.startswith(tails, i + 1):
            return True
        i = text.find(ch, i + 1)
    return False


def may_hold_ci(text: str, parts: tuple[str, ...]) -> bool:
    """False only if no lower-case ASCII string of ``parts`` is found in ``text`` under re.I.

    Without the four letters re.I matches to ASCII ones, a text matches an ASCII string under
    re.I exactly where its lower-cased form holds it.
    """
    if not text.isascii() and any(c in text for c in _FOLDS_TO_ASCII):
        return True
    low = text.lower()
    return any(p in low for p in parts)


def lead_word(text: str) -> str:
    """The letters that start the text's first word: after the leading non-word characters
    (what ``^\\W*`` skips), the run of letters at the first word character ("" if it is a
    digit or "_")."""
    n = len(text)
    i = 0
    while i < n and not (text[i].isalnum() or text[i] == "_"):
        i += 1
    j = i
    while j < n and text[j].isalpha():
        j += 1
    return text[i:j]


def lead_may_be(lead: str, words: frozenset[str]) -> bool:
    """False only if a pattern ``^\\W*(?i:w1|w2|...)`` followed by a non-letter cannot match a
    text whose :func:`lead_word` is ``lead`` (``words``: lower-case ASCII). A lead that is not
    ASCII may hold a letter re.I matches to an ASCII one, so it may be anything."""
    return not lead.isascii() or lead.lower() in words


def may_be_handle(raw: str) -> bool:
    """HANDLE_RE's shape: an "@" after no word character or "@", before [A-Za-z_]."""
    i = raw.find("@")
    while i >= 0:
        prev = raw[i - 1] if i else " "
        nxt = raw[i + 1:i + 2]
        if not (prev.isalnum() or prev in "_@") and ("a" <= nxt <= "z" or "A" <= nxt <= "Z" or nxt == "_"):
            return True
        i = raw.find("@", i + 1)
    return False


def _slash_caps(raw: str, left: bool) -> bool:
    """A "/" with an ASCII capital after it (white space between allowed) and, if ``left``,
    one before it."""
    n = len(raw)
    i = raw.find("/")
    while i >= 0:
        j = i + 1
        while j < n and raw[j].isspace():
            j += 1
        if j < n and "A" <= raw[j] <= "Z":
            if not left:
                return True
            k = i - 1
            while k >= 0 and raw[k].isspace():
                k -= 1
            if k >= 0 and "A" <= raw[k] <= "Z":
                return True
        i = raw.find("/", i + 1)
    return False


def may_be_agency_slash(raw: str) -> bool:
    """AGENCY_SLASH_RE's shape: "CAPS / Capital"."""
    return _slash_caps(raw, True)


def may_be_credit_line(raw: str) -> bool:
    """CREDIT_LINE_RE's shape: "/ Capital" or "via"."""
    return "via" in raw or _slash_caps(raw, False)


def may_be_paren_credit(raw: str) -> bool:
    """PAREN_CREDIT_RE's shape: "(" and "photo", "image" or "picture"."""
    return "(" in raw and may_hold_ci(raw, _CREDIT_WORDS)


def may_be_inline_credit(clean: str) -> bool:
    """INLINE_CREDIT_RE's words: "photo" (...) and ":" or "by"."""
    return may_hold_ci(clean, _CREDIT_WORDS + ("credit", "illustration")) and (":" in clean or may_hold_ci(clean, ("by",)))


_TLDS = ("com", "org", "net", "co", "io", "info", "news", "example", "gov", "edu", "uk", "de", "fr")


def _wordchar(c: str) -> bool:
    return c.isalnum() or c == "_"


def may_be_url(raw: str) -> bool:
    """URL_RE's shape: "://", "www.", or a name ([\\w-] before the ".") ending in one of its
    domains, the domain not followed by a word character nor by "." and one ("co.kr")."""
    if not raw.isascii() and any(c in raw for c in _FOLDS_TO_ASCII):
        return True
    low = raw.lower()  # (as long as raw: "İ" is one of the folds)
    if "://" in low or "www." in low:
        return True
    i = low.find(".")
    while i >= 0:
        if i and (_wordchar(low[i - 1]) or low[i - 1] == "-"):
            for tld in _TLDS:
                if low.startswith(tld, i + 1):
                    j = i + 1 + len(tld)
                    nxt = low[j:j + 1]
                    if not _wordchar(nxt) and not (nxt == "." and _wordchar(low[j + 1:j + 2])):
                        return True
        i = low.find(".", i + 1)
    return False


def may_be_phone(words: list[str]) -> bool:
    """PHONE_RE's core ``\\d{3}\\)?[\\s.-]\\d{3}`` in a text whose word tokens are ``words``
    (from a text without Markdown links: every digit of it is in a token, and a run of digits
    is one token): three digits, "." or "-" and three digits inside a token, or a token
    ending in three digits before one starting with three."""
    tail3 = False
    for w in words:
        if not w[:1].isdecimal():
            tail3 = False
            continue
        if tail3 and w[:3].isdecimal() and len(w) >= 3:
            return True
        n = len(w)
        if n >= 7:
            for k in range(3, n - 3):
                if w[k] in ".-" and w[k - 3:k].isdecimal() and w[k + 1:k + 4].isdecimal():
                    return True
        tail3 = n >= 3 and w[-3:].isdecimal()
    return False


def may_end_in_credit(raw: str) -> bool:
    """END_CREDIT_RE's end: ")" or "]" before trailing white space."""
    return raw.rstrip().endswith((")", "]"))


def may_be_teaser_joint(raw: str) -> bool:
    """TEASER_JOINT_RE's shape: ":" right before an ASCII capital, or "More"."""
    if "More" in raw:
        return True
    i = raw.find(":")
    while i >= 0:
        if "A" <= raw[i + 1:i + 2] <= "Z":
            return True
        i = raw.find(":", i + 1)
    return False


def may_end_in_outlet(raw: str) -> bool:
    """OUTLET_END_RE's shape: the text ends in ")" and its last "(" follows white space and
    comes before an ASCII capital (the name between holds no "(")."""
    s = raw.rstrip()
    if not s.endswith(")"):
        return False
    k = s.rfind("(")
    return k >= 1 and s[k - 1].isspace() and "A" <= s[k + 1:k + 2] <= "Z"


def may_be_gallery_counter(raw: str) -> bool:
    """GALLERY_RE's parts: a digit, and "/" or "of"."""
    return any(c.isdecimal() for c in raw) and may_hold_ci(raw, _GALLERY_PRE)


def may_be_quote_headline(raw: str) -> bool:
    """QUOTE_HEADLINE_RE's shape: an ASCII capital first, and a ":" followed by a quotation
    mark (one white-space character between allowed)."""
    if not "A" <= raw[:1] <= "Z":
        return False
    i = raw.find(":")
    while i >= 0:
        j = i + 1
        if raw[j:j + 1].isspace():
            j += 1
        if raw[j:j + 1] in ("‘", "'", '"', "“"):
            return True
        i = raw.find(":", i + 1)
    return False


_EDITS = ("updated", "corrected", "amended", "changed", "clarified", "edited", "revised")


def _ascii_lower(raw: str, low: str | None) -> str | None:
    """``low`` or ``raw.lower()``; None when ``raw`` holds a letter that re.I matches to an
    ASCII letter but lower() does not (then any pattern may match)."""
    if low is None:
        if not raw.isascii() and any(c in raw for c in _FOLDS_TO_ASCII):
            return None
        low = raw.lower()
    return low


def may_be_update_note(raw: str, low: str | None = None) -> bool:
    """UPDATE_NOTE_RE's words: "been", white space and an edit ("updated", "corrected", ...), or
    "version of this" (``low``: ``raw.lower()``, given when it is safe to use: see ``_ascii_lower``)."""
    low = _ascii_lower(raw, low)
    if low is None or "version of this" in low:
        return True
    n = len(low)
    i = low.find("been")
    while i >= 0:
        j = i + 4
        while j < n and low[j].isspace():
            j += 1
        if j > i + 4 and low.startswith(_EDITS, j):
            return True
        i = low.find("been", i + 4)
    return False


def may_be_contact_verb(raw: str) -> bool:
    """CONTACT_VERB_RE's words: "reach", "contact", "mail", "write to", "send" or "tip"."""
    return may_hold_ci(raw, ("reach", "contact", "mail", "write to", "send", "tip"))


_OPINION_WORDS = ("opinion", "op-ed", "commentary", "editorial", "column", "analysis")


def may_be_disclaimer(raw: str, low: str | None = None) -> bool:
    """DISCLAIMER_RE's words: "views expressed", "those of the author" (or writer), "r's own",
    "not reflect " (or "not necessarily reflect "), or "this is a" (or "following is a") and a
    word for an opinion piece (``low``: ``raw.lower()``, given when it is safe to use: see
    ``_ascii_lower``)."""
    low = _ascii_lower(raw, low)
    return low is None or "views expressed" in low or "those of the author" in low or "those of the writer" in low \
        or "r's own" in low or "r’s own" in low \
        or "not reflect " in low or "not necessarily reflect " in low \
        or (("this is a" in low or "following is a" in low) and any(w in low for w in _OPINION_WORDS))


def may_be_career(lower: str) -> bool:
    """CAREER_RE's words (in the lower-cased text)."""
    return "served" in lower or "serves" in lower or "previously" in lower or "formerly" in lower \
        or "most recently" in lower or "author" in lower or "writes" in lower or "worked" in lower


_POSTS = ("fellow", "columnist", "contributor", "professor", "author", "writer", "editor", "scholar", "analyst",
          "director", "president", "partner", "host", "correspondent", "reporter", "chair", "adviser", "advisor",
          "lecturer", "researcher")


def may_be_bio(raw: str) -> bool:
    """BIO_RE's shape: an ASCII capital first and another after the first white space (a name);
    "," (and at most one white-space character) before "a" or "the" ("a", "an", "also", "the"),
    or "is" between white space; and a word for a post ("fellow", "columnist", ...)."""
    if not "A" <= raw[:1] <= "Z":
        return False
    chunks = raw[:40].split(None, 2)
    if len(chunks) < 2 and len(raw) > 40:
        chunks = raw.split(None, 2)
    if len(chunks) < 2 or not "A" <= chunks[1][:1] <= "Z" or not any(w in raw for w in _POSTS):
        return False
    i = raw.find(",")
    while i >= 0:
        j = i + 1
        if raw[j:j + 1].isspace():
            j += 1
        if raw.startswith(("a", "the"), j):
            return True
        i = raw.find(",", i + 1)
    i = raw.find("is", 1)
    while i >= 0:
        if raw[i - 1].isspace() and raw[i + 2:i + 3].isspace():
            return True
        i = raw.find("is", i + 1)
    return False


def may_hold_copyright(raw: str) -> bool:
    """COPY_RE's parts: "©", "(c)" or "copyright"."""
    return "©" in raw or may_hold_ci(raw, ("(c)", "copyright"))


def may_be_about(text: str) -> bool:
    """ABOUT_RE's first word."""
    return lead_word(text) in ("About", "ABOUT")


def may_be_byline_name(clean: str) -> bool:
    """BYLINE_NAME_RE's first word."""
    return lead_may_be(lead_word(clean), _BYLINE_NAME_LEADS)


# (pattern, check): the check holds wherever the pattern matches (tested)
GUARDS = (
    (URL_RE, lambda s: may_hold_ci(s, _URL_PRE) and may_be_url(s)),
    (PHONE_RE, lambda s: "](" in s or may_be_phone(Text(s).words)),
    (_PHONE_PRE, lambda s: "](" in s or may_be_phone(Text(s).words)),
    (HANDLE_RE, may_be_handle),
    (PAREN_CREDIT_RE, may_be_paren_credit),
    (INLINE_CREDIT_RE, may_be_inline_credit),
    (END_CREDIT_RE, may_end_in_credit),
    (BRACKET_CREDIT_RE, lambda s: "[" in s),
    (AGENCY_SLASH_RE, may_be_agency_slash),
    (CREDIT_LINE_RE, may_be_credit_line),
    (BYLINE_RE, lambda s: lead_may_be(lead_word(s), _BYLINE_LEADS)),
    (BYLINE_ONE_RE, lambda s: lead_may_be(lead_word(s), _BYLINE_ONE_LEADS)),
    (BYLINE_NAME_RE, may_be_byline_name),
    (DATEPREFIX_RE, lambda s: lead_may_be(lead_word(s), _DATEPREFIX_LEADS)),
    (EDITOR_NOTE_RE, lambda s: lead_may_be(lead_word(s), _EDITOR_NOTE_LEADS)),
    (GALLERY_RE, may_be_gallery_counter),
    (UI_TOKEN_RE, lambda s: may_hold_ci(s, _UI_PRE)),
    (TEASER_JOINT_RE, may_be_teaser_joint),
    (OUTLET_END_RE, may_end_in_outlet),
    (COPY_RE, may_hold_copyright),
    (ABOUT_RE, may_be_about),
    (QUOTE_HEADLINE_RE, may_be_quote_headline),
    (UPDATE_NOTE_RE, may_be_update_note),
    (CONTACT_VERB_RE, may_be_contact_verb),
    (DISCLAIMER_RE, may_be_disclaimer),
    (CAPTION_OPEN_RE, lambda s: ("FILE" in s or "In this" in s) and lead_word(s) in ("FILE", "In")),
    (END_VIA_RE, lambda s: "via" in s),
    (BIO_RE, may_be_bio),
    (CAREER_RE, lambda s: may_be_career(s)),
)
