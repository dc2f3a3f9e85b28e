"""A hand-made comparison with many-to-many links (aligned ones, further ones, a partial),
independent of what the engine finds: the display tests are built on it.

Rows (left | right), aligned matches marked with their kind:

    0  L0 title        ~ R0 title           (L0 also ~ R1: further link; R0 also ◐ L2)
    1  L1 vote         ~ R1 vote
    2  L2 wages+autom. ◐ R2 wages           (L2 also ◐ R3 and ◐ R0: further links)
    3  L3 quote          .                  unique
    4  L4 2,400 workers  .                  (L4 ~ R5, a further link)
    5  .                 R3 automation      (linked to L2 only)
    6  .                 R4 mayor           unique
    7  L5 Tuesday      ~ R5 Tuesday         (R5 also ~ L4)
"""

from __future__ import annotations

from pathlib import Path

from reader.corpus.model import Article, Sentence
from reader.engine.types import Comparison, Match, Row, Stats

LEFT = (
    "Harbour strike ends after nine-day standoff",
    "Dockworkers at the Port of Lindell voted on Monday to end a nine-day strike, union officials said.",
    "The agreement raises wages by 12 percent over four years and limits automation until 2029.",
    '"This deal protects the people who built this port," said union president Ana Ruiz.',
    "About 2,400 workers walked off the job on March 3, and would return on Tuesday.",
    "The port authority said cargo operations would resume on Tuesday morning.",
)
RIGHT = (
    "Lindell dockworkers accept deal, ending strike",
    "Members of the dockworkers union voted on Monday to end their nine-day strike at the Port of Lindell.",
    "Under the deal, wages will rise 12 percent over four years.",
    "Automation at the port will be limited until 2029, the agreement says.",
    "The mayor praised both sides for returning to the table.",
    "Ships would start unloading on Tuesday, the port authority said.",
)


def _article(lines: tuple[str, ...], path: str) -> Article:
    """One sentence per paragraph, built directly (no splitter, no boilerplate passes)."""
    text = "\n\n".join(lines)
    sentences, paragraphs, start = [], [], 0
    for k, line in enumerate(lines):
        sentences.append(Sentence(k, line, k, start, start + len(line)))
        paragraphs.append((start, start + len(line)))
        start += len(line) + 2
    return Article(path, lines[0], Path(path).stem, text, paragraphs, sentences)


def _match(left, right, li, ri, kind, score, aligned=True) -> Match:
    texts = (" ".join(left.sentences[i].text for i in li), " ".join(right.sentences[j].text for j in ri))
    return Match(list(li), list(ri), kind, score, texts=texts, aligned=aligned)


def linked_comparison(left_path: str = "left.txt", right_path: str = "right.txt") -> Comparison:
    left, right = _article(LEFT, left_path), _article(RIGHT, right_path)
    assert len(left.sentences) == len(LEFT) and len(right.sentences) == len(RIGHT)
    matches = [
        _match(left, right, [0], [0], "paraphrase", 0.83),
        _match(left, right, [0], [1], "paraphrase", 0.55, aligned=False),
        _match(left, right, [1], [1], "paraphrase", 0.91),
        _match(left, right, [2], [0], "partial", 0.52, aligned=False),
        _match(left, right, [2], [2], "partial", 0.74),
        _match(left, right, [2], [3], "partial", 0.66, aligned=False),
        _match(left, right, [4], [5], "paraphrase", 0.58, aligned=False),
        _match(left, right, [5], [5], "paraphrase", 0.88),
    ]
    assert [k for k, m in enumerate(matches) if m.aligned] == [0, 2, 4, 7]
    rows = [
        Row([0], [0], 0), Row([1], [1], 2), Row([2], [2], 4), Row([3], []), Row([4], []),
        Row([], [3]), Row([], [4]), Row([5], [5], 7),
    ]
    stats = Stats(similarity=0.7, left_unique=1, right_unique=1, matched=4, left_boilerplate=0,
                  right_boilerplate=0, links=len(matches))
    return Comparison(left, right, matches, rows, stats)
