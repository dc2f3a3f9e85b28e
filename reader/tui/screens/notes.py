"""The notes screen: every flag and note across all articles.

A table (article, sentence, note, when, status) with the highlighted note shown in full
below it. enter jumps to the sentence in the comparison, e edits, d deletes (after a
confirmation), f cycles the article filter, x / X export Markdown / JSON and say where.

Every cell is a ``rich.text.Text`` and every other piece of note or article text a
``Content``: DataTable parses markup in ``str`` cells, and all of it is untrusted.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Static

from reader.corpus.sanitize import display_path, one_line
from reader.tui.commands import BindingCommands
from reader.tui.messages import NotesChanged
from reader.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.notes.store import ArticleSummary, Note

NOTES_BINDINGS = [
    Binding("enter", "jump", "Go to sentence", id="reader.notes_jump"),
    Binding("e", "edit", "Edit", id="reader.notes_edit"),
    Binding("d,delete", "delete", "Delete", id="reader.notes_delete"),
    Binding("f", "filter", "Filter by article", id="reader.notes_filter"),
    Binding("c", "accept_change", "Accept changed sentence", id="reader.notes_accept", show=False,
            tooltip="For a note whose sentence was reworded: keep it on the new wording"),
    Binding("x", "export('md')", "Export Markdown", id="reader.notes_export"),
    Binding("X", "export('json')", "Export JSON", id="reader.notes_export_json", show=False),
    Binding("i", "import_notes", "Import", id="reader.notes_import",
            tooltip="Merge a JSON export (X, or reader notes export --format json) into your notes"),
    Binding("escape", "close", "Back", id="reader.notes_close"),
]

STATUS_LABEL = {"ok": "", "changed": "changed", "orphaned": "orphaned"}
STATUS_COLOUR = {"changed": "warning", "orphaned": "error"}  # theme colours


def local_time(stamp: str) -> str:
    """An ISO UTC time stamp as local ``YYYY-mm-dd HH:MM`` (the stamp itself if unparsable)."""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16]


def export_name(kind: str) -> str:
    return f"reader-notes-{datetime.now().strftime('%Y%m%d-%H%M%S')}.{kind}"


def free_name(directory: str, name: str) -> str:
    """``name``, or ``name-1`` … when a file of that name is in ``directory`` already."""
    stem, ext = os.path.splitext(name)
    for n in range(1000):
        candidate = name if n == 0 else f"{stem}-{n}{ext}"
        if not os.path.exists(os.path.join(directory, candidate)):
            return candidate
    return name


def write_to(text: str, path: str) -> str:
    """Write a new file at ``path`` (an existing one is never overwritten); its full path."""
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise OSError(f"{path} exists already: choose another name") from None
    except FileNotFoundError:
        raise OSError(f"{os.path.dirname(path) or '.'}: no such folder") from None
    except OSError as exc:
        raise OSError(f"{path}: {exc.strerror or type(exc).__name__}") from None
    return os.path.abspath(path)


def write_export(text: str, kind: str, directories: list[str]) -> str:
    """Write ``text`` to a new file in the first directory that takes it; returns its path."""
    errors = []
    name = export_name(kind)
    for d in directories:
        path = os.path.join(d, name)
        stem, ext = os.path.splitext(path)
        for n in range(100):
            candidate = path if n == 0 else f"{stem}-{n}{ext}"
            try:
                with open(candidate, "x", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
                return os.path.abspath(candidate)
            except FileExistsError:
                continue
            except OSError as exc:
                errors.append(f"{d}: {exc.strerror or type(exc).__name__}")
                break
    raise OSError("could not write the export (" + "; ".join(errors) + ")")


class NotesTable(DataTable, inherit_bindings=False):
    """A DataTable without its own enter binding, so the screen's (remappable, shown in the
    key bar) "Go to sentence" gets the key; clicking a row still selects it."""

    BINDINGS = [b for b in DataTable.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")] + [
        Binding("j", "cursor_down", "Down", show=False), Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "Top", show=False), Binding("G,end", "scroll_bottom", "Bottom", show=False)]
    """j and k move as in the pair view (enter then opens the note the cursor is on)."""


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; ``message`` is Content (it may quote untrusted text)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="reader.confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="reader.confirm_no"),
    ]

    def __init__(self, message: Content, yes: str = "Delete") -> None:
        super().__init__(id="confirm")
        self.message = message
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.message, id="confirm-message", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="error")
                yield Button("Keep (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


class NotesCommands(BindingCommands):
    """The notes list's commands ("Notes: Export Markdown", …)."""

    PREFIX = "Notes: "

    def bindings(self) -> list[Binding]:
        return NOTES_BINDINGS


class NotesScreen(Screen[None]):
    BINDINGS = NOTES_BINDINGS
    COMMANDS = {NotesCommands}
    AUTO_FOCUS = "#notes-table"

    def __init__(self) -> None:
        super().__init__(id="notes")
        self.filter: str | None = None
        """The article path shown, or None for all."""
        self.notes: list[Note] = []
        self._titles: dict[str, ArticleSummary] = {}

    @property
    def reader(self) -> "ReaderApp":  # noqa: F821 - the App (not imported: it imports the screens)
        return self.app  # type: ignore[return-value]

    @property
    def table(self) -> DataTable:
        return self.query_one("#notes-table", DataTable)

    def compose(self) -> ComposeResult:
        yield KeyBar(id="notes-keys")
        yield Static("", id="notes-title", markup=False)
        yield NotesTable(id="notes-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="notes-detail", markup=False)

    def on_mount(self) -> None:
        table = self.table
        width = max(80, self.app.size.width)
        self._widths = {"article": 26, "when": 16, "status": 9}
        rest = width - sum(self._widths.values()) - 2 * 5 - 2
        self._widths["sentence"] = rest * 3 // 5
        self._widths["note"] = rest - self._widths["sentence"]
        for key, label in (("article", "Article"), ("sentence", "Sentence"), ("note", "Note"),
                           ("when", "When"), ("status", "Status")):
            table.add_column(Text(label), width=self._widths[key], key=key)
        self.reload()

    def on_screen_resume(self) -> None:
        self.reader.poll_notes()

    @on(NotesChanged)
    def notes_changed(self) -> None:
        self.reload()

    # ------------------------------------------------------------ listing
    def reload(self) -> None:
        """Read the notes again, keeping the cursor on the same note when it is still there."""
        from reader.notes.store import NotesError

        store = self.reader.notes.store
        current = self.current
        try:
            self._titles = {a.path: a for a in store.articles()}
            if self.filter is not None and self.filter not in self._titles:
                self.filter = None
            self.notes = store.all_notes(self.filter)
        except NotesError as exc:
            self.notify(str(exc), markup=False, severity="error", timeout=10)
            self.notes = []
        table = self.table
        table.clear()
        w = self._widths
        theme = self.app.current_theme
        status_style = {k: f"bold {getattr(theme, c) or ''}".strip() for k, c in STATUS_COLOUR.items()}
        for n in self.notes:
            status = STATUS_LABEL.get(n.status, n.status)
            marks = ("⚑" if n.flagged else " ") + ("✎" if n.note.strip() else " ")
            table.add_row(
                Text(one_line(f"{n.article_title or '(untitled)'} · {n.article_source or '?'}", w["article"]),
                     no_wrap=True),
                Text(one_line(n.sentence_text, w["sentence"]), no_wrap=True),
                Text.assemble((marks + " ", "bold"), one_line(n.note, w["note"] - 3, breaks=True), no_wrap=True),
                Text(local_time(n.updated), no_wrap=True),
                Text(status, style=status_style.get(n.status, ""), no_wrap=True),
                key=str(n.id),
            )
        if current is not None:
            for i, n in enumerate(self.notes):
                if n.id == current.id:
                    table.move_cursor(row=i, animate=False)
                    break
        self._show_title()
        self._show_detail()

    def _show_title(self) -> None:
        if self.filter is None:
            where = Content.styled("all articles", "bold")
        else:
            a = self._titles.get(self.filter)
            where = Content.assemble(
                (a.title if a and a.title else "(untitled)", "bold"), " · ", (a.source if a else "", "dim")
            )
        count = len(self.notes)
        self.query_one("#notes-title", Static).update(
            Content.assemble(
                ("Flags and notes", "bold"), ("  │  ", "dim"), where,
                ("  │  ", "dim"), f"{count} {'entry' if count == 1 else 'entries'}",
                ("    f: filter by article", "dim"),
            )
        )

    @property
    def current(self) -> Note | None:
        if not self.notes or not self.is_mounted:
            return None
        row = self.table.cursor_row
        return self.notes[row] if 0 <= row < len(self.notes) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        n = self.current
        detail = self.query_one("#notes-detail", Static)
        if n is None:
            detail.update(
                Content.assemble(
                    "No flags or notes", " for this article" if self.filter else "", " yet.\n",
                    ("In the comparison, space flags the sentence under the cursor and a writes a note on it.",
                     "dim"),
                )
            )
            return
        parts: list[str | tuple[str, str] | Content] = [
            (n.article_title or "(untitled)", "bold"), (" · ", "dim"), (n.article_source or "unknown source", "dim"),
            ("  │  ", "dim"), ("⚑ flagged" if n.flagged else "not flagged", "bold" if n.flagged else "dim"),
            ("  │  ", "dim"), local_time(n.updated),
            *((("  (created ", "dim"), local_time(n.created), (")", "dim")) if local_time(n.created) != local_time(n.updated) else ()),
            "\n",
        ]
        if n.status == "orphaned":
            parts += [("The sentence is no longer in the article. It read:", "bold $error"), "\n"]
        elif n.status == "changed":
            parts += [("The sentence was reworded (c accepts the new wording). It read:", "bold $warning"), "\n",
                      (n.original_text or "", "italic"), "\n", ("Now:", "bold $warning"), "\n"]
        parts += [(n.sentence_text, "italic"), "\n\n"]
        parts += [n.note if n.note.strip() else ("(no note: flag only; e writes one)", "dim")]
        detail.update(Content.assemble(*parts))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_jump()

    # ------------------------------------------------------------ actions
    def _article_for(self, n: Note) -> Article | None:
        from reader.notes.store import article_key

        for a in self.reader.articles:
            if article_key(a.path) == n.article_path:
                # A listed article not read yet is loaded first: re-anchoring notes on
                # an empty stub would mark them orphaned.
                return self.reader.load_now(a)
        return None

    def action_jump(self) -> None:
        n = self.current
        if n is None:
            return
        if n.status == "orphaned":
            self.notify("That sentence is no longer in the article: nothing to go to.", markup=False, timeout=4)
            return
        article = self._article_for(n)
        if article is None:
            self.notify(f"That article is not open in this session: {display_path(n.article_path)}", markup=False, timeout=6)
            return
        notes = self.reader.notes.notes_for(article)  # re-anchors: the id may have moved
        sid = next((s for s, m in notes.items() if m.id == n.id), None)
        if sid is None:
            self.notify("That sentence is no longer in the article: nothing to go to.", markup=False, timeout=4)
            self.reload()
            return
        self.app.pop_screen()
        self.reader.jump_to(article, sid)

    def action_edit(self) -> None:
        n = self.current
        if n is None:
            return
        from reader.tui.screens.note_editor import NoteEditor

        notes = self.reader.notes
        note_id = n.id

        def save(text: str) -> None:
            try:
                notes.store.update(note_id, note=text)
            finally:
                notes.invalidate()
                self.reader.notes_changed()

        self.app.push_screen(NoteEditor(n.article_title, n.article_source, n.sentence_text, n.note, save))

    def action_delete(self) -> None:
        n = self.current
        if n is None:
            return
        what = "flag and note" if n.flagged and n.note.strip() else "flag" if n.flagged else "note"
        message = Content.assemble(
            (f"Delete this {what}?", "bold"), "\n\n", (one_line(n.sentence_text, 300), "italic"),
            *(("\n\n", one_line(n.note, 300, breaks=True)) if n.note.strip() else ()),
        )
        note_id = n.id

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            from reader.notes.store import NotesError

            try:
                self.reader.notes.store.delete(note_id)
            except NotesError as exc:
                self.notify(str(exc), markup=False, severity="error", timeout=10)
            self.reader.notes.invalidate()
            self.reader.notes_changed()

        self.app.push_screen(ConfirmScreen(message), answered)

    def action_filter(self) -> None:
        paths = [None, *self._titles]
        i = paths.index(self.filter) if self.filter in paths else 0
        self.filter = paths[(i + 1) % len(paths)]
        self.reload()
        self.table.move_cursor(row=0, animate=False)

    def action_accept_change(self) -> None:
        n = self.current
        if n is None or n.status != "changed":
            self.notify("Only a note whose sentence was reworded has a change to accept.", markup=False, timeout=3)
            return
        from reader.notes.store import NotesError

        try:
            self.reader.notes.store.accept_change(n.id)
        except NotesError as exc:
            self.notify(str(exc), markup=False, severity="error", timeout=10)
        self.reader.notes.invalidate()
        self.reader.notes_changed()

    def action_export(self, kind: str) -> None:
        """Ask where to (the current folder, a new file name, by default), then write there."""
        from reader.tui.screens.prompt import PathPrompt

        label = "Markdown" if kind == "md" else "JSON"
        default = os.path.join(os.getcwd(), free_name(os.getcwd(), export_name(kind)))

        def chosen(path: str | None) -> None:
            if path:
                self.notify("Exporting notes…", markup=False, timeout=2)
                self._export(kind, os.path.abspath(os.path.expanduser(path)))

        self.app.push_screen(PathPrompt(f"Export the notes as {label} to:", default, "Export"), chosen)

    def action_import_notes(self) -> None:
        """Ask which JSON export to merge in (the newest in the current folder by default)."""
        from reader.tui.screens.prompt import PathPrompt

        cwd = os.getcwd()
        exports = sorted((e for e in os.scandir(cwd) if e.name.startswith("reader-notes-") and e.name.endswith(".json")),
                         key=lambda e: e.stat().st_mtime) if os.path.isdir(cwd) else []
        default = exports[-1].path if exports else cwd + os.sep

        def chosen(path: str | None) -> None:
            if path:
                self._import(os.path.abspath(os.path.expanduser(path)))

        self.app.push_screen(PathPrompt("Import notes from a JSON export:", default, "Import"), chosen)

    @work(thread=True, exclusive=True, group="export")
    def _import(self, path: str) -> None:
        from reader.notes.store import NotesError

        try:
            result = self.reader.notes.store.import_export(path)
        except NotesError as exc:
            self.app.call_from_thread(self.notify, one_line(f"Import failed: {exc}", 300), markup=False,
                                      severity="error", timeout=10)
            return
        self.reader.notes.invalidate()
        self.app.call_from_thread(self.reader.notes_changed)
        self.app.call_from_thread(self.notify, one_line(f"Imported {path}: {result.summary()}", 400), markup=False,
                                  title="Notes imported", timeout=12)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, kind: str, target: str | None = None) -> None:
        """Markdown (with matching sentences from the loaded articles: comparisons, so off
        the UI thread) or JSON, to ``target`` (never over an existing file) or, without one, the
        current directory or, failing that, the data folder."""
        from reader.notes.export import to_markdown
        from reader.notes.store import NotesError, data_dir

        store = self.reader.notes.store
        try:
            corrections = 0
            if kind == "json":
                text = store.export_json()
                count = len(store.all_notes())
                import json

                corrections = len(json.loads(text).get("corrections") or [])
            else:
                notes = store.all_notes()
                count = len(notes)
                text = to_markdown(notes, [a for a in self.reader.articles if self.reader.is_loaded(a)])
            dirs = [os.getcwd()]
            if store.path is not None:
                dirs.append(str(store.path.parent))
            else:
                try:
                    dirs.append(str(data_dir()))
                except Exception:  # noqa: BLE001
                    pass
            import tempfile

            dirs.append(tempfile.gettempdir())
            if target is not None:
                path = write_to(text, target)
            else:
                path = write_export(text, kind, dirs)
        except (NotesError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, f"Export failed: {exc}", markup=False, severity="error", timeout=10
            )
            return
        label = "Markdown" if kind == "md" else "JSON"
        extra = f" and {corrections} correction{'' if corrections == 1 else 's'}" if corrections else ""
        self.app.call_from_thread(
            self.notify, f"Exported {count} {'entry' if count == 1 else 'entries'}{extra} as {label} to {path}",
            markup=False, title="Notes exported", timeout=15,
        )

    def action_close(self) -> None:
        self.app.pop_screen()
