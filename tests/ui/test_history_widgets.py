"""The chart and calendar widgets: bars from eighth blocks, month labels, a mark per day."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult

from coach.ui.widgets.calendar import StreakCalendar
from coach.ui.widgets.chart import WeeklyBars, bar_cells


def test_bars_are_whole_blocks_with_an_eighth_block_cap() -> None:
    assert bar_cells(5, 10, 3) == ["█", "▄", " "]
    assert bar_cells(10, 10, 2) == ["█", "█"]
    assert bar_cells(25, 10, 2) == ["█", "█"]  # above the top: clipped
    assert bar_cells(0, 10, 2) == [" ", " "]
    assert bar_cells(0.01, 10, 2) == ["▁", " "]  # a little is not nothing
    assert bar_cells(None, 10, 2) == ["·", " "]  # no data that week
    assert bar_cells(3, 0, 2) == ["▁", " "]


class Show(App[None]):
    def __init__(self, widget: WeeklyBars | StreakCalendar) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


async def test_weekly_bars_show_the_latest_weeks_that_fit_with_their_months() -> None:
    weeks = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(20)]
    values = [float(n) for n in range(20)]
    chart = WeeklyBars(weeks, [values], id="chart")
    async with Show(chart).run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        lines = str(chart.render()).splitlines()
    assert len(lines) == 7  # six rows of bars and the month line
    assert lines[0].startswith("    19┤")  # the top is the largest value shown
    assert lines[5].startswith("     0┤")
    # (30 - 7) // 3 = 7 weeks fit: from 2026-04-06 to 2026-05-18, one bar two cells wide.
    assert lines[6].split() == ["Apr", "May"]
    assert lines[5].count("█") == 14


async def test_charts_of_one_and_two_series_put_each_week_in_the_same_column() -> None:
    weeks = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(30)]
    one = WeeklyBars(weeks, [[1.0] * 30], id="one")
    two = WeeklyBars(weeks, [[float(n) for n in range(30)], [2.0] * 30], top=10, id="two")
    for chart in (one, two):
        async with Show(chart).run_test(size=(61, 8)) as pilot:
            await pilot.pause()
            chart.lines = str(chart.render()).splitlines()  # type: ignore[attr-defined]
    first, second = one.lines, two.lines  # type: ignore[attr-defined]
    assert first[-1] == second[-1]  # the same months at the same places
    columns = [i for i, char in enumerate(first[-2]) if char == "█"]
    assert columns == [i for i, char in enumerate(second[-2]) if char == "█" and i in columns]
    assert len(columns) == 2 * ((61 - 7) // 3)


async def test_the_calendar_marks_days_with_a_session_and_leaves_the_future_blank() -> None:
    today = date(2026, 5, 6)  # a Wednesday
    days = {date(2026, 5, 4), date(2026, 5, 6), date(2026, 4, 27)}
    calendar = StreakCalendar(days, today)
    async with Show(calendar).run_test(size=(12, 9)) as pilot:
        await pilot.pause()
        lines = str(calendar.render()).splitlines()
    # 4 weeks fit in 12 columns: a gutter of 4 and two cells a week.
    assert lines[1] == "Mon · · ■ ■ "
    assert lines[2] == "    · · · · "
    assert lines[3] == "Wed · · · ■ "
    assert lines[4] == "    · · ·   "
    assert lines[7] == "Sun · · ·   "
