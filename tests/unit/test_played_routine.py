"""The whole headless chain, engine → owner → recorder → store, on a fake clock.

Each scenario is a runner's keys and waits; the record must hold every visit exactly once,
in order, with its true outcome, and the summary must show the same rows and counts as the
session's page in history.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from coach.play.clock import FakeClock
from coach.play.engine import BACK_GRACE_SECONDS, Status
from coach.routine.durations import StepTime
from coach.routine.timeline import Timeline, TimelineStep
from coach.session.owner import PlayedRoutine
from coach.session.recorder import Recorder
from coach.session.summary import NOT_REACHED, visit_rows
from coach.store import Store
from tests.support.seed import cool_down_timeline

T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


def foot_care() -> Timeline:
    """Two plain steps, then a per-side step with a switch pause, then a last step."""
    def step(index: int, name: str, seconds: int, side: str | None = None,
             switch: bool = False) -> TimelineStep:
        return TimelineStep(index=index, name=name, kind="move", time=StepTime(seconds, seconds),
                            side=side, switch=switch)  # type: ignore[arg-type]

    return Timeline("foot-care", "Foot care", "mixed", (
        step(0, "Toe spreads", 30), step(1, "Toe curls", 30),
        step(2, "Towel scrunches", 40, "left"), step(3, "Switch sides", 5, "right", True),
        step(4, "Towel scrunches", 40, "right"), step(5, "Calf raises", 45),
    ))


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open() as opened:
        yield opened


def play(store: Store, timeline: Timeline, script: list[tuple[str, float]],
         speed: float = 1.0, phase: str | None = None) -> tuple[PlayedRoutine, str]:
    """Start the routine, then for each (key, seconds) wait that long and press it.

    A key of ``""`` only waits. The clock is in routine seconds; at a speed other than 1
    the owner's back grace is real seconds, so ``speed`` routine seconds per real one.
    """
    clock = FakeClock()
    played = PlayedRoutine(timeline, speed=speed, clock=clock, suspended=lambda: 0.0)
    played.attach_recorder(Recorder(store, timeline, phase, lambda: T0, speed))  # type: ignore[arg-type]
    played.command("start")
    for key, seconds in script:
        clock.advance(seconds)
        played.update()
        if key:
            played.command(key)  # type: ignore[arg-type]
    assert played.recorder is not None and played.recorder.session_id is not None
    return played, played.recorder.session_id


def history_rows(store: Store, session_id: str) -> list[tuple[int, str, str]]:
    detail = store.get_session(session_id)
    return [(row.number, row.name, row.outcome)
            for row in visit_rows(detail.timeline, detail.steps)]


def summary_rows(played: PlayedRoutine) -> list[tuple[int, str, str]]:
    return [(row.number, row.name, row.outcome) for row in played.summary().rows()]


GRACE = BACK_GRACE_SECONDS

SCENARIOS = {
    # skip, back within the grace, wait, back again (restart), stop
    "skip, back, back, stop": (
        [("next", 1), ("back", 1), ("", 5), ("back", 0), ("stop", 2)],
        [(1, "Toe spreads", "skipped"), (2, "Toe curls", "went back"),
         (1, "Toe spreads", "restarted"), (1, "Toe spreads", "stopped"),
         (3, "Towel scrunches — left", NOT_REACHED),
         (4, "Towel scrunches — right", NOT_REACHED), (5, "Calf raises", NOT_REACHED)],
        "stopped", 0,
    ),
    "double back from the third step": (
        [("", 60), ("back", 1), ("back", 1), ("stop", 0)],
        [(1, "Toe spreads", "done"), (2, "Toe curls", "done"),
         (3, "Towel scrunches — left", "went back"), (2, "Toe curls", "went back"),
         (1, "Toe spreads", "stopped"), (4, "Towel scrunches — right", NOT_REACHED),
         (5, "Calf raises", NOT_REACHED)],
        "stopped", 2,
    ),
    "extend then run out": (
        [("extend", 10), ("", 300)],
        [(1, "Toe spreads", "extended"), (2, "Toe curls", "done"),
         (3, "Towel scrunches — left", "done"), (4, "Towel scrunches — right", "done"),
         (5, "Calf raises", "done")],
        "completed", 5,
    ),
    "cut short past half": (
        [("next", 20), ("", 300)],
        [(1, "Toe spreads", "cut short"), (2, "Toe curls", "done"),
         (3, "Towel scrunches — left", "done"), (4, "Towel scrunches — right", "done"),
         (5, "Calf raises", "done")],
        "completed", 5,
    ),
    "pause excludes time": (
        [("pause", 10), ("", 500), ("resume", 0), ("stop", 5)],
        [(1, "Toe spreads", "stopped"), (2, "Toe curls", NOT_REACHED),
         (3, "Towel scrunches — left", NOT_REACHED), (4, "Towel scrunches — right", NOT_REACHED),
         (5, "Calf raises", NOT_REACHED)],
        "stopped", 0,
    ),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_visit_is_recorded_once_with_its_outcome(store: Store, name: str) -> None:
    script, expected, status, done = SCENARIOS[name]
    played, session_id = play(store, foot_care(), script)
    assert history_rows(store, session_id) == expected
    assert summary_rows(played) == history_rows(store, session_id)
    stored = store.get_session(session_id).summary
    assert stored.status == status == played.summary().status
    assert stored.steps_done == played.summary().steps_done == done
    assert stored.steps_planned == played.summary().planned_steps == 5


def test_actual_seconds_exclude_pauses(store: Store) -> None:
    _, session_id = play(store, foot_care(), [("pause", 10), ("", 500), ("resume", 0),
                                              ("stop", 5)])
    (visit,) = store.get_session(session_id).steps
    assert (visit.outcome, visit.actual_seconds, visit.planned_seconds) == ("stopped", 15.0, 30.0)


def test_interruption_records_the_step_in_progress(store: Store) -> None:
    played, session_id = play(store, foot_care(), [("", 40)])
    played.interrupt()
    detail = store.get_session(session_id)
    assert [(s.name, s.outcome) for s in detail.steps] == [
        ("Toe spreads", "done"), ("Toe curls", "interrupted"),
    ]
    assert detail.summary.status == "interrupted"
    assert detail.summary.elapsed_seconds == 40.0


def test_the_back_grace_is_real_seconds_at_any_speed(store: Store) -> None:
    # At 5x, 2 real seconds are 10 routine seconds: still within the grace, where at 1x
    # those 10 seconds would be far past it.
    speed = 5.0
    played, session_id = play(store, foot_care(),
                              [("", 30), ("back", (GRACE - 1) * speed), ("stop", 0)], speed=speed)
    outcomes = [s.outcome for s in store.get_session(session_id).steps]
    assert outcomes == ["done", "went back", "stopped"]
    # ...and 4 real seconds are past it: back restarts the step.
    played, session_id = play(store, foot_care(),
                              [("", 30), ("back", (GRACE + 1) * speed), ("stop", 0)], speed=speed)
    outcomes = [s.outcome for s in store.get_session(session_id).steps]
    assert outcomes == ["done", "restarted", "stopped"]


def test_a_preview_keeps_its_speed_and_sleeps_in_real_seconds(store: Store) -> None:
    played, session_id = play(store, foot_care(), [("", 10)], speed=20.0)
    assert played.is_preview
    assert played.sleep_seconds() == pytest.approx(1 / 20)
    summary = store.get_session(session_id).summary
    assert summary.speed == 20.0 and summary.is_preview


def test_a_dialog_holds_the_routine_and_no_resumes_where_it_was(store: Store) -> None:
    clock = FakeClock()
    played = PlayedRoutine(foot_care(), clock=clock, suspended=lambda: 0.0)
    played.command("start")
    clock.advance(10)
    played.hold()
    assert played.state().status is Status.PAUSED
    clock.advance(120)  # the runner hesitates on "Stop this routine?"
    played.release()
    state = played.state()
    assert (state.status, state.index, state.step_elapsed) == (Status.RUNNING, 0, 10.0)


def test_a_dialog_over_a_paused_routine_leaves_it_paused(store: Store) -> None:
    clock = FakeClock()
    played = PlayedRoutine(foot_care(), clock=clock, suspended=lambda: 0.0)
    played.command("start")
    played.command("pause")
    played.hold()
    played.release()
    assert played.state().status is Status.PAUSED


def test_a_late_recorder_gets_every_event_so_far(store: Store) -> None:
    clock = FakeClock()
    timeline = foot_care()
    played = PlayedRoutine(timeline, clock=clock, suspended=lambda: 0.0)
    played.command("start")
    clock.advance(70)
    played.update()  # two steps ended before the history opened
    played.attach_recorder(Recorder(store, timeline, None, lambda: T0))
    played.command("stop")
    assert played.recorder is not None and played.recorder.session_id is not None
    outcomes = [s.outcome for s in store.get_session(played.recorder.session_id).steps]
    assert outcomes == ["done", "done", "stopped"]


def test_a_flexible_walk_finished_counts_as_the_cool_down(store: Store) -> None:
    timeline = cool_down_timeline()
    played, session_id = play(store, timeline, [("done", 301), ("stop", 1)], phase="after")
    rows = history_rows(store, session_id)
    assert rows[0] == (1, "Cool-down walk", "done")
    assert rows == summary_rows(played)


def test_recording_that_starts_late_keeps_the_start_and_every_visit(store: Store) -> None:
    clock = FakeClock()
    played = PlayedRoutine(foot_care(), clock=clock, suspended=lambda: 0.0)
    played.command("start")
    clock.advance(30)
    played.update()  # the first step is over before the history opens
    errors: list[Exception] = []
    played.record_to(store, "after", T0, lambda: T0, errors.append)
    session_id = played.session_to_rate
    assert session_id is not None
    detail = store.get_session(session_id)
    assert detail.summary.started_at == T0
    assert [row.outcome for row in detail.steps] == ["done"]
    assert errors == []


@pytest.mark.parametrize(("phase", "speed"), [("before", 1.0), (None, 1.0), ("after", 4.0)])
def test_only_an_after_run_routine_at_normal_speed_is_rated(
        store: Store, phase: str | None, speed: float) -> None:
    played = PlayedRoutine(foot_care(), speed=speed, clock=FakeClock(), suspended=lambda: 0.0)
    played.record_to(store, phase, T0, lambda: T0, lambda error: None)  # type: ignore[arg-type]
    assert played.session_to_rate is None


def test_a_write_that_fails_is_reported_once_and_the_routine_goes_on(store: Store) -> None:
    clock = FakeClock()
    played = PlayedRoutine(foot_care(), clock=clock, suspended=lambda: 0.0)
    errors: list[Exception] = []
    played.record_to(store, "after", T0, lambda: T0, errors.append)
    store.close()  # the database goes away mid-routine
    played.command("start")
    clock.advance(30)
    played.update()
    assert len(errors) == 1
    assert played.state().status is Status.RUNNING
