"""Correcting the machine: the user's links, unlinks and "not the same", stored with the notes
and applied wherever a pair is shown (engine, story layer, reader compare, reader story, gold)."""

from __future__ import annotations

import importlib.util
import io
import json
import pickle
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REWRITE, WIRE
from reader.corpus.load import build_article, load_article
from reader.engine.align import build_rows
from reader.engine.compare import _stats, compare
from reader.engine.corrections import Correction, apply_corrections
from reader.engine.types import Comparison, Match
from reader.notes.store import NoteStore, NotesError

ROOT = Path(__file__).resolve().parent.parent
GOLD_EVAL = ROOT.parent / "shared" / "tools" / "gold_eval.py"


def write(path: Path, lines: tuple[str, ...]) -> str:
    path.write_text(lines[0] + "\n\n" + "\n\n".join(lines[1:]) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def pair(tmp_path):
    """The wire story and its rewrite as files: the engine leaves left #4 ("About 2,400 workers
    …") and right #5 ("The mayor praised …") unlinked, between aligned links; it links left #3
    and right #4 (the quote) on the spine, and left #0 with right #1 off it."""
    a = load_article(write(tmp_path / "wire.txt", WIRE))
    b = load_article(write(tmp_path / "rewrite.txt", REWRITE))
    return a, b


@pytest.fixture
def store():
    s = NoteStore.open()
    assert s.persistent
    yield s
    s.close()


def pairs_of(c: Comparison) -> set[tuple[int, int]]:
    return {(i, j) for m in c.matches for i in m.left for j in m.right}


def check_invariants(c: Comparison) -> None:
    """Rows: every sentence in exactly one; a row with both sides shows its aligned match.
    The spine is one-to-one; no sentence pair is linked twice; the figures are the engine's."""
    for side, n in (("left", len(c.left.sentences)), ("right", len(c.right.sentences))):
        seen = [i for r in c.rows for i in getattr(r, side)]
        assert sorted(seen) == list(range(n)), side
        on_spine = [i for m in c.matches if m.aligned for i in getattr(m, side)]
        assert len(on_spine) == len(set(on_spine)), side
    shown = []
    for r in c.rows:
        if r.left and r.right:
            m = c.matches[r.match]
            assert m.aligned and (m.left, m.right) == (r.left, r.right)
            shown.append(r.match)
        else:
            assert r.match is None
    assert sorted(shown) == [k for k, m in enumerate(c.matches) if m.aligned]
    every = [(i, j) for m in c.matches for i in m.left for j in m.right]
    assert len(every) == len(set(every))
    want = _stats(c.left, c.right, c.matches)
    for name in ("similarity", "left_unique", "right_unique", "matched", "links"):
        assert getattr(c.stats, name) == getattr(want, name), name
    assert c.stats.links == len(c.matches) and c.stats.matched == sum(m.aligned for m in c.matches)


# ------------------------------------------------------------------ apply (pure)
def test_link_two_unlinked_sentences_puts_them_on_one_row(pair):
    a, b = pair
    c = compare(a, b)
    assert c.match_of("left", 4) is None and c.match_of("right", 5) is None
    before = json.dumps([(m.left, m.right, m.kind, m.aligned, m.moved) for m in c.matches])
    fixed = apply_corrections(c, [Correction([4], [5], "link")])
    check_invariants(fixed)
    m = fixed.match_of("left", 4)
    assert (m.left, m.right, m.by_user, m.score, m.aligned, m.moved) == ([4], [5], True, 1.0, True, False)
    assert m.kind == "paraphrase" and m.texts == (a.sentences[4].text, b.sentences[5].text)
    assert any(r.left == [4] and r.right == [5] for r in fixed.rows)
    assert len(fixed.rows) == len(c.rows) - 1
    assert fixed.stats.links == c.stats.links + 1 and fixed.stats.left_unique == c.stats.left_unique - 1
    assert fixed.stats.similarity > c.stats.similarity
    assert not any(x.by_user for x in c.matches)  # the engine's comparison is left as it was
    assert json.dumps([(m.left, m.right, m.kind, m.aligned, m.moved) for m in c.matches]) == before
    assert apply_corrections(c, []) is c


def test_link_out_of_order_or_to_a_sentence_on_a_row_is_a_further_link(pair):
    a, b = pair
    c = compare(a, b)
    fixed = apply_corrections(c, [Correction([4], [0], "link")])  # right #0 is the headline's row partner
    check_invariants(fixed)
    m = next(x for x in fixed.matches if x.by_user)
    assert (m.left, m.right, m.aligned) == ([4], [0], False)
    assert [r.left for r in fixed.rows] == [r.left for r in c.rows]  # the rows stay


def test_unlink_and_not_same_remove_links(pair):
    a, b = pair
    c = compare(a, b)
    assert (3, 4) in pairs_of(c) and (0, 1) in pairs_of(c)
    fixed = apply_corrections(c, [Correction([3], [4], "unlink"), Correction([0], [1], "not_same")])
    check_invariants(fixed)
    assert (3, 4) not in pairs_of(fixed) and (0, 1) not in pairs_of(fixed)
    assert fixed.stats.links == c.stats.links - 2 and fixed.stats.matched == c.stats.matched - 1
    assert any(r.left == [3] and not r.right for r in fixed.rows)
    assert any(r.right == [4] and not r.left for r in fixed.rows)
    # not_same of two sentences the engine did not link changes nothing
    assert apply_corrections(c, [Correction([4], [5], "not_same")]).matches == c.matches


def test_link_the_engine_made_is_confirmed_and_the_latest_word_wins(pair):
    a, b = pair
    c = compare(a, b)
    engine = c.match_of("left", 3)
    fixed = apply_corrections(c, [Correction([3], [4], "link")])
    m = fixed.match_of("left", 3)
    assert (m.kind, m.aligned, m.by_user, m.score) == (engine.kind, True, True, 1.0)
    assert fixed.stats.links == c.stats.links
    later = apply_corrections(c, [Correction([3], [4], "link"), Correction([3], [4], "unlink")])
    assert (3, 4) not in pairs_of(later)
    again = apply_corrections(c, [Correction([3], [4], "unlink"), Correction([3], [4], "link")])
    assert (3, 4) in pairs_of(again)


def test_unlinking_one_pair_of_a_group_keeps_the_rest():
    left = build_article("Title\n\nOne. Two. Three.", "l.txt")
    right = build_article("Title\n\nOne two. Three.", "r.txt")
    group = Match([1, 2], [1], "paraphrase", 0.9, texts=("One. Two.", "One two."))
    matches = [Match([0], [0], "verbatim", 1.0), group, Match([3], [2], "verbatim", 1.0)]
    rows = build_rows(len(left.sentences), len(right.sentences), matches)
    for r in rows:
        r.match = next((k for k, m in enumerate(matches) if (m.left, m.right) == (r.left, r.right)), None)
    c = Comparison(left, right, matches, rows, _stats(left, right, matches))
    check_invariants(c)
    fixed = apply_corrections(c, [Correction([2], [1], "unlink")])
    check_invariants(fixed)
    rest = fixed.match_of("left", 1)
    assert (rest.left, rest.right, rest.aligned, rest.score) == ([1], [1], True, 0.9)
    assert fixed.match_of("left", 2) is None


def test_corrections_that_do_not_fit_the_pair_are_left_out(pair):
    a, b = pair
    c = compare(a, b)
    assert apply_corrections(c, [Correction([99], [0], "link"), Correction([], [1], "link"),
                                 Correction([0], [0], "merge")]) is c


@pytest.fixture(scope="module")
def seed_comparisons():
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    return [compare(load_article(str(seeds[0])), load_article(str(seeds[2]))),
            compare(load_article(str(seeds[1])), load_article(str(seeds[3])))]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_corrections_keep_rows_and_figures_valid(seed_comparisons, data):
    c = data.draw(st.sampled_from(seed_comparisons))
    body_l = [s.id for s in c.left.sentences if not s.boilerplate]
    body_r = [s.id for s in c.right.sentences if not s.boilerplate]
    linked = sorted(pairs_of(c))

    def one():
        action = data.draw(st.sampled_from(["link", "unlink", "not_same"]))
        if action != "link" and linked and data.draw(st.booleans()):
            i, j = data.draw(st.sampled_from(linked))  # mostly about links that exist
            return Correction([i], [j], action)
        ls = data.draw(st.lists(st.sampled_from(body_l), min_size=1, max_size=2, unique=True))
        rs = data.draw(st.lists(st.sampled_from(body_r), min_size=1, max_size=2, unique=True))
        return Correction(ls, rs, action)

    corrections = [one() for _ in range(data.draw(st.integers(1, 6)))]
    fixed = apply_corrections(c, corrections)
    check_invariants(fixed)
    last: dict[tuple[int, int], str] = {}
    for x in corrections:
        for p in x.pairs():
            last[p] = x.action
    got = pairs_of(fixed)
    for p in pairs_of(c) | set(last):
        assert (p in got) == (last.get(p, "link") == "link"), (p, last.get(p))
    for m in fixed.matches:
        if any(last.get(p) == "link" for p in Correction(m.left, m.right, "link").pairs()):
            assert m.by_user and m.score == 1.0


# ------------------------------------------------------------------ storage
def test_storage_round_trip_either_order_and_durable(pair, store, tmp_path):
    a, b = pair
    store.add_correction(a, b, [4], [5], "link")
    store.add_correction(b, a, [4], [3], "unlink")  # right #4 and left #3, said from the other side
    store.add_correction(a, b, [0], [1], "not_same")
    want = [Correction([4], [5], "link"), Correction([3], [4], "unlink"), Correction([0], [1], "not_same")]
    assert store.corrections_for(a, b) == want
    assert store.corrections_for(b, a) == [x.swapped() for x in want]
    other = NoteStore.open()  # a second store on the same file sees them at once
    try:
        assert other.corrections_for(a, b) == want
        assert other.remove_corrections(a, b, [3], [4]) == 1
        assert store.corrections_for(a, b) == [want[0], want[2]]
    finally:
        other.close()
    store.add_correction(a, b, [4], [5], "link")  # the same again: nothing new
    assert len(store.all_corrections()) == 2
    store.add_correction(a, b, [4], [5], "not_same")  # the latest word replaces the link
    assert store.corrections_for(a, b) == [want[2], Correction([4], [5], "not_same")]
    assert store.remove_corrections(a, b, [], []) == 2 and store.corrections_for(a, b) == []
    assert NoteStore.open(tmp_path / "elsewhere").corrections_for(a, b) == []
    for bad in (lambda: store.add_correction(a, b, [4], [5], "merge"),
                lambda: store.add_correction(a, b, [], [5], "link"),
                lambda: store.add_correction(a, b, [40], [5], "link")):
        with pytest.raises(NotesError):
            bad()


def test_corrections_reattach_when_the_article_changes_slightly(pair, store, tmp_path):
    a, b = pair
    store.add_correction(a, b, [4], [5], "link")
    store.add_correction(a, b, [3], [4], "unlink")
    # a sentence added at the top of the rewrite, and the linked one lightly edited
    edited = list(REWRITE)
    edited.insert(1, "Port officials expect a busy week as ships return.")
    edited[6] = "The mayor praised both sides for coming back to the table."
    write(Path(b.path), tuple(edited))
    b2 = load_article(b.path)
    assert b2.sentences[6].text == edited[6] and b2.sentences[5].text == REWRITE[4]
    assert store.corrections_for(a, b2) == [Correction([4], [6], "link"), Correction([3], [5], "unlink")]
    fixed = Library_compare(a, b2)
    assert (4, 6) in pairs_of(fixed) and (3, 5) not in pairs_of(fixed)
    # the linked sentence gone: that correction is left out, and kept
    gone = [line for k, line in enumerate(edited) if k != 6]
    write(Path(b.path), tuple(gone))
    assert store.corrections_for(a, load_article(b.path)) == [Correction([3], [5], "unlink")]
    assert len(store.all_corrections()) == 2
    # the text as corrected under another path (a copy, another machine) finds them too
    copy = load_article(write(tmp_path / "copy.txt", REWRITE))
    assert store.corrections_for(a, copy) == [Correction([4], [5], "link"), Correction([3], [4], "unlink")]


def Library_compare(a, b):
    from reader.story.library import Library

    return Library([a, b]).compare(a, b)


# ------------------------------------------------------------------ the story layer
def test_library_applies_corrections_at_once_without_comparing_again(pair, store, monkeypatch):
    from reader.engine import compare as engine
    from reader.story.library import Library

    a, b = pair
    calls = []
    real = engine.compare
    monkeypatch.setattr(engine, "compare", lambda *x, **k: calls.append(1) or real(*x, **k))
    library = Library([a, b])
    first = library.compare(a, b)
    assert not any(m.by_user for m in first.matches) and len(calls) == 1
    assert library.compare(a, b) is first and library.cached(a, b) is first
    store.add_correction(a, b, [4], [5], "link")
    fixed = library.cached(a, b)
    assert fixed is not None and fixed.match_of("left", 4).by_user
    assert library.compare(a, b) is fixed and library.compare(b, a).match_of("right", 4).by_user
    assert store.remove_corrections(a, b, [4], [5]) == 1
    assert library.compare(a, b) is first
    assert len(calls) == 2  # the engine ran once per orientation, whatever the corrections
    library.corrections = None
    store.add_correction(a, b, [4], [5], "link")
    assert library.compare(a, b) is first
    library.corrections = store.corrections_for  # any callable will do
    assert library.compare(a, b).match_of("left", 4).by_user


def test_library_with_corrections_pickles_and_reads_nothing_again(pair, store):
    from reader.story.library import Library

    a, b = pair
    store.add_correction(a, b, [4], [5], "link")
    library = Library([a, b])
    library.compare(a, b)
    copy = pickle.loads(pickle.dumps(library))
    copy.corrections.rows = None  # type: ignore[union-attr]  (reading the database again would fail)
    assert copy.cached(copy.articles[0], copy.articles[1]).match_of("left", 4).by_user


# ------------------------------------------------------------------ the command line
def run(*args: str) -> tuple[int, str, str]:
    from reader.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_compare_json_and_story_json_show_the_users_link(pair, store):
    a, b = pair
    code, out, _ = run("compare", a.path, b.path, "--format", "json")
    assert code == 0 and not any(m["by_user"] for m in json.loads(out)["matches"])
    store.add_correction(a, b, [4], [5], "link")
    store.add_correction(a, b, [3], [4], "unlink")
    code, out, _ = run("compare", a.path, b.path, "--format", "json")
    d = json.loads(out)
    users = [(m["left"], m["right"], m["score"], m["aligned"]) for m in d["matches"] if m["by_user"]]
    assert code == 0 and users == [([4], [5], 1.0, True)]
    assert not any(m["left"] == [3] and m["right"] == [4] for m in d["matches"])
    assert {"left": [4], "right": [5]} in d["rows"]
    code, swapped, _ = run("compare", b.path, a.path, "--format", "json")
    assert [(m["left"], m["right"]) for m in json.loads(swapped)["matches"] if m["by_user"]] == [([5], [4])]
    code, raw, _ = run("compare", a.path, b.path, "--format", "json", "--no-corrections")
    assert code == 0 and not any(m["by_user"] for m in json.loads(raw)["matches"])

    code, out, _ = run("story", a.path, b.path, "--format", "json")
    s = json.loads(out)
    paths = {x["id"]: x["path"] for x in s["articles"]}
    [p] = s["pairs"]
    links = {(tuple(x["left"]), tuple(x["right"]), x["by_user"]) for x in p["links"]}
    if paths[p["left"]] != a.path:
        links = {(r, l, u) for l, r, u in links}
    assert links == {(tuple(m["left"]), tuple(m["right"]), m["by_user"]) for m in d["matches"]}
    assert p["link_count"] == d["stats"]["links"]


def compare_modules(a, b, user_link: bool) -> list[str]:
    code = ("import sys, io, contextlib; from reader.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            f"    main(['compare', {a.path!r}, {b.path!r}, '--format', 'json'])\n"
            f"assert ('\"by_user\": true' in out.getvalue()) is {user_link}\n"
            "sys.stderr.write(' '.join(sorted(m for m in sys.modules\n"
            "                 if m in ('reader.notes.store', 'platformdirs', 'sqlite3'))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return r.stderr.split()


def test_compare_reads_the_database_without_the_store(pair, store):
    """The compare path opens the notes database read-only (sqlite3 alone: never the store with
    its migrations, nor platformdirs), and only once corrections were written to it."""
    from reader.notes.lookup import HINT_SUFFIX

    a, b = pair
    store.add_or_update(a, a.sentences[1], flagged=True)
    assert store.path.exists() and compare_modules(a, b, user_link=False) == []
    store.add_correction(a, b, [4], [5], "link")
    assert compare_modules(a, b, user_link=True) == ["sqlite3"]
    hint = Path(f"{store.path}{HINT_SUFFIX}")
    hint.unlink()  # a database copied without its hint: the store makes it when opened
    assert compare_modules(a, b, user_link=False) == []
    NoteStore.open().close()
    assert hint.exists() and compare_modules(a, b, user_link=True) == ["sqlite3"]


def test_notes_dir_and_identity_agree_with_the_store(monkeypatch, tmp_path, pair):
    import platformdirs

    from reader.notes import lookup, store as store_module

    monkeypatch.delenv("READER_DATA_DIR", raising=False)
    for xdg in (str(tmp_path / "xdg"), "relative/xdg", None):
        if xdg is None:
            monkeypatch.delenv("XDG_DATA_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_DATA_HOME", xdg)
        assert Path(lookup.notes_dir()) == Path(platformdirs.user_data_dir("reader")) == store_module.data_dir()
    a, _ = pair
    for path in (a.path, "relative/x.txt", "~/x.txt", "https://example.org/a", "", "a.jsonl#2"):
        assert lookup.article_key(path) == store_module.article_key(path)
    assert lookup.content_hash(a) == store_module.content_hash(a)


# ------------------------------------------------------------------ gold
def _gold_parser():
    if not GOLD_EVAL.is_file():
        return None
    spec = importlib.util.spec_from_file_location("gold_eval", GOLD_EVAL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_export_gold_writes_the_corrected_pairs_links(pair, store, tmp_path):
    from reader.notes.cli import main
    from reader.notes.export import gold_norm

    a, b = pair
    store.add_correction(a, b, [4], [5], "link")
    store.add_correction(a, b, [3], [4], "unlink")
    out = tmp_path / "gold.txt"
    with redirect_stderr(io.StringIO()):
        assert main(["export", "--format", "gold", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    lines = [x for x in text.splitlines() if x and not x.startswith("#")]
    assert f"# articles: {tmp_path}" in text
    fixed = Library_compare(a, b)
    assert len(lines) == len(pairs_of(fixed))
    assert all(x.startswith("wire.txt:rewrite.txt S \"") for x in lines)

    def owners(article, snippet):
        return {s.id for s in article.sentences if gold_norm(snippet) in gold_norm(s.text)}

    import re

    found = set()
    for x in lines:
        sl, sr = re.findall(r'"([^"]*)"', x)
        [i], [j] = owners(a, sl), owners(b, sr)  # each snippet names one sentence
        found.add((i, j))
    assert found == pairs_of(fixed) and (4, 5) in found and (3, 4) not in found
    gold_eval = _gold_parser()
    if gold_eval is not None:  # the shared tool's own parser reads it
        links, boiler = gold_eval.load_gold(str(out))
        assert boiler == {} and list(links) == [("wire.txt", "rewrite.txt")]
        parsed = set()
        for kind, sl, sr in links["wire.txt", "rewrite.txt"]:
            assert kind == "S"
            [i] = gold_eval.owners([{"id": s.id, "text": s.text} for s in a.sentences], sl)
            [j] = gold_eval.owners([{"id": s.id, "text": s.text} for s in b.sentences], sr)
            parsed.add((i, j))
        assert parsed == found


def test_export_gold_without_corrections_says_so(capsys):
    from reader.notes.cli import main

    assert main(["export", "--format", "gold"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# ") and "no corrected pair" in captured.err
