"""The pair view's row model (reader.tui.rows) on its own: which rows are shown, their layout,
and the jumps the keys make — no Pilot, no widget."""

from __future__ import annotations

import pytest

from reader.corpus.load import build_article
from reader.engine.compare import compare
from reader.tui.rows import RowModel

LEFT = ["Harbour strike ends", "The port of Lindell reopened on Monday after a nine-day strike.",
        "Dockworkers accepted a pay rise of six percent over two years.",
        "Ships queued outside the harbour for most of the week.",
        "The mayor thanked both sides for returning to talks.",
        "Union leader Ada Brill said members voted by a wide margin."]
# The same report with the pay sentence moved to the end, one sentence only it has, and chrome.
RIGHT = ["Harbour strike ends", "The port of Lindell reopened on Monday after a nine-day strike.",
         "Ships queued outside the harbour for most of the week.",
         "The mayor thanked both sides for returning to talks.",
         "Union leader Ada Brill said members voted by a wide margin.",
         "Fishermen said the catch had rotted on the quay during the dispute.",
         "Dockworkers accepted a pay rise of six percent over two years.",
         "Subscribe to our newsletter for the latest news."]


@pytest.fixture(scope="module")
def model() -> RowModel:
    a = build_article("\n\n".join(LEFT), "a.txt", title=LEFT[0], source="A")
    b = build_article("\n\n".join(RIGHT), "b.txt", title=RIGHT[0], source="B")
    return RowModel(compare(a, b))


def texts(m: RowModel) -> list[tuple[str, str]]:
    return [(v.left.text[:12], v.right.text[:12]) for v in m.visible]


def test_rows_and_what_is_shown(model):
    model.hide_boilerplate = model.only_unique = False
    model.select()
    assert len(model.visible) == len(model.comparison.rows)
    model.hide_boilerplate = True
    model.select()
    assert all("Subscribe" not in v.right.text for v in model.visible), "boilerplate hidden"
    model.only_unique = True
    model.select()
    assert texts(model) == [("", "Fishermen sa")], "only the sentence one side alone has"
    model.hide_boilerplate = model.only_unique = False
    model.select()


def test_layout_maps_lines_to_rows(model):
    total = model.layout(20, 20)  # narrow: sentences wrap to several lines
    assert total == model.height == model.offsets[-1] > len(model.visible)
    for pos in range(len(model.visible)):
        top, bottom = model.row_span(pos)
        assert bottom - top == model.visible[pos].height
        assert model.row_at_line(top) == pos and model.row_at_line(bottom - 1) == pos
    assert model.row_at_line(10_000) == len(model.visible) - 1


def test_next_match_and_unique(model):
    unique = model.find(0, 1, "unique")
    assert unique is not None and "Fishermen" in model.visible[unique].right.text
    assert model.find(unique, 1, "unique") is None
    assert model.find(len(model.visible) - 1, -1, "match") is not None


def test_a_moved_match_and_where_the_right_article_has_it(model):
    moved = [v for v in model.views if v.match is not None and v.match.moved]
    assert len(moved) == 1 and moved[0].left.text.startswith("Dockworkers")
    target = model.natural_row(moved[0].match)
    # The right article has it after the fishermen's sentence: the row showing that one.
    assert target is not None and model.views[target].right.text.startswith("Fishermen")


def test_rows_of_sentences_links_and_text_search(model):
    c = model.comparison
    for side, article in (("left", c.left), ("right", c.right)):
        for s in article.sentences:
            row = model.row_of(side, s.id)
            assert row is not None and s.id in getattr(model.views[row].row, side)
    k = next(k for k, m in enumerate(c.matches) if m.moved)
    assert model.link_row(k, "left") == model.row_of("right", c.matches[k].right[0])
    hits = model.search("THE HARBOUR")
    assert [(side, c.left.sentences[i].text if side == "left" else c.right.sentences[i].text)[0] for _, side, i in hits] \
        == ["left", "right"], "case-insensitive, left before right"
    assert model.search("   ") == [] and model.search("no such words") == []
