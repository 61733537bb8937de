"""Linking a run to its warm-up and cool-down: in both orders (sessions first, or the run
imported days later), within the two-hour windows, to the nearest run only, never for a
preview; and the SQL rule agrees with its Python twin."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.record.judgements import RUN_LINK_WINDOW, run_link
from coach.runs.model import Run
from coach.store import Store
from tests.support import activities as a
from tests.support.seed import cool_down_timeline, warm_up_timeline

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as opened:
        yield opened


def run_at(start: datetime, minutes: float = 50, paused: float = 5) -> Run:
    return Run(start=start, seconds=minutes * 60, elapsed_seconds=(minutes + paused) * 60,
               sport="running", source="fit", distance_m=minutes * 200, effort=6.0)


def add(store: Store, run: Run, key: str) -> str:
    outcome, run_id = store.add_run(run, [key])
    assert outcome == "added" and run_id is not None
    return run_id


def session(store: Store, phase: str, started: datetime, speed: float = 1.0) -> str:
    timeline = warm_up_timeline() if phase == "before" else cool_down_timeline()
    return store.start_session(timeline, phase, started_at=started, speed=speed)  # type: ignore[arg-type]


def test_sessions_first_then_the_run_is_imported(store: Store) -> None:
    warm = session(store, "before", a.START - 20 * MINUTE)
    cool = session(store, "after", a.START + 56 * MINUTE)
    run_id = add(store, run_at(a.START), "sha256:1")  # imported after the fact
    run = store.get_run(run_id)
    assert (run.warm_ups, run.cool_downs, run.sessions) == ((warm,), (cool,), (warm, cool))
    assert store.run_for_session(warm).id == run_id
    assert store.run_for_session(cool).id == run_id


def test_run_first_then_sessions_are_played(store: Store) -> None:
    run_id = add(store, run_at(a.START), "sha256:1")
    assert store.get_run(run_id).sessions == ()
    cool = session(store, "after", a.START + 55 * MINUTE + 30 * MINUTE)
    assert store.get_run(run_id).cool_downs == (cool,)
    found = store.run_for_session(cool)
    assert found.minutes == 50 and found.effort == 6.0  # what pre-fills the soreness form


@pytest.mark.parametrize(("phase", "offset", "linked"), [
    ("before", -RUN_LINK_WINDOW, True),
    ("before", -RUN_LINK_WINDOW - MINUTE, False),
    ("before", timedelta(0), True),
    ("before", MINUTE, False),           # started after the run had begun
    ("after", 55 * MINUTE, True),        # right at the run's end (start + elapsed)
    ("after", 54 * MINUTE, False),       # still running
    ("after", 55 * MINUTE + RUN_LINK_WINDOW, True),
    ("after", 56 * MINUTE + RUN_LINK_WINDOW, False),
    ("before", 60 * MINUTE, False),      # a warm-up after the run is no warm-up for it
    ("after", -10 * MINUTE, False),
])
def test_windows(store: Store, phase: str, offset: timedelta, linked: bool) -> None:
    run_id = add(store, run_at(a.START), "sha256:1")
    session_id = session(store, phase, a.START + offset)
    assert (store.get_run(run_id).sessions == (session_id,)) is linked
    assert (store.run_for_session(session_id) is not None) is linked


def test_previews_never_link(store: Store) -> None:
    run_id = add(store, run_at(a.START), "sha256:1")
    preview = session(store, "after", a.START + HOUR, speed=30.0)
    assert store.get_run(run_id).sessions == ()
    assert store.run_for_session(preview) is None


def test_a_session_belongs_to_the_nearest_run(store: Store) -> None:
    early = add(store, run_at(a.START, minutes=20, paused=0), "sha256:1")
    late = add(store, run_at(a.START + HOUR, minutes=20, paused=0), "sha256:2")
    warm = session(store, "before", a.START - 30 * MINUTE)
    cool = session(store, "after", a.START + 90 * MINUTE)
    assert store.run_for_session(warm).id == early
    assert store.run_for_session(cool).id == late
    runs = {run.id: run for run in store.list_runs()}
    assert runs[early].sessions == (warm,) and runs[late].sessions == (cool,)


def test_deleting_a_session_or_a_run_unlinks(store: Store) -> None:
    run_id = add(store, run_at(a.START), "sha256:1")
    warm = session(store, "before", a.START - 10 * MINUTE)
    store.delete_session(warm)
    assert store.get_run(run_id).sessions == ()
    cool = session(store, "after", a.START + HOUR)
    store.delete_run(run_id)
    assert store.run_for_session(cool) is None


OFFSETS = st.integers(min_value=-4 * 60, max_value=4 * 60).map(lambda m: m * MINUTE)


@given(
    runs=st.lists(st.tuples(OFFSETS, st.integers(1, 120)), min_size=1, max_size=4),
    sessions=st.lists(st.tuples(st.sampled_from(["before", "after"]), OFFSETS,
                                st.sampled_from([1.0, 1.0, 10.0])), min_size=1, max_size=4),
)
def test_sql_and_python_rules_agree(runs: list[tuple[timedelta, int]],
                                    sessions: list[tuple[str, timedelta, float]]) -> None:
    with Store.memory() as store:
        for number, (offset, minutes) in enumerate(runs):
            store.add_run(run_at(a.START + offset, minutes, 0), [f"sha256:{number}"])
        stored = store.list_runs()
        made = [(session(store, phase, a.START + offset, speed), phase, offset, speed)
                for phase, offset, speed in sessions]
        for session_id, phase, offset, speed in made:
            expected = run_link(phase, speed, a.START + offset, stored)
            found = store.run_for_session(session_id)
            assert (found.id if found else None) == (expected[0] if expected else None)
        linked = {session_id for run in store.list_runs() for session_id in run.sessions}
        assert linked == {session_id for session_id, phase, offset, speed in made
                          if run_link(phase, speed, a.START + offset, stored)}
