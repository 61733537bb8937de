"""A long list of one-line rows with a cursor, drawn only where it is visible.

A DataTable measures and renders every cell of every row it is given, which costs a
noticeable part of the history's first frame. Here a row is one line of text that the owner
formats on request, so a frame costs the twenty-odd visible lines and nothing else; rows
can be added while the list is shown, so pages load as the cursor moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RowList(ScrollView, can_focus=True):
    """Rows of text; ↑/↓, page keys, home/end move the cursor, enter or a click selects."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--even"}

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        background: $surface;
        & > .row-list--even { background: $surface-lighten-1 50%; }
        & > .row-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .row-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        &:dark > .row-list--even { background: $surface-darken-1 40%; }
    }
    """

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to row ``index``."""

        row_list: RowList
        index: int

        @property
        def control(self) -> RowList:
            return self.row_list

    @dataclass
    class Selected(Message):
        """Enter (or a click on the cursor row) chose row ``index``."""

        row_list: RowList
        index: int

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(
        self, line: Callable[[int], Text], *, id: str | None = None, classes: str | None = None
    ) -> None:
        """``line(index)`` formats row ``index``; it is asked only for rows on screen."""
        super().__init__(id=id, classes=classes)
        self._line = line
        self._count = 0
        self._strips: dict[tuple[int, bool, int], Strip] = {}

    # ------------------------------------------------------------------ content

    @property
    def row_count(self) -> int:
        return self._count

    def set_rows(self, count: int, cursor: int = 0) -> None:
        """The rows changed: there are ``count`` now; put the cursor on ``cursor``."""
        self._count = count
        self._forget()
        self.virtual_size = Size(0, count)
        self.set_reactive(RowList.cursor, self._clamp(cursor))
        self.call_after_refresh(self._show_cursor)
        self.post_message(self.Highlighted(self, self.cursor))

    def add_rows(self, count: int) -> None:
        """``count`` rows were added below the last one; the cursor stays where it is."""
        self._count += count
        self.virtual_size = Size(0, self._count)
        self.refresh()

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self._count - 1))

    def _forget(self) -> None:
        self._strips.clear()
        self.refresh()

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= self._count:
            return Strip.blank(width, self.rich_style)
        at_cursor = index == self.cursor
        key = (index, at_cursor, width)
        strip = self._strips.get(key)
        if strip is None:
            base = self.rich_style
            if index % 2 == 0:
                base += self.get_component_rich_style("row-list--even")
            cursor: Style | None = None
            if at_cursor:
                cursor = self.get_component_rich_style("row-list--cursor")
            segments = self._line(index).render(self.app.console, end="")
            styled = Segment.apply_style(segments, base, cursor)
            fill = base + cursor if cursor is not None else base
            strip = Strip(list(styled)).crop_extend(0, width, fill)
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget()

    def on_focus(self) -> None:
        self._forget()

    def on_blur(self) -> None:
        self._forget()

    # ------------------------------------------------------------------ cursor

    def watch_cursor(self, previous: int, cursor: int) -> None:
        for index in (previous, cursor):
            self._strips = {k: v for k, v in self._strips.items() if k[0] != index}
        self.refresh()
        self._show_cursor()
        self.post_message(self.Highlighted(self, cursor))

    def _show_cursor(self) -> None:
        if self._count:
            self.scroll_to_region(
                Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True
            )

    def action_move(self, delta: int) -> None:
        if self._count:
            self.cursor = self._clamp(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self.action_move(-self._count)

    def action_last(self) -> None:
        self.action_move(self._count)

    def action_select(self) -> None:
        if self._count:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: Click) -> None:
        index = self.scroll_offset.y + event.y
        if not 0 <= index < self._count:
            return
        if index == self.cursor:
            self.action_select()
        else:
            self.cursor = index
