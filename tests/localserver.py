"""A local HTTP server for tests that fetch pages (no network): ``yield from serve(Handler)`` in
a fixture gives its base URL and shuts it down afterwards."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator


def serve(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
