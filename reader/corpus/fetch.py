"""Fetch an article by URL, once: a timeout, a size cap, and a cache on disk.

Only http and https are fetched (redirects to any other scheme are refused). A page is
downloaded once and kept under ``platformdirs.user_cache_dir("reader")/pages`` (or
``$READER_CACHE_DIR/pages``); later loads read the cached copy, so a comparison can be
reopened offline. After :func:`refresh` (``--refresh``) a copy cached before that moment is
downloaded again, once (the new copy is newer, so a forked preload and the app agree); when
that download fails, the old copy is used with a warning. Every failure is a
:class:`LoadError` with a one-line message.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from reader.corpus.errors import LoadError, cap_text, display_path, one_line
from reader.corpus.formats import is_url

TIMEOUT = 20.0  # seconds for the whole download
MAX_BYTES: int | None = None  # None: the cap the caller passes (the loader's file size cap)
DEFAULT_CAP = 10 * 1024 * 1024
_CHUNK = 64 * 1024
_refresh_since: float | None = None  # set by refresh(): older cached copies are stale


def cache_dir() -> Path:
    env = os.environ.get("READER_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader", appauthor=False))


@dataclass(slots=True)
class Fetched:
    url: str
    final_url: str
    data: bytes
    content_type: str | None
    charset: str | None
    from_cache: bool = False
    fetched_at: float | None = None  # when the copy was downloaded (time.time()), if known
    warning: str | None = None  # a stale cached copy used because downloading it again failed


def refresh() -> None:
    """Download again every page cached before now, rather than read its cached copy."""
    global _refresh_since
    _refresh_since = time.time()


def _stale(f: Fetched) -> bool:
    return _refresh_since is not None and (f.fetched_at is None or f.fetched_at < _refresh_since)


class _SafeRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        if not is_url(newurl):
            raise urllib.error.URLError("redirected to a non-http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(), _SafeRedirect(), urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _cap(max_bytes: int | None = None) -> int:
    if MAX_BYTES is not None:
        return MAX_BYTES
    return DEFAULT_CAP if max_bytes is None else max_bytes


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _read_cache(url: str, max_bytes: int | None = None) -> Fetched | None:
    base = cache_dir() / "pages" / _key(url)
    try:
        meta = json.loads((base.with_suffix(".json")).read_text(encoding="utf-8"))
        data = base.with_suffix(".body").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("url") != url or len(data) > _cap(max_bytes):
        return None
    at = meta.get("fetched_at")
    at = float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else None
    return Fetched(url, str(meta.get("final_url") or url), data, meta.get("content_type"), meta.get("charset"), True, at)


def _write_cache(f: Fetched) -> None:
    folder = cache_dir() / "pages"
    base = folder / _key(f.url)
    meta = {"url": f.url, "final_url": f.final_url, "content_type": f.content_type, "charset": f.charset,
            "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(f.fetched_at)), "fetched_at": f.fetched_at}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, payload in ((".body", f.data), (".json", json.dumps(meta).encode())):
            tmp = base.with_suffix(f"{suffix}.{os.getpid()}.tmp")
            tmp.write_bytes(payload)
            os.replace(tmp, base.with_suffix(suffix))
    except OSError:
        pass  # no cache is not an error: the page was fetched


def fetch(url: str, *, timeout: float | None = None, use_cache: bool = True, max_bytes: int | None = None) -> Fetched:
    """Download ``url`` (or read it from the cache), at most ``max_bytes``. Raises LoadError on any failure."""
    name = display_path(url, 200)
    if not is_url(url):
        raise LoadError(f"{name}: not an http(s) address")
    cached = _read_cache(url, max_bytes) if use_cache else None
    if cached is not None and not _stale(cached):
        return cached
    try:
        fetched = _download(url, name, timeout, _cap(max_bytes))
    except LoadError as exc:
        if cached is None:
            raise
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(cached.fetched_at)) if cached.fetched_at else "earlier"
        cached.warning = f"{str(exc).removeprefix(name + ': ')}; the copy cached {when} is shown"
        return cached
    if use_cache:
        _write_cache(fetched)
    return fetched


def _download(url: str, name: str, timeout: float | None, cap: int) -> Fetched:
    timeout = TIMEOUT if timeout is None else timeout
    from reader import __version__

    request = urllib.request.Request(url, headers={
        "User-Agent": f"reader/{__version__} (article comparison)",
        "Accept": "text/html,application/xhtml+xml,text/plain,text/markdown,application/json;q=0.9,*/*;q=0.5",
    })
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > cap:
                raise LoadError(f"{name}: the page is {int(length):,} bytes, over the {cap_text(cap)} size limit")
            chunks: list[bytes] = []
            got = 0
            while True:
                if time.monotonic() > deadline:
                    raise LoadError(f"{name}: timed out after {timeout:g} s")
                chunk = resp.read(_CHUNK)
                if not chunk:
                    break
                got += len(chunk)
                if got > cap:
                    raise LoadError(f"{name}: the page is over the {cap_text(cap)} size limit")
                chunks.append(chunk)
            content_type = resp.headers.get_content_type() if resp.headers.get("Content-Type") else None
            charset = resp.headers.get_content_charset()
            final_url = resp.geturl() or url
    except LoadError:
        raise
    except urllib.error.HTTPError as exc:
        raise LoadError(f"{name}: HTTP {exc.code} {one_line(str(exc.reason or ''), 80)}".rstrip()) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise LoadError(f"{name}: timed out after {timeout:g} s") from None
        text = getattr(reason, "strerror", None) or str(reason)
        raise LoadError(f"{name}: cannot fetch ({one_line(text, 120)})") from None
    except (socket.timeout, TimeoutError):
        raise LoadError(f"{name}: timed out after {timeout:g} s") from None
    except (OSError, ValueError, UnicodeError) as exc:  # reset connections, bad URLs, bad headers
        raise LoadError(f"{name}: cannot fetch ({one_line(str(exc) or type(exc).__name__, 120)})") from None
    except Exception as exc:  # noqa: BLE001 - http.client's odd exceptions; never a traceback
        raise LoadError(f"{name}: cannot fetch ({type(exc).__name__})") from None
    return Fetched(url, final_url, b"".join(chunks), content_type, charset, fetched_at=time.time())

