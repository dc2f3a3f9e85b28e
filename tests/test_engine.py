"""The comparison engine: matching kinds, groups, order, rows, diffs."""

from __future__ import annotations

from helpers import REWRITE, WIRE, article

from reader.engine.compare import compare
from reader.engine.pairs import score_pairs
from reader.engine.text import normalized, stem, words


def rows_cover_each_sentence_once(c):
    left = [i for r in c.rows for i in r.left]
    right = [j for r in c.rows for j in r.right]
    assert sorted(left) == list(range(len(c.left.sentences)))
    assert sorted(right) == list(range(len(c.right.sentences)))
    assert left == sorted(left), "the left article keeps its order"


def test_identical_articles_are_all_verbatim():
    a = article(*WIRE)
    c = compare(a, article(*WIRE))
    spine = [m for m in c.matches if m.aligned]
    assert len(spine) == len(a.sentences)
    assert all(m.kind == "verbatim" and m.score == 1.0 and not m.moved and m.left == m.right for m in spine)
    # beyond the spine: the headline and the lede report the same fact
    assert any(m.left == [0] and m.right == [1] and not m.aligned for m in c.matches)
    assert c.stats.left_unique == c.stats.right_unique == 0
    assert c.stats.similarity == 1.0
    rows_cover_each_sentence_once(c)


def test_verbatim_ignores_case_punctuation_and_quote_style():
    a = article("T", "\u201cWe will win,\u201d she said.")
    b = article("T", '"we will WIN" she said')
    m = [m for m in compare(a, b).matches if m.left == [1]]
    assert m and m[0].kind == "verbatim"


def test_rewrite_matches_reordered_and_reworded_sentences():
    a, b = article(*WIRE), article(*REWRITE)
    c = compare(a, b)
    pairs = {(tuple(m.left), tuple(m.right)): m for m in c.matches}
    text = lambda side, ids: " ".join((a if side == "l" else b).sentences[i].text for i in ids)
    found = {(text("l", k[0])[:25], text("r", k[1])[:25]) for k in pairs}
    # the quote, the wage rise, the vote, the cost (moved to the top) and the headline
    assert any(l.startswith('"This deal protects') and r.startswith('"This deal protects') for l, r in found)
    assert any(l.startswith("The agreement raises") and r.startswith("Under the deal") for l, r in found)
    assert any(l.startswith("Dockworkers at the Port") and r.startswith("Members of the dock") for l, r in found)
    assert any(l.startswith("Economists estimated") and r.startswith("Economists put") for l, r in found)
    # what only one side says stays unique
    matched_right = {j for m in c.matches for j in m.right}
    mayor = next(s.id for s in b.sentences if "mayor" in s.text)
    assert mayor not in matched_right
    # the cost sentence moved from the end to the top: marked moved
    cost = next(m for m in c.matches if a.sentences[m.left[0]].text.startswith("Economists"))
    assert cost.moved
    quote = next(m for m in c.matches if a.sentences[m.left[0]].text.startswith('"This deal'))
    assert quote.kind == "near" and 0 < quote.score <= 1
    rows_cover_each_sentence_once(c)


def test_unrelated_sentences_on_the_same_topic_do_not_match():
    a, b = article(*WIRE), article(*REWRITE)
    c = compare(a, b)
    mayor = next(s.id for s in b.sentences if "mayor" in s.text)
    automation = next(s.id for s in a.sentences if "automation" in s.text)
    assert not [m for m in c.matches if mayor in m.right], "the mayor's praise is only in the rewrite"
    wages = next(s.id for s in b.sentences if "wages will rise" in s.text)
    # the wire's sentence says more (automation) than the rewrite's: the link is partial
    assert [m.kind for m in c.matches if m.left == [automation] and m.right == [wages]] == ["partial"]


def test_quote_split_in_two_matches_as_a_group():
    a = article(
        "Mayor speaks",
        "The council met on Friday.",
        '"We will rebuild every home that was lost, and we will do it before winter comes," the mayor said.',
        "Rain is expected next week.",
    )
    b = article(
        "Mayor promises to rebuild",
        '"We will rebuild every home that was lost," the mayor said.',
        '"And we will do it before winter comes."',
        "Volunteers gathered at the school.",
    )
    c = compare(a, b)
    groups = [m for m in c.matches if len(m.right) == 2]
    assert groups and groups[0].left == [2] and groups[0].right == [1, 2]
    rows_cover_each_sentence_once(c)


def test_word_diff_marks_what_changed():
    a = article("T", "Wages will rise 14 percent over three years.")
    b = article("T", "Wages will rise 15 percent over three years.")
    m = next(m for m in compare(a, b).matches if m.left == [1])
    assert m.kind == "near"
    changed = [d for d in m.diff if d.op != "equal"]
    assert len(changed) == 1
    left_text, right_text = m.texts
    assert left_text[slice(*changed[0].left)] == "14" and right_text[slice(*changed[0].right)] == "15"


def test_boilerplate_never_matches():
    text = "Share this article"
    a = article("Story one", "The bridge reopened on Monday after repairs.", text)
    b = article("Story two", "Engineers finished the bridge repairs.", text)
    c = compare(a, b)
    bp = [s.id for s in a.sentences if s.boilerplate]
    assert bp, "the share prompt is boilerplate"
    assert not any(set(m.left) & set(bp) for m in c.matches)


def test_score_pairs_decides_like_the_engine():
    scored = score_pairs([
        ("The union voted on Sunday to end the strike.", "On Sunday the union voted to end its strike."),
        ("The union voted on Sunday to end the strike.", "Shares in the airline fell sharply in early trading."),
    ])
    (p_same, same), (p_diff, diff) = scored
    assert same and not diff
    assert 0 <= p_diff < p_same <= 1


def test_text_normalisation():
    assert words("About 3,200 workers; the country\u2019s") == ["about", "3200", "workers", "the", "country"]
    assert normalized("\u201cHello,\u201d WORLD!") == "hello world"
    assert stem("wages") == stem("wage") and stem("voted") == stem("votes")
    assert stem("eleven") == "11"


def test_score_pairs_on_a_single_pair():
    # rarity is counted across pairs, so a file holding one pair still scores sensibly
    [(p, same)] = score_pairs([("The cat sat on the mat.", "A cat was sitting on the mat.")])
    assert same and p > 0.6


def test_a_huge_run_on_text_does_not_match_a_sentence_inside_it():
    sentence = "Floodwaters forced 3,200 residents from their homes on Tuesday."
    blob = " ".join([sentence.rstrip(".")] + ["and the river kept rising past the old mill"] * 30)
    a = article("Flood", sentence)
    b = article("Flood notes", blob)
    assert not [m for m in compare(a, b).matches if m.left != [0]]


def test_markdown_report_bolds_what_changed_and_escapes_article_text():
    from markdown_it import MarkdownIt

    from reader.render.markdown_out import md_escape, to_markdown

    a = article("T", "Wages will rise 14 percent over three years, officials said.")
    b = article("T", "Wages will rise 15 percent over three years, officials said.")
    md = to_markdown(compare(a, b))
    assert "**14**" in md and "**15**" in md
    assert md_escape("6.4 metres, U.S.-led") == "6.4 metres, U.S.-led"
    tokens = MarkdownIt("commonmark").parse("- " + md_escape("1. <b>x</b> [a](http://x) *y*"))
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert not kinds & {"ordered_list_open", "html_inline", "html_block", "link_open", "em_open"}
