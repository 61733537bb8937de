"""Which routine to suggest when coach opens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from coach.routine.model import Routine

MORNING_ID = "morning-warm-up"
WARM_UP_ID = "warm-up"
COOL_DOWN_ID = "full-cool-down"


@dataclass(frozen=True)
class Suggestion:
    routine: Routine
    why: str


def _find(routines: Sequence[Routine], wanted: str, kind: str) -> Routine | None:
    by_id = {routine.id: routine for routine in routines}
    if wanted in by_id:
        return by_id[wanted]
    return next((r for r in routines if r.kind == kind), None)


def suggest(
    routines: Sequence[Routine], now: datetime, morning_until: int = 12
) -> list[Suggestion]:
    """A warm-up that fits the time of day, then the cool-down for after the run.

    Before noon the body is still stiff from the night and injuries come easier, so the
    longer, gentler morning warm-up comes first.
    """
    suggestions: list[Suggestion] = []
    if now.hour < morning_until and (morning := _find(routines, MORNING_ID, "warm-up")):
        suggestions.append(
            Suggestion(
                morning,
                "It's morning: your body is still waking up, so warm up longer and gentler.",
            )
        )
    elif warm := _find(routines, WARM_UP_ID, "warm-up"):
        suggestions.append(
            Suggestion(warm, "Before you run: wake up your joints and muscles first.")
        )
    if cool := _find(routines, COOL_DOWN_ID, "cool-down"):
        suggestions.append(
            Suggestion(cool, "Back from a run? Walk it off, stretch, then rub your legs warm.")
        )
    return suggestions
