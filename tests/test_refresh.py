"""``--refresh``: URLs are fetched again instead of read from the page cache.

A local HTTP server on 127.0.0.1 serves a page whose text changes with every request;
nothing here touches the internet.
"""

from __future__ import annotations

import http.server
import json
from pathlib import Path

import pytest

from reader import cli
from reader.corpus import fetch
from reader.corpus import load as load_mod

ROOT = Path(__file__).resolve().parent.parent
SEED = str(sorted((ROOT / "seeds").glob("*.txt"))[0])


class _Handler(http.server.BaseHTTPRequestHandler):
    hits = 0
    down = False  # the server answers 503 (to show what --refresh does when the site is gone)

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        if type(self).down:
            self._send(503, b"down for maintenance")
            return
        type(self).hits += 1
        n = type(self).hits
        self._send(200, f"Harbour bridge reopens\n\nThis is version {n} of the story. Crews finished on Monday.".encode())

    def _send(self, code, data):
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def server():
    from localserver import serve

    yield from serve(_Handler)


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(fetch, "_refresh_since", None)  # --refresh lasts for the process: undone after
    monkeypatch.setattr(_Handler, "hits", 0)
    monkeypatch.setattr(_Handler, "down", False)
    load_mod.clear_cache()
    yield
    load_mod.clear_cache()


def _compare_json(capsys, *args: str) -> dict:
    assert cli.main(["compare", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_compare_uses_the_cache_and_refresh_fetches_again(server, capsys):
    url = f"{server}/story"
    first = _compare_json(capsys, url, SEED)
    assert "version 1" in first["left"]["sentences"][1]["text"] and _Handler.hits == 1
    load_mod.clear_cache()  # a new run: only the page cache on disk is left
    again = _compare_json(capsys, url, SEED)
    assert "version 1" in again["left"]["sentences"][1]["text"] and _Handler.hits == 1, "read from the cache"
    fresh = _compare_json(capsys, url, SEED, "--refresh")  # in-process copies are dropped too
    assert "version 2" in fresh["left"]["sentences"][1]["text"] and _Handler.hits == 2
    load_mod.clear_cache()
    after = _compare_json(capsys, url, SEED)
    assert "version 2" in after["left"]["sentences"][1]["text"] and _Handler.hits == 2, "the new copy is cached"


def test_refresh_fetches_each_page_once_per_run(server):
    url = f"{server}/story"
    load_mod.load_article(url)
    load_mod.refresh_urls()
    for _ in range(3):  # the preload, the app, a second look: the copy fetched after --refresh is fresh
        load_mod.clear_cache()
        assert "version 2" in load_mod.load_article(url).text
    assert _Handler.hits == 2


@pytest.mark.parametrize("command", ["stories", "story"])
def test_stories_and_story_take_refresh(server, capsys, command):
    url = f"{server}/story"
    assert cli.main([command, url, SEED, "--format", "json"]) == 0
    load_mod.clear_cache()
    assert cli.main([command, url, SEED, "--format", "json"]) == 0
    assert _Handler.hits == 1
    assert cli.main([command, url, SEED, "--format", "json", "--refresh"]) == 0
    assert _Handler.hits == 2
    if command == "story":  # (the stories listing shows no text)
        assert "version 2" in capsys.readouterr().out


def test_the_tui_launch_takes_refresh(server, monkeypatch):
    url = f"{server}/story"
    load_mod.load_article(url)
    load_mod.clear_cache()
    seen = []

    def fake_tui(paths, **kwargs):  # what the TUI's preload does with its paths: load them
        seen.extend(load_mod.load_article(p).text for p in paths)
        return 0

    monkeypatch.setattr("reader.tui.run.run_tui", fake_tui)
    assert cli.main([url]) == 0
    assert _Handler.hits == 1 and "version 1" in seen[-1]
    load_mod.clear_cache()
    assert cli.main(["--refresh", url]) == 0
    assert _Handler.hits == 2 and "version 2" in seen[-1]


def test_refresh_keeps_the_old_copy_when_the_page_cannot_be_fetched(server, capsys):
    url = f"{server}/story"
    load_mod.load_article(url)
    load_mod.clear_cache()
    _Handler.down = True
    assert cli.main(["compare", url, SEED, "--format", "json", "--refresh"]) == 0
    captured = capsys.readouterr()
    assert "version 1" in json.loads(captured.out)["left"]["sentences"][1]["text"]
    assert "HTTP 503" in captured.err and "the copy cached" in captured.err and "is shown" in captured.err


def test_the_quick_compare_path_knows_refresh():
    args = cli._quick_compare_args(["a.txt", "b.txt", "--refresh", "-f", "json"])
    assert args is not None and args.refresh and args.format == "json"
    assert cli._quick_compare_args(["a.txt", "b.txt"]).refresh is False
