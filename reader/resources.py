"""Where bundled files live: inside the installed wheel, or beside the source checkout."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _PKG / "_data" / name
    if installed.is_dir():
        return installed
    return _PKG.parent / name


def seeds_dir() -> Path:
    """The five bundled seed articles (the default corpus)."""
    return _find("seeds")


def styles_dir() -> Path:
    """The app's .tcss files."""
    return _find("styles")
