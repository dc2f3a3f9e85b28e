"""A hostile corpus, built per test: every bad shape of input, and what reader does with it.

Encodings (BOMs, UTF-16, cp1252, CR/CRLF), a 1 MB single line, empty and over-cap files,
binaries, unreadable files, FIFOs, broken links and link loops, markup and terminal
escape injection, bidi overrides; the CLI's lines and exit codes; hypothesis fuzzing of
loading, splitting and matching; the TUI opening the whole folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.corpus import load as load_mod
from reader.corpus.decode import decode_bytes
from reader.corpus.discover import collect_paths
from reader.corpus.load import LoadError, build_article, load_article

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "seeds" / "000_02039fd6f0b24f5a.txt")
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
CAP = 2 * 1024 * 1024

STORY = ("Bridge reopens after repairs\n\nThe council said the bridge over the river would reopen on Monday. "
         "Repairs cost about 4 million dollars.\n\nResidents welcomed the news.\n")
FRENCH = ("Le café rouvre après les travaux\n\nLe maire a déclaré que la façade était rénovée. "
          "Les élèves de l’école ont célébré l’événement à côté du théâtre.\n")
MARKUP = ("[@click=app.quit]boom[/] headline [/x]\n\n"
          "The mayor \x1b]0;title\x07said \x1b[2Jthe plan was \u202eapproved\u202c on Monday. "
          "A second [bold]sentence[/bold] follows with [link=https://evil.example]a link[/link].\n")
CONTROL = set(chr(c) for c in range(0x20) if c not in (9, 10)) | {"\x7f"} | set(chr(c) for c in range(0x80, 0xA0)) \
    | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """The hostile folder; the size cap is lowered to 2 MB so the over-cap file stays small."""
    monkeypatch.setattr(load_mod, "MAX_BYTES", CAP)
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    load_mod.clear_cache()
    d = tmp_path / "hostile"
    d.mkdir()
    (d / "utf8.txt").write_text(STORY, encoding="utf-8")
    (d / "utf8_bom.txt").write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    (d / "utf16_bom.txt").write_bytes(STORY.encode("utf-16"))  # BOM + native order
    (d / "utf16be_bom.txt").write_bytes(b"\xfe\xff" + STORY.encode("utf-16-be"))
    (d / "cp1252.txt").write_bytes(FRENCH.encode("cp1252"))
    (d / "crlf.txt").write_bytes(STORY.replace("\n", "\r\n").encode())
    (d / "cr.txt").write_bytes(STORY.replace("\n", "\r").encode())
    line = ("Officials said the bridge over the river would reopen next spring after repairs. " * 13000)[:1_000_000]
    (d / "one_line.txt").write_text(line)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\n\t\n")
    (d / "over_cap.txt").write_bytes(b"a" * (CAP + 1))
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (d / "nul.txt").write_bytes(b"Headline\n\nText with a \x00 NUL byte in it.\n")
    (d / "markup.txt").write_text(MARKUP)
    (d / "unreadable.txt").write_text(STORY)
    (d / "unreadable.txt").chmod(0)
    (d / "broken.txt").symlink_to(d / "does-not-exist.txt")
    (d / "loop_a.txt").symlink_to(d / "loop_b.txt")
    (d / "loop_b.txt").symlink_to(d / "loop_a.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "fifo.txt")
    (d / ".hidden.txt").write_text(STORY)
    (d / ".git").mkdir()
    (d / ".git" / "inside.txt").write_text(STORY)
    (d / "photo.png").write_bytes(b"\x89PNG\r\n")
    (d / "notes.docx").write_bytes(b"PK\x03\x04")
    sub = d / "sub" / "deeper"
    sub.mkdir(parents=True)
    (sub / "nested.md").write_text("# Nested headline\n\nA nested article with one sentence.\n")
    (d / "linked_dir").symlink_to(d / "sub", target_is_directory=True)
    yield d
    (d / "unreadable.txt").chmod(0o644)
    load_mod.clear_cache()


def load(d: Path, name: str):
    return load_article(d / name)


def no_controls(s: str) -> bool:
    return not (set(s) & CONTROL)


# ----------------------------------------------------------------- encodings
@pytest.mark.parametrize("name, encoding", [
    ("utf8.txt", "utf-8"), ("utf8_bom.txt", "utf-8-sig"), ("utf16_bom.txt", "utf-16"),
    ("utf16be_bom.txt", "utf-16"), ("crlf.txt", "utf-8"), ("cr.txt", "utf-8"),
])
def test_unicode_files_and_line_ends_read_the_same(hostile, name, encoding):
    a = load(hostile, name)
    ref = build_article(STORY, "ref.txt")
    assert a.encoding == encoding
    assert [s.text for s in a.sentences] == [s.text for s in ref.sentences]
    assert a.title == "Bridge reopens after repairs"
    assert "\r" not in a.text and "\ufeff" not in a.text
    assert a.warnings == []


def test_cp1252_is_detected_and_named(hostile):
    a = load(hostile, "cp1252.txt")
    assert a.title == "Le café rouvre après les travaux"
    assert "Les élèves de l’école ont célébré l’événement à côté du théâtre." in [s.text for s in a.sentences]
    assert a.encoding == "cp1252"
    assert "decoded as cp1252 (assumed)" in a.warnings


@pytest.mark.parametrize("text, encoding", [
    ("Президент заявил в среду, что реформа будет представлена в феврале. Министры согласились.", "cp1251"),
    ("Ο πρόεδρος δήλωσε την Τετάρτη ότι η μεταρρύθμιση θα παρουσιαστεί τον Φεβρουάριο.", "cp1253"),
    ("Die Größe der Brücke überrascht: Müller sagt, sie sei schön.", "cp1252"),
])
def test_legacy_encodings_are_guessed(text, encoding):
    d = decode_bytes(text.encode(encoding), "x.txt")
    assert d.text == text
    assert any("(assumed)" in w and d.encoding in w for w in d.warnings)


def test_bomless_utf16_is_read():
    d = decode_bytes(STORY.encode("utf-16-le"), "x.txt")
    assert d.text == STORY and d.encoding == "utf-16-le" and d.warnings


def test_one_megabyte_single_line_loads_quickly(hostile):
    t = time.perf_counter()
    a = load(hostile, "one_line.txt")
    elapsed = time.perf_counter() - t
    assert len(a.sentences) > 10_000, "a long first line is split, not one giant headline"
    assert len(a.title) <= 300
    assert elapsed < 10, f"took {elapsed:.1f} s"


# ----------------------------------------------------------- odd shapes
@pytest.mark.parametrize("name", ["empty.txt", "blank.txt"])
def test_empty_files_are_listed_as_empty(hostile, name):
    a = load(hostile, name)
    assert a.sentences == [] and a.body_sentences == []
    assert "empty" in a.warnings
    assert a.title == "(empty file)"


def test_over_cap_is_refused_with_the_cap_named(hostile):
    with pytest.raises(LoadError) as e:
        load(hostile, "over_cap.txt")
    assert "2 MB" in str(e.value) and "over_cap.txt" in str(e.value)


@pytest.mark.parametrize("name", ["binary.txt", "nul.txt"])
def test_binary_files_are_skipped(hostile, name):
    with pytest.raises(LoadError, match="binary file, skipped"):
        load(hostile, name)


def test_unreadable_file(hostile, monkeypatch):
    if ROOT_USER:  # root reads files whatever their mode: the system refuses as it would a user
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if str(path).endswith("unreadable.txt"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(load_mod.os, "open", refuse)
    with pytest.raises(LoadError, match="permission denied"):
        load(hostile, "unreadable.txt")


@pytest.mark.parametrize("name, needle", [
    ("broken.txt", "broken symbolic link"),
    ("loop_a.txt", "symbolic link loop"),
    ("fifo.txt", "not a regular file"),
    ("sub", "is a folder"),
    ("missing.txt", "no such file"),
])
def test_unopenable_paths(hostile, name, needle):
    if name == "fifo.txt" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    t = time.perf_counter()
    with pytest.raises(LoadError) as e:
        load(hostile, name)
    assert needle in str(e.value) and "\n" not in str(e.value)
    assert time.perf_counter() - t < 2, "a FIFO never blocks"


# ------------------------------------------------------------- injection
def test_markup_and_escapes_are_kept_as_inert_text(hostile):
    a = load(hostile, "markup.txt")
    for s in [a.title, a.text, a.source, *(x.text for x in a.sentences)]:
        assert no_controls(s)
    assert a.title == "[@click=app.quit]boom[/] headline [/x]", "shown literally, never parsed as markup"
    assert "]0;title" in a.text and "[2J" in a.text, "ESC dropped, the printable rest shown literally"
    assert "approved" in a.text and "\u202e" not in a.text
    for s in a.sentences:
        assert a.text[s.start:s.end] == s.text


def test_hostile_file_names_are_sanitised_in_messages(tmp_path):
    evil = tmp_path / "evil\x1b[2J\u202ename.txt"
    evil.write_bytes(b"\x00binary")
    with pytest.raises(LoadError) as e:
        load_article(evil)
    assert no_controls(str(e.value))


# --------------------------------------------------------------- listing
def test_folder_listing(hostile):
    paths, problems = collect_paths([str(hostile)])
    names = sorted(os.path.relpath(str(p), hostile) for p in paths)
    expected = ["binary.txt", "blank.txt", "cp1252.txt", "cr.txt", "crlf.txt", "empty.txt", "markup.txt",
                "nul.txt", "one_line.txt", "sub/deeper/nested.md", "utf16_bom.txt", "utf16be_bom.txt",
                "utf8.txt", "utf8_bom.txt"]
    if ROOT_USER:
        expected.append("unreadable.txt")
    assert names == sorted(expected), "hidden, unsupported, linked folders and bad entries left out"
    text = "\n".join(problems)
    assert "broken.txt: broken symbolic link, skipped" in text
    assert "loop_a.txt: symbolic link loop, skipped" in text and "loop_b.txt: symbolic link loop, skipped" in text
    assert "over_cap.txt" in text and "2 MB" in text
    if hasattr(os, "mkfifo"):
        assert "fifo.txt: not a regular file, skipped" in text
    if not ROOT_USER:
        assert "unreadable.txt: permission denied, skipped" in text
    assert all("\n" not in p for p in problems)
    assert not any("photo.png" in p or "hidden" in p or "notes.docx" in p for p in problems), "skipped silently"


def test_every_listed_file_loads_or_fails_in_one_line(hostile):
    paths, _ = collect_paths([str(hostile)])
    loaded, failed = [], []
    for p in paths:
        try:
            loaded.append(load_article(str(p)))
        except LoadError as exc:
            failed.append(str(exc))
    assert len(loaded) >= 11
    assert sorted(Path(m.split(":")[0]).name for m in failed) == ["binary.txt", "nul.txt"]


def test_two_thousand_files_list_fast(tmp_path):
    d = tmp_path / "many"
    for i in range(20):
        sub = d / f"part{i:02d}"
        sub.mkdir(parents=True)
        for j in range(100):
            (sub / f"article{j:03d}.txt").write_text(f"Headline {i} {j}\n\nBody sentence number {j}.\n")
    t = time.perf_counter()
    paths, problems = collect_paths([str(d)])
    elapsed = time.perf_counter() - t
    assert len(paths) == 2000 and problems == []
    assert elapsed < 1.0, f"listing took {elapsed:.2f} s"


def test_loading_is_cached_by_path_mtime_and_size(tmp_path):
    load_mod.clear_cache()
    p = tmp_path / "a.txt"
    p.write_text(STORY)
    first = load_article(p)
    first.sentences[1].boilerplate = True  # callers may mutate their copy
    second = load_article(p)
    assert second is not first and second.sentences[1].boilerplate is False
    assert [s.text for s in second.sentences] == [s.text for s in first.sentences]
    p.write_text(STORY.replace("Monday", "Friday, after a long delay"))
    assert "Friday" in load_article(p).text, "a changed file is read again"


# ------------------------------------------------------------------- CLI
def reader(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env={**os.environ, "READER_EXIT_AFTER_FIRST_PAINT": "1"})


def test_cli_compare_warns_and_succeeds(hostile):
    r = reader("compare", str(hostile / "cp1252.txt"), str(hostile / "markup.txt"))
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == f"reader: warning: {hostile / 'cp1252.txt'}: decoded as cp1252 (assumed)"
    assert "\x1b" not in r.stdout and "\u202e" not in r.stdout
    assert "[@click=app.quit]boom[/]" in r.stdout


def test_cli_compare_problems_one_line_each(hostile):
    r = reader("compare", str(hostile / "binary.txt"), str(hostile / "broken.txt"))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert lines == [f"reader: {hostile / 'binary.txt'}: binary file, skipped",
                     f"reader: {hostile / 'broken.txt'}: broken symbolic link"]
    assert r.stdout == ""


def test_cli_compare_empty_file(hostile):
    r = reader("compare", str(hostile / "empty.txt"), SEED, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "empty" in r.stderr and "Traceback" not in r.stderr


def test_cli_open_with_nothing_usable(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "broken.txt").symlink_to(d / "gone.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    r = reader(str(d), str(tmp_path / "missing.md"))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("reader: ") for line in lines)
    assert "Traceback" not in r.stderr


# ------------------------------------------------------------------ fuzzing
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
hostile_chars = st.characters(codec=None, exclude_categories=("Cs",)) | st.sampled_from(
    list("\x00\x1b\x07\r\n\t\x85\u2028\u202e\u2066[]/@=.!?\"'") + ["[@click=app.quit]", "[/x]", "\x1b[2J", "\r\n"])
hostile_text = st.lists(hostile_chars, max_size=400).map("".join)


@FUZZ
@given(hostile_text)
def test_fuzz_build_article(text):
    a = build_article(text, "fuzz.txt")
    assert no_controls(a.text) and no_controls(a.title) and no_controls(a.source)
    covered = [False] * len(a.text)
    last = -1
    for k, s in enumerate(a.sentences):
        assert s.id == k and a.text[s.start:s.end] == s.text and s.start >= last
        last = s.end
        for i in range(s.start, s.end):
            covered[i] = True
    assert all(covered[i] or a.text[i].isspace() for i in range(len(a.text))), "sentences cover the text"


@FUZZ
@given(st.binary(max_size=600), st.sampled_from(["txt", "md", "html", "json", "jsonl", "dat"]))
def test_fuzz_load_any_bytes(tmp_path_factory, data, suffix):
    p = tmp_path_factory.mktemp("fuzz") / f"f.{suffix}"
    p.write_bytes(data)
    try:
        a = load_article(p)
    except LoadError as exc:
        assert "\n" not in str(exc) and no_controls(str(exc))
    else:
        assert no_controls(a.text) and no_controls(a.title)


@FUZZ
@given(hostile_text, hostile_text)
def test_fuzz_compare_invariants(a, b):
    from reader.engine.compare import compare

    c = compare(build_article(a, "a.txt"), build_article(b, "b.txt"))
    left = [i for r in c.rows for i in r.left]
    right = [j for r in c.rows for j in r.right]
    assert sorted(left) == list(range(len(c.left.sentences)))
    assert sorted(right) == list(range(len(c.right.sentences)))


# ---------------------------------------------------------------------- TUI
async def test_tui_opens_the_hostile_folder_and_stays_responsive(hostile):
    pytest.importorskip("textual")
    from pilot import on_screen
    from reader.tui.app import ReaderApp

    paths, problems = collect_paths([str(hostile)])
    app = ReaderApp([str(p) for p in paths], problems=problems)
    async with app.run_test(size=(140, 40)) as pilot:
        await on_screen(app, pilot)  # the folder opened
        assert len(app.articles) >= 11
        assert len(app._notifications) == 1, "one notification summarises what was skipped"
        await pilot.press("j", "j", "k", "s", "b", "]", "]", "}", "pagedown", "G", "g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.return_code is None, "markup in titles never runs an action"
        titles = [a.title for a in app.articles]
        assert "[@click=app.quit]boom[/] headline [/x]" in titles


def test_lone_surrogates_never_reach_the_screen(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text('{"title": "Bad \\ud800 title", "source": "\\udfff", "text": "Body \\ud83d text."}\n')
    a = load_article(p)
    for s in (a.title, a.source, a.text):
        s.encode("utf-8")  # would raise on a lone surrogate


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_undecodable_file_name(tmp_path):
    raw = os.fsencode(tmp_path) + b"/bad\xff\x1bname.txt"
    with open(raw, "wb") as fh:
        fh.write(b"\x00binary")
    paths, problems = collect_paths([str(tmp_path)])
    assert len(paths) == 1 and problems == []
    with pytest.raises(LoadError) as e:
        load_article(paths[0])
    str(e.value).encode("utf-8")
    assert no_controls(str(e.value))


def test_peek_lists_without_parsing(hostile):
    from reader.corpus.listing import peek

    paths, _ = collect_paths([str(hostile)])
    for p in paths:
        try:
            listing = peek(p)
        except LoadError as exc:
            assert "\n" not in str(exc)
            continue
        assert no_controls(listing.title) and no_controls(listing.source)
    assert peek(hostile / "empty.txt").empty
    assert peek(hostile / "markup.txt").title == "[@click=app.quit]boom[/] headline [/x]"
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        full, quick = load_article(seed), peek(seed)
        assert (quick.title, quick.source) == (full.title, full.source)


def test_two_thousand_files_peek_fast(tmp_path):
    from reader.corpus.listing import peek

    d = tmp_path / "many"
    d.mkdir()
    text = Path(SEED).read_text(encoding="utf-8")
    for i in range(2000):
        (d / f"a{i:04d}.txt").write_text(text)
    t = time.perf_counter()
    paths, _ = collect_paths([str(d)])
    listings = [peek(p) for p in paths]
    elapsed = time.perf_counter() - t
    assert len(listings) == 2000
    assert elapsed < 4.0, f"listing 2,000 articles took {elapsed:.2f} s"
