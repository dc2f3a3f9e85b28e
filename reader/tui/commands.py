"""Command palette providers. Each screen offers its own commands (``Screen.COMMANDS``: its key
bindings by description, and what else it can do) through a :class:`BindingCommands` subclass
defined next to it; the App adds "Help: all keys". This module imports no screen.

Article titles are untrusted, so hits are displayed as ``Content`` built from plain text
with the fuzzy-match offsets styled by hand (``Matcher.highlight`` would parse markup).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

Command = tuple[str, Callable[[], object], str]
"""(name shown and searched, what it does, help text: plain, never article text)."""


def safe_highlight(matcher: Matcher, text: str) -> Content:
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CommandList(Provider):
    """A provider of a fixed list of commands (:meth:`commands`), found by fuzzy search."""

    def commands(self) -> list[Command]:
        return []

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, safe_highlight(matcher, name), callback, text=name, help=help_text or None)


class BindingCommands(CommandList):
    """A screen's key bindings as commands (``BINDINGS``, named by their description after
    ``PREFIX``), then :meth:`extra`."""

    PREFIX = ""

    def bindings(self) -> list[Binding]:
        return [b for b in getattr(self.screen, "BINDINGS", ()) if isinstance(b, Binding)]

    def name(self, binding: Binding) -> str:
        return f"{self.PREFIX}{binding.description}"

    def extra(self) -> list[Command]:
        return []

    def commands(self) -> list[Command]:
        screen = self.screen
        out: list[Command] = [(self.name(b), partial(screen.run_action, b.action), b.tooltip or "")
                              for b in self.bindings() if b.description]
        return out + self.extra()


class AppCommands(CommandList):
    """What every screen can do: show every key."""

    def commands(self) -> list[Command]:
        return [("Help: all keys", self.app.action_help, "Show every key binding")]
