"""The HTML report of a story in a real browser: headless Chromium renders it (light and dark), the
facts table is in the rendered page, and hostile article text ran no script and loaded nothing.

Skipped only when no Chromium binary is found (CI installs Debian's ``chromium``)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from story_files import BRIDGE, write_article, write_story

ROOT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"no Chromium binary found (looked for {', '.join(BROWSERS)} on PATH)")


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def read_png(path: Path) -> np.ndarray:
    """The pixels of an 8-bit RGB(A) PNG (the filters undone), as rows x columns x channels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    width = height = channels = 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    stride = width * channels
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8).reshape(height, 1 + stride)
    out = np.zeros((height, stride), dtype=np.int64)
    prev = np.zeros(stride, dtype=np.int64)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int64)
        if kind == 0:
            cur = line
        elif kind == 1:
            cur = np.cumsum(line.reshape(width, channels), axis=0).reshape(-1) % 256
        elif kind == 2:
            cur = (line + prev) % 256
        else:  # average, Paeth: byte by byte
            cur_l, up, ln = [0] * stride, prev.tolist(), line.tolist()
            for x in range(stride):
                a = cur_l[x - channels] if x >= channels else 0
                b = up[x]
                if kind == 3:
                    cur_l[x] = (ln[x] + (a + b) // 2) % 256
                else:
                    c = up[x - channels] if x >= channels else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    cur_l[x] = (ln[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) % 256
            cur = np.array(cur_l, dtype=np.int64)
        out[y] = cur
        prev = cur
    return out.reshape(height, width, channels)[..., :3].astype(np.uint8)


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self.text: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data


@pytest.fixture
def report(tmp_path) -> tuple[Path, dict]:
    """The bridge story plus an article full of hostile text, as HTML and as JSON."""
    paths = write_story(tmp_path / "story")
    hostile = write_article(
        tmp_path / "story", "hostile.json",
        'Tarrow Bridge <script>document.title="pwned";document.body.dataset.pwned=1</script> shut',
        'Evil "><img src=x onerror="document.title=\'pwned\'">', "2024-06-06",
        [BRIDGE[0][3][0],
         "Witnesses said <img src=https://example.invalid/track.png> & <iframe src=https://example.invalid> nothing.",
         "A sign read \u202eevil\u202c near the ramp <style>body{display:none}</style>."])
    html = tmp_path / "story.html"
    r = subprocess.run([sys.executable, "-m", "reader", "story", *map(str, paths + [hostile]), "--format", "html",
                        "-o", str(html)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "reader", "story", *map(str, paths + [hostile]), "--format", "json"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    import json

    return html, json.loads(r.stdout)


def test_the_report_renders_in_chromium_light_and_dark(report, tmp_path):
    html, _ = report
    shots = {}
    for scheme, extra in (("light", ()), ("dark", ("--force-dark-mode",))):
        png = tmp_path / f"{scheme}.png"
        r = chromium(html, tmp_path / f"profile-{scheme}", f"--screenshot={png}", "--window-size=1280,900", *extra)
        assert png.is_file() and png.stat().st_size > 0, r.stderr[-2000:]
        shots[scheme] = read_png(png)
    light, dark = shots["light"], shots["dark"]
    assert light.shape == (900, 1280, 3)
    for px in (light, dark):
        grey = px.mean(axis=2)
        assert grey.std() > 10, "not blank"
        assert len(np.unique(px.reshape(-1, 3), axis=0)) > 50, "text and colours drawn, not a flat page"
        ink = (np.abs(grey - np.median(grey)) > 60).mean()
        assert 0.01 < ink < 0.5, ink
    assert light.mean() > 200 and dark.mean() < 70, "a light page in light mode, a dark one in dark mode"
    # the heat table: cells tinted blue (more blue than red) in both schemes
    for px in (light, dark):
        blue = (px[..., 2].astype(int) - px[..., 0].astype(int)) > 60
        assert blue.sum() > 2000


def test_the_rendered_dom_has_the_facts_and_no_script_ran(report, tmp_path):
    html, data = report
    r = chromium(html, tmp_path / "profile-dom", "--dump-dom")
    assert r.returncode == 0, r.stderr[-2000:]
    dom = _Dom()
    dom.feed(r.stdout)
    names = [t for t, _ in dom.tags]
    rows = [a["id"] for t, a in dom.tags if t == "tr" and a.get("id", "").startswith("fact-")]
    assert sorted(rows) == sorted(f"fact-{f['id']}" for f in data["facts"]) and len(rows) >= 5
    assert "script" not in names and "img" not in names and "iframe" not in names
    assert names.count("style") == 1, "only the report's own style sheet"
    assert "pwned" not in dom.title and dom.title.startswith("Story: ")
    body = next(a for t, a in dom.tags if t == "body")
    assert "data-pwned" not in body
    text = "".join(dom.text)
    for shown in ('<script>document.title="pwned";', 'Evil "><img src=x onerror=', "<iframe src=https://",
                  "<style>body{display:none}</style>"):
        assert shown in text, shown  # shown as text
    assert "\u202e" not in text
