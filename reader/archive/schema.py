"""The Parquet tables of a built corpus (readable with DuckDB, pandas, Spark, Arrow).

``articles``   one row per article read: ``article_id`` (from its reference), ``ref`` (the path, or
               ``FILE.jsonl#N``), title, source, date, url, sentences (count), ``story_id``, the
               ids of the sentences taken as boilerplate when it was aligned, and ``content``: a
               digest of its text, date and those marks (the TUI shows the stored alignment only
               while the article still reads so).
``stories``    one row per story: ``story_id``, title, ``article_ids`` (by date), sources, first and
               last date, and how many articles/outlets it has.
``pairs``      one row per pair of a story's articles (``left`` ran first): similarity, link count,
               sentences only each side has, the engine's confidence they report one event
               (``same_event``) and whether they were judged so, and the share of each side's
               sentences copied or edited from the other.
``links``      one row per sentence link of a pair: sentence ids each side, kind, confidence,
               aligned or not, and its conflicting details (JSON: ``[{kind, left, right,
               left_span, right_span}]``, spans as character offsets into each side's text).
``facts``      one row per fact of a story: its text and the articles (and sentences) reporting it.
``quotes``     one row per occurrence of a quote: quote id, speaker, the story's wording, this
               article's wording, sentences, altered, speaker differs.
``conflicts``  one row per conflicting detail of a link: kind and each side's words.
``derived``    one row per pair whose direction of copying the evidence supports: from, to,
               share, evidence.
"""

from __future__ import annotations

import pyarrow as pa

_ids = pa.list_(pa.int32())
SCHEMAS = {
    "signatures": pa.schema([  # a build's working table (under _work): not part of the corpus
        ("article_id", pa.string()), ("ref", pa.string()), ("title", pa.string()), ("source", pa.string()),
        ("date", pa.string()), ("url", pa.string()), ("sentences", pa.int32()), ("signature", pa.list_(pa.int64())),
        ("keys", pa.list_(pa.int64())),
    ]),
    "articles": pa.schema([
        ("article_id", pa.string()), ("ref", pa.string()), ("title", pa.string()), ("source", pa.string()),
        ("date", pa.string()), ("url", pa.string()), ("sentences", pa.int32()), ("story_id", pa.string()),
        ("boilerplate", _ids), ("content", pa.string()),
    ]),
    "marks": pa.schema([  # a build's working table: each article as it was aligned
        ("article_id", pa.string()), ("boilerplate", _ids), ("content", pa.string()),
    ]),
    "stories": pa.schema([
        ("story_id", pa.string()), ("title", pa.string()), ("article_ids", pa.list_(pa.string())),
        ("sources", pa.list_(pa.string())), ("first_date", pa.string()), ("last_date", pa.string()),
        ("articles", pa.int32()), ("outlets", pa.int32()),
    ]),
    "pairs": pa.schema([
        ("story_id", pa.string()), ("left", pa.string()), ("right", pa.string()), ("similarity", pa.float64()),
        ("links", pa.int32()), ("left_unique", pa.int32()), ("right_unique", pa.int32()), ("same_event", pa.float64()),
        ("one_event", pa.bool_()),
        ("left_copied", pa.float64()), ("right_copied", pa.float64()),
    ]),
    "links": pa.schema([
        ("story_id", pa.string()), ("left", pa.string()), ("right", pa.string()), ("link", pa.int32()),
        ("left_ids", _ids), ("right_ids", _ids), ("kind", pa.string()), ("score", pa.float64()),
        ("aligned", pa.bool_()), ("conflicts", pa.string()),
    ]),
    "facts": pa.schema([
        ("story_id", pa.string()), ("fact", pa.int32()), ("text", pa.string()), ("article_ids", pa.list_(pa.string())),
        ("members", pa.string()),
    ]),
    "quotes": pa.schema([
        ("story_id", pa.string()), ("quote", pa.int32()), ("article_id", pa.string()), ("speaker", pa.string()),
        ("text", pa.string()), ("occurrence", pa.string()), ("sentences", _ids), ("altered", pa.bool_()),
        ("speaker_differs", pa.bool_()),
    ]),
    "conflicts": pa.schema([
        ("story_id", pa.string()), ("left", pa.string()), ("right", pa.string()), ("link", pa.int32()),
        ("kind", pa.string()), ("left_text", pa.string()), ("right_text", pa.string()),
    ]),
    "derived": pa.schema([
        ("story_id", pa.string()), ("from_id", pa.string()), ("to_id", pa.string()), ("share", pa.float64()),
        ("evidence", pa.list_(pa.string())),
    ]),
}
KEYS = {
    "marks": ["article_id"],
    "articles": ["article_id"], "stories": ["story_id"], "pairs": ["story_id", "left", "right"],
    "links": ["story_id", "left", "right", "link"], "facts": ["story_id", "fact"],
    "quotes": ["story_id", "quote", "article_id"], "conflicts": ["story_id", "left", "right", "link", "kind"],
    "derived": ["story_id", "from_id", "to_id"],
}
