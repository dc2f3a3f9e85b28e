"""Input formats: saved web pages, Markdown clippings, JSON records, JSON Lines, and URLs.

URL tests use a local HTTP server on 127.0.0.1 only; nothing here touches the internet.
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.corpus import fetch
from reader.corpus import load as load_mod
from reader.corpus.discover import collect_paths
from reader.corpus.load import LoadError, load_article, load_articles

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGE = FIXTURES / "saved_page.html"
CLIPPING = FIXTURES / "clipping.md"


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    load_mod.clear_cache()


def body(article) -> str:
    return "\n".join(s.text for s in article.sentences[1:])


# ------------------------------------------------------------------ HTML
def test_saved_page_title_site_date_and_body():
    a = load_article(PAGE)
    assert a.title == "Harbour strike ends after nine-day standoff"
    assert a.sentences[0].text == a.title, "the headline is sentence 0"
    assert a.source == "The Lindell Courier"
    assert a.date == "2024-03-12"
    assert a.url == "https://courier.example/news/harbour-strike-ends"
    text = body(a)
    assert "Dockworkers at the Port of Lindell voted on Monday" in text
    assert "800 million dollars" in text
    assert "This deal protects the people who built this port" in text


def test_saved_page_drops_chrome():
    text = load_article(PAGE).text
    for chrome in ("Subscribe to our newsletter", "Privacy policy", "Cookie settings", "Ten things to do",
                   "window.tracking", "font-family"):
        assert chrome not in text
    assert text.count("Harbour strike ends after nine-day standoff") == 1, "title not repeated in the body"


def test_html_import_is_lazy():
    code = ("import sys; from reader.corpus.load import load_article; "
            f"load_article({str(ROOT / 'seeds' / '000_02039fd6f0b24f5a.txt')!r}); "
            "bad = [m for m in ('trafilatura', 'lxml', 'charset_normalizer', 'markdown_it', 'urllib.request', 'textual')"
            " if m in sys.modules]; print(bad)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_page_without_article_is_a_one_line_error(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><script>var x = 1;</script></head><body><img src='a.png'></body></html>")
    with pytest.raises(LoadError) as e:
        load_article(p)
    assert "no article text" in str(e.value) and "\n" not in str(e.value)


def test_hostile_page_metadata_is_sanitised(tmp_path):
    p = tmp_path / "evil.html"
    para = "<p>The council met on Tuesday and voted to repair the bridge over the river before winter.</p>"
    p.write_text(
        "<html><head><title>[@click=app.quit]Bridge[/] \u202evote</title>"
        '<meta property="og:site_name" content="Evil\x1b[2J News"></head>'
        f"<body><article><h1>[@click=app.quit]Bridge[/] \u202evote</h1>{para * 4}</article></body></html>"
    )
    a = load_article(p)
    for field in (a.title, a.source, a.text):
        assert "\u202e" not in field and "\x1b" not in field
    assert "[@click=app.quit]" in a.title, "kept literally: shown as text, never parsed as markup"


# -------------------------------------------------------------- Markdown
def test_markdown_front_matter_and_structure():
    a = load_article(CLIPPING)
    assert a.title == "Lindell dockworkers accept deal, ending strike"
    assert a.sentences[0].text == a.title
    assert (a.source, a.date, a.url) == ("Harbour Weekly", "2024-03-12", "https://harbourweekly.example/lindell-deal")
    texts = [s.text for s in a.sentences]
    assert texts.count(a.title) == 1, "the first heading is the title, not repeated"
    assert "What the deal says" in texts, "later headings are text"
    assert "Wages rise 12 percent over four years." in texts, "list items are text"
    assert '"This deal protects the people who built this port," union president Ana Ruiz told reporters.' in texts
    assert any("at the Port of Lindell, according to the union." in t for t in texts), "emphasis and links as text"
    for markup in ("#", "*", "](", "<div", "<br", "![", "---", "tags:", "Advertisement"):
        assert markup not in a.text


def test_markdown_title_from_first_heading(tmp_path):
    p = tmp_path / "clip.markdown"
    p.write_text("Saved from somewhere.\n\n## The real headline\n\nFirst paragraph here. Second one.\n")
    a = load_article(p)
    assert a.title == "The real headline" and a.sentences[0].text == "The real headline"
    assert "Saved from somewhere." in a.text
    assert (a.source, a.source_guessed) == ("clip", True), "no outlet named: the file name, marked as a guess"


# ------------------------------------------------------------ JSON records
def test_json_record():
    a = load_article(FIXTURES / "record.json")
    assert a.title == "Harbour strike ends after nine-day standoff" == a.sentences[0].text
    assert (a.source, a.date, a.url) == ("Wire Service", "2024-03-11", "https://wire.example/strike")
    assert "The agreement raises wages by 12 percent over four years." in [s.text for s in a.sentences]


def test_jsonl_each_line_is_an_article():
    jl = FIXTURES / "records.jsonl"
    paths, problems = collect_paths([str(jl)])
    assert problems == []
    assert [str(p) for p in paths] == [f"{jl}#1", f"{jl}#2"]
    first, second = (load_article(str(p)) for p in paths)
    assert first.title == "Harbour strike ends after nine-day standoff" and first.source == "Wire Service"
    assert second.title == "Lindell dockworkers accept deal" and second.date == "2024-03-12"
    assert second.path == f"{jl}#2"
    assert [a.title for a in load_articles(jl)] == [first.title, second.title]
    plain = load_article(jl)
    assert plain.title == first.title and any("2 records" in w for w in plain.warnings)
    with pytest.raises(LoadError, match="no record 3"):
        load_article(f"{jl}#3")
    with pytest.raises(LoadError, match="no record 0"):  # records count from 1
        load_article(f"{jl}#0")


def test_folder_lists_every_format():
    paths, problems = collect_paths([str(FIXTURES)])
    names = sorted(Path(str(p)).name for p in paths)
    assert names == ["clipping.md", "record.json", "records.jsonl#1", "records.jsonl#2", "saved_page.html"]
    assert problems == []


@pytest.mark.parametrize("content, needle", [
    ("{not json", "not valid JSON"),
    ('{"title": "no text"}', "no \"text\" field"),
    ('{"text": 42}', "not a string"),
    ('[1, 2]', "not an article record"),
    ("[" * 100_000 + "]" * 100_000, "JSON"),
    ('{"text": "x", "date": ' + "9" * 5000 + "}", "not valid JSON"),
])
def test_bad_json_is_one_line(tmp_path, content, needle):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(LoadError) as e:
        load_article(p)
    assert needle in str(e.value) and "\n" not in str(e.value)


def test_compare_cli_across_formats():
    r = subprocess.run([sys.executable, "-m", "reader", "compare", str(PAGE), str(CLIPPING), "--format", "json"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["left"]["title"] == "Harbour strike ends after nine-day standoff"
    assert d["right"]["source"] == "Harbour Weekly"
    assert d["matches"], "two reports of the same story share sentences"


# ------------------------------------------------------------------- URLs
PAGE_BYTES = PAGE.read_bytes()


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        type(self).hits[self.path] = type(self).hits.get(self.path, 0) + 1
        if self.path == "/article":
            self._send(200, "text/html; charset=utf-8", PAGE_BYTES)
        elif self.path == "/plain.txt":
            self._send(200, "text/plain; charset=latin-1", "Caf\u00e9 owners protest\n\nThe caf\u00e9 closed.".encode("latin-1"))
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE_BYTES)
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>")
        elif self.path == "/redirect-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/pdf":
            self._send(200, "application/pdf", b"%PDF-1.4")
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, code, ctype, data):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server():
    from localserver import serve

    yield from serve(_Handler)


def test_url_is_fetched_extracted_and_cached(server, tmp_path):
    url = f"{server}/article"
    _Handler.hits.pop("/article", None)
    a = load_article(url)
    assert a.title == "Harbour strike ends after nine-day standoff"
    assert a.source == "The Lindell Courier" and a.path == url
    assert "Dockworkers at the Port of Lindell" in a.text
    assert list((tmp_path / "cache" / "pages").glob("*.body")), "cached under READER_CACHE_DIR"
    load_mod.clear_cache()  # the in-process cache is gone; the disk cache remains
    again = load_article(url)
    assert again.text == a.text
    assert _Handler.hits["/article"] == 1, "fetched once"


def test_url_plain_text_with_declared_charset(server):
    a = load_article(f"{server}/plain.txt")
    assert a.title == "Caf\u00e9 owners protest"
    assert a.source == "127.0.0.1"


@pytest.mark.parametrize("path, needle", [
    ("/missing", "HTTP 404"),
    ("/redirect-file", "is not allowed"),
    ("/pdf", "cannot read application/pdf"),
])
def test_url_errors_are_one_line(server, path, needle):
    with pytest.raises(LoadError) as e:
        load_article(f"{server}{path}")
    msg = str(e.value)
    assert needle in msg and "\n" not in msg and msg.startswith(server)


def test_url_timeout(server, monkeypatch):
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    t = time.monotonic()
    with pytest.raises(LoadError, match="timed out after 0.5 s"):
        load_article(f"{server}/slow")
    assert time.monotonic() - t < 2.5


def test_url_size_cap(server, monkeypatch):
    monkeypatch.setattr(load_mod, "MAX_BYTES", 100_000)
    with pytest.raises(LoadError, match="over the 100,000-byte size limit"):
        load_article(f"{server}/big")


def test_url_offline_is_one_line():
    # Port 9 on 127.0.0.1 (discard) is closed here: connection refused, quickly.
    with pytest.raises(LoadError) as e:
        load_article("http://127.0.0.1:9/article")
    assert "cannot fetch" in str(e.value) and "\n" not in str(e.value)


def test_collect_paths_keeps_urls_whole():
    paths, problems = collect_paths(["https://example.org/a/b?c=1", str(PAGE)])
    assert paths[0] == "https://example.org/a/b?c=1" and problems == []


def test_compare_cli_with_url(server):
    env = dict(os.environ)
    r = subprocess.run([sys.executable, "-m", "reader", "compare", f"{server}/article", str(CLIPPING), "--format", "json"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["left"]["url"] == "https://courier.example/news/harbour-strike-ends"
    r = subprocess.run([sys.executable, "-m", "reader", "compare", f"{server}/missing", "nope.txt"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and "HTTP 404" in lines[0] and "no such file" in lines[1]
    assert "Traceback" not in r.stderr
