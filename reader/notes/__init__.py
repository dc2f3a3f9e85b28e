"""Flags and notes on sentences: storage (``store``), re-anchoring (``anchor``), export
(``export``), a session's cached view of the store (``session``) and the ``reader notes``
command (``cli``). Nothing here imports textual.

``Note``, ``NoteStore`` and ``NotesError`` are imported from ``store`` on first use, so that
importing ``reader.notes.session`` (which the TUI does before its first paint) does not pay
for sqlite3 and the re-anchoring code.
"""

__all__ = ["Note", "NoteStore", "NotesError"]


def __getattr__(name: str):
    if name in __all__:
        from reader.notes import store

        return getattr(store, name)
    raise AttributeError(f"module 'reader.notes' has no attribute {name!r}")
