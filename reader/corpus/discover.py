"""Turn command-line arguments (files, folders, URLs, JSON Lines records) into things to load.

Listing never parses an article: it walks folders (hidden entries skipped, symbolic links
to folders not followed), keeps files with a supported suffix, and checks each with one
``stat``: broken links, link loops, non-regular files, unreadable files and files over
the size cap become problem lines here. A JSON Lines file with several records is listed
once per record (``FILE.jsonl#1``, ``#2``, …). A folder of thousands of files lists in
milliseconds; content problems (binary files, bad JSON) surface when an article is loaded.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from reader.corpus import load as _load
from reader.corpus.errors import display_path, over_cap
from reader.corpus.formats import SUPPORTED, count_records, is_url, kind_for, resolve_record_ref


def is_supported(path: Path) -> bool:
    return kind_for(Path(path).name) is not None


def _stat_problem(name: str, exc: OSError, path: str) -> str:
    if exc.errno == errno.ENOENT:
        return f"{name}: broken symbolic link, skipped" if os.path.islink(path) else f"{name}: no such file or folder"
    if exc.errno == errno.ELOOP:
        return f"{name}: symbolic link loop, skipped"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{name}: permission denied, skipped"
    return f"{name}: cannot read ({exc.strerror or type(exc).__name__}), skipped"


def collect_paths(args: list[str]) -> tuple[list[Path | str], list[str]]:
    """Files named directly, supported files found (recursively) in folders, and URLs.

    Returns (paths, problems). Paths are :class:`Path` objects for files (``FILE#N`` for a
    JSON Lines record) and plain strings for http(s) URLs; ``str()`` of either is what
    :func:`reader.corpus.load.load_article` takes. Problems are one line each. A file
    named directly is read whatever its suffix; in folders unsupported files are skipped
    silently.
    """
    paths: list[Path | str] = []
    problems: list[str] = []
    seen: set[object] = set()

    def add(item: Path | str, key: object) -> None:
        if key not in seen:
            seen.add(key)
            paths.append(item)

    def add_file(fp: str, st: os.stat_result, *, kind: str | None) -> None:
        name = display_path(fp)
        if not stat.S_ISREG(st.st_mode):
            problems.append(f"{name}: not a regular file, skipped")
            return
        cap = _load.MAX_BYTES
        if st.st_size > cap:
            problems.append(over_cap(name, st.st_size, cap))
            return
        if not os.access(fp, os.R_OK):
            problems.append(f"{name}: permission denied, skipped")
            return
        key = (st.st_dev, st.st_ino)
        if kind == "jsonl" and st.st_size:
            try:
                n = count_records(_load.read_bytes(fp)[0])
            except _load.LoadError as exc:
                problems.append(str(exc))
                return
            if n > 1:
                for k in range(1, n + 1):
                    add(Path(f"{fp}#{k}"), (*key, k))
                return
        add(Path(fp), key)

    for arg in args:
        arg = os.fspath(arg)
        if is_url(arg):
            add(arg, arg)
            continue
        name = display_path(arg)
        file_path, record = resolve_record_ref(arg)
        if record is not None:
            add(Path(arg), ("record", os.path.realpath(file_path), record))
            continue
        try:
            st = os.stat(arg)
        except OSError as exc:
            problems.append(_stat_problem(name, exc, arg))
            continue
        except ValueError:  # embedded NUL in the argument
            problems.append(f"{name}: not a valid path")
            continue
        if stat.S_ISDIR(st.st_mode):
            found_before = len(paths)
            problems_before = len(problems)
            _walk(arg, add_file, problems)
            if len(paths) == found_before and len(problems) == problems_before:
                problems.append(f"{name}: no supported article files ({', '.join(SUPPORTED)}) in this folder")
        else:
            add_file(str(Path(arg)), st, kind=kind_for(Path(arg).name))
    return paths, problems


def _walk(top: str, add_file, problems: list[str]) -> None:
    def onerror(exc: OSError) -> None:
        problems.append(f"{display_path(exc.filename or top)}: cannot read this folder "
                        f"({exc.strerror or type(exc).__name__}), skipped")

    for root, dirs, files in os.walk(top, onerror=onerror, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for fname in sorted(files):
            if fname.startswith("."):
                continue
            kind = kind_for(fname)
            if kind is None:
                continue
            fp = os.path.join(root, fname)
            try:
                st = os.stat(fp)
            except OSError as exc:
                problems.append(_stat_problem(display_path(fp), exc, fp))
                continue
            add_file(fp, st, kind=kind)
