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
