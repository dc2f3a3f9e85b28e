"""Sentence splitter: English Golden Rules pass count and throughput.

    cd /work/main && .venv/bin/python benchmarks/bench_split.py [RULES.json]

RULES.json defaults to ../shared/data/pysbd-golden-rules/english_golden_rules.json (a JSON
list of {id, rule, text, expected}); a case passes when the stripped span texts equal
``expected`` exactly. Throughput is measured on a synthetic news text of ~10,000
sentences, split paragraph by paragraph (as the loader does) and as one block. If
``pysbd`` happens to be importable it is measured too (by paragraph only: it is very slow
on one long text), for comparison only -- it is not a dependency.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from reader.corpus.split import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RULES = ROOT / ".." / "shared" / "data" / "pysbd-golden-rules" / "english_golden_rules.json"

_SENTENCES = [
    "The U.S. has approved more than $110 billion in aid to Ukraine since the war began.",
    "Kim could also make other stops, including the Vostochny Cosmodrome.",
    "“This is not going to reflect well on North Korea,” Sullivan said.",
    "“They will pay a price for this in the international community.”",
    "Sen. Elizabeth Warren met Gov. Gavin Newsom at 10 a.m. Tuesday in Sacramento, Calif.",
    "Inflation rose 3.5 percent in Sept., the Labor Dept. said on Wednesday.",
    "Shares of Apple Inc. fell 2.1% to $174.50 in early trading.",
    "Dr. Jonas E. Smith, a professor at the University of Michigan, disagreed.",
    "Why would anyone do that?",
    "The report (published on Jan. 6) ran to 300 pages, i.e. more than expected.",
    "Officials said the talks, which began at 9 a.m., ended without a deal.",
    "Contact the newsroom at news@example.com or visit https://www.example.com/news.",
    "Former President Donald J. Trump responded on social media within minutes.",
    "The No. 2 official at the U.N. agency resigned on Monday.",
    "He said the U.K. and the E.U. had reached a deal.",
    "Revenue grew to $1.2bn, up from $950m a year earlier.",
    "“We are not going anywhere!” she shouted.",
    "Lt. Gen. Mark Jones, who leads U.S. forces in the region, declined to comment.",
    "It was, he said, “a very difficult decision . . . but the right one.”",
    "Police arrested three men, aged 19, 22 and 31, on Friday.",
]


def news_paragraphs(n_sentences: int = 10_000, seed: int = 7) -> list[tuple[str, int]]:
    """Paragraphs of 2-7 template sentences; returns (paragraph, sentence count)."""
    rng = random.Random(seed)
    out: list[tuple[str, int]] = []
    total = 0
    while total < n_sentences:
        k = min(rng.randint(2, 7), n_sentences - total)
        out.append((" ".join(rng.choice(_SENTENCES) for _ in range(k)), k))
        total += k
    return out


def golden(path: Path, split) -> tuple[int, int, list[tuple[dict, list[str]]]]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    failures = []
    passed = 0
    for case in cases:
        got = [s.strip() for s in split(case["text"])]
        if got == case["expected"]:
            passed += 1
        else:
            failures.append((case, got))
    return len(cases), passed, failures


def throughput(split, paras: list[tuple[str, int]], block: bool = True) -> tuple[float, float | None, int]:
    """Sentences/second splitting paragraph by paragraph, and (if ``block``) as one text."""
    n = sum(k for _, k in paras)
    t0 = time.perf_counter()
    found = 0
    for p, _ in paras:
        found += len(split(p))
    t_para = time.perf_counter() - t0
    if not block:
        return n / t_para, None, found
    text = " ".join(p for p, _ in paras)
    t0 = time.perf_counter()
    split(text)
    t_block = time.perf_counter() - t0
    return n / t_para, n / t_block, found


def ours(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RULES
    paras = news_paragraphs()
    n = sum(k for _, k in paras)
    contenders = [("reader", ours)]
    try:
        import pysbd  # noqa: PLC0415 - optional, for comparison only

        seg = pysbd.Segmenter(language="en", clean=False)
        contenders.append((f"pysbd {getattr(pysbd, '__version__', '')}".strip(), seg.segment))
    except ImportError:
        print("(pysbd not installed: no comparison)")

    for name, split in contenders:
        total, passed, failures = golden(path, split)
        # pysbd is quadratic-ish on one long text (~20 sentences/s): by paragraph only.
        per_para, per_block, found = throughput(split, paras, block=name == "reader")
        print(f"== {name}")
        print(f"golden rules: {passed}/{total} pass")
        for case, got in failures:
            print(f"  FAIL #{case['id']} {case['rule']}")
            print(f"    expected: {case['expected']}")
            print(f"    got:      {got}")
        block = f", {per_block:,.0f} sentences/s as one block" if per_block else ""
        print(
            f"throughput: {per_para:,.0f} sentences/s by paragraph{block} "
            f"({n} sentences in {len(paras)} paragraphs; found {found})"
        )


if __name__ == "__main__":
    main()
