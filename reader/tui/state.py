"""Where the reader was, per set of files opened: the pair on screen, the sentence under the
cursor and whether the article list was shown — so reopening a folder goes back there.

One small JSON file, ``places.json``, under ``platformdirs.user_state_dir("reader")``
(``READER_STATE_DIR`` overrides the folder; tests use a temporary one). A place is keyed by
the paths given on the command line (resolved, sorted); the 50 latest are kept. Unreadable or
foreign content is ignored, and a disk that refuses the write loses nothing but the place.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

FILE_NAME = "places.json"
KEEP = 50


def state_dir() -> Path:
    from reader.resources import user_dir

    return user_dir("state", "READER_STATE_DIR")


def place_key(paths: list[str]) -> str:
    """The key of a set of opened paths (files, folders, URLs), in any order."""
    norm = sorted(p if "://" in p else os.path.abspath(p) for p in paths)
    return hashlib.sha1("\n".join(norm).encode("utf-8", "surrogatepass")).hexdigest()


def _read() -> dict[str, Any]:
    try:
        data = json.loads((state_dir() / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_place(paths: list[str]) -> dict[str, Any]:
    """The place saved for these paths: ``left``/``right`` article paths, ``side`` and
    ``sentence`` (the cursor), ``list`` (shown or not, or None: automatic); {} when none."""
    place = _read().get(place_key(paths))
    if not isinstance(place, dict):
        return {}
    out: dict[str, Any] = {}
    for k in ("left", "right"):
        if isinstance(place.get(k), str):
            out[k] = place[k]
    if place.get("side") in ("left", "right"):
        out["side"] = place["side"]
    if isinstance(place.get("sentence"), int) and place["sentence"] >= 0:
        out["sentence"] = place["sentence"]
    if isinstance(place.get("list"), bool):
        out["list"] = place["list"]
    return out


def save_place(paths: list[str], place: dict[str, Any]) -> bool:
    """Remember ``place`` for these paths (atomically); False when the disk says no."""
    data = _read()
    data[place_key(paths)] = {**place, "at": time.time()}
    if len(data) > KEEP:  # the oldest go
        keep = sorted(data, key=lambda k: data[k].get("at", 0) if isinstance(data[k], dict) else 0)[-KEEP:]
        data = {k: data[k] for k in keep}
    from reader.tui.config import write_json

    return write_json(state_dir() / FILE_NAME, data)
