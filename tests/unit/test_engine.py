"""The engine: every command in every state, and the state it reports.

The helpers here build timelines from hand-made routines and drive the engine with a
:class:`~coach.play.clock.FakeClock`; the other ``test_engine_*`` modules use them too.
Nothing sleeps: time moves only when a test moves the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from coach.play.clock import FakeClock
from coach.play.engine import Engine, Status
from coach.play.events import (
    Countdown,
    EndStatus,
    Event,
    Halfway,
    MinimumReached,
    Paused,
    Resumed,
    RoutineEnded,
    StepEnded,
    StepStarted,
    SwitchSide,
)
from coach.routine.durations import StepTime
from coach.routine.model import Group, Routine, Step
from coach.routine.timeline import Timeline, TotalTime, expand

OPEN = StepTime(0, None)
START = 1000.0


def fixed(seconds: int) -> StepTime:
    return StepTime(seconds, seconds)


def step(
    name: str,
    time: StepTime | int = 10,
    *,
    sides: bool = False,
    countdown: int | None = None,
) -> Step:
    if isinstance(time, int):
        time = fixed(time)
    return Step(name=name, kind="move", time=time, sides=sides, countdown=countdown)


def timeline(*entries: Step | Group, switch: int = 5, countdown: int = 3) -> Timeline:
    routine = Routine(
        id="test",
        name="Test",
        kind="mixed",
        summary="",
        steps=tuple(entries),
        countdown=countdown,
        switch=switch,
    )
    return expand(routine)


def make(
    *entries: Step | Group,
    switch: int = 5,
    countdown: int = 3,
    start: bool = True,
    suspended: Callable[[], float] | None = None,
    at: float = START,
) -> tuple[Engine, FakeClock]:
    clock = FakeClock(at)
    engine = Engine(
        timeline(*entries, switch=switch, countdown=countdown), clock, suspended=suspended
    )
    if start:
        engine.start()
    return engine, clock


def run(engine: Engine, clock: FakeClock, seconds: float) -> list[Event]:
    clock.advance(seconds)
    return engine.update()


def sig(events: Sequence[Event]) -> list[tuple[Any, ...]]:
    """Events as short tuples, so a test can spell out exactly what it expects."""
    out: list[tuple[Any, ...]] = []
    for event in events:
        match event:
            case StepStarted(step=s):
                out.append(("started", s.title))
            case StepEnded(step=s, outcome=o, planned_seconds=p, actual_seconds=a):
                out.append(("ended", s.title, o.value, p, a))
            case Countdown(step=s, seconds_left=n):
                out.append(("tick", s.title, n))
            case Halfway(step=s):
                out.append(("halfway", s.title))
            case MinimumReached(step=s):
                out.append(("minimum", s.title))
            case SwitchSide(step=s, side=side):
                out.append(("switch", s.title, side))
            case Paused(asleep_seconds=slept):
                out.append(("paused", slept))
            case Resumed():
                out.append(("resumed",))
            case RoutineEnded(status=st, elapsed_seconds=e):
                out.append(("routine ended", st.value, e))
    return out


# ----------------------------------------------------------------- commands by state

COMMANDS: dict[str, Callable[[Engine], list[Event]]] = {
    "start": lambda e: e.start(),
    "pause": lambda e: e.pause(),
    "resume": lambda e: e.resume(),
    "toggle_pause": lambda e: e.toggle_pause(),
    "next": lambda e: e.next(),
    "back": lambda e: e.back(),
    "extend": lambda e: e.extend(),
    "done": lambda e: e.done(),
    "stop": lambda e: e.stop(),
    "update": lambda e: e.update(),
}


def engine_in(state: str, first: StepTime | int = 10) -> tuple[Engine, FakeClock]:
    """An engine on a two-step routine ("A", then a 10 s "B") in the given state."""
    engine, clock = make(step("A", first), step("B", 10), start=False)
    if state == "ready":
        clock.advance(5)
        return engine, clock
    engine.start()
    run(engine, clock, 4)
    if state == "paused":
        engine.pause()
        clock.advance(7)
    elif state == "finished":
        engine.stop()
        clock.advance(5)
    return engine, clock


IGNORED = [
    *[("ready", name) for name in COMMANDS if name != "start"],
    ("running", "start"),
    ("running", "resume"),
    ("running", "done"),
    ("paused", "start"),
    ("paused", "pause"),
    ("paused", "done"),
    ("paused", "update"),
    *[("finished", name) for name in COMMANDS],
]


@pytest.mark.parametrize(("state", "command"), IGNORED)
def test_commands_that_make_no_sense_return_nothing_and_change_nothing(
    state: str, command: str
) -> None:
    engine, _ = engine_in(state)
    before = engine.state()
    wait = engine.seconds_to_next_change()
    assert COMMANDS[command](engine) == []
    assert engine.state() == before
    assert engine.seconds_to_next_change() == wait


@pytest.mark.parametrize("state", ["running", "paused"])
def test_extend_is_ignored_on_an_open_step(state: str) -> None:
    engine, _ = engine_in(state, first=OPEN)
    before = engine.state()
    assert engine.extend() == []
    assert engine.state() == before
    assert engine.state().added_seconds == 0


def test_start_begins_the_first_step() -> None:
    engine, _ = engine_in("ready")
    assert engine.status is Status.READY
    assert engine.seconds_to_next_change() is None
    assert sig(engine.start()) == [("started", "A")]
    state = engine.state()
    assert (state.status, state.index, state.step_elapsed) == (Status.RUNNING, 0, 0.0)
    assert state.shown_seconds == 10
    assert state.next_step is not None and state.next_step.name == "B"
    assert engine.seconds_to_next_change() == 1.0


def test_time_before_the_start_does_not_count() -> None:
    engine, clock = engine_in("ready")
    engine.start()
    run(engine, clock, 3)
    assert engine.state().step_elapsed == 3.0
    assert engine.state().routine_elapsed == 3.0


def test_pause_freezes_the_step() -> None:
    engine, clock = engine_in("running")
    assert sig(engine.pause()) == [("paused", 0.0)]
    assert engine.status is Status.PAUSED
    assert engine.seconds_to_next_change() is None
    clock.advance(50)
    state = engine.state()
    assert (state.step_elapsed, state.routine_elapsed, state.step_remaining) == (4.0, 4.0, 6.0)


def test_resume_goes_on_from_where_it_paused() -> None:
    engine, clock = engine_in("paused")
    assert sig(engine.resume()) == [("resumed",)]
    assert engine.status is Status.RUNNING
    run(engine, clock, 2)
    assert engine.state().step_elapsed == 6.0


def test_toggle_pause_pauses_then_resumes() -> None:
    engine, clock = engine_in("running")
    assert sig(engine.toggle_pause()) == [("paused", 0.0)]
    clock.advance(30)
    assert sig(engine.toggle_pause()) == [("resumed",)]
    run(engine, clock, 1)
    assert engine.state().step_elapsed == 5.0


KEEPS = [("running", Status.RUNNING), ("paused", Status.PAUSED)]


@pytest.mark.parametrize(("state", "status"), KEEPS)
def test_next_leaves_the_step_and_keeps_running_or_paused(state: str, status: Status) -> None:
    engine, _ = engine_in(state)
    assert sig(engine.next()) == [("ended", "A", "skipped", 10.0, 4.0), ("started", "B")]
    after = engine.state()
    assert (after.status, after.index, after.step_elapsed, after.routine_elapsed) == (
        status,
        1,
        0.0,
        4.0,
    )


@pytest.mark.parametrize(("state", "status"), KEEPS)
def test_back_after_the_grace_restarts_the_step(state: str, status: Status) -> None:
    engine, _ = engine_in(state)
    assert sig(engine.back()) == [("ended", "A", "restarted", 10.0, 4.0), ("started", "A")]
    after = engine.state()
    assert (after.status, after.index, after.step_elapsed) == (status, 0, 0.0)
    assert after.shown_seconds == 10
    assert after.routine_elapsed == 4.0


@pytest.mark.parametrize("state", ["running", "paused"])
def test_extend_adds_thirty_seconds(state: str) -> None:
    engine, _ = engine_in(state)
    assert engine.extend() == []
    after = engine.state()
    assert (after.added_seconds, after.step_limit, after.step_remaining) == (30, 40.0, 36.0)
    assert engine.status is (Status.RUNNING if state == "running" else Status.PAUSED)


@pytest.mark.parametrize("state", ["running", "paused"])
def test_done_finishes_an_open_step(state: str) -> None:
    engine, _ = engine_in(state, first=OPEN)
    assert sig(engine.done()) == [("ended", "A", "done", 0.0, 4.0), ("started", "B")]
    assert engine.state().index == 1


@pytest.mark.parametrize("state", ["running", "paused"])
def test_stop_ends_the_step_and_the_routine(state: str) -> None:
    engine, clock = engine_in(state)
    assert sig(engine.stop()) == [
        ("ended", "A", "stopped", 10.0, 4.0),
        ("routine ended", "stopped", 4.0),
    ]
    assert engine.status is Status.FINISHED
    assert engine.state().end_status is EndStatus.STOPPED
    assert engine.seconds_to_next_change() is None
    assert run(engine, clock, 100) == []
    assert engine.state().routine_elapsed == 4.0


def test_an_empty_timeline_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one step"):
        Engine(timeline(), FakeClock())


# ----------------------------------------------------------------- completing


def test_completing_reports_exactly_the_planned_total() -> None:
    engine, clock = make(
        step("Walk", 90),
        step("Calf", 30, sides=True),
        Group("Strides", 2, (step("Stride", 20), step("Walk back", 40))),
        step("Cool", StepTime(5, 8)),
    )
    planned = engine.timeline.total
    assert (planned.minimum, planned.maximum) == (90 + 65 + 120 + 5, 90 + 65 + 120 + 8)
    events: list[Event] = []
    for _ in range(1000):
        events += run(engine, clock, 0.7)
        if engine.status is Status.FINISHED:
            break
    ended = [e for e in events if isinstance(e, RoutineEnded)]
    assert ended == [RoutineEnded(EndStatus.COMPLETED, float(planned.maximum))]
    assert all(e.outcome.value == "done" for e in events if isinstance(e, StepEnded))
    assert [e.step.index for e in events if isinstance(e, StepEnded)] == list(range(9))
    assert engine.state().end_status is EndStatus.COMPLETED
    assert engine.state().routine_elapsed == planned.maximum


def test_next_on_the_last_step_completes_the_routine() -> None:
    engine, clock = make(step("A", 10), step("B", 10))
    run(engine, clock, 10)
    run(engine, clock, 6)
    assert sig(engine.next()) == [
        ("ended", "B", "cut short", 10.0, 6.0),
        ("routine ended", "completed", 16.0),
    ]


# ----------------------------------------------------------------- reported state


def test_state_of_a_fixed_step() -> None:
    engine, clock = make(step("A", 40), step("B", 20), step("C", OPEN))
    run(engine, clock, 10)
    state = engine.state()
    assert state.step_remaining == 30.0
    assert state.shown_seconds == 30
    assert state.step_progress == 0.25
    assert not state.can_finish
    assert (state.step_limit, state.step_minimum) == (40.0, 40.0)
    assert state.remaining_after == TotalTime(20, 20, 1)
    assert state.routine_remaining == TotalTime(50, 50, 1)
    run(engine, clock, 0.5)
    assert engine.state().shown_seconds == 30
    assert engine.seconds_to_next_change() == 0.5


def test_progress_never_passes_one() -> None:
    engine, clock = make(step("A", StepTime(10, 20)))
    run(engine, clock, 15)
    assert engine.state().step_progress == 0.5  # past the minimum: toward the end
    engine.extend()
    run(engine, clock, 30)
    assert 0.0 <= engine.state().step_progress <= 1.0


@pytest.mark.parametrize(
    ("total", "text"),
    [
        (TotalTime(540, 540, 0), "9 min"),
        (TotalTime(530, 540, 0), "8 min 50 s–9 min"),
        (TotalTime(720, 1020, 0), "12–17 min"),
        (TotalTime(600, 600, 1), "10 min + open"),
        (TotalTime(0, 0, 2), "open"),
        (TotalTime(45, 45, 0), "45 s"),
    ],
)
def test_describe_total(total: TotalTime, text: str) -> None:
    assert total.friendly() == text
