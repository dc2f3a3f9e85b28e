"""`reader stories` and `reader story` from the command line: shapes, formats, errors, agreement
with `reader compare`, hostile text, the user's flags and notes in every report, and dispatch of
command names versus paths."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from story_files import BRIDGE, CHOIR, write_article, write_story

from reader.corpus.load import load_article
from reader.notes.store import NoteStore

ROOT = Path(__file__).resolve().parent.parent


def reader(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


@pytest.fixture
def pile(tmp_path) -> tuple[list[Path], list[Path]]:
    return write_story(tmp_path / "bridge"), write_story(tmp_path / "choir", CHOIR, "choir")


@pytest.fixture
def bridge(tmp_path) -> list[Path]:
    return write_story(tmp_path / "bridge")


def story_json(*paths: Path | str) -> dict:
    r = reader("story", *map(str, paths), "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# ---------------------------------------------------------------------- reader stories
def test_stories_json_groups_a_mixed_pile_and_skips_unreadable_files(pile, tmp_path):
    bridge, choir = pile
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02 binary")
    r = reader("stories", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "json")
    assert r.returncode == 0, r.stderr
    problems = r.stderr.strip().splitlines()
    assert len(problems) == 2 and "missing.txt" in r.stderr and "junk.txt" in r.stderr  # one line each
    d = json.loads(r.stdout)
    assert set(d) >= {"stories"}
    for s in d["stories"]:
        assert isinstance(s["id"], int) and isinstance(s["title"], str) and s["title"]
        for a in s["articles"]:
            assert isinstance(a["path"], str) and isinstance(a["title"], str) and isinstance(a["source"], str)
    placed = [Path(a["path"]).name for s in d["stories"] for a in s["articles"]]
    assert sorted(placed) == sorted(p.name for p in bridge + choir), "every readable article in exactly one story"
    groups = sorted(sorted(Path(a["path"]).name.split("-")[0] for a in s["articles"]) for s in d["stories"])
    assert groups == [["bridge"] * 3, ["choir"] * 2]
    assert [s["id"] for s in d["stories"]] == [1, 2]
    for s in d["stories"]:
        assert s["title"] in {a["title"] for a in s["articles"]}


def test_stories_text_lists_each_story_with_outlets_count_and_articles(pile, tmp_path):
    r = reader("stories", str(tmp_path), "--width", "120")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("2 stories from 5 articles")
    assert "3 articles · City Herald, Valley Post, Metro Daily" in out  # by date: the Herald ran it first
    assert "2 articles · Valley Post, City Herald" in out
    for title, *_ in BRIDGE + CHOIR:
        assert title in out
    assert "2024-06-03  Crack in girder shuts Tarrow Bridge" in out


@pytest.mark.parametrize("command", ["stories", "story"])
def test_nothing_readable_is_one_line_and_exit_2(command, tmp_path):
    r = reader(command, str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and "no such file" in lines[0] and "no article could be read" in lines[1]
    r = reader(command, "--format", "pdf", str(tmp_path))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "invalid choice" in r.stderr


# ---------------------------------------------------------------------- reader story: JSON
def test_story_json_shape(bridge):
    d = story_json(*bridge)
    assert {"articles", "pairs", "facts", "coverage"} <= d.keys()
    arts = d["articles"]
    assert [a["id"] for a in arts] == [0, 1, 2]
    assert [a["date"] for a in arts] == ["2024-06-03", "2024-06-04", "2024-06-05"], "ordered by date"
    assert d["title"] in {a["title"] for a in arts}
    for a in arts:
        assert {"path", "title", "source", "date", "sentences"} <= a.keys()
        for k, s in enumerate(a["sentences"]):
            assert s["id"] == k and isinstance(s["text"], str) and isinstance(s["boilerplate"], bool)
            assert s["flagged"] is False and s["note"] is None
    n = len(arts)
    assert len(d["pairs"]) == n * (n - 1) // 2
    assert [p["similarity"] for p in d["pairs"]] == sorted((p["similarity"] for p in d["pairs"]), reverse=True)
    for p in d["pairs"]:
        assert 0 <= p["left"] < p["right"] < n and 0 <= p["similarity"] <= 1
        assert {"link_count", "left_unique", "right_unique"} <= p.keys() and p["link_count"] == len(p["links"])
        assert all(isinstance(link["conflicts"], list) for link in p["links"])
        assert 0 <= p["left_copied"] <= 1 and 0 <= p["right_copied"] <= 1
    assert isinstance(d["quotes"], list) and isinstance(d["conflicts"], list) and isinstance(d["derived"], list)
    ids = [f["id"] for f in d["facts"]]
    assert ids == list(range(1, len(ids) + 1))
    for f in d["facts"]:
        assert isinstance(f["text"], str) and f["articles"] == sorted({s["article"] for s in f["sentences"]})
        assert set(f["kinds"]) == {str(a) for a in f["articles"]}
        texts = [arts[s["article"]]["sentences"][s["sentence"]]["text"] for s in f["sentences"]]
        assert f["text"] in texts
        assert f["reported_by"] == ("all" if len(f["articles"]) == n else "one" if len(f["articles"]) == 1 else "some")
        for s in f["sentences"]:  # the sentence lists its fact
            assert f["id"] in arts[s["article"]]["sentences"][s["sentence"]]["facts"]
    assert [c["article"] for c in d["coverage"]] == list(range(n))
    for c in d["coverage"]:
        assert c["facts"] == sum(1 for f in d["facts"] if c["article"] in f["articles"])
        assert c["exclusive"] == sum(1 for f in d["facts"] if f["articles"] == [c["article"]])
    # the facts everyone reports: the mayor's promise is one of them
    everyone = [f for f in d["facts"] if f["reported_by"] == "all"]
    assert any("Ilse Varga" in f["text"] for f in everyone)
    only = {arts[f["articles"][0]]["source"]: f["text"] for f in d["facts"] if f["reported_by"] == "one"}
    assert "ferry" in only["Metro Daily"] and "2.5 million" in only["City Herald"]


def test_facts_of_a_pair_agree_with_reader_compare(bridge):
    """Each pair in the story is the comparison `reader compare` makes of those two articles;
    every link of it lies inside a fact, and a fact links two sentences of the pair only where
    the comparison does."""
    d = story_json(*bridge)
    arts = d["articles"]
    for p in d["pairs"]:
        i, j = p["left"], p["right"]
        r = reader("compare", arts[i]["path"], arts[j]["path"], "--format", "json")
        assert r.returncode == 0, r.stderr
        c = json.loads(r.stdout)
        for key in ("similarity", "left_unique", "right_unique"):
            assert p[key] == c["stats"][key], key
        assert p["link_count"] == c["stats"]["links"]
        assert [(m["left"], m["right"], m["kind"], m["aligned"], m["conflicts"]) for m in p["links"]] == \
               [(m["left"], m["right"], m["kind"], m["aligned"], m["conflicts"]) for m in c["matches"]]
        links = {(x, y) for m in c["matches"] for x in m["left"] for y in m["right"]}
        members = [{(s["article"], s["sentence"]) for s in f["sentences"]} for f in d["facts"]]
        for x, y in links:
            assert any((i, x) in m and (j, y) in m for m in members), (i, x, j, y)
        implied = {(x, y) for m in members for (a, x) in m for (b, y) in m if a == i and b == j}
        assert implied <= links, "a fact never joins two sentences the pair does not link"


def test_a_story_of_one_article(bridge):
    d = story_json(bridge[0])
    assert d["pairs"] == [] and len(d["articles"]) == 1
    assert d["facts"] and all(f["kinds"] == {"0": "only"} for f in d["facts"])
    r = reader("story", str(bridge[0]), "--format", "html")
    assert r.returncode == 0 and "no pairs" in r.stdout


# ---------------------------------------------------------------------- text and Markdown
def test_story_text_ranks_pairs_groups_facts_and_shows_coverage(bridge):
    r = reader("story", *map(str, bridge), "--width", "140")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("Story: ")
    for heading in ("Pairs", "Reported by all 3", "Reported by 2 of 3", "Only in City Herald", "Only in Metro Daily",
                    "Coverage"):
        assert heading in out, heading
    assert out.index("Reported by all 3") < out.index("Reported by 2 of 3") < out.index("Only in City Herald")
    header = next(line for line in out.splitlines() if line.lstrip().startswith("#  fact"))
    assert header.split()[2:] == ["City", "Herald", "Valley", "Post", "Metro", "Daily"], "a column per outlet"
    ferry = next(line for line in out.splitlines() if "ferry" in line)
    assert ferry.rstrip().endswith("+"), "only Metro Daily, its last column, marks it"
    pairs = [line for line in out.splitlines() if " / " in line and "%" in line]
    sims = [int(line.split("%")[0].split()[-1]) for line in pairs]
    assert len(pairs) == 3 and sims == sorted(sims, reverse=True)


def test_story_markdown_is_tables_and_escapes_everything(bridge):
    r = reader("story", *map(str, bridge), "--format", "markdown")
    assert r.returncode == 0, r.stderr
    tokens = MarkdownIt("commonmark").enable("table").parse(r.stdout)
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) >= 5  # articles, pairs, facts by all / by some / only-ins, coverage
    assert not any(t.type in ("html_block", "html_inline", "link_open", "image") for t in tokens)
    heads = [tokens[k + 1].content for k, t in enumerate(tokens) if t.type == "heading_open"]
    assert {"Pairs", "Facts", "Coverage", "Reported by all 3 (3)", "Only in Metro Daily (1)"} <= set(heads)
    cells = [t.content for t in tokens if t.type == "inline"]
    assert "City Herald" in cells and "+ only" in cells and "=" in cells


HOSTILE_TITLE = 'Bridge <script>document.title="pwned"</script> closed & shut'
HOSTILE = [
    "The Tarrow Bridge was closed on Monday after a crack \"><img src=x onerror=alert(1)> was found in a girder.",
    "Officials said <b>repairs</b> & inspections [click](javascript:alert(1)) will take | three months.",
    "A sign read \u202eevil\u202c near the \u2066entrance\u2069 &amp; the ramp.",
]


@pytest.fixture
def hostile(tmp_path) -> list[Path]:
    folder = tmp_path / "hostile"
    folder.mkdir()
    a = write_article(folder, "a.json", HOSTILE_TITLE, "Evil <i>Outlet</i>", "2024-06-03", HOSTILE)
    b = write_article(folder, "b.json", "Tarrow Bridge closed after crack", 'Quote" [Daily](javascript:alert(1))', "2024-06-04",
                      [HOSTILE[0], "The repairs will take three months, officials said."])
    return [a, b]


def test_hostile_text_stays_text_in_markdown(hostile):
    r = reader("story", *map(str, hostile), "--format", "markdown")
    assert r.returncode == 0, r.stderr
    tokens = MarkdownIt("commonmark").enable("table").parse(r.stdout)
    assert not any(t.type in ("html_block", "html_inline", "link_open", "image") for t in tokens)
    assert not any(t.type == "html_inline" for t in tokens for t in (t.children or []))
    text = " ".join("".join(c.content for c in t.children if c.type == "text") for t in tokens if t.children)
    assert "<script>" in text and "onerror=alert(1)>" in text and 'Quote" [Daily](javascri' in text  # a label: cut short
    assert "\u202e" not in r.stdout and "\u2066" not in r.stdout


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse_html(text: str) -> _Tags:
    p = _Tags()
    p.feed(text)
    p.close()
    return p


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span", "nav",
                "a", "section", "div", "table", "thead", "tbody", "tr", "th", "td", "article", "sup", "ul", "li",
                "footer"}


def test_hostile_text_is_escaped_in_html(hostile):
    r = reader("story", *map(str, hostile), "--format", "html")
    assert r.returncode == 0, r.stderr
    page = parse_html(r.stdout)
    names = {t for t, _ in page.tags}
    assert names <= ALLOWED_TAGS, names - ALLOWED_TAGS
    assert "script" not in names and "img" not in names and "b" not in names and "i" not in names
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "src" not in attrs
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#"), href  # only links inside the page (no article carries a URL here)
    text = "".join(page.text)
    assert '<script>document.title="pwned"</script>' in text and '"><img src=x onerror=alert(1)>' in text
    assert "&amp; the ramp" in text and "Evil <i>Outlet</i>" in text and 'Quote" [Daily](javascript:alert(1))' in text
    assert "[click](javascript:alert(1))" in text
    assert "\u202e" not in r.stdout and "\u2066" not in r.stdout
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_html_is_one_self_contained_file_with_heat_facts_and_linked_texts(bridge):
    d = story_json(*bridge)
    r = reader("story", *map(str, bridge), "--format", "html")
    assert r.returncode == 0, r.stderr
    html = r.stdout
    page = parse_html(html)
    assert "<link" not in html and "@import" not in html and "url(" not in html and "<script" not in html
    assert "prefers-color-scheme: dark" in html
    ids = {a.get("id") for _, a in page.tags if a.get("id")}
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert all(h[1:] in ids for h in hrefs if h.startswith("#")), "every link leads somewhere in the page"
    # heat table: a cell per ordered pair, its colour by the similarity
    cells = [a for t, a in page.tags if t == "td" and "cell" in (a.get("class") or "").split()]
    assert len(cells) == 6
    values = sorted({a["style"] for a in cells})
    assert values == sorted({f"--v:{p['similarity']:.3f}" for p in d["pairs"]})
    # facts table: a row per fact, a column per outlet; each mark links to the sentence
    rows = [a["id"] for t, a in page.tags if t == "tr" and (a.get("id") or "").startswith("fact-")]
    grouped = [f for g in ("all", "some") for f in d["facts"] if f["reported_by"] == g]
    grouped += [f for k in range(3) for f in d["facts"] if f["articles"] == [k]]
    assert rows == [f"fact-{f['id']}" for f in grouped]
    for f in d["facts"]:
        for s in f["sentences"]:
            anchor = f"s-{s['article']}-{s['sentence']}"
            assert anchor in ids and f"#{anchor}" in hrefs
    # each sentence of a fact links back to it
    assert all(f"#fact-{f['id']}" in hrefs for f in d["facts"])
    heads = [a.get("scope") for t, a in page.tags if t == "th"]
    assert heads.count("col") >= 2 * 3


def test_story_output_file_and_bad_paths(bridge, tmp_path):
    out = tmp_path / "story.html"
    r = reader("story", *map(str, bridge), "--format", "html", "-o", str(out))
    assert r.returncode == 0 and r.stdout == "" and out.read_text(encoding="utf-8").startswith("<!doctype html>")
    out_md = tmp_path / "story.md"
    assert reader("story", *map(str, bridge), "-f", "markdown", "-o", str(out_md)).returncode == 0
    assert out_md.read_text(encoding="utf-8").startswith("# Story: ")
    out_txt = tmp_path / "story.txt"
    assert reader("story", *map(str, bridge), "-o", str(out_txt)).returncode == 0
    assert "Coverage" in out_txt.read_text(encoding="utf-8") and "\x1b[" not in out_txt.read_text(encoding="utf-8")
    for bad in (tmp_path / "no" / "such" / "folder" / "x.html", tmp_path):
        r = reader("story", *map(str, bridge), "--format", "html", "-o", str(bad))
        assert r.returncode == 2 and r.stdout == "" and "Traceback" not in r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reader story: cannot write")


# ---------------------------------------------------------------------- flags and notes
def test_flags_and_notes_show_in_every_report(bridge):
    note = 'Check this <script>x</script> & "verify" figure'
    store = NoteStore.open()  # READER_DATA_DIR: the test's own folder (conftest)
    herald = load_article(str(bridge[1]))  # the Herald: first by date
    ferry_art = load_article(str(bridge[2]))
    mayor = next(s for s in herald.sentences if "Ilse Varga" in s.text)
    ferry = next(s for s in ferry_art.sentences if "ferry" in s.text)
    store.set_flag(herald, mayor, True)
    store.set_note(herald, mayor, note)
    store.set_flag(ferry_art, ferry, True)
    store.close()

    d = story_json(*bridge)
    herald_id = next(a["id"] for a in d["articles"] if a["source"] == "City Herald")
    metro_id = next(a["id"] for a in d["articles"] if a["source"] == "Metro Daily")
    s = d["articles"][herald_id]["sentences"][mayor.id]
    assert s["flagged"] is True and s["note"] == note
    f = d["articles"][metro_id]["sentences"][ferry.id]
    assert f["flagged"] is True and f["note"] is None
    mayor_facts = [x for x in d["facts"] if {"article": herald_id, "sentence": mayor.id} in x["sentences"]]
    assert mayor_facts and all(x["flagged"] for x in mayor_facts)
    assert all(x["notes"] == [{"article": herald_id, "sentence": mayor.id, "note": note}] for x in mayor_facts)
    unflagged = [x for x in d["facts"] if x not in mayor_facts and "ferry" not in x["text"]]
    assert unflagged and not any(x["flagged"] or x["notes"] for x in unflagged)

    text = reader("story", *map(str, bridge), "--width", "160").stdout
    assert "Flags and notes" in text and note in text and text.count("⚑") >= 3  # two facts and the list

    md = reader("story", *map(str, bridge), "--format", "markdown").stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert not any(c.type == "html_inline" for t in tokens for c in (t.children or []))
    inline = " ".join("".join(c.content for c in t.children if c.type == "text") for t in tokens if t.children)
    assert note in inline and "⚑" in inline

    page = parse_html(reader("story", *map(str, bridge), "--format", "html").stdout)
    assert "script" not in {t for t, _ in page.tags}
    assert note in "".join(page.text)
    flags = [a for t, a in page.tags if t == "span" and a.get("class") == "flag"]
    assert len(flags) >= 4  # legend, two facts' rows, two sentences, the list


def test_no_notes_database_is_created_by_a_report(bridge, tmp_path):
    import os

    data = Path(os.environ["READER_DATA_DIR"])
    assert reader("story", *map(str, bridge), "--format", "json").returncode == 0
    assert not (data / "notes.sqlite3").exists()


# ---------------------------------------------------------------------- dispatch
def test_a_folder_named_like_a_command_opens_with_a_slash(tmp_path, monkeypatch):
    from reader import cli

    write_story(tmp_path / "story")
    monkeypatch.chdir(tmp_path)
    opened = []
    monkeypatch.setattr(cli, "cmd_open", lambda args: opened.append(args.paths) or 0)
    assert cli.main(["story/"]) == 0
    assert cli.main(["./story"]) == 0
    assert cli.main(["stories/", "story"]) == 0  # only the first argument can be a command
    assert opened == [["story/"], ["./story"], ["stories/", "story"]]


def test_a_bare_command_name_is_the_command_and_hints_at_the_folder(tmp_path):
    write_story(tmp_path / "story")
    r = reader("story", cwd=tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "reader story/" in r.stderr and "reader ./story" in r.stderr
    r = reader("story", "story", "--format", "json", cwd=tmp_path)  # then the folder is a path
    assert r.returncode == 0 and len(json.loads(r.stdout)["articles"]) == 3


def test_help_names_the_story_commands_and_the_slash_rule():
    h = reader("--help")
    assert h.returncode == 0
    assert "reader stories PATH" in h.stdout and "reader story PATH" in h.stdout
    assert "reader story/" in h.stdout and "reader ./story" in h.stdout
    for command in ("stories", "story"):
        r = reader(command, "--help")
        assert r.returncode == 0 and "--format" in r.stdout


# ---------------------------------------------------------------------- notes export through the story layer
def test_notes_export_compares_through_the_library(bridge, monkeypatch):
    """The Markdown export finds matching sentences with the library's comparisons: the TUI passes
    its own library (a pair already compared is not compared again), the CLI builds one."""
    from reader.notes.export import to_markdown
    from reader.story.library import Library

    arts = [load_article(str(p)) for p in bridge]
    herald, valley = arts[1], arts[0]
    mayor = next(s for s in herald.sentences if "Ilse Varga" in s.text)
    store = NoteStore.open()
    store.set_note(herald, mayor, "the promise")
    notes = store.all_notes()
    store.close()

    library = Library(arts)
    expected = {id(o): library.compare(herald, o) for o in arts if o is not herald}

    import reader.engine.compare as engine

    def refuse(*a, **k):
        raise AssertionError("compared outside the library")

    monkeypatch.setattr(engine, "compare", refuse)
    text = to_markdown(notes, library=library)  # the articles: the library's loaded ones
    assert "Matching sentences in other articles" in text
    for other in (valley, arts[2]):
        m = expected[id(other)].match_of("left", mayor.id)
        assert m is not None and f"**{m.kind}** in {other.title}" in text
    monkeypatch.undo()
    fresh = Library(arts)
    assert to_markdown(notes, arts, library=fresh) == text
    assert fresh.cached(herald, valley) is not None, "the export's comparisons are the library's"
