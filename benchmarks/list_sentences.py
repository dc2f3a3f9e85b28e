"""Print an article's sentences as reader splits them, numbered, for blind annotation.

    python benchmarks/list_sentences.py FILE...

Only loading and sentence splitting run here: no matching, and boilerplate marks are not shown, so an
annotator reading this output sees nothing of what the engine would align.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.corpus.load import load_article  # noqa: E402


def main(paths: list[str]) -> None:
    for path in paths:
        article = load_article(path)
        print(f"=== {Path(path).name} — {article.source} — {article.date or 'no date'}")
        for s in article.sentences:
            print(f"[{s.id:>3}] (p{s.paragraph}) {s.text}")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
