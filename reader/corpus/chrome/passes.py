"""The passes that mark an article's site chrome, each a named function over one marking run.

:func:`mark_article` runs them in order:

0. :func:`topic_words` — the article's own subject words (title, words repeated across prose
   paragraphs): chrome words among them count little.
1. :func:`repetition` — context cues: a line repeating the headline (not as the text's
   first line) or an earlier line, a pull quote repeating an earlier quotation.
2. :func:`score_units` — every paragraph's cues, weighed by the fitted model; inside a prose
   paragraph, single sentences with a clearly chrome score (and a prose paragraph whose chrome
   is one sentence of it keeps its plain body sentences).
3. :func:`captions_with_credit` — a short caption paragraph holding a credit is chrome whole,
   and so is a caption-like sentence right before a credit line.
4. :func:`signup_widgets` — a newsletter sign-up box: the form's own messages ("Thanks for
   signing up!", "There was an error processing your subscription.") and the prompt, buttons
   and short lines around them.
5. :func:`repeated_across_articles` — a line also found in articles about other stories.
6. :func:`head_fragments` — short fragments before the first prose paragraph (not a piece of
   the headline cut off by the splitter).
7. :func:`teaser_headings` — a teaser or footer heading ("Related", "About X") in the body:
   the list under it is chrome, and late in the article so is off-topic text.
8. :func:`headline_runs` — three or more one-line headlines in a row about other things than
   the article (links to other stories without a heading over them).
9. :func:`after_copyright` — what follows a late copyright line.
10. :func:`fragments_next_to_chrome` — a widget's title, a lone "Email" button.
11. :func:`tail` — the final chrome run grown backwards over fragments, lines naming the site or
    the byline's author, and off-topic text with chrome cues.

The title (sentence 0) is never chrome, and neither is text in a script written without
spaces between words (Chinese, Japanese, Thai ...: the cues count words by spaces and know
English chrome). The passes' structural constants (positions, word counts, overlaps) are rules;
the cue weights behind every score are fitted.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from reader.corpus.chrome.cues import (
    ABOUT_RE, BRACKET_CREDIT_RE, BYLINE_NAME_RE, COPY_RE, END_CREDIT_RE, INLINE_CREDIT_RE, PAREN_CREDIT_RE,
    CONTEXT, GALLERY_RE, QUOTE_START, QUOTED_RE, REPORT_RE, caption_like, credit_cue, date_line, local_cues,
    may_be_about, may_be_byline_name, may_be_gallery_counter, may_be_inline_credit, may_be_paren_credit,
    may_end_in_credit, may_hold_copyright,
)
from reader.corpus.chrome.index import SAME_STORY, Index, topic_vector
from reader.corpus.chrome.lexicon import lexicon
from reader.corpus.chrome.model import Model, model as fitted_model
from reader.corpus.chrome.text import TERMINAL_RE, WORD_RE, LazyRe, Texts, key, unspaced, words
from reader.corpus.model import Article

__all__ = ["THRESHOLD", "mark_article", "sentence_cues"]

THRESHOLD = 0.0         # a unit whose score (logit) is at least this is chrome
SENTENCE_MARGIN = 0.5   # a single sentence inside a prose paragraph needs this much more
NEAR = 1.5              # "nearly chrome": a score within this of the threshold


class Para:
    """One paragraph of the article (the title excluded) and what the passes know of it."""

    __slots__ = ("idx", "sents", "text", "t", "score", "cue", "sl", "n", "chrome", "weak", "context", "why",
                 "unspaced", "cells")

    def __init__(self, idx: int, text: str, texts: Texts) -> None:
        self.idx = idx
        self.sents: list[int] = []
        self.text = text
        self.t = t = texts[text]
        self.n = n = t.n
        self.sl = t.sl
        self.score = self.cue = 0.0
        self.chrome = False
        self.context = [0.0] * len(CONTEXT)
        if self.sl or n > 12:
            self.weak = False
        else:
            stripped = text.strip()
            quoted = n >= 3 and stripped.startswith(QUOTE_START)
            # lower-case prose cut short ("the capital is") is not a fragment of page chrome
            lower_prose = stripped[:1].islower() and t.funcs >= 2
            self.weak = not quoted and not lower_prose
        self.why = ""
        # Text in a script written without spaces between words (Chinese, Japanese, Thai, ...):
        # the cues count words by spaces and know English chrome only, so it is body text.
        self.unspaced = unspaced(text)
        # A row of a table as the extractor writes it ("| Hawks | 12 | 4 |"): judged on the words
        # of its cells (its bars are no breadcrumb), and no fragment.
        self.cells = table_cells(text)
        if self.unspaced or self.cells is not None:
            self.weak = False

    @property
    def content(self) -> set[str]:
        return self.t.content

    @property
    def exact(self) -> str:
        return self.t.exact

    @property
    def key(self) -> str:
        return self.t.key

    def mark(self, why: str) -> None:
        if not self.chrome and not self.unspaced:
            self.chrome = True
            self.why = why


class Run:
    """One marking run over an article: its paragraphs and the state the passes share."""

    def __init__(self, article: Article, texts: Texts, mdl: Model | None) -> None:
        self.article = article
        self.sents = article.sentences
        self.texts = texts
        self.model = mdl
        self.paras: list[Para] = []
        by_idx: dict[int, Para] = {}
        text = article.text
        for s in self.sents:
            if s.paragraph == 0:
                continue
            p = by_idx.get(s.paragraph)
            if p is None:
                ps, pe = article.paragraphs[s.paragraph] if s.paragraph < len(article.paragraphs) else (s.start, s.end)
                p = Para(s.paragraph, text[ps:pe], texts)
                by_idx[s.paragraph] = p
                self.paras.append(p)
            p.sents.append(s.id)
        self.title_t = texts[self.sents[0].text] if self.sents else None
        self.topic: frozenset[str] = frozenset()
        self.sent_context: dict[int, list[float]] = {}  # sentence id -> CONTEXT cues
        self.sent_flag: dict[int, str] = {}
        self.first_body = self.last_body = 0
        self.site_names: set[str] = set()
        self.words_before: list[int] = []
        self.total_words = 1
        self._core: _Core | None = None

    def sentence_words(self, i: int) -> list[str]:
        """The words of the lower-cased sentence: those of its cleaned text unless it holds a
        Markdown link (emphasis marks are never part of a word)."""
        st = self.sents[i].text
        return WORD_RE.findall(st.lower()) if "](" in st else self.texts[st.strip()].low


def mark_article(article: Article, index: Index | None = None, self_id: int | None = None,
                 texts: Texts | None = None, mdl: Model | None = None) -> dict[int, str]:
    """Set ``Sentence.boilerplate`` on ``article``; return {sentence id: why} for those marked.

    ``index``: the other loaded articles (``self_id``: this article's place in it, if any);
    ``texts``: a shared cache of text features; ``mdl``: cue weights (default: the fitted ones).
    """
    for s in article.sentences:
        s.boilerplate = False
    if len(article.sentences) <= 1 or not article.paragraphs:
        return {}
    run = Run(article, texts if texts is not None else Texts(), mdl or fitted_model())
    if not run.paras:
        return {}
    topic_words(run)
    repetition(run)
    score_units(run)
    captions_with_credit(run)
    signup_widgets(run)
    if index is not None and index.articles:
        repeated_across_articles(run, index, self_id)
    head_fragments(run)
    find_site_names(run)
    teaser_headings(run)
    headline_runs(run)
    after_copyright(run)
    fragments_next_to_chrome(run)
    tail(run)
    return write_flags(run)


def sentence_cues(article: Article, texts: Texts | None = None) -> list[tuple[int, list[float]]]:
    """(sentence id, cue vector in the order of ``cues.NAMES``) for every sentence but the
    title, as the marking run sees it: what the fit script trains on."""
    if len(article.sentences) <= 1 or not article.paragraphs:
        return []
    run = Run(article, texts if texts is not None else Texts(), None)  # (needs no weights)
    if not run.paras:
        return []
    topic_words(run)
    repetition(run)
    out = []
    for s in run.sents[1:]:
        vec = local_cues(s.text, run.topic, run.texts)
        if vec is not None:
            out.append((s.id, vec + run.sent_context.get(s.id, [0.0] * len(CONTEXT))))
    return out


# --------------------------------------------------------------------------- passes
def topic_words(run: Run) -> None:
    """The article's own subject words: the title's, and words in 3+ prose paragraphs."""
    func = lexicon().function
    texts = run.texts
    freq: Counter[str] = Counter()
    for p in run.paras:
        if p.sl and p.n >= 8:
            freq.update(set(map(str.lower, texts[p.text].words)))
    run.topic = frozenset(
        {w.lower() for w in run.title_t.words if len(w) >= 3 and w.lower() not in func}
        | {w for w, c in freq.items() if c >= 3 and w not in func}
    )


def repetition(run: Run) -> None:
    """Context cues of every paragraph (and of the sentences of multi-sentence paragraphs):
    the headline again (except as the text's first line, where sites repeat it) or a line
    twice; a pull quote repeating an earlier quotation; the share of its content words found
    nowhere else in the article (teasers for other stories are off-topic); whether it is one
    of the first two or last two paragraphs."""
    paras = run.paras
    count = len(paras)
    title_exact = run.title_t.exact
    seen: dict[str, int] = {title_exact: -1} if title_exact else {}
    quoted: set[str] = set()
    sent_seen: set[str] = {title_exact} if title_exact else set()
    df: Counter[str] = Counter(run.title_t.content)
    for p in paras:
        df.update(p.content)

    def novel(cw: set[str], own: int = 1) -> float:
        if len(cw) < 3:
            return 0.0
        return sum(1 for w in cw if df[w] <= own) / len(cw)

    for j, p in enumerate(paras):
        ctx = p.context
        k = p.exact
        if k and len(k) >= 3:
            if k in seen and not (j == 0 and seen[k] == -1):
                ctx[0] = 1.0
            seen.setdefault(k, j)
            if 4 <= p.n <= 30 and k in quoted:
                ctx[1] = 1.0
        ctx[2] = novel(p.content)
        ctx[3] = 1.0 if j < 2 else 0.0
        ctx[4] = 1.0 if j >= count - 2 else 0.0
        pt = p.text
        if '"' in pt or "“" in pt or "”" in pt:
            for m in QUOTED_RE.finditer(pt):
                qk = " ".join(WORD_RE.findall(m.group(1).lower()))
                if qk:
                    quoted.add(qk)
        if len(p.sents) == 1:
            run.sent_context[p.sents[0]] = ctx
            if k:
                sent_seen.add(k)
            continue
        for i in p.sents:
            sw = run.sentence_words(i)
            sk = " ".join(sw)
            rep = 1.0 if len(sw) >= 5 and sk in sent_seen else 0.0
            if len(sw) >= 5:
                sent_seen.add(sk)
            # (a word of the sentence found elsewhere in its own paragraph counts as found)
            run.sent_context[i] = [rep, 0.0, novel(run.texts[run.sents[i].text.strip()].content), ctx[3], ctx[4]]


def score_units(run: Run) -> None:
    """Weigh every paragraph's cues (its chrome flag is score >= THRESHOLD); inside a prose
    paragraph, flag single sentences that score SENTENCE_MARGIN above it, or the whole
    paragraph when every sentence is chrome."""
    mdl, topic, texts, sents = run.model, run.topic, run.texts, run.sents
    for p in run.paras:
        vec = local_cues(p.text if p.cells is None else p.cells, topic, texts) or [0.0] * (mdl.nlocal)
        p.score, p.cue = mdl.score(vec, p.context)
        p.chrome = p.score >= THRESHOLD and not p.unspaced
        p.why = f"chrome cues (score {p.score:.1f})" if p.chrome else ""
    for p in run.paras:
        if len(p.sents) <= 1 or p.unspaced:
            continue
        if p.chrome:
            if p.sl:
                _keep_plain_sentences(run, p)
            continue
        scores = []
        for i in p.sents:
            vec = local_cues(sents[i].text, topic, texts)
            scores.append(mdl.score(vec, run.sent_context.get(i, ()))[0] if vec else THRESHOLD)
        if all(sc >= THRESHOLD for sc in scores):
            p.mark("all sentences chrome")
        else:
            for i, sc in zip(p.sents, scores):
                if sc >= THRESHOLD + SENTENCE_MARGIN:
                    run.sent_flag[i] = "chrome cues (sentence)"


def _keep_plain_sentences(run: Run, p: Para) -> None:
    """A prose paragraph whose chrome cues come from one of its sentences ("... ’ ” Jane Doe
    contributed to this report."): if a sentence of it is plainly body text on its own (prose,
    six words or more, no chrome evidence, far below the threshold), the paragraph is not chrome,
    and its sentences that score as chrome are flagged one by one."""
    mdl, topic, texts, sents = run.model, run.topic, run.texts, run.sents
    plain = False
    for i in p.sents:  # (only prose sentences can be plain: the others need no cues here)
        t = texts[sents[i].text.strip()]
        if t.sl and t.n >= 6:
            vec = local_cues(sents[i].text, topic, texts)
            sc, ev = mdl.score(vec, run.sent_context.get(i, ())) if vec else (THRESHOLD, 0.0)
            if ev <= 0 and sc < THRESHOLD - NEAR:
                plain = True
                break
    if not plain:
        return
    p.chrome = False
    p.why = ""
    for i in p.sents:
        vec = local_cues(sents[i].text, topic, texts)
        if vec and mdl.score(vec, run.sent_context.get(i, ()))[0] >= THRESHOLD:
            run.sent_flag[i] = "chrome cues (sentence)"


def captions_with_credit(run: Run) -> None:
    """A short caption paragraph (a few sentences) that holds a photo credit is chrome whole;
    so is the one sentence right before a credit line of its own (the caption it credits) when it
    reads like a caption (no verb in the past tense; "during" or a full date or a verb in the
    present tense), unless it quotes or reports somebody or it is a gallery's text (a counter,
    "3 of 12", before it). A caption that tells a fact in the past tense ("Biden dubbed the bill a
    'Jim Crow' law.") may be linked to a sentence of the other article: it stays."""
    texts = run.texts
    paras = run.paras
    for j in range(1, len(paras)):
        q, p = paras[j], paras[j - 1]
        if not q.chrome or q.n > 8 or p.chrome or len(p.sents) != 1 or p.n < 4:
            continue
        if not credit_cue(q.text, texts):
            continue
        text = p.text.strip()
        if text.startswith(QUOTE_START) or REPORT_RE.search(p.t.lower) or not caption_like(p.t):
            continue
        before = run.sents[p.sents[0] - 1].text.strip().rsplit("\n", 1)[-1]  # (the line before)
        if len(before) <= 40 and may_be_gallery_counter(before) and GALLERY_RE.match(before):
            continue  # "3 of 12", caption, credit: a gallery, whose captions are its text
        p.mark("caption before its credit")
    for p in paras:
        if p.chrome or len(p.sents) <= 1 or p.n > 45 or len(p.sents) > 3:
            continue
        # (each pattern runs only when its cheap necessary check passes)
        text, clean = p.text, texts[p.text].clean
        if ("[" in text and BRACKET_CREDIT_RE.search(text)) \
                or (may_be_paren_credit(text) and PAREN_CREDIT_RE.search(text)) \
                or (may_be_inline_credit(clean) and INLINE_CREDIT_RE.search(clean)) \
                or (may_end_in_credit(text) and END_CREDIT_RE.search(text)):
            p.mark("caption with credit")


# The messages of a newsletter sign-up form, in its success and error states: pages carry the
# form's every state in their markup and extractors keep them as text. (The same wordings are in
# the scripts of many real pages: "Thanks for signing up", "You've successfully subscribed",
# "Something went wrong. Please try again.", "You're all set.")
SIGNUP_STATUS_RE = LazyRe(
    r"\b(?:thanks|thank\s+you)\s+for\s+(?:signing\s+up|subscribing|registering|joining\s+(?:us|our)|your\s+"
    r"(?:subscription|sign-?up|registration))"
    r"|\byou(?:['’]re|\s+are|['’]ve\s+been|\s+have\s+been)\s+(?:now\s+|successfully\s+)?(?:subscribed|signed\s+up"
    r"|registered|all\s+set|on\s+the\s+list)\b"
    r"|\bsuccessfully\s+(?:subscribed|signed\s+up|registered)\b"
    r"|\b(?:error|problem)\s+(?:processing|submitting|with)\s+your\s+(?:subscription|sign-?up|registration|request"
    r"|e-?mail)"
    r"|\b(?:enter|provide|use)\s+a\s+valid\s+e-?mail|\binvalid\s+e-?mail"
    r"|\b(?:something\s+went\s+wrong|an?\s+error\s+(?:has\s+)?occurred)\W{0,3}(?:please\s+)?try\s+again"
    r"|^\W*please\s+try\s+again(?:\s+later)?\W*$"
    r"|\bcheck\s+your\s+(?:inbox|e-?mail)\s+(?:to|for)\s+(?:confirm|a\s+confirmation)"
    r"|\balready\s+(?:subscribed|signed\s+up)\b",
    re.I,
)
# What the rest of a sign-up box talks about.
SIGNUP_WORDS_RE = LazyRe(r"\b(?:newsletters?|subscri(?:be|bed|bing|ption)|sign(?:ing)?[\s-]up|inbox|e-?mail)\b", re.I)
WIDGET_MAX_WORDS = 25   # a line of a sign-up box is short
# (each match of the two patterns holds one of these: a cheap test before them)
_SIGNUP_HINTS = ("thank", "subscri", "sign", "regist", "all set", "on the list", "error", "problem", "valid",
                 "try again", "inbox", "mail", "already", "newsletter")


def _signup_status(text: str) -> bool:
    return not text.lstrip().startswith(QUOTE_START) and SIGNUP_STATUS_RE.search(text) is not None


def signup_widgets(run: Run) -> None:
    """A newsletter sign-up box kept as text: a short paragraph holding one of the form's
    messages ("Thanks for signing up!", "Sorry!" beside "There was an error processing your
    subscription.") is chrome, and so are the lines around it that belong to the box: other
    messages, lines that speak of newsletters, subscribing or the inbox, chrome already, and
    fragments of a few words (its title, "Sign Up", "Sorry!"). Inside a long paragraph only the
    message sentence is flagged."""
    paras, sents = run.paras, run.sents
    count = len(paras)
    seeds = []
    for j, p in enumerate(paras):
        low = p.t.lower
        if p.unspaced or not any(h in low for h in _SIGNUP_HINTS) \
                or (not SIGNUP_WORDS_RE.search(p.text) and not SIGNUP_STATUS_RE.search(p.text)):
            continue
        if p.n <= WIDGET_MAX_WORDS and _signup_status(p.text):
            seeds.append(j)
        elif p.n > WIDGET_MAX_WORDS:
            for i in p.sents:
                if _signup_status(sents[i].text):
                    run.sent_flag[i] = "sign-up box"

    def in_box(q: Para) -> bool:
        if q.unspaced or q.n > WIDGET_MAX_WORDS or q.text.lstrip().startswith(QUOTE_START):
            return False
        return q.chrome or (q.weak and q.n <= 4) or SIGNUP_WORDS_RE.search(q.text) is not None \
            or SIGNUP_STATUS_RE.search(q.text) is not None

    for j in seeds:
        paras[j].mark("sign-up box")
        for step in (-1, 1):
            k = j + step
            while 0 <= k < count and in_box(paras[k]):
                paras[k].mark("sign-up box")
                k += step


def repeated_across_articles(run: Run, index: Index, self_id: int | None) -> None:
    """A line also found in articles about different stories is chrome (at the article's
    edges, a fragment, or in two such articles); a weak line found in other articles at all,
    when it is nearly chrome already."""
    paras = run.paras
    count = len(paras)
    vec = topic_vector(run.article, run.texts)
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    sims: dict[int, float] = {}

    def sim(i: int) -> float:
        if i not in sims:
            sims[i] = index.similarity(vec, norm, i)
        return sims[i]

    title_key = run.title_t.key
    edge_lo, edge_hi = max(2, int(count * 0.2)), count - max(3, int(count * 0.3))
    for j, p in enumerate(paras):
        if p.chrome or not p.key or p.key == title_key:
            continue
        hits = [i for i in index.keys.get(p.key, ()) if i != self_id]
        if not hits:
            continue
        diff = sum(1 for i in hits if sim(i) < SAME_STORY)
        at_edge = j < edge_lo or j >= edge_hi
        if diff and (not p.sl or at_edge or diff >= 2 or p.n <= 4):
            p.mark("repeated in other articles")
        elif diff or (p.weak and p.n <= 8 and (p.cue > 0 or at_edge)):
            if p.score + NEAR >= THRESHOLD:
                p.mark("repeated in other articles")


def table_cells(text: str) -> str | None:
    """The words of a table row written "| a | b |" (two cells or more), None for other text."""
    s = text.strip()
    if not (s.startswith("|") and s.endswith("|") and s.count("|") >= 3) or "\n" in s:
        return None
    return " ".join(c.strip() for c in s[1:-1].split("|") if c.strip())


def _strong_body(p: Para) -> bool:
    return not p.chrome and (p.unspaced or (p.sl and p.n >= 6))


def head_fragments(run: Run) -> None:
    """Short fragments before the first prose paragraph (a site's header), but not a piece of
    the headline."""
    paras = run.paras
    run.first_body = next((j for j, p in enumerate(paras) if _strong_body(p)), len(paras))
    for j in range(run.first_body):
        p = paras[j]
        if p.weak and (p.n <= 6 or p.cue > 0) and not _title_piece(run, p):
            p.mark("header fragment")


def _title_piece(run: Run, p: Para) -> bool:
    """A piece of the headline, three words or more, cut off by the splitter ("Trump Vetoes
    Bill, Calls" of "Trump Vetoes Bill, Calls It ..."): article text. (The whole headline again
    is the repetition pass's to judge.)"""
    title_key = run.title_t.key
    return p.n >= 3 and bool(p.key) and p.key != title_key and (" " + p.key + " ") in (" " + title_key + " ")


def find_site_names(run: Run) -> None:
    """Names of the site ("The Valley Courier": short chrome lines in the header) and of the
    author (from a byline); footer lines name them ("<Site> is independent ...")."""
    paras, texts = run.paras, run.texts
    title_key = run.title_t.key
    run.site_names = {p.key for p in paras[:run.first_body] if p.chrome and 2 <= p.n <= 4
                      and p.key != title_key and not date_line(words(p.text))}
    for p in paras[: max(run.first_body, 0) + 3]:
        if p.chrome and p.n <= 14:
            clean = texts[p.text].clean.strip()
            m = BYLINE_NAME_RE.match(clean) if may_be_byline_name(clean) else None
            if m:
                name = key(m.group(1))
                if len(name.split()) >= 2:
                    run.site_names.add(name)
    run.last_body = next((j for j in range(len(paras) - 1, -1, -1) if _strong_body(paras[j])), -1)
    # position of each paragraph by words read so far (long teaser lists do not pull it down)
    acc = 0
    run.words_before = []
    for p in paras:
        run.words_before.append(acc)
        acc += p.n
    run.total_words = acc or 1


def _names_site(run: Run, p: Para) -> bool:
    if not run.site_names or p.n > 25:
        return False
    k = " " + p.key + " "
    return any(" " + name + " " in k for name in run.site_names)


class _Core:
    """Content words of the title and of the body paragraphs before index j, for j moving
    either way: "off-topic" text is judged against the body *before* it, so footer lines
    never vouch for each other. Moving costs only the paragraphs passed over."""

    def __init__(self, run: Run) -> None:
        self.paras = run.paras
        self.in_core = [not p.chrome and p.sl and p.n >= 8 and not _names_site(run, p) for p in run.paras]
        self.title = run.title_t.content
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

    def overlap(self, p: Para, before: int) -> float:
        """Share of p's content words found in the title or the body before ``before``."""
        if not p.content:
            return 0.0
        core = self.upto(before)
        return sum(1 for w in p.content if w in self.title or w in core) / len(p.content)


def _is_teaser_heading(p: Para, texts: Texts) -> bool:
    if p.sl or p.n == 0 or p.n > 6:
        return False
    lex = lexicon()
    low = texts[p.text].clean.strip().rstrip(":").strip().lower()
    ws = words(low)
    if not ws:
        return False
    if ws[0] in ("more", "also") and len(ws) > 1 and ws[1] in ("from", "in", "on", "about", "by"):
        return True
    if all(w in lex.teaser for w in ws) and any(w not in lex.function for w in ws):
        return True
    if not p.chrome:
        return False
    return any(all(w in lex.teaser for w in m.group(0).split()) for m in lex.phrase_re().finditer(low))


def _is_block_heading(p: Para) -> bool:
    """A heading that opens a footer block: "About Acme", "Media contact:", "Disclaimer"."""
    if p.sl or p.n == 0 or p.n > 6:
        return False
    text = p.text.strip()
    if may_be_about(text) and ABOUT_RE.match(text) and not TERMINAL_RE.search(text):
        return True
    if not p.chrome:
        return False
    low = text.lower()
    return text.endswith(":") or any(w in low for w in lexicon().block_words)


def teaser_headings(run: Run) -> None:
    """A teaser or footer heading in the body: the list under it is chrome; late in the
    article (past half its words, or after the last prose paragraph) so is text under it
    that is off-topic."""
    paras, texts = run.paras, run.texts
    count = len(paras)
    core = _Core(run)
    run._core = core  # (shared with the later passes)
    j = max(run.first_body, 0)
    while j < count:
        p = paras[j]
        teaser = _is_teaser_heading(p, texts)
        block = not teaser and _is_block_heading(p)
        if (teaser or block) and j > run.first_body:
            p.mark("teaser/footer heading")
            late = run.words_before[j] >= 0.5 * run.total_words or j > run.last_body
            k = j + 1
            while k < count:
                q = paras[k]
                if q.chrome or q.weak:
                    q.mark("list under heading")
                    k += 1
                    continue
                if late and not (q.sl and q.n >= 8 and core.overlap(q, j) >= 0.4 and len(q.content) >= 3):
                    q.mark("off-topic text under heading")
                    k += 1
                    continue
                break
            j = k
            continue
        j += 1


HEADLINE_RUN = 3          # one-line headlines in a row that make a list of links
_BULLETS = ("- ", "– ", "• ", "* ", "· ")
HEADLINE_WORDS = (4, 18)  # words in such a headline


def _headline_line(p: Para) -> bool:
    """A paragraph shaped like the headline of a link: one line of 4-18 words (a list bullet
    aside) starting with a capital, a digit or a quotation mark, with no sentence end (a
    question may end one) and no label colon at its end."""
    if len(p.sents) != 1 or p.unspaced or not HEADLINE_WORDS[0] <= p.n <= HEADLINE_WORDS[1]:
        return False
    text = p.text.strip().lstrip("-–—•*· ").strip()
    if not text or not (text[0].isupper() or text[0].isdigit() or text.startswith(QUOTE_START)):
        return False
    end = text.rstrip("\"'”’»)]")
    return bool(end) and end[-1] not in ".!:;," and (end[-1] != "?" or p.n <= 14)


def headline_runs(run: Run) -> None:
    """Three or more one-line headlines in a row at the article's edges whose words the
    article's own text mostly lacks: links to other stories without a heading over them. At the
    end (past half the article's words, no on-topic prose after them) under half of their
    content words may be in the title or the body; before the first prose paragraph, under a
    third. A list the article tells (its key points, the teams of a table) repeats its words; a
    list between prose paragraphs, one the article introduces with a line ending in a colon
    ("Our picks:"), or one whose items above the run have other shapes is left alone."""
    paras = run.paras
    count = len(paras)
    core = run._core
    last_prose = -1  # the last on-topic prose paragraph (on-topic: to the body before it)
    body: Counter[str] | None = None  # content words of the body (found once, when needed)
    j = 0
    while j < count:
        if not _headline_line(paras[j]):
            j += 1
            continue
        k = j + 1
        while k < count and _headline_line(paras[k]):
            k += 1
        if k - j < HEADLINE_RUN:
            j = k
            continue
        # the article's own list: it goes on above the run in other shapes, or a line ending in
        # a colon introduces it
        i = j - 1
        while i >= 0 and paras[i].text.lstrip().startswith(_BULLETS) and not paras[i].chrome:
            i -= 1
        intro = i < j - 1 or (i >= 0 and not paras[i].chrome and paras[i].text.rstrip().endswith(":"))
        late = run.words_before[j] >= 0.5 * run.total_words
        if intro or not (late or k <= run.first_body):
            j = k
            continue
        if body is None:
            body = Counter(core.upto(count))
            for i in range(count - 1, -1, -1):  # (the core moves back one paragraph a step)
                q = paras[i]
                if _strong_body(q) and core.overlap(q, i) >= 0.3 and not any(s in run.sent_flag for s in q.sents):
                    last_prose = i
                    break
        shares = [sum(1 for w in p.content if w in core.title or w in body) / len(p.content) if p.content else 0.0
                  for p in paras[j:k]]
        mean = sum(shares) / len(shares)
        if (k <= run.first_body and mean < 0.34) or (late and mean < 0.5 and last_prose < k):
            for i in range(j, k):
                paras[i].mark("run of headlines (links to other stories)")
        j = k


def after_copyright(run: Run) -> None:
    """A copyright line late in the article: what follows it is footer too (until on-topic prose)."""
    paras = run.paras
    for j, p in enumerate(paras):
        if p.chrome and j > run.first_body and run.words_before[j] >= 0.5 * run.total_words and (
                "©" in p.text or "rights reserved" in p.text.lower() or (may_hold_copyright(p.text) and COPY_RE.search(p.text))):
            for k in range(j + 1, len(paras)):
                q = paras[k]
                if q.sl and q.n >= 8 and len(q.content) >= 3 and run._core.overlap(q, j) >= 0.4:
                    break
                q.mark("after the copyright line")
            break


def fragments_next_to_chrome(run: Run) -> None:
    """Short fragments next to chrome (a widget's title, a lone "Email" button), but not a piece
    of the headline; one sweep each way lets a run of fragments join the chrome beside it."""
    paras = run.paras
    count = len(paras)
    for order in (range(count), range(count - 1, -1, -1)):
        for j in order:
            p = paras[j]
            if p.chrome or not p.weak or p.n > 5 or _title_piece(run, p):
                continue
            if (j > 0 and paras[j - 1].chrome) or (j + 1 < count and paras[j + 1].chrome):
                widget = j + 2 < count and paras[j + 1].chrome and paras[j + 2].chrome
                if p.cue > 0 or j > run.last_body or j < run.first_body or p.n <= 3 or widget:
                    p.mark("fragment next to chrome")


def tail(run: Run) -> None:
    """Grow the final chrome run backwards over fragments and off-topic text — only when the
    trailing run of fragments holds real chrome (a fact box at the end is not a footer)."""
    paras = run.paras
    count = len(paras)
    core = run._core
    j = k = count - 1
    has_chrome = False
    while k >= 0 and (paras[k].chrome or paras[k].weak):
        has_chrome = has_chrome or paras[k].chrome or paras[k].cue > 0
        k -= 1
    while j >= 0:
        p = paras[j]
        if p.chrome:
            j -= 1
            continue
        if p.weak:
            if not has_chrome:
                break
            if p.cue == 0 and len(p.content) >= 2 and core.overlap(p, j) >= 0.5:
                break  # an on-topic fragment: "Pay rise: 9 percent over two years"
            p.mark("tail fragment")
            j -= 1
            continue
        if _names_site(run, p) and (p.cue > 0 or p.key.startswith(tuple(run.site_names))):
            p.mark("site name in footer")  # "<Site> is independent ...", "Thanks for reading <Site>!"
            j -= 1
            continue
        # a short line inside the footer (chrome or fragments on both sides): "Ready for more?"
        if p.n <= 8 and run.first_body < j < count - 1 and (paras[j - 1].chrome or paras[j - 1].weak) \
                and not p.text.strip().startswith(QUOTE_START):
            p.mark("short line inside footer")
            j -= 1
            continue
        # (a paragraph whose chrome is one of its sentences, flagged alone, is not footer text)
        if len(p.content) >= 4 and p.cue > 0 and p.score >= THRESHOLD - NEAR \
                and not any(i in run.sent_flag for i in p.sents):
            sandwich = j > 0 and paras[j - 1].chrome
            if core.overlap(p, j) < (0.35 if sandwich else 0.25):
                p.mark("off-topic footer text")
                j -= 1
                continue
        break


def write_flags(run: Run) -> dict[int, str]:
    sents = run.sents
    why: dict[int, str] = {}
    for i, reason in run.sent_flag.items():
        if i != 0:
            sents[i].boilerplate = True
            why[i] = reason
    for p in run.paras:
        if p.chrome:
            for i in p.sents:
                sents[i].boilerplate = True
                why[i] = p.why
    sents[0].boilerplate = False
    why.pop(0, None)
    return why


def chrome_score(text: str, topic: Sequence[str] = (), mdl: Model | None = None) -> float:
    """The fitted score of one line or sentence on its own (>= THRESHOLD means chrome)."""
    vec = local_cues(text, frozenset(topic))
    if vec is None:
        return THRESHOLD - 10.0
    return (mdl or fitted_model()).score(vec)[0]
