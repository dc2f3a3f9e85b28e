"""Shared helpers for the alignment benchmarks: load snippet golds, score a comparison.

A gold is a folder with ``gold.txt`` (the format of ../shared/data/dev-gold/gold.txt) and
``articles/``. Scoring follows ../shared/tools/gold_eval.py: sure links count, possible
links are neither rewarded nor punished, boilerplate is scored per article.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV_GOLD = ROOT.parent / "shared" / "data" / "dev-gold"


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower()
    s = s.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", s).strip()


def load_gold(path: Path):
    links: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    boiler: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        snippets = re.findall(r'"([^"]*)"', line)
        head = line.split('"', 1)[0].split()
        if head[0] == "B":
            boiler.setdefault(head[1], []).append(snippets[0])
        else:
            left, right = head[0].split(":")
            links.setdefault((left, right), []).append((head[1], snippets[0], snippets[1]))
    return links, boiler


def owners(sentences, snippet: str) -> set[int]:
    s = norm(snippet)
    return {x.id for x in sentences if s in norm(x.text)}


def gold_sets() -> list[Path]:
    """Every gold folder available: the shared dev gold and benchmarks/gold/*."""
    sets = []
    if (DEV_GOLD / "gold.txt").exists():
        sets.append(DEV_GOLD)
    sets += sorted(p for p in (ROOT / "benchmarks" / "gold").glob("*") if (p / "gold.txt").exists())
    return sets


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = self.btp = self.bfp = self.bfn = 0

    def add(self, other: "Tally"):
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def _prf(t, p, n):
        pr = t / (t + p) if t + p else 0.0
        rc = t / (t + n) if t + n else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    def links(self):
        return self._prf(self.tp, self.fp, self.fn)

    def boilerplate(self):
        return self._prf(self.btp, self.bfp, self.bfn)

    def line(self) -> str:
        p, r, f = self.links()
        bp, br, bf = self.boilerplate()
        return (f"links P={p:.2f} R={r:.2f} F1={f:.3f} (tp={self.tp} fp={self.fp} fn={self.fn}); "
                f"boilerplate P={bp:.2f} R={br:.2f} F1={bf:.3f}")


def evaluate(gold_dir: Path, compare_fn, load_fn, verbose: bool = False) -> Tally:
    """Score ``compare_fn(load_fn(left), load_fn(right))`` on every pair of one gold."""
    links, boiler = load_gold(gold_dir / "gold.txt")
    t = Tally()
    done: set[str] = set()
    cache = {}

    def art(name):
        if name not in cache:
            cache[name] = load_fn(gold_dir / "articles" / name)
        return cache[name]

    for (left, right), ls in links.items():
        c = compare_fn(art(left), art(right))
        L, R = c.left.sentences, c.right.sentences
        sure, possible = [], []
        for kind, sl, sr in ls:
            ol, orr = owners(L, sl), owners(R, sr)
            if not ol or not orr:
                raise SystemExit(f"{gold_dir.name}: snippet not found: {sl!r} / {sr!r}")
            pairs = frozenset((i, j) for i in ol for j in orr)
            (sure if kind == "S" else possible).append(pairs)
        pred = {(i, j) for m in c.matches for i in m.left for j in m.right}
        for link in sure:
            if link & pred:
                t.tp += 1
            else:
                t.fn += 1
                if verbose:
                    i, j = next(iter(link))
                    print(f"  [{gold_dir.name}] missed: {L[i].text[:70]!r} ~ {R[j].text[:70]!r}")
        allowed = set().union(*sure, *possible) if sure or possible else set()
        for i, j in sorted(pred - allowed):
            t.fp += 1
            if verbose:
                print(f"  [{gold_dir.name}] false:  {L[i].text[:70]!r} ~ {R[j].text[:70]!r}")
        for name, sents in ((left, L), (right, R)):
            if name in done:
                continue
            done.add(name)
            gold_b = set().union(*(owners(sents, s) for s in boiler.get(name, []))) if boiler.get(name) else set()
            marked = {x.id for x in sents if x.boilerplate}
            t.btp += len(marked & gold_b)
            t.bfp += len(marked - gold_b)
            t.bfn += len(gold_b - marked)
            if verbose:
                for i in sorted(marked ^ gold_b):
                    what = "missed" if i in gold_b else "wrongly marked"
                    print(f"  [{gold_dir.name}] boilerplate {what}: {sents[i].text[:70]!r}")
    return t
