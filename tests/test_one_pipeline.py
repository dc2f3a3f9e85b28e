"""One pipeline: a pair of articles compares the same in `reader compare`, the TUI and notes export.

Boilerplate is judged per article, from its own text: the other files opened beside it never
change a comparison (they used to, in the TUI only, through cross-article repetition).
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest

pytest.importorskip("textual")

from reader.cli import main  # noqa: E402
from reader.corpus.discover import collect_paths  # noqa: E402
from reader.corpus.load import load_article  # noqa: E402
from reader.notes.export import _Matcher  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402

CHROME = "Follow the Harbour Ledger on Twitter for the latest updates."
A = """Port strike ends after nine days

Dockworkers at the Port of Lindell voted on Monday to end a nine-day strike, union officials said.

The agreement raises wages by 12 percent over four years and limits automation until 2029.

"This deal protects the people who built this port," said union president Ana Ruiz.

{chrome}
"""
B = """Lindell dockworkers accept deal, ending strike

Members of the dockworkers union voted on Monday to end their nine-day strike at the Port of Lindell.

Under the deal, wages will rise 12 percent over four years.

The mayor praised both sides for returning to the table.

{chrome}
"""
C = """Harbour traffic returns

Ships queued outside the harbour on Tuesday as cargo operations resumed.

{chrome}
"""


def folder(tmp_path):
    d = tmp_path / "story"
    d.mkdir()
    for name, text in (("a.txt", A), ("b.txt", B), ("c.txt", C)):
        (d / name).write_text(text.format(chrome=CHROME), encoding="utf-8")
    return d


def cli_json(*args: str) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["compare", *args, "--format", "json"]) == 0
    return json.loads(out.getvalue())


def shape(left, right, matches, rows) -> dict:
    return {
        "boilerplate": ([s.boilerplate for s in left.sentences], [s.boilerplate for s in right.sentences]),
        "matches": sorted((tuple(m.left), tuple(m.right), m.kind, m.aligned, m.score) for m in matches),
        "rows": [(tuple(r.left), tuple(r.right)) for r in rows],
    }


def json_shape(d: dict) -> dict:
    return {
        "boilerplate": ([s["boilerplate"] for s in d["left"]["sentences"]],
                        [s["boilerplate"] for s in d["right"]["sentences"]]),
        "matches": sorted((tuple(m["left"]), tuple(m["right"]), m["kind"], m["aligned"], m["score"]) for m in d["matches"]),
        "rows": [(tuple(r["left"]), tuple(r["right"])) for r in d["rows"]],
    }


async def test_tui_shows_what_compare_prints(tmp_path):
    d = folder(tmp_path)
    files, problems = collect_paths([str(d)])  # as `reader story/` expands a folder
    assert not problems and len(files) == 3
    app = ReaderApp([str(f) for f in files])
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if screen.settled:
                break
        c = screen.view.comparison
        assert c is not None and c.matches, "the pair shares facts"
        shown = shape(c.left, c.right, c.matches, c.rows)
    assert shown == json_shape(cli_json(c.left.path, c.right.path))


def test_notes_export_uses_the_same_comparison(tmp_path):
    d = folder(tmp_path)
    a, b = load_article(str(d / "a.txt")), load_article(str(d / "b.txt"))
    data = cli_json(a.path, b.path)

    class Note:  # what _Matcher reads of a note
        article_path = a.path
        status = "ok"

    from reader.notes.store import content_hash

    Note.article_hash = content_hash(a)
    matcher = _Matcher([a, b])
    for m in data["matches"]:
        if not m["aligned"]:
            continue
        Note.sentence_id = m["left"][0]
        found = matcher.matches(Note)
        assert [(k, " ".join(b.sentences[j].text for j in m["right"])) for _, k, _ in found][:1] == \
            [(m["kind"], " ".join(b.sentences[j].text for j in m["right"]))]
