"""Quotes, conflicting details and who copied whom (issue 10), without the TUI.

The copy chain fixture (tests/data/copychain, invented): a wire report (Coastline Wire,
10 May); an aggregator's copy a day later with site chrome, a quote with two words dropped, a split
quote, "Saturday" for the wire's "Friday" and "2.5 billion dollars" for "$2.5 billion" (the same);
and an independent newspaper the same day as the wire that rewrites everything, quotes the director
shorter, says "Eleven people" were hurt (the wire: 12) and gives the union leader's words to a
deckhand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.corpus.load import build_article, load_article
from reader.engine.compare import compare
from reader.engine.details import conflicts, details
from reader.story.derived import derive
from reader.story.grouping import one_story
from reader.story.library import Library
from reader.story.quotes import build_quotes, extract, pair_quotes

CHAIN = Path(__file__).resolve().parent / "data" / "copychain"
WIRE, AGGREGATOR, GAZETTE = (str(CHAIN / n) for n in ("0-wire.json", "1-aggregator.json", "2-gazette.json"))


def article(text: str, title: str = "A title", source: str = "Outlet", date: str | None = None):
    return build_article(text, f"{source}.txt", title=title, source=source, date=date)


def run_cli(args: list[str]) -> tuple[int, str, str]:
    r = subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


# ------------------------------------------------------------------ details and conflicts
@pytest.mark.parametrize("left, right, kind, expected", [
    ("The senator apologized Saturday for the remarks.", "The senator apologized Friday for the remarks.", "near",
     [("date", "Saturday", "Friday")]),
    ("Twelve people were killed in the blast on Monday.", "The blast killed 14 people on Monday.", "paraphrase",
     [("number", "Twelve people", "14 people")]),
    ("Smith resigned on Tuesday after the report.", "Smith apologized on Tuesday after the report.", "near",
     [("event", "resigned", "apologized")]),
    ("The Senate approved the bill on a 52-48 vote.", "The Senate rejected the bill on a 52-48 vote.", "near",
     [("event", "approved", "rejected")]),
    ("Sullivan told reporters the plan would work.", "Blinken told reporters the plan would work.", "near",
     [("name", "Sullivan", "Blinken")]),
    ("The summit was held in Paris this week.", "The summit was held in Berlin this week.", "near",
     [("place", "Paris", "Berlin")]),
    ("The fire started at 3 p.m. near the school.", "The fire started at 4 p.m. near the school.", "near",
     [("date", "3 p.m.", "4 p.m.")]),
    ("The company paid $1.6M in fines.", "The company paid a fine of $1.7 million.", "paraphrase",
     [("number", "$1.6M", "$1.7 million")]),
    ("About 5,200 American troops guard the airport.", "Nearly 6,000 American troops guard the airport.", "paraphrase",
     [("number", "5,200 American troops", "6,000 American troops")]),
])
def test_a_detail_both_sides_state_differently_is_a_conflict(left, right, kind, expected):
    found = [(c.kind, c.left, c.right) for c in conflicts(left, right, kind)]
    assert found == expected
    # and the spans point at those words
    for c in conflicts(left, right, kind):
        assert left[c.left_span[0]:c.left_span[1]] == c.left
        assert right[c.right_span[0]:c.right_span[1]] == c.right


@pytest.mark.parametrize("left, right, kind, why", [
    ("The deal is worth $2.5 billion, officials said.", "Officials said the deal is worth 2.5 billion dollars.",
     "paraphrase", "the same amount written two ways"),
    ("Eleven people were killed in the blast.", "The blast killed 11 people.", "paraphrase", "number words"),
    ("Nearly 40% of voters backed the plan.", "39.5 percent of voters backed the plan.", "paraphrase", "rounding"),
    ("About 100 people attended the rally in Boston.", "Some 103 people attended the rally in Boston.", "paraphrase",
     "hedged numbers that agree"),
    ("The senator apologized Saturday for the remarks.", "The senator apologized for the remarks.", "near",
     "one side leaves the day out"),
    ("The senator apologized Saturday for the remarks.", "The senator apologized Saturday for the remarks.",
     "verbatim", "the same words"),
    ("Latinos make up about 21 percent of Colorado's population.",
     "Latinos make up 30 percent of the population in Arizona.", "paraphrase", "two places, two facts"),
    ("The Senate did not approve the bill.", "The Senate rejected the bill.", "near", "a negation agrees"),
    ("Joe Biden said the talks would continue.", "President Biden said the talks would continue.", "near",
     "one person named two ways"),
    ("Energy Secretary Granholm: Clock Is Ticking On Infrastructure",
     "Granholm Slams Senate Republicans On Infrastructure", "near", "capitals of a headline are not names"),
    ("Officials in Texas said the plant will close.", "Officials in Houston said the plant will close.", "near",
     "a city may lie in the state"),
    ("Two residents died in the fire on Monday.", "Two residents were killed in the fire on Monday.", "near",
     "two verbs for one event"),
    ("The GOP blocked the bill on Tuesday.", "Republicans blocked the bill on Tuesday.", "near", "an acronym"),
    ("Licht on Thursday defended the network's decision to host the town hall.",
     "The network aired the town hall on Wednesday, according to its reporter.", "paraphrase",
     "two days of two different things"),
])
def test_no_conflict_where_the_sides_do_not_disagree(left, right, kind, why):
    assert conflicts(left, right, kind) == [], why


def test_a_weak_link_shows_no_conflict():
    left, right = "The blast killed 12 people on Monday.", "The blast killed 14 people on Monday."
    assert conflicts(left, right, "paraphrase", score=0.9)
    assert conflicts(left, right, "paraphrase", score=0.4) == [], "too unsure the two report one fact"


def test_details_read_amounts_dates_and_names():
    ds = {(d.kind, d.text) for d in details("On May 5, 2021, Mayor Ana Ruiz said 2,300 homes in Lisbon lost "
                                            "power for three days, costing $4.5 billion.")}
    assert {("date", "May 5, 2021"), ("number", "2,300 homes"), ("number", "three days"),
            ("number", "$4.5 billion"), ("place", "Lisbon"), ("name", "Ana Ruiz")} <= ds


def test_compare_json_carries_each_links_conflicts(capsys):
    c = compare(load_article(WIRE), load_article(AGGREGATOR))
    dated = [(m.texts[0][:40], [x.as_dict() for x in m.conflicts]) for m in c.matches if m.conflicts]
    assert dated == [("The head of the Tamsin Harbor Authority ",
                      [{"kind": "date", "left": "Friday", "right": "Saturday"}])]
    code, out, err = run_cli(["compare", WIRE, AGGREGATOR, "--format", "json"])
    assert code == 0, err
    data = json.loads(out)
    assert all("conflicts" in m for m in data["matches"])
    assert [x for m in data["matches"] for x in m["conflicts"]] == [{"kind": "date", "left": "Friday",
                                                                     "right": "Saturday"}]


# ------------------------------------------------------------------ quotes
def test_speakers_nearest_the_quote_and_marks_that_do_not_match():
    a = article(
        "T\n\n"
        "Ruiz said Ortiz had told him privately, “I will veto any cuts to the school budget.”\n\n"
        "Ortiz praised the vote. “We kept our promise to every family,” she said.\n\n"
        "“For the record, I love my sister, but she is wrong on this,\" Mary Cheney wrote.\n\n"
        "She asked tough, fair and revealing questions,\" a spokesperson said of the debate.\n\n"
        "“I am not in favour of that plan at all,” Liz Cheney reportedly said."
    )
    got = [(q.text, q.speaker) for q in extract(a)]
    assert got == [
        ("I will veto any cuts to the school budget.", "Ortiz"),
        ("We kept our promise to every family", "Ortiz"),
        ("For the record, I love my sister, but she is wrong on this", "Mary Cheney"),
        ("I am not in favour of that plan at all", "Liz Cheney"),
    ], "a closing mark with no opening one starts no quote"


def test_spelling_and_moved_words():
    a = article("T\n\n\"We will rebuild every neighbourhood in this city,\" Ruiz said.", source="A")
    b = article("T\n\n\"We will rebuild every neighborhood in this city,\" Ruiz said.", source="B")
    assert [o.altered for o in build_quotes([a, b])[0].occurrences] == [False, False]
    a = article("T\n\n\"She wants to take away your guns and your rights,\" Trump said.", source="A")
    b = article("T\n\n\"She wants to take your guns away and your rights,\" Trump said.", source="B")
    [q] = build_quotes([a, b])
    assert [c.describe() for c in q.occurrences[1].changes] == ["moves “away”"]


def test_quotations_straight_curly_spanning_and_their_speakers():
    a = article(
        "Title line\n\n"
        "“We will rebuild every bridge in the valley,” Governor Ana Ruiz said on Monday. “It will take years.”\n\n"
        "The mayor disagreed. \"The money is simply not there for all of it,\" he said.\n\n"
        "Ruiz said: \"Nobody will be left behind in this county.\"\n\n"
        "Critics called it a \"sham\" and a \"publicity stunt\".\n\n"
        "\"We saw the water rise so fast that we could not reach the car,\" said Tom Vale, a farmer."
    )
    qs = extract(a)
    got = [(q.text, q.speaker) for q in qs]
    assert got == [
        ("We will rebuild every bridge in the valley … It will take years.", "Ana Ruiz"),
        ("The money is simply not there for all of it", "Ana Ruiz"),  # "he": the last named speaker
        ("Nobody will be left behind in this county.", "Ruiz"),
        ("We saw the water rise so fast that we could not reach the car", "Tom Vale"),
    ], "scare quotes of fewer than four words are left out"
    first = qs[0]
    assert len(first.sentences) == 2, "the quote spans two sentences"


def test_the_same_quote_across_outlets_excerpts_splits_and_altered_words():
    quotes = build_quotes([load_article(p) for p in (WIRE, GAZETTE, AGGREGATOR)])
    by_start = {q.text[:20]: q for q in quotes}
    sorry = by_start["We let down the peop"]
    assert sorted(o.article for o in sorry.occurrences) == [0, 1, 2]
    flags = {o.article: o.altered for o in sorry.occurrences}
    assert flags == {0: False, 1: False, 2: True}, "the gazette's shorter excerpt is not altered; the copy's is"
    changes = next(o for o in sorry.occurrences if o.article == 2).changes
    assert [(c.was, c.now) for c in changes] == [("single", ""), ("deeply", "")]
    vessels = by_start["The new vessels will"]
    copy = next(o for o in vessels.occurrences if o.article == 2)
    assert len(copy.pieces) == 2 and not copy.altered, "split into two quotes, same words: not altered"
    crews = by_start["Nobody listened to t"]
    speakers = {o.article: (o.speaker, o.speaker_differs) for o in crews.occurrences}
    assert speakers == {0: ("Renn", False), 1: ("Ada Brill", True), 2: ("Renn", False)}


def test_a_tie_between_two_wordings_flags_both():
    a = article("T\n\n\"We will never give up on this town and its people,\" Ruiz said.", source="A")
    b = article("T\n\n\"We will never give up on this city and its people,\" Ruiz said.", source="B")
    [q] = build_quotes([a, b])
    assert [o.altered for o in q.occurrences] == [True, True]
    assert [(c.was, c.now) for c in q.occurrences[1].changes] == [("town", "city")]
    assert pair_quotes(a, b) == [q] or pair_quotes(a, b)[0].text == q.text


def test_different_quotes_are_not_grouped():
    a = article("T\n\n\"The budget will be balanced by the end of next year,\" Ruiz said.", source="A")
    b = article("T\n\n\"The bridge will be finished by the end of the summer,\" Ruiz said.", source="B")
    assert len(build_quotes([a, b])) == 2


# ------------------------------------------------------------------ who copied whom
def test_the_copy_chain_names_the_copy_and_leaves_the_independent_report_alone():
    lib = Library.of_files([WIRE, AGGREGATOR, GAZETTE], lazy=False)
    [story] = lib.stories()
    ov = lib.overview(story)
    names = [a.source for a in ov.articles]
    assert names == ["Coastline Wire", "Eastgate Gazette", "DailyBuzz Now"], "by date"
    [d] = ov.derived
    assert (names[d.source], names[d.copy]) == ("Coastline Wire", "DailyBuzz Now")
    assert d.share(d.copy) == pytest.approx(6 / 8), "quotations aside: 6 of its 8 other sentences"
    assert any("published first" in e for e in d.evidence)
    assert any("site chrome" in e for e in d.evidence)
    gazette = ov.derivation(0, 1)
    assert gazette is not None and gazette.source is None, "an independent rewrite gets no direction"


def test_no_direction_without_evidence():
    """The same copy with no dates and no chrome: how much is copied is known, which way is not."""
    wire = json.loads(Path(WIRE).read_text())
    copy = json.loads(Path(AGGREGATOR).read_text())
    arts = [article(wire["text"], wire["title"], "Wire"),
            article("\n\n".join(p for p in copy["text"].split("\n\n")[1:7]), copy["title"], "Copy")]
    c = compare(*arts)
    quotes = build_quotes(arts)
    [d] = derive(arts, ["Wire", "Copy"], {(0, 1): c}, quotes)
    assert d.source is None and d.share(1) > 0.5


def test_a_wire_story_both_ran_gets_no_direction_from_its_dates(tmp_path):
    """Two papers run one agency story a day apart: the dates alone do not make one a copy of the other."""
    text = json.loads(Path(WIRE).read_text())["text"] + "\n\nThe Associated Press contributed to this report."
    arts = [article(text, "Ferry chief sorry", "Herald", "2024-05-10"),
            article(text, "Ferry chief sorry", "Times", "2024-05-11")]
    [d] = derive(arts, ["Herald", "Times"], {(0, 1): compare(*arts)}, build_quotes(arts))
    assert d.source is None and d.share(1) == 1.0


def test_shared_quotations_are_not_copying():
    quote = "\"We will never give up on this town and on the people who live here,\" Ruiz said."
    arts = [article(f"Mayor vows to stay\n\n{quote}\n\nThe mayor spoke at a rally on Monday about the floods.",
                    source="A", date="2024-05-10"),
            article(f"Ruiz defiant after flood\n\n{quote}\n\nCrowds gathered in the rain outside the town hall.",
                    source="B", date="2024-05-11")]
    [d] = derive(arts, ["A", "B"], {(0, 1): compare(*arts)}, build_quotes(arts))
    assert d.left_copied == 0 and d.right_copied == 0 and d.source is None


def test_story_json_markdown_and_html_carry_quotes_conflicts_and_derived(tmp_path):
    code, out, err = run_cli(["story", str(CHAIN), "--format", "json"])
    assert code == 0, err
    data = json.loads(out)
    assert data["derived"] == [{"from": 0, "to": 2, "share": pytest.approx(6 / 8), "evidence": data["derived"][0]["evidence"]}]
    assert {"id", "speaker", "text", "occurrences"} <= set(data["quotes"][0])
    occ = data["quotes"][0]["occurrences"][0]
    assert {"article", "sentences", "text", "altered"} <= set(occ)
    kinds = {(x["kind"], x["left"], x["right"]) for p in data["pairs"] for link in p["links"] for x in link["conflicts"]}
    assert kinds == {("date", "Friday", "Saturday"), ("number", "12 people", "Eleven people"),
                     ("number", "Eleven people", "12 people")}
    for p in data["pairs"]:
        assert p["link_count"] == len(p["links"])
    code, md, err = run_cli(["story", str(CHAIN), "--format", "markdown"])
    assert code == 0, err
    assert "## Who copied whom" in md and "DailyBuzz Now reads as a rewrite of Coastline Wire" in md
    assert "## Conflicting details" in md and "Coastline Wire: Friday" in md
    assert "## Quotes" in md and "drops “deeply”" in md
    code, text, err = run_cli(["story", str(CHAIN)])
    assert code == 0, err
    assert "Who copied whom" in text and "≠" in text and "attributes it to Ada Brill" in text
    html_path = tmp_path / "s.html"
    code, _, err = run_cli(["story", str(CHAIN), "--format", "html", "-o", str(html_path)])
    assert code == 0, err
    html = html_path.read_text()
    assert 'id="quotes"' in html and 'id="conflicts"' in html and 'id="copying"' in html


def test_hostile_quote_text_stays_text(tmp_path):
    d = tmp_path / "s"
    d.mkdir()
    for k, word in enumerate(("town", "city")):
        (d / f"{k}.json").write_text(json.dumps({
            "title": "Mayor [bold]vows[/bold] <script>x</script>", "source": f"Out{k}",
            "text": f"\"We will never give up on this {word} [@click=app.quit]or[/] <b>its</b> people,\" Ruiz said."
                    "\n\nThe mayor spoke on Monday at the town hall about the floods and the repairs.",
        }), encoding="utf-8")
    code, html, err = run_cli(["story", str(d), "--format", "html"])
    assert code == 0, err
    assert "<script>x" not in html and "<b>its</b>" not in html and "&lt;b&gt;its&lt;/b&gt;" in html


def test_one_story_helper_still_groups_the_chain():
    arts = [load_article(p) for p in (WIRE, AGGREGATOR, GAZETTE)]
    assert len(one_story(arts).articles) == 3


def test_the_seeds_five_outlets_one_warning():
    """The bundled seeds (five outlets on one warning to North Korea): Sullivan's warning is one
    quote carried by four outlets, the one that translates it loosely flagged; no outlet reads as
    a copy of another and no linked details disagree."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    code, out, err = run_cli(["story", str(seeds), "--format", "json"])
    assert code == 0, err
    data = json.loads(out)
    first = data["quotes"][0]
    assert first["speaker"] == "Jake Sullivan" and len(first["occurrences"]) == 4
    assert sum(o["altered"] for o in first["occurrences"]) == 1
    assert data["derived"] == [] and data["conflicts"] == []
