"""Guessing the outlet when the article does not name it."""

from reader.corpus.source import infer_source

PLAIN = "Officials said the bridge would reopen on Monday."


def test_cues_in_the_text_win():
    assert infer_source(PLAIN + "\n\n© 2026 Harwick Daily Ledger. All rights reserved.", "x/a.txt") == "Harwick Daily Ledger"
    assert infer_source(PLAIN + "\n\nPowered by Blogger.", "x/a.txt") == "Blogger"


def test_file_name_then_folder():
    # sibling files of one story from different outlets get different sources
    assert infer_source(PLAIN, "story/reuters.txt") == "reuters"
    assert infer_source(PLAIN, "story/bbc.txt") == "bbc"
    # an id-like or generic name defers to an outlet's folder
    assert infer_source(PLAIN, "nyt/0042.txt") == "nyt"
    assert infer_source(PLAIN, "guardian/article.txt") == "guardian"
    assert infer_source(PLAIN, "https://www.example.org/news/item") == "example.org"


# ------------------------------------------------------------------ the text credits its outlet
from reader.corpus.source import find_source  # noqa: E402

HEAD = "Bridge to reopen after repairs\n\n"
ID_PATH = "articles/001_39691e86ad5aec55.txt"  # a name that is an id: the fallback is a guess


def test_a_dateline_credit_at_the_start_names_the_outlet():
    for opening, outlet in [
        ("(CNN) — Officials said the bridge would reopen.", "CNN"),
        ("WASHINGTON (Reuters) - Officials said the bridge would reopen.", "Reuters"),
        ("LONDON (AP) — Officials said the bridge would reopen.", "AP"),
        ("KYIV, Ukraine, Sept 5 (AFP) — Officials said the bridge would reopen.", "AFP"),
        ("Washington (CNN)Officials said the bridge would reopen.", "CNN"),  # a scraped page lost the dash
    ]:
        assert find_source(HEAD + opening + "\n\n" + PLAIN, ID_PATH) == (outlet, False), opening
    # after a byline and a time stamp too
    text = HEAD + "By Jane Doe\nUpdated 3:04 PM\n\nLONDON (AP) — " + PLAIN
    assert find_source(text, ID_PATH) == ("AP", False)


def test_parentheses_that_are_not_a_dateline_name_nothing():
    for opening in [
        "The European Union (EU) — the bloc of 27 countries — said the bridge would reopen.",  # an acronym
        "Rep. Jim Jordan (R-Ohio) — who chairs the committee — said the bridge would reopen.",  # party and state
        "Officials (pictured) — said the bridge would reopen.",
    ]:
        assert find_source(HEAD + opening, ID_PATH) == ("001_39691e86ad5aec55", True), opening


def test_a_copyright_line_names_the_outlet_but_a_story_about_copyright_does_not():
    story = HEAD + "Copyright Office officials said, in a filing on Monday, that the law was clear.\n\n" + PLAIN
    assert find_source(story + "\n\nCopyright The Associated Press", ID_PATH) == ("The Associated Press", False)
    assert find_source(story + "\n\n© 2023 Nexstar Media Inc. All rights reserved. This material may not be "
                       "published, broadcast, rewritten, or redistributed.", ID_PATH) == ("Nexstar Media Inc", False)
    assert find_source(story + "\n\nCopyright © 2023 The Washington Times, LLC.", ID_PATH) == ("The Washington Times", False)
    assert find_source(story + "\n\n© Diário do Litoral 2025. Todos os direitos reservados.", ID_PATH) == (
        "Diário do Litoral", False)
    assert find_source(story + "\n\n© 2023 All Rights Reserved", ID_PATH) == ("001_39691e86ad5aec55", True)
    # a wire's initials in the dateline, spelled out by its copyright line
    wire = HEAD + "LONDON (AP) — " + PLAIN + "\n\nCopyright 2023 The Associated Press. All rights reserved."
    assert find_source(wire, ID_PATH) == ("The Associated Press", False)


def test_a_site_credit_names_the_outlet():
    for credit, outlet in [
        ("This article originally appeared on The Conversation.", "The Conversation"),
        ("This story was first published by TheHill.com on Monday.", "TheHill.com"),
        ("Originally published at Yonhap News Agency", "Yonhap News Agency"),
        ("Published by Harbour Gazette", "Harbour Gazette"),
        ("Read the original article on Business Insider", "Business Insider"),
        ("The post Bridge to reopen after repairs appeared first on Daily Herald.", "Daily Herald"),
    ]:
        assert find_source(HEAD + PLAIN + "\n\n" + credit, ID_PATH) == (outlet, False), credit
    top = HEAD + "This article is republished from The Conversation under a Creative Commons license.\n\n" + PLAIN
    assert find_source(top, ID_PATH) == ("The Conversation", False)
    # a date is not an outlet
    assert find_source(HEAD + PLAIN + "\n\nFirst published on Tue 5 Sep 2023 12.00 BST", ID_PATH)[1] is True


def test_an_outlet_the_story_merely_mentions_is_not_the_source():
    text = (HEAD + "The New York Times sued OpenAI for copyright infringement, Reuters reported.\n\n"
            "According to CNN, the case will be heard next year.\n\n"
            "The report was first published by The Guardian on Monday.\n\n"
            "Published by the Pew Research Center last year, the survey found that most adults read news online.\n\n"
            + PLAIN)
    assert find_source(text, ID_PATH) == ("001_39691e86ad5aec55", True)
    assert find_source(text, "story/reuters.txt") == ("reuters", True)


def test_the_fallback_is_marked_as_a_guess():
    assert find_source(PLAIN, "story/bbc.txt") == ("bbc", True)
    assert find_source(PLAIN, "nyt/0042.txt") == ("nyt", True)
    assert find_source(PLAIN, "") == ("unknown", True)
    assert find_source(PLAIN, "https://www.example.org/news/item") == ("example.org", False), "where it came from"
    assert find_source(PLAIN + "\n\nPowered by Blogger.", "x/a.txt") == ("Blogger", False)


def test_loaded_articles_carry_the_source_and_whether_it_was_guessed(tmp_path):
    from reader.corpus.load import clear_cache, load_article

    clear_cache()
    folder = tmp_path / "articles"
    folder.mkdir()
    guessed = folder / "001_39691e86ad5aec55.txt"
    guessed.write_text(HEAD + PLAIN + "\n\nAccording to CNN, work starts in May.\n", encoding="utf-8")
    credited = folder / "002_3b5a6a830a045bf7.txt"
    credited.write_text(HEAD + "WASHINGTON (Reuters) - " + PLAIN + "\n", encoding="utf-8")
    for _ in range(2):  # the second load comes from the in-process cache
        a, b = load_article(str(guessed)), load_article(str(credited))
        assert (a.source, a.source_guessed) == ("001_39691e86ad5aec55", True)
        assert (b.source, b.source_guessed) == ("Reuters", False)


def test_metadata_always_wins_over_the_text(tmp_path):
    from reader.corpus.load import clear_cache, load_article

    clear_cache()
    dateline = "WASHINGTON (Reuters) - " + PLAIN
    md = tmp_path / "0001.md"
    md.write_text(f"---\ntitle: Bridge to reopen\nsource: Harbour Gazette\n---\n\n{dateline}\n", encoding="utf-8")
    record = tmp_path / "0002.json"
    record.write_text('{"title": "Bridge to reopen", "source": "Harbour Gazette", "text": "' + dateline + '"}',
                      encoding="utf-8")
    page = tmp_path / "0003.html"
    page.write_text(
        '<html><head><title>Bridge to reopen</title><meta property="og:site_name" content="Harbour Gazette">'
        '</head><body><article><h1>Bridge to reopen</h1>'
        + "".join(f"<p>{dateline} Paragraph {k} adds detail about the works and the traffic plan.</p>"
                  for k in range(6))
        + "</article></body></html>", encoding="utf-8")
    for path in (md, record, page):
        a = load_article(str(path))
        assert (a.source, a.source_guessed) == ("Harbour Gazette", False), path.name


def test_a_fetched_page_credits_its_outlet_before_its_host(monkeypatch):
    from reader.corpus import fetch
    from reader.corpus.load import clear_cache, load_article

    clear_cache()
    pages = {
        "https://news.example.org/a": "Bridge to reopen\n\nLONDON (AP) — " + PLAIN,
        "https://news.example.org/b": "Bridge to reopen\n\n" + PLAIN + " Reuters reported it first.",
    }

    def fake_fetch(url, **kwargs):
        return fetch.Fetched(url, url, pages[url].encode(), "text/plain", "utf-8")

    monkeypatch.setattr(fetch, "fetch", fake_fetch)
    a, b = load_article("https://news.example.org/a"), load_article("https://news.example.org/b")
    assert (a.source, a.source_guessed) == ("AP", False)
    assert (b.source, b.source_guessed) == ("news.example.org", False)
    clear_cache()


def test_credit_patterns_are_skipped_only_where_they_cannot_match(monkeypatch):
    import random

    from reader.corpus import source

    rnd = random.Random(11)
    words = ["This article ", "this story was ", "originally", "first", " appeared", " published", " posted", " on ",
             " by ", "\t", "  ", "Republished with permission from ", "Read the original article on ", "The post ",
             "Acme News", "\n", "(CNN)", " — ", "-", "WASHINGTON ", "(Reuters)", ") ", "The", "©", "Copyright ",
             "2024 ", "ſ", "İ", ".", "Published by "]
    texts = ["".join(rnd.choice(words) for _ in range(rnd.randint(0, 12))) for _ in range(6000)]
    got = [source.find_source(t) for t in texts]
    monkeypatch.setattr(source, "_PATTERNS", [(("",), p) for _, p in source._PATTERNS])  # every pattern runs
    monkeypatch.setattr(source, "_HEAD_PATTERNS", [(("",), p) for _, p in source._HEAD_PATTERNS])
    monkeypatch.setattr(source, "_dash_or_capital_after_paren", lambda head: True)
    assert got == [source.find_source(t) for t in texts]
    assert sum(not guessed for _, guessed in got) > 400
