"""Boilerplate (site chrome) detection.

Marks, never deletes: :func:`mark_boilerplate` sets ``Sentence.boilerplate`` on sentences of
an article that are site chrome (share bars, bylines, breadcrumbs, captions and credits,
legal footers, comment widgets, teaser lists, UI fragments ...). :func:`mark_corpus` re-marks
every article of a set using the others as context (a line repeated across articles about
different stories is chrome).

The detector is pure Python, linear in the size of the article, and works on general cues
rather than on phrases of particular sites:

* a weighted lexicon of web-chrome vocabulary (sharing, accounts, legal, credits, navigation,
  teasers) and a few structural patterns (e-mail, URL, ©, separators ``a | b > c``, bylines,
  date-only lines, gallery counters, bracketed agency credits, UI tokens);
* sentence shape: sentence-like text (terminal punctuation and lower-case function words),
  quotes and reporting verbs count *against* chrome, longer text needs more evidence;
* topic: chrome words that are the article's own subject (in the title, or repeated across
  its prose paragraphs) count little, so a story about Facebook keeps its body;
* position: chrome clusters before the first and after the last body paragraph; short
  fragments there are chrome; a teaser heading ("Related", "More from ...") or a copyright
  line in the second half makes what follows it chrome unless it is on-topic prose; the
  trailing chrome run is grown backwards over fragments, over lines naming the site or
  the byline's author (seen in the header), and over off-topic paragraphs with chrome
  words. "Off-topic" is the share of content words found in the title and the body
  paragraphs *before* the paragraph (footer lines never vouch for each other);
* repetition: a line repeating the headline or an earlier line, a pull quote, and (with
  ``others``) a line found in articles about different stories (topic vectors with cosine
  below ``_SAME_STORY``); same-story articles may share wire copy, so there it counts less.

The title (sentence 0) is never boilerplate. :func:`explain_boilerplate` returns why each
marked sentence was marked (for debugging and for a "why is this dimmed" view).

Cost: patterns compile on first use (importing compiles nothing); the words and shape of each
distinct text are computed once per marking run (:class:`_Text`, shared by the corpus index
and the runs of :func:`mark_corpus`); costly patterns sit behind cheap tests that are
necessary for them to match, so every shortcut gives exactly what the plain pattern gives.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from reader.corpus.model import Article

__all__ = ["chrome_score", "explain_boilerplate", "mark_boilerplate", "mark_corpus"]

# --------------------------------------------------------------------------- lexicon
# Single words (matched on lower-cased word tokens; a word counts once per text).
_WORDS: dict[str, float] = {
    # sharing / social
    "share": 1.2, "sharing": 0.8, "facebook": 2.0, "twitter": 2.0, "whatsapp": 2.0,
    "linkedin": 2.0, "pinterest": 2.0, "reddit": 1.5, "telegram": 1.2, "instagram": 1.5,
    "tiktok": 1.2, "youtube": 1.0, "flipboard": 2.0, "tumblr": 2.0, "messenger": 0.8,
    "email": 1.0, "e-mail": 1.0, "tweet": 1.0, "retweet": 1.5, "like": 0.3, "follow": 0.7,
    "print": 1.2, "permalink": 2.0, "bookmark": 1.5, "bookmarks": 1.5,
    # comments / accounts / subscriptions
    "comment": 1.0, "comments": 1.5, "reply": 1.2, "replies": 1.0, "login": 2.0,
    "logout": 2.0, "signup": 2.0, "register": 0.8, "account": 0.8, "accounts": 0.8,
    "password": 1.5, "username": 1.5, "subscribe": 2.0, "subscribed": 1.5,
    "subscriber": 1.0, "subscribers": 1.0, "subscription": 1.5, "subscriptions": 1.5,
    "unsubscribe": 2.0, "newsletter": 2.0, "newsletters": 2.0, "inbox": 1.5,
    "notifications": 1.0, "alerts": 0.7, "premium": 0.8, "paywall": 2.0, "donate": 1.5,
    "journalism": 0.7,
    # legal
    "copyright": 2.5, "trademark": 1.5, "trademarks": 1.5, "disclaimer": 2.5,
    "takedown": 2.0, "dmca": 2.5, "redistributed": 2.0, "redistribute": 2.0,
    "rewritten": 1.5, "republished": 1.5, "republish": 1.5, "reproduced": 1.0,
    "reproduction": 1.0, "syndicated": 1.5, "aggregator": 1.5, "privacy": 0.8,
    "cookies": 1.5, "cookie": 1.5, "gdpr": 1.5, "consent": 0.5, "terms": 0.5, "policy": 0.5,
    "permission": 0.5, "reserved": 0.7, "rights": 0.5, "liability": 1.0, "affiliate": 1.5,
    "publisher": 0.7,
    # media / credits
    "photo": 1.0, "photos": 1.0, "photograph": 1.0, "photographs": 0.8, "image": 1.0,
    "images": 1.0, "caption": 1.5, "credit": 1.0, "credits": 1.0, "illustration": 0.8,
    "gallery": 1.0, "slideshow": 1.5, "video": 0.8, "videos": 0.6, "watch": 0.6,
    "listen": 0.8, "audio": 0.7, "podcast": 0.7, "playlist": 1.0, "getty": 2.0,
    "shutterstock": 2.5, "istock": 2.5, "alamy": 2.5,
    # navigation / UI
    "menu": 1.5, "navigation": 1.5, "skip": 1.0, "search": 0.7, "home": 0.6,
    "homepage": 1.5, "sitemap": 2.0, "toggle": 1.5, "expand": 1.0, "collapse": 1.5,
    "enlarge": 1.5, "hide": 1.0, "show": 0.5, "click": 1.5, "tap": 1.0, "swipe": 1.5,
    "scroll": 1.5, "icon": 1.2, "button": 1.5, "widget": 2.0, "javascript": 2.0,
    "browser": 1.0, "loading": 1.5, "app": 1.0, "download": 1.0, "install": 0.7,
    "mobile": 0.5, "desktop": 1.0, "version": 0.5, "feedback": 0.7, "typo": 1.5,
    "accessibility": 1.5, "contact": 0.6, "faq": 1.5, "advertisement": 2.5,
    "advertising": 1.2, "advertise": 1.5, "ad": 1.0, "ads": 1.5, "sponsored": 1.5,
    "promoted": 1.0, "rss": 2.0, "feed": 0.8, "tags": 1.5, "tagged": 1.5, "category": 1.0,
    "categories": 1.5, "uncategorized": 2.5, "uncategorised": 2.5, "archive": 0.7,
    "archives": 1.0, "submit": 1.2, "refresh": 0.7,
    # teasers / page metadata
    "related": 1.0, "latest": 1.0, "trending": 1.5, "popular": 0.7, "recommended": 1.0,
    "viewed": 0.7, "read": 0.5, "more": 0.3, "stories": 0.7, "articles": 0.7,
    "article": 0.5, "posts": 0.7, "post": 0.5, "topics": 1.0, "headlines": 0.7,
    "next": 0.5, "previous": 0.8, "prev": 1.5, "continue": 0.4, "posted": 1.0,
    "updated": 1.0, "published": 0.7, "byline": 2.0, "author": 1.0, "authors": 0.7,
    "editor": 0.5, "editors": 0.5, "correspondent": 0.5, "staff": 0.5, "writer": 0.5,
    "reporter": 0.3, "blog": 1.0, "wordpress": 1.5, "blogger": 1.5, "blogspot": 2.0,
    "powered": 1.0, "reuse": 1.5, "source": 0.5, "link": 1.0, "links": 1.0,
    "hyperlink": 1.5, "url": 1.5, "website": 0.5, "page": 0.5, "complaint": 0.7,
    "standards": 0.5, "curated": 0.7,
}

# Multi-word phrases (matched on normalised lower-case text; words inside a matched phrase
# do not also count as single words).
_PHRASES: dict[str, float] = {
    "all rights reserved": 4.0, "all right reserved": 4.0, "some rights reserved": 4.0,
    "rights remain": 1.5, "share this": 2.5, "share on": 2.0, "share via": 2.0,
    "share article": 2.0, "share story": 2.0, "leave a reply": 4.0, "leave a comment": 4.0,
    "post a comment": 3.0, "add a comment": 3.0, "no comments": 2.5, "view comments": 3.0,
    "show comments": 3.0, "comments are closed": 4.0, "join the conversation": 2.5,
    "log in": 2.0, "log into": 2.0, "logged in": 2.0, "sign in": 2.0, "sign up": 2.0,
    "sign-up": 2.0, "sign-in": 2.0, "create an account": 2.0, "create account": 2.0,
    "email address": 2.0, "e-mail address": 2.0, "required fields": 3.0,
    "will not be published": 2.0, "not be published": 1.5, "notify me": 2.5,
    "privacy policy": 2.5, "privacy notice": 2.5, "cookie policy": 2.5,
    "cookie settings": 2.5, "terms of use": 2.5, "terms of service": 2.5,
    "terms and conditions": 2.0, "do not sell": 2.0,
    "read more": 2.5, "read next": 2.5, "read also": 2.5, "also read": 2.5, "see also": 2.0,
    "more from": 1.5, "more stories": 2.0, "more articles": 2.0, "more news": 1.5,
    "you may also like": 3.0, "you might also like": 3.0, "you may like": 2.0,
    "you might like": 2.0, "most read": 2.5, "most viewed": 2.5, "most popular": 2.5,
    "most shared": 2.5, "editor's picks": 2.5, "editors' picks": 2.5, "top stories": 1.5,
    "related stories": 2.5, "related articles": 2.5, "related posts": 2.5,
    "related links": 2.5, "related content": 2.5, "related topics": 2.5,
    "related coverage": 2.0, "recommended for you": 3.0, "around the web": 2.5,
    "don't miss": 2.0, "in other news": 2.5, "further reading": 2.0,
    "suggested topics": 2.5, "explore more": 2.0, "continue reading": 2.5,
    "keep reading": 2.0, "full story": 1.5, "source link": 3.5, "original article": 1.5,
    "originally published": 2.5, "originally appeared": 2.5, "first appeared": 2.0,
    "this article appeared": 2.5, "this story appeared": 2.5, "with the headline": 1.5,
    "powered by": 3.0, "skip to": 2.5, "main content": 1.5, "back to top": 3.0,
    "jump to": 1.5, "click here": 2.5, "tap here": 2.5, "text size": 2.0, "font size": 2.0,
    "mobile version": 2.0, "desktop version": 2.0, "mobile site": 2.0,
    "enable javascript": 2.0, "your browser": 1.5, "ad blocker": 2.5,
    "min read": 2.5, "minute read": 2.5, "mins read": 2.5, "listen to this article": 3.0,
    "listen to this story": 3.0, "reading time": 2.0, "staff writer": 2.5,
    "staff reporter": 2.5, "staff report": 2.0, "contributed to this report": 4.0,
    "contributed reporting": 3.0, "reporting by": 2.5, "editing by": 2.5, "writing by": 2.0,
    "additional reporting": 2.5, "compiled by": 1.5, "words by": 2.0, "photographs by": 2.0,
    "photography by": 2.5, "photo by": 2.0, "photos by": 2.0, "photo credit": 2.5,
    "image credit": 2.5, "picture credit": 2.5, "file photo": 2.0, "illustration by": 2.0,
    "getty images": 3.0, "via getty": 3.0, "hide caption": 3.0, "toggle caption": 3.0,
    "enlarge this image": 3.0, "view gallery": 2.5, "open gallery": 2.5,
    "media contact": 3.0, "press contact": 3.0, "media inquiries": 3.0,
    "media enquiries": 3.0, "investor relations": 2.0, "for more information": 2.0,
    "forward-looking statements": 3.0, "forward looking statements": 3.0,
    "news release": 1.5, "press release": 1.0, "no obligation": 1.5, "safe harbor": 2.0,
    "provided by": 1.5, "follow us": 2.5, "follow me": 1.5, "like us": 2.0,
    "contact us": 2.5, "about us": 2.5, "advertise with us": 3.0, "our standards": 1.5,
    "trust principles": 1.5, "report an error": 2.5, "send us": 1.5,
    "breaking news alerts": 1.5, "key events": 1.5, "live updates": 1.0,
    "download the app": 2.5, "download our app": 2.5, "get the app": 2.5, "app store": 2.0,
    "google play": 2.0, "free trial": 2.0, "already a subscriber": 3.0,
    "subscribe now": 2.5, "support our journalism": 2.5, "views expressed": 2.5,
    "necessarily reflect": 2.5, "author's own": 2.0, "letter to the editor": 2.0,
}

# Words that, followed by a colon at the start of a line, label a chrome item
# ("Related: ...", "Photo: ...", "Tags: ...", "Media contact:").
_LABELS = frozenset("""
related read more also see latest watch listen photo photos image images picture pictures
credit credits caption source sources via tags tag topics topic filed posted categories
category advertisement sponsored promoted disclaimer contact follow share author authors by
byline photography illustration video videos gallery next previous prev recommended trending
copyright media press suggested keywords published updated
""".split())

# Vocabulary of teaser headings ("More Articles Like This", "Most viewed", "In Other News").
_TEASER = frozenset("""
related latest more read also recommended popular trending viewed shared stories story
articles article posts post news headlines topics links like you may might from this other
top editor's editors picks next previous see explore suggested further reading watch videos
video most similar recent around web sponsored promoted content don't miss must what to the
our on these in for elsewhere recommendations
""".split())

# Lower-case function words: a text containing one (and ending like a sentence) reads as prose.
_FUNCTION = frozenset("""
the a an of to in on at for with from by and but or is was are were be been being has have
had will would can could should may might must did does do it he she they we i you this that
these those not no its his her their our who which there than as if so said says after
before about into over under while when what because also only just very more most some any
all been him them us me my your
""".split())

_STOP = _FUNCTION | frozenset("""
said says told added one two three new also would could year years last first like get got
per cent percent mr mrs ms dr according just even still since then than them they its it's
don't can't won't however while where whose whom here there now well way make made much many
such other another each every both between through during without within upon again
""".split())

_MONTHS = frozenset("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
august september october november december mon tue tues wed thu thur thurs fri sat sun
monday tuesday wednesday thursday friday saturday sunday
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
décembre decembre januar februar märz maerz juni juli oktober dezember enero febrero marzo
abril mayo junio julio agosto septiembre octubre noviembre diciembre janeiro fevereiro março
maio junho julho setembro outubro novembro dezembro gennaio febbraio aprile maggio giugno
luglio settembre ottobre dicembre
""".split())
_MONTHS_AGO = _MONTHS | {"ago"}
_DATE_WORDS = _MONTHS | frozenset("""
am pm a.m. p.m. utc gmt bst cet cest est edt cst cdt mst mdt pst pdt et pt ist jst kst aest
aedt hkt sgt ago hour hours minute minutes min mins day days week weeks yesterday today
updated update published posted last modified on at by first issue edition of
le la à a de del el am um publié publiée mis jour publicado actualizado publicado
veröffentlicht aktualisiert pubblicato aggiornato
""".split())

# --------------------------------------------------------------------------- patterns
class _LazyRe:
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


_WORD_RE = _LazyRe(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*|\d+(?:[.,:/h-]\d+)*(?:st|nd|rd|th)?", re.U)
_phrase_re_cache: list[re.Pattern[str]] = []


def _trie_alternation(phrases: Iterable[str]) -> str:
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

    return build(trie)


def _phrase_re() -> re.Pattern[str]:
    """The phrase alternation, compiled on first use (keeps the module cheap to import)."""
    if not _phrase_re_cache:
        _phrase_re_cache.append(
            re.compile(r"(?<![\w-])" + _trie_alternation(_PHRASES) + r"(?![\w-])"))
    return _phrase_re_cache[0]


_phrase_words_cache: list[tuple[frozenset[str], frozenset[str], frozenset[tuple[str, str]]]] = []


def _may_hold_phrase(t: _Text) -> bool:
    """False only if no phrase can match in ``t.lower`` (a cheap test before the regex).

    A phrase starts after a character that is neither a word character nor "-", and ends
    before one. Unless a word of the text holds an inner "'", "’" or "." (then the words at
    the phrase's ends may run on past it), the words of the phrase are consecutive words of
    the text: its first two words, or its only word, are then among them.
    """
    if not _phrase_words_cache:
        toks = [_WORD_RE.findall(ph) for ph in _PHRASES]
        pairs = frozenset((w[0], w[1]) for w in toks if len(w) >= 2)
        _phrase_words_cache.append((frozenset(w[0] for w in toks if len(w) == 1),
                                    frozenset(a for a, _ in pairs), pairs))
    singles, firsts, pairs = _phrase_words_cache[0]
    low = t.low
    if not t.alpha:
        exact = t.exact
        if "'" in exact or "’" in exact or "." in exact:
            return True
    if not singles.isdisjoint(low):
        return True
    return not firsts.isdisjoint(low) and not pairs.isdisjoint(zip(low, low[1:]))


_EMAIL_RE = _LazyRe(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[\s*email\s*protected\s*\]", re.I)
# ([\w-]++ is possessive: giving characters back could never let "\." match, so the matches
# are those of [\w-]+, without the quadratic backtracking on every word)
_URL_RE = _LazyRe(
    r"https?://|\bwww\.|\b[\w-]++\.(?:com|org|net|co|io|info|news|example|gov|edu|uk|de|fr)\b(?!\.\w)",
    re.I,
)
# Cheap necessary conditions for some costly patterns: each finds a part that every match of
# the full pattern contains, and the full pattern runs only on a hit. The "_A" forms search
# lower-cased ASCII text without re.I (they start with a literal, which re scans fast); other
# text goes to the re.I form (re.I lets "i", "k", "s" match some non-ASCII letters).
_URL_PRE = _LazyRe(r"://|www\.|\.(?:co|org|net|io|info|news|example|gov|edu|uk|de|fr)", re.I)
_URL_PRE_A = _LazyRe(r"\.(?:co|org|net|io|info|news|example|gov|edu|uk|de|fr)")
_HANDLE_RE = _LazyRe(r"(?<![\w@])@[A-Za-z_]\w{2,}")
_MDLINK_RE = _LazyRe(r"(!?)\[([^\]\n]*)\]\([^)\n]*\)")
_COPY_RE = _LazyRe(r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:©\s*)?\d{4}", re.I)
_COUNTER_RE = _LazyRe(r"\(\s*\d+\s*/\s*\d+\s*[^\s\d()]{0,3}\s*\)")
_GALLERY_RE = _LazyRe(
    r"^\W*(?:(?:photo|image|slide|picture)s?\s*)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\W*$", re.I
)
_BRACKET_CREDIT_RE = _LazyRe(r"\[[A-Z][A-Z0-9 .,'&/-]{1,40}\]")
_PAREN_CREDIT_RE = _LazyRe(
    r"\((?:[A-Z]{2,}\s+)?(?:pool\s+|file\s+)?(?:photo|photograph|image|picture)s?\b[^)]{0,60}\)",
    re.I,
)
_INLINE_CREDIT_RE = _LazyRe(
    r"(?:^|[.!?\])]\s+|\s[|/–—-]\s*)\W*(?:photo|photograph|image|picture|credit|illustration)s?\s*(?:by\b|:)",
    re.I,
)
_END_CREDIT_RE = _LazyRe(
    r"[.!?]\s*[(\[](?:[A-Z][\w.&'’-]*)(?:[ /][A-Z][\w.&'’-]*){0,3}[)\]]\s*$"
)
_AGENCY_SLASH_RE = _LazyRe(r"\b[A-Z]{2,}(?:\s[A-Z]{2,})?\s*/\s*[A-Z][A-Za-z]+")
_SEP_RE = _LazyRe(r"\s(?:>|<|»|›|\||·|•|∙|/|::)\s|[»›|·•∙]")
_BYLINE_RE = _LazyRe(
    r"^\W*(?i:by|written by|words by|text by|story by|posted by|author|authors)\s*:?\s+"
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:[\s,]+(?:[A-Z][\w'’.-]*|and|&|de|da|van|von|der|del|la|le|al|bin|el))+"
)
_BYLINE_NAME_RE = _LazyRe(
    r"^\W*(?i:by|written by|words by|text by|story by|author|authors)\s*:?\s+"
    r"((?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|del|la|le|al|bin|el)){1,3})"
)
_BYLINE_ONE_RE = _LazyRe(r"^\W*(?i:by|author)\s*:?\s+[A-Z][\w'’.-]+\W*$")
# first letters of the words _BYLINE_RE / _BYLINE_ONE_RE and _DATEPREFIX_RE start with, in
# either case, and "ſ" (re.I matches it to "s")
_BYLINE_INITIALS = frozenset("bwtspaBWTSPAſ")
_DATEPREFIX_INITIALS = frozenset("pulfmcPULFMC")
_DATEPREFIX_RE = _LazyRe(
    r"^\W*(?:posted|published|updated|last updated|first published|modified|created)\b"
    r"(?:\s+(?:on|at))?\s*:?.{0,40}\d",
    re.I,
)
_PHONE_RE = _LazyRe(
    r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\b\d{3}-\d{4}\b"
)
_PHONE_PRE = _LazyRe(r"\d\d\d\)?[\s.-]\d\d\d")
_PHONE_PRE_A = _LazyRe(r"[0-9][0-9][0-9]\)?[\s.-][0-9][0-9][0-9]")
_UI_TOKEN_RE = _LazyRe(
    r"\b\w+[-_](?:image|img|icon|btn|button|logo|banner|thumb|thumbnail|svg|png)\b"
    r"|\.(?:jpe?g|png|gif|svg|webp)\b",
    re.I,
)
_UI_PRE = _LazyRe(r"[-_](?:im|ic|bt|bu|lo|ba|th|sv|pn)|\.(?:jp|pn|gi|sv|we)", re.I)
_UI_PRE_A1 = _LazyRe(r"[-_](?:im|ic|bt|bu|lo|ba|th|sv|pn)")
_UI_PRE_A2 = _LazyRe(r"\.(?:jp|pn|gi|sv|we)")
_LABEL_RE = _LazyRe(r"^\W*([^\W\d_]+(?:['’][^\W\d_]+)?)(?:\s+([^\W\d_]+))?\s*:")
_TERMINAL_RE = _LazyRe(r"[.!?…][\"'’”»)\]*_]*$")
_TERMINAL_CLOSERS = "\"'’”»)]*_"  # what _TERMINAL_RE allows after the terminal mark
_QUOTE_START = tuple("\"“‘'«„")
_QUOTE_END = tuple("\"”’'»")
_REPORT_RE = _LazyRe(r"\b(?:said|says|told|added|explained|according to|asked|warned)\b")
_MD_STRIP_RE = _LazyRe(r"[*_#`~]+")
_QUOTED_RE = _LazyRe(r"[\"“”]([^\"“”]{12,}?)[\"“”]")
_DATE_ANCHOR_RE = _LazyRe(r"^\d{1,2}[:.h]\d{2}$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|^(?:19|20)\d\d$")
_DAY_RE = _LazyRe(r"^\d{1,2}(?:st|nd|rd|th)?$")
_SEP_CHARS = frozenset("<>»›|·•∙/:")
_ABOUT_RE = _LazyRe(r"^\W*(?:About|ABOUT)\s+(?:the\s+|The\s+)?[A-Z0-9]")

# Words of headings that open a footer block (legal text, contacts, link lists).
_BLOCK_WORDS = ("disclaimer", "forward-looking", "forward looking", "safe harbor", "contact",
                "inquiries", "enquiries", "related links", "legal", "copyright", "terms")

THRESHOLD = 1.5
# Cosine similarity of content words above which two articles are taken to tell one story
# (same-story articles share wire copy; a line shared by different stories is chrome).
_SAME_STORY = 0.35


# --------------------------------------------------------------------------- features
def _clean(text: str) -> tuple[str, float]:
    """Text with Markdown links/emphasis flattened, and the structural score of links."""
    bonus = 0.0
    if "](" in text:
        def repl(m: re.Match[str]) -> str:
            nonlocal bonus
            bonus = max(bonus, 3.0 if m.group(1) else 2.0)
            return m.group(2)
        text = _MDLINK_RE.sub(repl, text)
    if "*" in text or "_" in text or "#" in text or "`" in text or "~" in text:
        text = _MD_STRIP_RE.sub(" ", text)
    return text, bonus


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


# Characters that never belong to a word token (no letters, digits or case): stripped from
# the ends of a whitespace-separated chunk before the fast path of _tokens.
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~’‘“”«»—–…•·›‹„‚"


def _tokens(chunks: list[str]) -> tuple[list[str], list[str], str | None]:
    """(``_WORD_RE.findall(text)``, ``_WORD_RE.findall(text.lower())``, joined) for
    ``chunks = text.split()``; ``joined`` is ``" ".join`` of the second list when every word
    is letters only (so none holds a digit), else None.

    Word tokens never span white space, so each chunk is tokenised on its own; a chunk that
    is letters only (or digits only) between punctuation is one token, lower-cased as one
    token; the regex runs only on the other chunks ("U.S.", "don't", "10h30", "e-mail").
    """
    cores = [c.strip(_PUNCT) for c in chunks]
    if "".join(cores).isalpha():  # every chunk: letters between punctuation (or no letters)
        words = [c for c in cores if c] if "" in cores else cores
        joined = " ".join(words).lower()
        low = joined.split()
        if len(low) == len(words) and "".join(low).isalpha():
            return words, low, joined
    words: list[str] = []
    joined = " ".join(chunks)
    if (not joined or max(joined) <= "\u012f" or not _LOWER_UNSAFE_CHAR.search(joined)) \
            and not _DIGIT_CASED.search(joined):
        # lower-casing keeps these words apart exactly as they are: the words of the
        # lower-cased text are the lower-cased words
        for c, core in zip(chunks, cores):
            if core.isalpha() or core.isdecimal():
                words.append(core)
            elif core:
                words += _WORD_RE.findall(c)
        return words, " ".join(words).lower().split(), None
    low = []
    for c, core in zip(chunks, cores):
        if core.isalpha():
            lc = core.lower()
            if lc.isalpha():
                words.append(core)
                low.append(lc)
                continue
        elif core.isdecimal():
            words.append(core)
            low.append(core)
            continue
        elif not core:
            continue
        words += _WORD_RE.findall(c)
        low += _WORD_RE.findall(c.lower())
    return words, low, None


# Text in which lower-casing may change how _WORD_RE splits words: characters outside ASCII,
# Latin-1 and Latin Extended-A up to U+012F and General Punctuation (for all those, lower()
# gives one character of the same class; "İ" gives two), and a digit before a letter that
# _WORD_RE reads after digits only in lower case ("10H30", "1ST").
_LOWER_UNSAFE_CHAR = _LazyRe(r"[^\x00-\u012f\u2000-\u206f]")
_DIGIT_CASED = _LazyRe(r"\d[HSNRThsnrt]")


def _terminal(text: str) -> bool:
    """``_TERMINAL_RE.search(text)`` for a text without trailing white space."""
    end = text.rstrip(_TERMINAL_CLOSERS)
    return bool(end) and end[-1] in ".!?…"


class _Text:
    """Tokens and shape of one text unit, computed once per distinct text in a marking run.

    ``clean, bonus = _clean(text)``; ``words``/``low``: the word tokens of ``clean`` and of
    ``clean.lower()``; ``lower``: ``" ".join(clean.lower().split())``; ``funcs``: how many
    words are (lower-case) function words; ``sl``: ``_is_sentence_like(clean, words)``.
    """

    __slots__ = ("clean", "bonus", "words", "low", "lower", "alpha", "n", "funcs", "sl",
                 "_content", "_exact", "_key")

    def __init__(self, text: str) -> None:
        if "](" in text or "*" in text or "_" in text or "#" in text or "`" in text or "~" in text:
            clean, self.bonus = _clean(text)
        else:
            clean, self.bonus = text, 0.0
        self.clean = clean
        chunks = clean.split()
        self.lower = " ".join(chunks).lower()
        words, self.low, self._exact = _tokens(chunks)
        self.words = words
        self.alpha = self._exact is not None  # every word is letters only
        self.n = n = len(words)
        self.funcs = funcs = sum(map(_FUNCTION.__contains__, words)) if n else 0
        self.sl = _is_sentence_like(clean, words, funcs)
        self._content = self._key = None

    @property
    def content(self) -> set[str]:
        """``_content(words)`` (shared: do not mutate)."""
        if self._content is None:
            self._content = _content(self.words)
        return self._content

    @property
    def exact(self) -> str:
        """``" ".join(_WORD_RE.findall(clean.lower()))``."""
        if self._exact is None:
            self._exact = " ".join(self.low)
        return self._exact

    @property
    def key(self) -> str:
        """``_key(text)``: the words of the cleaned text equal those of the raw text, except
        for Markdown links, which _key cleans too."""
        if self._key is None:
            self._key = self.exact if self.alpha else self.exact.translate(_DIGITS)
        return self._key


class _Texts(dict):
    """text -> _Text, filled on demand (one marking run's cache)."""

    def __missing__(self, text: str) -> _Text:
        t = self[text] = _Text(text)
        return t


def _is_sentence_like(text: str, words: list[str], funcs: int | None = None) -> bool:
    """Reads as prose: ends like a sentence and has a lower-case function word."""
    n = len(words)
    if n == 0:
        return False
    if funcs is None:
        funcs = sum(map(_FUNCTION.__contains__, words))  # lower-case tokens only
    end = text.rstrip()
    if n <= 4 and end.endswith(("...", "…")):
        return False  # an input placeholder or a truncated link: "Type your email..."
    if n >= 2 and _terminal(end) and (funcs >= 1 or (
            end[:1].isupper() and any(w.islower() and len(w) > 2 for w in words[1:]))):
        return True  # "Nobody wanted this." / "It's over."
    return n >= 12 and funcs >= 3


def _date_line(words: list[str]) -> bool:
    """A line that is (almost) only a date or time: "Updated 6:42 p.m.", "Tue 8 Apr 2025"."""
    if not words or len(words) > 12:
        return False
    anchors = hits = 0
    for w in words:
        lw = w.lower().rstrip(".")
        digit = lw[:1].isdecimal()  # both patterns start with \d
        if lw in _MONTHS or lw == "ago" or (digit and _DATE_ANCHOR_RE.match(lw)):
            anchors += 1
            hits += 1
        elif lw in _DATE_WORDS or lw in ("a.m", "p.m") or (digit and _DAY_RE.match(lw)):
            hits += 1
    return anchors > 0 and hits >= 0.6 * len(words)


def _breadcrumb(text: str, nwords: int) -> bool:
    if nwords > 16 or "\n" in text.strip():
        return False
    parts = [p for p in _SEP_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    seps = len(parts) - 1
    lens = [len(_words(p)) for p in parts]
    if any(ln == 0 for ln in lens[:-1]):
        return False
    if all(ln <= 5 for ln in lens):
        return True
    # "Home » Section » A long headline": short crumbs, long last item
    return seps >= 2 and all(ln <= 4 for ln in lens[:-1])


def chrome_score(text: str, topic: Iterable[str] = ()) -> float:
    """How much ``text`` (a line or a sentence) looks like site chrome; >= 1.5 means chrome.

    ``topic``: lower-case words the article is about; chrome words among them count less
    (an article about Facebook may say "Facebook" in its body).
    """
    return _score(text, frozenset(topic))[0]


_TOPIC_FACTOR = 0.2


def _score(text: str, topic: frozenset[str] = frozenset(),
           texts: _Texts | None = None) -> tuple[float, float, bool, int]:
    """(score, cue, sentence_like, word count) of one text unit.

    ``texts``: the marking run's cache of text features (computed here if not given).
    """
    raw = text.strip()
    if not raw:
        return 0.0, 0.0, False, 0
    t = texts[raw] if texts is not None else _Text(raw)
    clean, cue, words, n = t.clean, t.bonus, t.words, t.n
    letters = sum(map(str.isalpha, raw)) if len(raw) < 8 else 8
    if letters <= 2 and n <= 3 and not any(ch.isdigit() for ch in raw):
        return 5.0, 5.0, False, n  # a stray letter or a line of punctuation
    lower = t.lower
    # phrases, then single words outside the phrases
    rest_words = t.low  # the words of ``lower`` when no phrase is cut out of it
    pieces: list[str] = []
    pos = 0
    matched: set[str] = set()
    for m in _phrase_re().finditer(lower) if _may_hold_phrase(t) else ():
        matched.add(m.group(0))
        pieces.append(lower[pos:m.start()])
        pos = m.end()
    if matched:
        pieces.append(lower[pos:])
        rest_words = _tokens(" ".join(pieces).split())[0]  # = _WORD_RE.findall(...)
        for ph in matched:
            on_topic = topic and any(w in topic for w in ph.split() if w not in _FUNCTION)
            cue += _PHRASES[ph] * (_TOPIC_FACTOR if on_topic else 1.0)
    seen: set[str] = set()
    for w in rest_words:
        if w in _WORDS and w not in seen:
            seen.add(w)
            cue += _WORDS[w] * (_TOPIC_FACTOR if w in topic else 1.0)
    # structure (each pattern behind a cheap pre-check)
    if ("©" in raw or "(c" in lower or "copyright" in lower) and _COPY_RE.search(raw):
        cue += 3.5
    if ("@" in raw or "protected" in lower) and _EMAIL_RE.search(raw):
        cue += 2.5
    ascii_low = raw.lower() if raw.isascii() else None
    # words of letters only and no Markdown link: the text has no digit at all
    no_digit = t.alpha and "](" not in raw
    if "." in raw and (
        ("://" in raw or "www." in ascii_low or _URL_PRE_A.search(ascii_low)) if ascii_low is not None
        else _URL_PRE.search(raw)
    ) and _URL_RE.search(raw):
        cue += 2.0
    if "@" in raw and _HANDLE_RE.search(raw):
        cue += 1.5
    if ("/" in raw and _COUNTER_RE.search(raw)) or (n <= 6 and not no_digit and _GALLERY_RE.match(raw)):
        cue += 3.0
    if ("[" in raw and _BRACKET_CREDIT_RE.search(raw)) or ("(" in raw and _PAREN_CREDIT_RE.search(raw)):
        cue += 3.0
    elif ("photo" in lower or "image" in lower or "picture" in lower or "credit" in lower
          or "illustration" in lower) and _INLINE_CREDIT_RE.search(clean):  # credit words
        cue += 2.5
    elif "/" in raw and _AGENCY_SLASH_RE.search(raw):
        cue += 1.5
    if ("-" in raw or "_" in raw or "." in raw) and (
        ((("-" in raw or "_" in raw) and _UI_PRE_A1.search(ascii_low))
         or ("." in raw and _UI_PRE_A2.search(ascii_low))) if ascii_low is not None
        else _UI_PRE.search(raw)
    ) and _UI_TOKEN_RE.search(raw):
        cue += 2.5
    # a phone number has at least 7 decimal digits (so it implies the old digit-count guard)
    if not no_digit and (_PHONE_PRE_A.search(raw) if ascii_low is not None else _PHONE_PRE.search(raw)) \
            and _PHONE_RE.search(raw):
        cue += 1.0
    if n <= 14:
        # these patterns start with ^\W* and a word, so they can only match if the first word
        # (clean has no "_", so it starts at the first \w character) starts with one of the
        # letters of their words (or a letter that re.I matches to one)
        c0 = words[0][0] if n else ""
        if c0 in _BYLINE_INITIALS and (_BYLINE_RE.match(clean) or _BYLINE_ONE_RE.match(clean)):
            cue += 3.0
        if c0 in _DATEPREFIX_INITIALS and _DATEPREFIX_RE.match(clean):
            cue += 3.0
        elif (not t.alpha or not _MONTHS_AGO.isdisjoint(t.low)) and _date_line(words):
            cue += 3.0  # (a date line of letters-only words needs a month name or "ago")
    if ":" in raw:
        m = _LABEL_RE.match(clean)
        if m and m.group(1).lower() in _LABELS and (
            m.group(2) is None or m.group(1).lower() in ("read", "see", "media", "press", "filed",
                                                       "posted", "next", "suggested", "more")
            or m.group(2).lower() in _TEASER or m.group(2).lower() in _LABELS
        ):
            cue += 3.0
    sentence_like = t.sl
    if not sentence_like and n <= 16 and not _SEP_CHARS.isdisjoint(raw) and _breadcrumb(clean, n):
        cue += 2.5
    # fragments
    if (not sentence_like and n <= 4) or n <= 3:
        if cue > 0:
            cue += 0.8
        if n and all(w.isupper() for w in words if w.isalpha()) and any(w.isalpha() for w in words):
            cue += 0.5
    # evidence against chrome
    if sentence_like:
        penalty = (1.2 if t.funcs else 0.5) + 0.08 * n
    else:
        penalty = 0.04 * n
    if n >= 3 and (raw.startswith(_QUOTE_START) or raw.endswith(_QUOTE_END)):
        penalty += 1.5
    if ("said" in lower or "says" in lower or "told" in lower or "added" in lower
            or "explained" in lower or "according to" in lower or "asked" in lower
            or "warned" in lower) and _REPORT_RE.search(lower):
        penalty += 1.0
    return cue - penalty, cue, sentence_like, n


_CONTENT_MEMO: dict[str, str] = {}  # word token -> content form ("" = not a content word)
_CONTENT_MEMO_MAX = 200_000


def _content_word(w: str) -> str:
    lw = w.lower().replace("’", "'")
    if lw.endswith("'s"):
        lw = lw[:-2]
    if len(lw) < 3 or lw in _STOP:
        return ""
    if len(lw) > 4 and lw.endswith("s") and not lw.endswith("ss"):
        lw = lw[:-1]
    return lw


def _content(words: Iterable[str]) -> set[str]:
    words = words if isinstance(words, list) else list(words)
    memo = _CONTENT_MEMO
    out = set(map(memo.get, words))
    if None in out:
        if len(memo) > _CONTENT_MEMO_MAX:
            memo.clear()
        out = set()
        for w in words:
            c = memo.get(w)
            if c is None:
                c = memo[w] = _content_word(w)
            out.add(c)
    out.discard("")
    return out


_DIGITS = str.maketrans("123456789", "000000000")


def _key(text: str) -> str:
    """Normalised text for repetition checks (case, digits, punctuation, Markdown ignored)."""
    if "](" in text or "*" in text or "_" in text or "#" in text:
        text, _ = _clean(text)
    return " ".join(_tokens(text.split())[1]).translate(_DIGITS)


# --------------------------------------------------------------------------- corpus index
class _Index:
    """Normalised lines and sentences of a set of articles, and their topic vectors."""

    def __init__(self, articles: Sequence[Article], texts: _Texts | None = None) -> None:
        """``texts``: a cache of text features to fill (and share with the marking runs)."""
        if texts is None:
            texts = _Texts()
        self.articles = list(articles)
        self.keys: dict[str, set[int]] = {}
        self.vectors: list[Counter[str]] = []
        self.norms: list[float] = []
        for i, art in enumerate(self.articles):
            seen: set[str] = set()
            for ps, pe in art.paragraphs:
                seen.add(texts[art.text[ps:pe]].key)  # = _key(paragraph)
            vec: Counter[str] = Counter()
            for s in art.sentences:
                text = s.text
                t = texts[text.strip()]  # (white space never changes the words)
                seen.add(t.key)
                # _words(text): the words of the cleaned text unless it holds a Markdown link
                vec.update(_content(_words(text)) if "](" in text else t.content)
            for k in seen:
                if k:
                    self.keys.setdefault(k, set()).add(i)
            self.vectors.append(vec)
            self.norms.append(math.sqrt(sum(v * v for v in vec.values())) or 1.0)

    def similarity(self, vec: Counter[str], norm: float, i: int) -> float:
        other = self.vectors[i]
        if len(vec) > len(other):
            vec, other = other, vec
        dot = sum(v * other.get(w, 0) for w, v in vec.items())
        return dot / (norm * self.norms[i])


# --------------------------------------------------------------------------- detector
class _PrefixCore:
    """Content words of the body paragraphs before index j, for j moving either way.

    Moving the index costs only the paragraphs passed over, so a scan over the article
    (forward for headings, backward for the tail) stays linear.
    """

    def __init__(self, paras: list[_Para], in_core: list[bool]) -> None:
        self.paras = paras
        self.in_core = in_core
        self.pos = 0
        self.words: Counter[str] = Counter()

    def upto(self, j: int) -> Counter[str]:
        while self.pos < j:
            if self.in_core[self.pos]:
                self.words.update(self.paras[self.pos].content)
            self.pos += 1
        while self.pos > j:
            self.pos -= 1
            if self.in_core[self.pos]:
                self.words.subtract(self.paras[self.pos].content)
                for w in self.paras[self.pos].content:
                    if self.words[w] <= 0:
                        del self.words[w]
        return self.words


class _Para:
    __slots__ = ("idx", "sents", "text", "t", "score", "cue", "sl", "n", "chrome", "weak",
                 "sent_scores", "why")

    def __init__(self, idx: int, text: str, texts: _Texts) -> None:
        self.idx = idx
        self.sents: list[int] = []
        self.text = text
        self.t = t = texts[text]
        self.n = n = t.n
        self.sl = t.sl
        self.score = self.cue = 0.0
        self.chrome = False
        if self.sl or n > 12:
            self.weak = False
        else:
            stripped = text.strip()
            quoted = n >= 3 and stripped.startswith(_QUOTE_START)
            # lower-case prose cut short ("the capital is") is not a fragment of page chrome
            lower_prose = stripped[:1].islower() and t.funcs >= 2
            self.weak = not quoted and not lower_prose
        self.sent_scores: Sequence[float] = ()
        self.why = ""

    @property
    def content(self) -> set[str]:
        return self.t.content

    @property
    def exact(self) -> str:
        return self.t.exact

    @property
    def key(self) -> str:
        return self.t.key

    def rescore(self, topic: frozenset[str], texts: _Texts) -> None:
        self.score, self.cue, _, _ = _score(self.text, topic, texts)
        self.chrome = self.score >= THRESHOLD
        self.why = f"chrome cues (score {self.score:.1f})" if self.chrome else ""

    def mark(self, why: str) -> None:
        if not self.chrome:
            self.chrome = True
            self.why = why


def _is_teaser_heading(p: _Para, texts: _Texts) -> bool:
    if p.sl or p.n == 0 or p.n > 6:
        return False
    clean = texts[p.text].clean
    low = clean.strip().rstrip(":").strip().lower()
    words = _words(low)
    if not words:
        return False
    if words[0] in ("more", "also") and len(words) > 1 and words[1] in ("from", "in", "on", "about", "by"):
        return True
    if all(w in _TEASER for w in words) and any(w not in _FUNCTION for w in words):
        return True
    if not p.chrome:
        return False
    return any(all(w in _TEASER for w in m.group(0).split()) for m in _phrase_re().finditer(low))


def _is_block_heading(p: _Para) -> bool:
    """A heading that opens a footer block: "About Acme", "Media contact:", "Disclaimer"."""
    if p.sl or p.n == 0 or p.n > 6:
        return False
    text = p.text.strip()
    if _ABOUT_RE.match(text) and not _TERMINAL_RE.search(text):
        return True
    if not p.chrome:
        return False
    low = text.lower()
    return text.endswith(":") or any(w in low for w in _BLOCK_WORDS)


def _mark(article: Article, index: _Index | None, self_id: int | None,
          texts: _Texts | None = None) -> dict[int, str]:
    """Set the flags; returns {sentence id: reason} for the sentences marked."""
    sents = article.sentences
    for s in sents:
        s.boilerplate = False
    if len(sents) <= 1 or not article.paragraphs:
        return {}
    text = article.text
    if texts is None:
        texts = _Texts()
    paras: list[_Para] = []
    by_idx: dict[int, _Para] = {}
    for s in sents:
        if s.paragraph == 0:
            continue
        p = by_idx.get(s.paragraph)
        if p is None:
            ps, pe = article.paragraphs[s.paragraph] if s.paragraph < len(article.paragraphs) else (s.start, s.end)
            p = _Para(s.paragraph, text[ps:pe], texts)
            by_idx[s.paragraph] = p
            paras.append(p)
        p.sents.append(s.id)
    if not paras:
        return {}
    count = len(paras)
    title = sents[0].text
    title_t = texts[title]
    title_key = title_t.key
    sent_flag: dict[int, str] = {}

    # 0. the article's own topic words (title, and words repeated across prose paragraphs)
    #    are not chrome cues here
    freq: Counter[str] = Counter()
    for p in paras:
        if p.sl and p.n >= 8:
            freq.update(set(map(str.lower, texts[p.text].words)))
    topic = frozenset(
        {w.lower() for w in title_t.words if len(w) >= 3 and w.lower() not in _FUNCTION}
        | {w for w, c in freq.items() if c >= 3 and w not in _FUNCTION}
    )
    for p in paras:
        p.rescore(topic, texts)

    # 1. sentence-level scores inside multi-sentence paragraphs
    for p in paras:
        if len(p.sents) > 1:
            if not p.chrome:  # (the sentence scores of a chrome paragraph do not matter)
                p.sent_scores = [_score(sents[i].text, topic, texts)[0] for i in p.sents]
                if all(sc >= THRESHOLD for sc in p.sent_scores):
                    p.mark("all sentences chrome")
                else:
                    for i, sc in zip(p.sents, p.sent_scores):
                        if sc >= THRESHOLD + 0.5:
                            sent_flag[i] = "chrome cues (sentence)"
            # a short caption paragraph with a credit: chrome as a whole
            if not p.chrome and p.n <= 45 and len(p.sents) <= 3 and any(
                rx.search(p.text) for rx in (_BRACKET_CREDIT_RE, _PAREN_CREDIT_RE)
            ):
                p.mark("caption with credit")
            if not p.chrome and p.n <= 45 and len(p.sents) <= 3 and (
                    _INLINE_CREDIT_RE.search(texts[p.text].clean) or _END_CREDIT_RE.search(p.text)):
                p.mark("caption with credit")

    # 2. repetition within the article: the headline again, a line twice, a pull quote
    title_exact = title_t.exact
    seen: dict[str, int] = {title_exact: -1} if title_exact else {}
    quoted: set[str] = set()
    sent_seen: set[str] = set()
    for j, p in enumerate(paras):
        k = p.exact
        if k and len(k) >= 3:
            if k in seen:
                p.mark("repeated line")
                first = seen[k]
                if first == j - 1 and first >= 0:
                    paras[first].mark("repeated line")
            else:
                seen[k] = j
            if not p.chrome and 4 <= p.n <= 30 and k in quoted:
                p.mark("pull quote")  # pull quote repeating an earlier quotation
        pt = p.text
        if '"' in pt or "“" in pt or "”" in pt:
            for m in _QUOTED_RE.finditer(pt):
                qk = " ".join(_WORD_RE.findall(m.group(1).lower()))
                if qk:
                    quoted.add(qk)
        for i in p.sents:
            st = sents[i].text
            # the words of the lower-cased sentence: those of its cleaned text unless it
            # holds a Markdown link (emphasis marks are never part of a word)
            sw = _WORD_RE.findall(st.lower()) if "](" in st else texts[st.strip()].low
            if len(sw) >= 5:
                sk = " ".join(sw)
                if sk in sent_seen:
                    sent_flag[i] = "repeated sentence"
                sent_seen.add(sk)

    # 3. repetition across articles
    if index is not None and index.articles:
        vec: Counter[str] = Counter()
        for s in sents:
            st = s.text
            vec.update(_content(_words(st) if "](" in st else texts[st.strip()].words))
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        sims: dict[int, float] = {}

        def sim(i: int) -> float:
            if i not in sims:
                sims[i] = index.similarity(vec, norm, i)
            return sims[i]

        edge_lo, edge_hi = max(2, int(count * 0.2)), count - max(3, int(count * 0.3))
        for j, p in enumerate(paras):
            if p.chrome or not p.key or p.key == title_key:
                continue
            hits = [i for i in index.keys.get(p.key, ()) if i != self_id]
            if not hits:
                continue
            diff = sum(1 for i in hits if sim(i) < _SAME_STORY)
            at_edge = j < edge_lo or j >= edge_hi
            if diff and (not p.sl or at_edge or diff >= 2 or p.n <= 4):
                p.mark("repeated in other articles")
            elif diff or (p.weak and p.n <= 8 and (p.cue > 0 or at_edge)):
                if p.score + 1.5 >= THRESHOLD:
                    p.mark("repeated in other articles")

    def strong_body(p: _Para) -> bool:
        return not p.chrome and p.sl and p.n >= 6

    first_body = next((j for j, p in enumerate(paras) if strong_body(p)), count)

    # 4. head: short fragments before the first prose paragraph
    for j in range(first_body):
        p = paras[j]
        if p.weak and (p.n <= 6 or p.cue > 0.5):
            p.mark("header fragment")

    # names of the site ("The Valley Courier", "KXVT News 8": short header lines) and of
    # the author (from a byline); footer lines name them ("<Site> is independent ...",
    # "<Author> is a professor ...")
    site_names = {p.key for p in paras[:first_body] if p.chrome and 2 <= p.n <= 4 and p.key != title_key
                  and not _date_line(_words(p.text))}
    for p in paras[: max(first_body, 0) + 3]:
        if p.chrome and p.n <= 14:
            m = _BYLINE_NAME_RE.match(texts[p.text].clean.strip())
            if m:
                name = _key(m.group(1))
                if len(name.split()) >= 2:
                    site_names.add(name)

    def names_site(p: _Para) -> bool:
        if not site_names or p.n > 25:
            return False
        key = " " + p.key + " "
        return any(" " + name + " " in key for name in site_names)

    # 5. topic: content words of the body (title + prose paragraphs not yet chrome). A
    #    footer or teaser paragraph is compared with the body *before* it only, so that
    #    footer lines never vouch for each other.
    in_core = [not p.chrome and p.sl and p.n >= 8 and not names_site(p) for p in paras]
    title_words = title_t.content
    prefix = _PrefixCore(paras, in_core)

    def overlap(p: _Para, before: int) -> float:
        """Share of p's content words found in the title or in body paragraphs before ``before``."""
        if not p.content:
            return 0.0
        core = prefix.upto(before)
        return sum(1 for w in p.content if w in title_words or w in core) / len(p.content)

    last_body = next((j for j in range(count - 1, -1, -1) if strong_body(paras[j])), -1)

    # position of each paragraph by words read so far (long teaser lists do not pull it down)
    total_words = sum(p.n for p in paras) or 1
    words_before: list[int] = []
    acc = 0
    for p in paras:
        words_before.append(acc)
        acc += p.n

    # 6. teaser / footer headings: the list below them is chrome
    j = max(first_body, 0)
    while j < count:
        p = paras[j]
        teaser = _is_teaser_heading(p, texts)
        block = not teaser and _is_block_heading(p)
        if (teaser or block) and j > first_body:
            p.mark("teaser/footer heading")
            late = words_before[j] >= 0.5 * total_words or j > last_body
            k = j + 1
            while k < count:
                q = paras[k]
                if q.chrome or q.weak:
                    q.mark("list under heading")
                    k += 1
                    continue
                if late and not (q.sl and q.n >= 8 and overlap(q, j) >= 0.4 and len(q.content) >= 3):
                    q.mark("off-topic text under heading")
                    k += 1
                    continue
                break
            j = k
            continue
        j += 1

    # 6b. a copyright line late in the article: what follows it is footer too
    for j, p in enumerate(paras):
        if p.chrome and j > first_body and words_before[j] >= 0.5 * total_words and (
                "©" in p.text or "rights reserved" in p.text.lower() or _COPY_RE.search(p.text)):
            for k in range(j + 1, count):
                q = paras[k]
                if q.sl and q.n >= 8 and len(q.content) >= 3 and overlap(q, j) >= 0.4:
                    break
                q.mark("after the copyright line")
            break

    # 7. short fragments next to chrome (a widget's title, a lone "Email" button); one sweep
    #    each way lets a run of fragments join the chrome beside it
    for order in (range(count), range(count - 1, -1, -1)):
        for j in order:
            p = paras[j]
            if p.chrome or not p.weak or p.n > 5:
                continue
            if (j > 0 and paras[j - 1].chrome) or (j + 1 < count and paras[j + 1].chrome):
                widget = j + 2 < count and paras[j + 1].chrome and paras[j + 2].chrome
                if p.cue > 0 or j > last_body or j < first_body or p.n <= 3 or widget:
                    p.mark("fragment next to chrome")

    # 8. tail: grow the final chrome run backwards over fragments and off-topic text. Only
    #    when the trailing run of fragments holds real chrome (a fact box at the end of an
    #    article is not a footer).
    j = count - 1
    k = j
    has_chrome = False
    while k >= 0 and (paras[k].chrome or paras[k].weak):
        has_chrome = has_chrome or paras[k].chrome or paras[k].cue >= 0.5
        k -= 1
    while j >= 0:
        p = paras[j]
        if p.chrome:
            j -= 1
            continue
        if p.weak:
            if not has_chrome:
                break
            if p.cue == 0 and len(p.content) >= 2 and overlap(p, j) >= 0.5:
                break  # an on-topic fragment: "Pay rise: 9 percent over two years"
            p.mark("tail fragment")
            j -= 1
            continue
        if names_site(p) and (p.cue >= 1.0 or p.key.startswith(tuple(site_names))):
            p.mark("site name in footer")  # "<Site> is independent ...", "Thanks for reading <Site>! Subscribe"
            j -= 1
            continue
        # a short line inside the footer (chrome or fragments on both sides): "Ready for more?"
        if p.n <= 8 and j > first_body and j < count - 1 and (paras[j - 1].chrome or paras[j - 1].weak) \
                and not p.text.strip().startswith(_QUOTE_START):
            p.mark("short line inside footer")
            j -= 1
            continue
        if len(p.content) >= 4 and p.cue >= 1.0 and p.score >= -0.6:
            ov = overlap(p, j)
            sandwich = j > 0 and paras[j - 1].chrome
            if ov < (0.35 if sandwich else 0.25):
                p.mark("off-topic footer text")
                j -= 1
                continue
        break

    # 9. write the flags
    why: dict[int, str] = {}
    for i, reason in sent_flag.items():
        if i != 0:
            sents[i].boilerplate = True
            why[i] = reason
    for p in paras:
        if p.chrome:
            for i in p.sents:
                sents[i].boilerplate = True
                why[i] = p.why
    sents[0].boilerplate = False
    why.pop(0, None)
    return why


def mark_boilerplate(article: Article, others: Sequence[Article] = ()) -> None:
    """Set ``Sentence.boilerplate`` on the sentences of ``article`` that are site chrome.

    ``others`` are the other loaded articles: a line that also occurs in articles about
    different stories is chrome. Flags are recomputed from scratch (never deletes text).
    """
    others = [o for o in others if o is not article]
    texts = _Texts()
    _mark(article, _Index(others, texts) if others else None, None, texts)


def explain_boilerplate(article: Article, others: Sequence[Article] = ()) -> dict[int, str]:
    """Mark ``article`` like :func:`mark_boilerplate`; return {sentence id: why it is chrome}."""
    others = [o for o in others if o is not article]
    texts = _Texts()
    return _mark(article, _Index(others, texts) if others else None, None, texts)


def mark_corpus(articles: Sequence[Article]) -> None:
    """Re-mark every article of ``articles`` using the others as context."""
    arts = list(articles)
    if len(arts) < 2:
        for a in arts:
            _mark(a, None, None)
        return
    texts = _Texts()  # shared: the index tokenises every line the marking runs look at
    index = _Index(arts, texts)
    for i, a in enumerate(arts):
        _mark(a, index, i, texts)
