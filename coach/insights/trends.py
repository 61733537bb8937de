"""Week by week: minutes of warm-up and cool-down, soreness, runs, run load and its trend.

Load is session-RPE × minutes (Foster et al. 2001). The 7-day : 28-day comparison
(acute:chronic) is reported as a trend only: Impellizzeri et al. (2020) showed its "sweet
spot" does not predict injury, so coach shows which way load is moving and never judges
with the ratio. When that same ratio is high — the last week well above the month's usual
week — it says so in plain numbers (:class:`LoadJump`), as a fact about the trend, not as
advice: one ratio, one definition and one set of words on every screen. A run without an
effort has no load: it is left out of every load figure (never counted as 0), and the
figures say how many runs that is. A single run
much longer than the month's longest (:class:`RunSpike`) is the one load change with
evidence of harm (Frandsen et al. 2025); the rule is :func:`coach.record.load.spike_over`,
the same one the advice uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Final, Literal

from coach.insights.days import ONE_DAY, local_date, week_start, weeks_up_to
from coach.record.load import in_spike_window, spike_over
from coach.store.facts import History, RunPoint

ACUTE_DAYS: Final = 7
CHRONIC_DAYS: Final = 28
JUMP_FACTOR: Final = 1.3
"""A 7-day : 28-day ratio at or above this is a jump worth a line: the last 7 days about
1.5 × the mean week of the three before them."""
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
    run_count: int = 0
    """Imported runs that started in the week."""
    run_km: float = 0.0
    """Their distance (runs without one add nothing)."""
    run_minutes: float = 0.0
    """Their moving time."""
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
    runs: dict[date, int] = defaultdict(int)
    km: dict[date, float] = defaultdict(float)
    run_minutes: dict[date, float] = defaultdict(float)
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
    for run in history.runs:
        week = week_of(local_date(run.start, tz))
        if week is not None:
            runs[week] += 1
            km[week] += (run.distance_m or 0.0) / 1000
            run_minutes[week] += run.minutes
    for rating in history.soreness:
        week = week_of(local_date(rating.at, tz))
        if week is not None:
            sore[week, rating.timing == "next day"].append(rating.overall)
    return tuple(
        WeekStats(
            start=start, sessions=sessions[start], warm_up_minutes=warm[start],
            cool_down_minutes=cool[start], load=load[start], run_count=runs[start],
            run_km=km[start], run_minutes=run_minutes[start],
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
    no_load: int = 0
    """Imported runs of the last 28 days without an effort: they have no load, and are not
    in these figures (not counted as 0)."""

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
    since = today - ONE_DAY * (CHRONIC_DAYS - 1)
    no_load = sum(1 for run in history.runs
                  if run.load is None and since <= local_date(run.start, tz) <= today)
    return LoadTrend(acute=acute, chronic=chronic, ratio=ratio, series=series, no_load=no_load)


def load_words(trend: LoadTrend) -> str:
    """The one sentence of the load ratio, as every screen says it."""
    if trend.ratio is None:
        text = "7-day : 28-day load: no load in the last 28 days"
    else:
        text = (f"7-day : 28-day load ratio {trend.ratio:.2f} ({trend.direction}): last 7 days "
                f"{trend.acute:,.0f}, mean week of the last 28 days {trend.chronic:,.0f}")
    if trend.no_load:
        runs = "run" if trend.no_load == 1 else "runs"
        text += (f"; {trend.no_load} {runs} without an effort "
                 f"{'has' if trend.no_load == 1 else 'have'} no load and "
                 f"{'is' if trend.no_load == 1 else 'are'} left out, not counted as 0")
    return text


@dataclass(frozen=True)
class LoadJump:
    """The load ratio is high: the last 7 days well above the month's usual week."""

    latest: float
    """Load over the last 7 local days (the ratio's 7-day side)."""
    before: float
    """Mean weekly load over the last 28 local days (the ratio's 28-day side)."""

    @property
    def factor(self) -> float:
        """The 7-day : 28-day ratio, the same one the trends show."""
        return self.latest / self.before


def load_jump(history: History, today: date, tz: tzinfo | None) -> LoadJump | None:
    """A :class:`LoadJump` when the 7-day : 28-day ratio (:func:`load_trend`'s) reaches
    :data:`JUMP_FACTOR`.

    With no load at all in the 21 days before the last 7 there is nothing to compare with:
    no warning.
    """
    trend = load_trend(history, today, tz, days=1)
    earlier = trend.chronic * (CHRONIC_DAYS / ACUTE_DAYS) - trend.acute
    if trend.ratio is not None and earlier > 1e-9 and trend.ratio >= JUMP_FACTOR:
        return LoadJump(latest=trend.acute, before=trend.chronic)
    return None


SPIKE_LOOKBACK_DAYS: Final = 7
"""A spike is news for a week: the runs of the last 7 local days are looked at."""


@dataclass(frozen=True)
class RunSpike:
    """A recent imported run more than 10 % longer than the longest of the 30 days before."""

    day: date
    """The run's local day."""
    length: float
    """This run, in :attr:`unit`."""
    longest_before: float
    """The longest run of the 30 days before it, in the same unit."""
    unit: Literal["km", "min"]
    """Kilometres when this run and every earlier run in the window have a distance,
    else minutes."""


def _km(run: RunPoint) -> float | None:
    return run.distance_m / 1000 if run.distance_m is not None and run.distance_m > 0 else None


def run_spike(run: RunPoint, earlier: Sequence[RunPoint], tz: tzinfo | None) -> RunSpike | None:
    """Whether ``run`` is a spike against ``earlier`` (the runs of the 30 days before it)."""
    if not earlier:
        return None
    distances = [_km(before) for before in earlier]
    this_km = _km(run)
    if this_km is not None and None not in distances:
        longest = spike_over(this_km, (d for d in distances if d is not None))
        unit: Literal["km", "min"] = "km"
        length = this_km
    else:
        longest = spike_over(run.minutes, (before.minutes for before in earlier))
        unit, length = "min", run.minutes
    if longest is None:
        return None
    return RunSpike(local_date(run.start, tz), length, longest, unit)


def latest_spike(history: History, today: date, tz: tzinfo | None) -> RunSpike | None:
    """The most recent imported run of the last 7 local days that was a spike, or None."""
    runs = sorted(history.runs, key=lambda run: run.start)
    first_day = today - timedelta(days=SPIKE_LOOKBACK_DAYS - 1)
    for index in range(len(runs) - 1, -1, -1):
        run = runs[index]
        day = local_date(run.start, tz)
        if day > today:
            continue
        if day < first_day:
            break
        earlier = []
        for back in range(index - 1, -1, -1):
            if not in_spike_window(runs[back].start, run.start):
                if runs[back].start < run.start:
                    break
                continue  # started at the same moment: not before it
            earlier.append(runs[back])
        spike = run_spike(run, earlier, tz)
        if spike is not None:
            return spike
    return None
