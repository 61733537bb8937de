"""Local days and weeks, and streaks of days and weeks with a session.

A runner's "Tuesday" is their own: a session at 23:30 UTC is already Wednesday in Berlin.
Every function takes the time zone explicitly (``None`` means the computer's own zone, with
its DST rules), so a week is the runner's Monday-to-Sunday whatever the clocks did in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from coach.store.facts import History

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)


def local_date(moment: datetime, tz: tzinfo | None) -> date:
    """The runner's calendar day of an aware time; ``tz=None`` is the computer's zone."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment!r} has no time zone; pass an aware datetime")
    return (moment.astimezone(tz) if tz is not None else moment.astimezone()).date()


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """The aware moment a local day starts (its first instant, also on DST days)."""
    naive = datetime(day.year, day.month, day.day)
    return naive.astimezone() if tz is None else naive.replace(tzinfo=tz)


def week_start(day: date) -> date:
    """The Monday of the week ``day`` is in."""
    return day - timedelta(days=day.weekday())


def weeks_up_to(today: date, count: int) -> list[date]:
    """Mondays of the ``count`` weeks ending with today's week, oldest first."""
    last = week_start(today)
    return [last - ONE_WEEK * back for back in range(count - 1, -1, -1)]


@dataclass(frozen=True)
class Streaks:
    """Runs of consecutive local days and weeks with at least one session."""

    days: frozenset[date]
    """Local days with a session (on or before today)."""
    current_days: int
    """Days in a row up to today, or up to yesterday while today is still open."""
    longest_days: int
    longest_days_end: date | None
    """The last day of the longest run of days; the latest one when two are as long."""
    current_weeks: int
    """Weeks in a row up to this week, or up to last week while this one is still open."""
    longest_weeks: int


def active_days(history: History, today: date, tz: tzinfo | None) -> frozenset[date]:
    """Local days, up to today, with a session in which at least one step was done."""
    days = {
        local_date(session.started_at, tz)
        for session in history.sessions
        if session.active
    }
    return frozenset(day for day in days if day <= today)


def _runs(points: Iterable[date], step: timedelta) -> list[tuple[date, int]]:
    """Each run of consecutive points as (its last point, its length), oldest first."""
    runs: list[tuple[date, int]] = []
    previous: date | None = None
    for point in sorted(points):
        if previous is not None and point - previous == step:
            runs[-1] = (point, runs[-1][1] + 1)
        else:
            runs.append((point, 1))
        previous = point
    return runs


def _current(points: frozenset[date], now: date, step: timedelta) -> int:
    """The run ending at ``now``, or at the point before it while ``now`` is still open."""
    end = now if now in points else now - step
    count = 0
    while end in points:
        count += 1
        end -= step
    return count


def streaks(history: History, today: date, tz: tzinfo | None) -> Streaks:
    days = active_days(history, today, tz)
    weeks = frozenset(week_start(day) for day in days)
    day_runs = _runs(days, ONE_DAY)
    week_runs = _runs(weeks, ONE_WEEK)
    longest_end: date | None = None
    longest = 0
    for end, length in day_runs:
        if length >= longest:  # ties: the later run, which the runner remembers
            longest, longest_end = length, end
    return Streaks(
        days=days,
        current_days=_current(days, today, ONE_DAY),
        longest_days=longest,
        longest_days_end=longest_end,
        current_weeks=_current(weeks, week_start(today), ONE_WEEK),
        longest_weeks=max((length for _, length in week_runs), default=0),
    )
