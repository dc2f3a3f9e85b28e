"""reader corpus: a news archive built on Dask — the same tables in one process and on a local
cluster of two workers, resuming an interrupted build, the passim export, and the one-line
message without the corpus extra."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import numpy as np  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from reader.archive import blocks as blk  # noqa: E402
from reader.archive.build import TABLES, DaskRunner, InProcess, build  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCES = [str(HERE / "stories"), str(HERE / "data" / "copychain"), str(HERE / "fixtures" / "records.jsonl")]


def tables(folder: Path) -> dict:
    return {t: pq.read_table(folder / f"{t}.parquet") for t in TABLES}


class Counting(InProcess):
    def __init__(self) -> None:
        self.calls: list[str] = []

    def map(self, fn, items):
        for item in items:
            self.calls.append(f"{fn.__name__}:{item[0]}")
            yield fn(*item)


@pytest.fixture(scope="module", autouse=True)
def small_tasks():
    """Tasks of about four articles: a small corpus still makes several tasks (to resume)."""
    import reader.archive.build as build_mod

    before, build_mod.TASK_ARTICLES = build_mod.TASK_ARTICLES, 4
    yield
    build_mod.TASK_ARTICLES = before


@pytest.fixture(scope="module")
def reference(tmp_path_factory, small_tasks) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "ref"
    build(SOURCES, str(out), InProcess(), quiet=True)
    return out


def test_the_corpus_holds_stories_pairs_and_everything_reader_story_finds(reference):
    t = tables(reference)
    stories = t["stories"].to_pylist()
    by_title = {s["title"]: s for s in stories}
    assert by_title["Flash floods kill four in Marrow Valley"]["articles"] == 3
    assert by_title["Chess club elects new president"]["articles"] == 1
    assert sum(s["articles"] for s in stories) == t["articles"].num_rows == 15
    chain = next(s for s in stories if s["title"].startswith("Harbor authority"))
    conflicts = {(r["kind"], r["left_text"], r["right_text"]) for r in t["conflicts"].to_pylist()
                 if r["story_id"] == chain["story_id"]}
    assert ("date", "Friday", "Saturday") in conflicts
    derived = [r for r in t["derived"].to_pylist() if r["story_id"] == chain["story_id"]]
    assert len(derived) == 1 and derived[0]["share"] == pytest.approx(6 / 8)
    assert all(a["story_id"] for a in t["articles"].to_pylist()), "every article in a story"
    manifest = json.loads((reference / "manifest.json").read_text())
    assert manifest["format"] == "reader-corpus" and manifest["rows"]["articles"] == 15


def test_a_local_dask_cluster_of_two_workers_builds_the_same_tables(reference, tmp_path):
    runner = DaskRunner(2)
    try:
        assert runner.workers == 2
        build(SOURCES, str(tmp_path / "dask"), runner, quiet=True)
    finally:
        runner.close()
    mine, ref = tables(tmp_path / "dask"), tables(reference)
    for name in TABLES:
        assert mine[name].equals(ref[name]), name


def test_an_interrupted_build_resumes_where_it_stopped(reference, tmp_path):
    out = tmp_path / "resumed"
    shutil.copytree(reference, out)
    work = out / "_work"
    done = sorted((work / "blocks" / "done").glob("*.ok"))
    assert len(done) >= 3
    for marker in done[1:3]:  # two blocks never finished
        marker.unlink()
    (work / "signatures" / "chunk-000000.parquet").unlink()  # and the first chunk never read
    for name in TABLES:
        (out / f"{name}.parquet").unlink()
    runner = Counting()
    build(SOURCES, str(out), runner, quiet=True)
    assert sorted(runner.calls) == sorted(["signature_task:0", f"block_task:{int(done[1].stem.split('-')[1])}",
                                           f"block_task:{int(done[2].stem.split('-')[1])}"])
    mine, ref = tables(out), tables(reference)
    for name in TABLES:
        assert mine[name].equals(ref[name]), name


def test_other_sources_start_afresh(reference, tmp_path):
    out = tmp_path / "other"
    shutil.copytree(reference, out)
    runner = Counting()
    build([SOURCES[1]], str(out), runner, quiet=True)
    assert tables(out)["articles"].num_rows == 3, "only the new sources' articles"
    assert any(c.startswith("signature_task") for c in runner.calls)


def test_blocks_follow_dates_and_where_news_is_dense_words(monkeypatch):
    words = [["lindell", "dockwork", "strike", "brill", "harbour", f"x{k}"] for k in range(3)]
    words += [["marrow", "flood", "valley", "rescue", "rain", f"y{k}"] for k in range(3)]
    sigs = np.array([blk.signature(w) for w in words])
    # Few articles: a run of dates is one block (the grouping tells its stories apart); dates
    # further apart than one event's reports ever are never share a block.
    assert blk.blocks(sigs, [100, 101, 102, 100, 101, 400]) == [[0, 1, 2, 3, 4], [5]]
    # An undated article joins the block of the dated ones it shares words with.
    assert blk.blocks(sigs, [100, 101, None, 300, 301, 400]) == [[0, 1, 2], [3, 4], [5]]
    # Dense news (more in a few days than a block holds): blocks by words, then dates.
    monkeypatch.setattr(blk, "MAX_BLOCK", 3)
    assert blk.blocks(sigs, [100, 101, 102, 100, 101, 400]) == [[0, 1, 2], [3, 4], [5]]


def test_dense_news_blocks_rewrites_by_the_few_rare_words_they_share(monkeypatch):
    monkeypatch.setattr(blk, "MAX_BLOCK", 3)
    # Two reports of one event share three names among many words of their own (Jaccard 0.03:
    # LSH misses them); a third shares them too but runs a week later (never one event).
    event = ["willow", "conocophillips", "haaland"]
    a = event + [f"a{k}" for k in range(50)]
    b = event + [f"b{k}" for k in range(50)]
    c = event + [f"c{k}" for k in range(50)]
    others = [[f"o{j}-{k}" for k in range(50)] for j in range(5)]
    words = [a, b, c, *others]
    days = [10, 11, 18, 10, 10, 11, 11, 12]
    sigs = np.array([blk.signature(w) for w in words])
    keys = [blk.word_keys(w) for w in words]
    without = blk.blocks(sigs, days)
    assert not any(0 in g and 1 in g for g in without), "LSH alone misses them"
    found = blk.blocks(sigs, days, keys=keys)
    assert any(0 in g and 1 in g for g in found), found
    assert not any(0 in g and 2 in g for g in found), "a week apart: never one block"


def test_a_long_sparse_run_of_dates_is_cut_where_fewest_pairs_part(monkeypatch):
    monkeypatch.setattr(blk, "DATE_BLOCK", 6)
    monkeypatch.setattr(blk, "MAX_BLOCK", 8)
    # Two a day for four days, a quiet day (one), then two a day again: one run (no gap > 3 days).
    days = [0, 0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 7]
    sigs = np.array([blk.signature([f"w{k}"]) for k in range(len(days))])
    chunks = blk.blocks(sigs, days)
    # Four busy days fill a block; it ends on day 3, where fewer possible pairs part than on day 2.
    assert chunks == [list(range(8)), list(range(8, 15))]
    spans = [sorted({days[m] for m in c}) for c in chunks]
    assert all(s == list(range(s[0], s[-1] + 1)) for s in spans), "a block is a stretch of days"


def test_passim_export(reference):
    from reader.archive.passim import passim_lines

    rows = [json.loads(line) for line in passim_lines(str(reference))]
    assert len(rows) == 15
    assert {"id", "series", "date", "text", "story"} <= set(rows[0])
    assert all(r["text"] and r["series"] for r in rows)


def test_the_cli_builds_shows_and_says_how_to_add_the_extra(tmp_path):
    out = tmp_path / "cli"
    r = subprocess.run([sys.executable, "-m", "reader", "corpus", "build", *SOURCES, "--out", str(out),
                        "--workers", "0", "--quiet"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "15 articles in 5 stories" in r.stderr
    r = subprocess.run([sys.executable, "-m", "reader", "corpus", str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "Flash floods kill four" in r.stdout
    r = subprocess.run([sys.executable, "-m", "reader", "corpus", str(tmp_path / "nothing")], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "not a built corpus" in r.stderr
    code = ("import sys; sys.modules['distributed'] = None; from reader.cli import main; "
            "sys.exit(main(['corpus', 'build', 'x', '--out', 'y']))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "pip install 'reader-compare[corpus]'" in r.stderr and "Traceback" not in r.stderr


def test_the_outlet_view_says_who_copies_whom(reference):
    pytest.importorskip("duckdb")
    from reader.archive.stored import StoredCorpus

    rows = {(r["outlet"], r["other"]): r for r in StoredCorpus(reference).outlet_rows()}
    copy = rows["DailyBuzz Now", "Coastline Wire"]
    assert copy["copies"] == 1 and copy["copy_share"] == pytest.approx(6 / 8)
    assert rows["Coastline Wire", "DailyBuzz Now"]["copies"] == 0, "the wire copies no one"
    assert rows["Eastgate Gazette", "Coastline Wire"]["copies"] == 0, "an independent report"
