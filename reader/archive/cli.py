"""``reader corpus``: build a corpus (``build``), write it out (``export``), or show what one holds.

    reader corpus build SOURCE… --out DIR [--workers N | --scheduler tcp://HOST:8786] [--quiet]
    reader corpus export DIR --format passim [-o FILE]
    reader corpus DIR            (the stories, the most widely covered first)

Without the corpus extra each says in one line how to add it. Problems are one line on stderr
and exit code 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader.archive import ArchiveUnavailable, require


class CorpusError(Exception):
    """A problem with the user's request: one line."""


def _parser(prog: str):
    """argparse that reports a usage problem as one line and exit code 2."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            raise CorpusError(f"{self.prog}: {message} (see {self.prog} --help)")

    return Parser(prog=prog)


def main(argv: list[str]) -> int:
    try:
        require()
        if argv and argv[0] == "build":
            return _build(argv[1:])
        if argv and argv[0] == "export":
            return _export(argv[1:])
        if len(argv) == 1 and not argv[0].startswith("-"):
            return _show(argv[0])
        if len(argv) == 2 and argv[1] == "--outlets":
            return _outlets(argv[0])
        raise CorpusError("usage: reader corpus build SOURCE… --out DIR | reader corpus export DIR --format passim "
                          "| reader corpus DIR [--outlets]")
    except (ArchiveUnavailable, CorpusError) as exc:
        from reader.corpus.errors import one_line

        print(f"reader: {one_line(str(exc), 600)}", file=sys.stderr)
        return 2


def _build(argv: list[str]) -> int:
    from reader.archive.build import DaskRunner, InProcess, build

    p = _parser("reader corpus build")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders and JSON Lines files of articles")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder the corpus is written to (run again to resume)")
    p.add_argument("--workers", type=int, default=2,
                   help="Dask workers of a local cluster (default 2; 0: no cluster, one process)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask cluster's scheduler (tcp://host:8786)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    args = p.parse_args(argv)
    if args.workers < 0:
        raise CorpusError("--workers: give 0 or more")
    runner = DaskRunner(args.workers, args.scheduler) if (args.scheduler or args.workers > 0) else InProcess()
    try:
        manifest = build(args.sources, args.out, runner, quiet=args.quiet)
    finally:
        runner.close()
    rows = manifest["rows"]
    print(f"reader: built {args.out}: {rows['articles']:,} articles in {rows['stories']:,} stories, "
          f"{rows['pairs']:,} pairs, {rows['links']:,} links"
          + (f"; {len(manifest['skipped'])} skipped" if manifest["skipped"] else ""), file=sys.stderr)
    return 0


def _manifest(folder: str) -> dict:
    path = Path(folder) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CorpusError(f"{folder}: not a built corpus (no readable manifest.json; build one with "
                          "reader corpus build)") from None
    if manifest.get("format") != "reader-corpus":
        raise CorpusError(f"{folder}: not a reader corpus")
    return manifest


def _export(argv: list[str]) -> int:
    p = _parser("reader corpus export")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--format", choices=("passim",), default="passim")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    args = p.parse_args(argv)
    _manifest(args.folder)
    from reader.archive.passim import passim_lines

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for line in passim_lines(args.folder):
            out.write(line + "\n")
    finally:
        if args.output:
            out.close()
    return 0


def _show(folder: str) -> int:
    """The stories of a built corpus, the most widely covered first (a first look; the TUI's
    corpus browser is to come)."""
    manifest = _manifest(folder)
    import pyarrow.parquet as pq

    stories = pq.read_table(Path(folder) / manifest["tables"]["stories"]).to_pylist()
    stories.sort(key=lambda s: (-s["outlets"], -s["articles"], s["first_date"] or "", s["story_id"]))
    rows = manifest["rows"]
    print(f"{rows['articles']:,} articles, {rows['stories']:,} stories, {rows['pairs']:,} pairs, "
          f"{rows['links']:,} links")
    from reader.corpus.errors import one_line

    for s in stories[:50]:
        print(f"{s['outlets']:>3} outlets {s['articles']:>4} articles  {s['first_date'] or '          '}  "
              f"{one_line(s['title'], 90)}")
    if len(stories) > 50:
        print(f"… and {len(stories) - 50:,} more (query the Parquet tables with DuckDB or pandas)")
    return 0


OUTLETS_SQL = """
with arts as (select article_id, coalesce(source, 'unknown') as outlet from read_parquet($articles)),
     output as (select outlet, count(*) as articles from arts group by outlet),
     sides as (
        select l.outlet as outlet, r.outlet as other, greatest(p.left_copied, p.right_copied) as shared
            from read_parquet($pairs) p
            join arts l on l.article_id = p."left" join arts r on r.article_id = p."right"
        union all
        select r.outlet, l.outlet, greatest(p.left_copied, p.right_copied) from read_parquet($pairs) p
            join arts l on l.article_id = p."left" join arts r on r.article_id = p."right"),
     copies as (
        select t.outlet as outlet, f.outlet as other, count(*) as copies, avg(d.share) as copy_share
            from read_parquet($derived) d
            join arts t on t.article_id = d.to_id join arts f on f.article_id = d.from_id
            group by t.outlet, f.outlet)
select s.outlet, s.other, count(*) as pairs, avg(s.shared) as mean_shared,
       coalesce(max(c.copies), 0) as copies, max(c.copy_share) as copy_share, max(o.articles) as articles
from sides s join output o using (outlet) left join copies c on c.outlet = s.outlet and c.other = s.other
where s.outlet <> s.other
group by s.outlet, s.other
order by s.outlet, copies desc, mean_shared desc, s.other
"""


def outlet_matrix(folder: str) -> list[dict]:
    """For each outlet and each other outlet it shares stories with: the pairs, the mean share of
    sentences the two articles of a pair have in common as copies or edits, and how many of its
    articles read as copies of the other's (the ``derived`` table: where the evidence gives a
    direction) with their mean copied share — through DuckDB over the Parquet tables."""
    import duckdb

    manifest = _manifest(folder)
    base = Path(folder)
    con = duckdb.connect()
    rows = con.execute(OUTLETS_SQL, {t: str(base / manifest["tables"][t]) for t in ("articles", "pairs", "derived")}
                       ).fetchall()
    cols = ["outlet", "other", "pairs", "mean_shared", "copies", "copy_share", "articles"]
    return [dict(zip(cols, r)) for r in rows]


def _outlets(folder: str) -> int:
    """Per outlet: how much of its output is copied or rewritten from which others."""
    from reader.corpus.errors import one_line

    rows = outlet_matrix(folder)
    if not rows:
        print("No two outlets share a story in this corpus.")
        return 0
    current = None
    for r in rows:
        if r["outlet"] != current:
            current = r["outlet"]
            print(f"{one_line(current, 60)} ({r['articles']:,} articles):")
        copies = (f"{r['copies']} of its articles read as copies of it ({r['copy_share']:.0%} of their "
                  f"sentences)" if r["copies"] else "no copies")
        print(f"    {one_line(r['other'], 50)}: {r['pairs']} pairs, {r['mean_shared']:.0%} copied or edited "
              f"sentences on average; {copies}")
    return 0
