"""What the history says: trends over weeks, streaks, and what helps this runner's legs.

Headless (never imports Textual). :func:`compute` is pure — a :class:`History`, the current
time and the runner's time zone in, numbers out — so every figure can be checked against a
small hand-made history. :func:`insights_for` reads the store first; the UI calls it in a
worker thread. What helps (each habit's estimate with its interval) is
:mod:`coach.insights.estimates`, read by :func:`coach.insights.overview.estimates_for` and
judged as shown together by :mod:`coach.insights.family`; how many runs a question needs
is :mod:`coach.insights.plan`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Final

from coach.insights.days import (
    Streaks,
    active_days,
    local_date,
    local_midnight,
    streaks,
    week_start,
    weeks_up_to,
)
from coach.insights.trends import (
    JUMP_FACTOR,
    LoadJump,
    LoadTrend,
    RunSpike,
    WeekStats,
    daily_loads,
    latest_spike,
    load_jump,
    load_trend,
    weekly,
)
from coach.store import Store
from coach.store.facts import (
    History,
    LoadPoint,
    RunPoint,
    SessionFact,
    SorenessPoint,
    read,
)

WEEKS: Final = 52
"""A year of weeks; screens show as many of the latest as fit."""


@dataclass(frozen=True)
class Insights:
    """Everything the trends view shows."""

    today: date
    """The runner's local day the figures were computed for."""
    weeks: tuple[WeekStats, ...]
    load: LoadTrend
    jump: LoadJump | None
    streaks: Streaks
    spike: RunSpike | None = None
    """A run of the last 7 days much longer than the month's longest before it."""


def compute(history: History, now: datetime, tz: tzinfo | None, weeks: int = WEEKS
            ) -> Insights:
    today = local_date(now, tz)
    return Insights(
        today=today,
        weeks=weekly(history, today, weeks, tz),
        load=load_trend(history, today, tz),
        jump=load_jump(history, today, tz),
        streaks=streaks(history, today, tz),
        spike=latest_spike(history, today, tz),
    )


def insights_for(
    store: Store, now: datetime, tz: tzinfo | None, weeks: int = WEEKS
) -> Insights:
    """Read everything (a streak may reach back years) in one snapshot."""
    with store.snapshot() as conn:
        history = read(conn)
    return compute(history, now, tz, weeks)


__all__ = [
    "JUMP_FACTOR",
    "WEEKS",
    "History",
    "Insights",
    "LoadJump",
    "LoadPoint",
    "LoadTrend",
    "RunPoint",
    "RunSpike",
    "SessionFact",
    "SorenessPoint",
    "Streaks",
    "WeekStats",
    "active_days",
    "compute",
    "daily_loads",
    "insights_for",
    "latest_spike",
    "load_jump",
    "load_trend",
    "local_date",
    "local_midnight",
    "read",
    "streaks",
    "week_start",
    "weekly",
    "weeks_up_to",
]
