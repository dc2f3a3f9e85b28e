"""How far two annotators agree on the blind real-news gold (benchmarks/real_gold/second/).

    python benchmarks/bench_agreement.py

Each second annotation is scored as if it were a system against the first (and the other way
round), with the rule gold_eval.py uses: a sure link is found when any sentence pair it names
is linked (S or P) by the other annotator; a linked pair (S) the first calls neither S nor P is
a false link. The mean of the two directions' F1 is an upper bound a matcher can hardly pass.
"""

from __future__ import annotations

from pathlib import Path

from goldsets import ROOT, load_gold, owners

from reader.corpus.load import load_article

GOLD = ROOT / "benchmarks" / "real_gold"
PAC = ROOT.parent / "shared" / "data" / "pac"


def resolve(gold: Path, story: str):
    links, _ = load_gold(gold)
    out = {}
    for (left, right), ls in links.items():
        L = load_article(PAC / story / left).sentences
        R = load_article(PAC / story / right).sentences
        for kind, sl, sr in ls:
            pairs = frozenset((i, j) for i in owners(L, sl) for j in owners(R, sr))
            out.setdefault(kind, []).append(pairs)
    return out


def score(gold, other):
    sure = gold.get("S", [])
    allowed = set().union(*sure, *gold.get("P", []))
    pred = set().union(*other.get("S", [])) if other.get("S") else set()
    loose = pred | (set().union(*other.get("P", [])) if other.get("P") else set())
    tp = sum(1 for s in sure if s & loose)
    fn = len(sure) - tp
    fp = len(pred - allowed)
    return tp, fp, fn


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    totals = [[0, 0, 0], [0, 0, 0]]
    for second in sorted((GOLD / "second").glob("story-*.txt")):
        story = second.stem
        a, b = resolve(GOLD / second.name, story), resolve(second, story)
        for k, (g, o) in enumerate(((a, b), (b, a))):
            t = score(g, o)
            totals[k] = [x + y for x, y in zip(totals[k], t)]
        print(f"{story}: first gold {len(a.get('S', []))} S / second {len(b.get('S', []))} S; "
              f"second vs first P={prf(*score(a, b))[0]:.2f} R={prf(*score(a, b))[1]:.2f} F1={prf(*score(a, b))[2]:.2f}")
    f1 = [prf(*t)[2] for t in totals]
    p, r, _ = prf(*totals[0])
    print(f"pooled: second scored against first P={p:.2f} R={r:.2f} F1={f1[0]:.2f}; "
          f"first against second F1={f1[1]:.2f}; mean {sum(f1) / 2:.2f}")


if __name__ == "__main__":
    main()
