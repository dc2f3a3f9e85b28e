"""Who copied whom, and what quotes, conflicts and derivations add to a story's overview.

1. **Independent reports** (all 146 PAC stories: two outlets of opposite leaning that each wrote
   their own report): every derivation reader states there is a false claim of copying. Printed:
   how many pairs get a direction, and the largest copied shares seen.
2. **Copies made from real articles**: 40 PAC articles, each with a copy made here by rules an
   aggregator follows (the same sentences, one in four lightly edited; site chrome added around
   them), in four variants: (a) the copy dated a day later, (b) undated, with chrome, (c) a bare
   truncated copy (the first two thirds, no chrome, same day), and (d) one agency story both ran
   ("The Associated Press contributed to this report"), a day apart: in (c) and (d) the evidence
   names no direction. Printed: right direction, wrong direction, no direction, and the mean error of the
   copied share against the known one.
3. **Time**: the overview of a story of 20 articles (190 pairs), and the part of it that quotes,
   conflicts and derivations take.

Run: python benchmarks/bench_derived.py   (reads ../shared/data)
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.corpus.load import load_article  # noqa: E402
from reader.engine.compare import compare  # noqa: E402
from reader.story.derived import derive  # noqa: E402
from reader.story.grouping import Story  # noqa: E402
from reader.story.library import Library  # noqa: E402
from reader.story.overview import outlet_labels  # noqa: E402
from reader.story.quotes import build_quotes  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CHROME_TOP = ["Subscribe to our newsletter for the latest headlines.", "Advertisement"]
CHROME_END = ["Read more: What the new rules mean for you", "Share this article on Facebook and X",
              "Advertisement", "© 2024 NewsNow Aggregator. All rights reserved."]


def pair_derivation(a, b):
    arts = [a, b]
    c = compare(a, b)
    [d] = derive(arts, outlet_labels(arts), {(0, 1): c}, build_quotes(arts))
    return d


def independent() -> None:
    directed = []
    shares = []
    stories = sorted((DATA / "pac").glob("story-*"))
    for s in stories:
        files = sorted(s.glob("*.json"))
        if len(files) != 2:
            continue
        d = pair_derivation(load_article(files[0]), load_article(files[1]))
        shares.append(max(d.share(0), d.share(1)))
        if d.source is not None:
            directed.append((s.name, d.source, d.share(d.copy), d.evidence))
    shares.sort(reverse=True)
    print(f"independent reports ({len(shares)} PAC pairs): {len(directed)} given a direction "
          f"(false claims of copying); largest copied shares {', '.join(f'{x:.0%}' for x in shares[:5])}")
    for name, src, share, ev in directed:
        print(f"  {name}: article {src} read as the original, share {share:.0%}: {ev}")


def edit(sentence: str, rng: random.Random) -> str:
    """A light edit: drop one word of the middle, or swap "said" for "stated"."""
    words = sentence.split()
    if len(words) > 8:
        del words[rng.randrange(2, len(words) - 2)]
    return " ".join(words).replace(" said ", " stated ")


def copies() -> None:
    rng = random.Random(7)
    files = sorted((DATA / "pac").glob("story-*/0-*.json"))[:40]
    tally = {v: {"right": 0, "wrong": 0, "none": 0} for v in "abcd"}
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, f in enumerate(files):
            rec = json.loads(f.read_text())
            rec["date"] = rec.get("date") or "2020-01-01"
            paras = [p for p in rec["text"].split("\n") if p.strip()]
            for variant in "abcd":
                body = [edit(p, rng) if rng.random() < 0.25 else p for p in paras]
                if variant == "c":
                    body = body[: max(3, 2 * len(body) // 3)]
                elif variant == "d":  # both ran one agency story; one a day later
                    body = paras + ["The Associated Press contributed to this report."]
                else:
                    body = CHROME_TOP + body + CHROME_END
                copy = {"title": rec["title"], "source": "NewsNow", "text": "\n\n".join(body),
                        "date": {"a": _next_day(rec["date"]), "b": None, "c": rec["date"],
                                 "d": _next_day(rec["date"])}[variant]}
                orig = dict(rec, source="Original", text="\n\n".join(
                    paras + (["The Associated Press contributed to this report."] if variant == "d" else [])))
                if variant == "b":
                    orig["date"] = None
                po, pc = Path(tmp) / f"{n}{variant}-o.json", Path(tmp) / f"{n}{variant}-c.json"
                po.write_text(json.dumps(orig), encoding="utf-8")
                pc.write_text(json.dumps(copy), encoding="utf-8")
                a, b = load_article(po), load_article(pc)
                d = pair_derivation(a, b)
                want = 1.0 if variant != "c" else 1.0  # every body sentence of the copy is the original's
                body_total = sum(1 for s in b.sentences if not s.boilerplate)
                errors.append(abs(d.share(1) - want) if body_total else 0.0)
                if d.source is None:
                    tally[variant]["none"] += 1
                elif d.source == 0:
                    tally[variant]["right"] += 1
                else:
                    tally[variant]["wrong"] += 1
    names = {"a": "dated a day later, with chrome", "b": "undated, with chrome", "c": "bare truncated copy, same day",
             "d": "one agency story run by both, a day apart"}
    for v, t in tally.items():
        print(f"copies of real articles, {names[v]}: right direction {t['right']}, wrong {t['wrong']}, "
              f"none {t['none']} (of {sum(t.values())})")
    print(f"  copied share of the copy: mean error {sum(errors) / len(errors):.2f} (true share 1.00)")


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=1)).isoformat()


def timing() -> None:
    from reader.story import overview as ov_module

    arts = [load_article(str(f)) for f in sorted((DATA / "pac").glob("story-1*/*.json"))][:20]
    lib = Library(arts)
    story = Story(1, arts[0].title, arts)
    spent = {"quotes": 0.0, "derive": 0.0}
    real_quotes, real_derive = ov_module.build_quotes, ov_module.derive

    def timed(name, fn):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t
        return run

    ov_module.build_quotes, ov_module.derive = timed("quotes", real_quotes), timed("derive", real_derive)
    try:
        t0 = time.perf_counter()
        ov = lib.overview(story)
        total = time.perf_counter() - t0
    finally:
        ov_module.build_quotes, ov_module.derive = real_quotes, real_derive
    # Conflicts are computed lazily per link: time them afresh on every link of the 190 pairs.
    t = time.perf_counter()
    n = 0
    for c in ov.comparisons.values():
        for m in c.matches:
            m._conflicts = None
            n += len(m.conflicts)
    conflicts = time.perf_counter() - t
    print(f"overview of 20 articles (190 pairs): {total:.2f} s; of it quotes {spent['quotes'] * 1000:.0f} ms, "
          f"derivations {spent['derive'] * 1000:.0f} ms, conflicts of every link {conflicts * 1000:.0f} ms "
          f"({n} found); {len(ov.quotes)} quotes")


if __name__ == "__main__":
    independent()
    copies()
    timing()
