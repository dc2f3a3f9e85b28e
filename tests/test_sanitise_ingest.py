"""Every outside string is sanitised where it enters, not only article text.

Hostile file and folder names (ESC/OSC and CSI sequences, BEL, C1 controls, U+202E, a
newline, invisible tag characters), JSON records, front matter and web-page metadata
carrying them, JSON fields of the wrong type, note text and notes imports holding them:
what reader prints (``compare`` as text, Markdown and JSON, ``notes list``/``export``,
error messages) and what the TUI shows (headers, article list, notifications, the
problems screen) carries none of them. The real path is still what is opened and what
JSON ``path`` holds (escaped by JSON).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.corpus import load as load_mod
from reader.corpus.discover import collect_paths
from reader.corpus.listing import peek
from reader.corpus.load import LoadError, build_article, load_article, load_articles
from reader.corpus.sanitize import clean_line, display_path, json_safe, one_line, sanitize
from reader.corpus.source import infer_source

ROOT = Path(__file__).resolve().parent.parent

# What must never reach a screen or a terminal: C0 (newline and tab only inside
# multi-line text), DEL, C1, bidi embeddings/overrides/isolates/marks, and the format
# characters that change display without being text. Written out here, not imported, so
# the test states the rule rather than repeating the code.
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
FORMAT = set("\ufeff\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u180e\ufff9\ufffa\ufffb") | {
    chr(c) for c in range(0xE0000, 0xE0080)
}
C0 = {chr(c) for c in range(0x20)}
C1 = {chr(c) for c in range(0x7F, 0xA0)}
NEVER = (C0 - {"\n", "\t"}) | C1 | BIDI | FORMAT  # in any output, multi-line text included
NEVER_IN_A_LINE = NEVER | {"\n", "\t", "\r", "\u2028", "\u2029"}

OSC = "\x1b]0;pwned\x07"  # sets the terminal's title
CSI = "\x1b[2J"  # clears the screen
C1_CSI = "\x9b31m"  # the one-byte CSI
RLO = "\u202e"  # right-to-left override
TAG = "\U000e0041\U000e0042"  # invisible tag characters (ASCII smuggling)
EVIL = f"{OSC}{CSI}{C1_CSI}{RLO}\u2066{TAG}\ufeff\x7f\x01"  # for texts (a NUL byte makes a file binary)
NAME_EVIL = f"{OSC}{RLO}\u2067{C1_CSI}{TAG}"  # for file names


def bad(text: str, *, line: bool = False) -> set[str]:
    """The characters of ``text`` that must not be there."""
    return set(text) & (NEVER_IN_A_LINE if line else NEVER)


def assert_clean_article(a) -> None:
    for field in (a.title, a.source, a.date or "", a.url or "", a.encoding or "", *a.warnings):
        assert not bad(field, line=True), (field, bad(field, line=True))
    assert not bad(a.text)
    for s in a.sentences:
        assert not bad(s.text)


# ------------------------------------------------------------------ the corpus
STORY = "The council said the bridge over the river would reopen on Monday. Repairs cost about 4 million dollars."
OTHER = "Officials said the river bridge reopens on Monday. The repairs cost 4 million dollars, the council said."


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A folder with a hostile name holding articles with hostile names and fields."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    load_mod.clear_cache()
    d = tmp_path / f"story {NAME_EVIL}\nfolder"
    d.mkdir()
    files = {
        "osc": d / f"x {OSC}.txt",  # the issue's example: source from the file name
        "rlo": d / f"y{RLO}evil\nname{C1_CSI}.txt",
        "md": d / f"z{CSI}\x07.md",
        "json": d / f"j{TAG}\u2066.json",
        "types": d / "types.json",
        "jsonl": d / f"k\x1b.jsonl",
        "html": d / f"h{RLO}.html",
        "binary": d / f"b{OSC}{RLO}.txt",
    }
    files["osc"].write_text(f"Bridge reopens\n\n{STORY}\n")
    files["rlo"].write_text(f"Bridge to reopen\n\n{OTHER}\n")
    files["md"].write_text(
        f"---\ntitle: \"Bridge {EVIL} reopens\"\nsource: Ledger{OSC}{RLO}\ndate: 2024-01-02{C1_CSI}\n"
        f"url: https://example.org/a{RLO}b\n---\n\n# Bridge {CSI}reopens\n\n{STORY} {EVIL}\n"
    )
    files["json"].write_text(json.dumps({
        "title": f"Bridge{EVIL}\nreopens", "source": f"Wire{OSC}\t{RLO}", "date": f"2024{CSI}-01-02",
        "url": f"https://example.org/{TAG}x", "text": f"{STORY}\n\n{EVIL} {OTHER}",
    }))
    files["types"].write_text(json.dumps({
        "title": 42, "headline": "ignored: title already given",
        "source": ["Wire\x1b"], "publisher": f"{RLO}\x1b\x07", "site_name": f"Site{RLO}",  # list skipped, empty skipped
        "date": {"y": 2024}, "published": True, "published_at": 1.5e9,
        "url": None, "link": f"\u2028https://example.org/\x9b", "text": STORY,
    }))
    files["jsonl"].write_text(
        json.dumps({"title": f"One {OSC}", "source": f"A{RLO}", "text": STORY}) + "\n"
        + '{"title": NaN, "source": Infinity, "date": "\\u001b[2J\\u202e", "text": "' + OTHER + '"}\n'
    )
    files["html"].write_text(
        "<!doctype html><html><head><title>Bridge &#x1b;]0;pwned&#x7; reopens &#x202e;soon</title>"
        f'<meta property="og:site_name" content="Ledger&#x1b;[31m&#8238;{RLO}Daily">'
        '<link rel="canonical" href="https://example.org/a&#x202e;b"></head><body><article>'
        f"<h1>Bridge reopens soon</h1><p>{STORY} It was closed &#x1b;[2J for a year.</p>"
        f"<p>{OTHER} Residents welcomed the news{RLO} on Monday.</p></article></body></html>"
    )
    files["binary"].write_bytes(b"\x00\x01\x02 binary")
    yield d, files
    load_mod.clear_cache()


def test_the_issue_example_source_from_a_file_name(corpus):
    _, f = corpus
    a = load_article(f["osc"])
    assert a.source == "x ]0;pwned", "ESC and BEL dropped, the printable rest kept literally"
    b = load_article(f["rlo"])
    assert b.source == "yevil name31m"
    assert a.path == str(f["osc"]), "the real path is kept to open the file again"


def test_every_article_and_field_is_clean(corpus):
    d, f = corpus
    paths, problems = collect_paths([str(d)])
    assert len(paths) == 9  # 8 files, the JSON Lines file listed once per record
    articles = []
    for p in paths:
        try:
            articles.append(load_article(p))
        except LoadError as exc:
            assert not bad(str(exc), line=True)
            assert "binary file" in str(exc) and "b?]0;pwned??" in str(exc)
    assert len(articles) == 8
    for a in articles:
        assert_clean_article(a)
    for p in problems:
        assert not bad(p, line=True)


def test_front_matter_fields(corpus):
    a = load_article(corpus[1]["md"])
    assert a.title == "Bridge ]0;pwned[2J31m reopens"
    assert (a.source, a.date, a.url) == ("Ledger]0;pwned", "2024-01-0231m", "https://example.org/ab")
    assert_clean_article(a)


def test_json_fields_and_non_string_types(corpus):
    _, f = corpus
    a = load_article(f["json"])
    assert a.title == "Bridge]0;pwned[2J31m reopens" and a.source == "Wire]0;pwned"
    assert a.date == "2024[2J-01-02" and a.url == "https://example.org/x"
    t = load_article(f["types"])
    assert t.title == "42", "a number is a title as text"
    assert t.source == "Site", "a list is passed over, a name with nothing printable too"
    assert t.date == "1500000000.0", "an object and a boolean are passed over"
    assert t.url == "https://example.org/"
    first, second = load_articles(f["jsonl"])
    assert (first.title, first.source) == ("One ]0;pwned", "A")
    assert second.title != "nan" and second.source not in ("inf", "Infinity"), "NaN and Infinity say nothing"
    assert second.date == "[2J"
    for art in (a, t, first, second):
        assert_clean_article(art)


def test_web_page_metadata_and_character_references(corpus):
    a = load_article(corpus[1]["html"])
    assert_clean_article(a)
    assert "It was closed [2J for a year." in a.text, "a page with &#x1b; is still read"
    assert a.source == "Ledger[31mDaily" and a.url == "https://example.org/ab"


def test_listing_titles_and_sources(corpus):
    d, _ = corpus
    paths, _ = collect_paths([str(d)])
    for p in paths:
        try:
            listing = peek(p)
        except LoadError as exc:
            assert not bad(str(exc), line=True)
            continue
        assert not bad(listing.title, line=True) and not bad(listing.source, line=True), listing


def test_source_from_folder_and_url_host():
    body = "Officials said the bridge would reopen."
    assert infer_source(body, f"/n/{OSC}Reuters{RLO}/0042.txt") == "]0;pwnedReuters"
    assert infer_source(body, f"/n/{RLO}\x1b/0042.txt") == "0042", "a folder of nothing printable names nothing"
    assert infer_source(body, f"https://www.ex{RLO}ample.org\x1b/a") == "example.org"
    assert infer_source(body, "/n/story#2.txt") == "story#2", "a '#' in a file name is part of it"
    assert infer_source(body, "/n/agency/wire.jsonl#3") == "wire"


# ------------------------------------------------------------------ messages
def test_error_messages_show_paths_safely(tmp_path):
    missing = tmp_path / f"gone {OSC}{RLO}\n.txt"
    with pytest.raises(LoadError) as e:
        load_article(missing)
    msg = str(e.value)
    assert not bad(msg, line=True)
    assert msg == f"{display_path(missing)}: no such file" and "gone ?]0;pwned???.txt" in msg
    paths, problems = collect_paths([str(missing), str(tmp_path)])
    assert not bad("".join(problems), line=True) and problems[0].endswith("no such file or folder")


def test_display_path_keeps_names_apart_and_recognisable():
    assert display_path("/a/x\x1b.txt") != display_path("/a/x.txt")
    assert display_path(f"/a/{RLO}txt.exe") == "/a/?txt.exe"
    assert display_path("/a/b\nc d\te.txt") == "/a/b?c d?e.txt"
    assert display_path("/a/caf\udce9.txt") == "/a/caf\ufffd.txt"
    assert display_path(Path("/a/plain name.txt")) == "/a/plain name.txt"
    assert display_path("x" * 400, 50) == "x" * 49 + "…"


def test_sanitisers():
    assert sanitize(f"a{EVIL}b\r\nc\td\u2028e") == "a]0;pwned[2J31mb\nc\td\ne"
    kept = "नमस्ते \u200c\u200d 👩\u200d💻 ﻿café"  # joiners that scripts and emoji need stay
    assert sanitize(kept) == kept.replace("\ufeff", "")
    assert clean_line(f" Reu\u200bters \n\t{RLO}Daily\u00ad ") == "Reuters Daily"
    assert clean_line(12) == "12" and one_line("x" * 10, 5) == "xxxx…"
    doc = {"path": f"/a/{RLO}{C1_CSI}\u2028{TAG}.txt", "n": 1}
    out = json_safe(json.dumps(doc, ensure_ascii=False))
    assert not bad(out) and json.loads(out) == doc, "escaped, not changed"


# ------------------------------------------------------------------ the CLI
def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "READER_EXIT_AFTER_FIRST_PAINT": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env=env)


def test_compare_text_output(corpus):
    _, f = corpus
    r = run("compare", str(f["osc"]), str(f["rlo"]))
    assert r.returncode == 0, r.stderr
    assert not bad(r.stdout) and not bad(r.stderr)
    assert "Bridge reopens — x ]0;pwned" in r.stdout


def markdown_without_paths(md: str, *paths: Path) -> str:
    """The report minus the paths it prints (the render layer's part, tested below)."""
    from reader.corpus.sanitize import display_path

    for p in paths:
        md = md.replace(display_path(str(p)).replace("`", ""), "")
    return md


@pytest.mark.parametrize("pair", [("osc", "rlo"), ("md", "json"), ("types", "html")])
def test_compare_markdown_output(corpus, pair):
    _, f = corpus
    r = run("compare", str(f[pair[0]]), str(f[pair[1]]), "--format", "markdown")
    assert r.returncode == 0, r.stderr
    assert not bad(markdown_without_paths(r.stdout, f[pair[0]], f[pair[1]])) and not bad(r.stderr)
    assert "(``)" in markdown_without_paths(r.stdout, f[pair[0]], f[pair[1]]), "the paths were taken out"


def test_compare_markdown_paths(corpus):
    _, f = corpus
    r = run("compare", str(f["osc"]), str(f["rlo"]), "--format", "markdown")
    assert not bad(r.stdout)


def test_compare_json_fields(corpus):
    _, f = corpus
    r = run("compare", str(f["md"]), str(f["osc"]), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["left"]["path"] == str(f["md"]) and doc["right"]["path"] == str(f["osc"]), "the real path"
    for side in ("left", "right"):
        for key in ("title", "source", "date", "url"):
            assert not bad(doc[side][key] or "", line=True), (side, key)
        assert not any(bad(s["text"]) for s in doc[side]["sentences"])


def test_compare_json_escapes_the_real_path(corpus):
    _, f = corpus
    r = run("compare", str(f["rlo"]), str(f["json"]), "--format", "json")
    assert not bad(r.stdout)


def test_cli_error_messages(corpus, tmp_path):
    d, f = corpus
    missing = str(tmp_path / f"nope {OSC}{RLO}\n.txt")
    for args in (
        ("compare", missing, str(f["osc"])),
        ("compare", str(d), str(f["binary"])),  # a folder, and a binary file, both with hostile names
        ("compare", str(f["osc"]), str(f["rlo"]), f"--x{OSC}"),  # argparse echoes the argument
        ("score-pairs", missing),
        (missing,),  # the TUI with nothing to open says why on stderr
    ):
        r = run(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert not bad(r.stderr) and r.stdout == ""
        assert "Traceback" not in r.stderr
        lines = r.stderr.splitlines()
        assert lines and all(line.startswith("reader") for line in lines), lines
    r = run("compare", missing, str(f["osc"]))
    assert r.stderr == f"reader: {display_path(missing)}: no such file\n"


def test_score_pairs_ids_stay_one_line(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(f"a\u2028b{OSC}{RLO}\tThe cat sat.\tThe cat sat.\n", encoding="utf-8")
    r = run("score-pairs", str(tsv))
    assert r.returncode == 0
    assert len(r.stdout.splitlines()) == 1 and not bad(r.stdout.split("\t")[0], line=True)


# ------------------------------------------------------------------ notes
@pytest.fixture
def noted(corpus):
    """A flag and a hostile note on the article with the issue's file name."""
    from reader.notes.store import NoteStore

    a = load_article(corpus[1]["osc"])
    with NoteStore.open() as store:
        n = store.add_or_update(a, a.sentences[1], flagged=True, note=f"check {EVIL}\nthis\tline")
        assert n.note == "check ]0;pwned[2J31m\nthis\tline", "newline and tab kept, nothing else"
    return a


def test_notes_list_and_export(noted, capsys, tmp_path):
    from reader.notes.cli import main

    assert main(["list"]) == 0
    out = capsys.readouterr()
    assert not bad(out.out) and not bad(out.err) and "x ]0;pwned" not in out.err
    assert len(out.out.splitlines()) == 1 and "check ]0;pwned[2J31m this line" in out.out
    assert main(["export"]) == 0
    out = capsys.readouterr()
    assert not bad(out.out) and not bad(out.err)
    [path_line] = [line for line in out.out.splitlines() if line.startswith("- **Path:**")]
    assert path_line.endswith("x ?\\]0;pwned?.txt"), "the path in its display form, Markdown-escaped"
    target = tmp_path / f"out{RLO}.json"
    assert main(["export", "--format", "json", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert not bad(err) and err == f"wrote {display_path(target)}\n"
    text = target.read_text(encoding="utf-8")
    assert not bad(text), "the JSON export escapes what a terminal would act on"
    [n] = json.loads(text)["notes"]
    assert n["article_path"] == os.path.abspath(noted.path), "the real path, escaped by JSON"
    assert n["article_source"] == "x ]0;pwned"


def test_notes_import_and_old_databases_are_cleaned(noted, capsys, tmp_path):
    from reader.notes.cli import main
    from reader.notes.store import NoteStore, data_dir

    with NoteStore.open() as store:
        doc = json.loads(store.export_json())
    item = doc["notes"][0]
    item.update(uid="u2" + TAG, article_title=f"T{EVIL}\nitle", article_source=f"S{RLO}rc",
                note=f"imported {EVIL}", updated=f"2099-01-01{CSI}", created=f"2000{OSC}",
                article_path=item["article_path"] + ".moved", status="orphaned")
    with NoteStore.open() as store:
        store.import_json(json.dumps(doc))
        imported = [n for n in store.all_notes() if n.uid == "u2"]
        assert imported, "the uid is cleaned too"
        n = imported[0]
        assert (n.article_title, n.article_source, n.updated) == ("T]0;pwned[2J31m itle", "Src", "2099-01-01[2J")
        assert n.note == "imported ]0;pwned[2J31m"
    # a database written before sanitising (or by hand) is cleaned when read
    conn = sqlite3.connect(data_dir() / "notes.sqlite3")
    conn.execute("UPDATE notes SET article_title = ?, sentence_text = ?, note = ?",
                 (f"Old {OSC}", f"Sentence {RLO}{CSI}.", f"note {C1_CSI}"))
    conn.commit()
    conn.close()
    for args in (["list"], ["export"], ["export", "--format", "json"]):
        assert main(args) == 0
        out = capsys.readouterr()
        assert not bad(out.out) and not bad(out.err), args
    with NoteStore.open() as store:
        titles = {a.title for a in store.articles()}
    assert titles == {"Old ]0;pwned"}


def test_undecodable_file_name_can_be_noted(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS refuses non-UTF-8 file names")
    from reader.notes.store import NoteStore

    raw = os.fsencode(tmp_path) + b"/caf\xe9\x1b.txt"
    with open(raw, "wb") as fh:
        fh.write(f"Bridge reopens\n\n{STORY}\n".encode())
    a = load_article(os.fsdecode(raw))
    assert a.source == "caf\ufffd"
    with NoteStore.open() as store:
        assert store.add_or_update(a, a.sentences[1], flagged=True) is not None, "SQLite never sees a surrogate"
        assert store.get_for_article(a)


# ------------------------------------------------------------------ the TUI
async def test_tui_shows_none_of_it(corpus):
    pytest.importorskip("textual")
    from pilot import on_screen
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_list import ArticleList
    from reader.tui.widgets.headers import HeaderBar

    d, _ = corpus
    paths, problems = collect_paths([str(d)])
    app = ReaderApp([str(p) for p in paths], problems=problems)
    async with app.run_test(size=(160, 40)) as pilot:
        await on_screen(app, pilot)  # the folder opened
        screen = app.screen
        seen: list[str] = []
        for _ in range(len(app.articles)):
            header = screen.query_one(HeaderBar)
            seen += [header.text("left"), header.text("right"), str(screen.query_one("#status").render())]
            await pilot.press("]")
            await app.workers.wait_for_complete()
            await pilot.pause()
        lst = screen.query_one(ArticleList)
        seen += [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]
        seen += [f"{n.title} {n.message}" for n in app._notifications]
        assert any("x ]0;pwned" in s for s in seen), "the issue's source name is shown, cleaned"
        await pilot.press("w")
        await pilot.pause()
        seen.append(str(app.screen.query_one("#problems-text").render()))
        assert "b?]0;pwned??.txt" in seen[-1] or "b?]0;pwned??" in seen[-1]
        for s in seen:
            lines = s.split("\n")
            assert not any(bad(line, line=True) for line in lines), s


# ------------------------------------------------------------------ fuzzing
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])
name_chars = st.sampled_from(sorted(NEVER - {"\x00"}) + list("ab .#-_\n\t") + ["\u200b", "\u00ad", "é", "👩", "\u200d"])
names = st.lists(name_chars, min_size=1, max_size=40).map("".join).filter(lambda s: s not in (".", ".."))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(alphabet=name_chars, max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@FUZZ
@given(names, names)
def test_fuzz_file_and_folder_names(tmp_path_factory, folder, name):
    d = tmp_path_factory.mktemp("fuzz") / folder
    d.mkdir(exist_ok=True)
    p = d / f"{name}.txt"
    p.write_text(f"Headline\n\n{STORY}\n")
    a = load_article(p)
    assert_clean_article(a)
    assert a.source and not bad(a.source, line=True)
    assert not bad(display_path(p), line=True)
    listing = peek(p)
    assert not bad(listing.title, line=True) and not bad(listing.source, line=True)


@FUZZ
@given(st.dictionaries(st.sampled_from(["title", "headline", "source", "publisher", "site_name", "date",
                                        "published", "url", "link"]), json_values, max_size=6))
def test_fuzz_json_record_fields(tmp_path_factory, fields):
    p = tmp_path_factory.mktemp("fuzzj") / "r.json"
    p.write_text(json.dumps({**fields, "text": STORY}), encoding="utf-8")
    a = load_article(p)
    assert_clean_article(a)
    for v in (a.title, a.source, a.date, a.url):
        assert v is None or (v == v.strip() and "  " not in v)
    assert a.date is None or a.date not in ("True", "False", "nan", "inf", "-inf")


@FUZZ
@given(st.text(alphabet=name_chars, max_size=60))
def test_fuzz_build_article_metadata(meta):
    a = build_article(f"Headline\n\n{STORY}", f"/x/{meta}/{meta}.txt", title=meta or None, source=meta or None,
                      date=meta, url=meta, encoding=meta)
    assert_clean_article(a)
