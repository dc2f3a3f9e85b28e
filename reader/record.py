"""A base for plain data records: ``__slots__`` classes with field-wise repr and equality.

The engine's data types (Article, Sentence, Match, Row, ...) are plain records. They are
written as slotted classes with an explicit ``__init__`` rather than ``@dataclass`` because
importing ``dataclasses`` (which pulls in ``inspect``, ``ast``, ``dis``, ``tokenize``) and
generating the classes costs ~30 ms — a sixth of ``reader compare``'s whole run.
"""

from __future__ import annotations


class Record:
    __slots__ = ()

    def _fields(self):
        for cls in type(self).__mro__:
            for name in getattr(cls, "__slots__", ()):
                if not name.startswith("_"):
                    yield name

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._fields())
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self._fields())

    __hash__ = None  # type: ignore[assignment]  (mutable, like a dataclass with eq)
