"""Notes as a Markdown report (valid CommonMark) or JSON (see ``NoteStore.export_json``).

Article text and note text are untrusted: every piece is escaped so that it can never
become a link, HTML, emphasis, a heading or a list; a note's own line breaks are kept as
hard line breaks. Texts were sanitised when they entered (notes are cleaned again when
read from the store); paths are shown in their safe display form.
"""

from __future__ import annotations

from reader.corpus.model import Article
from reader.corpus.sanitize import display_path
from reader.notes.store import Note, article_key, content_hash
from reader.render.markdown_out import md_escape
from reader.render.story_report import Mark

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.story.library import Library


def esc(text: str) -> str:
    """:func:`md_escape` plus ``=`` (a setext heading underline); one line."""
    return md_escape(text).replace("=", "\\=")


def _note_lines(text: str) -> list[str]:
    """A multi-line note as Markdown paragraphs: blank lines separate paragraphs, other
    line breaks become hard breaks (a trailing backslash)."""
    paras: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            paras[-1].append(esc(line))
        elif paras[-1]:
            paras.append([])
    out: list[str] = []
    for lines in paras:
        if not lines:
            continue
        if out:
            out.append("")
        out.extend(line + "\\" for line in lines[:-1])
        out.append(lines[-1])
    return out


def _label(n: Note) -> str:
    parts = []
    if n.flagged:
        parts.append("Flagged")
    if n.note.strip():
        parts.append("Note")
    label = " and ".join(parts) or "Note"
    if n.status == "changed":
        label += " (sentence changed)"
    elif n.status == "orphaned":
        label += " (sentence no longer found)"
    return label


class _Matcher:
    """Finds, for a noted sentence, the matching sentences in the other loaded articles.

    Pairs are compared through a story library (:class:`reader.story.library.Library`): the
    app's own when the TUI exports (so a pair already on screen is not compared again), else one
    built over ``articles``. An export therefore shows the links ``reader compare``, ``reader
    story`` and the TUI show for the same pair.
    """

    def __init__(self, articles: list[Article], library: Library | None = None):
        if library is None:
            from reader.story.library import Library

            library = Library(articles)
        self.library = library
        self.articles = articles
        self._by_key: dict[str, Article] = {}
        for a in articles:
            self._by_key.setdefault(article_key(a.path), a)

    def article_for(self, n: Note) -> Article | None:
        a = self._by_key.get(n.article_path)
        if a is not None and content_hash(a) == n.article_hash:
            return a
        return None

    def matches(self, n: Note) -> list[tuple[Article, str, str]]:
        """(other article, kind, matching text) for each other article that has a match."""
        art = self.article_for(n)
        if art is None or n.status == "orphaned" or not (0 <= n.sentence_id < len(art.sentences)):
            return []
        out = []
        for other in self.articles:
            if other is art or article_key(other.path) == article_key(art.path):
                continue
            c = self.library.compare(art, other)
            m = c.match_of("left", n.sentence_id)
            if m is not None:
                text = " ".join(other.sentences[j].text for j in m.right)
                out.append((other, m.kind, text))
        return out


def to_markdown(notes: list[Note], articles: list[Article] = (), *, title: str = "Notes",  # type: ignore[assignment]
                library: Library | None = None) -> str:
    """Notes grouped by article (title, source, path): each sentence quoted, its note, when,
    its status if changed or orphaned, and the matching sentences from ``articles`` (default:
    the articles ``library`` has loaded), compared through ``library`` when given."""
    if not articles and library is not None:
        articles = library.loaded
    matcher = _Matcher(list(articles), library)
    out = [f"# {esc(title)}", ""]
    if not notes:
        out += ["No flags or notes yet.", ""]
        return "\n".join(out)
    groups: dict[str, list[Note]] = {}
    for n in notes:
        groups.setdefault(n.article_path, []).append(n)
    for path, group in groups.items():
        group.sort(key=lambda n: (n.status == "orphaned", n.start, n.id))
        first = group[0]
        out += [
            f"## {esc(first.article_title or '(untitled)')}",
            "",
            f"- **Source:** {esc(first.article_source or 'unknown')}",
            f"- **Path:** {esc(display_path(path, 1000))}",
            "",
        ]
        for n in group:
            when = n.updated if n.updated == n.created else f"{n.updated} (created {n.created})"
            out += [f"### {_label(n)}", "", f"> {esc(n.sentence_text)}", ""]
            if n.status == "changed" and n.original_text is not None:
                out += ["Originally:", "", f"> {esc(n.original_text)}", ""]
            if n.note.strip():
                out += _note_lines(n.note)
                out.append("")
            out += [f"*{esc(when)}*", ""]
            found = matcher.matches(n)
            if found:
                out += ["Matching sentences in other articles:", ""]
                for other, kind, text in found:
                    out.append(f"- **{esc(kind)}** in {esc(other.title)} ({esc(other.source)}): {esc(text)}")
                out.append("")
    return "\n".join(out)


def story_marks(articles: list[Article], directory: str | None = None) -> tuple[dict[tuple[int, int], Mark], str | None]:
    """The user's flags and notes on the sentences of ``articles``, keyed (article index,
    sentence id), and a one-line warning (or None), for the reports of ``reader story``.

    Notes are re-anchored as when the TUI opens an article. When there is no notes database
    yet (``READER_DATA_DIR`` or the platform's data folder), none is created: no notes.
    """
    from pathlib import Path

    from reader.notes.store import DB_NAME, NotesError, NoteStore, data_dir

    try:
        folder = Path(directory) if directory is not None else data_dir()
        if not (folder / DB_NAME).is_file():
            return {}, None
    except Exception:  # noqa: BLE001 - no home folder: no notes
        return {}, None
    store = NoteStore.open(folder)
    warning = store.warning
    out: dict[tuple[int, int], Mark] = {}
    try:
        for k, a in enumerate(articles):
            for sid, n in store.get_for_article(a).items():
                if n.flagged or n.note.strip():
                    out[(k, sid)] = Mark(bool(n.flagged), n.note)
    except NotesError as exc:
        warning = str(exc)
    finally:
        store.close()
    return out, warning
