"""Insights read from a real store: the SQL facts, and which habits each run had, with
hand-made runs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from coach.insights import SorenessPoint, insights_for, local_midnight, read
from coach.routine.timeline import Timeline
from coach.store import Store, observations
from tests.support.seed import cool_down_timeline, seed_sessions, warm_up_timeline

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory(clock=lambda: T0) as opened:
        yield opened


def play(store: Store, timeline: Timeline, phase: str, start: datetime, *,
         done: int | None = None, skip: Iterable[int] = (), status: str = "completed") -> str:
    """A session whose first ``done`` steps ended (those in ``skip`` skipped), 30 s each."""
    session_id = store.start_session(timeline, phase, start)  # type: ignore[arg-type]
    steps = timeline.steps[: len(timeline) if done is None else done]
    skipped = set(skip)
    elapsed = 0.0
    for step in steps:
        outcome = "skipped" if step.index in skipped else "done"
        actual = 0.0 if outcome == "skipped" else 30.0
        elapsed += actual
        store.record_step(session_id, step, outcome, 30, actual,
                          start + timedelta(seconds=elapsed + step.index))
    store.end_session(session_id, status, elapsed, start + timedelta(seconds=elapsed + 60))
    return session_id


def run(store: Store, start: datetime, next_day: int | None, *, walk: bool = True,
        regions: dict[str, int] | None = None) -> str:
    """A cool-down after a run (walk done or skipped), rated the next day."""
    session_id = play(store, cool_down_timeline(), "after", start, skip=() if walk else (0,))
    if next_day is not None:
        store.add_soreness(next_day, timing="next day", session_id=session_id,
                           regions=regions or {}, recorded_at=start + timedelta(hours=24))
    return session_id


# ------------------------------------------------------------------ facts for the trends


def test_sessions_carry_their_minutes_and_whether_anything_was_done(store: Store) -> None:
    warm = play(store, warm_up_timeline(), "before", T0)
    play(store, cool_down_timeline(), "after", T0 + HOUR, skip=range(11))  # all skipped
    store.start_session(cool_down_timeline(), "after", T0 + 2 * HOUR)  # still playing
    with store.snapshot() as conn:
        facts = read(conn).sessions
    assert [(f.phase, f.minutes, f.active) for f in facts] == [
        ("before", 30 * len(warm_up_timeline()) / 60, True),
        ("after", 0.0, False),
        ("after", 0.0, False),
    ]
    assert facts[0].started_at == T0
    assert store.get_session(warm).summary.steps_done == 11


def test_a_runs_load_sits_at_its_session_once_however_often_it_was_rated(store: Store) -> None:
    session_id = play(store, cool_down_timeline(), "after", T0)
    later = T0 + timedelta(days=3)
    store.add_soreness(2, timing="after", session_id=session_id, effort=4, run_minutes=30,
                       recorded_at=later)
    store.add_soreness(3, timing="after", session_id=session_id, effort=5, run_minutes=40,
                       recorded_at=later + HOUR)
    store.add_soreness(1, timing="after", session_id=session_id, effort=9,
                       recorded_at=later + 2 * HOUR)  # no minutes: no load
    store.add_soreness(4, timing="next day", session_id=session_id, effort=8, run_minutes=10,
                       recorded_at=later + 3 * HOUR)  # next-day ratings carry no run
    store.add_soreness(5, effort=6, run_minutes=50, recorded_at=T0 + 5 * HOUR)  # on its own
    with store.snapshot() as conn:
        history = read(conn)
    assert [(p.at, p.load) for p in history.loads] == [(T0, 200.0), (T0 + 5 * HOUR, 300.0)]
    assert [p.timing for p in history.soreness] == [
        "standalone", "after", "after", "after", "next day"
    ]
    assert history.soreness[0] == SorenessPoint(T0 + 5 * HOUR, "standalone", 5)


def test_reading_since_a_moment_leaves_older_rows_out(store: Store) -> None:
    play(store, warm_up_timeline(), "before", T0)
    store.add_soreness(2, effort=3, run_minutes=20, recorded_at=T0)
    play(store, warm_up_timeline(), "before", T0 + timedelta(days=2))
    with store.snapshot() as conn:
        history = read(conn, T0 + timedelta(days=1))
    assert len(history.sessions) == 1
    assert (history.soreness, history.loads) == ((), ())


# ------------------------------------------------------------------ what helps


Group = tuple[int, float | None]
"""Runs on one side, and their mean next-day soreness."""


def _group(values: list[int]) -> Group:
    return len(values), (sum(values) / len(values) if values else None)


def sides(store: Store, factor: str, region: str | None = None) -> tuple[Group, Group]:
    """Next-day soreness with ``factor`` done and without it, as the estimates read it."""
    with store.snapshot() as conn:
        runs = observations.read(conn)
    def value(run: observations.Observation) -> int | None:
        return run.overall if region is None else run.regions.get(region)
    done = [v for run in runs if run.parts[factor] and (v := value(run)) is not None]
    missed = [v for run in runs if not run.parts[factor] and (v := value(run)) is not None]
    return _group(done), _group(missed)


def overall(store: Store) -> tuple[tuple[Group, Group], tuple[Group, Group]]:
    return sides(store, "cool-down"), sides(store, "warm-up")


def test_cool_down_and_warm_up_groups_with_known_means(store: Store) -> None:
    day = timedelta(days=1)
    # A: warm-up an hour before, walk done.
    play(store, warm_up_timeline(), "before", T0 - HOUR)
    run(store, T0, 2)
    # B: the warm-up was 5 h before: too early to count.
    play(store, warm_up_timeline(), "before", T0 + day - 5 * HOUR)
    run(store, T0 + day, 4)
    # C: warm-up with under half its steps done (4 of 11), walk skipped.
    play(store, warm_up_timeline(), "before", T0 + 2 * day - 2 * HOUR, done=5)
    run(store, T0 + 3 * day - day, 6, walk=False)
    # D: no warm-up; the cool-down stopped before its walk ended: no walk at all.
    store.end_session(store.start_session(cool_down_timeline(), "after", T0 + 3 * day),
                      "stopped", 0, T0 + 3 * day)
    store.add_soreness(8, timing="next day", session_id=store.list_sessions(1)[0].id,
                       recorded_at=T0 + 4 * day)
    # E: never rated the next day: not a comparable run.
    run(store, T0 + 4 * day, None)
    cool, warm = overall(store)
    assert cool == ((2, 3.0), (2, 7.0))
    assert warm == ((1, 2.0), (3, 6.0))


def test_the_latest_next_day_rating_counts_and_a_half_done_warm_up_is_done(
    store: Store,
) -> None:
    # 6 of 11 steps (the first 7 of the timeline, one a side switch): 12 ≥ 11, so it
    # counts; it started exactly 4 h before: inside the window.
    play(store, warm_up_timeline(), "before", T0 - 4 * HOUR, done=7)
    session_id = run(store, T0, 9)
    store.add_soreness(3, timing="next day", session_id=session_id,
                       recorded_at=T0 + timedelta(hours=30))
    # A warm-up starting at the same instant as the cool-down is not before it.
    play(store, warm_up_timeline(), "before", T0 + timedelta(days=1))
    run(store, T0 + timedelta(days=1), 5)
    cool, warm = overall(store)
    assert cool == ((2, 4.0), (0, None))
    assert warm == ((1, 3.0), (1, 5.0))


def test_regions_count_only_runs_that_rated_them(store: Store) -> None:
    run(store, T0, 2, regions={"calves": 2, "knees": 0})
    run(store, T0 + timedelta(days=1), 5, walk=False, regions={"calves": 6})
    run(store, T0 + timedelta(days=2), 4, walk=False)
    assert sides(store, "cool-down", "calves") == ((1, 2.0), (1, 6.0))
    assert sides(store, "cool-down", "knees") == ((1, 0.0), (0, None))
    assert sides(store, "cool-down", "hips") == ((0, None), (0, None))
    assert sides(store, "cool-down") == ((1, 2.0), (2, 4.5))


# ------------------------------------------------------------------ all together


def test_a_seeded_year_adds_up_like_the_store_counts(store: Store) -> None:
    start = datetime(2025, 3, 3, 6, 0, tzinfo=UTC)
    seed_sessions(store, 400, start, rng_seed=5)
    now = start + timedelta(days=366)
    insights = insights_for(store, now, UTC)
    first_week = local_midnight(insights.weeks[0].start, UTC)
    assert sum(w.sessions for w in insights.weeks) == store.count_sessions(
        since=first_week, until=now
    )
    after = [s for s in store.list_sessions(None) if s.phase == "after"]
    rated = [s.soreness_next_day for s in after if s.soreness_next_day is not None]
    assert sum(w.next_day_n for w in insights.weeks) <= len(rated)
    done, missed = sides(store, "cool-down")
    assert done[0] + missed[0] == len(rated)
    assert done[0] * (done[1] or 0) + missed[0] * (missed[1] or 0) == pytest.approx(sum(rated))


def test_previews_count_in_no_statistic(store: Store) -> None:
    # A real run with its warm-up and cool-down, rated the next day...
    play(store, warm_up_timeline(), "before", T0 - HOUR)
    run(store, T0, 3)
    before = overall(store)
    with store.snapshot() as conn:
        facts_before = read(conn)
    # ...then the same played as previews at 20x: a warm-up, a cool-down rated the next
    # day with a load. None of it may move a number.
    later = T0 + timedelta(days=3)
    warm = store.start_session(warm_up_timeline(), "before", later - HOUR, speed=20.0)
    store.end_session(warm, "completed", 30.0, later - HOUR)
    cool = store.start_session(cool_down_timeline(), "after", later, speed=20.0)
    store.record_step(cool, cool_down_timeline().steps[0], "done", 300, 300, later)
    store.end_session(cool, "completed", 300.0, later)
    store.add_soreness(9, timing="next day", session_id=cool, recorded_at=later + 24 * HOUR)
    store.add_soreness(9, timing="after", session_id=cool, effort=9, run_minutes=90,
                       recorded_at=later)
    assert overall(store) == before
    with store.snapshot() as conn:
        facts_after = read(conn)
    assert facts_after == facts_before
    assert store.get_session(cool).summary.is_preview
