"""Imported runs in the trends: weekly distance and time, one load per run however it was
rated, and the single-run spike (more than 10 % longer than the month's longest)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from coach.insights import (
    History,
    RunPoint,
    RunSpike,
    insights_for,
    latest_spike,
    read,
    weekly,
)
from coach.record.load import spike_over
from coach.store import Store
from tests.support import seed
from tests.support.seed import cool_down_timeline

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
"""A Monday morning."""
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory(clock=lambda: T0) as opened:
        yield opened


def add_run(store: Store, start: datetime, minutes: float, km: float | None = None,
            effort: float | None = None) -> str:
    return seed.add_run(store, start, minutes, km=km, effort=effort)


def cool_down(store: Store, start: datetime) -> str:
    session_id = store.start_session(cool_down_timeline(), "after", start)
    store.end_session(session_id, "completed", 300.0, start + 5 * MINUTE)
    return session_id


def loads(store: Store) -> list[tuple[datetime, float]]:
    with store.snapshot() as conn:
        return [(point.at, point.load) for point in read(conn).loads]


# ------------------------------------------------------------------ weekly distance and time


def test_weeks_add_up_the_imported_runs_distance_and_time(store: Store) -> None:
    add_run(store, T0, 50, km=10.0)  # Monday
    add_run(store, T0 + 2 * DAY, 30, km=6.5)  # Wednesday, same week
    add_run(store, T0 + 8 * DAY, 45)  # next week, a treadmill run with no distance
    with store.snapshot() as conn:
        history = read(conn)
    assert [run.minutes for run in history.runs] == [50, 30, 45]
    previous, first, second = weekly(history, date(2026, 3, 14), 3, UTC)
    assert (previous.run_count, previous.run_km, previous.run_minutes) == (0, 0.0, 0.0)
    assert (first.start, first.run_count, first.run_km, first.run_minutes) == (
        date(2026, 3, 2), 2, 16.5, 80.0)
    assert (second.run_count, second.run_km, second.run_minutes) == (1, 0.0, 45.0)


def test_a_run_after_today_is_in_no_week(store: Store) -> None:
    add_run(store, T0 + 3 * DAY, 40, km=8.0)
    (week,) = insights_for(store, T0 + DAY, UTC, weeks=1).weeks
    assert week.run_count == 0 and week.run_km == 0.0


# ------------------------------------------------------------------ one load per run


def test_a_run_with_its_effort_is_its_own_load(store: Store) -> None:
    add_run(store, T0, 50, km=10.0, effort=6.0)
    add_run(store, T0 + DAY, 40, km=8.0)  # no effort: no load known
    assert loads(store) == [(T0, 300.0)]


def test_a_rating_of_a_linked_run_that_has_an_effort_is_not_counted_again(
    store: Store,
) -> None:
    add_run(store, T0, 50, km=10.0, effort=6.0)
    session_id = cool_down(store, T0 + 55 * MINUTE)  # starts 5 minutes after the run
    store.add_soreness(3, timing="after", session_id=session_id, effort=7, run_minutes=50,
                       recorded_at=T0 + HOUR)
    assert store.run_for_session(session_id) is not None
    assert loads(store) == [(T0, 300.0)]  # the run's own effort, once


def test_a_rating_on_its_own_during_or_soon_after_the_run_is_not_counted_again(
    store: Store,
) -> None:
    add_run(store, T0, 50, km=10.0, effort=6.0)  # ends at 07:50
    store.add_soreness(2, effort=5, run_minutes=50, recorded_at=T0 + 50 * MINUTE + 2 * HOUR)
    later = T0 + 50 * MINUTE + 2 * HOUR + MINUTE
    store.add_soreness(2, effort=4, run_minutes=20, recorded_at=later)  # another run
    assert loads(store) == [(T0, 300.0), (later, 80.0)]


def test_the_runners_rating_stays_when_the_run_has_no_effort(store: Store) -> None:
    add_run(store, T0, 50, km=10.0)
    session_id = cool_down(store, T0 + 55 * MINUTE)
    store.add_soreness(3, timing="after", session_id=session_id, effort=7, run_minutes=50,
                       recorded_at=T0 + HOUR)
    store.add_soreness(2, effort=5, run_minutes=50, recorded_at=T0 + HOUR)  # on its own too
    assert loads(store) == [(T0 + 55 * MINUTE, 350.0), (T0 + HOUR, 250.0)]


def test_a_cool_down_links_to_the_nearest_run_only(store: Store) -> None:
    """The earlier run has an effort, the later one (which the cool-down follows) has none:
    the rating is the later run's load and stays."""
    add_run(store, T0, 30, km=6.0, effort=5.0)
    add_run(store, T0 + 40 * MINUTE, 20, km=4.0)  # ends 08:00
    session_id = cool_down(store, T0 + 65 * MINUTE)
    store.add_soreness(3, timing="after", session_id=session_id, effort=6, run_minutes=20,
                       recorded_at=T0 + 70 * MINUTE)
    assert loads(store) == [(T0, 150.0), (T0 + 65 * MINUTE, 120.0)]


def test_reading_since_a_moment_keeps_a_runs_rating_out_with_the_run(store: Store) -> None:
    """The run's load sits at its start, before ``since``: its rating, after ``since``,
    is still the same run and does not come back."""
    add_run(store, T0, 50, km=10.0, effort=6.0)
    session_id = cool_down(store, T0 + 55 * MINUTE)
    store.add_soreness(3, timing="after", session_id=session_id, effort=7, run_minutes=50,
                       recorded_at=T0 + HOUR)
    with store.snapshot() as conn:
        history = read(conn, T0 + 30 * MINUTE)
    assert (history.loads, history.runs) == ((), ())


# ------------------------------------------------------------------ the spike rule


def test_spike_over_is_more_than_ten_percent_over_the_longest() -> None:
    assert spike_over(11.0, [10.0, 4.0]) is None  # exactly 10 % longer: no spike
    assert spike_over(55.0, [50.0]) is None
    assert spike_over(11.01, [10.0, 4.0]) == 10.0
    assert spike_over(60.0, []) is None  # nothing to compare with
    assert spike_over(60.0, [0.0]) is None


def point(day: int, minutes: float, km: float | None = None) -> RunPoint:
    return RunPoint(T0 + day * DAY, minutes, None if km is None else km * 1000)


TODAY = (T0 + 40 * DAY).date()


def test_a_spike_is_found_by_distance() -> None:
    history = History(runs=(point(10, 60, 10.0), point(30, 50, 9.0), point(38, 55, 11.5)))
    assert latest_spike(history, TODAY, UTC) == RunSpike(
        (T0 + 38 * DAY).date(), 11.5, 10.0, "km")


def test_a_spike_is_found_by_minutes_when_a_run_has_no_distance() -> None:
    """By distance 11 km after 10 km is exactly 10 %; a treadmill run in the window has no
    distance, so minutes decide: 70 after 60 is a spike."""
    history = History(runs=(point(10, 60, 10.0), point(20, 40), point(38, 70, 11.0)))
    assert latest_spike(history, TODAY, UTC) == RunSpike(
        (T0 + 38 * DAY).date(), 70.0, 60.0, "min")


def test_exactly_ten_percent_longer_is_no_spike() -> None:
    history = History(runs=(point(30, 50, 10.0), point(38, 55, 11.0)))
    assert latest_spike(history, TODAY, UTC) is None


def test_no_spike_without_an_earlier_run_in_the_30_days() -> None:
    assert latest_spike(History(runs=(point(38, 90, 20.0),)), TODAY, UTC) is None
    too_old = History(runs=(point(7, 30, 5.0), point(38, 90, 20.0)))  # 31 days before
    assert latest_spike(too_old, TODAY, UTC) is None


def test_a_spike_is_news_for_seven_days_and_the_latest_is_named() -> None:
    runs = (point(20, 40, 8.0), point(31, 60, 12.0), point(35, 80, 15.0))
    assert latest_spike(History(runs=runs), TODAY, UTC) == RunSpike(
        (T0 + 35 * DAY).date(), 15.0, 12.0, "km")
    assert latest_spike(History(runs=runs[:2]), TODAY, UTC) is None  # 9 days ago: old news


def test_the_insights_carry_the_spike_of_the_stored_runs(store: Store) -> None:
    add_run(store, T0, 50, km=10.0)
    add_run(store, T0 + 5 * DAY, 70, km=13.0)
    insights = insights_for(store, T0 + 6 * DAY, UTC)
    assert insights.spike == RunSpike((T0 + 5 * DAY).date(), 13.0, 10.0, "km")


@pytest.mark.slow
def test_ten_thousand_sessions_and_a_thousand_runs_load_together() -> None:
    """The links are found by bisection, not by a pass over every run: every seeded rating
    of a run with an effort is left out, every other one stays."""
    from tests.support.seed import seed_sessions

    with Store.memory(clock=lambda: T0) as big:
        seed_sessions(big, 10_000, T0, rng_seed=4)
        with big.snapshot() as conn:
            before = read(conn)
            warm_ups = [row[0] for row in conn.execute(
                "SELECT started_at FROM sessions WHERE phase = 'before' ORDER BY started_at"
                " LIMIT 1000")]
        from coach.record.models import from_iso

        for number, started in enumerate(warm_ups):
            start = from_iso(started) + 10 * MINUTE
            add_run(big, start, 30, km=6.0, effort=5.0 if number % 2 else None)
        with big.snapshot() as conn:
            after = read(conn)
        runs = big.list_runs()
        rated = {session for run in runs if run.effort is not None for session in run.sessions}
        with big.snapshot() as conn:
            dropped = conn.execute(
                "SELECT COUNT(DISTINCT e.session_id) FROM soreness e WHERE e.timing = 'after'"
                " AND e.effort IS NOT NULL AND e.run_minutes IS NOT NULL AND e.session_id IN"
                f" ({', '.join('?' * len(rated))})", tuple(rated)).fetchone()[0]
    assert len(after.runs) == 1000 and dropped > 100
    with_effort = sum(1 for run in runs if run.effort is not None)
    assert len(after.loads) == len(before.loads) - dropped + with_effort
