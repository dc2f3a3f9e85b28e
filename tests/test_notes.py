"""Notes storage: CRUD, persistence, migrations, re-anchoring, faults, export, the CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from reader.corpus.load import build_article
from reader.notes.store import (
    APP_ID, DB_NAME, MIGRATIONS, SCHEMA_VERSION, NoteStore, NotesError, article_key, content_hash,
)

ROOT = Path(__file__).resolve().parent.parent

TITLE = "Council approves budget"
PARAS = [
    "The city council approved the annual budget on Tuesday night.",
    "The vote was seven to two after a long debate.",
    "Mayor Jane Smith said the plan would cut spending by 4 percent.",
    "Critics argued the cuts would hurt public libraries.",
    "The budget takes effect on July 1.",
]
MAYOR = PARAS[2]


def make(paras: list[str], path: str, title: str = TITLE):
    return build_article(title + "\n\n" + "\n\n".join(paras), path)


def sentence(article, text: str):
    found = [s for s in article.sentences if s.text == text]
    assert len(found) == 1, (text, [s.text for s in article.sentences])
    return found[0]


@pytest.fixture
def store():
    s = NoteStore.open()
    assert s.persistent and s.warning is None
    yield s
    s.close()


@pytest.fixture
def art(tmp_path):
    return make(PARAS, str(tmp_path / "council.txt"))


# ------------------------------------------------------------------ CRUD
def test_open_uses_env_dir(store, tmp_path):
    assert store.path == tmp_path / "data" / DB_NAME
    assert store.path.exists()
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APP_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_flag_note_edit_delete_and_reopen(store, art):
    s = sentence(art, MAYOR)
    assert store.toggle_flag(art, s) is True
    n = store.note_for(art, s)
    assert n.flagged and n.note == "" and n.status == "ok" and n.sentence_id == s.id
    n2 = store.set_note(art, s, "check this number\nsecond line")
    assert n2.id == n.id and n2.flagged and n2.note == "check this number\nsecond line"
    assert n2.article_hash == content_hash(art) and n2.article_path == article_key(art.path)
    assert n2.start == s.start and n2.end == s.end and n2.article_title == TITLE
    assert n2.created.endswith("Z") and n2.updated >= n2.created
    assert MAYOR.startswith("Mayor") and n2.context_after.startswith("\n\nCritics")
    # persisted: a new store in another connection sees it
    other = NoteStore.open()
    assert [x.note for x in other.all_notes()] == ["check this number\nsecond line"]
    other.close()
    # unflag keeps the note; emptying the note of an unflagged sentence removes the record
    assert store.toggle_flag(art, s) is False
    assert store.note_for(art, s).note.startswith("check")
    assert store.set_note(art, s, "  ") is None
    assert store.all_notes() == []
    # a bare flag toggled off disappears
    store.toggle_flag(art, s)
    store.toggle_flag(art, s)
    assert store.all_notes() == []


def test_update_by_id_delete_and_listing(store, art, tmp_path):
    a = store.add_or_update(art, art.sentences[1], flagged=True, note="only this outlet says this")
    b = store.add_or_update(art, art.sentences[4], note="quote altered")
    other = make(["Something else entirely happened today."], str(tmp_path / "other.txt"), "Other story")
    c = store.add_or_update(other, other.sentences[1], flagged=True)
    assert [n.id for n in store.all_notes()] == sorted([a.id, b.id, c.id], key=lambda i: (store.get(i).article_path, store.get(i).start))
    assert {n.id for n in store.all_notes(art.path)} == {a.id, b.id}
    assert {(x.path, x.count) for x in store.articles()} == {(article_key(art.path), 2), (article_key(other.path), 1)}
    assert store.update(b.id, note="quote altered, see p. 2").note == "quote altered, see p. 2"
    assert store.update(b.id, flagged=True).flagged
    assert store.delete(a.id) is True and store.delete(a.id) is False
    assert store.get(a.id) is None
    assert set(store.get_for_article(art)) == {4}
    with pytest.raises(NotesError):
        store.add_or_update(art, other.sentences[1], flagged=True)  # a sentence of another article


def test_revision_changes_when_another_process_writes(store, art):
    before = store.revision()
    other = NoteStore.open()
    other.toggle_flag(art, art.sentences[2])
    other.close()
    assert store.revision() != before


def test_migration_from_older_schema(tmp_path):
    d = tmp_path / "old"
    d.mkdir()
    conn = sqlite3.connect(d / DB_NAME, isolation_level=None)
    for sql in MIGRATIONS[0]:
        conn.execute(sql)
    conn.execute(f"PRAGMA application_id={APP_ID}")
    conn.execute("PRAGMA user_version=1")
    conn.execute(
        'INSERT INTO notes (article_path, article_hash, sentence_text, start, "end", sentence_id, flagged, note, '
        "created, updated) VALUES ('/a.txt', 'h', 'Text.', 0, 5, 0, 1, 'kept', 't', 't')"
    )
    conn.close()
    s = NoteStore.open(d)
    assert s.warning is None and s.persistent
    [n] = s.all_notes()
    assert n.note == "kept" and n.flagged and len(n.uid) == 32
    s.close()
    conn = sqlite3.connect(d / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


# ------------------------------------------------------------------ re-anchoring
def test_unchanged_article_keeps_notes(store, art):
    store.set_note(art, art.sentences[3], "n")
    again = make(PARAS, art.path)
    assert store.reanchor(again) == []
    assert store.get_for_article(again)[3].status == "ok"


def test_sentence_inserted_before(store, art):
    store.set_note(art, sentence(art, MAYOR), "check this number")
    edited = make(["A new opening paragraph was added by the editors.", *PARAS], art.path)
    notes = store.get_for_article(edited)
    new = sentence(edited, MAYOR)
    assert list(notes) == [new.id] and new.id == 4
    n = notes[new.id]
    assert n.status == "ok" and n.original_text is None
    assert (n.start, n.end) == (new.start, new.end) and n.article_hash == content_hash(edited)
    # persisted: a fresh store needs no re-anchoring
    fresh = NoteStore.open()
    assert fresh.reanchor(edited) == [] and fresh.get_for_article(edited)[4].note == "check this number"
    fresh.close()


def test_sentence_reworded_is_changed_with_original_kept(store, art):
    store.set_note(art, sentence(art, MAYOR), "check this number")
    reworded = "Mayor Jane Smith said the plan would cut spending by 5 percent next year."
    edited = make([PARAS[0], PARAS[1], reworded, *PARAS[3:]], art.path)
    notes = store.get_for_article(edited)
    n = notes[sentence(edited, reworded).id]
    assert n.status == "changed" and n.original_text == MAYOR and n.sentence_text == reworded
    assert n.note == "check this number"
    # reverting the edit brings it back to ok
    back = store.get_for_article(make(PARAS, art.path))
    assert back[3].status == "ok" and back[3].original_text is None
    # accept_change clears the status
    store.get_for_article(edited)
    assert store.accept_change(n.id).status == "ok"


def test_sentence_deleted_is_orphaned_and_listed(store, art):
    store.set_note(art, sentence(art, MAYOR), "check this number")
    edited = make([p for p in PARAS if p != MAYOR], art.path)
    assert store.get_for_article(edited) == {}
    [n] = store.all_notes(art.path)
    assert n.status == "orphaned" and n.sentence_text == MAYOR and n.note == "check this number"
    # the sentence coming back re-attaches it
    assert store.get_for_article(art)[3].status == "ok"


def test_similar_neighbour_does_not_capture_note(store, tmp_path):
    similar = "Mayor Jane Smith said the plan would cut staffing by 4 percent."
    paras = [*PARAS[:3], similar, *PARAS[3:]]
    a = make(paras, str(tmp_path / "a.txt"))
    store.set_note(a, sentence(a, MAYOR), "about spending")
    edited = make([p for p in paras if p != MAYOR], a.path)
    assert store.get_for_article(edited) == {}
    assert store.all_notes()[0].status == "orphaned"


def test_similar_sentence_elsewhere_does_not_capture_note(store, tmp_path):
    similar = "Mayor Jane Smith said the plan would cut staffing by 4 percent."
    paras = [*PARAS, "In other news, the library opened a new wing.", similar]
    a = make(paras, str(tmp_path / "a.txt"))
    store.set_note(a, sentence(a, MAYOR), "about spending")
    edited = make([p for p in paras if p != MAYOR], a.path)
    assert store.get_for_article(edited) == {}
    assert store.all_notes()[0].status == "orphaned"


def test_duplicate_text_disambiguated_by_context(store, tmp_path):
    dup = "No comment was given."
    paras = ["The factory closed on Friday.", dup, "Workers gathered outside the gates.",
             "The owners were asked about pensions.", dup, "A hearing is set for May."]
    a = make(paras, str(tmp_path / "d.txt"))
    second = [s for s in a.sentences if s.text == dup][1]
    store.set_note(a, second, "the second one")
    edited = make(["An update was added at the top of the story.", *paras], a.path)
    notes = store.get_for_article(edited)
    want = [s for s in edited.sentences if s.text == dup][1]
    assert list(notes) == [want.id]
    assert notes[want.id].context_before.rstrip().endswith("pensions.")


def test_moved_file_adopts_notes(store, tmp_path):
    old = tmp_path / "old.txt"
    a = make(PARAS, str(old))
    store.set_note(a, a.sentences[2], "moved with the file")
    moved = make(PARAS, str(tmp_path / "new.txt"))
    # the old file does not exist (it was never written): the notes follow the text
    notes = store.get_for_article(moved)
    assert notes[2].note == "moved with the file" and notes[2].article_path == article_key(moved.path)


def test_copy_does_not_steal_notes_when_original_exists(store, tmp_path):
    old = tmp_path / "old.txt"
    old.write_text("x")
    a = make(PARAS, str(old))
    store.set_note(a, a.sentences[2], "stays")
    assert store.get_for_article(make(PARAS, str(tmp_path / "copy.txt"))) == {}
    assert store.all_notes()[0].article_path == article_key(str(old))


# ------------------------------------------------------------------ faults
def test_corrupt_file_moved_aside(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    (d / DB_NAME).write_bytes(os.urandom(4096))
    s = NoteStore.open()
    assert s.persistent
    moved = list(d.glob(DB_NAME + ".corrupt-*"))
    assert len(moved) == 1
    assert str(d / DB_NAME) in s.warning and str(moved[0]) in s.warning
    s.close()


def test_damaged_sqlite_file_moved_aside(tmp_path, art):
    s = NoteStore.open()
    for i in range(1, 5):
        s.set_note(art, art.sentences[i], "x" * 2000)
    s.close()
    path = tmp_path / "data" / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)  # keep the header, ruin the pages
    path.write_bytes(bytes(data))
    s = NoteStore.open()
    assert s.persistent and s.warning and "corrupt-" in s.warning
    assert s.all_notes() == []
    s.close()


def test_foreign_sqlite_moved_aside(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    conn = sqlite3.connect(d / DB_NAME)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    s = NoteStore.open()
    assert s.persistent and "not a reader notes database" in s.warning
    assert str(d / DB_NAME) in s.warning
    [moved] = d.glob(DB_NAME + ".corrupt-*")
    conn = sqlite3.connect(moved)
    assert conn.execute("SELECT name FROM sqlite_master").fetchone()[0] == "recipes"
    conn.close()
    s.close()


def test_foreign_application_id_moved_aside(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    conn = sqlite3.connect(d / DB_NAME)
    conn.execute("PRAGMA application_id=12345")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    s = NoteStore.open()
    assert s.persistent and s.warning and len(list(d.glob(DB_NAME + ".corrupt-*"))) == 1
    s.close()


def test_uncreatable_directory_runs_in_memory(tmp_path, monkeypatch, art):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker / "notes"))
    s = NoteStore.open()
    assert not s.persistent and s.path is None
    assert s.warning.startswith("notes are not saved:") and str(blocker / "notes") in s.warning
    assert s.toggle_flag(art, art.sentences[1]) is True  # still works for the session
    assert len(s.all_notes()) == 1
    s.close()


def test_read_only_directory_runs_in_memory_with_existing_notes(tmp_path, art, monkeypatch):
    s = NoteStore.open()
    s.set_note(art, art.sentences[1], "written before")
    s.close()
    d = tmp_path / "data"
    conn = sqlite3.connect(d / DB_NAME)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root writes whatever the mode: SQLite refuses as it would
        import reader.notes.store as store_mod

        def read_only(path, *args, **kwargs):
            raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(store_mod, "_open_file", read_only)
    d.chmod(0o500)
    try:
        s = NoteStore.open()
        assert not s.persistent and s.warning.startswith("notes are not saved:")
        assert [n.note for n in s.all_notes()] == ["written before"]
        s.close()
    finally:
        d.chmod(0o700)


def test_newer_schema_left_alone(tmp_path):
    s = NoteStore.open()
    s.close()
    path = tmp_path / "data" / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=99")
    conn.commit()
    conn.close()
    s = NoteStore.open()
    assert not s.persistent and "newer reader" in s.warning
    s.close()
    assert path.exists() and not list(path.parent.glob("*.corrupt-*"))


# ------------------------------------------------------------------ export / import
HOSTILE = "<script>x</script> [a](http://x) *b* <b>bold</b> `code` ![img](http://y) _u_"


def _tokens(md: str):
    from markdown_it import MarkdownIt

    out = []
    for t in MarkdownIt("commonmark").parse(md):
        out.append(t)
        out.extend(t.children or [])
    return out


def test_markdown_export_escapes_hostile_text(store, tmp_path):
    from markdown_it import MarkdownIt

    from reader.notes.export import to_markdown

    a = make([HOSTILE + " Said.", "# not a heading", "===", "1. not a list"], str(tmp_path / "h.txt"), title=HOSTILE)
    a.source = HOSTILE
    store.add_or_update(a, a.sentences[1], flagged=True, note=HOSTILE + "\n\n- item\n===\n> quote\n    indented")
    store.add_or_update(a, a.sentences[2], note="plain")
    md = to_markdown(store.all_notes(), [a])
    tokens = _tokens(md)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_inline",
                        "ordered_list_open", "code_block", "fence"}
    assert sum(t.type == "em_open" for t in tokens) == 2  # only our own "when" lines
    assert sum(t.type == "bullet_list_open" for t in tokens) == 1  # only our source/path list
    assert sum(t.type == "heading_open" for t in _tokens(md)) == 1 + 1 + 2  # title, article, two notes
    html = MarkdownIt("commonmark").render(md)
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "[a](http://x)" in html


def test_markdown_export_groups_and_matches(store, tmp_path):
    from reader.notes.export import to_markdown

    a = make(PARAS, str(tmp_path / "a.txt"))
    b = make(["Budget passes council", "The city council approved the annual budget on Tuesday night.",
              "Library supporters protested outside."], str(tmp_path / "b.txt"), title="Budget passes")
    store.add_or_update(a, a.sentences[1], flagged=True, note="only this outlet says this")
    store.add_or_update(a, sentence(a, MAYOR), note="check this number")
    store.add_or_update(b, b.sentences[3], flagged=True)
    gone = make(["Vanished sentence stays listed here."], str(tmp_path / "c.txt"), title="Gone")
    store.add_or_update(gone, gone.sentences[1], note="orphan note")
    store.get_for_article(make(["Something else now."], gone.path, title="Gone"))
    md = to_markdown(store.all_notes(), [a, b])
    assert md.index("## Council approves budget") < md.index("check this number")
    assert "## Budget passes" in md and "## Gone" in md
    assert "sentence no longer found" in md and "orphan note" in md
    assert "**verbatim** in Budget passes" in md
    assert md.count("Matching sentences in other articles") >= 1
    assert "Path:" in md and "Source:" in md


def test_json_round_trip(store, art, tmp_path):
    store.add_or_update(art, art.sentences[1], flagged=True, note="a\nb")
    store.add_or_update(art, art.sentences[3], note="quote altered")
    store.get_for_article(make([PARAS[0], PARAS[1], "Entirely new wording here.", *PARAS[3:]], art.path))
    text = store.export_json()
    doc = json.loads(text)
    assert doc["format"] == "reader-notes" and len(doc["notes"]) == 2
    fresh = NoteStore.open(tmp_path / "elsewhere")
    result = fresh.import_json(text)
    assert result.added == 2

    def strip(notes):
        return [{k: v for k, v in vars_of(n).items() if k != "id"} for n in notes]

    assert strip(fresh.all_notes()) == strip(store.all_notes())
    again = fresh.import_json(text)
    assert again.added == 0 and again.unchanged == 2 and len(fresh.all_notes()) == 2
    with pytest.raises(NotesError):
        fresh.import_json('{"format": "other"}')
    with pytest.raises(NotesError):
        fresh.import_json("not json")
    fresh.close()


def vars_of(n):
    from dataclasses import asdict

    return asdict(n)


def test_import_merges_into_existing_note_on_same_sentence(store, art, tmp_path):
    store.add_or_update(art, art.sentences[1], note="mine")
    other = NoteStore.open(tmp_path / "other")
    other.add_or_update(art, art.sentences[1], flagged=True, note="theirs")
    result = store.import_json(other.export_json())
    other.close()
    assert result.merged == 1
    [n] = store.all_notes()
    assert n.flagged and n.note == "mine\n\ntheirs"


# ------------------------------------------------------------------ CLI
def test_cli_list_and_export(capsys, tmp_path):
    from reader.corpus.load import load_article
    from reader.notes.cli import main
    from reader.resources import seeds_dir

    seed = sorted(seeds_dir().iterdir())[0]
    a = load_article(str(seed))
    s = NoteStore.open()
    s.add_or_update(a, a.sentences[1], flagged=True, note="check\tthis [x](http://y)\nnumber")
    s.close()
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and "ok" in out[0] and "check this [x](http://y) number" in out[0]
    assert main(["export"]) == 0
    md = capsys.readouterr().out
    assert "# Notes" in md and "check this" in md
    assert main(["export", "--format", "json", "-o", str(tmp_path / "n.json")]) == 0
    err = capsys.readouterr().err
    assert f"wrote {tmp_path / 'n.json'}" in err
    assert json.loads((tmp_path / "n.json").read_text())["notes"][0]["flagged"] is True
    assert main(["list", "--article", str(tmp_path / "nothing.txt")]) == 0
    assert capsys.readouterr().out == ""


def test_cli_errors_are_one_line(capsys, tmp_path):
    from reader.notes.cli import main

    assert main(["export", "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["export", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
    assert main(["export", "-o", str(tmp_path / "no" / "dir" / "x.md")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert main([]) == 2


def test_cli_subprocess(tmp_path):
    import subprocess

    env = {**os.environ, "READER_DATA_DIR": str(tmp_path / "data")}
    r = subprocess.run([sys.executable, "-m", "reader.notes.cli", "list"], capture_output=True, text=True,
                       cwd=ROOT, env=env)
    assert r.returncode == 0 and r.stdout == "" and "no notes" in r.stderr


def test_notes_import_without_textual():
    import subprocess

    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'textual':\n"
        "            raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import reader.notes.store, reader.notes.anchor, reader.notes.export, reader.notes.cli\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_pathless_articles_do_not_disturb_each_other(store):
    a = make(PARAS, "")
    b = make(["A different pasted text."], "", title="Pasted")
    store.set_note(a, a.sentences[2], "on a")
    assert store.get_for_article(b) == {}
    assert store.all_notes()[0].status == "ok"
    assert store.get_for_article(a)[2].note == "on a"


def test_in_memory_store_shows_notes_it_could_read(store, art, tmp_path):
    store.set_note(art, art.sentences[1], "on disk")
    store.close()
    mem = NoteStore.in_memory("notes are not saved: test", copy_from=tmp_path / "data" / DB_NAME)
    assert not mem.persistent and [n.note for n in mem.all_notes()] == ["on disk"]
    mem.set_note(art, art.sentences[2], "session only")
    mem.close()
    again = NoteStore.open()
    assert [n.note for n in again.all_notes()] == ["on disk"]
    again.close()



def test_schema_check_reads_one_snapshot_while_another_reader_creates_the_store(tmp_path):
    """Two readers creating the store at once: if the other one commits its fresh schema between
    this one's reads of the id and of the tables, the database must not look foreign (it would
    be moved aside, the other reader's notes with it)."""
    from reader.notes.store import _check_ours, _connect, migrate

    path = tmp_path / DB_NAME
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.close()
    mine, other = _connect(path), _connect(path)
    raced = []

    class Racing:  # my connection; the other reader finishes creating the store between my reads
        @property
        def in_transaction(self):
            return mine.in_transaction

        def execute(self, sql, *args):
            result = mine.execute(sql, *args)
            if sql == "PRAGMA application_id" and not raced:
                raced.append(migrate(other))
            return result

    assert _check_ours(Racing()) == 0, "a new, empty database: the snapshot before the other's commit"
    assert raced == [0] and _check_ours(mine) == SCHEMA_VERSION
    mine.close()
    other.close()


def test_store_waits_while_the_database_is_busy(tmp_path, monkeypatch):
    """Switching a database to a write-ahead log does not wait for a busy one: opening retries
    for a while instead of keeping the session's notes in memory."""
    import reader.notes.store as store_mod

    real, calls = store_mod._open_file_once, []

    def busy_twice(path):
        calls.append(path)
        if len(calls) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return real(path)

    monkeypatch.setattr(store_mod, "_open_file_once", busy_twice)
    store = NoteStore.open(tmp_path)
    assert store.persistent and store.warning is None and len(calls) == 3
    store.close()
    monkeypatch.setattr(store_mod, "OPEN_PATIENCE_S", 0.0)
    calls.clear()
    store = NoteStore.open(tmp_path / "other")
    assert not store.persistent and "locked" in store.warning, "out of patience: says why, keeps notes in memory"
    store.close()
