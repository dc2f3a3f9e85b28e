"""Fit the engine's two logistic layers and print what to paste into reader/engine/model.py.

  python benchmarks/train_matcher.py pair   # pair layer on STS-B train, scored on STS-B dev
  python benchmarks/train_matcher.py link   # link layer on the gold alignments, leave-one-set-out
  python benchmarks/train_matcher.py ablate # what each signal adds: refit without it, leave-one-set-out F1

The seed articles are never used. Each gold set is held out in turn: the figure printed
for it comes from weights fitted on the other sets only.
"""

from __future__ import annotations

import sys

from goldsets import Tally, evaluate, gold_sets, load_gold, owners
from lr import fit, pearson, predict
from stsb import read

from reader.corpus.load import load_article
from reader.engine import model
from reader.engine.compare import compare, units
from reader.engine.features import FEATURES, Idf, Unit, pair_features

LABEL = 3.0


def sts_features(rows):
    us = [(Unit.of(a), Unit.of(b)) for _, _, a, b in rows]
    idf = Idf([a.stems | b.stems for a, b in us])  # as reader.engine.pairs does
    idf.prepare(u for p in us for u in p)
    return [pair_features(a, b, idf) for a, b in us]


def train_pair():
    tr, dv = read("train"), read("dev")
    Xtr, Xdv = sts_features(tr), sts_features(dv)
    ytr = [1 if r[1] >= LABEL else 0 for r in tr]
    w = fit(Xtr, ytr, l2=1e-4, epochs=1500, lr=3.0)
    probs = [predict(w, x) for x in Xdv]
    gold = [r[1] for r in dv]
    for th in (0.4, 0.5, 0.6):
        acc = sum(1 for p, g in zip(probs, gold) if (p >= th) == (g >= LABEL)) / len(dv)
        tp = sum(1 for p, g in zip(probs, gold) if p >= th and g >= LABEL)
        fp = sum(1 for p, g in zip(probs, gold) if p >= th and g < LABEL)
        fn = sum(1 for p, g in zip(probs, gold) if p < th and g >= LABEL)
        print(f"dev threshold {th}: acc={acc:.3f} F1={2 * tp / (2 * tp + fp + fn):.3f}")
    print(f"dev pearson={pearson(probs, gold):.3f}")
    print("PAIR_WEIGHTS = [" + ", ".join(f"{x:.3f}" for x in w) + "]")
    print("  # bias, " + ", ".join(FEATURES))


def link_examples(gold_dir, pair_weights=None):
    """(context vector, label) for every scored candidate link of every pair in one gold."""
    from reader.engine.match import score_links

    links, _ = load_gold(gold_dir / "gold.txt")
    cache = {}
    X, y = [], []

    def art(name):
        if name not in cache:
            cache[name] = load_article(gold_dir / "articles" / name)
        return cache[name]

    for (left, right), ls in links.items():
        L, R = art(left), art(right)
        sure, allowed = [], set()
        for kind, sl, sr in ls:
            pairs = {(i, j) for i in owners(L.sentences, sl) for j in owners(R.sentences, sr)}
            allowed |= pairs
            if kind == "S":
                sure.append(pairs)
        for link in score_links(units(L), units(R)):
            pairs = {(i, j) for i in link.left for j in link.right}
            if not pairs & allowed:
                label = 0
            elif any(pairs & s for s in sure) and pairs <= allowed:
                label = 1
            else:
                continue  # partial or possible-only: not counted either way
            X.append(link.context)
            y.append(label)
    return X, y


def train_link():
    sets = gold_sets()
    data = {g.name: link_examples(g) for g in sets}
    for g in sets:
        print(f"{g.name}: {len(data[g.name][0])} examples, {sum(data[g.name][1])} positive")
    names = list(data)
    total = Tally()
    for g in sets:
        X = [x for n in names if n != g.name for x in data[n][0]]
        y = [t for n in names if n != g.name for t in data[n][1]]
        model.LINK_WEIGHTS[:] = fit(X, y, **FIT)
        t = evaluate(g, compare, load_article)
        total.add(t)
        print(f"held out {g.name:22s} {t.line()}")
    print(f"held out {'ALL':22s} {total.line()}")
    X = [x for n in names for x in data[n][0]]
    y = [t for n in names for t in data[n][1]]
    w = fit(X, y, **FIT)
    print("LINK_WEIGHTS = [" + ", ".join(f"{x:.3f}" for x in w) + "]")


FIT = dict(l2=1e-3, epochs=1500, lr=2.0)


# Ablation groups: indices into the pair features and into the link context.
PAIR_GROUPS = {
    "rarity-weighted overlap (dice, containment)": [0, 1],
    "character similarity (ratio, token set)": [2, 3],
    "numbers (shared, conflicting)": [4, 5],
    "quotations": [6],
    "word sets and pairs (jaccard, bigrams)": [9, 10],
    "length ratio, exact": [7, 8],
}
CONTEXT_GROUPS = {
    "position in the articles": [1],
}


def _masked(fn, idx):
    def wrapped(x, *a, **k):
        return fn([0.0 if n in idx else v for n, v in enumerate(x)], *a, **k)
    return wrapped


def loo(pair_mask=(), ctx_mask=(), sts=None):
    """Refit both layers with some signals zeroed; return the leave-one-set-out tally."""
    import reader.engine.model as m

    saved = (m.pair_logit, m.link_logit, list(m.PAIR_WEIGHTS), list(m.LINK_WEIGHTS))
    n_ctx = 2
    link_mask = set(ctx_mask) | {n_ctx + i for i in pair_mask}
    try:
        if pair_mask:
            Xtr, ytr = sts
            Xm = [[0.0 if n in pair_mask else v for n, v in enumerate(x)] for x in Xtr]
            m.PAIR_WEIGHTS[:] = fit(Xm, ytr, l2=1e-4, epochs=1500, lr=3.0)
        m.pair_logit = _masked(saved[0], set(pair_mask))
        m.link_logit = _masked(saved[1], link_mask)
        sets = gold_sets()
        data = {g.name: link_examples(g) for g in sets}
        total = Tally()
        for g in sets:
            X = [[0.0 if n in link_mask else v for n, v in enumerate(x)] for h in data if h != g.name for x in data[h][0]]
            y = [t for h in data if h != g.name for t in data[h][1]]
            m.LINK_WEIGHTS[:] = fit(X, y, **FIT)
            total.add(evaluate(g, compare, load_article))
        return total
    finally:
        m.pair_logit, m.link_logit = saved[0], saved[1]
        m.PAIR_WEIGHTS[:], m.LINK_WEIGHTS[:] = saved[2], saved[3]


def ablate():
    tr = read("train")
    sts = (sts_features(tr), [1 if r[1] >= LABEL else 0 for r in tr])
    base = loo(sts=sts)
    print(f"{'all signals':58s} F1={base.links()[2]:.3f}")
    for name, idx in PAIR_GROUPS.items():
        t = loo(pair_mask=idx, sts=sts)
        print(f"{'without ' + name:58s} F1={t.links()[2]:.3f} ({t.links()[2] - base.links()[2]:+.3f})")
    for name, idx in CONTEXT_GROUPS.items():
        t = loo(ctx_mask=idx, sts=sts)
        print(f"{'without ' + name:58s} F1={t.links()[2]:.3f} ({t.links()[2] - base.links()[2]:+.3f})")
    only = [i for i in range(11) if i not in (0,)]
    t = loo(pair_mask=only, ctx_mask=[1], sts=sts)
    print(f"{'IDF overlap (dice) only':58s} F1={t.links()[2]:.3f}")


if __name__ == "__main__":
    {"pair": train_pair, "link": train_link, "ablate": ablate}[sys.argv[1] if len(sys.argv) > 1 else "pair"]()
