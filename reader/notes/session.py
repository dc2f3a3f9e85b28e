"""A session's view of the notes store: opened lazily, gutter marks cached per article.

No textual here. ``reader.notes.store`` is imported only when the store is first needed
(after the first paint): importing it (sqlite3, rapidfuzz for re-anchoring) costs tens of
milliseconds that the first frame should not wait for.

Marks are cached per article path and dropped whenever ``store.revision()`` changes, which
covers this process's own edits and another reader's commits alike; the App polls
:meth:`NotesSession.poll` on a timer and when the app or a screen regains focus.
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article, Sentence
    from reader.notes.store import Note, NoteStore

FLAGGED = 1
NOTED = 2


def mark_bits(note: Note) -> int:
    return (FLAGGED if note.flagged else 0) | (NOTED if note.note.strip() else 0)


class NotesSession:
    """Owns the :class:`NoteStore` for the app; every call reports trouble through ``report``
    (a one-line message) instead of raising, except where the caller must keep user input."""

    def __init__(self, report: Callable[[str, str], None]) -> None:
        self._report = report  # (message, severity)
        self._store: NoteStore | None = None
        self._cache: dict[str, dict[int, Note]] = {}
        self._revision: int | None = None

    # ------------------------------------------------------------ the store
    @property
    def opened(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> NoteStore:
        """The store, opened on first use (``NoteStore.open`` never raises)."""
        if self._store is None:
            from reader.notes.store import NoteStore

            self._store = NoteStore.open()
            if self._store.warning:
                self._report(self._store.warning, "warning")
            self._revision = self._current_revision()
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def _current_revision(self) -> int | None:
        if self._store is None:
            return None
        try:
            return self._store.revision()
        except Exception:  # noqa: BLE001 - a broken connection: treat as "changed"
            return None

    def poll(self) -> bool:
        """True when the notes changed since the marks were cached (the cache is dropped)."""
        if self._store is None:
            return False
        rev = self._current_revision()
        if rev is not None and rev == self._revision:
            return False
        self._revision = rev
        self._cache.clear()
        return True

    def invalidate(self) -> None:
        self._cache.clear()
        self._revision = self._current_revision()

    # ------------------------------------------------------------ reading
    def notes_for(self, article: Article) -> dict[int, Note]:
        """The article's notes by sentence id (re-anchored by the store), cached."""
        self.poll()
        notes = self._cache.get(article.path)
        if notes is None:
            from reader.notes.store import NotesError

            try:
                notes = self.store.get_for_article(article)
            except NotesError as exc:
                self._report(str(exc), "error")
                notes = {}
            self._cache[article.path] = notes
            self._revision = self._current_revision()  # re-anchoring may have written
        return notes

    def marks_for(self, article: Article) -> dict[int, int]:
        """Sentence id -> FLAGGED | NOTED bits, for the comparison's gutter."""
        return {sid: bits for sid, n in self.notes_for(article).items() if (bits := mark_bits(n))}

    # ------------------------------------------------------------ writing
    def toggle_flags(self, article: Article, sentences: list[Sentence]) -> bool | None:
        """Flag every sentence given, or unflag them all when all are flagged already.
        Returns the new state, or None when the store refused (the message is reported)."""
        from reader.notes.store import NotesError

        notes = self.notes_for(article)
        new = not all(s.id in notes and notes[s.id].flagged for s in sentences)
        try:
            for s in sentences:
                self.store.set_flag(article, s, new)
        except NotesError as exc:
            self._report(str(exc), "error")
            return None
        finally:
            self.invalidate()
        return new
