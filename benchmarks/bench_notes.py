"""Notes store figures: opening, the unchanged-article fast path, re-anchoring an edited article.

Prints timings beside a peer measured in the same run (a bare ``sqlite3.connect`` plus one
query) so the ratio means something on a shared, noisy machine. Not a timed test.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.corpus.load import build_article  # noqa: E402
from reader.notes.store import NoteStore  # noqa: E402


def best(fn, n=20) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main() -> None:
    d = Path(tempfile.mkdtemp(prefix="bench-notes-"))
    paras = [f"Paragraph {i} says that the council met on day {i} and voted {i % 7} times." for i in range(400)]
    art = build_article("Bench story\n\n" + "\n\n".join(paras), str(d / "a.txt"))
    store = NoteStore.open(d)
    for s in art.sentences[1::4]:
        store.add_or_update(art, s, flagged=True, note=f"note on {s.id}")
    store.close()
    n_notes = len(art.sentences[1::4])

    def peer():
        c = sqlite3.connect(d / "notes.sqlite3")
        c.execute("SELECT count(*) FROM notes").fetchone()
        c.close()

    def open_close():
        NoteStore.open(d).close()

    store = NoteStore.open(d)
    edited = build_article("Bench story\n\nAn inserted paragraph.\n\n" + "\n\n".join(paras), art.path)
    edited2 = build_article("Bench story\n\n" + "\n\n".join(paras[::-1]), art.path)

    peer_ms, open_ms = best(peer), best(open_close)
    fast_ms = best(lambda: store.get_for_article(edited))  # after the first call: fast path
    t = time.perf_counter()
    store.get_for_article(edited2)
    re_ms = (time.perf_counter() - t) * 1000
    print(f"open store           {open_ms:7.2f} ms  (bare sqlite3 connect+query {peer_ms:.2f} ms, x{open_ms / peer_ms:.1f})")
    print(f"get_for_article fast {fast_ms:7.2f} ms  ({n_notes} notes, {len(art.sentences)} sentences)")
    print(f"re-anchor all        {re_ms:7.2f} ms  ({n_notes} notes, paragraphs reversed)")
    store.close()
    for f in d.iterdir():
        os.unlink(f)
    d.rmdir()


if __name__ == "__main__":
    main()
