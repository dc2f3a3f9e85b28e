"""``reader notes import FILE`` and ``NoteStore.import_export``: a JSON export merges back in,
nothing twice, with one line of counts; a bad file is one line and exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.corpus.load import load_article
from reader.engine.corrections import Correction
from reader.notes.cli import main
from reader.notes.store import ImportResult, NoteStore, NotesError

ROOT = Path(__file__).resolve().parent.parent
PARAS = [
    "The city council approved the annual budget on Tuesday night.",
    "The vote was seven to two after a long debate.",
    "Mayor Jane Smith said the plan would cut spending by 4 percent.",
]
OTHER = [
    "Councillors passed the budget late on Tuesday.",
    "Seven members voted for it and two against.",
    "A new library branch opens in the spring.",
]


def write(path: Path, title: str, paras: list[str]) -> str:
    path.write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def exported(tmp_path):
    """An export (two notes, one correction) made in another data folder; the articles exist."""
    a = load_article(write(tmp_path / "council.txt", "Council approves budget", PARAS))
    b = load_article(write(tmp_path / "budget.txt", "Budget passes", OTHER))
    theirs = NoteStore.open(tmp_path / "theirs")
    theirs.add_or_update(a, a.sentences[1], flagged=True, note="check the count")
    theirs.add_or_update(b, b.sentences[3], note="not in the other report")
    theirs.add_correction(a, b, [3], [3], "not_same")
    out = tmp_path / "export.json"
    out.write_text(theirs.export_json(), encoding="utf-8")
    theirs.close()
    return out, a, b


def counts(store: NoteStore) -> tuple[int, int]:
    return len(store.all_notes()), len(store.all_corrections())


def test_import_merges_and_twice_adds_nothing(exported, capsys):
    path, a, b = exported
    assert main(["import", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == (f"reader notes: imported {path}: 2 notes added; 1 correction added\n")
    store = NoteStore.open()
    try:
        assert counts(store) == (2, 1)
        assert store.note_for(a, a.sentences[1]).note == "check the count"
        assert store.corrections_for(b, a) == [Correction([3], [3], "not_same")]
    finally:
        store.close()
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == f"reader notes: imported {path}: 0 notes added, 2 already here; 0 corrections added, 1 already here\n"
    store = NoteStore.open()
    try:
        assert counts(store) == (2, 1)
    finally:
        store.close()


def test_import_into_existing_notes_merges_once(exported):
    path, a, _ = exported
    store = NoteStore.open()
    try:
        store.add_or_update(a, a.sentences[1], note="mine")
        store.add_correction(a, load_article(str(path.parent / "budget.txt")), [3], [3], "not_same")
        first = store.import_export(path)
        assert (first.added, first.merged, first.corrections_added, first.corrections_unchanged) == (1, 1, 0, 1)
        note = store.note_for(a, a.sentences[1])
        assert note.flagged and note.note == "mine\n\ncheck the count"
        again = store.import_export(path)
        assert (again.added, again.merged, again.unchanged, again.corrections_added) == (0, 0, 2, 0)
        assert store.note_for(a, a.sentences[1]).updated == note.updated  # not touched again
        assert counts(store) == (2, 1)
    finally:
        store.close()


def test_import_counts_what_refers_to_articles_not_found_here(exported):
    path, a, b = exported
    os.unlink(b.path)  # another machine: that article is not here
    result = NoteStore.open().import_export(path)
    assert isinstance(result, ImportResult)
    assert (result.added, result.corrections_added, result.not_found) == (2, 1, 2)
    assert "2 refer to an article not found here" in result.summary()


@pytest.mark.parametrize("content, why", [
    (None, "no such file"),
    ("folder", "is a folder"),
    (b"\xff\xfe\x00binary", "not UTF-8"),
    ("{not json", "not a notes export"),
    ('{"format": "something-else", "notes": []}', "not a reader notes export"),
    ('{"format": "reader-notes", "version": 99, "notes": []}', "newer reader"),
    ('{"format": "reader-notes", "version": 1, "notes": [{"uid": 3}]}', "item 1"),
    ('{"format": "reader-notes", "version": 1, "notes": [], "corrections": [{"uid": "x"}]}', "correction 1"),
])
def test_bad_file_is_one_line_exit_2_and_imports_nothing(tmp_path, capsys, content, why):
    path = tmp_path / "export.json"
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["import", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith("reader notes: ") and why in captured.err and str(path) in captured.err
    with pytest.raises(NotesError):
        NoteStore.open().import_export(path)


def test_bad_item_after_good_ones_imports_nothing(exported, tmp_path):
    path, *_ = exported
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["notes"].append({"uid": "x"})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    store = NoteStore.open()
    try:
        with pytest.raises(NotesError):
            store.import_export(bad)
        assert counts(store) == (0, 0)
    finally:
        store.close()


def test_import_where_notes_cannot_be_saved_says_so(exported, tmp_path, monkeypatch, capsys):
    path, *_ = exported
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker / "data"))  # a folder inside a file: in memory
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "nothing imported" in err and "Traceback" not in err


def test_import_from_the_command_line(exported, tmp_path):
    path, *_ = exported
    env = {**os.environ, "READER_DATA_DIR": str(tmp_path / "cli-data")}
    r = subprocess.run([sys.executable, "-m", "reader", "notes", "import", str(path)], capture_output=True,
                       text=True, cwd=ROOT, env=env)
    assert r.returncode == 0 and "2 notes added; 1 correction added" in r.stdout and r.stderr == ""
    r = subprocess.run([sys.executable, "-m", "reader", "notes", "import", str(tmp_path / "missing.json")],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 2 and r.stdout == "" and r.stderr.count("\n") == 1 and "no such file" in r.stderr
