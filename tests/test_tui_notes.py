"""Flags and notes in the TUI: the gutter, the note editor, the notes screen, export, faults."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, Input, TextArea  # noqa: E402

from pilot import command  # noqa: E402

from reader.corpus.load import load_article  # noqa: E402
from reader.notes.store import DB_NAME, NoteStore  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.help import HelpScreen  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402
from reader.tui.screens.note_editor import NoteEditor  # noqa: E402
from reader.tui.screens.notes import ConfirmScreen, NotesScreen  # noqa: E402
from reader.tui.screens.prompt import PathPrompt  # noqa: E402

from test_tui import SEEDS, SIZE, make_app, ready, shown  # noqa: E402

HOSTILE = "[@click=app.quit]boom[/] and [/x] here"


def gutter(screen: MainScreen, pos: int | None = None) -> str:
    """The gutter of the focused column on the cursor row (or row ``pos``)."""
    view = screen.view
    pos = view.cursor if pos is None else pos
    line = view.line_text(view.row_span(pos)[0])
    if view.focus_side == "left":
        return line[:5]
    return line[line.index("│") + 1:][:5]


def notify_texts(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def settle(app: ReaderApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_notes(app: ReaderApp, pilot) -> NotesScreen:
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(app.screen, NotesScreen)
    return app.screen


def table_text(screen: NotesScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


# ------------------------------------------------------------------ flags
async def test_flag_is_saved_and_shown_by_a_fresh_app():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("j", "space")
        assert gutter(screen).startswith("⚑")
        notes = app.notes.store.all_notes()
        assert [(n.article_path, n.sentence_id, n.flagged) for n in notes] == [(SEEDS[0], 1, True)]
        assert "⚑ 1" in str(screen.query_one("#status").render())
    app = make_app()  # same READER_DATA_DIR: a new session
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await settle(app, pilot)
        assert gutter(screen, 1).startswith("⚑")
        await pilot.press("j", "space")
        assert app.notes.store.all_notes() == []
        assert not gutter(screen).startswith("⚑")


async def test_flags_from_another_reader_appear():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await settle(app, pilot)
        other = NoteStore.open()  # another reader process, in effect
        article = load_article(SEEDS[0])
        other.set_flag(article, article.sentences[2], True)
        other.close()
        app.poll_notes()  # the 2 s timer's job
        await pilot.pause()
        assert gutter(screen, 2).startswith("⚑")


# ------------------------------------------------------------------ the note editor
async def test_write_a_multi_line_note_and_save_with_ctrl_s():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("j", "j", "a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).has_focus
        sentence = screen.view.comparison.left.sentences[screen.view.current.row.left[0]].text
        assert str(editor.query_one("#note-sentence").render()) == sentence
        await pilot.press(*"first line q?", "enter", *"second line")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [note] = app.notes.store.all_notes()
        assert note.note == "first line q?\nsecond line" and not note.flagged
        assert gutter(screen)[1] == "✎"
        # Edit it again: the editor opens with the text; the Save button saves too.
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "first line q?\nsecond line"
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.click("#note-save")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.notes.store.all_notes()[0].note == "first line q?\nsecond "
        # Emptying the note of an unflagged sentence removes the record.
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one(TextArea).text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.notes.store.all_notes() == []
        assert gutter(screen)[:2] == "  "


async def test_flag_and_note_both_show():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("space", "a")
        await pilot.pause()
        await pilot.press(*"why", "ctrl+s")
        await pilot.pause()
        assert gutter(screen)[:2] == "⚑✎"
        [note] = app.notes.store.all_notes()
        assert note.flagged and note.note == "why"


async def test_escape_cancels_and_f1_opens_help_over_the_editor():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"draft")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "Save" in text and "Cancel" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "draft"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.notes.store.all_notes() == []


# ------------------------------------------------------------------ the notes screen
def seed_notes() -> None:
    """A flag on SEEDS[3] (not shown at start) and a note on SEEDS[1]'s third sentence."""
    store = NoteStore.open()
    a3, a1 = load_article(SEEDS[3]), load_article(SEEDS[1])
    store.set_flag(a3, a3.sentences[5], True)
    store.set_note(a1, a1.sentences[2], "check this\nagainst the wire")
    store.close()


async def test_notes_screen_lists_and_jumps_to_a_sentence_in_another_article():
    seed_notes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        notes = await open_notes(app, pilot)
        rows = table_text(notes)
        assert len(rows) == 2
        a3, a1 = load_article(SEEDS[3]), load_article(SEEDS[1])
        row3 = next(r for r in rows if a3.title[:15] in r)
        assert a3.sentences[5].text[:30] in row3
        row1 = next(r for r in rows if a1.title[:15] in r)
        assert "check this ⏎ against the wire" in row1
        # Enter on the SEEDS[3] flag: shown on the left (it was on neither side).
        index = next(i for i, n in enumerate(notes.notes) if n.article_path == SEEDS[3])
        notes.table.move_cursor(row=index)
        await pilot.press("enter")
        await ready(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert shown(screen) == (SEEDS[3], SEEDS[1])
        assert 5 in screen.view.current.row.left and screen.view.focus_side == "left"
        # Enter on the SEEDS[1] note: it is on the right already.
        await open_notes(app, pilot)
        index = next(i for i, n in enumerate(app.screen.notes) if n.article_path == SEEDS[1])
        app.screen.table.move_cursor(row=index)
        await pilot.press("enter")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[3], SEEDS[1])
        assert 2 in screen.view.current.row.right and screen.view.focus_side == "right"


async def test_edit_delete_and_filter_on_the_notes_screen():
    seed_notes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        notes = await open_notes(app, pilot)
        assert len(notes.notes) == 2
        # Filter: all -> first article -> second article -> all.
        seen = []
        for _ in range(3):
            await pilot.press("f")
            await pilot.pause()
            seen.append((notes.filter, len(notes.notes)))
        assert {p for p, _ in seen[:2]} == {SEEDS[1], SEEDS[3]}
        assert all(n == 1 for _, n in seen[:2]) and seen[2] == (None, 2)
        # Edit the note on SEEDS[1].
        index = next(i for i, n in enumerate(notes.notes) if n.article_path == SEEDS[1])
        notes.table.move_cursor(row=index)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*" (done)", "ctrl+s")
        await pilot.pause()
        assert app.screen is notes
        assert app.notes.store.all_notes(SEEDS[1])[0].note == "check this\nagainst the wire (done)"
        assert "(done)" in " ".join(table_text(notes))
        # Delete it: asked first; n keeps it, y deletes.
        notes.table.move_cursor(row=next(i for i, n in enumerate(notes.notes) if n.article_path == SEEDS[1]))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(app.notes.store.all_notes()) == 2
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is notes
        assert [n.article_path for n in app.notes.store.all_notes()] == [SEEDS[3]]
        assert len(table_text(notes)) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_export_writes_markdown_and_says_where(tmp_path, monkeypatch):
    from markdown_it import MarkdownIt

    monkeypatch.chdir(tmp_path)
    seed_notes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await open_notes(app, pilot)
        await pilot.press("x")  # asks where, with a new file in the current folder as the default
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert app.screen.query_one(Input).value.startswith(str(tmp_path))
        await pilot.press("enter")
        await settle(app, pilot)
        files = list(tmp_path.glob("reader-notes-*.md"))
        assert len(files) == 1
        assert any(str(files[0]) in m for m in notify_texts(app))
        text = files[0].read_text(encoding="utf-8")
        tokens = MarkdownIt("commonmark").parse(text)
        assert any(t.type == "heading_open" for t in tokens)
        assert "check this" in text and "against the wire" in text
        await pilot.press("X")
        await pilot.pause()
        target = tmp_path / "sub dir" / "mine.json"
        target.parent.mkdir()
        app.screen.query_one(Input).value = str(target)  # a path of the user's choosing
        await pilot.press("enter")
        await settle(app, pilot)
        assert target.exists() and any(str(target) in m for m in notify_texts(app)), "the full path is said"
        assert NoteStore.in_memory().import_json(target.read_text(encoding="utf-8")).added == 2
        await pilot.press("X")
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        assert any("exists already" in m for m in notify_texts(app)), "never over an existing file"


# ------------------------------------------------------------------ untrusted text
async def test_hostile_sentence_and_note_are_shown_literally(tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text(
        f"Title {HOSTILE}\n\nOfficials said {HOSTILE} at noon on Monday. The vote passed.\n", encoding="utf-8"
    )
    app = make_app([str(evil), SEEDS[0]])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        pos = next(i for i, r in enumerate(view.visible_rows) if r.row.left and "Officials" in r.left.text)
        view.cursor = pos
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert HOSTILE in str(editor.query_one("#note-sentence").render())
        assert "[/x]" in str(editor.query_one("#note-article").render())
        editor.query_one(TextArea).insert(f"note {HOSTILE} [b]x[/b]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        notes = await open_notes(app, pilot)
        rows = " ".join(table_text(notes))
        assert rows.count("[@click=app.quit]boom[/]") >= 2 and "[/x]" in rows
        detail = str(notes.query_one("#notes-detail").render())
        assert f"note {HOSTILE} [b]x[/b]" in detail
        await pilot.click("#notes-detail", offset=(detail.splitlines()[-1].index("boom") + 1, 8))
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == f"note {HOSTILE} [b]x[/b]"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert HOSTILE in str(app.screen.query_one("#confirm-message").render())
        await pilot.press("n")
        await pilot.pause()
        assert not app._exit and app.is_running


# ------------------------------------------------------------------ faults
async def test_corrupt_database_is_moved_aside_with_a_message():
    data = Path(os.environ["READER_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    (data / DB_NAME).write_bytes(b"this is not a database at all" * 100)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await settle(app, pilot)
        [moved] = list(data.glob(f"{DB_NAME}.corrupt-*"))
        assert any(str(data / DB_NAME) in m and str(moved) in m for m in notify_texts(app))
        await pilot.press("space")
        assert gutter(screen).startswith("⚑")
        assert app.notes.store.persistent and len(app.notes.store.all_notes()) == 1


async def test_unusable_data_dir_keeps_notes_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker / "data"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await settle(app, pilot)
        assert shown(screen) == (SEEDS[0], SEEDS[1]) and screen.view.row_count > 0
        assert any("notes are not saved" in m for m in notify_texts(app))
        assert not app.notes.store.persistent
        await pilot.press("space", "a")
        await pilot.pause()
        await pilot.press(*"kept for now", "ctrl+s")
        await pilot.pause()
        assert gutter(screen)[:2] == "⚑✎"
        notes = await open_notes(app, pilot)
        assert len(notes.notes) == 1


async def test_notes_commands_in_the_palette_and_keys_in_help():
    seed_notes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        assert re.search(r"^o, (\^n|ctrl\+n) +Notes", text, re.M) and re.search(r"^a +Note", text, re.M)
        await pilot.press("escape")
        await command(pilot, "notes")
        assert isinstance(app.screen, NotesScreen)
        await command(pilot, "filter by")
        assert isinstance(app.screen, NotesScreen) and app.screen.filter is not None


async def test_notes_on_an_edited_article_show_changed_and_orphaned(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Bridge reopens\n\nThe bridge reopened on Monday after repairs. "
                 "Traffic was light in the morning. The mayor thanked the engineers.\n", encoding="utf-8")
    b.write_text("Repairs finished\n\nEngineers finished the bridge repairs on Monday.\n", encoding="utf-8")
    store = NoteStore.open()
    art = load_article(a)
    store.set_note(art, art.sentences[2], "check the traffic claim")
    store.set_note(art, art.sentences[3], "who else thanked them?")
    store.close()
    # the article changes: sentence 2 is reworded, sentence 3 is gone
    a.write_text("Bridge reopens\n\nThe bridge reopened on Monday after repairs. "
                 "Traffic was light in the early morning.\n", encoding="utf-8")
    app = make_app([str(a), str(b)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await settle(app, pilot)
        screen = await open_notes(app, pilot)
        rows = table_text(screen)
        assert len(rows) == 2, "an orphaned note is still listed"
        assert any("changed" in r and "check the traffic claim" in r for r in rows)
        assert any("orphaned" in r and "who else thanked them?" in r for r in rows)


async def test_j_k_move_in_the_notes_list_and_i_imports_an_export(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed_notes()
    exported = NoteStore.open().export_json()
    (tmp_path / "reader-notes-old.json").write_text(exported, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        notes = await open_notes(app, pilot)
        table = notes.query_one(DataTable)
        assert table.cursor_row == 0
        await pilot.press("j")
        assert table.cursor_row == 1, "j moves down, as in the pair view"
        await pilot.press("k")
        assert table.cursor_row == 0
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert app.screen.query_one(Input).value == str(tmp_path / "reader-notes-old.json"), "the newest export"
        await pilot.press("enter")
        await settle(app, pilot)
        assert any("already here" in m and "0 notes added" in m for m in notify_texts(app)), "no duplicates"
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "nothing.json")
        await pilot.press("enter")
        await settle(app, pilot)
        assert any(m.startswith("Import failed") for m in notify_texts(app))
