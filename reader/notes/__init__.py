"""Flags and notes on sentences: storage (``store``), re-anchoring (``anchor``), export
(``export``) and the ``reader notes`` command (``cli``). Nothing here imports textual."""

from reader.notes.store import Note, NotesError, NoteStore

__all__ = ["Note", "NoteStore", "NotesError"]
