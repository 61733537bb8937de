"""Week by week: minutes of warm-up and cool-down, soreness, run load and its trend.

Load is session-RPE × minutes (Foster et al. 2001). The 7-day : 28-day comparison
(acute:chronic) is reported as a trend only: Impellizzeri et al. (2020) showed its "sweet
spot" does not predict injury, so coach shows which way load is moving and never judges
with the ratio. When the last week jumped well above the month before, it says so in
plain numbers (:class:`LoadJump`), as a fact about the trend, not as advice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Final

from coach.insights.days import ONE_DAY, local_date, week_start, weeks_up_to
from coach.insights.facts import History

ACUTE_DAYS: Final = 7
CHRONIC_DAYS: Final = 28
JUMP_FACTOR: Final = 1.5
"""The last 7 days above this × the mean week of the 4 before is a jump worth a line."""
STEADY: Final = 0.1
"""A ratio within 10 % of 1 means this week's load is about the usual."""
TREND_DAYS: Final = 84
"""Twelve weeks of daily acute:chronic values: long enough to see a direction."""


@dataclass(frozen=True)
class WeekStats:
    """One local Monday-to-Sunday week."""

    start: date
    sessions: int = 0
    warm_up_minutes: float = 0.0
    """Minutes in sessions played before a run."""
    cool_down_minutes: float = 0.0
    """Minutes in sessions played after a run (cool-downs and stretches)."""
    load: float = 0.0
    """Sum of the week's run loads (effort × minutes)."""
    after_mean: float | None = None
    """Mean overall soreness right after (after a session or logged on its own)."""
    after_n: int = 0
    next_day_mean: float | None = None
    next_day_n: int = 0


def weekly(history: History, today: date, count: int, tz: tzinfo | None) -> tuple[WeekStats, ...]:
    """The last ``count`` weeks up to today's, oldest first; empty weeks are kept as gaps."""
    starts = weeks_up_to(today, count)
    first = starts[0]
    sessions: dict[date, int] = defaultdict(int)
    warm: dict[date, float] = defaultdict(float)
    cool: dict[date, float] = defaultdict(float)
    load: dict[date, float] = defaultdict(float)
    sore: dict[tuple[date, bool], list[int]] = defaultdict(list)

    def week_of(moment_day: date) -> date | None:
        week = week_start(moment_day)
        return week if first <= week and moment_day <= today else None

    for session in history.sessions:
        week = week_of(local_date(session.started_at, tz))
        if week is None:
            continue
        sessions[week] += 1
        if session.phase == "before":
            warm[week] += session.minutes
        elif session.phase == "after":
            cool[week] += session.minutes
    for point in history.loads:
        week = week_of(local_date(point.at, tz))
        if week is not None:
            load[week] += point.load
    for rating in history.soreness:
        week = week_of(local_date(rating.at, tz))
        if week is not None:
            sore[week, rating.timing == "next day"].append(rating.overall)
    return tuple(
        WeekStats(
            start=start, sessions=sessions[start], warm_up_minutes=warm[start],
            cool_down_minutes=cool[start], load=load[start],
            after_mean=_mean(sore[start, False]), after_n=len(sore[start, False]),
            next_day_mean=_mean(sore[start, True]), next_day_n=len(sore[start, True]),
        )
        for start in starts
    )


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def daily_loads(history: History, tz: tzinfo | None) -> dict[date, float]:
    """Run load per local day."""
    days: dict[date, float] = defaultdict(float)
    for point in history.loads:
        days[local_date(point.at, tz)] += point.load
    return dict(days)


def _window(days: dict[date, float], last: date, length: int) -> float:
    """Load over ``length`` local days ending with ``last`` (inclusive)."""
    return sum(days.get(last - ONE_DAY * back, 0.0) for back in range(length))


@dataclass(frozen=True)
class LoadTrend:
    """Acute (7-day) against chronic (28-day) load, now and day by day before."""

    acute: float
    """Load over the last 7 local days, today included."""
    chronic: float
    """Mean weekly load over the last 28 local days (their sum ÷ 4)."""
    ratio: float | None
    """acute ÷ chronic; None with no load in the last 28 days."""
    series: tuple[float | None, ...]
    """The ratio on each of the last days, oldest first (None where it is undefined)."""

    @property
    def direction(self) -> str:
        """"building", "steady" or "easing": which way load is moving, nothing more."""
        if self.ratio is None:
            return "no recent load"
        if self.ratio >= 1 + STEADY:
            return "building"
        if self.ratio <= 1 - STEADY:
            return "easing"
        return "steady"


def load_trend(
    history: History, today: date, tz: tzinfo | None, days: int = TREND_DAYS
) -> LoadTrend:
    daily = daily_loads(history, tz)
    # Prefix sums over the span the series needs, so each day costs two subtractions.
    span = days + CHRONIC_DAYS
    first = today - ONE_DAY * (span - 1)
    totals = [0.0]
    for offset in range(span):
        totals.append(totals[-1] + daily.get(first + ONE_DAY * offset, 0.0))

    def at(index: int) -> tuple[float, float, float | None]:
        end = index + 1  # totals index just after the day
        acute = totals[end] - totals[end - ACUTE_DAYS]
        chronic = (totals[end] - totals[end - CHRONIC_DAYS]) / (CHRONIC_DAYS / ACUTE_DAYS)
        return acute, chronic, (acute / chronic if chronic > 0 else None)

    series = tuple(at(index)[2] for index in range(span - days, span))
    acute, chronic, ratio = at(span - 1)
    return LoadTrend(acute=acute, chronic=chronic, ratio=ratio, series=series)


@dataclass(frozen=True)
class LoadJump:
    """The last 7 days' load rose much faster than the month before."""

    latest: float
    """Load over the last 7 local days."""
    before: float
    """Mean weekly load over the 4 weeks before them."""

    @property
    def factor(self) -> float:
        return self.latest / self.before


def load_jump(history: History, today: date, tz: tzinfo | None) -> LoadJump | None:
    """A :class:`LoadJump` when the last 7 days exceed 1.5 × the mean of the 4 weeks before.

    With no load at all in those 4 weeks there is nothing to compare with: no warning.
    """
    daily = daily_loads(history, tz)
    latest = _window(daily, today, ACUTE_DAYS)
    before = _window(daily, today - timedelta(days=ACUTE_DAYS), CHRONIC_DAYS) / 4
    if before > 0 and latest > JUMP_FACTOR * before:
        return LoadJump(latest=latest, before=before)
    return None
