"""The outline numbers steps as the player counts them: each side is a step, the pause to
switch sides is not."""

from __future__ import annotations

from coach.routine.durations import StepTime
from coach.routine.model import Routine, Step
from coach.routine.outline import outline
from coach.routine.timeline import expand


def test_each_side_is_numbered_and_the_switch_is_not() -> None:
    routine = Routine(id="r", name="R", kind="stretch", summary="", steps=(
        Step("Walk", "walk", StepTime(60, 60)),
        Step("Calf stretch", "stretch", StepTime(30, 30), sides=True),
        Step("Quad stretch", "stretch", StepTime(30, 30)),
    ))
    timeline = expand(routine)
    rows = outline(timeline)
    assert [row.number for row in rows] == [1, 2, None, 3, 4]
    assert max(row.number or 0 for row in rows) == timeline.step_count
