"""Time in the engine: cues at the right moment, no drift, no skipped or repeated seconds,
and a computer that sleeps does not count as exercise."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from coach.play.clock import FakeClock, ScaledClock, SuspendWatch
from coach.play.engine import Engine, Status
from coach.play.events import (
    Countdown,
    EndStatus,
    Event,
    Halfway,
    MinimumReached,
    Paused,
    RoutineEnded,
    StepEnded,
    StepStarted,
)
from coach.routine.durations import StepTime
from coach.routine.model import Group
from tests.unit.test_engine import OPEN, make, run, sig, step, timeline


def ticks_by_elapsed(
    engine: Engine, clock: FakeClock, seconds: float, every: float
) -> list[tuple[float, int]]:
    """(step elapsed, seconds left) for each countdown tick, moving the clock in small steps."""
    seen = []
    for _ in range(round(seconds / every)):
        for event in run(engine, clock, every):
            if isinstance(event, Countdown):
                seen.append((engine.state().step_elapsed, event.seconds_left))
    return seen


# ----------------------------------------------------------------- countdown


def test_countdown_ticks_at_three_two_one_seconds_left_and_not_at_zero() -> None:
    engine, clock = make(step("A", 10), step("B", 30))
    assert ticks_by_elapsed(engine, clock, 10.75, 0.25) == [(7.0, 3), (8.0, 2), (9.0, 1)]
    assert engine.state().index == 1


def test_a_step_can_ask_for_more_countdown_ticks() -> None:
    engine, clock = make(step("A", 10, countdown=5), step("B", 30))
    assert [n for _, n in ticks_by_elapsed(engine, clock, 10, 0.5)] == [5, 4, 3, 2, 1]


@pytest.mark.parametrize("where", ["routine", "step"])
def test_no_countdown_ticks_when_countdown_is_zero(where: str) -> None:
    if where == "routine":
        engine, clock = make(step("A", 10), step("B", 30), countdown=0)
    else:
        engine, clock = make(step("A", 10, countdown=0), step("B", 30))
    assert ticks_by_elapsed(engine, clock, 10, 0.5) == []


def test_the_switch_step_has_no_countdown() -> None:
    engine, clock = make(step("Calf", 30, sides=True), switch=5)
    run(engine, clock, 30)
    assert ticks_by_elapsed(engine, clock, 5, 0.5) == []


def test_a_step_shorter_than_the_countdown_ticks_from_its_start() -> None:
    engine, clock = make(step("A", 2), step("B", 3), step("C", 10), start=False)
    assert sig(engine.start()) == [("started", "A"), ("tick", "A", 2)]
    assert engine.update() == []
    assert sig(run(engine, clock, 1)) == [("tick", "A", 1)]
    assert sig(run(engine, clock, 1)) == [
        ("ended", "A", "done", 2.0, 2.0),
        ("started", "B"),
        ("tick", "B", 3),
    ]


@pytest.mark.parametrize("command", ["start", "next", "back", "resume"])
def test_a_command_that_enters_a_short_step_gives_its_first_tick(command: str) -> None:
    """The UI sleeps a whole second after a command: a tick due now must come with it."""
    engine, clock = make(step("A", 3), step("B", 3), step("C", 10), start=False)
    expected: list[tuple[object, ...]]
    if command == "start":
        events = engine.start()
        expected = [("started", "A"), ("tick", "A", 3)]
    elif command == "next":
        engine.start()
        events = engine.next()
        expected = [("ended", "A", "skipped", 3.0, 0.0), ("started", "B"), ("tick", "B", 3)]
    elif command == "back":
        engine.start()
        run(engine, clock, 3.5)
        events = engine.back()
        expected = [("ended", "B", "went back", 3.0, 0.5), ("started", "A"), ("tick", "A", 3)]
    else:
        engine.start()
        engine.pause()
        engine.next()
        clock.advance(20)
        events = engine.resume()
        expected = [("resumed",), ("tick", "B", 3)]
    assert sig(events) == expected


def test_resuming_does_not_repeat_a_tick() -> None:
    engine, clock = make(step("A", 10))
    run(engine, clock, 7.5)
    engine.pause()
    clock.advance(10)
    assert sig(engine.resume()) == [("resumed",)]
    assert sig(run(engine, clock, 0.5)) == [("tick", "A", 2)]


# ----------------------------------------------------------------- halfway


@pytest.mark.parametrize(("time", "halfway_at"), [(20, 10.0), (60, 30.0), (25, 13.0)])
def test_halfway_on_fixed_steps_of_twenty_seconds_or_more(time: int, halfway_at: float) -> None:
    engine, clock = make(step("A", time), step("B", 5))
    seen = []
    for _ in range(time * 4 - 1):
        for event in run(engine, clock, 0.25):
            if isinstance(event, Halfway):
                seen.append(engine.state().step_elapsed)
    assert seen == [halfway_at]


@pytest.mark.parametrize("time", [StepTime(19, 19), StepTime(20, 40), OPEN])
def test_no_halfway_on_short_flexible_or_open_steps(time: StepTime) -> None:
    engine, clock = make(step("A", time), step("B", 5))
    seen: list[str] = []
    for _ in range(60):
        seen += [type(e).__name__ for e in run(engine, clock, 1)]
    assert "Halfway" not in seen
    assert ("StepEnded" in seen) is (time.maximum is not None)


# ----------------------------------------------------------------- late updates and drift


def test_a_late_update_plays_every_passed_step_in_order_without_stale_cues() -> None:
    engine, clock = make(step("A", 30), step("B", 20), step("C", 40), step("D", 8))
    run(engine, clock, 0.5)
    assert sig(run(engine, clock, 94.5)) == [
        ("ended", "A", "done", 30.0, 30.0),
        ("started", "B"),
        ("ended", "B", "done", 20.0, 20.0),
        ("started", "C"),
        ("ended", "C", "done", 40.0, 40.0),
        ("started", "D"),
        ("tick", "D", 3),
    ]
    state = engine.state()
    assert (state.index, state.step_elapsed, state.step_remaining) == (3, 5.0, 3.0)
    assert state.routine_elapsed == 95.0
    assert engine.seconds_to_next_change() == 1.0
    assert sig(run(engine, clock, 3)) == [
        ("ended", "D", "done", 8.0, 8.0),
        ("routine ended", "completed", 98.0),
    ]


def test_a_step_starts_when_the_previous_was_due_not_when_noticed() -> None:
    engine, clock = make(step("A", 10), step("B", 10), step("C", 10))
    run(engine, clock, 10.9)
    assert engine.state().step_elapsed == pytest.approx(0.9)
    run(engine, clock, 9.5)
    state = engine.state()
    assert state.index == 2
    assert state.step_elapsed == pytest.approx(0.4)
    assert state.routine_elapsed == pytest.approx(20.4)


def test_five_hundred_steps_with_jittered_updates_end_exactly_on_plan() -> None:
    engine, clock = make(Group("Pairs", 250, (step("Up", 1), step("Down", 1))), at=12345.678)
    t0 = clock.now
    rng = random.Random(20240611)
    events: list[Event] = []
    while engine.status is Status.RUNNING:
        events += run(engine, clock, rng.uniform(0.001, 2.5))
        if engine.status is Status.RUNNING:
            assert engine.state().routine_elapsed == pytest.approx(clock.now - t0, abs=1e-6)
    ended = [e for e in events if isinstance(e, StepEnded)]
    assert len(ended) == 500
    assert [e.step.index for e in ended] == list(range(500))
    assert {(e.outcome.value, e.actual_seconds) for e in ended} == {("done", 1.0)}
    assert sum(isinstance(e, StepStarted) for e in events) == 499
    assert events[-1] == RoutineEnded(EndStatus.COMPLETED, 500.0)


def walk(
    engine: Engine, clock: FakeClock, off: float = 0.0
) -> tuple[dict[int, list[int]], list[tuple[str, int]]]:
    """Sleep as long as the engine asks (``off`` seconds more, or less when negative), and
    note the seconds shown at each wake-up and the cues that came with them."""
    shown: dict[int, list[int]] = defaultdict(list)
    cues: list[tuple[str, int]] = []
    state = engine.state()
    shown[state.index].append(state.shown_seconds)
    for _ in range(10_000):
        wait = engine.seconds_to_next_change()
        if wait is None:
            break
        clock.advance(max(0.0, wait + off))
        events = engine.update()
        if engine.status is Status.FINISHED:
            break
        state = engine.state()
        shown[state.index].append(state.shown_seconds)
        cues += [
            (type(e).__name__, state.shown_seconds)
            for e in events
            if isinstance(e, Halfway | MinimumReached)
        ]
    return dict(shown), cues


@pytest.mark.parametrize("at", [1000.0, 1000.1, 987654.321, 0.3, 31_536_000.7, 1.7e9 + 0.3])
@pytest.mark.parametrize("pause_after", [None, 3.37, 14.01])
@pytest.mark.parametrize("off", [0.0, -4e-7, 3e-4], ids=["exact", "early", "late"])
def test_shown_seconds_never_skip_or_repeat(
    at: float, pause_after: float | None, off: float
) -> None:
    engine, clock = make(
        step("A", 10), step("B", StepTime(5, 8)), step("C", 25), step("D", 1), at=at
    )
    if pause_after is not None:
        run(engine, clock, pause_after)
        engine.pause()
        clock.advance(77.7)
        engine.resume()
    begin = engine.state()
    shown, cues = walk(engine, clock, off)
    assert engine.status is Status.FINISHED
    # "B" (5 to 8 s) counts to its minimum, then the 3 s left to its end.
    planned = {0: [10], 1: [5, 3], 2: [25], 3: [1]}
    expected = {i: [n for top in planned[i] for n in range(top, 0, -1)]
                for i in planned if i >= begin.index}
    first = expected[begin.index]
    expected[begin.index] = first[first.index(begin.shown_seconds):]
    assert begin.shown_seconds == {None: 10, 3.37: 7, 14.01: 1}[pause_after]
    assert shown == expected
    # Cues come with the wake-up of their second: the minimum of "B" (5 of 8 s) when it
    # shows 3, the halfway of "C" (25 s) when it shows 12.
    assert cues == [("MinimumReached", 3), ("Halfway", 12)]


def test_minimum_reached_comes_with_the_second_it_belongs_to() -> None:
    engine, clock = make(step("A", 3), step("B", StepTime(5, 8)), at=1000.1)
    run(engine, clock, 1.37)
    engine.pause()
    engine.resume()
    seen = []
    while engine.status is Status.RUNNING:
        clock.advance(engine.seconds_to_next_change() or 0.0)
        for event in engine.update():
            if isinstance(event, MinimumReached):
                seen.append(engine.state().shown_seconds)
    assert seen == [3]


def test_an_open_step_counts_up_one_second_at_a_time() -> None:
    engine, clock = make(step("Ready?", OPEN), at=1000.1)
    run(engine, clock, 0.37)
    engine.pause()
    engine.resume()
    seen = [engine.state().shown_seconds]
    for _ in range(12):
        clock.advance(engine.seconds_to_next_change() or 0.0)
        engine.update()
        seen.append(engine.state().shown_seconds)
    assert seen == list(range(13))


# ----------------------------------------------------------------- sleep


class Sleeps:
    """A ``suspended`` callable: reports the sleep it was told about, once."""

    def __init__(self) -> None:
        self.pending = 0.0

    def __call__(self) -> float:
        gap, self.pending = self.pending, 0.0
        return gap


@pytest.mark.parametrize("clock_ran", [True, False])
def test_a_sleep_pauses_the_routine_when_it_began(clock_ran: bool) -> None:
    sleeps = Sleeps()
    engine, clock = make(step("A", 60), step("B", 10), suspended=sleeps)
    run(engine, clock, 10)
    sleeps.pending = 600.0
    events = run(engine, clock, 600.0 if clock_ran else 0.0)
    assert len(events) == 1 and isinstance(events[0], Paused)
    assert events[0].asleep_seconds > 0
    assert events[0].asleep_seconds == 600.0
    assert engine.status is Status.PAUSED
    assert engine.state().step_elapsed == 10.0
    clock.advance(30)
    engine.resume()
    run(engine, clock, 5)
    assert engine.state().routine_elapsed == 15.0


def test_a_sleep_that_began_in_an_earlier_step_pauses_there() -> None:
    sleeps = Sleeps()
    engine, clock = make(step("A", 5), step("B", 60), suspended=sleeps)
    run(engine, clock, 4)
    sleeps.pending = 600.0
    events = sig(run(engine, clock, 602))
    assert events[:2] == [("ended", "A", "done", 5.0, 5.0), ("started", "B")]
    assert events[2][0] == "paused"
    assert engine.state().step_elapsed == 1.0
    assert engine.state().routine_elapsed == 6.0


def test_a_sleep_while_paused_does_not_pause_again_after_resume() -> None:
    sleeps = Sleeps()
    engine, clock = make(step("A", 60), suspended=sleeps)
    run(engine, clock, 10)
    engine.pause()
    sleeps.pending = 600.0
    clock.advance(600)
    assert sig(engine.resume()) == [("resumed",)]
    assert run(engine, clock, 1) == []
    assert engine.status is Status.RUNNING
    assert engine.state().step_elapsed == 11.0


def test_a_sleep_before_the_start_costs_nothing() -> None:
    sleeps = Sleeps()
    engine, clock = make(step("A", 60), suspended=sleeps, start=False)
    sleeps.pending = 3600.0
    engine.start()
    assert run(engine, clock, 1) == []
    assert engine.status is Status.RUNNING


def test_a_suspend_watch_drives_the_engine() -> None:
    monotonic, boottime = FakeClock(50.0), FakeClock(80.0)
    watch = SuspendWatch(monotonic=monotonic, reference=boottime)

    def both(seconds: float) -> None:
        monotonic.advance(seconds)
        boottime.advance(seconds)

    engine = Engine(timeline(step("A", 60)), monotonic, suspended=watch.check)
    engine.start()
    both(20)
    assert engine.update() == []
    boottime.advance(900)
    both(0.2)
    events = engine.update()
    assert [type(e) for e in events] == [Paused]
    assert events[0].asleep_seconds == pytest.approx(15 * 60)  # type: ignore[union-attr]
    assert engine.state().step_elapsed == 20.0


def test_the_engine_runs_on_a_scaled_clock() -> None:
    base = FakeClock(100.0)
    engine = Engine(timeline(step("A", 60), step("B", 40)), ScaledClock(30, base=base))
    engine.start()
    base.advance(2.5)
    assert sig(engine.update()) == [
        ("ended", "A", "done", 60.0, 60.0),
        ("started", "B"),
    ]
    assert engine.state().step_elapsed == pytest.approx(15.0)
