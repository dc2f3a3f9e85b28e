"""One ``is_url`` and one resolver of ``FILE.jsonl#N`` (reader/corpus/formats.py), used by
every module that tells a URL from a path or a record from a file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from reader.corpus import discover, fetch, formats, listing, load
from reader.corpus.formats import is_url, resolve_record_ref

ROOT = Path(__file__).resolve().parent.parent


def test_one_definition_of_each():
    from reader.notes import cli as notes_cli
    from reader.notes import store

    for module in (load, fetch, discover, listing, store, notes_cli):
        assert getattr(module, "is_url", is_url) is is_url, module.__name__
    for module in (load, discover, listing, store, notes_cli):
        assert getattr(module, "resolve_record_ref", resolve_record_ref) is resolve_record_ref, module.__name__
    # and nowhere a copy of either: a scheme test, or a "#" split of a path into file and record
    copies = re.compile(r'def _?is_url\b|\("http://", "https://"\)|rpartition\("#"\)|lexists\(ref\[0\]\)')
    found = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "reader").rglob("*.py"))
             if p.name != "formats.py" and copies.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_is_url():
    assert is_url("https://example.org/a") and is_url("HTTP://example.org")
    assert not is_url("ftp://example.org/a") and not is_url("story/http.txt") and not is_url(None)


def test_the_resolver(tmp_path):
    records = tmp_path / "wire.jsonl"
    records.write_text("\n".join(json.dumps({"title": f"T{k}", "text": f"Story {k} text."}) for k in (1, 2)) + "\n")
    named = tmp_path / "odd.jsonl#2"  # a file whose own name ends like a record reference
    named.write_text("Odd\n\nA file named like a record, read as text.")
    plain = tmp_path / "notes.txt"
    plain.write_text("Title\n\nBody.")
    assert resolve_record_ref(f"{records}#2") == (str(records), 2)
    assert resolve_record_ref(str(named)) == (str(named), None), "the file itself wins"
    assert resolve_record_ref(f"{plain}#2") == (f"{plain}#2", None), "only JSON files hold records"
    assert resolve_record_ref(f"{tmp_path}/missing.jsonl#2") == (f"{tmp_path}/missing.jsonl#2", None)
    # the loader, the lister, the finder and the notes agree on what each path is
    from reader.notes.cli import _existing
    from reader.notes.store import _exists

    for path, title in ((f"{records}#2", "T2"), (str(named), "Odd")):
        assert load.load_article(path).title == title
        assert listing.peek(path).title == title
        found, problems = discover.collect_paths([path])
        assert [str(p) for p in found] == [path] and not problems
        assert _exists(path) and _existing([path]) == [path]
    assert not _exists(f"{tmp_path}/missing.jsonl#2") and _existing([f"{tmp_path}/missing.jsonl#2"]) == []
