"""The editor's live timeline: every expanded step with its start, time and cue.

It is redrawn after each keystroke's check, for routines of up to 500 expanded steps, so it
draws only the lines on screen (Textual's line API) and builds each line when it first
shows: handing it new rows costs nothing until they are drawn. The rows are the same
outline ``coach routines show`` and the preview print.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coach.routine.outline import OutlineRow
from coach.ui.literal import literal

START_WIDTH = 6
"""Cells for a step's start, e.g. ``12:30+``."""


class OutlineView(ScrollView, can_focus=True):
    """A routine's outline, one line per step and one more for its cue."""

    DEFAULT_CSS = """
    OutlineView {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[OutlineRow, ...] = ()
        self._lines: list[tuple[int, bool]] = []
        """For each line: the row it shows, and whether it is that row's cue."""
        self._cache: dict[int, Strip] = {}
        self._cache_width = 0

    def show(self, rows: Sequence[OutlineRow]) -> None:
        """Show these rows, keeping the scroll position where it still fits."""
        rows = tuple(rows)
        if rows == self.rows:
            return
        self.rows = rows
        lines: list[tuple[int, bool]] = []
        for index, row in enumerate(rows):
            lines.append((index, False))
            if row.cue:
                lines.append((index, True))
        self._lines = lines
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(lines))
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._cache_width:
            self._cache.clear()
            self._cache_width = width
        index = self.scroll_offset.y + y
        strip = self._cache.get(index)
        if strip is None:
            strip = self._build(index, width)
            self._cache[index] = strip
        return strip

    def _build(self, index: int, width: int) -> Strip:
        style = self.visual_style
        if not 0 <= index < len(self._lines) or width <= 0:
            return Strip.blank(width, style.rich_style)
        row_index, is_cue = self._lines[index]
        row = self.rows[row_index]
        indent = START_WIDTH + 1
        if is_cue:
            content = literal(" " * indent) + literal(row.cue, "italic dim", newlines=False)
            content = content.truncate(width, ellipsis=True, pad=True)
        else:
            start = literal(row.start.rjust(START_WIDTH), "dim")
            duration = literal(f" {row.duration}")
            room = max(0, width - indent - duration.cell_length)
            what = literal(row.title, "bold", newlines=False)
            if row.detail:
                what += literal(f"  {row.detail}", "dim", newlines=False)
            what = what.truncate(room, ellipsis=True, pad=True)
            content = (start + literal(" ") + what + duration).truncate(width, pad=True)
        return Strip(content.render_segments(style), width)
