"""Turn the bytes of an untrusted file into text, saying which encoding was used.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then NUL bytes mean a binary file
(unless the bytes are plainly BOM-less UTF-16); then strict UTF-8; only when UTF-8 fails is
charset-normalizer imported (lazily) to guess a legacy encoding, and the guess is reported
as a warning. Text that decodes but is mostly control characters is refused as binary.
"""

from __future__ import annotations

import re

from reader.corpus.errors import LoadError
from reader.record import Record

BINARY = "binary file, skipped"

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
# Controls that never occur in text (tab, newline, form feed, CR, ESC excluded: ESC is
# common in pasted terminal output and is sanitised away later, not a sign of binary), and
# U+FFFD, counted apart: a class holding it as well would cost ~0.25 ms to compile.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class Decoded(Record):
    __slots__ = ("text", "encoding", "warnings")

    def __init__(self, text: str, encoding: str, warnings: list[str] | None = None):
        self.text = text
        self.encoding = encoding
        self.warnings = [] if warnings is None else warnings


def decode_bytes(data: bytes, name: str = "<input>", declared: str | None = None) -> Decoded:
    """Decode ``data``; raises LoadError (``"<name>: binary file, skipped"``) for binaries.

    ``declared`` is an encoding named by the container (an HTTP header); it is tried
    after the BOM and before guessing.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise LoadError(f"{name}: invalid {label.upper()} text") from None
            return _check(Decoded(text, label), name)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise LoadError(f"{name}: {BINARY}")
        return _check(utf16, name)
    try:
        return _check(Decoded(data.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _check(Decoded(data.decode(declared), declared), name)
        except (UnicodeDecodeError, LookupError):
            pass
    return _check(_guess_legacy(data), name)


def _check(decoded: Decoded, name: str) -> Decoded:
    text = decoded.text
    sample = text[:65536]
    if sample and len(_BINARY_CONTROLS.findall(sample)) + sample.count("\ufffd") > max(8, len(sample) // 20):
        raise LoadError(f"{name}: {BINARY}")
    return decoded


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: mostly ASCII text leaves NULs in every other byte."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    pairs = len(sample) // 2
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    codec = "utf-16-be" if even > 0.7 * pairs and odd == 0 else "utf-16-le" if odd > 0.7 * pairs and even == 0 else None
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return Decoded(text, codec, [f"decoded as {codec} (assumed: no byte-order mark)"])


def _mostly_latin(text: str) -> bool:
    import unicodedata

    letters = [c for c in text[:20000] if c.isalpha() and ord(c) > 127]
    if not letters:
        return True
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin >= 0.8 * len(letters)


def _guess_legacy(data: bytes) -> Decoded:
    """Not UTF-8: guess a legacy single-byte encoding; cp1252 is preferred for Latin text.

    charset-normalizer tells scripts apart well (Cyrillic, Greek, …) but often picks a
    rare Latin code page (cp1250, mac_iceland) for short Western text where cp1252, by
    far the most common legacy encoding, gives the same or better letters.
    """
    guess: str | None = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
        if best is not None and not _mostly_latin(str(best)):
            guess = best.encoding
    except Exception:  # noqa: BLE001 - a guesser failure falls back to cp1252
        guess = None
    if guess:
        try:
            return Decoded(data.decode(guess), guess, [f"decoded as {guess} (assumed)"])
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252", ["decoded as cp1252 (assumed)"])
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return Decoded(text, "cp1252", ["decoded as cp1252 (assumed; some bytes could not be decoded)"])
