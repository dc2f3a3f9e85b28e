"""A footer of key bindings drawn by one widget.

Textual's ``Footer`` mounts a ``FooterKey`` widget per binding and recomposes them all
whenever the bindings change (every focus change); at start-up that was about a third of
the time to the first paint (measured: 87 stylesheet passes over ``FooterKey`` nodes).
This widget shows the same thing — the screen's active bindings with ``show=True``, in
the same colours (the theme's ``$footer-*`` variables), the command palette key on the
right — as one line of ``Content``, and only repaints when the bindings change.
Clicking a key presses it, like ``Footer``; hovering shows the binding's tooltip.
"""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widget import Widget


class KeyBar(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, Binding, bool, str]] = []
        """(start x, end x, binding, enabled, tooltip) of each key drawn, for clicks."""
        self._shown: list[tuple[str, str, str, bool]] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        items, palette = self._items()
        key = [(b.key, b.action, b.description, e) for b, e, _ in items + ([palette] if palette else [])]
        if key != self._shown:
            self._shown = key
            self.refresh()  # one line, fixed size: never a layout pass

    def _items(self) -> tuple[list[tuple[Binding, bool, str]], tuple[Binding, bool, str] | None]:
        """Bindings to show (the first key of each action), and the command palette key."""
        active = self.screen.active_bindings
        seen: set[str] = set()
        items: list[tuple[Binding, bool, str]] = []
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                items.append((binding, enabled, tooltip))
        palette = None
        app = self.app
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = (binding, enabled, binding.tooltip or binding.description)
        return items, palette

    def render(self) -> RenderResult:
        key_style = self.get_visual_style("keybar--key")
        desc_style = self.get_visual_style("keybar--description")
        dim = Style(dim=True)
        items, palette = self._items()
        items = self._fitting(items, palette)
        parts: list[tuple[str, Style] | str] = []
        spans: list[tuple[int, int, Binding, bool, str]] = []
        x = 0
        for binding, enabled, tooltip in items:
            key = f" {self.app.get_key_display(binding)} "
            desc = f"{binding.description} " if binding.description else ""
            ks, ds = (key_style, desc_style) if enabled else (key_style + dim, desc_style + dim)
            parts += [(key, ks), (desc, ds)]
            width = Content(key + desc).cell_length
            spans.append((x, x + width, binding, enabled, tooltip or binding.description))
            x += width
        content = Content.assemble(*parts)
        if palette is not None:
            binding, enabled, tooltip = palette
            key = self.app.get_key_display(binding)
            right = Content.assemble(
                ("▏", self.get_visual_style("keybar--separator")),
                (key, key_style), (f" {binding.description} ", desc_style),
            )
            gap = self.size.width - content.cell_length - right.cell_length
            if gap >= 1:
                spans.append((x + gap, x + gap + right.cell_length, binding, enabled, tooltip))
                content = Content.assemble(content, " " * gap, right)
        self._spans = spans
        return content

    def _width_of(self, binding: Binding) -> int:
        return Content(f" {self.app.get_key_display(binding)} {binding.description} ").cell_length

    def _fitting(self, items: list[tuple[Binding, bool, str]],
                 palette: tuple[Binding, bool, str] | None) -> list[tuple[Binding, bool, str]]:
        """The keys that fit the width, in order, but help, quit and back always: on a narrow terminal
        the keys in the middle give way (all of them are in help, F1, and the palette)."""
        width = self.size.width or self.app.size.width
        if palette is not None:
            width -= self._width_of(palette[0]) + 1
        if sum(self._width_of(b) for b, _, _ in items) <= width:
            return items
        keep = [it for it in items if it[0].action.endswith(("help", "quit", "close", "stories"))]
        room = width - sum(self._width_of(b) for b, _, _ in keep)
        out = []
        for it in items:
            if it in keep:
                out.append(it)
                continue
            w = self._width_of(it[0])
            if w <= room:
                out.append(it)
                room -= w
            else:
                room = -1  # keep the order: once one does not fit, the rest of the middle goes
        return out

    def _at(self, x: int) -> tuple[Binding, bool, str] | None:
        for start, end, binding, enabled, tooltip in self._spans:
            if start <= x < end:
                return binding, enabled, tooltip
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hit = self._at(event.x)
        if hit is None:
            return
        binding, enabled, _ = hit
        if enabled:
            self.app.simulate_key(binding.key.split(",")[0])
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hit = self._at(event.x)
        tooltip = hit[2] if hit else None
        if tooltip != self.tooltip:
            self.tooltip = tooltip or None
