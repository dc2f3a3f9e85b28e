"""Make untrusted article text safe to keep, show and export.

Line ends become ``\\n``; C0 controls other than newline and tab, DEL, C1 controls and
bidirectional override/isolate characters are removed. What remains is shown as plain
text everywhere (never parsed as markup).
"""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\ufff9-\ufffb]"
)


def sanitize(text: str) -> str:
    """Normalise line ends and drop control and bidi-override characters."""
    return _CONTROLS.sub("", _NEWLINES.sub("\n", text))


def one_line(text: str, limit: int = 200) -> str:
    """A sanitised single line (for messages and labels), shortened to ``limit`` chars."""
    flat = " ".join(sanitize(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
