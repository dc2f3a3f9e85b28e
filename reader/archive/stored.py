"""A built corpus, opened: its stories found through DuckDB over the Parquet tables, and one
story's articles, comparisons and overview restored from what the build stored.

Nothing is aligned again. A story's comparisons are rebuilt from its ``links`` rows (the
engine's matches: sentence ids, kind, confidence, spine, conflicting details) with the pair's
figures recounted from them, exactly as the engine counts them; they go into a
:class:`~reader.story.library.Library` as if computed there, so the story overview (facts,
quotes, who copied whom: milliseconds from the links) and the pair view are the story layer's
own, and the user's corrections apply on top as everywhere. An article whose file changed since
the build (its text, date or boilerplate no longer what was aligned) is compared afresh, and
said so; one that is gone is left out, and said so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from reader.archive import CorpusError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.engine.types import Comparison
    from reader.story.grouping import Story
    from reader.story.library import Library
    from reader.story.overview import Overview


def read_manifest(folder: str | Path) -> dict[str, Any]:
    """The manifest of a built corpus, or CorpusError saying what is wrong in one line."""
    from reader.archive.build import SCHEMA_VERSION

    path = Path(folder) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CorpusError(f"{folder}: not a built corpus (no readable manifest.json; build one with "
                          "reader corpus build)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != "reader-corpus":
        raise CorpusError(f"{folder}: not a reader corpus")
    if manifest.get("version") != SCHEMA_VERSION:
        raise CorpusError(f"{folder}: built by another version of reader (format {manifest.get('version')}, "
                          f"this one reads {SCHEMA_VERSION}): build it again with reader corpus build")
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(tables.get(t), str) for t in ("articles", "stories")):
        raise CorpusError(f"{folder}: its manifest.json lists no tables")
    return manifest


# ------------------------------------------------------------------ the story list
class Filter:
    """What the story list shows: words of the title (any article's), an outlet, a date range,
    at least so many outlets and articles."""

    __slots__ = ("words", "outlet", "since", "until", "outlets", "articles")

    def __init__(self, words: list[str] | None = None, outlet: str | None = None, since: str | None = None,
                 until: str | None = None, outlets: int = 0, articles: int = 0) -> None:
        self.words = words or []
        self.outlet = outlet
        self.since = since
        self.until = until
        self.outlets = outlets
        self.articles = articles

    def describe(self) -> str:
        """The filter in plain words (empty: none)."""
        bits = [f"“{' '.join(self.words)}”"] if self.words else []
        if self.outlet:
            bits.append(f"outlet {self.outlet}")
        if self.since or self.until:
            bits.append(f"{self.since or '…'} to {self.until or '…'}")
        if self.outlets:
            bits.append(f"{self.outlets}+ outlets")
        if self.articles:
            bits.append(f"{self.articles}+ articles")
        return ", ".join(bits)


FILTER_HELP = 'words of a title · outlet:NAME or outlet:"TWO WORDS" · from:YYYY-MM-DD · to:YYYY-MM-DD · outlets:N · articles:N'
_TOKEN = re.compile(r'(\w+):(?:"([^"]*)"|(\S*))|"([^"]*)"|(\S+)')


def parse_filter(text: str) -> Filter:
    """``outlet:reuters from:2024-03-01 to:2024-03-31 outlets:3 articles:5 flood`` (any order;
    ``outlet:"New York Times"`` quoted); CorpusError for a date or number that is not one."""
    from reader.engine.event import parse_day

    f = Filter()
    for m in _TOKEN.finditer(text):
        key, quoted, bare, phrase, word = m.groups()
        if key is not None and key.lower() in ("outlet", "from", "to", "outlets", "articles", "size"):
            key = key.lower()
            value = quoted if quoted is not None else bare
            if not value.strip():
                raise CorpusError(f"{key}: give a value after the colon ({FILTER_HELP})")
            if key == "outlet":
                f.outlet = value.strip()
            elif key in ("from", "to"):
                day = parse_day(value)
                if day is None:
                    raise CorpusError(f"{key}:{value}: give a date as YYYY-MM-DD")
                if key == "from":
                    f.since = day.isoformat()
                else:
                    f.until = day.isoformat()
            else:
                if not value.isdigit():
                    raise CorpusError(f"{key}:{value}: give a whole number (0 or more)")
                if key == "outlets":
                    f.outlets = int(value)
                else:
                    f.articles = int(value)
        else:
            f.words.append(phrase if phrase is not None else m.group(0))
    f.words = [w for w in f.words if w.strip()]
    if f.since and f.until and f.since > f.until:
        raise CorpusError(f"from:{f.since} is after to:{f.until}")
    return f


def _like(text: str) -> str:
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


OUTLETS_SQL = """
with arts as (select article_id, coalesce(source, 'unknown') as outlet from articles),
     output as (select outlet, count(*) as articles from arts group by outlet),
     sides as (
        select p.story_id, l.outlet as outlet, r.outlet as other, p.left_copied as shared
            from pairs p
            join arts l on l.article_id = p."left" join arts r on r.article_id = p."right"
        union all
        select p.story_id, r.outlet, l.outlet, p.right_copied from pairs p
            join arts l on l.article_id = p."left" join arts r on r.article_id = p."right"),
     copies as (
        select t.outlet as outlet, f.outlet as other, count(*) as copies, avg(d.share) as copy_share
            from derived d
            join arts t on t.article_id = d.to_id join arts f on f.article_id = d.from_id
            group by t.outlet, f.outlet)
select s.outlet, s.other, count(distinct s.story_id) as stories, avg(s.shared) as mean_shared,
       coalesce(max(c.copies), 0) as copies, max(c.copy_share) as copy_share, max(o.articles) as articles,
       count(*) as pairs
from sides s join output o using (outlet) left join copies c on c.outlet = s.outlet and c.other = s.other
where s.outlet <> s.other
group by s.outlet, s.other
order by s.outlet, copies desc, mean_shared desc, s.other
"""


def outlet_line(r: dict[str, Any]) -> str:
    """One row of :meth:`StoredCorpus.outlet_rows` in words."""
    from reader.corpus.errors import one_line, plural

    other = one_line(r["other"], 50)
    n = r["copies"]
    copies = (f"none of its articles reads as a copy of {other}'s" if not n else
              f"1 of its articles reads as a copy of {other}'s ({r['copy_share']:.0%} of its sentences)" if n == 1 else
              f"{n} of its articles read as copies of {other}'s ({r['copy_share']:.0%} of their sentences)")
    pairs = f" ({r['pairs']} pairs of articles)" if r.get("pairs", 0) > r["stories"] else ""
    return (f"with {other}: {plural(r['stories'], 'shared story', 'shared stories')}{pairs}, {r['mean_shared']:.0%} "
            f"of its sentences the same as or edited from the other's; {copies}")


class StoryRow:
    """A story of the list; ``linked`` of its ``pairs`` of articles report one event with linked
    sentences (the engine's judgment: a story whose pairs mostly do not may join two events)."""

    __slots__ = ("story_id", "title", "articles", "outlets", "first_date", "last_date", "sources", "linked", "pairs")

    def __init__(self, story_id: str, title: str, articles: int, outlets: int, first_date: str | None,
                 last_date: str | None, sources: list[str], linked: int = 0, pairs: int = 0) -> None:
        self.story_id = story_id
        self.title = title
        self.articles = articles
        self.outlets = outlets
        self.first_date = first_date
        self.last_date = last_date
        self.sources = sources
        self.linked = linked
        self.pairs = pairs


class StoredCorpus:
    """A built corpus opened for reading: DuckDB views over its Parquet tables (nothing is
    read into memory until asked; a query touches the columns it needs)."""

    def __init__(self, folder: str | Path) -> None:
        import duckdb

        self.folder = Path(folder)
        self.manifest = read_manifest(folder)
        self.rows: dict[str, int] = {k: v for k, v in (self.manifest.get("rows") or {}).items() if isinstance(v, int)}
        self.con = duckdb.connect()
        for name, file in self.manifest["tables"].items():
            path = self.folder / file
            if not re.fullmatch(r"[a-z]+", str(name)) or path.parent != self.folder:
                self.con.close()
                raise CorpusError(f"{folder}: its manifest.json names a table outside the corpus")
            if not path.is_file():
                self.con.close()
                raise CorpusError(f"{folder}: {file} is missing (build the corpus again)")
            quoted = "'" + str(path).replace("'", "''") + "'"  # a view cannot take a parameter
            try:
                self.con.execute(f"create view {name} as select * from read_parquet({quoted})")
            except duckdb.Error:
                self.con.close()
                raise CorpusError(f"{folder}: {file} is damaged or not a Parquet table (build the corpus "
                                  "again)") from None

    def close(self) -> None:
        self.con.close()

    def _cursor(self):
        """A cursor of its own (DuckDB connections are not shared across threads)."""
        return self.con.cursor()

    def stories(self, f: Filter | None = None, offset: int = 0, limit: int = 200) -> tuple[int, list[StoryRow]]:
        """(how many stories pass the filter, those from ``offset``): the most widely covered
        first (outlets, then articles), then the earliest."""
        f = f or Filter()
        where, params = ["true"], []
        for w in f.words:
            where.append("(lower(s.title) like ? escape '\\' or s.story_id in "
                         "(select story_id from articles where lower(title) like ? escape '\\'))")
            params += [_like(w), _like(w)]
        if f.outlet:
            where.append("s.story_id in (select story_id from articles where lower(source) like ? escape '\\')")
            params.append(_like(f.outlet))
        if f.since:
            where.append("coalesce(substr(s.last_date, 1, 10) >= ?, false)")
            params.append(f.since)
        if f.until:
            where.append("coalesce(substr(s.first_date, 1, 10) <= ?, false)")
            params.append(f.until)
        if f.outlets:
            where.append("s.outlets >= ?")
            params.append(f.outlets)
        if f.articles:
            where.append("s.articles >= ?")
            params.append(f.articles)
        cond = " and ".join(where)
        cur = self._cursor()
        total = cur.execute(f"select count(*) from stories s where {cond}", params).fetchone()[0]
        rows = cur.execute(
            "with page as (select story_id, title, articles, outlets, first_date, last_date, sources from stories s "
            f"where {cond} order by outlets desc, articles desc, first_date nulls last, story_id limit ? offset ?) "
            "select page.*, coalesce(p.linked, 0), coalesce(p.pairs, 0) from page left join ("
            "  select story_id, count(*) filter (where one_event and links > 0) as linked, count(*) as pairs "
            "  from pairs where story_id in (select story_id from page) group by story_id) p using (story_id) "
            "order by outlets desc, articles desc, first_date nulls last, story_id",
            [*params, limit, offset]).fetchall()
        return total, [StoryRow(*r) for r in rows]

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet and how many articles it has, most first."""
        return self._cursor().execute(
            "select coalesce(source, 'unknown') as o, count(*) from articles group by o order by 2 desc, 1").fetchall()

    def outlet_rows(self) -> list[dict[str, Any]]:
        """For each outlet and each other outlet it shares stories with: the stories (and pairs of
        articles), the mean share of its article's sentences that are the same as or an edit of
        the other's article on the same story (no direction), and how many of its articles read as
        copies of the other's (the ``derived`` table: where the evidence gives
        a direction) with their mean copied share."""
        cols = ["outlet", "other", "stories", "mean_shared", "copies", "copy_share", "articles", "pairs"]
        return [dict(zip(cols, r)) for r in self._cursor().execute(OUTLETS_SQL).fetchall()]

    # -------------------------------------------------------------- one story
    def open_story(self, story_id: str) -> Opened:
        """The story's articles read from their files, its comparisons restored from the stored
        links, and its overview (see the module's docstring)."""
        from reader.corpus.errors import LoadError
        from reader.corpus.load import load_article
        from reader.story.grouping import Story
        from reader.story.library import Library, content_key

        cur = self._cursor()
        found = cur.execute("select title, article_ids from stories where story_id = ?", [story_id]).fetchone()
        if found is None:
            raise CorpusError(f"story {story_id} is not in this corpus")
        title, ids = found
        meta = {r[0]: r[1:] for r in cur.execute(
            "select article_id, ref, boilerplate, content from articles where story_id = ?", [story_id]).fetchall()}
        articles: list[Article] = []
        kept: list[str] = []
        problems: list[str] = []
        changed: list[str] = []
        fresh: set[str] = set()
        for aid in ids:
            if aid not in meta:
                problems.append(f"article {aid} of the story is not in the articles table")
                continue
            ref, marks, digest = meta[aid]
            try:
                a = load_article(ref)
            except LoadError as exc:
                problems.append(f"{exc} (left out)")
                continue
            boiler = set(marks or ())
            if len(a.sentences) > (max(boiler) if boiler else -1):
                for s in a.sentences:
                    s.boilerplate = s.id in boiler
            if content_key(a) != digest:
                fresh.add(aid)
                changed.append(ref)
                a.warnings.append("changed since the corpus was built: its pairs are compared afresh")
            articles.append(a)
            kept.append(aid)
        if not articles:
            raise CorpusError("none of the story's articles can be read (moved or deleted since the build?): "
                              + "; ".join(problems[:2]))
        library = Library(articles)
        library._in_context = True  # the marks are the build's: never re-marked here
        n = len(articles)
        library.cache_size = max(library.cache_size, n * (n - 1) + 8)  # every pair, and each corrected
        position = {aid: k for k, aid in enumerate(kept)}
        links: dict[tuple[str, str], list[tuple]] = {}
        for row in cur.execute(
                'select "left", "right", left_ids, right_ids, kind, score, aligned, conflicts from links '
                'where story_id = ? order by "left", "right", link', [story_id]).fetchall():
            links.setdefault((row[0], row[1]), []).append(row[2:])
        restored = 0
        for left, right, same_event, one_event in cur.execute(
                'select "left", "right", same_event, one_event from pairs where story_id = ?', [story_id]).fetchall():
            if left in fresh or right in fresh or left not in position or right not in position:
                continue
            c = restore_comparison(articles[position[left]], articles[position[right]], links.get((left, right), []),
                                   same_event, one_event)
            if c is not None:
                library.remember(c)
                restored += 1
        story = Story(1, title, articles)
        return Opened(story, kept, library, problems, restored, changed)


class Opened:
    """A story opened from a corpus: its articles (``ids`` theirs), the library holding their
    restored comparisons (``restored`` of them), the articles that could not be read (one line
    each: left out) and those that changed since the build (their references: compared afresh,
    and each carries a warning saying so)."""

    __slots__ = ("story", "ids", "library", "problems", "restored", "changed")

    def __init__(self, story: Story, ids: list[str], library: Library, problems: list[str], restored: int,
                 changed: list[str] | None = None) -> None:
        self.story = story
        self.ids = ids
        self.library = library
        self.problems = problems
        self.restored = restored
        self.changed = changed or []

    def overview(self) -> Overview:
        """The story overview from the restored comparisons (nothing aligned again, unless an
        article changed since the build)."""
        return self.library.overview(self.story)


def restore_comparison(left: Article, right: Article, links: list[tuple], same_event: float | None,
                       one_event: bool | None) -> Comparison | None:
    """A comparison rebuilt from its stored links: ``(left_ids, right_ids, kind, score, aligned,
    conflicts JSON)`` each. None when a link names a sentence the articles do not have."""
    from reader.engine.align import build_rows, mark_moved
    from reader.engine.compare import _stats
    from reader.engine.details import Conflict
    from reader.engine.types import Comparison, Match

    nl, nr = len(left.sentences), len(right.sentences)
    matches = []
    for lids, rids, kind, score, aligned, conflicts in links:
        lids, rids = [int(i) for i in lids or ()], [int(j) for j in rids or ()]
        if not lids or not rids or not all(0 <= i < nl for i in lids) or not all(0 <= j < nr for j in rids):
            return None
        texts = (" ".join(left.sentences[i].text for i in lids), " ".join(right.sentences[j].text for j in rids))
        m = Match(lids, rids, kind, float(score), texts=texts, aligned=bool(aligned))
        try:
            m._conflicts = [Conflict(str(x["kind"]), str(x["left"]), str(x["right"]), tuple(x["left_span"]),
                                     tuple(x["right_span"])) for x in json.loads(conflicts or "[]")]
        except (ValueError, KeyError, TypeError):
            m._conflicts = None  # found again on first use
        matches.append(m)
    aligned_matches = [m for m in matches if m.aligned]
    mark_moved(aligned_matches)
    rows = build_rows(nl, nr, aligned_matches)
    index = {(tuple(m.left), tuple(m.right)): k for k, m in enumerate(matches) if m.aligned}
    for row in rows:
        row.match = index.get((tuple(row.left), tuple(row.right))) if row.left and row.right else None
    stats = _stats(left, right, matches)
    stats.same_event = float(same_event) if same_event is not None else 1.0
    stats.one_event = bool(one_event) if one_event is not None else True
    return Comparison(left, right, matches, rows, stats)
