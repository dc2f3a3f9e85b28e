"""``reader corpus``: build a corpus (``build``), write it out (``export``), or show what one holds.

    reader corpus build SOURCE… --out DIR [--workers N | --scheduler tcp://HOST:8786] [--quiet]
    reader corpus export DIR --format passim [-o FILE]
    reader corpus DIR            (the stories in the TUI; a list when not on a terminal, or --list)
    reader corpus DIR --outlets  (per outlet: how much of its output is copied from which others)

Without the corpus extra each says in one line how to add it. Problems are one line on stderr
and exit code 2.
"""

from __future__ import annotations

import sys

from reader.archive import ArchiveUnavailable, CorpusError, require

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.archive.stored import StoredCorpus


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
        return _open(argv)
    except ArchiveUnavailable as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 2
    except CorpusError as exc:
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


def _export(argv: list[str]) -> int:
    p = _parser("reader corpus export")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--format", choices=("passim",), default="passim")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    args = p.parse_args(argv)
    from reader.archive.passim import passim_lines
    from reader.archive.stored import read_manifest

    read_manifest(args.folder)

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for line in passim_lines(args.folder):
            out.write(line + "\n")
    finally:
        if args.output:
            out.close()
    return 0


def _open(argv: list[str]) -> int:
    """``reader corpus DIR [--list | --outlets]``: the TUI on a terminal, else the story list."""
    from reader.archive.stored import StoredCorpus

    if not argv:
        raise CorpusError("usage: reader corpus build SOURCE… --out DIR | reader corpus DIR [--list | --outlets] "
                          "| reader corpus export DIR --format passim (see reader corpus DIR --help)")
    p = _parser("reader corpus")
    p.add_argument("folder", metavar="DIR", help="a corpus built with reader corpus build")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--list", action="store_true", help="print the stories (widest coverage first), no TUI")
    how.add_argument("--outlets", action="store_true",
                     help="per outlet: how much of its articles each other outlet carries too, and who copies whom")
    p.add_argument("--limit", type=int, default=50, help="stories listed with --list (default 50; 0: all)")
    args = p.parse_args(argv)
    if args.limit < 0:
        raise CorpusError("--limit: give 0 (all) or more")
    corpus = StoredCorpus(args.folder)
    try:
        if args.outlets:
            return _outlets(corpus)
        if args.list or not (sys.stdout.isatty() and sys.stdin.isatty()):
            return _show(corpus, args.limit)
    except BaseException:
        corpus.close()
        raise
    from reader.tui.corpus import run_corpus

    return run_corpus(corpus)


def _show(corpus: StoredCorpus, limit: int) -> int:
    """The stories of a built corpus, the most widely covered first."""
    from reader.corpus.errors import one_line

    total, stories = corpus.stories(limit=limit if limit > 0 else 1 << 62)
    rows = corpus.rows
    print(f"{rows.get('articles', 0):,} articles, {rows.get('stories', 0):,} stories, {rows.get('pairs', 0):,} pairs, "
          f"{rows.get('links', 0):,} links")
    for s in stories:
        linked = f"{s.linked}/{s.pairs} linked" if s.pairs else ""
        print(f"{s.outlets:>3} {'outlet ' if s.outlets == 1 else 'outlets'} {s.articles:>4} "
              f"{'article ' if s.articles == 1 else 'articles'} {linked:>13}  {(s.first_date or '')[:10]:10}  "
              f"{one_line(s.title, 90)}")
    if total > len(stories):
        print(f"… and {total - len(stories):,} more (reader corpus DIR --limit 0, or query the Parquet tables with "
              "DuckDB or pandas)")
    return 0


def _outlets(corpus: StoredCorpus) -> int:
    """Per outlet: how much of its output is copied or rewritten from which others."""
    from reader.archive.stored import outlet_line
    from reader.corpus.errors import one_line, plural

    rows = corpus.outlet_rows()
    if not rows:
        print("No two outlets share a story in this corpus.")
        return 0
    current = None
    for r in rows:
        if r["outlet"] != current:
            current = r["outlet"]
            print(f"{one_line(current, 60)} ({plural(r['articles'], 'article')}):")
        print("    " + outlet_line(r))
    return 0
