"""Sentence splitter: news cases, golden-rule style cases, and span invariants."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus.split import split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    pos = 0
    for s, e in spans:
        assert isinstance(s, int) and isinstance(e, int)
        assert pos <= s < e <= len(text), (spans, text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert text[pos:s].strip() == "", "non-whitespace text dropped between spans"
        pos = e
    assert text[pos:].strip() == "", "non-whitespace text dropped at the end"


CASES = [
    # --- the brief's news paragraphs
    (
        "The U.S. has approved more than $110 billion in aid to Ukraine. Kim could also make other stops.",
        ["The U.S. has approved more than $110 billion in aid to Ukraine.", "Kim could also make other stops."],
    ),
    (
        "“This is not going to reflect well on North Korea,” Sullivan said. “They will pay a price.”",
        ["“This is not going to reflect well on North Korea,” Sullivan said.", "“They will pay a price.”"],
    ),
    ("BY SARAH KIM [kim.sarah@joongang.co.kr]", ["BY SARAH KIM [kim.sarah@joongang.co.kr]"]),
    (
        "Sen. Elizabeth Warren met Gov. Gavin Newsom at 10 a.m. Tuesday. They spoke for an hour.",
        ["Sen. Elizabeth Warren met Gov. Gavin Newsom at 10 a.m. Tuesday.", "They spoke for an hour."],
    ),
    (
        "Denial of responsibility! VigourTimes is an automatic aggregator of Global media.",
        ["Denial of responsibility!", "VigourTimes is an automatic aggregator of Global media."],
    ),
    # --- abbreviations
    ("Mr. and Mrs. Smith met Dr. Jones. They talked.", ["Mr. and Mrs. Smith met Dr. Jones.", "They talked."]),
    (
        "Lt. Gen. Mark Jones and Sen. Ted Cruz spoke. Gov. Abbott did not.",
        ["Lt. Gen. Mark Jones and Sen. Ted Cruz spoke.", "Gov. Abbott did not."],
    ),
    ("I work for the U.S. Government in Virginia.", ["I work for the U.S. Government in Virginia."]),
    ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    ("He flew to the U.K. on Monday. The U.K. government agreed.", ["He flew to the U.K. on Monday.", "The U.K. government agreed."]),
    ("The attack on Sept. 11 changed everything. Jan. 6 did too.", ["The attack on Sept. 11 changed everything.", "Jan. 6 did too."]),
    ("He lives at No. 10 Downing St. in London.", ["He lives at No. 10 Downing St. in London."]),
    ("He lives on Main St. The house is big.", ["He lives on Main St.", "The house is big."]),
    ("They closed the deal with Pitt, Briggs & Co. It closed yesterday.", ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]),
    ("Shares of Apple Inc. fell 2 percent. Apple Inc. Chief Executive Tim Cook spoke.", ["Shares of Apple Inc. fell 2 percent.", "Apple Inc. Chief Executive Tim Cook spoke."]),
    ("Acme Corp. and Beta Ltd. merged, e.g. in Europe, i.e. where it counts.", ["Acme Corp. and Beta Ltd. merged, e.g. in Europe, i.e. where it counts."]),
    ("Apples, pears, etc. The list goes on.", ["Apples, pears, etc.", "The list goes on."]),
    ("It was Harris vs. Trump. It costs approx. 5 dollars.", ["It was Harris vs. Trump.", "It costs approx. 5 dollars."]),
    ("Martin Luther King Jr. Day is a holiday. That is JFK Jr.'s book.", ["Martin Luther King Jr. Day is a holiday.", "That is JFK Jr.'s book."]),
    ("Rep. Adam Schiff (D-Calif.) said so. He spoke in Sacramento, Calif. Officials agreed.", ["Rep. Adam Schiff (D-Calif.) said so.", "He spoke in Sacramento, Calif.", "Officials agreed."]),
    ("The meeting began at 10 a.m. The president arrived late.", ["The meeting began at 10 a.m.", "The president arrived late."]),
    ("It ends at 9 p.m. ET on Friday.", ["It ends at 9 p.m. ET on Friday."]),
    (
        "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
        ["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."],
    ),
    ("Please turn to p. 55. It is there.", ["Please turn to p. 55.", "It is there."]),
    # --- initials
    ("My name is Jonas E. Smith. I am here.", ["My name is Jonas E. Smith.", "I am here."]),
    ("J. K. Rowling wrote it. She is British.", ["J. K. Rowling wrote it.", "She is British."]),
    ("Former President Donald J. Trump spoke. George W. Bush did not.", ["Former President Donald J. Trump spoke.", "George W. Bush did not."]),
    ("We make a good team, you and I. Did you see Albert I. Jones yesterday?", ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
    ("It was World War I. The war ended in 1918.", ["It was World War I.", "The war ended in 1918."]),
    # --- numbers and money
    ("She has $100.00 in her bag.", ["She has $100.00 in her bag."]),
    ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
    (
        "Inflation was 3.5 percent. Revenue hit $1.2bn. The U.S. approved $110 billion.",
        ["Inflation was 3.5 percent.", "Revenue hit $1.2bn.", "The U.S. approved $110 billion."],
    ),
    ("The vote was in 2023. 15 people died.", ["The vote was in 2023.", "15 people died."]),
    # --- quotations and parentheses
    ('She turned to him, "This is great." she said.', ['She turned to him, "This is great." she said.']),
    ('She turned to him, "This is great." She held the book out.', ['She turned to him, "This is great."', "She held the book out."]),
    ('The ship left port." Next it sailed.', ['The ship left port."', "Next it sailed."]),
    ("“Why?” he asked. “Because I said so!” she replied.", ["“Why?” he asked.", "“Because I said so!” she replied."]),
    ("‘Enough.’ Then he left.", ["‘Enough.’", "Then he left."]),
    ("He teaches science (He worked as an engineer.) at the University.", ["He teaches science (He worked as an engineer.) at the University."]),
    ("(He left.) She stayed.", ["(He left.)", "She stayed."]),
    ("She works at Yahoo! in the accounting department.", ["She works at Yahoo! in the accounting department."]),
    ("Hello!? Is that you?", ["Hello!?", "Is that you?"]),
    # --- ellipses
    ("I never meant that.... She left the store.", ["I never meant that....", "She left the store."]),
    ("He said… The end came.", ["He said…", "The end came."]),
    ("I wasn’t really ... well, what I mean...see . . . I didn’t mean it.", ["I wasn’t really ... well, what I mean...see . . . I didn’t mean it."]),
    ('"Bohr [...] used stairways [...]" (Smith 55).', ['"Bohr [...] used stairways [...]" (Smith 55).']),
    ("It ended with a period . . . . Next sentence.", ["It ended with a period . . . .", "Next sentence."]),
    ("It was weakened . . . was combining compounds. . . . The practice stayed. . . .", ["It was weakened . . . was combining compounds.", ". . . The practice stayed. . . ."]),
    # --- URLs and emails
    ("Her email is Jane.Doe@example.com. I sent her an email.", ["Her email is Jane.Doe@example.com.", "I sent her an email."]),
    ("The site is: https://www.example.50.com/new-site/a.html. Please check it.", ["The site is: https://www.example.50.com/new-site/a.html.", "Please check it."]),
    # --- lists
    ("1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
    ("1) The first item. 2) The second item.", ["1) The first item.", "2) The second item."]),
    ("1. The first item 2. The second item 3. The third", ["1. The first item", "2. The second item", "3. The third"]),
    ("a. The first item b. The second item c. The third item", ["a. The first item", "b. The second item", "c. The third item"]),
    ("• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
    ("⁃9. The first item ⁃10. The second item", ["⁃9. The first item", "⁃10. The second item"]),
    ("He listed 1) cost 2) time and more.", ["He listed 1) cost 2) time and more."]),
    ("Markets • Business • Tech", ["Markets • Business • Tech"]),
    # --- headlines, breadcrumbs, newlines
    ("Home > News > World", ["Home > News > World"]),
    ("North will 'pay a price' for any arms supplies to Russia, U.S. says", ["North will 'pay a price' for any arms supplies to Russia, U.S. says"]),
    ("Home > News > World\nThe president spoke on Tuesday.", ["Home > News > World", "The president spoke on Tuesday."]),
    ("Breaking News\nThe president spoke on Tuesday.", ["Breaking News", "The president spoke on Tuesday."]),
    ("President Yoon Warns Against Military Cooperation\nYoon spoke at the summit.", ["President Yoon Warns Against Military Cooperation", "Yoon spoke at the summit."]),
    ("Key points:\n• Prices rose\n• Wages fell", ["Key points:", "• Prices rose", "• Wages fell"]),
    ("The president of the United\nStates spoke on Tuesday.", ["The president of the United\nStates spoke on Tuesday."]),
    ("He went to the\nstore. It was closed.", ["He went to the\nstore.", "It was closed."]),
    ("One line.\nAnother line.", ["One line.", "Another line."]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_cases(text, expected):
    spans = split_sentences(text)
    check_spans(text, spans)
    assert sents(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\t \u00a0\u3000"])
def test_blank(text):
    assert split_sentences(text) == []


@pytest.mark.parametrize(
    "text",
    [".", "...", ". . . .", "!?", "a.", "1.", "•", "• •", "[...]", "\u2026", "Mr.", "a.m.", "\x00\x01.", "x\n\n\ny",
     "1. 2. 3.", "a. b. c.", "\ud800. A", '"."', "))). ((( A", "\n1.\n2.\n", "U.S.A. . . . ."],
)
def test_odd_inputs(text):
    check_spans(text, split_sentences(text))


def test_offsets_are_relative_to_input():
    text = "  First one.   Second one!  "
    assert split_sentences(text) == [(2, 12), (15, 26)]


def test_long_text_splits_every_sentence():
    para = (
        "The U.S. has approved more than $110 billion in aid to Ukraine. "
        "“This is not going to reflect well on North Korea,” Sullivan said. "
        "Sen. Elizabeth Warren met Gov. Gavin Newsom at 10 a.m. Tuesday. "
        "Inflation rose 3.5 percent in Sept., the Labor Dept. said. "
        "Why would anyone do that? "
    )
    text = para * 2000  # 10,000 sentences
    spans = split_sentences(text)
    assert len(spans) == 10_000  # speed is measured in benchmarks/bench_split.py


# --- properties ----------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("aAbBeEiIJKmMpPsStTuUxX019 .....!!??,;:'\"()[]$-\n\t")
    + ["\u201c", "\u201d", "\u2018", "\u2019", "\u2026", "\u2022", "\u2043", "\u00a0", "\u3000", "\u00b0", "\x00", "\u2028"]
    + ["Mr.", "U.S.", "a.m.", "p.m.", "Inc.", "Sept.", " The ", " He ", "1.)", "2.)", "a. ", "b. ", ". . .", "e.g.", " > "]
)
_NEWSY = st.lists(_ALPHABET, max_size=80).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=200), _NEWSY))
def test_spans_partition_text(text):
    spans = split_sentences(text)
    check_spans(text, spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([c[0] for c in CASES]), min_size=1, max_size=5))
def test_joined_cases_partition_text(parts):
    text = " ".join(parts)
    check_spans(text, split_sentences(text))


# --- a closing quote or bracket never stands alone (tokenised text: "he said . ”", "( AP )")
@pytest.mark.parametrize(
    "text,expected",
    [
        ("“We will win , ” he said . ”", ["“We will win , ” he said . ”"]),
        ("The vote passed . ” Then the House adjourned .", ["The vote passed .", "” Then the House adjourned ."]),
        ("It ended . ) ”", ["It ended . ) ”"]),
        ("He said. ”", ["He said. ”"]),
        ("Really? ” It was. )", ["Really?", "” It was. )"]),
        ("First one. Second one . ”", ["First one.", "Second one . ”"]),
    ],
)
def test_lone_closers_attach_to_the_sentence_before(text, expected):
    assert sents(text) == expected
    check_spans(text, split_sentences(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Word", "said", ".", "!", "?", "”", '"', ")", "’", "The", "A.", "U.S."]),
                min_size=1, max_size=25))
def test_no_sentence_is_only_closers_after_another(words):
    text = " ".join(words)
    out = sents(text)
    for s in out[1:]:
        assert any(c.isalnum() for c in s) or not set(s) <= set(".!?”\")’ "), (text, out)
