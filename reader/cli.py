"""Command line: ``reader [PATH...]`` opens the TUI; subcommands work without it.

A first argument that is exactly a command's name (``compare``, ``stories``, ``story``, ...) is
that command; anything else — ``story/``, ``./story``, ``notes.txt`` — is a path to open. So a
folder named like a command opens with a slash.

Heavy modules are imported lazily: ``reader compare`` never imports textual, and the plain
``reader compare A B [--format F]`` never imports argparse (see :func:`_quick_compare_args`).
"""

from __future__ import annotations

import functools
import gc
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from reader import __version__

if TYPE_CHECKING:
    import argparse

COMMANDS = ("compare", "stories", "story", "score-pairs", "notes", "corpus")
FORMATS = ("text", "json", "markdown")
STORY_FORMATS = ("text", "json", "markdown", "html")
_REFRESH_HELP = "fetch http(s) URLs again rather than read the copies cached earlier"


class UsageError(Exception):
    pass


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse that reports a usage problem as one line and exit code 2 (argparse is
    imported on first use)."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")

    return _Parser


def _main_parser() -> argparse.ArgumentParser:
    import argparse

    _Parser = _parser_class()
    p = _Parser(
        prog="reader",
        description="Compare news articles side by side. With no PATH, opens the bundled seed articles.",
        epilog="commands:\n  reader compare LEFT RIGHT [--format text|json|markdown]\n"
        "  reader stories PATH... [--format text|json]          group articles into stories\n"
        "  reader story PATH... [--format text|json|markdown|html] [-o FILE]\n"
        "                                                       one story: pairs, facts, coverage\n"
        "  reader score-pairs FILE\n  reader notes list | export [--format markdown|json|gold] [-o FILE] | import FILE\n"
        "  reader corpus build SOURCE… --out DIR [--workers N | --scheduler ADDRESS]   a whole archive (Dask)\n"
        "  reader corpus DIR [--list | --outlets]               browse a built corpus (TUI), or list it\n"
        "  reader corpus export DIR --format passim [-o FILE]\n\n"
        "A first argument that is a command's name runs the command; to open a file or folder\n"
        "named like one, write it as a path: reader story/ or reader ./story.\n\n"
        "Run 'reader COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="article files (.txt .md .html .json .jsonl), folders or http(s) URLs to open")
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    p.add_argument("--refresh", action="store_true", help=_REFRESH_HELP)
    return p


def _width(value: str) -> int:
    import argparse

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 20:
        raise argparse.ArgumentTypeError(f"must be at least 20, not {n}")
    return n


def _compare_parser() -> argparse.ArgumentParser:
    p = _parser_class()(prog="reader compare", description="Align the sentences of two articles.")
    p.add_argument("left", metavar="LEFT", help="a file (.txt .md .html .json .jsonl, FILE.jsonl#N) or an http(s) URL")
    p.add_argument("right", metavar="RIGHT", help="the same kinds as LEFT")
    p.add_argument("--format", "-f", choices=FORMATS, default="text")
    p.add_argument("--width", type=_width, default=None, help="text width, at least 20 (default: the terminal's)")
    p.add_argument("--same-event", action="store_true",
                   help="link the two as reports of one event even when reader judges them to be about "
                        "different events (then only word-for-word lines are linked)")
    p.add_argument("--refresh", action="store_true", help=_REFRESH_HELP)
    p.add_argument("--no-corrections", action="store_true",
                   help="the engine's links alone, without the corrections made in reader (links made, "
                        "unlinked, 'not the same')")
    return p


def _quick_compare_args(argv: list[str]) -> SimpleNamespace | None:
    """What ``_compare_parser().parse_args(argv)`` gives for the plain forms — two arguments
    that do not start with "-", and "--format F", "--format=F" or "-f F" with F one of
    :data:`FORMATS` — else None (argparse then parses, and reports any problem).

    Importing argparse and building the parser (which imports gettext, locale and shutil)
    cost ~3.5 ms of every ``reader compare``.
    """
    paths: list[str] = []
    fmt = "text"
    refresh = False
    k = 0
    while k < len(argv):
        tok = argv[k]
        if not tok.startswith("-"):
            paths.append(tok)
        elif tok == "--refresh":
            refresh = True
        elif tok in ("--format", "-f") and k + 1 < len(argv) and argv[k + 1] in FORMATS:
            fmt = argv[k + 1]  # a repeated option: the last one counts, as in argparse
            k += 1
        elif tok.startswith("--format=") and tok[9:] in FORMATS:
            fmt = tok[9:]
        else:
            return None
        k += 1
    if len(paths) != 2:
        return None
    return SimpleNamespace(left=paths[0], right=paths[1], format=fmt, width=None, same_event=False, refresh=refresh,
                           no_corrections=False)


def _stories_parser() -> argparse.ArgumentParser:
    p = _parser_class()(
        prog="reader stories",
        description="Group articles into stories (articles that report the same event), from their content. "
        "Files that cannot be read are skipped, one line each on stderr.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders (recursively) or http(s) URLs")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.add_argument("--width", type=_width, default=None, help="text width, at least 20 (default: the terminal's)")
    p.add_argument("--refresh", action="store_true", help=_REFRESH_HELP)
    return p


def _story_parser() -> argparse.ArgumentParser:
    p = _parser_class()(
        prog="reader story",
        description="Treat the articles given as one story: every pair ranked by what it shares, the facts "
        "across all of them with the outlets that report each, and coverage per outlet ('reader stories' "
        "groups a mixed pile). HTML is one self-contained file. Files that cannot be read are skipped, one "
        "line each on stderr.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders (recursively) or http(s) URLs")
    p.add_argument("--format", "-f", choices=STORY_FORMATS, default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--width", type=_width, default=None,
                   help="text width, at least 20 (default: the terminal's, or 100 with -o)")
    p.add_argument("--refresh", action="store_true", help=_REFRESH_HELP)
    return p


def _open_library(paths: list[str], command: str):
    """Every article of ``paths`` loaded (a Library), after one stderr line per file that could
    not be read; a UsageError when none could."""
    from reader.story.library import Library

    library = Library.open(paths, lazy=False)
    library.load_all()
    for problem in library.problems + list(library.failed.values()):
        print(f"reader: {problem}", file=sys.stderr)
    from reader.corpus.errors import display_path

    for article in library.loaded:  # as reader compare says them (an assumed encoding, an empty file)
        for warning in article.warnings:
            print(f"reader: warning: {display_path(article.path)}: {warning}", file=sys.stderr)
    if not library.loaded:
        raise UsageError(f"reader {command}: no article could be read")
    return library


def _write_output(text: str, output: str | None, command: str) -> None:
    """``text`` to standard output, or written whole to ``output`` (a UsageError if it cannot be)."""
    if output is None:
        sys.stdout.write(text)
        return
    import os
    from pathlib import Path

    from reader.corpus.errors import display_path

    out = Path(output)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        if out.is_dir():
            raise IsADirectoryError(21, "is a folder")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    except (OSError, ValueError) as exc:
        try:
            tmp.unlink()
        except (OSError, ValueError):
            pass
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a valid path"
        raise UsageError(f"reader {command}: cannot write {display_path(output)} ({why})") from None
    print(f"reader: wrote {display_path(output)}", file=sys.stderr)


def cmd_stories(args: argparse.Namespace) -> int:
    _refresh(args)
    library = _open_library(args.paths, "stories")
    stories = library.stories()
    if args.format == "json":
        from reader.render.story_json import stories_dict, to_json

        sys.stdout.write(to_json(stories_dict(stories, library.problems)) + "\n")
    else:
        from reader.render.story_text import render_stories

        render_stories(stories, sys.stdout, width=args.width)
    return 0


def story_report(library, problems: list[str] = ()):  # type: ignore[assignment]
    """The report of ``library``'s loaded articles taken as one story, with the user's flags
    and notes (a warning about the notes store goes to stderr)."""
    from reader.notes.export import story_marks
    from reader.render.story_report import StoryReport
    from reader.story.grouping import one_story

    story = one_story(library.loaded)
    overview = library.overview(story)
    marks, warning = story_marks(story.articles)
    if warning:
        from reader.corpus.errors import one_line

        print(f"reader: warning: {one_line(warning, 500)}", file=sys.stderr)
    return StoryReport(overview, marks, problems)


def cmd_story(args: argparse.Namespace) -> int:
    _refresh(args)
    library = _open_library(args.paths, "story")
    report = story_report(library, library.problems + list(library.failed.values()))
    if args.format == "json":
        from reader.render.story_json import story_dict, to_json

        text = to_json(story_dict(report)) + "\n"
    elif args.format == "markdown":
        from reader.render.story_markdown import to_markdown

        text = to_markdown(report)
    elif args.format == "html":
        from reader.render.story_html import to_html

        text = to_html(report)
    else:
        from reader.render.story_text import render_story

        if args.output is None:
            render_story(report, sys.stdout, width=args.width)
            return 0
        import io

        buf = io.StringIO()
        render_story(report, buf, width=args.width or 100)
        text = buf.getvalue()
    _write_output(text, args.output, "story")
    return 0


def _score_parser() -> argparse.ArgumentParser:
    p = _parser_class()(
        prog="reader score-pairs",
        description="Score sentence pairs: reads 'id<TAB>text1<TAB>text2' lines, writes 'id<TAB>score<TAB>match'.",
    )
    p.add_argument("file", metavar="FILE", help="TSV file, or - for standard input")
    return p


def _load_pair(left: str, right: str):
    """Both articles, or None after one stderr line per problem (both sides are tried)."""
    from reader.corpus.errors import display_path
    from reader.corpus.load import LoadError, load_article

    loaded, failed = [], False
    for path in (left, right):
        try:
            article = load_article(path)
        except LoadError as exc:
            print(f"reader: {exc}", file=sys.stderr)
            failed = True
            continue
        for warning in article.warnings:
            print(f"reader: warning: {display_path(article.path)}: {warning}", file=sys.stderr)
        loaded.append(article)
    return None if failed else loaded


def cmd_compare(args: argparse.Namespace | SimpleNamespace) -> int:
    _refresh(args)
    pair = _load_pair(args.left, args.right)
    if pair is None:
        return 2
    from reader.engine.compare import compare

    left, right = pair
    if not left.sentences and not right.sentences:
        print("reader compare: both articles are empty: nothing to compare", file=sys.stderr)
        return 2
    result = compare(left, right, same_event=args.same_event)
    if not getattr(args, "no_corrections", False):
        # the user's corrections of this pair, when there is a notes database (else nothing is
        # imported or created: this path is timed, see benchmarks/bench_cli.py)
        from reader.notes.lookup import StoredCorrections

        fixes = StoredCorrections()(left, right)
        if fixes:
            from reader.engine.corrections import apply_corrections

            result = apply_corrections(result, fixes)
    if args.format == "json":
        from reader.render.json_out import to_json

        sys.stdout.write(to_json(result) + "\n")
    elif args.format == "markdown":
        from reader.render.markdown_out import to_markdown

        sys.stdout.write(to_markdown(result) + "\n")
    else:
        from reader.render.text_out import render_text

        render_text(result, width=args.width)
    return 0


def cmd_score_pairs(args: argparse.Namespace) -> int:
    from reader.engine.pairs import score_pairs_stream

    import io

    from reader.corpus.errors import display_path

    name = "standard input" if args.file == "-" else display_path(args.file)  # the real name is opened
    from reader.corpus.errors import LoadError, read_user_file

    try:
        data = sys.stdin.buffer.read() if args.file == "-" else read_user_file(args.file, name, "a TSV file")
    except LoadError as exc:
        raise UsageError(f"reader score-pairs: {exc}") from None
    if b"\x00" in data:
        raise UsageError(f"reader score-pairs: {name}: binary data, not a TSV of sentence pairs")
    text = data.decode("utf-8-sig", errors="replace")
    return score_pairs_stream(io.StringIO(text, newline=""), sys.stdout, sys.stderr)


def _refresh(args: argparse.Namespace | SimpleNamespace) -> None:
    """``--refresh``: URLs are fetched again (before anything is loaded, and before the TUI
    forks its preload, which inherits it)."""
    if getattr(args, "refresh", False):
        from reader.corpus.load import refresh_urls

        refresh_urls()


def cmd_open(args: argparse.Namespace) -> int:
    from reader.tui.run import run_tui

    _refresh(args)
    return run_tui(args.paths)


def main(argv: list[str] | None = None) -> int:
    process = argv is None  # the process's own command line: the process ends after this
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "compare":
            args = _quick_compare_args(argv[1:]) or _compare_parser().parse_args(argv[1:])
            # A short run whose objects (modules, two articles, one comparison) live until it
            # ends: the cyclic collector would only rescan them, and once more at exit (~2 ms
            # of a seed pair's ~60; the engine and the TUI's start-up do the same). Called
            # from Python (argv given), the collector is on again afterwards.
            enabled = gc.isenabled()
            gc.disable()
            try:
                return cmd_compare(args)
            finally:
                if enabled and not process:
                    gc.enable()
        if argv and argv[0] == "notes":
            from reader.notes.cli import main as notes_main

            return notes_main(argv[1:])
        if argv and argv[0] == "corpus":
            from reader.archive.cli import main as corpus_main

            return corpus_main(argv[1:])
        if argv and argv[0] in ("stories", "story"):
            parser = _stories_parser() if argv[0] == "stories" else _story_parser()
            if len(argv) == 1:
                import os

                hint = (f" (to open the folder or file '{argv[0]}' in the viewer: reader {argv[0]}/ or "
                        f"reader ./{argv[0]})") if os.path.exists(argv[0]) else ""
                raise UsageError(f"reader {argv[0]}: give at least one PATH{hint} (see reader {argv[0]} --help)")
            args = parser.parse_args(argv[1:])
            return cmd_stories(args) if argv[0] == "stories" else cmd_story(args)
        if argv and argv[0] == "score-pairs":
            return cmd_score_pairs(_score_parser().parse_args(argv[1:]))
        return cmd_open(_main_parser().parse_args(argv))
    except UsageError as exc:  # argparse quotes arguments as given: print them safely
        from reader.corpus.errors import one_line

        print(one_line(str(exc), 1000), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        from reader.corpus.load import LoadError

        from reader.corpus.errors import one_line

        if isinstance(exc, LoadError):
            print(f"reader: {one_line(str(exc), 500)}", file=sys.stderr)
            return 2
        print(f"reader: unexpected error: {type(exc).__name__}: {one_line(str(exc), 500)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
