"""``reader notes list``, ``reader notes export`` and ``reader notes import``: the notes from the
command line.

``main(argv)`` takes the arguments after ``notes``. Problems are one line on stderr and
exit code 2; never a traceback. Never imports textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.corpus.formats import is_url, resolve_record_ref
from reader.notes.store import Note, NotesError, NoteStore


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        raise _Usage(f"{self.prog}: {message} (see {self.prog} --help)")


def _parser() -> _Parser:
    p = _Parser(
        prog="reader notes",
        description="List, export or import the flags, notes and corrections made in reader.",
        epilog="commands:\n  reader notes list [--article PATH]\n"
        "  reader notes export [--format markdown|json|gold] [-o FILE] [PATH ...]\n"
        "  reader notes import FILE",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    lp = sub.add_parser("list", help="one line per note", description="One line per flag or note.")
    lp.add_argument("--article", metavar="PATH", help="only the notes on this article")
    ep = sub.add_parser(
        "export", help="Markdown or JSON of every note; the corrections as gold links",
        description="Write every flag and note as Markdown (grouped by article, with the matching "
        "sentences of the other articles) or JSON (everything needed to re-import, corrections too); "
        "or, with --format gold, the links of every pair you corrected (your links and the engine's "
        "you left) in the real-gold format, for evaluation.",
    )
    ep.add_argument("--format", "-f", choices=("markdown", "json", "gold"), default="markdown")
    ep.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    ep.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="articles to look for matching sentences in (default: the noted articles, and the "
        "bundled seeds when notes refer to them); with --format gold, the articles whose corrected "
        "pairs to write (default: every corrected article still at its path)",
    )
    ip = sub.add_parser(
        "import", help="merge a JSON export into the notes",
        description="Merge the flags, notes and corrections of a 'reader notes export --format json' "
        "file into the notes here. Nothing is added twice: importing the same file again adds nothing.",
    )
    ip.add_argument("file", metavar="FILE", help="a JSON export of reader notes")
    return p


def _err(message: str) -> None:
    from reader.corpus.errors import one_line

    print(f"reader notes: {one_line(message, 500)}", file=sys.stderr)


def _open_store() -> NoteStore:
    store = NoteStore.open()
    if store.warning:
        _err(store.warning)
    return store


def _refresh(store: NoteStore, paths: list[str]) -> list:
    """Load the articles that still exist and re-anchor their notes; returns them."""
    from reader.corpus.load import LoadError, load_article

    loaded = []
    for path in paths:
        try:
            article = load_article(path)
        except LoadError:
            continue
        try:
            store.reanchor(article)
        except NotesError as exc:
            _err(str(exc))
        loaded.append(article)
    return loaded


def _existing(paths: list[str]) -> list[str]:
    out = []
    for p in dict.fromkeys(paths):
        if is_url(p):
            continue  # never fetch the network just to list notes
        if os.path.isfile(p) or os.path.isfile(resolve_record_ref(p)[0]):
            out.append(p)
    return out


def _line(n: Note) -> str:
    from reader.corpus.errors import display_path, one_line

    mark = "F" if n.flagged else "-"
    where = one_line(n.article_title, 40) or display_path(os.path.basename(n.article_path) or n.article_path, 40)
    sentence = one_line(n.sentence_text, 70)
    note = one_line(n.note, 60) if n.note.strip() else ""
    # an orphaned note's old sentence number now points at another sentence: don't show it
    number = "#—" if n.status == "orphaned" else f"#{n.sentence_id}"
    parts = [f"{n.id:>4}", mark, f"{n.status:<8}", where, f"{number:<5}", f"\u201c{sentence}\u201d"]
    if note:
        parts.append(f"\u2014 {note}")
    parts.append(one_line(n.updated, 40))
    return "  ".join(parts)


def cmd_list(args: argparse.Namespace) -> int:
    store = _open_store()
    try:
        notes = store.all_notes()
        _refresh(store, _existing([n.article_path for n in notes if args.article is None or _same(n, args.article)]))
        notes = store.all_notes(args.article) if args.article else store.all_notes()
    finally:
        store.close()
    if not notes:
        from reader.corpus.errors import display_path

        where = display_path(store.path) if store.path else "memory"
        print(f"reader notes: no notes{' on that article' if args.article else ''} (store: {where})", file=sys.stderr)
        return 0
    for n in notes:
        print(_line(n))
    return 0


def _same(n: Note, path: str) -> bool:
    from reader.notes.store import article_key

    return n.article_path == article_key(path)


def _default_paths(notes: list[Note]) -> list[str]:
    paths = _existing([n.article_path for n in notes])
    from reader.resources import seeds_dir

    seeds = seeds_dir().resolve()
    if any(_under(n.article_path, seeds) for n in notes):
        paths += [str(p) for p in sorted(seeds.iterdir()) if p.is_file() and str(p) not in paths]
    return paths


def _under(path: str, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(folder)
    except (OSError, ValueError):
        return False


def cmd_export(args: argparse.Namespace) -> int:
    store = _open_store()
    try:
        notes = store.all_notes()
        if args.format == "gold":
            paths = list(args.paths) or _correction_paths(store)
        else:
            paths = list(args.paths) or _default_paths(notes)
        if args.paths:
            from reader.corpus.load import LoadError, load_article

            for p in args.paths:  # named paths must load: say so once, clearly
                try:
                    load_article(p)
                except LoadError as exc:
                    _err(str(exc))
                    return 2
        articles = _refresh(store, paths)
        if args.format == "json":
            text = store.export_json()
        elif args.format == "gold":
            from reader.notes.export import to_gold
            from reader.notes.store import now

            text, problems = to_gold(articles, store.corrections_for, stamp=now())
            for problem in problems:
                _err(problem)
            if not any(line and not line.startswith("#") for line in text.splitlines()):
                _err("no corrected pair among these articles")
        else:
            from reader.notes.export import to_markdown
            from reader.story.library import Library

            # matching sentences come from the story layer, as in reader compare/story and the TUI
            text = to_markdown(store.all_notes(), articles, library=Library(articles))
    finally:
        store.close()
    if not text.endswith("\n"):
        text += "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from reader.corpus.errors import display_path

    out = Path(args.output)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        _err(f"{display_path(out)}: cannot write ({exc.strerror or type(exc).__name__})")
        return 2
    print(f"wrote {display_path(out)}", file=sys.stderr)
    return 0


def _correction_paths(store: NoteStore) -> list[str]:
    """The articles of the stored corrections that are still at their paths, in the order they
    were first corrected (left before right), so pairs keep the side they were corrected from."""
    paths = []
    for x in store.all_corrections():
        paths += [x.left.path, x.right.path]
    return _existing(paths)


def cmd_import(args: argparse.Namespace) -> int:
    from reader.corpus.errors import display_path

    store = _open_store()
    try:
        if not store.persistent:
            _err(f"nothing imported: {store.warning or 'notes are not saved'}")
            return 2
        result = store.import_export(args.file)
    finally:
        store.close()
    print(f"reader notes: imported {display_path(args.file)}: {result.summary()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _parser().parse_args(argv)
        if args.command == "list":
            return cmd_list(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "import":
            return cmd_import(args)
        _parser().print_help(sys.stderr)
        return 2
    except _Usage as exc:  # argparse quotes arguments as given: print them safely
        from reader.corpus.errors import one_line

        print(one_line(str(exc), 1000), file=sys.stderr)
        return 2
    except NotesError as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - never a traceback
        _err(f"unexpected error: {type(exc).__name__}: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
