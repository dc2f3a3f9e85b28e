"""Fit the engine's two models and write reader/engine/data/matcher.json.

    python benchmarks/train_matcher.py            # tables from the data, fit, write, report
    python benchmarks/train_matcher.py fit        # fit from the committed tables only, write, report
    python benchmarks/train_matcher.py ablate     # what each group of signals adds (leave-one-story-out)
    python benchmarks/train_matcher.py check      # do today's features still give the committed tables?

Data (all real; never the bundled seeds, never invented articles):
* pair model — MSRP paraphrase corpus, training split (../shared/data/msrp); checked on
  STS-B dev (Pearson) as a second opinion;
* link model — the blind real-news gold of benchmarks/real_gold/ (34 PAC stories);
* event model — PAC: the two outlets of each story against pairs of articles of different
  stories (never the stories of the cross-story benchmark, bench_crossstory.py).

The features of every candidate are computed by the engine's own code (reader.engine.features,
.match), written to benchmarks/training/*.tsv.gz, and the models are fitted from those tables
(benchmarks/lr.py, deterministic). tests/test_model_fit.py re-fits from the committed tables and
checks the committed matcher.json. The link threshold is chosen from leave-one-story-out
predictions: the best pooled F1 with precision at least 0.75.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from lr import fit, predict  # noqa: E402

TABLES = HERE / "training"
MODEL = HERE.parent / "reader" / "engine" / "data" / "matcher.json"
SHARED = HERE.parent.parent / "shared" / "data"
GOLD = HERE / "real_gold"
PAIR_L2 = 1.0
LINK_L2 = 1.0
MIN_PRECISION = 0.75


# ----------------------------------------------------------------------------- tables
def table_text(header: list[str], rows: list[list]) -> str:
    lines = ["\t".join(header)]
    lines += ["\t".join(f"{v:.6g}" if isinstance(v, float) else str(v) for v in r) for r in rows]
    return "\n".join(lines) + "\n"


CHECK: dict[Path, str] | None = None  # set by `check`: tables are compared, not written


def write_table(path: Path, header: list[str], rows: list[list]) -> None:
    text = table_text(header, rows)
    if CHECK is not None:
        CHECK[path] = text
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same table gives the same bytes, so git sees no change when nothing changed
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(text.encode("utf-8"))


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    return lines[0].split("\t"), [x.split("\t") for x in lines[1:]]


def msrp_rows() -> list[list]:
    from reader.engine.features import PAIR_FEATURES, pair_vector
    from reader.engine.pairs import pair_units

    pairs, labels = [], []
    text = (SHARED / "msrp" / "msr_paraphrase_train.txt").read_text(encoding="utf-8-sig")
    for line in text.splitlines()[1:]:
        q, _, _, a, b = line.split("\t")
        pairs.append((a, b))
        labels.append(int(q))
    units, w = pair_units(pairs)
    rows = [[y] + pair_vector(a, b, w) for (a, b), y in zip(units, labels)]
    assert len(rows[0]) == 1 + len(PAIR_FEATURES)
    return rows


def _articles(story_dir: Path):
    from reader.corpus.load import load_article

    files = sorted(story_dir.glob("*.json"))
    return [load_article(str(f)) for f in files]


def story_rows(name: str, left, right, gold_links=None):
    """Candidate rows of one article pair: [story, left id, right id, label, links, exact] + features.

    label 1: inside a sure link; 0: outside every sure and possible link; -1: possible only
    (neither rewarded nor punished). ``links``: the indexes of the sure links the pair is in.
    With no gold (articles of different stories) every candidate is a negative.
    """
    from reader.engine.compare import units
    from reader.engine.match import link_table, prepare

    lu, lids = units(left)
    ru, rids = units(right)
    if not lu or not ru:
        return [], 0
    table = link_table(lu, ru, prepare(lu, ru))
    sure, allowed = [], set()
    if gold_links is not None:
        sure, allowed = gold_links
    out = []
    for x in table:
        key = (lids[x.i], rids[x.j])
        exact = int(lu[x.i].norm == ru[x.j].norm and bool(lu[x.i].norm))
        hit = [k for k, s in enumerate(sure) if key in s]
        label = 1 if hit else (0 if key not in allowed else -1)
        if exact and gold_links is None:
            label = -1  # a verbatim line shared by two stories is allowed (boilerplate, stock sentence)
        out.append([name, key[0], key[1], label, ",".join(map(str, hit)) or "-", exact] + x.features)
    return out, len(sure)


def gold_rows():
    from goldsets import load_gold, owners

    rows, counts = [], {}
    for gold in sorted(GOLD.glob("story-*.txt"), key=lambda p: int(p.stem.split("-")[1])):
        name = gold.stem
        links, _ = load_gold(gold)
        (lname, rname), ls = next(iter(links.items()))
        from reader.corpus.load import load_article

        left = load_article(str(SHARED / "pac" / name / lname))
        right = load_article(str(SHARED / "pac" / name / rname))
        sure, allowed = [], set()
        for kind, sl, sr in ls:
            ps = {(i, j) for i in owners(left.sentences, sl) for j in owners(right.sentences, sr)}
            if not ps:
                raise SystemExit(f"{name}: snippet not found: {sl!r} / {sr!r}")
            allowed |= ps
            if kind == "S":
                sure.append(ps)
        r, n = story_rows(name, left, right, (sure, allowed))
        rows += r
        counts[name] = n
    return rows, counts


def gold_story_numbers() -> set[int]:
    return {int(p.stem.split("-")[1]) for p in GOLD.glob("story-*.txt")}


# Stories that repeat another story's event or article (same pair, swapped, or one article
# shared): never paired as "different events".
SAME_EVENT = ({131, 132}, {133, 145}, {20, 37})


def pac_stories() -> list[int]:
    return sorted(int(p.name.split("-")[1]) for p in (SHARED / "pac").glob("story-*"))


def crossstory_bench_stories() -> list[int]:
    """The 20 stories of the cross-story benchmark: a fixed random sample of the stories outside
    the gold (and outside the pairs that repeat an event), never used in fitting."""
    gold = gold_story_numbers()
    dup = set().union(*SAME_EVENT)
    pool = [n for n in pac_stories() if n not in gold and n not in dup]
    return sorted(random.Random(20).sample(pool, 20))


EVENT_CROSS = 1200  # article pairs of different stories for the event model


def event_rows():
    """[kind, story a, story b, label] + EVENT_FEATURES for same-story and cross-story pairs
    (all PAC stories except the cross-story benchmark's)."""
    from reader.engine.compare import units
    from reader.engine.event import days_apart, event_features, table_closeness
    from reader.engine.match import link_table, prepare

    bench = set(crossstory_bench_stories())
    stories = [n for n in pac_stories() if n not in bench]
    loaded = {n: _articles(SHARED / "pac" / f"story-{n}") for n in stories}
    arts = {n: [units(a)[0] for a in v] for n, v in loaded.items()}
    dates = {n: [a.date for a in v] for n, v in loaded.items()}

    def row(a, sa, b, sb, label):
        L, R = arts[a][sa], arts[b][sb]
        w = prepare(L, R)
        gap = days_apart(dates[a][sa], dates[b][sb])
        return [f"{a}.{sa}", f"{b}.{sb}", label, "-" if gap is None else gap] + event_features(L, R, table_closeness(link_table(L, R, w)))

    rows = [row(n, 0, n, 1, 1) for n in stories if len(arts[n]) == 2]
    dup = [set(d) for d in SAME_EVENT]
    rng = random.Random(9)
    seen = set()
    while len(seen) < EVENT_CROSS:
        a, b = rng.sample(stories, 2)
        if any({a, b} <= d for d in dup):
            continue
        key = (a, rng.randrange(2), b, rng.randrange(2))
        if key not in seen:
            seen.add(key)
            rows.append(row(*key, 0))
    return rows


GROUP_PILES = ((1, 30), (2, 30), (3, 20), (10, 10), (30, 5), (0, 1))  # (stories, draws); 0: all


def group_piles() -> list[list[int]]:
    """Piles of PAC stories to group (every story but the cross-story benchmark's): one story
    alone, two, three, ten, thirty, and all of them — a user's folder is often small, and in a
    small pile every word is "common" to it, so the model must see piles of every size."""
    bench = set(crossstory_bench_stories())
    stories = [n for n in pac_stories() if n not in bench]
    rng = random.Random(12)
    return [rng.sample(stories, k) if k else list(stories) for k, draws in GROUP_PILES for _ in range(draws)]


def group_rows():
    """Candidate pairs of every pile with their grouping features, dated as published; then the
    same rows as undated articles would give them (the date signals off), so the model also
    groups from words alone."""
    from reader.story.grouping import Pile

    same = {n: min(d) for d in SAME_EVENT for n in d}
    cache: dict[int, list] = {}
    rows = []
    for pid, piled in enumerate(group_piles()):
        arts, story = [], []
        for n in piled:
            if n not in cache:
                cache[n] = _articles(SHARED / "pac" / f"story-{n}")
            arts += cache[n]
            story += [same.get(n, n)] * len(cache[n])
        pile = Pile(arts)
        for i, j in pile.candidates():
            f = pile.features(i, j)
            label = int(story[i] == story[j])
            if not pile.far_apart(i, j):  # dated too far apart: never one story (serving's rule)
                rows.append([pid, "dated", len(arts), i, j, story[i], story[j], label] + f)
            rows.append([pid, "undated", len(arts), i, j, story[i], story[j], label] + f[:-2] + [0.0, 0.0])
    return rows


def build_tables() -> None:
    from reader.engine.features import PAIR_FEATURES
    from reader.engine.match import LINK_FEATURES

    write_table(TABLES / "pair_msrp_train.tsv.gz", ["label", *PAIR_FEATURES], msrp_rows())
    g, counts = gold_rows()
    write_table(TABLES / "link_real_gold.tsv.gz", ["story", "left", "right", "label", "links", "exact", *LINK_FEATURES], g)
    if CHECK is None:
        (TABLES / "link_gold_counts.json").write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    from reader.engine.event import EVENT_FEATURES

    write_table(TABLES / "event_pac.tsv.gz", ["a", "b", "label", "days_apart", *EVENT_FEATURES], event_rows())
    from reader.story.grouping import GROUP_FEATURES

    write_table(TABLES / "group_pac.tsv.gz",
                ["pile", "dates", "size", "a", "b", "story_a", "story_b", "label", *GROUP_FEATURES], group_rows())
    print(f"tables: {len(g)} candidates in {len(counts)} gold stories -> {TABLES}")


# ----------------------------------------------------------------------------- fitting
def load_pair_table():
    header, rows = read_table(TABLES / "pair_msrp_train.tsv.gz")
    return header[1:], [[float(v) for v in r[1:]] for r in rows], [int(r[0]) for r in rows]


def load_link_table():
    header, rows = read_table(TABLES / "link_real_gold.tsv.gz")
    feats = header[6:]
    data = [{"story": r[0], "key": (int(r[1]), int(r[2])), "label": int(r[3]),
             "links": [] if r[4] == "-" else [int(x) for x in r[4].split(",")], "exact": r[5] == "1",
             "x": [float(v) for v in r[6:]]} for r in rows]
    counts = json.loads((TABLES / "link_gold_counts.json").read_text(encoding="utf-8"))
    return feats, data, counts


def fit_pair(features=None, mask=()):
    names, X, y = load_pair_table()
    if mask:
        X = [[0.0 if k in mask else v for k, v in enumerate(x)] for x in X]
    bias, w = fit(X, y, l2=PAIR_L2)
    return names, bias, w, X, y


def pair_threshold(bias, w, X, y) -> float:
    """The threshold with the best accuracy on the training split (10-fold figures are printed apart)."""
    ps = [predict(bias, w, x) for x in X]
    best = max((sum((p >= t) == bool(t_) for p, t_ in zip(ps, y)), t) for t in [k / 100 for k in range(30, 71)])
    return best[1]


def fit_link(data, mask=(), exclude_story=None):
    rows = [d for d in data if d["label"] >= 0 and not d["exact"] and d["story"] != exclude_story]
    X = [[0.0 if k in mask else v for k, v in enumerate(d["x"])] for d in rows]
    y = [d["label"] for d in rows]
    return fit(X, y, l2=LINK_L2)


def loso_predictions(data, mask=()):
    """Probability of every gold-story row from models fitted without its story, as the engine
    decides: the link model's probability times the event model's for the article pair, and
    nothing but verbatim lines when the event model says two events (reader.engine.compare)."""
    stories = sorted({d["story"] for d in data})
    event, event_th = event_loso(stories)
    probs = {}
    for s in stories:
        bias, w = fit_link(data, mask, exclude_story=s)
        for k, d in enumerate(data):
            if d["story"] == s:
                x = [0.0 if m in mask else v for m, v in enumerate(d["x"])]
                if d["exact"]:
                    probs[k] = 1.0
                else:
                    probs[k] = 0.0 if event[s] < event_th else predict(bias, w, x) * event[s]
    return probs


_EVENT_LOSO: dict = {}


def event_loso(stories) -> tuple[dict[str, float], float]:
    """For each gold story, the event model's probability for its two articles, from a model
    fitted without any pair that involves that story; and the shipped threshold."""
    key = tuple(stories)
    if key not in _EVENT_LOSO:
        _, X, y, _ = load_event_table()
        _, rows = read_table(TABLES / "event_pac.tsv.gz")
        involved = [(r[0].split(".")[0], r[1].split(".")[0]) for r in rows]
        npos = sum(y)
        wts = [len(y) / (2 * npos) if t else len(y) / (2 * (len(y) - npos)) for t in y]
        out = {}
        for s in stories:
            n = s.split("-")[1]
            tr = [k for k, (a, b) in enumerate(involved) if n not in (a, b)]
            same = next(k for k, (a, b) in enumerate(involved) if a == b == n)
            b, w = fit([X[k] for k in tr], [y[k] for k in tr], l2=EVENT_L2, weights=[wts[k] for k in tr])
            out[s] = predict(b, w, X[same])
        _EVENT_LOSO[key] = (out, fit_event()[3])
    return _EVENT_LOSO[key]


def tally(data, counts, probs, th, stories=None):
    tp = fp = fn = 0
    per = {}
    for s, n in counts.items():
        if stories is not None and s not in stories:
            continue
        hit = set()
        f = 0
        for k, d in enumerate(data):
            if d["story"] != s or k not in probs or probs[k] < th:
                continue
            hit.update(d["links"])
            if d["label"] == 0:
                f += 1
        per[s] = (len(hit), f, n - len(hit))
        tp += len(hit)
        fp += f
        fn += n - len(hit)
    return (tp, fp, fn), per


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose_threshold(data, counts, probs) -> float:
    best = None
    for t in [k / 100 for k in range(10, 91)]:
        (tp, fp, fn), _ = tally(data, counts, probs, t)
        p, r, f = prf(tp, fp, fn)
        key = (p >= MIN_PRECISION, f, -t)
        if best is None or key > best[0]:
            best = (key, t)
    return best[1]


def load_event_table():
    header, rows = read_table(TABLES / "event_pac.tsv.gz")
    gaps = [None if r[3] == "-" else int(r[3]) for r in rows]
    return header[4:], [[float(v) for v in r[4:]] for r in rows], [int(r[2]) for r in rows], gaps


def max_days(gaps, y) -> int:
    """Two days more than the gap within which 98% of one story's two reports appeared."""
    same = sorted(g for g, t in zip(gaps, y) if t and g is not None)
    return same[int(0.98 * (len(same) - 1))] + 2


EVENT_L2 = 10.0
EVENT_MAX_FALSE = 0.005  # at most this share of different-story pairs may pass as one event


def fit_event():
    """Weights balanced between the two classes; the threshold the most permissive one that lets
    at most EVENT_MAX_FALSE of the different-story pairs through (10-fold cross-validated)."""
    names, X, y, gaps = load_event_table()
    npos = sum(y)
    wts = [len(y) / (2 * npos) if t else len(y) / (2 * (len(y) - npos)) for t in y]
    bias, w = fit(X, y, l2=EVENT_L2, weights=wts)
    folds = 10
    probs = [0.0] * len(y)
    for f in range(folds):
        tr = [k for k in range(len(y)) if k % folds != f]
        b, ww = fit([X[k] for k in tr], [y[k] for k in tr], l2=EVENT_L2, weights=[wts[k] for k in tr])
        for k in range(f, len(y), folds):
            probs[k] = predict(b, ww, X[k])
    neg = sorted((p for p, t in zip(probs, y) if not t), reverse=True)
    allowed = int(EVENT_MAX_FALSE * len(neg))
    th = round(min(0.9, max(0.05, neg[allowed] + 1e-4)), 4)
    missed = sum(1 for p, t in zip(probs, y) if t and p < th)
    passed = sum(1 for p, t in zip(probs, y) if not t and p >= th)
    return names, bias, w, th, max_days(gaps, y), (missed, npos, passed, len(y) - npos)


GROUP_L2 = 1.0
GROUP_FOLDS = 5


def load_group_table():
    header, rows = read_table(TABLES / "group_pac.tsv.gz")
    data = [{"pile": (int(r[0]), r[1]), "size": int(r[2]), "a": int(r[3]), "b": int(r[4]), "sa": int(r[5]),
             "sb": int(r[6]), "label": int(r[7]), "x": [float(v) for v in r[8:]]} for r in rows]
    return header[8:], data


def cluster_pairs(n: int, probs: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Average-linkage clustering as reader.story.grouping does (pairs not given count as 0)."""
    groups = {i: [i] for i in range(n)}
    of = list(range(n))
    for p, i, j in sorted(((p, i, j) for (i, j), p in probs.items() if p >= threshold), key=lambda t: (-t[0], t[1], t[2])):
        a, b = of[i], of[j]
        if a == b:
            continue
        cross = [probs.get((min(x, y), max(x, y)), 0.0) for x in groups[a] for y in groups[b]]
        if sum(cross) / len(cross) < threshold:
            continue
        groups[a].extend(groups[b])
        for x in groups.pop(b):
            of[x] = a
    return of


def fit_group():
    """Weights on every row; the threshold the best pairwise F1, pooled over every pile (dated
    and undated), of the clusterings under 5-fold cross-validation by story (story number mod 5)."""
    names, data = load_group_table()
    X = [d["x"] for d in data]
    y = [d["label"] for d in data]
    bias, w = fit(X, y, l2=GROUP_L2)
    fold = lambda s: s % GROUP_FOLDS  # noqa: E731
    probs: dict[tuple, dict[tuple[int, int], float]] = {}
    truth: dict[tuple, dict[int, int]] = {}
    size: dict[tuple, int] = {}
    for d in data:
        probs.setdefault(d["pile"], {})
        t = truth.setdefault(d["pile"], {})
        t[d["a"]], t[d["b"]] = d["sa"], d["sb"]
        size[d["pile"]] = d["size"]
    for f in range(GROUP_FOLDS):
        tr = [k for k, d in enumerate(data) if fold(d["sa"]) != f and fold(d["sb"]) != f]
        b, ww = fit([X[k] for k in tr], [y[k] for k in tr], l2=GROUP_L2)
        for d in data:
            if fold(d["sa"]) == f or fold(d["sb"]) == f:
                probs[d["pile"]][d["a"], d["b"]] = predict(b, ww, d["x"])

    def scores(t: float) -> dict[str, tuple[int, int, int]]:
        out = {"dated": [0, 0, 0], "undated": [0, 0, 0]}
        for pile, ps in probs.items():
            n = size[pile]
            of = cluster_pairs(n, ps, t)
            lab = [truth[pile].get(i, -1 - i) for i in range(n)]
            for i in range(n):
                for j in range(i + 1, n):
                    same, p = lab[i] == lab[j], of[i] == of[j]
                    acc = out[pile[1]]
                    acc[0] += same and p
                    acc[1] += p and not same
                    acc[2] += same and not p
        return out

    best = None
    for t in [k / 100 for k in range(20, 91, 2)]:
        s = scores(t)
        key = (prf(*[a + b for a, b in zip(s["dated"], s["undated"])])[2], -t)
        if best is None or key > best[0]:
            best = (key, t, {k: prf(*v) for k, v in s.items()})
    return names, bias, w, best[1], best[2]


def fit_all(report: bool = True) -> dict:
    from reader.engine.features import PAIR_FEATURES
    from reader.engine.match import LINK_FEATURES

    names, pb, pw, X, y = fit_pair()
    assert names == list(PAIR_FEATURES), "pair table is stale: rebuild the tables"
    pth = pair_threshold(pb, pw, X, y)
    feats, data, counts = load_link_table()
    assert feats == list(LINK_FEATURES), "link table is stale: rebuild the tables"
    probs = loso_predictions(data)
    lth = choose_threshold(data, counts, probs)
    lb, lw = fit_link(data)
    enames, eb, ew, eth, edays, (missed, npos, passed, nneg) = fit_event()
    from reader.engine.event import EVENT_FEATURES

    assert enames == list(EVENT_FEATURES), "event table is stale: rebuild the tables"
    gnames, gb, gw, gth, gscores = fit_group()
    from reader.story.grouping import GROUP_FEATURES

    assert gnames == list(GROUP_FEATURES), "group table is stale: rebuild the tables"
    out = {
        "about": "Written by benchmarks/train_matcher.py; do not edit by hand.",
        "pair": {"features": list(PAIR_FEATURES), "weights": [round(v, 8) for v in pw], "bias": round(pb, 8),
                 "threshold": pth, "fitted_on": "MSRP paraphrase corpus, training split (4,076 pairs)"},
        "link": {"features": list(LINK_FEATURES), "weights": [round(v, 8) for v in lw], "bias": round(lb, 8),
                 "threshold": lth,
                 "fitted_on": f"blind real-news gold: {len(counts)} PAC stories, {sum(counts.values())} sure links"},
        "event": {"features": list(EVENT_FEATURES), "weights": [round(v, 8) for v in ew], "bias": round(eb, 8),
                  "threshold": eth, "max_days_apart": edays,
                  "fitted_on": f"PAC: {npos} pairs of one story's two outlets against {nneg} pairs of articles of "
                               f"different stories (not the cross-story benchmark's)"},
        "group": {"features": list(GROUP_FEATURES), "weights": [round(v, 8) for v in gw], "bias": round(gb, 8),
                  "threshold": gth,
                  "fitted_on": "piles of 1, 2, 3, 10, 30 and all PAC stories (not the cross-story benchmark's), "
                               "dated and undated"},
    }
    if report:
        (tp, fp, fn), per = tally(data, counts, probs, lth)
        p, r, f = prf(tp, fp, fn)
        for s, t in sorted(per.items(), key=lambda kv: int(kv[0].split("-")[1])):
            print(f"  held out {s:10s} P={prf(*t)[0]:.2f} R={prf(*t)[1]:.2f} F1={prf(*t)[2]:.2f} (tp={t[0]} fp={t[1]} fn={t[2]})")
        print(f"link model, leave-one-story-out at threshold {lth:.2f}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")
        acc = sum((predict(pb, pw, x) >= pth) == bool(t) for x, t in zip(X, y)) / len(y)
        print(f"pair model: threshold {pth:.2f}, accuracy on MSRP train {acc:.3f} (10-fold: bench_pairs.py)")
        print(f"event model, 10-fold: threshold {eth:.3f}; same-story pairs judged different events {missed}/{npos}, "
              f"different-story pairs judged one event {passed}/{nneg}")
        for pile, (p, r, f) in gscores.items():
            print(f"grouping model, 5-fold by story, {len(GROUP_PILES)} kinds of PAC piles, {pile}: pairwise F1 {f:.3f} "
                  f"(P {p:.3f}, R {r:.3f}) at threshold {gth:.2f}")
    return out


def write_model(model: dict) -> None:
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL}")


# ----------------------------------------------------------------------------- ablation
GROUPS = {
    "rarity among the compared texts (word cosine, dice, containment)": ["word_cos", "dice", "cont_min", "cont_max"],
    "character 4-grams (cosine)": ["char_cos"],
    "general-English rarity (wordfreq)": ["general_dice", "general_cont", "general_cos"],
    "character similarity (ratio, token set)": ["char_ratio", "token_set"],
    "names": ["names_shared", "names_conflict"],
    "numbers": ["numbers_shared", "numbers_conflict"],
    "quotations": ["quote"],
    "length, stem pairs, exact, short": ["length_ratio", "stem_pairs", "exact", "short"],
    "position (gap, titles, lede)": ["position_gap", "both_titles", "one_title", "lede"],
    "rank and margin among candidates, both sides": ["rank_high", "rank_low", "margin_high", "margin_low",
                                                       "ratio_high", "ratio_low", "zscore"],
}


def ablate() -> None:
    feats, data, counts = load_link_table()
    base = loso_predictions(data)
    th = choose_threshold(data, counts, base)

    def line(label, probs):
        t_best = choose_threshold(data, counts, probs)
        p, r, f = prf(*tally(data, counts, probs, t_best)[0])
        print(f"{label:62s} F1={f:.3f} (P={p:.2f} R={r:.2f}, threshold {t_best:.2f})")
        return f

    f0 = line("all signals", base)
    for name, group in GROUPS.items():
        mask = {feats.index(g) for g in group}
        f = line("without " + name, loso_predictions(data, mask))
        print(f"{'':62s} {f - f0:+.3f}")
    print(f"(threshold re-chosen for each variant; all signals: {th:.2f})")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "all"
    if cmd == "all":
        build_tables()
        write_model(fit_all())
    elif cmd == "tables":
        build_tables()
    elif cmd == "fit":
        write_model(fit_all())
    elif cmd == "ablate":
        ablate()
    elif cmd == "check":
        globals()["CHECK"] = {}
        build_tables()
        bad = 0
        for path, text in globals()["CHECK"].items():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                same = fh.read() == text
            bad += not same
            print(f"{path.name}: {'same' if same else 'DIFFERS: the features changed, run train_matcher.py'}")
        sys.exit(1 if bad else 0)
    else:
        raise SystemExit(__doc__)
