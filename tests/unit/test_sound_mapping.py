"""Which cue each moment of a routine sounds, alone and as the engine really emits them."""

from __future__ import annotations

import pytest

from coach.play.clock import FakeClock
from coach.play.engine import Engine
from coach.play.events import (
    Countdown,
    EndStatus,
    Event,
    Halfway,
    MinimumReached,
    Outcome,
    Paused,
    Resumed,
    RoutineEnded,
    StepEnded,
    StepStarted,
    SwitchSide,
)
from coach.routine.durations import StepTime
from coach.routine.model import Routine, Step
from coach.routine.timeline import TimelineStep, expand
from coach.sound.mapping import cue_for

HOLD = TimelineStep(index=0, name="Calf stretch", kind="stretch", time=StepTime(30, 30))
SWITCH = TimelineStep(
    index=1, name="Switch sides", kind="rest", time=StepTime(5, 5), side="right", switch=True
)
NEXT = TimelineStep(index=2, name="Calf stretch", kind="stretch", time=StepTime(30, 30),
                    side="right")


def ended(step: TimelineStep = HOLD) -> StepEnded:
    return StepEnded(step, Outcome.DONE, 30.0, 30.0)


@pytest.mark.parametrize(
    ("event", "cue"),
    [
        (StepStarted(HOLD), "start"),
        (Countdown(HOLD, 3), "tick"),
        (Countdown(HOLD, 1), "tick"),
        (Halfway(HOLD), "halfway"),
        (SwitchSide(SWITCH, "right"), "switch"),
        (ended(), "end"),
        (RoutineEnded(EndStatus.COMPLETED, 300.0), "done"),
        (RoutineEnded(EndStatus.STOPPED, 30.0), None),
        (RoutineEnded(EndStatus.INTERRUPTED, 30.0), None),
        (MinimumReached(HOLD), None),
        (Paused(), None),
        (Resumed(), None),
    ],
)
def test_each_event_alone(event: Event, cue: str | None) -> None:
    assert cue_for([event]) == cue


def test_nothing_sounds_for_no_events() -> None:
    assert cue_for([]) is None


def test_a_step_that_starts_right_after_one_ends_sounds_start_only() -> None:
    assert cue_for([ended(), StepStarted(NEXT)]) == "start"


def test_switch_supersedes_the_start_of_the_switch_pause() -> None:
    assert cue_for([ended(), StepStarted(SWITCH), SwitchSide(SWITCH, "right")]) == "switch"


def test_done_supersedes_the_last_step_end() -> None:
    assert cue_for([ended(), RoutineEnded(EndStatus.COMPLETED, 300.0)]) == "done"


def test_a_stopped_routine_ends_silently() -> None:
    assert cue_for([ended(), RoutineEnded(EndStatus.STOPPED, 30.0)]) is None


def test_a_countdown_second_on_the_halfway_point_ticks() -> None:
    assert cue_for([Halfway(HOLD), Countdown(HOLD, 3)]) == "tick"


def test_a_step_sound_replaces_the_start_cue() -> None:
    chime = TimelineStep(index=3, name="Walk", kind="walk", time=StepTime(60, 60), sound="done")
    assert cue_for([StepStarted(chime)]) == "done"


def test_an_unknown_step_sound_falls_back_to_start() -> None:
    odd = TimelineStep(index=3, name="Walk", kind="walk", time=StepTime(60, 60),
                       sound="../../x")
    assert cue_for([StepStarted(odd)]) == "start"


def test_disabled_events_are_silent() -> None:
    assert cue_for([Countdown(HOLD, 2)], enabled=("start", "done")) is None
    assert cue_for([StepStarted(HOLD)], enabled=("tick",)) is None


def test_a_disabled_winner_lets_the_next_enabled_cue_sound() -> None:
    moment: list[Event] = [ended(), StepStarted(SWITCH), SwitchSide(SWITCH, "right")]
    assert cue_for(moment, enabled=("start", "end")) == "start"
    assert cue_for(moment, enabled=("end",)) == "end"


def test_a_step_sound_is_governed_by_start_being_enabled() -> None:
    chime = TimelineStep(index=3, name="Walk", kind="walk", time=StepTime(60, 60), sound="done")
    assert cue_for([StepStarted(chime)], enabled=("done",)) is None


def test_a_routine_with_sides_as_the_engine_plays_it() -> None:
    routine = Routine(
        id="t", name="T", kind="stretch", summary="", countdown=3, switch=5,
        steps=(
            Step(name="Walk", kind="walk", time=StepTime(10, 10)),
            Step(name="Calf stretch", kind="stretch", time=StepTime(20, 20), sides=True),
        ),
    )
    clock = FakeClock()
    engine = Engine(expand(routine), clock)
    heard: list[tuple[int, str]] = []
    cue = cue_for(engine.start())
    if cue:
        heard.append((0, cue))
    for second in range(1, 60):
        clock.advance(1.0)
        cue = cue_for(engine.update())
        if cue:
            heard.append((second, cue))
    assert heard == [
        (0, "start"),                                    # walk, 10 s: too short for halfway
        (7, "tick"), (8, "tick"), (9, "tick"),
        (10, "start"),                                   # left hold, 20 s
        (20, "halfway"), (27, "tick"), (28, "tick"), (29, "tick"),
        (30, "switch"),                                  # switch pause, 5 s, no countdown
        (35, "start"),                                   # right hold, 20 s
        (45, "halfway"), (52, "tick"), (53, "tick"), (54, "tick"),
        (55, "done"),
    ]
