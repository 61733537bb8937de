"""Expanding a routine into the flat list of timed steps the player follows."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from coach.routine.durations import StepTime
from coach.routine.loader import parse_routine
from coach.routine.model import Group, Routine, Step
from coach.routine.timeline import (
    Timeline,
    TimelineStep,
    TotalTime,
    count_expanded,
    expand,
    total_time,
)


def routine(*steps: Step | Group, switch: int = 5, countdown: int = 3) -> Routine:
    return Routine("r", "Routine", "mixed", "", tuple(steps), countdown=countdown, switch=switch)


def fixed(name: str, seconds: int, **kwargs: object) -> Step:
    return Step(name, "move", StepTime(seconds, seconds), **kwargs)  # type: ignore[arg-type]


def test_plain_steps_keep_their_order_and_numbers() -> None:
    timeline = expand(routine(fixed("A", 10), fixed("B", 20)))
    assert [(s.index, s.name, s.entry) for s in timeline] == [(0, "A", 1), (1, "B", 2)]
    assert timeline.routine_id == "r"
    assert len(timeline) == 2


def test_sides_become_left_switch_right() -> None:
    timeline = expand(routine(fixed("Calf stretch", 30, sides=True, cue="Lean in.")))
    assert [(s.title, s.side, s.switch) for s in timeline] == [
        ("Calf stretch — left", "left", False),
        ("Switch sides", "right", True),
        ("Calf stretch — right", "right", False),
    ]
    left, switch, right = timeline
    assert left.time == right.time == StepTime(30, 30)
    assert switch.time == StepTime(5, 5)
    assert switch.kind == "rest"
    assert switch.countdown == 0
    assert "calf stretch, right side" in switch.cue
    assert left.cue == right.cue == "Lean in."
    assert {s.entry for s in timeline} == {1}


def test_routine_switch_time_is_used() -> None:
    timeline = expand(routine(fixed("Hold", 30, sides=True), switch=8))
    assert timeline[1].time == StepTime(8, 8)


def test_zero_switch_means_no_switch_step() -> None:
    timeline = expand(routine(fixed("Hold", 30, sides=True), switch=0))
    assert [s.title for s in timeline] == ["Hold — left", "Hold — right"]
    assert not any(s.switch for s in timeline)


def test_repeats_unroll_with_round_labels() -> None:
    strides = Group("Strides", 3, (fixed("Stride", 20), fixed("Walk back", 40)))
    timeline = expand(routine(fixed("Walk", 60), strides))
    assert [(s.name, s.round_label) for s in timeline] == [
        ("Walk", ""),
        ("Stride", "round 1 of 3"), ("Walk back", "round 1 of 3"),
        ("Stride", "round 2 of 3"), ("Walk back", "round 2 of 3"),
        ("Stride", "round 3 of 3"), ("Walk back", "round 3 of 3"),
    ]
    assert {s.group for s in timeline[1:]} == {"Strides"}
    assert {s.entry for s in timeline[1:]} == {2}
    assert [s.index for s in timeline] == list(range(7))


def test_nested_groups_unroll_fully() -> None:
    inner = Group("Hops", 2, (fixed("Hop", 5),))
    outer = Group("Sets", 2, (inner, fixed("Rest", 10)))
    timeline = expand(routine(outer))
    assert [s.name for s in timeline] == ["Hop", "Hop", "Rest", "Hop", "Hop", "Rest"]
    assert [s.round_label for s in timeline][:3] == ["round 1 of 2", "round 2 of 2",
                                                     "round 1 of 2"]


def test_sides_inside_a_group_keep_the_round() -> None:
    timeline = expand(routine(Group("G", 2, (fixed("Lunge", 10, sides=True),))))
    assert len(timeline) == 6
    assert [s.round for s in timeline] == [1, 1, 1, 2, 2, 2]
    assert timeline[1].switch and timeline[1].round_label == "round 1 of 2"


def test_countdown_comes_from_the_routine_or_the_step() -> None:
    timeline = expand(routine(fixed("A", 10), fixed("B", 10, countdown=0), countdown=5))
    assert [s.countdown for s in timeline] == [5, 0]


def test_sound_is_carried() -> None:
    assert expand(routine(fixed("A", 10, sound="halfway")))[0].sound == "halfway"


@pytest.mark.parametrize("switch", [0, 5])
def test_count_expanded_matches_expand(switch: int) -> None:
    steps = (
        fixed("A", 10, sides=True),
        Group("G", 3, (fixed("B", 5), Group("H", 2, (fixed("C", 5, sides=True),)))),
    )
    assert count_expanded(steps, switch) == len(expand(routine(*steps, switch=switch)))


@pytest.mark.parametrize(
    ("steps", "text"),
    [
        ((fixed("A", 8 * 60), fixed("B", 30)), "8m30s"),
        ((Step("Walk", "walk", StepTime(300, 600)),), "5m..10m"),
        ((fixed("A", 600), Step("Ready", "rest", StepTime(0, None))), "10m + open"),
        ((Step("Ready", "rest", StepTime(0, None)),), "open"),
        ((fixed("A", 60), Step("W", "walk", StepTime(300, 600)),
          Step("R", "rest", StepTime(0, None))), "6m..11m + open"),
    ],
)
def test_total_text(steps: tuple[Step, ...], text: str) -> None:
    assert expand(routine(*steps)).total.text() == text


def test_total_counts_switch_time() -> None:
    total = expand(routine(fixed("Hold", 30, sides=True))).total
    assert total == TotalTime(65, 65, 0)


def test_total_time_of_a_list() -> None:
    steps = list(expand(routine(fixed("A", 10), Step("R", "rest", StepTime(0, None)))))
    assert total_time(steps) == TotalTime(10, 10, 1)


def test_to_dict_from_dict_round_trip() -> None:
    steps = (
        fixed("Calf", 30, sides=True, cue="Lean.", sound="switch", countdown=2),
        Group("Strides", 2, (fixed("Stride", 20),)),
        Step("Walk", "walk", StepTime(300, 600)),
        Step("Ready", "rest", StepTime(0, None)),
    )
    timeline = expand(routine(*steps))
    data = timeline.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert Timeline.from_dict(data) == timeline


def test_step_to_dict_writes_time_as_text() -> None:
    data = expand(routine(Step("W", "walk", StepTime(300, 600))))[0].to_dict()
    assert data["time"] == "5m..10m"
    assert TimelineStep.from_dict(data).time == StepTime(300, 600)


def test_expanding_a_parsed_file() -> None:
    text = textwrap.dedent(
        """
        name = "Calves"
        [defaults]
        switch = "0s"
        [[steps]]
        name = "Calf stretch"
        kind = "stretch"
        time = "30s"
        sides = true
        [[steps]]
        name = "Strides"
        repeat = 2
          [[steps.steps]]
          name = "Stride"
          time = "20s"
        """
    )
    parsed = parse_routine(text, source=Path("calves.toml"), routine_id="calves")
    timeline = expand(parsed)
    assert [s.title for s in timeline] == [
        "Calf stretch — left", "Calf stretch — right", "Stride", "Stride",
    ]
    assert timeline.total.text() == "1m40s"


def test_steps_are_numbered_as_a_runner_counts_them() -> None:
    from coach.routine.durations import StepTime
    from coach.routine.model import Routine, Step
    from coach.routine.timeline import expand

    routine = Routine(
        id="r",
        name="R",
        kind="stretch",
        summary="",
        steps=(
            Step("Walk", "walk", StepTime(60, 60)),
            Step("Calf", "stretch", StepTime(30, 30), sides=True),
            Step("Quad", "stretch", StepTime(30, 30)),
        ),
    )
    timeline = expand(routine)
    assert [s.title for s in timeline] == [
        "Walk", "Calf — left", "Switch sides", "Calf — right", "Quad"
    ]
    assert timeline.step_count == 4
    assert [timeline.step_number(i) for i in range(len(timeline))] == [1, 2, 3, 3, 4]
