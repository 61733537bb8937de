"""The streak line on the trends page reads as a sentence: what runs now, then the longest."""

from __future__ import annotations

from datetime import date

from coach.insights.days import Streaks
from coach.ui.screens.trends import streak_line


def streaks(current_days: int, current_weeks: int, longest_days: int,
            longest_weeks: int) -> Streaks:
    return Streaks(frozenset(), current_days, longest_days,
                   date(2026, 12, 4) if longest_days else None, current_weeks, longest_weeks)


def test_a_streak_running_now_and_the_longest_are_each_in_a_row() -> None:
    line = streak_line(streaks(3, 1, 5, 2)).plain
    assert line.splitlines() == [
        "Now      3 days in a row  ·  1 week in a row",
        "Longest  5 days in a row, to 4 Dec 2026  ·  2 weeks in a row",
    ]


def test_no_streak_now_says_so_instead_of_zero_days() -> None:
    line = streak_line(streaks(0, 0, 5, 2)).plain
    assert line.startswith("Now      no session today or yesterday  ·  none this week or last")
    assert "0 days" not in line


def test_no_session_ever_says_what_counts() -> None:
    line = streak_line(streaks(0, 0, 0, 0)).plain
    assert "0" not in line and "routine is played" in line
