"""A weekly bar chart drawn with Unicode eighth blocks, so it reads in any terminal.

Textual's Sparkline scales from the smallest value to the largest, which makes a week of
2 minutes look like nothing and a week of 3 minutes look like a lot; a chart of minutes or
soreness needs a zero baseline and a labelled top. This widget draws one bar per series per
week, newest on the right, and shows as many of the latest weeks as the width allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

_EIGHTHS = " ▁▂▃▄▅▆▇█"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English month names whatever the locale, like the rest of the interface."""


def bar_cells(value: float | None, top: float, rows: int) -> list[str]:
    """One bar as characters, bottom row first: whole blocks, then an eighth-block cap.

    ``None`` (no data that week) is a dot on the baseline, so it never looks like a zero.
    """
    if value is None:
        return ["·"] + [" "] * (rows - 1)
    eighths = round(max(0.0, min(value, top)) / top * rows * 8) if top > 0 else 0
    if value > 0 and eighths == 0:
        eighths = 1  # a little is not nothing
    return [_EIGHTHS[max(0, min(8, eighths - row * 8))] for row in range(rows)]


def _bar_widths(series: int) -> list[int]:
    """Cells each series' bar takes in a week's slot: one series fills both bar cells."""
    if series <= 0:
        return []
    each = max(1, (SLOT - 1) // series)
    return [each] * series


def _number(value: float) -> str:
    """``1,696`` for big numbers, ``2.5`` for small ones: short enough for the axis."""
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def month_line(weeks: Sequence[date], cell: int, room: int, today: date | None = None) -> str:
    """Month names in ``room`` cells, each under the week that holds its 1st (``cell``
    cells a week; the first week shown names its own month).

    A week is named by its last day (up to ``today``), so the week a month begins in
    carries that month even when it starts on a day of the month before. Names are placed
    newest first: the month the runner is in always has its name (nudged left to fit the
    edge), and an older name that would touch a newer one is the one left out.
    """
    ends = [end if today is None else min(end, max(today, week))
            for week in weeks for end in [week + timedelta(days=6)]]
    marks = [(index * cell, MONTHS[end.month - 1]) for index, end in enumerate(ends)
             if index == 0 or (end.year, end.month) != (ends[index - 1].year,
                                                         ends[index - 1].month)]
    placed: list[tuple[int, str]] = []
    limit = room  # where the name to the right begins, less a space
    for position, name in reversed(marks):
        if not placed:
            position = min(position, limit - len(name))
        if position < 0 or position + len(name) > limit:
            continue
        placed.append((position, name))
        limit = position - 1
    line = ""
    for position, name in reversed(placed):
        line = line.ljust(position) + name
    return line


SLOT = 3
"""Cells per week in every chart: two bars (or one twice as wide) and a gap. The same slot
and gutter in every chart put the same week in the same column, chart under chart."""
GUTTER = 7
"""Cells for the value labels left of the bars (``12,696┤``)."""


class WeeklyBars(Widget):
    """Grouped bars per week: ``series[i][w]`` is series i in week ``weeks[w]``.

    The last line names the months under the week each one starts in. Charts of one or two
    series side by side show the same weeks in the same columns.
    """

    COMPONENT_CLASSES = {"bars--a", "bars--b", "bars--axis", "bars--empty"}

    DEFAULT_CSS = """
    WeeklyBars {
        height: 7;
        & > .bars--a { color: $accent; }
        & > .bars--b { color: $primary-lighten-1; }
        & > .bars--axis { color: $text-muted; }
        & > .bars--empty { color: $text-disabled; }
    }
    """

    def __init__(
        self,
        weeks: Sequence[date],
        series: Sequence[Sequence[float | None]],
        *,
        top: float | None = None,
        label: Callable[[float], str] = _number,
        empty: str = "",
        today: date | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.weeks = list(weeks)
        self.series = [list(values) for values in series]
        self.top = top
        self.label = label
        self.empty = empty
        """Why no week shown has a bar, said across the chart instead of a row of dots."""
        self.today = today
        """The day the newest week is cut at: its month is named from the 1st that came."""

    def _styles(self) -> tuple[list[Style], Style, Style]:
        names = ("bars--a", "bars--b")
        bars = [self.get_component_rich_style(names[i % 2]) for i in range(len(self.series))]
        return (bars, self.get_component_rich_style("bars--axis"),
                self.get_component_rich_style("bars--empty"))

    def render(self) -> Text:
        rows = max(1, self.size.height - 1)
        bars, axis, empty = self._styles()
        group = SLOT
        widths = _bar_widths(len(self.series))
        fit = max(1, (self.size.width - GUTTER) // group)
        first = max(0, len(self.weeks) - fit)
        weeks = self.weeks[first:]
        top = self.top
        if top is None:  # the top of what is shown, so the latest weeks fill the height
            shown = (v for values in self.series for v in values[first:] if v is not None)
            top = max(shown, default=0)
        top_label, zero_label = self.label(top) if top > 0 else "", "0"
        top_label = top_label if len(top_label) < GUTTER else f"{top / 1000:,.0f}k"
        gutter = GUTTER
        columns = [
            [bar_cells(values[first + w], top, rows) for values in self.series]
            for w in range(len(weeks))
        ]
        text = Text(no_wrap=True, overflow="crop")
        blank = bool(self.empty) and not any(
            value for values in self.series for value in values[first:])
        for row in range(rows - 1, -1, -1):
            name = top_label if row == rows - 1 else zero_label if row == 0 else ""
            text.append(f"{name:>{gutter - 1}}", style=axis)
            text.append("┤" if name else "│", style=axis)
            if blank and row == rows // 2:
                text.append(f" {self.empty}\n", style=axis)
                continue
            for week in columns:
                for index, cells in enumerate(week):
                    cell = cells[row]
                    wide = cell if cell == "·" else cell * widths[index]
                    text.append(wide.ljust(widths[index]),
                                style=empty if cell == "·" else bars[index])
                text.append(" " * (group - sum(widths)))
            text.append("\n")
        text.append(" " * gutter)
        text.append(month_line(weeks, group, self.size.width - gutter, self.today), style=axis)
        return text


class RatioLine(Widget):
    """The 7-day : 28-day load ratio day by day, as a labelled line of bars.

    The axis runs from 0 to 2 with 1.0 ("as usual": the last week like the mean week of the
    month) marked; a ratio above 2 reaches the top. Under it: how far back the line goes,
    and today at the right end. The latest days are shown, as many as fit.
    """

    COMPONENT_CLASSES = {"ratio--bar", "ratio--axis", "ratio--empty"}
    TOP: float = 2.0

    DEFAULT_CSS = """
    RatioLine {
        height: 5;
        & > .ratio--bar { color: $accent; }
        & > .ratio--axis { color: $text-muted; }
        & > .ratio--empty { color: $text-disabled; }
    }
    """

    def __init__(self, values: Sequence[float | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.values = list(values)

    def render(self) -> Text:
        rows = max(2, self.size.height - 1)
        bar = self.get_component_rich_style("ratio--bar")
        axis = self.get_component_rich_style("ratio--axis")
        empty = self.get_component_rich_style("ratio--empty")
        room = max(1, self.size.width - GUTTER)
        shown = self.values[-room:]
        columns = [bar_cells(value, self.TOP, rows) for value in shown]
        one = rows // 2  # the row whose bottom edge is 1.0
        text = Text(no_wrap=True, overflow="crop")
        for row in range(rows - 1, -1, -1):
            name = f"{self.TOP:.1f}" if row == rows - 1 else "1.0" if row == one else (
                "0" if row == 0 else "")
            text.append(f"{name:>{GUTTER - 1}}", style=axis)
            text.append("┤" if name else "│", style=axis)
            for cells in columns:
                cell = cells[row]
                text.append(cell, style=empty if cell == "·" else bar)
            text.append("\n")
        weeks = len(shown) / 7
        left = f"{weeks:.0f} weeks ago" if weeks >= 2 else f"{len(shown)} days ago"
        line = left.ljust(max(len(left) + 1, len(shown) - len("today"))) + "today"
        text.append(" " * GUTTER + line[: room], style=axis)
        return text
