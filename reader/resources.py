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


_USER_DIRS = {  # kind -> (XDG variable, its default under $HOME, the platformdirs function)
    "config": ("XDG_CONFIG_HOME", "~/.config", "user_config_dir"),
    "data": ("XDG_DATA_HOME", "~/.local/share", "user_data_dir"),
    "state": ("XDG_STATE_HOME", "~/.local/state", "user_state_dir"),
    "cache": ("XDG_CACHE_HOME", "~/.cache", "user_cache_dir"),
}


def user_dir(kind: str, override_env: str) -> Path:
    """reader's own ``kind`` folder ("config", "data", "state", "cache"): ``$override_env`` when
    set, else what ``platformdirs.user_<kind>_dir("reader")`` answers — on Linux without importing
    platformdirs (its XDG rules: an absolute ``$XDG_*_HOME``, else under an absolute ``$HOME``),
    so start-up does not pay for it."""
    import os
    import sys

    override = os.environ.get(override_env)
    if override:
        return Path(os.path.expanduser(override))
    xdg_var, default, function = _USER_DIRS[kind]
    if sys.platform.startswith("linux") and "ANDROID_DATA" not in os.environ:
        xdg = os.environ.get(xdg_var, "")
        if os.path.isabs(xdg):
            return Path(xdg) / "reader"
        if os.path.isabs(os.environ.get("HOME", "")):
            return Path(os.path.expanduser(default)) / "reader"
    import platformdirs

    return Path(getattr(platformdirs, function)("reader"))
