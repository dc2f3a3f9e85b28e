"""Engine invariants on generated articles (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.corpus.load import build_article
from reader.engine.compare import compare

WORDS = ["port", "strike", "union", "voted", "deal", "wages", "rise", "percent", "ships", "Harwick",
         "mayor", "said", "on", "Sunday", "the", "a", "12", "3,200", "workers", "cargo", "bridge"]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraphs = st.lists(sentence, min_size=0, max_size=8)
any_text = st.text(max_size=300)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make(paras, title="Headline"):
    return build_article(title + "\n\n" + "\n\n".join(paras), "gen.txt")


def check_rows(c):
    left = [i for r in c.rows for i in r.left]
    right = [j for r in c.rows for j in r.right]
    assert sorted(left) == list(range(len(c.left.sentences)))
    assert sorted(right) == list(range(len(c.right.sentences)))
    assert left == sorted(left)
    for k, m in enumerate(c.matches):
        assert 0.0 <= m.score <= 1.0
        assert m.kind in ("verbatim", "near", "paraphrase", "partial")
        assert m.left == list(range(m.left[0], m.left[0] + len(m.left)))
        assert m.right == list(range(m.right[0], m.right[0] + len(m.right)))
        on_row = [r for r in c.rows if r.left == m.left and r.right == m.right and r.match == k]
        assert bool(on_row) == m.aligned, "aligned links share a row, the others join different rows"
        if not m.aligned:
            assert len(m.left) == len(m.right) == 1
    spine = [m for m in c.matches if m.aligned]
    used_l = [i for m in spine for i in m.left]
    used_r = [j for m in spine for j in m.right]
    assert len(used_l) == len(set(used_l)) and len(used_r) == len(set(used_r)), "the aligned spine is one-to-one"
    linked_l = {i for m in c.matches for i in m.left}
    linked_r = {j for m in c.matches for j in m.right}
    body_l = [s.id for s in c.left.sentences if not s.boilerplate]
    body_r = [s.id for s in c.right.sentences if not s.boilerplate]
    assert c.stats.left_unique == len([i for i in body_l if i not in linked_l]), "unique = no link at all"
    assert c.stats.right_unique == len([j for j in body_r if j not in linked_r])


@SETTINGS
@given(paragraphs, paragraphs)
def test_every_sentence_in_exactly_one_row(a, b):
    check_rows(compare(make(a), make(b)))


@SETTINGS
@given(any_text, any_text)
def test_arbitrary_text_never_breaks_the_engine(a, b):
    check_rows(compare(build_article(a, "a.txt"), build_article(b, "b.txt")))


@SETTINGS
@given(paragraphs)
def test_article_against_itself_is_all_verbatim(a):
    art = make(a)
    c = compare(art, make(a))
    body = [s.id for s in art.sentences if not s.boilerplate]
    spine = [m for m in c.matches if m.aligned]
    # duplicate sentences within one article may pair either way; every body sentence is aligned
    assert sorted(i for m in spine for i in m.left) == body
    assert all(m.kind == "verbatim" for m in spine)
    assert not any(m.moved for m in spine) or len({art.sentences[i].text for i in body}) < len(body)
    # further links (sentences of one article that report the same thing) are never verbatim
    # unless the article repeats a sentence
    if len({art.sentences[i].text for i in body}) == len(body):
        assert all(m.kind != "verbatim" for m in c.matches if not m.aligned)


@SETTINGS
@given(paragraphs, paragraphs)
def test_swapping_sides_mirrors_the_matches(a, b):
    A, B = make(a, "Left headline"), make(b, "Right headline")
    ab = {(tuple(m.left), tuple(m.right), m.kind, m.aligned) for m in compare(A, B).matches}
    ba = {(tuple(m.right), tuple(m.left), m.kind, m.aligned) for m in compare(B, A).matches}
    assert ab == ba


@SETTINGS
@given(st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta"]), min_size=1, max_size=6),
       st.lists(st.sampled_from(["omega", "sigma", "kappa", "theta"]), min_size=1, max_size=6))
def test_disjoint_texts_give_no_matches(a, b):
    A = make([" ".join(a).capitalize() + "."], "Alpha beta")
    B = make([" ".join(b).capitalize() + "."], "Omega sigma")
    assert compare(A, B).matches == []
