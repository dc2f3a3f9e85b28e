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

import hashlib
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

from reader.corpus.model import Article, Sentence
from reader.corpus.sanitize import clean_line, display_path, json_safe, no_surrogates, sanitize
from reader.notes.anchor import Anchor, Status, anchor_of, reanchor

DB_NAME = "notes.sqlite3"
ENV_DIR = "READER_DATA_DIR"
APP_ID = 0x52444E54  # "RDNT": marks a reader notes database
BUSY_TIMEOUT_MS = 5000
EXPORT_FORMAT = "reader-notes"
EXPORT_VERSION = 1
MAX_NOTE_CHARS = 100_000

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
    added: int
    updated: int
    unchanged: int
    merged: int


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
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("reader"))


def now() -> str:
    """The current UTC time, ISO 8601 with milliseconds (sorts as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def content_hash(article: Article) -> str:
    """sha256 of the article's sanitised text: its identity whatever its path."""
    return hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()


def _is_url(path: str) -> bool:
    return path[:8].lower().startswith(("http://", "https://"))


def article_key(path: str) -> str:
    """The path a note stores: absolute for files (``FILE#N`` records too), URLs as given."""
    if not path or _is_url(path):
        return _clean_path(path)
    return _clean_path(os.path.abspath(os.path.expanduser(path)))


def _clean_path(path: str) -> str:
    """A path as the database can hold it: lone surrogates (an undecodable file name)
    become U+FFFD, since SQLite cannot store them; nothing else changes."""
    return no_surrogates(path)


def _exists(path: str) -> bool:
    if _is_url(path):
        return True  # cannot tell; never treat a URL as moved away
    if os.path.exists(path):
        return True
    head, sep, _ = path.rpartition("#")
    return bool(sep) and os.path.exists(head)


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
        return cls(conn, path, persistent=True, warning=warning)

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

    # ------------------------------------------------------------ export / import
    def export_json(self) -> str:
        """Every note, with everything :meth:`import_json` needs to recreate it."""
        notes = []
        for n in self.all_notes():
            d = asdict(n)
            d.pop("id")
            notes.append(d)
        doc = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported": now(), "notes": notes}
        return json_safe(json.dumps(doc, ensure_ascii=False, indent=2))

    def import_json(self, text: str) -> ImportResult:
        """Add the notes of an :meth:`export_json` document.

        A note already here (same ``uid``) takes the imported version when that one was
        updated later. An imported note on a sentence that already carries another note
        is merged into it (flag kept, texts joined): nothing is lost. Raises NotesError
        for a document that is not a reader notes export.
        """
        try:
            doc = json.loads(text)
        except ValueError as exc:
            raise NotesError(f"not a notes export: {_describe(exc)}") from None
        if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT or not isinstance(doc.get("notes"), list):
            raise NotesError("not a reader notes export")
        if not isinstance(doc.get("version"), int) or doc["version"] > EXPORT_VERSION:
            raise NotesError("this notes export was written by a newer reader")
        items = [_validate(i, d) for i, d in enumerate(doc["notes"])]
        added = updated = unchanged = merged = 0
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
                        conn.execute(
                            "UPDATE notes SET flagged = ?, note = ?, updated = ? WHERE id = ?",
                            (int(bool(same[1]) or d["flagged"]), text_, now(), same[0]),
                        )
                        merged += 1
                        continue
                conn.execute(insert, [d[c] for c in cols])
                added += 1
        return ImportResult(added, updated, unchanged, merged)


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
