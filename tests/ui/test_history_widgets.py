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


NOVEMBER_WEEKS = [date(2026, 11, 30) - timedelta(weeks=n) for n in range(19, -1, -1)]
"""Twenty weeks up to the one of Monday 30 November 2026: December begins inside it."""


async def test_the_month_the_runner_is_in_is_named_even_if_its_week_began_before() -> None:
    chart = WeeklyBars(NOVEMBER_WEEKS, [[1.0] * 20], today=date(2026, 12, 6), id="chart")
    calendar = StreakCalendar(set(), date(2026, 12, 6))
    for widget in (chart, calendar):
        async with Show(widget).run_test(size=(40, 9)) as pilot:
            await pilot.pause()
            widget.lines = str(widget.render()).splitlines()  # type: ignore[attr-defined]
    assert chart.lines[-1].split()[-2:] == ["Nov", "Dec"]  # type: ignore[attr-defined]
    assert calendar.lines[0].split()[-2:] == ["Nov", "Dec"]  # type: ignore[attr-defined]
    # The month is named under the week holding its 1st: November's under 26 Oct–1 Nov.
    # Eleven weeks fit, from 21 September: that week is the sixth, after the 7-cell gutter.
    assert chart.lines[-1].index("Nov") == 7 + 3 * 5  # type: ignore[attr-defined]


async def test_a_chart_with_nothing_in_its_weeks_says_why() -> None:
    chart = WeeklyBars(NOVEMBER_WEEKS, [[0.0] * 19 + [None]], id="chart",
                       empty="no runs with an effort in these weeks")
    async with Show(chart).run_test(size=(70, 8)) as pilot:
        await pilot.pause()
        shown = str(chart.render())
    assert "no runs with an effort in these weeks" in shown
    full = WeeklyBars(NOVEMBER_WEEKS, [[0.0] * 19 + [3.0]], id="chart",
                      empty="no runs with an effort in these weeks")
    async with Show(full).run_test(size=(70, 8)) as pilot:
        await pilot.pause()
        assert "no runs" not in str(full.render())
