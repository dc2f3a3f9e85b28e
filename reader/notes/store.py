"""Flags and notes on sentences, kept in an SQLite database that survives everything.

No textual here: the TUI and ``reader notes`` both sit on this API.

Where
    ``notes.sqlite3`` in ``platformdirs.user_data_dir("reader")``; the environment
    variable ``READER_DATA_DIR`` overrides the directory (tests, or notes kept with a
    project). ``NoteStore.open(directory)`` takes an explicit directory too.

Durability and concurrency
    WAL journal, ``synchronous=FULL``, a 5 s busy timeout and one short ``BEGIN IMMEDIATE``
    transaction per change: every add/update/delete is committed before the call returns,
    two reader processes writing at once lose nothing, and a process killed with SIGKILL
    loses at most the change it had not yet made. ``PRAGMA user_version`` versions the
    schema; :data:`MIGRATIONS` lists the steps (append new ones, never edit old ones);
    ``PRAGMA application_id`` marks the file as ours.

Faults (``NoteStore.open`` never raises)
    * A corrupt file, or someone else's (not SQLite, or SQLite with a foreign
      ``application_id`` / foreign tables): moved aside to ``notes.sqlite3.corrupt-<UTC
      time>``, a fresh store is created, and ``store.warning`` names both paths.
    * A data directory that is missing and cannot be created, read-only, or a database
      written by a newer reader: the store runs **in memory** for the session
      (``store.persistent`` is False, ``store.warning`` says ``notes are not saved: <why>``).
      Everything works as usual; notes already on disk are shown when they can be read.
    * A write that fails later (disk full, ...) raises :class:`NotesError` with a one-line
      message; the caller keeps what the user typed and shows the message.

API (all methods are thread-safe; ``article``/``sentence`` are corpus model objects)::

    store = NoteStore.open(directory=None)      # .persistent, .path, .warning
    store.get_for_article(article) -> dict[int, Note]   # sentence id -> note (re-anchors first)
    store.note_for(article, sentence) -> Note | None
    store.add_or_update(article, sentence, *, flagged=None, note=None) -> Note | None
    store.set_flag(article, sentence, flagged) -> Note | None
    store.toggle_flag(article, sentence) -> bool          # the new flag state
    store.set_note(article, sentence, text) -> Note | None
    store.update(note_id, *, flagged=None, note=None) -> Note | None   # from the notes screen
    store.accept_change(note_id) -> Note | None           # 'changed' -> 'ok', forget original
    store.get(note_id) -> Note | None
    store.delete(note_id) -> bool
    store.all_notes(article_path=None) -> list[Note]      # every note, orphans included
    store.articles() -> list[ArticleSummary]              # for the "filter by article" choice
    store.reanchor(article) -> list[Note]                 # the notes that moved or changed
    store.export_json() -> str ; store.import_json(text) -> ImportResult
    store.import_export(path) -> ImportResult   # a JSON export file: NotesError (one line) if bad
    store.add_correction(left, right, left_ids, right_ids, action) -> None   # link|unlink|not_same
    store.remove_corrections(left, right, left_ids, right_ids) -> int
    store.corrections_for(left, right) -> list[Correction]   # in that orientation, either order stored
    store.all_corrections() -> list[StoredCorrection]        # every one, for exports
    store.revision() -> int   # changes when any process commits: poll to refresh a list
    store.close()

A flag and a note on one sentence are one record. A record that is neither flagged nor
carries note text is deleted (unflagging a bare flag removes it). Note text is kept as
typed, sanitised like article text (line breaks and tabs kept; other control, bidi and
format characters dropped; lone surrogates become U+FFFD). Everything a note holds is
sanitised again when read (a database or an import written before, or by hand, may hold
anything): titles, sources and time stamps are one safe line, texts safe multi-line text.
Only ``article_path`` stays the real path (the key that finds the file); show it with
:func:`reader.corpus.errors.display_path`, and JSON exports escape what a terminal would
act on.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader.corpus.formats import is_url, resolve_record_ref
from reader.corpus.model import Article, Sentence
from reader.corpus.sanitize import clean_line, display_path, json_safe, no_surrogates, sanitize
from reader.engine.corrections import ACTIONS, Correction
from reader.notes.anchor import Anchor, Status, anchor_of, reanchor
import reader.notes.lookup as lookup  # (not "from reader.notes import": no edge to the package)
from reader.notes.lookup import StoredCorrection

DB_NAME = lookup.DB_NAME  # "notes.sqlite3"
ENV_DIR = lookup.ENV_DIR  # "READER_DATA_DIR"
APP_ID = 0x52444E54  # "RDNT": marks a reader notes database
BUSY_TIMEOUT_MS = 5000
EXPORT_FORMAT = "reader-notes"
EXPORT_VERSION = 1
MAX_NOTE_CHARS = 100_000
MAX_IMPORT_BYTES = 200_000_000

_SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
OPEN_PATIENCE_S = 10.0

# Each entry upgrades the schema by one version; user_version = len(MIGRATIONS) after.
MIGRATIONS: list[list[str]] = [
    # v1: the notes table
    [
        """CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            article_path TEXT NOT NULL,
            article_hash TEXT NOT NULL,
            article_title TEXT NOT NULL DEFAULT '',
            article_source TEXT NOT NULL DEFAULT '',
            sentence_text TEXT NOT NULL,
            context_before TEXT NOT NULL DEFAULT '',
            context_after TEXT NOT NULL DEFAULT '',
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            sentence_id INTEGER NOT NULL,
            flagged INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'changed', 'orphaned')),
            original_text TEXT
        )""",
        "CREATE INDEX notes_by_path ON notes(article_path)",
        "CREATE INDEX notes_by_hash ON notes(article_hash)",
    ],
    # v2: a stable identity per note, for export/import across machines
    [
        "ALTER TABLE notes ADD COLUMN uid TEXT",
        "UPDATE notes SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL",
        "CREATE UNIQUE INDEX notes_by_uid ON notes(uid)",
    ],
    # v3: the user's corrections of the engine's links (reader.notes.lookup reads them too)
    [
        """CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            action TEXT NOT NULL CHECK (action IN ('link', 'unlink', 'not_same')),
            left_path TEXT NOT NULL,
            left_hash TEXT NOT NULL,
            left_title TEXT NOT NULL DEFAULT '',
            left_source TEXT NOT NULL DEFAULT '',
            left_sentences TEXT NOT NULL,
            right_path TEXT NOT NULL,
            right_hash TEXT NOT NULL,
            right_title TEXT NOT NULL DEFAULT '',
            right_source TEXT NOT NULL DEFAULT '',
            right_sentences TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )""",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)


class NotesError(Exception):
    """A note could not be read or saved; ``str(err)`` is a one-line message."""


@dataclass(slots=True)
class Note:
    """One flag and/or note on a sentence, with the anchor that finds the sentence again.

    ``sentence_id``/``start``/``end`` refer to the article as last anchored (the hash
    ``article_hash``). ``status``: ``ok``; ``changed`` (the sentence was reworded: its new
    text is ``sentence_text``, the old one ``original_text``); ``orphaned`` (the sentence
    is gone; the note keeps the last text it was attached to).
    """

    id: int
    uid: str
    article_path: str
    article_hash: str
    article_title: str
    article_source: str
    sentence_text: str
    context_before: str
    context_after: str
    start: int
    end: int
    sentence_id: int
    flagged: bool
    note: str
    created: str
    updated: str
    status: Status
    original_text: str | None

    @property
    def anchor(self) -> Anchor:
        return Anchor(
            self.sentence_text, self.context_before, self.context_after, self.start, self.end,
            self.sentence_id, self.original_text,
        )


@dataclass(slots=True, frozen=True)
class ArticleSummary:
    path: str
    title: str
    source: str
    count: int


@dataclass(slots=True, frozen=True)
class ImportResult:
    """What an import did. Notes: ``added``, ``updated`` (a newer version of one here),
    ``unchanged`` (already here), ``merged`` (joined to another note on the same sentence).
    Corrections: ``corrections_added``, ``corrections_unchanged`` (already here). ``not_found``:
    added notes and corrections whose article is not at its path on this machine (kept: they
    attach when an article with the same text is opened)."""

    added: int
    updated: int
    unchanged: int
    merged: int
    corrections_added: int = 0
    corrections_unchanged: int = 0
    not_found: int = 0

    def summary(self) -> str:
        """One line for the user: "2 notes added, 1 already here; 1 correction added"."""
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        notes = [n(self.added, "note added", "notes added")]
        if self.updated:
            notes.append(f"{self.updated} updated")
        if self.merged:
            notes.append(f"{self.merged} merged into a note on the same sentence")
        if self.unchanged:
            notes.append(f"{self.unchanged} already here")
        parts = [", ".join(notes)]
        corr = [n(self.corrections_added, "correction added", "corrections added")]
        if self.corrections_unchanged:
            corr.append(f"{self.corrections_unchanged} already here")
        parts.append(", ".join(corr))
        if self.not_found:
            parts.append(f"{n(self.not_found, 'refers', 'refer')} to an article not found here "
                         "(kept: attached when an article with the same text is opened)")
        return "; ".join(parts)


_COLUMNS = [f.name for f in fields(Note)]
_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in _COLUMNS) + " FROM notes"


# How each text column is cleaned when read or imported: one line, multi-line text, or a
# path (the real path: only what no file system or database can hold is replaced).
_LINE_FIELDS = ("uid", "article_hash", "article_title", "article_source", "created", "updated", "status")
_TEXT_FIELDS = ("sentence_text", "context_before", "context_after", "note", "original_text")


def _clean_fields(d: dict[str, Any]) -> dict[str, Any]:
    for name in _LINE_FIELDS:
        if isinstance(d.get(name), str):
            d[name] = clean_line(d[name])
    for name in _TEXT_FIELDS:
        if isinstance(d.get(name), str):
            d[name] = _clean(d[name])
    if isinstance(d.get("article_path"), str):
        d["article_path"] = _clean_path(d["article_path"])
    return d


def _row_to_note(row: tuple) -> Note:
    d = _clean_fields(dict(zip(_COLUMNS, row)))
    d["flagged"] = bool(d["flagged"])
    return Note(**d)


# ------------------------------------------------------------------ helpers
def data_dir() -> Path:
    """The notes directory: ``$READER_DATA_DIR`` or ``platformdirs.user_data_dir("reader")``."""
    from reader.resources import user_dir

    return user_dir("data", ENV_DIR)


def now() -> str:
    """The current UTC time, ISO 8601 with milliseconds (sorts as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# An article's identity in the database (``article_key``: the path a note stores, absolute for
# files, ``FILE#N`` records too, URLs as given; ``content_hash``: sha256 of its sanitised text)
# is defined once, in reader.notes.lookup, which reader compare reads without this module.
article_key = lookup.article_key
content_hash = lookup.content_hash


def _clean_path(path: str) -> str:
    """A path as the database can hold it: lone surrogates (an undecodable file name)
    become U+FFFD, since SQLite cannot store them; nothing else changes."""
    return no_surrogates(path)


def _exists(path: str) -> bool:
    if is_url(path):
        return True  # cannot tell; never treat a URL as moved away
    return os.path.exists(path) or os.path.exists(resolve_record_ref(path)[0])


def _clean(text: str) -> str:
    """Note (or sentence) text as kept: :func:`reader.corpus.sanitize.sanitize`."""
    return sanitize(no_surrogates(str(text)))


def _one_line(text: str, limit: int = 300) -> str:
    from reader.corpus.errors import one_line

    return one_line(text, limit)


class _Unusable(Exception):
    """The database file is not ours or is damaged: move it aside."""


class _Newer(Exception):
    """A newer reader wrote this database: leave it alone."""


def _is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    msg = str(exc).lower()
    return "not a database" in msg or "malformed" in msg


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return _one_line(str(exc), 200) or type(exc).__name__


# ------------------------------------------------------------------ opening
def _connect(path: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False, uri=uri
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def _check_ours(conn: sqlite3.Connection) -> int:
    """The schema version; raises _Unusable for a foreign or damaged database.

    The three reads are one snapshot (a read transaction): read one by one, another process
    creating the store could commit in between, and its fresh tables would look like a foreign
    database without our id — which would then be moved aside with that process's notes.
    """
    own = not conn.in_transaction
    try:
        if own:
            conn.execute("BEGIN")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        finally:
            if own and conn.in_transaction:
                conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            raise _Unusable("damaged") from None
        raise
    if app_id not in (0, APP_ID) or (app_id == 0 and tables):
        raise _Unusable("not a reader notes database")
    if app_id == APP_ID and "notes" not in tables and version > 0:
        raise _Unusable("its notes table is missing")
    return version


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``target`` in one transaction; returns the version before."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= target:
        return version
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _check_ours(conn)  # another process may have migrated meanwhile
        for step in range(version, target):
            for sql in MIGRATIONS[step]:
                conn.execute(sql)
        conn.execute(f"PRAGMA application_id={APP_ID}")
        conn.execute(f"PRAGMA user_version={target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return version


def _is_busy(exc: BaseException) -> bool:
    """Another process holds the database for a moment (switching to WAL does not wait for it)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def _open_file(path: Path, patience: float | None = None) -> sqlite3.Connection:
    """Open (creating or migrating) the database; while another process holds it — two readers
    creating the store at once — wait and try again rather than fall back to notes in memory."""
    deadline = time.monotonic() + (OPEN_PATIENCE_S if patience is None else patience)
    pause = 0.01
    while True:
        try:
            return _open_file_once(path)
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _open_file_once(path: Path) -> sqlite3.Connection:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        head = b""
    if head and head != _SQLITE_HEADER:
        raise _Unusable("not an SQLite database")
    conn = _connect(path)
    try:
        version = _check_ours(conn)
        if version > SCHEMA_VERSION:
            raise _Newer(version)
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"cannot use a write-ahead log ({mode})")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(conn)
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _Unusable("damaged")
        return conn
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _is_corruption(exc):
            raise _Unusable("damaged") from None
        raise
    except BaseException:
        conn.close()
        raise


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            try:
                if suffix == "-wal":
                    os.replace(side, target.with_name(target.name + suffix))
                else:
                    side.unlink()
            except OSError:
                pass
    return target


# ------------------------------------------------------------------ the store
class NoteStore:
    """Notes on sentences. Create with :meth:`open` (never raises); see the module doc."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, persistent: bool, warning: str | None):
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.persistent = persistent
        self.warning = warning

    # ------------------------------------------------------------ opening
    @classmethod
    def open(cls, directory: str | os.PathLike[str] | None = None) -> NoteStore:
        """The store in ``directory`` (default :func:`data_dir`). Never raises.

        On trouble the store is usable anyway; ``warning`` holds a one-line message for
        the user and ``persistent`` says whether changes reach the disk.
        """
        try:
            d = Path(directory) if directory is not None else data_dir()
        except Exception as exc:  # noqa: BLE001 - no home directory, odd platform
            return cls.in_memory(f"notes are not saved: no data folder ({_describe(exc)})")
        path = d / DB_NAME
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return cls.in_memory(f"notes are not saved: cannot create {display_path(d)} ({_describe(exc)})")
        warning = None
        try:
            try:
                conn = _open_file(path)
            except _Unusable as why:
                moved = _move_aside(path)
                warning = (
                    f"notes database {display_path(path)} could not be used ({why}); "
                    f"moved it to {display_path(moved)} "
                    "and started a fresh one"
                )
                conn = _open_file(path)
        except _Newer as exc:
            return cls.in_memory(
                f"notes are not saved: {display_path(path)} was written by a newer reader (schema {exc.args[0]})",
                copy_from=path,
            )
        except (sqlite3.Error, OSError, _Unusable) as exc:
            return cls.in_memory(
                f"notes are not saved: cannot write {display_path(path)} ({_describe(exc)})", copy_from=path
            )
        store = cls(conn, path, persistent=True, warning=warning)
        try:  # a database copied or restored with corrections but without its hint file
            if not os.path.exists(f"{path}{lookup.HINT_SUFFIX}") and conn.execute(
                    "SELECT EXISTS (SELECT 1 FROM corrections)").fetchone()[0]:
                lookup.changed(path)
        except sqlite3.Error:
            pass
        return store

    @classmethod
    def in_memory(cls, warning: str | None = None, *, copy_from: Path | None = None) -> NoteStore:
        """A store that lives for this session only; notes in ``copy_from`` are loaded
        (read-only) when that file can be read."""
        conn = _connect(":memory:")
        if copy_from is not None and copy_from.is_file():
            try:
                src = _connect(f"{copy_from.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
                try:
                    version = _check_ours(src)
                    if 0 < version <= SCHEMA_VERSION:
                        src.backup(conn)
                finally:
                    src.close()
            except (sqlite3.Error, OSError, _Unusable, ValueError):
                conn.close()
                conn = _connect(":memory:")
        migrate(conn)
        return cls(conn, None, persistent=False, warning=warning)

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> NoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction, committed on exit."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise NotesError(f"notes could not be saved: {_describe(exc)}") from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if isinstance(exc, sqlite3.Error):
                    raise NotesError(f"notes could not be saved: {_describe(exc)}") from None
                raise

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise NotesError(f"notes could not be read: {_describe(exc)}") from None

    def revision(self) -> int:
        """A number that changes whenever another connection commits (``PRAGMA data_version``)
        plus this store's own changes: poll it to know when to refresh a notes list."""
        with self._lock:
            dv = self._conn.execute("PRAGMA data_version").fetchone()[0]
            return dv * 1_000_003 + self._conn.total_changes

    # ------------------------------------------------------------ reading
    def get(self, note_id: int) -> Note | None:
        rows = self._read(_SELECT + " WHERE id = ?", (note_id,))
        return _row_to_note(rows[0]) if rows else None

    def all_notes(self, article_path: str | None = None) -> list[Note]:
        """Every note (orphans too), by article then position; optionally one article's."""
        order = " ORDER BY article_path, start, id"
        if article_path is None:
            rows = self._read(_SELECT + order)
        else:
            rows = self._read(_SELECT + " WHERE article_path = ?" + order, (article_key(article_path),))
        return [_row_to_note(r) for r in rows]

    def articles(self) -> list[ArticleSummary]:
        """Each article that has notes: path, last known title and source, note count."""
        rows = self._read(
            "SELECT article_path, article_title, article_source, count(*) FROM notes "
            "GROUP BY article_path ORDER BY article_title, article_path"
        )
        return [ArticleSummary(_clean_path(p), clean_line(t), clean_line(s), c) for p, t, s, c in rows]

    def get_for_article(self, article: Article) -> dict[int, Note]:
        """The article's attached notes by sentence id, after re-anchoring them.

        Orphaned notes are not in the dict (they have no sentence); list them with
        ``all_notes(article.path)``.
        """
        self.reanchor(article)
        key, h = article_key(article.path), content_hash(article)
        rows = self._read(
            _SELECT + " WHERE article_path = ? AND article_hash = ? AND status != 'orphaned'", (key, h)
        )
        out: dict[int, Note] = {}
        for r in rows:
            n = _row_to_note(r)
            if 0 <= n.sentence_id < len(article.sentences):
                out.setdefault(n.sentence_id, n)
        return out

    def note_for(self, article: Article, sentence: Sentence) -> Note | None:
        return self.get_for_article(article).get(sentence.id)

    # ------------------------------------------------------------ anchoring
    def _candidates(self, conn: sqlite3.Connection, article: Article, key: str, h: str) -> list[Note]:
        if not key:  # text without a path (pasted): its identity is its content alone
            rows = conn.execute(_SELECT + " WHERE article_path = '' AND article_hash = ?", (h,)).fetchall()
            return [_row_to_note(r) for r in rows]
        rows = conn.execute(_SELECT + " WHERE article_path = ? OR article_hash = ?", (key, h)).fetchall()
        notes = [_row_to_note(r) for r in rows]
        moved_ok: dict[str, bool] = {}
        out = []
        for n in notes:
            if n.article_path != key:
                # same text elsewhere: adopt only when that file is gone (it was moved here)
                if n.article_path not in moved_ok:
                    moved_ok[n.article_path] = not _exists(n.article_path)
                if not moved_ok[n.article_path]:
                    continue
            out.append(n)
        return out

    @staticmethod
    def _settled(n: Note, article: Article, key: str, h: str) -> bool:
        return (
            n.article_path == key
            and n.article_hash == h
            and n.status != "orphaned"
            and 0 <= n.sentence_id < len(article.sentences)
            and article.sentences[n.sentence_id].text == n.sentence_text
        )

    def reanchor(self, article: Article) -> list[Note]:
        """Re-attach this article's notes when its text changed (or it moved here).

        The fast path (nothing changed) is one indexed read. Results are persisted; the
        notes that moved, changed or were orphaned are returned.
        """
        key, h = article_key(article.path), content_hash(article)
        with self._lock:
            try:
                stale = [n for n in self._candidates(self._conn, article, key, h) if not self._settled(n, article, key, h)]
            except sqlite3.Error as exc:
                raise NotesError(f"notes could not be read: {_describe(exc)}") from None
            if not stale:
                return []
            with self._write() as conn:
                notes = self._candidates(conn, article, key, h)
                settled = [n for n in notes if self._settled(n, article, key, h)]
                stale = [n for n in notes if not self._settled(n, article, key, h)]
                if not stale:
                    return []
                taken = {n.sentence_id for n in settled}
                placements = reanchor([n.anchor for n in stale], article, taken)
                touched = []
                for n, p in zip(stale, placements):
                    if p.sentence_id is None:
                        if n.status == "orphaned" and n.article_path == key:
                            continue  # still gone; nothing to write
                        conn.execute(
                            "UPDATE notes SET status = 'orphaned', article_path = ? WHERE id = ?", (key, n.id)
                        )
                        n.status, n.article_path = "orphaned", key
                        touched.append(n)
                        continue
                    s = article.sentences[p.sentence_id]
                    a = anchor_of(article, s)
                    original = n.original_text
                    if p.reverted:
                        original = None
                    elif p.status == "changed" and original is None:
                        original = n.sentence_text
                    conn.execute(
                        "UPDATE notes SET article_path = ?, article_hash = ?, article_title = ?, "
                        "article_source = ?, sentence_text = ?, context_before = ?, context_after = ?, "
                        'start = ?, "end" = ?, sentence_id = ?, status = ?, original_text = ? WHERE id = ?',
                        (key, h, clean_line(article.title), clean_line(article.source), a.text, a.before,
                         a.after, a.start, a.end, a.sentence_id, p.status, original, n.id),
                    )
                    touched.append(n)
                ids = [n.id for n in touched]
            return [x for x in (self.get(i) for i in ids) if x is not None]

    # ------------------------------------------------------------ writing
    def add_or_update(
        self, article: Article, sentence: Sentence, *, flagged: bool | None = None, note: str | None = None
    ) -> Note | None:
        """Set the flag and/or the note text of a sentence (None leaves a field as is).

        Returns the note, or None when it ended up neither flagged nor noted (and so was
        deleted). Committed before returning; raises :class:`NotesError` when it cannot be.
        """
        if note is not None:
            note = _clean(note)[:MAX_NOTE_CHARS]
        self.reanchor(article)
        key, h = article_key(article.path), content_hash(article)
        if not (0 <= sentence.id < len(article.sentences)) or article.sentences[sentence.id].text != sentence.text:
            raise NotesError("that sentence is not part of this article")
        stamp = now()
        with self._write() as conn:
            row = conn.execute(
                "SELECT id, flagged, note FROM notes WHERE article_path = ? AND article_hash = ? "
                "AND sentence_id = ? AND status != 'orphaned' ORDER BY id LIMIT 1",
                (key, h, sentence.id),
            ).fetchone()
            if row is not None:
                nid, old_flag, old_note = row
                new_flag = bool(old_flag) if flagged is None else bool(flagged)
                new_note = old_note if note is None else note
                if not new_flag and not new_note.strip():
                    conn.execute("DELETE FROM notes WHERE id = ?", (nid,))
                    return None
                if new_flag == bool(old_flag) and new_note == old_note:
                    pass
                else:
                    conn.execute(
                        "UPDATE notes SET flagged = ?, note = ?, updated = ?, article_title = ?, "
                        "article_source = ? WHERE id = ?",
                        (int(new_flag), new_note, stamp, clean_line(article.title), clean_line(article.source), nid),
                    )
            else:
                new_flag, new_note = bool(flagged), note or ""
                if not new_flag and not new_note.strip():
                    return None
                a = anchor_of(article, sentence)
                cur = conn.execute(
                    'INSERT INTO notes (uid, article_path, article_hash, article_title, article_source, '
                    'sentence_text, context_before, context_after, start, "end", sentence_id, flagged, note, '
                    "created, updated, status, original_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'ok',NULL)",
                    (uuid.uuid4().hex, key, h, clean_line(article.title), clean_line(article.source), a.text,
                     a.before, a.after, a.start, a.end, a.sentence_id, int(new_flag), new_note, stamp, stamp),
                )
                nid = cur.lastrowid
        return self.get(nid)

    def set_flag(self, article: Article, sentence: Sentence, flagged: bool) -> Note | None:
        return self.add_or_update(article, sentence, flagged=flagged)

    def toggle_flag(self, article: Article, sentence: Sentence) -> bool:
        """Flag an unflagged sentence or unflag a flagged one; returns the new state."""
        current = self.note_for(article, sentence)
        new = not (current is not None and current.flagged)
        self.add_or_update(article, sentence, flagged=new)
        return new

    def set_note(self, article: Article, sentence: Sentence, text: str) -> Note | None:
        return self.add_or_update(article, sentence, note=text)

    def update(self, note_id: int, *, flagged: bool | None = None, note: str | None = None) -> Note | None:
        """Edit a note by id (the notes screen; works for orphans too). A note left neither
        flagged nor noted is deleted and None returned."""
        if note is not None:
            note = _clean(note)[:MAX_NOTE_CHARS]
        with self._write() as conn:
            row = conn.execute("SELECT flagged, note FROM notes WHERE id = ?", (note_id,)).fetchone()
            if row is None:
                return None
            new_flag = bool(row[0]) if flagged is None else bool(flagged)
            new_note = row[1] if note is None else note
            if not new_flag and not new_note.strip():
                conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
                return None
            if (new_flag, new_note) != (bool(row[0]), row[1]):
                conn.execute(
                    "UPDATE notes SET flagged = ?, note = ?, updated = ? WHERE id = ?",
                    (int(new_flag), new_note, now(), note_id),
                )
        return self.get(note_id)

    def accept_change(self, note_id: int) -> Note | None:
        """The reader has seen that the sentence changed: status back to ``ok``."""
        with self._write() as conn:
            conn.execute(
                "UPDATE notes SET status = 'ok', original_text = NULL WHERE id = ? AND status = 'changed'",
                (note_id,),
            )
        return self.get(note_id)

    def delete(self, note_id: int) -> bool:
        with self._write() as conn:
            return conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount > 0

    # ------------------------------------------------------------ corrections
    # The user's word on the engine's links between two articles (reader.engine.corrections).
    # Anchored like notes (reader.notes.lookup says how), committed at once, never moved.
    def add_correction(self, left: Article, right: Article, left_ids: list[int], right_ids: list[int],
                       action: str) -> None:
        """Say that sentences ``left_ids`` of ``left`` and ``right_ids`` of ``right`` are the same
        (``"link"``), that their link is wrong (``"unlink"``) or that they are not the same
        (``"not_same"``). Replaces the pair's earlier corrections of any of these sentence pairs
        (the latest word wins); the same correction again changes nothing. Committed before
        returning; NotesError for an unknown action, no sentence or one the article lacks."""
        if action not in ACTIONS:
            raise NotesError(f"unknown correction {action!r} (link, unlink or not_same)")
        ls, rs = _sentence_ids(left, left_ids), _sentence_ids(right, right_ids)
        new = Correction(ls, rs, action)
        stamp = now()
        with self._write() as conn:
            existing = lookup.placed(lookup.read_rows(conn), left, right)
            if any(c == new for _, c in existing):
                return
            for row, c in existing:
                if c.pairs() & new.pairs():
                    conn.execute("DELETE FROM corrections WHERE id = ?", (row.id,))
            self._insert_correction(conn, StoredCorrection(
                0, uuid.uuid4().hex, action, _side(left, ls), _side(right, rs), stamp, stamp))
        lookup.changed(self.path)

    def remove_corrections(self, left: Article, right: Article, left_ids: list[int], right_ids: list[int]) -> int:
        """Forget the pair's corrections between any of ``left_ids`` and any of ``right_ids``
        (an empty list: any sentence of that side; both empty: all the pair's). Returns how
        many were removed; committed before returning."""
        want_l, want_r = set(left_ids), set(right_ids)
        removed = 0
        with self._write() as conn:
            for row, c in lookup.placed(lookup.read_rows(conn), left, right):
                if (not want_l or want_l & set(c.left_ids)) and (not want_r or want_r & set(c.right_ids)):
                    removed += conn.execute("DELETE FROM corrections WHERE id = ?", (row.id,)).rowcount
        if removed:
            lookup.changed(self.path)
        return removed

    def corrections_for(self, left: Article, right: Article) -> list[Correction]:
        """The corrections of this pair (stored in either order), in this orientation, oldest
        first; those with a sentence that cannot be found again are left out (and kept)."""
        return [c for _, c in lookup.placed(self.all_corrections(), left, right)]

    def all_corrections(self) -> list[StoredCorrection]:
        """Every stored correction, oldest first (as stored: paths, hashes, anchors)."""
        with self._lock:
            try:
                return lookup.read_rows(self._conn)
            except sqlite3.Error as exc:
                raise NotesError(f"corrections could not be read: {_describe(exc)}") from None

    @staticmethod
    def _insert_correction(conn: sqlite3.Connection, x: StoredCorrection) -> None:
        conn.execute(
            "INSERT INTO corrections (" + ", ".join(lookup.CORRECTION_COLUMNS[1:]) + ") "
            "VALUES (" + ", ".join("?" * (len(lookup.CORRECTION_COLUMNS) - 1)) + ")",
            (x.uid, x.action, x.left.path, x.left.hash, x.left.title, x.left.source, x.left.anchors_json(),
             x.right.path, x.right.hash, x.right.title, x.right.source, x.right.anchors_json(), x.created, x.updated),
        )

    # ------------------------------------------------------------ export / import
    def export_json(self) -> str:
        """Every note, with everything :meth:`import_json` needs to recreate it."""
        notes = []
        for n in self.all_notes():
            d = asdict(n)
            d.pop("id")
            notes.append(d)
        doc = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported": now(), "notes": notes,
               "corrections": [x.as_dict() for x in self.all_corrections()]}
        return json_safe(json.dumps(doc, ensure_ascii=False, indent=2))

    def import_export(self, path: str | os.PathLike[str]) -> ImportResult:
        """Merge the export file at ``path`` (:meth:`import_json`); what the TUI and ``reader notes
        import`` call. Raises NotesError with one line naming the file when it cannot be read or
        is not a reader notes export; then nothing is imported."""
        from reader.corpus.errors import LoadError, read_user_file

        name = display_path(os.fspath(path))
        try:
            data = read_user_file(os.fspath(path), name, "a notes export", MAX_IMPORT_BYTES)
        except LoadError as exc:
            raise NotesError(str(exc)) from None
        if len(data) > MAX_IMPORT_BYTES:
            raise NotesError(f"{name}: over {MAX_IMPORT_BYTES // 1_000_000} MB, not a notes export")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise NotesError(f"{name}: not a notes export (not UTF-8 text)") from None
        try:
            return self.import_json(text)
        except NotesError as exc:
            raise NotesError(f"{name}: {exc}") from None

    def import_json(self, text: str) -> ImportResult:
        """Add the notes of an :meth:`export_json` document.

        A note already here (same ``uid``) takes the imported version when that one was
        updated later. An imported note on a sentence that already carries another note
        is merged into it (flag kept, texts joined): nothing is lost. Corrections are added
        unless one with the same ``uid``, or the same correction of the same sentences, is
        here. Importing a document twice adds nothing. Raises NotesError (and imports
        nothing) for a document that is not a reader notes export.
        """
        try:
            doc = json.loads(text)
        except ValueError:
            raise NotesError("not a notes export (the file is not JSON)") from None
        if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT or not isinstance(doc.get("notes"), list):
            raise NotesError("not a reader notes export")
        if not isinstance(doc.get("version"), int) or doc["version"] > EXPORT_VERSION:
            raise NotesError("this notes export was written by a newer reader")
        items = [_validate(i, d) for i, d in enumerate(doc["notes"])]
        corrections = doc.get("corrections", [])
        if not isinstance(corrections, list):
            raise NotesError("notes export: 'corrections' is not a list")
        fixes = [_validate_correction(i, d) for i, d in enumerate(corrections)]
        added = updated = unchanged = merged = not_found = 0
        cols = [c for c in _COLUMNS if c != "id"]
        insert = (
            "INSERT INTO notes (" + ", ".join(f'"{c}"' for c in cols) + ") VALUES (" + ", ".join("?" * len(cols)) + ")"
        )
        with self._write() as conn:
            for d in items:
                row = conn.execute("SELECT id, updated FROM notes WHERE uid = ?", (d["uid"],)).fetchone()
                if row is not None:
                    if d["updated"] > row[1]:
                        sets = ", ".join(f'"{c}" = ?' for c in cols)
                        conn.execute(f"UPDATE notes SET {sets} WHERE id = ?", (*[d[c] for c in cols], row[0]))
                        updated += 1
                    else:
                        unchanged += 1
                    continue
                if d["status"] != "orphaned":
                    same = conn.execute(
                        "SELECT id, flagged, note FROM notes WHERE article_path = ? AND article_hash = ? "
                        "AND sentence_id = ? AND status != 'orphaned' LIMIT 1",
                        (d["article_path"], d["article_hash"], d["sentence_id"]),
                    ).fetchone()
                    if same is not None:
                        text_ = same[2]
                        if d["note"] and d["note"] not in text_:
                            text_ = f"{text_}\n\n{d['note']}" if text_ else d["note"]
                        if text_ == same[2] and (bool(same[1]) or not d["flagged"]):
                            unchanged += 1  # merged before: importing again changes nothing
                            continue
                        conn.execute(
                            "UPDATE notes SET flagged = ?, note = ?, updated = ? WHERE id = ?",
                            (int(bool(same[1]) or d["flagged"]), text_, now(), same[0]),
                        )
                        merged += 1
                        continue
                conn.execute(insert, [d[c] for c in cols])
                added += 1
                not_found += not _exists(d["article_path"])
            fixes_added = fixes_unchanged = 0
            if fixes:
                here = lookup.read_rows(conn)
                uids = {x.uid for x in here}
                same = {_correction_identity(x) for x in here}
                for x in fixes:
                    if x.uid in uids or _correction_identity(x) in same:
                        fixes_unchanged += 1
                        continue
                    self._insert_correction(conn, x)
                    uids.add(x.uid)
                    same.add(_correction_identity(x))
                    fixes_added += 1
                    not_found += not (_exists(x.left.path) and _exists(x.right.path))
        if fixes_added:
            lookup.changed(self.path)
        return ImportResult(added, updated, unchanged, merged, fixes_added, fixes_unchanged, not_found)


_TYPES: dict[str, tuple[type, ...]] = {
    "uid": (str,), "article_path": (str,), "article_hash": (str,), "article_title": (str,),
    "article_source": (str,), "sentence_text": (str,), "context_before": (str,), "context_after": (str,),
    "start": (int,), "end": (int,), "sentence_id": (int,), "flagged": (bool,), "note": (str,),
    "created": (str,), "updated": (str,), "status": (str,), "original_text": (str, type(None)),
}


def _validate(index: int, d: Any) -> dict[str, Any]:
    if not isinstance(d, dict):
        raise NotesError(f"notes export: item {index + 1} is not an object")
    out: dict[str, Any] = {}
    for name, types in _TYPES.items():
        value = d.get(name)
        if not isinstance(value, types) or (bool in types) != isinstance(value, bool):
            raise NotesError(f"notes export: item {index + 1}: missing or bad {name!r}")
        out[name] = value
    _clean_fields(out)
    out["note"] = out["note"][:MAX_NOTE_CHARS]
    if out["status"] not in ("ok", "changed", "orphaned"):
        raise NotesError(f"notes export: item {index + 1}: bad status")
    if not out["uid"]:
        raise NotesError(f"notes export: item {index + 1}: empty uid")
    return out


def _sentence_ids(article: Article, ids: list[int]) -> list[int]:
    out = sorted(set(ids))
    if not out:
        raise NotesError("a correction needs a sentence on each side")
    if any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(article.sentences) for i in out):
        raise NotesError("that sentence is not part of this article")
    return out


def _side(article: Article, ids: list[int]) -> lookup.Side:
    anchors = [(a.text, a.before, a.after, a.start, a.end, a.sentence_id)
               for a in (anchor_of(article, article.sentences[i]) for i in ids)]
    return lookup.Side(article_key(article.path), content_hash(article), clean_line(article.title),
                       clean_line(article.source), anchors)


def _correction_identity(x: StoredCorrection) -> tuple:
    """The same correction of the same sentences of the same texts, wherever the files are and
    whichever side was stored first."""
    def side(s: lookup.Side) -> tuple:
        return s.hash, tuple(sorted((a[5], a[0]) for a in s.anchors))

    return x.action, frozenset([side(x.left), side(x.right)])


def _validate_correction(index: int, d: Any) -> StoredCorrection:
    where = f"notes export: correction {index + 1}"
    if not isinstance(d, dict):
        raise NotesError(f"{where} is not an object")
    for name in ("uid", "action", "created", "updated"):
        if not isinstance(d.get(name), str) or not d[name]:
            raise NotesError(f"{where}: missing or bad {name!r}")
    if d["action"] not in ACTIONS:
        raise NotesError(f"{where}: bad action")
    sides = []
    for name in ("left", "right"):
        side = d.get(name)
        if not isinstance(side, dict) or not all(isinstance(side.get(k), str) for k in ("path", "hash", "title", "source")):
            raise NotesError(f"{where}: missing or bad {name!r}")
        anchors = lookup.parse_anchors(side.get("sentences"))
        if anchors is None:
            raise NotesError(f"{where}: bad {name} sentences")
        anchors = [(_clean(a[0]), _clean(a[1]), _clean(a[2]), a[3], a[4], a[5]) for a in anchors]
        sides.append(lookup.Side(_clean_path(side["path"]), clean_line(side["hash"]), clean_line(side["title"]),
                                 clean_line(side["source"]), anchors))
    return StoredCorrection(0, clean_line(d["uid"]), d["action"], sides[0], sides[1], clean_line(d["created"]),
                            clean_line(d["updated"]))
