"""The notes database as ``reader compare`` and the story layer read it: cheaply, read-only.

``reader compare`` is timed against difflib (``benchmarks/bench_cli.py``), and the TUI's first
paint waits for nothing it can avoid, so this module imports neither the store
(:mod:`reader.notes.store`: sqlite3 with migrations, dataclasses, uuid, ...) nor platformdirs:

* :func:`notes_dir` — the folder of ``notes.sqlite3`` (``$READER_DATA_DIR``, else
  ``platformdirs.user_data_dir("reader")``, worked out without platformdirs on Linux);
* :func:`article_key`, :func:`content_hash` — an article's identity in the notes database;
* :class:`StoredCorrections` — the user's corrections of a pair, read from the database only
  when corrections were ever written to it (sqlite3 is imported then, never before: importing
  it alone costs ~4 ms, 5% of a ``reader compare``), re-read only when the file changes (a few
  ``stat`` calls tell), so asking for every pair of a story costs nothing more;
* the stored form of a correction (:class:`StoredCorrection`) and :func:`placed`, which puts
  stored corrections on the articles as they are now — shared with the store.

**Anchoring a correction.** Each side keeps its article's path (:func:`article_key`), content
hash, and for each of its sentences the anchor a note keeps (exact text, ~80 characters of
text before and after, offsets; :mod:`reader.notes.anchor`). A side belongs to an article
opened at the same path, or to one with the same content anywhere (a copy, a moved file, the
same article on another machine after ``reader notes import``). When the sentences still
stand where they stood, that is all; when the article changed, each sentence is found again
as a note is (exact text, then a strict fuzzy match in context) — nothing is written back, so
each later edit is measured against the text the user corrected. A correction with a
sentence that cannot be found is left out (kept in the store, and found again if the text
comes back): a link is never moved to a sentence that may be the wrong one.
"""

from __future__ import annotations

import json
import os

from reader.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.engine.corrections import Correction

DB_NAME = "notes.sqlite3"
ENV_DIR = "READER_DATA_DIR"
APP_NAME = "reader"
HINT_SUFFIX = ".has-corrections"
"""``notes.sqlite3.has-corrections``: an empty file beside the database, made when a store
writes corrections (or opens a database that has some: a copied or restored file), never
removed. Without it there are no corrections to read, and the database is not opened."""

CORRECTION_COLUMNS = (
    "id", "uid", "action",
    "left_path", "left_hash", "left_title", "left_source", "left_sentences",
    "right_path", "right_hash", "right_title", "right_source", "right_sentences",
    "created", "updated",
)
SELECT_CORRECTIONS = "SELECT " + ", ".join(CORRECTION_COLUMNS) + " FROM corrections ORDER BY updated, id"
"""Oldest first: applied in this order, the latest word on two sentences wins."""

_CHANGES = [0]
"""Corrections written by this process (a store bumps it): part of :meth:`StoredCorrections.revision`."""


def changed(db_path: str | os.PathLike[str] | None = None) -> None:
    """Say that this process wrote corrections (the database file's times may not show it yet)
    to the database at ``db_path`` (None: one in memory): its hint file is made."""
    _CHANGES[0] += 1
    if db_path is not None:
        hint = os.fspath(db_path) + HINT_SUFFIX
        if not os.path.exists(hint):
            try:
                with open(hint, "ab"):
                    pass
            except OSError:  # a folder that cannot be written holds no database of ours either
                pass


# ------------------------------------------------------------------ where, and who
def notes_dir() -> str:
    """The folder of the notes database, as :func:`reader.notes.store.data_dir` gives it."""
    from reader.resources import user_dir

    return str(user_dir("data", ENV_DIR))


def article_key(path: str) -> str:
    """The path the notes database stores: absolute for files (``FILE#N`` records too), URLs as
    given; lone surrogates (an undecodable file name) become U+FFFD, as SQLite needs."""
    from reader.corpus.formats import is_url
    from reader.corpus.sanitize import no_surrogates

    if not path or is_url(path):
        return no_surrogates(path)
    return no_surrogates(os.path.abspath(os.path.expanduser(path)))


def content_hash(article: Article) -> str:
    """sha256 of the article's sanitised text: its identity whatever its path."""
    import hashlib

    return hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()


# ------------------------------------------------------------------ stored corrections
class Side(Record):
    """One side of a stored correction: the article (path key, content hash, title and source
    when corrected) and an anchor per sentence: ``(text, before, after, start, end, id)``."""

    __slots__ = ("path", "hash", "title", "source", "anchors")

    def __init__(self, path: str, hash: str, title: str, source: str, anchors: list[tuple]):
        self.path = path
        self.hash = hash
        self.title = title
        self.source = source
        self.anchors = anchors

    @property
    def ids(self) -> list[int]:
        """The sentence ids as corrected."""
        return sorted(a[5] for a in self.anchors)

    @property
    def texts(self) -> list[str]:
        return [a[0] for a in sorted(self.anchors, key=lambda a: a[5])]

    def anchors_json(self) -> str:
        return json.dumps([dict(zip(_ANCHOR_KEYS, a)) for a in self.anchors], ensure_ascii=False)

    def as_dict(self) -> dict:
        return {"path": self.path, "hash": self.hash, "title": self.title, "source": self.source,
                "sentences": [dict(zip(_ANCHOR_KEYS, a)) for a in self.anchors]}


_ANCHOR_KEYS = ("text", "before", "after", "start", "end", "id")
_ANCHOR_TYPES = (str, str, str, int, int, int)


def parse_anchors(value: object) -> list[tuple] | None:
    """Anchors from their JSON text or list (None when malformed)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, list) or not value:
        return None
    out = []
    for item in value:
        if not isinstance(item, dict):
            return None
        a = tuple(item.get(k) for k in _ANCHOR_KEYS)
        if any(not isinstance(v, t) or isinstance(v, bool) for v, t in zip(a, _ANCHOR_TYPES)):
            return None
        out.append(a)
    if len({a[5] for a in out}) != len(out):
        return None
    return out


class StoredCorrection(Record):
    """A correction as the database keeps it (``id`` is the row's, ``uid`` its identity across
    exports)."""

    __slots__ = ("id", "uid", "action", "left", "right", "created", "updated")

    def __init__(self, id: int, uid: str, action: str, left: Side, right: Side, created: str, updated: str):
        self.id = id
        self.uid = uid
        self.action = action
        self.left = left
        self.right = right
        self.created = created
        self.updated = updated

    def as_dict(self) -> dict:
        """The JSON export's form (no row id)."""
        return {"uid": self.uid, "action": self.action, "created": self.created, "updated": self.updated,
                "left": self.left.as_dict(), "right": self.right.as_dict()}


def row_to_correction(row: tuple) -> StoredCorrection | None:
    """A database row (:data:`SELECT_CORRECTIONS`) as a record; None when it is malformed."""
    from reader.engine.corrections import ACTIONS

    (id_, uid, action, lp, lh, lt, ls, la, rp, rh, rt, rs, ra, created, updated) = row
    left_anchors, right_anchors = parse_anchors(la), parse_anchors(ra)
    if action not in ACTIONS or left_anchors is None or right_anchors is None:
        return None
    if not all(isinstance(v, str) for v in (uid, lp, lh, lt, ls, rp, rh, rt, rs, created, updated)):
        return None
    return StoredCorrection(id_, uid, action, Side(lp, lh, lt, ls, left_anchors), Side(rp, rh, rt, rs, right_anchors),
                            created, updated)


def read_rows(conn) -> list[StoredCorrection]:
    """Every stored correction, oldest first (raises sqlite3 errors: no table, damage)."""
    rows = (row_to_correction(r) for r in conn.execute(SELECT_CORRECTIONS).fetchall())
    return [r for r in rows if r is not None]


def _place(side: Side, article: Article, key: str, digest) -> list[int] | None:
    """The sentence ids of ``article`` that ``side`` names now, or None (not this article, or a
    sentence that cannot be found again)."""
    if not ((key and side.path == key) or side.hash == digest()):
        return None
    sentences = article.sentences
    n = len(sentences)
    if all(0 <= a[5] < n and sentences[a[5]].text == a[0] for a in side.anchors):
        return sorted(a[5] for a in side.anchors)
    from reader.notes.anchor import Anchor, reanchor

    placements = reanchor([Anchor(*a) for a in side.anchors], article)
    if any(p.sentence_id is None for p in placements):
        return None
    return sorted(p.sentence_id for p in placements)  # type: ignore[misc]


def placed(rows: list[StoredCorrection], left: Article, right: Article) -> list[tuple[StoredCorrection, Correction]]:
    """The stored corrections that belong to the pair (in either order), each with the
    correction it makes of ``left`` against ``right`` now, in the order of ``rows``."""
    if not rows:
        return []
    from reader.engine.corrections import Correction

    kl, kr = article_key(left.path), article_key(right.path)
    hashes: dict[int, str] = {}

    def digest(article: Article):
        def get() -> str:
            h = hashes.get(id(article))
            if h is None:
                h = hashes[id(article)] = content_hash(article)
            return h
        return get

    dl, dr = digest(left), digest(right)
    out = []
    for row in rows:
        for a, b in ((row.left, row.right), (row.right, row.left)):
            ls = _place(a, left, kl, dl)
            rs = _place(b, right, kr, dr) if ls is not None else None
            if ls is not None and rs is not None:
                out.append((row, Correction(ls, rs, row.action)))
                break
    return out


def _stat(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def _uri(path: str) -> str:
    if os.sep != "/":
        from pathlib import Path

        return Path(path).resolve().as_uri() + "?mode=ro"
    return "file:" + path.replace("%", "%25").replace("?", "%3f").replace("#", "%23") + "?mode=ro"


def read_file(path: str) -> list[StoredCorrection]:
    """Every correction stored in the database at ``path``, read-only; [] when it has none, no
    corrections table yet, or cannot be read (the store says why when it is opened)."""
    import sqlite3

    try:
        conn = sqlite3.connect(_uri(path), uri=True, timeout=2.0, check_same_thread=False)
        try:
            return read_rows(conn)
        finally:
            conn.close()
    except (sqlite3.Error, ValueError, OSError):
        return []


class StoredCorrections:
    """The user's corrections of a pair as the notes database holds them:
    ``source(left, right) -> list[Correction]`` in that orientation; [] when there is no
    database (nothing is created, sqlite3 is not imported). ``directory``: the database's
    folder (default :func:`notes_dir`, looked up at each call).

    Rows are read once and again only when :meth:`revision` changes (the database file or its
    write-ahead log changed, or this process wrote corrections). Pickles (the TUI's preload
    process hands its library over), rows included.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = None if directory is None else os.fspath(directory)
        self._token: tuple | None = None
        self._rows: list[StoredCorrection] = []

    def db_path(self) -> str | None:
        try:
            folder = self.directory if self.directory is not None else notes_dir()
        except Exception:  # noqa: BLE001 - no home folder: no notes
            return None
        return os.path.join(folder, DB_NAME)

    def revision(self) -> tuple | None:
        """Changes whenever the stored corrections may have; None when there are none to read
        (no database file, or none ever written to it: no hint file)."""
        path = self.db_path()
        if path is None:
            return None
        db = _stat(path)
        if db is None or _stat(path + HINT_SUFFIX) is None:
            return None
        return path, db, _stat(path + "-wal"), _CHANGES[0]

    def rows(self) -> list[StoredCorrection]:
        token = self.revision()
        if token is None:
            return []
        if token != self._token:
            self._rows = read_file(token[0])
            self._token = token
        return self._rows

    def __call__(self, left: Article, right: Article) -> list[Correction]:
        return [c for _, c in placed(self.rows(), left, right)]
