"""The story layer: a library of articles, grouping into stories, facts across a story."""

from __future__ import annotations

from helpers import REWRITE, WIRE, article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.corpus.load import build_article
from reader.story.facts import implied_links
from reader.story.grouping import Story, group
from reader.story.library import Library, content_key

# Three events, each reported by three outlets in their own words.
PORT = [
    ("Harbour strike ends after nine-day standoff", *WIRE[1:]),
    REWRITE,
    ("Port of Lindell reopens as dockworkers back pay deal",
     "Dockworkers in Lindell have voted to end their nine-day strike after union leaders backed a new pay deal.",
     "Wages rise by 12 percent over four years under the agreement, the union said.",
     "Cargo operations at the port resume on Tuesday morning.",
     "The stoppage cost the region an estimated 800 million dollars, economists said."),
]
FLOOD = [
    ("Flash floods kill four in Marrow Valley",
     "Flash floods swept through Marrow Valley on Saturday night, killing four people and destroying 30 homes.",
     "Rescue teams used boats to reach stranded residents in the village of Elbrun.",
     "The regional governor, Petra Vasko, declared a state of emergency on Sunday.",
     "More than 120 millimetres of rain fell in six hours, the weather service said."),
    ("Four dead after Marrow Valley floods",
     "Four people died when floods hit Marrow Valley late on Saturday, officials said.",
     "About 30 houses were destroyed and boats were used to rescue residents in Elbrun.",
     "Governor Petra Vasko declared a state of emergency.",
     "The weather service recorded 120 millimetres of rain in six hours."),
    ("State of emergency in Marrow Valley after deadly floods",
     "Governor Petra Vasko has declared a state of emergency in Marrow Valley after floods killed four people.",
     "Residents of Elbrun were rescued by boat as water rose through the village.",
     "Thirty homes were destroyed, according to the regional authorities."),
]
TRIAL = [
    ("Former mayor Hal Brenner jailed for bribery",
     "Former mayor Hal Brenner was sentenced to six years in prison on Thursday for taking bribes from builders.",
     "The court heard that Brenner accepted 340,000 dollars in exchange for building permits.",
     "His lawyer, Mina Ostrow, said he would appeal the verdict."),
    ("Ex-mayor Brenner gets six years for taking bribes",
     "A court on Thursday sentenced Hal Brenner, the city's former mayor, to six years for bribery.",
     "Prosecutors said Brenner took 340,000 dollars from developers for permits.",
     "Defence lawyer Mina Ostrow told reporters Brenner would appeal."),
    ("Brenner sentenced in permits bribery case",
     "Hal Brenner, who was mayor for eight years, will spend six years in prison for bribery, a judge ruled.",
     "Builders paid him 340,000 dollars for building permits, the court found."),
]


def pile():
    arts, truth = [], []
    for name, reports in (("port", PORT), ("flood", FLOOD), ("trial", TRIAL)):
        for k, r in enumerate(reports):
            arts.append(article(*r, path=f"{name}-{k}.txt"))
            truth.append(name)
    return arts, truth


def test_a_mixed_pile_groups_into_its_events():
    arts, truth = pile()
    order = [4, 0, 8, 2, 5, 1, 7, 3, 6]  # shuffled
    stories = group([arts[k] for k in order])
    got = sorted(sorted(a.path.split("-")[0] for a in s.articles) for s in stories)
    assert got == [["flood"] * 3, ["port"] * 3, ["trial"] * 3]
    assert [s.id for s in stories] == [1, 2, 3]
    for s in stories:  # the title is one of its own headlines
        assert s.title in {a.title for a in s.articles}


def test_an_article_unlike_any_other_is_a_story_of_one():
    arts, _ = pile()
    odd = article("Chess club elects new president", "The chess club elected Ivo Sarn as its president on Monday.",
                  path="chess.txt")
    stories = group(arts + [odd])
    alone = [s for s in stories if len(s.articles) == 1]
    assert [s.articles[0].path for s in alone] == ["chess.txt"]
    assert len(stories) == 4


def test_articles_in_a_story_are_ordered_by_date_where_known():
    arts, _ = pile()
    a, b, c = arts[3], arts[4], arts[5]
    a.date, b.date, c.date = "2024-05-03", "2024-05-02", None
    [story] = group([a, b, c])
    assert [x.path for x in story.articles] == [b.path, a.path, c.path]


def test_reports_months_apart_are_different_events():
    arts, _ = pile()
    a, b = arts[6], arts[7]
    a.date, b.date = "2021-03-01", "2021-09-01"
    assert len(group([a, b])) == 2


def test_library_compares_a_pair_once_keyed_by_content():
    arts, _ = pile()
    lib = Library(arts[:2])
    first = lib.compare(arts[0], arts[1])
    assert lib.compare(arts[0], arts[1]) is first
    same_text = build_article(arts[0].text, arts[0].path)
    assert content_key(same_text) == content_key(arts[0])
    edited = build_article(arts[0].text + "\n\nA late addition to the report.", arts[0].path)
    assert content_key(edited) != content_key(arts[0])
    assert lib.compare(edited, arts[1]) is not first


COURIER = "The Lindell Courier is owned by the Marsh family trust."  # one outlet's line, any story


def test_a_line_repeated_in_other_stories_is_boilerplate_once_the_set_is_read():
    port = article(*PORT[0], COURIER, path="port.txt")
    other = article(*PORT[2], path="other.txt")
    trial = article(*TRIAL[0], COURIER, path="trial.txt")
    assert not port.sentences[-1].boilerplate, "on its own the line reads as text"
    pair = Library([port, other])
    pair.compare(port, other)
    assert not port.sentences[-1].boilerplate, "two articles are judged each on its own"
    key = content_key(port)
    lib = Library([port, other, trial])
    lib.compare(port, other)
    assert port.sentences[-1].boilerplate and trial.sentences[-1].boilerplate
    assert not any(s.boilerplate for s in other.sentences)
    assert content_key(port) != key, "the marks are part of what a comparison depends on"
    assert lib.cached(port, other) is not None


def test_a_lazy_library_judges_boilerplate_in_context_only_when_every_article_is_read():
    port = article(*PORT[0], COURIER, path="port.txt")
    trial = article(*TRIAL[0], COURIER, path="trial.txt")
    other = article(*PORT[2], path="other.txt")
    lib = Library([port, other, trial], pending=["trial.txt"])
    lib.compare(port, other)
    assert not port.sentences[-1].boilerplate, "a set still being read is not a context yet"
    lib.settle(2, trial, None)
    lib.stories()
    assert port.sentences[-1].boilerplate and trial.sentences[-1].boilerplate


def test_story_overview_pairs_facts_and_coverage():
    arts, _ = pile()
    lib = Library(arts[6:9])
    [story] = lib.stories()
    ov = lib.overview(story)
    assert len(ov.pairs) == 3 and ov.pairs == sorted(ov.pairs, key=lambda p: -p.similarity)
    n = len(story.articles)
    sentence = {(k, s.id): s for k, a in enumerate(story.articles) for s in a.sentences}
    # the sentence all three report (the sentence) is one fact across all three
    everyone = ov.filtered("all")
    six = {m for m in sentence if "six years" in sentence[m].text and m[1] > 0}  # the ledes
    assert len(six) == 3 and any(six <= set(f.members) for f in everyone)

    # a detail only one outlet has is a fact of one
    lawyer = [f for f in ov.facts if any("appeal" in sentence[m].text for m in f.members)]
    assert lawyer and all(len(f.articles) < n for f in lawyer)
    for c in ov.coverage:
        assert c.facts == sum(1 for f in ov.facts if c.article in f.articles)
        assert c.exclusive == len(ov.filtered("only", c.article))


def test_every_link_lies_inside_a_fact_and_every_implied_link_is_a_link():
    arts, _ = pile()
    lib = Library(arts[:3])
    story = Story(1, "port", arts[:3])
    ov = lib.overview(story)
    links = set()
    for (i, j), c in ov.comparisons.items():
        for m in c.matches:
            links |= {((i, a), (j, b)) for a in m.left for b in m.right}
    for x, y in links:
        assert any(x in f.members and y in f.members for f in ov.facts), (x, y)
    assert implied_links(ov.facts) <= links, "a fact never claims a link the pairs do not have"
    body = {(k, s.id) for k, a in enumerate(story.articles) for s in a.sentences if not s.boilerplate}
    assert {m for f in ov.facts for m in f.members} == body


def test_identical_articles_give_one_fact_per_sentence_reported_by_all():
    a = article(*WIRE, path="a.txt")
    b = article(*WIRE, path="b.txt")
    c = article(*WIRE, path="c.txt")
    ov = Library([a, b, c]).overview(Story(1, a.title, [a, b, c]))
    all_three = [f for f in ov.facts if f.articles == [0, 1, 2]]
    assert sorted(f.central[1] for f in all_three) == [s.id for s in a.sentences]
    assert all({(0, f.central[1]), (1, f.central[1]), (2, f.central[1])} <= set(f.members) for f in all_three)
    assert all(set(f.kinds.values()) == {"verbatim"} for f in all_three)


sentence = st.lists(st.sampled_from(["port", "strike", "union", "voted", "deal", "wages", "rise", "ships", "the",
                                     "12", "mayor", "Harwick", "cargo", "bridge", "flood", "rain"]),
                    min_size=2, max_size=10).map(lambda ws: " ".join(ws).capitalize() + ".")
texts = st.lists(st.lists(sentence, min_size=1, max_size=5), min_size=1, max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_grouping_and_facts_invariants(bodies):
    arts = [build_article(f"Headline {k}\n\n" + "\n\n".join(b), f"g{k}.txt") for k, b in enumerate(bodies)]
    stories = group(arts)
    placed = sorted(a.path for s in stories for a in s.articles)
    assert placed == sorted(a.path for a in arts), "every article in exactly one story"
    lib = Library(arts)
    for s in stories:
        ov = lib.overview(s)
        links = set()
        for (i, j), c in ov.comparisons.items():
            for m in c.matches:
                links |= {((i, x), (j, y)) for x in m.left for y in m.right}
        assert all(any(x in f.members and y in f.members for f in ov.facts) for x, y in links)
        assert implied_links(ov.facts) <= links
