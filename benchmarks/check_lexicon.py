"""Check the boilerplate lexicon: every entry must be earned from more than one labelled file.

    python benchmarks/check_lexicon.py           # print the entries that fail
    python benchmarks/check_lexicon.py --drop    # ... and remove them from lexicon.json

An entry of the chrome vocabulary (``words``, ``phrases``, ``labels``, ``teaser_words``,
``block_words``, ``caption_verbs`` of ``reader/corpus/chrome/lexicon.json``) passes when it
occurs in the chrome text of at least two different files among the labelled sets and the
seeds. "Chrome text" is what the labels name as chrome:

* in-repo (what ``tests/test_boilerplate.py`` checks, without ../shared): the chrome
  sentences of the seeds (``boilerplate_set/seed_labels.txt``) and of the invented set
  (``boilerplate_set/labels.txt``), and the snippets of the real labels
  (``boilerplate_real/labels.txt``, the chrome text as recorded);
* in full (here, with ../shared): also the whole chrome sentences of the real labelled
  articles and of the shared dev gold.

Passing in-repo implies passing in full (snippets are parts of the sentences), so ``--drop``
keeps only the entries that pass in-repo. The general-English lists (function and stop words,
months, date words) are not chrome vocabulary and are not checked.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.corpus.chrome.lexicon import LEXICON_PATH as _LEXICON  # noqa: E402

LEXICON_PATH = Path(_LEXICON)
from reader.corpus.chrome.text import WORD_RE  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
OWN = ROOT / "benchmarks" / "boilerplate_set"
REAL_LABELS = ROOT / "benchmarks" / "boilerplate_real" / "labels.txt"
CHECKED = ("words", "phrases", "labels", "teaser_words", "block_words", "caption_verbs", "prompt_verbs",
           "prompt_objects")
_B = re.compile(r'B\s+(\S+)\s+"(.*)"\s*(?:@\d+)?\s*$')


def _labels(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _B.match(line.strip())
        if m:
            out.setdefault(m.group(1), []).append(" ".join(m.group(2).replace('\\"', '"').lower().split()))
    return out


def _chrome_sentences(folder: Path, labels: dict[str, list[str]], prefix: str) -> dict[str, list[str]]:
    """{source name: [lower-cased chrome sentences]} of the labelled articles in ``folder``."""
    from reader.corpus.load import load_article

    out: dict[str, list[str]] = {}
    for name, snippets in labels.items():
        path = folder / name
        if not path.exists():
            continue
        art = load_article(path)
        sents = [" ".join(s.text.lower().split()) for s in art.sentences[1:]]
        out[prefix + name] = [t for t in sents if any(sn in t for sn in snippets)]
    return out


def in_repo_sources() -> dict[str, list[str]]:
    """Chrome text that the repository itself holds, by file."""
    src = {}
    src.update(_chrome_sentences(ROOT / "seeds", _labels(OWN / "seed_labels.txt"), "seeds/"))
    src.update(_chrome_sentences(OWN, _labels(OWN / "labels.txt"), "boilerplate_set/"))
    for path, snippets in _labels(REAL_LABELS).items():
        src["real:" + path] = snippets
    return src


def full_sources() -> dict[str, list[str]]:
    """In-repo chrome text plus the whole chrome sentences of the ../shared labelled sets."""
    src = in_repo_sources()
    if DATA.is_dir():
        src.update(_chrome_sentences(DATA, _labels(REAL_LABELS), "real:"))
        dev = DATA / "dev-gold"
        if (dev / "gold.txt").exists():
            src.update(_chrome_sentences(dev / "articles", _labels(dev / "gold.txt"), "dev-gold/"))
    return src


def occurs(kind: str, entry: str, text: str, toks: set[str]) -> bool:
    """Does a lexicon entry occur in a lower-cased chrome text (``toks``: its words)?"""
    entry = entry.lower()
    if kind == "phrases" or " " in entry or kind == "block_words":
        return re.search(r"(?<![\w-])" + re.escape(entry) + r"(?![\w-])", text) is not None
    return entry in toks


def evidence(lex: dict, sources: dict[str, list[str]]) -> dict[tuple[str, str], set[str]]:
    """{(list, entry): the source files whose chrome text holds it}."""
    texts = {name: [(t, set(WORD_RE.findall(t))) for t in ts] for name, ts in sources.items()}
    out = {}
    for kind in CHECKED:
        for entry in lex[kind]:
            out[(kind, entry)] = {name for name, ts in texts.items()
                                  if any(occurs(kind, entry, t, toks) for t, toks in ts)}
    return out


def offenders(lex: dict, sources: dict[str, list[str]]) -> list[tuple[str, str, set[str]]]:
    """The entries found in fewer than two files."""
    return [(k, e, files) for (k, e), files in evidence(lex, sources).items() if len(files) < 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--drop", action="store_true", help="remove the failing entries from lexicon.json")
    args = ap.parse_args()
    lex = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    full = offenders(lex, full_sources())
    repo = offenders(lex, in_repo_sources())
    print(f"in full (with ../shared): {len(full)} entries in fewer than two files")
    for kind, entry, files in full:
        print(f"  {kind:<14} {entry!r:<32} {sorted(files)}")
    print(f"in-repo: {len(repo)} entries in fewer than two files"
          f" ({len(repo) - len(full)} of them pass only with ../shared)")
    if args.drop and repo:
        bad = {(k, e) for k, e, _ in repo}
        for kind in CHECKED:
            lex[kind] = [e for e in lex[kind] if (kind, e) not in bad]
        LEXICON_PATH.write_text(json.dumps(lex, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"dropped {len(bad)} entries from {LEXICON_PATH.relative_to(ROOT)}")
    sys.exit(1 if (full or (repo and not args.drop)) and not args.drop else 0)


if __name__ == "__main__":
    main()
