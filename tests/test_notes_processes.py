"""Notes survive other processes: two writers at once, and a writer killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.notes.store import DB_NAME, NoteStore

ROOT = Path(__file__).resolve().parent.parent

WRITER = r"""
import sys, dataclasses
from reader.corpus.load import build_article
from reader.notes.store import NoteStore

tag, count = sys.argv[1], int(sys.argv[2])
store = NoteStore.open()
assert store.persistent, store.warning
print("ready", flush=True)
sys.stdin.readline()  # start together
for i in range(count):
    text = f"Story {tag} {i}\n\nThe first sentence of story {i} is here. The second one follows."
    art = build_article(text, f"/nonexistent/{tag}/article-{i}.txt")
    store.add_or_update(art, art.sentences[1], flagged=True, note=f"{tag} note {i}")
    print(i, flush=True)  # only after the commit
store.close()
"""


def _spawn(tag: str, count: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, tag, str(count)], cwd=ROOT, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "READER_DATA_DIR": str(tmp_path / "data")}


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    NoteStore.open().close()  # create the schema first; racing creation is tested below
    env = _env(tmp_path)
    procs = [_spawn(tag, 200, env) for tag in ("a", "b")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    store = NoteStore.open()
    notes = store.all_notes()
    store.close()
    assert len(notes) == 400
    assert {n.note for n in notes} == {f"{t} note {i}" for t in "ab" for i in range(200)}


def test_two_processes_creating_the_store_at_once(tmp_path):
    env = _env(tmp_path)
    procs = [_spawn(tag, 20, env) for tag in ("a", "b")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    store = NoteStore.open()
    assert len(store.all_notes()) == 40 and store.warning is None
    store.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_no_committed_note(tmp_path):
    env = _env(tmp_path)
    p = _spawn("k", 100_000, env)
    assert p.stdout.readline().strip() == "ready"
    p.stdin.write("go\n")
    p.stdin.flush()
    reported = []
    deadline = time.monotonic() + 60
    while len(reported) < 40 and time.monotonic() < deadline:
        line = p.stdout.readline()
        if not line:
            break
        reported.append(int(line))
    os.kill(p.pid, signal.SIGKILL)
    rest, _ = p.communicate(timeout=30)
    reported += [int(x) for x in rest.split()]
    assert p.returncode == -signal.SIGKILL
    assert len(reported) >= 40

    path = tmp_path / "data" / DB_NAME
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    store = NoteStore.open()
    assert store.warning is None
    stored = {n.note for n in store.all_notes()}
    store.close()
    assert {f"k note {i}" for i in reported} <= stored
    assert len(stored) <= len(reported) + 1  # at most the one in flight beyond what was reported

