"""Saved web pages as real ones come (issue 11): what reader keeps as the article, its headline,
names split across sentences, and pages cut short by a paywall.

The pages are invented (``tests/fixtures_web/``); each reproduces what a user met on a real saved
news page. The benchmark on real pages is ``benchmarks/bench_extraction.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus import load as load_mod
from reader.corpus.boilerplate import mark_boilerplate
from reader.corpus.formats import CUT_OFF, looks_cut_off
from reader.corpus.load import build_article, load_article
from reader.corpus.split import split_sentences

WEB = Path(__file__).resolve().parent / "fixtures_web"


@pytest.fixture(autouse=True)
def _fresh_cache():
    load_mod.clear_cache()


def kept(article) -> list[str]:
    """The article text a reader gets: sentences that are not boilerplate, the headline aside."""
    return [s.text for s in article.sentences[1:] if not s.boilerplate]


def marked(article) -> list[str]:
    return [s.text for s in article.sentences if s.boilerplate]


def page(tmp_path: Path, head: str, body: str) -> Path:
    p = tmp_path / "page.html"
    p.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>",
                 encoding="utf-8")
    return p


PROSE = ("<p>The regional parliament voted on Wednesday to extend the night train service to the coast for "
         "another four years, after a study found that its trains were full on most weekends.</p>"
         "<p>The service, which runs three times a week, carried about 61,000 passengers last year, up from "
         "42,000 the year before, according to the operator.</p>")


# --------------------------------------------------------------- sign-up box and link lists
def test_newsletter_signup_box_is_boilerplate():
    a = load_article(WEB / "signup_box.html")
    chrome = marked(a)
    for line in ("Thanks for signing up!", "Sorry!", "There was an error processing your subscription.",
                 "Game recaps, trade rumours and locker-room news, delivered to your inbox."):
        assert line in chrome, line


def test_links_to_other_stories_are_boilerplate():
    a = load_article(WEB / "signup_box.html")
    text = kept(a)
    for link in ("Hawks sign veteran winger to one-year deal worth $2.5 million",
                 "Otters fire assistant coach after six-game losing streak",
                 "Kingsport Foxes goalie suspended for two games"):
        assert link not in text, link


def test_the_article_around_them_is_kept_whole():
    a = load_article(WEB / "signup_box.html")
    assert a.title == "Harbour City Hawks edge Riverton in overtime thriller"
    text = kept(a)
    assert len(text) == 6, text
    assert text[0].startswith("The Harbour City Hawks beat the Riverton Otters 4-3")
    assert text[-1].startswith("Coach Ada Lindqvist said defenceman Marco Reyes")


def test_article_that_speaks_of_a_newsletter_keeps_its_text():
    text = ("Publisher cuts newsletters\n\n"
            "The publisher said on Monday it would close four of its nine e-mail newsletters because fewer "
            "readers opened them.\n\n"
            "\"Thanks for signing up all these years,\" the editor wrote in the last issue of the weekly "
            "sports letter, which had 12,000 subscribers.\n\n"
            "The company will keep its daily morning briefing, which it says reaches 300,000 inboxes.")
    a = build_article(text, "news.txt")
    assert marked(a) == []


def test_a_list_the_article_tells_is_kept():
    """Key points at the end that repeat the article's own words are no list of links."""
    text = ("Night trains to the coast will run four more years\n\n"
            "The regional parliament voted on Wednesday to extend the night train service to the coast for "
            "another four years, after a study found that its trains were full on most weekends.\n\n"
            "The service, which runs three times a week, carried about 61,000 passengers last year, up from "
            "42,000 the year before, according to the operator.\n\n"
            "Night train service to the coast extended for four years\n\n"
            "Trains full on most weekends, the study found\n\n"
            "Passengers up from 42,000 to 61,000 last year")
    a = build_article(text, "news.txt")
    assert marked(a) == []


# ------------------------------------------------------------------------------ headline
def test_headline_from_the_page_when_the_title_is_the_site_name():
    a = load_article(WEB / "site_name_title.html")
    assert a.title == "Han River bridge reopens after two-year repair"
    assert a.source == "Seoul Daily Ledger"
    assert kept(a)[0].startswith("The Seongsan Bridge over the Han River reopened")
    assert a.text.count("Han River bridge reopens after two-year repair") == 1


def test_headline_from_a_single_h1_when_the_logo_names_the_site(tmp_path):
    p = page(tmp_path, "<title>Coast Courier</title><meta property='og:site_name' content='Coast Courier'>",
             "<div class='logo'><a href='/'>Coast Courier</a></div>"
             "<h1>Night trains to the coast will run four more years</h1>" + PROSE)
    a = load_article(p)
    assert a.title == "Night trains to the coast will run four more years"


def test_site_name_after_the_title_is_dropped():
    a = load_article(WEB / "vw_concept.html")
    assert a.title == "Volkswagen shows an electric van for long trips"
    assert a.source == "The Paradigm"


@pytest.mark.parametrize("title, site, expected", [
    ("Night trains to run four more years | Coast Courier", "Coast Courier",
     "Night trains to run four more years"),
    ("Night trains to run four more years | Coast Courier Politics", "Coast Courier",
     "Night trains to run four more years"),
    ("Coast Courier: Night trains to run four more years", "Coast Courier", "Night trains to run four more years"),
    ("Night trains to run four more years -- coastcourier.example", None, "Night trains to run four more years"),
    # no site name known: a short name after " | " goes, a dash keeps what follows it
    ("Night trains to run four more years | Coast Courier", None, "Night trains to run four more years"),
    ("Night trains - the end of an era", None, "Night trains - the end of an era"),
])
def test_site_names_around_titles(tmp_path, title, site, expected):
    site_meta = f"<meta property='og:site_name' content='{site}'>" if site else ""
    p = page(tmp_path, f"<meta property='og:title' content='{title}'>{site_meta}", "<article>" + PROSE + "</article>")
    assert load_article(p).title == expected


# ------------------------------------------------------------------------- sentences
def test_name_with_an_abbreviation_is_one_sentence():
    a = load_article(WEB / "vw_concept.html")
    assert "The VW ID. SPACE VIZZION is about five metres long and has a battery that the company says gives " \
           "it a range of up to 700 kilometres on one charge." in [s.text for s in a.sentences]


@pytest.mark.parametrize("text, expected", [
    ("The VW ID. SPACE VIZZION is a van. It is long.", ["The VW ID. SPACE VIZZION is a van.", "It is long."]),
    ("They showed the VW ID. Buzz in Detroit. It sold well.",
     ["They showed the VW ID. Buzz in Detroit.", "It sold well."]),
    ("He showed his ID. The guard let him in.", ["He showed his ID.", "The guard let him in."]),
    ("She works at the UN. NATO said nothing.", ["She works at the UN.", "NATO said nothing."]),
    ("TALKS AT THE UN. NATO SAYS NO.", ["TALKS AT THE UN.", "NATO SAYS NO."]),
])
def test_abbreviation_inside_a_name(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


# --------------------------------------------------------------------------- paywall
def test_page_cut_off_mid_word_says_so():
    a = load_article(WEB / "paywall.html")
    assert CUT_OFF in a.warnings
    assert CUT_OFF == "the text looks cut off (a paywall?)"


def test_page_asking_to_subscribe_to_read_on_says_so(tmp_path):
    p = page(tmp_path, "<title>Night trains to run four more years</title>",
             "<article><h1>Night trains to run four more years</h1>" + PROSE
             + "<p>Subscribe to continue reading this article.</p></article>")
    assert CUT_OFF in load_article(p).warnings


def test_whole_pages_carry_no_such_warning():
    for path in (WEB / "signup_box.html", WEB / "site_name_title.html", WEB / "vw_concept.html",
                 WEB.parent / "fixtures" / "saved_page.html"):
        assert CUT_OFF not in load_article(path).warnings, path


@pytest.mark.parametrize("lines, cut", [
    (["He said the deal was done.", "All..."], True),
    (["The council said the terminal would open in 2027 and that the old one would be torn down, a..."], True),
    (["Already a subscriber? Log in to read the rest."], True),
    (["He said the deal was done.", "Loading..."], False),
    (["He said the deal was done.", "(Source: cozy & cuddly…)"], False),
    (["He said, \"we will see...\" and left.", "The end."], False),
])
def test_what_looks_cut_off(lines, cut):
    assert looks_cut_off(lines) is cut


# ------------------------------------------------------------------ text the cues cannot read
def test_text_in_a_script_without_spaces_is_body_text():
    text = ("港特首就住宅违建事件道歉\n\n"
            "香港行政长官在各方压力下就其大宅的违章建筑问题到立法会接受质询，并向香港民众道歉。\n\n"
            "他此前承认早在去年参选之前就已知悉其住宅的违建问题，引发诚信危机。\n\n"
            "民主党此前计划在星期三对他提出不信任动议。")
    a = build_article(text, "zh.txt")
    assert marked(a) == []


def test_table_rows_are_judged_by_their_words():
    text = ("Hawks climb to second place\n\n"
            "The Hawks beat the Otters 4-3 in overtime on Sunday and climbed to second place in the "
            "Western Division, the league's standings showed.\n\n"
            "| Team | Played | Points |\n\n|---|---|---|\n\n| Kingsport Foxes | 14 | 21 |\n\n"
            "| Harbour City Hawks | 14 | 19 |\n\n| Riverton Otters | 14 | 17 |\n\n"
            "The top four teams at the end of the season qualify for the playoffs in April.")
    a = build_article(text, "standings.txt")
    mark_boilerplate(a)
    assert not any("Harbour City Hawks | 14" in s for s in marked(a)), marked(a)
