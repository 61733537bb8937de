"""The engine on each kind of step: per side, repeated, flexible, open; and what the
runner's commands (pause, extend, next, back, stop) do to them."""

from __future__ import annotations

import pytest

from coach.play.clock import FakeClock
from coach.play.engine import BACK_GRACE_SECONDS, Engine, Status
from coach.play.events import Event
from coach.routine.durations import StepTime
from coach.routine.model import Group
from coach.routine.timeline import TotalTime
from tests.unit.test_engine import OPEN, make, run, sig, step, timeline

# ----------------------------------------------------------------- per side


def test_a_per_side_step_is_left_then_switch_then_right() -> None:
    steps = timeline(step("Calf", 30, sides=True), switch=5).steps
    assert [(s.title, s.side, s.switch, s.time.maximum) for s in steps] == [
        ("Calf — left", "left", False, 30),
        ("Switch sides", "right", True, 5),
        ("Calf — right", "right", False, 30),
    ]
    assert steps[1].countdown == 0


def test_switch_side_is_announced_when_the_switch_begins() -> None:
    engine, clock = make(step("Calf", 30, sides=True), step("After", 10), switch=5)
    assert sig(run(engine, clock, 30)) == [
        ("ended", "Calf — left", "done", 30.0, 30.0),
        ("started", "Switch sides"),
        ("switch", "Switch sides", "right"),
    ]
    assert sig(run(engine, clock, 5)) == [
        ("ended", "Switch sides", "done", 5.0, 5.0),
        ("started", "Calf — right"),
    ]
    assert sig(run(engine, clock, 30)) == [
        ("ended", "Calf — right", "done", 30.0, 30.0),
        ("started", "After"),
    ]


def test_with_no_switch_time_the_switch_comes_with_the_right_hold() -> None:
    engine, clock = make(step("Calf", 30, sides=True), switch=0)
    assert [s.title for s in engine.timeline] == ["Calf — left", "Calf — right"]
    assert sig(run(engine, clock, 30)) == [
        ("ended", "Calf — left", "done", 30.0, 30.0),
        ("started", "Calf — right"),
        ("switch", "Calf — right", "right"),
    ]


def test_skipping_the_left_hold_still_announces_the_switch() -> None:
    engine, _ = make(step("Calf", 30, sides=True), switch=0)
    assert sig(engine.next()) == [
        ("ended", "Calf — left", "skipped", 30.0, 0.0),
        ("started", "Calf — right"),
        ("switch", "Calf — right", "right"),
    ]


# ----------------------------------------------------------------- repeats


def test_a_repeated_group_is_unrolled_with_round_labels() -> None:
    engine, clock = make(Group("Strides", 3, (step("Stride", 20), step("Walk back", 40))))
    steps = engine.timeline.steps
    assert [(s.name, s.round_label, s.group) for s in steps] == [
        ("Stride", "round 1 of 3", "Strides"),
        ("Walk back", "round 1 of 3", "Strides"),
        ("Stride", "round 2 of 3", "Strides"),
        ("Walk back", "round 2 of 3", "Strides"),
        ("Stride", "round 3 of 3", "Strides"),
        ("Walk back", "round 3 of 3", "Strides"),
    ]
    run(engine, clock, 60 + 20 + 5)
    state = engine.state()
    assert (state.index, state.step.round_label, state.step_elapsed) == (3, "round 2 of 3", 5.0)
    assert state.remaining_after == TotalTime(60, 60, 0)


# ----------------------------------------------------------------- flexible


def flexible_engine() -> tuple[Engine, FakeClock]:
    return make(step("Walk", 60), step("Cool", StepTime(300, 600)), step("Stretch", 30))


def test_routine_remaining_is_a_range_while_a_flexible_step_is_ahead() -> None:
    engine, clock = flexible_engine()
    assert engine.state().routine_remaining == TotalTime(60 + 300 + 30, 60 + 600 + 30, 0)
    run(engine, clock, 20)
    assert engine.state().routine_remaining == TotalTime(40 + 300 + 30, 40 + 600 + 30, 0)


def test_routine_remaining_is_a_range_while_a_flexible_step_runs() -> None:
    engine, clock = flexible_engine()
    run(engine, clock, 60 + 100)
    state = engine.state()
    assert state.step.name == "Cool"
    assert state.routine_remaining == TotalTime(200 + 30, 500 + 30, 0)
    # Before the minimum, the digits count to it, and the bar fills toward it.
    assert (state.step_minimum, state.step_limit, state.shown_seconds) == (300.0, 600.0, 200)
    assert state.step_progress == pytest.approx(100 / 300)
    run(engine, clock, 250)
    assert engine.state().routine_remaining == TotalTime(30, 250 + 30, 0)


def test_a_flexible_step_may_be_finished_from_its_minimum() -> None:
    engine, clock = flexible_engine()
    run(engine, clock, 60 + 299)
    assert not engine.state().can_finish
    assert engine.done() == []
    assert engine.state().step.name == "Cool"
    assert sig(run(engine, clock, 1)) == [("minimum", "Cool")]
    assert engine.state().can_finish
    # From the minimum on, the digits count the time left to the end, and the bar fills
    # again toward it.
    assert (engine.state().shown_seconds, engine.state().step_progress) == (300, 0.0)
    assert run(engine, clock, 30) == []
    assert engine.state().shown_seconds == 270
    assert engine.state().step_progress == pytest.approx(30 / 300)
    assert sig(engine.done()) == [("ended", "Cool", "done", 300.0, 330.0), ("started", "Stretch")]


def test_a_flexible_step_ends_by_itself_at_its_maximum() -> None:
    engine, clock = flexible_engine()
    run(engine, clock, 60)
    events: list[Event] = []
    for _ in range(600):
        events += run(engine, clock, 1)
    assert sig(events) == [
        ("minimum", "Cool"),
        ("tick", "Cool", 3),
        ("tick", "Cool", 2),
        ("tick", "Cool", 1),
        ("ended", "Cool", "done", 300.0, 600.0),
        ("started", "Stretch"),
    ]


def test_next_on_a_flexible_step_past_its_minimum_counts_as_done() -> None:
    engine, clock = flexible_engine()
    run(engine, clock, 60 + 400)
    assert sig(engine.next()) == [("ended", "Cool", "done", 300.0, 400.0), ("started", "Stretch")]


def test_extending_a_flexible_step_moves_its_maximum_only() -> None:
    engine, clock = flexible_engine()
    run(engine, clock, 60 + 10)
    engine.extend()
    state = engine.state()
    assert (state.step_minimum, state.step_limit) == (300.0, 630.0)
    run(engine, clock, 619.5)
    assert engine.state().shown_seconds == 1
    assert sig(run(engine, clock, 0.5)) == [
        ("ended", "Cool", "extended", 300.0, 630.0),
        ("started", "Stretch"),
    ]


# ----------------------------------------------------------------- open


def test_an_open_step_counts_up_until_done() -> None:
    engine, clock = make(step("Ready?", OPEN), step("Stretch", 30))
    state = engine.state()
    assert (state.step_remaining, state.step_limit, state.shown_seconds) == (None, None, 0)
    assert state.can_finish
    assert state.routine_remaining == TotalTime(30, 30, 1)
    assert run(engine, clock, 1000.4) == []
    state = engine.state()
    assert (state.shown_seconds, state.step_progress, state.index) == (1000, 0.0, 0)
    assert engine.seconds_to_next_change() == pytest.approx(0.6)
    assert engine.extend() == []
    assert engine.state().added_seconds == 0
    assert sig(engine.done()) == [
        ("ended", "Ready?", "done", 0.0, pytest.approx(1000.4)),
        ("started", "Stretch"),
    ]


def test_next_finishes_an_open_step() -> None:
    engine, clock = make(step("Ready?", OPEN), step("Stretch", 30))
    run(engine, clock, 2)
    assert sig(engine.next()) == [("ended", "Ready?", "done", 0.0, 2.0), ("started", "Stretch")]


# ----------------------------------------------------------------- pause


def test_a_pause_across_a_step_boundary_keeps_the_last_second() -> None:
    engine, clock = make(step("A", 10), step("B", 10), countdown=0)
    run(engine, clock, 9)
    assert sig(engine.pause()) == [("paused", 0.0)]
    assert run(engine, clock, 100) == []
    state = engine.state()
    assert (state.index, state.step_remaining, state.routine_elapsed) == (0, 1.0, 9.0)
    assert sig(engine.resume()) == [("resumed",)]
    assert engine.seconds_to_next_change() == 1.0
    assert run(engine, clock, 0.999) == []
    assert sig(run(engine, clock, 0.001)) == [
        ("ended", "A", "done", 10.0, pytest.approx(10.0)),
        ("started", "B"),
    ]
    run(engine, clock, 4)
    assert engine.state().routine_elapsed == pytest.approx(14.0)


def test_pausing_twice_excludes_both_pauses() -> None:
    engine, clock = make(step("A", 60))
    for _ in range(2):
        run(engine, clock, 10)
        engine.pause()
        clock.advance(300)
        engine.resume()
    run(engine, clock, 10)
    assert engine.state().step_elapsed == 30.0
    assert engine.state().routine_elapsed == 30.0


# ----------------------------------------------------------------- extend


def test_extend_moves_the_end_and_the_countdown_fires_again() -> None:
    engine, clock = make(step("A", 20), step("B", 10))
    run(engine, clock, 17)
    assert sig(run(engine, clock, 1)) == [("tick", "A", 2)]
    assert engine.extend() == []
    assert engine.state().shown_seconds == 32
    events: list[Event] = []
    for _ in range(32):
        events += run(engine, clock, 1)
    assert sig(events) == [
        ("tick", "A", 3),
        ("tick", "A", 2),
        ("tick", "A", 1),
        ("ended", "A", "extended", 50.0, 50.0),  # the time added is the visit's plan
        ("started", "B"),
    ]


def test_extend_twice_adds_up() -> None:
    engine, _ = make(step("A", 20))
    engine.extend()
    engine.extend(15)
    assert engine.state().added_seconds == 45
    assert engine.state().step_limit == 65.0


def test_added_time_does_not_carry_over_to_the_next_step() -> None:
    engine, clock = make(step("A", 20), step("B", 10))
    engine.extend()
    run(engine, clock, 50)
    state = engine.state()
    assert (state.index, state.added_seconds, state.step_limit) == (1, 0, 10.0)


# ----------------------------------------------------------------- next


@pytest.mark.parametrize(
    ("elapsed", "outcome"),
    [(0, "skipped"), (9.9, "skipped"), (10, "cut short"), (19.5, "cut short")],
)
def test_next_skips_under_half_and_cuts_short_from_half(elapsed: float, outcome: str) -> None:
    engine, clock = make(step("A", 20), step("B", 10))
    run(engine, clock, elapsed)
    assert sig(engine.next()) == [
        ("ended", "A", outcome, 20.0, pytest.approx(elapsed)),
        ("started", "B"),
    ]
    assert engine.state().step_elapsed == 0.0


def test_next_measures_half_against_the_extended_plan() -> None:
    engine, clock = make(step("A", 20), step("B", 10))
    engine.extend()
    run(engine, clock, 20)
    assert sig(engine.next())[0] == ("ended", "A", "skipped", 50.0, 20.0)


# ----------------------------------------------------------------- back


def three_steps() -> tuple[Engine, FakeClock]:
    return make(step("A", 10), step("B", 10), step("C", 10))


def test_back_within_the_grace_goes_to_the_previous_step() -> None:
    engine, clock = three_steps()
    run(engine, clock, 10 + BACK_GRACE_SECONDS - 0.5)
    assert sig(engine.back()) == [("ended", "B", "went back", 10.0, 2.5), ("started", "A")]
    state = engine.state()
    assert (state.index, state.step_elapsed, state.routine_elapsed) == (0, 0.0, 12.5)


def test_back_twice_goes_back_two_steps() -> None:
    engine, clock = three_steps()
    run(engine, clock, 21)
    assert sig(engine.back()) == [("ended", "C", "went back", 10.0, 1.0), ("started", "B")]
    run(engine, clock, 1)
    assert sig(engine.back()) == [("ended", "B", "went back", 10.0, 1.0), ("started", "A")]
    assert engine.state().index == 0


def test_back_after_the_grace_restarts_the_step() -> None:
    engine, clock = three_steps()
    run(engine, clock, 10 + BACK_GRACE_SECONDS)
    assert sig(engine.back()) == [("ended", "B", "restarted", 10.0, 3.0), ("started", "B")]
    state = engine.state()
    assert (state.index, state.step_elapsed, state.shown_seconds) == (1, 0.0, 10)
    assert sig(run(engine, clock, 10)) == [("ended", "B", "done", 10.0, 10.0), ("started", "C")]


def test_back_on_the_first_step_restarts_it() -> None:
    engine, clock = three_steps()
    run(engine, clock, 1)
    assert sig(engine.back()) == [("ended", "A", "restarted", 10.0, 1.0), ("started", "A")]
    assert engine.state().index == 0


def test_back_from_the_right_hold_jumps_over_the_switch() -> None:
    engine, clock = make(step("Calf", 30, sides=True), switch=5)
    run(engine, clock, 35 + 1)
    assert engine.state().step.title == "Calf — right"
    assert sig(engine.back()) == [
        ("ended", "Calf — right", "went back", 30.0, 1.0), ("started", "Calf — left"),
    ]
    assert sig(run(engine, clock, 30)) == [
        ("ended", "Calf — left", "done", 30.0, 30.0),
        ("started", "Switch sides"),
        ("switch", "Switch sides", "right"),
    ]


def test_back_from_the_switch_goes_to_the_left_hold() -> None:
    engine, clock = make(step("Warm", 10), step("Calf", 30, sides=True), switch=5)
    run(engine, clock, 40 + 1)
    assert engine.state().step.switch
    assert sig(engine.back()) == [
        ("ended", "Switch sides", "went back", 5.0, 1.0), ("started", "Calf — left"),
    ]


def test_back_after_the_grace_restarts_the_right_hold_without_a_second_switch() -> None:
    engine, clock = make(step("Calf", 30, sides=True), switch=0)
    run(engine, clock, 30 + 10)
    assert sig(engine.back()) == [
        ("ended", "Calf — right", "restarted", 30.0, 10.0), ("started", "Calf — right"),
    ]


# ----------------------------------------------------------------- stop


def test_stop_mid_routine() -> None:
    engine, clock = three_steps()
    run(engine, clock, 10 + 6)
    assert sig(engine.stop()) == [
        ("ended", "B", "stopped", 10.0, 6.0),
        ("routine ended", "stopped", 16.0),
    ]
    assert engine.status is Status.FINISHED
