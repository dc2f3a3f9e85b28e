"""Test isolation shared by every test: no user config or data, no animations, fixed locale."""

from __future__ import annotations

import os
import tempfile

_TMP = tempfile.mkdtemp(prefix="reader-tests-")
os.environ["READER_CONFIG_DIR"] = os.path.join(_TMP, "config")
os.environ["READER_DATA_DIR"] = os.path.join(_TMP, "data")
os.environ["READER_STATE_DIR"] = os.path.join(_TMP, "state")
os.environ["TEXTUAL_ANIMATIONS"] = "none"
os.environ.setdefault("LC_ALL", "C.UTF-8")
os.environ.pop("READER_EXIT_AFTER_FIRST_PAINT", None)


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """A fresh config/data/state dir per test, so a theme saved by one test never leaks into the next."""
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
