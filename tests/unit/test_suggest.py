"""What home suggests: a warm-up that fits the time of day, the cool-down for after the run,
and the cool-down alone right after a warm-up; each with a reason that is true of it."""

from __future__ import annotations

from datetime import datetime

from coach.routine.durations import StepTime
from coach.routine.model import Routine, Step
from coach.routine.suggest import suggest


def routine(routine_id: str, kind: str) -> Routine:
    return Routine(id=routine_id, name=routine_id, kind=kind, summary="",  # type: ignore[arg-type]
                   steps=(Step("Walk", "walk", StepTime(60, 60)),))


ALL = [routine("form-drills", "warm-up"), routine("morning-warm-up", "warm-up"),
       routine("warm-up", "warm-up"), routine("full-cool-down", "cool-down")]
MORNING = datetime(2026, 5, 4, 7, 30)
EVENING = datetime(2026, 5, 4, 18, 0)


def test_a_morning_gets_the_morning_warm_up_and_says_why() -> None:
    first, then = suggest(ALL, MORNING)
    assert first.routine.id == "morning-warm-up" and "longer and gentler" in first.why
    assert then.routine.id == "full-cool-down"


def test_an_evening_gets_the_usual_warm_up() -> None:
    assert [s.routine.id for s in suggest(ALL, EVENING)] == ["warm-up", "full-cool-down"]


def test_without_the_morning_warm_up_another_is_not_called_longer_and_gentler() -> None:
    others = [r for r in ALL if r.id != "morning-warm-up"]
    first = suggest(others, MORNING)[0]
    assert first.routine.id == "form-drills"
    assert "longer and gentler" not in first.why and "morning" in first.why


def test_right_after_a_warm_up_only_the_cool_down() -> None:
    (only,) = suggest(ALL, EVENING, warmed_up_at=datetime(2026, 5, 4, 17, 40))
    assert only.routine.id == "full-cool-down" and "You warmed up at 17:40" in only.why
