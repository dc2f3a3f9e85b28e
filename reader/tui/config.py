"""The TUI's small settings file, under the user config dir: the chosen theme, and
``"keys"``, a map from binding id to keys that remaps them (``{"reader.flag": "f"}``).

``READER_CONFIG_DIR`` overrides the directory (tests use a temporary one).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FILE_NAME = "tui.json"


def config_dir() -> Path:
    from reader.resources import user_dir

    return user_dir("config", "READER_CONFIG_DIR")


def config_path() -> Path:
    return config_dir() / FILE_NAME


def load_config() -> dict[str, Any]:
    """The saved settings, or {} when there are none or the file is unreadable."""
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_config(data: dict[str, Any]) -> bool:
    """Write the settings atomically; returns False (silently) if the disk says no."""
    return write_json(config_path(), data)


def write_json(path: Path, data: dict[str, Any]) -> bool:
    """Write ``data`` as JSON at ``path`` atomically (a temporary file, then a rename); False
    (silently) when the disk says no."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return False
    return True
