"""Quotes on real news: extraction, grouping across outlets, altered-wording flags.

Two labelled sets, made blind: annotators read the articles before reader ran on them and listed
every direct quotation of 4+ words, grouped the same quotation across outlets (also excerpts and
split quotes) and marked occurrences whose words differ from the wording most outlets carry (a
tie flags both), following the issue's definition.

* ``benchmarks/quotes_gold/``: 12 PAC stories (two US outlets of opposite leaning each) and the
  three-outlet real-gold story. The rules were first written on the seeds and fixtures; this set's
  errors were then read, and general fixes followed (contractions "we 're" = "we are", pieces
  of fewer than three words never glued into a quote, grouping by shared word stems in order, mixed
  marks “…", two statements of one outlet that share a phrase kept apart). Its figures are
  development figures: before those fixes, altered flags scored F1 0.31, grouping 0.88.
* ``benchmarks/quotes_heldout/``: 10 other PAC stories, labelled by another annotator after the
  rules were frozen: the held-out figures. Its first run raised 6 altered flags where none was
  labelled; two came from "it's" / "it is", fixed after (the README gives both).

Run: python benchmarks/bench_quotes.py [-v]   (reads ../shared/data)
"""

from __future__ import annotations

import json
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.corpus.load import load_article  # noqa: E402
from reader.story.quotes import _norm, build_quotes  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SETS = (ROOT / "benchmarks" / "quotes_gold", ROOT / "benchmarks" / "quotes_heldout")


def article_paths(gold: dict) -> list[Path]:
    if gold["story"] == "real-gold":
        return [DATA / "real-gold" / "articles" / name for name in gold["articles"]]
    return [DATA / gold["story"] / name for name in gold["articles"]]


def overlap(a: list[str], b: list[str]) -> float:
    """Share of the shorter's words found in the other (as a multiset)."""
    if not a or not b:
        return 0.0
    from collections import Counter

    ca, cb = Counter(a), Counter(b)
    return sum((ca & cb).values()) / min(len(a), len(b))


def main(verbose: bool = False) -> None:
    for folder in SETS:
        if folder.is_dir():
            score(folder, verbose)


def score(GOLD: Path, verbose: bool) -> None:
    tp_ex = n_pred = n_gold = 0
    pair_tp = pair_pred = pair_gold = 0
    alt_tp = alt_pred = alt_gold = 0
    elapsed = 0.0
    recall_found = [0]
    spk_pred = spk_gold = 0
    spk = [0, 0, 0]  # right, wrong, none
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text())
        paths = article_paths(gold)
        arts = [load_article(p) for p in paths]
        t = time.perf_counter()
        quotes = build_quotes(arts)
        elapsed += time.perf_counter() - t
        names = gold["articles"]
        # Gold occurrences: (quote id, article index, words, altered)
        gocc = [(q["id"], names.index(o["article"]), _norm(o["text"]), bool(o["altered"]))
                for q in gold["quotes"] for o in q["occurrences"]]
        gspk = [o.get("speaker") or q.get("speaker") or "" for q in gold["quotes"] for o in q["occurrences"]]
        pspk = [o.speaker for q in quotes for o in q.occurrences]
        pocc = [(q.id, o.article, _norm(o.text), o.altered, o.text) for q in quotes for o in q.occurrences]
        spk_pred += sum(1 for q in quotes for o in q.occurrences if o.speaker_differs)
        spk_gold += sum(1 for q in gold["quotes"] if q.get("speaker_differs"))
        # A reader occurrence is right when most of its words lie in one labelled occurrence of the
        # same article (an annotator may join a quote's paragraphs that reader lists apart, or the
        # other way round); each labelled occurrence is found when a reader occurrence lies in it.
        p2g: dict[int, int] = {}
        for pi, p in enumerate(pocc):
            best = max(((overlap(p[2], g[2]) if len(p[2]) <= len(g[2]) else overlap(p[2], g[2]) * len(g[2]) / len(p[2]),
                         gi) for gi, g in enumerate(gocc) if g[1] == p[1]), default=(0.0, -1))
            if best[0] >= 0.6:
                p2g[pi] = best[1]
        found = set(p2g.values())
        n_gold += len(gocc)
        n_pred += len(pocc)
        tp_ex += len(p2g)
        tp_gold_found = len(found)
        recall_found[0] += tp_gold_found
        # Grouping: pairs of labelled occurrences in different articles put in one quote.
        gpairs = {(a, b) for a, b in combinations(range(len(gocc)), 2)
                  if gocc[a][0] == gocc[b][0] and gocc[a][1] != gocc[b][1]}
        ppairs_g = {tuple(sorted((p2g[a], p2g[b]))) for a, b in combinations(range(len(pocc)), 2)
                    if pocc[a][0] == pocc[b][0] and pocc[a][1] != pocc[b][1] and a in p2g and b in p2g
                    and p2g[a] != p2g[b]}
        wrong_pairs = sum(1 for a, b in combinations(range(len(pocc)), 2)
                          if pocc[a][0] == pocc[b][0] and pocc[a][1] != pocc[b][1] and not (a in p2g and b in p2g))
        pair_gold += len(gpairs)
        pair_pred += len(ppairs_g) + wrong_pairs
        pair_tp += len(gpairs & ppairs_g)
        # Speakers: of the labelled occurrences with a speaker that reader found, how many it names
        # alike (the same surname), names otherwise, or leaves unnamed.
        for pi, gi in p2g.items():
            want = gspk[gi]
            if not want:
                continue
            got = pspk[pi]
            if not got:
                spk[2] += 1
            elif got.split()[-1].lower() == want.split()[-1].lower():
                spk[0] += 1
            else:
                spk[1] += 1
                if verbose:
                    print(f"    speaker: labelled {want!r}, reader {got!r}: {pocc[pi][4][:80]!r}")
        # Altered flags: a labelled occurrence is flagged when any reader occurrence inside it is.
        flagged = {g for p, g in p2g.items() if pocc[p][3]}
        s_alt_gold = sum(1 for g in gocc if g[3])
        s_alt_pred = len(flagged) + sum(1 for pi, p in enumerate(pocc) if p[3] and pi not in p2g)
        s_alt_tp = sum(1 for g in flagged if gocc[g][3])
        alt_tp += s_alt_tp
        alt_pred += s_alt_pred
        alt_gold += s_alt_gold
        if verbose:
            print(f"{path.stem}: gold {len(gocc)} occurrences, reader {len(pocc)} ({len(p2g)} inside a labelled one); "
                  f"pairs gold {len(gpairs)} reader {len(ppairs_g) + wrong_pairs} both {len(gpairs & ppairs_g)}")
            for gi, g in enumerate(gocc):
                if gi not in found:
                    print(f"    missed: {' '.join(g[2])[:110]}")
                if g[3] != (gi in flagged):
                    print(f"    altered gold={g[3]} reader={gi in flagged}: {' '.join(g[2])[:100]}")
            for a, b in sorted(gpairs - ppairs_g):
                print(f"    pair missed: {' '.join(gocc[a][2])[:60]!r} ~ {' '.join(gocc[b][2])[:60]!r}")
            for a, b in sorted(ppairs_g - gpairs):
                print(f"    pair wrong: {' '.join(gocc[a][2])[:60]!r} ~ {' '.join(gocc[b][2])[:60]!r}")
            for pi, p in enumerate(pocc):
                if pi not in p2g:
                    print(f"    extra:  {p[4][:110]}")

    def prf(tp: int, pred: int, gold: int) -> str:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.2f}  R {r:.2f}  F1 {f:.2f}  ({tp} right of {pred} found, {gold} labelled)"

    print(f"Quotes on {len(list(GOLD.glob('*.json')))} real stories (blind labels, benchmarks/{GOLD.name})")
    p_ex = tp_ex / n_pred if n_pred else 0.0
    r_ex = recall_found[0] / n_gold if n_gold else 0.0
    f_ex = 2 * p_ex * r_ex / (p_ex + r_ex) if p_ex + r_ex else 0.0
    print(f"  extraction (occurrences):       P {p_ex:.2f}  R {r_ex:.2f}  F1 {f_ex:.2f}  ({tp_ex} of reader's {n_pred} "
          f"inside a labelled quotation; {recall_found[0]} of {n_gold} labelled found)")
    print(f"  grouping (cross-outlet pairs):  {prf(pair_tp, pair_pred, pair_gold)}")
    print(f"  altered-wording flags:          {prf(alt_tp, alt_pred, alt_gold)}")
    named = spk[0] + spk[1]
    print(f"  speakers (labelled quotations with a speaker, found): {spk[0]} right, {spk[1]} wrong, {spk[2]} not "
          f"named: right when named {spk[0] / max(1, named):.2f}, named {named / max(1, sum(spk)):.2f}; "
          f"speaker differs: {spk_pred} flagged ({spk_gold} labelled)")
    print(f"  time: {elapsed * 1000:.0f} ms for all stories")


if __name__ == "__main__":
    main("-v" in sys.argv)
