"""Weeks as columns, days as rows, a mark on each day with a session: a streak at a glance.

The layout is the one people know from code hosts' contribution graphs: it packs half a
year into 60 columns and a full year into 110, and a gap in the habit shows as a gap.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

from coach.ui.widgets.chart import month_line

_DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
_GUTTER = 4


class StreakCalendar(Widget):
    """The latest weeks up to ``today`` that fit the width, at most ``max_weeks``."""

    COMPONENT_CLASSES = {"calendar--on", "calendar--off", "calendar--today", "calendar--label"}

    DEFAULT_CSS = """
    StreakCalendar {
        height: 8;
        & > .calendar--on { color: $success; }
        & > .calendar--off { color: $text-disabled; }
        & > .calendar--today { text-style: reverse; }
        & > .calendar--label { color: $text-muted; }
    }
    """

    def __init__(
        self, days: Set[date], today: date, *, max_weeks: int = 53, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.days = days
        self.today = today
        self.max_weeks = max_weeks

    def render(self) -> Text:
        on = self.get_component_rich_style("calendar--on")
        off = self.get_component_rich_style("calendar--off")
        today_style = self.get_component_rich_style("calendar--today")
        label = self.get_component_rich_style("calendar--label")
        weeks = max(1, min(self.max_weeks, (self.size.width - _GUTTER) // 2))
        last_monday = self.today - timedelta(days=self.today.weekday())
        mondays = [last_monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
        text = Text(no_wrap=True, overflow="crop")
        text.append(" " * _GUTTER)
        text.append(month_line(mondays, 2, self.size.width - _GUTTER, self.today), style=label)
        for weekday in range(7):
            text.append("\n")
            text.append(f"{_DAY_LABELS[weekday]:<{_GUTTER}}", style=label)
            for monday in mondays:
                day = monday + timedelta(days=weekday)
                if day > self.today:
                    text.append("  ")
                    continue
                mark, style = ("■", on) if day in self.days else ("·", off)
                text.append(mark, style=style + today_style if day == self.today else style)
                text.append(" ")
        return text

