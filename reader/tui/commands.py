"""Command palette provider: every reader action, and choosing articles by title.

Article titles are untrusted, so hits are displayed as ``Content`` built from plain text
with the fuzzy-match offsets styled by hand (``Matcher.highlight`` would parse markup).
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from reader.corpus.sanitize import display_path


def safe_highlight(matcher: Matcher, text: str) -> Content:
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ReaderCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        from reader.tui.screens.main import MAIN_BINDINGS, MainScreen

        app = self.app
        if type(self.screen).__name__ == "StoryScreen":  # the overview's own commands
            from reader.tui.screens.story import STORY_BINDINGS

            story = self.screen
            out = [(f"Story: {b.description}{' tab' if b.action.startswith('tab(') else ''}",
                    partial(story.run_action, b.action), b.tooltip or "") for b in STORY_BINDINGS]
            out.append(("Help: all keys", app.action_help, "Show every key binding"))
            return out
        if type(self.screen).__name__ == "NotesScreen":  # its own commands, not the comparison's
            from reader.tui.screens.notes import NOTES_BINDINGS

            notes = self.screen
            out = [(f"Notes: {b.description}", partial(notes.run_action, b.action), b.tooltip or "")
                   for b in NOTES_BINDINGS]
            out.append(("Help: all keys", app.action_help, "Show every key binding"))
            return out
        screen = app.screen if isinstance(app.screen, MainScreen) else None
        if screen is None:
            screen = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
        if screen is None:
            return []
        out: list[tuple[str, object, str]] = []
        for b in MAIN_BINDINGS:
            out.append((b.description, partial(screen.run_action, b.action), b.tooltip or ""))
        out.append(("Help: all keys", app.action_help, "Show every key binding"))
        for i, article in enumerate(getattr(app, "articles", [])):
            title = article.title or display_path(article.path)
            # Help text is parsed as markup by the palette: never put article text in it.
            where = f"Article {i + 1} of {len(app.articles)}"
            out.append((f"Show on left: {title}", partial(screen.show_pair, i, screen.right), where))
            out.append((f"Show on right: {title}", partial(screen.show_pair, screen.left, i), where))
        return out

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, safe_highlight(matcher, name), callback, text=name, help=help_text or None)
