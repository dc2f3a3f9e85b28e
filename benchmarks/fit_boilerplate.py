"""Fit the boilerplate detector's cue weights on real articles labelled by hand.

    python benchmarks/fit_boilerplate.py            # table + fit + write weights
    python benchmarks/fit_boilerplate.py --cv       # also: leave-some-stories-out F1

Reads the blind labels in ``benchmarks/boilerplate_real/labels.txt`` (134 PAC articles under
``../shared/data``), computes every sentence's cue vector with the detector's own code
(``reader.corpus.chrome.passes.sentence_cues``: training and serving share each cue's
definition), writes that table to ``benchmarks/boilerplate_real/training.tsv`` (cue vector +
label per sentence), fits an L2-regularised logistic regression on it by Newton's method
(deterministic: the same table gives the same weights) and writes them to
``reader/corpus/chrome/weights.json``, which the detector loads. ``tests/test_boilerplate.py``
re-fits from the committed table and checks the committed weights.

``--cv`` holds out a quarter of the stories at a time (story number mod 4), fits on the rest,
runs the whole detector (cues and passes) on the held-out articles and pools P/R/F1.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.corpus.chrome.cues import FEATURES, NAMES, feature_vector  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "benchmarks" / "boilerplate_real" / "labels.txt"
TABLE = ROOT / "benchmarks" / "boilerplate_real" / "training.tsv"
WEIGHTS = ROOT / "reader" / "corpus" / "chrome" / "weights.json"
L2 = 1e-4           # penalty on the squared weights (not the bias), per mean log loss
POS_WEIGHT = 1.0    # a chrome sentence counts this much in the loss
FOLDS = 4


# --------------------------------------------------------------------------- labels
def norm(s: str) -> str:
    return " ".join(s.lower().split())


def parse_labels(text: str) -> dict[str, list[tuple[str, int]]]:
    """{article path: [(snippet, occurrence or 0)]} for every ``A`` article and ``B`` line."""
    out: dict[str, list[tuple[str, int]]] = {}
    for line in text.splitlines():
        if line.startswith("A "):
            out.setdefault(line[2:].strip(), [])
            continue
        m = re.match(r'B\s+(\S+)\s+"(.*)"\s*(?:@(\d+))?\s*$', line)
        if m:
            sn = m.group(2).replace('\\"', '"')
            out.setdefault(m.group(1), []).append((norm(sn), int(m.group(3) or 0)))
    return out


def gold_ids(article, snippets: list[tuple[str, int]]) -> tuple[set[int], list[str]]:
    """Sentence ids (title excluded) named by the snippets, and the snippets that named none."""
    gold: set[int] = set()
    counts: dict[str, int] = {}
    used: set[str] = set()
    for s in article.sentences[1:]:
        t = norm(s.text)
        for sn, k in snippets:
            if sn in t:
                counts[sn] = counts.get(sn, 0) + 1
                if k == 0 or counts[sn] == k:
                    gold.add(s.id)
                    used.add(sn)
    return gold, [sn for sn, _ in snippets if sn not in used]


def story_of(path: str) -> int:
    m = re.search(r"story-(\d+)", path)
    return int(m.group(1)) if m else -1


def load_labelled(data: Path = DATA) -> list[tuple[str, object, set[int]]]:
    """[(path, Article, gold sentence ids)] for every labelled article."""
    from reader.corpus.load import load_article

    out = []
    for path, snippets in parse_labels(LABELS.read_text(encoding="utf-8")).items():
        art = load_article(data / path)
        gold, missing = gold_ids(art, snippets)
        for sn in missing:
            print(f"warning: {path}: snippet matches no sentence: {sn!r}", file=sys.stderr)
        out.append((path, art, gold))
    return out


# --------------------------------------------------------------------------- table
def build_table(labelled) -> list[tuple[str, int, int, list[float]]]:
    """[(article path, sentence id, label, cue vector)] — the detector's own cues."""
    from reader.corpus.chrome.passes import sentence_cues

    rows = []
    for path, art, gold in labelled:
        for sid, vec in sentence_cues(art):
            rows.append((path, sid, int(sid in gold), vec))
    return rows


def write_table(rows, path: Path = TABLE) -> None:
    lines = ["article\tsentence\tlabel\t" + "\t".join(NAMES)]
    for art, sid, y, vec in rows:
        lines.append(f"{art}\t{sid}\t{y}\t" + "\t".join(_fmt(v) for v in vec))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_table(path: Path = TABLE) -> list[tuple[str, int, int, list[float]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    if tuple(head[3:]) != NAMES:
        raise SystemExit(f"{path}: its cue columns are not the detector's cues; re-run fit_boilerplate.py")
    rows = []
    for line in lines[1:]:
        f = line.split("\t")
        rows.append((f[0], int(f[1]), int(f[2]), [float(x) for x in f[3:]]))
    return rows


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:.6f}"


# --------------------------------------------------------------------------- fit
def sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def fit(X: list[list[float]], y: list[int], l2: float = L2, pos_weight: float = POS_WEIGHT,
        iters: int = 50) -> list[float]:
    """[bias, w1, ...] minimising the weighted mean log loss + l2·|w|² (Newton's method)."""
    d = len(X[0]) + 1
    w = [0.0] * d
    n = sum(pos_weight if t else 1.0 for t in y)
    rows = [[1.0, *x] for x in X]
    for _ in range(iters):
        g = [0.0] * d
        H = [[0.0] * d for _ in range(d)]
        for x, t in zip(rows, y):
            c = pos_weight if t else 1.0
            p = sigmoid(sum(wi * xi for wi, xi in zip(w, x)))
            e = c * (p - t) / n
            h = c * p * (1 - p) / n
            for a in range(d):
                xa = x[a]
                if not xa:
                    continue
                g[a] += e * xa
                ha = h * xa
                Ha = H[a]
                for b in range(a, d):
                    if x[b]:
                        Ha[b] += ha * x[b]
        for a in range(d):
            for b in range(a):
                H[a][b] = H[b][a]
            if a:
                g[a] += 2 * l2 * w[a]
                H[a][a] += 2 * l2
        step = _solve(H, g)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return w


def _solve(A: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (A is small and positive definite)."""
    n = len(b)
    M = [row[:] + [bi] for row, bi in zip(A, b)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[piv] = M[piv], M[c]
        if abs(M[c][c]) < 1e-300:
            continue
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            if f:
                for k in range(c, n + 1):
                    M[r][k] -= f * M[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = M[r][n] - sum(M[r][k] * x[k] for k in range(r + 1, n))
        x[r] = s / M[r][r] if abs(M[r][r]) > 1e-300 else 0.0
    return x


def fit_table(rows) -> list[float]:
    """[bias, weight of each of ``cues.FEATURES``] fitted on table rows."""
    return fit([feature_vector(r[3]) for r in rows], [r[2] for r in rows])


def weights_file(w: list[float], rows) -> dict:
    return {
        "about": "Cue weights of the boilerplate detector: logistic regression (L2 "
                 f"{L2}, chrome sentences weighted {POS_WEIGHT}) fitted by benchmarks/fit_boilerplate.py "
                 "on benchmarks/boilerplate_real/training.tsv (real articles labelled blind). "
                 "Do not edit by hand.",
        "sentences": len(rows),
        "chrome": sum(r[2] for r in rows),
        "bias": round(w[0], 6),
        "weights": {f: round(wi, 6) for (f, _), wi in zip(FEATURES, w[1:])},
    }


# --------------------------------------------------------------------------- evaluation
class PRF:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.errors: list[str] = []

    def add(self, name: str, article, gold: set[int]) -> None:
        for s in article.sentences[1:]:
            g = s.id in gold
            if g and s.boilerplate:
                self.tp += 1
            elif s.boilerplate:
                self.fp += 1
                self.errors.append(f"  FP {name}: {s.text[:100]!r}")
            elif g:
                self.fn += 1
                self.errors.append(f"  FN {name}: {s.text[:100]!r}")

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self) -> str:
        p, r, f = self.prf()
        return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


def cross_validate(labelled, rows, folds: int = FOLDS) -> PRF:
    """Leave-some-stories-out: for each fold (story number mod ``folds``) fit on the other
    stories' rows and mark the fold's articles with those weights."""
    from reader.corpus.chrome.model import Model
    from reader.corpus.chrome.passes import mark_article

    score = PRF()
    for k in range(folds):
        train = [r for r in rows if story_of(r[0]) % folds != k]
        mdl = Model.from_list(fit_table(train))
        for path, art, gold in labelled:
            if story_of(path) % folds == k:
                mark_article(art, mdl=mdl)
                score.add(path, art, gold)
    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", action="store_true", help="also report leave-some-stories-out F1")
    ap.add_argument("--errors", action="store_true", help="list the held-out errors (with --cv)")
    args = ap.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"{DATA}: not found (the labelled articles live there)")
    labelled = load_labelled()
    rows = build_table(labelled)
    write_table(rows)
    w = fit_table(rows)
    WEIGHTS.write_text(json.dumps(weights_file(w, rows), indent=1) + "\n", encoding="utf-8")
    print(f"{len(labelled)} articles, {len(rows)} sentences, {sum(r[2] for r in rows)} chrome")
    print(f"wrote {TABLE.relative_to(ROOT)} and {WEIGHTS.relative_to(ROOT)}")
    for n, wi in sorted(zip((f for f, _ in FEATURES), w[1:]), key=lambda t: -abs(t[1])):
        print(f"  {n:<22} {wi:+.3f}")
    print(f"  {'(bias)':<22} {w[0]:+.3f}")
    if args.cv:
        sc = cross_validate(labelled, rows)
        print(f"leave-some-stories-out ({FOLDS} folds), whole detector: {sc.line()}")
        if args.errors:
            print("\n".join(sc.errors))


if __name__ == "__main__":
    main()
