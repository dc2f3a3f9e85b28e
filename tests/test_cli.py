"""The command line: JSON shape, formats, error exits (run as real subprocesses)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def reader(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=60)


@pytest.fixture(scope="module")
def compared():
    r = reader("compare", str(SEEDS[0]), str(SEEDS[2]), "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_json_shape(compared):
    d = compared
    for side in ("left", "right"):
        a = d[side]
        assert {"path", "title", "source", "sentences"} <= a.keys()
        assert isinstance(a["title"], str) and a["title"] and isinstance(a["source"], str) and a["source"]
        for k, s in enumerate(a["sentences"]):
            assert s["id"] == k
            assert {"text", "paragraph", "start", "end", "boilerplate"} <= s.keys()
            assert isinstance(s["boilerplate"], bool) and 0 <= s["start"] < s["end"]
        assert a["sentences"][0]["paragraph"] == 0, "the title line is the first sentence"
    for m in d["matches"]:
        assert m["kind"] in ("verbatim", "near", "paraphrase", "partial")
        assert 0.0 <= m["score"] <= 1.0 and isinstance(m["moved"], bool) and isinstance(m["aligned"], bool)
        assert m["left"] and m["right"] and len(m["left"]) <= 2 and len(m["right"]) <= 2
    assert d["matches"], "two reports of the same story share sentences"
    st = d["stats"]
    assert 0.0 <= st["similarity"] <= 1.0
    assert isinstance(st["left_unique"], int) and isinstance(st["right_unique"], int)
    assert st["links"] == len(d["matches"]) and st["matched"] == sum(m["aligned"] for m in d["matches"])
    # the rows are built from the aligned links: each row with both sides shows one of them
    aligned = {(tuple(m["left"]), tuple(m["right"])) for m in d["matches"] if m["aligned"]}
    assert {(tuple(r["left"]), tuple(r["right"])) for r in d["rows"] if r["left"] and r["right"]} == aligned
    # unique = no link at all
    linked = {i for m in d["matches"] for i in m["left"]}
    body = {s["id"] for s in d["left"]["sentences"] if not s["boilerplate"]}
    assert st["left_unique"] == len(body - linked)
    left_ids = [i for r in d["rows"] for i in r["left"]]
    right_ids = [j for r in d["rows"] for j in r["right"]]
    assert sorted(left_ids) == list(range(len(d["left"]["sentences"])))
    assert sorted(right_ids) == list(range(len(d["right"]["sentences"])))


def test_offsets_point_into_the_text(compared):
    text = (ROOT / compared["left"]["path"]).read_text(encoding="utf-8")  # ROOT / absolute == absolute
    for s in compared["left"]["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]


def test_text_and_markdown_formats():
    r = reader("compare", str(SEEDS[1]), str(SEEDS[3]), "--width", "120")
    assert r.returncode == 0 and "similarity" in r.stdout
    r = reader("compare", str(SEEDS[1]), str(SEEDS[3]), "--format", "markdown")
    assert r.returncode == 0
    tokens = MarkdownIt("commonmark").parse(r.stdout)
    assert any(t.type == "heading_open" for t in tokens)
    assert not any(t.type in ("html_block", "html_inline", "link_open") for t in tokens)


@pytest.mark.parametrize("args, needle", [
    (("compare", "nope-a.txt", "nope-b.txt"), "no such file"),
    (("compare", "seeds"), "required"),
    (("compare", "seeds", "seeds"), "folder"),
    (("compare", "a", "b", "--format", "pdf"), "invalid choice"),
    (("compare", "a", "b", "--width", "0"), "at least 20"),
    (("score-pairs", "missing.tsv"), "no such file"),
    (("--bogus",), "unrecognized"),
])
def test_errors_are_one_line_each_with_exit_2(args, needle):
    r = reader(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()  # one line per problem
    assert 1 <= len(lines) <= 2 and all(needle in line for line in lines)
    assert "Traceback" not in r.stderr


def test_score_pairs_refuses_a_binary_file(tmp_path):
    f = tmp_path / "pairs.tsv"
    f.write_bytes(b"\x00\x01\x02\tbinary\tjunk\n")
    r = reader("score-pairs", str(f))
    assert r.returncode == 2 and "binary" in r.stderr and r.stdout == ""


def test_two_empty_articles_are_nothing_to_compare(tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    r = reader("compare", str(tmp_path / "a.txt"), str(tmp_path / "a.txt"))
    assert r.returncode == 2 and "empty" in r.stderr.splitlines()[-1]


def test_binary_file_is_refused(tmp_path):
    f = tmp_path / "bin.txt"
    f.write_bytes(b"\x00\x01\x02binary")
    r = reader("compare", str(f), str(SEEDS[0]))
    assert r.returncode == 2 and "binary" in r.stderr and "Traceback" not in r.stderr


def test_version_and_help():
    assert reader("--version").stdout.startswith("reader ")
    h = reader("--help")
    assert h.returncode == 0 and "compare" in h.stdout and "score-pairs" in h.stdout
    assert "stories" in h.stdout and "story" in h.stdout


def test_score_pairs_from_stdin():
    data = ("p1\tThe union voted on Sunday to end the strike.\tOn Sunday the union voted to end its strike.\n"
            "p2\tThe union voted on Sunday to end the strike.\tShares in the airline fell sharply.\n"
            "broken line without tabs\n")
    r = reader("score-pairs", "-", stdin=data)
    assert r.returncode == 0
    rows = [line.split("\t") for line in r.stdout.strip().splitlines()]
    assert [row[0] for row in rows] == ["p1", "p2"]
    assert rows[0][2] == "1" and rows[1][2] == "0"
    assert 0 <= float(rows[1][1]) < float(rows[0][1]) <= 1
    assert "line 3" in r.stderr


def test_compare_path_never_imports_textual():
    code = ("import sys; from reader.cli import main; "
            f"main(['compare', {str(SEEDS[0])!r}, {str(SEEDS[1])!r}, '--format', 'json']); "
            "sys.stderr.write(str(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'numpy'))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0
    assert r.stderr.strip() == "[]"


def test_compare_fast_path_imports_nothing_of_stories_notes_or_argparse():
    """The story commands live beside compare in the same module: the plain compare still loads
    only the corpus, the engine and its one renderer (of the notes, only the light lookup of the
    user's corrections, which reads no database that does not exist)."""
    code = ("import sys, io, contextlib; from reader.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['compare', {str(SEEDS[0])!r}, {str(SEEDS[1])!r}, '--format', 'json'])\n"
            "bad = [m for m in sys.modules if m == 'argparse' or m.split('.')[0] in ('rich', 'sqlite3')\n"
            "       or m.startswith(('reader.story', 'reader.notes.', 'reader.tui', 'reader.render.story'))\n"
            "       and m != 'reader.notes.lookup']\n"
            "sys.stderr.write(str(sorted(bad)))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and r.stderr.strip() == "[]", r.stderr


def test_score_pairs_text_without_words_is_never_the_same():
    data = "empty\t\t\npunct\t.\t.\nwords\tThe union voted to end the strike.\tThe union voted to end the strike.\n"
    r = reader("score-pairs", "-", stdin=data)
    rows = {row[0]: row for row in (line.split("\t") for line in r.stdout.strip().splitlines())}
    assert rows["empty"][1:] == ["0.0000", "0"] and rows["punct"][1:] == ["0.0000", "0"]
    assert rows["words"][2] == "1"


def test_score_pairs_line_with_extra_fields_is_skipped_and_binary_stdin_refused():
    r = reader("score-pairs", "-", stdin="a\tone text\tanother\tstray field\nb\tsame words\tsame words\n")
    assert r.returncode == 0 and [line.split("\t")[0] for line in r.stdout.splitlines()] == ["b"]
    assert "line 1" in r.stderr and "4 fields" in r.stderr
    r = reader("score-pairs", "-", stdin="a\tbi\x00nary\tx\n")
    assert r.returncode == 2 and "binary" in r.stderr and r.stdout == ""


def test_articles_of_different_events_link_only_verbatim_lines_and_say_so(tmp_path):
    a = tmp_path / "port.txt"
    b = tmp_path / "vote.txt"
    shared = "Forecasters expect heavy rain across the region on Tuesday."  # a stock sentence both ran
    a.write_text("Dockworkers end nine-day strike at the Port of Lindell\n\n"
                 "Dockworkers at the Port of Lindell voted on Monday to end a nine-day strike, union officials said.\n\n"
                 "The agreement raises wages by 12 percent over four years.\n\n" + shared + "\n", encoding="utf-8")
    b.write_text("Harwick United reach the cup final after late penalty\n\n"
                 "A late penalty from captain Joel Marsh sent Harwick United into the county cup final.\n\n"
                 "The visitors had led for most of the second half before the home side rallied.\n\n"
                 + shared + "\n", encoding="utf-8")
    d = json.loads(reader("compare", str(a), str(b), "--format", "json").stdout)
    assert d["stats"]["one_event"] is False and 0 <= d["stats"]["same_event"] < 1
    assert [m["kind"] for m in d["matches"]] == ["verbatim"], "only the shared line links"
    text = reader("compare", str(a), str(b), "--width", "100").stdout
    assert "different events" in text and "--same-event" in text
    forced = json.loads(reader("compare", "--same-event", str(a), str(b), "--format", "json").stdout)
    assert forced["stats"]["one_event"] is True
    assert forced["stats"]["same_event"] == d["stats"]["same_event"], "reader's own judgement is still reported"
