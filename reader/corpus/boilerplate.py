"""Boilerplate (site chrome) detection: the public API.

Marks, never deletes: :func:`mark_boilerplate` sets ``Sentence.boilerplate`` on sentences of
an article that are site chrome (share, follow, listen and sign-up prompts, bylines and author
bios, captions and credits, teasers for other stories, legal footers and opinion disclaimers,
contact lines, comment widgets, embedded-post attributions, update and correction notes, UI
fragments ...). :func:`mark_corpus` re-marks every article of a set using the
others as context (a line repeated across articles about different stories is chrome).

How (``reader/corpus/chrome/``): each line and sentence gets a vector of cues — lexicon
phrases and words, structural patterns (e-mail, URL, ©, credits, bylines, capitalised teaser
headlines, "— Name (@handle) date", "This article has been corrected ...", an imperative
addressed to the reader, a caption's present tense with a date), shape (prose, length, quotes,
reporting verbs) and repetition — weighed by a logistic regression fitted on real articles labelled by hand
(``benchmarks/fit_boilerplate.py``); named passes then use the article's structure (the
header before the first prose paragraph, lists under teaser headings, footers after a
copyright line, the trailing chrome run, lines shared with other stories). The title
(sentence 0) is never boilerplate. :func:`explain_boilerplate` says why each marked sentence
was marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.corpus.chrome.index import Index
from reader.corpus.chrome.passes import THRESHOLD, mark_article
from reader.corpus.chrome.passes import chrome_score as _chrome_score
from reader.corpus.chrome.text import Texts
from reader.corpus.model import Article

__all__ = ["THRESHOLD", "chrome_score", "explain_boilerplate", "mark_boilerplate", "mark_corpus"]


def mark_boilerplate(article: Article, others: Sequence[Article] = ()) -> None:
    """Set ``Sentence.boilerplate`` on the sentences of ``article`` that are site chrome.

    ``others`` are the other loaded articles: a line that also occurs in articles about
    different stories is chrome. Flags are recomputed from scratch (never deletes text).
    """
    explain_boilerplate(article, others)


def explain_boilerplate(article: Article, others: Sequence[Article] = ()) -> dict[int, str]:
    """Mark ``article`` like :func:`mark_boilerplate`; return {sentence id: why it is chrome}."""
    others = [o for o in others if o is not article]
    texts = Texts()
    return mark_article(article, Index(others, texts) if others else None, None, texts)


def mark_corpus(articles: Sequence[Article]) -> None:
    """Re-mark every article of ``articles`` using the others as context."""
    arts = list(articles)
    if len(arts) < 2:
        for a in arts:
            mark_article(a)
        return
    texts = Texts()  # shared: the index tokenises every line the marking runs look at
    index = Index(arts, texts)
    for i, a in enumerate(arts):
        mark_article(a, index, i, texts)


def chrome_score(text: str, topic: Iterable[str] = ()) -> float:
    """How much ``text`` (a line or a sentence, on its own) looks like site chrome: the fitted
    score, where ``>= THRESHOLD`` means chrome.

    ``topic``: lower-case words the article is about; chrome words among them count less
    (an article about Facebook may say "Facebook" in its body).
    """
    return _chrome_score(text, tuple(topic))
